//! Named entities and their mentions within one article (baseline: runs of
//! capitalised words, grouped by identical text and by shared surname).

use crate::{Entity, EntityKind, Mention, MentionForm};
use parallax_core::Span;

/// Find the entities of one article.
pub fn find_entities(text: &str, sentences: &[Span]) -> Vec<Entity> {
    let mut runs: Vec<Span> = Vec::new();
    for s in sentences {
        let mut first = true;
        let mut cur: Option<Span> = None;
        for t in parallax_text::tokens_in(text, *s) {
            let w = t.span.slice(text);
            let cap = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase);
            if cap && !first {
                cur = Some(match cur {
                    Some(c) if text[c.end..t.span.start].trim().is_empty() => {
                        Span::new(c.start, t.span.end)
                    }
                    Some(c) => {
                        runs.push(c);
                        t.span
                    }
                    None => t.span,
                });
            } else if let Some(c) = cur.take() {
                runs.push(c);
            }
            first = false;
        }
        if let Some(c) = cur {
            runs.push(c);
        }
    }
    let mut entities: Vec<Entity> = Vec::new();
    for r in runs {
        let name = r.slice(text);
        let found = entities
            .iter_mut()
            .find(|e| e.name == name || e.name.rsplit(' ').next() == Some(name));
        match found {
            Some(e) => e.mentions.push(Mention {
                span: r,
                form: if e.name == name {
                    MentionForm::Name
                } else {
                    MentionForm::Partial
                },
            }),
            None => entities.push(Entity {
                name: name.to_string(),
                kind: if name.contains(' ') {
                    EntityKind::Person
                } else {
                    EntityKind::Other
                },
                aliases: Vec::new(),
                mentions: vec![Mention {
                    span: r,
                    form: MentionForm::Name,
                }],
            }),
        }
    }
    entities
}
