//! Tokenizer: one left-to-right pass over the text, each character looked at
//! a bounded number of times.

use crate::lexicon::is_common_tld;
use crate::{Token, TokenKind};
use parallax_core::Span;
use unicode_segmentation::GraphemeCursor;

/// Punctuation and symbol characters outside ASCII (anything not alphabetic,
/// numeric or whitespace that is not in these ranges is treated as a
/// combining mark or format character that continues a word).
fn is_non_ascii_punct(c: char) -> bool {
    matches!(c as u32,
        0x00A0..=0x00BF
        | 0x00D7
        | 0x00F7
        | 0x037E
        | 0x0387
        | 0x055A..=0x055F
        | 0x0589..=0x058A
        | 0x05BE
        | 0x05C0
        | 0x05C3
        | 0x05C6
        | 0x05F3..=0x05F4
        | 0x0609..=0x060D
        | 0x061B
        | 0x061D..=0x061F
        | 0x066A..=0x066D
        | 0x06D4
        | 0x0964..=0x0965
        | 0x0970
        | 0x0E4F
        | 0x0E5A..=0x0E5B
        | 0x2000..=0x200B
        | 0x200E..=0x206F
        | 0x2070..=0x2BFF
        | 0x2E00..=0x2E7F
        | 0x3000..=0x303F
        | 0xE000..=0xF8FF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFFEF
        | 0xFFF0..=0xFFFF
        | 0x1D000..=0x1D24F
        | 0x1F000..=0x1FAFF
    )
}

/// Characters that can start a word.
fn is_word_start(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that continue a word: word starters plus combining marks,
/// joiners and other format characters.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || !(c.is_whitespace() || is_non_ascii_punct(c))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

struct Lexer<'a> {
    text: &'a str,
    out: Vec<Token>,
    /// A single quotation mark (‘ or a word-initial ') is open, so a
    /// trailing ’ after an s closes it instead of marking a possessive.
    single_quote_open: bool,
}

impl<'a> Lexer<'a> {
    fn char_at(&self, i: usize) -> Option<char> {
        // ASCII fast path: no boundary check or decoding needed.
        match self.text.as_bytes().get(i) {
            Some(&b) if b < 0x80 => Some(b as char),
            _ => self.text.get(i..).and_then(|s| s.chars().next()),
        }
    }

    fn char_before(&self, i: usize) -> Option<char> {
        match i.checked_sub(1).and_then(|j| self.text.as_bytes().get(j)) {
            Some(&b) if b < 0x80 => Some(b as char),
            _ => self.text.get(..i).and_then(|s| s.chars().next_back()),
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }

    fn run(&mut self) {
        let len = self.text.len();
        let mut pos = 0;
        while pos < len {
            let b = self.text.as_bytes()[pos];
            if b == b' ' {
                pos += 1;
                continue;
            }
            let Some(c) = self.char_at(pos) else { break };
            if c.is_whitespace() {
                if c == '\n' {
                    self.single_quote_open = false;
                }
                pos += c.len_utf8();
                continue;
            }
            let after_word = self.char_before(pos).is_some_and(is_word_char);
            if !after_word {
                if let Some(end) = self.url_at(pos) {
                    self.push(pos, end, TokenKind::Url);
                    pos = end;
                    continue;
                }
                if c == '@' || c == '#' {
                    if let Some(end) = self.tag_at(pos, c) {
                        let kind = if c == '@' {
                            TokenKind::Handle
                        } else {
                            TokenKind::Hashtag
                        };
                        self.push(pos, end, kind);
                        pos = end;
                        continue;
                    }
                }
            }
            if is_word_start(c) {
                pos = self.word_at(pos);
                continue;
            }
            pos = self.punct_at(pos, c);
        }
    }

    /// `http://…`, `https://…` or `www.…` at `pos`: the URL's end, with
    /// trailing sentence punctuation and unbalanced closing brackets left out.
    fn url_at(&self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..];
        let b = rest.as_bytes();
        if !matches!(b.first(), Some(b'h' | b'H' | b'w' | b'W')) {
            return None;
        }
        let has = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        let scheme = if has("https://") {
            8
        } else if has("http://") {
            7
        } else if has("www.") && rest[4..].starts_with(|c: char| c.is_alphanumeric()) {
            4
        } else {
            return None;
        };
        let stop = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '<' | '>' | '“' | '”' | '«' | '»')
            })
            .unwrap_or(rest.len());
        let url = &rest[..stop];
        let (mut open_paren, mut close_paren, mut open_sq, mut close_sq) = (0i64, 0i64, 0i64, 0i64);
        for b in url.bytes() {
            match b {
                b'(' => open_paren += 1,
                b')' => close_paren += 1,
                b'[' => open_sq += 1,
                b']' => close_sq += 1,
                _ => {}
            }
        }
        let mut end = url.len();
        while end > scheme {
            let Some(c) = url[..end].chars().next_back() else {
                break;
            };
            let drop = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '*' => true,
                ')' if close_paren > open_paren => {
                    close_paren -= 1;
                    true
                }
                ']' if close_sq > open_sq => {
                    close_sq -= 1;
                    true
                }
                _ => false,
            };
            if !drop {
                break;
            }
            end -= c.len_utf8();
        }
        Some(pos + end)
    }

    /// `@handle` or `#hashtag` at `pos` (the sigil is `c`).
    fn tag_at(&self, pos: usize, c: char) -> Option<usize> {
        let start = pos + 1;
        let rest = &self.text[start..];
        let mut letters = false;
        let mut n = 0;
        for ch in rest.chars() {
            let ok = if c == '@' {
                ch.is_alphanumeric() || ch == '_'
            } else {
                is_word_char(ch)
            };
            if !ok || (n == 0 && !is_word_start(ch)) {
                break;
            }
            letters |= ch.is_alphabetic();
            n += ch.len_utf8();
        }
        if n == 0 || (c == '#' && !letters) {
            return None;
        }
        Some(start + n)
    }

    /// A word, number, email or bare domain starting at `start`. Returns
    /// its end.
    fn word_at(&mut self, start: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let first = self.char_at(start).unwrap_or(' ');
        let mut pos = start;
        let mut prev = first;
        let mut has_alpha = false;
        let mut has_at = false;
        let mut has_dot = false;
        // Lengths (in alphanumerics) of the dot-separated segments.
        let mut seg = 0usize;
        let mut max_seg = 0usize;
        let mut last_seg_start = start;
        loop {
            // A run of word characters (with an ASCII fast path).
            while let Some(&b) = bytes.get(pos) {
                if b.is_ascii() {
                    if !(b.is_ascii_alphanumeric() || b == b'_') {
                        break;
                    }
                    if b.is_ascii_alphanumeric() {
                        seg += 1;
                    }
                    has_alpha |= b.is_ascii_alphabetic();
                    prev = b as char;
                    pos += 1;
                    continue;
                }
                let Some(c) = text[pos..].chars().next() else {
                    break;
                };
                if !is_word_char(c) {
                    break;
                }
                if c.is_alphanumeric() {
                    seg += 1;
                }
                has_alpha |= c.is_alphabetic();
                prev = c;
                pos += c.len_utf8();
            }
            let Some(d) = self.char_at(pos) else { break };
            let next = self.char_at(pos + d.len_utf8());
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let join = if is_apostrophe(d) {
                prev.is_alphanumeric() && next.is_some_and(char::is_alphabetic)
            } else if is_hyphen(d) {
                next_alnum && (prev.is_alphabetic() || next.is_some_and(char::is_alphabetic))
            } else if d == '.' {
                prev.is_alphanumeric() && next_alnum
            } else if d == ',' {
                prev.is_numeric() && self.three_digits_at(pos + 1)
            } else if d == '&' {
                prev.is_uppercase() && next.is_some_and(char::is_uppercase)
            } else if d == '@' {
                !has_at && next_alnum
            } else {
                false
            };
            if !join {
                break;
            }
            if d == '.' {
                has_dot = true;
                max_seg = max_seg.max(seg);
                seg = 0;
                last_seg_start = pos + 1;
            }
            if d == '@' {
                has_at = true;
            }
            pos += d.len_utf8();
        }
        let numeric = first.is_numeric() && !has_alpha && !has_at;
        let mut kind = if has_at {
            TokenKind::Email
        } else if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let next = self.char_at(pos);
        if numeric && next == Some('%') {
            pos += 1;
        } else if has_dot
            && !has_at
            && has_alpha
            && max_seg.max(seg) <= 2
            && next == Some('.')
            && text[start..pos]
                .split('.')
                .all(|s| s.chars().all(|c| c.is_alphabetic() || is_hyphen(c)))
        {
            // Dotted acronym: keep its final period ("U.S.", "a.m.", "D-N.Y.").
            pos += 1;
        } else if has_dot && !has_at && has_alpha && is_common_tld(&text[last_seg_start..pos]) {
            kind = TokenKind::Url;
        } else if next.is_some_and(is_apostrophe)
            && matches!(prev, 's' | 'S')
            && !self.single_quote_open
            && !self.char_at(pos + 1).is_some_and(is_word_char)
        {
            // Possessive of a word ending in s: "Bezos'".
            pos += next.map_or(1, char::len_utf8);
        }
        self.push(start, pos, kind);
        pos
    }

    fn three_digits_at(&self, i: usize) -> bool {
        let b = self.text.as_bytes();
        b.len() >= i + 3
            && b[i..i + 3].iter().all(u8::is_ascii_digit)
            && !b.get(i + 3).is_some_and(u8::is_ascii_digit)
    }

    /// One punctuation or symbol token: a whole grapheme cluster (so emoji
    /// sequences stay together), cut before any whitespace.
    fn punct_at(&mut self, pos: usize, c: char) -> usize {
        let text = self.text;
        let mut end = pos + c.len_utf8();
        if !c.is_ascii() || self.char_at(end).is_some_and(|d| !d.is_ascii()) {
            // The cursor sees the text from `pos` on only: looking back
            // (regional-indicator parity) would make long runs quadratic.
            let rest = &text[pos..];
            let mut cursor = GraphemeCursor::new(0, rest.len(), true);
            if let Ok(Some(b)) = cursor.next_boundary(rest, 0) {
                if pos + b > end {
                    let cluster = &rest[..b];
                    end = pos
                        + cluster
                            .char_indices()
                            .find(|&(i, ch)| i > 0 && (ch.is_whitespace() || is_word_start(ch)))
                            .map_or(cluster.len(), |(i, _)| i);
                }
            }
        }
        match c {
            '‘' => self.single_quote_open = true,
            '’' => self.single_quote_open = false,
            '\'' => {
                let before_word = self.char_before(pos).is_some_and(is_word_char);
                let after_word = self.char_at(end).is_some_and(is_word_start);
                self.single_quote_open = !before_word && after_word;
            }
            _ => {}
        }
        self.push(pos, end, TokenKind::Punct);
        end
    }
}

pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Append the tokens of `text` to `out`.
pub(crate) fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let mut lx = Lexer {
        text,
        out: std::mem::take(out),
        single_quote_open: false,
    };
    lx.run();
    *out = lx.out;
}

#[cfg(test)]
mod tests {
    use crate::{tokens, tokens_in, TokenKind};
    use parallax_core::Span;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text)
            .iter()
            .map(|t| (t.span.slice(text), t.kind))
            .collect()
    }

    fn strs(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(s, _)| s).collect()
    }

    use TokenKind::*;

    #[test]
    fn words_with_apostrophes_and_hyphens() {
        assert_eq!(
            toks("Ocasio-Cortez don't co-founder’s O'Neil rock'n'roll"),
            [
                ("Ocasio-Cortez", Word),
                ("don't", Word),
                ("co-founder’s", Word),
                ("O'Neil", Word),
                ("rock'n'roll", Word),
            ]
        );
        assert_eq!(
            strs("Ana Reyes' plan and the Bezos’ fund."),
            ["Ana", "Reyes'", "plan", "and", "the", "Bezos’", "fund", "."]
        );
        assert_eq!(
            strs("a well-known 500-vote edge, COVID-19 - and -- dashes"),
            [
                "a",
                "well-known",
                "500-vote",
                "edge",
                ",",
                "COVID-19",
                "-",
                "and",
                "-",
                "-",
                "dashes"
            ]
        );
    }

    #[test]
    fn single_quotes_are_not_possessives() {
        assert_eq!(
            strs("He said ‘yes’ to ‘The Boss’ and 'the class' too."),
            [
                "He", "said", "‘", "yes", "’", "to", "‘", "The", "Boss", "’", "and", "'", "the",
                "class", "'", "too", "."
            ]
        );
        assert_eq!(strs("'90s kids"), ["'", "90s", "kids"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("25,000 3.5 1,234.56 45% 3.5% $35,000 -7 2019-2020 1,2"),
            [
                ("25,000", Number),
                ("3.5", Number),
                ("1,234.56", Number),
                ("45%", Number),
                ("3.5%", Number),
                ("$", Punct),
                ("35,000", Number),
                ("-", Punct),
                ("7", Number),
                ("2019", Number),
                ("-", Punct),
                ("2020", Number),
                ("1", Number),
                (",", Punct),
                ("2", Number),
            ]
        );
        assert_eq!(toks("14th 1990s"), [("14th", Word), ("1990s", Word)]);
        assert_eq!(
            strs("In 2019, 40 came."),
            ["In", "2019", ",", "40", "came", "."]
        );
    }

    #[test]
    fn acronyms_and_abbreviations() {
        assert_eq!(
            strs("Rep. Lu, D-N.Y., the U.S. and U.K. at 5 p.m. (Ph.D.)"),
            [
                "Rep", ".", "Lu", ",", "D-N.Y.", ",", "the", "U.S.", "and", "U.K.", "at", "5",
                "p.m.", "(", "Ph.D.", ")"
            ]
        );
        assert_eq!(toks("AT&T")[0], ("AT&T", Word));
        assert_eq!(strs("salt&pepper"), ["salt", "&", "pepper"]);
    }

    #[test]
    fn urls_emails_handles_hashtags() {
        assert_eq!(
            toks("See https://news.example.org/a-b/c?d=1&e=2. Or (www.example.net/x). Mail ed.lee@example.com, @harbor_news #Vote2024 #1 a@b"),
            [
                ("See", Word),
                ("https://news.example.org/a-b/c?d=1&e=2", Url),
                (".", Punct),
                ("Or", Word),
                ("(", Punct),
                ("www.example.net/x", Url),
                (")", Punct),
                (".", Punct),
                ("Mail", Word),
                ("ed.lee@example.com", Email),
                (",", Punct),
                ("@harbor_news", Handle),
                ("#Vote2024", Hashtag),
                ("#", Punct),
                ("1", Number),
                ("a@b", Email),
            ]
        );
        assert_eq!(
            toks("https://en.example.org/wiki/Pier_(Harbor)"),
            [("https://en.example.org/wiki/Pier_(Harbor)", Url)]
        );
        assert_eq!(
            toks("“http://example.com”"),
            [("“", Punct), ("http://example.com", Url), ("”", Punct)]
        );
        assert_eq!(
            toks("harborgazette.com Node.js"),
            [("harborgazette.com", Url), ("Node.js", Word)]
        );
    }

    #[test]
    fn unicode() {
        assert_eq!(strs("café naïve Zürich"), ["café", "naïve", "Zürich"]);
        // Decomposed accents (e + U+0301) stay inside the word.
        assert_eq!(strs("cafe\u{301} ok"), ["cafe\u{301}", "ok"]);
        assert_eq!(strs("हिन्दी भाषा"), ["हिन्दी", "भाषा"]);
        assert_eq!(strs("Москва, 2022"), ["Москва", ",", "2022"]);
        assert_eq!(
            strs("Great 👍🏽 news 🇺🇸!"),
            ["Great", "👍🏽", "news", "🇺🇸", "!"]
        );
        assert_eq!(
            strs("“Yes…” — «non»"),
            ["“", "Yes", "…", "”", "—", "«", "non", "»"]
        );
        assert_eq!(strs("日本語"), ["日本語"]);
    }

    #[test]
    fn punctuation_is_one_char_each() {
        assert_eq!(strs("?!..."), ["?", "!", ".", ".", "."]);
        assert_eq!(strs(""), Vec::<&str>::new());
        assert_eq!(strs(" \t\r\n "), Vec::<&str>::new());
    }

    #[test]
    fn tokens_in_span() {
        let text = "Hi there. Bye now.";
        let toks = tokens_in(text, Span::new(10, 18));
        let got: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(got, ["Bye", "now", "."]);
        assert!(tokens_in(text, Span::new(5, 100)).is_empty());
        let mut buf = vec![];
        crate::tokens_in_into(text, Span::new(10, 18), &mut buf);
        assert_eq!(buf, toks);
        crate::tokens_in_into(text, Span::new(5, 100), &mut buf);
        assert!(buf.is_empty());
    }
}
