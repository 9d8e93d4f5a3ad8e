//! The online clusterer: state, candidate index, joins, merges and splits.
//!
//! Terms and entities are interned to `u32` ids; document vectors, story
//! centroids and entity counts are vectors sorted by id, so every score is a
//! merge join. The persistent part ([`State`]) derives serde; the indexes
//! (string -> id maps and postings) are rebuilt from it on load.
//!
//! **Postings are bucketed by date.** A doc dated more than
//! [`Config::date_grace_days`] + [`Config::date_scale_days`] *
//! ln(1 / [`Config::threshold`]) days from a story's date range cannot reach
//! the threshold (every cosine is at most 1), so a story is posted under
//! the buckets of width `ceil(that cutoff)` its date range covers, and a dated
//! doc probes only its own bucket and the two beside it (plus undated
//! stories). Candidate search therefore grows with the stories of a few weeks,
//! not with the collection. An undated doc probes every bucket.

use super::{Config, Doc, DocKey, StoryId};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher (the Fx scheme) for the string -> id maps:
/// SipHash dominated the profile, and these maps hold no attacker-chosen
/// keys that could hurt beyond a slowdown.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
    }

    fn write_u8(&mut self, i: u8) {
        self.word(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.word(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.word(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.word(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Work counters since this clusterer was built or loaded (not persisted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub adds: u64,
    /// Stories scored against new docs (the candidate sets).
    pub candidates: u64,
    pub split_checks: u64,
    /// Members re-scored by split checks.
    pub split_check_members: u64,
}

/// A structural change to the stories, recorded by [`Clusterer::add`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StoryEvent {
    /// The article `at_doc` scored with two stories that turned out to belong
    /// together: story `from` (the younger) was folded into `into` (the older,
    /// whose id survives).
    Merged {
        into: StoryId,
        from: StoryId,
        at_doc: DocKey,
    },
    /// A local re-check of story `from`, triggered by the arrival of
    /// `at_doc`, found that the articles `moved` no longer belong with the
    /// rest: they now form story `new` (the id of the oldest of them).
    Split {
        from: StoryId,
        new: StoryId,
        at_doc: DocKey,
        moved: Vec<DocKey>,
    },
}

/// One story as listed by [`Clusterer::stories`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: StoryId,
    pub size: usize,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
}

/// Bucket of stories with no dated member; probed by every doc.
const UNDATED: i32 = i32::MIN;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocState {
    key: DocKey,
    /// Unit TF-IDF vector (IDF as of the doc's arrival), sorted by term id.
    vec: Vec<(u32, f32)>,
    /// Entity ids, sorted.
    ents: Vec<u32>,
    date: Option<i32>,
    story: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Story {
    id: StoryId,
    /// Lowest doc index among the members (the oldest article).
    founder: u32,
    members: Vec<u32>,
    /// Sum of member unit vectors, truncated to the heaviest
    /// `centroid_terms` after every join; sorted by term id.
    centroid: Vec<(u32, f32)>,
    norm: f32,
    /// The `top_k` heaviest centroid terms (posted in the index), sorted.
    indexed: Vec<u32>,
    /// The `top_k_entities` most frequent entities (posted), sorted.
    #[serde(default)]
    indexed_ents: Vec<u32>,
    /// Entity id -> number of members naming it, sorted by id.
    ents: Vec<(u32, u32)>,
    /// Norm of the IDF-weighted entity vector (`count / size`), computed at
    /// the last change with the IDF of that moment.
    ent_norm: f32,
    date_min: Option<i32>,
    date_max: Option<i32>,
    /// Member count at the last split check.
    checked: u32,
    /// What is posted in the index now: buckets (inclusive), terms and
    /// entities. Rebuilt on load.
    #[serde(skip)]
    posted: Option<(i32, i32)>,
    #[serde(skip)]
    posted_terms: Vec<u32>,
    #[serde(skip)]
    posted_ents: Vec<u32>,
}

impl Story {
    fn alive(&self) -> bool {
        !self.members.is_empty()
    }
}

/// What a score needs of a story (or of a group during a split check).
struct View<'a> {
    centroid: &'a [(u32, f32)],
    norm: f32,
    ents: &'a [(u32, u32)],
    size: f32,
    ent_norm: f32,
    dates: Option<(i32, i32)>,
}

impl Story {
    fn view(&self) -> View<'_> {
        View {
            centroid: &self.centroid,
            norm: self.norm,
            ents: &self.ents,
            size: self.members.len() as f32,
            ent_norm: self.ent_norm,
            dates: self.date_min.zip(self.date_max),
        }
    }
}

/// The persistent state of a [`Clusterer`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct State {
    cfg: Config,
    n_docs: u32,
    terms: Vec<String>,
    df: Vec<u32>,
    ent_names: Vec<String>,
    edf: Vec<u32>,
    primed: BTreeSet<DocKey>,
    docs: Vec<DocState>,
    stories: Vec<Story>,
    events: Vec<StoryEvent>,
}

/// bucket -> story indices, sorted by bucket.
type Postings = Vec<(i32, Vec<u32>)>;

/// Everything rebuilt from [`State`] on load.
#[derive(Debug, Default)]
struct Index {
    term_ids: FxMap<String, u32>,
    ent_ids: FxMap<String, u32>,
    /// Postings by term id / entity id.
    terms: Vec<Postings>,
    ents: Vec<Postings>,
    stats: Stats,
    /// Background document frequency by term id as a share of the
    /// background documents, times `Config::background_docs` (all 0 when
    /// off). Static data: not saved, looked up again on load.
    bg_df: Vec<f32>,
}

fn post(p: &mut Vec<Postings>, key: u32, bucket: i32, si: u32) {
    let key = key as usize;
    if p.len() <= key {
        p.resize_with(key + 1, Vec::new);
    }
    let list = &mut p[key];
    match list.binary_search_by_key(&bucket, |(b, _)| *b) {
        Ok(i) => list[i].1.push(si),
        Err(i) => list.insert(i, (bucket, vec![si])),
    }
}

fn unpost(p: &mut [Postings], key: u32, bucket: i32, si: u32) {
    let Some(list) = p.get_mut(key as usize) else {
        return;
    };
    if let Ok(i) = list.binary_search_by_key(&bucket, |(b, _)| *b) {
        let stories = &mut list[i].1;
        if let Some(pos) = stories.iter().position(|&s| s == si) {
            stories.swap_remove(pos);
        }
        if stories.is_empty() {
            list.remove(i);
        }
    }
    if list.is_empty() {
        list.shrink_to_fit();
    }
}

/// Heaviest first, then by term id: a total order on centroid entries.
fn heavier(a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The `keep`-th heaviest term of `v` (by [`heavier`], a total order as
/// term ids are unique): the terms at or before it in that order are the
/// `keep` heaviest. `None` when `keep` is 0.
fn heaviest_cut(v: &[(u32, f32)], keep: usize) -> Option<(u32, f32)> {
    if keep == 0 || v.is_empty() {
        return None;
    }
    let mut w = v.to_vec();
    let k = (keep - 1).min(w.len() - 1);
    Some(*w.select_nth_unstable_by(k, heavier).1)
}

/// Add `b` into the sorted sparse vector `a`.
fn add_into(a: &mut Vec<(u32, f32)>, b: &[(u32, f32)], sign: f32) {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push((b[j].0, sign * b[j].1));
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + sign * b[j].1));
            i += 1;
            j += 1;
        }
    }
    *a = out;
}

fn add_counts(a: &mut Vec<(u32, u32)>, b: impl IntoIterator<Item = (u32, u32)>) {
    let b: Vec<(u32, u32)> = b.into_iter().collect();
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    *a = out;
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Days between a date (or date range) and a range; 0 when they overlap.
fn gap(lo: i32, hi: i32, (slo, shi): (i32, i32)) -> f32 {
    if hi < slo {
        (slo - hi) as f32
    } else if lo > shi {
        (lo - shi) as f32
    } else {
        0.0
    }
}

/// Online clusterer. See the module documentation of [`crate::cluster`].
///
/// Serializes (serde) to its persistent state: configuration, vocabulary
/// and document frequencies, every doc's vector and story, every story's
/// centroid, and the event log. The indexes are rebuilt on deserialization.
#[derive(Debug)]
pub struct Clusterer {
    s: State,
    ix: Index,
}

impl Serialize for Clusterer {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        self.s.serialize(ser)
    }
}

impl<'de> Deserialize<'de> for Clusterer {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let s = State::deserialize(de)?;
        let (nt, ne) = (s.terms.len() as u32, s.ent_names.len() as u32);
        let bad = s.df.len() != s.terms.len()
            || s.edf.len() != s.ent_names.len()
            || s.docs.iter().any(|d| {
                d.story as usize >= s.stories.len()
                    || d.vec.iter().any(|x| x.0 >= nt)
                    || d.ents.iter().any(|&e| e >= ne)
            })
            || s.stories.iter().any(|st| {
                st.members.iter().any(|&m| m as usize >= s.docs.len())
                    || st.centroid.iter().any(|x| x.0 >= nt)
                    || st.indexed.iter().any(|&t| t >= nt)
                    || st.ents.iter().any(|x| x.0 >= ne)
                    || st.indexed_ents.iter().any(|&e| e >= ne)
            });
        if bad {
            return Err(serde::de::Error::custom("inconsistent clusterer state"));
        }
        Ok(Clusterer::from_state(s))
    }
}

impl Clusterer {
    pub fn new(cfg: Config) -> Self {
        Clusterer::from_state(State {
            cfg,
            n_docs: 0,
            terms: Vec::new(),
            df: Vec::new(),
            ent_names: Vec::new(),
            edf: Vec::new(),
            primed: BTreeSet::new(),
            docs: Vec::new(),
            stories: Vec::new(),
            events: Vec::new(),
        })
    }

    /// Rebuild the indexes from a persistent state.
    fn from_state(s: State) -> Self {
        let mut c = Clusterer {
            ix: Index::default(),
            s,
        };
        for (i, t) in c.s.terms.iter().enumerate() {
            c.ix.term_ids.insert(t.clone(), i as u32);
            let bg = c.bg_df(t);
            c.ix.bg_df.push(bg);
        }
        for (i, e) in c.s.ent_names.iter().enumerate() {
            c.ix.ent_ids.insert(e.clone(), i as u32);
        }
        for si in 0..c.s.stories.len() {
            let st = &mut c.s.stories[si];
            st.posted = None;
            st.posted_terms.clear();
            st.posted_ents.clear();
            c.reindex(si);
        }
        c
    }

    pub fn config(&self) -> &Config {
        &self.s.cfg
    }

    /// Number of docs added.
    pub fn len(&self) -> usize {
        self.s.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.s.docs.is_empty()
    }

    /// Number of stories with at least one article.
    pub fn story_count(&self) -> usize {
        self.s.stories.iter().filter(|s| s.alive()).count()
    }

    /// Work counters (candidates scored, split checks) since creation or load.
    pub fn stats(&self) -> Stats {
        self.ix.stats
    }

    /// Every live story: id, number of articles, first and last day (days
    /// since 1970-01-01) of its dated articles; in creation order.
    pub fn stories(&self) -> Vec<StorySummary> {
        self.s
            .stories
            .iter()
            .filter(|s| s.alive())
            .map(|s| StorySummary {
                id: s.id.clone(),
                size: s.members.len(),
                first_day: s.date_min,
                last_day: s.date_max,
            })
            .collect()
    }

    /// Merges and splits so far, in the order they happened.
    pub fn events(&self) -> &[StoryEvent] {
        &self.s.events
    }

    /// Count `docs` into the document frequencies ahead of adding them (batch
    /// use), so that early documents are weighted with the final IDF.
    pub fn prime<'d>(&mut self, docs: impl IntoIterator<Item = &'d Doc>) {
        for d in docs {
            if self.s.primed.insert(d.key.clone()) {
                self.count(d);
            }
        }
    }

    fn term_id(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.ix.term_ids.get(t) {
            return id;
        }
        let id = self.s.terms.len() as u32;
        self.s.terms.push(t.to_string());
        self.s.df.push(0);
        let bg = self.bg_df(t);
        self.ix.bg_df.push(bg);
        self.ix.term_ids.insert(t.to_string(), id);
        id
    }

    fn ent_id(&mut self, e: &str) -> u32 {
        if let Some(&id) = self.ix.ent_ids.get(e) {
            return id;
        }
        let id = self.s.ent_names.len() as u32;
        self.s.ent_names.push(e.to_string());
        self.s.edf.push(0);
        self.ix.ent_ids.insert(e.to_string(), id);
        id
    }

    fn count(&mut self, d: &Doc) {
        self.s.n_docs += 1;
        for (t, _) in &d.terms {
            let id = self.term_id(t);
            self.s.df[id as usize] += 1;
        }
        for e in &d.entities {
            let id = self.ent_id(e);
            self.s.edf[id as usize] += 1;
        }
    }

    fn idf(&self, df: u32) -> f32 {
        ((1.0 + self.s.n_docs as f32) / (1.0 + df as f32)).ln() + 1.0
    }

    /// IDF of a term: the run's document frequency blended with the
    /// background table's (when on).
    fn tidf(&self, t: u32) -> f32 {
        let n = 1.0 + self.s.n_docs as f32 + self.bg_weight();
        let df = 1.0 + self.s.df[t as usize] as f32 + self.ix.bg_df[t as usize];
        (n / df).ln() + 1.0
    }

    /// Pseudo-documents the background table counts for (0: off).
    fn bg_weight(&self) -> f32 {
        let k = self.s.cfg.background_docs;
        if k.is_finite() && k > 0.0 && super::background::Background::get().docs > 0 {
            k
        } else {
            0.0
        }
    }

    /// Background pseudo-document frequency of a term.
    fn bg_df(&self, t: &str) -> f32 {
        let k = self.bg_weight();
        if k == 0.0 {
            return 0.0;
        }
        let b = super::background::Background::get();
        k * b.df(t) as f32 / b.docs as f32
    }

    fn eidf(&self, e: u32) -> f32 {
        self.idf(self.s.edf[e as usize])
    }

    fn rare_limit(&self) -> f32 {
        (self.s.cfg.rare_fraction * self.s.n_docs as f32).max(self.s.cfg.rare_min_df as f32)
    }

    /// Width in days of a date bucket, or `None` when no date gap rules a
    /// story out (then every story shares one bucket).
    fn bucket_width(&self) -> Option<i32> {
        let c = &self.s.cfg;
        if !(c.threshold > 0.0 && c.threshold < 1.0 && c.date_scale_days > 0.0) {
            return None;
        }
        let cutoff = c.date_grace_days.max(0.0) + c.date_scale_days * (1.0 / c.threshold).ln();
        (cutoff.is_finite() && cutoff < 1e6).then(|| cutoff.ceil().max(1.0) as i32)
    }

    fn buckets_of(&self, st: &Story) -> (i32, i32) {
        match (self.bucket_width(), st.date_min.zip(st.date_max)) {
            (None, _) => (0, 0),
            (Some(_), None) => (UNDATED, UNDATED),
            (Some(w), Some((lo, hi))) => (lo.div_euclid(w), hi.div_euclid(w)),
        }
    }

    /// Add one article; returns the id of the story it ends in (after any
    /// merge or split its arrival causes).
    pub fn add(&mut self, doc: &Doc) -> StoryId {
        if !self.s.primed.contains(&doc.key) {
            self.count(doc);
        }
        let state = self.state_of(doc);
        let mut scored = self.scored(&state);
        self.ix.stats.adds += 1;
        self.ix.stats.candidates += scored.len() as u64;
        let di = self.s.docs.len() as u32;
        self.s.docs.push(state);
        let thr = self.s.cfg.threshold;
        // Best first; ties to the lower story index.
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let si = match scored.first() {
            Some(&(si, score)) if score >= thr => si,
            _ => self.new_story(di),
        };
        self.join(di, si);
        self.reindex(si as usize);
        // The doc may bridge its story and another one it also scores with.
        let mut cur = si;
        let runners_up = scored.iter().skip(1).take(self.s.cfg.max_merge_checks);
        for &(other, score) in runners_up {
            if score < thr {
                break;
            }
            if other == cur || !self.s.stories[other as usize].alive() {
                continue;
            }
            let sim = self.story_sim(cur as usize, other as usize);
            if sim >= self.s.cfg.merge_threshold {
                cur = self.merge(cur, other, di);
            }
        }
        let si = self.s.docs[di as usize].story as usize;
        let st = &self.s.stories[si];
        let size = st.members.len();
        if size >= 3
            && size <= self.s.cfg.split_check_max
            && size as f32 >= st.checked as f32 * self.s.cfg.split_check_growth
        {
            self.split_check(si, di);
        }
        let si = self.s.docs[di as usize].story as usize;
        self.s.stories[si].id.clone()
    }

    fn new_story(&mut self, founder: u32) -> u32 {
        let key = &self.s.docs[founder as usize].key;
        self.s.stories.push(Story {
            id: StoryId::of_first(key),
            founder,
            ..Story::default()
        });
        (self.s.stories.len() - 1) as u32
    }

    fn state_of(&mut self, doc: &Doc) -> DocState {
        let mut vec: Vec<(u32, f32)> = Vec::with_capacity(doc.terms.len());
        for (t, tf) in &doc.terms {
            let id = self.term_id(t);
            let idf = self.tidf(id);
            vec.push((id, (1.0 + tf.max(1.0).ln()) * idf));
        }
        vec.sort_unstable_by_key(|x| x.0);
        vec.dedup_by_key(|x| x.0);
        let norm = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut vec {
                *w /= norm;
            }
        }
        let mut ents: Vec<u32> = doc.entities.iter().map(|e| self.ent_id(e)).collect();
        ents.sort_unstable();
        ents.dedup();
        DocState {
            key: doc.key.clone(),
            vec,
            ents,
            date: doc.date,
            story: u32::MAX,
        }
    }

    /// Stories sharing a rare term or entity with the doc, sorted, distinct.
    fn candidates(&self, d: &DocState) -> Vec<u32> {
        let limit = self.rare_limit();
        let mut probe: Vec<&(u32, f32)> = d
            .vec
            .iter()
            .filter(|(t, _)| self.s.df[*t as usize] as f32 <= limit)
            .collect();
        // Ties break on the term id: ids follow first sight, which in batch
        // use is the canonical order of the docs.
        probe.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let window = match (self.bucket_width(), d.date) {
            (None, _) => Some((0, 0)),
            (Some(_), None) => None,
            (Some(w), Some(day)) => Some((day.div_euclid(w) - 1, day.div_euclid(w) + 1)),
        };
        let mut out = Vec::new();
        let mut take = |list: &Postings| match window {
            None => list.iter().for_each(|(_, s)| out.extend_from_slice(s)),
            Some((lo, hi)) => {
                let start = list.partition_point(|(b, _)| *b < lo);
                for (b, s) in &list[start..] {
                    if *b > hi {
                        break;
                    }
                    out.extend_from_slice(s);
                }
                if lo > UNDATED {
                    if let Some((UNDATED, s)) = list.first() {
                        out.extend_from_slice(s);
                    }
                }
            }
        };
        for (t, _) in probe.into_iter().take(self.s.cfg.query_terms) {
            if let Some(p) = self.ix.terms.get(*t as usize) {
                take(p);
            }
        }
        for &e in &d.ents {
            if self.s.edf[e as usize] as f32 <= limit {
                if let Some(p) = self.ix.ents.get(e as usize) {
                    take(p);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every candidate story with its score.
    fn scored(&self, d: &DocState) -> Vec<(u32, f32)> {
        self.candidates(d)
            .into_iter()
            .filter(|&si| self.s.stories[si as usize].alive())
            .map(|si| (si, self.score(d, &self.s.stories[si as usize].view())))
            .collect()
    }

    fn best_story(&self, d: &DocState) -> Option<(u32, f32)> {
        let mut best: Option<(u32, f32)> = None;
        for (si, s) in self.scored(d) {
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((si, s));
            }
        }
        best
    }

    fn blend(&self, cos_t: f32, cos_e: Option<f32>) -> f32 {
        match cos_e {
            Some(e) => {
                let a = self.s.cfg.entity_weight;
                (1.0 - a) * cos_t + a * e
            }
            None => cos_t,
        }
    }

    fn date_factor(&self, g: f32) -> f32 {
        let over = g - self.s.cfg.date_grace_days;
        if over > 0.0 {
            (-over / self.s.cfg.date_scale_days).exp()
        } else {
            1.0
        }
    }

    /// Date factor of joining two date ranges: the gap between them, and
    /// the span of their union beyond [`Config::max_span_days`] (so a chain
    /// of articles a few days apart does not grow into a story of months).
    fn dates_factor(&self, (alo, ahi): (i32, i32), b: (i32, i32)) -> f32 {
        let mut f = self.date_factor(gap(alo, ahi, b));
        let span = (ahi.max(b.1) - alo.min(b.0)) as f32 - self.s.cfg.max_span_days;
        if span > 0.0 {
            f *= (-span / self.s.cfg.date_scale_days).exp();
        }
        f
    }

    fn score(&self, d: &DocState, s: &View<'_>) -> f32 {
        if s.norm <= 0.0 || s.size <= 0.0 {
            return 0.0;
        }
        let cos_t = dot(&d.vec, s.centroid) / s.norm;
        let cos_e = if !d.ents.is_empty() && !s.ents.is_empty() {
            let (mut dp, mut nd) = (0.0f32, 0.0f32);
            // Binary search: a big story names far more entities than a doc.
            let mut rest = s.ents;
            for &e in &d.ents {
                let idf = self.eidf(e);
                nd += idf * idf;
                match rest.binary_search_by_key(&e, |x| x.0) {
                    Ok(j) => {
                        dp += idf * idf * rest[j].1 as f32 / s.size;
                        rest = &rest[j + 1..];
                    }
                    Err(j) => rest = &rest[j..],
                }
            }
            Some(if nd > 0.0 && s.ent_norm > 0.0 {
                (dp / (nd.sqrt() * s.ent_norm)).min(1.0)
            } else {
                0.0
            })
        } else {
            None
        };
        let mut score = self.blend(cos_t, cos_e);
        if let (Some(day), Some(r)) = (d.date, s.dates) {
            score *= self.dates_factor((day, day), r);
        }
        score
    }

    /// Similarity of two stories: centroid cosine blended with entity cosine,
    /// times the date factor of the gap between their date ranges.
    fn story_sim(&self, a: usize, b: usize) -> f32 {
        self.view_sim(&self.s.stories[a].view(), &self.s.stories[b].view())
    }

    fn view_sim(&self, sa: &View<'_>, sb: &View<'_>) -> f32 {
        if sa.norm <= 0.0 || sb.norm <= 0.0 || sa.size <= 0.0 || sb.size <= 0.0 {
            return 0.0;
        }
        let cos_t = (dot(sa.centroid, sb.centroid) / (sa.norm * sb.norm)).min(1.0);
        let cos_e = if !sa.ents.is_empty() && !sb.ents.is_empty() {
            let (mut dp, mut j) = (0.0f32, 0);
            for &(e, ca) in sa.ents {
                while j < sb.ents.len() && sb.ents[j].0 < e {
                    j += 1;
                }
                if j < sb.ents.len() && sb.ents[j].0 == e {
                    let idf = self.eidf(e);
                    dp += idf * idf * (ca as f32 / sa.size) * (sb.ents[j].1 as f32 / sb.size);
                }
            }
            let n = sa.ent_norm * sb.ent_norm;
            Some(if n > 0.0 { (dp / n).min(1.0) } else { 0.0 })
        } else {
            None
        };
        let mut sim = self.blend(cos_t, cos_e);
        if let (Some(ra), Some(rb)) = (sa.dates, sb.dates) {
            sim *= self.dates_factor(ra, rb);
        }
        sim
    }

    /// Put doc `di` into story `si` (centroid, entities, dates); the caller
    /// refreshes the story's postings with [`Self::reindex`].
    fn join(&mut self, di: u32, si: u32) {
        self.join_capped(di, si);
        self.summarize(si as usize);
    }

    /// [`Self::join`] without [`Self::summarize`]: for a rebuild that joins
    /// many members and summarizes once at the end (the cap is applied at
    /// every join, as it shapes the centroid; the rest depends only on the
    /// final state).
    fn join_capped(&mut self, di: u32, si: u32) {
        let d = &mut self.s.docs[di as usize];
        d.story = si;
        let (vec, ents, date) = (std::mem::take(&mut d.vec), d.ents.clone(), d.date);
        let st = &mut self.s.stories[si as usize];
        st.members.push(di);
        st.founder = if st.members.len() == 1 {
            di
        } else {
            st.founder.min(di)
        };
        add_into(&mut st.centroid, &vec, 1.0);
        add_counts(&mut st.ents, ents.iter().map(|&e| (e, 1)));
        if let Some(day) = date {
            st.date_min = Some(st.date_min.map_or(day, |m| m.min(day)));
            st.date_max = Some(st.date_max.map_or(day, |m| m.max(day)));
        }
        self.s.docs[di as usize].vec = vec;
        self.cap(si as usize);
    }

    /// Keep the heaviest centroid terms: `centroid` is sorted by term id
    /// (joins merge sorted vectors); over the cap, the terms lighter than
    /// the cap-th heaviest are dropped in place (id order kept).
    fn cap(&mut self, si: usize) {
        let keep = self.s.cfg.centroid_terms;
        let c = &mut self.s.stories[si].centroid;
        if c.len() > keep {
            match heaviest_cut(c, keep) {
                Some(cut) => c.retain(|x| heavier(x, &cut).is_le()),
                None => c.clear(),
            }
        }
    }

    /// Keep the heaviest centroid terms, recompute the norms and the terms
    /// to post.
    fn truncate(&mut self, si: usize) {
        self.cap(si);
        self.summarize(si);
    }

    /// Norms and posted terms and entities of story `si` from its centroid
    /// and entity counts.
    fn summarize(&mut self, si: usize) {
        let cfg = &self.s.cfg;
        let st = &mut self.s.stories[si];
        let c = std::mem::take(&mut st.centroid);
        st.norm = c.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        // The top terms, in id order as `c` is.
        st.indexed = if c.len() > cfg.top_k {
            match heaviest_cut(&c, cfg.top_k) {
                Some(cut) => c
                    .iter()
                    .filter(|x| heavier(x, &cut).is_le())
                    .map(|x| x.0)
                    .collect(),
                None => Vec::new(),
            }
        } else {
            c.iter().map(|x| x.0).collect()
        };
        st.centroid = c;
        let size = st.members.len().max(1) as f32;
        let ents = std::mem::take(&mut st.ents);
        let n: f32 = ents
            .iter()
            .map(|&(e, k)| {
                let w = self.idf(self.s.edf[e as usize]) * k as f32 / size;
                w * w
            })
            .sum();
        // The most frequent entities (ties to the lower id), in id order.
        let keep = self.s.cfg.top_k_entities;
        let top: Vec<u32> = if ents.len() > keep && keep > 0 {
            let more = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
            let mut w = ents.clone();
            let cut = *w.select_nth_unstable_by(keep - 1, more).1;
            ents.iter()
                .filter(|x| more(x, &cut).is_le())
                .map(|x| x.0)
                .collect()
        } else if ents.len() > keep {
            Vec::new()
        } else {
            ents.iter().map(|x| x.0).collect()
        };
        let st = &mut self.s.stories[si];
        st.ents = ents;
        st.ent_norm = n.sqrt();
        st.indexed_ents = top;
    }

    /// Bring the postings of story `si` in line with its top terms,
    /// entities and date buckets (only the differences are applied).
    fn reindex(&mut self, si: usize) {
        let st = &self.s.stories[si];
        let new_b = st.alive().then(|| self.buckets_of(st));
        let (new_t, new_e): (Vec<u32>, Vec<u32>) = if st.alive() {
            (st.indexed.clone(), st.indexed_ents.clone())
        } else {
            (Vec::new(), Vec::new())
        };
        let st = &mut self.s.stories[si];
        let old_b = st.posted.take();
        let old_t = std::mem::take(&mut st.posted_terms);
        let old_e = std::mem::take(&mut st.posted_ents);
        let s = si as u32;
        let ix = &mut self.ix;
        if old_b == new_b {
            if let Some((lo, hi)) = new_b {
                let gone = |old: &[u32], new: &[u32]| -> Vec<u32> {
                    old.iter()
                        .filter(|x| new.binary_search(x).is_err())
                        .copied()
                        .collect()
                };
                let (gt, ct) = (gone(&old_t, &new_t), gone(&new_t, &old_t));
                let (ge, ce) = (gone(&old_e, &new_e), gone(&new_e, &old_e));
                for b in lo..=hi {
                    gt.iter().for_each(|&t| unpost(&mut ix.terms, t, b, s));
                    ct.iter().for_each(|&t| post(&mut ix.terms, t, b, s));
                    ge.iter().for_each(|&e| unpost(&mut ix.ents, e, b, s));
                    ce.iter().for_each(|&e| post(&mut ix.ents, e, b, s));
                }
            }
        } else {
            if let Some((lo, hi)) = old_b {
                for b in lo..=hi {
                    old_t.iter().for_each(|&t| unpost(&mut ix.terms, t, b, s));
                    old_e.iter().for_each(|&e| unpost(&mut ix.ents, e, b, s));
                }
            }
            if let Some((lo, hi)) = new_b {
                for b in lo..=hi {
                    new_t.iter().for_each(|&t| post(&mut ix.terms, t, b, s));
                    new_e.iter().for_each(|&e| post(&mut ix.ents, e, b, s));
                }
            }
        }
        let st = &mut self.s.stories[si];
        st.posted = new_b;
        st.posted_terms = new_t;
        st.posted_ents = new_e;
    }

    /// Fold story `b` into story `a` (whichever is older survives) on the
    /// arrival of doc `at`; returns the survivor.
    fn merge(&mut self, a: u32, b: u32, at: u32) -> u32 {
        let (into, from) =
            if self.s.stories[a as usize].founder <= self.s.stories[b as usize].founder {
                (a, b)
            } else {
                (b, a)
            };
        let gone = std::mem::take(&mut self.s.stories[from as usize]);
        let st = &mut self.s.stories[from as usize];
        st.id = gone.id.clone();
        st.founder = gone.founder;
        st.posted = gone.posted;
        st.posted_terms = gone.posted_terms;
        st.posted_ents = gone.posted_ents;
        self.reindex(from as usize);
        for &m in &gone.members {
            self.s.docs[m as usize].story = into;
        }
        let st = &mut self.s.stories[into as usize];
        st.members.extend_from_slice(&gone.members);
        st.founder = st.founder.min(gone.founder);
        add_into(&mut st.centroid, &gone.centroid, 1.0);
        add_counts(&mut st.ents, gone.ents.iter().copied());
        st.date_min = match (st.date_min, gone.date_min) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        st.date_max = match (st.date_max, gone.date_max) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        };
        self.truncate(into as usize);
        self.reindex(into as usize);
        let event = StoryEvent::Merged {
            into: self.s.stories[into as usize].id.clone(),
            from: gone.id,
            at_doc: self.s.docs[at as usize].key.clone(),
        };
        self.s.events.push(event);
        into
    }

    /// Rebuild story `si` from scratch with `members` (joined in order).
    fn rebuild(&mut self, si: usize, members: &[u32]) {
        let st = &mut self.s.stories[si];
        let keep = Story {
            id: std::mem::take(&mut st.id),
            posted: st.posted.take(),
            posted_terms: std::mem::take(&mut st.posted_terms),
            posted_ents: std::mem::take(&mut st.posted_ents),
            ..Story::default()
        };
        *st = keep;
        for &m in members {
            self.join_capped(m, si as u32);
        }
        self.summarize(si);
        self.reindex(si);
    }

    /// Local re-check of story `si` after doc `at` joined it (bisection):
    /// the member that fits the rest of the story worst seeds one group, the
    /// member least like it seeds the other; the other members join, in the
    /// order added, the group they score best with, then one pass moves each
    /// member (scored with itself left out) to its best group. If the two
    /// groups then score below [`Config::split_threshold`] as stories, the
    /// group without the oldest member becomes a story of its own (a
    /// recorded split).
    fn split_check(&mut self, si: usize, at: u32) {
        let mut members = self.s.stories[si].members.clone();
        members.sort_unstable();
        self.s.stories[si].checked = members.len() as u32;
        self.ix.stats.split_checks += 1;
        self.ix.stats.split_check_members += members.len() as u64;
        let docs = &self.s.docs;
        let mut all = Group::default();
        for &m in &members {
            all.add(&docs[m as usize], m);
        }
        all.refresh(self);
        // Leave-one-out fit of every member.
        let mut worst: Option<(usize, f32)> = None;
        for (i, &m) in members.iter().enumerate() {
            let d = &docs[m as usize];
            all.remove(d, m);
            all.refresh(self);
            let s = self.score(d, &all.view());
            all.add(d, m);
            all.refresh(self);
            if worst.is_none_or(|(_, w)| s < w) {
                worst = Some((i, s));
            }
        }
        let Some((seed, _)) = worst else { return };
        // The second seed: the member least like the first.
        let mut first = Group::default();
        first.add(&docs[members[seed] as usize], members[seed]);
        first.refresh(self);
        let mut far: Option<(usize, f32)> = None;
        for (i, &m) in members.iter().enumerate() {
            if i != seed {
                let s = self.score(&docs[m as usize], &first.view());
                if far.is_none_or(|(_, f)| s < f) {
                    far = Some((i, s));
                }
            }
        }
        let Some((seed2, _)) = far else { return };
        let mut second = Group::default();
        second.add(&docs[members[seed2] as usize], members[seed2]);
        second.refresh(self);
        let mut groups = [first, second];
        let mut side = vec![usize::MAX; members.len()];
        side[seed] = 0;
        side[seed2] = 1;
        // Grow both groups from their seeds, then move members (one pass,
        // each scored with itself left out) to the group they fit best.
        for pass in 0..2 {
            let mut moved = false;
            for (i, &m) in members.iter().enumerate() {
                let d = &docs[m as usize];
                let g = side[i];
                if pass == 0 && g != usize::MAX {
                    continue;
                }
                if g != usize::MAX {
                    if groups[g].members.len() == 1 {
                        continue;
                    }
                    groups[g].remove(d, m);
                    groups[g].refresh(self);
                }
                let (s0, s1) = (
                    self.score(d, &groups[0].view()),
                    self.score(d, &groups[1].view()),
                );
                let to = if s1 > s0 { 1 } else { 0 };
                groups[to].add(d, m);
                groups[to].refresh(self);
                if to != g {
                    side[i] = to;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        if groups.iter().any(|g| g.members.is_empty())
            || self.view_sim(&groups[0].view(), &groups[1].view()) >= self.s.cfg.split_threshold
        {
            return;
        }
        let mut parts: Vec<Vec<u32>> = groups
            .into_iter()
            .map(|g| {
                let mut m = g.members;
                m.sort_unstable();
                m
            })
            .collect();
        parts.sort_by_key(|p| p[0]);
        let from = self.s.stories[si].id.clone();
        let at_key = self.s.docs[at as usize].key.clone();
        self.rebuild(si, &parts[0]);
        self.s.stories[si].checked = parts[0].len() as u32;
        let ns = self.new_story(parts[1][0]) as usize;
        self.rebuild_new(ns, &parts[1]);
        let event = StoryEvent::Split {
            from,
            new: self.s.stories[ns].id.clone(),
            at_doc: at_key,
            moved: parts[1]
                .iter()
                .map(|&m| self.s.docs[m as usize].key.clone())
                .collect(),
        };
        self.s.events.push(event);
    }

    fn rebuild_new(&mut self, si: usize, members: &[u32]) {
        for &m in members {
            self.join_capped(m, si as u32);
        }
        self.summarize(si);
        self.s.stories[si].checked = members.len() as u32;
        self.reindex(si);
    }

    /// Take doc `di` out of its story and rebuild that story from the rest.
    fn leave(&mut self, di: u32) {
        let si = self.s.docs[di as usize].story as usize;
        let members: Vec<u32> = self.s.stories[si]
            .members
            .iter()
            .copied()
            .filter(|&m| m != di)
            .collect();
        self.s.docs[di as usize].story = u32::MAX;
        self.rebuild(si, &members);
    }

    /// One refinement pass (batch use): every doc, in the order added,
    /// leaves its story and goes to the best-scoring story, or to a new
    /// story of its own when none reaches the threshold. Records no events.
    pub fn refine(&mut self) {
        for di in 0..self.s.docs.len() as u32 {
            let own = self.s.docs[di as usize].story;
            self.leave(di);
            let best = self.best_story(&self.s.docs[di as usize]);
            let si = match best {
                Some((si, s)) if s >= self.s.cfg.threshold => si,
                _ if !self.s.stories[own as usize].alive() => own,
                _ => self.new_story(di),
            };
            self.join(di, si);
            self.reindex(si as usize);
        }
    }

    /// Every doc added so far with its story, in the order added.
    pub fn assignments(&self) -> Vec<(DocKey, StoryId)> {
        self.s
            .docs
            .iter()
            .map(|d| (d.key.clone(), self.s.stories[d.story as usize].id.clone()))
            .collect()
    }

    /// The story index of each doc, in the order added (for batch use).
    pub(super) fn story_indices(&self) -> Vec<usize> {
        self.s.docs.iter().map(|d| d.story as usize).collect()
    }
}

/// A group of a story's members during a split check: untruncated centroid.
#[derive(Default)]
struct Group {
    members: Vec<u32>,
    centroid: Vec<(u32, f32)>,
    norm: f32,
    ents: Vec<(u32, u32)>,
    ent_norm: f32,
    dates: Option<(i32, i32)>,
    dated: Vec<i32>,
}

impl Group {
    fn add(&mut self, d: &DocState, m: u32) {
        self.members.push(m);
        add_into(&mut self.centroid, &d.vec, 1.0);
        add_counts(&mut self.ents, d.ents.iter().map(|&e| (e, 1)));
        if let Some(day) = d.date {
            self.dated.push(day);
        }
    }

    fn remove(&mut self, d: &DocState, m: u32) {
        if let Some(p) = self.members.iter().position(|&x| x == m) {
            self.members.remove(p);
        }
        add_into(&mut self.centroid, &d.vec, -1.0);
        self.centroid.retain(|x| x.1.abs() > 1e-6);
        for &e in &d.ents {
            if let Ok(i) = self.ents.binary_search_by_key(&e, |x| x.0) {
                self.ents[i].1 -= 1;
                if self.ents[i].1 == 0 {
                    self.ents.remove(i);
                }
            }
        }
        if let Some(day) = d.date {
            if let Some(p) = self.dated.iter().position(|&x| x == day) {
                self.dated.swap_remove(p);
            }
        }
    }

    fn refresh(&mut self, c: &Clusterer) {
        self.norm = self.centroid.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        let size = self.members.len().max(1) as f32;
        self.ent_norm = self
            .ents
            .iter()
            .map(|&(e, k)| {
                let w = c.eidf(e) * k as f32 / size;
                w * w
            })
            .sum::<f32>()
            .sqrt();
        self.dates = match (self.dated.iter().min(), self.dated.iter().max()) {
            (Some(&lo), Some(&hi)) => Some((lo, hi)),
            _ => None,
        };
    }

    fn view(&self) -> View<'_> {
        View {
            centroid: &self.centroid,
            norm: self.norm,
            ents: &self.ents,
            size: self.members.len() as f32,
            ent_norm: self.ent_norm,
            dates: self.dates,
        }
    }
}
