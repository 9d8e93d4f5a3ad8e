//! Tests against a tiny canned-response server on 127.0.0.1.

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;

/// One request the test server saw.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
    at: Instant,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Reply {
    Raw(Vec<u8>),
    /// Wait, then send.
    Slow(Duration, Vec<u8>),
    /// A chunked body that never ends.
    Endless,
    /// Headers at once, then one body byte every 100 ms.
    Trickle,
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&log);
                thread::spawn(move || serve_one(stream, &*handler, &log));
            }
        });
        Server { addr, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve_one(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let seen = Seen {
        path,
        headers,
        at: Instant::now(),
    };
    log.lock().unwrap().push(seen.clone());
    let mut out = stream;
    match handler(&seen) {
        Reply::Raw(bytes) => {
            let _ = out.write_all(&bytes);
        }
        Reply::Slow(delay, bytes) => {
            thread::sleep(delay);
            let _ = out.write_all(&bytes);
        }
        Reply::Trickle => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n";
            if out.write_all(head.as_bytes()).is_err() {
                return;
            }
            for _ in 0..100 {
                thread::sleep(Duration::from_millis(100));
                if out.write_all(b"x").and_then(|()| out.flush()).is_err() {
                    return;
                }
            }
        }
        Reply::Endless => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
            if out.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = format!("1000\r\n{}\r\n", "x".repeat(0x1000));
            // Ends when the client hangs up (or after ~400 MB as a backstop).
            for _ in 0..100_000 {
                if out.write_all(chunk.as_bytes()).is_err() {
                    return;
                }
            }
        }
    }
    let _ = out.flush();
}

/// A complete HTTP/1.1 response with Content-Length and Connection: close.
fn resp(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!("HTTP/1.1 {status}\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Raw(bytes)
}

fn html(body: &str) -> Reply {
    resp(
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body.as_bytes(),
    )
}

fn quick_opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        per_host_interval: Duration::ZERO,
        respect_robots: false,
        ..FetchOptions::default()
    }
}

fn fetcher(opts: FetchOptions) -> Fetcher {
    Fetcher::new(opts).expect("client")
}

fn page(result: Result<Fetched, FetchError>) -> Page {
    match result {
        Ok(Fetched::Page(p)) => p,
        other => panic!("expected a page, got {other:?}"),
    }
}

#[test]
fn fetches_a_page_and_sends_user_agent() {
    let server = Server::start(|_| html("<p>Harbour bridge reopens</p>"));
    let f = fetcher(quick_opts());
    let p = page(f.fetch_as(&server.url("/news/1"), Accept::Page, None));
    assert_eq!(p.status, 200);
    assert_eq!(p.body, b"<p>Harbour bridge reopens</p>");
    assert_eq!(p.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(p.url, server.url("/news/1"));
    assert_eq!(p.validators, Validators::default());
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].header("user-agent"),
        Some("Parallax/0.1 (+https://example.invalid/parallax; news analysis)")
    );
}

#[test]
fn status_404_is_an_error_naming_the_url() {
    let server = Server::start(|_| resp("404 Not Found", &[], b"gone"));
    let f = fetcher(quick_opts());
    let url = server.url("/missing");
    let err = f.fetch(&url, None).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), format!("{url}: status 404 Not Found"));
    assert_eq!(err.url(), Some(url.as_str()));
}

#[test]
fn follows_a_redirect_chain_to_the_final_url() {
    let server = Server::start(|s| match s.path.as_str() {
        "/a" => resp("301 Moved Permanently", &[("Location", "/b")], b""),
        "/b" => resp("302 Found", &[("Location", "c?x=1")], b""),
        "/c?x=1" => html("final"),
        _ => resp("404 Not Found", &[], b""),
    });
    let f = fetcher(quick_opts());
    let p = page(f.fetch(&server.url("/a"), None));
    assert_eq!(p.url, server.url("/c?x=1"));
    assert_eq!(p.body, b"final");
    assert_eq!(server.seen().len(), 3);
}

#[test]
fn redirect_loop_and_too_many_redirects_are_errors() {
    let server = Server::start(|s| match s.path.as_str() {
        "/loop1" => resp("302 Found", &[("Location", "/loop2")], b""),
        "/loop2" => resp("302 Found", &[("Location", "/loop1")], b""),
        p if p.starts_with("/hop") => {
            let n: u32 = p[4..].parse().unwrap_or(0);
            let next = format!("/hop{}", n + 1);
            resp(
                "307 Temporary Redirect",
                &[("Location", next.as_str())],
                b"",
            )
        }
        _ => resp("404 Not Found", &[], b""),
    });
    let f = fetcher(quick_opts());
    let err = f.fetch(&server.url("/loop1"), None).unwrap_err();
    assert!(matches!(err, FetchError::RedirectLoop { .. }), "{err:?}");
    let err = f.fetch(&server.url("/hop0"), None).unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { max: 5, .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with(&server.url("/hop0")));
}

#[test]
fn redirect_to_another_scheme_is_rejected() {
    let server =
        Server::start(|_| resp("302 Found", &[("Location", "ftp://files.invalid/x")], b""));
    let f = fetcher(quick_opts());
    let err = f.fetch(&server.url("/"), None).unwrap_err();
    assert!(
        matches!(err, FetchError::UnsupportedScheme { .. }),
        "{err:?}"
    );
}

#[test]
fn wrong_content_type_is_rejected_for_a_page() {
    let server = Server::start(|s| match s.path.as_str() {
        "/img" => resp("200 OK", &[("Content-Type", "image/png")], b"\x89PNG"),
        "/pdf" => resp("200 OK", &[("Content-Type", "application/pdf")], b"%PDF"),
        _ => resp(
            "200 OK",
            &[("Content-Type", "application/rss+xml")],
            b"<rss/>",
        ),
    });
    let f = fetcher(quick_opts());
    for path in ["/img", "/pdf", "/feed"] {
        let err = f
            .fetch_as(&server.url(path), Accept::Page, None)
            .unwrap_err();
        assert!(matches!(err, FetchError::ContentType { .. }), "{err:?}");
    }
    // The same bodies are fine when the caller takes anything, and a feed
    // type is fine for a feed.
    page(f.fetch(&server.url("/img"), None));
    page(f.fetch_as(&server.url("/feed"), Accept::Feed, None));
    let err = f
        .fetch_as(&server.url("/pdf"), Accept::Feed, None)
        .unwrap_err();
    assert!(err.to_string().contains("application/pdf"), "{err}");
}

#[test]
fn content_type_rules() {
    assert!(Accept::Page.allows(None));
    assert!(Accept::Page.allows(Some("TEXT/HTML; charset=ISO-8859-1")));
    assert!(!Accept::Page.allows(Some("application/json")));
    assert!(Accept::Feed.allows(Some("application/atom+xml")));
    assert!(Accept::Feed.allows(Some("application/feed+json")));
    assert!(!Accept::Feed.allows(Some("image/jpeg")));
    assert!(Accept::Sitemap.allows(Some("application/x-gzip")));
    assert!(!Accept::Sitemap.allows(Some("text/html")));
    assert!(Accept::Any.allows(Some("video/mp4")));
}

#[test]
fn body_larger_than_max_bytes_is_cut() {
    let big = vec![b'a'; 5000];
    let server = Server::start(move |s| match s.path.as_str() {
        "/endless" => Reply::Endless,
        "/nolength" => {
            let mut raw =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n".to_vec();
            raw.extend_from_slice(&big);
            Reply::Raw(raw)
        }
        _ => resp("200 OK", &[("Content-Type", "text/html")], &big),
    });
    let f = fetcher(FetchOptions {
        max_bytes: 1000,
        ..quick_opts()
    });
    for path in ["/big", "/nolength", "/endless"] {
        let started = Instant::now();
        let err = f.fetch(&server.url(path), None).unwrap_err();
        assert!(
            matches!(
                err,
                FetchError::TooLarge {
                    max_bytes: 1000,
                    ..
                }
            ),
            "{path}: {err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3), "{path}");
    }
    // Exactly at the cap is fine.
    let f = fetcher(FetchOptions {
        max_bytes: 5000,
        ..quick_opts()
    });
    assert_eq!(page(f.fetch(&server.url("/big"), None)).body.len(), 5000);
}

#[test]
fn slow_server_times_out() {
    let server = Server::start(|s| match s.path.as_str() {
        "/trickle" => Reply::Trickle,
        _ => Reply::Slow(
            Duration::from_millis(1500),
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec(),
        ),
    });
    let f = fetcher(FetchOptions {
        timeout: Duration::from_millis(300),
        ..quick_opts()
    });
    let started = Instant::now();
    let err = f.fetch(&server.url("/slow"), None).unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1400));
    // The budget covers the body too: a trickling body is cut.
    let started = Instant::now();
    let err = f.fetch(&server.url("/trickle"), None).unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1400));
}

#[test]
fn connect_failure_and_bad_urls() {
    // Bind then drop a listener so the port is (almost certainly) closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let f = fetcher(quick_opts());
    let err = f
        .fetch(&format!("http://127.0.0.1:{port}/x"), None)
        .unwrap_err();
    assert!(matches!(err, FetchError::Connect { .. }), "{err:?}");
    let err = f.fetch("not a url", None).unwrap_err();
    assert!(matches!(err, FetchError::InvalidUrl { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("not a url: invalid URL"),
        "{err}"
    );
    let err = f.fetch("file:///etc/hostname", None).unwrap_err();
    assert!(
        matches!(err, FetchError::UnsupportedScheme { .. }),
        "{err:?}"
    );
    let err = f.fetch("ftp://example.invalid/a", None).unwrap_err();
    assert!(
        matches!(err, FetchError::UnsupportedScheme { .. }),
        "{err:?}"
    );
}

#[test]
fn robots_txt_disallow_is_respected_and_cached() {
    let server = Server::start(|s| {
        match s.path.as_str() {
        "/robots.txt" => resp(
            "200 OK",
            &[("Content-Type", "text/plain")],
            b"User-agent: *\nDisallow: /private/\n\nUser-agent: parallax\nDisallow: /no-parallax/\n",
        ),
        _ => html("ok"),
    }
    });
    let f = fetcher(FetchOptions {
        respect_robots: true,
        ..quick_opts()
    });
    page(f.fetch(&server.url("/public/1"), None));
    let err = f.fetch(&server.url("/no-parallax/2"), None).unwrap_err();
    assert!(matches!(err, FetchError::Disallowed { .. }), "{err:?}");
    assert!(err.to_string().ends_with("disallowed by robots.txt"));
    page(f.fetch(&server.url("/private/3"), None));
    let robots_hits = server
        .seen()
        .iter()
        .filter(|s| s.path == "/robots.txt")
        .count();
    assert_eq!(robots_hits, 1);
    // Without robots, the same URL is fetched.
    let f = fetcher(quick_opts());
    page(f.fetch(&server.url("/no-parallax/2"), None));
}

#[test]
fn missing_or_broken_robots_allows_all() {
    let server = Server::start(|s| match s.path.as_str() {
        "/robots.txt" => resp("404 Not Found", &[], b""),
        _ => html("ok"),
    });
    let f = fetcher(FetchOptions {
        respect_robots: true,
        ..quick_opts()
    });
    page(f.fetch(&server.url("/x"), None));
    let server = Server::start(|s| match s.path.as_str() {
        "/robots.txt" => resp("503 Service Unavailable", &[], b""),
        _ => html("ok"),
    });
    page(f.fetch(&server.url("/y"), None));
}

#[test]
fn conditional_get_round_trip() {
    let server = Server::start(|s| {
        let etag = "\"v7\"";
        if s.header("if-none-match") == Some(etag) {
            Reply::Raw(b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_vec())
        } else {
            resp(
                "200 OK",
                &[
                    ("Content-Type", "application/rss+xml"),
                    ("ETag", etag),
                    ("Last-Modified", "Tue, 03 Mar 2026 10:00:00 GMT"),
                ],
                b"<rss/>",
            )
        }
    });
    let f = fetcher(quick_opts());
    let url = server.url("/feed.xml");
    let first = page(f.fetch_as(&url, Accept::Feed, None));
    assert_eq!(first.validators.etag.as_deref(), Some("\"v7\""));
    assert_eq!(
        first.validators.last_modified.as_deref(),
        Some("Tue, 03 Mar 2026 10:00:00 GMT")
    );
    let json = serde_json::to_string(&first.validators).unwrap();
    let back: Validators = serde_json::from_str(&json).unwrap();
    assert_eq!(back, first.validators);
    let second = f.fetch_as(&url, Accept::Feed, Some(&back)).unwrap();
    assert_eq!(second, Fetched::NotModified);
    let seen = server.seen();
    assert_eq!(seen[1].header("if-none-match"), Some("\"v7\""));
    assert_eq!(
        seen[1].header("if-modified-since"),
        Some("Tue, 03 Mar 2026 10:00:00 GMT")
    );
    // Stale validators get the full body again.
    let stale = Validators {
        etag: Some("\"v6\"".into()),
        last_modified: None,
    };
    page(f.fetch_as(&url, Accept::Feed, Some(&stale)));
}

#[test]
fn requests_to_one_host_are_spaced_by_the_interval() {
    let server = Server::start(|_| html("ok"));
    let interval = Duration::from_millis(250);
    let f = fetcher(FetchOptions {
        per_host_interval: interval,
        ..quick_opts()
    });
    let before_first = Instant::now();
    page(f.fetch(&server.url("/1"), None));
    page(f.fetch(&server.url("/2"), None));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    // The second request cannot reach the server before the first was
    // started plus one interval.
    assert!(seen[1].at.duration_since(before_first) >= interval);
    // Another host (localhost vs 127.0.0.1) has its own clock: no wait.
    let other = server.url("/3").replace("127.0.0.1", "localhost");
    let started = Instant::now();
    page(f.fetch(&other, None));
    assert!(started.elapsed() < interval);
}
