//! Quotation-mark scanning, tokens and quote-aware sentences.
//!
//! One linear pass over the text: paragraphs are lines; a quotation opened
//! in a paragraph is closed by the next closing mark of that paragraph, or,
//! when the paragraph ends inside it and the next paragraph opens with a
//! quotation mark, continues there (newswire convention). A mark left open
//! otherwise is not a quote.

use super::lexicon;
use parallax_core::Span;

/// One stretch of quoted words inside one paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    /// From the opening mark to past the closing mark (or paragraph end).
    pub outer: Span,
    /// The quoted words, trimmed of spaces and trailing commas.
    pub inner: Span,
    /// The previous stretch of the same quotation (previous paragraph).
    pub prev: Option<usize>,
    /// Index of the paragraph.
    pub para: usize,
    /// Whether the stretch is speech-like (three words or more, not a title).
    pub keep: bool,
}

fn is_open(c: char) -> bool {
    matches!(c, '“' | '"' | '„' | '«')
}

/// All quoted stretches and the paragraphs (non-blank lines) of `text`.
pub(crate) fn segments(text: &str) -> (Vec<Seg>, Vec<Span>) {
    let mut segs: Vec<Seg> = Vec::new();
    let mut paras: Vec<Span> = Vec::new();
    // An open quotation carried over from the previous paragraph:
    // (opening mark, content start, previous stretch).
    let mut pending: Option<(usize, usize, Option<usize>)> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let ls = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let le = ls + body.len();
        if body.trim().is_empty() {
            continue;
        }
        let para = paras.len();
        let mut open: Option<(usize, usize, Option<usize>)> = None;
        let lead = body.len() - body.trim_start().len();
        let mut skip_to = ls;
        if let Some((mark, start, prev)) = pending.take() {
            let first = body[lead..].chars().next().unwrap_or(' ');
            if is_open(first) {
                let prev_para = paras.len() - 1;
                let pend = paras[prev_para].end;
                let idx = push_seg(text, &mut segs, mark, start, pend, pend, prev, prev_para);
                let m = ls + lead;
                open = Some((m, m + first.len_utf8(), idx));
                skip_to = m + first.len_utf8();
            }
        }
        paras.push(Span::new(ls, le));
        for (off, c) in body.char_indices() {
            let i = ls + off;
            if i < skip_to {
                continue;
            }
            match c {
                '“' | '„' | '«' => open = Some((i, i + c.len_utf8(), None)),
                '"' if open.is_none() => open = Some((i, i + 1, None)),
                '"' | '”' | '»' => {
                    if let Some((mark, start, prev)) = open.take() {
                        push_seg(
                            text,
                            &mut segs,
                            mark,
                            start,
                            i,
                            i + c.len_utf8(),
                            prev,
                            para,
                        );
                    }
                }
                _ => {}
            }
        }
        pending = open;
    }
    (segs, paras)
}

#[allow(clippy::too_many_arguments)]
fn push_seg(
    text: &str,
    segs: &mut Vec<Seg>,
    mark: usize,
    start: usize,
    end: usize,
    outer_end: usize,
    prev: Option<usize>,
    para: usize,
) -> Option<usize> {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let inner = Span::new(start + lead.min(trimmed.len()), start + trimmed.len());
    if inner.is_empty() {
        return None;
    }
    let keep = word_count(inner.slice(text)) >= 3 && !title_like(inner.slice(text));
    segs.push(Seg {
        outer: Span::new(mark, outer_end),
        inner,
        prev,
        para,
        keep,
    });
    Some(segs.len() - 1)
}

/// Words with at least one letter or digit.
pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A quoted title or slogan: every content word capitalised ("Tax The Rich",
/// "Make America Great Again"), short, no sentence punctuation inside.
fn title_like(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 8
        || s.trim_end_matches(['.', '!'])
            .contains([',', ';', '?', ':'])
    {
        return false;
    }
    let mut content = 0;
    for w in &words {
        let lw = w.to_lowercase();
        if matches!(
            lw.as_str(),
            "of" | "the" | "a" | "an" | "and" | "in" | "to" | "for" | "on" | "at" | "with" | "or"
        ) {
            continue;
        }
        if !w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            return false;
        }
        content += 1;
    }
    content >= 2 && !words.contains(&"I")
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct,
    /// A quoted stretch (index into the segments).
    Quote(usize),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: Kind,
}

/// Tokens of one paragraph, quoted stretches as single tokens.
pub(crate) fn tokens(text: &str, para: Span, segs: &[Seg], para_segs: &[usize]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut pos = para.start;
    for &si in para_segs {
        let o = segs[si].outer;
        let (a, b) = (o.start.max(para.start), o.end.min(para.end));
        if a < pos {
            continue;
        }
        words(text, pos, a, &mut out);
        out.push(Tok {
            span: Span::new(a, b),
            kind: Kind::Quote(si),
        });
        pos = b;
    }
    words(text, pos, para.end, &mut out);
    out
}

fn words(text: &str, a: usize, b: usize, out: &mut Vec<Tok>) {
    if a >= b {
        return;
    }
    let chars: Vec<(usize, char)> = text[a..b].char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(o, c)| (a + o, c));
    let mut k = 0;
    while k < n {
        let (i, c) = (a + chars[k].0, chars[k].1);
        let next_alnum = at(k + 1).is_some_and(|(_, c)| c.is_alphanumeric());
        if c.is_alphanumeric() || ((c == '@' || c == '#') && next_alnum) {
            let mut j = k + 1;
            while j < n {
                let cj = chars[j].1;
                if cj.is_alphanumeric()
                    || glue(cj)
                    || cj == '_'
                    || (matches!(cj, '\'' | '’' | '-' | '.' | '&')
                        && at(j + 1).is_some_and(|(_, c)| c.is_alphanumeric()))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = at(j).map_or(b, |(o, _)| o);
            let mut span = Span::new(i, end);
            if at(j).is_some_and(|(_, c)| c == '.') && lexicon::is_abbrev(&text[i..end]) {
                span.end += 1;
                j += 1;
            } else if at(j).is_some_and(|(_, c)| c == '\'' || c == '’')
                && text[i..end].ends_with(['s', 'S'])
            {
                // plural possessive ("officials'")
                span.end += at(j).map_or(0, |(_, c)| c.len_utf8());
                j += 1;
            }
            out.push(Tok {
                span,
                kind: Kind::Word,
            });
            k = j;
        } else if c.is_whitespace() {
            k += 1;
        } else {
            out.push(Tok {
                span: Span::new(i, i + c.len_utf8()),
                kind: Kind::Punct,
            });
            k += 1;
        }
    }
}

/// Quote-aware sentences of one paragraph's tokens, as index ranges.
pub(crate) fn sentences(text: &str, toks: &[Tok], segs: &[Seg]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1);
        let next_lower = next.is_some_and(|n| {
            n.kind == Kind::Word
                && n.span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        });
        let brk = match t.kind {
            Kind::Punct => matches!(t.span.slice(text), "." | "?" | "!" | "…") && !next_lower,
            Kind::Quote(si) => {
                let inner = segs[si].inner.slice(text);
                let ends = inner.trim_end().ends_with(['.', '?', '!', '…']);
                ends && next.is_some_and(|n| match n.kind {
                    Kind::Quote(_) => true,
                    Kind::Word => n
                        .span
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase),
                    Kind::Punct => false,
                })
            }
            Kind::Word => false,
        };
        if brk {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

/// Non-ASCII symbols and control characters inside a word (mojibake such as
/// "FranÃ\u{83}Â§ois") keep the word whole.
fn glue(c: char) -> bool {
    (c as u32) >= 0x80
        && !c.is_whitespace()
        && !matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '„'
                | '«'
                | '»'
                | '—'
                | '–'
                | '―'
                | '…'
                | '•'
                | '·'
                | '\u{a0}'
        )
}
