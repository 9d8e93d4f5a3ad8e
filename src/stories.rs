//! Stories: groups of articles about one event, with what their per-article
//! annotations say, in the report's shape (docs/report-format.md).
//!
//! Articles are grouped into stories by `parallax-relate`
//! (`pipeline::story_groups`).

use parallax_annotate::{Annotations, FactKind, FactValue};
use parallax_core::Article;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cite<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct Story<'a> {
    pub id: String,
    pub title: Option<&'a str>,
    pub articles: Vec<&'a str>,
    pub summary: Vec<serde_json::Value>,
    pub entities: Vec<StoryEntity<'a>>,
    pub quotes: Vec<StoryQuote<'a>>,
    pub facts: Vec<StoryFact<'a>>,
    pub discrepancies: Vec<serde_json::Value>,
    pub reuse: Vec<serde_json::Value>,
    pub framing: Vec<serde_json::Value>,
    pub timeline: Vec<serde_json::Value>,
}

#[derive(Serialize)]
pub struct StoryEntity<'a> {
    pub id: String,
    pub name: &'a str,
    pub kind: parallax_annotate::EntityKind,
    pub aliases: Vec<&'a str>,
    pub mentions: Vec<Cite<'a>>,
}

#[derive(Serialize)]
pub struct QuoteOccurrence<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub speaker_text: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StoryQuote<'a> {
    pub speaker: Option<&'a str>,
    pub text: &'a str,
    pub occurrences: Vec<QuoteOccurrence<'a>>,
}

#[derive(Serialize)]
pub struct StoryFact<'a> {
    pub kind: FactKind,
    pub text: &'a str,
    pub value: &'a FactValue,
    pub unit: Option<&'a str>,
    pub about: Option<&'a str>,
    pub qualifier: Option<&'a str>,
    pub occurrences: Vec<Cite<'a>>,
}

/// One story per group of annotated articles that the clusterer puts
/// together (`pipeline::story_groups`), in order of each group's first
/// article.
pub fn grouped_stories<'a>(
    annotated: impl Iterator<Item = (&'a Article, Option<&'a Annotations>)>,
) -> Vec<Story<'a>> {
    let arts: Vec<(&Article, &Annotations)> = annotated
        .filter_map(|(art, ann)| ann.map(|ann| (art, ann)))
        .collect();
    crate::pipeline::story_groups(&arts)
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let group: Vec<(&Article, &Annotations)> = g.iter().map(|&i| arts[i]).collect();
            build_story(&group)
        })
        .collect()
}

/// Build one story from its articles (in input order): entities merged
/// across articles (see [`crate::merge`]), the same quote carried by several
/// articles as one entry with every occurrence, and the same fact (same
/// words, same value) as one entry. Id and title come from the first
/// article, so they stay put as later articles join.
pub fn build_story<'a>(group: &[(&'a Article, &'a Annotations)]) -> Story<'a> {
    let first = group[0].0;
    let hash = xxhash_rust::xxh3::xxh3_64(format!("story:{}", first.id).as_bytes());
    let story_id = format!("s{hash:016x}");
    let (merged, index) = crate::merge::merge_entities(group);
    let entities = merged
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut mentions: Vec<(usize, Cite)> = m
                .members
                .iter()
                .flat_map(|&(g, e)| {
                    let art = group[g].0;
                    group[g].1.entities[e].mentions.iter().map(move |mm| {
                        (
                            g,
                            Cite {
                                article: art.id.as_str(),
                                start: mm.span.start,
                                end: mm.span.end,
                            },
                        )
                    })
                })
                .collect();
            mentions.sort_by_key(|(g, c)| (*g, c.start, c.end));
            StoryEntity {
                id: format!("{story_id}-e{i}"),
                name: m.name,
                kind: m.kind,
                aliases: m.aliases.clone(),
                mentions: mentions.into_iter().map(|(_, c)| c).collect(),
            }
        })
        .collect();

    let mut quotes: Vec<StoryQuote> = Vec::new();
    let mut quote_at: BTreeMap<String, usize> = BTreeMap::new();
    let mut facts: Vec<StoryFact> = Vec::new();
    let mut fact_at: BTreeMap<String, usize> = BTreeMap::new();
    for (g, (art, ann)) in group.iter().enumerate() {
        let text = art.text.as_str();
        for q in &ann.quotes {
            let speaker = q.speaker.map(|e| merged[index[g][e]].name);
            let occ = QuoteOccurrence {
                article: &art.id,
                start: q.span.start,
                end: q.span.end,
                speaker_text: q.speaker_span.map(|s| s.slice(text)),
            };
            let key = crate::merge::quote_key(q.span.slice(text));
            match quote_at.get(&key) {
                Some(&i) => {
                    let entry = &mut quotes[i];
                    entry.speaker = entry.speaker.or(speaker);
                    entry.occurrences.push(occ);
                }
                None => {
                    quote_at.insert(key, quotes.len());
                    quotes.push(StoryQuote {
                        speaker,
                        text: q.span.slice(text),
                        occurrences: vec![occ],
                    });
                }
            }
        }
        for f in &ann.facts {
            let cite = Cite {
                article: &art.id,
                start: f.span.start,
                end: f.span.end,
            };
            // Same words and same value: one fact. Lining up differently
            // worded claims about one thing is the fact-comparison stage's
            // job (vague values such as PAST_REF must not merge).
            let key = format!(
                "{:?}|{}|{}",
                f.kind,
                serde_json::to_string(&f.value).unwrap_or_default(),
                f.span.slice(text)
            );
            match fact_at.get(&key) {
                Some(&i) => facts[i].occurrences.push(cite),
                None => {
                    fact_at.insert(key, facts.len());
                    facts.push(StoryFact {
                        kind: f.kind,
                        text: f.span.slice(text),
                        value: &f.value,
                        unit: f.unit.as_deref(),
                        about: f.about.as_deref(),
                        qualifier: f.qualifier.as_deref(),
                        occurrences: vec![cite],
                    });
                }
            }
        }
    }
    Story {
        id: story_id,
        title: group.iter().find_map(|(a, _)| a.title.as_deref()),
        articles: group.iter().map(|(a, _)| a.id.as_str()).collect(),
        summary: Vec::new(),
        entities,
        quotes,
        facts,
        discrepancies: Vec::new(),
        reuse: Vec::new(),
        framing: Vec::new(),
        timeline: Vec::new(),
    }
}
