//! Extraction: from a decoded document to clean article text plus metadata.
//!
//! - [`html`]: main body, title, bylines, date, outlet, canonical URL, language
//!   from an HTML page.
//! - [`plain`]: boilerplate removal from plain-text articles (promos, photo
//!   credits, "contributed to this report", date prefixes), and learning an
//!   outlet's repeated boilerplate across several of its articles.
//! - [`dates`]: parsing the many ways pages and texts write a publication date.

pub mod dates;
pub mod html;
pub mod plain;

use parallax_core::{BodyKind, Extracted, RawDoc};

/// Extract one document. Metadata given by the container (JSON fields) wins
/// over what is found in the body. Never panics.
pub fn extract(doc: &RawDoc) -> Extracted {
    let mut out = match doc.kind {
        BodyKind::Html => html::extract_html(&doc.body, doc.meta.url.as_deref()),
        BodyKind::Text => plain::clean_text_titled(&doc.body, doc.meta.title.as_deref()),
    };
    let mut meta = doc.meta.clone();
    meta.fill_from(std::mem::take(&mut out.meta));
    if meta.language.is_none() {
        meta.language = detect_language(&out.text);
    }
    out.meta = meta;
    out
}

/// A fast path for the most common case: at least 40 words, and at least
/// one in six of them English function words that other languages do not
/// use ("the", "of", "and", ...). Anything else goes to whatlang.
fn looks_english(sample: &str) -> bool {
    const WORDS: &[&str] = &[
        "the", "of", "and", "to", "that", "was", "with", "is", "for", "said", "his", "her", "he",
        "it", "they", "have", "has", "were", "this", "from", "by", "which",
    ];
    let (mut n, mut hits) = (0usize, 0usize);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        n += 1;
        if w.len() <= 5 && WORDS.iter().any(|x| x.eq_ignore_ascii_case(w)) {
            hits += 1;
        }
    }
    n >= 40 && hits * 6 >= n
}

/// ISO 639-1 code of the text's language, when it can be told with confidence.
pub fn detect_language(text: &str) -> Option<String> {
    // About 200 words identify a language as reliably as the whole text.
    let sample = &text[..parallax_core::floor_char_boundary(text, 1200)];
    if looks_english(sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && sample.len() > 200 {
        return None;
    }
    let code = match info.lang() {
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Jpn => "ja",
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Kor => "ko",
        whatlang::Lang::Ara => "ar",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Ukr => "uk",
        whatlang::Lang::Swe => "sv",
        whatlang::Lang::Dan => "da",
        whatlang::Lang::Fin => "fi",
        whatlang::Lang::Heb => "he",
        whatlang::Lang::Hin => "hi",
        other => return Some(other.code().to_string()),
    };
    Some(code.to_string())
}
