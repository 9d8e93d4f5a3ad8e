//! Per-article framing: how one article tells the story compared with the
//! other articles of the same story.
//!
//! * **Loaded terms.** Each word of the article's own wording (quotes and
//!   names masked) gets a weight from word classes (see [`lexicon`]): verbs
//!   of saying that judge the speaker, combative metaphors, evaluative
//!   adjectives and adverbs, doubt markers, and the general sentiment of the
//!   VADER lexicon, raised for words that editors drop when they write a
//!   neutral roundup (a table learned from NeuS/AllSides train,
//!   [`lexicon::dropped`]). The weight is then measured against the story's own
//!   baseline: a word that the other articles also use is the story's
//!   vocabulary, not this outlet's choice, and is damped; a word no other
//!   article uses keeps its weight. The strongest few per article are kept,
//!   with a neighbouring intensifier ("very", "famously") in the span. Short
//!   unattributed phrases in quotation marks around a loaded word are scare
//!   quotes.
//! * **Unique facts.** Sentences whose content words mostly occur in no other
//!   article (statements only this outlet makes), and facts (numbers,
//!   amounts, dates) whose value no other article states.
//! * **Omitted facts.** Facts at least two other articles state and this
//!   one does not.
//!
//! See docs/framing.md for the method and its figures.

pub mod lexicon;

use crate::{Cite, Framing, LoadedTerm, Omission, StoryFact, SummarySentence};
use lexicon::Class;
use parallax_annotate::Annotations;
use parallax_core::{Article, Span};
use parallax_text::TokenKind;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Weight a term needs to be reported.
const THRESHOLD: f64 = 0.65;
/// At most this many terms per article, plus one per `WORDS_PER_EXTRA` words.
const BASE_CAP: usize = 3;
const WORDS_PER_EXTRA: usize = 200;
/// Weight of an adverb made from an adjective with at least this VADER
/// valence (absolute).
const ADVERB_WEIGHT: f64 = 0.7;
const ADVERB_VALENCE: f64 = 1.0;
/// Position prior: a word's weight is multiplied by 1 + LEAD_WEIGHT x
/// (0.5 - relative position), 1.25 at the start and 0.75 at the end.
const LEAD_WEIGHT: f64 = 0.5;
/// The learned prior added to a class or sentiment word's weight:
/// DROPPED_WEIGHT x how much neutral news roundups drop the word form (see
/// [`lexicon::dropped`]; 0 for words seen too rarely to tell).
const DROPPED_WEIGHT: f64 = 0.2;
/// A term's `why` mentions the learned statistic from this "dropped" score.
const DROPPED_NOTE: f64 = 0.5;

/// One entry per article of `group`: loaded terms against the story's own
/// baseline, facts only it reports, facts it omits. `facts` are the story's
/// merged facts (occurrences cite the articles of `group`); `summary` is the
/// story's summary, whose sentences cite every article that reports them.
pub fn framing<'a>(
    group: &[(&'a Article, &'a Annotations)],
    facts: &[StoryFact<'a>],
    summary: &[SummarySentence<'a>],
) -> Vec<Framing<'a>> {
    LEX.with(|lex| {
        let mut lex = lex.borrow_mut();
        if lex.spellings.len() > LEX_LIMIT || lex.stamp > u32::MAX / 2 {
            // Word forms are looked up by id only while one story is built.
            *lex = Lex::default();
        }
        let docs: Vec<Doc> = group
            .iter()
            .map(|(a, ann)| Doc::new(a, ann, &mut lex))
            .collect();
        let lex = &*lex;
        // How many articles of the story use each lemma.
        let mut doc_freq: FxHashMap<u32, u32> = FxHashMap::default();
        for d in &docs {
            for &l in &d.vocab {
                *doc_freq.entry(l).or_default() += 1;
            }
        }
        let (unique, mut omitted) = fact_contrast(group, facts);
        // The story's core statements come before single figures.
        let core = core_statements(summary);
        for (g, om) in omitted.iter_mut().enumerate() {
            let article = group[g].0.id.as_str();
            let mut lines: Vec<(String, Omission)> = core
                .iter()
                .filter(|(_, arts, _)| !arts.contains(&article))
                .map(|(i, arts, text)| {
                    let o = Omission {
                        summary: Some(*i),
                        facts: Vec::new(),
                    };
                    (describe(text, None, arts.len()), o)
                })
                .collect();
            lines.append(om);
            *om = lines;
        }
        group
            .iter()
            .zip(unique.into_iter().zip(omitted))
            .enumerate()
            .map(|(g, ((art, _), (facts, omitted)))| Framing {
                article: art.id.as_str(),
                loaded_terms: loaded_terms(g, &docs, lex),
                unique_facts: with_statements(
                    art.id.as_str(),
                    facts,
                    unique_statements(g, &docs, lex, &doc_freq),
                ),
                omitted_facts: omitted.iter().map(|(line, _)| line.clone()).collect(),
                omitted: omitted.into_iter().map(|(_, o)| o).collect(),
            })
            .collect()
    })
}

/// What the loaded-term pass needs of one lower-case word form; it depends
/// on the form only, so it is worked out once per thread.
struct Form {
    /// Lower case, typographic apostrophes made straight.
    lower: Box<str>,
    /// Lemma ids (see [`Lex::lemma`]), in [`lexicon::lemmas`] order.
    lemmas: Box<[u32]>,
    /// The strongest loaded reading ([`weigh`]), lemma as an id.
    weighed: Option<(f64, Class, u32)>,
    dropped: f64,
    intensifier: bool,
    neutral_saying: bool,
    function_word: bool,
    /// A content word for unique statements: three letters or more, not a
    /// function word.
    content: bool,
}

/// What a spelling as written says: its form, and its capitals.
#[derive(Clone, Copy)]
struct Spelling {
    form: u32,
    capital: bool,
    inner_upper: bool,
}

/// Per-thread memo of word spellings, forms and lemmas (pure functions of
/// the words, so the results do not depend on what was seen before).
#[derive(Default)]
struct Lex {
    /// None: no alphabetic character.
    spellings: FxHashMap<Box<str>, Option<Spelling>>,
    forms: Vec<Form>,
    form_ids: FxHashMap<Box<str>, u32>,
    lemma_ids: FxHashMap<Box<str>, u32>,
    lemma_names: Vec<Box<str>>,
    /// Per form: the stamp of the last article that used it.
    form_seen: Vec<u32>,
    stamp: u32,
}

/// The memo starts over past this many spellings.
const LEX_LIMIT: usize = 1 << 18;

thread_local! {
    static LEX: std::cell::RefCell<Lex> = std::cell::RefCell::new(Lex::default());
}

impl Lex {
    fn spelling(&mut self, raw: &str) -> Option<Spelling> {
        if let Some(s) = self.spellings.get(raw) {
            return *s;
        }
        let sp = if raw.chars().any(|c| c.is_alphabetic()) {
            let lower = raw.to_lowercase().replace(['’', 'ʼ'], "'");
            Some(Spelling {
                form: self.form(lower),
                capital: raw.chars().next().is_some_and(|c| c.is_uppercase()),
                inner_upper: raw.chars().skip(1).any(|c| c.is_uppercase()),
            })
        } else {
            None
        };
        self.spellings.insert(raw.into(), sp);
        sp
    }

    fn form(&mut self, lower: String) -> u32 {
        if let Some(&id) = self.form_ids.get(lower.as_str()) {
            return id;
        }
        let lemmas = lexicon::lemmas(&lower);
        let function_word = lexicon::is_function_word(&lower);
        let weighed = weigh(&lower, &lemmas).map(|(w, c, l)| (w, c, self.lemma(&l)));
        let form = Form {
            lemmas: lemmas.iter().map(|l| self.lemma(l)).collect(),
            weighed,
            dropped: lexicon::dropped(&lower),
            intensifier: lexicon::is_intensifier(&lower),
            neutral_saying: lexicon::is_neutral_saying(&lower),
            function_word,
            content: !function_word && lower.chars().count() >= 3,
            lower: lower.into_boxed_str(),
        };
        let id = self.forms.len() as u32;
        self.form_ids.insert(form.lower.clone(), id);
        self.forms.push(form);
        self.form_seen.push(0);
        id
    }

    fn lemma(&mut self, l: &str) -> u32 {
        if let Some(&id) = self.lemma_ids.get(l) {
            return id;
        }
        let id = self.lemma_names.len() as u32;
        self.lemma_names.push(l.into());
        self.lemma_ids.insert(l.into(), id);
        id
    }

    fn form_of(&self, w: &Word) -> &Form {
        &self.forms[w.form as usize]
    }

    fn lemma_name(&self, id: u32) -> &str {
        &self.lemma_names[id as usize]
    }
}

/// One word of an article's own wording.
struct Word {
    span: Span,
    /// Index into [`Lex::forms`].
    form: u32,
}

/// What the loaded-term pass needs of one article.
struct Doc<'a> {
    text: &'a str,
    /// Every word, in order (masked ones included, flagged).
    words: Vec<(Word, bool)>,
    /// Every lemma (id) of every word of the article, quotes included: the
    /// article's vocabulary for the story baseline (sorted, unique).
    vocab: Vec<u32>,
    /// Scare quotes: short unattributed quoted phrases (with their marks).
    scare: Vec<Span>,
    /// The article's sentences.
    sentences: &'a [Span],
}

impl<'a> Doc<'a> {
    fn new(art: &'a Article, ann: &Annotations, lex: &mut Lex) -> Doc<'a> {
        let text = art.text.as_str();
        let mut masked: Vec<Span> = ann.quotes.iter().map(|q| q.span).collect();
        masked.extend(
            ann.entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| m.span)),
        );
        let (quoted, scare) = quoted_segments(text, &art.paragraphs, ann);
        masked.extend(quoted);
        masked.sort_by_key(|s| (s.start, s.end));
        let mut mask = Cursor::new(&masked);
        let mut sentence_starts: Vec<usize> = art.sentences.iter().map(|s| s.start).collect();
        sentence_starts.sort_unstable();
        let mut next_start = 0;
        let mut words: Vec<(Word, bool)> = Vec::new();
        let mut vocab: Vec<u32> = Vec::new();
        // Forms whose lemmas are in `vocab` already carry this stamp.
        lex.stamp += 1;
        let stamp = lex.stamp;
        let mut first_in_sentence = true;
        for tok in parallax_text::tokens(text) {
            // The last sentence start at or before this token.
            while next_start < sentence_starts.len()
                && sentence_starts[next_start] <= tok.span.start
            {
                next_start += 1;
            }
            if next_start > 0 {
                let s = sentence_starts[next_start - 1];
                // A new sentence began since the last word.
                if words.last().is_none_or(|(w, _)| w.span.end <= s) {
                    first_in_sentence = true;
                }
            }
            if tok.kind != TokenKind::Word {
                continue;
            }
            let Some(raw) = text.get(tok.span.range()) else {
                continue;
            };
            let initial = first_in_sentence;
            first_in_sentence = false;
            let Some(sp) = lex.spelling(raw) else {
                continue;
            };
            if lex.form_seen[sp.form as usize] != stamp {
                lex.form_seen[sp.form as usize] = stamp;
                vocab.extend(lex.forms[sp.form as usize].lemmas.iter().copied());
            }
            let own = (!sp.capital || initial) && !sp.inner_upper && !mask.covers(tok.span);
            words.push((
                Word {
                    span: tok.span,
                    form: sp.form,
                },
                own,
            ));
        }
        vocab.sort_unstable();
        vocab.dedup();
        Doc {
            text,
            words,
            vocab,
            scare,
            sentences: &art.sentences,
        }
    }

    fn uses(&self, lemmas: &[u32]) -> bool {
        lemmas.iter().any(|l| self.vocab.binary_search(l).is_ok())
    }
}

/// Whether a span lies inside one of the masked spans, asked for spans in
/// increasing start order: walks the spans (sorted by start) once, keeping
/// the furthest end of those starting at or before the asked span.
struct Cursor<'m> {
    masked: &'m [Span],
    next: usize,
    reach: usize,
}

impl<'m> Cursor<'m> {
    fn new(masked: &'m [Span]) -> Self {
        Cursor {
            masked,
            next: 0,
            reach: 0,
        }
    }

    fn covers(&mut self, s: Span) -> bool {
        while self.next < self.masked.len() && self.masked[self.next].start <= s.start {
            self.reach = self.reach.max(self.masked[self.next].end);
            self.next += 1;
        }
        self.next > 0 && self.reach >= s.end
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '»')
}

/// Text between double quotation marks, paired inside each paragraph
/// (returned without the marks, to be masked), and the scare quotes among
/// them: one to three words, not an attributed quote (spans with marks).
fn quoted_segments(text: &str, paragraphs: &[Span], ann: &Annotations) -> (Vec<Span>, Vec<Span>) {
    let mut quoted = Vec::new();
    let mut scare = Vec::new();
    for p in paragraphs {
        let Some(par) = text.get(p.range()) else {
            continue;
        };
        let mut open: Option<usize> = None;
        for (i, c) in par.char_indices() {
            let at = p.start + i;
            match open {
                None if is_open_quote(c) => open = Some(at),
                Some(o) if is_close_quote(c) => {
                    let inner =
                        Span::new(o + text[o..].chars().next().map_or(1, char::len_utf8), at);
                    let outer = Span::new(o, at + c.len_utf8());
                    quoted.push(inner);
                    let body = inner.slice(text);
                    let n_words = body.split_whitespace().count();
                    let attributed = ann.quotes.iter().any(|q| {
                        q.span.start < outer.end
                            && outer.start < q.span.end
                            && (q.cue.is_some() || q.speaker_span.is_some())
                    });
                    let titled = body
                        .split_whitespace()
                        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
                    if (1..=3).contains(&n_words)
                        && !attributed
                        && !titled
                        && body.chars().any(|c| c.is_alphabetic())
                        && !body.trim_end().ends_with(['.', ',', '!', '?'])
                    {
                        scare.push(outer);
                    }
                    open = None;
                }
                _ => {}
            }
        }
    }
    (quoted, scare)
}

/// A scored candidate before selection.
struct Candidate {
    /// The lemma (id), so that one word is reported once per article.
    key: u32,
    span: Span,
    score: f64,
    why: String,
}

fn loaded_terms<'a>(g: usize, docs: &[Doc<'a>], lex: &Lex) -> Vec<LoadedTerm<'a>> {
    let doc = &docs[g];
    let others: Vec<&Doc> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != g)
        .map(|(_, d)| d)
        .collect();
    let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
    for (w, _) in &doc.words {
        if let Some(&l) = lex.form_of(w).lemmas.last() {
            *counts.entry(l).or_default() += 1;
        }
    }
    // How many other articles use a form's lemmas: once per form.
    // How many other articles use a form's lemmas: once per form.
    let mut users_of: FxHashMap<u32, usize> = FxHashMap::default();
    let mut users_fn = |w: &Word| -> usize {
        *users_of.entry(w.form).or_insert_with(|| {
            let lemmas = &lex.form_of(w).lemmas;
            others.iter().filter(|o| o.uses(lemmas)).count()
        })
    };
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, (w, own)) in doc.words.iter().enumerate() {
        if !own {
            continue;
        }
        let form = lex.form_of(w);
        let Some((weight, class, lemma)) = form.weighed else {
            continue;
        };
        let users = users_fn(w);
        let mut score = weight;
        if others.is_empty() {
            score *= 0.8;
        } else if users == 0 {
        } else if users < others.len() {
            score *= 0.6;
        } else {
            score *= 0.4;
        }
        let repeats = form
            .lemmas
            .last()
            .and_then(|l| counts.get(l))
            .copied()
            .unwrap_or(0);
        if repeats >= 3 {
            // A word the article keeps using is its topic, not a choice.
            score *= 0.5;
        }
        // Framing concentrates in the lead: annotators of BASIL put 42% of
        // the outlets' own loaded wording in the first fifth of an article.
        let rel = w.span.start as f64 / doc.text.len().max(1) as f64;
        score *= 1.0 + LEAD_WEIGHT * (0.5 - rel);
        if score < THRESHOLD {
            // Never selected (see [`select`]).
            continue;
        }
        let baseline = if others.is_empty() {
            "no other article in the story to compare".to_string()
        } else if users == 0 {
            contrast(doc, &others, i, class, lex, &mut users_fn)
        } else if users < others.len() {
            format!("{users} of {} other articles use it too", others.len())
        } else {
            "every other article uses it too".to_string()
        };
        let lemma_name = lex.lemma_name(lemma);
        let what = match class {
            Class::Sentiment => format!(
                "sentiment-laden word (lexicon valence {:+.1} for '{lemma_name}')",
                lexicon::valence(lemma_name).unwrap_or(0.0)
            ),
            c => c.describe().to_string(),
        };
        let dropped = form.dropped;
        let what = if dropped >= DROPPED_NOTE {
            format!(
                "{what}, which neutral news roundups drop ({:.0}% less often kept than expected)",
                dropped * 100.0
            )
        } else {
            what
        };
        // An intensifier right before the word belongs to the term.
        let mut span = w.span;
        if i > 0 {
            let (prev, prev_own) = &doc.words[i - 1];
            if *prev_own
                && lex.form_of(prev).intensifier
                && doc.text[prev.span.end..w.span.start].trim().is_empty()
            {
                span.start = prev.span.start;
            }
        }
        cands.push(Candidate {
            key: lemma,
            span,
            score,
            why: format!("{what}; {baseline}"),
        });
    }
    for s in &doc.scare {
        // Scare quotes count when the words inside are loaded themselves
        // (measured: scare quotes around plain words are mostly partial
        // quotes of a speaker).
        let inner: Vec<&Word> = doc
            .words
            .iter()
            .map(|(w, _)| w)
            .filter(|w| w.span.start >= s.start && w.span.end <= s.end)
            .collect();
        let Some((weight, _, lemma)) = inner
            .iter()
            .filter_map(|w| lex.form_of(w).weighed)
            .max_by(|a, b| a.0.total_cmp(&b.0))
        else {
            continue;
        };
        let users = inner.iter().filter(|w| users_fn(w) > 0).count();
        let score = if users == 0 {
            weight + 0.05
        } else {
            weight * 0.5
        };
        if score < THRESHOLD {
            continue;
        }
        cands.push(Candidate {
            key: lemma,
            span: *s,
            score,
            why: format!(
                "scare quotes around a loaded word ('{}'): the outlet puts it at a distance",
                lex.lemma_name(lemma)
            ),
        });
    }
    select(doc, cands)
}

/// The strongest loaded reading of a word: (weight 0..1, class, lemma).
fn weigh(lower: &str, lemmas: &[String]) -> Option<(f64, Class, String)> {
    if lower.len() < 3 {
        return None;
    }
    let mut best: Option<(f64, Class, String)> = None;
    let mut consider = |score: f64, class: Class, lemma: &str| {
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, class, lemma.to_string()));
        }
    };
    let neutral = lemmas.iter().any(|l| lexicon::is_news_neutral(l));
    // The learned prior: wording that neutral roundups drop.
    let prior = DROPPED_WEIGHT * lexicon::dropped(lower);
    for l in lemmas.iter() {
        if let Some(c) = lexicon::class(l) {
            let base = match c {
                Class::Saying => 0.75,
                Class::Metaphor => 0.9,
                Class::Doubt => 0.85,
                Class::Evaluative => 0.85,
                Class::Adverb => 0.7,
                Class::Sentiment => 0.0,
            };
            let bonus = lexicon::valence(l).map_or(0.0, |v| v.abs() / 20.0);
            consider(base + bonus + prior, c, l);
        }
        // A manner adverb made from an evaluative adjective ("bitterly",
        // "lavishly") colours the action it describes.
        if **l != *lower && lower.ends_with("ly") && lower.len() >= 6 && !neutral {
            let evaluative = lexicon::class(l) == Some(Class::Evaluative)
                || lexicon::valence(l).is_some_and(|v| v.abs() >= ADVERB_VALENCE);
            if evaluative {
                consider(ADVERB_WEIGHT, Class::Adverb, l);
            }
        }
        if !neutral {
            if let Some(v) = lexicon::valence(l) {
                consider((v.abs() / 12.0).min(1.0) * 0.9 + prior, Class::Sentiment, l);
            }
        }
    }
    best
}

/// Why a word no other article uses is loaded, naming the neutral wording
/// the others use where it can be found. `users` counts the other articles
/// that use a word of `doc`.
fn contrast(
    doc: &Doc,
    others: &[&Doc],
    i: usize,
    class: Class,
    lex: &Lex,
    users: &mut impl FnMut(&Word) -> usize,
) -> String {
    let n = others.len();
    let who = if n == 1 {
        "the other outlet"
    } else {
        "the other outlets"
    };
    if class == Class::Saying {
        let mut said: BTreeMap<&str, usize> = BTreeMap::new();
        for o in others {
            for (w, _) in &o.words {
                let f = lex.form_of(w);
                if f.neutral_saying {
                    *said.entry(&*f.lower).or_default() += 1;
                }
            }
        }
        if let Some((verb, _)) = said
            .iter()
            .max_by_key(|(v, c)| (**c, std::cmp::Reverse(**v)))
        {
            return format!("{who} use '{verb}'; only this outlet uses it");
        }
    }
    // An evaluative modifier: the others name the same thing without it.
    if matches!(class, Class::Evaluative | Class::Sentiment | Class::Adverb) {
        if let Some((next, _)) = doc.words.get(i + 1) {
            let gap = &doc.text[doc.words[i].0.span.end..next.span.start];
            let nf = lex.form_of(next);
            if gap.trim().is_empty()
                && nf.lower.len() > 3
                && !nf.function_word
                && !nf.intensifier
                && users(next) == n
            {
                return format!("{who} say '{}' without it", &doc.text[next.span.range()]);
            }
        }
    }
    "only this outlet uses it".to_string()
}

/// Keep the strongest candidates over the threshold (a cap that grows with
/// the article's length), merge touching ones, in text order.
fn select<'a>(doc: &Doc<'a>, mut cands: Vec<Candidate>) -> Vec<LoadedTerm<'a>> {
    cands.retain(|c| c.score >= THRESHOLD);
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.span.start.cmp(&b.span.start))
    });
    let cap = BASE_CAP + doc.words.len() / WORDS_PER_EXTRA;
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        if kept.len() >= cap {
            break;
        }
        if kept
            .iter()
            .any(|k| k.key == c.key || (k.span.start < c.span.end && c.span.start < k.span.end))
        {
            continue;
        }
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.span.start, c.span.end));
    // Merge terms separated only by spaces or a hyphen into one phrase.
    let mut merged: Vec<Candidate> = Vec::new();
    for c in kept {
        if let Some(last) = merged.last_mut() {
            let gap = &doc.text[last.span.end..c.span.start];
            if gap.chars().all(|ch| ch == ' ' || ch == '-') && gap.len() <= 2 {
                last.span.end = c.span.end;
                last.why = format!("{}; then {}", last.why, c.why);
                continue;
            }
        }
        merged.push(c);
    }
    merged
        .into_iter()
        .map(|c| LoadedTerm {
            term: &doc.text[c.span.range()],
            start: c.span.start,
            end: c.span.end,
            why: c.why,
        })
        .collect()
}

/// Sentences whose content no other article of the story shares: at least
/// `NEW_SHARE` of their distinct content words (lemmas of three letters or
/// more, function words out, names included) occur in no other article.
/// The most novel first, at most as many as loaded terms (3 + one per 200
/// words); returned in text order. None in a one-article story.
fn unique_statements(
    g: usize,
    docs: &[Doc],
    lex: &Lex,
    doc_freq: &FxHashMap<u32, u32>,
) -> Vec<Span> {
    let doc = &docs[g];
    if docs.len() < 2 {
        return Vec::new();
    }
    let mut found: Vec<(f64, Span)> = Vec::new();
    let mut lemmas: Vec<(u32, bool)> = Vec::new();
    let mut w = 0;
    for sent in doc.sentences {
        lemmas.clear();
        while w < doc.words.len() && doc.words[w].0.span.start < sent.start {
            w += 1;
        }
        while w < doc.words.len() && doc.words[w].0.span.end <= sent.end {
            let word = &doc.words[w].0;
            w += 1;
            let form = lex.form_of(word);
            let Some(&lemma) = form.lemmas.last() else {
                continue;
            };
            if !form.content {
                continue;
            }
            // This article uses every lemma of its words, so a lemma no
            // other article uses is in one article only.
            let new = form.lemmas.iter().all(|l| doc_freq.get(l) == Some(&1));
            lemmas.push((lemma, new));
        }
        lemmas.sort_unstable();
        lemmas.dedup_by_key(|(l, _)| *l);
        if lemmas.len() < MIN_CONTENT {
            continue;
        }
        let share = lemmas.iter().filter(|(_, new)| *new).count() as f64 / lemmas.len() as f64;
        if share >= NEW_SHARE {
            found.push((share, *sent));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
    found.truncate(BASE_CAP + doc.words.len() / WORDS_PER_EXTRA);
    let mut spans: Vec<Span> = found.into_iter().map(|(_, s)| s).collect();
    spans.sort_by_key(|s| (s.start, s.end));
    spans
}

/// A statement sentence needs this many distinct content words.
const MIN_CONTENT: usize = 6;
/// Share of a sentence's content words that no other article uses for it to
/// be a statement only this article makes.
const NEW_SHARE: f64 = 0.5;

/// An article's unique facts: its unique statements, and the figures and
/// dates only it states that lie outside those sentences, in text order.
fn with_statements<'a>(
    article: &'a str,
    facts: Vec<Cite<'a>>,
    statements: Vec<Span>,
) -> Vec<Cite<'a>> {
    let mut out: Vec<Cite<'a>> = facts
        .into_iter()
        .filter(|c| {
            !statements
                .iter()
                .any(|s| s.start <= c.start && c.end <= s.end)
        })
        .collect();
    out.extend(statements.into_iter().map(|s| Cite {
        article,
        start: s.start,
        end: s.end,
    }));
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// The summary sentences (the story's core statements) that at least two
/// articles report, with those articles: the summary cites every article
/// with a sentence close enough to it (docs/summary.md). An article not
/// among them leaves the statement out.
fn core_statements<'a>(summary: &[SummarySentence<'a>]) -> Vec<(usize, Vec<&'a str>, &'a str)> {
    summary
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let mut arts: Vec<&str> = s.citations.iter().map(|c| c.article).collect();
            arts.sort_unstable();
            arts.dedup();
            (arts.len() >= 2).then_some((i, arts, s.text))
        })
        .collect()
}

/// One line for an omission: `"<words>" (<about>): reported by N other
/// articles`.
fn describe(text: &str, about: Option<&str>, others: usize) -> String {
    let about = about.map(|a| format!(" ({a})")).unwrap_or_default();
    format!("\"{text}\"{about}: reported by {others} other articles")
}

/// Key under which facts of different articles state the same thing: kind,
/// value and unit (the story's facts are merged on identical words only).
fn fact_key(f: &StoryFact) -> String {
    format!(
        "{:?}|{}|{}",
        f.kind,
        serde_json::to_string(f.value).unwrap_or_default(),
        f.unit.unwrap_or("")
    )
}

type FactContrast<'a> = (Vec<Vec<Cite<'a>>>, Vec<Vec<(String, Omission)>>);

/// Per article: cites of facts only it states, and descriptions of facts
/// at least two other articles state that it leaves out.
fn fact_contrast<'a>(
    group: &[(&'a Article, &'a Annotations)],
    facts: &[StoryFact<'a>],
) -> FactContrast<'a> {
    let index: FxHashMap<&str, usize> = group
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (a.id.as_str(), i))
        .collect();
    // Facts with the same key, in order of first appearance.
    let mut order: Vec<String> = Vec::new();
    let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, f) in facts.iter().enumerate() {
        // "now", "recently", "in the future": a vague reference is no fact
        // that one outlet can report or leave out.
        if matches!(f.value, parallax_annotate::FactValue::Text(v) if v.ends_with("_REF")) {
            continue;
        }
        let k = fact_key(f);
        let e = by_key.entry(k.clone()).or_default();
        if e.is_empty() {
            order.push(k);
        }
        e.push(i);
    }
    let mut unique = vec![Vec::new(); group.len()];
    let mut omitted = vec![Vec::new(); group.len()];
    for k in &order {
        let members = &by_key[k];
        let arts: BTreeSet<usize> = members
            .iter()
            .flat_map(|&i| facts[i].occurrences.iter())
            .filter_map(|c| index.get(c.article).copied())
            .collect();
        if arts.len() == 1 && group.len() > 1 {
            let g = *arts.iter().next().unwrap_or(&0);
            for &i in members {
                unique[g].extend(facts[i].occurrences.iter().copied());
            }
        }
        if arts.len() >= 2 {
            let f = &facts[members[0]];
            let line = describe(f.text, f.about, arts.len());
            for (g, om) in omitted.iter_mut().enumerate() {
                if !arts.contains(&g) {
                    om.push((
                        line.clone(),
                        Omission {
                            summary: None,
                            facts: members.clone(),
                        },
                    ));
                }
            }
        }
    }
    for u in &mut unique {
        u.sort_by_key(|c: &Cite| (c.start, c.end));
        u.dedup_by_key(|c| (c.start, c.end));
    }
    (unique, omitted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{Extracted, Metadata};

    fn article(name: &str, text: &str) -> Article {
        parallax_text::article(
            name.to_string(),
            Extracted {
                meta: Metadata {
                    outlet: Some(name.to_string()),
                    published: Some("2031-05-06".to_string()),
                    ..Default::default()
                },
                text: text.to_string(),
                removed: vec![],
            },
        )
    }

    /// Three invented outlets on one invented council vote: two plain, one
    /// loaded.
    const PLAIN_A: &str =
        "The Harbor City council approved a $40 million stadium plan on Tuesday. \
        Mayor Dana Lowe said the plan would bring jobs to the waterfront.\n\n\
        The vote was 7 to 2, and the stadium will open in 2029.";
    const PLAIN_B: &str =
        "On Tuesday the Harbor City council approved the stadium plan by a vote of 7 to 2. \
        Mayor Dana Lowe said the project would create jobs.\n\n\
        Critics said the cost was too high. The stadium will open in 2029.";
    const LOADED_C: &str =
        "The Harbor City council rammed through a lavish $40 million stadium plan on Tuesday. \
        Mayor Dana Lowe boasted that the plan would bring jobs.\n\n\
        \"This is a disastrous and shameful deal for taxpayers,\" said council member Rui Ochoa. \
        The team owner gave 300 tickets to council staff.";

    fn run(texts: &[(&str, &str)]) -> (Vec<Article>, Vec<Annotations>) {
        let arts: Vec<Article> = texts.iter().map(|(n, t)| article(n, t)).collect();
        let anns = arts.iter().map(parallax_annotate::annotate).collect();
        (arts, anns)
    }

    fn terms<'a>(f: &'a Framing) -> Vec<&'a str> {
        f.loaded_terms.iter().map(|t| t.term).collect()
    }

    #[test]
    fn loaded_words_only_where_one_outlet_deviates() {
        let (arts, anns) = run(&[("a", PLAIN_A), ("b", PLAIN_B), ("c", LOADED_C)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let story = crate::build_story(&group, &crate::Options::default());
        let fr = &story.framing;
        assert_eq!(fr.len(), 3);
        assert_eq!(fr[2].article, arts[2].id);
        let c = terms(&fr[2]);
        assert!(c.contains(&"rammed"), "{c:?}");
        assert!(c.contains(&"lavish"), "{c:?}");
        assert!(c.contains(&"boasted"), "{c:?}");
        // The quote is the speaker's wording, not the outlet's.
        assert!(!c
            .iter()
            .any(|t| t.contains("disastrous") || t.contains("shameful")));
        // Spans slice to the term.
        for t in &fr[2].loaded_terms {
            assert_eq!(&arts[2].text[t.start..t.end], t.term);
            assert!(!t.why.is_empty());
        }
        let boasted = fr[2].loaded_terms.iter().find(|t| t.term == "boasted");
        assert!(
            boasted.is_some_and(|t| t.why.contains("'said'")),
            "{boasted:?}"
        );
        // The plain outlets have nothing loaded.
        assert!(terms(&fr[0]).is_empty(), "{:?}", terms(&fr[0]));
        assert!(terms(&fr[1]).is_empty(), "{:?}", terms(&fr[1]));
    }

    #[test]
    fn shared_vocabulary_is_not_loaded() {
        let a = "The controversial tax plan passed the state senate on Monday.";
        let b = "Lawmakers passed the controversial tax plan on Monday.";
        let c = "A controversial tax plan cleared the senate on Monday after a brutal debate.";
        let (arts, anns) = run(&[("a", a), ("b", b), ("c", c)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let story = crate::build_story(&group, &crate::Options::default());
        for f in &story.framing {
            assert!(!terms(f).contains(&"controversial"), "{:?}", terms(f));
        }
        assert_eq!(terms(&story.framing[2]), vec!["brutal"]);
        let why = &story.framing[2].loaded_terms[0].why;
        assert!(
            why.contains("the other outlets say 'debate' without it")
                || why.contains("only this outlet"),
            "{why}"
        );
    }

    #[test]
    fn unique_and_omitted_facts() {
        let (arts, anns) = run(&[("a", PLAIN_A), ("b", PLAIN_B), ("c", LOADED_C)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let story = crate::build_story(&group, &crate::Options::default());
        let fr = &story.framing;
        // Only C counts the tickets.
        let c_unique: Vec<&str> = fr[2]
            .unique_facts
            .iter()
            .map(|c| &arts[2].text[c.start..c.end])
            .collect();
        assert!(c_unique.iter().any(|t| t.contains("300")), "{c_unique:?}");
        assert!(fr[2].unique_facts.iter().all(|c| c.article == arts[2].id));
        // The $40 million is in A and C: unique to neither.
        for f in &fr[..] {
            let art = arts.iter().find(|a| a.id == f.article).unwrap();
            assert!(f
                .unique_facts
                .iter()
                .all(|c| !art.text[c.start..c.end].contains("40 million")));
        }
        // A and B give the opening year; C leaves it out.
        assert!(
            fr[2].omitted_facts.iter().any(|s| s.contains("2029")),
            "{:?}",
            fr[2].omitted_facts
        );
        assert!(!fr[0].omitted_facts.iter().any(|s| s.contains("2029")));
        // ... pointing to the story's facts, whose occurrences cite each
        // statement of it; one entry per line.
        assert_eq!(fr[2].omitted.len(), fr[2].omitted_facts.len());
        let at = fr[2]
            .omitted_facts
            .iter()
            .position(|l| l == "\"2029\": reported by 2 other articles")
            .unwrap();
        let year = &fr[2].omitted[at];
        assert!(year.summary.is_none());
        let cited: Vec<(&str, &str)> = year
            .facts
            .iter()
            .flat_map(|&j| story.facts[j].occurrences.iter())
            .map(|c| {
                let art = arts.iter().find(|a| a.id == c.article).unwrap();
                (art.id.as_str(), &art.text[c.start..c.end])
            })
            .collect();
        assert_eq!(
            cited,
            [(arts[0].id.as_str(), "2029"), (arts[1].id.as_str(), "2029")]
        );
    }

    #[test]
    fn core_statements_an_outlet_leaves_out() {
        let (arts, anns) = run(&[("a", PLAIN_A), ("b", PLAIN_B), ("c", LOADED_C)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let story = crate::build_story(&group, &crate::Options::default());
        let mut found = 0;
        for (g, f) in story.framing.iter().enumerate() {
            assert_eq!(f.omitted.len(), f.omitted_facts.len());
            for (o, line) in f.omitted.iter().zip(&f.omitted_facts) {
                let Some(i) = o.summary else {
                    continue;
                };
                found += 1;
                let s = &story.summary[i];
                assert!(line.starts_with(&format!("\"{}\"", s.text)), "{line}");
                // Cited by two others, never by the article that omits it.
                assert!(s.citations.iter().all(|c| c.article != arts[g].id));
            }
        }
        assert!(found > 0);
        // A and B give the vote count and the opening year; C does not.
        assert!(story.framing[2]
            .omitted_facts
            .iter()
            .any(|l| l.starts_with("\"The vote was 7 to 2, and the stadium will open in 2029.\"")));
    }

    #[test]
    fn vague_time_references_are_not_facts_to_omit() {
        let (arts, anns) = run(&[
            (
                "a",
                "The Dover ferry is now closed for repairs, the port said.",
            ),
            (
                "b",
                "The port said the Dover ferry is now shut for repairs.",
            ),
            (
                "c",
                "The Dover ferry was closed for repairs, according to the port.",
            ),
        ]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let story = crate::build_story(&group, &crate::Options::default());
        let now_facts = story.facts.iter().filter(|f| f.text == "now").count();
        assert!(now_facts > 0, "the annotator tags 'now' as a date");
        assert!(
            story.framing[2].omitted.is_empty(),
            "{:?}",
            story.framing[2].omitted_facts
        );
    }

    #[test]
    fn unique_statements_are_whole_sentences_only_one_outlet_makes() {
        let (arts, anns) = run(&[("a", PLAIN_A), ("b", PLAIN_B), ("c", LOADED_C)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let story = crate::build_story(&group, &crate::Options::default());
        let texts = |g: usize| -> Vec<&str> {
            story.framing[g]
                .unique_facts
                .iter()
                .map(|c| &arts[g].text[c.start..c.end])
                .collect()
        };
        // C alone quotes the critic and tells of the tickets: the whole
        // sentences are cited, and the "300" inside one is not cited again on
        // its own.
        assert_eq!(
            texts(2),
            [
                "\"This is a disastrous and shameful deal for taxpayers,\" said council member Rui Ochoa.",
                "The team owner gave 300 tickets to council staff."
            ]
        );
        // The vote itself is told by every outlet: not unique to A or B.
        // Only B reports the critics' view.
        assert!(
            texts(0).iter().all(|t| !t.contains("approved")),
            "{:?}",
            texts(0)
        );
        assert_eq!(texts(1), ["Critics said the cost was too high."]);
        // A one-article story has nothing to compare against.
        let alone = crate::build_story(&group[2..], &crate::Options::default());
        assert!(alone.framing[0].unique_facts.is_empty());
    }

    #[test]
    fn scare_quotes_and_single_article() {
        let a = "The agency called the audit a \"sham review\" of its books. Officials said the review took a week.";
        let (arts, anns) = run(&[("a", a)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let fr = framing(&group, &[], &[]);
        assert_eq!(fr.len(), 1);
        assert!(fr[0].unique_facts.is_empty() && fr[0].omitted_facts.is_empty());
        let t = terms(&fr[0]);
        assert!(t.contains(&"\"sham review\""), "{t:?}");
    }

    #[test]
    fn learned_neutrality_lexicon() {
        // Learned from partisan articles against neutral roundups: a loaded
        // verb of saying is dropped, the neutral one is kept.
        assert!(lexicon::dropped("slammed") > 0.5);
        assert!(lexicon::dropped("said") < 0.1);
        // Rarity: common words low, words the table lacks high.
        assert!(lexicon::rarity("the") < 0.1);
        assert!(lexicon::rarity("slammed") > lexicon::rarity("said"));
        assert!(lexicon::rarity("zzyzxq") > 0.6);
        assert_eq!(lexicon::dropped("zzyzxq"), 0.0);
        // The statistic reaches the term's explanation.
        let a = "The county board slammed the new budget on Friday.";
        let b = "The county board criticized the new budget on Friday.";
        let (arts, anns) = run(&[("a", a), ("b", b)]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let fr = framing(&group, &[], &[]);
        let t = fr[0].loaded_terms.iter().find(|t| t.term == "slammed");
        assert!(
            t.is_some_and(|t| t.why.contains("neutral news roundups drop")),
            "{:?}",
            fr[0].loaded_terms
        );
        assert_eq!(
            &a[t.map_or(0, |t| t.start)..t.map_or(0, |t| t.end)],
            "slammed"
        );
    }

    #[test]
    fn lemmas_strip_inflections() {
        let l = lexicon::lemmas("slammed");
        assert!(l.contains(&"slam".to_string()), "{l:?}");
        assert!(lexicon::lemmas("complained").contains(&"complain".to_string()));
        assert!(lexicon::lemmas("harshly").contains(&"harsh".to_string()));
        assert!(lexicon::lemmas("raging").contains(&"rage".to_string()));
        assert_eq!(lexicon::class("boast"), Some(Class::Saying));
        assert!(lexicon::valence("disaster").is_some_and(|v| v < 0.0));
    }

    #[test]
    fn empty_group_and_odd_text() {
        assert!(framing(&[], &[], &[]).is_empty());
        let (arts, anns) = run(&[("a", "“"), ("b", "\"a\" “ ” ’’ — ¡! ñ"), ("c", "")]);
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let fr = framing(&group, &[], &[]);
        assert_eq!(fr.len(), 3);
    }
}
