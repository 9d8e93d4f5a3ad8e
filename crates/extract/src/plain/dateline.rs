//! Date lines at the top of plain-text articles: `date 2022-04-04`,
//! `Published: April 4, 2022`, `Updated 3:15 PM ET, Mon April 4, 2022`.
//!
//! A line is read as a run of "date words" (weekdays, months, day numbers,
//! years, clock times, time zones, `at`/`on`, separators) after an optional
//! label. Only a line made entirely of such words, or a labelled prefix that
//! holds a full date, counts: "Posted 2022 record profits" is not a date line.

use once_cell::sync::Lazy;
use regex::Regex;

/// What a date line or date prefix holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateLine {
    /// Byte length of the date part (label included) in the input.
    pub len: usize,
    /// `YYYY-MM-DD` when a full date was found.
    pub date: Option<String>,
    /// The label says "updated"/"modified" rather than "published".
    pub is_update: bool,
    /// A label such as "Published" was present.
    pub labelled: bool,
}

static LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:(?:originally|first)\s+published|last\s+(?:updated|modified)|published|posted|updated|modified|dated|date)(?:\s+(?:on|at))?\s*[:|\-–—]?\s*",
    )
    .expect("static regex")
});

static TIME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm|a\.m\.|p\.m\.)?$").expect("static regex")
});

static ISO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$",
    )
    .expect("static regex")
});

static NUMERIC: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4})$").expect("static regex"));

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const ZONES: [&str; 24] = [
    "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc",
    "bst", "cet", "cest", "ist", "aest", "aedt", "jst", "hkt", "sgt", "z",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Weekday,
    Month(u32),
    Num(u32),
    Year(i32),
    Time,
    Filler,
    Iso,
    Numeric(u32, u32, i32),
}

fn classify(word: &str) -> Option<Tok> {
    let w = word.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '[' | ']' | '|' | '·' | '•'));
    if w.is_empty() || matches!(w, "-" | "–" | "—" | "/" | "|") {
        return Some(Tok::Filler);
    }
    if ISO.is_match(w) {
        return Some(Tok::Iso);
    }
    if let Some(c) = NUMERIC.captures(w) {
        let a = c[1].parse().ok()?;
        let b = c[2].parse().ok()?;
        let y = c[3].parse().ok()?;
        return Some(Tok::Numeric(a, b, y));
    }
    if TIME.is_match(w) {
        return Some(Tok::Time);
    }
    let lw = w.trim_end_matches('.').to_ascii_lowercase();
    if matches!(
        lw.as_str(),
        "am" | "pm" | "a.m" | "p.m" | "at" | "on" | "of"
    ) || ZONES.contains(&lw.as_str())
    {
        return Some(Tok::Filler);
    }
    if WEEKDAYS
        .iter()
        .any(|d| *d == lw || (lw.len() >= 3 && lw.len() <= 4 && d.starts_with(&lw)))
    {
        return Some(Tok::Weekday);
    }
    if let Some(m) = crate::dates::month_of(w) {
        return Some(Tok::Month(m));
    }
    let digits = lw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lw[digits.len()..];
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.len() == 4 && suffix.is_empty() {
            let y: i32 = digits.parse().ok()?;
            return (1900..=2100).contains(&y).then_some(Tok::Year(y));
        }
        if digits.len() <= 2 && matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            let d: u32 = digits.parse().ok()?;
            return (1..=31).contains(&d).then_some(Tok::Num(d));
        }
    }
    None
}

/// A full date from the date words: ISO first (through [`crate::dates::parse_date`]),
/// then `Month D, YYYY` / `D Month YYYY`, then `M/D/YYYY` (US order unless the
/// first number cannot be a month).
fn date_of(toks: &[(Tok, &str)]) -> Option<String> {
    for (t, w) in toks {
        if *t == Tok::Iso {
            if let Some(d) = crate::dates::parse_date(w) {
                return Some(d);
            }
        }
    }
    let ymd = |y: i32, m: u32, d: u32| {
        chrono::NaiveDate::from_ymd_opt(y, m, d).map(|x| x.format("%Y-%m-%d").to_string())
    };
    for (i, (t, _)) in toks.iter().enumerate() {
        if let Tok::Month(m) = *t {
            let year = toks[i + 1..].iter().take(3).find_map(|(t, _)| match t {
                Tok::Year(y) => Some(*y),
                _ => None,
            });
            let day_after = match toks.get(i + 1) {
                Some((Tok::Num(d), _)) => Some(*d),
                _ => None,
            };
            let day_before = match i.checked_sub(1).and_then(|j| toks.get(j)) {
                Some((Tok::Num(d), _)) => Some(*d),
                _ => None,
            };
            if let (Some(y), Some(d)) = (year, day_after.or(day_before)) {
                if let Some(s) = ymd(y, m, d) {
                    return Some(s);
                }
            }
        }
        if let Tok::Numeric(a, b, y) = *t {
            let s = if a > 12 { ymd(y, b, a) } else { ymd(y, a, b) };
            if s.is_some() {
                return s;
            }
        }
    }
    None
}

/// Read a date line or a labelled date prefix at the start of `s` (a
/// paragraph with whitespace already collapsed).
///
/// Returns `None` unless either the whole of `s` is date words (with a label,
/// or holding a full date without one), or a label is followed by date words
/// holding a full date (the rest of `s` is then left to the caller).
pub(crate) fn read_date_line(s: &str) -> Option<DateLine> {
    let (label_len, is_update) = match LABEL.find(s) {
        // A label must be a whole word: "Dated" yes, "Datelines" no.
        Some(m)
            if s[m.end()..].is_empty() || m.as_str().ends_with(|c: char| !c.is_alphanumeric()) =>
        {
            let l = m.as_str().to_ascii_lowercase();
            (m.end(), l.contains("updated") || l.contains("modified"))
        }
        _ => (0, false),
    };
    let labelled = label_len > 0;
    let rest = &s[label_len..];
    let mut toks: Vec<(Tok, &str)> = Vec::new();
    let mut end = label_len;
    let mut all = true;
    for w in rest.split_whitespace() {
        match classify(w) {
            Some(t) => {
                toks.push((t, w));
                // Byte offset of the end of this word inside `s`.
                end = label_len + (w.as_ptr() as usize - rest.as_ptr() as usize) + w.len();
            }
            None => {
                all = false;
                break;
            }
        }
        if toks.len() > 16 {
            return None;
        }
    }
    let date = date_of(&toks);
    let has_time = toks.iter().any(|(t, _)| *t == Tok::Time);
    if all && !toks.is_empty() {
        if date.is_some() || (labelled && has_time) {
            return Some(DateLine {
                len: s.len(),
                date,
                is_update,
                labelled,
            });
        }
        return None;
    }
    if labelled && date.is_some() {
        return Some(DateLine {
            len: end,
            date,
            is_update,
            labelled,
        });
    }
    // An unlabelled ISO date at the very start (`2022-04-04 Title words`) is
    // a date stamp too.
    if !labelled && matches!(toks.first(), Some((Tok::Iso, _))) && toks.len() <= 2 && date.is_some()
    {
        return Some(DateLine {
            len: end,
            date,
            is_update,
            labelled,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<(String, Option<String>)> {
        read_date_line(s).map(|x| (s[..x.len].to_string(), x.date))
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            d("date 2022-04-04 NEW You can"),
            Some(("date 2022-04-04".into(), Some("2022-04-04".into())))
        );
        assert_eq!(
            d("Published: April 4, 2022"),
            Some(("Published: April 4, 2022".into(), Some("2022-04-04".into())))
        );
        assert_eq!(
            d("Updated 3:15 PM ET, Mon April 4, 2022").and_then(|x| x.1),
            Some("2022-04-04".into())
        );
        assert_eq!(
            d("Tue 5 Apr 2022 10.15 BST").and_then(|x| x.1),
            Some("2022-04-05".into())
        );
        assert_eq!(
            d("Sept. 18, 2020").and_then(|x| x.1),
            Some("2020-09-18".into())
        );
        assert_eq!(d("Updated 3:15 PM ET").map(|x| x.1), Some(None));
    }

    #[test]
    fn not_date_lines() {
        assert_eq!(d("Posted 2022 record profits, the firm said."), None);
        assert_eq!(d("April 4, 2022 was a cold day."), None);
        assert_eq!(d("May 4"), None);
        assert_eq!(d("Dateline NBC aired it."), None);
        assert_eq!(d("Updated figures show a rise."), None);
        assert_eq!(d("3:15"), None);
        assert_eq!(d(""), None);
    }
}
