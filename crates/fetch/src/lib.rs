//! Parallax's sources beyond local files: web pages, feeds, sitemaps and
//! web archives.
//!
//! This crate only *gets* bytes and unpacks containers; turning a body into
//! articles stays with `parallax_ingest::read_bytes`, so a page read from the
//! web, from a WARC or from disk goes through exactly the same extraction.
//!
//! - [`http`]: a blocking [`Fetcher`] that is polite (robots.txt, a per-host
//!   rate limit, an honest user agent) and bounded (whole-request timeout,
//!   body size cap, few redirects), with conditional GET so that watching a
//!   feed costs a 304 when nothing changed.
//! - [`feed`]: RSS/Atom/JSON Feed to [`FeedItem`]s with absolute links.
//! - [`sitemap`]: `<urlset>` (with Google News tags) and `<sitemapindex>`.
//! - [`mod@warc`]: 2xx pages out of `.warc` / `.warc.gz` files.
//!
//! Every error names its input (URL or file) on one line, and bad input
//! never panics.

pub mod feed;
pub mod http;
pub mod sitemap;
pub mod warc;

pub use crate::feed::{parse_feed, FeedError, FeedItem};
pub use crate::http::{Accept, FetchError, FetchOptions, Fetched, Fetcher, Page, Validators};
pub use crate::sitemap::{parse_sitemap, Sitemap, SitemapError, SitemapUrl, MAX_SITEMAP_URLS};
pub use crate::warc::{read_warc, read_warc_bytes, WarcDoc, WarcError, WarcRecords};
