//! Stories: what a group of articles about one event says, in the report's
//! shape (docs/report-format.md): entities merged across articles
//! ([`merge`]), quotes and facts lined up, and the synthesis stages.
//!
//! Articles are grouped into stories by `parallax-relate`; this crate takes
//! one group at a time.

pub mod compare;
pub mod framing;
pub mod merge;
pub mod summary;
pub mod timeline;
mod unionfind;

#[cfg(test)]
mod testkit;

use parallax_annotate::{Annotations, FactKind, FactValue};
use parallax_core::Article;
pub use parallax_core::Cite;
use serde::Serialize;

#[derive(Serialize)]
pub struct Story<'a> {
    pub id: String,
    pub title: Option<&'a str>,
    pub articles: Vec<&'a str>,
    pub summary: Vec<SummarySentence<'a>>,
    pub entities: Vec<StoryEntity<'a>>,
    pub quotes: Vec<StoryQuote<'a>>,
    pub facts: Vec<StoryFact<'a>>,
    pub discrepancies: Vec<Discrepancy<'a>>,
    pub reuse: Vec<Reuse<'a>>,
    pub framing: Vec<Framing<'a>>,
    pub timeline: Vec<TimelineEntry<'a>>,
}

/// Options of the synthesis stages.
#[derive(Debug, Clone)]
pub struct Options {
    /// Summary length in sentences (`--summary-sentences`).
    pub summary_sentences: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            summary_sentences: 5,
        }
    }
}

/// One summary sentence: verbatim text of one article (`article`, `start`,
/// `end`), cited by every article that reports the same content.
#[derive(Serialize, Debug, Clone)]
pub struct SummarySentence<'a> {
    pub text: &'a str,
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub citations: Vec<Cite<'a>>,
}

/// One claim of a discrepancy.
#[derive(Serialize, Debug, Clone)]
pub struct Claim<'a> {
    pub value: serde_json::Value,
    pub text: &'a str,
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Outlets that state different values for the same thing.
#[derive(Serialize, Debug, Clone)]
pub struct Discrepancy<'a> {
    pub about: String,
    pub kind: FactKind,
    pub claims: Vec<Claim<'a>>,
}

#[derive(Serialize, Debug, Clone, Copy)]
pub struct ReusePassage {
    pub source_start: usize,
    pub source_end: usize,
    pub derived_start: usize,
    pub derived_end: usize,
}

/// `derived` reuses text of `source`.
#[derive(Serialize, Debug, Clone)]
pub struct Reuse<'a> {
    pub source: &'a str,
    pub derived: &'a str,
    pub score: f64,
    pub kind: parallax_relate::reuse::ReuseKind,
    pub direction: parallax_relate::reuse::Direction,
    pub passages: Vec<ReusePassage>,
}

/// A word or phrase an article chose where the story's other articles use
/// neutral wording.
#[derive(Serialize, Debug, Clone)]
pub struct LoadedTerm<'a> {
    pub term: &'a str,
    pub start: usize,
    pub end: usize,
    /// Why it was flagged, in a few words.
    pub why: String,
}

/// How one article tells the story compared with the others.
#[derive(Serialize, Debug, Clone)]
pub struct Framing<'a> {
    pub article: &'a str,
    pub loaded_terms: Vec<LoadedTerm<'a>>,
    /// Facts only this article reports.
    pub unique_facts: Vec<Cite<'a>>,
    /// Facts other articles report that this one leaves out, described.
    pub omitted_facts: Vec<String>,
    /// The same omissions with their sources: one entry per line of
    /// `omitted_facts`, in the same order, pointing to the story's summary
    /// sentence or facts that cite where the others state it.
    pub omitted: Vec<Omission>,
}

/// Where an omitted core statement or fact is stated: the story's own
/// entries, by index. The summary sentence cites every article reporting it;
/// the facts' occurrences cite every statement of it.
#[derive(Serialize, Debug, Clone)]
pub struct Omission {
    /// Index into the story's `summary`, for a core statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<usize>,
    /// Indices into the story's `facts` (one fact can be worded several
    /// ways), for a figure or date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<usize>,
}
/// One dated event of the story.
#[derive(Serialize, Debug, Clone)]
pub struct TimelineEntry<'a> {
    /// Normalized date (ISO day, week, month, season or year).
    pub date: String,
    /// The words that give the date.
    pub when: &'a str,
    pub text: &'a str,
    pub citations: Vec<Cite<'a>>,
}

#[derive(Serialize)]
pub struct StoryEntity<'a> {
    pub id: String,
    pub name: &'a str,
    pub kind: parallax_annotate::EntityKind,
    pub aliases: Vec<&'a str>,
    pub mentions: Vec<Cite<'a>>,
}

/// How an occurrence's wording relates to the quote entry's text.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum VariantKind {
    /// The same words.
    Exact,
    /// A contiguous part of the entry's words.
    Trimmed,
    /// Parts of the entry's words joined, with words cut between them.
    Spliced,
    /// Some words changed.
    Altered,
}

#[derive(Serialize)]
pub struct QuoteOccurrence<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub speaker_text: Option<&'a str>,
    /// The story-level name of the speaker this article gives, if any.
    pub speaker: Option<&'a str>,
    pub variant: VariantKind,
    /// Wording changes against the entry's text (empty when exact).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<compare::Change<'a>>,
}

#[derive(Serialize)]
pub struct StoryQuote<'a> {
    /// The speaker most occurrences name.
    pub speaker: Option<&'a str>,
    /// The longest wording among the occurrences.
    pub text: &'a str,
    /// Every speaker the occurrences name, in order of first appearance.
    pub speakers: Vec<&'a str>,
    /// The occurrences attribute the words to different speakers.
    pub speaker_conflict: bool,
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
    /// The articles that state it (agreement when more than one).
    pub articles: Vec<&'a str>,
    pub occurrences: Vec<Cite<'a>>,
}

/// Build one story from its articles (in input order): entities merged
/// across articles (see [`crate::merge`]), quotes and facts lined up across
/// articles ([`compare`]), reuse, summary, framing and timeline. Id and
/// title come from the first article, so they stay put as later articles
/// join.
pub fn build_story<'a>(group: &[(&'a Article, &'a Annotations)], opts: &Options) -> Story<'a> {
    let first = group[0].0;
    let hash = xxhash_rust::xxh3::xxh3_64(format!("story:{}", first.id).as_bytes());
    let story_id = format!("s{hash:016x}");
    let (merged, index) = merge::merge_entities(group);
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

    let speakers: Vec<Vec<Option<&str>>> = group
        .iter()
        .enumerate()
        .map(|(g, (_, ann))| {
            ann.quotes
                .iter()
                .map(|q| q.speaker.map(|e| merged[index[g][e]].name))
                .collect()
        })
        .collect();
    let quotes = compare::quotes(group, &speakers);
    let (facts, discrepancies) = compare::facts(group);
    let reuse_pairs = find_reuse(group);
    let reuse = reuse_pairs
        .iter()
        .map(|p| Reuse {
            source: group[p.source].0.id.as_str(),
            derived: group[p.derived].0.id.as_str(),
            score: p.score,
            kind: p.kind,
            direction: p.direction,
            passages: p
                .passages
                .iter()
                .map(|x| ReusePassage {
                    source_start: x.source.start,
                    source_end: x.source.end,
                    derived_start: x.derived.start,
                    derived_end: x.derived.end,
                })
                .collect(),
        })
        .collect();
    let summary = summary::summarize(group, &reuse_pairs, opts.summary_sentences);
    let framing = framing::framing(group, &facts, &summary);
    let timeline = timeline::timeline(group, &facts);
    Story {
        id: story_id,
        title: group.iter().find_map(|(a, _)| a.title.as_deref()),
        articles: group.iter().map(|(a, _)| a.id.as_str()).collect(),
        summary,
        entities,
        quotes,
        facts,
        discrepancies,
        reuse,
        framing,
        timeline,
    }
}

/// The reuse pairs among a story's articles (indices into `group`).
pub fn find_reuse(group: &[(&Article, &Annotations)]) -> Vec<parallax_relate::reuse::ReusePair> {
    let quotes: Vec<Vec<parallax_core::Span>> = group
        .iter()
        .map(|(_, ann)| ann.quotes.iter().map(|q| q.span).collect())
        .collect();
    let docs: Vec<parallax_relate::reuse::ReuseDoc> = group
        .iter()
        .zip(&quotes)
        .map(|((art, _), q)| parallax_relate::reuse::ReuseDoc {
            text: &art.text,
            published: art.published.as_deref(),
            paragraphs: &art.paragraphs,
            quotes: q,
        })
        .collect();
    parallax_relate::reuse::find_reuse(&docs)
}
