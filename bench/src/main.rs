//! Benchmark commands, run by the scripts in `bench/` (see docs/benchmarks.md).
//!
//! `parallax-bench extract DIR [--rounds N] [--pred FILE]`: decode and
//! extract every `*.html.gz` page of DIR on one thread, N rounds, and report
//! pages/s and MB/s of raw HTML. Decompression happens before the clock
//! starts (as in the peer script); character decoding and extraction are
//! timed. Writes the predictions of the last round in the format of
//! `score_extraction.py` so the speed and quality come from the same run,
//! and fails if any page gives no text (a fast wrong answer is no result).

mod annotate;
mod reuse;
mod scale;

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        Some("annotate") => annotate::run(&args[1..]),
        Some("reuse") => reuse::run(&args[1..]),
        Some("scale") => scale::run(&args[1..]),
        _ => bail!(
            "usage: parallax-bench extract DIR [--rounds N] [--pred FILE]\n       parallax-bench annotate DIR [--rounds N]"
        ),
    }
}

fn extract(args: &[String]) -> Result<()> {
    let mut dir = None;
    let mut rounds = 3usize;
    let mut pred_path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rounds" => rounds = it.next().context("--rounds N")?.parse()?,
            "--pred" => pred_path = Some(PathBuf::from(it.next().context("--pred FILE")?)),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("missing DIR")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.html.gz pages in {}", dir.display());
    }
    let mut pages = Vec::new();
    for f in &files {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(f)?).read_to_end(&mut raw)?;
        let id = f
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".html.gz")
            .to_string();
        pages.push((id, raw));
    }
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let opts = parallax_ingest::Options::default();
    let mut best = f64::INFINITY;
    let mut pred = serde_json::Map::new();
    for _ in 0..rounds.max(1) {
        pred.clear();
        let t = Instant::now();
        for (id, raw) in &pages {
            let name = format!("{id}.html");
            let text = parallax_ingest::read_bytes(&name, raw, &opts)
                .into_iter()
                .next()
                .and_then(Result::ok)
                .map(|doc| parallax_extract::extract(&doc).text)
                .unwrap_or_default();
            pred.insert(id.clone(), serde_json::json!({ "articleBody": text }));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let empty: Vec<&String> = pred
        .iter()
        .filter(|(_, v)| v["articleBody"].as_str().is_none_or(str::is_empty))
        .map(|(k, _)| k)
        .collect();
    println!(
        "parallax extract: {} pages, {:.1} MB, best of {} rounds {:.3}s = {:.1} pages/s, {:.1} MB/s (one thread)",
        pages.len(),
        bytes as f64 / 1e6,
        rounds,
        best,
        pages.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
    if let Some(p) = pred_path {
        std::fs::write(&p, serde_json::to_vec(&pred)?)?;
    }
    if !empty.is_empty() {
        bail!("{} pages gave no text: {:?}", empty.len(), empty);
    }
    Ok(())
}
