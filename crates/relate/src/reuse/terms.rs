//! Sentence features for reuse detection: content terms (stop words out,
//! light stemming), their weights, which of them sit inside quotations, and
//! the plain word sequence used for shingles.

use parallax_core::Span;
use parallax_text::TokenKind;
use rustc_hash::FxHashMap;

/// Weight of a content word.
const WORD: f32 = 1.0;
/// Weight of a name (capitalised word not opening the sentence), a number or
/// a handle: independent reports of one event share these by necessity.
const NAME: f32 = 0.5;

/// One content term of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Term {
    pub id: u32,
    pub weight: f32,
    /// Every occurrence of the term in the sentence is inside a quotation.
    pub quoted: bool,
}

/// One sentence as the aligner sees it.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    pub span: Span,
    /// Distinct terms, sorted by id.
    pub terms: Vec<Term>,
    /// Sum of the term weights.
    pub weight: f32,
    /// Sum of the weights of the terms outside quotations.
    pub free_weight: f32,
    /// Lower-cased words in order (ids), stop words included.
    pub words: Vec<u32>,
    /// The same with every quoted word replaced by [`QUOTED`].
    pub free_words: Vec<u32>,
}

/// Stands for a quoted word in [`Sent::free_words`].
pub(crate) const QUOTED: u32 = u32::MAX;

/// Not yet known in [`Interner::stems`].
const STEM_UNSET: u32 = u32::MAX - 1;
/// A stop word (no content stem) in [`Interner::stems`].
const STEM_NONE: u32 = u32::MAX;

/// Interns term strings to ids for one run (ids in order of first use).
#[derive(Default)]
pub(crate) struct Interner {
    /// FxHash: SipHash showed in the profile, and the keys are short words.
    ids: FxHashMap<String, u32>,
    /// By the id of a lower-cased word: the id of its content stem
    /// ([`content_stem`]), [`STEM_NONE`] or [`STEM_UNSET`].
    stems: Vec<u32>,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interner")
            .field("len", &self.ids.len())
            .finish()
    }
}

impl Interner {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.insert(s.to_string(), i);
        i
    }

    /// Number of ids handed out (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The id of the content stem of the lower-cased word `lower` (whose id
    /// is `id`), interning it when first seen; `None` for a stop word.
    fn stem_id(&mut self, id: u32, lower: &str) -> Option<u32> {
        let slot = id as usize;
        if let Some(&s) = self.stems.get(slot) {
            if s != STEM_UNSET {
                return (s != STEM_NONE).then_some(s);
            }
        }
        let s = content_stem(lower).map(|stem| self.id(&stem));
        if self.stems.len() <= slot {
            self.stems.resize(slot + 1, STEM_UNSET);
        }
        self.stems[slot] = s.unwrap_or(STEM_NONE);
        s
    }
}

/// `raw` lower-cased into `buf` (as [`str::to_lowercase`]).
fn lower_into<'b>(raw: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if raw.is_ascii() {
        buf.push_str(raw);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&raw.to_lowercase());
    }
    buf
}

/// Quotation spans of `text`: the given spans (kept when valid) merged with
/// every run between paired double quotation marks inside one paragraph
/// (straight `"` or curly `“ ”`), which catches short scare quotes that a
/// quote extractor leaves out. Sorted, merged, on char boundaries.
pub(crate) fn quote_mask(text: &str, paragraphs: &[Span], quotes: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = quotes
        .iter()
        .filter(|q| q.start < q.end && text.get(q.range()).is_some())
        .copied()
        .collect();
    for p in paragraphs {
        let Some(par) = text.get(p.range()) else {
            continue;
        };
        let mut open: Option<usize> = None;
        for (i, c) in par.char_indices() {
            match c {
                '“' => open = Some(i + c.len_utf8()),
                '”' => {
                    if let Some(s) = open.take() {
                        out.push(Span::new(p.start + s, p.start + i));
                    }
                }
                '"' => match open.take() {
                    Some(s) => out.push(Span::new(p.start + s, p.start + i)),
                    None => open = Some(i + 1),
                },
                _ => {}
            }
        }
    }
    out.retain(|s| s.start < s.end);
    out.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

fn inside(mask: &[Span], span: Span) -> bool {
    let i = mask.partition_point(|m| m.end < span.end);
    mask.get(i)
        .is_some_and(|m| m.start <= span.start && span.end <= m.end)
}

/// Features of one sentence span of `text`.
/// `toks` is scratch space for the sentence's tokens.
pub(crate) fn sentence(
    text: &str,
    span: Span,
    mask: &[Span],
    interner: &mut Interner,
    toks: &mut Vec<parallax_text::Token>,
) -> Sent {
    let mut terms: Vec<Term> = Vec::new();
    let mut words = Vec::new();
    let mut free_words = Vec::new();
    let mut first_word = true;
    let mut buf = String::new();
    parallax_text::tokens_in_into(text, span, toks);
    for &t in toks.iter() {
        let raw = t.span.slice(text);
        let quoted = inside(mask, t.span);
        let (id, weight) = match t.kind {
            TokenKind::Number => {
                let id = if raw.contains(',') {
                    buf.clear();
                    buf.extend(raw.chars().filter(|c| *c != ','));
                    interner.id(&buf)
                } else {
                    interner.id(raw)
                };
                words.push(id);
                free_words.push(if quoted { QUOTED } else { id });
                (id, NAME)
            }
            TokenKind::Word => {
                let lower = lower_into(raw, &mut buf);
                let id = interner.id(lower);
                words.push(id);
                free_words.push(if quoted { QUOTED } else { id });
                let capital = raw.chars().next().is_some_and(char::is_uppercase);
                let was_first = first_word;
                first_word = false;
                let Some(stem) = interner.stem_id(id, lower) else {
                    continue;
                };
                (stem, if capital && !was_first { NAME } else { WORD })
            }
            TokenKind::Handle | TokenKind::Hashtag => {
                (interner.id(lower_into(raw, &mut buf)), NAME)
            }
            _ => continue,
        };
        terms.push(Term { id, weight, quoted });
    }
    terms.sort_by(|a, b| a.id.cmp(&b.id).then(a.quoted.cmp(&b.quoted)));
    // One entry per term: quoted only if every occurrence is; the highest weight.
    let mut dedup: Vec<Term> = Vec::with_capacity(terms.len());
    for t in terms {
        match dedup.last_mut() {
            Some(last) if last.id == t.id => {
                last.quoted &= t.quoted;
                last.weight = last.weight.max(t.weight);
            }
            _ => dedup.push(t),
        }
    }
    let weight = dedup.iter().map(|t| t.weight).sum();
    let free_weight = dedup.iter().filter(|t| !t.quoted).map(|t| t.weight).sum();
    Sent {
        span,
        terms: dedup,
        weight,
        free_weight,
        words,
        free_words,
    }
}

/// The stem of a lower-cased word, or `None` for stop words and words of
/// fewer than two letters.
pub(crate) fn content_stem(lower: &str) -> Option<String> {
    let mut w = lower;
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(s) = w.strip_suffix(suffix) {
            w = s;
            break;
        }
    }
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    if w.chars().count() < 2 || is_stopword(w) {
        return None;
    }
    let w = w.replace('.', "");
    Some(stem(&w))
}

/// A light English suffix stripper: enough to bring "vote", "voted",
/// "voting" and "votes" together; not a full stemmer.
pub(crate) fn stem(w: &str) -> String {
    if !w.is_ascii() || w.len() <= 3 {
        return w.to_string();
    }
    let mut s = w.to_string();
    if let Some(b) = s.strip_suffix("ies") {
        s = format!("{b}y");
    } else if s.ends_with("sses") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.truncate(s.len() - 1);
    }
    for suffix in ["ingly", "edly", "ing", "ed", "ly"] {
        if s.len() > suffix.len() + 2 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            let b = s.as_bytes();
            let n = b.len();
            if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
                s.truncate(n - 1);
            }
            break;
        }
    }
    if s.len() > 3 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    if let Some(b) = s.strip_suffix('y') {
        if b.len() >= 3 {
            s = format!("{b}i");
        }
    }
    s
}

fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// Function words and the commonest reporting verbs (which every news
/// report uses whoever wrote it). Sorted.
pub(crate) const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "added",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "asked",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
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
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];
