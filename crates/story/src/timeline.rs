//! The story's dated events in order (being written: issue 5).

use crate::TimelineEntry;
use parallax_annotate::Annotations;
use parallax_core::Article;

pub fn timeline<'a>(group: &[(&'a Article, &'a Annotations)]) -> Vec<TimelineEntry<'a>> {
    let _ = group;
    Vec::new()
}
