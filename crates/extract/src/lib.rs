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

/// ISO 639-1 code of the text's language, when it can be told with confidence.
pub fn detect_language(text: &str) -> Option<String> {
    let sample = &text[..parallax_core::floor_char_boundary(text, 4096)];
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
