//! Stories: groups of articles about one event, with what their per-article
//! annotations say, in the report's shape (docs/report-format.md).
//!
//! Until the clustering stage exists every article is its own story; the
//! story-level entities, quotes and facts are then that article's.

use parallax_annotate::{Annotations, FactKind, FactValue};
use parallax_core::Article;
use serde::Serialize;

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
    pub aliases: &'a [String],
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

/// One story per annotated article.
pub fn singleton_stories<'a>(
    annotated: impl Iterator<Item = (&'a Article, Option<&'a Annotations>)>,
) -> Vec<Story<'a>> {
    annotated
        .filter_map(|(art, ann)| ann.map(|ann| story_of(art, ann)))
        .collect()
}

fn story_of<'a>(art: &'a Article, ann: &'a Annotations) -> Story<'a> {
    let text = art.text.as_str();
    let aid = art.id.as_str();
    let cite = |s: parallax_core::Span| Cite {
        article: aid,
        start: s.start,
        end: s.end,
    };
    let hash = xxhash_rust::xxh3::xxh3_64(format!("story:{aid}").as_bytes());
    let story_id = format!("s{hash:016x}");
    let entities = ann
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| StoryEntity {
            id: format!("{story_id}-e{i}"),
            name: &e.name,
            kind: e.kind,
            aliases: &e.aliases,
            mentions: e.mentions.iter().map(|m| cite(m.span)).collect(),
        })
        .collect();
    let quotes = ann
        .quotes
        .iter()
        .map(|q| {
            let speaker_text = q.speaker_span.map(|s| s.slice(text));
            StoryQuote {
                speaker: q
                    .speaker
                    .and_then(|i| ann.entities.get(i))
                    .map(|e| e.name.as_str()),
                text: q.span.slice(text),
                occurrences: vec![QuoteOccurrence {
                    article: aid,
                    start: q.span.start,
                    end: q.span.end,
                    speaker_text,
                }],
            }
        })
        .collect();
    let facts = ann
        .facts
        .iter()
        .map(|f| StoryFact {
            kind: f.kind,
            text: f.span.slice(text),
            value: &f.value,
            unit: f.unit.as_deref(),
            about: f.about.as_deref(),
            qualifier: f.qualifier.as_deref(),
            occurrences: vec![cite(f.span)],
        })
        .collect();
    Story {
        id: story_id,
        title: art.title.as_deref(),
        articles: vec![aid],
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
