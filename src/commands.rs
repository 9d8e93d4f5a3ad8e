//! The collection commands: `add`, `stories`, `show`, `search`, `check`.
//! Each opens the collection directory, does one thing and prints it.

use crate::collection::{self, BatchReport, Collection};
use crate::{pipeline, report, sources};
use anyhow::{bail, Context, Result};
use parallax_annotate::Annotations;
use parallax_core::{Article, RawDoc, Rejected};
use parallax_store::Store;
use std::io::Write;
use std::path::Path;

/// Options of `parallax add`.
pub struct AddOptions {
    pub ingest: parallax_ingest::Options,
    pub batch: usize,
    pub quiet: bool,
    pub story: parallax_story::Options,
    pub fetch: sources::FetchSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m").unwrap().as_secs(), 900);
        assert_eq!(parse_duration("2h").unwrap().as_secs(), 7200);
        assert_eq!(parse_duration("250ms").unwrap().as_millis(), 250);
        assert_eq!(parse_duration("30").unwrap().as_secs(), 30);
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("").is_err());
    }
}

/// Totals of an `add` run.
#[derive(Debug, Default, Clone, Copy)]
pub struct AddTotals {
    pub added: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub batches: usize,
}

impl AddTotals {
    fn take(&mut self, rep: &BatchReport) {
        self.added += rep.added.len();
        self.duplicates += rep.duplicates.len();
        self.rejected += rep.rejected.len();
        self.batches += 1;
    }
}

/// Print one committed batch: a line per input on stdout, flushed at once,
/// so that whoever reads it knows exactly what is stored.
fn print_batch(rep: &BatchReport, out: &mut dyn Write) -> Result<()> {
    for a in &rep.added {
        writeln!(out, "added\t{}\t{}\t{}", a.id, a.story, a.source)?;
    }
    for (source, of) in &rep.duplicates {
        writeln!(out, "duplicate\t{of}\t{source}")?;
    }
    for r in &rep.rejected {
        writeln!(out, "rejected\t{}\t{}", r.source, r.error)?;
    }
    out.flush()?;
    Ok(())
}

/// `parallax add PATH|URL...`
pub fn add(dir: &Path, args: &[String], opts: &AddOptions) -> Result<AddTotals> {
    let mut coll = Collection::open(dir, opts.story.clone())?;
    let mut sources = sources::Sources::new(
        &opts.fetch,
        opts.ingest.clone(),
        Store::open_read_only(dir)?,
    );
    let totals = add_from(&mut coll, &mut sources, args, opts.batch)?;
    coll.finish()?;
    if !opts.quiet {
        let c = coll.store().counts()?;
        eprintln!(
            "{} added, {} duplicates, {} rejected; the collection holds {} articles in {} stories",
            totals.added, totals.duplicates, totals.rejected, c.articles, c.stories
        );
    }
    Ok(totals)
}

/// Read every argument through `sources` and add what comes in batches of
/// `batch` documents, printing each batch once committed.
pub fn add_from(
    coll: &mut Collection,
    sources: &mut sources::Sources,
    args: &[String],
    batch: usize,
) -> Result<AddTotals> {
    let batch = batch.max(1);
    let mut totals = AddTotals::default();
    let stdout = std::io::stdout();
    let mut pending: Vec<Result<RawDoc, Rejected>> = Vec::new();
    let mut known: Vec<(String, String)> = Vec::new();
    {
        let mut flush = |pending: &mut Vec<Result<RawDoc, Rejected>>,
                         known: &mut Vec<(String, String)>|
         -> Result<()> {
            let mut rep = coll.add_batch(std::mem::take(pending))?;
            rep.duplicates.append(known);
            print_batch(&rep, &mut stdout.lock())?;
            totals.take(&rep);
            Ok(())
        };
        for arg in args {
            sources.read(arg, &mut |item| {
                match item {
                    sources::Item::Doc(d) => pending.push(d),
                    sources::Item::Known(source, id) => known.push((source, id)),
                }
                if pending.len() >= batch {
                    flush(&mut pending, &mut known)?;
                }
                Ok(())
            })?;
        }
        if !pending.is_empty() || !known.is_empty() {
            flush(&mut pending, &mut known)?;
        }
    }
    for (url, v) in sources.take_validators() {
        coll.store().remember_validators(&url, &v)?;
    }
    Ok(totals)
}

/// `parallax watch FEEDS.txt`: poll the feeds (URLs or files, one per line,
/// `#` comments) every `every`, adding new articles; `once` stops after one
/// round. Feeds are fetched with conditional GET, and item pages already
/// in the collection are not fetched again.
pub fn watch(
    dir: &Path,
    list: &Path,
    every: std::time::Duration,
    once: bool,
    opts: &AddOptions,
) -> Result<AddTotals> {
    let mut coll = Collection::open(dir, opts.story.clone())?;
    let mut all = AddTotals::default();
    for round in 1.. {
        let started = std::time::Instant::now();
        let text = std::fs::read_to_string(list)
            .with_context(|| format!("{}: cannot read the feed list", list.display()))?;
        let feeds: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        if feeds.is_empty() {
            bail!("{}: no feeds listed", list.display());
        }
        let mut sources = sources::Sources::new(
            &opts.fetch,
            opts.ingest.clone(),
            Store::open_read_only(dir)?,
        );
        let t = add_from(&mut coll, &mut sources, &feeds, opts.batch)?;
        coll.finish()?;
        all.added += t.added;
        all.duplicates += t.duplicates;
        all.rejected += t.rejected;
        if !opts.quiet {
            let c = coll.store().counts()?;
            eprintln!(
                "round {round}: {} feeds, {} added, {} already held, {} rejected; {} articles in {} stories",
                feeds.len(),
                t.added,
                t.duplicates,
                t.rejected,
                c.articles,
                c.stories
            );
        }
        if once {
            break;
        }
        std::thread::sleep(every.saturating_sub(started.elapsed()));
    }
    Ok(all)
}

/// `15m`, `30s`, `1h`, `500ms`, or plain seconds.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("not a duration: {s:?}"))?;
    let secs = match unit {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("unknown unit in {s:?} (use ms, s, m or h)")),
    };
    if !secs.is_finite() || secs < 0.0 {
        return Err(format!("not a duration: {s:?}"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// `parallax stories`
pub fn stories(dir: &Path, limit: usize, format: ListFormat, w: &mut dyn Write) -> Result<()> {
    let store = Store::open_read_only(dir)?;
    let rows = store.stories(limit, 0)?;
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &rows)?;
            writeln!(w)?;
        }
        ListFormat::Text => {
            let c = store.counts()?;
            writeln!(w, "{} stories, {} articles", c.stories, c.articles)?;
            for r in rows {
                let days = match (&r.first_day, &r.last_day) {
                    (Some(a), Some(b)) if a == b => a.clone(),
                    (Some(a), Some(b)) => format!("{a}..{b}"),
                    _ => "undated".into(),
                };
                writeln!(
                    w,
                    "{}  {:>3} articles  {:<22}  {}",
                    r.id,
                    r.size,
                    days,
                    r.title.as_deref().unwrap_or("(untitled)")
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Html,
}

/// `parallax show ID`: a story (by story id, or by the id of one of its
/// articles).
pub fn show(
    dir: &Path,
    id: &str,
    format: ShowFormat,
    opts: &parallax_story::Options,
    w: &mut dyn Write,
) -> Result<()> {
    let store = Store::open_read_only(dir)?;
    let story = match store.story_row(id)? {
        Some(r) => r.id,
        None => match store.article(id)? {
            Some(a) => a
                .story
                .with_context(|| format!("article {id} is not in a story yet"))?,
            None => bail!("{id}: no such story or article in {}", dir.display()),
        },
    };
    match format {
        ShowFormat::Json => {
            let json = store.story_json(&story)?.unwrap_or_default();
            let arts = store.story_articles(&story)?;
            let value = serde_json::json!({
                "story": serde_json::from_str::<serde_json::Value>(&json)?,
                "articles": arts.iter().map(|a| &a.article).collect::<Vec<_>>(),
                "events": store.events(&story)?,
            });
            serde_json::to_writer_pretty(&mut *w, &value)?;
            writeln!(w)?;
        }
        ShowFormat::Html => {
            w.write_all(store.story_page(&story)?.unwrap_or_default().as_bytes())?;
        }
        ShowFormat::Text => {
            let arts: Vec<Article> = store
                .story_articles(&story)?
                .into_iter()
                .map(|a| a.article)
                .collect();
            let refs: Vec<&Article> = arts.iter().collect();
            let mut anns: Vec<Annotations> = refs
                .iter()
                .map(|a| parallax_annotate::annotate(a))
                .collect();
            pipeline::redate_group(&refs, &mut anns);
            let group: Vec<(&Article, &Annotations)> = refs.iter().copied().zip(&anns).collect();
            let mut s = parallax_story::build_story(&group, opts);
            s.id = story.clone();
            let rep = report::Report {
                articles: refs,
                rejected: Vec::new(),
                stories: vec![s],
            };
            report::write_text(&rep, w)?;
            for e in store.events(&story)? {
                writeln!(
                    w,
                    "event: {} {} <- {} (batch {})",
                    e.kind, e.story, e.other, e.seq
                )?;
            }
        }
    }
    Ok(())
}

/// `parallax search QUERY`
pub fn search(
    dir: &Path,
    q: &parallax_search::Query,
    format: ListFormat,
    w: &mut dyn Write,
) -> Result<()> {
    let store = Store::open_read_only(dir)?;
    let index = parallax_search::Index::open(&dir.join(collection::INDEX_DIR))
        .with_context(|| format!("{}: no search index", dir.display()))?;
    if index.seq().unwrap_or(0) != store.seq()? {
        tracing::warn!(
            "the search index is behind the store; run `parallax add` or `parallax check --repair`"
        );
    }
    let hits = index.search(q)?;
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &hits)?;
            writeln!(w)?;
        }
        ListFormat::Text => {
            writeln!(w, "{} hits", hits.len())?;
            for h in &hits {
                let kind = serde_json::to_value(h.kind)?;
                let kind = kind.as_str().unwrap_or("?");
                let whom = h.speaker.as_deref().or(h.outlet.as_deref()).unwrap_or("-");
                let body = h.snippet.as_deref().unwrap_or(&h.text);
                let body: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
                let span = match (h.start, h.end) {
                    (Some(s), Some(e)) => format!(" [{s}..{e}]"),
                    _ => String::new(),
                };
                writeln!(
                    w,
                    "{kind:<7} {:<8.3} {}{}  story {}  {}: {}",
                    h.score,
                    h.article.as_deref().or(h.entity.as_deref()).unwrap_or("-"),
                    span,
                    h.story.as_deref().unwrap_or("-"),
                    whom,
                    body
                )?;
            }
        }
    }
    Ok(())
}

/// `parallax check`: the store's integrity check (an error when it fails)
/// and whether the search index is in step; `repair` rebuilds the index
/// when it is not.
pub fn check(dir: &Path, repair: bool, w: &mut dyn Write) -> Result<bool> {
    let store = if repair {
        Store::open(dir)?
    } else {
        Store::open_read_only(dir)?
    };
    store.integrity_check()?;
    let c = store.counts()?;
    writeln!(
        w,
        "store ok: schema {}, batch {}, {} articles, {} stories, {} quotes, {} entities, {} rejected",
        store.version()?,
        c.seq,
        c.articles,
        c.stories,
        c.quotes,
        c.entities,
        c.rejected
    )?;
    let path = dir.join(collection::INDEX_DIR);
    let in_step = match parallax_search::Index::open(&path) {
        Ok(ix) => ix.seq().ok() == Some(c.seq),
        Err(_) => false,
    };
    if in_step {
        writeln!(w, "search index ok: batch {}", c.seq)?;
        return Ok(true);
    }
    if repair {
        collection::sync_index(dir, &store)?;
        writeln!(w, "search index rebuilt to batch {}", c.seq)?;
        return Ok(true);
    }
    // Not corruption: the next `add` (or `check --repair`) rebuilds it.
    writeln!(
        w,
        "search index behind the store (rebuilt by the next add, or run `parallax check --repair`)"
    )?;
    Ok(true)
}
