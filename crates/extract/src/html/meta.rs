//! Page metadata: title, bylines, publication date, outlet, canonical URL,
//! language; and the JSON-LD `articleBody` when a page carries one.

use super::body::collapse;
use super::dom::{Attr, Dom, Tag};
use crate::dates::parse_date;
use once_cell::sync::Lazy;
use parallax_core::Metadata;
use regex::Regex;
use serde_json::Value;

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
pub struct LdInfo {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "webpage",
];

fn type_rank(v: &Value) -> Option<usize> {
    let t = v.get("@type")?;
    let names: Vec<&str> = match t {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    names
        .iter()
        .filter_map(|n| {
            let n = n.rsplit('/').next().unwrap_or(n).to_ascii_lowercase();
            ARTICLE_TYPES.iter().position(|t| *t == n)
        })
        .min()
}

fn collect_objects<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    if depth > 6 || out.len() > 200 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                collect_objects(x, depth + 1, out);
            }
        }
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, depth + 1, out);
            }
            if let Some(g) = o.get("mainEntity") {
                collect_objects(g, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = collapse(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").and_then(str_of),
        _ => None,
    }
}

fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.extend(split_names(s)),
        Value::Array(a) => {
            for x in a.iter().take(10) {
                names_of(x, out);
            }
        }
        Value::Object(o) => {
            let is_org = o
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("organization"));
            if let Some(n) = o.get("name") {
                if !is_org {
                    names_of(n, out);
                }
            }
        }
        _ => {}
    }
}

pub fn parse_json_ld(scripts: &[String]) -> LdInfo {
    let mut info = LdInfo::default();
    let mut best: Option<(usize, Value)> = None;
    let mut publisher_any = None;
    for raw in scripts.iter().take(20) {
        let cleaned = clean_json(raw);
        let Ok(v) = serde_json::from_str::<Value>(&cleaned) else {
            continue;
        };
        let mut objs = Vec::new();
        collect_objects(&v, 0, &mut objs);
        for o in objs {
            if publisher_any.is_none() {
                publisher_any = o.get("publisher").and_then(str_of);
            }
            if let Some(rank) = type_rank(o) {
                // Prefer real article types; among equals, the one with a body.
                let has_body = o.get("articleBody").is_some();
                let key = rank * 2 + usize::from(!has_body);
                if best.as_ref().is_none_or(|(k, _)| key < *k) {
                    best = Some((key, o.clone()));
                }
            }
        }
    }
    if let Some((_, o)) = best {
        info.headline = o
            .get("headline")
            .and_then(str_of)
            .or_else(|| o.get("name").and_then(str_of));
        if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
            names_of(a, &mut info.authors);
        }
        info.published = o
            .get("datePublished")
            .or_else(|| o.get("dateCreated"))
            .or_else(|| o.get("uploadDate"))
            .and_then(str_of)
            .and_then(|s| parse_date(&s));
        info.publisher = o.get("publisher").and_then(str_of);
        info.url = o
            .get("url")
            .and_then(Value::as_str)
            .or_else(|| {
                o.get("mainEntityOfPage")
                    .and_then(|m| m.as_str().or_else(|| m.get("@id").and_then(Value::as_str)))
            })
            .filter(|u| u.starts_with("http"))
            .map(str::to_string);
        info.language = o.get("inLanguage").and_then(str_of);
        info.body = o
            .get("articleBody")
            .and_then(Value::as_str)
            .map(|s| s.to_string());
    }
    if info.publisher.is_none() {
        info.publisher = publisher_any;
    }
    info
}

fn clean_json(raw: &str) -> String {
    let t = raw.trim();
    let t = t.strip_prefix("<!--").unwrap_or(t);
    let t = t.strip_suffix("-->").unwrap_or(t);
    let t = t.trim();
    let t = t.strip_prefix("//<![CDATA[").unwrap_or(t);
    let t = t.strip_suffix("//]]>").unwrap_or(t);
    let t = t.trim().trim_end_matches(';');
    // Raw control characters inside strings are common and invalid JSON.
    t.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

static BY_PREFIX: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\s*(?:written\s+|posted\s+|reported\s+|story\s+|words\s+)?by[:\s]+")
        .expect("static regex")
});

static NAME_SPLIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*(?:,|;|\||\band\b|&|\bund\b|\bet\b|\by\b)\s*").expect("static regex")
});

/// Split a byline string into person names: "By A and B" -> ["A", "B"].
pub fn split_names(s: &str) -> Vec<String> {
    let s = collapse(s);
    let s = BY_PREFIX.replace(&s, "");
    // Cut at a dash or newline-ish trailer ("Jane Roe - Staff Writer").
    let s = s.split([' ']).collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for part in NAME_SPLIT.split(&s) {
        let p = part
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
            .trim();
        let p = p
            .split(" - ")
            .next()
            .unwrap_or(p)
            .split(" — ")
            .next()
            .unwrap_or(p)
            .trim();
        if looks_like_name(p) && !out.iter().any(|x: &String| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

fn looks_like_name(p: &str) -> bool {
    if p.is_empty() || p.len() > 60 || p.contains("http") || p.contains('@') || p.contains('/') {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let lower = p.to_lowercase();
    const NOT_NAMES: &[&str] = &[
        "staff",
        "reporter",
        "editor",
        "correspondent",
        "writer",
        "associated press",
        "reuters",
        "news",
        "agency",
        "contributor",
        "updated",
        "published",
        "share",
    ];
    if words.len() <= 2 && NOT_NAMES.iter().any(|w| lower == *w || lower.ends_with(w)) {
        return false;
    }
    const ROLES: &[&str] = &[
        "staff",
        "reporter",
        "editor",
        "correspondent",
        "writer",
        "columnist",
        "contributor",
        "bureau",
        "desk",
        "team",
        "newsroom",
        "photographer",
    ];
    if lower.split_whitespace().any(|w| ROLES.contains(&w)) {
        return false;
    }
    if p.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    words[0].chars().next().is_some_and(char::is_uppercase)
}

static TITLE_SEP: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\s+(?:\||-|–|—|::|:|·|•|»)\s+").expect("static regex"));

/// Strip a " | Site" style suffix (or "Site | " prefix) from a <title>.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let parts: Vec<(usize, usize)> = TITLE_SEP
        .find_iter(title)
        .map(|m| (m.start(), m.end()))
        .collect();
    if parts.is_empty() {
        return title.to_string();
    }
    if let Some(site) = site {
        let site_l = site.to_lowercase();
        let (s, e) = parts[parts.len() - 1];
        let tail = title[e..].to_lowercase();
        if tail.contains(&site_l) || site_l.contains(&tail) {
            return title[..s].trim().to_string();
        }
        let (s, e) = parts[0];
        let head = title[..s].to_lowercase();
        if head.contains(&site_l) || site_l.contains(&head) {
            return title[e..].trim().to_string();
        }
    }
    // Without a known site name, drop a short last segment.
    let (s, e) = parts[parts.len() - 1];
    let tail = &title[e..];
    if tail.split_whitespace().count() <= 4 && s > tail.len() {
        title[..s].trim().to_string()
    } else {
        title.to_string()
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

static URL_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\b)")
        .expect("static regex")
});

fn date_from_url(url: &str) -> Option<String> {
    let c = URL_DATE.captures(url)?;
    parse_date(&format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

/// Normalise a language tag to its 2-letter code ("en-US" -> "en").
pub fn norm_lang(s: &str) -> Option<String> {
    let s = s.trim();
    let code: String = s.split(['-', '_', ' ', ',']).next()?.to_ascii_lowercase();
    if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase()) {
        let code = match code.as_str() {
            "eng" => "en",
            "fra" | "fre" => "fr",
            "deu" | "ger" => "de",
            "spa" => "es",
            "por" => "pt",
            "ita" => "it",
            "nld" | "dut" => "nl",
            "rus" => "ru",
            c => c,
        };
        Some(code.to_string())
    } else {
        None
    }
}

/// Everything found in the page's markup.
pub struct PageMeta {
    pub meta: Metadata,
    pub ld_body: Option<String>,
    pub h1: Option<String>,
}

pub fn extract_meta(dom: &Dom, url_hint: Option<&str>) -> PageMeta {
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut canonical = None;
    let mut html_lang = None;
    let mut title_el = None;
    let mut h1 = None;
    let mut rel_authors: Vec<String> = Vec::new();
    let mut byline_el: Vec<String> = Vec::new();
    let mut time_dt = None;
    let mut itemprop_date = None;
    for (i, n) in dom.nodes.iter().enumerate() {
        match n.tag {
            Tag::Meta => {
                let key = dom
                    .attr(i, Attr::Property)
                    .or_else(|| dom.attr(i, Attr::Name))
                    .or_else(|| dom.attr(i, Attr::Itemprop))
                    .or_else(|| dom.attr(i, Attr::HttpEquiv));
                let val = dom
                    .attr(i, Attr::Content)
                    .or_else(|| dom.attr(i, Attr::Datetime));
                if let (Some(k), Some(v)) = (key, val) {
                    let v = collapse(v);
                    if !v.is_empty() && metas.len() < 500 {
                        for k in k.split_whitespace() {
                            metas.push((k.to_ascii_lowercase(), v.clone()));
                        }
                    }
                }
            }
            Tag::Link
                if canonical.is_none()
                    && dom.attr(i, Attr::Rel).is_some_and(|r| {
                        r.split_whitespace()
                            .any(|w| w.eq_ignore_ascii_case("canonical"))
                    }) =>
            {
                canonical = dom.attr(i, Attr::Href).map(|s| s.trim().to_string());
            }
            Tag::Html if html_lang.is_none() => {
                html_lang = dom.attr(i, Attr::Lang).and_then(norm_lang);
            }
            Tag::Title if title_el.is_none() => {
                let t = collapse(&dom.subtree_text(i));
                if !t.is_empty() {
                    title_el = Some(t);
                }
            }
            Tag::H1 if h1.is_none() => {
                let t = collapse(&dom.subtree_text(i));
                if !t.is_empty() && t.len() < 400 {
                    h1 = Some(t);
                }
            }
            Tag::Time if time_dt.is_none() => {
                time_dt = dom.attr(i, Attr::Datetime).and_then(parse_date);
            }
            _ => {}
        }
        if n.tag == Tag::Text || n.tag == Tag::Document {
            continue;
        }
        if itemprop_date.is_none()
            && dom
                .attr(i, Attr::Itemprop)
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        {
            itemprop_date = dom
                .attr(i, Attr::Datetime)
                .or_else(|| dom.attr(i, Attr::Content))
                .and_then(parse_date)
                .or_else(|| parse_date(&collapse(&dom.subtree_text(i))));
        }
        if rel_authors.len() < 5
            && dom.attr(i, Attr::Rel).is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("author"))
            })
            && n.tag == Tag::A
        {
            rel_authors.extend(split_names(&dom.subtree_text(i)));
        }
        if byline_el.is_empty() && n.tag != Tag::Meta {
            let is_byline = dom.attr(i, Attr::Class).is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("byline")
                    || c.split_whitespace()
                        .any(|w| w == "author" || w == "author-name")
            }) || dom
                .attr(i, Attr::Itemprop)
                .is_some_and(|p| p.eq_ignore_ascii_case("author"));
            if is_byline && n.end - i < 60 {
                let t = collapse(&dom.subtree_text(i));
                if t.len() < 200 {
                    byline_el = split_names(&t);
                }
            }
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        for k in keys {
            if let Some((_, v)) = metas.iter().find(|(mk, _)| mk == k) {
                return Some(v.clone());
            }
        }
        None
    };
    let ld = parse_json_ld(&dom.json_ld);

    let outlet = get(&["og:site_name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| {
            get(&[
                "application-name",
                "al:android:app_name",
                "al:iphone:app_name",
                "twitter:site",
            ])
            .map(|s| s.trim_start_matches('@').to_string())
        });

    let title = get(&["og:title"])
        .or_else(|| ld.headline.clone())
        .or_else(|| get(&["twitter:title", "dc.title", "sailthru.title", "title"]))
        .or_else(|| h1.clone())
        .or_else(|| title_el.clone())
        .map(|t| strip_site(&t, outlet.as_deref()));

    let mut url = canonical
        .filter(|c| !c.is_empty())
        .or_else(|| get(&["og:url"]))
        .or_else(|| ld.url.clone())
        .or_else(|| url_hint.map(str::to_string));
    if let Some(u) = &url {
        if u.starts_with('/') && !u.starts_with("//") {
            let base = get(&["og:url"]).or_else(|| url_hint.map(str::to_string));
            if let Some(b) = base.as_deref() {
                if let Some(pos) = b.find("://") {
                    let host_end = b[pos + 3..].find('/').map_or(b.len(), |x| pos + 3 + x);
                    url = Some(format!("{}{}", &b[..host_end], u));
                }
            }
        } else if let Some(rest) = u.strip_prefix("//") {
            url = Some(format!("https://{rest}"));
        }
    }
    let outlet = match outlet {
        Some(o) if o.starts_with("http") => host_of(&o),
        o => o,
    }
    .or_else(|| url.as_deref().and_then(host_of));

    let mut byline = ld.authors.clone();
    if byline.is_empty() {
        for k in [
            "author",
            "article:author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "dcterms.creator",
            "citation_author",
        ] {
            for (mk, v) in &metas {
                if mk == k && !v.starts_with("http") {
                    for n in split_names(v) {
                        if !byline.contains(&n) {
                            byline.push(n);
                        }
                    }
                }
            }
            if !byline.is_empty() {
                break;
            }
        }
    }
    if byline.is_empty() {
        byline = rel_authors;
    }
    if byline.is_empty() {
        byline = byline_el;
    }
    byline.truncate(10);

    let published = ld
        .published
        .clone()
        .or_else(|| {
            get(&[
                "article:published_time",
                "og:article:published_time",
                "published_time",
                "datepublished",
                "article.published",
                "pubdate",
                "publishdate",
                "publish-date",
                "publication_date",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "dcterms.date",
                "dcterms.created",
                "date",
                "citation_publication_date",
                "article:modified_time",
            ])
            .and_then(|s| parse_date(&s))
        })
        .or(itemprop_date)
        .or(time_dt)
        .or_else(|| url.as_deref().and_then(date_from_url))
        .or_else(|| url_hint.and_then(date_from_url));

    let language = html_lang
        .or_else(|| {
            get(&["content-language", "language", "dc.language", "og:locale"])
                .and_then(|s| norm_lang(&s))
        })
        .or_else(|| ld.language.as_deref().and_then(norm_lang));

    PageMeta {
        meta: Metadata {
            title,
            url,
            outlet,
            published,
            byline,
            language,
        },
        ld_body: ld.body,
        h1,
    }
}
