//! JSON and JSONL inputs: one article per object.
//!
//! Fields: `title`, `text` or `html` (also `body`/`content` for text),
//! `url`, `outlet` (also `source`/`site`/`publisher` when a string),
//! `published` (also `date`, `published_at`), `byline` (also `author`,
//! `authors`; a string or a list), `language`/`lang`.

use crate::{reject, IngestError};
use parallax_core::{BodyKind, Metadata, RawDoc, Rejected};
use serde_json::{Map, Value};

/// A `.json` file: one object, or an array of objects. Records of an array
/// are named `path#N` (N from 0).
pub(crate) fn read_json(
    source: &str,
    text: &str,
) -> Result<Vec<Result<RawDoc, Rejected>>, IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| IngestError::Json(e.to_string()))?;
    Ok(match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let src = format!("{source}#{i}");
                record(&src, v).map_err(|e| reject(&src, e))
            })
            .collect(),
        v => vec![record(source, v).map_err(|e| reject(source, e))],
    })
}

/// A `.jsonl` file: one object per non-empty line, named `path#N` where N
/// counts records from 0. A bad line is rejected alone.
pub(crate) fn read_jsonl(source: &str, text: &str) -> Vec<Result<RawDoc, Rejected>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let src = format!("{source}#{i}");
            serde_json::from_str::<Value>(line)
                .map_err(|e| IngestError::Json(e.to_string()))
                .and_then(|v| record(&src, v))
                .map_err(|e| reject(&src, e))
        })
        .collect()
}

fn record(source: &str, value: Value) -> Result<RawDoc, IngestError> {
    let Value::Object(obj) = value else {
        return Err(IngestError::Json("expected an object".into()));
    };
    let (kind, body) = if let Some(html) = string(&obj, &["html"]) {
        (BodyKind::Html, html)
    } else if let Some(text) = string(&obj, &["text", "body", "content"]) {
        (BodyKind::Text, text)
    } else {
        return Err(IngestError::NoBody);
    };
    if body.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let meta = Metadata {
        title: string(&obj, &["title", "headline"]),
        url: string(&obj, &["url", "link"]),
        outlet: string(&obj, &["outlet", "source", "site", "publisher"]),
        published: string(
            &obj,
            &["published", "date", "published_at", "datePublished"],
        ),
        byline: names(&obj, &["byline", "author", "authors"]),
        language: string(&obj, &["language", "lang"]),
    };
    Ok(RawDoc {
        source: source.to_string(),
        kind,
        body,
        meta,
    })
}

fn string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| obj.get(*k))
        .find_map(|v| match v {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Object(o) => string(o, &["name"]),
            _ => None,
        })
}

fn names(obj: &Map<String, Value>, keys: &[&str]) -> Vec<String> {
    for key in keys {
        match obj.get(*key) {
            Some(Value::String(s)) if !s.trim().is_empty() => return vec![s.trim().to_string()],
            Some(Value::Array(items)) => {
                let v: Vec<String> = items
                    .iter()
                    .filter_map(|i| match i {
                        Value::String(s) => Some(s.trim().to_string()),
                        Value::Object(o) => string(o, &["name"]),
                        _ => None,
                    })
                    .filter(|s| !s.is_empty())
                    .collect();
                if !v.is_empty() {
                    return v;
                }
            }
            Some(Value::Object(o)) => {
                if let Some(n) = string(o, &["name"]) {
                    return vec![n];
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_with_metadata() {
        let v = read_json(
            "x.json",
            r#"{"title":"Bridge reopens","text":"The bridge reopened.","url":"https://ex.test/b",
               "outlet":"Daily Ex","published":"2023-05-01","byline":["Ana Ruiz","Bo Li"]}"#,
        )
        .unwrap();
        let d = v[0].as_ref().unwrap();
        assert_eq!(d.kind, BodyKind::Text);
        assert_eq!(d.meta.outlet.as_deref(), Some("Daily Ex"));
        assert_eq!(d.meta.byline, ["Ana Ruiz", "Bo Li"]);
        assert_eq!(d.meta.published.as_deref(), Some("2023-05-01"));
    }

    #[test]
    fn array_records_are_numbered_and_bad_ones_rejected_alone() {
        let v = read_json(
            "a.json",
            r#"[{"html":"<p>One</p>"},{"title":"no body"},{"text":"Two","author":{"name":"Kim"}}]"#,
        )
        .unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].as_ref().unwrap().kind, BodyKind::Html);
        let e = v[1].as_ref().unwrap_err();
        assert_eq!(e.source, "a.json#1");
        assert!(e.error.contains("no \"text\""));
        assert_eq!(v[2].as_ref().unwrap().meta.byline, ["Kim"]);
    }

    #[test]
    fn jsonl_bad_line() {
        let v = read_jsonl(
            "f.jsonl",
            "{\"text\":\"a\"}\n\nnot json\n{\"text\":\"b\"}\n",
        );
        assert_eq!(v.len(), 3);
        assert!(v[1].as_ref().unwrap_err().error.contains("malformed JSON"));
        assert_eq!(v[2].as_ref().unwrap().source, "f.jsonl#2");
    }
}
