//! Publication dates as pages and texts write them, normalised to ISO 8601.
//!
//! Handles ISO 8601 and its relatives (`2019-10-22T08:00:00Z`, `2019/10/22`,
//! `20191022`), written dates in English (`October 22, 2019`, `Oct. 22 2019`,
//! `22 Oct 2019`, `Tuesday, October 22, 2019`), RFC 2822
//! (`Tue, 22 Oct 2019 08:00:00 GMT`), numeric day/month forms (`10/22/2019`
//! read as US month/day unless the first number is over 12, `22.10.2019` as
//! day.month), and Unix timestamps in seconds or milliseconds. Dates are
//! checked by the calendar, so `2019-02-30` is rejected.

use chrono::{Datelike, NaiveDate};

/// Month number of an English month name or abbreviation (`Sept.`, `Apr`).
pub(crate) fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w.as_str()) && (w.len() == 3 || w.len() == m.len()))
        .map(|i| i as u32 + 1)
}

fn ymd(y: i64, m: u32, d: u32) -> Option<String> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).map(|dt| dt.format("%Y-%m-%d").to_string())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    Sep(char),
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while let Some(&(k, d)) = it.peek() {
                if d.is_ascii_digit() {
                    j = k + 1;
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Num(&s[i..j]));
        } else if c.is_alphabetic() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = it.peek() {
                if d.is_alphabetic() {
                    j = k + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Word(&s[i..j]));
        } else if !c.is_whitespace() {
            out.push(Tok::Sep(c));
        }
        if out.len() > 64 {
            break;
        }
    }
    out
}

fn num(t: Option<&Tok<'_>>) -> Option<(i64, usize)> {
    match t {
        Some(Tok::Num(n)) if n.len() <= 8 => n.parse().ok().map(|v| (v, n.len())),
        _ => None,
    }
}

/// Parse a date written in metadata or a byline line into `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let toks = tokens(s);
    // Unix timestamps (seconds or milliseconds) given alone.
    if toks.len() == 1 {
        if let Some(Tok::Num(n)) = toks.first() {
            if n.len() == 10 || n.len() == 13 {
                let v: i64 = n.parse().ok()?;
                let secs = if n.len() == 13 { v / 1000 } else { v };
                let dt = chrono::DateTime::from_timestamp(secs, 0)?;
                let d = dt.date_naive();
                return ymd(i64::from(d.year()), d.month(), d.day());
            }
            if n.len() == 8 {
                let y: i64 = n[..4].parse().ok()?;
                let m: u32 = n[4..6].parse().ok()?;
                let d: u32 = n[6..8].parse().ok()?;
                return ymd(y, m, d);
            }
        }
    }
    for i in 0..toks.len() {
        // Y-M-D / Y/M/D / Y.M.D
        if let (Some((y, 4)), Some(Tok::Sep(a)), Some((m, _)), Some(Tok::Sep(b)), Some((d, _))) = (
            num(toks.get(i)),
            toks.get(i + 1),
            num(toks.get(i + 2)),
            toks.get(i + 3),
            num(toks.get(i + 4)),
        ) {
            if a == b && matches!(a, '-' | '/' | '.') {
                if let Some(r) = ymd(y, m as u32, d as u32) {
                    return Some(r);
                }
            }
        }
        // D/M/Y, M/D/Y, D.M.Y, D-M-Y
        if let (Some((p, pl)), Some(Tok::Sep(a)), Some((q, ql)), Some(Tok::Sep(b)), Some((y, 4))) = (
            num(toks.get(i)),
            toks.get(i + 1),
            num(toks.get(i + 2)),
            toks.get(i + 3),
            num(toks.get(i + 4)),
        ) {
            if a == b && matches!(a, '-' | '/' | '.') && pl <= 2 && ql <= 2 {
                let (m, d) = if *a == '/' && p <= 12 { (p, q) } else { (q, p) };
                if let Some(r) = ymd(y, m as u32, d as u32) {
                    return Some(r);
                }
            }
        }
        if let Some(Tok::Word(w)) = toks.get(i) {
            if let Some(m) = month_of(w) {
                // Month D[,] Y   (skip a '.' or ',' after the month)
                let mut j = i + 1;
                if matches!(toks.get(j), Some(Tok::Sep('.')) | Some(Tok::Sep(','))) {
                    j += 1;
                }
                if let Some((d, dl)) = num(toks.get(j)) {
                    if dl <= 2 {
                        let mut k = j + 1;
                        // ordinal suffix: 22nd
                        if let Some(Tok::Word(sfx)) = toks.get(k) {
                            if matches!(
                                sfx.to_ascii_lowercase().as_str(),
                                "st" | "nd" | "rd" | "th"
                            ) {
                                k += 1;
                            }
                        }
                        if matches!(toks.get(k), Some(Tok::Sep(','))) {
                            k += 1;
                        }
                        if let Some((y, 4)) = num(toks.get(k)) {
                            if let Some(r) = ymd(y, m, d as u32) {
                                return Some(r);
                            }
                        }
                    } else if dl == 4 {
                        // "October 2019" has no day.
                    }
                }
                // D Month Y  (the day came before)
                let mut b = i;
                if b >= 1 && matches!(toks.get(b - 1), Some(Tok::Sep('.'))) {
                    b -= 1;
                }
                if b >= 1 {
                    if let Some(Tok::Word(sfx)) = toks.get(b - 1) {
                        if matches!(sfx.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th") {
                            b -= 1;
                        }
                    }
                }
                if b >= 1 {
                    if let Some((d, dl)) = num(toks.get(b - 1)) {
                        let mut k = i + 1;
                        if matches!(toks.get(k), Some(Tok::Sep('.')) | Some(Tok::Sep(','))) {
                            k += 1;
                        }
                        if dl <= 2 {
                            if let Some((y, 4)) = num(toks.get(k)) {
                                if let Some(r) = ymd(y, m, d as u32) {
                                    return Some(r);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn iso_forms() {
        assert_eq!(
            parse_date("2019-10-22T08:00:00Z").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(parse_date("2019-10-22").as_deref(), Some("2019-10-22"));
        assert_eq!(
            parse_date("2019/10/22 08:00").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(parse_date("20191022").as_deref(), Some("2019-10-22"));
        assert_eq!(parse_date("2019-02-30"), None);
    }

    #[test]
    fn written_forms() {
        assert_eq!(
            parse_date("October 22, 2019").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(
            parse_date("Oct. 22, 2019 8:00 a.m. ET").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(parse_date("22 Oct 2019").as_deref(), Some("2019-10-22"));
        assert_eq!(
            parse_date("22nd October, 2019").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(
            parse_date("Tuesday, October 22nd 2019").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(
            parse_date("Updated: Sept 3, 2021").as_deref(),
            Some("2021-09-03")
        );
    }

    #[test]
    fn rfc2822_and_numeric() {
        assert_eq!(
            parse_date("Tue, 22 Oct 2019 08:00:00 GMT").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(parse_date("10/22/2019").as_deref(), Some("2019-10-22"));
        assert_eq!(parse_date("22/10/2019").as_deref(), Some("2019-10-22"));
        assert_eq!(parse_date("22.10.2019").as_deref(), Some("2019-10-22"));
        assert_eq!(parse_date("1571731200").as_deref(), Some("2019-10-22"));
    }

    #[test]
    fn junk() {
        for s in [
            "",
            "no date here",
            "May",
            "2019",
            "99/99/9999",
            "Oct 45, 2019",
            "\u{0}\u{ffff}",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
