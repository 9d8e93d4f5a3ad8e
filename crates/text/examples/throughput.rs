//! Micro-measure of sentences() + tokens() throughput.
//!
//! `cargo run --release -p parallax-text --example throughput [-- DIR]`
//!
//! Reads every `.txt` file in DIR (default `../shared/seeds` from the
//! workspace root), concatenates them into ~8 MB of text, and reports MB/s
//! for sentences(), tokens(), and both. Also times a few degenerate 1 MB and
//! 4 MB inputs, to show the cost grows linearly.

use std::time::Instant;

fn measure(label: &str, text: &str) {
    let mb = text.len() as f64 / 1e6;
    let t = Instant::now();
    let s = parallax_text::sentences(text);
    let ts = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let k = parallax_text::tokens(text);
    let tk = t.elapsed().as_secs_f64();
    println!(
        "{label:<28} {mb:7.2} MB  sentences {:8.1} MB/s  tokens {:8.1} MB/s  both {:8.1} MB/s  ({} sentences, {} tokens)",
        mb / ts,
        mb / tk,
        mb / (ts + tk),
        s.len(),
        k.len()
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/seeds".to_string());
    let mut seeds = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    seeds.push(t);
                }
            }
        }
    }
    if seeds.is_empty() {
        seeds.push(
            "Rep. Dana Voss, D-N.Y., said on Aug. 18 that the U.S. plan costs $35,000. \
             \"We won!\" she said. The vote is at 5 p.m. Tuesday."
                .to_string(),
        );
    }
    let one = seeds.join("\n\n");
    let reps = (8_000_000 / one.len().max(1)).max(1);
    let big = vec![one.as_str(); reps].join("\n\n");
    for _ in 0..2 {
        measure("seeds x many", &big);
    }
    for n in [1usize << 20, 4 << 20] {
        let tag = if n == 1 << 20 { "1MB" } else { "4MB" };
        measure(&format!("no spaces {tag}"), &"a".repeat(n));
        measure(&format!("only dots {tag}"), &".".repeat(n));
        measure(&format!("quote marks {tag}"), &"\"".repeat(n));
        measure(&format!("initials {tag}"), &"A. ".repeat(n / 3));
        measure(&format!("quote+name {tag}"), &"\"We won!\" ".repeat(n / 10));
    }
}
