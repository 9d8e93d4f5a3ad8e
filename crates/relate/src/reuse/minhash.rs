//! Near-duplicate candidates across a large collection: MinHash signatures
//! of word shingles, and locality-sensitive hashing by bands.
//!
//! This is the first step of provenance at scale: it finds pairs of
//! documents whose word-shingle sets have a Jaccard similarity around or
//! above a threshold (verbatim copies, light edits, truncations) in time
//! linear in the collection. It does not see paraphrase (which shares few
//! shingles); [`super::find_reuse`] does, within a story.
//!
//! Shingles are runs of `k` lower-cased words, words being maximal runs of
//! alphanumeric characters or `_`. Each shingle is hashed once (xxh3, 64
//! bits); permutation `i` is the bijective mixer of SplitMix64 applied to
//! `hash ^ seed_i`, with seeds drawn from a fixed SplitMix64 stream, so
//! signatures are the same on every run and machine. Bands and rows are
//! chosen as datasketch's `MinHashLSH` chooses them (minimising the
//! equally weighted integrals of false-positive and false-negative
//! probability around the threshold), so the two can be compared at the
//! same settings.
//!
//! ```
//! use parallax_relate::reuse::minhash::{LshIndex, MinHasher};
//! let h = MinHasher::new(128, 3);
//! let a = h.signature("the mayor closed the old bridge on thursday after inspectors found cracks");
//! let b = h.signature("the mayor closed the old bridge on thursday after inspectors found two cracks");
//! let c = h.signature("a bakery on the east bank lost a third of its takings this week");
//! let mut lsh = LshIndex::new(0.5, 128);
//! for s in [&a, &b, &c] {
//!     lsh.insert(s.clone());
//! }
//! assert_eq!(lsh.candidate_pairs(), vec![(0, 1)]);
//! assert!(a.jaccard(&b) > 0.6);
//! ```

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// A MinHash signature: the minimum of each permutation over a document's
/// shingles (`u64::MAX` everywhere for a document with no shingle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

impl Signature {
    /// Estimated Jaccard similarity: the share of equal minima. Zero when
    /// the lengths differ or either document had no shingle.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() || self.is_empty_doc() {
            return 0.0;
        }
        let eq = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        eq as f64 / self.0.len() as f64
    }

    fn is_empty_doc(&self) -> bool {
        self.0.iter().all(|&v| v == u64::MAX)
    }
}

/// Makes signatures with `num_perm` permutations over `k`-word shingles.
#[derive(Debug, Clone)]
pub struct MinHasher {
    seeds: Vec<u64>,
    k: usize,
}

fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl MinHasher {
    /// `num_perm` permutations (at least 1), shingles of `k` words (at
    /// least 1).
    pub fn new(num_perm: usize, k: usize) -> MinHasher {
        let mut state = 0x5eed_0f9a_11a7_u64;
        let seeds = (0..num_perm.max(1))
            .map(|_| {
                state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
                splitmix(state)
            })
            .collect();
        MinHasher { seeds, k: k.max(1) }
    }

    pub fn num_perm(&self) -> usize {
        self.seeds.len()
    }

    /// Hashes of the distinct `k`-word shingles of `text`, sorted. A text
    /// shorter than `k` words gives one shingle of all its words.
    pub fn shingles(&self, text: &str) -> Vec<u64> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        let mut out = Vec::with_capacity(words.len());
        if words.is_empty() {
            return out;
        }
        let mut buf = String::new();
        let k = self.k.min(words.len());
        for w in words.windows(k) {
            buf.clear();
            for (i, x) in w.iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(x);
            }
            out.push(xxh3_64(buf.as_bytes()));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The signature of a set of shingle hashes.
    pub fn signature_of(&self, shingles: &[u64]) -> Signature {
        let mut sig = vec![u64::MAX; self.seeds.len()];
        for &h in shingles {
            for (m, &seed) in sig.iter_mut().zip(&self.seeds) {
                let v = splitmix(h ^ seed);
                if v < *m {
                    *m = v;
                }
            }
        }
        Signature(sig)
    }

    /// The signature of `text`.
    pub fn signature(&self, text: &str) -> Signature {
        self.signature_of(&self.shingles(text))
    }
}

/// Exact Jaccard similarity of two sorted, distinct shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Bands and rows for `num_perm` permutations at Jaccard `threshold`: the
/// `(b, r)` with `b * r <= num_perm` minimising `fp_weight * FP + fn_weight * FN`,
/// FP and FN being the integrals of the false-positive probability below
/// the threshold and of the false-negative probability above it.
pub fn optimal_params(
    threshold: f64,
    num_perm: usize,
    fp_weight: f64,
    fn_weight: f64,
) -> (usize, usize) {
    let t = threshold.clamp(0.0, 1.0);
    let mut best = (1, num_perm.max(1));
    let mut min_err = f64::INFINITY;
    for b in 1..=num_perm.max(1) {
        for r in 1..=num_perm.max(1) / b {
            let p = |s: f64| 1.0 - (1.0 - s.powi(r as i32)).powi(b as i32);
            let fp = integrate(p, 0.0, t);
            let fneg = integrate(|s| 1.0 - p(s), t, 1.0);
            let err = fp * fp_weight + fneg * fn_weight;
            if err < min_err {
                min_err = err;
                best = (b, r);
            }
        }
    }
    best
}

/// Composite Simpson's rule with 256 intervals.
fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    let n = 256;
    let h = (b - a) / n as f64;
    let mut s = f(a) + f(b);
    for i in 1..n {
        let x = a + i as f64 * h;
        s += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    s * h / 3.0
}

/// An LSH index over MinHash signatures: documents that agree on every row
/// of at least one band land in the same bucket and become candidates.
#[derive(Debug, Clone)]
pub struct LshIndex {
    bands: usize,
    rows: usize,
    tables: Vec<HashMap<u64, Vec<u32>>>,
    len: usize,
}

impl LshIndex {
    /// An index tuned for Jaccard `threshold` with `num_perm`-permutation
    /// signatures (bands and rows as in [`optimal_params`], equal weights).
    pub fn new(threshold: f64, num_perm: usize) -> LshIndex {
        let (b, r) = optimal_params(threshold, num_perm, 0.5, 0.5);
        LshIndex::with_bands(b, r)
    }

    /// An index with `bands` bands of `rows` rows each.
    pub fn with_bands(bands: usize, rows: usize) -> LshIndex {
        let bands = bands.max(1);
        LshIndex {
            bands,
            rows: rows.max(1),
            tables: vec![HashMap::new(); bands],
            len: 0,
        }
    }

    /// `(bands, rows)`.
    pub fn params(&self) -> (usize, usize) {
        (self.bands, self.rows)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn band_keys<'a>(&'a self, sig: &'a Signature) -> impl Iterator<Item = (usize, u64)> + 'a {
        (0..self.bands).filter_map(move |b| {
            let rows = sig.0.get(b * self.rows..(b + 1) * self.rows)?;
            let mut bytes = Vec::with_capacity(rows.len() * 8);
            for v in rows {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            Some((b, xxh3_64(&bytes)))
        })
    }

    /// Adds a signature (it should come from a [`MinHasher`] with at least
    /// `bands * rows` permutations); returns its id (0, 1, ...).
    pub fn insert(&mut self, sig: Signature) -> usize {
        let id = self.len;
        let keys: Vec<(usize, u64)> = self.band_keys(&sig).collect();
        for (b, key) in keys {
            self.tables[b].entry(key).or_default().push(id as u32);
        }
        self.len += 1;
        id
    }

    /// Ids of the indexed documents sharing a bucket with `sig`, sorted.
    pub fn query(&self, sig: &Signature) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .band_keys(sig)
            .filter_map(|(b, key)| self.tables[b].get(&key))
            .flatten()
            .map(|&i| i as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every candidate pair `(i, j)`, `i < j`, sorted.
    pub fn candidate_pairs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for table in &self.tables {
            for ids in table.values() {
                for (x, &i) in ids.iter().enumerate() {
                    for &j in &ids[x + 1..] {
                        out.push((i.min(j) as usize, i.max(j) as usize));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
