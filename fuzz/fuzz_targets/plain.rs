#![no_main]
//! Plain-text cleanup (single and cross-article) on arbitrary text: no panic,
//! spans in bounds, and nothing invented (every clean paragraph's words come
//! from the input).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(&data[..data.len().min(256 * 1024)]);
    let mut a = parallax_extract::plain::clean_text(&text);
    let half = &text[..parallax_core::floor_char_boundary(&text, text.len() / 2)];
    let mut b = parallax_extract::plain::clean_text(half);
    parallax_extract::plain::remove_outlet_boilerplate(&mut [&mut a, &mut b]);
    for word in a.text.split_whitespace().take(200) {
        assert!(text.contains(word), "invented word {word:?}");
    }
    for s in parallax_text::sentences(&a.text) {
        assert!(s.end <= a.text.len() && a.text.is_char_boundary(s.start));
    }
});
