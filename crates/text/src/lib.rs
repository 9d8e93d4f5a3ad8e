//! Text model: paragraphs, sentences and tokens of a clean article text, each
//! a [`Span`] of byte offsets into that text.

use parallax_core::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
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

/// Sentences (placeholder until the sentence splitter lands: one per paragraph).
pub fn sentences(text: &str) -> Vec<Span> {
    paragraphs(text)
}

/// Tokens (placeholder: whitespace-separated).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Token {
                    span: Span::new(s, i),
                    kind: TokenKind::Word,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Token {
            span: Span::new(s, text.len()),
            kind: TokenKind::Word,
        });
    }
    out
}
