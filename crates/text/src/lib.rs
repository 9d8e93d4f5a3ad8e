//! Text model: paragraphs, sentences and tokens of a clean article text, each
//! a [`Span`] of byte offsets into that text.
//!
//! Every function here takes arbitrary text (single newlines, CRLF, tabs, no
//! whitespace at all, any Unicode), never panics, runs in time linear in the
//! input, and returns spans that are non-empty, ordered, non-overlapping, on
//! `char` boundaries and trimmed of surrounding whitespace.
//!
//! ```
//! use parallax_text::{paragraphs, sentences, tokens, TokenKind};
//! let text = "Sen. Mara Quill, D-N.Y. spoke at 5 p.m. Tuesday. \"We won,\" she said.\n\nNext.";
//! let s: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
//! assert_eq!(
//!     s,
//!     [
//!         "Sen. Mara Quill, D-N.Y. spoke at 5 p.m. Tuesday.",
//!         "\"We won,\" she said.",
//!         "Next."
//!     ]
//! );
//! assert_eq!(paragraphs(text).len(), 2);
//! assert_eq!(tokens("3.5%")[0].kind, TokenKind::Number);
//! ```
//!
//! # Paragraphs
//! Runs of lines separated by one or more blank (whitespace-only) lines.
//!
//! # Sentences
//! Sentences never cross a paragraph boundary, and together they cover every
//! non-whitespace character of each paragraph. A sentence ends after `.`, `!`,
//! `?`, `…` (and CJK, Arabic and Devanagari stops) plus any closing quotes
//! or brackets, when whitespace and a non-lowercase character follow, unless
//! the period belongs to an abbreviation: titles ("Rep.", "Dr."), numbered
//! references ("No. 5", "Aug. 18"), initials ("John F. Kennedy"), dotted
//! acronyms ("U.S.", "p.m.", "D-N.Y."), state abbreviations and company
//! suffixes ("Calif.", "Inc.": these end a sentence only before a typical
//! sentence opener such as "The" or "He"). A quotation followed by an
//! attribution (`"We won!" Smith said.`) stays one sentence. A single newline
//! ends a sentence between list items ("- ", "• ", "1. ") and after a
//! title-case headline line or a line ending in a colon.
//!
//! # Tokens
//! * [`TokenKind::Word`]: letters/digits with internal apostrophes, hyphens
//!   and dots ("don't", "Ocasio-Cortez", "e-commerce", "COVID-19",
//!   "14th"), a possessive apostrophe after a final s ("Bezos'"), dotted
//!   acronyms with their final period ("U.S.", "p.m.", "D-N.Y."). Other
//!   abbreviations do not keep their period ("Rep" + ".").
//! * [`TokenKind::Number`]: digits with thousands separators and decimals,
//!   and a trailing percent sign ("25,000", "3.5", "1,234.5", "12%").
//!   Currency symbols and signs are separate punctuation: "$35,000" is
//!   `$` + `35,000`, "-5" is `-` + `5`. Number ranges split: "2019-2020" is
//!   three tokens.
//! * [`TokenKind::Url`]: `http(s)://…` and `www.…` up to whitespace or a
//!   quotation mark, minus trailing sentence punctuation and unbalanced
//!   closing brackets; also bare domains with a common TLD ("example.com").
//! * [`TokenKind::Email`], [`TokenKind::Handle`] (`@name`),
//!   [`TokenKind::Hashtag`] (`#tag`, at least one letter).
//! * [`TokenKind::Punct`]: any other non-whitespace character, one per
//!   token (a whole grapheme cluster, so an emoji sequence is one token).

mod lexicon;
mod sentence;
mod token;

use parallax_core::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Url,
    Email,
    /// `@name`
    Handle,
    /// `#tag`
    Hashtag,
}

/// One token: a span and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Paragraphs: runs of text separated by blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    let mut last_end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            last_end = offset + lead + trimmed.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

/// Sentences of the whole text, paragraph by paragraph.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for p in paragraphs(text) {
        sentence::split_paragraph(text, p, &mut out);
    }
    out
}

/// Sentences of one paragraph (a span from [`paragraphs`]), as spans into
/// `text`. A span that is out of bounds or not on char boundaries gives no
/// sentences.
pub fn sentences_in(text: &str, paragraph: Span) -> Vec<Span> {
    let mut out = Vec::new();
    sentence::split_paragraph(text, paragraph, &mut out);
    out
}

/// Tokens of the whole text.
pub fn tokens(text: &str) -> Vec<Token> {
    token::tokenize(text)
}

/// Tokens of `span` of `text` (for example one sentence), as spans into
/// `text`. A span that is out of bounds or not on char boundaries gives no
/// tokens.
pub fn tokens_in(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    tokens_in_into(text, span, &mut out);
    out
}

/// [`tokens_in`] into a buffer the caller keeps across sentences (cleared
/// first), saving an allocation per sentence.
pub fn tokens_in_into(text: &str, span: Span, out: &mut Vec<Token>) {
    out.clear();
    let Some(part) = text.get(span.range()) else {
        return;
    };
    out.reserve(part.len() / 5 + 1);
    token::tokenize_into(part, out);
    for t in out.iter_mut() {
        t.span = Span::new(t.span.start + span.start, t.span.end + span.start);
    }
}

/// Build an [`parallax_core::Article`] from an extraction result: a stable id
/// and the text model (paragraphs and sentences) of the clean text.
pub fn article(source: String, ex: parallax_core::Extracted) -> parallax_core::Article {
    let parallax_core::Extracted {
        meta,
        text,
        removed,
    } = ex;
    let id = parallax_core::article_id(meta.url.as_deref(), &text);
    let paragraphs = paragraphs(&text);
    let sentences = sentences(&text);
    parallax_core::Article {
        id,
        source,
        outlet: meta.outlet,
        title: meta.title,
        byline: meta.byline,
        published: meta.published,
        url: meta.url,
        language: meta.language,
        text,
        removed,
        paragraphs,
        sentences,
    }
}
