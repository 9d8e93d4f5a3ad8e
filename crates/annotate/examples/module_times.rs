//! Time each annotator separately over a directory of plain-text articles:
//! `cargo run --release -p parallax-annotate --example module_times -- DIR`.
use parallax_annotate::{entities, numbers, quotes, temporal};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).expect("read dir") {
        let p = e.expect("entry").path();
        if let Ok(t) = std::fs::read_to_string(&p) {
            texts.push(t);
        }
    }
    texts.sort();
    let t = Instant::now();
    let sents: Vec<_> = texts.iter().map(|t| parallax_text::sentences(t)).collect();
    println!("sentences {:.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let ents: Vec<_> = texts
        .iter()
        .zip(&sents)
        .map(|(t, s)| entities::find_entities(t, s))
        .collect();
    println!("entities  {:.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .zip(&sents)
        .zip(&ents)
        .map(|((t, s), e)| quotes::find_quotes(t, s, e).len())
        .sum();
    println!("quotes    {:.3}s ({n})", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .zip(&sents)
        .map(|(t, s)| numbers::find_numbers(t, s).len())
        .sum();
    println!("numbers   {:.3}s ({n})", t.elapsed().as_secs_f64());
    let d = chrono::NaiveDate::from_ymd_opt(2016, 10, 1);
    // Twice: the first pass also compiles the patterns and fills the
    // regex engine's lazy DFA caches.
    for pass in ["cold", "warm"] {
        let t = Instant::now();
        let n: usize = texts
            .iter()
            .zip(&sents)
            .map(|(t, s)| temporal::find_times(t, s, d).len())
            .sum();
        println!("temporal  {:.3}s ({n}, {pass})", t.elapsed().as_secs_f64());
    }
}
