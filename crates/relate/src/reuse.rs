//! Provenance: which article of a story reuses text from which.
//!
//! # Method
//! Each article is cut into sentences (within its paragraphs). A sentence is
//! a set of weighted content terms: stop words and common reporting verbs
//! out, a light stemmer, names and numbers at half weight (independent
//! reports of one event share them by necessity). Terms inside quotations
//! (the annotated quote spans plus any run between paired double quotation
//! marks) are marked. Terms in more than [`Config::common_share`] of all the
//! story's sentences are dropped (the story's subject; function words of
//! languages the stop list does not cover).
//!
//! For a pair of articles, every sentence of the candidate derived article
//! is compared with every sentence of the candidate source, and with every
//! two adjacent source sentences taken together (a rewrite often merges
//! two), by a weighted Dice coefficient of their terms; pairs at
//! [`Config::min_sentence_sim`] or more are candidate links. A dynamic
//! programme over the links finds the best *order-preserving chain*
//! (derived positions increase, source positions never go back, a source
//! sentence may feed two consecutive derived sentences), worth the sum of
//! `sim - min_sentence_sim` minus [`Config::gap_penalty`] per sentence
//! skipped on either side. A close paraphrase shows as a long diagonal of
//! moderate similarities that no per-sentence threshold would separate from
//! independent reports; the chain does.
//!
//! **Shared quotes are not reuse.** The decision uses the chain computed
//! with every term that is quoted on both sides left out of the overlap (it
//! still counts in the sentence's size, so a sentence that is mostly a
//! shared quote does not align): two reports quoting the same speaker share
//! only quoted words. A pair is reuse when either enough *close* links
//! (similar and sharing the wording: unquoted word trigrams) hold a large
//! share of the derived article's unquoted content (copies, light edits),
//! or a long chain holds nearly all of it (close paraphrase in the source's
//! order); see [`Config`]. Once reuse is established, the passages are
//! re-aligned with quoted words counted too (a wire copy copies its quotes
//! along with the rest); consecutive links become passages, and the score
//! is the share of the derived article's content (term weight) in linked
//! sentences.
//!
//! **Direction**: the earlier publication is the source when both dates are
//! known and differ; otherwise the article whose own unquoted content is
//! clearly the more covered by the chain is the derived one, and when both
//! are covered alike, the smaller.
//!
//! **Kind**: the share of the derived passages' word trigrams found in the
//! linked source sentences: [`ReuseKind::Copy`] from 0.9,
//! [`ReuseKind::Rewrite`] from 0.45, else [`ReuseKind::Paraphrase`].
//!
//! For near duplicates across a whole collection (not one story) see
//! [`minhash`]: MinHash signatures over word shingles with LSH banding.

pub mod minhash;
mod terms;
#[cfg(test)]
mod tests;

use parallax_core::Span;
use terms::{Interner, Sent, Term};

/// One article as the reuse detector sees it.
#[derive(Debug, Clone, Copy)]
pub struct ReuseDoc<'a> {
    /// The article's clean text.
    pub text: &'a str,
    /// Publication date or timestamp (ISO 8601) when known.
    pub published: Option<&'a str>,
    /// Paragraph spans into `text`.
    pub paragraphs: &'a [Span],
    /// Spans of direct quotes in `text`: words of a quoted source shared by
    /// two independent reports are not reuse.
    pub quotes: &'a [Span],
}

/// How the direction of a reuse pair was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The source was published first.
    Published,
    /// Dates unknown or equal: the article whose shared text covers more of
    /// itself is the derived one.
    Containment,
}

/// How close the derived text stays to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReuseKind {
    /// Verbatim or near-verbatim copy (wire copy).
    Copy,
    /// Light edits of the source's sentences.
    Rewrite,
    /// Close paraphrase following the source's order.
    Paraphrase,
}

/// A pair of aligned passages: `source` in the source article's text,
/// `derived` in the derived article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub source: Span,
    pub derived: Span,
}

/// One reuse relation between two documents (indices into the slice given
/// to [`find_reuse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReusePair {
    pub source: usize,
    pub derived: usize,
    /// 0..1: how much of the derived article comes from the source.
    pub score: f64,
    pub kind: ReuseKind,
    pub direction: Direction,
    pub passages: Vec<Passage>,
}

/// Thresholds of [`find_reuse_with`].
#[derive(Debug, Clone)]
pub struct Config {
    /// Lowest weighted Dice similarity of two sentences' content terms for
    /// them to be a candidate link.
    pub min_sentence_sim: f32,
    /// Cost of every sentence skipped between two links of a chain.
    pub gap_penalty: f32,
    /// A link is a close one (a copied or lightly edited sentence) when it is
    /// at least this similar (quoted words left out)...
    pub close_sim: f32,
    /// ...and keeps at least this share of the derived sentence's unquoted
    /// word trigrams (the wording, not only the vocabulary, is shared).
    pub close_phrasing: f32,
    /// Close tier: least number of close links...
    pub min_close_links: usize,
    /// ...and least share of the derived article's unquoted content they hold.
    pub min_close_coverage: f32,
    /// Paraphrase tier: least number of links in the chain...
    pub min_paraphrase_links: usize,
    /// ...least share of the derived article's unquoted content they hold...
    pub min_paraphrase_coverage: f32,
    /// ...and least chain value (sum of `sim - min_sentence_sim`).
    pub min_paraphrase_value: f32,
    /// With quoted words counted (passages of an established pair), a
    /// sentence link needs at least this similarity.
    pub min_quoted_sim: f32,
    /// Terms in more than this share of all the sentences given (at least
    /// 20) are ignored.
    pub common_share: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            min_sentence_sim: 0.15,
            gap_penalty: 0.05,
            close_sim: 0.5,
            close_phrasing: 0.3,
            min_close_links: 2,
            min_close_coverage: 0.5,
            min_paraphrase_links: 5,
            min_paraphrase_coverage: 0.8,
            min_paraphrase_value: 1.5,
            min_quoted_sim: 0.5,
            common_share: 0.25,
        }
    }
}

/// Every reuse relation among `docs` (one story's articles), in a
/// deterministic order (by source, then derived index).
pub fn find_reuse(docs: &[ReuseDoc]) -> Vec<ReusePair> {
    find_reuse_with(docs, &Config::default())
}

/// [`find_reuse`] with explicit thresholds.
pub fn find_reuse_with(docs: &[ReuseDoc], cfg: &Config) -> Vec<ReusePair> {
    let mut interner = Interner::default();
    let mut feats: Vec<DocFeat> = docs
        .iter()
        .map(|d| DocFeat::new(d, &mut interner))
        .collect();
    drop_common_terms(&mut feats, cfg.common_share, 20);
    for f in &mut feats {
        f.index();
    }
    let mut scratch = Scratch::new(interner.len());
    let mut out = Vec::new();
    for a in 0..feats.len() {
        for b in a + 1..feats.len() {
            if let Some(p) = pair(a, b, &feats, cfg, &mut scratch) {
                out.push(p);
            }
        }
    }
    out.sort_by_key(|p| (p.source, p.derived));
    out
}

/// An article's sentences and what the pair test needs about it.
struct DocFeat {
    sents: Vec<Sent>,
    /// Each two adjacent sentences' terms merged (`pairs[j]` = `j` and `j + 1`).
    pairs: Vec<(Vec<Term>, f32)>,
    /// Distinct unquoted terms of the whole article, sorted by id.
    bag: Vec<u32>,
    free_total: f32,
    total: f32,
    time: Option<Time>,
    /// Where each term occurs, for [`align`] (built by [`DocFeat::index`]).
    post: Postings,
}

/// One occurrence of a term in a sentence (or in an adjacent-pair union).
#[derive(Debug, Clone, Copy)]
struct Post {
    /// Sentence index (pair index for pair postings).
    at: u32,
    weight: f32,
    quoted: bool,
}

/// An inverted index of a document's terms: for the `x`-th distinct term
/// `ids[x]`, its sentences `single[single_start[x]..single_start[x + 1]]`
/// and its adjacent-sentence pairs `pair[pair_start[x]..pair_start[x + 1]]`,
/// each in increasing position.
#[derive(Debug, Default)]
struct Postings {
    ids: Vec<u32>,
    single_start: Vec<u32>,
    single: Vec<Post>,
    pair_start: Vec<u32>,
    pair: Vec<Post>,
}

impl Postings {
    fn new(sents: &[Sent], pairs: &[(Vec<Term>, f32)]) -> Postings {
        fn gather<'a>(lists: impl Iterator<Item = &'a [Term]>) -> Vec<(u32, Post)> {
            let mut all: Vec<(u32, Post)> = Vec::new();
            for (j, terms) in lists.enumerate() {
                all.extend(terms.iter().map(|t| {
                    (
                        t.id,
                        Post {
                            at: j as u32,
                            weight: t.weight,
                            quoted: t.quoted,
                        },
                    )
                }));
            }
            // Each list holds a term once: (id, at) is unique.
            all.sort_unstable_by_key(|(id, p)| (*id, p.at));
            all
        }
        let singles = gather(sents.iter().map(|s| s.terms.as_slice()));
        let pairs = gather(pairs.iter().map(|(t, _)| t.as_slice()));
        let mut out = Postings::default();
        out.single.reserve(singles.len());
        out.pair.reserve(pairs.len());
        let mut k = 0;
        for (i, &(id, p)) in singles.iter().enumerate() {
            if i == 0 || singles[i - 1].0 != id {
                out.ids.push(id);
                out.single_start.push(out.single.len() as u32);
                // Every pair term is a term of one of the pair's sentences.
                while k < pairs.len() && pairs[k].0 < id {
                    k += 1;
                }
                out.pair_start.push(out.pair.len() as u32);
                while k < pairs.len() && pairs[k].0 == id {
                    out.pair.push(pairs[k].1);
                    k += 1;
                }
            }
            out.single.push(p);
        }
        out.single_start.push(out.single.len() as u32);
        out.pair_start.push(out.pair.len() as u32);
        out
    }
}

/// Per-call working memory of [`align`], sized to the interned vocabulary.
struct Scratch {
    /// By term id: its index in the current source's [`Postings::ids`], or
    /// `u32::MAX`.
    slot: Vec<u32>,
    /// By source sentence: shared weight with the current derived sentence
    /// (single masked, single full, pair masked, pair full).
    acc: Vec<[f32; 4]>,
    seen: Vec<bool>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(vocab: usize) -> Scratch {
        Scratch {
            slot: vec![u32::MAX; vocab],
            acc: Vec::new(),
            seen: Vec::new(),
            touched: Vec::new(),
        }
    }
}

impl DocFeat {
    fn new(doc: &ReuseDoc, interner: &mut Interner) -> DocFeat {
        let text = doc.text;
        let mut paragraphs: Vec<Span> = doc
            .paragraphs
            .iter()
            .filter(|p| p.start < p.end && text.get(p.range()).is_some())
            .copied()
            .collect();
        if paragraphs.is_empty() {
            paragraphs = parallax_text::paragraphs(text);
        }
        paragraphs.sort_by_key(|p| (p.start, p.end));
        let mask = terms::quote_mask(text, &paragraphs, doc.quotes);
        let mut sents = Vec::new();
        let mut toks = Vec::new();
        let mut last_end = 0;
        for p in &paragraphs {
            if p.start < last_end {
                continue; // overlapping paragraph spans: keep the first
            }
            last_end = p.end;
            for s in parallax_text::sentences_in(text, *p) {
                let f = terms::sentence(text, s, &mask, interner, &mut toks);
                if f.weight > 0.0 {
                    sents.push(f);
                }
            }
        }
        let mut f = DocFeat {
            sents,
            pairs: Vec::new(),
            bag: Vec::new(),
            free_total: 0.0,
            total: 0.0,
            time: doc.published.and_then(parse_time),
            post: Postings::default(),
        };
        f.derive();
        f
    }

    /// Sentence weights, adjacent-pair unions, vocabulary and totals from
    /// the sentences' terms.
    fn derive(&mut self) {
        for s in &mut self.sents {
            s.weight = s.terms.iter().map(|t| t.weight).sum();
            s.free_weight = s.terms.iter().filter(|t| !t.quoted).map(|t| t.weight).sum();
        }
        self.pairs = self
            .sents
            .windows(2)
            .map(|w| {
                let t = union(&w[0].terms, &w[1].terms);
                let wt = t.iter().map(|t| t.weight).sum();
                (t, wt)
            })
            .collect();
        self.bag = self
            .sents
            .iter()
            .flat_map(|s| s.terms.iter().filter(|t| !t.quoted).map(|t| t.id))
            .collect();
        self.bag.sort_unstable();
        self.bag.dedup();
        self.free_total = self.sents.iter().map(|s| s.free_weight).sum();
        self.total = self.sents.iter().map(|s| s.weight).sum();
    }

    /// Builds the inverted index [`align`] looks source sentences up in.
    fn index(&mut self) {
        self.post = Postings::new(&self.sents, &self.pairs);
    }
}

/// Drops the terms found in more than `share` of all the sentences of
/// `feats` (when there are at least `min_sentences`): function words of a
/// language the stop list does not cover, and the story's own subject,
/// which every report of the event repeats.
fn drop_common_terms(feats: &mut [DocFeat], share: f32, min_sentences: usize) {
    let n: usize = feats.iter().map(|f| f.sents.len()).sum();
    if n < min_sentences.max(1) {
        return;
    }
    let vocab = feats
        .iter()
        .flat_map(|f| &f.sents)
        .flat_map(|s| &s.terms)
        .map(|t| t.id as usize + 1)
        .max()
        .unwrap_or(0);
    // Sentence frequency by term id.
    let mut sf = vec![0usize; vocab];
    for s in feats.iter().flat_map(|f| &f.sents) {
        for t in &s.terms {
            sf[t.id as usize] += 1;
        }
    }
    let limit = share * n as f32;
    if !sf.iter().any(|&c| c as f32 > limit) {
        return;
    }
    for f in feats.iter_mut() {
        for s in &mut f.sents {
            s.terms.retain(|t| sf[t.id as usize] as f32 <= limit);
        }
        f.sents.retain(|s| !s.terms.is_empty());
        f.derive();
    }
}

/// Terms of two sentences together (sorted by id; a term is quoted only if
/// quoted in both).
fn union(a: &[Term], b: &[Term]) -> Vec<Term> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.id == y.id => {
                out.push(Term {
                    id: x.id,
                    weight: x.weight.max(y.weight),
                    quoted: x.quoted && y.quoted,
                });
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.id < y.id => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Share of `a` (sorted ids) found in `b`.
fn bag_overlap(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n as f32 / a.len() as f32
}

/// One aligned derived sentence: derived sentence `d` to source sentences
/// `s0..=s1` (one, or two adjacent).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Link {
    d: usize,
    s0: usize,
    s1: usize,
    sim: f32,
}

/// How sentence links are scored.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// Terms quoted on both sides do not count.
    Masked,
    /// The masked similarity, or the full one when it is at least this high.
    Full(f32),
}

/// The best order-preserving chain of sentence links of `der` to `src`.
///
/// Candidate links are the sentence pairs (or a derived sentence and two
/// adjacent source sentences) with similarity at least `tau`. A chain takes
/// links in increasing derived order with source positions never going
/// back (two consecutive derived sentences may share a source sentence);
/// its value is the sum of `sim - tau` over its links minus `gap` for every
/// sentence skipped on either side between two links. The best chain is
/// found by dynamic programming over the candidate links (local alignment:
/// a chain may start and end anywhere).
fn align(
    der: &DocFeat,
    src: &DocFeat,
    tau: f32,
    gap: f32,
    mode: Mode,
    scratch: &mut Scratch,
) -> Vec<Link> {
    let cands = candidates(der, src, tau, mode, scratch);
    if cands.is_empty() {
        return Vec::new();
    }
    chain(&cands, der.sents.len(), tau, gap)
}

/// The similarity of a link from the shared weights (`masked`, `full`) of
/// two term sets weighing `wa` and `wb` (weighted Dice; the tests hold a
/// merge-based reference).
#[inline]
fn sim_of(masked: f32, full: f32, wa: f32, wb: f32, mode: Mode) -> f32 {
    if wa + wb <= 0.0 {
        return 0.0;
    }
    let m = 2.0 * masked / (wa + wb);
    match mode {
        Mode::Masked => m,
        Mode::Full(min) => {
            let f = 2.0 * full / (wa + wb);
            if f >= min {
                m.max(f)
            } else {
                m
            }
        }
    }
}

/// The candidate links of [`align`], sorted by `(d, s0)`.
///
/// A link needs a shared term (tau > 0): the source's inverted index gives
/// the source sentences (and adjacent pairs) sharing a term with each
/// derived sentence, and the shared weights are summed per source sentence
/// in increasing term id, the order a merge of the two sorted term lists
/// sums them in (so the similarities are the same to the bit as the tests'
/// reference).
fn candidates(
    der: &DocFeat,
    src: &DocFeat,
    tau: f32,
    mode: Mode,
    scratch: &mut Scratch,
) -> Vec<Link> {
    let mut cands: Vec<Link> = Vec::new();
    let post = &src.post;
    let n = src.sents.len();
    let Scratch {
        slot,
        acc,
        seen,
        touched,
    } = scratch;
    for (x, &id) in post.ids.iter().enumerate() {
        slot[id as usize] = x as u32;
    }
    acc.clear();
    acc.resize(n, [0.0; 4]);
    seen.clear();
    seen.resize(n, false);
    for (i, d) in der.sents.iter().enumerate() {
        touched.clear();
        for t in &d.terms {
            let x = slot.get(t.id as usize).copied().unwrap_or(u32::MAX);
            if x == u32::MAX {
                continue;
            }
            let x = x as usize;
            let singles =
                &post.single[post.single_start[x] as usize..post.single_start[x + 1] as usize];
            let pairs = &post.pair[post.pair_start[x] as usize..post.pair_start[x + 1] as usize];
            // acc[j]: [single masked, single full, pair masked, pair full].
            for (list, masked, full) in [(singles, 0, 1), (pairs, 2, 3)] {
                for p in list {
                    let j = p.at as usize;
                    if !seen[j] {
                        seen[j] = true;
                        touched.push(j);
                    }
                    let w = t.weight.min(p.weight);
                    let a = &mut acc[j];
                    a[full] += w;
                    if !(t.quoted && p.quoted) {
                        a[masked] += w;
                    }
                }
            }
        }
        touched.sort_unstable();
        for &j in touched.iter() {
            let a = std::mem::take(&mut acc[j]);
            seen[j] = false;
            let s = &src.sents[j];
            let single = sim_of(a[0], a[1], d.weight, s.weight, mode);
            let pair = match src.pairs.get(j) {
                Some((_, wt)) => sim_of(a[2], a[3], d.weight, *wt, mode),
                None => 0.0,
            };
            // A merge must beat the single link clearly to be taken.
            let link = if pair > single + 0.05 {
                Link {
                    d: i,
                    s0: j,
                    s1: j + 1,
                    sim: pair,
                }
            } else {
                Link {
                    d: i,
                    s0: j,
                    s1: j,
                    sim: single,
                }
            };
            if link.sim >= tau && link.sim > 0.0 {
                cands.push(link);
            }
        }
    }
    for &id in &post.ids {
        slot[id as usize] = u32::MAX;
    }
    cands
}

/// The best chain of [`align`] over `cands` (sorted by `(d, s0)`, derived
/// positions below `n_der`).
fn chain(cands: &[Link], n_der: usize, tau: f32, gap: f32) -> Vec<Link> {
    // best[k]: best chain value ending at k.
    let mut best = vec![0.0f32; cands.len()];
    let mut back = vec![usize::MAX; cands.len()];
    let mut first_of_d = vec![0usize; n_der + 1];
    {
        let mut k = 0;
        for (d, slot) in first_of_d.iter_mut().enumerate() {
            while k < cands.len() && cands[k].d < d {
                k += 1;
            }
            *slot = k;
        }
    }
    // With a finite gap >= 0 a chain value only drops with distance: the
    // previous links are searched from the nearest derived position back,
    // and the search stops when no earlier link can reach the best found.
    // Bounds are compared with the rounded values the plain scan computes
    // (rounding is monotone), and ties go to the earliest link as in the
    // plain scan, so the chain is the same.
    let pruned = gap >= 0.0 && gap.is_finite() && tau.is_finite();
    // Best value ending at each derived position, and at it or before.
    let mut at_d = vec![f32::NEG_INFINITY; n_der];
    let mut upto_d = vec![f32::NEG_INFINITY; n_der];
    let mut done_d = 0usize;
    let mut top = (0.0f32, usize::MAX);
    for k in 0..cands.len() {
        let c = cands[k];
        let mut v = 0.0f32;
        let mut from = usize::MAX;
        if pruned {
            while done_d < c.d {
                let before = if done_d == 0 {
                    f32::NEG_INFINITY
                } else {
                    upto_d[done_d - 1]
                };
                upto_d[done_d] = before.max(at_d[done_d]);
                done_d += 1;
            }
            let mut pd = c.d;
            while pd > 0 {
                pd -= 1;
                let pen = gap * (c.d - pd - 1) as f32;
                let reach = upto_d[pd] - pen;
                if reach < v || (reach <= v && from == usize::MAX) {
                    break;
                }
                let reach = at_d[pd] - pen;
                if reach < v || (reach <= v && from == usize::MAX) {
                    continue;
                }
                for p in first_of_d[pd]..first_of_d[pd + 1] {
                    let prev = cands[p];
                    if prev.s0 > c.s0 {
                        break;
                    }
                    if prev.s1 > c.s0 {
                        continue;
                    }
                    let skipped = (c.d - prev.d - 1) + c.s0.saturating_sub(prev.s1 + 1);
                    let cand = best[p] - gap * skipped as f32;
                    if cand > v || (cand == v && from != usize::MAX && p < from) {
                        v = cand;
                        from = p;
                    }
                }
            }
        } else {
            for (p, prev) in cands[..first_of_d[c.d]].iter().enumerate() {
                if prev.s1 > c.s0 {
                    continue;
                }
                let skipped = (c.d - prev.d - 1) + c.s0.saturating_sub(prev.s1 + 1);
                let cand = best[p] - gap * skipped as f32;
                if cand > v {
                    v = cand;
                    from = p;
                }
            }
        }
        best[k] = v + c.sim - tau;
        back[k] = from;
        if best[k] > at_d[c.d] {
            at_d[c.d] = best[k];
        }
        if best[k] > top.0 {
            top = (best[k], k);
        }
    }
    let mut links = Vec::new();
    let mut k = top.1;
    while k != usize::MAX {
        links.push(cands[k]);
        k = back[k];
    }
    links.reverse();
    links
}

/// Share of `der`'s unquoted content in the linked sentences.
fn free_coverage(der: &DocFeat, links: &[Link]) -> f32 {
    if der.free_total <= 0.0 {
        return 0.0;
    }
    links
        .iter()
        .map(|l| der.sents[l.d].free_weight)
        .sum::<f32>()
        / der.free_total
}

/// Share of `der`'s content in the linked sentences.
fn coverage(der: &DocFeat, links: &[Link]) -> f32 {
    if der.total <= 0.0 {
        return 0.0;
    }
    links.iter().map(|l| der.sents[l.d].weight).sum::<f32>() / der.total
}

/// Whether `links` (masked) are evidence of reuse of `der` from the other:
/// enough close links (copy, light edits), or a long chain of looser links
/// covering nearly all of the derived article (close paraphrase that
/// follows the source's order). Independent reports of one event share
/// some close sentences and some loose ones, but neither a large share of
/// close ones nor a chain through nearly the whole text.
fn passes(der: &DocFeat, src: &DocFeat, links: &[Link], cfg: &Config) -> bool {
    let close: Vec<Link> = links
        .iter()
        .filter(|l| {
            l.sim >= cfg.close_sim && {
                let (shared, total) = trigrams(der, src, std::slice::from_ref(l), true);
                total > 0 && shared as f32 >= cfg.close_phrasing * total as f32
            }
        })
        .copied()
        .collect();
    if close.len() >= cfg.min_close_links.max(1)
        && free_coverage(der, &close) >= cfg.min_close_coverage
    {
        return true;
    }
    let value: f32 = links.iter().map(|l| l.sim - cfg.min_sentence_sim).sum();
    links.len() >= cfg.min_paraphrase_links.max(1)
        && free_coverage(der, links) >= cfg.min_paraphrase_coverage
        && value >= cfg.min_paraphrase_value
}

fn pair(
    a: usize,
    b: usize,
    feats: &[DocFeat],
    cfg: &Config,
    scratch: &mut Scratch,
) -> Option<ReusePair> {
    let (fa, fb) = (&feats[a], &feats[b]);
    // Cheap screen: the smaller article's unquoted vocabulary must be
    // largely present in the other.
    let screen = bag_overlap(&fa.bag, &fb.bag).max(bag_overlap(&fb.bag, &fa.bag));
    if screen < cfg.min_close_coverage.min(cfg.min_paraphrase_coverage) * 0.5 {
        return None;
    }
    let tau = cfg.min_sentence_sim;
    let gap = cfg.gap_penalty;
    let by_date = match (fa.time, fb.time) {
        (Some(x), Some(y)) => x.cmp_known(&y),
        _ => None,
    };
    let (src, der, direction, evidence) = match by_date {
        Some(std::cmp::Ordering::Less) => (a, b, Direction::Published, None),
        Some(std::cmp::Ordering::Greater) => (b, a, Direction::Published, None),
        _ => {
            // Containment: the one whose own text is more covered is derived.
            let lb = align(fb, fa, tau, gap, Mode::Masked, scratch);
            let la = align(fa, fb, tau, gap, Mode::Masked, scratch);
            let (cb, ca) = (free_coverage(fb, &lb), free_coverage(fa, &la));
            // Clearly more covered, else the smaller text, is the derived one.
            let b_derived = if (cb - ca).abs() >= 0.05 {
                cb > ca
            } else {
                fb.total <= fa.total
            };
            if b_derived {
                (a, b, Direction::Containment, Some(lb))
            } else {
                (b, a, Direction::Containment, Some(la))
            }
        }
    };
    let (fs, fd) = (&feats[src], &feats[der]);
    let evidence = evidence.unwrap_or_else(|| align(fd, fs, tau, gap, Mode::Masked, scratch));
    if !passes(fd, fs, &evidence, cfg) {
        return None;
    }
    let links = align(fd, fs, tau, gap, Mode::Full(cfg.min_quoted_sim), scratch);
    let links = if links.len() >= evidence.len() {
        links
    } else {
        evidence
    };
    let score = f64::from(coverage(fd, &links)).clamp(0.0, 1.0);
    let score = (score * 1000.0).round() / 1000.0;
    Some(ReusePair {
        source: src,
        derived: der,
        score,
        kind: kind(fd, fs, &links),
        direction,
        passages: passages(fd, fs, &links),
    })
}

/// Word trigrams of the derived sentences of `links` found in their linked
/// source sentences: `(shared, total)`. With `free`, trigrams touching a
/// quoted word are left out on both sides.
fn trigrams(der: &DocFeat, src: &DocFeat, links: &[Link], free: bool) -> (usize, usize) {
    fn words(s: &Sent, free: bool) -> &[u32] {
        if free {
            &s.free_words
        } else {
            &s.words
        }
    }
    let usable = |g: &[u32]| !g.contains(&terms::QUOTED);
    // A trigram packed into one integer (exact: three 32-bit ids).
    let pack = |g: &[u32]| (g[0] as u128) << 64 | (g[1] as u128) << 32 | g[2] as u128;
    let (mut shared, mut total) = (0usize, 0usize);
    let mut sw: Vec<u128> = Vec::new();
    for l in links {
        sw.clear();
        sw.extend(
            (l.s0..=l.s1)
                .flat_map(|k| words(&src.sents[k], free).windows(3))
                .filter(|g| usable(g))
                .map(pack),
        );
        sw.sort_unstable();
        for g in words(&der.sents[l.d], free)
            .windows(3)
            .filter(|g| usable(g))
        {
            total += 1;
            if sw.binary_search(&pack(g)).is_ok() {
                shared += 1;
            }
        }
    }
    (shared, total)
}

/// Copy, rewrite or paraphrase, from the share of the derived passages'
/// word trigrams present in the linked source sentences.
fn kind(der: &DocFeat, src: &DocFeat, links: &[Link]) -> ReuseKind {
    let (shared, total) = trigrams(der, src, links, false);
    let c = if total == 0 {
        0.0
    } else {
        shared as f64 / total as f64
    };
    if c >= 0.9 {
        ReuseKind::Copy
    } else if c >= 0.45 {
        ReuseKind::Rewrite
    } else {
        ReuseKind::Paraphrase
    }
}

/// Runs of consecutive links (derived sentences adjacent, source moving on
/// by at most one sentence) as passages.
fn passages(der: &DocFeat, src: &DocFeat, links: &[Link]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let mut prev: Option<Link> = None;
    for l in links {
        let ds = der.sents[l.d].span;
        let ss0 = src.sents[l.s0].span;
        let ss1 = src.sents[l.s1].span;
        let joins = prev.is_some_and(|p| l.d == p.d + 1 && l.s0 >= p.s0 && l.s0 <= p.s1 + 1);
        match out.last_mut() {
            Some(last) if joins => {
                last.derived.end = ds.end;
                last.source.end = last.source.end.max(ss1.end);
            }
            _ => out.push(Passage {
                source: Span::new(ss0.start, ss1.end),
                derived: ds,
            }),
        }
        prev = Some(*l);
    }
    out
}

/// A publication time: the day, and the minute in UTC when a time was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Time {
    day: i64,
    minute_utc: Option<i64>,
}

impl Time {
    /// Order of two times when it is known: by UTC minute when both have a
    /// time, else by the day as written; `None` when equal.
    fn cmp_known(&self, other: &Time) -> Option<std::cmp::Ordering> {
        let o = match (self.minute_utc, other.minute_utc) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.day.cmp(&other.day),
        };
        (o != std::cmp::Ordering::Equal).then_some(o)
    }
}

/// `YYYY-MM-DD`, optionally followed by `THH:MM[:SS][.fff][Z|±HH:MM]`.
fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let day = days_from_civil(y, mo, d);
    let mut minute_utc = None;
    if b.len() >= 16 && (b[10] == b'T' || b[10] == b' ') && b[13] == b':' {
        if let (Some(h), Some(mi)) = (num(11..13), num(14..16)) {
            let rest = s.get(16..).unwrap_or("");
            let rest =
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
            let part = |r: std::ops::Range<usize>| rest.get(r).and_then(|x| x.parse::<i64>().ok());
            let offset = if rest.is_empty() || rest == "Z" {
                Some(0)
            } else if rest.starts_with('+') || rest.starts_with('-') {
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                match (part(1..3), part(4..6).or(part(3..5))) {
                    (Some(oh), Some(om)) => Some(sign * (oh * 60 + om)),
                    _ => None,
                }
            } else {
                None
            };
            if let Some(off) = offset {
                minute_utc = Some(day * 1440 + h * 60 + mi - off);
            }
        }
    }
    Some(Time { day, minute_utc })
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
