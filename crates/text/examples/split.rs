//! Print the sentences (and, with `--tokens`, the tokens) of files or stdin.
//!
//! `cargo run -p parallax-text --example split -- [--tokens] [FILE...]`

use std::io::Read;

fn main() {
    let mut show_tokens = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--tokens" {
            show_tokens = true;
        } else {
            files.push(arg);
        }
    }
    let mut texts = Vec::new();
    if files.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).expect("read stdin");
        texts.push(s);
    }
    for f in &files {
        texts.push(std::fs::read_to_string(f).expect("read file"));
    }
    for text in &texts {
        for p in parallax_text::paragraphs(text) {
            for s in parallax_text::sentences_in(text, p) {
                println!("[{}]", s.slice(text));
                if show_tokens {
                    let toks: Vec<String> = parallax_text::tokens_in(text, s)
                        .iter()
                        .map(|t| format!("{}:{:?}", t.span.slice(text), t.kind))
                        .collect();
                    println!("    {}", toks.join(" | "));
                }
            }
            println!();
        }
    }
}
