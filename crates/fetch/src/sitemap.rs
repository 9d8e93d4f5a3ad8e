//! XML sitemaps (`<urlset>`, `<sitemapindex>`), plain or gzipped, with the
//! Google News extension that gives a title and publication date per URL.
//!
//! Elements are matched by their place in the tree (`urlset/url/loc`), by
//! local name, so a `<image:loc>` nested deeper is not taken for a page.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::{Deserialize, Serialize};
use url::Url;

/// Most URLs (or child sitemaps) kept from one sitemap; the protocol's own limit.
pub const MAX_SITEMAP_URLS: usize = 50_000;
/// Largest uncompressed sitemap read (the protocol allows 50 MB).
pub const MAX_SITEMAP_BYTES: u64 = 64 * 1024 * 1024;

/// One `<url>` of a `<urlset>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitemapUrl {
    /// Absolute URL of the page.
    pub loc: String,
    pub lastmod: Option<String>,
    /// `<news:news><news:title>`.
    pub news_title: Option<String>,
    /// `<news:news><news:publication_date>`.
    pub news_published: Option<String>,
}

/// A parsed sitemap: a `<urlset>` fills `urls`, a `<sitemapindex>` fills `sitemaps`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sitemap {
    pub urls: Vec<SitemapUrl>,
    /// Child sitemap URLs of a sitemap index.
    pub sitemaps: Vec<String>,
    /// Entries dropped because the cap of [`MAX_SITEMAP_URLS`] was reached.
    pub truncated: usize,
    /// Entries dropped because `loc` was empty or not an http(s) URL.
    pub invalid: usize,
}

/// A sitemap that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{url}: cannot parse sitemap: {reason}")]
pub struct SitemapError {
    pub url: String,
    pub reason: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Root {
    UrlSet,
    Index,
}

/// Which text field we are collecting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Loc,
    LastMod,
    NewsTitle,
    NewsDate,
}

fn gunzip(bytes: &[u8], cap: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad gzip data: {e}"))?;
    if out.len() as u64 > cap {
        return Err(format!("larger than {cap} bytes uncompressed"));
    }
    Ok(out)
}

/// Parse a sitemap or sitemap index. Gzipped input (magic `1f 8b`) is
/// decompressed first. `source_url` names the sitemap in errors and is the
/// base for (non-standard) relative `loc`s.
pub fn parse_sitemap(bytes: &[u8], source_url: &str) -> Result<Sitemap, SitemapError> {
    parse_with_cap(bytes, source_url, MAX_SITEMAP_URLS)
}

fn parse_with_cap(bytes: &[u8], source_url: &str, cap: usize) -> Result<Sitemap, SitemapError> {
    let err = |reason: String| SitemapError {
        url: source_url.to_string(),
        reason: reason.replace(['\n', '\r'], " "),
    };
    let unzipped;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        unzipped = gunzip(bytes, MAX_SITEMAP_BYTES).map_err(err)?;
        &unzipped[..]
    } else {
        if bytes.len() as u64 > MAX_SITEMAP_BYTES {
            return Err(err(format!("larger than {MAX_SITEMAP_BYTES} bytes")));
        }
        bytes
    };
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let base = Url::parse(source_url).ok();

    let mut reader = Reader::from_str(text);
    let mut out = Sitemap::default();
    let mut root: Option<Root> = None;
    let mut path: Vec<String> = Vec::new();
    let mut entry = SitemapUrl::default();
    let mut field: Option<Field> = None;
    let mut buf = String::new();

    loop {
        let event = reader
            .read_event()
            .map_err(|e| err(format!("at byte {}: {e}", reader.error_position())))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if path.is_empty() {
                    root = Some(match name.as_str() {
                        "urlset" => Root::UrlSet,
                        "sitemapindex" => Root::Index,
                        other => {
                            return Err(err(format!(
                                "root element is <{other}>, not <urlset> or <sitemapindex>"
                            )))
                        }
                    });
                }
                path.push(name);
                let p: Vec<&str> = path.iter().map(String::as_str).collect();
                field = match (root, p.as_slice()) {
                    (Some(Root::UrlSet), [_, "url"]) => {
                        entry = SitemapUrl::default();
                        None
                    }
                    (Some(Root::UrlSet), [_, "url", "loc"]) => Some(Field::Loc),
                    (Some(Root::UrlSet), [_, "url", "lastmod"]) => Some(Field::LastMod),
                    (Some(Root::UrlSet), [_, "url", "news", "title"]) => Some(Field::NewsTitle),
                    (Some(Root::UrlSet), [_, "url", "news", "publication_date"]) => {
                        Some(Field::NewsDate)
                    }
                    (Some(Root::Index), [_, "sitemap", "loc"]) => Some(Field::Loc),
                    _ => None,
                };
                buf.clear();
            }
            Event::Empty(e) if path.is_empty() => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "urlset" | "sitemapindex" => return Ok(out),
                    other => {
                        return Err(err(format!(
                            "root element is <{other}>, not <urlset> or <sitemapindex>"
                        )))
                    }
                }
            }
            Event::Text(t) if field.is_some() => buf.push_str(&t.xml10_content()),
            Event::CData(t) if field.is_some() => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if field.is_some() => match r.resolve_char_ref() {
                Ok(Some(c)) => buf.push(c),
                _ => match &*r {
                    "amp" => buf.push('&'),
                    "lt" => buf.push('<'),
                    "gt" => buf.push('>'),
                    "quot" => buf.push('"'),
                    "apos" => buf.push('\''),
                    other => {
                        buf.push('&');
                        buf.push_str(other);
                        buf.push(';');
                    }
                },
            },
            Event::End(_) => {
                let depth = path.len();
                if let Some(f) = field.take() {
                    let value = buf.trim().to_string();
                    buf.clear();
                    match (root, f) {
                        (Some(Root::Index), Field::Loc) => match resolve(base.as_ref(), &value) {
                            Some(u) if out.sitemaps.len() < cap => out.sitemaps.push(u),
                            Some(_) => out.truncated += 1,
                            None => out.invalid += 1,
                        },
                        (_, Field::Loc) => entry.loc = value,
                        (_, Field::LastMod) => {
                            entry.lastmod = Some(value).filter(|v| !v.is_empty())
                        }
                        (_, Field::NewsTitle) => {
                            entry.news_title = Some(value).filter(|v| !v.is_empty())
                        }
                        (_, Field::NewsDate) => {
                            entry.news_published = Some(value).filter(|v| !v.is_empty())
                        }
                    }
                } else if depth == 2
                    && root == Some(Root::UrlSet)
                    && path.last().is_some_and(|n| n == "url")
                {
                    let mut done = std::mem::take(&mut entry);
                    match resolve(base.as_ref(), &done.loc) {
                        Some(u) if out.urls.len() < cap => {
                            done.loc = u;
                            out.urls.push(done);
                        }
                        Some(_) => out.truncated += 1,
                        None => out.invalid += 1,
                    }
                }
                path.pop();
            }
            Event::Eof => {
                if root.is_none() {
                    return Err(err("no <urlset> or <sitemapindex> element".to_string()));
                }
                if !path.is_empty() {
                    return Err(err(format!("unexpected end inside <{}>", path.join("/"))));
                }
                break;
            }
            _ => {}
        }
    }
    if out.truncated > 0 {
        tracing::warn!(
            "{source_url}: sitemap has more than {cap} entries; {} dropped",
            out.truncated
        );
    }
    Ok(out)
}

fn resolve(base: Option<&Url>, loc: &str) -> Option<String> {
    if loc.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(loc).ok()?,
        None => Url::parse(loc).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NEWS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://herald.corvia.example/2026/03/04/dam-report?ref=a&amp;b=2</loc>
    <lastmod>2026-03-04T09:00:00Z</lastmod>
    <image:image><image:loc>https://img.corvia.example/dam.jpg</image:loc></image:image>
    <news:news>
      <news:publication><news:name>Corvia Herald</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-03-04T08:30:00+01:00</news:publication_date>
      <news:title>Dam report finds &lt;minor&gt; cracks</news:title>
    </news:news>
  </url>
  <url>
    <loc> https://herald.corvia.example/2026/03/03/market </loc>
  </url>
  <url><loc>mailto:desk@corvia.example</loc></url>
</urlset>"#;

    const INDEX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://herald.corvia.example/sitemaps/news.xml</loc><lastmod>2026-03-04</lastmod></sitemap>
  <sitemap><loc>/sitemaps/2026-03.xml.gz</loc></sitemap>
</sitemapindex>"#;

    const SRC: &str = "https://herald.corvia.example/sitemap.xml";

    #[test]
    fn urlset_with_news_tags() {
        let s = parse_sitemap(NEWS.as_bytes(), SRC).unwrap();
        assert!(s.sitemaps.is_empty());
        assert_eq!(s.urls.len(), 2);
        assert_eq!(s.invalid, 1);
        assert_eq!(s.truncated, 0);
        let a = &s.urls[0];
        assert_eq!(
            a.loc,
            "https://herald.corvia.example/2026/03/04/dam-report?ref=a&b=2"
        );
        assert_eq!(a.lastmod.as_deref(), Some("2026-03-04T09:00:00Z"));
        assert_eq!(
            a.news_title.as_deref(),
            Some("Dam report finds <minor> cracks")
        );
        assert_eq!(
            a.news_published.as_deref(),
            Some("2026-03-04T08:30:00+01:00")
        );
        let b = &s.urls[1];
        assert_eq!(b.loc, "https://herald.corvia.example/2026/03/03/market");
        assert_eq!(b.lastmod, None);
        assert_eq!(b.news_title, None);
    }

    #[test]
    fn sitemap_index() {
        let s = parse_sitemap(INDEX.as_bytes(), SRC).unwrap();
        assert!(s.urls.is_empty());
        assert_eq!(
            s.sitemaps,
            vec![
                "https://herald.corvia.example/sitemaps/news.xml".to_string(),
                "https://herald.corvia.example/sitemaps/2026-03.xml.gz".to_string(),
            ]
        );
    }

    #[test]
    fn gzipped_sitemap() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(NEWS.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        let s = parse_sitemap(&bytes, SRC).unwrap();
        assert_eq!(s, parse_sitemap(NEWS.as_bytes(), SRC).unwrap());
        // Broken gzip is an error, not a panic.
        let err = parse_sitemap(&bytes[..bytes.len() / 2], SRC).unwrap_err();
        assert!(err.to_string().contains("gzip"), "{err}");
    }

    #[test]
    fn cap_is_reported() {
        let mut xml = String::from("<urlset>");
        for i in 0..7 {
            xml.push_str(&format!("<url><loc>https://a.example/{i}</loc></url>"));
        }
        xml.push_str("</urlset>");
        let s = parse_with_cap(xml.as_bytes(), SRC, 5).unwrap();
        assert_eq!(s.urls.len(), 5);
        assert_eq!(s.truncated, 2);
        assert_eq!(s.urls[4].loc, "https://a.example/4");
    }

    #[test]
    fn malformed_sitemaps_are_errors() {
        for bad in [
            "<urlset><url><loc>https://a.example/</loc></url>",
            "<urlset><url><loc>https://a.example/</lastmod></url></urlset>",
            "<html><body>hello</body></html>",
            "just text",
            "",
        ] {
            let err = parse_sitemap(bad.as_bytes(), SRC).unwrap_err();
            let text = err.to_string();
            assert!(
                text.starts_with("https://herald.corvia.example/sitemap.xml: cannot parse sitemap"),
                "{text}"
            );
            assert!(!text.contains('\n'));
        }
        assert_eq!(
            parse_sitemap(b"<urlset/>", SRC).unwrap(),
            Sitemap::default()
        );
    }
}
