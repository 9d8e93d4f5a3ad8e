#![no_main]
//! The per-article annotation stage on arbitrary text: no panic, and every
//! entity mention, quote, speaker and fact span is in bounds and on char
//! boundaries.
use libfuzzer_sys::fuzz_target;
use parallax_core::Span;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(&data[..data.len().min(64 * 1024)]).into_owned();
    let article = parallax_core::Article {
        id: "a0".into(),
        source: "fuzz".into(),
        outlet: None,
        title: None,
        byline: Vec::new(),
        published: Some("2024-02-29".into()),
        url: None,
        language: None,
        paragraphs: parallax_text::paragraphs(&text),
        sentences: parallax_text::sentences(&text),
        text,
        removed: Vec::new(),
    };
    let ann = parallax_annotate::annotate(&article);
    let ok = |s: &Span| {
        assert!(s.start <= s.end && s.end <= article.text.len());
        assert!(article.text.is_char_boundary(s.start) && article.text.is_char_boundary(s.end));
    };
    for e in &ann.entities {
        e.mentions.iter().for_each(|m| ok(&m.span));
    }
    for q in &ann.quotes {
        ok(&q.span);
        q.speaker_span.iter().chain(q.cue.iter()).for_each(ok);
        assert!(q.speaker.is_none_or(|i| i < ann.entities.len()));
    }
    ann.facts.iter().for_each(|f| ok(&f.span));
});
