//! `parallax serve` end to end: the real binary on 127.0.0.1 with an
//! ephemeral port, over a collection built from invented articles (three
//! outlets on one invented dam repair, one unrelated bake-off whose title
//! carries markup). A tiny HTTP/1.1 client over `std::net::TcpStream` keeps
//! the test free of TLS and async plumbing. The browser test follows
//! tests/html.rs: it skips when Chromium is missing unless
//! `PARALLAX_REQUIRE_BROWSER=1`.

mod common;

use common::{chromium, require_browser, run_for};

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Barrier};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_parallax");
const TOKEN: &str = "test-token-4f1c9a";

// ---------------------------------------------------------------- fixtures

const EVENT: &[(&str, &str, &str, &str, &str)] = &[
    (
        "eldergrove-courier.json",
        "Eldergrove Courier",
        "Marrow Dam spillway repair to close lake road for six weeks",
        "2031-05-12",
        "Crews will begin repairing the cracked spillway of the Marrow Dam on Monday, and the lake road \
         above the dam will close for six weeks, Eldergrove officials said on Sunday.\n\n\
         Mayor Teodora Vance said the repair could not wait for the autumn. \"We found the cracks in \
         April and we are not going to gamble with a spillway that holds back the whole lake,\" Vance \
         said at a meeting in the Eldergrove town hall.\n\n\
         The county engineer, Rafael Oyelaran, said the work would cost 4.2 million dollars and would \
         be paid from the state dam safety fund. \"The concrete is sound below the waterline, the \
         damage is at the lip of the spillway,\" Oyelaran said.\n\n\
         Residents of the north shore will have to drive around the lake through Northgate while the \
         road is closed. The town will run a shuttle bus for schoolchildren.",
    ),
    (
        "marrow-valley-times.json",
        "Marrow Valley Times",
        "Eldergrove closes lake road as Marrow Dam spillway repair begins",
        "2031-05-13",
        "The road across the Marrow Dam closed on Monday as crews started repairing the cracked \
         spillway, cutting the shortest route between Eldergrove and the north shore of the lake for \
         six weeks.\n\n\
         \"We are not going to gamble with a spillway that holds back the whole lake,\" Mayor Teodora \
         Vance told residents at the Eldergrove town hall. Vance said the cracks were found during an \
         inspection in April.\n\n\
         County engineer Rafael Oyelaran put the cost of the spillway repair at 4.2 million dollars, \
         paid by the state dam safety fund. \"The damage is at the lip of the spillway,\" Oyelaran \
         said, adding that the concrete below the waterline is sound.\n\n\
         Drivers from the north shore must detour through Northgate. Eldergrove will run a shuttle bus \
         for schoolchildren until the lake road reopens.",
    ),
    (
        "northgate-bulletin.json",
        "Northgate Bulletin",
        "Detour through Northgate as Marrow Dam lake road shuts for spillway repair",
        "2031-05-13",
        "Northgate expects heavier traffic for six weeks after Eldergrove closed the lake road over \
         the Marrow Dam so crews can repair the cracked spillway.\n\n\
         Eldergrove Mayor Teodora Vance defended the timing of the spillway repair. \"Every week we \
         wait is a week the lake pushes on a cracked spillway,\" Vance said on Monday.\n\n\
         The county engineer, Rafael Oyelaran, said the repair will cost 4.2 million dollars from the \
         state dam safety fund and that the cracks are at the lip of the spillway.\n\n\
         Northgate police will add officers at the lake junction while the Marrow Dam road is closed, \
         and Eldergrove will run a shuttle bus for schoolchildren from the north shore.",
    ),
];

const UNRELATED: (&str, &str, &str, &str, &str) = (
    "pinecrest-weekly.json",
    "Pinecrest Weekly",
    "Rye loaf wins the <script>alert(1)</script> Pinecrest Bake-Off",
    "2031-02-02",
    "A sourdough rye loaf baked by retired ferry captain Ingrid Solberg won the annual Pinecrest \
     Bake-Off on Saturday, beating forty entries in the winter baking contest.\n\n\
     \"The starter is older than my grandchildren,\" Solberg said as the judges handed her the copper \
     whisk trophy. Second place went to a cardamom braid from the Pinecrest high school baking club.",
);

fn article_json(a: &(&str, &str, &str, &str, &str)) -> Value {
    json!({ "outlet": a.1, "title": a.2, "published": a.3, "text": a.4 })
}

/// Builds a collection of the fixtures in `dir/data` with `parallax add`.
fn build_collection(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for a in EVENT.iter().chain([&UNRELATED]) {
        std::fs::write(input.join(a.0), article_json(a).to_string()).unwrap();
    }
    let data = dir.join("data");
    let out = Command::new(BIN)
        .args(["--quiet", "add", "--data"])
        .arg(&data)
        .arg(&input)
        .env_remove("PARALLAX_DATA")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "parallax add failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    data
}

// ---------------------------------------------------------------- server

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `parallax serve` on an ephemeral port and waits for its
/// `listening on http://ADDR` line.
fn serve(data: &Path, token: Option<&str>) -> Server {
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .env_remove("PARALLAX_DATA")
        .env_remove("PARALLAX_API_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(t) = token {
        cmd.env("PARALLAX_API_TOKEN", t);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(addr) = line.strip_prefix("listening on http://") {
                if let Some(tx) = tx.take() {
                    let _ = tx.send(addr.trim().to_string());
                }
            } else {
                eprintln!("[serve] {line}");
            }
        }
    });
    let addr = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(a) => a,
        Err(_) => {
            let _ = child.kill();
            panic!("parallax serve did not start within 60 s");
        }
    };
    Server { child, addr }
}

// ---------------------------------------------------------------- client

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`). The
/// body is written from another thread so that an early answer (413) is
/// read even when the server stops reading.
fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let body = body.to_vec();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&body);
    });
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            // A reset after the whole answer arrived (the server closed
            // without reading an oversize body) ends the answer.
            Err(e) if !raw.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("{method} {path}: {e}"),
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sender.join();
    parse_response(&raw).unwrap_or_else(|| {
        panic!(
            "{method} {path}: malformed answer: {}",
            String::from_utf8_lossy(&raw)
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            let line_end = at + rest[at..].windows(2).position(|w| w == b"\r\n")?;
            let size_text = std::str::from_utf8(&rest[at..line_end]).ok()?;
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            at = line_end + 2;
            if size == 0 {
                break;
            }
            out.extend_from_slice(rest.get(at..at + size)?);
            at += size + 2;
        }
        out
    } else {
        rest.to_vec()
    };
    Some(Resp {
        status,
        headers,
        body,
    })
}

fn get(addr: &str, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

fn get_json(addr: &str, path: &str) -> Value {
    let r = get(addr, path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "GET {path}: not JSON"
    );
    r.json()
}

fn post(addr: &str, token: Option<&str>, body: &[u8]) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    request(addr, "POST", "/api/articles", &headers, body)
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The story of the dam repair (the one with three articles).
fn dam_story(addr: &str) -> Value {
    let list = get_json(addr, "/api/stories");
    list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["size"] == 3)
        .unwrap_or_else(|| panic!("no three-article story in {list}"))
        .clone()
}

// ---------------------------------------------------------------- tests

#[test]
fn api_reads_the_collection() {
    let tmp = tempfile::tempdir().unwrap();
    let data = build_collection(tmp.path());
    let srv = serve(&data, None);
    let a = srv.addr.as_str();

    // Stories: the dam repair (3 articles) and the bake-off (1).
    let list = get_json(a, "/api/stories");
    let stories = list["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2, "{list}");
    let dam = dam_story(a);
    let id = dam["id"].as_str().unwrap();
    assert_eq!(dam["first_day"], "2031-05-12");
    assert_eq!(dam["last_day"], "2031-05-13");
    // The latest news first.
    assert_eq!(stories[0]["id"], dam["id"]);
    let page = get_json(a, "/api/stories?limit=1&offset=1");
    assert_eq!(page["stories"].as_array().unwrap().len(), 1);
    assert_ne!(page["stories"][0]["id"], dam["id"]);

    // Story detail: report entry, articles' metadata, events.
    let detail = get_json(a, &format!("/api/stories/{id}"));
    assert_eq!(detail["id"], id);
    assert_eq!(detail["story"]["id"], id);
    assert!(!detail["story"]["summary"].as_array().unwrap().is_empty());
    let arts = detail["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 3);
    let outlets: Vec<&str> = arts.iter().map(|x| x["outlet"].as_str().unwrap()).collect();
    for o in [
        "Eldergrove Courier",
        "Marrow Valley Times",
        "Northgate Bulletin",
    ] {
        assert!(outlets.contains(&o), "{o} missing from {outlets:?}");
    }
    assert!(
        arts.iter().all(|x| x.get("text").is_none()),
        "metadata only"
    );
    assert!(detail["events"].is_array());

    // One article with its text.
    let aid = arts[0]["id"].as_str().unwrap();
    let art = get_json(a, &format!("/api/articles/{aid}"));
    assert_eq!(art["id"], aid);
    assert_eq!(art["story"], id);
    assert!(art["text"].as_str().unwrap().contains("spillway"));
    let all = get_json(a, "/api/articles?limit=10");
    assert_eq!(all["articles"].as_array().unwrap().len(), 4);

    // Quotes by speaker (last name, any case).
    let q = get_json(a, "/api/quotes?speaker=vance");
    let quotes = q["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty(), "{q}");
    assert!(
        quotes.iter().all(|x| x["speaker"] == "Teodora Vance"),
        "{q}"
    );
    assert!(quotes.iter().any(|x| x["text"]
        .as_str()
        .unwrap()
        .contains("gamble with a spillway")));
    let none = get_json(a, "/api/quotes?speaker=Nobody%20Atall");
    assert!(none["quotes"].as_array().unwrap().is_empty());

    // Entities.
    let e = get_json(a, &format!("/api/entities?story={id}&name=oyelaran"));
    let ents = e["entities"].as_array().unwrap();
    assert!(ents.iter().any(|x| x["name"] == "Rafael Oyelaran"), "{e}");

    // Search finds a quote by the speaker's last name.
    let s = get_json(a, "/api/search?q=gamble&speaker=Vance&kind=quote");
    let hits = s["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{s}");
    assert!(hits
        .iter()
        .all(|h| h["kind"] == "quote" && h["speaker"] == "Teodora Vance" && h["story"] == id));
    let s = get_json(
        a,
        &format!("/api/search?q=shuttle&outlet={}", enc("Northgate Bulletin")),
    );
    assert!(s["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["kind"] == "article" && h["outlet"] == "Northgate Bulletin"));

    // Stats.
    let st = get_json(a, "/api/stats");
    assert_eq!(st["articles"], 4);
    assert_eq!(st["stories"], 2);
    assert_eq!(st["seq"], st["index_seq"]);

    // OpenAPI lists every endpoint.
    let doc = get_json(a, "/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/api/quotes",
        "/api/entities",
        "/api/search",
        "/api/stats",
        "/api/openapi.json",
    ] {
        assert!(
            doc["paths"].get(p).is_some(),
            "{p} not in the OpenAPI document"
        );
    }

    // Errors are JSON with the right status.
    for (path, status) in [
        ("/api/stories/s0000000000000000", 404),
        ("/api/articles/nope", 404),
        ("/api/nothing", 404),
        ("/api/stories?limit=abc", 400),
        ("/api/stories?limit=0", 400),
        ("/api/search?q=x&from=yesterday", 400),
        ("/api/search?kind=video", 400),
    ] {
        let r = get(a, path);
        assert_eq!(r.status, status, "GET {path}: {}", r.text());
        assert!(r.json()["error"].is_string(), "GET {path}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}

#[test]
fn html_pages_are_escaped_and_locked_down() {
    let tmp = tempfile::tempdir().unwrap();
    let data = build_collection(tmp.path());
    let srv = serve(&data, None);
    let a = srv.addr.as_str();
    let dam = dam_story(a);
    let id = dam["id"].as_str().unwrap();

    let home = get(a, "/");
    assert_eq!(home.status, 200);
    let app_csp = home.header("content-security-policy").unwrap().to_string();
    for part in [
        "default-src 'none'",
        "style-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(app_csp.contains(part), "{part} missing from {app_csp}");
    }
    assert!(!app_csp.contains("script-src"), "app pages allow no script");
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(home.header("referrer-policy"), Some("no-referrer"));
    let page = home.text();
    assert!(page.contains(&format!("href=\"/stories/{id}\"")));
    assert!(page.contains("Marrow Dam") || page.contains("Eldergrove"));
    // The bake-off title is shown as text, never as markup.
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>"), "{page}");

    // The stored story page, with its own policy as a header.
    let story = get(a, &format!("/stories/{id}"));
    assert_eq!(story.status, 200);
    assert!(story
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = story.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'sha256-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(story.header("x-content-type-options"), Some("nosniff"));
    let body = story.text();
    let meta_csp = csp
        .trim_end_matches("; frame-ancestors 'none'")
        .replace('\'', "&#39;");
    assert!(
        body.contains(&meta_csp),
        "the header is the page's own policy"
    );

    // An article's clean text.
    let aid = get_json(a, &format!("/api/stories/{id}"))["articles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let art = get(a, &format!("/articles/{aid}"));
    assert_eq!(art.status, 200);
    assert!(art.text().contains("spillway"));
    assert_eq!(
        art.header("content-security-policy"),
        Some(app_csp.as_str())
    );
    let bake = get_json(a, "/api/articles")["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["outlet"] == "Pinecrest Weekly")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let bake_page = get(a, &format!("/articles/{bake}")).text();
    assert!(bake_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!bake_page.contains("<script>"));

    // Search page: a quote with its speaker and links to its story.
    let s = get(a, "/search?q=gamble&speaker=Vance");
    assert_eq!(s.status, 200);
    let s = s.text();
    assert!(s.contains("Teodora Vance"), "{s}");
    assert!(s.contains("gamble with a spillway"), "{s}");
    assert!(s.contains(&format!("href=\"/stories/{id}\"")));
    let s = get(a, "/search?q=%3Cscript%3E").text();
    assert!(
        s.contains("value=\"&lt;script&gt;\""),
        "the query is escaped"
    );
    assert!(!s.contains("<script>"));

    // The style sheet, and HTML errors.
    let css = get(a, "/static/app.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    let missing = get(a, "/stories/s0000000000000000");
    assert_eq!(missing.status, 404);
    assert!(missing
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(get(a, "/no/such/page").status, 404);
    assert_eq!(get(a, "/search?q=x&from=never").status, 400);
}

#[test]
fn adding_needs_the_token() {
    let tmp = tempfile::tempdir().unwrap();
    let data = build_collection(tmp.path());
    let new = json!({
        "outlet": "Lakeside Ledger",
        "title": "Marrow Dam shuttle bus schedule announced",
        "published": "2031-05-14",
        "url": "https://lakeside-ledger.example/marrow-dam-shuttle",
        "text": "Eldergrove published the shuttle bus schedule for schoolchildren from the north shore \
                 while the lake road over the Marrow Dam is closed for the spillway repair. \
                 \"The first bus leaves the north shore at seven,\" said transport clerk Mirela Dufresne.",
    })
    .to_string();

    // Off by default.
    {
        let srv = serve(&data, None);
        let r = post(&srv.addr, Some(TOKEN), new.as_bytes());
        assert!(r.status == 403 || r.status == 404, "{}", r.status);
        assert!(r.json()["error"].is_string());
    }

    let srv = serve(&data, Some(TOKEN));
    let a = srv.addr.as_str();
    // Story details are cached per story: fill the cache before adding.
    let dam_id = dam_story(a)["id"].as_str().unwrap().to_string();
    let before = get_json(a, &format!("/api/stories/{dam_id}"));
    assert_eq!(before["articles"].as_array().unwrap().len(), 3);
    let r = post(a, None, new.as_bytes());
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = post(a, Some("wrong-token"), new.as_bytes());
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(get_json(a, "/api/stats")["articles"], 4, "nothing added");

    let r = post(a, Some(TOKEN), b"{not json");
    assert_eq!(r.status, 400, "{}", r.text());
    let r = post(a, Some(TOKEN), b"[]");
    assert_eq!(r.status, 400, "{}", r.text());

    let r = post(a, Some(TOKEN), new.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let rep = r.json();
    let added = rep["added"].as_array().unwrap();
    assert_eq!(added.len(), 1, "{rep}");
    let new_id = added[0]["id"].as_str().unwrap().to_string();
    assert!(rep["seq"].as_u64().unwrap() >= 2);
    // Its story's detail lists it (a cached answer is not served stale).
    let story = added[0]["story"].as_str().unwrap();
    let detail = get_json(a, &format!("/api/stories/{story}"));
    assert!(
        detail["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == new_id.as_str()),
        "{detail}"
    );

    // Listed, and searchable right away.
    let all = get_json(a, "/api/articles?limit=100");
    assert!(all["articles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == new_id.as_str()));
    let art = get_json(a, &format!("/api/articles/{new_id}"));
    assert_eq!(art["outlet"], "Lakeside Ledger");
    let s = get_json(a, "/api/search?q=Dufresne");
    assert!(
        s["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["article"] == new_id.as_str()),
        "{s}"
    );

    // The same article again is a duplicate.
    let r = post(a, Some(TOKEN), new.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let rep = r.json();
    assert!(rep["added"].as_array().unwrap().is_empty(), "{rep}");
    assert_eq!(rep["duplicates"][0]["of"], new_id.as_str(), "{rep}");
    assert_eq!(get_json(a, "/api/stats")["articles"], 5);

    // Over the body limit.
    let big = format!(
        "{{\"title\": \"big\", \"text\": \"{}\"}}",
        "word ".repeat(6 * 1024 * 1024 / 5 + 10)
    );
    let r = post(a, Some(TOKEN), big.as_bytes());
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(get_json(a, "/api/stats")["articles"], 5);
}

#[test]
fn serves_while_another_process_adds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = build_collection(tmp.path());
    let srv = serve(&data, None);
    let a = srv.addr.as_str();
    assert!(get_json(a, "/api/search?q=Kestrel")["hits"]
        .as_array()
        .unwrap()
        .is_empty());
    let more = tmp.path().join("more");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(
        more.join("harbor.json"),
        json!({
            "outlet": "Harbor Notes", "title": "Kestrel ferry returns to service",
            "published": "2031-06-01",
            "text": "The Kestrel ferry returned to service on Friday after a month of engine repairs, \
                     the harbor office said. \"Passengers can book again from today,\" harbor master \
                     Odile Brandt said."
        })
        .to_string(),
    )
    .unwrap();
    let mut add = Command::new(BIN)
        .args(["--quiet", "add", "--data"])
        .arg(&data)
        .arg(&more)
        .env_remove("PARALLAX_DATA")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Reads keep answering while the other process writes.
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        assert_eq!(get(a, "/api/stories").status, 200);
        if let Some(st) = add.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "parallax add did not finish");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    assert_eq!(get_json(a, "/api/stats")["articles"], 5);
    // The search reader picks up the other process's commit within ~0.5 s.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let hits = get_json(a, "/api/search?q=Kestrel");
        if !hits["hits"].as_array().unwrap().is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the search never saw the new article"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn two_hundred_concurrent_clients() {
    let tmp = tempfile::tempdir().unwrap();
    let data = build_collection(tmp.path());
    let srv = serve(&data, None);
    let addr = Arc::new(srv.addr.clone());
    let id = dam_story(&srv.addr)["id"].as_str().unwrap().to_string();
    let paths = Arc::new([
        "/api/stories".to_string(),
        format!("/api/stories/{id}"),
        "/api/search?q=spillway+repair".to_string(),
        "/api/search?q=gamble&speaker=Vance".to_string(),
    ]);
    let clients = 200;
    let barrier = Arc::new(Barrier::new(clients));
    let workers: Vec<_> = (0..clients)
        .map(|n| {
            let (addr, paths, barrier) = (addr.clone(), paths.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut bad = Vec::new();
                for k in 0..3 {
                    let path = &paths[(n + k) % paths.len()];
                    let r = get(&addr, path);
                    if r.status != 200 {
                        bad.push(format!("{path}: {} {}", r.status, r.text()));
                    }
                }
                bad
            })
        })
        .collect();
    let bad: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(
        bad.is_empty(),
        "{} failed: {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

#[test]
fn starts_on_an_empty_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("new");
    let srv = serve(&data, None);
    let st = get_json(&srv.addr, "/api/stats");
    assert_eq!(st["articles"], 0);
    assert!(get_json(&srv.addr, "/api/stories")["stories"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(get(&srv.addr, "/").text().contains("No stories yet"));
    assert_eq!(get(&srv.addr, "/api/search?q=anything").status, 200);
}

// ---------------------------------------------------------------- browser

/// The DOM Chromium builds for `url`, killed after `secs`.
fn dump_dom(browser: &str, profile: &Path, url: &str, secs: u64) -> String {
    let out_path = profile.with_extension("dom.html");
    let mut cmd = Command::new(browser);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url);
    let out = run_for(cmd, secs, &out_path);
    assert!(out.status.success(), "chromium failed on {url}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn chromium_shows_the_pages() {
    let Some(browser) = chromium() else {
        assert!(
            !require_browser(),
            "chromium not found and PARALLAX_REQUIRE_BROWSER=1 (run scripts/install-chromium.sh)"
        );
        eprintln!("skipping the browser check: chromium not found (scripts/install-chromium.sh)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = build_collection(tmp.path());
    let srv = serve(&data, None);
    let base = format!("http://{}", srv.addr);
    let dam = dam_story(&srv.addr);
    let id = dam["id"].as_str().unwrap();
    let title = dam["title"].as_str().unwrap();

    let home = dump_dom(&browser, &tmp.path().join("p1"), &format!("{base}/"), 60);
    assert!(
        home.contains(title),
        "story title {title} not on the home page"
    );
    // Dumped text nodes escape & < >: the markup in the title stayed text.
    assert!(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let story = dump_dom(
        &browser,
        &tmp.path().join("p2"),
        &format!("{base}/stories/{id}"),
        60,
    );
    assert!(story.contains(title), "story title not on its page");
    assert!(story.contains("Summary"), "no summary section");
    assert!(story.contains("class=\"summary\""), "the summary is empty");
    // The page's own script ran: the policy sent as a header kept its hash.
    assert!(
        story.contains("data-js=\"ready\""),
        "the story page script did not run"
    );
    for outlet in [
        "Eldergrove Courier",
        "Marrow Valley Times",
        "Northgate Bulletin",
    ] {
        assert!(story.contains(outlet), "outlet {outlet} not shown");
    }

    let search = dump_dom(
        &browser,
        &tmp.path().join("p3"),
        &format!("{base}/search?q=gamble&speaker=Vance"),
        60,
    );
    assert!(search.contains("Teodora Vance"), "no quote result shown");
    assert!(search.contains("gamble with a spillway"));
}
