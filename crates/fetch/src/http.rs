//! A polite, bounded HTTP client for pages, feeds and sitemaps.
//!
//! Every request is capped in time and size, follows a small number of
//! redirects by hand (so robots.txt, the rate limit and the scheme check apply
//! to every hop), waits its turn per host and asks robots.txt first. A caller
//! that keeps the [`Validators`] of a previous fetch gets
//! [`Fetched::NotModified`] instead of the same body again.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use reqwest::header;
use serde::{Deserialize, Serialize};
use texting_robots::Robot;
use url::Url;

/// Largest robots.txt we read; the rest is ignored.
const MAX_ROBOTS_BYTES: u64 = 512 * 1024;

/// How a [`Fetcher`] behaves. Start from `FetchOptions::default()`.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Sent as `User-Agent`; its first word (before `/`) is our robots.txt name.
    pub user_agent: String,
    /// Whole-request budget: connecting, all redirect hops and reading the body.
    pub timeout: Duration,
    /// Budget for opening one connection.
    pub connect_timeout: Duration,
    /// Largest body accepted; a longer (or endless) body is cut and rejected.
    pub max_bytes: u64,
    /// Most redirects followed for one fetch.
    pub max_redirects: usize,
    /// Least time between two requests to the same host.
    pub per_host_interval: Duration,
    /// Ask robots.txt before fetching.
    pub respect_robots: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: "Parallax/0.1 (+https://example.invalid/parallax; news analysis)"
                .to_string(),
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            per_host_interval: Duration::from_secs(1),
            respect_robots: true,
        }
    }
}

/// What a server told us about a body's version, for the next conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    /// True when neither validator is known (a conditional GET is impossible).
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// One fetched body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Final URL after redirects.
    pub url: String,
    pub status: u16,
    /// The `Content-Type` header as sent, if any.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// Validators for the next conditional GET of the same URL.
    pub validators: Validators,
}

/// The outcome of a successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The server answered 304 to our conditional GET: nothing new.
    NotModified,
    Page(Page),
}

/// The kind of body the caller wants; other content types are rejected
/// before the body is read. A missing `Content-Type` is always accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// An HTML or plain-text page.
    Page,
    /// An RSS, Atom or JSON feed (any XML, JSON or text type).
    Feed,
    /// An XML sitemap, possibly gzipped.
    Sitemap,
    /// Anything.
    Any,
}

impl Accept {
    fn header(self) -> &'static str {
        match self {
            Accept::Page => "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
            Accept::Feed => {
                "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
            }
            Accept::Sitemap => "application/xml,text/xml;q=0.9,*/*;q=0.5",
            Accept::Any => "*/*",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Accept::Page => "HTML or text page",
            Accept::Feed => "feed",
            Accept::Sitemap => "sitemap",
            Accept::Any => "body",
        }
    }

    /// Whether a `Content-Type` value fits this kind.
    pub fn allows(self, content_type: Option<&str>) -> bool {
        let Some(ct) = content_type else {
            return true;
        };
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence.is_empty() {
            return true;
        }
        let xml = essence.ends_with("/xml") || essence.ends_with("+xml");
        let json = essence.ends_with("/json") || essence.ends_with("+json");
        match self {
            Accept::Any => true,
            Accept::Page => matches!(
                essence.as_str(),
                "text/html" | "application/xhtml+xml" | "text/plain"
            ),
            // Feeds are often served as text/html or text/plain by careless
            // servers; the feed parser rejects what is not a feed.
            Accept::Feed => xml || json || essence.starts_with("text/"),
            Accept::Sitemap => {
                xml || matches!(
                    essence.as_str(),
                    "text/plain"
                        | "application/gzip"
                        | "application/x-gzip"
                        | "application/octet-stream"
                )
            }
        }
    }
}

/// Why a fetch failed. Display is one line that starts with the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: invalid URL: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("{url}: unsupported scheme {scheme:?} (only http and https)")]
    UnsupportedScheme { url: String, scheme: String },
    #[error("{url}: status {status} {reason}")]
    Status {
        url: String,
        status: u16,
        reason: String,
    },
    #[error("{url}: content type {content_type:?} is not a {expected}")]
    ContentType {
        url: String,
        content_type: String,
        expected: &'static str,
    },
    #[error("{url}: timed out after {}ms", after.as_millis())]
    Timeout { url: String, after: Duration },
    #[error("{url}: cannot connect: {reason}")]
    Connect { url: String, reason: String },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: usize },
    #[error("{url}: redirect loop back to {target}")]
    RedirectLoop { url: String, target: String },
    #[error("{url}: bad redirect: {reason}")]
    BadRedirect { url: String, reason: String },
    #[error("{url}: body larger than {max_bytes} bytes")]
    TooLarge { url: String, max_bytes: u64 },
    #[error("{url}: disallowed by robots.txt")]
    Disallowed { url: String },
    #[error("{url}: {reason}")]
    Http { url: String, reason: String },
    #[error("cannot build the HTTP client: {reason}")]
    Client { reason: String },
}

impl FetchError {
    /// The URL the error is about (the hop that failed), if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            FetchError::InvalidUrl { url, .. }
            | FetchError::UnsupportedScheme { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::ContentType { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::Connect { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::RedirectLoop { url, .. }
            | FetchError::BadRedirect { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::Disallowed { url }
            | FetchError::Http { url, .. } => Some(url),
            FetchError::Client { .. } => None,
        }
    }
}

/// robots.txt verdict for one origin.
enum Robots {
    AllowAll,
    Rules(Arc<Robot>),
}

/// A blocking fetcher. Share one per process (it is `Sync`): it holds the
/// connection pool, the robots.txt cache and the per-host clock.
pub struct Fetcher {
    client: Client,
    opts: FetchOptions,
    robot_name: String,
    robots: Mutex<HashMap<String, Arc<Robots>>>,
    next_slot: Mutex<HashMap<String, Instant>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("opts", &self.opts).finish()
    }
}

static CRYPTO: Once = Once::new();

fn install_crypto_provider() {
    CRYPTO.call_once(|| {
        // Err means another provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Parse a URL and insist on http or https.
fn parse_http_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    check_scheme(&parsed)?;
    Ok(parsed)
}

fn check_scheme(url: &Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(FetchError::UnsupportedScheme {
                url: url.to_string(),
                scheme: other.to_string(),
            })
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::InvalidUrl {
            url: url.to_string(),
            reason: "no host".to_string(),
        });
    }
    Ok(())
}

/// An error and its causes on one line.
fn one_line(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text.replace(['\n', '\r'], " ")
}

fn header_string(resp: &Response, name: header::HeaderName) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Fetcher {
    /// Build a fetcher. Fails only if the TLS/HTTP client cannot be set up.
    pub fn new(opts: FetchOptions) -> Result<Fetcher, FetchError> {
        install_crypto_provider();
        let client = Client::builder()
            .user_agent(opts.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(opts.timeout)
            .connect_timeout(opts.connect_timeout)
            .build()
            .map_err(|e| FetchError::Client {
                reason: one_line(&e),
            })?;
        let robot_name = opts
            .user_agent
            .split(['/', ' '])
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("Parallax")
            .to_string();
        Ok(Fetcher {
            client,
            opts,
            robot_name,
            robots: Mutex::new(HashMap::new()),
            next_slot: Mutex::new(HashMap::new()),
        })
    }

    /// The options this fetcher was built with.
    pub fn options(&self) -> &FetchOptions {
        &self.opts
    }

    /// Fetch any kind of body; see [`Fetcher::fetch_as`].
    pub fn fetch(&self, url: &str, prev: Option<&Validators>) -> Result<Fetched, FetchError> {
        self.fetch_as(url, Accept::Any, prev)
    }

    /// Fetch `url`, expecting a body of kind `accept`. With `prev`, send a
    /// conditional GET and return [`Fetched::NotModified`] on 304.
    pub fn fetch_as(
        &self,
        url: &str,
        accept: Accept,
        prev: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let mut current = parse_http_url(url)?;
        let mut seen = HashSet::new();
        seen.insert(current.as_str().to_string());
        let mut budget = self.opts.timeout;
        let mut hops = 0usize;
        loop {
            if self.opts.respect_robots && !self.robots_allow(&current) {
                return Err(FetchError::Disallowed {
                    url: current.to_string(),
                });
            }
            self.wait_turn(&current);
            let hop_start = Instant::now();
            let deadline = hop_start + budget;
            let mut req = self
                .client
                .get(current.clone())
                .timeout(budget)
                .header(header::ACCEPT, accept.header());
            if let Some(v) = prev {
                if let Some(etag) = &v.etag {
                    req = req.header(header::IF_NONE_MATCH, etag.as_str());
                }
                if let Some(lm) = &v.last_modified {
                    req = req.header(header::IF_MODIFIED_SINCE, lm.as_str());
                }
            }
            let resp = req
                .send()
                .map_err(|e| self.classify(current.as_str(), &e))?;
            let status = resp.status();
            let code = status.as_u16();
            if matches!(code, 301 | 302 | 303 | 307 | 308) {
                hops += 1;
                if hops > self.opts.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        url: url.to_string(),
                        max: self.opts.max_redirects,
                    });
                }
                let location = header_string(&resp, header::LOCATION).ok_or_else(|| {
                    FetchError::BadRedirect {
                        url: current.to_string(),
                        reason: format!("status {code} without a Location header"),
                    }
                })?;
                let next = current
                    .join(&location)
                    .map_err(|e| FetchError::BadRedirect {
                        url: current.to_string(),
                        reason: format!("Location {location:?}: {e}"),
                    })?;
                check_scheme(&next)?;
                if !seen.insert(next.as_str().to_string()) {
                    return Err(FetchError::RedirectLoop {
                        url: url.to_string(),
                        target: next.to_string(),
                    });
                }
                tracing::debug!(from = %current, to = %next, "redirect");
                budget = budget.saturating_sub(hop_start.elapsed());
                if budget.is_zero() {
                    return Err(FetchError::Timeout {
                        url: next.to_string(),
                        after: self.opts.timeout,
                    });
                }
                current = next;
                continue;
            }
            if code == 304 && prev.is_some() {
                return Ok(Fetched::NotModified);
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    url: current.to_string(),
                    status: code,
                    reason: status.canonical_reason().unwrap_or("").to_string(),
                });
            }
            let content_type = header_string(&resp, header::CONTENT_TYPE);
            if !accept.allows(content_type.as_deref()) {
                return Err(FetchError::ContentType {
                    url: current.to_string(),
                    content_type: content_type.unwrap_or_default(),
                    expected: accept.noun(),
                });
            }
            if resp
                .content_length()
                .is_some_and(|n| n > self.opts.max_bytes)
            {
                return Err(FetchError::TooLarge {
                    url: current.to_string(),
                    max_bytes: self.opts.max_bytes,
                });
            }
            let validators = Validators {
                etag: header_string(&resp, header::ETAG),
                last_modified: header_string(&resp, header::LAST_MODIFIED),
            };
            let body = self.read_capped(resp, current.as_str(), self.opts.max_bytes, deadline)?;
            return Ok(Fetched::Page(Page {
                url: current.to_string(),
                status: code,
                content_type,
                body,
                validators,
            }));
        }
    }

    /// Read a body in pieces, stopping past `max` bytes or the deadline.
    fn read_capped(
        &self,
        mut resp: Response,
        url: &str,
        max: u64,
        deadline: Instant,
    ) -> Result<Vec<u8>, FetchError> {
        let mut body = Vec::new();
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            if Instant::now() > deadline {
                return Err(FetchError::Timeout {
                    url: url.to_string(),
                    after: self.opts.timeout,
                });
            }
            let n = match resp.read(&mut buf) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.classify_io(url, &e)),
            };
            if n == 0 {
                return Ok(body);
            }
            if body.len() as u64 + n as u64 > max {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    max_bytes: max,
                });
            }
            body.extend_from_slice(&buf[..n]);
        }
    }

    fn classify(&self, url: &str, e: &reqwest::Error) -> FetchError {
        if e.is_timeout() {
            FetchError::Timeout {
                url: url.to_string(),
                after: self.opts.timeout,
            }
        } else if e.is_connect() {
            FetchError::Connect {
                url: url.to_string(),
                reason: one_line(e),
            }
        } else {
            FetchError::Http {
                url: url.to_string(),
                reason: one_line(e),
            }
        }
    }

    fn classify_io(&self, url: &str, e: &std::io::Error) -> FetchError {
        if e.kind() == std::io::ErrorKind::TimedOut {
            return FetchError::Timeout {
                url: url.to_string(),
                after: self.opts.timeout,
            };
        }
        if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<reqwest::Error>()) {
            return self.classify(url, inner);
        }
        FetchError::Http {
            url: url.to_string(),
            reason: format!("reading the body: {}", one_line(e)),
        }
    }

    /// Sleep until this host may be asked again, and book the next slot.
    fn wait_turn(&self, url: &Url) {
        let interval = self.opts.per_host_interval;
        if interval.is_zero() {
            return;
        }
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let now = Instant::now();
        let slot = {
            let mut slots = self.next_slot.lock().unwrap_or_else(|e| e.into_inner());
            let slot = slots.get(&key).map_or(now, |&next| next.max(now));
            slots.insert(key, slot + interval);
            slot
        };
        let wait = slot.saturating_duration_since(now);
        if !wait.is_zero() {
            tracing::debug!(host = url.host_str().unwrap_or(""), ?wait, "rate limit");
            std::thread::sleep(wait);
        }
    }

    /// Whether robots.txt of the URL's origin lets us fetch it (cached).
    fn robots_allow(&self, url: &Url) -> bool {
        let origin = url.origin().ascii_serialization();
        let cached = self
            .robots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&origin)
            .cloned();
        let robots = match cached {
            Some(r) => r,
            None => {
                let r = Arc::new(self.load_robots(&origin));
                self.robots
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(origin, Arc::clone(&r));
                r
            }
        };
        match &*robots {
            Robots::AllowAll => true,
            Robots::Rules(robot) => robot.allowed(url.as_str()),
        }
    }

    /// Fetch and parse `origin/robots.txt`. Missing (4xx) means allow all;
    /// server errors and network failures also allow all, with a warning.
    fn load_robots(&self, origin: &str) -> Robots {
        let robots_url = format!("{origin}/robots.txt");
        let mut current = match Url::parse(&robots_url) {
            Ok(u) => u,
            Err(_) => return Robots::AllowAll,
        };
        for _ in 0..=self.opts.max_redirects {
            self.wait_turn(&current);
            let start = Instant::now();
            let resp = match self.client.get(current.clone()).send() {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!(
                        "{}: robots.txt unreachable, allowing all: {}",
                        current,
                        one_line(&e)
                    );
                    return Robots::AllowAll;
                }
            };
            let code = resp.status().as_u16();
            if matches!(code, 301 | 302 | 303 | 307 | 308) {
                match header_string(&resp, header::LOCATION).and_then(|l| current.join(&l).ok()) {
                    Some(next) if check_scheme(&next).is_ok() => {
                        current = next;
                        continue;
                    }
                    _ => return Robots::AllowAll,
                }
            }
            if (400..500).contains(&code) {
                return Robots::AllowAll;
            }
            if !resp.status().is_success() {
                tracing::warn!("{current}: robots.txt status {code}, allowing all");
                return Robots::AllowAll;
            }
            let body = match self.read_capped(
                resp,
                current.as_str(),
                MAX_ROBOTS_BYTES,
                start + self.opts.timeout,
            ) {
                Ok(b) => b,
                Err(FetchError::TooLarge { .. }) => {
                    tracing::warn!(
                        "{current}: robots.txt larger than {MAX_ROBOTS_BYTES} bytes, allowing all"
                    );
                    return Robots::AllowAll;
                }
                Err(e) => {
                    tracing::warn!("robots.txt unreadable, allowing all: {e}");
                    return Robots::AllowAll;
                }
            };
            return match Robot::new(&self.robot_name, &body) {
                Ok(robot) => Robots::Rules(Arc::new(robot)),
                Err(e) => {
                    tracing::warn!("{current}: robots.txt unparsable, allowing all: {e}");
                    Robots::AllowAll
                }
            };
        }
        tracing::warn!("{robots_url}: too many robots.txt redirects, allowing all");
        Robots::AllowAll
    }
}

#[cfg(test)]
mod tests;
