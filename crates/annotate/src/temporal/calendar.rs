//! Calendar arithmetic and TIMEX3 value formatting.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// `YYYY-MM-DD`.
pub fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM`.
pub fn month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// `YYYY-Www` (ISO week).
pub fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// `YYYY-Qn`.
pub fn quarter(y: i32, q: u32) -> String {
    format!("{y:04}-Q{q}")
}

/// Quarter (1..=4) of a date.
pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// `(year, quarter)` shifted by `n` quarters.
pub fn add_quarters(y: i32, q: u32, n: i32) -> (i32, u32) {
    let idx = y * 4 + q as i32 - 1 + n;
    (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1)
}

/// `(year, month)` shifted by `n` months.
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + n;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

/// A date shifted by `n` days (saturating at chrono's range).
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// Weekday from a (case-insensitive) English name.
pub fn weekday(name: &str) -> Option<Weekday> {
    let l = name.to_ascii_lowercase();
    Some(match l.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Month number from an English name or abbreviation.
pub fn month_num(name: &str) -> Option<u32> {
    let l = name.to_ascii_lowercase();
    Some(match l.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// Which way an unanchored weekday or month points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// "last Friday": strictly before the reference.
    Last,
    /// "next Friday": strictly after the reference.
    Next,
    /// "Friday" in a past-tense sentence: the reference day or before.
    Past,
    /// "Friday" in a future-tense sentence: the reference day or after.
    Future,
}

/// The weekday `wd` relative to `dct` in direction `dir`.
pub fn resolve_weekday(dct: NaiveDate, wd: Weekday, dir: Dir) -> NaiveDate {
    let cur = dct.weekday().num_days_from_monday() as i64;
    let want = wd.num_days_from_monday() as i64;
    let back = (cur - want).rem_euclid(7);
    let fwd = (want - cur).rem_euclid(7);
    match dir {
        Dir::Past => add_days(dct, -back),
        Dir::Last => add_days(dct, -(if back == 0 { 7 } else { back })),
        Dir::Future => add_days(dct, fwd),
        Dir::Next => add_days(dct, if fwd == 0 { 7 } else { fwd }),
    }
}

/// Year of an unanchored month (and optional day) relative to `dct`.
pub fn resolve_month_year(dct: NaiveDate, m: u32, d: Option<u32>, dir: Dir) -> i32 {
    let y = dct.year();
    let cur = dct.month() as i32 * 32 + dct.day() as i32;
    let this = m as i32 * 32 + d.unwrap_or(if m == dct.month() { dct.day() } else { 15 }) as i32;
    match dir {
        Dir::Last => {
            if (m as i32) < dct.month() as i32 {
                y
            } else {
                y - 1
            }
        }
        Dir::Next => {
            if (m as i32) > dct.month() as i32 {
                y
            } else {
                y + 1
            }
        }
        Dir::Past => {
            // News mostly looks back: a month up to four months ahead is
            // still this year's ("June" in an April article), further
            // ahead is last year's; eight or more months back is more
            // often next year's ("in January" in a November article).
            let dm = m as i32 - dct.month() as i32;
            if dm >= 5 || (dm == 0 && this - cur > 20) {
                y - 1
            } else if dm <= -8 {
                y + 1
            } else {
                y
            }
        }
        Dir::Future => {
            let dm = m as i32 - dct.month() as i32;
            if dm <= -6 || (dm == 0 && cur - this > 20) {
                y + 1
            } else {
                y
            }
        }
    }
}

/// Season code (`SP`, `SU`, `FA`, `WI`).
pub fn season_code(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Index of the season that contains a month (spring 0 ... winter 3).
fn season_index_of_month(m: u32) -> i32 {
    match m {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

fn season_index(code: &str) -> i32 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// Year of a season relative to `dct`: `rel` is -1 (last), 0 (this or
/// unmarked) or 1 (next).
pub fn resolve_season_year(dct: NaiveDate, code: &str, rel: i32) -> i32 {
    let y = dct.year();
    // Winter of year Y is Dec Y .. Feb Y+1; January belongs to last year's.
    let cur_year = if dct.month() <= 2 { y - 1 } else { y };
    let cur = season_index_of_month(dct.month());
    let s = season_index(code);
    match rel {
        // TimeML reads "last summer" as the previous year's summer.
        -1 => cur_year - 1,
        1 => {
            if s > cur {
                cur_year
            } else {
                cur_year + 1
            }
        }
        _ => cur_year,
    }
}

/// Year of the most recent season `code` that has begun by `dct`.
pub fn most_recent_season_year(dct: NaiveDate, code: &str) -> i32 {
    let cur_year = if dct.month() <= 2 {
        dct.year() - 1
    } else {
        dct.year()
    };
    if season_index(code) <= season_index_of_month(dct.month()) {
        cur_year
    } else {
        cur_year - 1
    }
}

/// Nth weekday of a month (n from 1), e.g. Thanksgiving = 4th Thursday of
/// November.
pub fn nth_weekday(y: i32, m: u32, wd: Weekday, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8)
}

/// Last weekday of a month.
pub fn last_weekday(y: i32, m: u32, wd: Weekday) -> Option<NaiveDate> {
    let (ny, nm) = add_months(y, m, 1);
    let first_next = NaiveDate::from_ymd_opt(ny, nm, 1)?;
    let last = add_days(first_next, -1);
    let back = (last.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64)
        .rem_euclid(7);
    Some(add_days(last, -back))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekday_directions() {
        let dct = d("1998-01-08"); // a Thursday
        assert_eq!(
            day(resolve_weekday(dct, Weekday::Thu, Dir::Past)),
            "1998-01-08"
        );
        assert_eq!(
            day(resolve_weekday(dct, Weekday::Tue, Dir::Past)),
            "1998-01-06"
        );
        assert_eq!(
            day(resolve_weekday(dct, Weekday::Fri, Dir::Future)),
            "1998-01-09"
        );
        assert_eq!(
            day(resolve_weekday(dct, Weekday::Thu, Dir::Last)),
            "1998-01-01"
        );
        assert_eq!(
            day(resolve_weekday(dct, Weekday::Thu, Dir::Next)),
            "1998-01-15"
        );
    }

    #[test]
    fn month_years() {
        let dct = d("2022-01-10");
        assert_eq!(resolve_month_year(dct, 12, Some(28), Dir::Past), 2021);
        assert_eq!(resolve_month_year(dct, 1, Some(3), Dir::Past), 2022);
        assert_eq!(
            resolve_month_year(d("2022-04-04"), 8, None, Dir::Last),
            2021
        );
        assert_eq!(
            resolve_month_year(d("2022-04-04"), 3, Some(31), Dir::Past),
            2022
        );
    }

    #[test]
    fn quarters_and_seasons() {
        assert_eq!(add_quarters(1989, 1, -1), (1988, 4));
        assert_eq!(add_months(2022, 1, -2), (2021, 11));
        assert_eq!(resolve_season_year(d("2022-04-04"), "FA", -1), 2021);
        assert_eq!(resolve_season_year(d("2022-10-04"), "SU", -1), 2021);
        assert_eq!(week(d("1998-01-08")), "1998-W02");
    }
}
