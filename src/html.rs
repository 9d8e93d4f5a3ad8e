//! The self-contained HTML report (`analyze --format html`).
//!
//! One file, rendered on the server side: an inline stylesheet and a small
//! inline script (`src/html/`), both allowed by hash in a strict
//! Content-Security-Policy, so the page loads nothing from anywhere. Every
//! piece of article text goes through [`Esc`]. Citations are byte spans into
//! `Article.text`; each article column is split at every span boundary (spans
//! overlap and nest) into segments that carry the classes and citation keys of
//! the spans covering them, so a citation can light up its words anywhere.
//! Output is a pure function of the report: no clock, no hash-map order.

use crate::report::Report;
use anyhow::Result;
use base64::Engine as _;
use parallax_core::{floor_char_boundary, Article, Cite};
use parallax_story::{Omission, Story};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display, Write as _};
use std::io::Write;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

pub fn write_html(rep: &Report, w: &mut dyn Write) -> Result<()> {
    let mut out = String::with_capacity(64 * 1024);
    page(&mut out, rep)?;
    w.write_all(out.as_bytes())?;
    Ok(())
}

/// Text escaped for HTML content and for quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut last = 0;
        for (i, c) in s.char_indices() {
            let rep = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[last..i])?;
            f.write_str(rep)?;
            last = i + c.len_utf8();
        }
        f.write_str(&s[last..])
    }
}

/// The CSP source for an inline element whose content is `body`.
fn csp_hash(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// What a highlighted span is; one CSS class each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Summary,
    Quote,
    Fact,
    Loaded,
    Discrepancy,
    Reuse,
    Timeline,
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Mark::Summary => "hl-sum",
            Mark::Quote => "hl-q",
            Mark::Fact => "hl-f",
            Mark::Loaded => "hl-lt",
            Mark::Discrepancy => "hl-d",
            Mark::Reuse => "hl-r",
            Mark::Timeline => "hl-t",
        }
    }
}

/// A highlighted span of one article's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Range {
    start: usize,
    end: usize,
    mark: Mark,
    /// Hover note (why a term is loaded, a fact's value, ...).
    note: String,
}

/// Splits `[lo, hi)` at every boundary of `spans` that falls inside it. Each
/// piece comes with the indexes of the spans that cover it (in `spans`
/// order); pieces covered by nothing have an empty list. Spans may overlap or
/// nest in any way; pieces never straddle a boundary.
fn split(lo: usize, hi: usize, spans: &[(usize, usize)]) -> Vec<(usize, usize, Vec<usize>)> {
    let mut cuts: Vec<usize> = vec![lo, hi];
    for &(s, e) in spans {
        for x in [s, e] {
            if x > lo && x < hi {
                cuts.push(x);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let covering = spans
                .iter()
                .enumerate()
                .filter(|(_, &(s, e))| s <= a && e >= b && s < e)
                .map(|(i, _)| i)
                .collect();
            (a, b, covering)
        })
        .collect()
}

/// `[start, end)` made safe for `text`: clamped and moved onto char
/// boundaries; `None` when nothing is left.
fn clamp(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = floor_char_boundary(text, start);
    let e = floor_char_boundary(text, end);
    (s < e).then_some((s, e))
}

fn slice(text: &str, start: usize, end: usize) -> &str {
    clamp(text, start, end).map_or("", |(s, e)| &text[s..e])
}

/// Whitespace collapsed, cut to about `max` bytes with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() <= max {
        return s;
    }
    let cut = floor_char_boundary(&s, max);
    format!("{}…", &s[..cut])
}

/// A serde enum tag (`"person"`, `"money"`) as plain text.
fn tag<T: Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

/// A JSON value for people: strings bare, whole numbers without `.0`.
fn show_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        serde_json::Value::Null => "–".to_string(),
        other => other.to_string(),
    }
}

fn show<T: Serialize>(t: &T) -> String {
    serde_json::to_value(t)
        .map(|v| show_value(&v))
        .unwrap_or_default()
}

/// Articles by id, with their position in the report and a display label.
struct Index<'r, 'a> {
    by_id: BTreeMap<&'a str, (usize, &'r Article)>,
    labels: BTreeMap<&'a str, String>,
}

impl<'r, 'a: 'r> Index<'r, 'a> {
    fn new(articles: &'r [&'a Article]) -> Self {
        let mut by_id = BTreeMap::new();
        for (i, a) in articles.iter().enumerate() {
            by_id.entry(a.id.as_str()).or_insert((i, *a));
        }
        // Outlet name, else the URL's host, else the file name; a number
        // tells apart several articles with one label.
        let base: Vec<String> = articles.iter().map(|a| base_label(a)).collect();
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for b in &base {
            *count.entry(b.as_str()).or_default() += 1;
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut labels = BTreeMap::new();
        for (a, b) in articles.iter().zip(&base) {
            let label = if count[b.as_str()] > 1 {
                let n = seen.entry(b.as_str()).or_default();
                *n += 1;
                format!("{b} ({n})")
            } else {
                b.clone()
            };
            labels.entry(a.id.as_str()).or_insert(label);
        }
        Index { by_id, labels }
    }

    fn get(&self, id: &str) -> Option<(usize, &'r Article)> {
        self.by_id.get(id).copied()
    }

    fn label(&self, id: &str) -> String {
        self.labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The citation key of a span: `k{article position}-{start}-{end}`.
    fn key(&self, id: &str, start: usize, end: usize) -> Option<String> {
        let (i, a) = self.get(id)?;
        let (s, e) = clamp(&a.text, start, end)?;
        Some(format!("k{i}-{s}-{e}"))
    }

    fn text(&self, id: &str, start: usize, end: usize) -> &'r str {
        self.get(id).map_or("", |(_, a)| slice(&a.text, start, end))
    }
}

fn base_label(a: &Article) -> String {
    if let Some(o) = a.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        return o.to_string();
    }
    if let Some(url) = &a.url {
        let rest = url.split("://").nth(1).unwrap_or(url);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !host.is_empty() {
            return host.to_string();
        }
    }
    let mut name = a.source.rsplit(['/', '\\']).next().unwrap_or(&a.source);
    for ext in [".gz", ".txt", ".html", ".htm", ".jsonl", ".json"] {
        name = name.strip_suffix(ext).unwrap_or(name);
    }
    if name.is_empty() {
        a.id.clone()
    } else {
        name.to_string()
    }
}

/// The highlighted spans of one story, per article id.
#[derive(Default)]
struct Marks<'a> {
    by_article: BTreeMap<&'a str, Vec<Range>>,
}

impl<'a> Marks<'a> {
    fn add(&mut self, article: &'a str, start: usize, end: usize, mark: Mark, note: String) {
        self.by_article.entry(article).or_default().push(Range {
            start,
            end,
            mark,
            note,
        });
    }

    fn collect(story: &Story<'a>, idx: &Index) -> Self {
        let mut m = Marks::default();
        for s in &story.summary {
            m.add(
                s.article,
                s.start,
                s.end,
                Mark::Summary,
                "in the summary".into(),
            );
            for c in &s.citations {
                m.add(
                    c.article,
                    c.start,
                    c.end,
                    Mark::Summary,
                    "in the summary".into(),
                );
            }
        }
        for q in &story.quotes {
            let who = q.speaker.unwrap_or("unknown speaker");
            for o in &q.occurrences {
                m.add(
                    o.article,
                    o.start,
                    o.end,
                    Mark::Quote,
                    format!("quote: {who}"),
                );
            }
        }
        for f in &story.facts {
            let note = format!("{}: {}", tag(&f.kind), show(f.value));
            for c in &f.occurrences {
                m.add(c.article, c.start, c.end, Mark::Fact, note.clone());
            }
        }
        for d in &story.discrepancies {
            for c in &d.claims {
                let note = format!("discrepancy on {}: {}", d.about, show_value(&c.value));
                m.add(c.article, c.start, c.end, Mark::Discrepancy, note);
            }
        }
        for r in &story.reuse {
            let from = format!("reused from {}", idx.label(r.source));
            let by = format!("reused by {}", idx.label(r.derived));
            for p in &r.passages {
                m.add(
                    r.source,
                    p.source_start,
                    p.source_end,
                    Mark::Reuse,
                    by.clone(),
                );
                m.add(
                    r.derived,
                    p.derived_start,
                    p.derived_end,
                    Mark::Reuse,
                    from.clone(),
                );
            }
        }
        for f in &story.framing {
            for t in &f.loaded_terms {
                m.add(
                    f.article,
                    t.start,
                    t.end,
                    Mark::Loaded,
                    format!("loaded: {}", t.why),
                );
            }
        }
        for t in &story.timeline {
            for c in &t.citations {
                m.add(c.article, c.start, c.end, Mark::Timeline, t.date.clone());
            }
        }
        m
    }
}

fn page(o: &mut String, rep: &Report) -> fmt::Result {
    let idx = Index::new(&rep.articles);
    let csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src 'none'; \
         base-uri 'none'; form-action 'none'",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    );
    let title = match rep.stories.as_slice() {
        [one] => format!("Parallax: {}", one.title.unwrap_or("story")),
        _ => "Parallax report".to_string(),
    };
    write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        Esc(&csp),
        Esc(&title)
    )?;
    writeln!(
        o,
        "<header class=\"top\"><h1>Parallax report</h1><p>{} articles · {} rejected · {} stories</p></header>\n<main>",
        rep.articles.len(),
        rep.rejected.len(),
        rep.stories.len()
    )?;
    story_list(o, rep, &idx)?;
    for (n, s) in rep.stories.iter().enumerate() {
        story(o, n, s, &idx)?;
    }
    leftovers(o, rep, &idx)?;
    rejected(o, rep)?;
    writeln!(
        o,
        "</main>\n<footer>Made by parallax {}. Spans are byte offsets into each article's clean text.</footer>",
        env!("CARGO_PKG_VERSION")
    )?;
    write!(o, "<script>{SCRIPT}</script>\n</body>\n</html>\n")
}

fn story_list(o: &mut String, rep: &Report, idx: &Index) -> fmt::Result {
    o.push_str("<nav class=\"stories\" id=\"stories\"><strong>Stories</strong>");
    if rep.stories.is_empty() {
        o.push_str("<p class=\"empty\">No stories: no article could be read.</p></nav>\n");
        return Ok(());
    }
    o.push_str("<ol>");
    for s in &rep.stories {
        let outlets: Vec<String> = s.articles.iter().map(|a| idx.label(a)).collect();
        write!(
            o,
            "<li><a href=\"#story-{}\">{}</a> <span class=\"muted\">{}: {}; {}</span></li>",
            Esc(&s.id),
            Esc(s.title.unwrap_or("(untitled)")),
            plural(s.articles.len(), "article"),
            Esc(&outlets.join(", ")),
            [
                plural(s.quotes.len(), "quote"),
                plural(s.facts.len(), "fact"),
                plural(s.discrepancies.len(), "discrepancy"),
                plural(s.reuse.len(), "reuse pair"),
            ]
            .join(" · ")
        )?;
    }
    o.push_str("</ol></nav>\n");
    Ok(())
}

fn plural(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {what}s"),
    }
}

/// Citation chips; an outlet cited more than once gets numbered chips.
fn cites(o: &mut String, idx: &Index, list: &[Cite]) -> fmt::Result {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for c in list {
        let n = seen.entry(c.article).or_default();
        *n += 1;
        let label = match *n {
            1 => idx.label(c.article),
            k => format!("{} #{k}", idx.label(c.article)),
        };
        cite_labeled(o, idx, c.article, c.start, c.end, &label)?;
    }
    Ok(())
}

/// A citation chip: `label`, the cited words on hover, a jump on click.
fn cite_labeled(
    o: &mut String,
    idx: &Index,
    article: &str,
    start: usize,
    end: usize,
    label: &str,
) -> fmt::Result {
    match idx.key(article, start, end) {
        Some(key) => write!(
            o,
            "<a class=\"cite\" href=\"#art-{}\" data-cite=\"{key}\" title=\"{}\">{}</a>",
            Esc(article),
            Esc(&clip(idx.text(article, start, end), 240)),
            Esc(label)
        ),
        None => write!(
            o,
            "<span class=\"cite\" title=\"span not found\">{}</span>",
            Esc(label)
        ),
    }
}

fn empty(o: &mut String, msg: &str) -> fmt::Result {
    writeln!(o, "<p class=\"empty\">{}</p>", Esc(msg))
}

fn story(o: &mut String, n: usize, s: &Story, idx: &Index) -> fmt::Result {
    writeln!(
        o,
        "<section class=\"story\" id=\"story-{}\">\n<h2>{}</h2>",
        Esc(&s.id),
        Esc(s.title.unwrap_or("(untitled)"))
    )?;
    let outlets: Vec<String> = s.articles.iter().map(|a| idx.label(a)).collect();
    writeln!(
        o,
        "<p class=\"muted\">Story {} · {}: {}</p>",
        n + 1,
        plural(s.articles.len(), "article"),
        Esc(&outlets.join(", "))
    )?;
    summary(o, s, idx)?;
    columns(o, s, idx)?;
    facts(o, s, idx)?;
    framing(o, s, idx)?;
    discrepancies(o, s, idx)?;
    quotes(o, s, idx)?;
    timeline(o, s, idx)?;
    provenance(o, s, idx)?;
    entities(o, s)?;
    o.push_str("</section>\n");
    Ok(())
}

fn summary(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Summary</h3>\n");
    if s.summary.is_empty() {
        return empty(o, "No summary for this story.");
    }
    o.push_str("<ol class=\"summary\">\n");
    for sent in &s.summary {
        o.push_str("<li>");
        match idx.key(sent.article, sent.start, sent.end) {
            Some(key) => write!(
                o,
                "<a class=\"sent\" href=\"#art-{}\" data-cite=\"{key}\">{}</a>",
                Esc(sent.article),
                Esc(sent.text)
            )?,
            None => write!(o, "<span class=\"sent\">{}</span>", Esc(sent.text))?,
        }
        o.push(' ');
        cites(o, idx, &sent.citations)?;
        o.push_str("</li>\n");
    }
    o.push_str("</ol>\n");
    Ok(())
}

/// The story's articles side by side, spans highlighted.
fn columns(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Outlets side by side</h3>\n");
    o.push_str(
        "<p class=\"legend\"><span class=\"hl-sum\">in the summary</span><span class=\"hl-q\">quote</span>\
         <span class=\"hl-f\">fact</span><span class=\"hl-lt\">loaded term</span>\
         <span class=\"hl-d\">disputed figure</span><span class=\"hl-r\">reused text</span></p>\n",
    );
    let marks = Marks::collect(s, idx);
    o.push_str("<div class=\"outlets\">\n");
    for id in &s.articles {
        let Some((i, a)) = idx.get(id) else { continue };
        let ranges = marks.by_article.get(id).map_or(&[][..], Vec::as_slice);
        column(o, i, a, &idx.label(id), ranges)?;
    }
    o.push_str("</div>\n");
    Ok(())
}

fn column(o: &mut String, i: usize, a: &Article, label: &str, ranges: &[Range]) -> fmt::Result {
    let text = a.text.as_str();
    write!(
        o,
        "<article class=\"col\" id=\"art-{}\"><header><div class=\"outlet\">{}</div>",
        Esc(&a.id),
        Esc(label)
    )?;
    if let Some(t) = &a.title {
        write!(o, "<div class=\"title\">{}</div>", Esc(t))?;
    }
    let mut meta = Vec::new();
    if let Some(p) = &a.published {
        meta.push(p.clone());
    }
    if !a.byline.is_empty() {
        meta.push(format!("by {}", a.byline.join(", ")));
    }
    meta.push(a.url.clone().unwrap_or_else(|| a.source.clone()));
    write!(
        o,
        "<div class=\"meta\">{}</div></header>\n<div class=\"body\">",
        Esc(&meta.join(" · "))
    )?;
    // Clean, deduplicated spans, in a stable order.
    let mut spans: Vec<Range> = ranges
        .iter()
        .filter_map(|r| {
            let (s, e) = clamp(text, r.start, r.end)?;
            Some(Range {
                start: s,
                end: e,
                ..r.clone()
            })
        })
        .collect();
    spans.sort();
    spans.dedup();
    let mut paras: Vec<(usize, usize)> = a
        .paragraphs
        .iter()
        .filter_map(|p| clamp(text, p.start, p.end))
        .collect();
    if paras.is_empty() && !text.is_empty() {
        paras.push((0, text.len()));
    }
    for (lo, hi) in paras {
        let here: Vec<&Range> = spans
            .iter()
            .filter(|r| r.start < hi && r.end > lo)
            .collect();
        let bounds: Vec<(usize, usize)> = here.iter().map(|r| (r.start, r.end)).collect();
        o.push_str("<p>");
        for (a0, b0, cover) in split(lo, hi, &bounds) {
            let piece = &text[a0..b0];
            if cover.is_empty() {
                write!(o, "{}", Esc(piece))?;
                continue;
            }
            let classes: BTreeSet<&str> = cover.iter().map(|&k| here[k].mark.class()).collect();
            let keys: BTreeSet<String> = cover
                .iter()
                .map(|&k| format!("k{i}-{}-{}", here[k].start, here[k].end))
                .collect();
            let notes: BTreeSet<&str> = cover
                .iter()
                .map(|&k| here[k].note.as_str())
                .filter(|n| !n.is_empty())
                .collect();
            write!(
                o,
                "<span class=\"{}\" data-r=\"{}\" title=\"{}\">{}</span>",
                classes.into_iter().collect::<Vec<_>>().join(" "),
                keys.into_iter().collect::<Vec<_>>().join(" "),
                Esc(&notes.into_iter().collect::<Vec<_>>().join("; ")),
                Esc(piece)
            )?;
        }
        o.push_str("</p>\n");
    }
    if text.is_empty() {
        empty(o, "No text.")?;
    }
    o.push_str("</div></article>\n");
    Ok(())
}

fn facts(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Facts</h3>\n");
    if s.facts.is_empty() {
        return empty(o, "No numbers, amounts or dates found.");
    }
    o.push_str(
        "<table class=\"facts\"><thead><tr><th>Kind</th><th>Words</th><th>Value</th><th>Unit</th>\
         <th>About</th><th>Reported by</th></tr></thead><tbody>\n",
    );
    for f in &s.facts {
        write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>",
            Esc(&tag(&f.kind)),
            Esc(f.text),
            Esc(&show(f.value)),
            Esc(f.unit.unwrap_or("")),
            Esc(&[f.about, f.qualifier]
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join(", ")),
        )?;
        cites(o, idx, &f.occurrences)?;
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody></table>\n");
    Ok(())
}

fn framing(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Framing and loaded terms</h3>\n");
    if s.framing.is_empty() {
        return empty(o, "No framing differences found.");
    }
    o.push_str(
        "<table class=\"framing\"><thead><tr><th>Outlet</th><th>Loaded terms</th>\
         <th>Only this outlet reports</th><th>Leaves out</th></tr></thead><tbody>\n",
    );
    for f in &s.framing {
        write!(o, "<tr><td>{}</td><td>", Esc(&idx.label(f.article)))?;
        if f.loaded_terms.is_empty() {
            o.push_str("<span class=\"muted\">–</span>");
        }
        for t in &f.loaded_terms {
            cite_labeled(o, idx, f.article, t.start, t.end, t.term)?;
            if !t.why.is_empty() {
                write!(o, " <span class=\"kind\">{}</span> ", Esc(&t.why))?;
            }
        }
        o.push_str("</td><td>");
        if f.unique_facts.is_empty() {
            o.push_str("<span class=\"muted\">–</span>");
        }
        for c in &f.unique_facts {
            let words = clip(idx.text(c.article, c.start, c.end), 60);
            cite_labeled(o, idx, c.article, c.start, c.end, &words)?;
        }
        o.push_str("</td><td>");
        if f.omitted_facts.is_empty() {
            o.push_str("<span class=\"muted\">–</span>");
        }
        if !f.omitted_facts.is_empty() {
            o.push_str("<ul class=\"omitted\">");
            for (i, x) in f.omitted_facts.iter().enumerate() {
                write!(o, "<li>{}", Esc(x))?;
                // Where the other outlets state it.
                for c in f
                    .omitted
                    .get(i)
                    .map_or_else(Vec::new, |m| omission_cites(s, m))
                {
                    o.push(' ');
                    cite_labeled(o, idx, c.article, c.start, c.end, &idx.label(c.article))?;
                }
                o.push_str("</li>");
            }
            o.push_str("</ul>");
        }
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody></table>\n");
    Ok(())
}

/// The statements of an omitted item in the other articles: its summary
/// sentence's citations, or every occurrence of its facts.
fn omission_cites<'s>(s: &'s Story, m: &Omission) -> Vec<Cite<'s>> {
    let mut cites: Vec<Cite> = match m.summary {
        Some(i) => s
            .summary
            .get(i)
            .map(|x| x.citations.clone())
            .unwrap_or_default(),
        None => m
            .facts
            .iter()
            .filter_map(|&j| s.facts.get(j))
            .flat_map(|f| f.occurrences.iter().copied())
            .collect(),
    };
    cites.dedup_by_key(|c| (c.article, c.start, c.end));
    cites
}

fn discrepancies(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Discrepancies</h3>\n");
    if s.discrepancies.is_empty() {
        return empty(o, "No outlets disagree on a figure or date.");
    }
    o.push_str(
        "<table class=\"discrepancies\"><thead><tr><th>About</th><th>Kind</th><th>Outlet</th>\
         <th>Value</th><th>Words</th></tr></thead><tbody>\n",
    );
    for d in &s.discrepancies {
        let n = d.claims.len().max(1);
        write!(
            o,
            "<tr><td rowspan=\"{n}\">{}</td><td rowspan=\"{n}\">{}</td>",
            Esc(&d.about),
            Esc(&tag(&d.kind))
        )?;
        if d.claims.is_empty() {
            o.push_str("<td></td><td></td><td></td></tr>\n");
        }
        for (k, c) in d.claims.iter().enumerate() {
            if k > 0 {
                o.push_str("<tr>");
            }
            write!(
                o,
                "<td>{}</td><td class=\"num\">{}</td><td>",
                Esc(&idx.label(c.article)),
                Esc(&show_value(&c.value))
            )?;
            cite_labeled(o, idx, c.article, c.start, c.end, c.text)?;
            o.push_str("</td></tr>\n");
        }
    }
    o.push_str("</tbody></table>\n");
    Ok(())
}

fn quotes(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Quotes</h3>\n");
    if s.quotes.is_empty() {
        return empty(o, "No direct quotes found.");
    }
    o.push_str(
        "<table class=\"quotes\"><thead><tr><th>Speaker</th><th>Quote</th><th>Carried by</th></tr>\
         </thead><tbody>\n",
    );
    for q in &s.quotes {
        match q.speaker {
            Some(who) => write!(o, "<tr><td>{}</td>", Esc(who))?,
            None => o.push_str("<tr><td class=\"muted\">unknown</td>"),
        }
        write!(o, "<td class=\"quote\">{}</td><td>", Esc(q.text))?;
        for occ in &q.occurrences {
            let mut label = idx.label(occ.article);
            if let Some(st) = occ.speaker_text {
                label = format!("{label}: {}", clip(st, 40));
            }
            cite_labeled(o, idx, occ.article, occ.start, occ.end, &label)?;
        }
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody></table>\n");
    Ok(())
}

fn timeline(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Timeline</h3>\n");
    if s.timeline.is_empty() {
        return empty(o, "No dated events found.");
    }
    o.push_str("<ol class=\"timeline\">\n");
    for t in &s.timeline {
        write!(
            o,
            "<li><span class=\"date\">{}</span>{} ",
            Esc(&t.date),
            Esc(t.text)
        )?;
        cites(o, idx, &t.citations)?;
        o.push_str("</li>\n");
    }
    o.push_str("</ol>\n");
    Ok(())
}

/// Node positions of the provenance graph: on an ellipse, first article on
/// top, clockwise in story order.
fn layout(n: usize, width: f64, height: f64) -> Vec<(f64, f64)> {
    let (cx, cy) = (width / 2.0, height / 2.0);
    if n == 1 {
        return vec![(cx, cy)];
    }
    let (rx, ry) = (width / 2.0 - 110.0, height / 2.0 - 40.0);
    (0..n)
        .map(|i| {
            let t = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
            (cx + rx * t.cos(), cy + ry * t.sin())
        })
        .collect()
}

const NODE_H: f64 = 30.0;

fn node_width(label: &str) -> f64 {
    (label.chars().count() as f64 * 7.6 + 20.0).clamp(60.0, 200.0)
}

/// Where the segment from `from` to `to` leaves the box of half-size `hw`, `hh`
/// around `from`.
fn exit_point(from: (f64, f64), to: (f64, f64), hw: f64, hh: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let tx = if dx.abs() > 1e-9 {
        hw / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > 1e-9 {
        hh / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    (from.0 + dx * t, from.1 + dy * t)
}

fn provenance(o: &mut String, s: &Story, idx: &Index) -> fmt::Result {
    o.push_str("<h3>Provenance</h3>\n");
    let edges: Vec<_> = s
        .reuse
        .iter()
        .filter_map(|r| {
            let a = s.articles.iter().position(|x| *x == r.source)?;
            let b = s.articles.iter().position(|x| *x == r.derived)?;
            (a != b).then_some((a, b, r))
        })
        .collect();
    if edges.is_empty() {
        return empty(o, "No text reuse found between these articles.");
    }
    let n = s.articles.len();
    let width = (720.0 + 45.0 * n.saturating_sub(6) as f64).min(1400.0);
    let height = (170.0 + 28.0 * n as f64).min(560.0);
    let pos = layout(n, width, height);
    let labels: Vec<String> = s.articles.iter().map(|a| clip(&idx.label(a), 24)).collect();
    write!(
        o,
        "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Provenance graph: arrows go from source to the article that reuses it\">\n\
         <defs><marker id=\"arrow-{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n",
        id = Esc(&s.id)
    )?;
    for (a, b, r) in &edges {
        let (pa, pb) = (pos[*a], pos[*b]);
        let start = exit_point(pa, pb, node_width(&labels[*a]) / 2.0, NODE_H / 2.0);
        let end = exit_point(
            pb,
            pa,
            node_width(&labels[*b]) / 2.0 + 2.0,
            NODE_H / 2.0 + 2.0,
        );
        // The label sits beside the arrow's middle, on its left-hand side.
        let (dx, dy) = (end.0 - start.0, end.1 - start.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (mx, my) = (
            (start.0 + end.0) / 2.0 + 9.0 * dy / len,
            (start.1 + end.1) / 2.0 - 9.0 * dx / len + 4.0,
        );
        writeln!(
            o,
            "<g class=\"edge\"><title>{} → {}: {} {:.2}</title>\
             <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" marker-end=\"url(#arrow-{})\"/>\
             <text x=\"{mx:.1}\" y=\"{my:.1}\">{:.2} {}</text></g>",
            Esc(&idx.label(r.source)),
            Esc(&idx.label(r.derived)),
            Esc(&tag(&r.kind)),
            r.score,
            start.0,
            start.1,
            end.0,
            end.1,
            Esc(&s.id),
            r.score,
            Esc(&tag(&r.kind))
        )?;
    }
    for (k, ((x, y), label)) in pos.iter().zip(&labels).enumerate() {
        let w = node_width(label);
        writeln!(
            o,
            "<g class=\"node\"><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{NODE_H:.0}\" rx=\"6\"/>\
             <text x=\"{x:.1}\" y=\"{y:.1}\">{}</text></g>",
            Esc(idx.get(s.articles[k]).and_then(|(_, a)| a.title.as_deref()).unwrap_or("")),
            x - w / 2.0,
            y - NODE_H / 2.0,
            Esc(label)
        )?;
    }
    o.push_str("</svg>\n");
    o.push_str(
        "<table class=\"reuse\"><thead><tr><th>Source</th><th>Reused by</th><th>Kind</th>\
         <th>Score</th><th>Passages</th></tr></thead><tbody>\n",
    );
    for (_, _, r) in &edges {
        write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{:.2}</td><td>",
            Esc(&idx.label(r.source)),
            Esc(&idx.label(r.derived)),
            Esc(&tag(&r.kind)),
            r.score
        )?;
        for (k, p) in r.passages.iter().enumerate() {
            let label = format!("{} in source", k + 1);
            cite_labeled(o, idx, r.source, p.source_start, p.source_end, &label)?;
            let label = format!("{} reused", k + 1);
            cite_labeled(o, idx, r.derived, p.derived_start, p.derived_end, &label)?;
        }
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody></table>\n");
    Ok(())
}

fn entities(o: &mut String, s: &Story) -> fmt::Result {
    o.push_str("<h3>Who and what</h3>\n");
    if s.entities.is_empty() {
        return empty(o, "No people, organizations or places found.");
    }
    o.push_str("<ul class=\"entities\">");
    for e in &s.entities {
        write!(
            o,
            "<li title=\"{}\">{} <span class=\"kind\">{} · {}×</span></li>",
            Esc(&e.aliases.join(", ")),
            Esc(e.name),
            Esc(&tag(&e.kind)),
            e.mentions.len()
        )?;
    }
    o.push_str("</ul>\n");
    Ok(())
}

/// Articles that are in no story (none when clustering covers all).
fn leftovers(o: &mut String, rep: &Report, idx: &Index) -> fmt::Result {
    let in_story: BTreeSet<&str> = rep
        .stories
        .iter()
        .flat_map(|s| s.articles.iter().copied())
        .collect();
    let rest: Vec<&&Article> = rep
        .articles
        .iter()
        .filter(|a| !in_story.contains(a.id.as_str()))
        .collect();
    if rest.is_empty() {
        return Ok(());
    }
    o.push_str("<section class=\"extra\"><h2>Articles in no story</h2><div class=\"outlets\">\n");
    for a in rest {
        if let Some((i, art)) = idx.get(&a.id) {
            column(o, i, art, &idx.label(&a.id), &[])?;
        }
    }
    o.push_str("</div></section>\n");
    Ok(())
}

fn rejected(o: &mut String, rep: &Report) -> fmt::Result {
    if rep.rejected.is_empty() {
        return Ok(());
    }
    o.push_str("<section class=\"extra\" id=\"rejected\"><h2>Rejected inputs</h2><ul class=\"rejected\">\n");
    for r in &rep.rejected {
        writeln!(
            o,
            "<li><code>{}</code>: {}</li>",
            Esc(&r.source),
            Esc(&r.error)
        )?;
    }
    o.push_str("</ul></section>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let s = Esc("<script>alert('x & \"y\"')</script> café").to_string();
        assert_eq!(
            s,
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt; café"
        );
        assert_eq!(Esc("plain").to_string(), "plain");
        assert_eq!(Esc("").to_string(), "");
    }

    #[test]
    fn overlapping_and_nested_spans_become_flat_pieces() {
        let text = "The mayor said \"the bridge costs $12 million\" today.";
        let q = text.find('"').unwrap();
        let q_end = text.rfind('"').unwrap() + 1;
        let f = text.find("$12").unwrap();
        let f_end = f + "$12 million".len();
        // A sentence-like span that overlaps the quote's start only.
        let s_end = text.find("bridge").unwrap() + "bridge".len();
        let spans = [(q, q_end), (f, f_end), (4, s_end)];
        let pieces = split(0, text.len(), &spans);
        // Pieces tile the text exactly, in order.
        assert_eq!(pieces.first().unwrap().0, 0);
        assert_eq!(pieces.last().unwrap().1, text.len());
        for w in pieces.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
        let find = |words: &str| {
            pieces
                .iter()
                .find(|(a, b, _)| &text[*a..*b] == words)
                .map(|p| p.2.clone())
        };
        assert_eq!(find("The "), Some(vec![]));
        assert_eq!(find("mayor said "), Some(vec![2]));
        assert_eq!(find("\"the bridge"), Some(vec![0, 2]));
        assert_eq!(find(" costs "), Some(vec![0]));
        assert_eq!(find("$12 million"), Some(vec![0, 1]));
        assert_eq!(find("\""), Some(vec![0]));
        assert_eq!(find(" today."), Some(vec![]));
    }

    #[test]
    fn split_ignores_spans_outside_and_empty() {
        let pieces = split(10, 20, &[(0, 5), (15, 15), (18, 30)]);
        assert_eq!(
            pieces,
            vec![(10, 15, vec![]), (15, 18, vec![]), (18, 20, vec![2])]
        );
    }

    #[test]
    fn clamp_keeps_char_boundaries() {
        let text = "née à Paris";
        assert_eq!(clamp(text, 0, 2), Some((0, 1)));
        assert_eq!(clamp(text, 2, 100), Some((1, text.len())));
        assert_eq!(clamp(text, 5, 3), None);
        assert_eq!(slice(text, 0, 100), text);
    }

    #[test]
    fn csp_hash_is_base64_sha256() {
        // sha256("") in base64.
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    fn article(id: &str, outlet: &str, text: &str) -> Article {
        let mut paragraphs = Vec::new();
        let mut at = 0;
        for p in text.split("\n\n") {
            paragraphs.push(parallax_core::Span::new(at, at + p.len()));
            at += p.len() + 2;
        }
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            outlet: Some(outlet.into()),
            title: Some(format!("Ferry <i>{id}</i> back")),
            byline: vec![],
            published: Some("2031-05-02".into()),
            url: None,
            language: Some("en".into()),
            text: text.into(),
            removed: vec![],
            paragraphs,
            sentences: vec![],
        }
    }

    #[test]
    fn renders_escaped_text_and_survives_bad_spans() {
        let a = article(
            "a1",
            "Öst & West <News>",
            "Harbourmaster Zoë Brandt said the ferry \"costs $3 million <b>a year</b>\" on Friday.\n\n\
             The line carried 4,200 riders.",
        );
        let b = article(
            "a2",
            "Fjord Post",
            "The ferry costs $3 million a year, Harbourmaster Zoë Brandt said on Friday.",
        );
        let (ann_a, ann_b) = (
            parallax_annotate::annotate(&a),
            parallax_annotate::annotate(&b),
        );
        let group = vec![(&a, &ann_a), (&b, &ann_b)];
        let mut story = parallax_story::build_story(&group, &parallax_story::Options::default());
        assert!(!story.facts.is_empty());
        let zoe = a.text.find('ë').unwrap();
        for (start, end) in [(5, 100_000), (zoe + 1, zoe + 6), (30, 10), (0, 0)] {
            story.facts[0].occurrences.push(Cite {
                article: "a1",
                start,
                end,
            });
        }
        story.facts[0].occurrences.push(Cite {
            article: "nowhere",
            start: 0,
            end: 3,
        });
        let rep = Report {
            articles: vec![&a, &b],
            rejected: vec![],
            stories: vec![story],
        };
        let mut out = Vec::new();
        write_html(&rep, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        assert!(page.contains("Öst &amp; West &lt;News&gt;"));
        assert!(page.contains("Ferry &lt;i&gt;a1&lt;/i&gt; back"));
        assert!(page.contains("&lt;b&gt;"));
        assert!(!page.contains("<b>") && !page.contains("<i>"));
        assert_eq!(page.matches("<script>").count(), 1);
        // A cite to an unknown article is shown, not linked.
        assert!(page.contains("title=\"span not found\""));
        // Same report, same bytes.
        let mut again = Vec::new();
        write_html(&rep, &mut again).unwrap();
        assert_eq!(page.as_bytes(), again.as_slice());
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "discrepancy"), "1 discrepancy");
        assert_eq!(plural(3, "discrepancy"), "3 discrepancies");
        assert_eq!(plural(0, "quote"), "0 quotes");
    }

    #[test]
    fn numbers_show_without_trailing_zero() {
        assert_eq!(show_value(&serde_json::json!(12000000.0)), "12000000");
        assert_eq!(show_value(&serde_json::json!(2.5)), "2.5");
        assert_eq!(show_value(&serde_json::json!("2025-03-13")), "2025-03-13");
    }
}
