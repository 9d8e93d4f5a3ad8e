//! Lining up what the outlets of a story say.
//!
//! **Quotes** ([`quotes`]): the same words carried by several articles are
//! one entry. Two quotes of different articles are the same quote when the
//! longest common subsequence of their words covers at least 70% of the
//! shorter one (and at least three words, or all of a shorter quote). Each
//! occurrence is labelled against the entry's longest wording: `exact`,
//! `trimmed` (a contiguous part of it), `spliced` (pieces of it joined, with
//! words cut between them) or `altered` (words changed), with the changed
//! words listed. When occurrences name different speakers the entry is
//! flagged (`speaker_conflict`).
//!
//! **Facts** ([`facts`]): two facts of different articles are *about the
//! same thing* when they are of one kind, count the same unit, and the words
//! around them (ten content words either side, within the sentence) share at
//! least two words. The same value about the same thing is one fact entry
//! listing every article that states it (agreement). Incompatible values
//! about the same thing become a [`Discrepancy`]: for a fact of one article,
//! the best-matching fact of the other article (most shared context words)
//! is compared, so an article that mentions two different rallies is lined
//! up with the right one. Values are compatible when they are equal, when a
//! qualifier allows both ("over 500" and 530; "about 500" and 480), when one
//! is a rounding of the other (2,000 and 2,013), or, for dates, when their
//! periods overlap ("August 2021", "summer 2021" and "2021" agree; "spring
//! 2021" and "August 2021" do not). Vague values (PAST_REF, "a few weeks")
//! are never compared.

use crate::unionfind::UnionFind;
use crate::{Cite, Claim, Discrepancy, QuoteOccurrence, StoryFact, StoryQuote, VariantKind};
use chrono::{Datelike, NaiveDate};
use parallax_annotate::{Annotations, Fact, FactKind, FactValue};
use parallax_core::{Article, Span};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

// ---------------------------------------------------------------- quotes

/// A word of a quote: normalised form and byte span in the article text.
struct Word {
    norm: String,
    span: Span,
}

fn words(text: &str, span: Span) -> Vec<Word> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut norm = String::new();
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let joins = c.is_alphanumeric()
            || (matches!(c, '\'' | '\u{2019}') && start.is_some() && {
                let next = s[i + c.len_utf8()..].chars().next();
                next.is_some_and(char::is_alphanumeric)
            });
        if joins {
            if start.is_none() {
                start = Some(i);
            }
            if c == '\u{2019}' {
                norm.push('\'');
            } else {
                norm.extend(c.to_lowercase());
            }
        } else if let Some(b) = start.take() {
            out.push(Word {
                norm: std::mem::take(&mut norm),
                span: Span::new(span.start + b, span.start + i),
            });
        }
    }
    out
}

/// Longest common subsequence of two word lists: the matched index pairs,
/// in order.
fn lcs(a: &[Word], b: &[Word]) -> Vec<(usize, usize)> {
    const CAP: usize = 400;
    let (a, b) = (&a[..a.len().min(CAP)], &b[..b.len().min(CAP)]);
    let (n, m) = (a.len(), b.len());
    let mut t = vec![0u16; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if a[i].norm == b[j].norm {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i].norm == b[j].norm {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn same_quote(a: &[Word], b: &[Word]) -> bool {
    let short = a.len().min(b.len());
    if short == 0 {
        return false;
    }
    let m = lcs(a, b).len();
    if short < 3 {
        return m == short && a.len() == b.len();
    }
    m >= 3 && m * 10 >= short * 7
}

/// One wording change of an occurrence against the entry's text.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Change<'a> {
    /// Words of the entry's wording that this occurrence does not have.
    pub from: &'a str,
    /// Words this occurrence has instead (empty when words were cut).
    pub to: &'a str,
}

/// Label `var` against `canon` and list its changes.
fn variant<'a>(
    canon_text: &'a str,
    canon: &[Word],
    var_text: &'a str,
    var: &[Word],
) -> (VariantKind, Vec<Change<'a>>) {
    let same = |a: &[Word], b: &[Word]| a.iter().zip(b).all(|(x, y)| x.norm == y.norm);
    if canon.len() == var.len() && same(canon, var) {
        return (VariantKind::Exact, Vec::new());
    }
    if !var.is_empty() && var.len() < canon.len() && canon.windows(var.len()).any(|w| same(w, var))
    {
        return (VariantKind::Trimmed, Vec::new());
    }
    let pairs = lcs(canon, var);
    let mut changes = Vec::new();
    let cspan = |i: usize, j: usize| -> &'a str {
        // Words canon[i..j] as they are written.
        if i >= j {
            ""
        } else {
            &canon_text[canon[i].span.start..canon[j - 1].span.end]
        }
    };
    let vspan = |i: usize, j: usize| -> &'a str {
        if i >= j {
            ""
        } else {
            &var_text[var[i].span.start..var[j - 1].span.end]
        }
    };
    for w in pairs.windows(2) {
        let ((c0, v0), (c1, v1)) = (w[0], w[1]);
        if c1 > c0 + 1 || v1 > v0 + 1 {
            changes.push(Change {
                from: cspan(c0 + 1, c1),
                to: vspan(v0 + 1, v1),
            });
        }
    }
    // Words of the variant before its first or after its last match.
    if let (Some(&(cf, vf)), Some(&(cl, vl))) = (pairs.first(), pairs.last()) {
        if vf > 0 {
            changes.insert(
                0,
                Change {
                    from: cspan(0, cf),
                    to: vspan(0, vf),
                },
            );
        }
        if vl + 1 < var.len() {
            changes.push(Change {
                from: cspan(cl + 1, canon.len()),
                to: vspan(vl + 1, var.len()),
            });
        }
    }
    let all_var_matched = pairs.len() == var.len();
    let kind = if !all_var_matched {
        VariantKind::Altered
    } else if changes.is_empty() {
        VariantKind::Trimmed
    } else {
        VariantKind::Spliced
    };
    (kind, changes)
}

struct QuoteItem<'a> {
    g: usize,
    text: &'a str,
    span: Span,
    words: Vec<Word>,
    speaker: Option<&'a str>,
    speaker_text: Option<&'a str>,
}

/// The story's quotes: one entry per quote, with every occurrence.
/// `speakers[g][q]` is the story-level name of the speaker of quote `q` of
/// article `g` (None when unresolved).
pub fn quotes<'a>(
    group: &[(&'a Article, &'a Annotations)],
    speakers: &[Vec<Option<&'a str>>],
) -> Vec<StoryQuote<'a>> {
    let mut items: Vec<QuoteItem<'a>> = Vec::new();
    for (g, (art, ann)) in group.iter().enumerate() {
        let text = art.text.as_str();
        for (qi, q) in ann.quotes.iter().enumerate() {
            items.push(QuoteItem {
                g,
                text,
                span: q.span,
                words: words(text, q.span),
                speaker: speakers.get(g).and_then(|s| s.get(qi).copied().flatten()),
                speaker_text: q.speaker_span.map(|s| s.slice(text)),
            });
        }
    }
    let mut uf = UnionFind::new(items.len());
    // Identical wording, anywhere.
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let key: Vec<&str> = it.words.iter().map(|w| w.norm.as_str()).collect();
        let key = key.join(" ");
        match by_key.get(&key) {
            Some(&j) => uf.union(j, i),
            None => {
                by_key.insert(key, i);
            }
        }
    }
    // Near-identical wording across articles: candidates share a word
    // trigram.
    let mut grams: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        for w in it.words.windows(3) {
            let list = grams
                .entry((&w[0].norm, &w[1].norm, &w[2].norm))
                .or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in grams.values() {
        if list.len() > 50 {
            continue;
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                if items[i].g != items[j].g {
                    pairs.insert((i, j));
                }
            }
        }
    }
    for (i, j) in pairs {
        if uf.find(i) != uf.find(j) && same_quote(&items[i].words, &items[j].words) {
            uf.union(i, j);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let r = uf.find(i);
        groups.entry(r).or_default().push(i);
    }
    groups
        .into_values()
        .map(|members| {
            // The longest wording is the entry's text (earliest on ties).
            let canon = *members
                .iter()
                .max_by_key(|&&i| (items[i].words.len(), std::cmp::Reverse(i)))
                .unwrap_or(&members[0]);
            let c = &items[canon];
            let mut names: Vec<&str> = Vec::new();
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            let occurrences = members
                .iter()
                .map(|&i| {
                    let it = &items[i];
                    if let Some(s) = it.speaker {
                        if !names.contains(&s) {
                            names.push(s);
                        }
                        *counts.entry(s).or_default() += 1;
                    }
                    let (variant, changes) = if i == canon {
                        (VariantKind::Exact, Vec::new())
                    } else {
                        variant(c.text, &c.words, it.text, &it.words)
                    };
                    QuoteOccurrence {
                        article: group[it.g].0.id.as_str(),
                        start: it.span.start,
                        end: it.span.end,
                        speaker_text: it.speaker_text,
                        speaker: it.speaker,
                        variant,
                        changes,
                    }
                })
                .collect();
            // The speaker most occurrences name (first named on ties).
            let speaker = names.iter().copied().max_by_key(|n| {
                let first = names.iter().position(|x| x == n).unwrap_or(0);
                (counts[n], std::cmp::Reverse(first))
            });
            StoryQuote {
                speaker,
                text: c.span.slice(c.text),
                speaker_conflict: names.len() > 1,
                speakers: names,
                occurrences,
            }
        })
        .collect()
}

// ----------------------------------------------------------------- facts

const STOP: &[&str] = &[
    "the",
    "and",
    "but",
    "for",
    "nor",
    "yet",
    "that",
    "this",
    "these",
    "those",
    "with",
    "from",
    "into",
    "onto",
    "about",
    "after",
    "before",
    "than",
    "then",
    "there",
    "their",
    "they",
    "them",
    "his",
    "her",
    "hers",
    "him",
    "she",
    "its",
    "it's",
    "was",
    "were",
    "are",
    "is",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "not",
    "all",
    "any",
    "some",
    "more",
    "most",
    "over",
    "under",
    "just",
    "also",
    "very",
    "who",
    "whom",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "our",
    "your",
    "you",
    "we",
    "said",
    "says",
    "say",
    "told",
    "last",
    "next",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "ago",
    "now",
    "today",
    "yesterday",
    "per",
    "one",
    "two",
    "three",
    "out",
    "off",
    "did",
    "does",
    "doing",
    "done",
    "other",
    "such",
    "only",
    "even",
    "still",
    "while",
    "during",
    "since",
    "until",
    "because",
    "if",
    "or",
    "an",
    "a",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "as",
    "be",
    "so",
    "no",
    "up",
    "he",
    "i",
    "my",
    "me",
    "us",
];

fn content_word(w: &str) -> Option<String> {
    if w.len() < 3 || w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let w = w.to_lowercase();
    if STOP.contains(&w.as_str()) {
        return None;
    }
    // Light folding: plurals and possessives.
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    let w = if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    };
    Some(w.to_string())
}

/// The content word of each word as written (see [`content_word`]), per
/// thread: a pure function of the word, asked for the same words again and
/// again.
#[derive(Default)]
struct WordMemo {
    words: rustc_hash::FxHashMap<Box<str>, Option<Rc<str>>>,
}

/// The memo starts over past this many words.
const WORD_MEMO_LIMIT: usize = 1 << 18;

thread_local! {
    static WORDS: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

impl WordMemo {
    fn content(&mut self, w: &str) -> Option<Rc<str>> {
        // Shorter than three bytes before the apostrophes are made
        // straight is shorter after.
        if w.len() < 3 {
            return None;
        }
        if let Some(c) = self.words.get(w) {
            return c.clone();
        }
        let c: Option<Rc<str>> = content_word(&w.replace('\u{2019}', "'")).map(Rc::from);
        if self.words.len() >= WORD_MEMO_LIMIT {
            self.words.clear();
        }
        self.words.insert(w.into(), c.clone());
        c
    }
}

/// Content words within `n` words either side of `span`, inside its
/// sentence.
fn context(
    text: &str,
    sentence: Span,
    span: Span,
    n: usize,
    memo: &mut WordMemo,
) -> BTreeSet<Rc<str>> {
    let sep = |c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}');
    // Outward from the fact: only the words that can be taken are looked at.
    let mut out = BTreeSet::new();
    out.extend(
        text[sentence.start.min(span.start)..span.start]
            .rsplit(sep)
            .filter_map(|w| memo.content(w))
            .take(n),
    );
    out.extend(
        text[span.end..sentence.end.max(span.end)]
            .split(sep)
            .filter_map(|w| memo.content(w))
            .take(n),
    );
    out
}

/// The sentence of `sentences` that holds `span` (or the span itself).
pub fn sentence_of(sentences: &[Span], span: Span) -> Span {
    let i = sentences.partition_point(|s| s.end <= span.start);
    match sentences.get(i) {
        Some(s) if s.start <= span.start => *s,
        _ => span,
    }
}

/// A comparable value: a number (with its qualifier), or a period of days.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Number { v: f64, q: Qualifier },
    Days { from: i64, to: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
}

fn qualifier(q: Option<&str>) -> Qualifier {
    let Some(q) = q else { return Qualifier::Exact };
    let q = q.to_lowercase();
    if [
        "over",
        "more than",
        "at least",
        "above",
        "upwards of",
        "in excess of",
        "exceeding",
    ]
    .iter()
    .any(|x| q.contains(x))
    {
        Qualifier::AtLeast
    } else if [
        "under",
        "less than",
        "fewer than",
        "at most",
        "below",
        "up to",
        "no more than",
    ]
    .iter()
    .any(|x| q.contains(x))
    {
        Qualifier::AtMost
    } else {
        // about, some, nearly, almost, roughly, around, an estimated...
        Qualifier::About
    }
}

fn day_number(d: NaiveDate) -> i64 {
    d.num_days_from_ce() as i64
}

/// The period of days an ISO date value covers ("2021", "2021-08",
/// "2021-08-15", "2021-W13", "2021-SU", "2021-Q3", "2021-08-15T10:00").
fn period(v: &str) -> Option<(i64, i64)> {
    let year: i32 = v.get(..4)?.parse().ok()?;
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).map(day_number);
    let month_end = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        ymd(ny, nm, 1).map(|d| d - 1)
    };
    let rest = &v[4..];
    if rest.is_empty() {
        return Some((ymd(year, 1, 1)?, ymd(year, 12, 31)?));
    }
    let rest = rest.strip_prefix('-')?;
    let head: String = rest.chars().take(2).collect();
    let tail = rest.get(2..).unwrap_or("");
    match head.as_str() {
        "SP" => Some((ymd(year, 3, 1)?, ymd(year, 5, 31)?)),
        "SU" => Some((ymd(year, 6, 1)?, ymd(year, 8, 31)?)),
        "FA" => Some((ymd(year, 9, 1)?, ymd(year, 11, 30)?)),
        "WI" => Some((ymd(year, 12, 1)?, month_end(year + 1, 2)?)),
        "H1" => Some((ymd(year, 1, 1)?, ymd(year, 6, 30)?)),
        "H2" => Some((ymd(year, 7, 1)?, ymd(year, 12, 31)?)),
        _ if head.starts_with('Q') => {
            let q: u32 = head[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
            Some((ymd(year, q * 3 - 2, 1)?, month_end(year, q * 3)?))
        }
        _ if head.starts_with('W') => {
            let w: u32 = rest.get(1..3)?.parse().ok()?;
            let d = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
            Some((day_number(d), day_number(d) + 6))
        }
        _ => {
            let m: u32 = head.parse().ok().filter(|m| (1..=12).contains(m))?;
            match tail.strip_prefix('-') {
                None if tail.is_empty() => Some((ymd(year, m, 1)?, month_end(year, m)?)),
                Some(d) => {
                    let d: u32 = d.get(..2)?.parse().ok()?;
                    let x = ymd(year, m, d)?;
                    Some((x, x))
                }
                None => None,
            }
        }
    }
}

fn value_of(f: &Fact) -> Option<Value> {
    match (&f.value, f.kind) {
        (FactValue::Number(v), FactKind::Number | FactKind::Money | FactKind::Percent) => {
            v.is_finite().then_some(Value::Number {
                v: *v,
                q: qualifier(f.qualifier.as_deref()),
            })
        }
        (FactValue::Text(t), FactKind::Date) => {
            let (from, to) = period(t)?;
            Some(Value::Days { from, to })
        }
        (FactValue::Text(t), FactKind::Duration) => {
            let t = t.strip_prefix('P')?;
            let (num, unit) = t.split_at(t.len().checked_sub(1)?);
            let n: f64 = num.parse().ok()?;
            let days = match unit {
                "Y" => 365.0,
                "M" => 30.0,
                "W" => 7.0,
                "D" => 1.0,
                _ => return None,
            };
            Some(Value::Number {
                v: n * days,
                q: qualifier(f.qualifier.as_deref()),
            })
        }
        _ => None,
    }
}

/// Is `b` a rounding of `a` (or the other way round)?
fn rounds_to(exact: f64, round: f64) -> bool {
    if round == 0.0 || exact == round {
        return exact == round;
    }
    // The precision `round` is written to: its largest power-of-ten factor.
    let mut step = 1.0;
    while step < 1e15 && (round / (step * 10.0)).fract().abs() < 1e-9 {
        step *= 10.0;
    }
    if step < 10.0 && round.fract() == 0.0 {
        // A number like 2,013 is not a rounding of anything but itself;
        // "13 million" against 13.4 million is: check one decimal place of
        // the leading digits.
        let mag = 10f64.powi(round.abs().log10().floor() as i32);
        step = step.max(mag / 10.0);
        if step <= 1.0 {
            return false;
        }
    }
    let lo = (exact / step).floor() * step;
    let hi = (exact / step).ceil() * step;
    (round == lo || round == hi) && ((exact - round).abs() / exact.abs().max(1.0)) <= 0.1
}

fn compatible(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Days { from: a0, to: a1 }, Value::Days { from: b0, to: b1 }) => {
            a0 <= b1 && b0 <= a1
        }
        (Value::Number { v: x, q: qx }, Value::Number { v: y, q: qy }) => {
            if (x - y).abs() <= 1e-9 * x.abs().max(1.0) {
                return true;
            }
            let allows = |v: f64, q: Qualifier, other: f64| match q {
                Qualifier::Exact => false,
                Qualifier::AtLeast => other >= v * 0.99,
                Qualifier::AtMost => other <= v * 1.01,
                Qualifier::About => (v - other).abs() <= 0.15 * v.abs().max(other.abs()),
            };
            allows(x, qx, y) || allows(y, qy, x) || rounds_to(x, y) || rounds_to(y, x)
        }
        _ => false,
    }
}

fn same_value(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Days { from: a0, to: a1 }, Value::Days { from: b0, to: b1 }) => {
            a0 == b0 && a1 == b1
        }
        (Value::Number { v: x, .. }, Value::Number { v: y, .. }) => {
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
        _ => false,
    }
}

struct FactItem<'a> {
    g: usize,
    fact: &'a Fact,
    text: &'a str,
    value: Option<Value>,
    unit: Option<String>,
    ctx: BTreeSet<Rc<str>>,
    /// The same words as interned ids, sorted (for fast intersections).
    ctx_ids: Vec<u32>,
    /// For dates: the noun the date attaches to ("rally" in "the union
    /// rally last August", "vote" in "the vote on March 31").
    anchor: Option<String>,
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "her", "his", "its", "their", "our", "this", "that",
];
const LINKS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "of",
    "since",
    "until",
    "by",
    "from",
    "for",
    "the",
    "a",
    "an",
    "held",
    "scheduled",
    "set",
    "planned",
    "slated",
    "that",
    "which",
    "this",
    "last",
    "next",
    "early",
    "late",
    "mid",
    "around",
    "about",
    "back",
];

/// The noun a date attaches to: the word right after it when the date is
/// a modifier ("an August rally"), else the nearest content word before it
/// in its clause, skipping prepositions and place names ("the rally in
/// Springfield in May" gives "rally").
fn anchor(text: &str, sentence: Span, span: Span) -> Option<String> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}';
    let before = &text[sentence.start.min(span.start)..span.start];
    let after = &text[span.end..sentence.end.max(span.end)];
    // Clause boundary: stop at , ; : ( or a dash.
    let before = before
        .rsplit([',', ';', ':', '(', '\u{2014}'])
        .next()
        .unwrap_or(before);
    let prev: Vec<&str> = before
        .split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .collect();
    let next = after.split(|c: char| !is_word(c)).find(|w| !w.is_empty());
    if let (Some(p), Some(n)) = (prev.last(), next) {
        if DETERMINERS.contains(&p.to_lowercase().as_str())
            && n.chars().next().is_some_and(char::is_lowercase)
        {
            if let Some(w) = content_word(n) {
                return Some(w);
            }
        }
    }
    for w in prev.iter().rev().take(8) {
        let lw = w.to_lowercase();
        if LINKS.contains(&lw.as_str()) || w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // "pro-union rally": the head is the last part of a hyphenated word.
        let head = lw.rsplit('-').next().unwrap_or(&lw);
        return content_word(head);
    }
    None
}

fn unit_key(f: &Fact) -> Option<String> {
    f.unit
        .as_deref()
        .map(|u| content_word(u).unwrap_or_else(|| u.to_lowercase()))
}

/// How many context words two facts of different articles share when they
/// can be about the same thing (same kind and unit), else None.
fn affinity(a: &FactItem, b: &FactItem) -> Option<usize> {
    if a.fact.kind != b.fact.kind || a.unit != b.unit {
        return None;
    }
    let (x, y) = (&a.ctx_ids, &b.ctx_ids);
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Some(n)
}

/// Context words two facts must share to be lined up as the same value
/// about the same thing ...
const MIN_SHARED: usize = 2;
/// ... and to be called a discrepancy when their values disagree (a wrong
/// discrepancy misleads a reader more than a missed agreement).
const MIN_SHARED_CONFLICT: usize = 3;

/// The story's facts (one entry per value stated about one thing, listing
/// every article that states it) and its discrepancies.
pub fn facts<'a>(
    group: &[(&'a Article, &'a Annotations)],
) -> (Vec<StoryFact<'a>>, Vec<Discrepancy<'a>>) {
    let mut items: Vec<FactItem<'a>> = Vec::new();
    let mut memo = WORDS.with(RefCell::take);
    for (g, (art, ann)) in group.iter().enumerate() {
        let text = art.text.as_str();
        for f in &ann.facts {
            let sentence = sentence_of(&art.sentences, f.span);
            items.push(FactItem {
                g,
                fact: f,
                text,
                value: value_of(f),
                unit: unit_key(f),
                ctx: context(text, sentence, f.span, 10, &mut memo),
                ctx_ids: Vec::new(),
                anchor: (f.kind == FactKind::Date)
                    .then(|| anchor(text, sentence, f.span))
                    .flatten(),
            });
        }
    }
    WORDS.with(|w| w.replace(memo));
    let mut uf = UnionFind::new(items.len());
    // The same words with the same value within one article: one fact.
    let mut seen: rustc_hash::FxHashMap<(usize, String), usize> = Default::default();
    for (i, it) in items.iter().enumerate() {
        let key = format!(
            "{:?}|{}|{}",
            it.fact.kind,
            serde_json::to_string(&it.fact.value).unwrap_or_default(),
            it.fact.span.slice(it.text)
        );
        match seen.entry((it.g, key)) {
            std::collections::hash_map::Entry::Occupied(e) => uf.union(*e.get(), i),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    // Intern the context words; bucket the comparable facts by kind and
    // unit (facts of different kinds or units are never lined up).
    let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
    for it in items.iter_mut() {
        it.ctx_ids = it
            .ctx
            .iter()
            .map(|w| {
                let next = ids.len() as u32;
                *ids.entry(&**w).or_insert(next)
            })
            .collect();
        it.ctx_ids.sort_unstable();
    }
    let mut bucket_ids: rustc_hash::FxHashMap<(FactKind, Option<&str>), usize> = Default::default();
    let mut buckets: Vec<Vec<usize>> = Vec::new();
    let mut bucket_of: Vec<usize> = vec![usize::MAX; items.len()];
    for (i, it) in items.iter().enumerate() {
        if it.value.is_some() {
            let next = buckets.len();
            let b = *bucket_ids
                .entry((it.fact.kind, it.unit.as_deref()))
                .or_insert(next);
            if b == next {
                buckets.push(Vec::new());
            }
            buckets[b].push(i);
            bucket_of[i] = b;
        }
    }
    // Across articles: the same value about the same thing.
    let mut conflicts: Vec<(usize, usize)> = Vec::new();
    for i in 0..items.len() {
        let Some(vi) = items[i].value else { continue };
        let bucket = &buckets[bucket_of[i]];
        // Best match of item i in each other article.
        let mut best: BTreeMap<usize, (usize, Vec<usize>)> = BTreeMap::new();
        for &j in bucket {
            let other = &items[j];
            if other.g == items[i].g || other.value.is_none() {
                continue;
            }
            let Some(shared) = affinity(&items[i], other) else {
                continue;
            };
            let counted_unit = items[i].unit.is_some() && items[i].fact.kind == FactKind::Number;
            let vj = other.value.unwrap_or(vi);
            if same_value(vi, vj) && (shared >= MIN_SHARED || counted_unit) && j > i {
                uf.union(i, j);
            }
            // Dates must attach to the same noun ("the rally last August",
            // "the rally in spring"), and then two shared words are enough.
            let needed = match (&items[i].anchor, &other.anchor) {
                _ if items[i].fact.kind != FactKind::Date => MIN_SHARED_CONFLICT,
                (Some(a), Some(b)) if a == b => MIN_SHARED,
                _ => continue,
            };
            if shared < needed {
                continue;
            }
            let e = best.entry(other.g).or_insert((0, Vec::new()));
            if shared > e.0 {
                *e = (shared, vec![j]);
            } else if shared == e.0 {
                e.1.push(j);
            }
        }
        for (_, (_, js)) in best {
            // A conflict only when no equally good match agrees.
            if js
                .iter()
                .all(|&j| !compatible(vi, items[j].value.unwrap_or(vi)))
            {
                for j in js {
                    conflicts.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let r = uf.find(i);
        groups.entry(r).or_default().push(i);
    }
    let facts = groups
        .into_values()
        .map(|members| {
            let first = &items[members[0]];
            let mut articles: Vec<&str> = Vec::new();
            let occurrences = members
                .iter()
                .map(|&i| {
                    let it = &items[i];
                    let id = group[it.g].0.id.as_str();
                    if !articles.contains(&id) {
                        articles.push(id);
                    }
                    Cite {
                        article: id,
                        start: it.fact.span.start,
                        end: it.fact.span.end,
                    }
                })
                .collect();
            StoryFact {
                kind: first.fact.kind,
                text: first.fact.span.slice(first.text),
                value: &first.fact.value,
                unit: first.fact.unit.as_deref(),
                about: first.fact.about.as_deref(),
                qualifier: first.fact.qualifier.as_deref(),
                articles,
                occurrences,
            }
        })
        .collect();
    (facts, discrepancies_of(group, &items, conflicts))
}

fn discrepancies_of<'a>(
    group: &[(&'a Article, &'a Annotations)],
    items: &[FactItem<'a>],
    mut conflicts: Vec<(usize, usize)>,
) -> Vec<Discrepancy<'a>> {
    conflicts.sort_unstable();
    conflicts.dedup();
    let mut uf = UnionFind::new(items.len());
    for &(i, j) in &conflicts {
        uf.union(i, j);
    }
    let mut comps: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(i, j) in &conflicts {
        let r = uf.find(i);
        let c = comps.entry(r).or_default();
        c.insert(i);
        c.insert(j);
    }
    comps
        .into_values()
        .map(|members| {
            let members: Vec<usize> = members.into_iter().collect();
            let (a, b) = conflicts
                .iter()
                .copied()
                .find(|(i, _)| members.contains(i))
                .unwrap_or((members[0], members[0]));
            let about = match items[a]
                .fact
                .about
                .as_deref()
                .or(items[a].fact.unit.as_deref())
                .or(items[a].anchor.as_deref())
            {
                Some(x) => x.to_string(),
                None => {
                    // The shared context words, in the first claim's order.
                    let shared: Vec<&Rc<str>> = items[a].ctx.intersection(&items[b].ctx).collect();
                    let s = sentence_of(&group[items[a].g].0.sentences, items[a].fact.span);
                    let mut ordered: Vec<(usize, &Rc<str>)> = shared
                        .into_iter()
                        .map(|w| {
                            let pos = items[a].text[s.start..s.end]
                                .to_lowercase()
                                .find(&**w)
                                .unwrap_or(usize::MAX);
                            (pos, w)
                        })
                        .collect();
                    ordered.sort();
                    ordered
                        .into_iter()
                        .map(|(_, w)| &**w)
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            let claims = members
                .iter()
                .map(|&i| {
                    let it = &items[i];
                    Claim {
                        value: serde_json::to_value(&it.fact.value)
                            .unwrap_or(serde_json::Value::Null),
                        text: it.fact.span.slice(it.text),
                        article: group[it.g].0.id.as_str(),
                        start: it.fact.span.start,
                        end: it.fact.span.end,
                    }
                })
                .collect();
            Discrepancy {
                about,
                kind: items[a].fact.kind,
                claims,
            }
        })
        .collect()
}

/// The period a date fact covers, as ISO days (for ordering a timeline).
pub fn date_period(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = period(value)?;
    let d = |n: i64| NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?);
    Some((d(a)?, d(b)?))
}

#[cfg(test)]
mod tests;
