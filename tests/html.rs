//! The HTML report (`analyze --format html`): one self-contained file with
//! every piece of article text escaped, checked as text and in headless
//! Chromium. The browser tests print a skip message and pass when Chromium (or
//! chromedriver) is missing, unless `PARALLAX_REQUIRE_BROWSER=1` (CI sets it
//! after `scripts/install-chromium.sh`).

mod common;

use common::{chromium, require_browser, run_for, works};

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_parallax");

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo")
}

/// The demo corpus plus one invented outlet that reruns a demo wire story
/// nearly word for word (so the story has text reuse to draw) and adds a
/// reader's note full of markup that must show up as text.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(demo_dir()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let wire = std::fs::read_to_string(demo_dir().join("northwind-wire-bridge.txt")).unwrap();
    let paras: Vec<&str> = wire
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() > 12)
        .take(5)
        .collect();
    let mut text = paras.join("\n\n");
    text.push_str(
        "\n\nA reader asked what our page code looks like. Here it is: \
         <script>alert(\"gotcha\")</script> and <img src=x onerror=boom> & friends.\n",
    );
    let doc = json!({
        "title": "Wire copy: Tidewater <b>Bridge</b> shut",
        "outlet": "Shoreline & Bay Daily",
        "published": "2025-03-15",
        "url": "https://shorelinebay.example/2025/03/15/tidewater-bridge",
        "text": text,
    });
    std::fs::write(
        dir.path().join("shoreline-bay-daily.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
    dir
}

fn analyze(input: &Path, format: &str, out: &Path) {
    let st = Command::new(BIN)
        .args(["analyze", "--quiet", "--format", format, "--out"])
        .arg(out)
        .arg(input)
        .status()
        .unwrap();
    assert!(st.success(), "parallax analyze --format {format} failed");
}

/// The report as HTML and as JSON (for what the page should show).
fn reports(dir: &Path) -> (PathBuf, String, Value) {
    let html = dir.join("report.html");
    let js = dir.join("report.json");
    analyze(&dir.join("in"), "html", &html);
    analyze(&dir.join("in"), "json", &js);
    let page = std::fs::read_to_string(&html).unwrap();
    let rep: Value = serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    (html, page, rep)
}

/// A fresh work dir with the corpus under `in/`.
fn workdir() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let src = corpus();
    std::fs::create_dir(work.path().join("in")).unwrap();
    for entry in std::fs::read_dir(src.path()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, work.path().join("in").join(p.file_name().unwrap())).unwrap();
    }
    work
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The page with every tag removed: what is left is text (still escaped).
/// Article text cannot open a tag here, since its `<` is escaped.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every value of attribute `name` in `html` (double-quoted, as we write them).
fn attr_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest.find('"').map(|e| &rest[..e])
        })
        .collect()
}

#[test]
fn html_report_is_one_self_contained_escaped_file() {
    let work = workdir();
    let (html_path, page, rep) = reports(work.path());
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(page.contains("default-src &#39;none&#39;"));
    // Nothing to fetch: no src attributes, links only inside the page.
    assert!(attr_values(&page, "src").is_empty());
    for h in attr_values(&page, "href") {
        assert!(h.starts_with('#'), "external link {h}");
    }
    assert!(!page.contains("@import") && !page.contains("url(http"));
    assert!(!page.contains("<link"));
    // Our one script and style; the article's markup is text.
    assert_eq!(page.matches("<script").count(), 1);
    assert_eq!(page.matches("<img").count(), 0);
    let text = strip_tags(&page);
    assert!(text.contains("&lt;script&gt;alert(&quot;gotcha&quot;)&lt;/script&gt;"));
    assert!(text.contains("&lt;img src=x onerror=boom&gt; &amp; friends."));
    assert!(page.contains("Wire copy: Tidewater &lt;b&gt;Bridge&lt;/b&gt; shut"));
    assert!(page.contains("Shoreline &amp; Bay Daily"));
    assert!(!page.contains("<b>Bridge"));
    // Every story and every article is on the page.
    for s in rep["stories"].as_array().unwrap() {
        assert!(page.contains(&format!("id=\"story-{}\"", s["id"].as_str().unwrap())));
        let title = s["title"].as_str().unwrap_or("(untitled)");
        assert!(page.contains(&esc(title)), "title {title}");
    }
    for a in rep["articles"].as_array().unwrap() {
        assert!(page.contains(&format!("id=\"art-{}\"", a["id"].as_str().unwrap())));
    }
    // Same input, same bytes.
    let again = work.path().join("again.html");
    analyze(&work.path().join("in"), "html", &again);
    assert_eq!(
        std::fs::read(&html_path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn html_report_of_rejected_inputs_is_still_a_page() {
    let work = tempfile::tempdir().unwrap();
    let bad = work.path().join("empty <1>.txt");
    std::fs::write(&bad, "").unwrap();
    let out = work.path().join("r.html");
    analyze(&bad, "html", &out);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("No stories"));
    assert!(page.contains("Rejected inputs"));
    assert!(page.contains("empty &lt;1&gt;.txt"));
}

// ---------------------------------------------------------------- browser

fn skip(what: &str) {
    assert!(
        !require_browser(),
        "{what} not found and PARALLAX_REQUIRE_BROWSER=1 (run scripts/install-chromium.sh)"
    );
    eprintln!("skipping the browser check: {what} not found (scripts/install-chromium.sh)");
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

#[test]
fn chromium_renders_the_report() {
    let Some(browser) = chromium() else {
        return skip("chromium");
    };
    let work = workdir();
    let (html_path, _page, rep) = reports(work.path());
    let mut cmd = Command::new(&browser);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(file_url(&html_path));
    let out = run_for(cmd, 90, &work.path().join("dom.html"));
    assert!(out.status.success(), "chromium failed");
    let dom = String::from_utf8_lossy(&out.stdout);
    // The inline script ran: its CSP hash is right.
    assert!(
        dom.contains("data-js=\"ready\""),
        "the page script did not run"
    );
    let stories = rep["stories"].as_array().unwrap();
    assert!(!stories.is_empty());
    for s in stories {
        let title = s["title"].as_str().unwrap_or("(untitled)");
        // Dumped text nodes escape & < > only.
        let shown = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(dom.contains(&shown), "story title {title} not shown");
    }
    for outlet in [
        "The Harbor Gazette",
        "Metro Ledger",
        "Northwind Wire",
        "Valley Courier",
        "Shoreline &amp; Bay Daily",
    ] {
        assert!(dom.contains(outlet), "outlet {outlet} not shown");
    }
    let quote = stories
        .iter()
        .flat_map(|s| s["quotes"].as_array().unwrap())
        .map(|q| q["text"].as_str().unwrap())
        .next()
        .expect("the demo has quotes");
    assert!(dom.contains(&quote.replace('&', "&amp;")));
    // The markup in the reader's note is text, and only our script exists.
    assert!(strip_tags(&dom).contains("&lt;script&gt;alert(\"gotcha\")&lt;/script&gt;"));
    assert_eq!(dom.matches("<script").count(), 1);
    assert!(!dom.contains("<img"));
    // The wire copy is drawn as an arrow in the provenance graph.
    let reuse: usize = stories
        .iter()
        .map(|s| s["reuse"].as_array().unwrap().len())
        .sum();
    assert!(reuse > 0, "the verbatim wire copy was not found as reuse");
    assert!(dom.contains("<svg class=\"graph\""));
    assert_eq!(dom.matches("<g class=\"edge\"").count(), reuse);
    for h in attr_values(&dom, "href") {
        assert!(h.starts_with('#'), "external link {h}");
    }
    assert!(attr_values(&dom, "src").is_empty());
}

// A minimal WebDriver client: enough to open the page, click and run JS.

struct Driver {
    child: Child,
    port: u16,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        let _ = try_http(self.port, "DELETE", &path, None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn try_http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(90)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let (head_end, length) = loop {
        let n = s.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::other("connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..i]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            break (i + 4, length);
        }
    };
    match length {
        Some(len) => {
            while buf.len() < head_end + len {
                let n = s.read(&mut chunk)?;
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
        }
        None => {
            s.read_to_end(&mut buf)?;
        }
    }
    serde_json::from_slice(&buf[head_end..]).map_err(std::io::Error::other)
}

impl Driver {
    fn start() -> Option<Driver> {
        if !works("chromedriver") {
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut d = Driver {
            child,
            port,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while try_http(port, "GET", "/status", None)
            .ok()
            .and_then(|v| v["value"]["ready"].as_bool())
            != Some(true)
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1400,1000",
        ];
        let mut options = json!({ "args": args });
        if let Ok(b) = std::env::var("PARALLAX_CHROMIUM") {
            options["binary"] = json!(b);
        }
        let caps = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}});
        let v = d.call("POST", "/session", Some(&caps));
        d.session = v["sessionId"].as_str().expect("no session").to_string();
        Some(d)
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let v = try_http(self.port, method, path, body).expect("webdriver request");
        assert!(
            v["value"].get("error").is_none(),
            "webdriver {method} {path}: {v}"
        );
        v["value"].clone()
    }

    fn at(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn js(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            &self.at("/execute/sync"),
            Some(&json!({"script": script, "args": args})),
        )
    }

    fn elements(&self, css: &str) -> Vec<Value> {
        let v = self.call(
            "POST",
            &self.at("/elements"),
            Some(&json!({"using": "css selector", "value": css})),
        );
        v.as_array().cloned().unwrap_or_default()
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn clicking_a_citation_highlights_the_cited_words() {
    if chromium().is_none() {
        return skip("chromium");
    }
    let Some(d) = Driver::start() else {
        return skip("chromedriver");
    };
    let work = workdir();
    let (html_path, _page, _rep) = reports(work.path());
    d.call(
        "POST",
        &d.at("/url"),
        Some(&json!({"url": file_url(&html_path)})),
    );
    // What a reader sees: the markup of the reader's note as plain text.
    let shown = d.js("return document.body.innerText;", json!([]));
    let shown = shown.as_str().unwrap();
    assert!(shown
        .contains("<script>alert(\"gotcha\")</script> and <img src=x onerror=boom> & friends."));
    assert!(shown.contains("Wire copy: Tidewater <b>Bridge</b> shut"));
    assert_eq!(d.js("return document.scripts.length;", json!([])), json!(1));
    assert_eq!(
        d.js("return document.body.dataset.js;", json!([])),
        json!("ready")
    );
    // Click the first citation of each table or list that has one.
    let mut clicked = 0;
    for css in [
        "ol.summary a.cite",
        "table.quotes a.cite",
        "table.facts a.cite",
        "table.discrepancies a.cite",
        "table.reuse a.cite",
        "ol.timeline a.cite",
    ] {
        let Some(el) = d.elements(css).into_iter().next() else {
            continue;
        };
        let id = el
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .as_str()
            .unwrap()
            .to_string();
        // Hovering tints the cited words.
        let moved = json!({"actions": [{"type": "pointer", "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "x": 0, "y": 0, "origin": el}]}]});
        d.call("POST", &d.at("/actions"), Some(&moved));
        let hovered = d.js(
            "return document.querySelectorAll('[data-r~=\"' + arguments[0].getAttribute('data-cite') + '\"].hover').length;",
            json!([el]),
        );
        assert!(hovered.as_u64().unwrap() > 0, "{css}: hover shows nothing");
        d.call(
            "POST",
            &d.at(&format!("/element/{id}/click")),
            Some(&json!({})),
        );
        let got = d.js(
            "var c = arguments[0]; var act = document.querySelectorAll('.active');\
             var first = act.length ? act[0].getBoundingClientRect() : null;\
             return {key: document.body.dataset.activeCite, want: c.getAttribute('data-cite'),\
                     title: c.title, n: act.length,\
                     text: Array.prototype.map.call(act, function (e) { return e.textContent; }).join(''),\
                     visible: first !== null && first.bottom > 0 && first.top < window.innerHeight};",
            json!([el]),
        );
        assert_eq!(got["key"], got["want"], "{css}: {got}");
        assert!(got["n"].as_u64().unwrap() > 0, "{css}: nothing highlighted");
        assert!(
            got["visible"].as_bool().unwrap(),
            "{css}: not scrolled into view"
        );
        let title = got["title"].as_str().unwrap();
        let text = got["text"].as_str().unwrap();
        // The tooltip holds the cited words (clipped when long); the
        // highlight covers exactly them.
        match title.strip_suffix('…') {
            Some(head) => assert!(squash(text).starts_with(&squash(head)), "{css}: {got}"),
            None => assert_eq!(squash(text), squash(title), "{css}: {got}"),
        }
        eprintln!("clicked {css}: {} piece(s) highlighted", got["n"]);
        clicked += 1;
    }
    assert!(clicked >= 3, "too few citations to click ({clicked})");
}
