//! Run the HTML extractor over a folder of `*.html.gz` (or `*.html`) pages and
//! write `{"<page id>": {"articleBody": "..."}}` for `score_extraction.py`.
//!
//! ```text
//! cargo run --release -p parallax-extract --example extract_dump -- HTML_DIR OUT.json [--meta]
//! ```
//! Prints the pages/s and MB/s of the extraction loop alone (pages already in
//! memory and decompressed), one thread. `--meta` also writes title, byline,
//! date, outlet, url and language for each page.

use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: extract_dump HTML_DIR OUT.json [--meta] [--repeat N]");
        std::process::exit(2);
    }
    let with_meta = args.iter().any(|a| a == "--meta");
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        .max(1);
    let mut paths: Vec<_> = std::fs::read_dir(&args[1])
        .expect("read html dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".html.gz") || n.ends_with(".html")
        })
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in &paths {
        let raw = std::fs::read(p).expect("read page");
        let bytes = if p.to_string_lossy().ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .expect("gunzip");
            out
        } else {
            raw
        };
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let id = name.split('.').next().unwrap_or("").to_string();
        docs.push((id, decode(&bytes)));
    }
    let total_bytes: usize = docs.iter().map(|(_, h)| h.len()).sum();
    let mut results = Vec::with_capacity(docs.len());
    let t = Instant::now();
    for round in 0..repeat {
        for (id, html) in &docs {
            let ex = parallax_extract::html::extract_html(html, None);
            if round == 0 {
                results.push((id.clone(), ex));
            }
        }
    }
    let secs = t.elapsed().as_secs_f64() / repeat as f64;
    let mut map = serde_json::Map::new();
    for (id, ex) in results {
        let mut o = serde_json::Map::new();
        o.insert("articleBody".into(), ex.text.into());
        if with_meta {
            let m = &ex.meta;
            o.insert("title".into(), m.title.clone().into());
            o.insert("byline".into(), m.byline.clone().into());
            o.insert("published".into(), m.published.clone().into());
            o.insert("outlet".into(), m.outlet.clone().into());
            o.insert("url".into(), m.url.clone().into());
            o.insert("language".into(), m.language.clone().into());
            let removed: Vec<serde_json::Value> = ex
                .removed
                .iter()
                .map(|r| serde_json::json!({"text": r.text, "reason": r.reason}))
                .collect();
            o.insert("removed".into(), removed.into());
        }
        map.insert(id, serde_json::Value::Object(o));
    }
    std::fs::write(&args[2], serde_json::to_string(&map).expect("json")).expect("write output");
    println!(
        "{} pages, {:.1} MB in {:.3}s = {:.1} pages/s, {:.1} MB/s (extraction loop, one thread)",
        docs.len(),
        total_bytes as f64 / 1e6,
        secs,
        docs.len() as f64 / secs,
        total_bytes as f64 / 1e6 / secs
    );
}

/// UTF-8, lossily; pages that declare a single-byte Latin charset and are not
/// valid UTF-8 are read as Windows-1252 (a tiny stand-in for real decoding).
fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let latin = ["iso-8859-1", "windows-1252", "latin1", "latin-1"]
        .iter()
        .any(|c| {
            head.contains(&format!("charset={c}")) || head.contains(&format!("charset=\"{c}"))
        });
    if latin {
        bytes.iter().map(|&b| cp1252(b)).collect()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}
