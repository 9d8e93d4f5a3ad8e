//! `parallax-load`: an HTTP load generator for `parallax serve` (run by
//! bench/load.sh). N clients, each one thread with one keep-alive
//! connection, send requests back to back for a fixed time, cycling over the
//! story list, story detail and search endpoints. Prints requests/s, latency
//! percentiles (overall and per endpoint) and the error count.
//!
//! Why threads and a hand-written HTTP/1.1 client: the load is closed-loop
//! (each client waits for its answer), so 200 threads are as good as 200
//! tasks, and a minimal client keeps the client's own cost low and visible
//! (no TLS stack, no connection pool).
//!
//! Only loopback addresses are accepted.
//!
//! Usage: parallax-load --addr 127.0.0.1:PORT [--clients 200] [--secs 20] [--html]
//!        [--only list,detail,search]

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

struct Args {
    addr: SocketAddr,
    clients: usize,
    secs: u64,
    html: bool,
    /// Request kinds to send (indexes into [`KINDS`]).
    kinds: Vec<usize>,
}

fn parse_args() -> Result<Args> {
    let mut addr = None;
    let mut clients = 200;
    let mut secs = 20;
    let mut html = false;
    let mut kinds = vec![0, 1, 2];
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "--addr" => {
                let v = value("--addr")?;
                addr = Some(
                    v.parse::<SocketAddr>()
                        .with_context(|| format!("--addr {v}"))?,
                );
            }
            "--clients" => clients = value("--clients")?.parse().context("--clients")?,
            "--secs" => secs = value("--secs")?.parse().context("--secs")?,
            "--html" => html = true,
            "--only" => {
                let v = value("--only")?;
                kinds = v
                    .split(',')
                    .map(|k| match k.trim() {
                        "list" => Ok(0),
                        "detail" => Ok(1),
                        "search" => Ok(2),
                        other => bail!("--only takes list, detail, search (got {other:?})"),
                    })
                    .collect::<Result<_>>()?;
            }
            other => bail!("unknown argument {other:?} (see the header of bench/src/load.rs)"),
        }
    }
    let addr = addr.context("--addr 127.0.0.1:PORT is required")?;
    if !addr.ip().is_loopback() {
        bail!("{addr}: only loopback addresses are load-tested");
    }
    if clients == 0 || secs == 0 {
        bail!("--clients and --secs must be positive");
    }
    Ok(Args {
        addr,
        clients,
        secs,
        html,
        kinds,
    })
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    addr: SocketAddr,
    reader: Option<BufReader<TcpStream>>,
}

impl Conn {
    fn new(addr: SocketAddr) -> Conn {
        Conn { addr, reader: None }
    }

    /// GET `path`; the status and the body length. Reconnects on the next
    /// call after any failure.
    fn get(&mut self, path: &str) -> Result<(u16, usize)> {
        let r = self.try_get(path);
        if r.is_err() {
            self.reader = None;
        }
        r
    }

    fn try_get(&mut self, path: &str) -> Result<(u16, usize)> {
        if self.reader.is_none() {
            let s = TcpStream::connect_timeout(&self.addr, Duration::from_secs(10))
                .with_context(|| format!("connecting to {}", self.addr))?;
            s.set_nodelay(true)?;
            s.set_read_timeout(Some(Duration::from_secs(60)))?;
            self.reader = Some(BufReader::with_capacity(64 * 1024, s));
        }
        let Some(reader) = self.reader.as_mut() else {
            bail!("not connected");
        };
        let req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        reader
            .get_mut()
            .write_all(req.as_bytes())
            .with_context(|| format!("sending GET {path}"))?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("GET {path}: bad status line {line:?}"))?;
        let mut length = None;
        let mut chunked = false;
        let mut close = false;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                bail!("GET {path}: connection closed in the headers");
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((name, value)) = l.split_once(':') {
                let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
                match name.as_str() {
                    "content-length" => length = value.parse::<usize>().ok(),
                    "transfer-encoding" => chunked = value.contains("chunked"),
                    "connection" => close = value.eq_ignore_ascii_case("close"),
                    _ => {}
                }
            }
        }
        let mut body = 0;
        if chunked {
            loop {
                line.clear();
                reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .with_context(|| format!("GET {path}: bad chunk size {line:?}"))?;
                let mut skip = vec![0u8; size + 2];
                reader.read_exact(&mut skip)?;
                body += size;
                if size == 0 {
                    break;
                }
            }
        } else if let Some(n) = length {
            let mut buf = vec![0u8; n];
            reader.read_exact(&mut buf)?;
            body = n;
        } else {
            let mut buf = Vec::new();
            reader.read_to_end(&mut buf)?;
            body = buf.len();
            close = true;
        }
        if close {
            self.reader = None;
        }
        Ok((status, body))
    }

    fn get_text(&mut self, path: &str) -> Result<String> {
        // Used once for setup: a fresh connection read to the end.
        let mut s = TcpStream::connect(self.addr)?;
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )?;
        let mut raw = String::new();
        s.read_to_string(&mut raw)?;
        let body = raw
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .with_context(|| format!("GET {path}: no body"))?;
        Ok(body)
    }
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

/// Story ids and search words taken from the served collection.
fn targets(addr: SocketAddr) -> Result<(Vec<String>, Vec<String>)> {
    let text = Conn::new(addr).get_text("/api/stories?limit=1000")?;
    let v: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("/api/stories: not JSON: {text:.200}"))?;
    let stories = v["stories"]
        .as_array()
        .context("/api/stories: no stories list")?;
    let ids: Vec<String> = stories
        .iter()
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect();
    if ids.is_empty() {
        bail!("the collection has no stories to load-test");
    }
    // Search words: the longer words of story titles, deduplicated, in order.
    let mut words: Vec<String> = Vec::new();
    for s in stories {
        for w in s["title"].as_str().unwrap_or("").split_whitespace() {
            let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
            let w = w.to_lowercase();
            // Long runs without spaces (CJK titles) are not words to the index.
            if (5..=20).contains(&w.chars().count()) && !words.contains(&w) {
                words.push(w);
            }
        }
    }
    if words.is_empty() {
        words.push("the".to_string());
    }
    // Also two-word queries, which exercise the conjunction path.
    let pairs: Vec<String> = words
        .windows(2)
        .step_by(3)
        .map(|p| format!("{} {}", p[0], p[1]))
        .collect();
    words.extend(pairs);
    Ok((ids, words))
}

/// Small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

const KINDS: [&str; 3] = ["story list", "story detail", "search"];

#[derive(Default)]
struct Tally {
    /// Latencies in microseconds, per kind.
    lat: [Vec<u32>; 3],
    errors: usize,
    first_error: Option<String>,
    bytes: usize,
}

fn client(
    n: usize,
    args: &Args,
    ids: &[String],
    words: &[String],
    start: &Barrier,
    deadline_after: Duration,
) -> Tally {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let mut conn = Conn::new(args.addr);
    let mut t = Tally::default();
    start.wait();
    let deadline = Instant::now() + deadline_after;
    let mut k = n;
    while Instant::now() < deadline {
        let kind = args.kinds[k % args.kinds.len()];
        k += 1;
        let path = match (kind, args.html) {
            (0, false) => format!("/api/stories?limit=50&offset={}", 50 * rng.next(2)),
            (0, true) => "/".to_string(),
            (1, false) => format!("/api/stories/{}", ids[rng.next(ids.len())]),
            (1, true) => format!("/stories/{}", ids[rng.next(ids.len())]),
            (_, false) => format!(
                "/api/search?q={}&limit=20",
                enc(&words[rng.next(words.len())])
            ),
            (_, true) => format!("/search?q={}", enc(&words[rng.next(words.len())])),
        };
        let t0 = Instant::now();
        match conn.get(&path) {
            Ok((200, bytes)) => {
                t.lat[kind].push(t0.elapsed().as_micros().min(u32::MAX as u128) as u32);
                t.bytes += bytes;
            }
            Ok((status, _)) => {
                t.errors += 1;
                t.first_error
                    .get_or_insert_with(|| format!("GET {path}: status {status}"));
            }
            Err(e) => {
                t.errors += 1;
                t.first_error.get_or_insert_with(|| format!("{e:#}"));
            }
        }
    }
    t
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i.min(sorted.len() - 1)]) / 1000.0
}

fn main() -> Result<()> {
    let args = Arc::new(parse_args()?);
    let (ids, words) = targets(args.addr)?;
    let (ids, words) = (Arc::new(ids), Arc::new(words));
    eprintln!(
        "load: {} clients for {} s on {} ({} stories, {} search queries, {})",
        args.clients,
        args.secs,
        args.addr,
        ids.len(),
        words.len(),
        if args.html { "HTML pages" } else { "JSON API" }
    );
    let barrier = Arc::new(Barrier::new(args.clients + 1));
    let run_for = Duration::from_secs(args.secs);
    let handles: Vec<_> = (0..args.clients)
        .map(|n| {
            let (args, ids, words, barrier) =
                (args.clone(), ids.clone(), words.clone(), barrier.clone());
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || client(n, &args, &ids, &words, &barrier, run_for))
                .context("starting a client thread")
        })
        .collect::<Result<_>>()?;
    barrier.wait();
    let started = Instant::now();
    let mut all = Tally::default();
    for h in handles {
        let t = h
            .join()
            .map_err(|_| anyhow::anyhow!("a client thread panicked"))?;
        for k in 0..3 {
            all.lat[k].extend_from_slice(&t.lat[k]);
        }
        all.errors += t.errors;
        all.bytes += t.bytes;
        if all.first_error.is_none() {
            all.first_error = t.first_error;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mut overall: Vec<u32> = all.lat.iter().flatten().copied().collect();
    overall.sort_unstable();
    let ok = overall.len();
    println!(
        "parallax serve under load: {} clients, {:.1} s: {} ok requests = {:.0} requests/s, \
         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {} errors, {:.1} MiB/s",
        args.clients,
        secs,
        ok,
        ok as f64 / secs,
        pct(&overall, 0.50),
        pct(&overall, 0.99),
        pct(&overall, 1.0),
        all.errors,
        all.bytes as f64 / secs / (1024.0 * 1024.0)
    );
    for (k, name) in KINDS.iter().enumerate() {
        let mut v = std::mem::take(&mut all.lat[k]);
        v.sort_unstable();
        println!(
            "  {name:<12} {:>8} ok  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>8.2} ms",
            v.len(),
            pct(&v, 0.50),
            pct(&v, 0.99),
            pct(&v, 1.0)
        );
    }
    if let Some(e) = &all.first_error {
        println!("  first error: {e}");
    }
    Ok(())
}
