//! Provenance: which article of a story reuses text from which.
//!
//! (Being written: see issue 4. The types below are the interface the story
//! stage relies on.)

use parallax_core::Span;

/// One article as the reuse detector sees it.
#[derive(Debug, Clone, Copy)]
pub struct ReuseDoc<'a> {
    /// The article's clean text.
    pub text: &'a str,
    /// Publication date or timestamp (ISO 8601) when known.
    pub published: Option<&'a str>,
    /// Paragraph spans into `text`.
    pub paragraphs: &'a [Span],
    /// Spans of direct quotes in `text`: words of a quoted source shared by
    /// two independent reports are not reuse.
    pub quotes: &'a [Span],
}

/// How the direction of a reuse pair was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The source was published first.
    Published,
    /// Dates unknown or equal: the article whose shared text covers more of
    /// itself is the derived one.
    Containment,
}

/// How close the derived text stays to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReuseKind {
    /// Verbatim or near-verbatim copy (wire copy).
    Copy,
    /// Light edits of the source's sentences.
    Rewrite,
    /// Close paraphrase following the source's order.
    Paraphrase,
}

/// A pair of aligned passages: `source` in the source article's text,
/// `derived` in the derived article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub source: Span,
    pub derived: Span,
}

/// One reuse relation between two documents (indices into the slice given
/// to [`find_reuse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReusePair {
    pub source: usize,
    pub derived: usize,
    /// 0..1: how much of the derived article comes from the source.
    pub score: f64,
    pub kind: ReuseKind,
    pub direction: Direction,
    pub passages: Vec<Passage>,
}

/// Every reuse relation among `docs` (one story's articles), in a
/// deterministic order.
pub fn find_reuse(docs: &[ReuseDoc]) -> Vec<ReusePair> {
    let _ = docs;
    Vec::new()
}
