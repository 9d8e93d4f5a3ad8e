//! The web app: server-rendered HTML, no script. Every piece of stored
//! content goes through [`Esc`]; ids in links are escaped as well (they are
//! hex today, but the page must not depend on that).
//!
//! Story pages are the store's rendered pages, served as they are: their
//! Content-Security-Policy (sha256 hashes of their inline style and script)
//! is read from their `<meta>` tag and sent as the response header, since a
//! header stricter than the meta tag would block the page's own script.

use super::api::{params, SearchParams};
use super::{read, ApiError, State};
use crate::html::Esc;
use axum::body::Body;
use axum::extract::{Path, State as AxState};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use parallax_store::StoryRow;
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::Arc;

type St = AxState<Arc<State>>;

/// The app's style sheet.
const CSS: &str = include_str!("app.css");
/// Stories per page of the home page.
const PER_PAGE: usize = 50;

/// An error shown as an HTML page.
pub(crate) struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self
            .0
            .status
            .canonical_reason()
            .unwrap_or("Error")
            .to_string();
        let body = format!(
            "<h1>{}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/\">All stories</a></p>",
            Esc(&title),
            Esc(&self.0.message)
        );
        html(self.0.status, &layout(&title, "", &body))
    }
}

fn html(status: StatusCode, body: &str) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(body.to_string()))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// A whole app page around `main`; `q` pre-fills the search box.
fn layout(title: &str, q: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{} · Parallax</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n\
         </head>\n<body>\n<header class=\"top\"><a class=\"brand\" href=\"/\">Parallax</a>\n\
         <form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search articles, quotes, people\" aria-label=\"Search\">\
         <button type=\"submit\">Search</button></form></header>\n<main>\n{main}\n</main>\n\
         <footer>parallax {} · <a href=\"/api/openapi.json\">API</a></footer>\n</body>\n</html>\n",
        Esc(title),
        Esc(q),
        env!("CARGO_PKG_VERSION")
    )
}

pub(crate) fn not_found(path: &str) -> Response {
    PageError(ApiError::not_found(format!("nothing at {path}"))).into_response()
}

pub(crate) async fn css() -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/css; charset=utf-8")
        .header(header::CACHE_CONTROL, "public, max-age=3600")
        .body(Body::from(CSS))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn days(row: &StoryRow) -> String {
    match (&row.first_day, &row.last_day) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) | (None, Some(a)) => a.clone(),
        (None, None) => "undated".to_string(),
    }
}

#[derive(Debug, Default, Deserialize)]
struct HomeParams {
    page: Option<usize>,
}

pub(crate) async fn home(AxState(st): St, uri: Uri) -> Result<Response, PageError> {
    let page = params::<HomeParams>(&uri)?.page.unwrap_or(1).max(1);
    let offset = (page - 1).saturating_mul(PER_PAGE);
    let (rows, counts) = read(&st, move |s| {
        Ok((s.stories(PER_PAGE + 1, offset)?, s.counts()?))
    })
    .await?;
    let more = rows.len() > PER_PAGE;
    let mut m = String::new();
    let _ = write!(
        m,
        "<h1>Stories</h1>\n<p class=\"counts\">{} stories from {} articles · {} quotes · {} entities</p>\n",
        counts.stories, counts.articles, counts.quotes, counts.entities
    );
    if rows.is_empty() {
        m.push_str(
            "<p class=\"empty\">No stories yet. Add articles with <code>parallax add</code>.</p>\n",
        );
    } else {
        m.push_str("<ol class=\"stories\">\n");
        for row in rows.iter().take(PER_PAGE) {
            let _ = writeln!(
                m,
                "<li><a href=\"/stories/{}\">{}</a> <span class=\"meta\">{} · {} article{}</span></li>",
                Esc(&row.id),
                Esc(row.title.as_deref().unwrap_or("(untitled)")),
                Esc(&days(row)),
                row.size,
                if row.size == 1 { "" } else { "s" }
            );
        }
        m.push_str("</ol>\n");
    }
    m.push_str("<nav class=\"pages\">");
    if page > 1 {
        let _ = write!(m, "<a href=\"/?page={}\">Newer</a> ", page - 1);
    }
    if more {
        let _ = write!(m, "<a href=\"/?page={}\">Older</a>", page + 1);
    }
    m.push_str("</nav>");
    Ok(html(StatusCode::OK, &layout("Stories", "", &m)))
}

/// The `content` of the page's CSP meta tag, unescaped.
pub(super) fn meta_csp(page: &str) -> Option<String> {
    let head = &page[..page.find("</head>").unwrap_or(page.len())];
    let at = head.find("http-equiv=\"Content-Security-Policy\"")?;
    let rest = &head[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let len = rest[start..].find('"')?;
    let raw = &rest[start..start + len];
    Some(
        raw.replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

pub(crate) async fn story(AxState(st): St, Path(id): Path<String>) -> Result<Response, PageError> {
    let page = read(&st, move |s| {
        s.story_page(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no story {id:?}")))
    })
    .await?;
    // Without a policy in the page, fall back to the app's (which blocks
    // inline code): safe, if not pretty.
    let csp = match meta_csp(&page) {
        Some(c) if !c.contains(['\r', '\n']) => format!("{c}; frame-ancestors 'none'"),
        _ => super::APP_CSP.to_string(),
    };
    let mut resp = html(StatusCode::OK, &page);
    match csp.parse() {
        Ok(v) => {
            resp.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, v);
        }
        Err(_) => {
            resp.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                axum::http::HeaderValue::from_static(super::APP_CSP),
            );
        }
    }
    Ok(resp)
}

pub(crate) async fn article(
    AxState(st): St,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = read(&st, move |s| {
        s.article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))
    })
    .await?;
    let art = &a.article;
    let title = art.title.as_deref().unwrap_or("(untitled)");
    let mut m = String::new();
    let _ = writeln!(m, "<article class=\"clean\">\n<h1>{}</h1>", Esc(title));
    let mut meta = Vec::new();
    if let Some(o) = &art.outlet {
        meta.push(format!("<span class=\"outlet\">{}</span>", Esc(o)));
    }
    if let Some(p) = &art.published {
        meta.push(format!("<time>{}</time>", Esc(p)));
    }
    if !art.byline.is_empty() {
        meta.push(format!("by {}", Esc(&art.byline.join(", "))));
    }
    let _ = writeln!(m, "<p class=\"meta\">{}</p>", meta.join(" · "));
    if let Some(story) = &a.story {
        let _ = writeln!(
            m,
            "<p class=\"meta\"><a href=\"/stories/{}\">The whole story</a></p>",
            Esc(story)
        );
    }
    for para in art.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(m, "<p>{}</p>", Esc(para.trim()));
    }
    let _ = write!(m, "<p class=\"meta\">Source: {}", Esc(&art.source));
    if let Some(url) = &art.url {
        let _ = write!(m, " · {}", Esc(url));
    }
    m.push_str("</p>\n</article>");
    Ok(html(StatusCode::OK, &layout(title, "", &m)))
}

pub(crate) async fn search(AxState(st): St, uri: Uri) -> Result<Response, PageError> {
    let p: SearchParams = params(&uri)?;
    let text = p.q.clone().unwrap_or_default();
    let outlet = p.outlet.clone().unwrap_or_default();
    let mut m = String::new();
    let _ = write!(
        m,
        "<h1>Search</h1>\n<form class=\"filters\" action=\"/search\" method=\"get\">\
         <label>Words <input type=\"search\" name=\"q\" value=\"{}\"></label> \
         <label>Outlet <input type=\"text\" name=\"outlet\" value=\"{}\"></label> \
         <label>Speaker <input type=\"text\" name=\"speaker\" value=\"{}\"></label> \
         <label>From <input type=\"date\" name=\"from\" value=\"{}\"></label> \
         <label>To <input type=\"date\" name=\"to\" value=\"{}\"></label> \
         <button type=\"submit\">Search</button></form>\n",
        Esc(&text),
        Esc(&outlet),
        Esc(p.speaker.as_deref().unwrap_or("")),
        Esc(p.from.as_deref().unwrap_or("")),
        Esc(p.to.as_deref().unwrap_or("")),
    );
    let asked = [&p.q, &p.outlet, &p.speaker, &p.from, &p.to, &p.story]
        .iter()
        .any(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()));
    if asked {
        let mut q = p.query()?;
        if p.limit.is_none() {
            q.limit = 30;
        }
        let hits = super::search(&st, q).await?;
        results(&mut m, &hits);
    }
    Ok(html(StatusCode::OK, &layout("Search", &text, &m)))
}

fn story_link(story: &Option<String>) -> String {
    match story {
        Some(s) => format!(" <a class=\"story\" href=\"/stories/{}\">story</a>", Esc(s)),
        None => String::new(),
    }
}

fn results(m: &mut String, hits: &[parallax_search::Hit]) {
    use parallax_search::Kind;
    if hits.is_empty() {
        m.push_str("<p class=\"empty\">Nothing found.</p>\n");
        return;
    }
    let _ = writeln!(m, "<p class=\"counts\">{} results</p>", hits.len());
    let of = |k: Kind| hits.iter().filter(move |h| h.kind == k);
    if of(Kind::Quote).next().is_some() {
        m.push_str("<section><h2>Quotes</h2>\n<ul class=\"hits quotes\">\n");
        for h in of(Kind::Quote) {
            let _ = write!(
                m,
                "<li><blockquote>“{}”</blockquote><p class=\"meta\"><span class=\"speaker\">{}</span>",
                Esc(&h.text),
                Esc(h.speaker.as_deref().unwrap_or("unattributed"))
            );
            if let Some(o) = &h.outlet {
                let _ = write!(m, " · {}", Esc(o));
            }
            if let Some(a) = &h.article {
                let _ = write!(
                    m,
                    " · <a href=\"/articles/{}\">{}</a>",
                    Esc(a),
                    Esc(h.title.as_deref().unwrap_or("article"))
                );
            }
            let _ = writeln!(m, "{}</p></li>", story_link(&h.story));
        }
        m.push_str("</ul></section>\n");
    }
    if of(Kind::Article).next().is_some() {
        m.push_str("<section><h2>Articles</h2>\n<ul class=\"hits articles\">\n");
        for h in of(Kind::Article) {
            let title = h
                .title
                .as_deref()
                .filter(|t| !t.is_empty())
                .unwrap_or("(untitled)");
            let _ = write!(m, "<li><h3>");
            match &h.article {
                Some(a) => {
                    let _ = write!(m, "<a href=\"/articles/{}\">{}</a>", Esc(a), Esc(title));
                }
                None => {
                    let _ = write!(m, "{}", Esc(title));
                }
            }
            m.push_str("</h3><p class=\"meta\">");
            let meta: Vec<String> = [&h.outlet, &h.published]
                .into_iter()
                .flatten()
                .map(|s| Esc(s).to_string())
                .collect();
            m.push_str(&meta.join(" · "));
            let _ = write!(m, "{}</p>", story_link(&h.story));
            if let Some(snip) = &h.snippet {
                let flat: String = snip.split_whitespace().collect::<Vec<_>>().join(" ");
                let _ = write!(m, "<p class=\"snippet\">{}</p>", Esc(&flat));
            }
            m.push_str("</li>\n");
        }
        m.push_str("</ul></section>\n");
    }
    if of(Kind::Entity).next().is_some() {
        m.push_str(
            "<section><h2>People, organizations, places</h2>\n<ul class=\"hits entities\">\n",
        );
        for h in of(Kind::Entity) {
            let _ = writeln!(
                m,
                "<li><span class=\"entity\">{}</span>{}</li>",
                Esc(&h.text),
                story_link(&h.story)
            );
        }
        m.push_str("</ul></section>\n");
    }
}
