//! Extractive multi-document summary (being written: issue 5).

use crate::SummarySentence;
use parallax_annotate::Annotations;
use parallax_core::Article;
use parallax_relate::reuse::ReusePair;

/// At most `n` sentences taken verbatim from the story's articles, each
/// cited by every article that reports the same content. `reuse` holds the
/// story's reuse pairs (indices into `group`): a copy is not an independent
/// confirmation.
pub fn summarize<'a>(
    group: &[(&'a Article, &'a Annotations)],
    reuse: &[ReusePair],
    n: usize,
) -> Vec<SummarySentence<'a>> {
    let _ = (group, reuse, n);
    Vec::new()
}
