//! Per-article annotation: pure functions of one [`Article`], run in parallel.
//!
//! - [`entities`]: people, organizations, places and other names with every
//!   mention (full names, surnames, titles, acronyms, handles, descriptions),
//!   grouped per article under one canonical name.
//! - [`quotes`]: direct quotes with their speakers.
//! - [`numbers`]: numbers, money, percentages and counts with what they count.
//! - [`temporal`]: dates, times and durations resolved against the
//!   publication date.
//!
//! Every annotation carries a [`Span`] into `Article.text`.

pub mod entities;
pub mod numbers;
pub mod quotes;
pub mod temporal;

use parallax_core::{Article, Span};
use serde::Serialize;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// The full name ("Alexandria Ocasio-Cortez"), with or without a title.
    Name,
    /// A part of the name alone ("Spence", "Ocasio-Cortez").
    Partial,
    /// An acronym or nickname ("AOC", "ALU").
    Acronym,
    /// A social-media handle ("@AOC").
    Handle,
    /// A description used as a reference ("the congresswoman").
    Description,
    /// A pronoun ("she", "he").
    Pronoun,
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub form: MentionForm,
}

/// An entity of one article with all its mentions, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Canonical name: the longest full name used in the article.
    pub name: String,
    pub kind: EntityKind,
    /// Other names used for it in the article (distinct surface forms).
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// A direct quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// Index into [`Annotations::entities`] of the speaker, when resolved.
    pub speaker: Option<usize>,
    /// The words that name the speaker where the quote is attributed
    /// ("Spence", "he", "the advocate"), when the text gives them.
    pub speaker_span: Option<Span>,
    /// The attribution cue ("told", "said", "according to").
    pub cue: Option<Span>,
}

/// The kind of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Number,
    Money,
    Percent,
    Date,
    Duration,
}

/// A normalised fact value: a number, or an ISO 8601 string (date, period
/// such as `2021-08`, duration such as `P6M`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    Number(f64),
    Text(String),
}

/// A number, amount, percentage, date or duration stated in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub kind: FactKind,
    pub span: Span,
    pub value: FactValue,
    /// Unit: a currency code (`USD`), `percent`, or the counted noun.
    pub unit: Option<String>,
    /// What it counts or dates ("followers", "rally"), when the text says.
    pub about: Option<String>,
    /// A qualifier kept from the text: "over", "about", "nearly", "at least".
    pub qualifier: Option<String>,
}

/// Everything the per-article stage finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub facts: Vec<Fact>,
}

/// Annotate one article. Pure, deterministic, linear in the text size.
pub fn annotate(article: &Article) -> Annotations {
    let text = &article.text;
    let published = article
        .published
        .as_deref()
        .and_then(|p| chrono::NaiveDate::parse_from_str(p.get(..10).unwrap_or(p), "%Y-%m-%d").ok());
    let sent_toks = sentence_tokens(text, &article.sentences);
    let entities = entities::find_entities_tokenized(text, &article.sentences, &sent_toks);
    let quotes = quotes::find_quotes(text, &article.sentences, &entities);
    let mut facts = numbers::find_numbers_tokenized(text, &sent_toks);
    facts.extend(temporal::find_times(text, &article.sentences, published));
    facts.sort_by_key(|f| (f.span.start, f.span.end));
    Annotations {
        entities,
        quotes,
        facts,
    }
}

/// The tokens of each sentence, made once for the annotators that read
/// sentence by sentence.
fn sentence_tokens(text: &str, sentences: &[Span]) -> Vec<Vec<parallax_text::Token>> {
    sentences
        .iter()
        .map(|s| parallax_text::tokens_in(text, *s))
        .collect()
}

/// Resolve an undated article's dates and durations again against
/// `reference` (e.g. the publication date of the other articles of its
/// story), replacing the date and duration facts of `ann`. Dates written in
/// full do not change; "last week" and "in August" become resolvable.
pub fn redate(article: &Article, ann: &mut Annotations, reference: chrono::NaiveDate) {
    ann.facts
        .retain(|f| !matches!(f.kind, FactKind::Date | FactKind::Duration));
    ann.facts.extend(temporal::find_times(
        &article.text,
        &article.sentences,
        Some(reference),
    ));
    ann.facts.sort_by_key(|f| (f.span.start, f.span.end));
}
