//! Paragraph classifiers: each looks at one paragraph (whitespace collapsed)
//! and says whether it is boilerplate, and why.
//!
//! Every rule is anchored (a paragraph must *start* or *be* the boilerplate,
//! or end with a parenthesised credit) and bounded in length, and most refuse
//! paragraphs that carry quotation marks: a sentence of reporting that merely
//! mentions a podcast, a newsletter or a photo is never matched.

use once_cell::sync::Lazy;
use regex::Regex;

pub(crate) const DATE_LINE: &str = "date line";
pub(crate) const AUDIO: &str = "audio promo";
pub(crate) const CAPTION: &str = "caption";
pub(crate) const PHOTO_CREDIT: &str = "photo credit";
pub(crate) const CONTRIBUTOR: &str = "contributor credit";
pub(crate) const SHARE: &str = "share widget";
pub(crate) const CTA: &str = "call to action";
pub(crate) const AD: &str = "advertisement";
pub(crate) const RELATED: &str = "related link";
pub(crate) const BYLINE: &str = "byline";
pub(crate) const URL: &str = "url";
pub(crate) const COPYRIGHT: &str = "copyright";
pub(crate) const UPDATE_NOTE: &str = "update note";
pub(crate) const CORRECTION: &str = "correction note";
pub(crate) const NAVIGATION: &str = "navigation";

/// Compile a rule pattern with ASCII word boundaries: a Unicode `\b` sends
/// the regex engine off its DFA at the first non-ASCII byte (curly quotes,
/// dashes), which made cleanup ~10x slower. The patterns' words are ASCII.
pub(crate) fn re(s: &str) -> Regex {
    Regex::new(&s.replace(r"\b", r"(?-u:\b)")).expect("static regex")
}

/// [`word_count`], but stops counting past `cap`: the exact count when it is
/// at most `cap`, else `cap + 1`. The rules only ask whether a paragraph is
/// short, and most paragraphs are longer than any rule's limit.
pub(crate) fn word_count_upto(s: &str, cap: usize) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().take(cap + 1).count();
    }
    let mut n = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if !space && !in_word {
            n += 1;
            if n > cap {
                break;
            }
        }
        in_word = !space;
    }
    n
}

/// Words of `s`, as `s.split_whitespace().count()`.
pub(crate) fn word_count(s: &str) -> usize {
    word_count_upto(s, usize::MAX - 1)
}

/// Double quotation marks of any style: a paragraph with one is likely to
/// carry someone's words, so most rules leave it alone.
pub(crate) fn has_quote(s: &str) -> bool {
    s.contains(['"', '“', '”', '«', '»', '„'])
}

/// Share of the letters that are upper case (0 when there are none).
pub(crate) fn upper_ratio(s: &str) -> f64 {
    let (mut up, mut all) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        all += 1;
        if c.is_uppercase() {
            up += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        up as f64 / all as f64
    }
}

// ---------------------------------------------------------------- audio promos

/// `NEW You can now listen to Fox News articles!` (group 1: the outlet).
static LISTEN_OUTLET: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:new[!:.]?\s+)?you can now listen to ((?:[\p{Lu}\d][\p{L}\d.&'’-]*\s?){1,5}?)\s*(?:articles?|stories)\s*[!.]?",
    )
});
static LISTEN_ARTICLE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:listen to (?:this|the) (?:article|story)|(?:click|tap) here to listen|listen here|audio version)\b",
    )
});
/// An imperative to listen / subscribe / download that names a podcast or
/// an episode: `Subscribe to our podcast`, `Listen to Dockside | Episode 12`.
static PODCAST_PLUG: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(?i:listen (?:to|on)|subscribe to|download|tune in to|follow)\s+(?:(?i:our|the|this|my)\s+)?(?:(?:[\p{Lu}\d][\p{L}\d'’&.-]*|with|and|of|the)\s+){0,6}(?:(?i:podcasts?)\b|[|]|(?i:episode)\s*\d)",
    )
});

/// A prefix such as `NEW You can now listen to Fox News articles!`: its byte
/// length and the outlet it names.
pub(crate) fn listen_prefix(s: &str) -> Option<(usize, String)> {
    let c = LISTEN_OUTLET.captures(s)?;
    let outlet = c[1].trim().to_string();
    Some((c[0].len(), outlet))
}

/// `words` is `word_count_upto(s, PARA_WORDS)`, counted once per paragraph
/// for this rule and [`caption`], [`widget`] and [`caps_link`].
pub(crate) fn audio_promo(s: &str, words: usize) -> bool {
    if has_quote(s) {
        return false;
    }
    (LISTEN_ARTICLE.is_match(s) && words <= 15) || (PODCAST_PLUG.is_match(s) && words <= 80)
}

// ------------------------------------------------------- captions and credits

static CAPTION_LABEL: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:(?:top|main|lead|file|featured)\s+)?(?:photo|photos|image|picture|photograph|caption|pictured|illustration)\s*:\s*\S",
    )
});
static CREDIT_LABEL: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^(?:(?:photo|image|picture|video)\s+)?credits?\s*:\s*\S"));
static FILE_CAPTION: Lazy<Regex> =
    Lazy::new(|| re(r"^(?:FILE(?:\s+PHOTO)?\s*[-–—:]\s+|FILE PHOTO\b)"));

/// Photo agencies that credit pictures in news text. Those in `AGENCY_SOLO`
/// are a credit on their own (`(Getty Images)`); the others only with a
/// photographer (`(AP Photo/Jane Doe)`, `(Jane Doe/Bloomberg)`), since
/// `(AP)` or `(Bloomberg)` at the end of a sentence may be reporting.
const AGENCY: &str = r"(?:AP\s?Photo|AP|AFP|Reuters|Getty\s?Images|EPA(?:-EFE)?|Shutterstock|Bloomberg|Xinhua|Pool|UPI|Alamy|Sipa(?:\s?USA)?|ZUMA(?:\s?Press|\s?Wire)?|NurPhoto|Anadolu(?:\s?Agency)?|Associated\s?Press|AAP|PA\s?(?:Images|Wire)|iStock|Imagn|USA\s?TODAY\s?Sports)";
const AGENCY_SOLO: &str = r"(?:AP\s?Photo|AFP|Reuters|Getty\s?Images|EPA(?:-EFE)?|Shutterstock|Xinhua|Alamy|iStock|NurPhoto|ZUMA\s?(?:Press|Wire)|(?:AFP|Reuters|AP) via Getty Images)";

/// `Jane Doe/Getty Images`, `AP Photo/Jane Doe`, `AFP via Getty Images`,
/// `Jane Doe/Bay Post via Getty Images`, `Getty Images`.
fn agency_credit(inner: &str) -> String {
    format!(
        r"(?:{inner}/\s*{AGENCY}(?:\s*/\s*{inner}|\s+via\s+{inner})?|{inner}/{inner}\s+via\s+{AGENCY}|{AGENCY}(?:\s*/\s*{inner}|\s+via\s+{inner})|{AGENCY_SOLO})"
    )
}

/// A parenthesised credit at the end of a paragraph: `(AP Photo/Jane Doe)`,
/// `(Getty Images)`, `(Photo by Jane Doe/AFP via Getty Images)`, `(Credit: X)`.
static TRAILING_CREDIT: Lazy<Regex> = Lazy::new(|| {
    re(&format!(
        r"(?i)\s*\(\s*(?:(?:(?:photo|image|picture)\s*)?(?:credit|courtesy)\s*:?[^()]+|(?:photo|image|picture)\s*(?:by|:)\s*[^()]+|{})\s*\)\s*\.?$",
        agency_credit(r"[^()/]+")
    ))
});
/// A Guardian-style credit at the end: `... Photograph: Jane Doe/Reuters`.
static TRAILING_PHOTOGRAPH: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\s*(?:Photograph|Illustration|Composite|Photo(?:graph)?\s+credit)\s*:\s*[\p{L}\d .,'’&-]+(?:/[\p{L}\d .,'’&-]+){0,3}$",
    )
});
/// A paragraph that is only a credit, without parentheses.
static BARE_CREDIT: Lazy<Regex> = Lazy::new(|| {
    re(&format!(
        r"(?i)^(?:(?:photo|image|picture)\s*(?:by|:)?\s*)?{}\.?$",
        agency_credit(r"[\p{L} .'’-]+")
    ))
});
/// Words that tell a caption from a sentence of reporting.
static CAPTION_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:file photo|in this (?:photo|image|picture|file)|pictured|poses?|posing|speaks|is seen|are seen|looks on|look on|gestures|smiles|waves|arrives|listens|walks|stands|sits|holds|attends|photographed|shown)\b|^FILE\b",
    )
});

/// The whole paragraph is a caption or a photo credit.
pub(crate) fn caption(s: &str, words: usize) -> Option<&'static str> {
    if CREDIT_LABEL.is_match(s) && words <= 30 {
        return Some(PHOTO_CREDIT);
    }
    if CAPTION_LABEL.is_match(s) && words <= 90 {
        return Some(CAPTION);
    }
    if FILE_CAPTION.is_match(s) && words <= 90 {
        return Some(CAPTION);
    }
    if words <= 12 {
        let t = s.trim();
        let inner = t.strip_prefix('(').and_then(|x| x.strip_suffix(')'));
        if BARE_CREDIT.is_match(t) || inner.is_some_and(|x| BARE_CREDIT.is_match(x.trim())) {
            return Some(PHOTO_CREDIT);
        }
        if TRAILING_CREDIT.find(t).is_some_and(|m| m.start() == 0) {
            return Some(PHOTO_CREDIT);
        }
    }
    None
}

/// A credit at the end of a paragraph. Returns the byte offset where the
/// credit starts and whether the whole paragraph is a caption (it has a
/// caption cue such as "poses" or "FILE" and no quotation marks) rather than
/// body text that only carries a credit.
pub(crate) fn trailing_credit(s: &str) -> Option<(usize, bool)> {
    let m = TRAILING_CREDIT
        .find(s)
        .or_else(|| TRAILING_PHOTOGRAPH.find(s))?;
    if m.start() == 0 {
        return None;
    }
    let body = &s[..m.start()];
    let whole = word_count_upto(body, 60) <= 60 && !has_quote(body) && CAPTION_CUE.is_match(body);
    Some((m.start(), whole))
}

// -------------------------------------------------------------- contributors

static CONTRIBUTED: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\bcontributed\s+(?:(?:additional\s+)?reporting|research|to\s+(?:this|the)\s+(?:report|story|article|piece|update|coverage))(?:\s+(?:from|in)\s+[^.]{1,60})?\s*\.?\)?$",
    )
});
static REPORTING_BY: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^[(\[]?\s*(?:[-–—]+\s*)?(?:(?:additional\s+)?reporting|writing|editing|compiled|produced|research|graphics)\s+by\b|^[(\[]?\s*[-–—]*\s*with\s+(?:assistance|additional reporting)\s+from\b",
    )
});
/// `Fox News' Kristine Parks contributed`: the possessor is the outlet.
static POSSESSIVE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(?:The\s+)?((?:[\p{Lu}\d][\p{L}\d&.-]*)(?:\s+[\p{Lu}\d][\p{L}\d&.-]*){0,3})(?:'s|’s|'|’)\s+\p{Lu}",
    )
});

pub(crate) fn contributor_credit(s: &str) -> bool {
    word_count_upto(s, 50) <= 50 && !has_quote(s) && (contributed(s) || REPORTING_BY.is_match(s))
}

/// [`CONTRIBUTED`], run only on text that has the word at all (an ASCII
/// case-insensitive search is exact here: no letter of "contributed" has a
/// non-ASCII case variant), since the anchored-end pattern scans the whole
/// paragraph backwards.
fn contributed(s: &str) -> bool {
    const WORD: &[u8] = b"contributed";
    s.as_bytes()
        .windows(WORD.len())
        .any(|w| w.eq_ignore_ascii_case(WORD))
        && CONTRIBUTED.is_match(s)
}

/// The outlet named by a possessive contributor credit.
pub(crate) fn contributor_outlet(s: &str) -> Option<String> {
    if !contributed(s) {
        return None;
    }
    POSSESSIVE.captures(s).map(|c| c[1].to_string())
}

// ------------------------------------------- widgets, calls to action, links

const WIDGET_WORDS: &[&str] = &[
    "share",
    "shares",
    "this",
    "article",
    "story",
    "post",
    "page",
    "on",
    "via",
    "to",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "email",
    "e-mail",
    "reddit",
    "pinterest",
    "print",
    "tweet",
    "copy",
    "link",
    "messenger",
    "flipboard",
    "opens",
    "in",
    "new",
    "window",
    "click",
    "comments",
    "comment",
    "save",
    "sms",
    "telegram",
    "threads",
    "bluesky",
    "pin",
    "it",
    "url",
    "copied",
    "gift",
    "the",
    "a",
    "or",
    "and",
    "mail",
];
const WIDGET_KEYS: &[&str] = &[
    "share", "shares", "tweet", "print", "email", "e-mail", "comments", "save", "pin",
];

/// A row of share buttons: every word is widget vocabulary and one of them
/// is a verb such as "share" or "tweet".
pub(crate) fn share_widget(s: &str) -> bool {
    let mut key = false;
    let mut n = 0;
    for w in s
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
    {
        n += 1;
        let lw = w.to_lowercase();
        if !WIDGET_WORDS.contains(&lw.as_str()) && lw.parse::<u32>().is_err() {
            return false;
        }
        key |= WIDGET_KEYS.contains(&lw.as_str());
    }
    key && n <= 20
}

struct Rule {
    re: Regex,
    reason: &'static str,
    max_words: usize,
    /// Refuse paragraphs with quotation marks.
    no_quotes: bool,
}

static RULES: Lazy<Vec<Rule>> = Lazy::new(|| {
    let r = |pat: &str, reason, max_words, no_quotes| Rule {
        re: re(pat),
        reason,
        max_words,
        no_quotes,
    };
    vec![
        r(
            r"(?i)^(?:advertisement|advertising|ad|sponsored(?: content)?|paid (?:content|post)|skip advertisement|continue reading the main story|(?:the )?(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|scroll to continue(?: with content)?)\s*[.:]?$",
            AD,
            8,
            false,
        ),
        r(
            r"^(?i:follow) (?:(?i:us|me|him|her|them)|(?:@\w+)|(?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}[\p{Lu}][\p{L}.'’-]*)\s+(?i:on\s+(?:twitter|x|facebook|instagram|tiktok|linkedin|threads|bluesky|youtube|mastodon|google news|flipboard|apple news|truth social|telegram))\b",
            CTA,
            25,
            true,
        ),
        r(
            r"(?i)^(?:sign up|subscribe|register|join)\b.{0,160}\b(?:newsletters?|inbox|e-?mail alerts?|alerts|briefing|digest|updates)\b",
            CTA,
            45,
            true,
        ),
        r(
            r"(?i)^(?:get|download)\s+(?:the|our)\s+.{0,60}?\b(?:app|newsletter|alerts?)\b",
            CTA,
            25,
            true,
        ),
        r(r"(?i)^(?:click|tap) here\b", CTA, 30, true),
        r(
            r"(?i)^(?:continue reading|read (?:the )?(?:rest|full (?:story|article|report|interview|statement))(?: here| on| at|\.|$)|(?:read|see) more(?: here| at| on)?\s*[.!]?$)",
            CTA,
            20,
            true,
        ),
        r(
            r"(?i)^(?:read more|related(?:\s+(?:articles?|stories|coverage|content|links?|reading|video))?|more on (?:this|that)(?: story)?|more|see also|also read|read also|also see|recommended(?: reading)?|read next|up next|watch|watch more|watch now|must read|trending(?: now)?|most read|don'?t miss|editor'?s picks?|more from [^:]{1,40})\s*[:|»>]",
            RELATED,
            30,
            true,
        ),
        r(
            r"(?i)^(?:related(?:\s+(?:articles?|stories|coverage|content|links?))?|more stories|recommended(?: for you)?|read next|up next|trending now|most read|most popular|you may also like|you might also like|more from [\p{L} ]{1,40})\s*[:.]?$",
            RELATED,
            8,
            true,
        ),
        r(r"(?i)^(?:https?://|www\.)\S+$", URL, 1, false),
        r(
            r"(?i)^(?:site (?:mobile )?navigation|skip to (?:main )?content|skip navigation|main menu|open menu|close menu|menu|search|log ?in|sign in|subscribe)$",
            NAVIGATION,
            4,
            false,
        ),
        r(
            r"(?i)^(?:(?:copyright|©|\(c\))\s*(?:©|\(c\))?\s*\d{4}|©\s*\p{L})",
            COPYRIGHT,
            40,
            false,
        ),
        r(
            r"(?i)\ball rights reserved\b|^this material may not be (?:published|reproduced)",
            COPYRIGHT,
            40,
            false,
        ),
        r(
            r"(?i)^(?:this (?:is an? )?(?:story|article|post|report) (?:is|has been|will be|may be) (?:developing|being updated|updated(?: as| when| with)?)|this is an? (?:developing|breaking)(?: news)? (?:story|situation)|(?:please )?check back (?:later |soon )?for (?:updates|more)|breaking news\s*[:.]?$|developing story\s*[:.]?$)",
            UPDATE_NOTE,
            40,
            true,
        ),
        r(
            r"(?i)^(?:correction|clarification)s?\s*:|^an earlier version of this (?:article|story|report|post)\b|^this (?:article|story|report|post) (?:has been|was) (?:corrected|revised|amended|updated) to\b",
            CORRECTION,
            80,
            false,
        ),
    ]
});

/// An ALL-CAPS call to action (`CLICK HERE TO GET THE FOX NEWS APP`).
static CAPS_CTA: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(?:CLICK HERE|GET THE .{1,40} APP|SIGN UP|SUBSCRIBE|DOWNLOAD|READ MORE|FOLLOW US|WATCH MORE|LISTEN NOW|TAP HERE)\b",
    )
});

/// Paragraph word counts are exact up to this many words: the largest limit
/// a whole-paragraph rule asks about (captions: 90; the widget rules'
/// `max_words`, checked by a test; the capitals rules: 30).
pub(crate) const PARA_WORDS: usize = 90;

/// Calls to action, share widgets, ads, related links, URLs, copyright and
/// update notes.
pub(crate) fn widget(s: &str, words: usize) -> Option<&'static str> {
    let quoted = has_quote(s);
    if share_widget(s) {
        return Some(SHARE);
    }
    for rule in RULES.iter() {
        if words <= rule.max_words && !(rule.no_quotes && quoted) && rule.re.is_match(s) {
            return Some(rule.reason);
        }
    }
    if (2..=30).contains(&words) && upper_ratio(s) >= 0.8 && CAPS_CTA.is_match(s) {
        return Some(CTA);
    }
    None
}

/// An ALL-CAPS line between paragraphs, as some outlets (Fox News) render a
/// link to another story. Only used outside the head of the article and when
/// the article itself is not written in capitals.
pub(crate) fn caps_link(s: &str, words: usize) -> bool {
    (4..=30).contains(&words)
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && upper_ratio(s) >= 0.9
        && !has_quote(s)
        && !s.ends_with(['.', '?', '!'])
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 15
}

// ------------------------------------------------------------------ bylines

const PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "del", "la", "le", "al", "bin", "ibn", "di", "du",
    "dos", "das", "y", "el", "ter",
];
/// Words of a job title or a newsroom, never of a person's name.
const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "bureau",
    "chief",
    "senior",
    "political",
    "news",
    "press",
    "associated",
    "reuters",
    "afp",
    "cnn",
    "bbc",
    "producer",
    "analyst",
    "team",
    "desk",
    "special",
    "contributing",
    "newsroom",
];
/// Lower-case words allowed in a role after a name (`Editor for the Daily`).
const ROLE_GLUE: &[&str] = &[
    "for", "the", "at", "and", "of", "in", "staff", "writer", "reporter",
];

fn name_word(w: &str) -> bool {
    let mut cs = w.chars();
    let first_ok = cs.next().is_some_and(char::is_uppercase);
    first_ok
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// A person's name: 2 to 5 words, capitalised apart from particles.
fn is_name(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&ws.len())
        && name_word(ws[0])
        && ws
            .iter()
            .all(|w| name_word(w) || PARTICLES.contains(&w.to_lowercase().as_str()))
        && !ws
            .iter()
            .any(|w| ROLE_WORDS.contains(&w.to_lowercase().trim_end_matches('.')))
}

fn is_role(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    !ws.is_empty()
        && ws.len() <= 6
        && ws.iter().all(|w| {
            let lw = w.to_lowercase();
            name_word(w) || ROLE_GLUE.contains(&lw.trim_end_matches('.'))
        })
}

/// Title-case a name written in capitals (`JANE DOE` -> `Jane Doe`).
fn fix_caps(name: &str) -> String {
    if upper_ratio(name) < 0.9 {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

static BY: Lazy<Regex> = Lazy::new(|| re(r"(?i)^(?:written\s+)?by\s+"));
static BYLINE_SPLIT: Lazy<Regex> = Lazy::new(|| re(r"\s+(?:and|&)\s+|\s*,\s*|\s*;\s*"));
static BYLINE_TAIL: Lazy<Regex> = Lazy::new(|| re(r"\s*(?:\||·|•|\s[-–—]\s)\s*"));

/// `By Jane Doe and John Roe` -> the names, plus whatever follows a `|` or
/// a dash (a date, an outlet) for the caller to read.
pub(crate) fn byline(s: &str) -> Option<(Vec<String>, Vec<&str>)> {
    let m = BY.find(s)?;
    if word_count_upto(s, 20) > 20 || has_quote(s) {
        return None;
    }
    let rest = &s[m.end()..];
    let mut parts = BYLINE_TAIL.split(rest);
    let names_part = parts.next()?.trim().trim_end_matches(['.', ',']);
    let tails: Vec<&str> = parts.map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut names = Vec::new();
    for (i, item) in BYLINE_SPLIT.split(names_part).map(str::trim).enumerate() {
        if item.is_empty() {
            continue;
        }
        if is_name(item) {
            names.push(fix_caps(item));
        } else if i == 0 || !is_role(item) {
            return None;
        }
    }
    if names.is_empty() {
        return None;
    }
    Some((names, tails))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The rules with the paragraph's word count taken here.
    fn widget_of(s: &str) -> Option<&'static str> {
        widget(s, word_count(s))
    }
    fn caption_of(s: &str) -> Option<&'static str> {
        caption(s, word_count(s))
    }
    fn audio_promo_of(s: &str) -> bool {
        audio_promo(s, word_count(s))
    }

    #[test]
    fn bylines() {
        let (n, _) = byline("By Jane Doe and John Roe").unwrap();
        assert_eq!(n, vec!["Jane Doe", "John Roe"]);
        let (n, t) = byline("By JANE DOE, Associated Press | April 4, 2022").unwrap();
        assert_eq!(n, vec!["Jane Doe"]);
        assert_eq!(t, vec!["April 4, 2022"]);
        let (n, _) = byline("By Ana de la Cruz, Staff Writer").unwrap();
        assert_eq!(n, vec!["Ana de la Cruz"]);
        assert!(byline("By Monday, the union had won.").is_none());
        assert!(byline("By the time workers voted, the firm had spent millions.").is_none());
        assert!(byline("Bypass roads closed").is_none());
    }

    #[test]
    fn widgets() {
        assert_eq!(widget_of("Share this article"), Some(SHARE));
        assert_eq!(
            widget_of("Click to share on Twitter (Opens in new window)"),
            Some(SHARE)
        );
        assert_eq!(
            widget_of("CLICK HERE TO GET THE HARBOR NEWS APP"),
            Some(CTA)
        );
        assert_eq!(widget_of("Advertisement"), Some(AD));
        assert_eq!(widget_of("Story continues below"), Some(AD));
        assert_eq!(
            widget_of("RELATED: Port strike enters third week"),
            Some(RELATED)
        );
        assert_eq!(widget_of("Read more: Why the port closed"), Some(RELATED));
        assert_eq!(widget_of("Follow us on Instagram"), Some(CTA));
        assert_eq!(
            widget_of("Sign up for our Morning Tide newsletter"),
            Some(CTA)
        );
        assert_eq!(widget_of("https://example.invalid/a/b"), Some(URL));
        assert_eq!(
            widget_of("Copyright 2022 Harbor Daily. All rights reserved."),
            Some(COPYRIGHT)
        );
        assert_eq!(widget_of("This story is developing."), Some(UPDATE_NOTE));
        assert_eq!(widget_of("Read the rest here."), Some(CTA));
        // Reporting that merely looks like these stays.
        assert_eq!(widget_of("The share price fell 4% on Monday."), None);
        assert_eq!(
            widget_of("\"Sign up for the newsletter,\" the mayor joked."),
            None
        );
        assert_eq!(
            widget_of("Watch the tide, fishermen say, not the calendar."),
            None
        );
        assert_eq!(widget_of("More than 40 boats were stranded."), None);
        assert_eq!(
            widget_of("Copyright lawyers filed the suit in March."),
            None
        );
        assert_eq!(widget_of("Share"), Some(SHARE));
        assert_eq!(widget_of("Print"), Some(SHARE));
    }

    #[test]
    fn captions() {
        assert_eq!(caption_of("(AP Photo/Jane Doe)"), Some(PHOTO_CREDIT));
        assert_eq!(caption_of("(Getty Images)"), Some(PHOTO_CREDIT));
        assert_eq!(caption_of("Getty Images"), Some(PHOTO_CREDIT));
        assert_eq!(caption_of("Image credit: Harbor Daily"), Some(PHOTO_CREDIT));
        assert_eq!(
            caption_of("Photo: Ferries wait at the pier, May 2, 2021."),
            Some(CAPTION)
        );
        assert_eq!(
            caption_of("FILE - Ferries wait at the pier."),
            Some(CAPTION)
        );
        assert_eq!(
            caption_of("Photographers waited at the pier all night."),
            None
        );
        assert_eq!(caption_of("File sharing was blamed for the leak."), None);
        let s = "Mayor Ola Brandt speaks at the pier, May 2, 2021. (AP Photo/Jane Doe)";
        assert!(matches!(trailing_credit(s), Some((_, true))));
        let s = "The council voted 7-2 to close the pier on Monday. (Reuters/Jane Doe)";
        let (at, whole) = trailing_credit(s).unwrap();
        assert!(!whole);
        assert_eq!(
            &s[..at],
            "The council voted 7-2 to close the pier on Monday."
        );
        assert!(trailing_credit("The vote (held on Monday) passed.").is_none());
    }

    #[test]
    fn audio_and_contributors() {
        assert_eq!(
            listen_prefix("NEW You can now listen to Harbor Daily articles! Rest"),
            Some((48, "Harbor Daily".to_string()))
        );
        assert!(audio_promo_of("Listen to this article 5 min"));
        assert!(audio_promo_of("Subscribe to our podcast on any platform."));
        assert!(audio_promo_of(
            "Listen to Dockside | Episode 12: The tide turns"
        ));
        assert!(!audio_promo_of(
            "Smalls told the Tideline podcast on March 20 that the port would reopen."
        ));
        assert!(!audio_promo_of(
            "Listen to the workers, the mayor urged, before their podcast aired."
        ));
        assert!(contributor_credit(
            "Harbor Daily's Ana Lind contributed to this report."
        ));
        assert!(contributor_credit(
            "Reporting by Ana Lind; Editing by Tom Berg"
        ));
        assert!(contributor_credit(
            "The Associated Press contributed to this report."
        ));
        assert!(!contributor_credit(
            "Lind, who contributed to the report's findings, resigned in May."
        ));
        assert_eq!(
            contributor_outlet("Harbor Daily' Ana Lind contributed to this report."),
            Some("Harbor Daily".to_string())
        );
        assert_eq!(
            contributor_outlet("The Bay Post's Ana Lind contributed reporting from Oslo."),
            Some("Bay Post".to_string())
        );
        assert_eq!(
            contributor_outlet("The Associated Press contributed to this report."),
            None
        );
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn word_count_upto_is_exact_up_to_its_cap() {
        for s in [
            "",
            "one",
            "  two  words ",
            "a b c d e",
            "café crème au lait",
            "x\u{a0}y z",
            "tab\tand\u{b}vt\u{85}nel\u{3000}wide",
        ] {
            let n = word_count(s);
            assert_eq!(n, s.split_whitespace().count(), "{s:?}");
            for cap in 0..8 {
                assert_eq!(word_count_upto(s, cap), n.min(cap + 1), "{s:?} cap {cap}");
            }
        }
    }

    #[test]
    fn widget_limit_covers_every_rule() {
        assert!(RULES.iter().all(|r| r.max_words <= PARA_WORDS));
    }
}
