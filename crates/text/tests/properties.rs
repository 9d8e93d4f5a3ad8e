//! Invariants of paragraphs, sentences and tokens on arbitrary input.

use parallax_core::Span;
use parallax_text::{paragraphs, sentences, sentences_in, tokens};
use proptest::prelude::*;

/// Spans are in bounds, on char boundaries, non-empty, trimmed, ordered and
/// non-overlapping.
fn check_spans(text: &str, spans: &[Span], what: &str) {
    let mut prev_end = 0;
    for s in spans {
        assert!(s.start < s.end, "{what}: empty span {s:?} in {text:?}");
        assert!(
            s.end <= text.len(),
            "{what}: out of bounds {s:?} in {text:?}"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: not on char boundary {s:?} in {text:?}"
        );
        assert!(
            s.start >= prev_end,
            "{what}: overlap/order {s:?} in {text:?}"
        );
        let slice = s.slice(text);
        assert_eq!(slice, slice.trim(), "{what}: untrimmed {s:?} in {text:?}");
        prev_end = s.end;
    }
}

/// Every non-whitespace char inside `outer` lies in exactly one of `inner`,
/// and every inner span lies inside `outer`.
fn check_cover(text: &str, outer: Span, inner: &[Span], what: &str) {
    for s in inner {
        assert!(
            outer.start <= s.start && s.end <= outer.end,
            "{what}: {s:?} outside {outer:?} in {text:?}"
        );
    }
    let mut it = inner.iter().peekable();
    for (i, c) in text[outer.range()].char_indices() {
        let at = outer.start + i;
        while it.peek().is_some_and(|s| s.end <= at) {
            it.next();
        }
        let inside = it.peek().is_some_and(|s| s.start <= at && at < s.end);
        if !c.is_whitespace() {
            assert!(inside, "{what}: char {c:?} at {at} lost in {text:?}");
        }
    }
}

fn check_all(text: &str) {
    let paras = paragraphs(text);
    check_spans(text, &paras, "paragraph");
    check_cover(text, Span::new(0, text.len()), &paras, "paragraph");
    for w in paras.windows(2) {
        let gap = &text[w[0].end..w[1].start];
        assert!(
            gap.matches('\n').count() >= 2,
            "paragraphs not separated by a blank line: {gap:?}"
        );
    }

    let sents = sentences(text);
    check_spans(text, &sents, "sentence");
    let mut all = Vec::new();
    for p in &paras {
        let inner = sentences_in(text, *p);
        check_cover(text, *p, &inner, "sentence");
        all.extend(inner);
    }
    assert_eq!(all, sents, "sentences() != per-paragraph sentences_in()");

    let toks = tokens(text);
    let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
    check_spans(text, &spans, "token");
    check_cover(text, Span::new(0, text.len()), &spans, "token");
    for t in &toks {
        assert!(
            !t.span.slice(text).contains(char::is_whitespace),
            "token with whitespace: {:?}",
            t.span.slice(text)
        );
    }
}

/// Text built from the pieces that matter to the splitter and tokenizer.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        ".",
        "...",
        "…",
        "!",
        "?",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        ",",
        ";",
        ":",
        "-",
        "—",
        "•",
        "* ",
        "- ",
        "1. ",
        "@",
        "#",
        "%",
        "$",
        "&",
        "_",
        "The",
        "He",
        "said",
        "Smith",
        "Rep",
        "D-N.Y",
        "U.S",
        "p.m",
        "Inc",
        "No",
        "Aug",
        "Calif",
        "J",
        "a",
        "x",
        "3",
        "25,000",
        "3.5",
        "http://",
        "www.",
        "example.com",
        "é",
        "e\u{301}",
        "日本",
        "。",
        "👍🏽",
        "🇺🇸",
        "\u{200d}",
        "\u{600}",
        "ß",
        "İ",
        "Σ",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn invariants_on_newsy_text(text in newsy()) {
        check_all(&text);
    }

    #[test]
    fn invariants_on_any_string(text in any::<String>()) {
        check_all(&text);
    }

    #[test]
    fn invariants_on_charset(text in "[a-zA-Z0-9 .!?\"'“”‘’«»()\\n\\r\\t…,;:@#%$&é日😀-]{0,200}") {
        check_all(&text);
    }
}

#[test]
fn invariants_on_fixed_edge_cases() {
    for text in [
        "",
        " ",
        "\n\n\n",
        ".",
        ". .",
        "\"",
        "“.”",
        "a.\n\n.b",
        "Rep.",
        "Rep. ",
        "1.",
        "J. ",
        "\"We won!\" ",
        "\"We won.\" Smith",
        "\u{600} x",
        "x\u{600} ",
        "\r\r\n\r",
        "- \n- ",
        "http://",
        "www.x.",
        "@",
        "#_",
        "a'",
        "s' ",
        "'s'",
        "1,000,",
        "U.S.",
    ] {
        check_all(text);
    }
}

/// Large degenerate inputs must finish (linear time). Not timed: a
/// quadratic blow-up would take hours and be noticed.
#[test]
fn large_degenerate_inputs_finish() {
    const MB: usize = 1 << 20;
    let inputs = [
        "a".repeat(MB),
        ".".repeat(MB),
        "\"".repeat(MB / 10 * 10),
        "“”".repeat(MB / 6),
        "A. ".repeat(MB / 3),
        "U.S. ".repeat(MB / 5),
        ". ".repeat(MB / 2),
        "\"We won!\" ".repeat(MB / 10),
        "x\n".repeat(MB / 2),
        "- a\n".repeat(MB / 4),
        "👍🏽".repeat(MB / 8),
        "🇺".repeat(MB / 4),
        "\u{200d}👍".repeat(MB / 7),
        "\u{600}".repeat(MB / 2),
        "\u{301}".repeat(MB / 2),
        "#1".repeat(MB / 2),
        "@".repeat(MB),
        "a-".repeat(MB / 2),
        "1,".repeat(MB / 2),
        format!("http://{}", "a".repeat(MB)),
        format!("{}. The", "Rep".repeat(MB / 3)),
        " ".repeat(MB),
    ];
    for text in &inputs {
        let s = sentences(text);
        let t = tokens(text);
        assert!(s.len() <= text.len() && t.len() <= text.len());
    }
}
