//! The story's dated events in order.
//!
//! Every date fact of the story with a resolvable period (a day, week,
//! month, season, quarter or year; not "recently" or a date without a year)
//! becomes an entry: the normalised date, the sentence that states it (the
//! event, in the source's words) and a citation of that sentence in every
//! article that states the same date about the same thing (the facts were
//! lined up by [`crate::compare`]). Entries are ordered by the start of
//! their period, then by its end (a day of August before "2021"), then by
//! where they first appear.

use crate::compare::{date_period, sentence_of};
use crate::{Cite, StoryFact, TimelineEntry};
use parallax_annotate::{Annotations, FactKind, FactValue};
use parallax_core::Article;

pub fn timeline<'a>(
    group: &[(&'a Article, &'a Annotations)],
    facts: &[StoryFact<'a>],
) -> Vec<TimelineEntry<'a>> {
    let mut entries: Vec<(
        chrono::NaiveDate,
        chrono::NaiveDate,
        usize,
        TimelineEntry<'a>,
    )> = Vec::new();
    for (order, f) in facts.iter().enumerate() {
        let (FactKind::Date, FactValue::Text(value)) = (f.kind, f.value) else {
            continue;
        };
        let Some((from, to)) = date_period(value) else {
            continue;
        };
        let mut citations: Vec<Cite<'a>> = Vec::new();
        let mut text: Option<&'a str> = None;
        for occ in &f.occurrences {
            let Some((art, _)) = group.iter().find(|(a, _)| a.id == occ.article) else {
                continue;
            };
            let s = sentence_of(&art.sentences, parallax_core::Span::new(occ.start, occ.end));
            let cite = Cite {
                article: art.id.as_str(),
                start: s.start,
                end: s.end,
            };
            if !citations.contains(&cite) {
                citations.push(cite);
            }
            text.get_or_insert_with(|| art.text[s.start..s.end].trim());
        }
        let Some(text) = text else { continue };
        entries.push((
            from,
            to,
            order,
            TimelineEntry {
                date: value.clone(),
                when: f.text,
                text,
                citations,
            },
        ));
    }
    entries.sort_by_key(|e| (e.0, e.1, e.2));
    entries.into_iter().map(|e| e.3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::art;

    #[test]
    fn events_in_date_order_with_every_citing_article() {
        let docs = [
            art(
                "gull-post",
                "2030-06-12",
                "The Calder pier reopened on Tuesday after repairs. It had collapsed in a \
                 storm in March 2030. Recently, traffic has grown.",
            ),
            art(
                "tern-daily",
                "2030-06-12",
                "The pier, which collapsed during a storm in March 2030, reopened on June 11 \
                 to cheers.",
            ),
        ];
        let group: Vec<(&Article, &Annotations)> = docs.iter().map(|(a, n)| (a, n)).collect();
        let (facts, _) = crate::compare::facts(&group);
        let tl = timeline(&group, &facts);
        let dates: Vec<&str> = tl.iter().map(|e| e.date.as_str()).collect();
        assert_eq!(dates, vec!["2030-03", "2030-06-11"], "{tl:?}");
        // March 2030 is stated by both outlets: two citations, each the
        // sentence that states it.
        assert_eq!(tl[0].citations.len(), 2);
        for c in &tl[0].citations {
            let (a, _) = docs.iter().find(|(a, _)| a.id == c.article).unwrap();
            assert!(a.text[c.start..c.end].contains("March 2030"));
        }
        assert_eq!(tl[0].text, "It had collapsed in a storm in March 2030.");
        assert_eq!(tl[1].citations.len(), 2, "{tl:?}");
    }
}
