//! Attribution: the cue next to a quote and the words naming its speaker,
//! found syntactically on the tokens of the quote's sentence.

use super::lexicon::{self, Cue};
use super::scan::{Kind, Tok};
use parallax_core::Span;
use rustc_hash::FxHashSet as HashSet;

/// How the speaker words name the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpKind {
    /// A name ("Spence", "Sen. Bernie Sanders", "The White House").
    Name,
    /// A pronoun ("he", "she", "they").
    Pronoun,
    /// A description ("the advocate", "a White House spokesman").
    Description,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Speaker {
    /// The speaker words.
    pub span: Span,
    /// The name inside them used to find the entity ("Josh Earnest" in
    /// "White House press secretary Josh Earnest").
    pub head: Span,
    pub kind: SpKind,
}

/// An attribution found for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr {
    pub speaker: Speaker,
    pub cue: Option<Span>,
}

/// Tokens of one paragraph with the text.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    /// Lower-cased words the text capitalises away from a sentence start,
    /// and entity name tokens: what a one-word name must be.
    pub names: &'a HashSet<String>,
    /// [`Ctx::low`] and [`Ctx::cue`] of every token, computed once
    /// ([`lower_words`]).
    pub lows: &'a LowWords,
}

/// Lower-cased words (`’` as `'`) of a paragraph's tokens, empty for
/// non-words, in one buffer; and the cue of each token.
#[derive(Default)]
pub(crate) struct LowWords {
    buf: String,
    /// Byte range in `buf` of each token's lower-cased word.
    idx: Vec<(u32, u32)>,
    /// [`Ctx::cue`] of each token.
    cues: Vec<Option<Cue>>,
}

impl LowWords {
    fn get(&self, i: usize) -> &str {
        self.idx
            .get(i)
            .map_or("", |&(a, b)| &self.buf[a as usize..b as usize])
    }
}

/// Lower-cased words (`’` as `'`) of `toks`, empty for non-words: the
/// table behind [`Ctx::low`] (and [`Ctx::cue`]). Reuses `out`.
pub(crate) fn lower_words(text: &str, toks: &[Tok], out: &mut LowWords) {
    out.buf.clear();
    out.idx.clear();
    out.cues.clear();
    for t in toks {
        let a = out.buf.len();
        if t.kind == Kind::Word {
            let w = t.span.slice(text);
            if w.is_ascii() {
                // Same as `to_lowercase` for ASCII; no curly apostrophe.
                out.buf.push_str(w);
                out.buf[a..].make_ascii_lowercase();
            } else {
                out.buf.push_str(&w.to_lowercase().replace('’', "'"));
            }
        }
        out.idx.push((a as u32, out.buf.len() as u32));
    }
    for (i, t) in toks.iter().enumerate() {
        let cue = if t.kind != Kind::Word {
            None
        } else {
            let next = || out.get(i + 1);
            match out.get(i) {
                "according" => next().eq("to").then_some(Cue::Say),
                "went" => next().eq("on").then_some(Cue::Say),
                "put" => next().eq("it").then_some(Cue::Say),
                "points" | "pointed" => next().eq("out").then_some(Cue::Say),
                w => lexicon::cue(w),
            }
        };
        out.cues.push(cue);
    }
}

impl<'a> Ctx<'a> {
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
    fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.span.slice(self.text))
    }
    /// Lower-cased word (`’` as `'`), empty for non-words.
    fn low(&self, i: usize) -> &'a str {
        self.lows.get(i)
    }
    fn punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.span.slice(self.text) == p)
    }
    fn is_quote(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Quote(_)))
    }
    fn cap(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .raw(i)
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
    }
    fn handle(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).starts_with('@')
    }
    fn cue(&self, i: usize) -> Option<Cue> {
        self.lows.cues.get(i).copied().flatten()
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }
    fn name_part(&self, i: usize) -> bool {
        (self.cap(i) || self.handle(i))
            && !self.raw(i).chars().all(|c| c.is_numeric() || c == '.')
            && !lexicon::party_tag(self.raw(i))
    }
}

/// A name run of one word must be a known name ("Yes, …" and "Wait, …"
/// are not speakers).
fn known_run(c: &Ctx, a: usize, b: usize) -> bool {
    if b - a != 1 || c.handle(a) {
        return true;
    }
    let w = c.low(a);
    let w = w.strip_suffix("'s").unwrap_or(w);
    c.names.contains(w)
}

fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("s'")
}

fn sp(span: Span, kind: SpKind) -> Speaker {
    Speaker {
        span,
        head: span,
        kind,
    }
}

fn is_prep(w: &str) -> bool {
    matches!(w, "of" | "from" | "at" | "for" | "with")
}

/// The speaker words ending right before token `end` (exclusive), not before
/// `lo`: a pronoun, a name (possibly followed by appositives before the cue)
/// or a description.
fn backward_np(c: &Ctx, lo: usize, end: usize) -> Option<Speaker> {
    let mut i = end;
    while i > lo && c.is_word(i - 1) && lexicon::is_aux(c.low(i - 1)) {
        i -= 1;
    }
    if i == lo {
        return None;
    }
    let t = i - 1;
    if c.punct(t, ")") {
        let mut p = t;
        while p > lo && t - p < 12 && !c.punct(p, "(") {
            p -= 1;
        }
        return if c.punct(p, "(") {
            backward_core(c, lo, p)
        } else {
            None
        };
    }
    if !c.punct(t, ",") {
        return backward_core(c, lo, i);
    }
    // "Smith, a spokesman for the campaign, said": the noun phrases before
    // each comma; the first name opening a clause wins, else the nearest name.
    let mut cands: Vec<(Speaker, bool)> = Vec::new();
    let opens = |s: &Speaker| {
        let k = c
            .toks
            .iter()
            .position(|x| x.span.start == s.span.start)
            .unwrap_or(lo);
        k == lo
            || c.punct(k - 1, ",")
            || c.punct(k - 1, ":")
            || (k - 1 == lo && lexicon::is_connective(c.low(k - 1)))
    };
    if let Some(s) = backward_core(c, lo, t) {
        if s.kind != SpKind::Pronoun {
            cands.push((s, opens(&s)));
        }
    }
    let mut p = t;
    let mut level = 0;
    while p > lo && t - p < 40 && level < 3 {
        p -= 1;
        if c.punct(p, ".") || c.is_quote(p) || c.punct(p, ";") || c.punct(p, ":") {
            break;
        }
        if !c.punct(p, ",") {
            continue;
        }
        level += 1;
        if let Some(s) = backward_core(c, lo, p) {
            if s.kind == SpKind::Pronoun {
                break;
            }
            cands.push((s, opens(&s)));
        }
    }
    cands
        .iter()
        .find(|(s, o)| *o && s.kind == SpKind::Name)
        .or_else(|| cands.iter().find(|(_, o)| *o))
        .or_else(|| cands.iter().find(|(s, _)| s.kind == SpKind::Name))
        .or_else(|| cands.first())
        .map(|(s, _)| *s)
}

fn backward_core(c: &Ctx, lo: usize, end: usize) -> Option<Speaker> {
    let (s, start) = backward_simple(c, lo, end)?;
    // "Mr. Morgan of the Sierra Club said", "a spokesman for the campaign said"
    if s.kind != SpKind::Pronoun && start > lo + 1 {
        let mut k = start;
        if c.low(k - 1) == "the" {
            k -= 1;
        }
        if k > lo + 1 && is_prep(c.low(k - 1)) {
            if let Some((mut h, _)) = backward_simple(c, lo, k - 1) {
                if h.kind != SpKind::Pronoun {
                    h.span = Span::new(h.span.start, s.span.end);
                    return Some(h);
                }
            }
        }
    }
    Some(s)
}

/// A pronoun, name run or description ending before `end`, and its first token.
fn backward_simple(c: &Ctx, lo: usize, end: usize) -> Option<(Speaker, usize)> {
    if end <= lo {
        return None;
    }
    let t = end - 1;
    if c.punct(t, ")") {
        // "Roy Cooper (D)"
        let p = (t.saturating_sub(8).max(lo)..t)
            .rev()
            .find(|&p| c.punct(p, "("))?;
        return backward_simple(c, lo, p);
    }
    if !c.is_word(t) {
        return None;
    }
    let w = c.low(t);
    if w == "who" && t > lo && c.punct(t - 1, ",") {
        return backward_simple(c, lo, t - 1);
    }
    if lexicon::is_pronoun(w) {
        return Some((sp(c.span(t, t + 1), SpKind::Pronoun), t));
    }
    if c.name_part(t) {
        let mut j = t;
        while j > lo
            && c.is_word(j - 1)
            && (c.name_part(j - 1) || (lexicon::is_particle(c.low(j - 1)) && j - 1 > lo))
        {
            j -= 1;
        }
        while j < t && lexicon::is_connective(c.low(j)) {
            j += 1;
        }
        if lexicon::is_connective(c.low(j)) {
            return None;
        }
        // "Trump's Sean Spicer" keeps only the name after the possessive.
        while j < t && possessive(c.low(j)) {
            j += 1;
        }
        if heading(c, j, t + 1) || !known_run(c, j, t + 1) {
            return None;
        }
        let all_titles = (j..=t).all(|k| lexicon::is_title(c.low(k)));
        let kind = if all_titles {
            SpKind::Description
        } else {
            SpKind::Name
        };
        return Some((sp(c.span(j, t + 1), kind), j));
    }
    if lexicon::is_function(w) || lexicon::cue(w).is_some() || !w.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut j = t;
    let mut det = false;
    while j > lo && t - j < 6 {
        let p = j - 1;
        if !c.is_word(p) {
            break;
        }
        let lw = c.low(p);
        if lexicon::is_determiner(lw) || possessive(lw) {
            j = p;
            det = true;
            break;
        }
        if lexicon::is_function(lw) || lexicon::cue(lw).is_some() || lexicon::is_aux(lw) {
            break;
        }
        j = p;
    }
    if !det {
        // bare plural or role at a clause start: "officials said", "U.S. officials say"
        let bare_ok = (w.ends_with('s') || lexicon::is_role(w))
            && (j == lo || !c.is_word(j - 1) || lexicon::is_function(c.low(j - 1)));
        if !bare_ok {
            return None;
        }
        while j < t && lexicon::is_function(c.low(j)) {
            j += 1;
        }
    }
    Some((sp(c.span(j, t + 1), SpKind::Description), j))
}

/// Three or more all-capital words: a heading, not a name.
fn heading(c: &Ctx, a: usize, b: usize) -> bool {
    let upper = |k: usize| {
        let r = c.raw(k);
        r.chars().filter(|c| c.is_alphabetic()).count() > 1 && !r.chars().any(char::is_lowercase)
    };
    let long = (a..b).any(|k| c.raw(k).chars().filter(|c| c.is_alphabetic()).count() >= 5);
    b - a >= 2 && (a..b).all(upper) && (b - a >= 3 || long)
}

/// The speaker words starting at token `i` (before `hi`), and where they end.
fn forward_np(c: &Ctx, i: usize, hi: usize) -> Option<(Speaker, usize)> {
    let (mut s, mut e) = forward_simple(c, i, hi)?;
    if s.kind == SpKind::Pronoun {
        return Some((s, e));
    }
    // "Mr. Morgan of the Sierra Club", "a spokesman for the Trump campaign"
    if e + 1 < hi && (is_prep(c.low(e)) || c.low(e) == "in") {
        if let Some((t, te)) = forward_simple(c, e + 1, hi) {
            if t.kind != SpKind::Pronoun {
                s.span = Span::new(s.span.start, t.span.end);
                e = te;
            }
        }
    }
    Some((s, e))
}

fn forward_simple(c: &Ctx, i: usize, hi: usize) -> Option<(Speaker, usize)> {
    if i >= hi || !c.is_word(i) {
        return None;
    }
    let w = c.low(i);
    if lexicon::is_pronoun(w) {
        return Some((sp(c.span(i, i + 1), SpKind::Pronoun), i + 1));
    }
    let name_run = |s: usize| {
        let mut j = s;
        while j < hi
            && c.is_word(j)
            && (c.name_part(j)
                || (lexicon::is_particle(c.low(j)) && j + 1 < hi && c.name_part(j + 1)))
        {
            j += 1;
        }
        j
    };
    // lower-case role words before a name: "organizer Connor Spence"
    let premod = |s: usize| {
        let mut j = s;
        while j < hi && j - s < 4 && c.is_word(j) && !c.cap(j) {
            let lw = c.low(j);
            if lexicon::is_function(lw) || c.cue(j).is_some() || lexicon::is_aux(lw) {
                break;
            }
            j += 1;
        }
        j
    };
    if matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "another"
            | "one"
            | "two"
            | "some"
            | "several"
            | "many"
            | "our"
    ) || possessive(w)
    {
        let mut j = i + 1;
        while j < hi && j - i < 7 && c.is_word(j) {
            let lw = c.low(j);
            if lexicon::is_function(lw) || c.cue(j).is_some() || lexicon::is_aux(lw) {
                break;
            }
            j += 1;
        }
        if j == i + 1 {
            return None;
        }
        let mut s = sp(c.span(i, j), SpKind::Description);
        // "the organization's president, John Smith" is left to appositives;
        // "the group's founder John Smith" names him
        let last_cap = (i + 1..j).rev().take_while(|&k| c.name_part(k)).last();
        if let Some(k) = last_cap {
            if k > i + 1 && !c.cap(k - 1) && !possessive(c.low(j - 1)) {
                s.head = c.span(k, j);
                s.kind = SpKind::Name;
            }
        }
        return Some((s, j));
    }
    if c.name_part(i) {
        let mut j = name_run(i);
        let mut head = (i, j);
        // "White House press secretary Josh Earnest"
        loop {
            let m = premod(j);
            if m > j && m < hi && c.name_part(m) {
                let e = name_run(m);
                head = (m, e);
                j = e;
            } else {
                break;
            }
        }
        if heading(c, i, j) || !known_run(c, i, j) {
            return None;
        }
        if possessive(c.low(j - 1)) {
            // "Hillary Clinton's right-hand woman"
            let m = premod(j);
            if m > j {
                return Some((sp(c.span(i, m), SpKind::Description), m));
            }
        }
        let kind = if (head.0..head.1).all(|k| lexicon::is_title(c.low(k))) {
            SpKind::Description
        } else {
            SpKind::Name
        };
        let mut s = sp(c.span(i, j), kind);
        s.head = c.span(head.0, head.1);
        return Some((s, j));
    }
    if lexicon::is_function(w) || c.cue(i).is_some() {
        return None;
    }
    // "said organizer Connor Spence", "said former senator Jim Webb"
    let j = premod(i);
    if j < hi && j > i && c.name_part(j) {
        let mut e = name_run(j);
        let mut head = (j, e);
        loop {
            let m = premod(e);
            if m > e && m < hi && c.name_part(m) {
                let f = name_run(m);
                head = (m, f);
                e = f;
            } else {
                break;
            }
        }
        let mut s = sp(c.span(i, e), SpKind::Name);
        s.head = c.span(head.0, head.1);
        return Some((s, e));
    }
    if j > i && (w.ends_with('s') || lexicon::is_role(c.low(j - 1))) {
        return Some((sp(c.span(i, j), SpKind::Description), j));
    }
    None
}

fn sentence_end(c: &Ctx, k: usize) -> bool {
    (c.punct(k, ".") && !c.punct(k + 1, ")")) || c.punct(k, "?") || c.punct(k, "!")
}

fn dash(c: &Ctx, k: usize) -> bool {
    ["—", "–", "―", "-"].iter().any(|d| c.punct(k, d))
}

/// An attribution right after a quote: `"…," Spence said`, `"…," said
/// Smalls`, `"…," Smith, a spokesman for Y, told reporters`, `"…,"
/// according to X`, `"…" ― Name`.
pub(crate) fn right(c: &Ctx, lo: usize, q: usize) -> Option<Attr> {
    // after a quote closing a sentence ("…now.” Christian Smalls, …,
    // responded"), only a plain "Name said" attributes it
    let closed = c.raw(q);
    let closed =
        closed[..closed.len() - closed.chars().last().map_or(0, char::len_utf8)].trim_end();
    let strict = closed.ends_with(['.', '?', '!']) && c.cap(q + 1) && q > lo;
    if strict && q > 0 && c.is_word(q - 1) {
        return None; // "Japan branded it an “outlaw nation.” Russia insisted…"
    }
    let hi = (q + 1..c.toks.len())
        .find(|&k| c.is_quote(k) || sentence_end(c, k))
        .unwrap_or(c.toks.len());
    let mut i = q + 1;
    let mut dashed = false;
    while i < hi && (c.punct(i, ",") || dash(c, i)) {
        dashed |= dash(c, i);
        i += 1;
    }
    if i >= hi {
        return None;
    }
    if dashed {
        // a signature: “…” ― Pamela Padilla
        if let Some((s, e)) = forward_np(c, i, hi) {
            if e == hi && s.kind == SpKind::Name {
                return Some(Attr {
                    speaker: s,
                    cue: None,
                });
            }
        }
    }
    attribution_at(c, i, hi, strict)
}

/// `NP (appositives) CUE` or `CUE NP` starting at token `i`.
fn attribution_at(c: &Ctx, mut i: usize, hi: usize, strict: bool) -> Option<Attr> {
    if c.low(i) == "as" {
        i += 1; // "as a memo put it"
    }
    if let Some(cue) = c.cue(i) {
        let w = c.low(i);
        let inverted = matches!(cue, Cue::Say) || w == "asked";
        if !inverted {
            return None;
        }
        let (after, cue_span) = if w == "according" {
            (i + 2, c.span(i, i + 2))
        } else {
            (i + 1, c.span(i, i + 1))
        };
        let (s, _) = forward_np(c, after, hi)?;
        return Some(Attr {
            speaker: s,
            cue: Some(cue_span),
        });
    }
    let (s, j) = forward_np(c, i, hi)?;
    let found = |k: usize| {
        let cue = c.cue(k)?;
        (matches!(cue, Cue::Say | Cue::Tell) && c.low(k) != "according").then_some(Attr {
            speaker: s,
            cue: Some(c.span(k, k + 1)),
        })
    };
    let mut k = j;
    while k < hi && c.cue(k).is_none() && c.is_word(k) && lexicon::is_aux(c.low(k)) {
        k += 1;
    }
    if k < hi && c.cue(k).is_some() {
        return found(k);
    }
    // appositives and parentheses: "Smith, a spokesman for Y, said"
    if !(c.punct(k, ",") || c.punct(k, "(")) || strict || s.kind == SpKind::Pronoun {
        return None;
    }
    for m in k + 1..hi.min(k + 40) {
        if c.cue(m).is_some() {
            let mut b = m;
            while b > k && c.is_word(b - 1) && lexicon::is_aux(c.low(b - 1)) {
                b -= 1;
            }
            return if c.punct(b - 1, ",") || c.punct(b - 1, ")") {
                found(m)
            } else {
                None
            };
        }
    }
    None
}

/// A sentence-final attribution after a quote: `A cashier who "steals a
/// handful" is held accountable, Warren said.`
pub(crate) fn tail(c: &Ctx, q: usize, hi: usize) -> Option<Attr> {
    let mut k = q + 1;
    while k < hi {
        if c.is_quote(k) {
            return None;
        }
        if c.punct(k, ",") && k + 1 < hi {
            if let Some(a) = attribution_at(c, k + 1, hi, false) {
                return Some(a);
            }
        }
        k += 1;
    }
    None
}

/// An attribution before a quote in its sentence: `Spence said, "…"`, `The
/// advocate stressed "…"`, `Smalls responded by posting, "…"`, `Said
/// Smith: "…"`, `Trump on Twitter: "…"`.
pub(crate) fn left(c: &Ctx, lo: usize, q: usize) -> Option<Attr> {
    let mut saw_participle = false;
    for strong in [true, false] {
        let mut k = q;
        while k > lo {
            k -= 1;
            let Some(cue) = c.cue(k) else { continue };
            if strong == (cue == Cue::Weak) {
                continue;
            }
            let w = c.low(k);
            if w == "according" {
                if let Some((s, _)) = forward_np(c, k + 2, q) {
                    return Some(Attr {
                        speaker: s,
                        cue: Some(c.span(k, k + 2)),
                    });
                }
                continue;
            }
            if cue == Cue::Participle {
                // "footage of Hillary Clinton asking, “…”"
                if let Some((s, _)) = backward_simple(c, lo, k) {
                    if s.kind == SpKind::Name {
                        return Some(Attr {
                            speaker: s,
                            cue: Some(c.span(k, k + 1)),
                        });
                    }
                }
                saw_participle = true;
                continue;
            }
            if let Some(s) = backward_np(c, lo, k) {
                return Some(Attr {
                    speaker: s,
                    cue: Some(c.span(k, k + 1)),
                });
            }
            let clause_start = k == lo || c.punct(k - 1, ",") || c.punct(k - 1, ":");
            if clause_start && cue == Cue::Say {
                if let Some((s, _)) = forward_np(c, k + 1, q) {
                    return Some(Attr {
                        speaker: s,
                        cue: Some(c.span(k, k + 1)),
                    });
                }
            }
        }
    }
    // "Trump on Twitter: “…”" / "Smith: “…”"
    if q > lo && c.punct(q - 1, ":") {
        let mut s = lo;
        while s < q && (lexicon::is_connective(c.low(s)) || c.punct(s, ",")) {
            s += 1;
        }
        if let Some((sp, e)) = forward_np(c, s, q) {
            if q - e <= 6 && sp.kind == SpKind::Name {
                return Some(Attr {
                    speaker: sp,
                    cue: None,
                });
            }
        }
        // "…doesn't surprise Republican pollster Daron Shaw: “…”"
        if let Some((sp, _)) = backward_simple(c, lo, q - 1) {
            if sp.kind == SpKind::Name {
                return Some(Attr {
                    speaker: sp,
                    cue: None,
                });
            }
        }
    }
    // "Hours later, Trump returned the compliment, telling Reuters, “…”"
    if saw_participle {
        if let Some(sp) = subject_np(c, lo, q, true) {
            return Some(Attr {
                speaker: sp,
                cue: None,
            });
        }
    }
    None
}

/// The name opening a sentence, when it is followed by a verb-like word or an
/// appositive ("However, Ball questioned…", "Connor Spence, one of…").
pub(crate) fn subject(c: &Ctx, lo: usize, hi: usize) -> Option<Speaker> {
    subject_np(c, lo, hi, false)
}

/// The person a sentence is about: its subject when a name or a pronoun.
pub(crate) fn lead(c: &Ctx, lo: usize, hi: usize) -> Option<Speaker> {
    subject_np(c, lo, hi, true).filter(|s| s.kind != SpKind::Description)
}

/// The subject of a clause: a name, or with `any` also a description.
fn subject_np(c: &Ctx, lo: usize, hi: usize, any: bool) -> Option<Speaker> {
    let mut start = lo;
    for _ in 0..3 {
        let mut s = start;
        while s < hi && (lexicon::is_connective(c.low(s)) || c.punct(s, ",")) {
            s += 1;
        }
        if s < hi && (c.name_part(s) || any) {
            if let Some((sp, e)) = forward_np(c, s, hi) {
                if (sp.kind == SpKind::Name || any) && e < hi {
                    let lw = c.low(e);
                    let verb = c.is_word(e)
                        && !c.cap(e)
                        && !possessive(c.low(e - 1))
                        && (lexicon::is_aux(lw) || !lexicon::is_function(lw))
                        && !matches!(lw, "later" | "earlier" | "ago");
                    if c.punct(e, ",") || c.punct(e, "(") || verb {
                        return Some(sp);
                    }
                }
            }
        }
        // the next clause: after an opening phrase ("Hours later, …")
        let next = (s..hi.min(s + 8)).find(|&k| c.punct(k, ","))?;
        start = next + 1;
    }
    None
}

/// Names right before a cue verb anywhere in a sentence ("AOC replied to a
/// tweet"): people the text has shown speaking.
pub(crate) fn cue_subjects(c: &Ctx, lo: usize, hi: usize, out: &mut Vec<(Speaker, bool)>) {
    for k in lo..hi {
        if matches!(c.cue(k), Some(Cue::Say | Cue::Tell | Cue::Weak)) {
            if let Some(s) = backward_np(c, lo, k) {
                if s.kind == SpKind::Name {
                    out.push((s, true));
                }
            }
        }
    }
}
