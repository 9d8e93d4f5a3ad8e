#![no_main]
//! HTML extraction on arbitrary bytes: no panic, and the clean text model's
//! spans stay in bounds.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(&data[..data.len().min(256 * 1024)]);
    let ex = parallax_extract::html::extract_html(&html, Some("https://fuzz.example/a"));
    check(&ex.text);
});

fn check(text: &str) {
    for s in parallax_text::sentences(text)
        .into_iter()
        .chain(parallax_text::paragraphs(text))
    {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    for t in parallax_text::tokens(text) {
        assert!(t.span.end <= text.len() && text.is_char_boundary(t.span.start));
    }
}
