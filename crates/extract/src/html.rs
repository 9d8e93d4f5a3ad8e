//! HTML article extraction (placeholder: all text of <p> elements).

use parallax_core::Extracted;
use scraper::{Html, Selector};

/// Extract the main article body and metadata from an HTML page.
pub fn extract_html(html: &str, _url_hint: Option<&str>) -> Extracted {
    let doc = Html::parse_document(html);
    let p = Selector::parse("p").expect("static selector");
    let mut text = String::new();
    for el in doc.select(&p) {
        let t: String = el.text().collect::<String>();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&t);
        }
    }
    Extracted {
        text,
        ..Default::default()
    }
}
