//! Dates, times and durations resolved against the publication date.
//!
//! Rule-based, following the TimeML/TIMEX3 conventions of TempEval-3:
//!
//! 1. every pattern of [`patterns::RULES`] proposes candidate spans (each a
//!    linear regex pass over the text);
//! 2. overlapping candidates are resolved longest first;
//! 3. the kept expressions are normalised in text order against the
//!    publication date (the document creation time, DCT), with a little
//!    document state (the last fiscal quarter mentioned anchors "the
//!    quarter" and "a year earlier"; the last date named anchors "that
//!    year", "the same day", "the following month", "the previous
//!    Friday") and the tense of the sentence ("will ... Friday" points
//!    forward, news defaults to the past).
//!
//! Values are TIMEX3 strings: `2022-03-31`, `2021-08`, `2021-SP`,
//! `2022-W13`, `1998-Q3`, `199` (the 1990s), `1998-01-08T17:00`,
//! `1998-01-06TMO`, `P6M`, `PXW`, `PRESENT_REF`, `PAST_REF`,
//! `FUTURE_REF`, and for recurring expressions `P1D` or `XXXX-WXX-2`.

mod calendar;
mod patterns;
#[cfg(test)]
mod tests;

use crate::{Fact, FactKind, FactValue};
use calendar::Dir;
use chrono::{Datelike, NaiveDate};
use parallax_core::Span;
use patterns::{Rule, RULES};
use regex::Captures;
use std::collections::BTreeMap;

/// Find the temporal expressions of one article.
pub fn find_times(text: &str, sentences: &[Span], published: Option<NaiveDate>) -> Vec<Fact> {
    let gate = Gate::new(text);
    let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, rule index)
    for (ri, (rule, re)) in RULES.iter().enumerate() {
        if !gate.may_match(*rule) {
            continue;
        }
        for m in re.find_iter(text) {
            if m.end() > m.start() {
                cands.push((m.start(), m.end(), ri));
            }
        }
    }
    let mut ctx = Ctx {
        text,
        sentences,
        dct: published,
        last_quarter: None,
        anchor: None,
    };
    // Keep non-overlapping candidates that normalise, longest first (then
    // earliest, then by rule order): a longer invalid match does not hide
    // a valid one. Whether a candidate normalises does not depend on the
    // others (the document state is reset), so it is only checked for the
    // candidates that no kept one overlaps. The captures of the kept ones
    // are kept for the second normalisation.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (cands[x], cands[y]);
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then(a.0.cmp(&b.0))
            .then(a.2.cmp(&b.2))
    });
    // start -> (end, candidate index) of kept intervals
    let mut kept: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut caps_of: Vec<Option<Captures<'_>>> = Vec::new();
    caps_of.resize_with(cands.len(), || None);
    for ci in order {
        let (s, e, ri) = cands[ci];
        if let Some((_, &(pe, _))) = kept.range(..e).next_back() {
            if pe > s {
                continue;
            }
        }
        let (rule, re) = &RULES[ri];
        let caps = re
            .captures_at(text, s)
            .filter(|c| c.get(0).is_some_and(|m| m.start() == s));
        let ok = caps
            .as_ref()
            .and_then(|c| normalise(*rule, c, &mut ctx))
            .is_some();
        ctx.last_quarter = None;
        ctx.anchor = None;
        if let (true, Some(caps)) = (ok, caps) {
            kept.insert(s, (e, ci));
            caps_of[ci] = Some(caps);
        }
    }
    let chosen: Vec<usize> = kept.into_values().map(|(_, ci)| ci).collect();
    let mut out = Vec::new();
    for ci in chosen {
        let rule = RULES[cands[ci].2].0;
        let Some(caps) = &caps_of[ci] else { continue };
        let Some(m0) = caps.get(0) else { continue };
        if let Some(t) = normalise(rule, caps, &mut ctx) {
            if t.kind == FactKind::Date {
                if let Some(a) = Anchor::parse(&t.value) {
                    ctx.anchor = Some(a.refine(ctx.anchor));
                }
            }
            let (s, e) = t.span.unwrap_or((m0.start(), m0.end()));
            if s >= e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            out.push(Fact {
                kind: t.kind,
                span: Span::new(s, e),
                value: FactValue::Text(t.value),
                unit: None,
                about: None,
                qualifier: t.qualifier,
            });
        }
    }
    out
}

/// Cheap necessary conditions for some rules, checked once per text: a
/// rule whose required words do not occur anywhere cannot match, and its
/// (costly) regex pass is skipped. Each check only ever errs towards
/// "may match", so the candidates are exactly those of running every rule.
struct Gate {
    /// The text, ASCII-lowercased (same length and byte offsets).
    lc: String,
    /// Gating is off when the text has a non-ASCII character that the
    /// case-insensitive patterns fold onto an ASCII letter (U+017F long s,
    /// U+212A Kelvin sign).
    off: bool,
    /// A ':' (a clock "h:mm" before a zone).
    colon: bool,
    /// An "am"/"pm"/"a.m" after a digit (and optional spaces).
    clock_ap: bool,
    /// A capitalised weekday name.
    weekday: bool,
    /// A full month name ("June") or an abbreviation with its period ("Jan.").
    month_named: bool,
    /// A month name that can start a `MonthDay` ("March 5", "Jan. the first").
    month_day_after: bool,
    /// A month name that can end a `DayMonth` ("5 March", "fifth of June").
    month_day_before: bool,
    /// A whole word "ago", "earlier", "hence" or "now".
    ago_word: bool,
    /// A capitalised holiday word ("Christmas", "Year's", "Day").
    holiday: bool,
    /// A whole word "every", "each", "per" or an adverb such as "daily".
    set_word: bool,
}

const MONTHS_FULL: [&[u8]; 24] = [
    b"January",
    b"February",
    b"March",
    b"April",
    b"May",
    b"June",
    b"July",
    b"August",
    b"September",
    b"October",
    b"November",
    b"December",
    b"JANUARY",
    b"FEBRUARY",
    b"MARCH",
    b"APRIL",
    b"MAY",
    b"JUNE",
    b"JULY",
    b"AUGUST",
    b"SEPTEMBER",
    b"OCTOBER",
    b"NOVEMBER",
    b"DECEMBER",
];

const WEEKDAYS: [&[u8]; 14] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
    b"MONDAY",
    b"TUESDAY",
    b"WEDNESDAY",
    b"THURSDAY",
    b"FRIDAY",
    b"SATURDAY",
    b"SUNDAY",
];

/// Every `Holiday` name contains one of these.
const HOLIDAY_WORDS: [&[u8]; 6] = [
    b"Christmas",
    b"Year's",
    b"Thanksgiving",
    b"Halloween",
    b"July",
    b"Day",
];

/// A byte of pattern whitespace `[ \t\n\u{a0}]` (U+00A0 is 0xC2 0xA0).
fn ws_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0xA0 | 0xC2)
}

/// An ASCII word byte, as for `(?-u:\b)`.
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A byte that may start or end a `\d` (an ASCII digit, or any non-ASCII
/// byte, since `\d` is Unicode).
fn digit_like(b: u8) -> bool {
    b.is_ascii_digit() || b >= 0x80
}

impl Gate {
    fn new(text: &str) -> Gate {
        let lc = text.to_ascii_lowercase();
        let mut g = Gate {
            lc: String::new(),
            off: false,
            colon: false,
            clock_ap: false,
            weekday: false,
            month_named: false,
            month_day_after: false,
            month_day_before: false,
            ago_word: false,
            holiday: false,
            set_word: false,
        };
        let b = text.as_bytes();
        let l = lc.as_bytes();
        let n = b.len();
        let mut i = 0;
        while i < n {
            let c = b[i];
            if !word_byte(c) {
                match c {
                    b':' => g.colon = true,
                    0xC5 if b.get(i + 1) == Some(&0xBF) => g.off = true,
                    0xE2 if b.get(i + 1) == Some(&0x84) && b.get(i + 2) == Some(&0xAA) => {
                        g.off = true
                    }
                    // "a.m": the 'm' after the period.
                    b'.' if l.get(i + 1) == Some(&b'm')
                        && i >= 1
                        && matches!(l[i - 1], b'a' | b'p') =>
                    {
                        g.clock_ap |= digit_before(l, i - 1);
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            // An ASCII word [i, j).
            let mut j = i + 1;
            while j < n && word_byte(b[j]) {
                j += 1;
            }
            let w = &l[i..j];
            // "am"/"pm" inside a word: "5pm", "5am"; or after spaces: "5 pm".
            if !g.clock_ap {
                let mut k = i;
                while k + 1 < j {
                    if matches!(l[k], b'a' | b'p') && l[k + 1] == b'm' && digit_before(l, k) {
                        g.clock_ap = true;
                        break;
                    }
                    k += 1;
                }
            }
            match w {
                b"ago" | b"earlier" | b"hence" | b"now" => g.ago_word = true,
                b"every" | b"each" | b"per" | b"daily" | b"weekly" | b"monthly" | b"yearly"
                | b"annually" | b"hourly" | b"quarterly" | b"biweekly" | b"nightly" => {
                    g.set_word = true
                }
                _ => {}
            }
            // Capitalised month, weekday and holiday names: every rule
            // that needs one has it at the start of an ASCII word (after
            // `\b`, spaces or '-').
            if c.is_ascii_uppercase() && i + 3 <= n {
                g.names_at(b, i);
            }
            i = j;
        }
        g.lc = lc;
        g
    }

    /// Month and weekday names starting at byte `p` (an uppercase letter).
    fn names_at(&mut self, b: &[u8], p: usize) {
        let rest = &b[p..];
        if WEEKDAYS.iter().any(|w| rest.starts_with(w)) {
            self.weekday = true;
        }
        if HOLIDAY_WORDS.iter().any(|w| rest.starts_with(w)) {
            self.holiday = true;
        }
        let pre = &rest[..3];
        if !MONTHS_FULL.iter().any(|f| f[..3] == *pre) {
            return;
        }
        let full = MONTHS_FULL.iter().any(|f| rest.starts_with(f));
        let dot =
            rest.get(3) == Some(&b'.') || rest.starts_with(b"Sept.") || rest.starts_with(b"SEPT.");
        self.month_named |= full || dot;
        // After the name: its letters, an optional period, spaces, then a
        // day number or a spelled ordinal / "the".
        let mut q = p + 3;
        while q < b.len() && b[q].is_ascii_alphabetic() {
            q += 1;
        }
        if q < b.len() && b[q] == b'.' {
            q += 1;
        }
        while q < b.len() && ws_byte(b[q]) {
            q += 1;
        }
        if q < b.len()
            && (digit_like(b[q])
                || matches!(b[q].to_ascii_lowercase(), b't' | b'f' | b's' | b'e' | b'n'))
        {
            self.month_day_after = true;
        }
        // Before the name: spaces after a day number, an ordinal suffix
        // ("5th", "first") or "of".
        let mut r = p;
        while r > 0 && ws_byte(b[r - 1]) {
            r -= 1;
        }
        if r > 0 && digit_like(b[r - 1]) {
            self.month_day_before = true;
        } else if r >= 2 {
            let two = [b[r - 2].to_ascii_lowercase(), b[r - 1].to_ascii_lowercase()];
            if matches!(&two, b"st" | b"nd" | b"rd" | b"th" | b"of") {
                self.month_day_before = true;
            }
        }
    }

    /// `w` occurs in the lowercased text.
    fn has(&self, w: &str) -> bool {
        self.lc.contains(w)
    }

    fn may_match(&self, rule: Rule) -> bool {
        if self.off {
            return true;
        }
        let any = |ws: &[&str]| ws.iter().any(|w| self.has(w));
        match rule {
            // An hour before "am"/"pm", a clock "h:mm" before a zone, or
            // "noon"/"midnight"/"midday".
            Rule::Time => self.clock_ap || self.colon || any(&["noon", "midnight", "midday"]),
            Rule::Weekday => self.weekday,
            Rule::MonthDay => self.month_day_after,
            Rule::DayMonth => self.month_day_before,
            Rule::MonthYear => self.month_named,
            Rule::Deictic => any(&["yesterday", "today", "tomorrow", "tonight"]),
            Rule::Quarter => any(&["quarter", "period", "half"]),
            Rule::Season => any(&["spring", "summer", "fall", "autumn", "winter"]),
            Rule::Decade => any(&["0s", "0's", "ties"]),
            Rule::Century => self.has("century"),
            Rule::SpelledYear => any(&["nineteen", "thousand"]),
            Rule::Holiday => self.holiday,
            Rule::Ago => self.ago_word,
            Rule::Set => self.set_word,
            _ => true,
        }
    }
}

/// Before byte `k` of `l`: optional pattern spaces, then a digit-like byte.
fn digit_before(l: &[u8], k: usize) -> bool {
    let mut r = k;
    while r > 0 && ws_byte(l[r - 1]) {
        r -= 1;
    }
    r > 0 && digit_like(l[r - 1])
}

struct Ctx<'a> {
    text: &'a str,
    sentences: &'a [Span],
    dct: Option<NaiveDate>,
    /// The last fiscal quarter the text named, as (year, quarter).
    last_quarter: Option<(i32, u32)>,
    /// The most recent calendar date the text named (explicitly or
    /// relative to the DCT); anaphoric expressions ("that year", "the
    /// same day", "the following week") resolve against it.
    anchor: Option<Anchor>,
}

/// A calendar date of year, month or day granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    y: i32,
    m: Option<u32>,
    d: Option<u32>,
}

impl Anchor {
    /// The anchor of a TIMEX3 date value: `1998`, `1998-03`, `1998-03-05`
    /// (times and parts of day keep their day); weeks, quarters, seasons,
    /// decades and references are not anchors.
    fn parse(v: &str) -> Option<Anchor> {
        let b = v.as_bytes();
        if b.len() < 4
            || !b[..4].iter().all(u8::is_ascii_digit)
            || b.get(4).is_some_and(|&c| c != b'-')
        {
            return None;
        }
        let y: i32 = v.get(..4)?.parse().ok()?;
        if b.len() == 4 {
            return Some(Anchor {
                y,
                m: None,
                d: None,
            });
        }
        let mm = v.get(5..7)?;
        if !mm.bytes().all(|c| c.is_ascii_digit()) || b.get(7).is_some_and(|&c| c != b'-') {
            return None;
        }
        let m: u32 = mm.parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let d = v.get(8..10).and_then(|dd| dd.parse::<u32>().ok());
        if b.len() > 7 && d.is_none() {
            return None;
        }
        if let Some(d) = d {
            NaiveDate::from_ymd_opt(y, m, d)?;
        }
        Some(Anchor { y, m: Some(m), d })
    }

    /// A coarser anchor within the previous one ("March 5, 1997 ... that
    /// year") keeps the previous, finer one.
    fn refine(self, prev: Option<Anchor>) -> Anchor {
        match prev {
            Some(p)
                if p.y == self.y && (self.m.is_none() || (p.m == self.m && self.d.is_none())) =>
            {
                p
            }
            _ => self,
        }
    }

    fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.y, self.m?, self.d?)
    }

    fn of(d: NaiveDate) -> Anchor {
        Anchor {
            y: d.year(),
            m: Some(d.month()),
            d: Some(d.day()),
        }
    }
}

/// A normalised expression.
struct Timex {
    kind: FactKind,
    value: String,
    qualifier: Option<String>,
    /// A narrower span than the match, when the match includes context.
    span: Option<(usize, usize)>,
}

fn date(value: String) -> Option<Timex> {
    Some(Timex {
        kind: FactKind::Date,
        value,
        qualifier: None,
        span: None,
    })
}

fn duration(value: String) -> Option<Timex> {
    Some(Timex {
        kind: FactKind::Duration,
        value,
        qualifier: None,
        span: None,
    })
}

fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn lower(c: &Captures<'_>, name: &str) -> Option<String> {
    g(c, name).map(|s| squash(&s.to_ascii_lowercase()))
}

/// Lowercase text with runs of whitespace as one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn part_of_day(p: &str) -> &'static str {
    match p.to_ascii_lowercase().trim_end_matches('s') {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

fn qualifier_of(q: &str) -> Option<String> {
    let q = squash(&q.to_ascii_lowercase());
    match q.as_str() {
        "only" | "just" | "an estimated" | "a full" | "the full" | "some" => None,
        "approximately" | "roughly" | "around" => Some("about".to_string()),
        _ => Some(q),
    }
}

impl Ctx<'_> {
    /// The byte at which the sentence containing `pos` starts.
    fn sentence_start(&self, pos: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        if i > 0 {
            let s = self.sentences[i - 1];
            if s.end >= pos {
                return s.start;
            }
        }
        // No sentence: the start of the line.
        self.text[..pos].rfind('\n').map_or(0, |p| p + 1)
    }

    fn sentence_end(&self, pos: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        if i > 0 {
            let s = self.sentences[i - 1];
            if s.end >= pos && s.end <= self.text.len() {
                return s.end;
            }
        }
        self.text[pos..]
            .find('\n')
            .map_or(self.text.len(), |p| pos + p)
    }

    /// Lowercase words of the same sentence before `pos` (at most `n`).
    fn words_before(&self, pos: usize, n: usize) -> Vec<String> {
        let s = self.sentence_start(pos);
        let from = floor_char(self.text, pos.saturating_sub(160).max(s));
        self.text[from..pos]
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .rev()
            .take(n)
            .map(|w| w.to_lowercase())
            .collect()
    }

    /// Lowercase words of the same sentence after `pos` (at most `n`).
    fn words_after(&self, pos: usize, n: usize) -> Vec<String> {
        let e = self.sentence_end(pos).max(pos);
        let to = ceil_char(self.text, (pos + 120).min(e));
        self.text[pos..to]
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .take(n)
            .map(|w| w.to_lowercase())
            .collect()
    }

    /// Lowercase words of the same clause before `pos` (at most `n`).
    fn clause_before(&self, pos: usize, n: usize) -> Vec<String> {
        let s = self.sentence_start(pos);
        let from = floor_char(self.text, pos.saturating_sub(120).max(s));
        let seg = &self.text[from..pos];
        // The clause starts after the last separator; some are multi-byte.
        let seg = match seg.rfind([',', ';', ':', '"', '`', '(', '\u{201c}', '\u{201d}']) {
            Some(i) => &seg[i + seg[i..].chars().next().map_or(1, char::len_utf8)..],
            None => seg,
        };
        seg.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .rev()
            .take(n)
            .map(|w| w.to_lowercase())
            .collect()
    }

    /// Whether the clause around `start..end` speaks of the future.
    fn future(&self, start: usize, end: usize) -> bool {
        let before = self.clause_before(start, 8);
        let after = self.words_after(end, 3);
        let cue = |w: &str| {
            matches!(
                w,
                "will"
                    | "won't"
                    | "shall"
                    | "'ll"
                    | "plans"
                    | "planned"
                    | "planning"
                    | "scheduled"
                    | "expected"
                    | "expects"
                    | "due"
                    | "upcoming"
                    | "until"
                    | "might"
            ) || w.ends_with("'ll")
        };
        if before.iter().any(|w| cue(w)) || after.iter().take(2).any(|w| cue(w)) {
            return true;
        }
        // "is to", "are to", "set to", "as soon as", "as early as"
        for pair in before.windows(2) {
            let (b, a) = (pair[1].as_str(), pair[0].as_str());
            if matches!(
                (a, b),
                ("to", "set") | ("as", "soon") | ("as", "early") | ("to", "is") | ("to", "are")
            ) || (a, b) == ("to", "going")
            {
                return true;
            }
        }
        false
    }

    fn dir(&self, start: usize, end: usize) -> Dir {
        // "the year ended March 31": a completed period, strictly past.
        if self
            .words_before(start, 1)
            .first()
            .is_some_and(|w| w == "ended")
        {
            return Dir::Last;
        }
        if self.future(start, end) {
            Dir::Future
        } else {
            Dir::Past
        }
    }

    fn prev_char(&self, pos: usize) -> Option<char> {
        self.text[..pos].chars().next_back()
    }

    fn next_char(&self, pos: usize) -> Option<char> {
        self.text[pos..].chars().next()
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// A spelled day-of-month ordinal: "eighth" 8, "twenty-first" 21.
fn ordinal_word(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    let (tens, unit) = match w.split_once(['-', ' ']) {
        Some((t, u)) => (
            match t.trim() {
                "twenty" => 20,
                "thirty" => 30,
                _ => return None,
            },
            u.trim().to_string(),
        ),
        None => (0, w),
    };
    const ORD: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let n = match unit.as_str() {
        "thirtieth" => 30,
        u => ORD.iter().position(|o| *o == u)? as u32 + 1,
    };
    if tens > 0 && n > 9 {
        return None;
    }
    Some(tens + n)
}

fn parse_year(s: &str) -> Option<i32> {
    s.parse().ok()
}

/// A day value with the clock time the match captured (`hh`, `mm`, `ss`).
fn with_clock(day: String, c: &Captures) -> String {
    match (g(c, "hh"), g(c, "mm")) {
        (Some(hh), Some(mm)) => match g(c, "ss") {
            Some(ss) => format!("{day}T{hh}:{mm}:{ss}"),
            None => format!("{day}T{hh}:{mm}"),
        },
        _ => day,
    }
}

fn word_num(w: &str) -> Option<f64> {
    match w {
        "a" | "an" => Some(1.0),
        "dozen" => Some(12.0),
        _ => crate::numbers::small_number(w),
    }
}

/// A parsed count: a number or vague ("a few", "several").
#[derive(Debug, Clone, Copy, PartialEq)]
enum Count {
    N(f64),
    Vague,
}

fn parse_count(s: &str) -> Option<Count> {
    let l = squash(&s.to_ascii_lowercase()).replace('-', " ");
    if l.contains(" to ") || l.contains(" or ") {
        return Some(Count::Vague);
    }
    let mut half = false;
    let l = if let Some(x) = l.strip_suffix(" and a half") {
        half = true;
        x.to_string()
    } else {
        l
    };
    let add = if half { 0.5 } else { 0.0 };
    match l.as_str() {
        "a couple of" | "a couple" | "couple of" => return Some(Count::N(2.0 + add)),
        "a few" | "a number of" | "several" | "few" | "many" | "dozens of" => {
            return Some(Count::Vague)
        }
        "a dozen" => return Some(Count::N(12.0 + add)),
        "a half" | "half a" => return Some(Count::N(0.5)),
        _ => {}
    }
    let first = l.chars().next()?;
    if first.is_ascii_digit() {
        let mut parts = l.split(' ');
        let whole: f64 = parts.next()?.replace(',', "").parse().ok()?;
        let mut v = whole;
        if let Some(frac) = parts.next() {
            let (a, b) = frac.split_once('/')?;
            let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
            if b == 0.0 {
                return None;
            }
            v += a / b;
        }
        return Some(Count::N(v + add));
    }
    let mut total = 0.0;
    for w in l.split(' ') {
        match w {
            "hundred" => total = if total == 0.0 { 100.0 } else { total * 100.0 },
            "thousand" => total = if total == 0.0 { 1000.0 } else { total * 1000.0 },
            _ => total += word_num(w)?,
        }
    }
    Some(Count::N(total + add))
}

/// TIMEX3 duration for `n` units.
fn duration_value(count: Count, unit: &str) -> Option<String> {
    let u = unit.to_ascii_lowercase();
    let u = u.as_str();
    let (code, time, mult) = match u {
        _ if u.starts_with("second") => ("S", true, 1.0),
        _ if u.starts_with("minute") => ("M", true, 1.0),
        _ if u.starts_with("hour") => ("H", true, 1.0),
        _ if u.starts_with("day") => ("D", false, 1.0),
        _ if u.starts_with("weekend") => ("D", false, 2.0),
        _ if u.starts_with("week") => ("W", false, 1.0),
        _ if u.starts_with("fortnight") => ("W", false, 2.0),
        _ if u.starts_with("month") => ("M", false, 1.0),
        _ if u.starts_with("year") => ("Y", false, 1.0),
        _ if u.starts_with("decade") => ("Y", false, 10.0),
        _ if u.starts_with("centur") => ("Y", false, 100.0),
        _ if u.starts_with("millenn") => ("Y", false, 1000.0),
        _ if u.starts_with("quarter") => ("Q", false, 1.0),
        _ => return None,
    };
    let t = if time { "T" } else { "" };
    let n = match count {
        Count::Vague => {
            let code = match u {
                _ if u.starts_with("decade") => "E",
                _ if u.starts_with("centur") => "C",
                _ => code,
            };
            return Some(format!("P{t}X{code}"));
        }
        Count::N(n) => n * mult,
    };
    if n <= 0.0 || !n.is_finite() || n > 1e9 {
        return None;
    }
    if n.fract() == 0.0 {
        return Some(format!("P{t}{}{code}", n as u64));
    }
    // Fractions in the next smaller unit.
    let (sub, subcode, subt) = match code {
        "Y" => (12.0, "M", ""),
        "M" if !time => (30.0, "D", ""),
        "W" => (7.0, "D", ""),
        "D" => (24.0, "H", "T"),
        "H" => (60.0, "M", "T"),
        "M" => (60.0, "S", "T"),
        _ => return Some(format!("P{t}{}{code}", n.round() as u64)),
    };
    let whole = n.trunc() as u64;
    let rest = ((n - n.trunc()) * sub).round() as u64;
    if whole == 0 {
        Some(format!("P{subt}{rest}{subcode}"))
    } else if subt == "T" && t.is_empty() {
        Some(format!("P{whole}{code}T{rest}{subcode}"))
    } else {
        Some(format!("P{t}{whole}{code}{rest}{subcode}"))
    }
}

fn quarter_num(w: &str) -> Option<u32> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" | "final" => 4,
        _ => return None,
    })
}

/// Words that make a following four-digit number a count, not a year.
fn is_count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "troops"
            | "soldiers"
            | "members"
            | "workers"
            | "employees"
            | "jobs"
            | "feet"
            | "ft"
            | "meters"
            | "metres"
            | "miles"
            | "kilometers"
            | "kilometres"
            | "km"
            | "tons"
            | "tonnes"
            | "pounds"
            | "barrels"
            | "shares"
            | "units"
            | "cars"
            | "vehicles"
            | "votes"
            | "hours"
            | "days"
            | "years"
            | "acres"
            | "homes"
            | "houses"
            | "cases"
            | "students"
            | "dollars"
            | "yen"
            | "points"
            | "rooms"
            | "percent"
            | "residents"
            | "refugees"
            | "police"
            | "officers"
            | "delegates"
            | "passengers"
            | "square"
            | "cubic"
            | "times"
            | "others"
            | "more"
            | "of"
    )
}

fn normalise(rule: Rule, c: &Captures<'_>, ctx: &mut Ctx<'_>) -> Option<Timex> {
    let m0 = c.get(0)?;
    let (start, end) = (m0.start(), m0.end());
    let dct = ctx.dct;
    match rule {
        Rule::Time => {
            let (hour, minute) = if let Some(n) = lower(c, "noon") {
                match n.as_str() {
                    "midnight" => (24, 0),
                    _ => (12, 0),
                }
            } else if let Some(h) = g(c, "h24") {
                (h.parse::<u32>().ok()?, g(c, "mi24")?.parse::<u32>().ok()?)
            } else {
                let h: u32 = g(c, "h")?.parse().ok()?;
                let mi: u32 = g(c, "mi").map_or(Some(0), |m| m.parse().ok())?;
                let pm = lower(c, "ap")?.starts_with('p');
                if h == 0 || h > 12 {
                    return None;
                }
                let h = match (h, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
                (h, mi)
            };
            // A leading signal ("until 9 a.m. Tuesday") is part of the
            // clause that sets the tense.
            let signal_end = c.name("q").map_or(start, |q| q.end());
            let day = if let Some(wd) = g(c, "wd") {
                let dct = dct?;
                let dir = ctx.dir(signal_end, end);
                Some(calendar::day(calendar::resolve_weekday(
                    dct,
                    calendar::weekday(wd)?,
                    dir,
                )))
            } else if let Some(dd) = lower(c, "dd") {
                let off = match dd.as_str() {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                dct.map(|d| calendar::day(calendar::add_days(d, off)))
            } else if let (Some(mon), Some(d)) = (g(c, "mon"), g(c, "d")) {
                let m = calendar::month_num(mon)?;
                let d: u32 = d.parse().ok()?;
                let y = match dct {
                    Some(dct) => {
                        calendar::resolve_month_year(dct, m, Some(d), ctx.dir(signal_end, end))
                    }
                    None => return date(format!("XXXX-{m:02}-{d:02}T{hour:02}:{minute:02}")),
                };
                NaiveDate::from_ymd_opt(y, m, d).map(calendar::day)
            } else {
                dct.map(calendar::day)
            };
            let day = day.unwrap_or_else(|| "XXXX-XX-XX".to_string());
            let mut t = date(format!("{day}T{hour:02}:{minute:02}"))?;
            // "before"/"after"/"until"/"by" are signals, not part of the time.
            if let Some(q) = c.name("q") {
                let ql = squash(&q.as_str().to_ascii_lowercase());
                if matches!(ql.as_str(), "before" | "after" | "until" | "by") {
                    let rest = &ctx.text[q.end()..end];
                    let lead = rest.len() - rest.trim_start().len();
                    t.span = Some((q.end() + lead, end));
                } else {
                    t.qualifier = qualifier_of(&ql);
                }
            }
            Some(t)
        }
        Rule::IsoDate | Rule::CompactDate => {
            let y: i32 = g(c, "y")?.parse().ok()?;
            let m: u32 = g(c, "m")?.parse().ok()?;
            let d: u32 = g(c, "d")?.parse().ok()?;
            let nd = NaiveDate::from_ymd_opt(y, m, d)?;
            date(with_clock(calendar::day(nd), c))
        }
        Rule::SlashDate => {
            // Not a fraction or a score: "1/2/3" needs a plausible date.
            let a: u32 = g(c, "a")?.parse().ok()?;
            let b: u32 = g(c, "b")?.parse().ok()?;
            let ys = g(c, "y")?;
            let mut y: i32 = ys.parse().ok()?;
            if ys.len() == 2 {
                y += if y < 40 { 2000 } else { 1900 };
            }
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            let nd = NaiveDate::from_ymd_opt(y, m, d)?;
            date(with_clock(calendar::day(nd), c))
        }
        Rule::DashDateTime => {
            let m: u32 = g(c, "m")?.parse().ok()?;
            let d: u32 = g(c, "d")?.parse().ok()?;
            let mut y: i32 = g(c, "y")?.parse().ok()?;
            y += if y < 40 { 2000 } else { 1900 };
            let nd = NaiveDate::from_ymd_opt(y, m, d)?;
            let v = with_clock(calendar::day(nd), c);
            // A bare "12-31-98" could be a score or a code; keep it only
            // when it has a time or sits alone on a dateline.
            if g(c, "hh").is_none() && ctx.prev_char(start).is_some_and(|ch| ch.is_alphanumeric()) {
                return None;
            }
            date(v)
        }
        Rule::Weekday => {
            let wd = calendar::weekday(g(c, "wd")?)?;
            let pod = g(c, "pod").map(part_of_day);
            if g(c, "pl").is_some() || g(c, "podpl").is_some() {
                let n = wd.num_days_from_monday() + 1;
                return date(format!(
                    "XXXX-WXX-{n}{}",
                    pod.map(|p| format!("T{p}")).unwrap_or_default()
                ));
            }
            if let (Some(mon), Some(d)) = (g(c, "mon"), g(c, "d")) {
                let m = calendar::month_num(mon)?;
                let d: u32 = d.parse().ok()?;
                let y = match (g(c, "y").and_then(parse_year), dct) {
                    (Some(y), _) => y,
                    (None, Some(dct)) => {
                        calendar::resolve_month_year(dct, m, Some(d), ctx.dir(start, end))
                    }
                    (None, None) => return date(format!("XXXX-{m:02}-{d:02}")),
                };
                return date(calendar::day(NaiveDate::from_ymd_opt(y, m, d)?));
            }
            let rel = lower(c, "rel");
            let dir = match rel.as_deref() {
                Some("last") | Some("previous") | Some("the previous") | Some("this past") => {
                    Dir::Last
                }
                Some("next")
                | Some("coming")
                | Some("this coming")
                | Some("the following")
                | Some("on the following")
                | Some("the next") => Dir::Next,
                _ => ctx.dir(start, end),
            };
            let Some(dct) = dct else {
                let n = wd.num_days_from_monday() + 1;
                return date(format!("XXXX-WXX-{n}"));
            };
            // "the previous Friday", "the following Monday": relative to
            // the day under discussion.
            let reference = match rel.as_deref() {
                Some(r) if r.starts_with("the ") || r.starts_with("on the ") => {
                    ctx.anchor.and_then(Anchor::date).unwrap_or(dct)
                }
                _ => dct,
            };
            let day = calendar::resolve_weekday(reference, wd, dir);
            let mut v = calendar::day(day);
            if let Some(p) = pod {
                v = format!("{v}T{p}");
            }
            let mut t = date(v)?;
            if let Some(m) = lower(c, "mod") {
                t.qualifier = Some(m);
            }
            Some(t)
        }
        Rule::MonthDay | Rule::DayMonth => {
            let m = calendar::month_num(g(c, "mon")?)?;
            let d: u32 = match (g(c, "d"), g(c, "dw")) {
                (Some(d), _) => d.parse().ok()?,
                (None, Some(w)) => {
                    // "March first-quarter" is not a date.
                    if ctx.next_char(c.name("dw")?.end()) == Some('-') {
                        return None;
                    }
                    ordinal_word(w)?
                }
                _ => return None,
            };
            if d == 0 || d > 31 {
                return None;
            }
            let mut span = None;
            let mut qualifier = None;
            if let Some(md) = c.name("mod") {
                let ml = md.as_str().to_ascii_lowercase();
                match ml.as_str() {
                    "early" | "late" | "around" | "about" => {
                        qualifier = qualifier_of(&ml);
                    }
                    _ => {
                        let rest = &ctx.text[md.end()..end];
                        let lead = rest.len() - rest.trim_start().len();
                        span = Some((md.end() + lead, end));
                    }
                }
            }
            // A bare abbreviation without a dot ("Mar 5") is fine, but
            // "March 1" followed by digits/percent is a number.
            if ctx.next_char(end).is_some_and(|ch| ch == '%') {
                return None;
            }
            let v = match (g(c, "y").and_then(parse_year), dct) {
                (Some(y), _) => calendar::day(NaiveDate::from_ymd_opt(y, m, d)?),
                (None, Some(dct)) => {
                    let y = calendar::resolve_month_year(dct, m, Some(d), ctx.dir(start, end));
                    calendar::day(NaiveDate::from_ymd_opt(y, m, d)?)
                }
                (None, None) => format!("XXXX-{m:02}-{d:02}"),
            };
            // "the week of March 6": the week containing that day.
            let v = match (c.name("wk"), NaiveDate::parse_from_str(&v, "%Y-%m-%d")) {
                (Some(_), Ok(day)) => calendar::week(day),
                _ => v,
            };
            Some(Timex {
                kind: FactKind::Date,
                value: v,
                qualifier,
                span,
            })
        }
        Rule::MonthYear => {
            let mon = g(c, "mon")?;
            let m = calendar::month_num(mon)?;
            let y = g(c, "y").and_then(parse_year);
            let rel = lower(c, "rel");
            let rel2 = lower(c, "rel2");
            let md = lower(c, "mod");
            if mon.eq_ignore_ascii_case("may")
                && y.is_none()
                && rel.is_none()
                && rel2.is_none()
                && md.is_none()
            {
                let prev = ctx.words_before(start, 1);
                let ok = prev.first().is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "in" | "since"
                            | "until"
                            | "by"
                            | "of"
                            | "through"
                            | "before"
                            | "after"
                            | "from"
                            | "to"
                            | "and"
                            | "or"
                            | "early"
                            | "late"
                            | "mid"
                            | "during"
                    )
                });
                if !ok {
                    return None;
                }
            }
            if y.is_none() && rel.is_none() && rel2.is_none() {
                let next = ctx.words_after(end, 1);
                if next
                    .first()
                    .is_some_and(|w| matches!(w.as_str(), "of" | "for"))
                {
                    return None;
                }
            }
            let year = if let Some(y) = y {
                y
            } else {
                let dct = dct?;
                match (rel.as_deref(), rel2.as_deref()) {
                    (_, Some("last")) => dct.year() - 1,
                    (_, Some("next")) => dct.year() + 1,
                    (_, Some(_)) => dct.year(),
                    (Some("last") | Some("this past"), _) => {
                        calendar::resolve_month_year(dct, m, None, Dir::Last)
                    }
                    (Some("next") | Some("coming") | Some("this coming"), _) => {
                        calendar::resolve_month_year(dct, m, None, Dir::Next)
                    }
                    (Some(_), _) => dct.year(),
                    (None, None) => {
                        // "an August rally last year": a year phrase right
                        // after the noun the month modifies sets the year.
                        let after = ctx.words_after(end, 3);
                        let rel_year = after
                            .windows(2)
                            .find_map(|w| (w[1] == "year").then_some(w[0].as_str()));
                        match rel_year {
                            Some("last") => dct.year() - 1,
                            Some("next") => dct.year() + 1,
                            Some("this") => dct.year(),
                            _ => calendar::resolve_month_year(dct, m, None, ctx.dir(start, end)),
                        }
                    }
                }
            };
            let mut t = date(calendar::month(year, m))?;
            t.qualifier = md.map(|m| match m.as_str() {
                "the end of" => "late".to_string(),
                "the beginning of" | "the start of" => "early".to_string(),
                "the middle of" => "mid".to_string(),
                _ => m,
            });
            Some(t)
        }
        Rule::Deictic => {
            let w = lower(c, "w")?;
            let mut off: i64 = match w.as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            match lower(c, "da").as_deref() {
                Some("the day before") => off -= 1,
                Some("the day after") => off += 1,
                _ => {}
            }
            let base = match dct {
                Some(d) => calendar::day(calendar::add_days(d, off)),
                None => {
                    return date(if w == "today" {
                        "PRESENT_REF".into()
                    } else {
                        "XXXX-XX-XX".into()
                    })
                }
            };
            let pod = g(c, "pod").map(part_of_day);
            let v = match pod {
                Some(p) => format!("{base}T{p}"),
                None => base,
            };
            let mut t = date(v)?;
            t.qualifier = lower(c, "mod");
            Some(t)
        }
        Rule::RelUnit => rel_unit(c, ctx, start, end),
        Rule::Quarter => quarter(c, ctx, start, end),
        Rule::QCode => {
            let q: u32 = g(c, "q")?[1..].parse().ok()?;
            let y = match g(c, "y").and_then(parse_year) {
                Some(y) => y,
                None => {
                    let dct = dct?;
                    if q > calendar::quarter_of(dct) {
                        dct.year() - 1
                    } else {
                        dct.year()
                    }
                }
            };
            ctx.last_quarter = Some((y, q));
            date(calendar::quarter(y, q))
        }
        Rule::Season => {
            let season = lower(c, "season")?;
            let code = calendar::season_code(&season)?;
            let y = g(c, "y").and_then(parse_year);
            let has_the = c.name("the").is_some();
            let md = lower(c, "mod");
            if y.is_none() {
                let prev = ctx.words_before(start, 1);
                let prev = prev.first().map(String::as_str).unwrap_or("");
                let next = ctx.words_after(end, 1);
                let next = next.first().map(String::as_str).unwrap_or("");
                let prep = matches!(
                    prev,
                    "in" | "during"
                        | "by"
                        | "until"
                        | "since"
                        | "through"
                        | "over"
                        | "this"
                        | "that"
                        | "last"
                        | "next"
                        | "early"
                        | "late"
                );
                if season == "fall" {
                    // "the fall of the wall", "a fall in prices", "fall
                    // short": only "the fall" followed by a pause counts.
                    if !(has_the || prep)
                        || matches!(
                            next,
                            "of" | "in"
                                | "from"
                                | "to"
                                | "by"
                                | "on"
                                | "and"
                                | "was"
                                | "is"
                                | "that"
                                | "would"
                                | "will"
                                | "has"
                                | "had"
                                | "came"
                                | "comes"
                                | "could"
                                | "may"
                        )
                    {
                        return None;
                    }
                    if !has_the && !prep {
                        return None;
                    }
                } else if !(has_the || prep || md.is_some()) {
                    return None;
                }
                if next == "of" {
                    return None;
                }
            }
            let year = match (y, dct) {
                (Some(y), _) => y,
                (None, Some(d)) => {
                    if ctx.future(start, end) {
                        calendar::resolve_season_year(d, code, 0).max(d.year())
                    } else {
                        // The most recent such season ("the winter" in an
                        // October article is last winter).
                        calendar::most_recent_season_year(d, code)
                    }
                }
                (None, None) => return date(format!("XXXX-{code}")),
            };
            let mut t = date(format!("{year:04}-{code}"))?;
            t.qualifier = md;
            Some(t)
        }
        Rule::Decade => {
            let has_the = c.name("the").is_some();
            let v = if let Some(d) = g(c, "dec") {
                d[..3].to_string()
            } else if let Some(d2) = g(c, "d2") {
                let n: u32 = d2.parse().ok()?;
                if n <= 20 {
                    format!("20{}", n / 10)
                } else {
                    format!("19{}", n / 10)
                }
            } else {
                if !has_the {
                    return None;
                }
                let w = lower(c, "dw")?;
                let digit = match w.as_str() {
                    "twenties" => 2,
                    "thirties" => 3,
                    "forties" => 4,
                    "fifties" => 5,
                    "sixties" => 6,
                    "seventies" => 7,
                    "eighties" => 8,
                    _ => 9,
                };
                format!("19{digit}")
            };
            let mut t = date(v)?;
            t.qualifier = lower(c, "mod");
            Some(t)
        }
        Rule::Century => {
            let n: i32 = g(c, "n")?.parse().ok()?;
            if !(1..=30).contains(&n) {
                return None;
            }
            date(format!("{:02}", n - 1))
        }
        Rule::SpelledYear => {
            let sy = lower(c, "sy")?.replace('-', " ");
            let words: Vec<&str> = sy.split(' ').filter(|w| *w != "and").collect();
            let y = if words.first() == Some(&"nineteen") {
                let rest = words.iter().skip(1).filter(|w| **w != "hundred");
                let mut n = 0;
                for w in rest {
                    n += word_num(w)? as i32;
                }
                1900 + n
            } else {
                // "two thousand ..." counts only as "the year two thousand"
                if !ctx.text[start..end]
                    .to_ascii_lowercase()
                    .starts_with("the year")
                {
                    return None;
                }
                let mut n = 0;
                for w in words.iter().skip(2) {
                    n += word_num(w)? as i32;
                }
                2000 + n
            };
            date(format!("{y:04}"))
        }
        Rule::Year => year(c, ctx, start, end),
        Rule::Holiday => {
            let h = squash(g(c, "h")?).to_ascii_lowercase();
            let y0 = match (g(c, "y").and_then(parse_year), dct) {
                (Some(y), _) => Some(y),
                (None, Some(d)) => Some(d.year()),
                (None, None) => None,
            };
            let fixed =
                |m: u32, d: u32| -> Option<NaiveDate> { NaiveDate::from_ymd_opt(y0?, m, d) };
            let nd = match h.as_str() {
                "christmas eve" => fixed(12, 24),
                "christmas" | "christmas day" => fixed(12, 25),
                "boxing day" => fixed(12, 26),
                "new year's eve" => fixed(12, 31),
                "new year's" | "new year's day" => fixed(1, 1),
                "independence day" | "fourth of july" => fixed(7, 4),
                "halloween" => fixed(10, 31),
                "valentine's day" => fixed(2, 14),
                "veterans day" => fixed(11, 11),
                "thanksgiving" | "thanksgiving day" => {
                    calendar::nth_weekday(y0?, 11, chrono::Weekday::Thu, 4)
                }
                "labor day" => calendar::nth_weekday(y0?, 9, chrono::Weekday::Mon, 1),
                "memorial day" => calendar::last_weekday(y0?, 5, chrono::Weekday::Mon),
                "election day" => calendar::nth_weekday(y0?, 11, chrono::Weekday::Mon, 1)
                    .map(|d| calendar::add_days(d, 1)),
                _ => None,
            };
            let Some(mut nd) = nd else {
                return date("XXXX-XX-XX".to_string());
            };
            if g(c, "y").is_none() {
                if let Some(d) = dct {
                    let rel = lower(c, "rel");
                    let shift = match rel.as_deref() {
                        Some("last") => nd >= d,
                        _ => nd > calendar::add_days(d, 45) && !ctx.future(start, end),
                    };
                    if shift {
                        nd = NaiveDate::from_ymd_opt(nd.year() - 1, nd.month(), nd.day())
                            .unwrap_or(nd);
                        if h.starts_with("thanksgiving") {
                            nd = calendar::nth_weekday(nd.year(), 11, chrono::Weekday::Thu, 4)
                                .unwrap_or(nd);
                        }
                    }
                    if rel.as_deref() == Some("next") && nd <= d {
                        nd = NaiveDate::from_ymd_opt(nd.year() + 1, nd.month(), nd.day())
                            .unwrap_or(nd);
                    }
                }
            }
            date(calendar::day(nd))
        }
        Rule::Ago => {
            let count = parse_count(g(c, "n")?)?;
            let unit = lower(c, "unit")?;
            let dirw = lower(c, "dir")?;
            let sign: i64 = if dirw == "ago" || dirw == "earlier" {
                -1
            } else {
                1
            };
            let q = g(c, "q").and_then(qualifier_of);
            let mut t = match (count, dct) {
                (Count::Vague, _) => {
                    date(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string())?
                }
                (Count::N(n), Some(d)) => {
                    let ni = n.round() as i64;
                    let v = if unit.starts_with("year") {
                        if n == 1.0 && dirw != "from now" {
                            if let Some((y, qq)) = ctx.last_quarter {
                                if y == d.year() || y == d.year() - 1 {
                                    return date(calendar::quarter(y - 1, qq));
                                }
                            }
                        }
                        format!("{:04}", d.year() as i64 + sign * ni)
                    } else if unit.starts_with("decade") {
                        format!("{:04}", d.year() as i64 + sign * 10 * ni)
                    } else if unit.starts_with("centur") {
                        format!("{:02}", (d.year() as i64 + sign * 100 * ni) / 100)
                    } else if unit.starts_with("month") {
                        let (y, m) = calendar::add_months(d.year(), d.month(), (sign * ni) as i32);
                        calendar::month(y, m)
                    } else if unit.starts_with("week") {
                        calendar::week(calendar::add_days(d, sign * 7 * ni))
                    } else if unit.starts_with("day") {
                        calendar::day(calendar::add_days(d, sign * ni))
                    } else if unit.starts_with("quarter") {
                        let (y, qq) = calendar::add_quarters(
                            d.year(),
                            calendar::quarter_of(d),
                            (sign * ni) as i32,
                        );
                        calendar::quarter(y, qq)
                    } else {
                        // hours, minutes: the day itself
                        calendar::day(d)
                    };
                    date(v)?
                }
                (Count::N(_), None) => {
                    date(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string())?
                }
            };
            t.qualifier = q;
            t.span = after_signal(c, ctx.text, end);
            Some(t)
        }
        Rule::Duration => {
            let unit = lower(c, "unit")?;
            let nraw = lower(c, "n")?;
            let count = parse_count(&nraw)?;
            if (unit.starts_with("second") || unit.starts_with("quarter"))
                && matches!(nraw.as_str(), "a" | "an")
            {
                return None;
            }
            if unit.starts_with("quarter") {
                let next = ctx.words_after(end, 1);
                if next.first().is_some_and(|w| w == "of") {
                    return None;
                }
            }
            // "the two years" etc. is fine; "the a year" is not.
            if let Some(pre) = lower(c, "pre") {
                if pre == "the" && matches!(nraw.as_str(), "a" | "an") {
                    return None;
                }
            }
            // Ages are not durations in TimeML: "a 6-year-old", "52 years old".
            if g(c, "suf").is_some_and(|s| s.ends_with("old"))
                || ctx.words_after(end, 1).first().is_some_and(|w| w == "old")
            {
                return None;
            }
            let v = duration_value(count, &unit)?;
            let mut t = duration(v)?;
            t.qualifier = g(c, "q").and_then(qualifier_of);
            t.span = after_signal(c, ctx.text, end);
            Some(t)
        }
        Rule::BarePlural => {
            let unit = lower(c, "unit")?;
            let pre = lower(c, "pre");
            let code = match unit.as_str() {
                "years" => "Y",
                "months" => "M",
                "weeks" => "W",
                "days" => "D",
                "decades" => "E",
                "centuries" => "C",
                "hours" => "TXH",
                _ => "TXM",
            };
            let v = |code: &str| {
                if let Some(rest) = code.strip_prefix('T') {
                    format!("PT{rest}")
                } else {
                    format!("PX{code}")
                }
            };
            match pre.as_deref() {
                Some(p) if p.ends_with("recent") => {
                    if unit == "years" {
                        date("PAST_REF".to_string())
                    } else {
                        duration(v(code))
                    }
                }
                Some(_) => duration(v(code)),
                None => {
                    if g(c, "suf").is_some() {
                        return duration(v(code));
                    }
                    let prev = ctx.words_before(start, 1);
                    let ok = prev
                        .first()
                        .is_some_and(|w| matches!(w.as_str(), "for" | "within" | "over" | "in"));
                    let next = ctx.words_after(end, 1);
                    let bad_next = next.first().is_some_and(|w| {
                        matches!(
                            w.as_str(),
                            "of" | "ago" | "later" | "earlier" | "before" | "after" | "old"
                        )
                    });
                    if ok
                        && !bad_next
                        && matches!(
                            unit.as_str(),
                            "years" | "months" | "weeks" | "decades" | "centuries"
                        )
                    {
                        duration(v(code))
                    } else {
                        None
                    }
                }
            }
        }
        Rule::Set => {
            if let Some(adv) = lower(c, "adv") {
                let v = match adv.as_str() {
                    "daily" | "nightly" => "P1D",
                    "weekly" => "P1W",
                    "biweekly" => "P2W",
                    "monthly" => "P1M",
                    "quarterly" | "annually" => return None,
                    "hourly" => "PT1H",
                    _ => "P1Y",
                };
                return date(v.to_string());
            }
            let u = g(c, "u")?;
            if let Some(wd) = calendar::weekday(u).filter(|_| u.len() > 5) {
                return date(format!("XXXX-WXX-{}", wd.num_days_from_monday() + 1));
            }
            if let Some(m) = calendar::month_num(u).filter(|_| {
                u.chars().next().is_some_and(char::is_uppercase)
                    && u.len() >= 3
                    && !matches!(u.to_ascii_lowercase().as_str(), "morning")
            }) {
                if u.len() > 3 || u.eq_ignore_ascii_case("may") {
                    return date(format!("XXXX-{m:02}"));
                }
            }
            let v = match u.to_ascii_lowercase().as_str() {
                "day" => "P1D",
                "week" => "P1W",
                "month" => "P1M",
                "year" => "P1Y",
                "quarter" => "P1Q",
                "hour" => "PT1H",
                "minute" => "PT1M",
                "morning" => "XXXX-XX-XXTMO",
                "evening" => "XXXX-XX-XXTEV",
                "night" => "XXXX-XX-XXTNI",
                "summer" => "XXXX-SU",
                "winter" => "XXXX-WI",
                "spring" => "XXXX-SP",
                "fall" => "XXXX-FA",
                _ => return None,
            };
            date(v.to_string())
        }
        Rule::Reference => {
            let w = lower(c, "w")?;
            if matches!(
                w.as_str(),
                "once" | "previously" | "formerly" | "recent" | "future"
            ) || w.starts_with("the long")
                || w.starts_with("the medium")
            {
                return None;
            }
            let next = ctx.words_after(end, 1);
            let next = next.first().map(String::as_str).unwrap_or("");
            let prev = ctx.words_before(start, 1);
            let prev = prev.first().map(String::as_str).unwrap_or("");
            let v = match w.as_str() {
                "now" => "PRESENT_REF",
                "current" => {
                    // "current" as an adjective of time ("current
                    // quarter" is caught by longer rules); skip electric
                    // currents and "current account".
                    if matches!(
                        next,
                        "account" | "accounts" | "affairs" | "flows" | "flow" | "events"
                    ) || prev == "the" && next.is_empty()
                    {
                        return None;
                    }
                    "PRESENT_REF"
                }
                "recent" => {
                    if next.is_empty() || prev == "most" {
                        return None;
                    }
                    "PAST_REF"
                }
                "soon" => {
                    if matches!(
                        next,
                        "as" | "after" | "afterward" | "afterwards" | "thereafter"
                    ) || prev == "as"
                    {
                        return None;
                    }
                    "FUTURE_REF"
                }
                w if w.ends_with("future") => "FUTURE_REF",
                w if w.ends_with("term") => "FUTURE_REF",
                "currently" | "right now" | "nowadays" | "these days" | "at present"
                | "at the moment" | "presently" => "PRESENT_REF",
                _ => "PAST_REF",
            };
            date(v.to_string())
        }
        Rule::YearEarlier => {
            let ye = lower(c, "ye")?;
            let d = dct?;
            if ye == "year-end" || ye == "year's end" {
                return date(format!("{:04}", d.year()));
            }
            if let Some((y, q)) = ctx.last_quarter {
                return date(calendar::quarter(y - 1, q));
            }
            date(format!("{:04}", d.year() - 1))
        }
    }
}

/// Prepositions that TimeML leaves out of the expression ("over the past
/// two years", "within a week", "only six months"): the span after them.
fn after_signal(c: &Captures<'_>, text: &str, end: usize) -> Option<(usize, usize)> {
    let q = c.name("q")?;
    let ql = q.as_str().to_ascii_lowercase();
    if matches!(
        ql.as_str(),
        "over" | "within" | "only" | "just" | "some" | "under"
    ) {
        let rest = &text[q.end()..end];
        let lead = rest.len() - rest.trim_start().len();
        Some((q.end() + lead, end))
    } else {
        None
    }
}

fn rel_unit(c: &Captures<'_>, ctx: &mut Ctx<'_>, start: usize, end: usize) -> Option<Timex> {
    let unit = lower(c, "unit")?;
    let rel = lower(c, "rel");
    let md = lower(c, "mod");
    let has_the = c.name("det").is_some();
    let anaphoric = matches!(
        rel.as_deref(),
        Some("that") | Some("same") | Some("that same")
    ) || (has_the
        && matches!(
            rel.as_deref(),
            Some("following") | Some("next") | Some("previous") | Some("prior")
        ));
    // "the same day", "the following day", "that day": a day needs an
    // anaphoric word ("last day", "this day" are not dates).
    if unit == "day" && !anaphoric {
        return None;
    }
    // "that quarter" is the fiscal quarter under discussion (see `quarter`).
    if unit == "quarter" && anaphoric {
        return None;
    }
    // "the weekend", "the summer" need no relative word; others do.
    if rel.is_none() {
        let bare = md.is_none() && has_the;
        let ok = match unit.as_str() {
            "weekend" => has_the,
            "year" | "week" if bare => return the_unit(ctx, &unit, c, start, end),
            "year" | "month" | "week" => {
                md.as_deref().is_some_and(|m| {
                    m.starts_with("the end")
                        || m.starts_with("the beginning")
                        || m.starts_with("the start")
                        || m.starts_with("the middle")
                        || m.starts_with("earlier")
                        || m.starts_with("later")
                }) && has_the
            }
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    let dct = ctx.dct;
    let shift: i32 = match rel.as_deref() {
        Some("last") | Some("past") | Some("previous") | Some("prior") | Some("this past") => -1,
        Some("next") | Some("coming") | Some("following") | Some("upcoming")
        | Some("this coming") => 1,
        Some("latest") => -1,
        _ => 0,
    };
    let qualifier_a = md.as_deref().map(|m| match m {
        "earlier" | "the beginning of" | "the start of" => "early".to_string(),
        "later" | "the end of" => "late".to_string(),
        "the middle of" => "mid".to_string(),
        _ => m.to_string(),
    });
    // "that year", "the same day", "the following month": relative to the
    // date under discussion, else to the publication date.
    if anaphoric {
        let value = anaphora(ctx.anchor, dct, &unit, shift)
            .or_else(|| anaphora(None, dct, &unit, shift))?;
        return Some(Timex {
            kind: FactKind::Date,
            value,
            qualifier: qualifier_a,
            span: None,
        });
    }
    let qualifier = md.clone().map(|m| match m.as_str() {
        "earlier" | "the beginning of" | "the start of" => "early".to_string(),
        "later" | "the end of" => "late".to_string(),
        "the middle of" => "mid".to_string(),
        _ => m,
    });
    let mk = |v: String| -> Option<Timex> {
        Some(Timex {
            kind: FactKind::Date,
            value: v,
            qualifier: qualifier.clone(),
            span: None,
        })
    };
    let Some(d) = dct else {
        return mk(match shift {
            -1 => "PAST_REF",
            1 => "FUTURE_REF",
            _ => "PRESENT_REF",
        }
        .to_string());
    };
    let _ = (start, end);
    match unit.as_str() {
        "week" => mk(calendar::week(calendar::add_days(d, 7 * shift as i64))),
        "weekend" => {
            let base = match shift {
                -1 => calendar::resolve_weekday(d, chrono::Weekday::Sat, Dir::Last),
                1 => calendar::resolve_weekday(d, chrono::Weekday::Sat, Dir::Next),
                _ => {
                    if ctx.future(start, end) {
                        calendar::resolve_weekday(d, chrono::Weekday::Sat, Dir::Future)
                    } else {
                        calendar::resolve_weekday(d, chrono::Weekday::Sat, Dir::Past)
                    }
                }
            };
            mk(format!("{}-WE", calendar::week(base)))
        }
        "month" => {
            let (y, m) = calendar::add_months(d.year(), d.month(), shift);
            mk(calendar::month(y, m))
        }
        "year" => mk(format!("{:04}", d.year() + shift)),
        "decade" => mk(format!("{:03}", (d.year() + 10 * shift) / 10)),
        "century" => mk(format!("{:02}", (d.year() + 100 * shift) / 100)),
        "quarter" => {
            let cur = (d.year(), calendar::quarter_of(d));
            let (y, q) = match rel.as_deref() {
                Some("latest") => {
                    let done = calendar::add_quarters(cur.0, cur.1, -1);
                    match ctx.last_quarter {
                        Some(l) if l <= done => l,
                        _ => done,
                    }
                }
                Some("current") | Some("this") => cur,
                _ => calendar::add_quarters(cur.0, cur.1, shift),
            };
            ctx.last_quarter = Some((y, q));
            mk(calendar::quarter(y, q))
        }
        "morning" | "afternoon" | "evening" | "night" => {
            let p = part_of_day(&unit);
            match rel.as_deref() {
                Some("this") => mk(format!("{}T{p}", calendar::day(d))),
                Some("last") | Some("past") | Some("previous") if unit == "night" => {
                    mk(format!("{}T{p}", calendar::day(calendar::add_days(d, -1))))
                }
                Some("next") | Some("following") => {
                    mk(format!("{}T{p}", calendar::day(calendar::add_days(d, 1))))
                }
                _ => None,
            }
        }
        s => {
            let code = calendar::season_code(s)?;
            let y = if rel.as_deref() == Some("this past") {
                calendar::most_recent_season_year(d, code)
            } else {
                calendar::resolve_season_year(d, code, shift)
            };
            mk(format!("{y:04}-{code}"))
        }
    }
}

/// The value of an anaphoric "that <unit>" / "the following <unit>"
/// (`shift` units after the anchor), at the granularity of the unit; parts
/// the anchor does not know are `XX`.
fn anaphora(
    anchor: Option<Anchor>,
    dct: Option<NaiveDate>,
    unit: &str,
    shift: i32,
) -> Option<String> {
    let a = match (anchor, dct) {
        (Some(a), _) => a,
        (None, Some(d)) => Anchor::of(d),
        (None, None) => {
            return Some(
                match shift {
                    s if s < 0 => "PAST_REF",
                    s if s > 0 => "FUTURE_REF",
                    _ => "PRESENT_REF",
                }
                .to_string(),
            )
        }
    };
    let ym = || match a.m {
        Some(m) => format!("{:04}-{m:02}", a.y),
        None => format!("{:04}-XX", a.y),
    };
    match unit {
        "day" => Some(match a.date() {
            Some(d) => calendar::day(calendar::add_days(d, shift as i64)),
            None => format!("{}-XX", ym()),
        }),
        "week" => Some(match a.date() {
            Some(d) => calendar::week(calendar::add_days(d, 7 * shift as i64)),
            None => format!("{:04}-WXX", a.y),
        }),
        "weekend" => a.date().map(|d| {
            let sat = calendar::resolve_weekday(d, chrono::Weekday::Sat, Dir::Future);
            format!(
                "{}-WE",
                calendar::week(calendar::add_days(sat, 7 * shift as i64))
            )
        }),
        "month" => Some(match a.m {
            Some(m) => {
                let (y, m) = calendar::add_months(a.y, m, shift);
                calendar::month(y, m)
            }
            None => ym(),
        }),
        "year" => Some(format!("{:04}", a.y + shift)),
        "decade" if shift == 0 => Some(format!("{:03}", a.y / 10)),
        "quarter" => a.m.map(|m| {
            let (y, q) = calendar::add_quarters(a.y, (m - 1) / 3 + 1, shift);
            calendar::quarter(y, q)
        }),
        "morning" | "afternoon" | "evening" | "night" => a.date().map(|d| {
            format!(
                "{}T{}",
                calendar::day(calendar::add_days(d, shift as i64)),
                part_of_day(unit)
            )
        }),
        s => {
            let code = calendar::season_code(s)?;
            (shift == 0).then(|| format!("{:04}-{code}", a.y))
        }
    }
}

/// A bare "the year" / "the week" after "for", "in", "during", "of",
/// "throughout": the current one ("profit for the year"), or a duration
/// before "ended"/"ending" ("the year ended June 30").
fn the_unit(
    ctx: &Ctx<'_>,
    unit: &str,
    c: &Captures<'_>,
    start: usize,
    end: usize,
) -> Option<Timex> {
    let m = c.name("unit")?;
    if m.as_str() != unit || matches!(ctx.next_char(end), Some('-') | Some('\'')) {
        return None;
    }
    let before = ctx.words_before(start, 1);
    if !matches!(
        before.first().map(String::as_str),
        Some("for" | "in" | "during" | "of" | "throughout")
    ) {
        return None;
    }
    let after = ctx.words_after(end, 1);
    if matches!(
        after.first().map(String::as_str),
        Some(
            "ended"
                | "ending"
                | "before"
                | "after"
                | "earlier"
                | "later"
                | "ago"
                | "when"
                | "since"
        )
    ) {
        if unit == "year" && matches!(after.first().map(String::as_str), Some("ended" | "ending")) {
            return duration("P1Y".to_string());
        }
        return None;
    }
    let d = ctx.dct?;
    match unit {
        "year" => date(format!("{:04}", d.year())),
        _ => date(calendar::week(d)),
    }
}

fn quarter(c: &Captures<'_>, ctx: &mut Ctx<'_>, start: usize, end: usize) -> Option<Timex> {
    let mut t = quarter_value(c, ctx, start, end)?;
    // Possessives and articles stay out ("its third quarter", "a
    // third-quarter loss"), and so does "the" before an adjective
    // ("the third-quarter results").
    if let Some(det) = c.name("det") {
        let dl = det.as_str().to_ascii_lowercase();
        let adjectival = c
            .name("unit")
            .is_some_and(|u| ctx.text[..u.start()].ends_with('-'));
        if matches!(dl.as_str(), "a" | "its" | "their" | "that") || (dl == "the" && adjectival) {
            let rest = &ctx.text[det.end()..end];
            let lead = rest.len() - rest.trim_start().len();
            t.span = Some((det.end() + lead, end));
        }
    }
    Some(t)
}

fn quarter_value(c: &Captures<'_>, ctx: &mut Ctx<'_>, start: usize, end: usize) -> Option<Timex> {
    let unit = lower(c, "unit")?;
    let det = lower(c, "det");
    let adjs_raw = lower(c, "adjs").unwrap_or_default();
    let adjs: Vec<String> = adjs_raw
        .replace("year-earlier", "yearearlier")
        .replace("year-ago", "yearearlier")
        .replace("year earlier", "yearearlier")
        .replace("just-ended", "justended")
        .replace("just ended", "justended")
        .replace("most recent", "latest")
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if g(c, "pl").is_some() || ctx.next_char(end) == Some('-') {
        return None;
    }
    let ord = adjs.iter().find_map(|w| quarter_num(w));
    let year_adj = adjs.iter().find_map(|w| w.parse::<i32>().ok());
    let explicit_year = g(c, "y").and_then(parse_year).or(year_adj);
    let prior = adjs.iter().any(|w| w == "yearearlier")
        || det.as_deref() == Some("last year's")
        || g(c, "ly").is_some();
    let dct = ctx.dct;
    let has_time_adj = adjs.iter().any(|w| {
        matches!(
            w.as_str(),
            "yearearlier"
                | "latest"
                | "current"
                | "comparable"
                | "same"
                | "corresponding"
                | "recent"
                | "previous"
                | "prior"
                | "past"
                | "justended"
                | "fiscal"
                | "last"
                | "final"
                | "flat"
        )
    });
    match unit.as_str() {
        "half" => {
            let h = match ord {
                Some(1) => 1,
                Some(2) => 2,
                _ => {
                    if adjs.iter().any(|w| w == "last" || w == "final") {
                        2
                    } else {
                        return None;
                    }
                }
            };
            if det.is_none() && explicit_year.is_none() {
                return None;
            }
            let y = match (explicit_year, dct) {
                (Some(y), _) => y,
                (None, Some(d)) => {
                    let cur_h = if d.month() <= 6 { 1 } else { 2 };
                    if h > cur_h && !ctx.future(start, end) {
                        d.year() - 1
                    } else {
                        d.year()
                    }
                }
                (None, None) => return date(format!("XXXX-H{h}")),
            };
            let y = if prior { y - 1 } else { y };
            date(format!("{y:04}-H{h}"))
        }
        "period" => {
            // Only the reporting period of financial news.
            if !(adjs.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "yearearlier" | "latest" | "comparable" | "corresponding" | "same"
                )
            }) || year_adj.is_some())
            {
                return None;
            }
            if det.is_none() && !adjs.iter().any(|w| w == "yearearlier") {
                return None;
            }
            let d = dct?;
            let (y, q) = ctx
                .last_quarter
                .unwrap_or_else(|| calendar::add_quarters(d.year(), calendar::quarter_of(d), -1));
            if let Some(y) = year_adj {
                if ord.is_none() && ctx.last_quarter.is_none() {
                    return date(format!("{y:04}"));
                }
                return date(calendar::quarter(y, q));
            }
            let only_same = adjs.iter().all(|w| w == "same") && g(c, "ly").is_none();
            if only_same {
                return None;
            }
            let y = if prior { y - 1 } else { y };
            date(calendar::quarter(y, q))
        }
        _ => {
            // quarter
            if ord.is_none() && det.is_none() && !has_time_adj {
                return None;
            }
            if det.as_deref() == Some("a") && ord.is_none() && !has_time_adj {
                return None;
            }
            let d = match dct {
                Some(d) => d,
                None => {
                    return date(match ord {
                        Some(q) => format!("XXXX-Q{q}"),
                        None => "XXXX-QX".to_string(),
                    })
                }
            };
            let cur = (d.year(), calendar::quarter_of(d));
            let (mut y, q) = if let Some(q) = ord {
                let y = match explicit_year {
                    Some(y) => y,
                    None => {
                        if det.as_deref() == Some("next year's") {
                            d.year() + 1
                        } else if q > cur.1 && !ctx.future(start, end) {
                            d.year() - 1
                        } else {
                            d.year()
                        }
                    }
                };
                (y, q)
            } else if let Some(y) = explicit_year {
                // "the 1988 quarter": the quarter under discussion, that year
                let q = ctx
                    .last_quarter
                    .map_or_else(|| calendar::add_quarters(cur.0, cur.1, -1).1, |l| l.1);
                (y, q)
            } else {
                let words: Vec<&str> = adjs.iter().map(String::as_str).collect();
                let dets = det.as_deref();
                if words.contains(&"current") || dets == Some("this") {
                    cur
                } else if dets == Some("next") || words.contains(&"next") {
                    calendar::add_quarters(cur.0, cur.1, 1)
                } else if words.contains(&"previous")
                    || words.contains(&"prior")
                    || words.contains(&"last")
                    || dets == Some("last")
                    || words.contains(&"past")
                {
                    if words.contains(&"yearearlier") {
                        ctx.last_quarter
                            .unwrap_or_else(|| calendar::add_quarters(cur.0, cur.1, -1))
                    } else {
                        calendar::add_quarters(cur.0, cur.1, -1)
                    }
                } else {
                    // "the (latest) quarter": the one under discussion, at
                    // most the last completed one.
                    let done = calendar::add_quarters(cur.0, cur.1, -1);
                    match ctx.last_quarter {
                        Some(l) if l <= done => l,
                        _ => done,
                    }
                }
            };
            if prior {
                if ord.is_some() && explicit_year.is_none() {
                    // "the year-earlier third quarter": the named quarter
                    // of the year before the one under discussion.
                    y -= 1;
                } else if ord.is_none() {
                    y -= 1;
                }
            } else {
                ctx.last_quarter = Some((y, q));
            }
            date(calendar::quarter(y, q))
        }
    }
}

fn year(c: &Captures<'_>, ctx: &mut Ctx<'_>, start: usize, end: usize) -> Option<Timex> {
    let ym = c.name("y")?;
    let y: i32 = ym.as_str().parse().ok()?;
    let md = lower(c, "mod");
    if !(1000..=2099).contains(&y) {
        return None;
    }
    if md.is_none() && y < 1600 {
        return None;
    }
    // Not a year: "$1998", "1,998", "1998.5", "1998%", "2000 people".
    let before = ctx.prev_char(ym.start());
    if before.is_some_and(|ch| {
        matches!(ch, '$' | '€' | '£' | '#' | '.' | ',' | '/' | '+' | '¥') || ch.is_ascii_digit()
    }) {
        return None;
    }
    let rest = &ctx.text[ym.end()..];
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (Some('%'), _) => return None,
        (Some('.' | ',' | ':' | '/'), Some(ch)) if ch.is_ascii_digit() => return None,
        (Some('-'), Some(ch))
            if ch.is_ascii_digit()
                && !rest[1..].starts_with(|c: char| {
                    c.is_ascii_digit()
                        && rest.len() > 2
                        && rest.as_bytes().get(3).is_some_and(|b| !b.is_ascii_digit())
                }) => {}
        _ => {}
    }
    let next = ctx.words_after(end, 1);
    if md.is_none() && next.first().is_some_and(|w| is_count_noun(w)) {
        return None;
    }
    let _ = start;
    let mut t = date(format!("{y:04}"))?;
    if let Some(m) = md {
        let m = match m.as_str() {
            "the first half of" => return date(format!("{y:04}-H1")),
            "the second half of" | "the last half of" => return date(format!("{y:04}-H2")),
            "the spring of" => return date(format!("{y:04}-SP")),
            "the end of" => Some("late".to_string()),
            "the beginning of" | "the start of" => Some("early".to_string()),
            "the middle of" => Some("mid".to_string()),
            "early" | "late" | "mid" => Some(m),
            _ => None,
        };
        t.qualifier = m;
    }
    Some(t)
}
