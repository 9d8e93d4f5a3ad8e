//! Development aid: run the extractor on one page (`.html` or `.html.gz`).
use std::io::Read;
fn main() {
    let p = std::env::args().nth(1).expect("path");
    let raw = std::fs::read(&p).expect("read");
    let mut out = Vec::new();
    if p.ends_with(".gz") {
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .expect("gz");
    } else {
        out = raw;
    }
    let html = String::from_utf8_lossy(&out);
    let ex = parallax_extract::html::extract_html(&html, None);
    println!("{:#?}", ex.meta);
    println!("--- text\n{}", ex.text);
    for r in ex.removed {
        println!(
            "--- removed [{}] {}",
            r.reason,
            r.text.chars().take(100).collect::<String>()
        );
    }
}
