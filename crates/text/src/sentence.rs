//! Sentence splitting inside one paragraph.
//!
//! The splitter walks the paragraph once. At every run of terminal
//! punctuation (`.`, `!`, `?`, `…`, and CJK / Arabic / Devanagari stops) it
//! swallows any closing quotes and brackets, then decides from a bounded
//! window around the run whether the sentence ends there. A single newline
//! inside a paragraph also ends a sentence when it separates list items or
//! follows a title-case headline line. Every decision looks at most
//! [`WINDOW`] bytes either side, so the whole pass is linear.

use crate::lexicon::{
    is_attribution_adverb, is_attribution_pronoun, is_attribution_verb, is_number_abbrev,
    is_object_attribution_verb, is_sentence_opener, is_state_abbrev, is_strong_abbrev,
    is_weak_abbrev,
};
use parallax_core::Span;

/// Longest word (in bytes) looked at when deciding a boundary; longer words
/// are never abbreviations, names or verbs.
const WORD_MAX: usize = 64;
/// Largest window (in bytes) scanned after a candidate boundary.
const WINDOW: usize = 256;

/// Sentence-final punctuation.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '｡'
            | '！'
            | '？'
            | '؟'
            | '۔'
            | '।'
            | '॥'
    )
}

/// Terminals of scripts written without spaces: they end a sentence even
/// when no whitespace follows.
fn is_unspaced_terminal(c: char) -> bool {
    matches!(c, '。' | '｡' | '！' | '？')
}

fn is_closing_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』' | '〞' | '〟' | '＂'
    )
}

fn is_closing_bracket(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '）' | '］' | '｝' | '】' | '〕' | '〉' | '》'
    )
}

pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '「'
            | '『'
            | '（'
            | '［'
            | '【'
            | '〈'
            | '《'
            | '¿'
            | '¡'
    )
}

/// Characters that, as the first thing after a candidate boundary, show the
/// sentence goes on.
fn is_continuation_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—' | '%' | '/'
    )
}

fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '-' | '*'
            | '•'
            | '–'
            | '—'
            | '·'
            | '▪'
            | '◦'
            | '‣'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '➢'
            | '✓'
    )
}

/// Does this line (already trimmed at the start) begin with a list marker:
/// a bullet followed by a space, or `1.` / `12)` followed by a space?
fn is_bullet_line(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if is_bullet_char(first) {
        return chars.next().is_some_and(char::is_whitespace);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let mut rest = line[digits..].chars();
        return matches!(rest.next(), Some('.' | ')'))
            && rest.next().is_some_and(char::is_whitespace);
    }
    false
}

/// Small words allowed in lower case inside a title-case headline.
fn is_title_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "for"
            | "to"
            | "and"
            | "or"
            | "but"
            | "at"
            | "by"
            | "with"
            | "from"
            | "vs"
            | "as"
            | "is"
            | "not"
    )
}

/// A line without final punctuation that reads like a headline: mostly
/// capitalised words, not too long.
fn is_headline(line: &str) -> bool {
    let mut words = 0usize;
    let mut caps = 0usize;
    let mut lower = 0usize;
    for w in line.split_whitespace() {
        words += 1;
        if words > 25 {
            return false;
        }
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if first.is_uppercase() {
            caps += 1;
        } else if first.is_lowercase() && !is_title_function_word(w) {
            lower += 1;
        }
    }
    caps >= 1 && lower * 4 <= caps
}

/// Round `i` down to a char boundary of `s`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A single abbreviation-like word followed by a period, split by dots:
/// "U.S", "a.m", "Ph.D", "N.Y", "D-N.Y" (a party tag in front is allowed).
fn is_dotted_acronym(w: &str) -> bool {
    if !w.contains('.') {
        return false;
    }
    let body = strip_party_prefix(w).unwrap_or(w);
    body.split('.').all(|seg| {
        let n = seg.chars().count();
        (1..=2).contains(&n) && seg.chars().all(char::is_alphabetic)
    })
}

/// "D-Mass" -> Some("Mass"). Party letters D, R, I.
fn strip_party_prefix(w: &str) -> Option<&str> {
    let b = w.as_bytes();
    if b.len() > 2 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-' {
        Some(&w[2..])
    } else {
        None
    }
}

/// "R-Calif", "D-Mass", "D-N.Y": a party-state tag whose state is
/// abbreviated (the final period then belongs to the abbreviation).
fn is_party_tag(w: &str) -> bool {
    strip_party_prefix(w).is_some_and(|s| is_state_abbrev(s) || is_dotted_acronym(s))
}

fn is_single_upper(w: &str) -> bool {
    let mut it = w.chars();
    matches!((it.next(), it.next()), (Some(c), None) if c.is_uppercase())
}

/// List-marker words at the start of a sentence: "1.", "12.", "a.", "B.".
fn is_list_marker(w: &str) -> bool {
    let b = w.as_bytes();
    (!b.is_empty() && b.len() <= 3 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 1 && b[0].is_ascii_alphabetic())
}

struct Splitter<'a> {
    p: &'a str,
    base: usize,
    out: &'a mut Vec<Span>,
    /// Raw start of the current sentence (a previous cut).
    sent_start: usize,
    /// First non-whitespace byte of the current sentence, once seen.
    sent_first: Option<usize>,
    line_start: usize,
}

impl<'a> Splitter<'a> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.p.get(i..).and_then(|s| s.chars().next())
    }

    fn cut(&mut self, at: usize) {
        let s = &self.p[self.sent_start..at];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if !trimmed.is_empty() {
            let start = self.base + self.sent_start + lead;
            self.out.push(Span::new(start, start + trimmed.len()));
        }
        self.sent_start = at;
        self.sent_first = None;
    }

    fn run(&mut self) {
        let p = self.p;
        let mut resume = 0;
        for (i, c) in p.char_indices() {
            if i < resume {
                continue;
            }
            if c == '\n' {
                if self.line_break_ends_sentence(i) {
                    self.cut(i);
                }
                self.line_start = i + 1;
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            if self.sent_first.is_none() {
                self.sent_first = Some(i);
            }
            if is_terminal(c) {
                let (end, boundary) = self.at_terminal(i);
                if boundary {
                    self.cut(end);
                }
                resume = end;
            }
        }
        self.cut(p.len());
    }

    /// Decide at a single newline inside the paragraph.
    fn line_break_ends_sentence(&self, nl: usize) -> bool {
        let prev = self.p[self.line_start..nl].trim();
        if prev.is_empty() {
            return false;
        }
        let next = self.p[nl + 1..].trim_start();
        let Some(nc) = next.chars().next() else {
            return false;
        };
        if is_bullet_line(prev) || is_bullet_line(next) {
            return true;
        }
        let last = prev.chars().next_back().unwrap_or(' ');
        let next_starts = nc.is_uppercase() || nc.is_numeric() || is_opening(nc);
        if last == ':' {
            return next_starts;
        }
        if is_terminal(last) || is_closing_quote(last) || is_closing_bracket(last) || last == ',' {
            // Terminal punctuation was judged by the ordinary rules.
            return false;
        }
        next_starts && is_headline(prev)
    }

    /// At a terminal character at `i`: returns the end of the punctuation run
    /// (with closing quotes/brackets) and whether a sentence ends there.
    fn at_terminal(&self, i: usize) -> (usize, bool) {
        let p = self.p;
        let mut j = i;
        let mut dots = 0usize;
        let mut strong = false;
        let mut ellipsis = false;
        let mut unspaced = false;
        let mut quoted = false;
        while let Some(c) = self.char_at(j) {
            if is_terminal(c) {
                match c {
                    '.' => dots += 1,
                    '…' => ellipsis = true,
                    _ => strong = true,
                }
                unspaced |= is_unspaced_terminal(c);
            } else if is_closing_quote(c) {
                quoted = true;
            } else if !is_closing_bracket(c) {
                break;
            }
            j += c.len_utf8();
        }
        if dots >= 2 {
            ellipsis = true;
        }
        if j >= p.len() {
            return (j, false);
        }
        if unspaced {
            return (j, true);
        }
        if !self.char_at(j).is_some_and(char::is_whitespace) {
            return (j, false);
        }
        // First non-whitespace character after the run.
        let k = j + p[j..].len() - p[j..].trim_start().len();
        let Some(nc) = self.char_at(k) else {
            return (j, false);
        };
        if nc.is_lowercase() || is_continuation_punct(nc) || matches!(nc, '.' | '…') {
            return (j, false);
        }
        if quoted && self.is_attribution(k, strong || ellipsis) {
            return (j, false);
        }
        if strong {
            return (j, true);
        }
        if ellipsis {
            return (j, nc.is_alphabetic() || is_opening(nc));
        }
        (j, self.period_ends_sentence(i, k, nc))
    }

    /// The word right before byte `i` (bounded, within the sentence), with
    /// leading opening punctuation stripped. `None` if longer than WORD_MAX.
    fn word_before(&self, i: usize) -> Option<(usize, &'a str)> {
        let p = self.p;
        let mut s = i;
        while s > self.sent_start {
            let c = p[..s].chars().next_back()?;
            if c.is_whitespace() {
                break;
            }
            if i - s >= WORD_MAX {
                return None;
            }
            s -= c.len_utf8();
        }
        let w = p[s..i].trim_start_matches(is_opening);
        Some((s, w))
    }

    /// A period at `i`, followed by whitespace and `nc` at `k` (not lowercase).
    fn period_ends_sentence(&self, i: usize, k: usize, nc: char) -> bool {
        let Some((ws, w)) = self.word_before(i) else {
            return true;
        };
        if w.is_empty() {
            return true;
        }
        if self.sent_first == Some(ws) && is_list_marker(w) {
            return false;
        }
        if is_strong_abbrev(w) {
            return false;
        }
        if nc.is_numeric() {
            return !(is_number_abbrev(w)
                || is_weak_abbrev(w)
                || is_dotted_acronym(w)
                || is_party_tag(w));
        }
        let opener = self.next_is_opener(k);
        if is_weak_abbrev(w) || is_dotted_acronym(w) || is_party_tag(w) {
            return opener || is_opening(nc);
        }
        if is_single_upper(w) && (self.initial_context(ws) || self.next_is_initial(k)) {
            return opener;
        }
        true
    }

    /// Is the word starting at `k` a likely sentence opener? A lone letter
    /// followed by a period ("A." in "J. A. Smith") is an initial, not one.
    fn next_is_opener(&self, k: usize) -> bool {
        let p = self.p;
        let limit = floor_boundary(p, k + WORD_MAX);
        let rest = &p[k..limit];
        let end = rest
            .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let core = word.split(['\'', '’']).next().unwrap_or("");
        if core.chars().count() == 1 && rest[end..].starts_with('.') {
            return false;
        }
        is_sentence_opener(core)
    }

    /// Is the word at `k` an initial such as "B." (as in "A. B. Carter")?
    fn next_is_initial(&self, k: usize) -> bool {
        let mut it = self.p[k..].chars();
        matches!((it.next(), it.next()), (Some(c), Some('.')) if c.is_uppercase())
    }

    /// Is the single capital letter starting at `ws` an initial? Yes at the
    /// start of a sentence, or after a capitalised word or another initial.
    fn initial_context(&self, ws: usize) -> bool {
        if self.sent_first == Some(ws) {
            return true;
        }
        let p = self.p;
        let before = p[self.sent_start..ws].trim_end();
        if before.is_empty() {
            return true;
        }
        let floor = floor_boundary(before, before.len().saturating_sub(WORD_MAX));
        let tail = &before[floor..];
        let prev = tail.rsplit(char::is_whitespace).next().unwrap_or("");
        matches!(prev, "and" | "&")
            || prev
                .trim_start_matches(is_opening)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// After a closing quote, do the words at `k` read as an attribution:
    /// `Name [Name…] [adverb] verb` or `pronoun [adverb] verb`? After a
    /// plain period the verb must also end its clause ("Smith said." /
    /// "Smith told reporters."), since `"…." Smith said the …` usually opens
    /// a new sentence.
    fn is_attribution(&self, k: usize, strong: bool) -> bool {
        let p = self.p;
        let limit = floor_boundary(p, k + WINDOW);
        let mut chunks = p[k..limit].split_whitespace();
        let last_chunk_complete = limit == p.len();
        // Each chunk: (core word, trailing punctuation).
        fn split_trail(chunk: &str) -> (&str, &str) {
            let core = chunk.trim_end_matches(|c: char| {
                matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | '"' | '”' | '’' | '\'' | ')'
                )
            });
            (core, &chunk[core.len()..])
        }
        let Some(first) = chunks.next() else {
            return false;
        };
        let (core, trail) = split_trail(first);
        let mut verb: Option<(&str, &str)> = None;
        if is_attribution_pronoun(core) && trail.is_empty() {
            // pronoun, then [adverb] verb
        } else {
            // Name words: capitalised, possibly "Rep." or an initial "F.".
            let name_ok = |core: &str, trail: &str| {
                core.chars().next().is_some_and(char::is_uppercase)
                    && !is_sentence_opener(core)
                    && (trail.is_empty()
                        || (trail == "." && (is_strong_abbrev(core) || is_single_upper(core))))
            };
            if !name_ok(core, trail) {
                return false;
            }
            let mut names = 1;
            loop {
                let Some(chunk) = chunks.next() else {
                    return false;
                };
                let (core, trail) = split_trail(chunk);
                if name_ok(core, trail) && names < 4 {
                    names += 1;
                    continue;
                }
                if is_attribution_verb(core) {
                    verb = Some((core, trail));
                } else if !(trail.is_empty() && is_attribution_adverb(core)) {
                    return false;
                }
                break;
            }
        }
        let (verb, trail) = match verb {
            Some(v) => v,
            None => {
                let mut found = None;
                for _ in 0..2 {
                    let Some(chunk) = chunks.next() else {
                        return false;
                    };
                    let (core, trail) = split_trail(chunk);
                    if is_attribution_verb(core) {
                        found = Some((core, trail));
                        break;
                    }
                    if !(trail.is_empty() && is_attribution_adverb(core)) {
                        return false;
                    }
                }
                match found {
                    Some(v) => v,
                    None => return false,
                }
            }
        };
        if trail.starts_with(':') {
            // `"…" He said: "…"` introduces the next quotation.
            return false;
        }
        if strong {
            return true;
        }
        let clause_ends = |trail: &str| trail.starts_with(['.', ',', ';', '!', '?']);
        if !trail.is_empty() {
            return clause_ends(trail);
        }
        if is_object_attribution_verb(verb) {
            for _ in 0..3 {
                match chunks.next() {
                    None => return last_chunk_complete,
                    Some(chunk) => {
                        let (_, trail) = split_trail(chunk);
                        if !trail.is_empty() {
                            return clause_ends(trail);
                        }
                    }
                }
            }
            return false;
        }
        // Verb ends the paragraph ("…" Smith said) only if nothing follows.
        chunks.next().is_none() && last_chunk_complete
    }
}

/// Sentences of the paragraph `para` of `text`, as absolute spans.
pub(crate) fn split_paragraph(text: &str, para: Span, out: &mut Vec<Span>) {
    let Some(p) = text.get(para.range()) else {
        return;
    };
    let mut s = Splitter {
        p,
        base: para.start,
        out,
        sent_start: 0,
        sent_first: None,
        line_start: 0,
    };
    s.run();
}

#[cfg(test)]
mod tests {
    use crate::sentences;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        assert_eq!(split(text), want, "text: {text:?}");
    }

    #[test]
    fn plain_sentences() {
        check(
            "The council met on Monday. It voted 7-2! Was it fair? Nobody knows.",
            &[
                "The council met on Monday.",
                "It voted 7-2!",
                "Was it fair?",
                "Nobody knows.",
            ],
        );
        check("  No final stop here  ", &["No final stop here"]);
        check("", &[]);
        check(" \n\t ", &[]);
    }

    #[test]
    fn never_crosses_paragraphs() {
        check(
            "First paragraph without a stop\n\nSecond one. Two sentences.\r\n\r\nThird",
            &[
                "First paragraph without a stop",
                "Second one.",
                "Two sentences.",
                "Third",
            ],
        );
    }

    #[test]
    fn titles() {
        check(
            "Rep. Dana Voss met Sen. Ike Marlow and Gov. Lena Ortiz. Dr. Paul Ames, Mr. Bo Tran, Mrs. Ada Kim and Ms. Rue Hale came too. Lt. Gen. Amos Reed and Sgt. Lily Park spoke. They left for St. Louis.",
            &[
                "Rep. Dana Voss met Sen. Ike Marlow and Gov. Lena Ortiz.",
                "Dr. Paul Ames, Mr. Bo Tran, Mrs. Ada Kim and Ms. Rue Hale came too.",
                "Lt. Gen. Amos Reed and Sgt. Lily Park spoke.",
                "They left for St. Louis.",
            ],
        );
    }

    #[test]
    fn party_state_tags() {
        check(
            "Rep. Tova Lind, D-N.Y. said no. Sen. Hal Brook, R-Texas, agreed. Rep. Gil Ray (D-NY) did not. Rep. Ora Finch, R-Calif. Opponents called her vote a stunt.",
            &[
                "Rep. Tova Lind, D-N.Y. said no.",
                "Sen. Hal Brook, R-Texas, agreed.",
                "Rep. Gil Ray (D-NY) did not.",
                "Rep. Ora Finch, R-Calif. Opponents called her vote a stunt.",
            ],
        );
        check(
            "The bill came from Rep. Lena Watts, D-N.Y. He opposed it.",
            &[
                "The bill came from Rep. Lena Watts, D-N.Y.",
                "He opposed it.",
            ],
        );
    }

    #[test]
    fn dotted_acronyms_and_companies() {
        check(
            "The U.S. Senate and the U.K. Parliament wrote to the U.N. Secretary-General. Growth slowed in the U.S. The euro rose.",
            &[
                "The U.S. Senate and the U.K. Parliament wrote to the U.N. Secretary-General.",
                "Growth slowed in the U.S.",
                "The euro rose.",
            ],
        );
        check(
            "Brightwater Inc. Chief Executive Nia Cole and Harlan Corp. officials met Tuesday. They chose Fenwick Co. Ltd. as adviser. Lou Park Jr. said it was done. It was signed by Acme Inc. The deal closed.",
            &[
                "Brightwater Inc. Chief Executive Nia Cole and Harlan Corp. officials met Tuesday.",
                "They chose Fenwick Co. Ltd. as adviser.",
                "Lou Park Jr. said it was done.",
                "It was signed by Acme Inc.",
                "The deal closed.",
            ],
        );
    }

    #[test]
    fn numbers_months_and_references() {
        check(
            "The No. 5 seed lost on Aug. 18 and again on Sept. 3, 2021. Turnout was 3.5 percent. She ranked No. 2 in 2019. 500 people came.",
            &[
                "The No. 5 seed lost on Aug. 18 and again on Sept. 3, 2021.",
                "Turnout was 3.5 percent.",
                "She ranked No. 2 in 2019.",
                "500 people came.",
            ],
        );
        check(
            "He said no. Then he left.",
            &["He said no.", "Then he left."],
        );
    }

    #[test]
    fn states() {
        check(
            "The rally in Fresno, Calif. drew thousands. A second one in Worcester, Mass. was smaller. He moved to Boston, Mass. The move was quiet.",
            &[
                "The rally in Fresno, Calif. drew thousands.",
                "A second one in Worcester, Mass. was smaller.",
                "He moved to Boston, Mass.",
                "The move was quiet.",
            ],
        );
    }

    #[test]
    fn initials() {
        check(
            "J. R. Pollard met John F. Kennedy Jr. at the pier. Guests included A. B. Carter and Z. Lin. Ask vitamin C. Nobody replied. So did I. Then it rained.",
            &[
                "J. R. Pollard met John F. Kennedy Jr. at the pier.",
                "Guests included A. B. Carter and Z. Lin.",
                "Ask vitamin C.",
                "Nobody replied.",
                "So did I.",
                "Then it rained.",
            ],
        );
        check(
            "They chose Plan B. The vote was close.",
            &["They chose Plan B.", "The vote was close."],
        );
    }

    #[test]
    fn vs_etc_and_latin() {
        check(
            "It was Rivera vs. Holt in court. They brought pens, paper, etc. and more. They brought chairs, tables, etc. The rest stayed. See e.g. Marsh v. Ohio for details.",
            &[
                "It was Rivera vs. Holt in court.",
                "They brought pens, paper, etc. and more.",
                "They brought chairs, tables, etc.",
                "The rest stayed.",
                "See e.g. Marsh v. Ohio for details.",
            ],
        );
    }

    #[test]
    fn am_pm() {
        check(
            "The vote is at 5 p.m. Tuesday in the hall. Doors open at 9 a.m. and close at 6 p.m. The mayor will attend. Polls close at 8 p.m. She expects a win.",
            &[
                "The vote is at 5 p.m. Tuesday in the hall.",
                "Doors open at 9 a.m. and close at 6 p.m.",
                "The mayor will attend.",
                "Polls close at 8 p.m.",
                "She expects a win.",
            ],
        );
    }

    #[test]
    fn ellipses() {
        check(
            "We waited... and waited … and then it came. It was late... The crowd left. Wait . . . what?",
            &[
                "We waited... and waited … and then it came.",
                "It was late...",
                "The crowd left.",
                "Wait . . . what?",
            ],
        );
        check("It was…Then no.", &["It was…Then no."]);
    }

    #[test]
    fn urls_emails_decimals() {
        check(
            "Visit harborgazette.com for more. Write to tips@harborgazette.com. Rates rose 0.25 points. See https://example.org/a.b?c=1. Done.",
            &[
                "Visit harborgazette.com for more.",
                "Write to tips@harborgazette.com.",
                "Rates rose 0.25 points.",
                "See https://example.org/a.b?c=1.",
                "Done.",
            ],
        );
    }

    #[test]
    fn closing_quotes_belong_to_sentence() {
        check(
            "He said, \"We won.\" Then he left.",
            &["He said, \"We won.\"", "Then he left."],
        );
        check(
            "She called it “a disgrace.” Critics agreed. He said ‘never.’ Then he went home.",
            &[
                "She called it “a disgrace.”",
                "Critics agreed.",
                "He said ‘never.’",
                "Then he went home.",
            ],
        );
        check(
            "They chanted «basta.» The police watched.",
            &["They chanted «basta.»", "The police watched."],
        );
        check(
            "It was “not fair”. The board disagreed.",
            &["It was “not fair”.", "The board disagreed."],
        );
    }

    #[test]
    fn quotes_with_attribution() {
        check(
            "\"We won,\" she said. \"Did we win?\" she asked. \"We won!\" Nora Pell said.",
            &[
                "\"We won,\" she said.",
                "\"Did we win?\" she asked.",
                "\"We won!\" Nora Pell said.",
            ],
        );
        check(
            "“Is it over?” Mayor Tess Ruiz asked reporters. “Not yet!” He later added, smiling.",
            &[
                "“Is it over?” Mayor Tess Ruiz asked reporters.",
                "“Not yet!” He later added, smiling.",
            ],
        );
        check(
            "\"We won.\" Ruiz said. \"We will appeal.\" Ruiz told reporters. \"We lost.\" Ruiz said the team would regroup.",
            &[
                "\"We won.\" Ruiz said.",
                "\"We will appeal.\" Ruiz told reporters.",
                "\"We lost.\"",
                "Ruiz said the team would regroup.",
            ],
        );
        check(
            "\"We won!\" Fans cheered outside.",
            &["\"We won!\"", "Fans cheered outside."],
        );
    }

    #[test]
    fn multi_sentence_quote_is_split() {
        check(
            "“We tried. We failed. We will try again,” Abel Diaz said.",
            &[
                "“We tried.",
                "We failed.",
                "We will try again,” Abel Diaz said.",
            ],
        );
    }

    #[test]
    fn brackets() {
        check(
            "He left. (She stayed behind.) Then the bus came. [Editor's note: updated.] It rained.",
            &[
                "He left.",
                "(She stayed behind.)",
                "Then the bus came.",
                "[Editor's note: updated.]",
                "It rained.",
            ],
        );
        check(
            "“(The campaign) grew fast.” Nobody expected it.",
            &["“(The campaign) grew fast.”", "Nobody expected it."],
        );
    }

    #[test]
    fn headlines_and_lists() {
        check(
            "City Council Rejects Harbor Plan\n\nThe council voted late.",
            &[
                "City Council Rejects Harbor Plan",
                "The council voted late.",
            ],
        );
        check(
            "City Council Rejects Harbor Plan\nThe council voted late on Monday.",
            &[
                "City Council Rejects Harbor Plan",
                "The council voted late on Monday.",
            ],
        );
        check(
            "The plan has three parts:\n- a new pier\n- two ferries\n• a bus line\n* more parking",
            &[
                "The plan has three parts:",
                "- a new pier",
                "- two ferries",
                "• a bus line",
                "* more parking",
            ],
        );
        check(
            "1. Old support faded\n2. A new ally emerged",
            &["1. Old support faded", "2. A new ally emerged"],
        );
        check("2. The second reason", &["2. The second reason"]);
    }

    #[test]
    fn hard_wrapped_lines_stay_together() {
        check(
            "The committee met on Tuesday to discuss the budget and\nrejected the proposal by a wide margin. It will meet\nagain in May.",
            &[
                "The committee met on Tuesday to discuss the budget and\nrejected the proposal by a wide margin.",
                "It will meet\nagain in May.",
            ],
        );
    }

    #[test]
    fn crlf_tabs_and_no_spaces() {
        check(
            "One.\tTwo.\r\nThree.\r\n\r\nFour.",
            &["One.", "Two.", "Three.", "Four."],
        );
        check("abc.def.ghi", &["abc.def.ghi"]);
        check("...", &["..."]);
        check("?!?", &["?!?"]);
    }

    #[test]
    fn mixed_news_cases() {
        check(
            "“Why now? Why here?” the mayor asked. The U.S.-backed plan passed at 11:30 p.m. on Oct. 4. Mr. and Mrs. Okafor arrived. Gen. Z voters stayed home.",
            &[
                "“Why now?",
                "Why here?” the mayor asked.",
                "The U.S.-backed plan passed at 11:30 p.m. on Oct. 4.",
                "Mr. and Mrs. Okafor arrived.",
                "Gen. Z voters stayed home.",
            ],
        );
        check(
            "She earned a Ph.D. in physics and taught at Dalton Univ. for years. \"I'm done.\" \"Are you sure?\" \"Yes.\" He said: \"No way.\" Then he left.",
            &[
                "She earned a Ph.D. in physics and taught at Dalton Univ. for years.",
                "\"I'm done.\"",
                "\"Are you sure?\"",
                "\"Yes.\"",
                "He said: \"No way.\"",
                "Then he left.",
            ],
        );
        check(
            "WASHINGTON (AP) — The Senate voted 52-48 on Thursday. Sen. Ari Holt, R-Ky., voted no.",
            &[
                "WASHINGTON (AP) — The Senate voted 52-48 on Thursday.",
                "Sen. Ari Holt, R-Ky., voted no.",
            ],
        );
    }

    #[test]
    fn other_scripts() {
        check("今日は晴れ。明日は雨。", &["今日は晴れ。", "明日は雨。"]);
        check(
            "Él ganó. ¿Quién perdió? Nadie.",
            &["Él ganó.", "¿Quién perdió?", "Nadie."],
        );
        check("Это правда. Да.", &["Это правда.", "Да."]);
    }
}
