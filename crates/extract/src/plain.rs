//! Plain-text article cleanup (placeholder: paragraphs normalised).

use parallax_core::Extracted;

/// Clean a plain-text article: normalise paragraphs, take out boilerplate.
pub fn clean_text(text: &str) -> Extracted {
    let paras: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    Extracted {
        text: paras.join("\n\n"),
        ..Default::default()
    }
}
