//! Extractive multi-document summary of one story.
//!
//! Every summary sentence is a sentence of one article, verbatim (its span
//! slices the article's clean text), cited by every article of the story
//! that reports the same content. The method, its weights and how they were
//! fit are described in `docs/summary.md`; in short:
//!
//! 1. **Candidates.** Each sentence becomes a set of content terms
//!    (lower-cased words and numbers, stop words out, Snowball-stemmed),
//!    weighted by an inverse sentence frequency computed inside the story.
//!    Boilerplate-like sentences (links, sign-up and credit lines), questions,
//!    very short or very long ones are kept out while better ones exist;
//!    a sentence that opens on a dangling reference ("He said…", "But…") is
//!    used only right after its own article's previous sentence, and
//!    sentences that are mostly a direct quotation are down-weighted.
//! 2. **Independent sources.** Articles that the provenance stage found to
//!    reuse one another ([`ReusePair`]) are one source: article-wide for the
//!    story's word centroid, and sentence by sentence for support (a match
//!    counts as a copy when it lies inside a reused passage, or anywhere when
//!    the pair has no passages).
//! 3. **Score.** A weighted sum of a lead prior (news puts the core facts
//!    first), *support* (for each independent source other than the
//!    sentence's own, the cosine of its best-matching sentence there) and a
//!    *centroid* score (the share of the sentence's term weight that other
//!    independent sources also use), then the penalties of step 1.
//! 4. **Selection.** Greedy, best first, skipping a sentence too similar to
//!    one already chosen (cosine or term containment): the same fact told by
//!    three outlets appears once. Length adapts to the story:
//!    `min(n, ceil(sqrt(S)) + 1, ceil(S / 2))` for `S` sentences.
//! 5. **Order.** Chosen sentences keep the order of the news: by position
//!    in their article, ties by score; a sentence that continues the one
//!    before it in the same article goes right after it.
//! 6. **Citations.** The sentence itself, then for every other article the
//!    sentence that matches it best when their cosine clears a threshold
//!    (copies included: they do report it, they just do not confirm it).

use crate::unionfind::UnionFind;
use crate::SummarySentence;
use parallax_annotate::Annotations;
use parallax_core::{Article, Cite, Span};
use parallax_relate::reuse::ReusePair;
use parallax_text::TokenKind;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Weights and thresholds. The scoring weights were fit on the first 1,000
/// stories of the NeuS/AllSides train split (docs/summary.md); the
/// thresholds are priors.
#[derive(Debug, Clone)]
struct Weights {
    /// Weight of the lead prior `1 / (1 + index)^pos_decay`.
    position: f64,
    pos_decay: f64,
    /// Weight of the centroid score.
    centroid: f64,
    /// Exponent of the share of the other independent sources that use a
    /// term (2: a term all of them use counts far more than one only some
    /// use).
    centroid_pow: f64,
    /// Exponent of the sentence's term weight in the centroid score's
    /// denominator (0: sum, 1: mean).
    length_exp: f64,
    /// Weight of cross-source support.
    support: f64,
    /// Score multiplier of a sentence that opens on a dangling reference
    /// (such a sentence is used after another only when it follows its own
    /// article's previous sentence).
    dangling: f64,
    /// Score multiplier of a sentence wholly inside a quotation (linear in
    /// the quoted share).
    quoted: f64,
    /// A candidate this similar (cosine) to a chosen sentence is redundant.
    redundant: f64,
    /// Share of a candidate's term weight found in one chosen sentence that
    /// makes it redundant.
    contained: f64,
    /// Lowest cosine for another article's sentence to cite this one.
    cite: f64,
    /// Summary sentences beyond the square root of the story's sentence
    /// count.
    extra: usize,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            position: 0.75,
            pos_decay: 1.0,
            centroid: 4.0,
            centroid_pow: 2.0,
            length_exp: 0.3,
            support: 2.5,
            dangling: 0.5,
            quoted: 0.6,
            redundant: 0.5,
            contained: 0.8,
            cite: 0.3,
            extra: 1,
        }
    }
}

/// How usable a sentence is as a summary sentence on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    /// Fine.
    Good,
    /// Short, question, boilerplate-like or run-on: used only when a story
    /// has no good sentence at all.
    Poor,
    /// No content words: never used.
    Unusable,
}

/// One sentence of the story.
struct Sent<'a> {
    /// Index of the article in the group.
    g: usize,
    /// Index of the sentence in its article.
    idx: usize,
    span: Span,
    text: &'a str,
    /// Sorted, unique term ids.
    terms: Vec<u32>,
    quality: Quality,
    dangling: bool,
    /// Share of the sentence's bytes inside annotated quotations.
    quoted: f64,
}

/// At most `n` sentences taken verbatim from the story's articles, each
/// cited by every article that reports the same content. `reuse` holds the
/// story's reuse pairs (indices into `group`): a copy is not an independent
/// confirmation.
pub fn summarize<'a>(
    group: &[(&'a Article, &'a Annotations)],
    reuse: &[ReusePair],
    n: usize,
) -> Vec<SummarySentence<'a>> {
    summarize_with(group, reuse, n, &Weights::default())
}

/// Per-sentence features of a story, before selection.
struct Analysis<'a> {
    sents: Vec<Sent<'a>>,
    idf: Vec<f64>,
    norm: Vec<f64>,
    mass: Vec<f64>,
    /// `best[i * narticles + g]`: the sentence of article `g` most similar
    /// to sentence `i`, with the cosine.
    best: Vec<Option<(usize, f64)>>,
    /// Lead prior, centroid and support of every sentence.
    position: Vec<f64>,
    centroid: Vec<f64>,
    support: Vec<f64>,
}

fn analyze<'a>(
    group: &[(&'a Article, &'a Annotations)],
    reuse: &[&ReusePair],
    w: &Weights,
) -> Analysis<'a> {
    let sents = sentences(group);
    let nterms = sents
        .iter()
        .flat_map(|s| s.terms.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);

    // Inverse sentence frequency inside the story.
    let mut df = vec![0u32; nterms];
    for s in &sents {
        for &t in &s.terms {
            df[t as usize] += 1;
        }
    }
    let total = sents.len() as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((total + 1.0) / (f64::from(d) + 0.5)).ln().max(0.05))
        .collect();
    let mass: Vec<f64> = sents
        .iter()
        .map(|s| s.terms.iter().map(|&t| idf[t as usize]).sum())
        .collect();
    let norm: Vec<f64> = sents
        .iter()
        .map(|s| {
            s.terms
                .iter()
                .map(|&t| idf[t as usize] * idf[t as usize])
                .sum::<f64>()
                .sqrt()
        })
        .collect();

    // Postings for the sentence-to-sentence cosines, in one array:
    // postings of term t are `post[start[t]..start[t + 1]]`.
    let mut start = vec![0u32; nterms + 1];
    for t in 0..nterms {
        start[t + 1] = start[t] + df[t];
    }
    let mut fill: Vec<u32> = start[..nterms].to_vec();
    let mut post = vec![0u32; start[nterms] as usize];
    for (i, s) in sents.iter().enumerate() {
        for &t in &s.terms {
            let f = &mut fill[t as usize];
            post[*f as usize] = i as u32;
            *f += 1;
        }
    }
    let postings = Postings {
        start: &start,
        post: &post,
    };
    // Dense accumulators over the story's sentences, shared by all calls
    // (each call leaves them zeroed).
    let mut dot = vec![0.0f64; sents.len()];
    let mut hit = vec![false; sents.len()];
    let mut touched: Vec<u32> = Vec::new();
    let narticles = group.len();
    let mut best: Vec<Option<(usize, f64)>> = vec![None; sents.len() * narticles];
    for (i, out) in best.chunks_exact_mut(narticles).enumerate() {
        best_matches(
            i,
            &sents,
            &postings,
            (&idf, &norm),
            out,
            (&mut dot, &mut hit, &mut touched),
        );
    }

    // Article-level independent sources: components of the reuse graph,
    // where a pair joins when the derived article is mostly the source's
    // (or when the pair does not say which passages it shares).
    let mut uf = UnionFind::new(group.len());
    for p in reuse {
        if p.passages.is_empty() || p.score >= 0.5 {
            uf.union(p.source, p.derived);
        }
    }
    let comp: Vec<usize> = (0..group.len()).map(|g| uf.find(g)).collect();
    let mut comps: Vec<usize> = comp.clone();
    comps.sort_unstable();
    comps.dedup();
    let ncomp = comps.len();

    // Independent article frequency of every term: a bit per component.
    let comp_bit: Vec<usize> = comp
        .iter()
        .map(|c| comps.binary_search(c).unwrap_or(0))
        .collect();
    let stride = ncomp.div_ceil(64).max(1);
    let mut iaf = vec![0u32; nterms];
    let mut seen = vec![0u64; nterms * stride];
    for s in &sents {
        let c = comp_bit[s.g];
        let (word, bit) = (c / 64, 1u64 << (c % 64));
        for &t in &s.terms {
            let v = &mut seen[t as usize * stride + word];
            if *v & bit == 0 {
                *v |= bit;
                iaf[t as usize] += 1;
            }
        }
    }

    let position: Vec<f64> = sents
        .iter()
        .map(|s| 1.0 / (1.0 + s.idx as f64).powf(w.pos_decay))
        .collect();
    let mut centroid = vec![0.0; sents.len()];
    let mut support = vec![0.0; sents.len()];
    if group.len() > 1 {
        let others = ncomp.saturating_sub(1).max(1) as f64;
        for (i, s) in sents.iter().enumerate() {
            let shared: f64 = s
                .terms
                .iter()
                .map(|&t| {
                    idf[t as usize] * (f64::from(iaf[t as usize] - 1) / others).powf(w.centroid_pow)
                })
                .sum();
            centroid[i] = shared / mass[i].max(1e-9).powf(w.length_exp);
            support[i] =
                (independent_support(i, &sents, &best[i * narticles..][..narticles], reuse)
                    / others)
                    .min(1.0);
        }
    }
    Analysis {
        sents,
        idf,
        norm,
        mass,
        best,
        position,
        centroid,
        support,
    }
}

fn summarize_with<'a>(
    group: &[(&'a Article, &'a Annotations)],
    reuse: &[ReusePair],
    n: usize,
    w: &Weights,
) -> Vec<SummarySentence<'a>> {
    if n == 0 || group.is_empty() {
        return Vec::new();
    }
    let reuse: Vec<&ReusePair> = reuse
        .iter()
        .filter(|p| p.source < group.len() && p.derived < group.len() && p.source != p.derived)
        .collect();
    let an = analyze(group, &reuse, w);
    let Analysis {
        sents,
        idf,
        norm,
        mass,
        best,
        ..
    } = &an;
    if sents.is_empty() {
        return Vec::new();
    }
    let scores: Vec<f64> = sents
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.quality == Quality::Unusable {
                return 0.0;
            }
            let mut score = w.position * an.position[i]
                + w.centroid * an.centroid[i]
                + w.support * an.support[i];
            score *= 1.0 - (1.0 - w.quoted) * s.quoted;
            score
        })
        .collect();

    // Length adapts to the story's size.
    let total = sents.len() as f64;
    let want = n
        .min(total.sqrt().ceil() as usize + w.extra)
        .min((total / 2.0).ceil() as usize)
        .max(1);

    // Good sentences first; poor ones only when nothing good exists.
    let tier = sents
        .iter()
        .map(|s| s.quality)
        .filter(|&q| q != Quality::Unusable)
        .min();
    let Some(tier) = tier else {
        return Vec::new();
    };
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < want {
        let mut pick: Option<(usize, f64)> = None;
        for (i, s) in sents.iter().enumerate() {
            if s.quality != tier || chosen.contains(&i) {
                continue;
            }
            if chosen
                .iter()
                .any(|&c| redundant(i, c, sents, idf, norm, mass, w))
            {
                continue;
            }
            let mut score = scores[i];
            let follows = chosen
                .iter()
                .any(|&c| sents[c].g == s.g && sents[c].idx + 1 == s.idx);
            if s.dangling && !follows {
                // Only as the very first sentence, when nothing else is
                // usable; otherwise a shorter summary reads better.
                if !chosen.is_empty() {
                    continue;
                }
                score *= w.dangling;
            }
            if pick.is_none_or(|(_, b)| score > b) {
                pick = Some((i, score));
            }
        }
        match pick {
            Some((i, score)) if score > 0.0 => chosen.push(i),
            _ => break,
        }
    }

    // Order: position in the article, ties by score (then article order).
    chosen.sort_by(|&a, &b| {
        sents[a]
            .idx
            .cmp(&sents[b].idx)
            .then(scores[b].total_cmp(&scores[a]))
            .then(sents[a].g.cmp(&sents[b].g))
    });
    // A sentence that continues its article's previous chosen sentence goes
    // right after it.
    let mut ordered: Vec<usize> = Vec::with_capacity(chosen.len());
    for &c in &chosen {
        if ordered.contains(&c) {
            continue;
        }
        ordered.push(c);
        let mut last = c;
        while let Some(&next) = chosen
            .iter()
            .find(|&&x| sents[x].g == sents[last].g && sents[x].idx == sents[last].idx + 1)
        {
            if ordered.contains(&next) {
                break;
            }
            ordered.push(next);
            last = next;
        }
    }

    ordered
        .into_iter()
        .map(|i| {
            let s = &sents[i];
            let art = group[s.g].0;
            let mut citations = vec![Cite {
                article: art.id.as_str(),
                start: s.span.start,
                end: s.span.end,
            }];
            for (g, m) in best[i * group.len()..][..group.len()].iter().enumerate() {
                if let Some((j, sim)) = *m {
                    if g != s.g && sim >= w.cite {
                        citations.push(Cite {
                            article: group[g].0.id.as_str(),
                            start: sents[j].span.start,
                            end: sents[j].span.end,
                        });
                    }
                }
            }
            SummarySentence {
                text: s.text,
                article: art.id.as_str(),
                start: s.span.start,
                end: s.span.end,
                citations,
            }
        })
        .collect()
}

/// Postings of the story's terms: the sentences of term `t` are
/// `post[start[t]..start[t + 1]]`, in increasing order.
struct Postings<'p> {
    start: &'p [u32],
    post: &'p [u32],
}

/// For sentence `i`, the best-matching sentence of every article (none for
/// its own article or when nothing is shared), by cosine, into `out` (one
/// entry per article, all None on entry).
fn best_matches(
    i: usize,
    sents: &[Sent],
    postings: &Postings,
    (idf, norm): (&[f64], &[f64]),
    out: &mut [Option<(usize, f64)>],
    (dot, hit, touched): (&mut [f64], &mut [bool], &mut Vec<u32>),
) {
    let s = &sents[i];
    if norm[i] <= 0.0 {
        return;
    }
    // Dense accumulator over the story's sentences (cheaper than a map).
    touched.clear();
    for &t in &s.terms {
        let wt = idf[t as usize] * idf[t as usize];
        let range = postings.start[t as usize] as usize..postings.start[t as usize + 1] as usize;
        for &j in &postings.post[range] {
            if sents[j as usize].g != s.g {
                if !hit[j as usize] {
                    hit[j as usize] = true;
                    touched.push(j);
                }
                dot[j as usize] += wt;
            }
        }
    }
    touched.sort_unstable();
    for &j in touched.iter() {
        let j = j as usize;
        let d = std::mem::take(&mut dot[j]);
        hit[j] = false;
        if sents[j].quality == Quality::Unusable || norm[j] <= 0.0 {
            continue;
        }
        let sim = d / (norm[i] * norm[j]);
        let g = sents[j].g;
        if out[g].is_none_or(|(_, b)| sim > b) {
            out[g] = Some((j, sim));
        }
    }
}

/// Support of sentence `i` from independent sources: the articles holding
/// its best matches are grouped so that two articles whose matched
/// sentences were copied one from the other count once, and so do articles
/// that copied the sentence's own article; each other group adds its best
/// cosine.
fn independent_support(
    i: usize,
    sents: &[Sent],
    best: &[Option<(usize, f64)>],
    reuse: &[&ReusePair],
) -> f64 {
    let own = sents[i].g;
    let span_of = |g: usize| -> Option<Span> {
        if g == own {
            Some(sents[i].span)
        } else {
            best[g].map(|(j, _)| sents[j].span)
        }
    };
    let mut uf = UnionFind::new(best.len());
    for p in reuse {
        let (Some(src), Some(der)) = (span_of(p.source), span_of(p.derived)) else {
            continue;
        };
        let copied = p.passages.is_empty()
            || p.passages
                .iter()
                .any(|x| overlaps(x.source, src) || overlaps(x.derived, der));
        if copied {
            uf.union(p.source, p.derived);
        }
    }
    let own_root = uf.find(own);
    let mut by_root: BTreeMap<usize, f64> = BTreeMap::new();
    for (g, m) in best.iter().enumerate() {
        if let Some((_, sim)) = *m {
            let r = uf.find(g);
            if r != own_root {
                let e = by_root.entry(r).or_insert(0.0);
                *e = e.max(sim);
            }
        }
    }
    by_root.values().sum()
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Is candidate `i` a near duplicate of chosen sentence `c`?
fn redundant(
    i: usize,
    c: usize,
    sents: &[Sent],
    idf: &[f64],
    norm: &[f64],
    mass: &[f64],
    w: &Weights,
) -> bool {
    let (a, b) = (&sents[i], &sents[c]);
    let mut dot = 0.0;
    let mut shared = 0.0;
    let (mut x, mut y) = (0, 0);
    while x < a.terms.len() && y < b.terms.len() {
        match a.terms[x].cmp(&b.terms[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                let f = idf[a.terms[x] as usize];
                dot += f * f;
                shared += f;
                x += 1;
                y += 1;
            }
        }
    }
    let cos = if norm[i] > 0.0 && norm[c] > 0.0 {
        dot / (norm[i] * norm[c])
    } else {
        0.0
    };
    cos >= w.redundant || (mass[i] > 0.0 && shared / mass[i] >= w.contained)
}

/// Every sentence of the story with its terms and quality flags.
fn sentences<'a>(group: &[(&'a Article, &'a Annotations)]) -> Vec<Sent<'a>> {
    STEMS.with(|memo| sentences_with(group, &mut memo.borrow_mut()))
}

/// Per-thread memo of the term of each spelling (lower-casing and
/// stemming are pure functions of the spelling), and the story's term ids
/// of the stems.
struct StemMemo {
    stemmer: Stemmer,
    /// Spelling of a word, or of a number, to its stem id (None: a stopword
    /// or too short).
    words: FxHashMap<Box<str>, Option<u32>>,
    numbers: FxHashMap<Box<str>, Option<u32>>,
    stems: FxHashMap<Box<str>, u32>,
    /// Per stem id: (story stamp, story term id).
    local: Vec<(u32, u32)>,
    stamp: u32,
}

/// The memo starts over past this many spellings.
const STEM_LIMIT: usize = 1 << 18;

thread_local! {
    static STEMS: std::cell::RefCell<StemMemo> = std::cell::RefCell::new(StemMemo {
        stemmer: Stemmer::create(Algorithm::English),
        words: FxHashMap::default(),
        numbers: FxHashMap::default(),
        stems: FxHashMap::default(),
        local: Vec::new(),
        stamp: 0,
    });
}

impl StemMemo {
    /// The stem id of a spelling.
    fn stem_id(&mut self, raw: &str, is_word: bool) -> Option<u32> {
        let map = if is_word {
            &mut self.words
        } else {
            &mut self.numbers
        };
        if let Some(&id) = map.get(raw) {
            return id;
        }
        let lower = raw.to_lowercase();
        let lower = lower.trim_end_matches('.').trim_end_matches("'s");
        let id = if (lower.chars().count() < 2 && is_word) || is_stopword(lower) {
            None
        } else {
            let stem = self.stemmer.stem(lower);
            let next = self.stems.len() as u32;
            Some(match self.stems.get(stem.as_ref()) {
                Some(&id) => id,
                None => {
                    self.stems.insert(stem.as_ref().into(), next);
                    self.local.push((0, 0));
                    next
                }
            })
        };
        let map = if is_word {
            &mut self.words
        } else {
            &mut self.numbers
        };
        map.insert(raw.into(), id);
        id
    }
}

fn sentences_with<'a>(
    group: &[(&'a Article, &'a Annotations)],
    memo: &mut StemMemo,
) -> Vec<Sent<'a>> {
    if memo.words.len() + memo.numbers.len() > STEM_LIMIT || memo.stamp == u32::MAX {
        memo.words.clear();
        memo.numbers.clear();
        memo.stems.clear();
        memo.local.clear();
        memo.stamp = 0;
    }
    // Story term ids in order of first appearance.
    memo.stamp += 1;
    let stamp = memo.stamp;
    let mut nterms = 0u32;
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for (g, (art, ann)) in group.iter().enumerate() {
        let text = art.text.as_str();
        for (idx, &span) in art.sentences.iter().enumerate() {
            let Some(stext) = text.get(span.range()) else {
                continue;
            };
            parallax_text::tokens_in_into(text, span, &mut toks);
            let mut terms: Vec<u32> = Vec::new();
            let mut words = 0usize;
            let mut links = false;
            for t in &toks {
                match t.kind {
                    TokenKind::Word | TokenKind::Number => {
                        words += 1;
                        let raw = t.span.slice(text);
                        let is_word = t.kind == TokenKind::Word;
                        if let Some(sid) = memo.stem_id(raw, is_word) {
                            let l = &mut memo.local[sid as usize];
                            if l.0 != stamp {
                                *l = (stamp, nterms);
                                nterms += 1;
                            }
                            terms.push(l.1);
                        }
                    }
                    TokenKind::Url | TokenKind::Email | TokenKind::Handle => links = true,
                    _ => {}
                }
            }
            terms.sort_unstable();
            terms.dedup();
            let quality = if terms.is_empty() {
                Quality::Unusable
            } else if links
                || !(6..=70).contains(&words)
                || is_question(stext)
                || is_boilerplate(stext)
                || stext.trim_end().ends_with(':')
            {
                Quality::Poor
            } else {
                Quality::Good
            };
            let quoted_bytes: usize = ann
                .quotes
                .iter()
                .map(|q| {
                    let s = q.span.start.max(span.start);
                    let e = q.span.end.min(span.end);
                    e.saturating_sub(s)
                })
                .sum();
            let quoted = (quoted_bytes as f64 / span.len().max(1) as f64).min(1.0);
            out.push(Sent {
                g,
                idx,
                span,
                text: stext,
                terms,
                quality,
                dangling: is_dangling(stext),
                quoted,
            });
        }
    }
    out
}

fn is_question(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with('?')
}

/// Lines that belong to the page rather than to the report.
fn is_boilerplate(s: &str) -> bool {
    const CUES: &[&str] = &[
        "all rights reserved",
        "click here",
        "sign up",
        "subscribe",
        "newsletter",
        "follow us",
        "read more",
        "read the full",
        "related:",
        "advertisement",
        "getty images",
        "ap photo",
        "file photo",
        "photo by",
        "contributed to this report",
        "contributed reporting",
        "reporting by",
        "editing by",
        "this story has been updated",
        "this article originally appeared",
        "this story originally appeared",
        "privacy policy",
        "terms of service",
        "terms of use",
        "cookie",
        "download the app",
        "share this",
        "©",
        "copyright",
    ];
    let lower = s.to_lowercase();
    if CUES.iter().any(|c| lower.contains(c)) {
        return true;
    }
    let t = s.trim_start();
    t.starts_with("By ") && t.split_whitespace().count() <= 8
}

/// Does the sentence open on a word that needs the sentence before it?
fn is_dangling(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    if t.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let first: String = t
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    const OPENERS: &[&str] = &[
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "him",
        "them",
        "but",
        "and",
        "or",
        "nor",
        "so",
        "yet",
        "however",
        "also",
        "still",
        "meanwhile",
        "moreover",
        "furthermore",
        "instead",
        "then",
        "thus",
        "therefore",
        "besides",
        "nevertheless",
        "nonetheless",
        "otherwise",
        "likewise",
        "similarly",
        "additionally",
        "such",
        "both",
        "another",
        "others",
        "he's",
        "she's",
        "it's",
        "they're",
        "that's",
    ];
    OPENERS.contains(&first.as_str())
}

/// Function words and reporting verbs (sorted).
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
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
    "cannot",
    "could",
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
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
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
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
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
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
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
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "wasn't",
    "we",
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
    "won't",
    "would",
    "wouldn't",
    "you",
    "your",
    "yours",
];

fn is_stopword(w: &str) -> bool {
    STOP.binary_search(&w).is_ok()
}

#[cfg(test)]
mod tests;
