//! Plain-text article cleanup.
//!
//! [`clean_text`] turns one plain-text article into clean paragraphs and
//! metadata: it reads a title line, a byline and a date line at the top, and
//! takes out boilerplate (audio promos, photo captions and credits,
//! contributor credits, share widgets, calls to action, ads, related links,
//! bare URLs, copyright and update notes) into [`Extracted::removed`] with a
//! short reason. [`remove_outlet_boilerplate`] then learns what several
//! articles of one outlet repeat (newsletter plugs, standard tags) and takes
//! that out too.
//!
//! The rules are conservative: each one is anchored (the paragraph must *be*
//! the boilerplate, or start or end with it) and bounded in length, and most
//! refuse paragraphs with quotation marks, so a sentence of reporting that
//! mentions a podcast or a photo is kept.
//!
//! ```
//! use parallax_extract::plain::clean_text;
//! let out = clean_text(
//!     "Harbor closes for winter\n\nPublished: March 3, 2023\n\n\
//!      The harbor closed on Friday, officials said.\n\n\
//!      Harbor Daily's Ana Lind contributed to this report.",
//! );
//! assert_eq!(out.text, "The harbor closed on Friday, officials said.");
//! assert_eq!(out.meta.title.as_deref(), Some("Harbor closes for winter"));
//! assert_eq!(out.meta.published.as_deref(), Some("2023-03-03"));
//! assert_eq!(out.meta.outlet.as_deref(), Some("Harbor Daily"));
//! assert_eq!(out.removed.len(), 2);
//! ```

mod dateline;
mod outlet;
mod rules;

pub use outlet::remove_outlet_boilerplate;

use parallax_core::{Extracted, Metadata, Removed};
use rules::{word_count, word_count_upto};

/// Paragraphs this close to the top may hold a byline, a date line or a title.
const HEAD_UNITS: usize = 8;

/// Clean a plain-text article: normalise paragraphs, read title, byline and
/// date, take out boilerplate. Never panics; linear in the input size.
pub fn clean_text(text: &str) -> Extracted {
    clean_text_titled(text, None)
}

/// [`clean_text`] for a body whose title is already known (from a JSON
/// container): the first paragraph is taken out as the title only when it
/// repeats that title, never on its looks alone.
pub fn clean_text_titled(text: &str, known_title: Option<&str>) -> Extracted {
    let units = join_datelines(split_paragraphs(text));
    let mut c = Cleaner {
        doc_caps: rules::upper_ratio(text) >= 0.5,
        ..Cleaner::default()
    };
    for (i, unit) in units.iter().enumerate() {
        let head = i < HEAD_UNITS && c.kept.len() <= 1;
        c.unit(i, unit, head);
    }
    c.take_title(known_title);
    c.finish()
}

/// Split into paragraphs with whitespace collapsed.
///
/// Blank lines separate paragraphs. Inside a block of consecutive lines, a
/// line break is a paragraph break too, unless the block looks hard-wrapped
/// (every line at most 100 characters and most of them 40 or more), in which
/// case the lines are joined.
pub(crate) fn split_paragraphs(text: &str) -> Vec<String> {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .replace('\u{feff}', "");
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        if !line.trim().is_empty() {
            block.push(line);
            continue;
        }
        if block.is_empty() {
            continue;
        }
        let lens: Vec<usize> = block.iter().map(|l| l.trim().chars().count()).collect();
        let body = &lens[..lens.len() - 1];
        let wrapped = lens.len() >= 2
            && lens.iter().all(|&n| n <= 100)
            && body.iter().filter(|&&n| n >= 40).count() * 2 >= body.len();
        if wrapped {
            out.push(collapse(block.iter().flat_map(|l| l.split_whitespace())));
        } else {
            out.extend(block.iter().map(|l| collapse(l.split_whitespace())));
        }
        block.clear();
    }
    out
}

/// A dateline alone on its line (`HAVANA (AP) --`, `NAIROBI, Kenya (AP) _`)
/// belongs to the paragraph after it.
fn join_datelines(units: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(units.len());
    let mut pending: Option<String> = None;
    for u in units {
        let u = match pending.take() {
            Some(p) => format!("{p} {u}"),
            None => u,
        };
        if is_dateline(&u) {
            pending = Some(u);
        } else {
            out.push(u);
        }
    }
    out.extend(pending);
    out
}

fn is_dateline(s: &str) -> bool {
    ["--", " _", " —", " –", " -", ")-", ")_"]
        .iter()
        .any(|e| s.ends_with(e))
        && word_count_upto(s, 10) <= 10
}

fn collapse<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

/// Where a value of the metadata came from: a stronger source overwrites a
/// weaker one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    #[default]
    None,
    Weak,
    Medium,
    Strong,
}

#[derive(Default)]
struct Cleaner {
    meta: Metadata,
    outlet_rank: Rank,
    published_rank: Rank,
    /// (unit index, paragraph kept)
    kept: Vec<(usize, String)>,
    /// (unit index, removed piece), sorted by unit at the end.
    removed: Vec<(usize, Removed)>,
    /// The whole article is written in capitals: do not read capitals as a
    /// link.
    doc_caps: bool,
}

impl Cleaner {
    fn remove(&mut self, unit: usize, text: &str, reason: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.removed.push((unit, Removed::new(text, reason)));
        }
    }

    fn set_outlet(&mut self, outlet: &str, rank: Rank) {
        let outlet = outlet.trim().trim_end_matches(['.', ',', ':']);
        if !outlet.is_empty() && rank > self.outlet_rank {
            self.meta.outlet = Some(outlet.to_string());
            self.outlet_rank = rank;
        }
    }

    /// A publication date: a "published" date beats an "updated" one, and
    /// the first of equal rank wins.
    fn set_published(&mut self, date: Option<String>, is_update: bool) {
        let Some(date) = date else { return };
        let rank = if is_update { Rank::Weak } else { Rank::Medium };
        if rank > self.published_rank {
            self.meta.published = Some(date);
            self.published_rank = rank;
        }
    }

    /// Handle one paragraph: drop it as boilerplate, strip boilerplate
    /// prefixes and suffixes, or keep it.
    fn unit(&mut self, i: usize, unit: &str, head: bool) {
        let mut s = unit.trim();
        loop {
            if s.is_empty() {
                return;
            }
            if let Some(reason) = self.whole(s, head) {
                self.remove(i, s, reason);
                return;
            }
            if let Some(d) = dateline::read_date_line(s).filter(|d| head || d.labelled) {
                self.set_published(d.date, d.is_update);
                self.remove(i, &s[..d.len], rules::DATE_LINE);
                s = s[d.len..].trim_start();
                continue;
            }
            if let Some((len, outlet)) = rules::listen_prefix(s) {
                self.set_outlet(&outlet, Rank::Strong);
                self.remove(i, &s[..len], rules::AUDIO);
                s = s[len..].trim_start();
                continue;
            }
            break;
        }
        if let Some((at, whole)) = rules::trailing_credit(s) {
            if whole {
                self.remove(i, s, rules::CAPTION);
                return;
            }
            self.remove(i, &s[at..], rules::PHOTO_CREDIT);
            s = s[..at].trim_end();
        }
        // "... the harbor reopened. Ana Lind contributed to this report."
        if let Some(&at) = sentence_starts(s).last() {
            let last = &s[at..];
            if at > 0 && rules::contributor_credit(last) {
                self.contributor_outlet(last);
                self.remove(i, last, rules::CONTRIBUTOR);
                s = s[..at].trim_end();
            }
        }
        if !s.is_empty() {
            self.kept.push((i, s.to_string()));
        }
    }

    fn contributor_outlet(&mut self, s: &str) {
        if let Some(o) = rules::contributor_outlet(s) {
            self.set_outlet(&o, Rank::Medium);
        }
    }

    /// The reason to drop the whole paragraph, if any, reading what it tells
    /// (date, byline, outlet) on the way.
    fn whole(&mut self, s: &str, head: bool) -> Option<&'static str> {
        if let Some(d) = dateline::read_date_line(s) {
            if d.len == s.len() && (head || d.labelled) {
                self.set_published(d.date, d.is_update);
                return Some(rules::DATE_LINE);
            }
        }
        if head {
            if let Some((names, tails)) = rules::byline(s) {
                if self.meta.byline.is_empty() {
                    self.meta.byline = names;
                }
                for t in tails {
                    if let Some(d) = dateline::read_date_line(t).filter(|d| d.len == t.len()) {
                        self.set_published(d.date, d.is_update);
                    }
                }
                return Some(rules::BYLINE);
            }
        }
        let words = rules::word_count_upto(s, rules::PARA_WORDS);
        if rules::audio_promo(s, words) {
            return Some(rules::AUDIO);
        }
        let sentences = sentence_starts(s);
        let all_credit = sentences.iter().enumerate().all(|(k, &a)| {
            let b = sentences.get(k + 1).copied().unwrap_or(s.len());
            rules::contributor_credit(s[a..b].trim())
        });
        if all_credit {
            self.contributor_outlet(s);
            return Some(rules::CONTRIBUTOR);
        }
        if let Some(r) = rules::caption(s, words) {
            return Some(r);
        }
        if let Some(r) = rules::widget(s, words) {
            return Some(r);
        }
        if !head && !self.doc_caps && rules::caps_link(s, words) {
            return Some(rules::RELATED);
        }
        None
    }

    /// The first paragraph becomes the title when it reads as one (see
    /// [`is_title`]) and body paragraphs follow it.
    fn take_title(&mut self, known: Option<&str>) {
        if self.kept.len() < 2 || self.kept[0].0 >= HEAD_UNITS {
            return;
        }
        if let Some(known) = known {
            let norm = |s: &str| -> String {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if norm(&self.kept[0].1) == norm(known) {
                self.kept.remove(0);
            }
            return;
        }
        if !is_title(&self.kept[0].1, &self.kept[1].1) {
            return;
        }
        let (_, title) = self.kept.remove(0);
        // "Harbor closes | Harbor Daily": the part after the bar is the outlet.
        let (title, site) = match title.rsplit_once(" | ") {
            Some((t, site))
                if word_count(t) >= 3
                    && (1..=4).contains(&word_count(site))
                    && site.starts_with(char::is_uppercase) =>
            {
                (t.to_string(), Some(site.to_string()))
            }
            _ => (title, None),
        };
        if let Some(site) = site {
            self.set_outlet(&site, Rank::Weak);
        }
        self.meta.title = Some(title);
    }

    fn finish(mut self) -> Extracted {
        self.removed.sort_by_key(|(i, _)| *i);
        let text = self
            .kept
            .iter()
            .map(|(_, p)| p.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        Extracted {
            meta: self.meta,
            text,
            removed: self.removed.into_iter().map(|(_, r)| r).collect(),
        }
    }
}

/// Short words that Title Case leaves in lower case.
const SMALL_WORDS: &[&str] = &[
    "with", "from", "into", "over", "upon", "than", "onto", "amid", "near", "that", "says",
    "after", "about",
];

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "sen", "rep", "gov", "gen", "lt", "col", "sgt",
    "capt", "prof", "inc", "co", "corp", "ltd", "no", "vs", "rev", "ft", "mt", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pres", "supt", "det", "insp",
    "gov", "atty", "adm", "cmdr", "maj",
];

/// Byte offsets where the sentences of `s` start (always including 0 for a
/// non-empty `s`). A sentence ends at `.`, `!` or `?` (plus closing quotes or
/// brackets) followed by a space and a capital, digit or opening quote, unless
/// the word before the period is an abbreviation or an initial.
pub(crate) fn sentence_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if s.is_empty() {
        return out;
    }
    out.push(0);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'.' || c == b'!' || c == b'?' {
            let mut j = i + 1;
            // Closing quotes and brackets: ASCII or the UTF-8 of ” ’ ».
            loop {
                if j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                    j += 1;
                } else if s[j..].starts_with('”')
                    || s[j..].starts_with('’')
                    || s[j..].starts_with('»')
                {
                    j += s[j..].chars().next().map_or(1, char::len_utf8);
                } else {
                    break;
                }
            }
            if j < b.len() && b[j] == b' ' {
                let next = s[j + 1..].chars().next();
                let starts = next.is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[')
                });
                if starts && (c != b'.' || !abbreviation_before(&s[..i])) {
                    out.push(j + 1);
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn abbreviation_before(s: &str) -> bool {
    let word = s
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let chars = word.chars().count();
    // "J." or "U.S." are initials, not a sentence end.
    chars <= 1 || word.contains('.') || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Does `first` read as a headline above the body paragraph `next`?
///
/// A short single line (at most 25 words, 250 bytes) qualifies when it has no
/// terminal punctuation. A line ending in `.`, `!` or `?` (some datasets and
/// outlets punctuate headlines) qualifies when it is a single sentence of at
/// most 20 words in Title Case, shorter than the paragraph that follows. A
/// short sentence-case first sentence is left in the text: losing a lede
/// would cost more than missing a title.
fn is_title(first: &str, next: &str) -> bool {
    let words = word_count_upto(first, 25);
    if words == 0 || words > 25 || first.len() > 250 || is_dateline(first) {
        return false;
    }
    // "(Undated)", "WASHINGTON": a bracketed note or a lone capitalised
    // place name is not a headline.
    if (first.starts_with('(') && first.ends_with(')'))
        || (words == 1 && rules::upper_ratio(first) > 0.9)
    {
        return false;
    }
    let core = first.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    let Some(last) = core.chars().last() else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?' | '…' | ':' | ';' | ',') {
        return true;
    }
    if !matches!(last, '.' | '!' | '?') || words > 20 || sentence_starts(first).len() > 1 {
        return false;
    }
    // Title Case: every word of 4 letters or more is capitalised, bar a few
    // prepositions ("Joe Biden knew Lloyd Bentsen." is a sentence).
    let long: Vec<&str> = first
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let title_case = long.len() >= 2
        && long
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    title_case && word_count_upto(next, words) > words
}

#[cfg(test)]
mod tests;
