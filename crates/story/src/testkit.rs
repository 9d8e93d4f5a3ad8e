//! Test helpers shared by the story modules' unit tests.

use parallax_annotate::Annotations;
use parallax_core::{Article, Extracted, Metadata};

/// An invented article (outlet = `source`) run through the real text model
/// and annotators.
pub(crate) fn art(source: &str, published: &str, text: &str) -> (Article, Annotations) {
    let ex = Extracted {
        meta: Metadata {
            published: Some(published.to_string()),
            outlet: Some(source.to_string()),
            ..Metadata::default()
        },
        text: text.to_string(),
        removed: Vec::new(),
    };
    let a = parallax_text::article(source.to_string(), ex);
    let ann = parallax_annotate::annotate(&a);
    (a, ann)
}
