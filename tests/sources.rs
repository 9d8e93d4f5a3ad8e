//! `parallax add` and `watch` on sources other than local files: a feed, a
//! sitemap and pages served by a local HTTP server on 127.0.0.1 (robots.txt,
//! conditional GET, bad statuses and content types, a slow page, a huge
//! page), and WARC files written here. No outside network.

mod common;

use common::run;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn lines(out: &Output, kind: &str) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with(&format!("{kind}\t")))
        .map(str::to_string)
        .collect()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"Lantern Gazette\">\
         <meta property=\"article:published_time\" content=\"2031-03-02T08:00:00Z\"></head>\
         <body><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

fn para(topic: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} on the {topic}: the harbor pilots of Corvane said the {topic} \
                 would keep the night ferries tied up until the tide tables were redrawn, and \
                 \"we will not sail blind,\" pilot Anouk Serrat told the Lantern Gazette.</p>"
            )
        })
        .collect()
}

/// Requests seen by the server: (path, if-none-match header).
type Log = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A tiny HTTP/1.1 server with canned routes; returns its base URL.
fn serve(routes: HashMap<String, (u16, &'static str, Vec<u8>)>, log: Log) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = Arc::new(routes);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = routes.clone();
            let log = log.clone();
            std::thread::spawn(move || handle(stream, &routes, &log));
        }
    });
    base
}

fn handle(
    mut stream: TcpStream,
    routes: &HashMap<String, (u16, &'static str, Vec<u8>)>,
    log: &Log,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut inm = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("if-none-match:") {
            inm = Some(v.trim().to_string());
        }
    }
    log.lock().unwrap().push((path.clone(), inm.clone()));
    if path == "/slow" {
        std::thread::sleep(Duration::from_secs(5));
    }
    let (status, ctype, body) = match routes.get(&path) {
        Some(r) => r.clone(),
        None => (404, "text/plain", b"not found".to_vec()),
    };
    let etag = format!("\"v{}\"", body.len());
    if inm.as_deref() == Some(etag.as_str()) {
        let _ = stream.write_all(
            b"HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    }
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nETag: {etag}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
}

fn fixture_server(log: Log) -> String {
    let mut r: HashMap<String, (u16, &'static str, Vec<u8>)> = HashMap::new();
    let html = "text/html; charset=utf-8";
    r.insert(
        "/robots.txt".into(),
        (
            200,
            "text/plain",
            b"User-agent: *\nDisallow: /private/\n".to_vec(),
        ),
    );
    r.insert(
        "/news/pilots".into(),
        (
            200,
            html,
            page(
                "Corvane pilots halt night ferries",
                &para("pilot strike", 4),
            )
            .into_bytes(),
        ),
    );
    r.insert(
        "/news/tides".into(),
        (
            200,
            html,
            page(
                "Tide tables to be redrawn at Corvane",
                &para("tide survey", 4),
            )
            .into_bytes(),
        ),
    );
    r.insert(
        "/news/lanterns".into(),
        (
            200,
            html,
            page(
                "Lantern festival moved indoors",
                &para("lantern festival", 4),
            )
            .into_bytes(),
        ),
    );
    r.insert(
        "/private/memo".into(),
        (
            200,
            html,
            page("Internal memo", &para("memo", 3)).into_bytes(),
        ),
    );
    r.insert(
        "/news/logo.png".into(),
        (200, "image/png", vec![0x89, b'P', b'N', b'G', 0, 0, 0, 0]),
    );
    r.insert("/news/huge".into(), (200, html, vec![b'a'; 3 << 20]));
    let feed =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lantern Gazette</title>\
         <item><title>Corvane pilots halt night ferries</title><link>/news/pilots</link><guid>1</guid></item>\
         <item><title>Tide tables to be redrawn</title><link>/news/tides</link><guid>2</guid></item>\
         <item><title>Gone</title><link>/news/gone</link><guid>3</guid></item>\
         <item><title>Memo</title><link>/private/memo</link><guid>4</guid></item>\
         </channel></rss>";
    r.insert(
        "/feed.xml".into(),
        (200, "application/rss+xml", feed.as_bytes().to_vec()),
    );
    r.insert(
        "/broken.xml".into(),
        (
            200,
            "application/rss+xml",
            b"<rss><channel><item><title>cut".to_vec(),
        ),
    );
    let sitemap =
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
        <url><loc>/news/lanterns</loc></url><url><loc>/news/pilots</loc></url></urlset>";
    r.insert(
        "/sitemap.xml".into(),
        (200, "application/xml", sitemap.as_bytes().to_vec()),
    );
    serve(r, log)
}

#[test]
fn feeds_pages_and_bad_responses() {
    let log: Log = Arc::default();
    let base = fixture_server(log.clone());
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("data");
    let d = d.to_str().unwrap();
    let net = [
        "--per-host-interval",
        "0s",
        "--timeout",
        "2s",
        "--max-size",
        "1M",
    ];
    let feed = format!("{base}/feed.xml");
    let mut args = vec!["add", "--data", d];
    args.extend(net);
    let (bad, slow, png, huge, broken) = (
        format!("{base}/nothing-here"),
        format!("{base}/slow"),
        format!("{base}/news/logo.png"),
        format!("{base}/news/huge"),
        format!("{base}/broken.xml"),
    );
    args.extend([
        feed.as_str(),
        bad.as_str(),
        slow.as_str(),
        png.as_str(),
        huge.as_str(),
        broken.as_str(),
    ]);
    let out = run(&args);
    let added = lines(&out, "added");
    let rejected = lines(&out, "rejected");
    assert_eq!(added.len(), 2, "{added:?} {rejected:?}");
    assert!(
        added.iter().any(|l| l.ends_with("/news/pilots")),
        "{added:?}"
    );
    // Each failure is one line naming its input, and the run went on.
    for (what, why) in [
        ("/news/gone", "404"),
        ("/private/memo", "robots.txt"),
        ("/nothing-here", "404"),
        ("/slow", "time"),
        ("/news/logo.png", "image/png"),
        ("/news/huge", "larger"),
        ("/broken.xml", ""),
    ] {
        let line = rejected.iter().find(|l| l.contains(what));
        let line = line.unwrap_or_else(|| panic!("no rejection for {what}: {rejected:?}"));
        assert!(line.to_lowercase().contains(why), "{line}");
        assert_eq!(line.lines().count(), 1);
    }
    assert!(
        !log.lock()
            .unwrap()
            .iter()
            .any(|(p, _)| p == "/private/memo"),
        "robots.txt ignored"
    );

    // A sitemap: the page already held is not fetched again.
    log.lock().unwrap().clear();
    let sitemap = format!("{base}/sitemap.xml");
    let mut args = vec!["add", "--data", d];
    args.extend(net);
    args.push(&sitemap);
    let out = run(&args);
    assert_eq!(
        lines(&out, "added").len(),
        1,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(lines(&out, "duplicate").len(), 1);
    assert!(!log.lock().unwrap().iter().any(|(p, _)| p == "/news/pilots"));

    // watch: the second poll sends the ETag, gets 304 and adds nothing.
    let list = tmp.path().join("feeds.txt");
    std::fs::write(&list, format!("# test feeds\n{feed}\n")).unwrap();
    let mut args = vec!["watch", list.to_str().unwrap(), "--once", "--data", d];
    args.extend(net);
    let first = run(&args);
    assert!(lines(&first, "added").is_empty());
    log.lock().unwrap().clear();
    let second = run(&args);
    assert!(lines(&second, "added").is_empty());
    let seen = log.lock().unwrap().clone();
    let feed_req = seen
        .iter()
        .find(|(p, _)| p == "/feed.xml")
        .expect("feed polled");
    assert!(feed_req.1.is_some(), "no conditional GET: {seen:?}");
    assert!(!seen.iter().any(|(p, _)| p == "/news/pilots"), "{seen:?}");
    let check = run(&["check", "--data", d]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("3 articles"));
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2031-03-02T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_block(status: u16, ctype: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn write_gz(path: &Path, bytes: &[u8]) {
    let f = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap();
}

#[test]
fn warc_files_with_good_and_bad_records() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = Vec::new();
    w.extend(warc_record("warcinfo", "", b"software: test\r\n"));
    w.extend(warc_record(
        "request",
        "https://gazette.example/a",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    w.extend(warc_record(
        "response",
        "https://gazette.example/a",
        &http_block(
            200,
            "text/html",
            &page(
                "Corvane pilots halt night ferries",
                &para("pilot strike", 4),
            ),
        ),
    ));
    w.extend(warc_record(
        "response",
        "https://gazette.example/logo.png",
        &http_block(200, "image/png", "PNG"),
    ));
    w.extend(warc_record(
        "response",
        "https://gazette.example/gone",
        &http_block(404, "text/html", "gone"),
    ));
    w.extend(warc_record(
        "response",
        "https://gazette.example/b",
        &http_block(
            200,
            "text/html",
            &page(
                "Lantern festival moved indoors",
                &para("lantern festival", 4),
            ),
        ),
    ));
    let good = tmp.path().join("crawl.warc.gz");
    write_gz(&good, &w);
    // A truncated file: the last record is cut in the middle.
    let cut = tmp.path().join("cut.warc");
    std::fs::write(&cut, &w[..w.len() - 300]).unwrap();
    let d = tmp.path().join("data");
    let d = d.to_str().unwrap();
    let out = run(&["add", "--data", d, good.to_str().unwrap()]);
    let added = lines(&out, "added");
    let rejected = lines(&out, "rejected");
    assert_eq!(added.len(), 2, "{added:?} {rejected:?}");
    assert!(
        rejected
            .iter()
            .any(|l| l.contains("logo.png") && l.contains("image/png")),
        "{rejected:?}"
    );
    assert!(
        rejected
            .iter()
            .any(|l| l.contains("gone") && l.contains("404")),
        "{rejected:?}"
    );
    // The truncated file: its whole records are duplicates, the cut one is
    // rejected with the file named, and nothing stored is lost.
    let out = run(&["add", "--data", d, cut.to_str().unwrap()]);
    assert_eq!(
        lines(&out, "duplicate").len(),
        1,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let rej = lines(&out, "rejected");
    assert!(rej.iter().any(|l| l.contains("cut.warc")), "{rej:?}");
    let check = run(&["check", "--data", d]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("2 articles"));
    // Not a WARC at all.
    let junk = tmp.path().join("junk.warc");
    std::fs::write(&junk, b"\x00\x01binary junk").unwrap();
    let out = run(&["add", "--data", d, junk.to_str().unwrap()]);
    let rej = lines(&out, "rejected");
    assert_eq!(rej.len(), 1, "{rej:?}");
    assert!(rej[0].contains("junk.warc"));
}
