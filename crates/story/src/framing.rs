//! Per-article framing (being written: issue 5).

use crate::{Framing, StoryFact};
use parallax_annotate::Annotations;
use parallax_core::Article;

/// One entry per article of `group`: loaded terms against the story's own
/// baseline, facts only it reports, facts it omits. `facts` are the story's
/// merged facts (occurrences cite the articles of `group`).
pub fn framing<'a>(
    group: &[(&'a Article, &'a Annotations)],
    facts: &[StoryFact<'a>],
) -> Vec<Framing<'a>> {
    let _ = (group, facts);
    Vec::new()
}
