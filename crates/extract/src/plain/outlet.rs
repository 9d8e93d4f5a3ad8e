//! Learning an outlet's boilerplate from several of its articles.
//!
//! Newsletter plugs, podcast promos and standard tags ("This story is
//! developing", an editor's note) repeat word for word across the articles of
//! one outlet, while reporting does not, except when two articles on one
//! event share a quote or a background paragraph. The rule below separates
//! the two.
//!
//! # The rule
//!
//! Pieces are whole paragraphs, and the first and the last sentence of each
//! paragraph of two or more sentences. A piece's key is its text case-folded,
//! with quote marks unified and whitespace collapsed (digits kept), hashed.
//! One pass counts, per key, the distinct articles holding it, so the whole
//! thing is O(total size), never all pairs of paragraphs.
//!
//! - **Voters.** An article more than half of whose words sit in paragraphs
//!   repeated elsewhere in the group is a copy or an update of another one
//!   (the same story ingested twice): it does not vote, since its every
//!   paragraph would look repeated. It is still cleaned of what the others
//!   teach.
//! - **Plain pieces**: at least 2 words, less than 30% of the characters
//!   inside quotation marks, no reporting verb ("said", "told",
//!   "according to", "did not respond"...). Only plain pieces can be
//!   learned from few articles, and only where boilerplate sits:
//!   - anywhere, when the piece has promotional words (newsletter,
//!     subscribe, podcast, app, follow us, editor's note...) and at most 40
//!     words;
//!   - at the edges: the run of up to 3 repeated paragraphs (at most 60
//!     words each) that opens the article, and the run that closes it; and
//!     the first sentence of the first paragraph after the opening run, the
//!     last sentence of the last paragraph before the closing run. A
//!     repeated background paragraph followed by fresh text is not at the
//!     edge, so it stays.
//!
//!   These are learned when they occur in at least 2 voting articles of a
//!   group of 2-3 voters, and in at least 3 of a bigger group. No share of
//!   the group is asked for: a group may be an outlet's whole archive, whose
//!   boilerplate changes over the years (seven copies of one editor's note
//!   among 300 articles are still boilerplate), while the conditions above
//!   keep reporting out.
//! - **Any other piece** (a quote, a long paragraph in the middle, a
//!   sentence of reporting) is learned only when it repeats in many
//!   articles: at least 5 and 60% of the voters. Two or three articles on one
//!   event that share a quote keep it.
//! - An article is never emptied: if every paragraph would go, it is left
//!   as it was.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use parallax_core::{Extracted, Removed};
use regex::Regex;

use super::rules::word_count;
use super::sentence_starts;

/// Longest run of boilerplate paragraphs at either end of an article.
const MAX_RUN: usize = 3;

/// Promotional words: a piece holding one may be boilerplate anywhere in
/// the article.
static PROMO: Lazy<Regex> = Lazy::new(|| {
    super::rules::re(
        r"(?i)\b(?:newsletters?|subscribe|subscribers?|subscription|sign up|podcasts?|episode|download|our app|the app|follow us|follow (?:him|her) on|click|tap here|inbox|sponsored|advertisement|editor['’]?s note|this (?:story|article|report|post) (?:is|has been|was)|developing story|updates?\b|watch|listen|read more|more from|©|copyright|https?://|www\.)",
    )
});

/// Words of reporting: a piece holding one is treated as reporting.
static REPORTING: Lazy<Regex> = Lazy::new(|| {
    super::rules::re(
        r"(?i)\b(?:said|says|told|tells|according to|stated|announced|added|asked|wrote|tweeted|did not (?:immediately )?respond|declined to comment|spokes(?:man|woman|person))\b",
    )
});

/// Share of the characters of `s` inside double quotation marks.
fn quoted_share(s: &str) -> f64 {
    let (mut inside, mut n_in, mut n) = (false, 0usize, 0usize);
    for c in s.chars() {
        n += 1;
        match c {
            '“' | '«' | '„' => inside = true,
            '”' | '»' => inside = false,
            '"' => inside = !inside,
            _ if inside => n_in += 1,
            _ => {}
        }
    }
    if n == 0 {
        0.0
    } else {
        n_in as f64 / n as f64
    }
}

fn key(s: &str) -> u64 {
    // Case-, quote-style- and whitespace-insensitive: normalise into one
    // buffer, then hash it once.
    let mut buf = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        for c in w.chars() {
            match c {
                '’' | '‘' | '`' => buf.push('\''),
                '“' | '”' | '«' | '»' | '„' => buf.push('"'),
                c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
                c => buf.extend(c.to_lowercase()),
            }
        }
        buf.push(' ');
    }
    xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Lead,
    Tail,
}

struct Piece {
    para: usize,
    part: Part,
    /// Byte range inside the paragraph.
    start: usize,
    end: usize,
    key: u64,
    /// Not a quote, not reporting, at least 2 words.
    plain: bool,
    /// Plain, at most 40 words, with promotional words.
    promo: bool,
    words: usize,
}

struct Count {
    all: u32,
    voters: u32,
    last_all: usize,
    last_voter: usize,
}

/// Take out of each article the paragraphs (or leading / trailing sentences
/// of paragraphs) that several articles of the group repeat; see the module
/// docs for the rule. `docs` are articles of one outlet; with fewer than two
/// nothing happens. Each removed piece gets the reason
/// `outlet boilerplate (repeated in N articles)`.
pub fn remove_outlet_boilerplate(docs: &mut [&mut Extracted]) {
    if docs.len() < 2 {
        return;
    }
    let paras: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            d.text
                .split("\n\n")
                .map(str::to_string)
                .filter(|p| !p.trim().is_empty())
                .collect()
        })
        .collect();
    let pieces: Vec<Vec<Piece>> = paras.iter().map(|ps| pieces_of(ps)).collect();

    // Pass 1: how many articles hold each key.
    let mut counts: HashMap<u64, Count> = HashMap::new();
    for (d, ps) in pieces.iter().enumerate() {
        for p in ps {
            let c = counts.entry(p.key).or_insert(Count {
                all: 0,
                voters: 0,
                last_all: usize::MAX,
                last_voter: usize::MAX,
            });
            if c.last_all != d {
                c.last_all = d;
                c.all += 1;
            }
        }
    }
    // Copies and updates of one story do not vote.
    let voter: Vec<bool> = paras
        .iter()
        .zip(&pieces)
        .map(|(ps, pcs)| {
            let total: usize = ps.iter().map(|p| word_count(p)).sum();
            let repeated: usize = pcs
                .iter()
                .filter(|p| p.part == Part::Whole && counts.get(&p.key).is_some_and(|c| c.all >= 2))
                .map(|p| word_count(&ps[p.para]))
                .sum();
            repeated * 2 <= total
        })
        .collect();
    let voters = voter.iter().filter(|v| **v).count();
    if voters < 2 {
        return;
    }
    for (d, ps) in pieces.iter().enumerate() {
        if !voter[d] {
            continue;
        }
        for p in ps {
            if let Some(c) = counts.get_mut(&p.key) {
                if c.last_voter != d {
                    c.last_voter = d;
                    c.voters += 1;
                }
            }
        }
    }
    let min_few = if voters <= 3 { 2 } else { 3 };
    let min_many = 5.max((voters * 6).div_ceil(10));
    let seen = |p: &Piece, need: usize| {
        counts
            .get(&p.key)
            .is_some_and(|c| c.voters as usize >= need)
    };
    let all_count = |p: &Piece| counts.get(&p.key).map_or(0, |c| c.all);

    for (d, doc) in docs.iter_mut().enumerate() {
        let ps = &paras[d];
        let n = ps.len();
        let pcs = &pieces[d];
        // The whole-paragraph piece of each paragraph (always present).
        let whole: Vec<&Piece> = pcs.iter().filter(|p| p.part == Part::Whole).collect();
        let at_edge = |p: &Piece| p.plain && p.words <= 60 && seen(p, min_few);
        let mut open = 0;
        while open < n.min(MAX_RUN) && at_edge(whole[open]) {
            open += 1;
        }
        let mut close = n;
        while close > open && n - close < MAX_RUN && at_edge(whole[close - 1]) {
            close -= 1;
        }
        let learned = |p: &Piece| -> bool {
            if seen(p, min_many) || (p.promo && seen(p, min_few)) {
                return true;
            }
            match p.part {
                Part::Whole => p.para < open || p.para >= close,
                Part::Lead => p.para == open && p.plain && seen(p, min_few),
                Part::Tail => close > 0 && p.para == close - 1 && p.plain && seen(p, min_few),
            }
        };
        // Per paragraph: the start and end of what stays.
        let mut cut: Vec<(usize, usize)> = ps.iter().map(|p| (0, p.len())).collect();
        let mut removed: Vec<(usize, usize, usize, u32)> = Vec::new();
        for p in pcs {
            if !learned(p) {
                continue;
            }
            let nall = all_count(p);
            let (a, b) = cut[p.para];
            match p.part {
                Part::Whole => {
                    cut[p.para] = (0, 0);
                    removed.retain(|r| r.0 != p.para);
                    removed.push((p.para, 0, ps[p.para].len(), nall));
                }
                Part::Lead if a < b && p.start == a && p.end <= b => {
                    cut[p.para] = (p.end, b);
                    removed.push((p.para, p.start, p.end, nall));
                }
                Part::Tail if a < b && p.end == b && p.start >= a => {
                    cut[p.para] = (a, p.start);
                    removed.push((p.para, p.start, p.end, nall));
                }
                _ => {}
            }
        }
        if removed.is_empty() {
            continue;
        }
        let kept: Vec<&str> = ps
            .iter()
            .zip(&cut)
            .map(|(p, &(a, b))| p[a..b].trim())
            .filter(|p| !p.is_empty())
            .collect();
        if kept.is_empty() {
            continue;
        }
        doc.text = kept.join("\n\n");
        removed.sort_by_key(|r| (r.0, r.1));
        for (para, a, b, n) in removed {
            let text = ps[para][a..b].trim();
            doc.removed.push(Removed::new(
                text,
                format!("outlet boilerplate (repeated in {n} articles)"),
            ));
        }
    }
}

/// The pieces of one article: each paragraph, and the first and last
/// sentence of paragraphs with two or more sentences.
fn pieces_of(paras: &[String]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let mut push = |part, start: usize, end: usize| {
            let s = &p[start..end];
            let words = word_count(s);
            let plain = words >= 2 && quoted_share(s) < 0.3 && !REPORTING.is_match(s);
            out.push(Piece {
                para: i,
                part,
                start,
                end,
                key: key(s),
                plain,
                promo: plain && words <= 40 && PROMO.is_match(s),
                words,
            });
        };
        push(Part::Whole, 0, p.len());
        let starts = sentence_starts(p);
        if starts.len() >= 2 {
            push(Part::Lead, 0, starts[1]);
            push(Part::Tail, starts[starts.len() - 1], p.len());
        }
    }
    out
}
