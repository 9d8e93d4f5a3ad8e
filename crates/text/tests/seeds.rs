//! Sanity checks on the real articles in the shared seed folder, when it
//! exists beside the repository. The texts themselves are not copied here.

use parallax_text::{paragraphs, sentences, tokens, TokenKind};
use std::path::Path;

fn seed_texts() -> Vec<(String, String)> {
    let dir = Path::new("../../../shared/seeds");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == "txt") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

/// Abbreviations a sentence must never end with when more text follows in
/// the same paragraph.
const NEVER_LAST: &[&str] = &[
    "Rep.", "Sen.", "Gov.", "Dr.", "Mr.", "Mrs.", "Ms.", "D-N.Y.", "Aug.", "Sept.", "No.",
];

#[test]
fn seeds_split_sensibly() {
    let seeds = seed_texts();
    if seeds.is_empty() {
        eprintln!("seed folder not found; skipping");
        return;
    }
    for (name, text) in &seeds {
        let paras = paragraphs(text);
        let sents = sentences(text);
        assert!(
            sents.len() >= paras.len(),
            "{name}: fewer sentences than paragraphs"
        );
        for (i, s) in sents.iter().enumerate() {
            let sent = s.slice(text);
            let para = paras.iter().find(|p| p.start <= s.start && s.end <= p.end);
            let para = para.unwrap_or_else(|| panic!("{name}: sentence outside paragraphs"));
            let more_in_paragraph = s.end < para.end;
            if more_in_paragraph {
                let last = sent.split_whitespace().next_back().unwrap_or("");
                assert!(
                    !NEVER_LAST.contains(&last),
                    "{name}: sentence {i} ends with abbreviation {last:?}: {sent:?}"
                );
                let next = text[s.end..].trim_start();
                assert!(
                    !next.starts_with(|c: char| c.is_lowercase()),
                    "{name}: sentence {i} ends before lowercase: {sent:?}"
                );
            }
            // No sentence starts with a closing quote or with the name that
            // follows a title abbreviation.
            assert!(
                !sent.starts_with(['”', '’', ')']),
                "{name}: sentence {i} starts with a closer: {sent:?}"
            );
        }
        // Tokens: the seeds contain a handle, decimals-free numbers with
        // separators, and hyphenated names; nothing may be lost.
        let toks = tokens(text);
        assert!(!toks.is_empty());
        for t in &toks {
            let s = t.span.slice(text);
            if t.kind == TokenKind::Punct {
                assert_eq!(s.chars().count(), 1, "{name}: multi-char punct {s:?}");
            }
            if s.contains('-') && t.kind == TokenKind::Word {
                assert!(!s.starts_with('-') && !s.ends_with('-'), "{name}: {s:?}");
            }
        }
    }
    // Across all seeds, a few shapes that must come out whole.
    let all: String = seeds
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let words: Vec<&str> = tokens(&all).iter().map(|t| t.span.slice(&all)).collect();
    for want in ["Ocasio-Cortez", "D-N.Y.", "25,000", "35,000", "U.S."] {
        if all.contains(want) {
            assert!(words.contains(&want), "token {want:?} not found whole");
        }
    }
}
