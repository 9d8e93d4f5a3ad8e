//! Dates, times and durations resolved against the publication date
//! (baseline: four-digit years).

use crate::{Fact, FactKind, FactValue};
use parallax_core::Span;

/// Find the temporal expressions of one article.
pub fn find_times(
    text: &str,
    sentences: &[Span],
    _published: Option<chrono::NaiveDate>,
) -> Vec<Fact> {
    let mut out = Vec::new();
    for s in sentences {
        for t in parallax_text::tokens_in(text, *s) {
            let w = t.span.slice(text);
            if w.len() == 4
                && w.bytes().all(|b| b.is_ascii_digit())
                && (w.starts_with("19") || w.starts_with("20"))
            {
                out.push(Fact {
                    kind: FactKind::Date,
                    span: t.span,
                    value: FactValue::Text(w.to_string()),
                    unit: None,
                    about: None,
                    qualifier: None,
                });
            }
        }
    }
    out
}
