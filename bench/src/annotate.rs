//! `parallax-bench annotate DIR [--rounds N]`: the per-article stage over
//! every `*.txt` under DIR (the PolNeAR train texts), on one thread.
//!
//! Files are read before the clock starts. Each is turned into an article
//! the way the CLI does for plain text (ingest -> extract -> paragraphs and
//! sentences), then `parallax_annotate::annotate` runs over all of them.
//! Two timings, each the best of N rounds:
//!
//! - *annotate*: the annotation stage alone, on prebuilt articles;
//! - *per-article path*: extract + text model (paragraphs, sentences) +
//!   annotation, from the raw bytes.
//!
//! Throughput is given in articles/s and MB/s of input text (the UTF-8
//! bytes of the files, the same measure the spaCy peer uses). Every
//! round checks inside the timed loop that the results are plausible (some
//! entities, quotes and facts), so a fast wrong answer fails the run.

use anyhow::{bail, Context, Result};
use parallax_core::Article;
use parallax_extract::extract;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: &[String]) -> Result<()> {
    let mut dir = None;
    let mut rounds = 3usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rounds" => rounds = it.next().context("--rounds N")?.parse()?,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("missing DIR")?;
    let mut files = Vec::new();
    collect_txt(&dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        bail!("no *.txt files under {}", dir.display());
    }
    let mut raws = Vec::new();
    for f in &files {
        let name = f.to_string_lossy().into_owned();
        raws.push((name, std::fs::read(f)?));
    }
    let opts = parallax_ingest::Options::default();
    let rounds = rounds.max(1);

    // Articles once, untimed, for the annotate-only figure.
    let articles: Vec<Article> = raws
        .iter()
        .filter_map(|(name, raw)| build(name, raw, &opts))
        .collect();
    if articles.len() != raws.len() {
        bail!(
            "{} of {} files gave no article",
            raws.len() - articles.len(),
            raws.len()
        );
    }
    // MB of the input files: the same bytes the spaCy peer is given.
    let mb = raws.iter().map(|(_, r)| r.len()).sum::<usize>() as f64 / 1e6;
    let n = articles.len() as f64;

    let mut best = f64::INFINITY;
    let mut totals = Totals::default();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut tot = Totals::default();
        for a in &articles {
            tot.add(&parallax_annotate::annotate(a));
        }
        tot.check()?;
        best = best.min(t.elapsed().as_secs_f64());
        totals = tot;
    }
    println!(
        "parallax annotate: {} articles, {:.2} MB, {} entities, {} mentions, {} quotes, {} facts; \
         best of {} rounds {:.3}s = {:.1} articles/s, {:.3} MB/s (one thread)",
        articles.len(),
        mb,
        totals.entities,
        totals.mentions,
        totals.quotes,
        totals.facts,
        rounds,
        best,
        n / best,
        mb / best
    );

    let mut best_all = f64::INFINITY;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut tot = Totals::default();
        for (name, raw) in &raws {
            let Some(a) = build(name, raw, &opts) else {
                bail!("{name}: no article");
            };
            tot.add(&parallax_annotate::annotate(&a));
        }
        tot.check()?;
        best_all = best_all.min(t.elapsed().as_secs_f64());
    }
    println!(
        "parallax per-article path (extract + sentences + annotate): best of {} rounds {:.3}s = \
         {:.1} articles/s, {:.3} MB/s (one thread)",
        rounds,
        best_all,
        n / best_all,
        mb / best_all
    );
    Ok(())
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            collect_txt(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// One plain-text file to an article, as the CLI's pipeline builds it.
fn build(name: &str, raw: &[u8], opts: &parallax_ingest::Options) -> Option<Article> {
    let doc = parallax_ingest::read_bytes(name, raw, opts)
        .into_iter()
        .next()?
        .ok()?;
    let ex = extract(&doc);
    if ex.text.trim().is_empty() {
        return None;
    }
    Some(parallax_text::article(doc.source, ex))
}

#[derive(Default)]
struct Totals {
    entities: usize,
    mentions: usize,
    quotes: usize,
    facts: usize,
}

impl Totals {
    fn add(&mut self, a: &parallax_annotate::Annotations) {
        self.entities += a.entities.len();
        self.mentions += a.entities.iter().map(|e| e.mentions.len()).sum::<usize>();
        self.quotes += a.quotes.len();
        self.facts += a.facts.len();
    }

    fn check(&self) -> Result<()> {
        if self.entities == 0 || self.mentions == 0 || self.quotes == 0 || self.facts == 0 {
            bail!(
                "implausible result: {} entities, {} mentions, {} quotes, {} facts",
                self.entities,
                self.mentions,
                self.quotes,
                self.facts
            );
        }
        Ok(())
    }
}
