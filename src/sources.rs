//! Where `parallax add` and `watch` get documents: local files and
//! directories (through `parallax-ingest`), WARC files, RSS/Atom/JSON feeds,
//! sitemaps and http(s) URLs (through `parallax-fetch`). Every failure
//! becomes a rejection that names the input; nothing stops the run.
//!
//! Documents are handed to a sink one at a time, so a large WARC file or
//! feed never sits in memory whole. Pages whose URL the collection already
//! holds are not fetched again: they are reported as duplicates.

use anyhow::Result;
use parallax_core::{normalize_url, BodyKind, Metadata, RawDoc, Rejected};
use parallax_fetch::{Accept, FeedItem, Fetched, Fetcher};
use parallax_store::{Store, Validators};
use std::path::Path;
use std::time::Duration;

/// Network settings of the fetching sources.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub per_host_interval: Duration,
    pub timeout: Duration,
    pub respect_robots: bool,
    /// Most pages fetched from one feed or sitemap.
    pub max_items: usize,
    /// Follow a sitemap index this deep.
    pub max_sitemap_depth: usize,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            per_host_interval: Duration::from_secs(1),
            timeout: Duration::from_secs(20),
            respect_robots: true,
            max_items: 500,
            max_sitemap_depth: 2,
        }
    }
}

/// What a source gives: a document to add, or an input the collection
/// already holds (source, id of the stored article).
pub enum Item {
    Doc(Result<RawDoc, Rejected>),
    Known(String, String),
}

/// Turns `add` arguments into documents.
pub struct Sources {
    settings: FetchSettings,
    ingest: parallax_ingest::Options,
    fetcher: Option<Fetcher>,
    /// A read-only view of the collection: which URLs it holds, and the
    /// validators of earlier fetches.
    lookup: Store,
    validators: Vec<(String, Validators)>,
}

type Sink<'a> = dyn FnMut(Item) -> Result<()> + 'a;

fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn reject(source: &str, error: impl std::fmt::Display) -> Item {
    Item::Doc(Err(Rejected {
        source: source.to_string(),
        error: error.to_string(),
    }))
}

/// What a local file holds, by its name.
#[derive(Debug, PartialEq, Eq)]
enum FileKind {
    Warc,
    Feed,
    Other,
}

fn file_kind(name: &str) -> FileKind {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".warc") {
        FileKind::Warc
    } else if lower.ends_with(".rss") || lower.ends_with(".atom") || lower.ends_with(".xml") {
        FileKind::Feed
    } else {
        FileKind::Other
    }
}

/// Whether a body is a feed or a sitemap rather than a page, by its first
/// element (after the XML declaration, comments and a doctype).
fn sniff(body: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return trimmed.contains("jsonfeed.org").then_some("feed");
    }
    let mut rest = trimmed;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
            .collect();
        return match name.as_str() {
            "rss" | "feed" | "rdf:rdf" => Some("feed"),
            "urlset" | "sitemapindex" => Some("sitemap"),
            _ => None,
        };
    }
    None
}

impl Sources {
    pub fn new(
        settings: &FetchSettings,
        ingest: parallax_ingest::Options,
        lookup: Store,
    ) -> Sources {
        Sources {
            settings: settings.clone(),
            ingest,
            fetcher: None,
            lookup,
            validators: Vec::new(),
        }
    }

    fn fetcher(&mut self) -> Result<&Fetcher, String> {
        if self.fetcher.is_none() {
            let opts = parallax_fetch::FetchOptions {
                timeout: self.settings.timeout,
                per_host_interval: self.settings.per_host_interval,
                respect_robots: self.settings.respect_robots,
                max_bytes: self.ingest.max_bytes,
                ..Default::default()
            };
            self.fetcher = Some(Fetcher::new(opts).map_err(|e| e.to_string())?);
        }
        Ok(self.fetcher.as_ref().expect("set above"))
    }

    /// The id of the stored article with this URL, if any.
    fn known(&self, url: &str) -> Option<String> {
        let canon = normalize_url(url);
        self.lookup.id_by_url(&canon).ok().flatten()
    }

    /// Read one argument (a path, a directory or a URL); its documents go to
    /// `sink` one by one.
    pub fn read(&mut self, arg: &str, sink: &mut Sink) -> Result<()> {
        if is_url(arg) {
            return self.read_url(arg, sink, 0);
        }
        for input in parallax_ingest::expand(std::slice::from_ref(&arg.to_string())) {
            let input = match input {
                Ok(i) => i,
                Err(r) => {
                    sink(Item::Doc(Err(r)))?;
                    continue;
                }
            };
            let shown = input.source().to_string();
            let path = match &input {
                parallax_ingest::Input::File { path, .. } => Some(path.clone()),
                parallax_ingest::Input::Stdin => None,
            };
            match (path, file_kind(&shown)) {
                (Some(p), FileKind::Warc) => self.read_warc(&shown, &p, sink)?,
                (Some(p), FileKind::Feed) => self.read_feed_file(&shown, &p, sink)?,
                _ => {
                    for d in parallax_ingest::read_input(&input, &self.ingest) {
                        sink(Item::Doc(d))?;
                    }
                }
            }
        }
        Ok(())
    }

    fn read_warc(&mut self, shown: &str, path: &Path, sink: &mut Sink) -> Result<()> {
        let records = match parallax_fetch::read_warc(path) {
            Ok(r) => r,
            Err(e) => return sink(reject(shown, e)),
        };
        for (n, rec) in records.enumerate() {
            match rec {
                Err(e) => sink(reject(&format!("{shown}#{n}"), e))?,
                Ok(doc) => {
                    let ct = doc.content_type.as_deref().unwrap_or("text/html");
                    if !(ct.contains("html") || ct.starts_with("text/plain")) {
                        sink(reject(
                            &doc.target_uri,
                            format!("{ct} is not an article (in {shown})"),
                        ))?;
                        continue;
                    }
                    if let Some(id) = self.known(&doc.target_uri) {
                        sink(Item::Known(doc.target_uri.clone(), id))?;
                        continue;
                    }
                    self.page_docs(&doc.target_uri, &doc.body, Metadata::default(), sink)?;
                }
            }
        }
        Ok(())
    }

    fn read_feed_file(&mut self, shown: &str, path: &Path, sink: &mut Sink) -> Result<()> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return sink(reject(shown, e)),
        };
        let bytes = match maybe_gunzip(&bytes, self.ingest.max_bytes) {
            Ok(b) => b,
            Err(e) => return sink(reject(shown, e)),
        };
        match sniff(&bytes) {
            Some("sitemap") => match parallax_fetch::parse_sitemap(&bytes, shown) {
                Ok(map) => self.read_sitemap(shown, map, sink, 0),
                Err(e) => sink(reject(shown, e)),
            },
            Some(_) => match parallax_fetch::parse_feed(&bytes, shown) {
                Ok(items) => self.read_items(shown, items, sink),
                Err(e) => sink(reject(shown, e)),
            },
            // An .xml file that is neither: an article (XHTML, plain text).
            None => {
                for d in parallax_ingest::read_bytes(shown, &bytes, &self.ingest) {
                    sink(Item::Doc(d))?;
                }
                Ok(())
            }
        }
    }

    /// Fetch a URL: a page becomes a document; a feed or sitemap is followed.
    fn read_url(&mut self, url: &str, sink: &mut Sink, depth: usize) -> Result<()> {
        if let Some(id) = self.known(url) {
            return sink(Item::Known(url.to_string(), id));
        }
        let prev: Option<parallax_fetch::Validators> = self
            .lookup
            .validators(url)
            .ok()
            .flatten()
            .map(|v| parallax_fetch::Validators {
                etag: v.etag,
                last_modified: v.last_modified,
            });
        let fetched = match self.fetcher() {
            Ok(f) => f.fetch_as(url, Accept::Any, prev.as_ref()),
            Err(e) => return sink(reject(url, e)),
        };
        let page = match fetched {
            Err(e) => return sink(reject(url, e)),
            Ok(Fetched::NotModified) => {
                tracing::info!(%url, "not modified since the last fetch");
                return Ok(());
            }
            Ok(Fetched::Page(p)) => p,
        };
        if let Some(ct) = page.content_type.as_deref() {
            let ct = ct.to_ascii_lowercase();
            let readable = ["html", "text/", "xml", "json", "rss", "atom"];
            if !readable.iter().any(|k| ct.contains(k)) {
                return sink(reject(
                    url,
                    format!("content type {ct} is not an article, feed or sitemap"),
                ));
            }
        }
        match sniff(&page.body) {
            Some(kind) => {
                // Feeds and sitemaps are polled again: remember validators.
                if !page.validators.is_empty() {
                    self.validators.push((
                        url.to_string(),
                        Validators {
                            etag: page.validators.etag.clone(),
                            last_modified: page.validators.last_modified.clone(),
                        },
                    ));
                }
                if kind == "sitemap" {
                    match parallax_fetch::parse_sitemap(&page.body, &page.url) {
                        Ok(map) => self.read_sitemap(url, map, sink, depth),
                        Err(e) => sink(reject(url, e)),
                    }
                } else {
                    match parallax_fetch::parse_feed(&page.body, &page.url) {
                        Ok(items) => self.read_items(url, items, sink),
                        Err(e) => sink(reject(url, e)),
                    }
                }
            }
            None => {
                let meta = Metadata {
                    url: Some(page.url.clone()),
                    ..Default::default()
                };
                self.page_docs(url, &page.body, meta, sink)
            }
        }
    }

    /// A page body (HTML or text) as documents, with `meta` filling gaps.
    fn page_docs(
        &mut self,
        source: &str,
        body: &[u8],
        meta: Metadata,
        sink: &mut Sink,
    ) -> Result<()> {
        // Name the source so that ingest sniffs the body as a page.
        for d in parallax_ingest::read_bytes(source, body, &self.ingest) {
            let d = d.map(|mut d| {
                d.source = source.to_string();
                if d.meta.url.is_none() {
                    d.meta.url = Some(source.to_string());
                }
                d.meta.fill_from(meta.clone());
                d
            });
            sink(Item::Doc(d))?;
        }
        Ok(())
    }

    fn read_items(&mut self, feed: &str, items: Vec<FeedItem>, sink: &mut Sink) -> Result<()> {
        let max = self.settings.max_items;
        if items.len() > max {
            tracing::warn!(%feed, items = items.len(), max, "feed capped");
        }
        for item in items.into_iter().take(max) {
            let meta = Metadata {
                title: item.title.clone(),
                url: item.url.clone(),
                published: item.published.clone(),
                byline: item.author.clone(),
                ..Default::default()
            };
            let source = item
                .url
                .clone()
                .unwrap_or_else(|| format!("{feed}#{}", item.id));
            if let Some(url) = &item.url {
                if let Some(id) = self.known(url) {
                    sink(Item::Known(url.clone(), id))?;
                    continue;
                }
                // Local feed files with full content need no network.
                if let (false, Some(html)) = (is_url(feed), &item.content_html) {
                    sink(Item::Doc(Ok(content_doc(&source, html, meta))))?;
                    continue;
                }
                let fetched = match self.fetcher() {
                    Ok(f) => f.fetch_as(url, Accept::Page, None),
                    Err(e) => return sink(reject(&source, e)),
                };
                match fetched {
                    Ok(Fetched::Page(p)) => self.page_docs(url, &p.body, meta, sink)?,
                    Ok(Fetched::NotModified) => {}
                    // The feed's own copy of the text is better than nothing.
                    Err(e) => match &item.content_html {
                        Some(html) => {
                            tracing::info!(%url, error = %e, "using the feed's content");
                            sink(Item::Doc(Ok(content_doc(&source, html, meta))))?;
                        }
                        None => sink(reject(url, e))?,
                    },
                }
            } else if let Some(html) = &item.content_html {
                sink(Item::Doc(Ok(content_doc(&source, html, meta))))?;
            } else {
                sink(reject(&source, "feed item has neither a link nor content"))?;
            }
        }
        Ok(())
    }

    fn read_sitemap(
        &mut self,
        source: &str,
        map: parallax_fetch::Sitemap,
        sink: &mut Sink,
        depth: usize,
    ) -> Result<()> {
        if map.truncated > 0 || map.invalid > 0 {
            tracing::warn!(%source, truncated = map.truncated, invalid = map.invalid, "sitemap entries skipped");
        }
        if depth < self.settings.max_sitemap_depth {
            for child in map.sitemaps.iter().take(self.settings.max_items) {
                self.read_url(child, sink, depth + 1)?;
            }
        } else if !map.sitemaps.is_empty() {
            sink(reject(source, "sitemap index nested too deep"))?;
        }
        for u in map.urls.iter().take(self.settings.max_items) {
            if let Some(id) = self.known(&u.loc) {
                sink(Item::Known(u.loc.clone(), id))?;
                continue;
            }
            let meta = Metadata {
                title: u.news_title.clone(),
                url: Some(u.loc.clone()),
                published: u.news_published.clone(),
                ..Default::default()
            };
            let fetched = match self.fetcher() {
                Ok(f) => f.fetch_as(&u.loc, Accept::Page, None),
                Err(e) => return sink(reject(&u.loc, e)),
            };
            match fetched {
                Ok(Fetched::Page(p)) => self.page_docs(&u.loc, &p.body, meta, sink)?,
                Ok(Fetched::NotModified) => {}
                Err(e) => sink(reject(&u.loc, e))?,
            }
        }
        Ok(())
    }

    /// Validators learned during the run, to remember in the store.
    pub fn take_validators(&mut self) -> Vec<(String, Validators)> {
        std::mem::take(&mut self.validators)
    }
}

fn content_doc(source: &str, html: &str, meta: Metadata) -> RawDoc {
    RawDoc {
        source: source.to_string(),
        kind: BodyKind::Html,
        body: html.to_string(),
        meta,
    }
}

fn maybe_gunzip(bytes: &[u8], max: u64) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(max + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress: {e}"))?;
    if out.len() as u64 > max {
        return Err(format!("larger than {max} bytes once decompressed"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(file_kind("crawl/CC-NEWS-01.warc.gz"), FileKind::Warc);
        assert_eq!(file_kind("a.WARC"), FileKind::Warc);
        assert_eq!(file_kind("news.rss"), FileKind::Feed);
        assert_eq!(file_kind("sitemap.xml.gz"), FileKind::Feed);
        assert_eq!(file_kind("story.html"), FileKind::Other);
    }

    #[test]
    fn sniffing() {
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Some("feed")
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Some("feed")
        );
        assert_eq!(sniff(b"<urlset xmlns=\"x\"><url>"), Some("sitemap"));
        assert_eq!(sniff(b"<html><body>An article about feeds"), None);
        assert_eq!(sniff(b"<!DOCTYPE html><html><feedback-box>"), None);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><!-- c --><urlset>"),
            Some("sitemap")
        );
        assert_eq!(
            sniff(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            Some("feed")
        );
        assert!(is_url("HTTPS://x.example/a"));
        assert!(!is_url("./http/file.txt"));
    }

    #[test]
    fn gunzip_is_capped() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&[b'a'; 4096]).unwrap();
        let bytes = gz.finish().unwrap();
        assert_eq!(maybe_gunzip(&bytes, 1 << 20).unwrap().len(), 4096);
        assert!(maybe_gunzip(&bytes, 100).is_err());
        assert_eq!(maybe_gunzip(b"plain", 10).unwrap(), b"plain");
    }
}
