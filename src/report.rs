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
        let t = std::time::Instant::now();
        let stories = crate::pipeline::grouped_stories(run, opts);
        tracing::info!(stories_ms = t.elapsed().as_millis() as u64, "stage times");
        Report {
            articles: run.articles().collect(),
            rejected: run.rejected().collect(),
            stories,
        }
    }
}

pub fn write_json(rep: &Report, w: &mut dyn Write) -> Result<()> {
    // serde_json writes in many small pieces: buffer them here, where the
    // writer's type is known, rather than make each a dynamic call on `w`.
    let mut buf = std::io::BufWriter::with_capacity(1 << 20, w);
    serde_json::to_writer_pretty(&mut buf, rep)?;
    buf.write_all(b"\n")?;
    buf.flush()?;
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
    // Short labels for citations: A1, A2... in report order.
    let label: std::collections::BTreeMap<&str, String> = rep
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), format!("A{}", i + 1)))
        .collect();
    let lab = |id: &str| label.get(id).cloned().unwrap_or_else(|| id.to_string());
    let cites = |ids: &mut dyn Iterator<Item = &str>| {
        let mut v: Vec<String> = ids.map(&lab).collect();
        v.dedup();
        format!("[{}]", v.join(","))
    };
    for s in &rep.stories {
        writeln!(w)?;
        writeln!(w, "== story {}  {}", s.id, s.title.unwrap_or("(untitled)"))?;
        let outlets: Vec<String> = s
            .articles
            .iter()
            .map(|id| {
                let outlet = rep
                    .articles
                    .iter()
                    .find(|a| a.id == *id)
                    .and_then(|a| a.outlet.as_deref())
                    .unwrap_or("?");
                format!("{} {}", lab(id), outlet)
            })
            .collect();
        writeln!(w, "  articles: {}", outlets.join("; "))?;
        if !s.summary.is_empty() {
            writeln!(w, "  summary:")?;
            for x in &s.summary {
                writeln!(
                    w,
                    "    - {} {}",
                    clip(x.text, 160),
                    cites(&mut x.citations.iter().map(|c| c.article))
                )?;
            }
        }
        for d in &s.discrepancies {
            writeln!(w, "  discrepancy ({}):", d.about)?;
            for c in &d.claims {
                writeln!(
                    w,
                    "    {} says \"{}\" ({})",
                    lab(c.article),
                    c.text,
                    c.value
                )?;
            }
        }
        for q in &s.quotes {
            let arts = cites(&mut q.occurrences.iter().map(|o| o.article));
            writeln!(
                w,
                "  quote ({}): \"{}\" {}{}",
                q.speaker.unwrap_or("unknown speaker"),
                clip(q.text, 100),
                arts,
                if q.speaker_conflict {
                    format!("  SPEAKERS DIFFER: {}", q.speakers.join(" / "))
                } else {
                    String::new()
                }
            )?;
            for o in &q.occurrences {
                if o.variant == parallax_story::VariantKind::Exact {
                    continue;
                }
                let changes: Vec<String> = o
                    .changes
                    .iter()
                    .map(|c| format!("\"{}\" -> \"{}\"", clip(c.from, 40), clip(c.to, 40)))
                    .collect();
                writeln!(
                    w,
                    "      {} {:?}{}",
                    lab(o.article),
                    o.variant,
                    if changes.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", changes.join("; "))
                    }
                )?;
            }
        }
        for r in &s.reuse {
            writeln!(
                w,
                "  reuse: {} derived from {} ({:?}, score {:.2}, {} passages)",
                lab(r.derived),
                lab(r.source),
                r.kind,
                r.score,
                r.passages.len()
            )?;
        }
        for f in &s.framing {
            if f.loaded_terms.is_empty() {
                continue;
            }
            let terms: Vec<&str> = f.loaded_terms.iter().map(|t| t.term).collect();
            writeln!(w, "  loaded terms {}: {}", lab(f.article), terms.join(", "))?;
        }
        if !s.timeline.is_empty() {
            writeln!(w, "  timeline:")?;
            for t in &s.timeline {
                writeln!(
                    w,
                    "    {:<10} {} {}",
                    t.date,
                    clip(t.text, 110),
                    cites(&mut t.citations.iter().map(|c| c.article))
                )?;
            }
        }
        let names: Vec<&str> = s.entities.iter().take(12).map(|e| e.name).collect();
        if !names.is_empty() {
            writeln!(w, "  entities: {}", names.join("; "))?;
        }
        let agreed: Vec<String> = s
            .facts
            .iter()
            .filter(|f| f.articles.len() > 1)
            .take(12)
            .map(|f| format!("{} {}", f.text, cites(&mut f.articles.iter().copied())))
            .collect();
        if !agreed.is_empty() {
            writeln!(
                w,
                "  facts stated by several articles: {}",
                agreed.join("; ")
            )?;
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
