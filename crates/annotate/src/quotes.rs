//! Direct quotes and their speakers (baseline: double-quoted passages of three
//! or more words, speaker named right after "said").

use crate::{Entity, Quote};
use parallax_core::Span;

/// Find the direct quotes of one article.
pub fn find_quotes(text: &str, _sentences: &[Span], entities: &[Entity]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '"' if open.is_none() => open = Some(i + 1),
            '“' => open = Some(i + c.len_utf8()),
            '"' | '”' => {
                if let Some(start) = open.take() {
                    let span = Span::new(start, i);
                    if span.slice(text).split_whitespace().count() >= 3 {
                        let speaker = entities.iter().position(|e| {
                            e.mentions
                                .iter()
                                .any(|m| m.span.start >= i && m.span.start < i + 40)
                        });
                        let speaker_span = speaker.and_then(|e| {
                            entities[e]
                                .mentions
                                .iter()
                                .find(|m| m.span.start >= i)
                                .map(|m| m.span)
                        });
                        out.push(Quote {
                            span,
                            speaker,
                            speaker_span,
                            cue: None,
                        });
                    }
                }
            }
            '\n' => open = None,
            _ => {}
        }
    }
    out
}
