//! Output: the `extract` records and the `analyze` report (JSON and text).
//! Field names follow docs/report-format.md and never change.

use crate::pipeline::Run;
use anyhow::Result;
use parallax_core::{Article, Rejected, Removed};
use parallax_story::Story;
use serde::Serialize;
use std::io::Write;

/// One `extract` record: the article without its text model.
#[derive(Serialize)]
struct ExtractRecord<'a> {
    source: &'a str,
    id: &'a str,
    outlet: &'a Option<String>,
    title: &'a Option<String>,
    byline: &'a [String],
    published: &'a Option<String>,
    url: &'a Option<String>,
    language: &'a Option<String>,
    text: &'a str,
    removed: &'a [Removed],
}

fn record(entry: &Result<Article, Rejected>) -> serde_json::Value {
    match entry {
        Ok(a) => serde_json::to_value(ExtractRecord {
            source: &a.source,
            id: &a.id,
            outlet: &a.outlet,
            title: &a.title,
            byline: &a.byline,
            published: &a.published,
            url: &a.url,
            language: &a.language,
            text: &a.text,
            removed: &a.removed,
        }),
        Err(r) => serde_json::to_value(r),
    }
    .unwrap_or(serde_json::Value::Null)
}

pub fn write_extract_jsonl(run: &Run, w: &mut dyn Write) -> Result<()> {
    for entry in &run.entries {
        serde_json::to_writer(&mut *w, &record(entry))?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

pub fn write_extract_json(run: &Run, w: &mut dyn Write) -> Result<()> {
    let all: Vec<serde_json::Value> = run.entries.iter().map(record).collect();
    serde_json::to_writer_pretty(&mut *w, &all)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// The `analyze` report.
#[derive(Serialize)]
pub struct Report<'a> {
    pub articles: Vec<&'a Article>,
    pub rejected: Vec<&'a Rejected>,
    pub stories: Vec<Story<'a>>,
}

impl<'a> Report<'a> {
    pub fn build(run: &'a Run, opts: &parallax_story::Options) -> Self {
        Report {
            articles: run.articles().collect(),
            rejected: run.rejected().collect(),
            stories: crate::pipeline::grouped_stories(run.annotated(), opts),
        }
    }
}

pub fn write_json(rep: &Report, w: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *w, rep)?;
    w.write_all(b"\n")?;
    Ok(())
}

pub fn write_text(rep: &Report, w: &mut dyn Write) -> Result<()> {
    writeln!(
        w,
        "{} articles, {} rejected, {} stories",
        rep.articles.len(),
        rep.rejected.len(),
        rep.stories.len()
    )?;
    for a in &rep.articles {
        writeln!(w)?;
        writeln!(
            w,
            "{}  {}",
            a.id,
            a.title.as_deref().unwrap_or("(untitled)")
        )?;
        writeln!(
            w,
            "  outlet: {}   published: {}   byline: {}",
            a.outlet.as_deref().unwrap_or("-"),
            a.published.as_deref().unwrap_or("-"),
            if a.byline.is_empty() {
                "-".to_string()
            } else {
                a.byline.join(", ")
            }
        )?;
        writeln!(w, "  source: {}", a.source)?;
        if let Some(url) = &a.url {
            writeln!(w, "  url: {url}")?;
        }
        writeln!(
            w,
            "  {} paragraphs, {} sentences, {} words, language {}",
            a.paragraphs.len(),
            a.sentences.len(),
            a.text.split_whitespace().count(),
            a.language.as_deref().unwrap_or("?")
        )?;
        if let Some(first) = a.sentences.first() {
            writeln!(w, "  lead: {}", first.slice(&a.text))?;
        }
        for r in &a.removed {
            writeln!(w, "  removed ({}): {}", r.reason, clip(&r.text, 100))?;
        }
    }
    for s in &rep.stories {
        if s.quotes.is_empty() && s.entities.is_empty() {
            continue;
        }
        writeln!(w)?;
        writeln!(w, "story {}  {}", s.id, s.title.unwrap_or("(untitled)"))?;
        let names: Vec<&str> = s.entities.iter().take(12).map(|e| e.name).collect();
        writeln!(w, "  entities: {}", names.join("; "))?;
        for q in &s.quotes {
            writeln!(
                w,
                "  quote ({}): \"{}\"",
                q.speaker.unwrap_or("unknown speaker"),
                clip(q.text, 90)
            )?;
        }
        let facts: Vec<String> = s
            .facts
            .iter()
            .take(12)
            .map(|f| {
                format!(
                    "{} = {}",
                    f.text,
                    serde_json::to_string(f.value).unwrap_or_default()
                )
            })
            .collect();
        if !facts.is_empty() {
            writeln!(w, "  facts: {}", facts.join("; "))?;
        }
    }
    if !rep.rejected.is_empty() {
        writeln!(w)?;
        writeln!(w, "rejected:")?;
        for r in &rep.rejected {
            writeln!(w, "  {}: {}", r.source, r.error)?;
        }
    }
    Ok(())
}

fn clip(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() <= max {
        return s;
    }
    let cut = parallax_core::floor_char_boundary(&s, max);
    format!("{}…", &s[..cut])
}
