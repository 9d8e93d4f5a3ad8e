//! Numbers, money, percentages and counts with what they count.
//!
//! One left-to-right pass over the tokens of each sentence. Each numeric
//! expression becomes one [`Fact`]:
//!
//! - **Kinds.** `Money` when a currency is given (`$`, `£`, `€`, `¥`, `₹`,
//!   `US$`, `C$`…, or "dollars", "euros", "yen", "yuan", "rupees" after the
//!   number): `unit` is the ISO code (`$` is read as `USD`). `Percent` for
//!   `%`, "percent", "per cent", "pct" (`unit` "percent") and "percentage
//!   point(s)" (`unit` "percentage points"). Everything else is `Number`.
//! - **Values.** Digits with separators and decimals, scale words and
//!   suffixes ("13 million", "£2bn", "$5m", "10k": `m` only with a currency),
//!   spelled numbers ("three", "twenty-five", "two dozen", "a hundred",
//!   "half a million"). Vague plurals followed by "of" give the smallest
//!   value they imply and keep the phrase as qualifier: "thousands of
//!   workers" is 1000 with qualifier "thousands of"; "tens of thousands of"
//!   is 10000. Fractions are only read before a noun phrase ("half of the
//!   voters", "two-thirds of senators", "one in five voters"): `value` is
//!   the fraction (0.5), `unit` "fraction". Ranges ("between 200 and 300",
//!   "200 to 300", "200-300") give the lower bound as `value` and the
//!   qualifier "between 200 and 300" (numbers normalised) whatever the
//!   wording; "from X to Y" is a change, not a range, and gives two facts.
//! - **Qualifiers** kept (lower case) from the words just before: "over",
//!   "more than", "about", "nearly", "almost", "roughly", "around",
//!   "approximately", "at least", "up to", "some", "fewer than", "less
//!   than", "just over", "as many as", "only", "estimated"… and a trailing
//!   "-plus"/"-odd" ("500-plus": qualifier "plus").
//! - **What is counted.** `about` is the noun phrase the number counts, as
//!   written, up to its first plural noun ("13 million Twitter followers":
//!   about "Twitter followers", unit "followers"); `unit` of a count is
//!   that head noun. A singular noun after a number other than one is an
//!   attributive compound and is put in the plural: "a 25,000 job campus"
//!   gives about/unit "jobs"; the hyphenated "an over 500-vote margin" gives
//!   unit "votes" and about "vote margin" (the compound with its noun).
//!   "of" phrases are read for vague numbers, fractions, percentages and
//!   spelled numbers ("half of the voters", "3.5% of the vote"); money takes
//!   the noun after "per", "a", "each" or "in" ("$35,000 per ticket": about
//!   "ticket", "$2bn in aid": about "aid") or right after it ("$5 million
//!   budget"). `None` when no noun phrase follows.
//! - **Span** from the first qualifier word to the last word used for the
//!   unit or `about` ("over 500-vote margin", "$35,000 per ticket", "some
//!   600 attendees"); an article before the qualifier is left out.
//!
//! Not reported (the temporal module owns dates, times and durations; the
//! rest are not quantities): years and decades ("in 2019", "2019-2020",
//! "the 1990s"), day numbers next to a month ("April 2", "2 April", "Aug.
//! 18, 2020"), clock times ("5 p.m.", "5:30", "9am"), anything followed by
//! a time unit, ages included ("six months", "a 10-year term",
//! "45-year-old", "Smith, 45,", "aged 45"), phone numbers, street numbers
//! ("10 Downing Street"), list numbering ("1. ", "(2)"), labels ("No. 5",
//! "#2", "Episode 74", "Route 66", "Section 230"), slashed or colon-joined
//! numbers ("24/7", "9/11", "3:2"), ordinals ("14th"), the word "one"
//! alone, spelled numbers with no noun phrase ("the three"), and anything
//! inside URLs, e-mails, handles and hashtags (single tokens).

use crate::{Fact, FactKind, FactValue};
use parallax_core::Span;
use parallax_text::TokenKind;

/// Find the numeric facts of one article.
pub fn find_numbers(text: &str, sentences: &[Span]) -> Vec<Fact> {
    find_numbers_tokenized(text, &crate::sentence_tokens(text, sentences))
}

/// [`find_numbers`] with each sentence's tokens already made.
pub(crate) fn find_numbers_tokenized(
    text: &str,
    sent_toks: &[Vec<parallax_text::Token>],
) -> Vec<Fact> {
    let mut out = Vec::new();
    for toks in sent_toks {
        if !toks.iter().any(|t| is_trigger(t.span.slice(text), t.kind)) {
            continue;
        }
        let toks: Vec<Tok> = toks
            .iter()
            .map(|t| {
                let s = t.span.slice(text);
                Tok {
                    s,
                    lc: s.to_lowercase().replace('’', "'"),
                    span: t.span,
                    kind: t.kind,
                }
            })
            .collect();
        Scan { t: &toks }.run(&mut out);
    }
    out
}

/// Whether a token may start a numeric expression (cheap pre-filter).
fn is_trigger(s: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            let b = s.as_bytes();
            b[0].is_ascii_digit() || (b.len() >= 3 && is_number_word(&s.to_ascii_lowercase()))
        }
        _ => false,
    }
}

fn is_number_word(lc: &str) -> bool {
    small_number(lc).is_some()
        || scale(lc).is_some()
        || vague(lc).is_some()
        || lc == "dozen"
        || lc.starts_with("half")
        || lc.contains("third")
        || lc.contains("quarter")
        || lc.contains('-')
            && lc
                .split('-')
                .all(|p| small_number(p).is_some() || denominator(p).is_some())
}

struct Tok<'a> {
    s: &'a str,
    /// Lower case, with typographic apostrophes made straight.
    lc: String,
    span: Span,
    kind: TokenKind,
}

/// A parsed number (before its unit and noun phrase).
#[derive(Debug, Clone, Default)]
struct Num {
    /// Last token used.
    last: usize,
    value: f64,
    percent: Option<&'static str>,
    /// Plain digits that could be a year (four digits, no separator).
    year_like: bool,
    /// Written with digits (not words).
    digits: bool,
    /// A scale word or suffix was applied ("million", "bn").
    scaled: bool,
    /// "thousands of": the phrase, kept as qualifier.
    vague: Option<String>,
    fraction: bool,
    /// Parts after a hyphen inside the number's token ("500-vote").
    hyphen: Vec<String>,
}

/// A run of content words: its last word and its first plural noun.
struct Np {
    last: usize,
    plural: Option<usize>,
}

struct Scan<'a, 'b> {
    t: &'b [Tok<'a>],
}

enum Step {
    Emit(Box<Fact>, usize),
    Skip(usize),
}

impl Scan<'_, '_> {
    fn run(&self, out: &mut Vec<Fact>) {
        let mut i = 0;
        while i < self.t.len() {
            match self.at(i) {
                Some(Step::Emit(f, next)) => {
                    out.push(*f);
                    i = next.max(i + 1);
                }
                Some(Step::Skip(next)) => i = next.max(i + 1),
                None => i += 1,
            }
        }
    }

    fn lc(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lc.as_str())
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    /// Tokens i and i+1 touch (no space between).
    fn glued(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    fn capitalized(&self, i: usize) -> bool {
        self.t
            .get(i)
            .and_then(|t| t.s.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// A number written with digits at i (Number token or digit-led word).
    fn is_digit_tok(&self, i: usize) -> bool {
        match self.t.get(i) {
            Some(t) if t.kind == TokenKind::Number => true,
            Some(t) if t.kind == TokenKind::Word => t.s.as_bytes()[0].is_ascii_digit(),
            _ => false,
        }
    }

    /// Currency symbol (and its prefix) at i, followed by a digit number:
    /// (code, index of the number).
    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let sym = |s: &str| -> Option<&'static str> {
            Some(match s {
                "$" => "USD",
                "£" => "GBP",
                "€" => "EUR",
                "¥" => "JPY",
                "₹" => "INR",
                _ => return None,
            })
        };
        let t = self.t.get(i)?;
        if t.kind == TokenKind::Punct {
            let code = sym(t.s)?;
            return (self.glued(i) && self.is_digit_tok(i + 1)).then_some((code, i + 1));
        }
        if t.kind == TokenKind::Word && self.lc(i + 1) == "$" && self.glued(i) {
            let code = match t.s {
                "US" | "U.S." => "USD",
                "C" | "CA" | "CAN" => "CAD",
                "A" | "AU" => "AUD",
                "HK" => "HKD",
                "NZ" => "NZD",
                "S" => "SGD",
                "R" => "BRL",
                _ => return None,
            };
            return (self.glued(i + 1) && self.is_digit_tok(i + 2)).then_some((code, i + 2));
        }
        None
    }

    fn at(&self, i: usize) -> Option<Step> {
        let (currency, k) = match self.currency_prefix(i) {
            Some((c, k)) => (Some(c), k),
            None => (None, i),
        };
        let mut ratio = false;
        // A vague/fraction/spelled number, or one with digits.
        let mut n = if self.is_digit_tok(k) {
            match self.digit_number(k, currency.is_some())? {
                Ok(n) => n,
                Err(skip) => return Some(Step::Skip(skip)),
            }
        } else if currency.is_none() && self.is_word(k) {
            let n = self.word_number(k)?;
            ratio = n.fraction && self.lc(k + 1) == "in";
            n
        } else {
            return None;
        };
        if n.digits && currency.is_none() {
            if let Some(skip) = self.not_a_quantity(k, &n) {
                return Some(Step::Skip(skip));
            }
        }
        // "4 in 10 voters"
        if n.digits && currency.is_none() && n.percent.is_none() && !n.scaled && n.hyphen.is_empty()
        {
            if let Some((v, last)) = self.ratio(n.last, n.value) {
                n.value = v;
                n.last = last;
                n.fraction = true;
                n.year_like = false;
                ratio = true;
            }
        }
        let mut currency = currency;
        let mut qualifier: Option<String> = None;
        let mut start = i;

        // Ranges.
        let mut range: Option<f64> = None;
        if n.hyphen.is_empty() && n.vague.is_none() && !n.fraction {
            let j = n.last + 1;
            let dash = matches!(self.lc(j), "-" | "–" | "—");
            if dash && n.digits && self.glued(n.last) && self.glued(j) && self.is_digit_tok(j + 1) {
                // "200-300", also years, phones and scores: decide here.
                let hi = match self.digit_number(j + 1, currency.is_some()) {
                    Some(Ok(h)) => h,
                    _ => return Some(Step::Skip(j + 2)),
                };
                let raw_lo = self.t[k].s;
                let raw_hi = self.t[j + 1].s;
                let phone = raw_lo.len() == 3 && raw_hi.len() == 4 && !raw_hi.contains(',');
                if n.year_like
                    || hi.year_like
                    || phone
                    || hi.value <= n.value
                    || self.lc(j + 2) == "-"
                {
                    return Some(Step::Skip(j + 2));
                }
                range = Some(hi.value);
                n.last = hi.last;
                if hi.percent.is_some() {
                    n.percent = hi.percent;
                }
                n.hyphen = hi.hyphen;
            } else if (self.lc(j) == "to" && !self.before_is(start, &["from"]))
                || (self.lc(j) == "and" && self.before_is(start, &["between"]))
            {
                let (hc, hk) = match self.currency_prefix(j + 1) {
                    Some((c, hk)) => (Some(c), hk),
                    None => (None, j + 1),
                };
                let hi = if self.is_digit_tok(hk) {
                    self.digit_number(hk, hc.is_some() || currency.is_some())
                        .and_then(Result::ok)
                } else if !n.digits && self.is_word(hk) {
                    self.word_number(hk)
                        .filter(|h| h.vague.is_none() && !h.fraction)
                } else {
                    None
                };
                if let Some(hi) = hi {
                    let hi_ok =
                        !(hi.digits && hc.is_none() && self.not_a_quantity(hk, &hi).is_some());
                    let mut lo = n.value;
                    if hi.scaled && !n.scaled {
                        lo *=
                            hi.value / hi_value_unscaled(&self.t[hk..=hi.last]).unwrap_or(hi.value);
                    }
                    if hi_ok && hi.value > lo && !(n.year_like && hi.year_like) {
                        if self.lc(j) == "and" {
                            start = i - 1;
                        }
                        n.value = lo;
                        range = Some(hi.value);
                        n.last = hi.last;
                        if hi.percent.is_some() {
                            n.percent = hi.percent;
                        }
                        currency = currency.or(hc);
                        n.hyphen = hi.hyphen;
                    }
                }
            }
        }
        let mut end = n.last;
        // Currency words after the number.
        if currency.is_none() && n.percent.is_none() {
            let code = match self.lc(end + 1) {
                "dollars" | "dollar" => Some("USD"),
                "euros" | "euro" => Some("EUR"),
                "yen" => Some("JPY"),
                "yuan" => Some("CNY"),
                "rupees" => Some("INR"),
                "pounds" if self.lc(end + 2) == "sterling" => Some("GBP"),
                _ => None,
            };
            if let Some(c) = code {
                currency = Some(c);
                end += if c == "GBP" { 2 } else { 1 };
            }
        }
        // Durations, ages and times are the temporal module's.
        if is_time_unit(self.lc(end + 1)) || n.hyphen.first().is_some_and(|h| is_time_unit(h)) {
            return Some(Step::Skip(end + 2));
        }
        if currency.is_some() && n.percent.is_some() {
            n.percent = None;
        }

        // What is counted.
        let mut about: Option<String> = None;
        let mut unit: Option<String> = None;
        let mut hyphen = n.hyphen.clone();
        if let Some(h) = hyphen.first() {
            match h.as_str() {
                "plus" | "odd" => {
                    qualifier = Some(h.clone());
                    hyphen.clear();
                }
                "strong" => {
                    // "a 10,000-strong crowd"
                    hyphen.clear();
                    if let Some(np) = self.noun_phrase(end + 1) {
                        let e = np.plural.unwrap_or(end + 1);
                        about = Some(self.join(end + 1, e));
                        unit = Some(self.t[e].s.to_string());
                        end = e;
                    }
                }
                "per" if hyphen.len() >= 2 => {
                    about = Some(hyphen[1].clone());
                    hyphen.clear();
                }
                _ => {}
            }
        }
        if let Some(h) = hyphen.first().cloned() {
            // "500-vote margin": counts votes, describes a vote margin.
            let noun = if n.value == 1.0 {
                h.clone()
            } else {
                pluralise(&h)
            };
            let rest: Vec<&str> = hyphen[1..].iter().map(String::as_str).collect();
            let mut phrase = std::iter::once(h.as_str())
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" ");
            if self.noun_phrase(end + 1).is_some() && !verbish(self.lc(end + 1)) {
                phrase = format!("{phrase} {}", self.t[end + 1].s);
                end += 1;
            }
            if currency.is_none() && n.percent.is_none() {
                unit = Some(noun);
            }
            about = Some(phrase);
        } else if about.is_none() {
            if let Some((a, u, e)) = self.counted(end + 1, &n, currency.is_some()) {
                about = Some(a);
                if currency.is_none() && n.percent.is_none() && !n.fraction {
                    unit = Some(u);
                }
                end = e;
            }
        }
        // A name with a number inside ("Under 70 Auto Sales", "Motel 6").
        if n.digits
            && currency.is_none()
            && n.percent.is_none()
            && about.is_some()
            && k >= 2
            && self.is_word(k - 1)
            && self.capitalized(k - 1)
            && (n.last + 1..=end).all(|j| self.capitalized(j))
        {
            return Some(Step::Skip(end + 1));
        }
        // Plain four-digit numbers are years unless they clearly count.
        if n.year_like && range.is_none() && currency.is_none() && n.percent.is_none() && !n.scaled
        {
            let counts = self
                .noun_phrase(n.last + 1)
                .is_some_and(|np| np.plural == Some(n.last + 1))
                && !self.before_is(i, YEAR_PREPS);
            if !counts {
                return Some(Step::Skip(n.last + 1));
            }
        }
        // Spelled numbers and fractions need a noun phrase or a unit.
        if !n.digits
            && about.is_none()
            && currency.is_none()
            && n.percent.is_none()
            && n.vague.is_none()
            && !ratio
        {
            return Some(Step::Skip(n.last + 1));
        }
        if n.fraction && about.is_none() && !ratio {
            return Some(Step::Skip(n.last + 1));
        }
        // A bare number right after a capitalised name is a label
        // ("Boeing 737", "Windows 10").
        if n.digits
            && about.is_none()
            && currency.is_none()
            && n.percent.is_none()
            && !n.scaled
            && range.is_none()
            && k == i
            && i > 0
            && self.is_word(i - 1)
            && self.capitalized(i - 1)
            && !is_stopword(self.lc(i - 1))
            && qualifier_before(self, i).is_none()
        {
            return Some(Step::Skip(n.last + 1));
        }

        // Qualifier before the expression.
        if range.is_some() {
            qualifier = Some(format!(
                "between {} and {}",
                fmt_num(n.value),
                fmt_num(range.unwrap_or(0.0))
            ));
        } else if let Some(v) = n.vague.clone() {
            qualifier = Some(v);
        }
        if range.is_none() || self.lc(start) != "between" {
            if let Some((q, qs)) = qualifier_before(self, start) {
                if qualifier.is_none() {
                    qualifier = Some(q);
                }
                start = qs;
            }
        }

        let (kind, unit) = if let Some(c) = currency {
            (FactKind::Money, Some(c.to_string()))
        } else if let Some(p) = n.percent {
            (FactKind::Percent, Some(p.to_string()))
        } else if n.fraction {
            (FactKind::Number, Some("fraction".to_string()))
        } else {
            (FactKind::Number, unit)
        };
        let span = Span::new(self.t[start].span.start, self.t[end].span.end);
        Some(Step::Emit(
            Box::new(Fact {
                kind,
                span,
                value: FactValue::Number(n.value),
                unit,
                about,
                qualifier,
            }),
            end + 1,
        ))
    }

    /// Whether the word before token i is one of `words`.
    fn before_is(&self, i: usize, words: &[&str]) -> bool {
        i > 0 && words.contains(&self.lc(i - 1))
    }

    /// A number written with digits at k, with its scale words and percent
    /// sign or word. `Err(next)` when the token is a number but no quantity
    /// (ordinal, decade, clock time, duration compound).
    fn digit_number(&self, k: usize, money: bool) -> Option<Result<Num, usize>> {
        let t = &self.t[k];
        let mut n = Num {
            last: k,
            digits: true,
            ..Num::default()
        };
        let (num, suffix) = split_numeric(&t.lc);
        let mut value: f64 = num.trim_end_matches('%').replace(',', "").parse().ok()?;
        if t.kind == TokenKind::Number {
            if num.ends_with('%') {
                n.percent = Some("percent");
            }
            let digits = num.trim_end_matches('%');
            n.year_like = digits.len() == 4
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (1000.0..=2100.0).contains(&value)
                && n.percent.is_none();
        } else {
            if let Some(rest) = suffix.strip_prefix('-') {
                let parts: Vec<String> = rest
                    .split('-')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
                if parts.iter().any(|p| {
                    is_time_unit(p)
                        || p.starts_with(|c: char| c.is_ascii_digit())
                        || (is_stopword(p) && p != "per")
                }) {
                    // Durations, ages, scores and sizes ("5-to-4", "8-by-11").
                    return Some(Err(k + 1));
                }
                match parts.first().map(String::as_str) {
                    Some("percent") => n.percent = Some("percent"),
                    Some(s) if scale(s).is_some() => {
                        value *= scale(s).unwrap_or(1.0);
                        n.scaled = true;
                        n.hyphen = parts[1..].to_vec();
                    }
                    Some(_) => n.hyphen = parts,
                    None => return Some(Err(k + 1)),
                }
            } else {
                let mult = match suffix {
                    "k" => 1e3,
                    "m" | "mn" | "mln" if money => 1e6,
                    "b" | "bn" | "bln" => 1e9,
                    "tn" | "trn" => 1e12,
                    _ => return Some(Err(k + 1)),
                };
                value *= mult;
                n.scaled = true;
            }
        }
        // "5 ½"
        if t.kind == TokenKind::Number && !num.contains(['.', '%']) {
            let add = match self.lc(k + 1) {
                "½" => 0.5,
                "¼" => 0.25,
                "¾" => 0.75,
                _ => 0.0,
            };
            if add > 0.0 {
                value += add;
                n.last = k + 1;
                n.year_like = false;
            }
        }
        // "13 million", "1.5 billion", "3 dozen".
        let mut j = n.last + 1;
        if n.hyphen.is_empty() && n.percent.is_none() && !n.scaled {
            while let Some(m) =
                scale(self.lc(j)).or_else(|| (self.lc(j) == "dozen").then_some(12.0))
            {
                value *= m;
                n.scaled = true;
                n.year_like = false;
                n.last = j;
                j += 1;
            }
        }
        n.value = value;
        if n.percent.is_none() && n.hyphen.is_empty() {
            let (p, last) = self.percent_after(n.last);
            n.percent = p;
            n.last = last;
            if p.is_some() {
                n.year_like = false;
            }
        }
        Some(Ok(n))
    }

    /// "%", "percent", "per cent", "pct", "percentage point(s)" after i.
    fn percent_after(&self, i: usize) -> (Option<&'static str>, usize) {
        match self.lc(i + 1) {
            "%" => (Some("percent"), i + 1),
            "percent" | "pct" => (Some("percent"), i + 1),
            "per" if self.lc(i + 2) == "cent" => (Some("percent"), i + 2),
            "percentage" if matches!(self.lc(i + 2), "point" | "points") => {
                (Some("percentage points"), i + 2)
            }
            _ => (None, i),
        }
    }

    /// A number in words at k: spelled cardinal ("twenty-five", "two
    /// dozen", "a hundred"), vague plural ("thousands of"), fraction
    /// ("half", "two-thirds of", "one in five").
    fn word_number(&self, k: usize) -> Option<Num> {
        let w = self.lc(k);
        // Vague: "tens of thousands of", "hundreds of".
        if vague(w).is_some() {
            let mut value = 1.0;
            let mut j = k;
            let mut words = Vec::new();
            let mut of = false;
            while let Some(v) = vague(self.lc(j)) {
                value *= v;
                words.push(self.lc(j).to_string());
                if self.lc(j + 1) == "of" && vague(self.lc(j + 2)).is_some() {
                    j += 2;
                } else {
                    of = self.lc(j + 1) == "of";
                    j += if of { 2 } else { 1 };
                    break;
                }
            }
            // "thousands more", "tens of" alone: not a number.
            if (!of && words.len() < 2) || words == ["tens"] {
                return None;
            }
            let mut phrase = words.join(" of ");
            if of {
                phrase.push_str(" of");
            }
            return Some(Num {
                last: j - 1,
                value,
                vague: Some(phrase),
                ..Num::default()
            });
        }
        // "half a million", "half a dozen".
        if w == "half" && self.lc(k + 1) == "a" {
            let next = self.lc(k + 2);
            if let Some(m) = scale(next).or_else(|| (next == "dozen").then_some(12.0)) {
                return Some(Num {
                    last: k + 2,
                    value: 0.5 * m,
                    scaled: true,
                    ..Num::default()
                });
            }
        }
        // Fractions.
        if let Some((v, last)) = self.fraction(k) {
            return Some(Num {
                last,
                value: v,
                fraction: true,
                ..Num::default()
            });
        }
        // Spelled cardinals.
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut j = k;
        let mut last = k;
        let mut words = 0;
        if matches!(w, "a" | "an") {
            // "a hundred", "a dozen", "a million".
            let next = self.lc(k + 1);
            if scale(next).is_none() && next != "dozen" {
                return None;
            }
            current = 1.0;
            j = k + 1;
        }
        // What the previous word was: 0 none/"a", 1 units, 2 tens, 3
        // hundred or dozen, 4 a scale word.
        // ("a" leaves `current` at one, to be multiplied by what follows.)
        let mut prev = 0;
        loop {
            let x = self.lc(j);
            let ok = if let Some(v) = spelled_small(x) {
                let tens_then_unit = prev == 2 && v < 10.0 && !x.contains('-');
                if matches!(prev, 0 | 3 | 4) || tens_then_unit {
                    current += v;
                    prev = if v >= 20.0 && v % 10.0 == 0.0 { 2 } else { 1 };
                    true
                } else {
                    false
                }
            } else if (x == "hundred" || x == "dozen")
                && (matches!(prev, 1 | 2) || (prev == 0 && current > 0.0))
            {
                current = current.max(1.0) * if x == "hundred" { 100.0 } else { 12.0 };
                prev = 3;
                true
            } else if let Some(sc) =
                scale(x).filter(|_| matches!(prev, 1..=3) || (prev == 0 && current > 0.0))
            {
                total += current.max(1.0) * sc;
                current = 0.0;
                prev = 4;
                true
            } else if x == "and" && matches!(prev, 3 | 4) && spelled_small(self.lc(j + 1)).is_some()
            {
                j += 1;
                continue;
            } else {
                false
            };
            if !ok {
                break;
            }
            any = true;
            words += 1;
            last = j;
            j += 1;
        }
        if !any {
            return None;
        }
        let value = total + current;
        // "one" alone is mostly a pronoun or determiner.
        if words == 1 && value == 1.0 {
            return None;
        }
        let (percent, last) = self.percent_after(last);
        Some(Num {
            last,
            value,
            percent,
            scaled: words > 1,
            ..Num::default()
        })
    }

    /// "half", "a third", "two-thirds", "three quarters", "one in five"
    /// followed by a noun phrase ("of the voters", "the voters", "voters").
    fn fraction(&self, k: usize) -> Option<(f64, usize)> {
        let w = self.lc(k);
        // "the second half", "the first quarter": parts of games and years.
        if k > 0 && AFTER_ORDINAL.contains(&self.lc(k - 1)) {
            return None;
        }
        if w == "half" || w == "one-half" {
            return Some((0.5, k));
        }
        if let Some((a, b)) = w.split_once('-') {
            let num = spelled_small(a).or_else(|| matches!(a, "a").then_some(1.0))?;
            let den = denominator(b)?;
            return Some((num / den, k));
        }
        let num = match w {
            "a" | "an" => Some(1.0),
            _ => spelled_small(w),
        }?;
        if let Some(den) = denominator(self.lc(k + 1)) {
            // "a third", "two thirds" (not "the third").
            let plural_ok = num == 1.0 || self.lc(k + 1).ends_with('s');
            return plural_ok.then_some((num / den, k + 1));
        }
        // "one in five", "7 in 10" are handled for words here.
        self.ratio(k, num)
    }

    /// "one in five", "4 in 10": the fraction and its last token, after a
    /// numerator at k.
    fn ratio(&self, k: usize, num: f64) -> Option<(f64, usize)> {
        if self.lc(k + 1) != "in" {
            return None;
        }
        let d = self.lc(k + 2);
        let den = spelled_small(d).or_else(|| {
            (self.kind(k + 2) == Some(TokenKind::Number) && !d.contains('%'))
                .then(|| d.replace(',', "").parse::<f64>().ok())
                .flatten()
        })?;
        (den > num && den > 1.0 && den <= 1000.0 && num.fract() == 0.0)
            .then_some((num / den, k + 2))
    }

    /// Reasons a digit number at k is not a quantity: dates, times, labels,
    /// list numbers, street numbers, phone numbers, joined numbers. Returns
    /// where to resume.
    fn not_a_quantity(&self, k: usize, n: &Num) -> Option<usize> {
        let prev = if k > 0 { self.lc(k - 1) } else { "" };
        let next = self.lc(n.last + 1);
        // Joined to another number by "/", ":" or "." ("24/7", "5:30").
        if k >= 2
            && self.glued(k - 1)
            && self.glued(k - 2)
            && self.is_digit_tok(k - 2)
            && matches!(prev, "/" | ":" | "." | "-" | "–" | "—")
        {
            return Some(k + 1);
        }
        if self.glued(k)
            && matches!(self.lc(k + 1), "/" | ":")
            && self.glued(k + 1)
            && self.is_digit_tok(k + 2)
        {
            let mut j = k + 2;
            while self.glued(j)
                && matches!(self.lc(j + 1), "/" | ":" | "-")
                && self.is_digit_tok(j + 2)
            {
                j += 2;
            }
            return Some(j + 1);
        }
        // "COVID–19", "I-95" style: a word, a dash, a number, no spaces.
        if k >= 2
            && matches!(prev, "-" | "–")
            && self.glued(k - 1)
            && self.glued(k - 2)
            && self.is_word(k - 2)
        {
            return Some(k + 1);
        }
        // Dates: "April 2", "Aug. 18", "2 April".
        let month_before = (k >= 1 && self.is_month(k - 1))
            || (k >= 2 && prev == "." && self.glued(k - 2) && self.is_month(k - 2));
        if (month_before || self.is_month(n.last + 1))
            && n.value < 32.0
            && !n.scaled
            && n.percent.is_none()
        {
            return Some(n.last + 1);
        }
        if month_before && n.year_like {
            return Some(n.last + 1);
        }
        // Clock times, also "11: 06 a.m.".
        if is_clock_word(next) {
            return Some(n.last + 2);
        }
        if next == ":"
            && self
                .t
                .get(n.last + 2)
                .is_some_and(|t| t.kind == TokenKind::Number && t.s.len() == 2)
        {
            return Some(n.last + 3);
        }
        // Identifiers: long digit strings without separators (tweet ids).
        if self.t[k].s.len() > 10 && self.t[k].s.bytes().all(|b| b.is_ascii_digit()) {
            return Some(k + 1);
        }
        // Labels: "No. 5", "#2", "Episode 74", "page 5".
        if prev == "#" || (k >= 2 && prev == "." && self.lc(k - 2) == "no" && self.glued(k - 2)) {
            return Some(n.last + 1);
        }
        if k >= 1
            && (LABELS.contains(&prev) || prev == "no" && self.capitalized(k - 1))
            && n.percent.is_none()
        {
            return Some(n.last + 1);
        }
        // Ages: "aged 45", "Smith, 45, said".
        if (k.saturating_sub(5)..k).any(|j| matches!(self.lc(j), "aged" | "age" | "ages")) {
            return Some(n.last + 1);
        }
        // "’16": a two-digit year.
        if matches!(prev, "'" | "‘" | "’") && self.glued(k - 1) {
            return Some(n.last + 1);
        }
        // ("Smith, 45," or "his daughter, 34,": an integer between commas
        // after a word.)
        if prev == ","
            && (matches!(next, "," | ";") || (next == "." && self.capitalized(k - 2)))
            && k >= 2
            && self.is_word(k - 2)
            && self.t[k].s.bytes().all(|b| b.is_ascii_digit())
            && !n.scaled
            && n.percent.is_none()
            && n.value < 120.0
        {
            return Some(n.last + 1);
        }
        // List numbering: "1." or "2)" opening a sentence, "(3)".
        if k == 0 && matches!(next, "." | ")") && n.percent.is_none() {
            return Some(n.last + 2);
        }
        if prev == "(" && next == ")" && n.percent.is_none() && !n.scaled {
            return Some(n.last + 2);
        }
        // Street numbers: "10 Downing Street", "350 Fifth Ave."
        if !n.scaled && n.percent.is_none() {
            for j in n.last + 1..(n.last + 4).min(self.t.len()) {
                if !(self.is_word(j)
                    && (self.capitalized(j) || self.t[j].s.as_bytes()[0].is_ascii_digit()))
                {
                    break;
                }
                if STREETS.contains(&self.t[j].s) && !is_plural(self.lc(j + 1)) {
                    return Some(j + 1);
                }
            }
        }
        None
    }

    fn is_month(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else { return false };
        t.kind == TokenKind::Word
            && self.capitalized(i)
            && MONTHS.contains(&t.lc.trim_end_matches('.'))
    }

    /// What a number counts, from token j on: (about, unit noun, last
    /// token used).
    fn counted(&self, j: usize, n: &Num, money: bool) -> Option<(String, String, usize)> {
        let short = |a: usize| -> Option<(String, String, usize)> {
            // A short phrase (money, percent): up to the plural, or two words.
            let np = self.noun_phrase(a)?;
            let mut e = np
                .plural
                .filter(|&p| p <= a + 1)
                .unwrap_or(np.last.min(a + 1));
            while e > a && verbish(self.lc(e)) {
                e -= 1;
            }
            if verbish(self.lc(e)) {
                return None;
            }
            Some((self.join(a, e), self.t[e].s.to_string(), e))
        };
        if money {
            // "$35,000 per ticket", "$35,000 a ticket", "$2bn in aid".
            return match self.lc(j) {
                "per" | "a" | "an" | "each" => {
                    if is_time_unit(self.lc(j + 1)) && self.lc(j + 1) != "times" {
                        // A rate: "$15 an hour", "$4 billion a year".
                        let e = j + 1;
                        return Some((self.t[e].s.to_string(), self.t[e].s.to_string(), e));
                    }
                    let np = self.noun_phrase(j + 1)?;
                    let e = np.plural.filter(|&p| p == j + 1).unwrap_or(j + 1);
                    (!verbish(self.lc(e)))
                        .then(|| (self.t[e].s.to_string(), self.t[e].s.to_string(), e))
                }
                "in" => short(j + 1),
                _ => short(j),
            };
        }
        let of_phrase = || -> Option<(String, String, usize)> {
            let det = DETERMINERS.contains(&self.lc(j));
            if self.lc(j) != "of" && !(n.fraction && det) {
                return None;
            }
            let mut s = if self.lc(j) == "of" { j + 1 } else { j };
            if DETERMINERS.contains(&self.lc(s)) {
                s += 1;
                // "two of the three delegate slots"
                if self.is_digit_tok(s) || spelled_small(self.lc(s)).is_some() {
                    s += 1;
                }
            }
            if n.fraction && self.is_month(s) {
                return None;
            }
            let np = self.noun_phrase(s)?;
            if let Some(p) = np.plural {
                return Some((self.join(s, p), self.t[p].s.to_string(), p));
            }
            (n.percent.is_some() || n.fraction).then_some(())?;
            short(s)
        };
        if n.vague.is_some() {
            // The "of" is part of the vague phrase already.
            let np = self.noun_phrase(j)?;
            let p = np.plural?;
            return Some((self.join(j, p), self.t[p].s.to_string(), p));
        }
        if n.fraction || n.percent.is_some() || !n.digits {
            if let Some(r) = of_phrase() {
                return Some(r);
            }
            if n.fraction {
                let p = self.noun_phrase(j)?.plural?;
                return Some((self.join(j, p), self.t[p].s.to_string(), p));
            }
            if n.percent.is_some() {
                return short(j);
            }
        }
        // "4,000 more workers": skip one comparative.
        let s = if matches!(
            self.lc(j),
            "more" | "fewer" | "additional" | "extra" | "other"
        ) && self
            .noun_phrase(j + 1)
            .is_some_and(|np| np.plural.is_some())
        {
            j + 1
        } else {
            j
        };
        let np = self.noun_phrase(s)?;
        if let Some(p) = np.plural {
            return Some((self.join(s, p), self.t[p].s.to_string(), p));
        }
        if verbish(self.lc(s)) {
            return None;
        }
        if n.value == 1.0 {
            return Some((self.t[s].s.to_string(), self.t[s].s.to_string(), s));
        }
        // A singular noun after a number other than one, itself followed
        // by a noun: an attributive compound ("a 25,000 job campus")
        // counting that noun, put in the plural.
        let w = self.lc(s);
        if np.last == s
            || self.capitalized(s)
            || ADJECTIVES.contains(&w)
            || ["ing", "est", "ous", "ive", "ful", "able", "ible", "ly"]
                .iter()
                .any(|x| w.ends_with(x))
        {
            return None;
        }
        let w = pluralise(self.t[s].s);
        Some((w.clone(), w, s))
    }

    /// The run of content words from j (at most four), with the first
    /// plural noun in it. None when j is no content word.
    fn noun_phrase(&self, j: usize) -> Option<Np> {
        let mut last = None;
        for i in j..(j + 4).min(self.t.len()) {
            let t = &self.t[i];
            if t.kind != TokenKind::Word
                || t.s.as_bytes()[0].is_ascii_digit()
                || is_stopword(&t.lc)
                || scale(&t.lc).is_some()
                || is_time_unit(&t.lc)
                || QUALIFIERS.contains(&t.lc.as_str())
                || spelled_small(&t.lc).is_some()
                || vague(&t.lc).is_some()
            {
                break;
            }
            if t.lc.ends_with("'s") {
                // A possessive opens the next phrase ("10 Amazon's ...").
                break;
            }
            if is_plural(&t.lc) {
                return Some(Np {
                    last: i,
                    plural: Some(i),
                });
            }
            last = Some(i);
        }
        last.map(|last| Np { last, plural: None })
    }

    fn join(&self, a: usize, b: usize) -> String {
        self.t[a..=b]
            .iter()
            .map(|t| t.s)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The value of a number token range without its scale word (for "2 to 3
/// million": the 3).
fn hi_value_unscaled(toks: &[Tok]) -> Option<f64> {
    let t = toks.first()?;
    let (num, _) = split_numeric(&t.lc);
    num.trim_end_matches('%')
        .replace(',', "")
        .parse()
        .ok()
        .or_else(|| spelled_small(&t.lc))
}

/// A qualifier phrase just before token i: (qualifier, its first token).
fn qualifier_before(s: &Scan, i: usize) -> Option<(String, usize)> {
    for len in (1..=3).rev() {
        if i < len {
            continue;
        }
        let words: Vec<&str> = (i - len..i).map(|j| s.lc(j)).collect();
        if (i - len..i).any(|j| !s.is_word(j)) {
            continue;
        }
        if QUALIFIERS
            .iter()
            .any(|q| q.split(' ').eq(words.iter().copied()))
        {
            return Some((words.join(" "), i - len));
        }
    }
    None
}

/// Split a numeric token into its number and suffix ("2bn" -> "2", "bn";
/// "500-vote" -> "500", "-vote"; "12%" -> "12%", "").
fn split_numeric(s: &str) -> (&str, &str) {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let decimal_point = c == '.' && s[i + 1..].starts_with(|c: char| c.is_ascii_digit());
        if c.is_ascii_digit() || c == ',' || c == '%' || decimal_point {
            end = i + 1;
        } else {
            break;
        }
    }
    let (a, b) = s.split_at(end);
    (a.trim_end_matches(','), b)
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Value of a number word from zero to ninety (lower case).
pub(crate) fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// "seven", "twenty-five".
fn spelled_small(w: &str) -> Option<f64> {
    if let Some(v) = small_number(w) {
        return Some(v);
    }
    let (a, b) = w.split_once('-')?;
    let (a, b) = (small_number(a)?, small_number(b)?);
    (a >= 20.0 && a % 10.0 == 0.0 && (1.0..10.0).contains(&b)).then_some(a + b)
}

fn scale(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

fn vague(w: &str) -> Option<f64> {
    Some(match w {
        "tens" => 10.0,
        "dozens" => 12.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    })
}

fn denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "eighth" | "eighths" => 8.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

fn is_time_unit(w: &str) -> bool {
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    matches!(
        w,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "day"
            | "days"
            | "night"
            | "nights"
            | "week"
            | "weeks"
            | "weekend"
            | "weekends"
            | "fortnight"
            | "fortnights"
            | "month"
            | "months"
            | "year"
            | "years"
            | "yr"
            | "yrs"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "millennium"
            | "millennia"
            | "year-old"
            | "years-old"
            | "month-old"
            | "week-old"
            | "day-old"
            | "times"
    )
}

fn is_clock_word(w: &str) -> bool {
    matches!(
        w,
        "a.m."
            | "p.m."
            | "a.m"
            | "p.m"
            | "am"
            | "pm"
            | "o'clock"
            | "gmt"
            | "utc"
            | "et"
            | "est"
            | "edt"
            | "pt"
            | "pst"
            | "pdt"
            | "cst"
            | "cdt"
            | "bst"
            | "cet"
    )
}

fn is_plural(w: &str) -> bool {
    let w = w.rsplit('-').next().unwrap_or(w);
    if IRREGULAR_PLURALS.contains(&w) || (w.ends_with("men") && !NOT_PLURAL.contains(&w)) {
        return true;
    }
    w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("ics")
        && !NOT_PLURAL.contains(&w)
}

/// Plural of a singular noun, with simple English rules; plurals and
/// collective nouns stay as they are.
fn pluralise(w: &str) -> String {
    let lc = w.to_lowercase();
    if is_plural(&lc) || UNCHANGED_PLURALS.contains(&lc.as_str()) {
        return w.to_string();
    }
    for (s, p) in [("person", "people"), ("child", "children")] {
        if lc == s {
            return p.to_string();
        }
    }
    if let Some(stem) = w.strip_suffix("man") {
        return format!("{stem}men");
    }
    let b = lc.as_bytes();
    if lc.ends_with('y') && b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) {
        return format!("{}ies", &w[..w.len() - 1]);
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|e| lc.ends_with(e)) {
        return format!("{w}es");
    }
    format!("{w}s")
}

/// A word that reads as a verb or participle right after a number.
fn verbish(w: &str) -> bool {
    (w.ends_with("ed") && w.len() > 4 && !w.ends_with("eed")) || VERBS.contains(&w)
}

fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "personnel",
    "cattle",
    "feet",
    "teeth",
    "mice",
    "geese",
    "data",
    "media",
    "criteria",
    "alumni",
    "crew",
    "sheep",
    "deer",
    "fish",
    "aircraft",
];
const UNCHANGED_PLURALS: &[&str] = &[
    "staff",
    "police",
    "personnel",
    "sheep",
    "deer",
    "fish",
    "aircraft",
    "crew",
    "cattle",
];
const NOT_PLURAL: &[&str] = &[
    "news",
    "series",
    "species",
    "mathematics",
    "politics",
    "always",
    "perhaps",
    "whereas",
    "headquarters",
    "means",
    "barracks",
    "crossroads",
    "whereabouts",
    "sometimes",
    "afterwards",
    "besides",
    "specimen",
    "regimen",
    "abdomen",
    "omen",
    "amen",
    "stamen",
];
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "got",
    "gets",
    "went",
    "came",
    "took",
    "made",
    "saw",
    "won",
    "lost",
    "led",
    "left",
    "met",
    "ran",
    "sat",
    "stood",
    "fell",
    "rose",
    "grew",
    "gave",
    "held",
    "kept",
    "paid",
    "sent",
    "spent",
    "brought",
    "bought",
    "thought",
    "felt",
    "became",
    "found",
    "chose",
    "knew",
    "began",
    "drew",
    "wrote",
    "spoke",
    "broke",
    "sold",
    "heard",
    "built",
    "fought",
    "caught",
    "sought",
    "meant",
    "think",
    "thinks",
    "believe",
    "believes",
    "want",
    "wants",
    "favor",
    "favors",
    "oppose",
    "opposes",
    "approve",
    "approves",
    "disapprove",
    "prefer",
    "prefers",
    "choose",
    "chooses",
    "pick",
    "plan",
    "plans",
    "expect",
    "expects",
    "agree",
    "agrees",
    "disagree",
    "know",
    "feel",
    "feels",
    "view",
    "see",
    "sees",
    "consider",
    "trust",
    "trusts",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "do",
    "did",
    "does",
    "following",
    "compared",
    "including",
    "according",
];
/// Adjectives that cannot be the counted noun of an attributive compound.
const ADJECTIVES: &[&str] = &[
    "top",
    "new",
    "old",
    "big",
    "small",
    "large",
    "major",
    "minor",
    "great",
    "key",
    "main",
    "same",
    "different",
    "separate",
    "single",
    "full",
    "whole",
    "high",
    "low",
    "long",
    "short",
    "good",
    "bad",
    "best",
    "worst",
    "early",
    "late",
    "straight",
    "consecutive",
    "additional",
    "extra",
    "previous",
    "first",
    "second",
    "third",
    "final",
    "former",
    "current",
    "local",
    "national",
    "federal",
    "public",
    "private",
    "potential",
    "possible",
    "likely",
    "senior",
    "junior",
    "young",
    "free",
    "real",
    "true",
    "few",
    "several",
    "various",
    "own",
    "entire",
    "overall",
    "average",
    "total",
    "net",
    "gross",
    "annual",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "tiny",
    "huge",
    "vast",
    "further",
    "front",
    "back",
    "leading",
    "remaining",
    "following",
    "biggest",
    "largest",
];
/// Words before "half" or "quarter" that make it a part, not a fraction.
const AFTER_ORDINAL: &[&str] = &[
    "first", "second", "third", "fourth", "last", "final", "latter", "back", "front", "top",
    "bottom", "other", "opening", "closing",
];
const DETERMINERS: &[&str] = &[
    "the", "these", "those", "its", "their", "his", "her", "our", "your", "all", "my",
];
const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "of", "from", "until", "till", "before", "after", "during", "through",
    "mid", "early", "late", "circa", "around", "summer", "spring", "fall", "autumn", "winter",
    "year", "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
    "these", "those", "each", "every", "last", "next", "fiscal", "between", "and", "to", "or",
];
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
const LABELS: &[&str] = &[
    "part",
    "number",
    "episode",
    "ep",
    "chapter",
    "section",
    "page",
    "pages",
    "p",
    "pp",
    "vol",
    "volume",
    "room",
    "route",
    "highway",
    "interstate",
    "flight",
    "district",
    "precinct",
    "ward",
    "amendment",
    "proposition",
    "prop",
    "article",
    "paragraph",
    "clause",
    "exhibit",
    "figure",
    "fig",
    "table",
    "suite",
    "apartment",
    "apt",
    "floor",
    "channel",
    "terminal",
    "gate",
    "platform",
    "exit",
    "psalm",
    "verse",
    "season",
    "game",
    "week",
    "round",
    "phase",
    "version",
    "level",
    "grade",
];
const STREETS: &[&str] = &[
    "Street",
    "St",
    "St.",
    "Avenue",
    "Ave",
    "Ave.",
    "Road",
    "Rd",
    "Rd.",
    "Boulevard",
    "Blvd",
    "Blvd.",
    "Lane",
    "Drive",
    "Dr.",
    "Terrace",
    "Parkway",
    "Pkwy",
];
/// Qualifier phrases, lower case, longest matched first.
const QUALIFIERS: &[&str] = &[
    "more than",
    "fewer than",
    "less than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "no more than",
    "no fewer than",
    "no less than",
    "not more than",
    "close to",
    "upwards of",
    "in excess of",
    "just over",
    "just under",
    "well over",
    "well under",
    "just shy of",
    "slightly more than",
    "slightly less than",
    "a little over",
    "a little more than",
    "nearly",
    "almost",
    "roughly",
    "about",
    "around",
    "approximately",
    "some",
    "over",
    "under",
    "only",
    "just",
    "exactly",
    "precisely",
    "estimated",
    "an estimated",
    "barely",
    "below",
    "above",
    "beyond",
];
/// Sorted (binary search).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "alone",
    "already",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "apiece",
    "are",
    "around",
    "as",
    "at",
    "away",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "better",
    "between",
    "bigger",
    "both",
    "but",
    "by",
    "can",
    "cheaper",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "earlier",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "faster",
    "fewer",
    "for",
    "from",
    "greater",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "higher",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "just",
    "larger",
    "last",
    "later",
    "less",
    "like",
    "longer",
    "lower",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "neither",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "older",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "same",
    "shall",
    "she",
    "shorter",
    "should",
    "since",
    "slower",
    "smaller",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "total",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "worse",
    "worth",
    "would",
    "yet",
    "you",
    "younger",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        find_numbers(text, &parallax_text::sentences(text))
    }

    /// (span text, value, unit, about, qualifier)
    type Row = (String, f64, Option<String>, Option<String>, Option<String>);

    fn rows(text: &str) -> Vec<Row> {
        facts(text)
            .into_iter()
            .map(|f| {
                let v = match f.value {
                    FactValue::Number(v) => v,
                    FactValue::Text(_) => f64::NAN,
                };
                (
                    f.span.slice(text).to_string(),
                    v,
                    f.unit,
                    f.about,
                    f.qualifier,
                )
            })
            .collect()
    }

    /// A row and the fact's kind.
    type OneRow = (
        String,
        f64,
        Option<String>,
        Option<String>,
        Option<String>,
        FactKind,
    );

    fn one(text: &str) -> OneRow {
        let f = facts(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        let r = rows(text).remove(0);
        (r.0, r.1, r.2, r.3, r.4, f[0].kind)
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn followers() {
        let r = one("The senator posted the clip to her 13 million followers on Tuesday.");
        assert_eq!(
            r,
            (
                "13 million followers".into(),
                13e6,
                s("followers"),
                s("followers"),
                None,
                FactKind::Number
            )
        );
    }

    #[test]
    fn money_per_ticket() {
        let r = one("Guests paid $35,000 per ticket for the gala dinner.");
        assert_eq!(
            r,
            (
                "$35,000 per ticket".into(),
                35000.0,
                s("USD"),
                s("ticket"),
                None,
                FactKind::Money
            )
        );
        let r = one("The dinner cost $1,200 a plate.");
        assert_eq!(r.0, "$1,200 a plate");
        assert_eq!(r.3, s("plate"));
    }

    #[test]
    fn vote_margin() {
        let r = one("She won the primary by an over 500-vote margin in the end.");
        assert_eq!(
            r,
            (
                "over 500-vote margin".into(),
                500.0,
                s("votes"),
                s("vote margin"),
                s("over"),
                FactKind::Number
            )
        );
    }

    #[test]
    fn attributive_jobs() {
        let r = one("The firm dropped its planned 25,000 job campus in the suburbs.");
        assert_eq!(r.0, "25,000 job");
        assert_eq!((r.1, r.2, r.3), (25000.0, s("jobs"), s("jobs")));
        let r = one("The plant will add 1,800 jobs.");
        assert_eq!((r.0.as_str(), r.3), ("1,800 jobs", s("jobs")));
    }

    #[test]
    fn qualifiers() {
        let r = one("The festival drew some 600 attendees, the organisers said.");
        assert_eq!(
            r,
            (
                "some 600 attendees".into(),
                600.0,
                s("attendees"),
                s("attendees"),
                s("some"),
                FactKind::Number
            )
        );
        let r = one("The union signed up over 4,000 workers in a month of organising.");
        assert_eq!((r.0.as_str(), r.4), ("over 4,000 workers", s("over")));
        let r = one("More than 2,500 residents signed the petition.");
        assert_eq!(
            (r.0.as_str(), r.1, r.4),
            ("More than 2,500 residents", 2500.0, s("more than"))
        );
        let r = one("Police detained at least 14 protesters outside the hall.");
        assert_eq!(
            (r.0.as_str(), r.3, r.4),
            ("at least 14 protesters", s("protesters"), s("at least"))
        );
        let r = one("The storm left nearly 90,000 homes without power.");
        assert_eq!((r.1, r.4), (90000.0, s("nearly")));
        let r = one("Roughly 1.2 million registered voters skipped the vote.");
        assert_eq!(
            (r.0.as_str(), r.1, r.3, r.2),
            (
                "Roughly 1.2 million registered voters",
                1.2e6,
                s("registered voters"),
                s("voters")
            )
        );
        let r = one("They hired fewer than 30 staff.");
        assert_eq!((r.3, r.4), (s("staff"), s("fewer than")));
    }

    #[test]
    fn percents() {
        let r = one("Inflation eased to 3.5% in the quarter.");
        assert_eq!(
            r,
            (
                "3.5%".into(),
                3.5,
                s("percent"),
                None,
                None,
                FactKind::Percent
            )
        );
        let r = one("The measure passed with 52.4 percent support.");
        assert_eq!(
            (r.0.as_str(), r.1, r.3),
            ("52.4 percent support", 52.4, s("support"))
        );
        let r = one("She took 48 per cent of the vote.");
        assert_eq!(
            (r.0.as_str(), r.1, r.3),
            ("48 per cent of the vote", 48.0, s("vote"))
        );
        let r = one("Turnout rose by 2 percentage points.");
        assert_eq!(
            (r.1, r.2, r.5),
            (2.0, s("percentage points"), FactKind::Percent)
        );
        let r = one("Almost 40% of respondents disagreed.");
        assert_eq!(
            (r.0.as_str(), r.3, r.4),
            ("Almost 40% of respondents", s("respondents"), s("almost"))
        );
    }

    #[test]
    fn currencies() {
        let r = one("The council borrowed £2bn last spring.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2, r.5),
            ("£2bn", 2e9, s("GBP"), FactKind::Money)
        );
        let r = one("The grant was worth €1.2 million.");
        assert_eq!((r.0.as_str(), r.1, r.2), ("€1.2 million", 1.2e6, s("EUR")));
        let r = one("The deal is valued at $1.5 billion.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2, r.3),
            ("$1.5 billion", 1.5e9, s("USD"), None)
        );
        let r = one("The fund raised US$40m from investors.");
        assert_eq!((r.0.as_str(), r.1, r.2), ("US$40m", 40e6, s("USD")));
        let r = one("Congress approved $2 billion in aid.");
        assert_eq!((r.0.as_str(), r.3), ("$2 billion in aid", s("aid")));
        let r = one("It spent more than 300 million dollars.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2, r.4),
            (
                "more than 300 million dollars",
                3e8,
                s("USD"),
                s("more than")
            )
        );
        let r = one("Tickets cost C$45 at the door.");
        assert_eq!(r.2, s("CAD"));
    }

    #[test]
    fn spelled_numbers() {
        let r = one("Here are three things to know.");
        assert_eq!((r.0.as_str(), r.1, r.3), ("three things", 3.0, s("things")));
        let r = one("Two dozen lawmakers signed the letter.");
        assert_eq!((r.0.as_str(), r.1), ("Two dozen lawmakers", 24.0));
        let r = one("A hundred volunteers turned up.");
        assert_eq!((r.0.as_str(), r.1), ("A hundred volunteers", 100.0));
        let r = one("Twenty-five senators objected.");
        assert_eq!(r.1, 25.0);
        let r = one("Half a million people marched.");
        assert_eq!((r.0.as_str(), r.1), ("Half a million people", 5e5));
        let r = one("The city has two hundred and fifty buses.");
        assert_eq!(r.1, 250.0);
        // No noun phrase, or "one" alone: nothing.
        assert!(facts("The three met on the porch. One of them left.").is_empty());
        assert!(facts("No one came, and one day she left.").is_empty());
    }

    #[test]
    fn vague_and_fractions() {
        let r = one("Thousands of protesters filled the square.");
        assert_eq!(
            r,
            (
                "Thousands of protesters".into(),
                1000.0,
                s("protesters"),
                s("protesters"),
                s("thousands of"),
                FactKind::Number
            )
        );
        let r = one("Tens of thousands of fans lined the route.");
        assert_eq!((r.1, r.4), (10000.0, s("tens of thousands of")));
        let r = one("The project cost millions of dollars.");
        assert_eq!((r.1, r.2, r.5), (1e6, s("USD"), FactKind::Money));
        let r = one("Half of the voters stayed home.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2, r.3),
            ("Half of the voters", 0.5, s("fraction"), s("voters"))
        );
        let r = one("Two-thirds of senators must agree.");
        assert!((r.1 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.3, s("senators"));
        let r = one("One in five voters was undecided.");
        assert_eq!((r.0.as_str(), r.1), ("One in five voters", 0.2));
        // Halves of games, ordinals: nothing.
        assert!(facts("He scored in the second half. She was third in line.").is_empty());
    }

    #[test]
    fn ranges() {
        let r = one("Between 200 and 300 people attended.");
        assert_eq!(
            (r.0.as_str(), r.1, r.3, r.4),
            (
                "Between 200 and 300 people",
                200.0,
                s("people"),
                s("between 200 and 300")
            )
        );
        let r = one("Organisers expected 2 to 3 million visitors.");
        assert_eq!((r.1, r.4), (2e6, s("between 2000000 and 3000000")));
        let r = one("The rally drew 150-200 supporters.");
        assert_eq!(
            (r.0.as_str(), r.1, r.4),
            ("150-200 supporters", 150.0, s("between 150 and 200"))
        );
        // A change, not a range.
        assert_eq!(facts("Membership grew from 40 to 90 members.").len(), 2);
    }

    #[test]
    fn dates_times_durations_not_reported() {
        for t in [
            "The plant opened in 2019 and closed in 2021.",
            "The vote was on April 2 when workers met.",
            "Staff met on Aug. 18, 2020, in the hall.",
            "They met on 2 April at the depot.",
            "The rally starts at 5 p.m. on Friday.",
            "The meeting ran from 5:30 to 7:45.",
            "The strike lasted six months.",
            "She served a 10-year term.",
            "The 45-year-old driver was unhurt.",
            "The driver, who is 45 years old, was unhurt.",
            "It has been three weeks since the vote.",
            "The program ran during the 2019-2020 season.",
            "Music of the 1990s filled the hall.",
            "Smith, 45, was arrested on Main Street.",
            "She opens the store at 9am daily.",
            "Support has grown, she said, since 2019.",
        ] {
            assert!(facts(t).is_empty(), "{t}: {:?}", rows(t));
        }
    }

    #[test]
    fn labels_and_other_non_quantities() {
        for t in [
            "1. Prior support dissolved",
            "He lives at 10 Downing Street in London.",
            "Call 555-1234 for details.",
            "Call (555) 123-4567 for details.",
            "Listen to Episode 74: the interview.",
            "The bill is No. 5 on the list.",
            "He wore the #23 jersey.",
            "She flew a Boeing 737 from the coast.",
            "Read it at https://example.com/2019/04/page-3 today.",
            "Follow @user2020 for updates.",
            "She represents the 14th district.",
            "The shop is open 24/7 now.",
            "Section 230 protects platforms.",
        ] {
            assert!(facts(t).is_empty(), "{t}: {:?}", rows(t));
        }
    }

    #[test]
    fn counts_in_headline_year_are_counts() {
        let r = one("Officials said 2000 volunteers registered.");
        assert_eq!((r.1, r.3), (2000.0, s("volunteers")));
    }

    #[test]
    fn plain_numbers() {
        let r = one("The final tally was 812.");
        assert_eq!((r.0.as_str(), r.1, r.3), ("812", 812.0, None));
        let r = one("They fielded 10k runners.");
        assert_eq!((r.1, r.3), (1e4, s("runners")));
    }

    #[test]
    fn several_in_one_sentence() {
        let text = "About 3,000 nurses and 1,200 doctors walked out, costing $4m a day.";
        let r = rows(text);
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(
            (r[0].0.as_str(), r[0].4.clone()),
            ("About 3,000 nurses", s("about"))
        );
        assert_eq!(r[1].0, "1,200 doctors");
        assert_eq!(
            (r[2].0.as_str(), r[2].1, r[2].3.clone()),
            ("$4m a day", 4e6, s("day"))
        );
    }

    #[test]
    fn ratios() {
        let r = one("About 4 in 10 registered voters backed the plan.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2, r.3, r.4),
            (
                "About 4 in 10 registered voters",
                0.4,
                s("fraction"),
                s("registered voters"),
                s("about")
            )
        );
        let r = one("Nearly six in 10 said they were worried.");
        assert_eq!((r.0.as_str(), r.1, r.3), ("Nearly six in 10", 0.6, None));
    }

    #[test]
    fn more_non_quantities() {
        for t in [
            "See <tweet id=\"773113752271060992\"> for the post.",
            "The clock read 11: 06 a.m. when they left.",
            "He spent 5 ½ years in prison.",
            "Her daughter, 34, runs the shop.",
            "They met Lachlan, 44, and James, 43.",
            "The court split 5-to-4 on the case.",
            "A recent ‘16 And Counting episode aired.",
            "Cash fell in the second half of July.",
            "She sold them at Under 70 Auto Sales in town.",
            "He sponsored his 2013 amendments in the Senate.",
            "Thousands more are expected.",
        ] {
            assert!(facts(t).is_empty(), "{t}: {:?}", rows(t));
        }
        let r = one("Gifts worth hundreds of thousands poured in.");
        assert_eq!((r.1, r.4), (1e5, s("hundreds of thousands")));
        let r = one("The two gentlemen spoke.");
        assert_eq!(r.3, s("gentlemen"));
    }

    #[test]
    fn word_lists_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_text(text in "\\PC{0,200}") {
                for f in facts(&text) {
                    prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                }
            }

            #[test]
            fn numeric_soup(text in "([0-9,.$£€%/:\\- ]|million|bn|half|of|the|April|between|and|to|some|over|one|thousands|voters|a|\\(|\\)|#|No\\.|years|Street){0,40}") {
                let f = facts(&text);
                for w in f.windows(2) {
                    prop_assert!(w[0].span.end <= w[1].span.start);
                }
                for f in f {
                    prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                }
            }
        }
    }
}
