//! Lining up what outlets say (being written: issue 5).

use crate::{Discrepancy, StoryFact};
use parallax_annotate::Annotations;
use parallax_core::Article;

/// Facts about the same thing with different values in different articles.
pub fn discrepancies<'a>(
    group: &[(&'a Article, &'a Annotations)],
    facts: &[StoryFact<'a>],
) -> Vec<Discrepancy<'a>> {
    let _ = (group, facts);
    Vec::new()
}
