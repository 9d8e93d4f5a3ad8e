//! Direct quotes and their speakers.
//!
//! 1. [`scan`]: one pass over the text finds quoted stretches (straight and
//!    curly marks, paragraph-continued quotations), tokens and quote-aware
//!    sentences. One- and two-word fragments and quoted titles are not speech.
//! 2. [`attrib`]: for each quote, the cue and speaker words next to it, found
//!    syntactically: after the quote (`"…," Spence said`, `"…," said X, the
//!    title of Y`, `"…," X, a spokesman for Y, said`, `according to X`) or
//!    before it in its sentence (`Spence stressed that his group is an "…"`).
//!    A quote without its own attribution takes that of the quote it
//!    continues (split quotes, later paragraphs of a long quotation).
//! 3. Speakers map to entities: by a mention overlapping the speaker words,
//!    else by name or surname. Pronouns and definite descriptions ("he
//!    added", "the advocate stressed") resolve to the most recent
//!    gender-compatible named person (a previous speaker or sentence subject).
//!
//! Linear in the text size: every lookup is bounded to a sentence, a few
//! tokens, or an index.

mod attrib;
mod lexicon;
mod scan;
#[cfg(test)]
mod tests;

use crate::{Entity, EntityKind, Quote};
use attrib::{Attr, Ctx, SpKind};
use lexicon::Gender;
use parallax_core::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Find the direct quotes of one article.
pub fn find_quotes(text: &str, _sentences: &[Span], entities: &[Entity]) -> Vec<Quote> {
    let (segs, paras) = scan::segments(text);
    let mut by_para: Vec<Vec<usize>> = vec![Vec::new(); paras.len()];
    for (i, s) in segs.iter().enumerate() {
        by_para[s.para].push(i);
    }
    let names = known_names(text, entities);
    let mut keep: Vec<bool> = segs.iter().map(|s| s.keep).collect();
    let mut attrs: Vec<Option<Attr>> = vec![None; segs.len()];
    // the attribution of each sentence that holds a cue, for quotes standing
    // alone right after it: (paragraph, first token offset, attribution)
    let mut people: Vec<(attrib::Speaker, bool)> = Vec::new();
    let mut inner: Vec<Span> = segs.iter().map(|s| s.inner).collect();
    let mut intro: Option<Attr> = None; // a paragraph ending "Caddell continued:"
    let mut prev_para_attr: Option<Attr> = None;
    let mut lows = attrib::LowWords::default();
    for (p, para) in paras.iter().enumerate() {
        let toks = scan::tokens(text, *para, &segs, &by_para[p]);
        attrib::lower_words(text, &toks, &mut lows);
        let c = Ctx {
            text,
            toks: &toks,
            names: &names,
            lows: &lows,
        };
        let mut prev_sentence: Option<Attr> = intro.take();
        let mut para_attr: Option<Attr> = None;
        let only_quotes = toks.iter().all(|t| t.kind != scan::Kind::Word);
        let sents = scan::sentences(text, &toks, &segs);
        for &(a, b) in &sents {
            if let Some(s) = attrib::subject(&c, a, b) {
                people.push((s, false));
            }
            attrib::cue_subjects(&c, a, b, &mut people);
            let mut any_quote = false;
            for (k, tok) in toks.iter().enumerate().take(b).skip(a) {
                let scan::Kind::Quote(si) = tok.kind else {
                    continue;
                };
                if !segs[si].keep {
                    attrs[si] = attrib::right(&c, a, k);
                    continue;
                }
                any_quote = true;
                if let Some((label, rest)) = transcript_label(text, segs[si].inner) {
                    attrs[si] = Some(label);
                    inner[si] = rest;
                    continue;
                }
                attrs[si] = attrib::right(&c, a, k)
                    .or_else(|| attrib::left(&c, a, k))
                    .or_else(|| attrib::tail(&c, k, b));
                if attrs[si].is_none() && modifier(&c, k) {
                    keep[si] = false;
                    continue;
                }
                if attrs[si].is_none() && k == a {
                    // a quote opening its sentence right after one that
                    // introduces it: `Smith called it a mess. "…"`
                    attrs[si] = prev_sentence;
                }
                if attrs[si].is_none() && k == 0 && only_quotes {
                    // a paragraph of quotation only, after a quoted paragraph
                    attrs[si] = prev_para_attr;
                }
                if attrs[si].is_none() && k > a {
                    attrs[si] = attrib::subject(&c, a, b).map(|s| Attr {
                        speaker: s,
                        cue: None,
                    });
                }
                if attrs[si].is_some() {
                    para_attr = attrs[si];
                }
            }
            prev_sentence = if any_quote {
                None
            } else {
                attrib::left(&c, a, b)
            };
        }
        if let Some(&(a, b)) = sents.last() {
            if b > a && toks[b - 1].span.slice(text) == ":" {
                intro = prev_sentence.or_else(|| attrib::left(&c, a, b));
            }
        }
        if para_attr.is_none() {
            // "Valastro praised Christie's leadership…" then a quoted paragraph
            para_attr = prev_sentence.or_else(|| {
                sents.first().and_then(|&(a, b)| {
                    attrib::lead(&c, a, b).map(|s| Attr {
                        speaker: s,
                        cue: None,
                    })
                })
            });
        }
        prev_para_attr = para_attr;
    }
    inherit(&segs, &mut attrs);
    let tweets = tweets(text, &paras, &segs);

    let index = EntityIndex::new(text, entities);
    let resolved = resolve(text, &index, entities, &attrs, &tweets, &people);

    let mut out: Vec<Quote> = segs
        .iter()
        .zip(&attrs)
        .zip(&inner)
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(x, _)| x)
        .map(|((_, a), inner)| Quote {
            span: *inner,
            speaker: a.and_then(|a| resolved.get(&a.speaker.span.start).copied().flatten()),
            speaker_span: a.map(|a| a.speaker.span),
            cue: a.and_then(|a| a.cue),
        })
        .collect();
    for (q, a) in &tweets {
        out.push(Quote {
            span: *q,
            speaker: resolved.get(&a.speaker.span.start).copied().flatten(),
            speaker_span: Some(a.speaker.span),
            cue: None,
        });
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// Lower-cased words capitalised somewhere away from a sentence start, and
/// the name tokens of people, organisations and places.
fn known_names(text: &str, entities: &[Entity]) -> HashSet<String> {
    let mut out = HashSet::default();
    let mut prev = '\n';
    let mut prev_word: &str = "";
    let mut word_start: Option<(usize, char, bool)> = None;
    let mut buf = String::new();
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = ch.is_alphanumeric() || ch == '-' || ch == '\'' || ch == '’';
        match (word_start, in_word) {
            (None, true) => {
                // "Gregory W. Meeks": a period after an initial or a title
                let abbrev = prev == '.' && lexicon::is_abbrev(prev_word);
                word_start = Some((i, prev, abbrev));
            }
            (Some((s, before, abbrev)), false) => {
                let w = &text[s..i];
                prev_word = w;
                let initial =
                    !abbrev && matches!(before, '\n' | '.' | '!' | '?' | '"' | '“' | ':' | '—');
                if !initial && w.chars().next().is_some_and(char::is_uppercase) {
                    buf.clear();
                    if w.is_ascii() {
                        buf.push_str(w);
                        buf.make_ascii_lowercase();
                    } else {
                        buf.push_str(&w.to_lowercase().replace('’', "'"));
                    }
                    let lw = buf.strip_suffix("'s").unwrap_or(&buf);
                    if !out.contains(lw) {
                        out.insert(lw.to_string());
                    }
                }
                word_start = None;
            }
            _ => {}
        }
        if !ch.is_whitespace() {
            prev = ch;
        }
    }
    for e in entities.iter().filter(|e| e.kind != EntityKind::Other) {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            out.extend(name_tokens(n));
        }
    }
    out
}

/// Quoted words used as a modifier between an article and a noun ("a "tax
/// the rich" dress"): a slogan, not speech.
fn modifier(c: &Ctx, k: usize) -> bool {
    let word = |i: usize| {
        c.toks
            .get(i)
            .filter(|t| t.kind == scan::Kind::Word)
            .map(|t| t.span.slice(c.text))
    };
    let before = k.checked_sub(1).and_then(word).map(str::to_lowercase);
    let after = word(k + 1);
    let short = match c.toks[k].kind {
        scan::Kind::Quote(_) => scan::word_count(c.toks[k].span.slice(c.text)) <= 4,
        _ => false,
    };
    short
        && matches!(before.as_deref(), Some("a" | "an"))
        && after.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// Quotes without their own attribution take that of the quote they
/// continue: the previous paragraph of the same quotation, or the previous
/// quote of the same paragraph (`"…," Spence said. "…"`).
fn inherit(segs: &[scan::Seg], attrs: &mut [Option<Attr>]) {
    let mut last_in_para: Option<(usize, Attr)> = None;
    for i in 0..segs.len() {
        if !segs[i].keep {
            continue;
        }
        if attrs[i].is_none() {
            attrs[i] = segs[i].prev.and_then(|p| attrs[p]).or_else(|| {
                last_in_para
                    .filter(|(p, _)| *p == segs[i].para)
                    .map(|(_, a)| a)
            });
        }
        if let Some(a) = attrs[i] {
            last_in_para = Some((segs[i].para, a));
        }
    }
    // A quotation attributed only in a later paragraph.
    for i in (0..segs.len()).rev() {
        if let (Some(a), Some(p)) = (attrs[i], segs[i].prev) {
            if attrs[p].is_none() && segs[p].keep {
                attrs[p] = Some(a);
            }
        }
    }
}

/// A transcript line quoted whole: `"WALLACE: Let's start…"`.
fn transcript_label(text: &str, inner: Span) -> Option<(Attr, Span)> {
    let s = inner.slice(text);
    let colon = s.get(..40.min(s.len()))?.find(':')?;
    let label = &s[..colon];
    let words = label.split_whitespace().count();
    let caps = label
        .chars()
        .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-');
    if !(1..=3).contains(&words) || !caps || label.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return None;
    }
    let rest = s[colon + 1..].trim_start();
    if scan::word_count(rest) < 1 {
        return None;
    }
    let span = Span::new(inner.start, inner.start + colon);
    let speaker = attrib::Speaker {
        span,
        head: span,
        kind: SpKind::Name,
    };
    Some((
        Attr { speaker, cue: None },
        Span::new(inner.end - rest.len(), inner.end),
    ))
}

/// Embedded tweets in plain text: `Words — Name (@handle) March 31, 2022`.
fn tweets(text: &str, paras: &[Span], segs: &[scan::Seg]) -> Vec<(Span, Attr)> {
    let mut out = Vec::new();
    for p in paras {
        let line = p.slice(text);
        let Some(dash) = line.rfind(['—', '–']) else {
            continue;
        };
        let tail = &line[dash..];
        let Some(at) = tail.find("(@") else { continue };
        let close = tail[at..].find(')').map(|c| at + c);
        let Some(close) = close else { continue };
        let after = tail[close + 1..].trim();
        let dated = after.split_whitespace().count() >= 2
            && after.chars().rev().take(4).all(|c| c.is_ascii_digit());
        let name = tail[dash_len(tail)..at].trim();
        if !dated || name.is_empty() || name.split_whitespace().count() > 5 {
            continue;
        }
        let body = line[..dash].trim_end();
        let lead = line.len() - line.trim_start().len();
        if scan::word_count(body) < 3 {
            continue;
        }
        let q = Span::new(p.start + lead.min(body.len()), p.start + body.len());
        if segs
            .iter()
            .any(|s| s.outer.start < q.end && q.start < s.outer.end)
        {
            continue;
        }
        let ns = p.start + dash + tail.find(name).unwrap_or(0);
        out.push((
            q,
            Attr {
                speaker: attrib::Speaker {
                    span: Span::new(ns, ns + name.len()),
                    head: Span::new(ns, ns + name.len()),
                    kind: SpKind::Name,
                },
                cue: None,
            },
        ));
    }
    out
}

fn dash_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// Lower-cased name tokens of a span, without titles and possessive `'s`.
fn name_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '@')
                .to_lowercase()
                .replace('’', "'");
            w.strip_suffix("'s").map(str::to_string).unwrap_or(w)
        })
        .filter(|w| !w.is_empty() && !lexicon::is_title(w) && !lexicon::is_title(&format!("{w}.")))
        .collect()
}

/// Mentions sorted by position and entity names by token.
struct EntityIndex {
    mentions: Vec<(Span, usize)>,
    by_token: HashMap<String, Vec<usize>>,
}

impl EntityIndex {
    fn new(text: &str, entities: &[Entity]) -> Self {
        let mut mentions: Vec<(Span, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.span, i)))
            .filter(|(s, _)| s.end <= text.len() && s.start < s.end)
            .collect();
        mentions.sort_by_key(|(s, _)| (s.start, s.end));
        let mut by_token: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in entities.iter().enumerate() {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                for t in name_tokens(n) {
                    let v = by_token.entry(t).or_default();
                    if v.last() != Some(&i) {
                        v.push(i);
                    }
                }
            }
        }
        EntityIndex { mentions, by_token }
    }

    /// The entity a name span names.
    fn lookup(&self, text: &str, entities: &[Entity], span: Span) -> Option<usize> {
        let core = name_tokens(span.slice(text));
        if core.is_empty() {
            return None;
        }
        // a mention overlapping the speaker words and sharing a name token
        let from = self
            .mentions
            .partition_point(|(s, _)| s.end <= span.start.saturating_sub(200));
        let mut best: Option<(usize, usize)> = None;
        for &(m, ei) in &self.mentions[from..] {
            if m.start >= span.end {
                break;
            }
            if m.end <= span.start
                || !text.is_char_boundary(m.start)
                || !text.is_char_boundary(m.end)
            {
                continue;
            }
            let mt = name_tokens(m.slice(text));
            if !mt.iter().any(|t| core.contains(t)) {
                continue;
            }
            let ov = m.end.min(span.end) - m.start.max(span.start);
            let score = ov * 2 + usize::from(entities[ei].kind == EntityKind::Person);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, ei));
            }
        }
        if let Some((_, ei)) = best {
            return Some(ei);
        }
        // by name: the entity whose names hold the surname (and the other
        // name tokens), the one mentioned last before the quote first
        let last = core.last()?;
        let cands = self.by_token.get(last)?;
        let mut best: Option<((usize, usize, usize), usize)> = None;
        for &ei in cands {
            let e = &entities[ei];
            let names: Vec<String> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .flat_map(|n| name_tokens(n))
                .collect();
            if !core.iter().all(|t| names.contains(t)) {
                continue;
            }
            let before = e
                .mentions
                .iter()
                .filter(|m| m.span.start < span.start)
                .map(|m| m.span.start + 1)
                .max()
                .unwrap_or(0);
            let score = (
                usize::from(e.kind == EntityKind::Person),
                before,
                e.mentions.len(),
            );
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, ei));
            }
        }
        best.map(|(_, ei)| ei)
    }
}

/// A named person the text has introduced, for pronouns and descriptions.
struct Cand {
    pos: usize,
    entity: Option<usize>,
    key: String,
    gender: Option<Gender>,
}

/// Speaker entity per speaker-span start.
fn resolve(
    text: &str,
    index: &EntityIndex,
    entities: &[Entity],
    attrs: &[Option<Attr>],
    tweets: &[(Span, Attr)],
    subjects: &[(attrib::Speaker, bool)],
) -> HashMap<usize, Option<usize>> {
    enum Ev {
        /// A sentence subject; whether a cue verb follows it.
        Subject(attrib::Speaker, bool),
        Speaker(attrib::Speaker),
    }
    let mut evs: Vec<(usize, Ev)> = subjects
        .iter()
        .map(|(s, cue)| (s.span.start, Ev::Subject(*s, *cue)))
        .collect();
    let mut seen = HashSet::default();
    for a in attrs.iter().flatten().chain(tweets.iter().map(|(_, a)| a)) {
        if seen.insert(a.speaker.span.start) {
            evs.push((a.speaker.span.start, Ev::Speaker(a.speaker)));
        }
    }
    evs.sort_by_key(|(p, e)| (*p, matches!(e, Ev::Subject(..))));
    let speaker_keys: HashSet<String> = attrs
        .iter()
        .flatten()
        .filter(|a| a.speaker.kind == SpKind::Name)
        .filter_map(|a| name_tokens(a.speaker.head.slice(text)).pop())
        .collect();
    let mut learned: HashMap<String, Gender> = HashMap::default();
    let mut cands: Vec<Cand> = Vec::new();
    let mut out = HashMap::default();
    for (pos, ev) in evs {
        let (sp, is_speaker, spoke) = match ev {
            Ev::Subject(s, cue) => (s, false, cue),
            Ev::Speaker(s) => (s, true, true),
        };
        let (kind, head) = (sp.kind, sp.head);
        let words = head.slice(text);
        match kind {
            SpKind::Name => {
                let ent = index.lookup(text, entities, head);
                let toks = name_tokens(words);
                let Some(key) = toks.last().cloned() else {
                    if is_speaker {
                        out.insert(pos, ent);
                    }
                    continue;
                };
                if is_speaker {
                    out.insert(pos, ent);
                }
                let kind_ok = ent.is_none_or(|e| {
                    !matches!(
                        entities[e].kind,
                        EntityKind::Organization | EntityKind::Place
                    )
                });
                let first = words.split_whitespace().next().unwrap_or("").to_lowercase();
                let gender = lexicon::gender(&first)
                    .or_else(|| toks.first().and_then(|t| lexicon::gender(t)))
                    .or_else(|| {
                        ent.and_then(|e| {
                            entities[e]
                                .name
                                .split_whitespace()
                                .find_map(|w| lexicon::gender(&w.to_lowercase()))
                        })
                    });
                let person = spoke
                    || gender.is_some()
                    || speaker_keys.contains(&key)
                    || ent.is_some_and(|e| entities[e].kind == EntityKind::Person);
                if kind_ok && person && first != "the" {
                    cands.push(Cand {
                        pos,
                        entity: ent,
                        key,
                        gender,
                    });
                }
            }
            SpKind::Pronoun | SpKind::Description => {
                let lw = sp.span.slice(text).to_lowercase();
                let want = match kind {
                    SpKind::Pronoun => match lw.as_str() {
                        "he" => Some(Gender::Male),
                        "she" => Some(Gender::Female),
                        _ => continue,
                    },
                    _ => {
                        let ws: Vec<&str> = lw.split_whitespace().collect();
                        let definite = matches!(ws.first(), Some(&("the" | "this" | "that")));
                        let head = ws.last().copied().unwrap_or("");
                        if !definite || ws.len() > 4 || !lexicon::is_role(head) {
                            continue;
                        }
                        lexicon::gender(head)
                    }
                };
                let found = cands
                    .iter()
                    .rev()
                    .take_while(|c| pos.saturating_sub(c.pos) < 6000)
                    .find(|c| {
                        let g = c.gender.or_else(|| learned.get(&c.key).copied());
                        match (want, g) {
                            (Some(w), Some(g)) => w == g,
                            _ => true,
                        }
                    });
                if let Some(c) = found {
                    if let Some(w) = want {
                        learned.entry(c.key.clone()).or_insert(w);
                    }
                    out.insert(pos, c.entity);
                }
            }
        }
    }
    out
}
