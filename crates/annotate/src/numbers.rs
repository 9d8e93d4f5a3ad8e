//! Numbers, money and percentages (baseline: number tokens).

use crate::{Fact, FactKind, FactValue};
use parallax_core::Span;

/// Find the numeric facts of one article.
pub fn find_numbers(text: &str, sentences: &[Span]) -> Vec<Fact> {
    let mut out = Vec::new();
    for s in sentences {
        for t in parallax_text::tokens_in(text, *s) {
            if t.kind != parallax_text::TokenKind::Number {
                continue;
            }
            let w = t.span.slice(text);
            let Ok(v) = w.trim_end_matches('%').replace(',', "").parse::<f64>() else {
                continue;
            };
            let pct = w.ends_with('%');
            out.push(Fact {
                kind: if pct {
                    FactKind::Percent
                } else {
                    FactKind::Number
                },
                span: t.span,
                value: FactValue::Number(v),
                unit: pct.then(|| "percent".to_string()),
                about: None,
                qualifier: None,
            });
        }
    }
    out
}
