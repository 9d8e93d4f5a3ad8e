//! Online clustering of articles into stories.
//!
//! Each article becomes a [`Doc`]: term counts (lower-cased word tokens minus
//! stopwords, light plural folding, title words counted [`Config::title_boost`]
//! times), the canonical names of its entities, and its publication day.
//! [`Clusterer::add`] joins the article to the best existing story, or starts
//! a new one when no story scores [`Config::threshold`] or more.
//!
//! **Score** of a doc against a story: cosine of the doc's TF-IDF vector
//! (`(1 + ln tf) * idf`, unit length; IDF from the documents seen so far,
//! blended with a static background table, [`Config::background_docs`])
//! with the story centroid (sum of its members' unit vectors, truncated to
//! its [`Config::centroid_terms`] heaviest terms), blended with the cosine of
//! IDF-weighted entity sets ([`Config::entity_weight`]), times a date factor:
//! 1 within [`Config::date_grace_days`] of the story's date range, then
//! `exp(-(gap - grace) / scale)`. Unknown dates give no penalty.
//!
//! **Candidates** come from inverted indexes (term -> stories whose centroid
//! has it among its [`Config::top_k`] heaviest terms; entity -> stories that
//! mention it). A doc probes only with its [`Config::query_terms`] heaviest
//! terms that are rare (document frequency at most
//! `max(rare_min_df, rare_fraction * N)`) and its rare entities, so only
//! stories that share a rare term or name are scored.
//!
//! Postings are bucketed by date (a doc reads only the buckets of stories it
//! could still reach through the date factor), see [`Clusterer`].
//!
//! **Ids**: a story's id hashes the key of the article that started it and
//! never changes as articles join. Online, a story's id is that of its
//! oldest article.
//!
//! **Merges and splits** (online, recorded as [`StoryEvent`]s): a new doc
//! that scores with several stories folds a runner-up into its story (the
//! older id survives) when the two stories are similar enough
//! ([`Config::merge_threshold`]); a story that has doubled in size since
//! its last check is bisected, and the halves become two stories when they
//! no longer score together ([`Config::split_threshold`]).
//!
//! **State**: [`Clusterer`] implements serde `Serialize`/`Deserialize`
//! (indexes are rebuilt on load).
//!
//! **Batch** ([`cluster_batch`], used by `parallax analyze`): IDF is primed
//! from all documents first, documents are added in a canonical order
//! (publication day, then key) with the online merges and splits, then one
//! refinement pass moves each document
//! to its best story (scored with the document taken out of its own story),
//! or to a story of its own when nothing reaches the threshold. The grouping
//! therefore does not depend on input order at all.
//!
//! Outputs never depend on hash-map iteration order: candidate sets are
//! ordered, ties break on the lower story index, truncations sort with a
//! key tie-break.

use parallax_annotate::{Annotations, MentionForm};
use parallax_core::Article;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod background;
mod online;
pub use online::{Clusterer, Stats, StoryEvent, StorySummary};

/// An article's key: its id.
pub type DocKey = String;

/// A stable story id: `s` + xxh3 of `story:<key of the first article>`,
/// the same scheme the report uses for single-article stories.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StoryId(pub String);

impl StoryId {
    pub fn of_first(key: &str) -> Self {
        let hash = xxhash_rust::xxh3::xxh3_64(format!("story:{key}").as_bytes());
        StoryId(format!("s{hash:016x}"))
    }
}

impl std::fmt::Display for StoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Tuning. The defaults are the one configuration reported in
/// docs/clustering.md for every dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Minimum score for a doc to join a story.
    pub threshold: f32,
    /// Weight of the entity cosine in the blend (when both sides have entities).
    pub entity_weight: f32,
    /// How many times each title word is counted.
    pub title_boost: u32,
    /// Centroid terms that go into the inverted index.
    pub top_k: usize,
    /// Most frequent entities of a story that go into the inverted index.
    pub top_k_entities: usize,
    /// Centroid terms kept for scoring.
    pub centroid_terms: usize,
    /// Heaviest doc terms used to probe the index.
    pub query_terms: usize,
    /// A term or entity probes the index only if its document frequency is at
    /// most `max(rare_min_df, rare_fraction * docs seen)`.
    pub rare_fraction: f32,
    pub rare_min_df: u32,
    /// Days of date gap with no penalty.
    pub date_grace_days: f32,
    /// Scale (days) of the exponential penalty beyond the grace.
    pub date_scale_days: f32,
    /// A join that would make a story span more than this many days is
    /// penalised like a gap of the excess (same scale).
    pub max_span_days: f32,
    /// When a new doc scores at least `threshold` with two stories, they
    /// merge if their story-to-story similarity (centroid cosine blended
    /// with entity cosine, times the date factor of their gap) reaches this.
    /// Above 1: never merge.
    pub merge_threshold: f32,
    /// How many runner-up stories of a new doc are checked for a merge.
    pub max_merge_checks: usize,
    /// A split check bisects a story whose worst-fitting member scores below
    /// `threshold` against the rest; the halves become two stories when
    /// their story-to-story similarity is below this.
    pub split_threshold: f32,
    /// A story is re-checked for a split when it has grown by this factor
    /// since its last check (and has at least 3 members).
    pub split_check_growth: f32,
    /// Stories larger than this are not re-checked (the check is quadratic
    /// in the worst case).
    pub split_check_max: usize,
    /// Blend the run's term document frequencies with the built-in
    /// background table (`cluster/background_df.txt`), counted as
    /// `background_docs` pseudo-documents: term IDF is
    /// `ln((1 + N + K) / (1 + df + K * df_bg / N_bg)) + 1`. A run of three
    /// articles then knows which shared words are common; a run of
    /// thousands is ruled by its own counts. Without it, a tiny run weights
    /// the words all its articles share the least. 0: off.
    pub background_docs: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.15,
            entity_weight: 0.5,
            title_boost: 2,
            top_k: 40,
            top_k_entities: 50,
            centroid_terms: 300,
            query_terms: 20,
            rare_fraction: 0.1,
            rare_min_df: 100,
            date_grace_days: 3.0,
            date_scale_days: 7.0,
            max_span_days: 30.0,
            merge_threshold: 0.3,
            max_merge_checks: 3,
            split_threshold: 0.1,
            split_check_growth: 2.0,
            split_check_max: 256,
            background_docs: 100.0,
        }
    }
}

/// What the clusterer needs of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub key: DocKey,
    /// Term counts (title words boosted), sorted by term.
    pub terms: Vec<(String, f32)>,
    /// Lower-cased canonical entity names, sorted, distinct.
    pub entities: Vec<String>,
    /// Publication day (days since 1970-01-01), when known.
    pub date: Option<i32>,
}

impl Doc {
    /// Build a doc from raw parts: the title (boosted), the body text, entity
    /// names and an ISO date (`2022-04-04...`).
    pub fn new(
        key: impl Into<String>,
        title: Option<&str>,
        text: &str,
        entities: impl IntoIterator<Item = String>,
        published: Option<&str>,
        cfg: &Config,
    ) -> Self {
        let mut counts: rustc_hash::FxHashMap<String, f32> = rustc_hash::FxHashMap::default();
        let mut add = |w: &str, x: f32| match counts.get_mut(w) {
            Some(c) => *c += x,
            None => {
                counts.insert(w.to_owned(), x);
            }
        };
        if let Some(t) = title {
            for_words(t, |w| add(w, cfg.title_boost as f32));
        }
        for_words(text, |w| add(w, 1.0));
        let mut terms: Vec<(String, f32)> = counts.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0)); // keys are distinct
        let entities: BTreeSet<String> = entities
            .into_iter()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| e.chars().count() >= 3)
            .collect();
        Doc {
            key: key.into(),
            terms,
            entities: entities.into_iter().collect(),
            date: published.and_then(parse_day),
        }
    }

    /// A doc from an article and its annotations (entities named at least
    /// once by a full name or acronym), with the default [`Config`]'s title
    /// boost.
    pub fn from_article(art: &Article, ann: Option<&Annotations>) -> Self {
        Self::from_article_with(art, ann, &Config::default())
    }

    pub fn from_article_with(art: &Article, ann: Option<&Annotations>, cfg: &Config) -> Self {
        let entities = ann
            .map(|a| {
                a.entities
                    .iter()
                    .filter(|e| {
                        e.mentions
                            .iter()
                            .any(|m| matches!(m.form, MentionForm::Name | MentionForm::Acronym))
                    })
                    .map(|e| e.name.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        Doc::new(
            art.id.clone(),
            art.title.as_deref(),
            &art.text,
            entities,
            art.published.as_deref(),
            cfg,
        )
    }
}

/// Days since 1970-01-01 of an ISO date's first ten characters.
fn parse_day(s: &str) -> Option<i32> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = d[..4].parse().ok()?;
    let m: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (H. Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Lower-cased word tokens minus stopwords, with light plural folding;
/// numbers of two or more digits (language-independent evidence); runs of
/// CJK characters (which have no spaces) as character bigrams. Each is
/// passed to `f` in text order (buffers reused: no allocation per word).
fn for_words(text: &str, mut f: impl FnMut(&str)) {
    use parallax_text::TokenKind;
    let mut lower = String::new();
    let mut run = String::new();
    let mut buf = String::new();
    for t in parallax_text::tokens(text) {
        let raw = t.span.slice(text);
        match t.kind {
            TokenKind::Number => {
                buf.clear();
                buf.extend(raw.chars().filter(|c| *c != ','));
                if buf.chars().count() >= 2 {
                    f(&buf);
                }
            }
            TokenKind::Word | TokenKind::Hashtag => {
                let r = raw.trim_start_matches('#');
                lower.clear();
                if r.is_ascii() {
                    // No CJK in ASCII: the whole word is one run.
                    lower.push_str(r);
                    lower.make_ascii_lowercase();
                    push_run(&lower, false, &mut buf, &mut f);
                    continue;
                }
                lower.push_str(&r.to_lowercase());
                run.clear();
                let mut run_cjk = false;
                for c in lower.chars() {
                    let cjk = is_cjk(c);
                    if cjk != run_cjk && !run.is_empty() {
                        push_run(&run, run_cjk, &mut buf, &mut f);
                        run.clear();
                    }
                    run_cjk = cjk;
                    run.push(c);
                }
                if !run.is_empty() {
                    push_run(&run, run_cjk, &mut buf, &mut f);
                }
            }
            _ => {}
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn push_run(run: &str, cjk: bool, buf: &mut String, f: &mut impl FnMut(&str)) {
    if cjk {
        let chars: Vec<char> = run.chars().collect();
        if chars.len() == 1 {
            f(run);
        }
        for w in chars.windows(2) {
            buf.clear();
            buf.extend(w.iter());
            f(buf);
        }
        return;
    }
    let mut w = run;
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(s) = w.strip_suffix(suffix) {
            w = s;
            break;
        }
    }
    buf.clear();
    buf.extend(
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .filter(|&c| c != '.'),
    );
    if buf.chars().count() < 2 || buf.chars().all(|c| c.is_ascii_digit()) || is_stopword(buf) {
        return;
    }
    fold_plural(buf);
    f(buf);
}

/// Light plural folding in place ("parties" -> "party", "votes" -> "vote").
fn fold_plural(w: &mut String) {
    let n = w.len();
    if n > 4 && w.is_ascii() {
        if w.ends_with("ies") {
            w.truncate(n - 3);
            w.push('y');
        } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
        {
            w.truncate(n - 1);
        }
    }
}

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "around",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "see",
    "she",
    "she's",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "still",
    "such",
    "take",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they're",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "wasn't",
    "we",
    "we're",
    "were",
    "weren't",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
];

fn is_stopword(w: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(w)
}

/// Cluster a whole run: prime IDF with every doc, add them in canonical order
/// (publication day, unknown last, then key), refine once. Returns groups of
/// indices into `docs`, each in increasing order, groups ordered by their
/// first index: independent of the order of `docs`.
pub fn cluster_batch(docs: &[Doc], cfg: Config) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&docs[a], &docs[b]);
        (da.date.is_none(), da.date, &da.key, a).cmp(&(db.date.is_none(), db.date, &db.key, b))
    });
    let mut c = Clusterer::new(cfg);
    // Prime in canonical order too: term ids (and so float summation order)
    // then do not depend on the input order.
    c.prime(order.iter().map(|&i| &docs[i]));
    for &i in &order {
        c.add(&docs[i]);
    }
    c.refine();
    let stories = c.story_indices();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (pos, &i) in order.iter().enumerate() {
        groups.entry(stories[pos]).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_values()
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect();
    out.sort_by_key(|g| g[0]);
    out
}

#[cfg(test)]
mod tests;
