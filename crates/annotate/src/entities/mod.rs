//! Named entities and their mentions within one article (rule-based).
//!
//! Pipeline, all linear in the text size:
//! 1. **Runs**: maximal sequences of capitalised words per sentence, joined
//!    across name connectors ("Bank of America", "Rio de Janeiro", "John F.
//!    Kennedy", "Rep. Jane Doe"). Possessives ("Amazon's") and hyphenated
//!    modifiers ("Bezos-owned") are cut off and end the run.
//! 2. **Cleaning**: leading function words ("The", "Because"), titles
//!    ("Rep.", "President") and adjectives ("Democratic") are removed from the
//!    span (the title is remembered as a role); runs are split after an
//!    organization head ("Postal Service | Jamaica") and after a known
//!    multiword place ("Staten Island | Amazon"). Month and day names,
//!    adjectives and common words never form a name on their own.
//!    Sentence-initial and headline words are only trusted when the rest of
//!    the article knows them (or the lexicon does).
//! 3. **Grouping**: multiword names group by identical text and, for people,
//!    by surname with compatible first names ("Chris"/"Christian"). Then, in
//!    text order, single words (surname -> most recent person with it),
//!    acronyms (defined "(ALU)" or by initials: "AOC"), handles ("@AOC"),
//!    descriptions ("the congresswoman", "the company": most recent
//!    entity with that role or kind) are linked.
//! 4. **Pronouns**: he/she forms are linked only when exactly one person of
//!    the right gender is mentioned in the same sentence before the pronoun
//!    (or else the previous sentence) and no person of unknown gender is.
//!
//! Mention spans never include titles, determiners of names or possessive
//! endings; description spans include their determiner ("the company").

mod lexicon;

pub use lexicon::Gender;

/// Gender of a first name ("Melania"), when the word lists know it.
pub fn first_name_gender(word: &str) -> Option<Gender> {
    lexicon::first_name_gender(&lower(word))
}

/// Gender of an honorific or pronoun ("Mr.", "Mrs", "he", "her").
pub fn word_gender(word: &str) -> Option<Gender> {
    match lower(word).trim_end_matches('.') {
        "mr" | "sir" | "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "she" | "her" | "hers" | "herself" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Whether two first names can name one person ("Chris" / "Christian",
/// "Mo" / "Maurice").
pub fn first_names_compatible(a: &str, b: &str) -> bool {
    lexicon::first_names_compatible(&lower(a), &lower(b))
}

/// Words that introduce a person as someone's relative ("wife", "lady").
pub fn is_kin_word(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "wife"
            | "husband"
            | "son"
            | "daughter"
            | "mother"
            | "father"
            | "brother"
            | "sister"
            | "lady"
            | "girlfriend"
            | "boyfriend"
            | "widow"
            | "grandson"
            | "granddaughter"
    )
}

/// The full name of a place under its short or other names ("U.S.",
/// "America" -> "united states"; "Britain", "UK" -> "united kingdom").
pub fn place_full_name(name: &str) -> Option<&'static str> {
    let l = lower(name);
    match l.as_str() {
        "america" => Some("united states"),
        "britain" | "great britain" => Some("united kingdom"),
        _ => lexicon::place_alias(&l).or_else(|| lexicon::place_alias(&l.replace(['.', ' '], ""))),
    }
}

/// The party its members' plural names in news ("Democrats" -> "democratic
/// party", "GOP" -> "republican party").
pub fn party_of_members(word: &str) -> Option<&'static str> {
    Some(match lower(word).replace('.', "").as_str() {
        "democrats" => "democratic party",
        "republicans" | "gop" => "republican party",
        "tories" => "conservative party",
        "labour" => "labour party",
        _ => return None,
    })
}

/// The country a word names or qualifies: "Israeli", "Iran", "U.S.".
pub fn nation_word(word: &str) -> Option<&'static str> {
    let l = lower(word);
    lexicon::adjective_country(&l)
        .or_else(|| lexicon::country(&l))
        .or_else(|| place_full_name(word))
}

/// The country a people noun stands for ("Iranians" -> "iran").
pub fn people_country(word: &str) -> Option<&'static str> {
    lexicon::people_country(&lower(word))
}

use crate::{Entity, EntityKind, Mention, MentionForm};
use parallax_core::Span;
use parallax_text::{Token, TokenKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One token with its sentence.
#[derive(Debug, Clone, Copy)]
struct Tok {
    span: Span,
    kind: TokenKind,
    sent: usize,
    in_quote: bool,
}

/// One word of a candidate name.
#[derive(Debug, Clone)]
struct Word {
    span: Span,
    lower: String,
    /// A lowercase connector ("of", "de") inside the name.
    connector: bool,
}

/// Evidence for the kind of an entity.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    person: u32,
    org: u32,
    place: u32,
}

impl Evidence {
    fn add(&mut self, o: Evidence) {
        self.person += o.person;
        self.org += o.org;
        self.place += o.place;
    }
}

/// A candidate name (a cleaned run).
#[derive(Debug, Clone)]
struct Cand {
    words: Vec<Word>,
    /// Only link to an entity known from elsewhere; never create one.
    lookup_only: bool,
    ev: Evidence,
    roles: Vec<&'static str>,
    gender: Option<Gender>,
    /// "(ALU)" right after the name.
    acr_def: Option<String>,
    /// "(@handle)" right after the name.
    handle_def: Option<String>,
    /// Country of a title in front of the name ("Israeli Prime Minister").
    nat: Option<&'static str>,
}

impl Cand {
    fn span(&self) -> Span {
        Span::new(
            self.words.first().map_or(0, |w| w.span.start),
            self.words.last().map_or(0, |w| w.span.end),
        )
    }
    fn content_len(&self) -> usize {
        self.words.iter().filter(|w| !w.connector).count()
    }
    fn key(&self) -> String {
        self.words
            .iter()
            .map(|w| w.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Normalise a word for lookups: lowercase, curly apostrophes straightened.
fn lower(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    lower_into(w, &mut out);
    out
}

/// [`lower`] into a reused buffer (cleared first).
fn lower_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        // Same as the char-wise mapping below for ASCII text.
        out.push_str(w);
        out.make_ascii_lowercase();
        return;
    }
    out.extend(
        w.chars()
            .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
            .flat_map(char::to_lowercase),
    );
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// All letters uppercase, at least two of them (dots allowed): "AOC", "U.S.".
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
        && w.chars().next().is_some_and(char::is_uppercase)
}

/// A party/state tag such as "D-N.Y." or "R-Texas".
/// A capital inside the word that only names have: after a lower-case
/// letter ("BlackBerry", "McCain") or after a one-letter hyphenated head
/// ("T-Mobile", "T - Mobile"). Such a word is a name even at the start of
/// a sentence; "Anti-Semitism" or "Mid-March" are not taken.
fn inner_capital(w: &str) -> bool {
    let mut prev: Option<(usize, char)> = None;
    // Spaces are skipped: "T - Mobile" as some converters space it.
    for (i, c) in w.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        if let (Some((pi, p)), true) = (prev, c.is_uppercase()) {
            if p.is_lowercase() {
                return true;
            }
            if matches!(p, '-' | '‐' | '‑')
                && w[..pi].chars().filter(|c| c.is_alphanumeric()).count() == 1
            {
                return true;
            }
        }
        prev = Some((i, c));
    }
    false
}

fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// The part of a word token that can belong to a name: without a possessive
/// ending and without a lowercase hyphenated tail ("Bezos-owned" -> "Bezos").
/// The flag tells whether something was cut (which ends a name run).
fn name_core(text: &str, span: Span) -> (Span, bool) {
    let w = span.slice(text);
    let mut end = w.len();
    for suf in ["'s", "’s", "'S", "’S", "'", "’"] {
        if end > suf.len() && w[..end].ends_with(suf) {
            end -= suf.len();
            break;
        }
    }
    let mut cut = end < w.len();
    // Lowercase hyphen segment after a capitalised start.
    let mut off = 0;
    for seg in w[..end].split('-') {
        if off > 0 && seg.chars().next().is_some_and(char::is_lowercase) {
            end = off - 1;
            cut = true;
            break;
        }
        off += seg.len() + 1;
    }
    (Span::new(span.start, span.start + end), cut)
}

fn singular(w: &str) -> &str {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

/// Whether a sentence holds a web address, written whole
/// ("https://example.org/a-b") or spaced out as some converters leave it
/// ("http: / / example. org / a - b").
fn looks_like_url(s: &str) -> bool {
    s.contains("http:")
        || s.contains("https:")
        || s.contains("www.")
        || s.contains(".html")
        || s.contains(".htm ")
        || s.contains("/ /")
}

/// The pieces of text an article offers: tokens, sentence-token ranges.
struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Token index range of each sentence.
    sents: Vec<(usize, usize)>,
    /// Lowercase forms of words seen in lowercase somewhere in the text.
    lower_seen: HashSet<String>,
    /// [`lower`] of every token, in one buffer (`low_idx[i]`: byte range).
    low: String,
    low_idx: Vec<(u32, u32)>,
}

impl<'a> Doc<'a> {
    /// `sent_toks[k]`: the tokens of `sentences[k]` (`tokens_in`).
    fn new(text: &'a str, sentences: &[Span], sent_toks: &[Vec<Token>]) -> Self {
        let mut toks = Vec::new();
        let mut sents = Vec::new();
        let mut in_quote = false;
        let mut prev_end = 0usize;
        for (si, s) in sentences.iter().enumerate() {
            let start = toks.len();
            if s.start < prev_end || text.get(s.range()).is_none() {
                sents.push((start, start));
                continue;
            }
            if text
                .get(prev_end..s.start)
                .is_some_and(|g| g.contains('\n'))
            {
                in_quote = false;
            }
            prev_end = s.end;
            for &t in sent_toks.get(si).map_or(&[][..], Vec::as_slice) {
                let w = t.span.slice(text);
                let q = t.kind == TokenKind::Punct && matches!(w, "\"" | "“" | "”" | "«" | "»");
                if q {
                    in_quote = match w {
                        "“" | "«" => true,
                        "”" | "»" => false,
                        _ => !in_quote,
                    };
                }
                toks.push(Tok {
                    span: t.span,
                    kind: t.kind,
                    sent: si,
                    in_quote: in_quote && !q,
                });
            }
            sents.push((start, toks.len()));
        }
        let mut low = String::with_capacity(text.len());
        let mut low_idx = Vec::with_capacity(toks.len());
        let mut buf = String::new();
        for t in &toks {
            let a = low.len();
            lower_into(t.span.slice(text), &mut buf);
            low.push_str(&buf);
            low_idx.push((a as u32, low.len() as u32));
        }
        let mut doc = Doc {
            text,
            toks,
            sents,
            lower_seen: HashSet::default(),
            low,
            low_idx,
        };
        // A web address or its slug ("/2009/07/obama-to-name-benjamin/")
        // writes names in lower case: no evidence that they are words.
        let url_like: Vec<bool> = sentences
            .iter()
            .map(|s| text.get(s.range()).is_some_and(looks_like_url))
            .collect();
        let mut lower_seen: HashSet<String> = HashSet::default();
        for (i, t) in doc.toks.iter().enumerate() {
            let w = t.span.slice(text);
            if t.kind == TokenKind::Word
                && w.chars().next().is_some_and(char::is_lowercase)
                && !url_like.get(t.sent).copied().unwrap_or(false)
            {
                let core = doc.core_lower(i, name_core(text, t.span).0);
                if !lower_seen.contains(&*core) {
                    lower_seen.insert(core.into_owned());
                }
            }
        }
        doc.lower_seen = lower_seen;
        doc
    }

    /// [`lower`] of token `i`.
    fn l(&self, i: usize) -> &str {
        let (a, b) = self.low_idx[i];
        &self.low[a as usize..b as usize]
    }

    /// [`lower`] of `core`, a prefix of token `i` (as from [`name_core`]).
    fn core_lower(&self, i: usize, core: Span) -> std::borrow::Cow<'_, str> {
        let t = self.toks[i].span;
        let c = core.slice(self.text);
        if core == t {
            self.l(i).into()
        } else if core.start == t.start && c.is_ascii() {
            // The lower-casing is char by char, and ASCII keeps its length.
            self.l(i)[..c.len()].into()
        } else {
            lower(c).into()
        }
    }

    fn w(&self, i: usize) -> &'a str {
        self.toks[i].span.slice(self.text)
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokenKind::Word
    }

    /// Only spaces (no line break) between tokens `i` and `i + 1`.
    fn adjacent(&self, i: usize) -> bool {
        self.text
            .get(self.toks[i].span.end..self.toks[i + 1].span.start)
            .is_some_and(|g| !g.contains('\n'))
    }
}

/// A raw run: token indices of its words, with connector flags.
struct Run {
    words: Vec<Word>,
    first_tok: usize,
    last_tok: usize,
    weak: bool,
    /// Country carried over from a split-off head ("UK | Prime Minister ...").
    nat: Option<&'static str>,
}

fn cap_word(doc: &Doc, i: usize) -> bool {
    doc.is_word(i) && is_cap(doc.w(i)) && !is_party_tag(doc.w(i))
}

/// A name hyphenated with a space on each side of the hyphen, as
/// tokenised corpora and some feeds write them ("T - Mobile", "Jay - Z",
/// "Coca - Cola"): word token `j` (name part `core`), a lone "-", and a
/// capitalised word, where one side is a single letter or digit (a spaced
/// dash between two names, or before "UN advocates", is punctuation). Returns the
/// last token, its name part and whether that was cut.
fn spaced_hyphen(
    doc: &Doc,
    core: Span,
    cut: bool,
    j: usize,
    b: usize,
) -> Option<(usize, Span, bool)> {
    let text = doc.text;
    if cut || core.is_empty() || j + 2 >= b || doc.w(j + 1) != "-" || !cap_word(doc, j + 2) {
        return None;
    }
    let gap = |i: usize| text.get(doc.toks[i].span.end..doc.toks[i + 1].span.start);
    if gap(j) != Some(" ") || gap(j + 1) != Some(" ") {
        return None;
    }
    let (tail, tail_cut) = name_core(text, doc.toks[j + 2].span);
    let letters = |sp: Span| {
        sp.slice(text)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
    };
    let (l, r) = (letters(core), letters(tail));
    if tail.is_empty() || !(l == 1 || r == 1) {
        return None;
    }
    // "NEW YORK - A judge said": a dateline dash before a sentence.
    let word = |sp: Span| lower(sp.slice(text));
    if [core, tail].iter().any(|&sp| {
        matches!(
            word(sp).as_str(),
            "a" | "i"
                | "an"
                | "in"
                | "on"
                | "at"
                | "it"
                | "he"
                | "we"
                | "if"
                | "as"
                | "by"
                | "to"
                | "of"
                | "or"
                | "so"
                | "no"
                | "do"
                | "us"
                | "my"
                | "be"
                | "is"
                | "up"
        )
    }) {
        return None;
    }
    Some((j + 2, tail, tail_cut))
}

/// Maximal runs of capitalised words in sentence token range `[a, b)`.
fn runs_in(doc: &Doc, a: usize, b: usize) -> Vec<Run> {
    let text = doc.text;
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        if !cap_word(doc, i) {
            i += 1;
            continue;
        }
        let weak = i == a || {
            let p = doc.w(i - 1);
            doc.toks[i - 1].kind == TokenKind::Punct && !matches!(p, "," | ";" | "&")
        };
        let mut words = Vec::new();
        let first = i;
        let mut j = i;
        loop {
            let (mut core, mut cut) = name_core(text, doc.toks[j].span);
            let mut lw = doc.core_lower(j, core).into_owned();
            if let Some((k, tail, tail_cut)) = spaced_hyphen(doc, core, cut, j, b) {
                // One word, keyed as written with a plain hyphen.
                lw = format!("{lw}-{}", lower(tail.slice(text)));
                core = Span::new(core.start, tail.end);
                cut = tail_cut;
                j = k;
            }
            let ends = cut || core.is_empty();
            if !core.is_empty() {
                words.push(Word {
                    span: core,
                    lower: lw.clone(),
                    connector: false,
                });
            }
            if ends || j + 1 >= b || !doc.adjacent(j) {
                break;
            }
            let n = j + 1;
            // "Acme Inc." keeps its period.
            if doc.w(n) == "."
                && matches!(
                    lw.as_str(),
                    "inc" | "corp" | "ltd" | "co" | "jr" | "sr" | "bros"
                )
                && words.len() >= 2
            {
                if let Some(last) = words.last_mut() {
                    last.span = Span::new(last.span.start, doc.toks[n].span.end);
                    last.lower.push('.');
                }
                j = n;
                break;
            }
            // Next capitalised word.
            if cap_word(doc, n) {
                j = n;
                continue;
            }
            // "Rep. Jane", "John F. Kennedy", "St. Louis".
            if doc.w(n) == "."
                && (lexicon::is_title_abbrev(&lw) || (lw.chars().count() == 1))
                && n + 1 < b
                && doc.adjacent(n)
                && cap_word(doc, n + 1)
            {
                if lw == "st" || lw.chars().count() == 1 {
                    // keep the period inside the name
                    if let Some(last) = words.last_mut() {
                        last.span = Span::new(last.span.start, doc.toks[n].span.end);
                        last.lower.push('.');
                    }
                }
                j = n + 1;
                continue;
            }
            // Connectors between capitalised words.
            let nw = doc.w(n);
            let nl = doc.l(n);
            let conn_ok = doc.is_word(n) || nw == "&";
            if conn_ok && n + 1 < b && doc.adjacent(n) {
                let next_is_date = n + 1 < b && lexicon::is_month_or_day(doc.l(n + 1));
                let allowed = !next_is_date
                    && match nl {
                        "of" | "for" => lexicon::takes_of(&lw),
                        "on" => false,
                        "&" => true,
                        "and" => false,
                        other => lexicon::is_name_connector(other) && nw == other,
                    };
                if allowed {
                    if cap_word(doc, n + 1) {
                        words.push(Word {
                            span: doc.toks[n].span,
                            lower: nl.to_string(),
                            connector: true,
                        });
                        j = n + 1;
                        continue;
                    }
                    // "Bank of the West"
                    if nl == "of"
                        && n + 2 < b
                        && doc.w(n + 1) == "the"
                        && doc.adjacent(n + 1)
                        && cap_word(doc, n + 2)
                    {
                        words.push(Word {
                            span: doc.toks[n].span,
                            lower: nl.to_string(),
                            connector: true,
                        });
                        words.push(Word {
                            span: doc.toks[n + 1].span,
                            lower: "the".into(),
                            connector: true,
                        });
                        j = n + 2;
                        continue;
                    }
                }
            }
            break;
        }
        if !words.is_empty() {
            out.push(Run {
                words,
                first_tok: first,
                last_tok: j,
                weak,
                nat: None,
            });
        }
        i = j + 1;
    }
    out
}

/// Whether the sentence in token range `[a, b)` is a title-case headline.
fn is_headline(doc: &Doc, a: usize, b: usize) -> bool {
    let mut caps = 0;
    let mut content = 0;
    let mut all_caps = 0;
    for i in a..b {
        if !doc.is_word(i) {
            continue;
        }
        let w = doc.w(i);
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        let l = doc.l(i);
        if l.len() <= 3 && lexicon::is_stopword(l) && !is_cap(w) {
            continue;
        }
        content += 1;
        if is_cap(w) {
            caps += 1;
        }
        if is_acronym(w) {
            all_caps += 1;
        }
    }
    let ends_with_period = b > a && matches!(doc.w(b - 1), "." | "?" | "!" | ":");
    content >= 4 && ((caps * 4 >= content * 3 && !ends_with_period) || all_caps * 4 >= content * 3)
}

/// Where the headline part of the sentence in token range `[a, b)` ends:
/// `b` when the whole sentence is a headline, `a` when none of it is. A
/// title-case headline that runs into the first sentence of the article
/// through a date or time stamp, as scraped pages often give it ("Harbor
/// Chief Named As Storm Nears Jul 13, 2031 11:23am Governor Ostrowe named
/// ..."), ends after the stamp when what follows reads as prose.
fn headline_end(doc: &Doc, a: usize, b: usize) -> usize {
    for k in a + 1..b {
        if stamp_ends_at(doc, k - 1)
            && cap_word(doc, k)
            && is_headline(doc, a, k)
            && !is_headline(doc, k, b)
            && (k..b)
                .filter(|&i| doc.is_word(i) && doc.w(i).starts_with(char::is_lowercase))
                .count()
                >= 3
        {
            return k;
        }
    }
    if is_headline(doc, a, b) {
        b
    } else {
        a
    }
}

/// Token `i` ends a date or time stamp: a year ("2031"), a clock time with
/// its "am"/"pm" ("11:23am", "4:31 pm") or a time zone after a number.
fn stamp_ends_at(doc: &Doc, i: usize) -> bool {
    let w = doc.w(i);
    let l = doc.l(i);
    let after_number = i > 0 && doc.w(i - 1).starts_with(|c: char| c.is_ascii_digit());
    (w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|c| c.is_ascii_digit()))
        || (w.starts_with(|c: char| c.is_ascii_digit()) && (l.ends_with("am") || l.ends_with("pm")))
        || (after_number && matches!(l, "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m"))
        || (after_number
            && matches!(
                w,
                "GMT" | "UTC" | "ET" | "EST" | "EDT" | "PT" | "PST" | "PDT" | "CST" | "CDT"
            ))
}

/// Clean a run into zero or more candidates (see module docs).
fn clean_run(doc: &Doc, run: Run, headline: bool, out: &mut Vec<Cand>) {
    let text = doc.text;
    let mut words = run.words;
    let mut weak = run.weak;
    let mut ev = Evidence::default();
    let mut roles: Vec<&'static str> = Vec::new();
    let mut gender = None;
    let mut nat = run.nat;
    // Leading function words and months: "The", "But", "Friday".
    while let Some(w) = words.first() {
        let l = w.lower.as_str();
        let drop = w.connector
            || (lexicon::is_stopword(l)
                && !lexicon::is_month_or_day(l)
                && !(words.len() > 1 && lexicon::title_roles(l).is_some()))
            || (lexicon::is_month_or_day(l) && words.len() > 1);
        if !drop {
            break;
        }
        words.remove(0);
        weak = false;
    }
    if words.is_empty() {
        return;
    }
    let last_lower = |ws: &[Word]| ws.last().map(|w| w.lower.clone()).unwrap_or_default();
    let ends_in_head = |ws: &[Word]| {
        let l = last_lower(ws);
        lexicon::is_org_head(&l) || lexicon::is_place_head(&l)
    };
    // Titles and adjectives in front of a person's name.
    loop {
        if words.len() < 2 || ends_in_head(&words) {
            break;
        }
        let l = words[0].lower.clone();
        let l = l.trim_end_matches('.');
        let rest_first = &words[1].lower;
        let full_key: String = words
            .iter()
            .map(|w| w.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if lexicon::is_place(&full_key) {
            break;
        }
        if let Some((rs, g)) =
            lexicon::title_roles(l).filter(|_| l != "prime" || rest_first == "minister")
        {
            roles.extend_from_slice(rs);
            gender = gender.or(g);
            ev.person += 3;
            words.remove(0);
            weak = false;
            // "Secretary of State Jane Doe"
            if words.len() > 2 && words[0].connector && words[0].lower == "of" {
                words.drain(..2);
            }
            continue;
        }
        if lexicon::is_title_abbrev(l) && !matches!(l, "st" | "ft" | "mt") {
            words.remove(0);
            weak = false;
            ev.person += 2;
            continue;
        }
        let modifier = lexicon::is_demonym_or_adjective(l)
            || (lexicon::is_prenominal_role(l) && lexicon::person_role(l).is_none());
        if modifier {
            let rest_is_person = lexicon::is_first_name(rest_first)
                || lexicon::title_roles(rest_first.trim_end_matches('.')).is_some()
                || lexicon::is_demonym_or_adjective(rest_first)
                || lexicon::is_prenominal_role(rest_first);
            if rest_is_person {
                nat = nat.or(lexicon::adjective_country(l));
                if matches!(l, "democrat" | "democratic" | "republican" | "socialist") {
                    roles.extend_from_slice(&["lawmaker", "politician"]);
                }
                words.remove(0);
                weak = false;
                continue;
            }
        }
        break;
    }
    while words.last().is_some_and(|w| {
        w.connector || (lexicon::is_month_or_day(&w.lower) && w.lower.ends_with("day"))
    }) {
        words.pop();
    }
    // A title inside the run starts a person's name: "Genesee County |
    // Sheriff Jane Doe".
    if let Some(k) = (1..words.len().saturating_sub(1)).find(|&k| {
        !words[k].connector
            && lexicon::title_roles(words[k].lower.trim_end_matches('.')).is_some()
            && (words[k].lower != "prime" || words[k + 1].lower == "minister")
            && !words[k + 1].connector
            && !ends_in_head(&words[k..])
    }) {
        let tail = words.split_off(k);
        let first_tok = run.first_tok;
        // "UK | Prime Minister Theresa May": the head names the title's country.
        let head_nat = if words.len() == 1 {
            let l = words[0].lower.as_str();
            lexicon::adjective_country(l)
                .or_else(|| lexicon::place_alias(l))
                .or_else(|| lexicon::place_alias(&l.replace('.', "")))
                .or_else(|| lexicon::country(l))
        } else {
            None
        };
        let head_run = Run {
            words,
            first_tok,
            last_tok: run.first_tok,
            weak,
            nat: None,
        };
        clean_run(doc, head_run, headline, out);
        let tail_run = Run {
            words: tail,
            first_tok: run.last_tok,
            last_tok: run.last_tok,
            weak: false,
            nat: head_nat,
        };
        clean_run(doc, tail_run, headline, out);
        return;
    }
    if words.is_empty() {
        return;
    }
    // A lone title or adjective is no name.
    if words.len() == 1 {
        let l = words[0].lower.trim_end_matches('.');
        if lexicon::title_roles(l).is_some() || lexicon::is_title_abbrev(l) {
            return;
        }
    }
    // Weak (sentence-initial) first word that is a common word: drop it.
    if weak && words.len() > 1 {
        let l = words[0].lower.as_str();
        let trusted = lexicon::is_first_name(l)
            || lexicon::is_place(l)
            || lexicon::is_known_org(l)
            || is_acronym(words[0].span.slice(text));
        let name_follows = !words[1].connector && lexicon::is_first_name(&words[1].lower);
        if !trusted && (doc.lower_seen.contains(l) || name_follows) {
            words.remove(0);
            weak = false;
            while words.first().is_some_and(|w| w.connector) {
                words.remove(0);
            }
            if words.is_empty() {
                return;
            }
        }
    }
    // Title case ("Tax The Rich", "Lack Of Support"): a capitalised
    // function word inside the run. Only known names are kept from it.
    // Inside the run: a last word such as "May" ("Theresa May") is a name.
    let title_case = words
        .iter()
        .skip(1)
        .take(words.len().saturating_sub(2))
        .any(|w| !w.connector && lexicon::is_stopword(&w.lower) && is_cap(w.span.slice(text)));
    let headline = headline || title_case;
    // Split after an organization head followed by more name words.
    let mut pieces: Vec<Vec<Word>> = Vec::new();
    {
        let mut cur: Vec<Word> = Vec::new();
        let n = words.len();
        for (k, w) in words.into_iter().enumerate() {
            let head = !w.connector && lexicon::is_org_head(&w.lower) && !cur.is_empty();
            cur.push(w);
            if head && k + 1 < n {
                pieces.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            pieces.push(cur);
        }
        // Re-join a piece starting with a connector or made only of a head.
        let mut merged: Vec<Vec<Word>> = Vec::new();
        for p in pieces {
            let starts_conn = p.first().is_some_and(|w| w.connector);
            let rest_ends_head = p.last().is_some_and(|w| {
                lexicon::is_org_head(&w.lower) || lexicon::is_place_head(&w.lower)
            });
            match merged.last_mut() {
                Some(prev) if starts_conn || (rest_ends_head && p.len() <= 2) => prev.extend(p),
                _ => merged.push(p),
            }
        }
        pieces = merged;
    }
    // Split after a known multiword place ("Staten Island | Amazon").
    let mut final_pieces: Vec<Vec<Word>> = Vec::new();
    for mut p in pieces {
        let lw: Vec<String> = p.iter().map(|w| w.lower.clone()).collect();
        if let Some(n) = lexicon::multiword_place_prefix_len(&lw) {
            // "New Orleans Saints": a city and one plural word is a team.
            let team = p.len() == n + 1
                && lw[n].len() > 4
                && lw[n].ends_with('s')
                && !lw[n].ends_with("ss")
                && !lexicon::is_place(&lw[n])
                && !lexicon::is_known_org(&lw[n]);
            let rest_head = ends_in_head(&p) || p[n].connector || team;
            if !rest_head {
                let rest = p.split_off(n);
                final_pieces.push(p);
                final_pieces.push(rest);
                continue;
            }
        }
        final_pieces.push(p);
    }
    let n_pieces = final_pieces.len();
    for (pi, ws) in final_pieces.into_iter().enumerate() {
        let mut c = Cand {
            words: ws,
            lookup_only: headline,
            ev: Evidence::default(),
            roles: Vec::new(),
            gender: None,
            acr_def: None,
            handle_def: None,
            nat: None,
        };
        if pi == 0 {
            c.ev = ev;
            c.roles = roles.clone();
            c.gender = gender;
            c.nat = if roles.is_empty() { None } else { nat };
            // A sentence-initial single word is trusted only when the word
            // lists know it as a place or organization ("Iran rejected").
            let lexical = c.content_len() == 1
                && c.words.first().is_some_and(|w| {
                    lexicon::is_place(&w.lower)
                        || lexicon::is_known_org(&w.lower)
                        || lexicon::place_alias(&w.lower).is_some()
                        || inner_capital(w.span.slice(text))
                });
            c.lookup_only |= weak && c.content_len() == 1 && !lexical;
        }
        if pi + 1 == n_pieces {
            context_cues(doc, run.first_tok, run.last_tok, &mut c, pi == 0);
        }
        if let Some(c) = accept(doc, c, pi == 0 && weak) {
            out.push(c);
        }
    }
}

/// Cues from the words around a candidate: party tags, "(ALU)", "(@x)",
/// role nouns before it, appositions after it, speech verbs, "in X",
/// "X, Ore.".
fn context_cues(doc: &Doc, first: usize, last: usize, c: &mut Cand, has_front: bool) {
    let text = doc.text;
    let (sa, sb) = doc.sents[doc.toks[first].sent];
    let tw = |i: usize| -> Option<&str> { (i >= sa && i < sb).then(|| doc.w(i)) };
    let tl = |i: usize| -> Option<&str> { (i >= sa && i < sb).then(|| doc.l(i)) };
    let key_last = c.words.last().map(|w| w.lower.clone()).unwrap_or_default();
    let headed = lexicon::is_org_head(&key_last) || lexicon::is_place_head(&key_last);
    // Possessive or cut-off last token ends the name: no following cues.
    let last_core_cut = name_core(text, doc.toks[last].span).1;
    if !last_core_cut {
        // ", D-N.Y." / "(D-NY)"
        let after = |k: usize| tw(last + k);
        let party = (after(1) == Some(",") && after(2).is_some_and(is_party_tag))
            || (after(1) == Some("(") && after(2).is_some_and(is_party_tag));
        if party {
            c.ev.person += 3;
            c.roles
                .extend_from_slice(&["lawmaker", "legislator", "politician"]);
        }
        if after(1) == Some("(") && after(3) == Some(")") {
            if let Some(x) = after(2) {
                if is_acronym(x) && !is_party_tag(x) {
                    c.acr_def = Some(lower(x).replace('.', ""));
                } else if doc.toks[last + 2].kind == TokenKind::Handle {
                    c.handle_def = Some(handle_key(x));
                }
            }
        }
        // "Salem, Ore." / "Berlin, Germany"
        if after(1) == Some(",") {
            if let Some(lx) = tl(last + 2) {
                if lexicon::is_state_abbrev(lx.trim_end_matches('.'))
                    || (lexicon::is_place(lx) && c.content_len() == 1)
                {
                    c.ev.place += 2;
                }
            }
        }
        // "Spence said"
        if tl(last + 1).is_some_and(lexicon::is_speech_verb) && !headed {
            c.ev.person += 1;
        }
        // Apposition: ", one of the union organizers"
        if after(1) == Some(",") && !headed {
            let mut k = 2;
            let mut seen = 0;
            while let Some(x) = after(k) {
                if doc.toks[last + k].kind != TokenKind::Word || seen >= 6 {
                    break;
                }
                let lx = doc.l(last + k);
                if matches!(lx, "who" | "whose" | "which" | "where" | "that" | "and") {
                    break;
                }
                if is_cap(x) && !matches!(lx, "the" | "a" | "an") {
                    break;
                }
                if let Some(g) = lexicon::person_role(singular(lx)) {
                    if !lexicon::is_known_org(&key_last) {
                        c.ev.person += 2;
                        c.roles.push(static_role(singular(lx)));
                        c.gender = c.gender.or(g);
                    }
                    break;
                }
                seen += 1;
                k += 1;
            }
        }
    }
    if has_front && first > sa {
        let p = doc.w(first - 1);
        let lp = doc.l(first - 1);
        if doc.is_word(first - 1) && !is_cap(p) {
            let base = lp.strip_prefix("co-").unwrap_or(lp);
            if !headed && lexicon::is_prenominal_role(lp) {
                c.ev.person += 2;
                if let Some(g) = lexicon::person_role(base) {
                    c.roles.push(static_role(base));
                    c.gender = c.gender.or(g);
                }
            } else if lexicon::is_speech_verb(lp) && !headed {
                c.ev.person += 1;
            } else if matches!(lp, "in" | "near" | "outside" | "across") {
                c.ev.place += 1;
            }
        }
    }
}

/// The lexicon's own `&'static str` for a role noun (roles are stored as
/// static strings).
fn static_role(w: &str) -> &'static str {
    const ALL: &[&str] = &[
        "representative",
        "lawmaker",
        "legislator",
        "politician",
        "senator",
        "president",
        "governor",
        "mayor",
        "minister",
        "premier",
        "chancellor",
        "organizer",
        "organiser",
        "advocate",
        "activist",
        "founder",
        "co-founder",
        "cofounder",
        "ceo",
        "executive",
        "chief",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chair",
        "chairman",
        "chairwoman",
        "secretary",
        "judge",
        "justice",
        "attorney",
        "lawyer",
        "prosecutor",
        "sheriff",
        "officer",
        "detective",
        "coach",
        "actor",
        "actress",
        "singer",
        "rapper",
        "musician",
        "star",
        "player",
        "candidate",
        "host",
        "co-host",
        "anchor",
        "reporter",
        "journalist",
        "columnist",
        "author",
        "writer",
        "director",
        "producer",
        "suspect",
        "victim",
        "pope",
        "pontiff",
        "monarch",
        "general",
        "commander",
        "leader",
        "pastor",
        "priest",
        "cleric",
        "bishop",
        "professor",
        "doctor",
        "teacher",
        "student",
        "worker",
        "employee",
        "economist",
        "analyst",
        "researcher",
        "scientist",
        "official",
        "ambassador",
        "diplomat",
        "designer",
        "comedian",
        "billionaire",
        "entrepreneur",
        "owner",
        "manager",
        "boss",
        "pilot",
        "captain",
        "driver",
        "gunman",
        "shooter",
        "defendant",
        "plaintiff",
        "lieutenant",
        "sergeant",
        "colonel",
        "investor",
        "athlete",
        "quarterback",
        "striker",
        "goalkeeper",
        "filmmaker",
        "artist",
        "photographer",
        "dancer",
        "speaker",
        "congresswoman",
        "congressman",
        "businesswoman",
        "businessman",
        "queen",
        "king",
        "prince",
        "princess",
        "mother",
        "father",
        "wife",
        "husband",
        "daughter",
        "son",
        "woman",
        "man",
        "sister",
        "brother",
        "girlfriend",
        "boyfriend",
        "grandmother",
        "grandfather",
        "counsel",
        "lady",
    ];
    ALL.iter().find(|r| **r == w).copied().unwrap_or("person")
}

/// Decide whether a cleaned candidate can be a name at all.
fn accept(doc: &Doc, mut c: Cand, weak: bool) -> Option<Cand> {
    let text = doc.text;
    if c.content_len() == 0 {
        return None;
    }
    if c.content_len() == 1 {
        let w = c.words.iter().find(|w| !w.connector)?;
        let surface = w.span.slice(text);
        let l = w.lower.as_str();
        // "May" is a month unless a title or a speech verb makes it a
        // person ("Mrs. May", "May said"); elsewhere outside a date it may
        // still refer to a known person ("and May left").
        let is_month = lexicon::is_month_or_day(l.trim_end_matches('.')) && !l.ends_with("day");
        let month = lexicon::is_month_or_day(l.trim_end_matches('.'))
            && !(is_month && (c.ev.person > 0 || !in_date(doc, w.span)));
        if is_month && c.ev.person == 0 && !month {
            c.lookup_only = true;
        }
        if lexicon::is_never_name(l.trim_end_matches('.'))
            || month
            || (lexicon::is_stopword(l) && !is_month)
            || lexicon::is_state_abbrev(l.trim_end_matches('.'))
            || !surface.chars().any(char::is_alphabetic)
        {
            return None;
        }
        if lexicon::is_demonym_or_adjective(l) {
            return None;
        }
        let lexical = lexicon::is_place(l)
            || lexicon::is_known_org(l)
            || lexicon::place_alias(l).is_some()
            || is_acronym(surface)
            || inner_capital(surface);
        if !lexical && doc.lower_seen.contains(l) {
            // A common word capitalised: only as a reference to a known name.
            c.lookup_only = true;
        }
        if weak && !lexical {
            c.lookup_only = true;
        }
    }
    if c.content_len() >= 2
        && c.words
            .iter()
            .all(|w| w.connector || lexicon::is_month_or_day(&w.lower))
    {
        return None;
    }
    Some(c)
}

/// Whether a month word at `span` reads as a date: after "in", "on",
/// "since"... or before a number.
fn in_date(doc: &Doc, span: Span) -> bool {
    let i = doc.toks.partition_point(|t| t.span.start < span.start);
    if i >= doc.toks.len() {
        return true;
    }
    let (a, b) = doc.sents[doc.toks[i].sent];
    if i > a {
        let p = doc.l(i - 1);
        if matches!(
            p,
            "in" | "on"
                | "since"
                | "until"
                | "till"
                | "by"
                | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
                | "of"
                | "through"
                | "from"
                | "to"
                | "before"
                | "after"
                | "during"
                | "between"
        ) || p.chars().all(|ch| ch.is_ascii_digit())
        {
            return true;
        }
        // "April and May"
        if matches!(p, "and" | "or" | "-" | "–")
            && i >= a + 2
            && lexicon::is_month_or_day(doc.l(i - 2))
        {
            return true;
        }
    }
    i + 1 < b
        && doc
            .w(i + 1)
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_digit())
}

/// Normalise a handle for matching: without "@", lowercase, no "_".
fn handle_key(h: &str) -> String {
    lower(h.trim_start_matches('@')).replace(['_', '.'], "")
}

/// Initials of a multiword name (several variants: with and without
/// connectors, with hyphen parts split or not).
fn initials(words: &[Word], text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for with_conn in [false, true] {
        for split_hyphen in [true, false] {
            let mut s = String::new();
            for w in words {
                if w.connector
                    && (!with_conn || lexicon::is_initials_skip(&w.lower) && w.lower == "the")
                {
                    continue;
                }
                if w.connector && !with_conn {
                    continue;
                }
                let surf = w.span.slice(text);
                let parts: Vec<&str> = if split_hyphen {
                    surf.split('-').collect()
                } else {
                    vec![surf]
                };
                for p in parts {
                    if let Some(ch) = p.chars().next() {
                        s.extend(ch.to_lowercase());
                    }
                }
            }
            if s.chars().count() >= 2 && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Working state of one entity.
#[derive(Debug, Default)]
struct Ent {
    key: String,
    ev: Evidence,
    roles: Vec<&'static str>,
    genders: Vec<Gender>,
    mentions: Vec<Mention>,
    /// Surface words of the longest full name (for surname and initials).
    words: Vec<Word>,
    company: bool,
    kind: Option<EntityKind>,
    /// Countries of titles the person was named with ("French President").
    nats: Vec<&'static str>,
}

impl Ent {
    fn gender(&self) -> Option<Gender> {
        let g = *self.genders.first()?;
        self.genders.iter().all(|x| *x == g).then_some(g)
    }
}

/// Items for the in-order linking pass.
enum Item {
    /// A mention already assigned during grouping of full names.
    Assigned(usize, Span),
    /// A single-word name, acronym or headline piece to link (or create).
    Cand(Cand),
    Handle(Span),
    /// A description, its role or kind noun, and the country of a title
    /// ("the Israeli Prime Minister").
    Desc(Span, String, Option<&'static str>),
}

impl Item {
    fn start(&self) -> usize {
        match self {
            Item::Assigned(_, s) | Item::Handle(s) | Item::Desc(s, _, _) => s.start,
            Item::Cand(c) => c.span().start,
        }
    }
}

fn is_person_like(c: &Cand) -> bool {
    let last = c.words.last().map(|w| w.lower.as_str()).unwrap_or("");
    let first = c.words.first().map(|w| w.lower.as_str()).unwrap_or("");
    c.ev.person > 0
        || (lexicon::is_first_name(first)
            && !lexicon::is_org_head(last)
            && !lexicon::is_place_head(last)
            && !lexicon::is_place(&c.key()))
}

/// Find the entities of one article.
pub fn find_entities(text: &str, sentences: &[Span]) -> Vec<Entity> {
    find_entities_tokenized(text, sentences, &crate::sentence_tokens(text, sentences))
}

/// [`find_entities`] with each sentence's tokens already made.
pub(crate) fn find_entities_tokenized(
    text: &str,
    sentences: &[Span],
    sent_toks: &[Vec<Token>],
) -> Vec<Entity> {
    let doc = Doc::new(text, sentences, sent_toks);
    // 1. Candidates.
    let mut cands: Vec<Cand> = Vec::new();
    for &(a, b) in &doc.sents {
        let h = headline_end(&doc, a, b);
        for run in runs_in(&doc, a, b) {
            let headline = run.first_tok < h;
            clean_run(&doc, run, headline, &mut cands);
        }
    }
    // 2. Group multiword names.
    let mut ents: Vec<Ent> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::default();
    let mut items: Vec<Item> = Vec::new();
    let mut rest: Vec<Cand> = Vec::new();
    // Words used alone as names somewhere: a multiword name whose last word
    // is one of them is likely a person ("Robyn Mendes" ... "Mendes said").
    let standalone: HashSet<String> = cands
        .iter()
        .filter(|c| c.content_len() == 1)
        .map(Cand::key)
        .collect();
    for mut c in cands {
        let multi = c.content_len() >= 2 && !c.lookup_only;
        if multi
            && c.ev.person == 0
            && c.words.len() <= 3
            && c.words.iter().all(|w| {
                !w.connector
                    && !is_acronym(w.span.slice(text))
                    && !lexicon::is_org_head(&w.lower)
                    && !lexicon::is_place_head(&w.lower)
                    && !lexicon::is_known_org(&w.lower)
                    && !lexicon::is_place(&w.lower)
            })
            && c.words
                .last()
                .is_some_and(|w| standalone.contains(&w.lower))
            && !lexicon::is_place(&c.key())
        {
            c.ev.person += 1;
        }
        if !multi {
            rest.push(c);
            continue;
        }
        let key = c.key();
        let person = is_person_like(&c);
        let mut target = by_key.get(&key).copied();
        if target.is_none() && person {
            let sur = c.words.last().map(|w| w.lower.clone()).unwrap_or_default();
            let first = c.words[0].lower.clone();
            if let Some(list) = by_surname.get(&sur) {
                target = list.iter().rev().copied().find(|&e| {
                    ents[e].words.len() >= 2
                        && lexicon::first_names_compatible(&ents[e].words[0].lower, &first)
                });
            }
        }
        let e = match target {
            Some(e) => e,
            None => {
                ents.push(Ent {
                    key: key.clone(),
                    ..Default::default()
                });
                ents.len() - 1
            }
        };
        if person {
            let sur = c.words.last().map(|w| w.lower.clone()).unwrap_or_default();
            let list = by_surname.entry(sur).or_default();
            if !list.contains(&e) {
                list.push(e);
            }
        }
        by_key.entry(key).or_insert(e);
        absorb(&mut ents[e], &c, text);
        ents[e].mentions.push(Mention {
            span: c.span(),
            form: MentionForm::Name,
        });
        items.push(Item::Assigned(e, c.span()));
        if let Some(a) = &c.acr_def {
            by_key.entry(format!("acr:{a}")).or_insert(e);
        }
        if let Some(h) = &c.handle_def {
            by_key.entry(format!("@{h}")).or_insert(e);
        }
    }
    // Kinds of the multiword entities so far (used for surname linking).
    for e in &mut ents {
        e.kind = Some(kind_of(e));
    }
    let person_surnames: HashSet<String> = ents
        .iter()
        .filter(|e| e.kind == Some(EntityKind::Person) && e.words.len() >= 2)
        .filter_map(|e| e.words.last().map(|w| w.lower.clone()))
        .collect();
    // Known single words (from strong positions), for weak/headline words.
    let mut known: HashSet<String> = by_key.keys().cloned().collect();
    known.extend(person_surnames.iter().cloned());
    for c in &rest {
        if !c.lookup_only {
            known.insert(c.key());
        }
        if let Some(a) = &c.acr_def {
            known.insert(format!("acr:{a}"));
        }
    }
    for c in rest {
        if c.lookup_only && c.content_len() >= 2 {
            // Headline run: keep the longest pieces that name something known.
            for piece in known_pieces(&c, &known, &person_surnames, &ents, text) {
                items.push(Item::Cand(piece));
            }
        } else {
            items.push(Item::Cand(c));
        }
    }
    // Handles and descriptions.
    for (i, t) in doc.toks.iter().enumerate() {
        if t.kind == TokenKind::Handle {
            items.push(Item::Handle(t.span));
        } else if t.kind == TokenKind::Word && doc.l(i) == "the" && i + 1 < doc.toks.len() {
            if let Some((span, noun)) = description_at(&doc, i) {
                items.push(Item::Desc(span, noun, None));
            }
        }
        if let Some((span, noun, nat)) = title_desc_at(&doc, i) {
            items.push(Item::Desc(span, noun, nat));
        }
    }
    items.sort_by_key(|it| it.start());
    // 3. Link in text order.
    link(&doc, &mut ents, &mut by_key, &by_surname, &known, items);
    seats_of_government(&doc, &mut ents, &by_key);
    // 4. Pronouns.
    for e in &mut ents {
        e.kind = Some(kind_of(e));
    }
    pronouns(&doc, &mut ents);
    finish(text, ents)
}

/// Split a headline run into pieces that name something already known.
fn known_pieces(
    c: &Cand,
    known: &HashSet<String>,
    surnames: &HashSet<String>,
    ents: &[Ent],
    text: &str,
) -> Vec<Cand> {
    let _ = ents;
    let mut out = Vec::new();
    let ws = &c.words;
    let mut i = 0;
    while i < ws.len() {
        let mut found = None;
        for j in (i + 1..=ws.len().min(i + 5)).rev() {
            if ws[i].connector || ws[j - 1].connector {
                continue;
            }
            let key = ws[i..j]
                .iter()
                .map(|w| w.lower.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let surf = ws[i].span.slice(text);
            let ok = known.contains(&key)
                || (j == i + 1 && surnames.contains(&key))
                || (j == i + 1 && is_acronym(surf) && !lexicon::is_never_name(&key));
            if ok {
                found = Some(j);
                break;
            }
        }
        match found {
            Some(j) => {
                out.push(Cand {
                    words: ws[i..j].to_vec(),
                    lookup_only: true,
                    ev: Evidence::default(),
                    roles: Vec::new(),
                    gender: None,
                    acr_def: None,
                    handle_def: None,
                    nat: None,
                });
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

/// Capitalised title words starting at token `i` ("Prime Minister",
/// "President"): the index after the last one, and the role noun.
fn title_words(doc: &Doc, i: usize) -> Option<(usize, String)> {
    let (_, b) = doc.sents[doc.toks[i].sent];
    let mut j = i;
    let mut noun = String::new();
    while j < b && cap_word(doc, j) {
        let l = doc.l(j);
        let ok = lexicon::title_roles(l).is_some_and(|(rs, _)| !rs.is_empty())
            && lexicon::person_role(l).is_some()
            || (l == "prime" && j + 1 < b && doc.w(j + 1).eq_ignore_ascii_case("minister"));
        if !ok || (j > i && !doc.adjacent(j - 1)) {
            break;
        }
        noun = if l == "prime" {
            "minister".into()
        } else {
            l.to_string()
        };
        j += 1;
    }
    (j > i).then_some((j, noun))
}

/// A title used without a name: "Israeli Prime Minister", "the Prime
/// Minister", "U.S. President" (span, role noun, country). "Mr. President"
/// is left out: it addresses someone, often not the last one named.
/// A title followed by a name ("Prime Minister Theresa May") is part of the
/// name instead.
fn title_desc_at(doc: &Doc, i: usize) -> Option<(Span, String, Option<&'static str>)> {
    if !cap_word(doc, i) {
        return None;
    }
    let (a, b) = doc.sents[doc.toks[i].sent];
    let (j, noun) = title_words(doc, i)?;
    // Start of a title sequence only.
    if i > a && doc.adjacent(i - 1) && title_words(doc, i - 1).is_some() {
        return None;
    }
    // A name, "of", or a possessive tail after the title: not a bare title.
    if j < b && doc.adjacent(j - 1) {
        let nx = doc.w(j);
        if cap_word(doc, j) || matches!(nx, "of" | "-" | "'s" | "’s") {
            return None;
        }
    }
    if name_core(doc.text, doc.toks[j - 1].span).1 {
        return None;
    }
    let mut start = i;
    let mut nat = None;
    let mut qualified = j - i >= 2;
    if i > a && doc.adjacent(i - 1) {
        let p = doc.w(i - 1);
        let lp = lower(p).replace('.', "");
        let country = lexicon::adjective_country(&lp)
            .or_else(|| lexicon::place_alias(&lp))
            .or_else(|| lexicon::country(&lp));
        if let Some(c) = country.filter(|_| is_cap(p)) {
            nat = Some(c);
            start = i - 1;
            qualified = true;
        }
    }
    if start > a && doc.adjacent(start - 1) && matches!(doc.l(start - 1), "the" | "a") {
        start -= 1;
    } else if start == i && !qualified {
        return None;
    }
    if !qualified {
        // "the President" alone is left to `description_at`.
        return None;
    }
    Some((
        Span::new(doc.toks[start].span.start, doc.toks[j - 1].span.end),
        noun,
        nat,
    ))
}

/// "the congresswoman", "the company": a description at token `i` ("the").
fn description_at(doc: &Doc, i: usize) -> Option<(Span, String)> {
    let n = i + 1;
    if !doc.is_word(n) || doc.toks[n].sent != doc.toks[i].sent || !doc.adjacent(i) {
        return None;
    }
    let (core, cut) = name_core(doc.text, doc.toks[n].span);
    let noun = doc.core_lower(n, core);
    if lexicon::person_role(&noun).is_none() && lexicon::org_description(&noun).is_none() {
        return None;
    }
    if !cut && n + 1 < doc.toks.len() && doc.toks[n + 1].sent == doc.toks[n].sent {
        let nx = doc.w(n + 1);
        // "the company, Acme Inc., ..." names what follows, not an antecedent.
        if nx == ","
            && n + 2 < doc.toks.len()
            && doc.toks[n + 2].sent == doc.toks[n].sent
            && cap_word(doc, n + 2)
        {
            return None;
        }
        if doc.is_word(n + 1) {
            let l = doc.l(n + 1);
            if is_cap(nx) {
                return None;
            }
            let verbish = l.ends_with("ed")
                || lexicon::is_speech_verb(l)
                || matches!(
                    l,
                    "is" | "was"
                        | "has"
                        | "had"
                        | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "did"
                        | "does"
                        | "also"
                        | "and"
                        | "to"
                        | "in"
                        | "on"
                        | "for"
                        | "with"
                        | "that"
                        | "who"
                        | "which"
                        | "of"
                        | "at"
                        | "from"
                        | "by"
                        | "as"
                        | "but"
                        | "or"
                        | "is not"
                        | "says"
                        | "wants"
                        | "plans"
                        | "should"
                        | "must"
                        | "may"
                        | "might"
                        | "cannot"
                        | "isn't"
                        | "wasn't"
                        | "hasn't"
                        | "didn't"
                        | "doesn't"
                        | "won't"
                        | "then"
                        | "now"
                        | "still"
                        | "even"
                        | "never"
                        | "reportedly"
                        | "previously"
                        | "itself"
                        | "herself"
                        | "himself"
                );
            if !verbish {
                return None;
            }
        }
    }
    Some((
        Span::new(doc.toks[i].span.start, core.end),
        noun.into_owned(),
    ))
}

/// Take only a candidate's context cues (roles, gender, evidence).
fn absorb_cues(e: &mut Ent, c: &Cand) {
    e.ev.add(c.ev);
    if let Some(n) = c.nat {
        if !e.nats.contains(&n) {
            e.nats.push(n);
        }
    }
    for r in &c.roles {
        if !e.roles.contains(r) {
            e.roles.push(r);
        }
    }
    if let Some(g) = c.gender {
        e.genders.push(g);
    }
}

/// Take a candidate's evidence, roles and name words into an entity.
fn absorb(e: &mut Ent, c: &Cand, text: &str) {
    absorb_cues(e, c);
    let content: Vec<&Word> = c.words.iter().filter(|w| !w.connector).collect();
    let first = content.first().map(|w| w.lower.as_str()).unwrap_or("");
    let last = content.last().map(|w| w.lower.as_str()).unwrap_or("");
    let key = c.key();
    let surf = c.span().slice(text);
    if content.len() >= 2 {
        if lexicon::is_first_name(first)
            && !lexicon::is_org_head(last)
            && !lexicon::is_place_head(last)
        {
            e.ev.person += 1;
            if let Some(g) = lexicon::first_name_gender(first) {
                e.genders.push(g);
            }
        }
        if lexicon::is_org_head(last)
            || content
                .iter()
                .any(|w| lexicon::is_known_org(&w.lower) && w.lower.len() > 3)
        {
            e.ev.org += 3;
        }
        if lexicon::is_place_head(last) {
            e.ev.place += 2;
        }
    } else if lexicon::is_known_org(first) {
        e.ev.org += 3;
    }
    if lexicon::is_place(&key) || lexicon::place_alias(&key.replace(' ', "")).is_some() {
        e.ev.place += 3;
    }
    if content.iter().any(|w| lexicon::is_company_word(&w.lower)) {
        e.company = true;
    }
    if is_acronym(surf) && content.len() == 1 && e.ev.place == 0 && e.ev.person == 0 {
        e.ev.org += 1;
    }
    if c.words.len() > e.words.len()
        || (c.words.len() == e.words.len() && surf.len() > words_len(&e.words))
    {
        e.words = c.words.clone();
    }
}

fn words_len(ws: &[Word]) -> usize {
    match (ws.first(), ws.last()) {
        (Some(a), Some(b)) => b.span.end - a.span.start,
        _ => 0,
    }
}

fn kind_of(e: &Ent) -> EntityKind {
    let ev = e.ev;
    if ev.person == 0 && ev.org == 0 && ev.place == 0 {
        return EntityKind::Other;
    }
    if ev.org >= ev.person && ev.org >= ev.place {
        EntityKind::Organization
    } else if ev.place >= ev.person {
        EntityKind::Place
    } else {
        EntityKind::Person
    }
}

/// Most-recent trackers for the linking pass.
#[derive(Default)]
struct Recent {
    by_surname: HashMap<String, usize>,
    by_initials: HashMap<String, usize>,
    by_role: HashMap<&'static str, usize>,
    /// (role, country of the title): "French President".
    by_role_nat: HashMap<(&'static str, &'static str), usize>,
    by_head: HashMap<String, usize>,
    company: Option<usize>,
}

/// Kinship and companion roles: a person introduced this way ("his wife
/// Brigitte Macron", "first lady Melania Trump") does not take over the bare
/// surname from the person it is introduced by.
fn is_kin(ent: &Ent) -> bool {
    ent.roles.iter().any(|r| {
        matches!(
            *r,
            "wife"
                | "husband"
                | "son"
                | "daughter"
                | "mother"
                | "father"
                | "brother"
                | "sister"
                | "lady"
                | "girlfriend"
                | "boyfriend"
                | "grandmother"
                | "grandfather"
        )
    })
}

impl Recent {
    fn touch(&mut self, ents: &[Ent], e: usize, text: &str) {
        let ent = &ents[e];
        let kind = kind_of(ent);
        let content: Vec<&Word> = ent.words.iter().filter(|w| !w.connector).collect();
        if kind == EntityKind::Person && content.len() >= 2 {
            if let Some(w) = content.last() {
                // The holder already goes by the bare surname: a relative
                // named later does not take it over.
                let held = is_kin(ent)
                    && self.by_surname.get(&w.lower).is_some_and(|&o| {
                        o != e
                            && (ents[o].words.len() < 2
                                || ents[o]
                                    .mentions
                                    .iter()
                                    .any(|m| m.form == MentionForm::Partial))
                    });
                if !held {
                    self.by_surname.insert(w.lower.clone(), e);
                }
            }
        }
        if content.len() >= 2 {
            for i in initials(&ent.words, text) {
                self.by_initials.insert(i, e);
            }
        }
        if kind == EntityKind::Person {
            for r in &ent.roles {
                self.by_role.insert(r, e);
                for n in &ent.nats {
                    self.by_role_nat.insert((r, n), e);
                }
            }
        }
        if kind == EntityKind::Organization {
            for w in &content {
                self.by_head.insert(w.lower.clone(), e);
            }
            if ent.company {
                self.company = Some(e);
            }
        }
    }
}

fn link(
    doc: &Doc,
    ents: &mut Vec<Ent>,
    by_key: &mut HashMap<String, usize>,
    by_surname: &HashMap<String, Vec<usize>>,
    known: &HashSet<String>,
    items: Vec<Item>,
) {
    let text = doc.text;
    // Fallbacks when nothing was mentioned before: first entity by initials.
    let mut first_initials: HashMap<String, usize> = HashMap::default();
    let mut first_pos: Vec<usize> = ents
        .iter()
        .map(|e| e.mentions.first().map_or(usize::MAX, |m| m.span.start))
        .collect();
    let mut order: Vec<usize> = (0..ents.len()).collect();
    order.sort_by_key(|&e| first_pos[e]);
    for &e in &order {
        if ents[e].words.iter().filter(|w| !w.connector).count() >= 2 {
            for i in initials(&ents[e].words, text) {
                first_initials.entry(i).or_insert(e);
            }
        }
    }
    let mut handle_index: HashMap<String, usize> = HashMap::default();
    for &e in &order {
        let content: Vec<&Word> = ents[e].words.iter().filter(|w| !w.connector).collect();
        if content.len() >= 2 {
            let mut acc = String::new();
            for (k, w) in content.iter().enumerate() {
                acc.push_str(&handle_key(w.span.slice(text)));
                if k >= 1 {
                    handle_index.entry(acc.clone()).or_insert(e);
                }
            }
        }
    }
    // First names of people, when only one person has it.
    let mut first_names: HashMap<String, usize> = HashMap::default();
    for (e, ent) in ents.iter().enumerate() {
        if ent.kind == Some(EntityKind::Person) && ent.words.len() >= 2 {
            let f = ent.words[0].lower.clone();
            let v = first_names.entry(f).or_insert(e);
            if *v != e {
                *v = usize::MAX;
            }
        }
    }
    let mut recent = Recent::default();
    for it in items {
        match it {
            Item::Assigned(e, _) => recent.touch(ents, e, text),
            Item::Cand(c) => {
                let span = c.span();
                let key = c.key();
                let surf = span.slice(text);
                let acr = is_acronym(surf) && c.content_len() == 1;
                let akey = lower(surf).replace('.', "");
                let mut form = MentionForm::Name;
                let mut target: Option<usize> = None;
                if acr {
                    form = MentionForm::Acronym;
                    target = by_key
                        .get(&format!("acr:{akey}"))
                        .copied()
                        .or_else(|| {
                            lexicon::place_alias(&lower(surf))
                                .or_else(|| lexicon::place_alias(&akey))
                                .and_then(|full| by_key.get(full).copied())
                        })
                        .or_else(|| recent.by_initials.get(&akey).copied())
                        .or_else(|| first_initials.get(&akey).copied());
                    if target.is_none() {
                        target = by_key.get(&key).copied();
                        form = MentionForm::Name;
                    }
                } else if c.content_len() == 1 {
                    // A title's gender ("Mr. Trump") rules out people of the
                    // other gender.
                    let fits = |e: usize| {
                        c.gender.is_none()
                            || ents[e].gender().is_none()
                            || ents[e].gender() == c.gender
                    };
                    if let Some(e) = recent.by_surname.get(&key).copied().filter(|&e| fits(e)) {
                        target = Some(e);
                        form = MentionForm::Partial;
                    } else if let Some(list) = by_surname.get(&key) {
                        let people = list
                            .iter()
                            .copied()
                            .filter(|&e| ents[e].kind == Some(EntityKind::Person) && fits(e));
                        let seen = |e: usize| first_pos[e] < span.start;
                        let pick = if recent.by_surname.contains_key(&key) {
                            // The recent one does not fit: the latest that does.
                            people.filter(|&e| seen(e)).max_by_key(|&e| {
                                ents[e]
                                    .mentions
                                    .iter()
                                    .map(|m| m.span.start)
                                    .filter(|&p| p < span.start)
                                    .max()
                            })
                        } else {
                            // Not mentioned yet: the first person with it,
                            // unless introduced as someone's relative (then
                            // the bare surname is another, known person).
                            people
                                .filter(|&e| !is_kin(&ents[e]))
                                .min_by_key(|&e| first_pos[e])
                        };
                        if let Some(e) = pick {
                            target = Some(e);
                            form = MentionForm::Partial;
                        }
                    }
                    if target.is_none() {
                        target = by_key.get(&key).copied();
                    }
                    if target.is_none() && lexicon::is_first_name(&key) {
                        // "Craig" for the only Craig of the article.
                        if let Some(&e) = first_names.get(&key) {
                            if e != usize::MAX {
                                target = Some(e);
                                form = MentionForm::Partial;
                            }
                        }
                    }
                } else {
                    target = by_key.get(&key).copied();
                }
                if let Some(e) = metonymic_capital(doc, &c, by_key) {
                    // "Tehran warned": the country's government.
                    target = Some(e);
                    form = MentionForm::Partial;
                }
                if target.is_none() && c.lookup_only && !acr && !known.contains(&key) {
                    continue;
                }
                let e = match target {
                    Some(e) => e,
                    None => {
                        ents.push(Ent {
                            key: key.clone(),
                            ..Default::default()
                        });
                        first_pos.push(span.start);
                        let e = ents.len() - 1;
                        by_key.insert(key.clone(), e);
                        if let Some(full) = lexicon::place_alias(&lower(surf)) {
                            by_key.entry(full.to_string()).or_insert(e);
                        }
                        e
                    }
                };
                if form == MentionForm::Name && ents[e].key != key && !ents[e].mentions.is_empty() {
                    // A shorter or different form of a known entity.
                    form = if acr {
                        MentionForm::Acronym
                    } else {
                        MentionForm::Partial
                    };
                }
                if form == MentionForm::Name || ents[e].words.is_empty() {
                    absorb(&mut ents[e], &c, text);
                } else {
                    absorb_cues(&mut ents[e], &c);
                }
                ents[e].mentions.push(Mention { span, form });
                if let Some(a) = &c.acr_def {
                    by_key.entry(format!("acr:{a}")).or_insert(e);
                }
                recent.touch(ents, e, text);
                if !acr
                    && c.content_len() == 1
                    && ents[e].words.len() < 2
                    && by_surname.contains_key(&key)
                {
                    // A bare surname used before any full name with it keeps
                    // its own referent against relatives named later.
                    recent.by_surname.entry(key).or_insert(e);
                }
            }
            Item::Handle(span) => {
                let h = handle_key(span.slice(text));
                if h.is_empty() {
                    continue;
                }
                let target = by_key
                    .get(&format!("@{h}"))
                    .copied()
                    .or_else(|| by_key.get(&format!("acr:{h}")).copied())
                    .or_else(|| recent.by_initials.get(&h).copied())
                    .or_else(|| handle_index.get(&h).copied())
                    .or_else(|| recent.by_surname.get(&h).copied())
                    .or_else(|| by_key.get(&h).copied())
                    .or_else(|| {
                        // "@amazonlabor" for "Amazon Labor Union": a prefix of
                        // whole words, at least two of them.
                        handle_index
                            .iter()
                            .filter(|(k, _)| k.len() > h.len() && k.starts_with(h.as_str()))
                            .map(|(_, &e)| e)
                            .min()
                            .filter(|_| h.len() >= 6 && handle_index.len() <= 4096)
                    });
                let e = match target {
                    Some(e) => e,
                    None => {
                        let key = format!("@{h}");
                        ents.push(Ent {
                            key: key.clone(),
                            ..Default::default()
                        });
                        first_pos.push(span.start);
                        let e = ents.len() - 1;
                        by_key.insert(key, e);
                        e
                    }
                };
                ents[e].mentions.push(Mention {
                    span,
                    form: MentionForm::Handle,
                });
                recent.touch(ents, e, text);
            }
            Item::Desc(span, noun, nat) => {
                let target = if let Some(heads) = lexicon::org_description(&noun) {
                    if heads == ["*company"] {
                        recent.company
                    } else {
                        heads
                            .iter()
                            .filter_map(|h| recent.by_head.get(*h).copied())
                            .max_by_key(|&e| ents[e].mentions.last().map_or(0, |m| m.span.start))
                    }
                } else {
                    let g = lexicon::person_role(&noun).flatten();
                    let role = static_role(&noun);
                    let by_nat = nat.and_then(|n| recent.by_role_nat.get(&(role, n)).copied());
                    by_nat
                        .or_else(|| {
                            // A titled person of another country is not meant.
                            recent
                                .by_role
                                .get(role)
                                .copied()
                                .filter(|&e| nat.is_none() || ents[e].nats.is_empty())
                        })
                        .filter(|&e| {
                            g.is_none() || ents[e].gender().is_none() || ents[e].gender() == g
                        })
                };
                if let Some(e) = target {
                    // Only when the entity was mentioned recently (same or a
                    // nearby paragraph).
                    let last = ents[e]
                        .mentions
                        .iter()
                        .map(|m| m.span.end)
                        .filter(|&x| x <= span.start)
                        .max();
                    if last.is_some_and(|l| span.start - l < 3000) {
                        ents[e].mentions.push(Mention {
                            span,
                            form: MentionForm::Description,
                        });
                    }
                }
            }
        }
    }
}

/// A capital standing for its country ("Tehran warned", "Moscow's
/// response"): the country's entity, when the article names the country and
/// the capital is not used as a place ("in Tehran", "to Moscow").
fn metonymic_capital(doc: &Doc, c: &Cand, by_key: &HashMap<String, usize>) -> Option<usize> {
    if c.content_len() != 1 {
        return None;
    }
    let country = lexicon::capital_country(&c.words[0].lower)?;
    let e = country_entity(by_key, country)?;
    (!used_as_place(doc, c.span())).then_some(e)
}

/// The country entity of the article, by its key or another name of it.
fn country_entity(by_key: &HashMap<String, usize>, country: &str) -> Option<usize> {
    by_key.get(country).copied().or_else(|| match country {
        "united kingdom" => by_key.get("britain").copied(),
        "united states" => by_key.get("america").copied(),
        _ => None,
    })
}

/// Whether a place name at `span` is used as a place: after "in", "to",
/// "visited"... (a "the" in between is skipped), or as a dateline ("Moscow,
/// Russia", "Tehran (Reuters)"). Otherwise a capital or a seat of
/// government names its government ("Tehran warned", "talks between
/// Washington and Pyongyang", "the White House said").
fn used_as_place(doc: &Doc, span: Span) -> bool {
    let i = doc.toks.partition_point(|t| t.span.start < span.start);
    if i >= doc.toks.len() || doc.toks[i].span.start != span.start {
        return true;
    }
    let j = doc.toks.partition_point(|t| t.span.start < span.end) - 1;
    let (a, b) = doc.sents[doc.toks[i].sent];
    let mut k = i;
    if k > a && doc.l(k - 1) == "the" {
        k -= 1;
    }
    if k > a {
        let p = doc.l(k - 1);
        let place_word = matches!(
            p,
            "in" | "at"
                | "to"
                | "from"
                | "into"
                | "near"
                | "outside"
                | "inside"
                | "across"
                | "through"
                | "toward"
                | "towards"
                | "via"
                | "of"
                | "around"
                | "visit"
                | "visited"
                | "visiting"
                | "left"
                | "reached"
                | "arrived"
                | "on"
                | "onto"
        ) || (k == i && cap_word(doc, k - 1));
        if place_word {
            return true;
        }
    }
    if j + 1 < b && matches!(doc.w(j + 1), "," | "(" | "-" | "—" | "–" | ":") {
        return !name_core(doc.text, doc.toks[j].span).1;
    }
    false
}

/// Mentions of a seat of government used for its government ("the White
/// House said", "the Kremlin denied") move to the country's entity when the
/// article names the country; "at the White House" stays the building.
fn seats_of_government(doc: &Doc, ents: &mut [Ent], by_key: &HashMap<String, usize>) {
    for e in 0..ents.len() {
        let Some(country) = lexicon::seat_country(&ents[e].key) else {
            continue;
        };
        let Some(target) = country_entity(by_key, country).filter(|&t| t != e) else {
            continue;
        };
        let (moved, kept): (Vec<Mention>, Vec<Mention>) =
            ents[e].mentions.iter().copied().partition(|m| {
                matches!(m.form, MentionForm::Name | MentionForm::Partial)
                    && !used_as_place(doc, m.span)
            });
        if moved.is_empty() {
            continue;
        }
        ents[e].mentions = kept;
        ents[target]
            .mentions
            .extend(moved.into_iter().map(|m| Mention {
                span: m.span,
                form: MentionForm::Partial,
            }));
    }
}

/// Link he/she pronouns to the single compatible person nearby.
fn pronouns(doc: &Doc, ents: &mut [Ent]) {
    // Person mentions per sentence: (start, entity).
    let mut per_sent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); doc.sents.len()];
    let mut pos_sent: Vec<(usize, usize)> =
        doc.toks.iter().map(|t| (t.span.start, t.sent)).collect();
    pos_sent.sort_unstable();
    for (e, ent) in ents.iter().enumerate() {
        if ent.kind != Some(EntityKind::Person) {
            continue;
        }
        for m in &ent.mentions {
            let k = pos_sent.partition_point(|&(p, _)| p <= m.span.start);
            if k > 0 {
                per_sent[pos_sent[k - 1].1].push((m.span.start, e));
            }
        }
    }
    let mut add: Vec<(usize, Span)> = Vec::new();
    for (i, t) in doc.toks.iter().enumerate() {
        if t.kind != TokenKind::Word || t.in_quote {
            continue;
        }
        let g = match doc.l(i) {
            "he" | "him" | "his" | "himself" => Gender::Male,
            "she" | "her" | "hers" | "herself" => Gender::Female,
            _ => continue,
        };
        let here: Vec<(usize, usize)> = per_sent[t.sent]
            .iter()
            .copied()
            .filter(|(p, _)| *p < t.span.start)
            .collect();
        let window: Vec<(usize, usize)> = if !here.is_empty() {
            here
        } else if t.sent > 0 {
            per_sent[t.sent - 1].clone()
        } else {
            Vec::new()
        };
        let mut cands: Vec<usize> = Vec::new();
        // A person noun between the last named person and the pronoun
        // ("... called out the member for her tweet") may be the antecedent.
        let last_pos = window.iter().map(|(p, _)| *p).max().unwrap_or(t.span.start);
        let from = doc.toks[..i].partition_point(|x| x.span.start <= last_pos);
        let mut blocked = (from..i).any(|k| {
            let l = doc.l(k);
            doc.is_word(k)
                && (lexicon::person_role(singular(l)).is_some()
                    || matches!(l, "member" | "members" | "people" | "someone" | "critics"))
        });
        let window: Vec<usize> = window.into_iter().map(|(_, e)| e).collect();
        for e in window {
            match ents[e].gender() {
                Some(x) if x == g => {
                    if !cands.contains(&e) {
                        cands.push(e);
                    }
                }
                Some(_) => {}
                None => blocked = true,
            }
        }
        if !blocked && cands.len() == 1 {
            add.push((cands[0], t.span));
        }
    }
    for (e, span) in add {
        ents[e].mentions.push(Mention {
            span,
            form: MentionForm::Pronoun,
        });
    }
}

/// Sort mentions, drop overlaps (first kept), pick names and aliases.
fn finish(text: &str, ents: Vec<Ent>) -> Vec<Entity> {
    let mut all: Vec<(Span, usize, MentionForm)> = Vec::new();
    for (e, ent) in ents.iter().enumerate() {
        for m in &ent.mentions {
            if m.span.start < m.span.end && text.get(m.span.range()).is_some() {
                all.push((m.span, e, m.form));
            }
        }
    }
    let rank = |f: MentionForm| match f {
        MentionForm::Name | MentionForm::Partial | MentionForm::Acronym | MentionForm::Handle => 0,
        MentionForm::Description => 1,
        MentionForm::Pronoun => 2,
    };
    // At one start the longer span wins ("U.S. President" over "U.S.").
    all.sort_by_key(|(s, _, f)| (s.start, std::cmp::Reverse(s.end), rank(*f)));
    let mut kept: Vec<Vec<Mention>> = vec![Vec::new(); ents.len()];
    let mut last_end = 0;
    for (span, e, form) in all {
        if span.start < last_end {
            continue;
        }
        last_end = span.end;
        kept[e].push(Mention { span, form });
    }
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<Entity> = Vec::new();
    for (ent, mentions) in ents.into_iter().zip(kept) {
        let named: Vec<&Mention> = mentions
            .iter()
            .filter(|m| !matches!(m.form, MentionForm::Description | MentionForm::Pronoun))
            .collect();
        if named.is_empty() {
            continue;
        }
        let pick = |forms: &[MentionForm]| {
            named
                .iter()
                .filter(|m| forms.contains(&m.form))
                .map(|m| norm(m.span.slice(text)))
                .max_by_key(|s| s.chars().count())
        };
        let name = pick(&[MentionForm::Name])
            .or_else(|| pick(&[MentionForm::Partial]))
            .or_else(|| pick(&[MentionForm::Acronym]))
            .or_else(|| pick(&[MentionForm::Handle]))
            .unwrap_or_default();
        let mut aliases: Vec<String> = Vec::new();
        for m in &named {
            let s = norm(m.span.slice(text));
            if s != name && !aliases.contains(&s) {
                aliases.push(s);
            }
        }
        out.push(Entity {
            name,
            kind: ent.kind.unwrap_or_else(|| kind_of(&ent)),
            aliases,
            mentions,
        });
    }
    out.sort_by_key(|e| e.mentions.first().map_or(0, |m| m.span.start));
    out
}

#[cfg(test)]
mod tests;
