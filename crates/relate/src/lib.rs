//! Cross-article relations. [`cluster`]: online clustering of articles into
//! stories (TF-IDF cosine blended with entity overlap, a date penalty, and an
//! inverted index for sub-linear candidate search). See docs/clustering.md.

pub mod cluster;
pub mod reuse;

pub use cluster::{cluster_batch, Clusterer, Config, Doc, DocKey, StoryEvent, StoryId};
