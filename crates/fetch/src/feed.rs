//! RSS, Atom and JSON Feed parsing into a flat list of items.
//!
//! A feed tells us which articles exist; the article bodies themselves are
//! fetched separately. We keep only what helps that step: a resolved link,
//! a stable id, title, date, authors and whatever HTML the feed carried.

use serde::{Deserialize, Serialize};
use url::Url;

/// One entry of a feed, in feed order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedItem {
    /// Absolute http(s) link to the article (the entry's alternate link,
    /// resolved against the feed URL).
    pub url: Option<String>,
    /// The entry's id (guid / atom:id), or one derived from link and title.
    pub id: String,
    pub title: Option<String>,
    /// Publication (else update) time, RFC 3339.
    pub published: Option<String>,
    pub author: Vec<String>,
    /// Full content if the feed has it, else the summary.
    pub content_html: Option<String>,
}

/// A feed that could not be parsed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{url}: cannot parse feed: {reason}")]
pub struct FeedError {
    pub url: String,
    pub reason: String,
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Resolve `href` against `base` and keep it only if it is absolute http(s).
fn absolute(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The entry's article link: an alternate (or rel-less) link first, then any
/// link that is not the feed itself or an attachment, then a URL-shaped id.
fn pick_link(entry: &feed_rs::model::Entry, base: Option<&Url>) -> Option<String> {
    let rel =
        |l: &feed_rs::model::Link| l.rel.as_deref().unwrap_or("alternate").to_ascii_lowercase();
    let preferred = entry.links.iter().filter(|l| rel(l) == "alternate");
    let others = entry.links.iter().filter(|l| {
        !matches!(
            rel(l).as_str(),
            "alternate" | "self" | "enclosure" | "edit" | "replies"
        )
    });
    preferred
        .chain(others)
        .find_map(|l| absolute(base, &l.href))
        .or_else(|| {
            let id = entry.id.trim();
            if id.starts_with("http://") || id.starts_with("https://") {
                absolute(None, id)
            } else {
                None
            }
        })
}

/// Parse an RSS 0.9–2.0, Atom or JSON feed. `source_url` names the feed in
/// errors and is the base for relative links.
pub fn parse_feed(bytes: &[u8], source_url: &str) -> Result<Vec<FeedItem>, FeedError> {
    let err = |reason: String| FeedError {
        url: source_url.to_string(),
        reason: reason.replace(['\n', '\r'], " "),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(err("empty document".to_string()));
    }
    let base = Url::parse(source_url).ok();
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_ref().map(Url::as_str))
        .build();
    let feed = parser.parse(bytes).map_err(|e| err(e.to_string()))?;
    let items = feed
        .entries
        .into_iter()
        .map(|entry| {
            let url = pick_link(&entry, base.as_ref());
            let content_html = entry
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .and_then(nonempty)
                .or_else(|| entry.summary.as_ref().and_then(|t| nonempty(&t.content)));
            FeedItem {
                url,
                id: entry.id.trim().to_string(),
                title: entry.title.as_ref().and_then(|t| nonempty(&t.content)),
                published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
                author: entry
                    .authors
                    .iter()
                    .filter_map(|p| {
                        p.name
                            .as_deref()
                            .and_then(nonempty)
                            .or_else(|| p.email.as_deref().and_then(nonempty))
                    })
                    .collect(),
                content_html,
            }
        })
        .collect();
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Valdoria Evening Post</title>
  <link>https://post.valdoria.example/</link>
  <item>
    <title>Harbour bridge reopens after storm repairs</title>
    <link>/2026/03/bridge-reopens</link>
    <guid isPermaLink="false">vep-1001</guid>
    <pubDate>Tue, 03 Mar 2026 10:15:00 +0100</pubDate>
    <dc:creator>Mira Castell</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The bridge reopened on Tuesday.</p>]]></content:encoded>
  </item>
  <item>
    <title>Council delays tram vote</title>
    <guid>https://post.valdoria.example/2026/03/tram-vote</guid>
    <description>&lt;p&gt;The vote moves to April.&lt;/p&gt;</description>
  </item>
</channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northmarch Ledger</title>
  <id>urn:ledger:feed</id>
  <updated>2026-03-04T08:00:00Z</updated>
  <entry>
    <title>Grain prices ease in the north</title>
    <id>urn:ledger:2001</id>
    <link rel="self" href="/api/entries/2001"/>
    <link rel="alternate" type="text/html" href="articles/grain-prices"/>
    <published>2026-03-04T07:30:00Z</published>
    <updated>2026-03-04T07:45:00Z</updated>
    <author><name>Teodor Brask</name></author>
    <author><name>Ana Quell</name></author>
    <summary>Prices fell for a third week.</summary>
  </entry>
  <entry>
    <title>Ferry strike ends</title>
    <id>urn:ledger:2002</id>
    <link href="https://ledger.northmarch.example/articles/ferry"/>
    <updated>2026-03-03T18:00:00Z</updated>
    <content type="html">&lt;p&gt;Crews return Monday.&lt;/p&gt;</content>
  </entry>
</feed>"#;

    #[test]
    fn rss_items_in_order_with_resolved_links() {
        let items = parse_feed(
            RSS.as_bytes(),
            "https://post.valdoria.example/feeds/main.xml",
        )
        .unwrap();
        assert_eq!(items.len(), 2);
        let a = &items[0];
        assert_eq!(
            a.url.as_deref(),
            Some("https://post.valdoria.example/2026/03/bridge-reopens")
        );
        assert_eq!(a.id, "vep-1001");
        assert_eq!(
            a.title.as_deref(),
            Some("Harbour bridge reopens after storm repairs")
        );
        assert_eq!(a.published.as_deref(), Some("2026-03-03T09:15:00+00:00"));
        assert_eq!(a.author, vec!["Mira Castell".to_string()]);
        assert_eq!(
            a.content_html.as_deref(),
            Some("<p>The bridge reopened on Tuesday.</p>")
        );
        let b = &items[1];
        assert_eq!(
            b.url.as_deref(),
            Some("https://post.valdoria.example/2026/03/tram-vote")
        );
        assert_eq!(b.title.as_deref(), Some("Council delays tram vote"));
        assert_eq!(b.published, None);
        assert_eq!(
            b.content_html.as_deref(),
            Some("<p>The vote moves to April.</p>")
        );
    }

    #[test]
    fn atom_prefers_alternate_link_and_resolves_it() {
        let items = parse_feed(
            ATOM.as_bytes(),
            "https://ledger.northmarch.example/feeds/atom.xml",
        )
        .unwrap();
        assert_eq!(items.len(), 2);
        let a = &items[0];
        assert_eq!(
            a.url.as_deref(),
            Some("https://ledger.northmarch.example/feeds/articles/grain-prices")
        );
        assert_eq!(a.id, "urn:ledger:2001");
        assert_eq!(a.published.as_deref(), Some("2026-03-04T07:30:00+00:00"));
        assert_eq!(
            a.author,
            vec!["Teodor Brask".to_string(), "Ana Quell".to_string()]
        );
        assert_eq!(
            a.content_html.as_deref(),
            Some("Prices fell for a third week.")
        );
        let b = &items[1];
        assert_eq!(
            b.url.as_deref(),
            Some("https://ledger.northmarch.example/articles/ferry")
        );
        assert_eq!(b.published.as_deref(), Some("2026-03-03T18:00:00+00:00"));
        assert_eq!(
            b.content_html.as_deref(),
            Some("<p>Crews return Monday.</p>")
        );
    }

    #[test]
    fn json_feed() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Ostmark Daily",
          "items":[{"id":"od-7","url":"https://daily.ostmark.example/p/7","title":"Dam inspection passes",
          "content_html":"<p>Inspectors signed off.</p>","date_published":"2026-03-02T12:00:00Z"}]}"#;
        let items = parse_feed(json.as_bytes(), "https://daily.ostmark.example/feed.json").unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(
            items[0].url.as_deref(),
            Some("https://daily.ostmark.example/p/7")
        );
        assert_eq!(
            items[0].content_html.as_deref(),
            Some("<p>Inspectors signed off.</p>")
        );
        assert_eq!(
            items[0].published.as_deref(),
            Some("2026-03-02T12:00:00+00:00")
        );
    }

    #[test]
    fn malformed_feeds_are_one_line_errors_naming_the_source() {
        let src = "https://bad.example/feed";
        for bytes in [
            &b"<rss version=\"2.0\"><channel><item><title>x</item></channel>"[..],
            b"<html><body>not a feed</body></html>",
            b"",
            b"\x00\x01\x02",
        ] {
            let err = parse_feed(bytes, src).unwrap_err();
            let text = err.to_string();
            assert!(
                text.starts_with("https://bad.example/feed: cannot parse feed"),
                "{text}"
            );
            assert!(!text.contains('\n'), "{text}");
        }
    }

    #[test]
    fn same_input_same_output() {
        let a = parse_feed(RSS.as_bytes(), "https://post.valdoria.example/f").unwrap();
        let b = parse_feed(RSS.as_bytes(), "https://post.valdoria.example/f").unwrap();
        assert_eq!(a, b);
    }
}
