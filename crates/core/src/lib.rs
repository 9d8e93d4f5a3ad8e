//! The Parallax data model shared by every stage.
//!
//! Everything a later stage says about an article is a [`Span`]: a pair of UTF-8
//! byte offsets into [`Article::text`], the clean text. A span always lies on
//! `char` boundaries, so `&article.text[span.range()]` never panics.
//!
//! ```
//! use parallax_core::Span;
//! let text = "Mayor Lind said \"no\".";
//! let span = Span::new(0, 10);
//! assert_eq!(span.slice(text), "Mayor Lind");
//! ```

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text under the span. Panics only if the span was not made for `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.range()]
    }
}

/// What kind of markup a document body carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    Text,
    Html,
}

/// Metadata known about a document, from its container (JSON fields) or from
/// its content (HTML `<meta>`, a leading date line). Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// ISO 8601 date (`2022-04-04`) or date-time.
    pub published: Option<String>,
    pub byline: Vec<String>,
    /// ISO 639-1 code such as `en`.
    pub language: Option<String>,
}

impl Metadata {
    /// Fill every empty field of `self` from `other`; fields already set win.
    pub fn fill_from(&mut self, other: Metadata) {
        if self.title.is_none() {
            self.title = other.title;
        }
        if self.url.is_none() {
            self.url = other.url;
        }
        if self.outlet.is_none() {
            self.outlet = other.outlet;
        }
        if self.published.is_none() {
            self.published = other.published;
        }
        if self.byline.is_empty() {
            self.byline = other.byline;
        }
        if self.language.is_none() {
            self.language = other.language;
        }
    }
}

/// One input document after reading and decoding, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// The input as the user named it: a path, `-`, or `path#3` for the fourth
    /// record of a JSON array or JSONL file.
    pub source: String,
    pub kind: BodyKind,
    /// The decoded body (valid UTF-8).
    pub body: String,
    /// Metadata given by the container (JSON fields); wins over what the
    /// extractor finds in the body.
    pub meta: Metadata,
}

/// A piece of boilerplate taken out of an article, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: String,
}

impl Removed {
    pub fn new(text: impl Into<String>, reason: impl Into<String>) -> Self {
        Removed {
            text: text.into(),
            reason: reason.into(),
        }
    }
}

/// The result of extraction: clean text plus metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub meta: Metadata,
    /// Clean body: paragraphs separated by a blank line (`"\n\n"`).
    pub text: String,
    pub removed: Vec<Removed>,
}

/// A clean article with its text model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub byline: Vec<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub removed: Vec<Removed>,
    /// Paragraph spans into `text`.
    pub paragraphs: Vec<Span>,
    /// Sentence spans into `text`.
    pub sentences: Vec<Span>,
}

/// An input that could not become an article, with a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub source: String,
    pub error: String,
}

/// A citation: the exact words of an article that support a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cite<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Stable article id: a hash of the canonical URL when there is one, else of
/// the text with whitespace collapsed and case folded, so that re-ingesting
/// the same article from another file gives the same id.
pub fn article_id(url: Option<&str>, text: &str) -> String {
    let hash = match url.map(normalize_url).filter(|u| !u.is_empty()) {
        Some(u) => xxhash_rust::xxh3::xxh3_64(format!("url:{u}").as_bytes()),
        None => {
            let mut norm = String::with_capacity(text.len());
            for word in text.split_whitespace() {
                if !norm.is_empty() {
                    norm.push(' ');
                }
                norm.extend(word.chars().flat_map(char::to_lowercase));
            }
            xxhash_rust::xxh3::xxh3_64(format!("text:{norm}").as_bytes())
        }
    };
    format!("a{hash:016x}")
}

/// Lower-cased scheme and host, no fragment, no trailing slash: enough for
/// `http://X.com/a/` and `https://x.com/a#top` to be one URL.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or("");
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.trim_end_matches('/');
    format!("{host}{path}")
}

/// The largest index `<= i` that is a char boundary of `s`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_url_based_when_possible() {
        let a = article_id(Some("https://www.Example.org/news/1/"), "x");
        let b = article_id(Some("http://example.org/news/1#top"), "y");
        assert_eq!(a, b);
        assert_eq!(a.len(), 17);
        let c = article_id(None, "The  Harbour\nclosed.");
        let d = article_id(None, "the harbour closed.");
        assert_eq!(c, d);
        assert_ne!(c, article_id(None, "the harbour opened."));
    }

    #[test]
    fn span_slices() {
        let s = Span::new(2, 5);
        assert_eq!(s.slice("abcdef"), "cde");
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
    }

    #[test]
    fn char_boundary_floor() {
        let s = "aé";
        assert_eq!(floor_char_boundary(s, 2), 1);
        assert_eq!(floor_char_boundary(s, 9), 3);
    }

    #[test]
    fn metadata_fill_keeps_existing() {
        let mut a = Metadata {
            title: Some("A".into()),
            ..Default::default()
        };
        a.fill_from(Metadata {
            title: Some("B".into()),
            outlet: Some("O".into()),
            ..Default::default()
        });
        assert_eq!(a.title.as_deref(), Some("A"));
        assert_eq!(a.outlet.as_deref(), Some("O"));
    }
}
