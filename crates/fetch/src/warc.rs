//! Reading web archives (WARC 1.0/1.1, plain or gzipped per record).
//!
//! Crawls made by other tools arrive as WARC files. We only want the pages in
//! them: `response` records with a 2xx HTTP status (body de-chunked and
//! un-gzipped) and `resource` records. A small hand-written parser keeps the
//! failure modes under our control: a bad record yields one error, a record
//! we cannot skip past ends the stream, and nothing loops or panics.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Longest WARC or HTTP header line read.
const MAX_LINE: u64 = 64 * 1024;
/// Most header lines in one WARC header block.
const MAX_HEADERS: usize = 1000;
/// Largest record block kept in memory; bigger ones are skipped with an error.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decoded (de-chunked, gunzipped) body.
pub const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// One archived page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcDoc {
    /// `WARC-Target-URI`.
    pub target_uri: String,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// `Content-Type` of the HTTP payload (of the record, for `resource`).
    pub content_type: Option<String>,
    /// The payload: HTTP body after status line and headers, de-chunked and decoded.
    pub body: Vec<u8>,
    /// HTTP status (None for `resource` records).
    pub http_status: Option<u16>,
}

/// A problem in a WARC file. Keep iterating after an error: the iterator ends
/// by itself when the stream cannot be followed any further.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("{file}: cannot open: {source}")]
    Open { file: String, source: io::Error },
    /// The record structure is broken (offset in the uncompressed stream);
    /// the stream ends after this error.
    #[error("{file}: record {record} at byte {offset}: {reason}")]
    Malformed {
        file: String,
        record: u64,
        offset: u64,
        reason: String,
    },
    /// A response whose HTTP status is not 2xx.
    #[error("{file}: record {record} ({uri}): HTTP status {status}")]
    HttpStatus {
        file: String,
        record: u64,
        uri: String,
        status: u16,
    },
    /// A well-framed record whose payload we cannot use.
    #[error("{file}: record {record} ({uri}): {reason}")]
    Payload {
        file: String,
        record: u64,
        uri: String,
        reason: String,
    },
}

/// Byte-counting wrapper so errors can name an offset.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Iterator over the pages of a WARC; see [`read_warc`].
pub struct WarcRecords<'a> {
    reader: Counted<Box<dyn BufRead + Send + 'a>>,
    file: String,
    record: u64,
    done: bool,
}

impl std::fmt::Debug for WarcRecords<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcRecords")
            .field("file", &self.file)
            .field("record", &self.record)
            .field("done", &self.done)
            .finish()
    }
}

/// Open a `.warc` or `.warc.gz` (gzip detected by its magic bytes, any
/// number of members) and iterate over its pages.
pub fn read_warc(path: &Path) -> Result<WarcRecords<'static>, WarcError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| WarcError::Open {
        file: name.clone(),
        source,
    })?;
    let mut raw = BufReader::new(file);
    let gz = match raw.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(source) => return Err(WarcError::Open { file: name, source }),
    };
    let reader: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    Ok(WarcRecords::new(reader, name))
}

/// Iterate over the pages of an in-memory WARC (plain or gzipped).
pub fn read_warc_bytes(bytes: &[u8]) -> WarcRecords<'_> {
    let reader: Box<dyn BufRead + Send + '_> = if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(bytes)))
    } else {
        Box::new(bytes)
    };
    WarcRecords::new(reader, "<memory>".to_string())
}

/// What a header block said, lower-cased names.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl<'a> WarcRecords<'a> {
    fn new(reader: Box<dyn BufRead + Send + 'a>, file: String) -> Self {
        WarcRecords {
            reader: Counted {
                inner: reader,
                pos: 0,
            },
            file,
            record: 0,
            done: false,
        }
    }

    fn malformed(&mut self, offset: u64, reason: impl Into<String>) -> WarcError {
        self.done = true;
        WarcError::Malformed {
            file: self.file.clone(),
            record: self.record,
            offset,
            reason: reason.into(),
        }
    }

    /// One line without its line ending; None at end of stream.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_LINE)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && n as u64 >= MAX_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "header line too long",
            ));
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Ok(Some(buf))
    }

    /// Read or skip `len` bytes; Err(got) when the stream ends early.
    fn block(&mut self, len: u64, keep: bool) -> io::Result<Result<Vec<u8>, u64>> {
        let mut taken = (&mut self.reader).take(len);
        if keep {
            let mut out = Vec::with_capacity(len.min(1 << 20) as usize);
            taken.read_to_end(&mut out)?;
            if (out.len() as u64) < len {
                return Ok(Err(out.len() as u64));
            }
            Ok(Ok(out))
        } else {
            let got = io::copy(&mut taken, &mut io::sink())?;
            if got < len {
                return Ok(Err(got));
            }
            Ok(Ok(Vec::new()))
        }
    }

    fn next_doc(&mut self) -> Option<Result<WarcDoc, WarcError>> {
        loop {
            if self.done {
                return None;
            }
            // Skip the blank lines between records, then expect a version line.
            let start = self.reader.pos;
            let first = match self.line() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(l)) => l,
                Err(e) => return Some(Err(self.malformed(start, format!("read error: {e}")))),
            };
            if first.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.record += 1;
            if !first.starts_with(b"WARC/") {
                let shown: String = String::from_utf8_lossy(&first).chars().take(40).collect();
                return Some(Err(self.malformed(
                    start,
                    format!("expected a WARC/1.x version line, found {shown:?}"),
                )));
            }
            let mut headers: Vec<(String, String)> = Vec::new();
            loop {
                let line = match self.line() {
                    Ok(Some(l)) => l,
                    Ok(None) => return Some(Err(self.malformed(start, "truncated header block"))),
                    Err(e) => return Some(Err(self.malformed(start, format!("read error: {e}")))),
                };
                if line.is_empty() {
                    break;
                }
                if headers.len() >= MAX_HEADERS {
                    return Some(Err(self.malformed(start, "too many header lines")));
                }
                let text = String::from_utf8_lossy(&line);
                if text.starts_with([' ', '\t']) {
                    if let Some((_, v)) = headers.last_mut() {
                        v.push(' ');
                        v.push_str(text.trim());
                    }
                    continue;
                }
                match text.split_once(':') {
                    Some((k, v)) => {
                        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()))
                    }
                    None => {
                        return Some(Err(
                            self.malformed(start, format!("bad header line {:?}", text.trim()))
                        ))
                    }
                }
            }
            let headers = Headers(headers);
            let Some(len) = headers
                .get("content-length")
                .and_then(|v| v.parse::<u64>().ok())
            else {
                return Some(Err(self.malformed(start, "missing or bad Content-Length")));
            };
            let kind = headers.get("warc-type").unwrap_or("").to_ascii_lowercase();
            let wanted = kind == "response" || kind == "resource";
            let keep = wanted && len <= MAX_RECORD_BYTES;
            let block = match self.block(len, keep) {
                Ok(Ok(b)) => b,
                Ok(Err(got)) => {
                    return Some(Err(self.malformed(
                        start,
                        format!(
                            "truncated {kind} record: Content-Length {len} but only {got} bytes"
                        ),
                    )))
                }
                Err(e) => return Some(Err(self.malformed(start, format!("read error: {e}")))),
            };
            if !wanted {
                continue;
            }
            let uri = headers
                .get("warc-target-uri")
                .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
            let Some(uri) = uri else {
                return Some(Err(self.payload("?", "missing WARC-Target-URI")));
            };
            if !keep {
                return Some(Err(self.payload(
                    &uri,
                    &format!("record of {len} bytes is over the {MAX_RECORD_BYTES} byte limit"),
                )));
            }
            let date = headers.get("warc-date").map(str::to_string);
            let record_id = headers.get("warc-record-id").map(str::to_string);
            let record_type = headers.get("content-type").map(str::to_string);
            if kind == "resource" {
                return Some(Ok(WarcDoc {
                    target_uri: uri,
                    date,
                    record_id,
                    content_type: record_type,
                    body: block,
                    http_status: None,
                }));
            }
            let is_http = record_type
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"))
                || block.starts_with(b"HTTP/");
            if !is_http {
                // e.g. DNS lookups recorded as responses.
                tracing::debug!(
                    "{}: record {} ({uri}) is not an HTTP response, skipped",
                    self.file,
                    self.record
                );
                continue;
            }
            return Some(match parse_http(&block) {
                Ok(http) if (200..300).contains(&http.status) => Ok(WarcDoc {
                    target_uri: uri,
                    date,
                    record_id,
                    content_type: http.content_type,
                    body: http.body,
                    http_status: Some(http.status),
                }),
                Ok(http) => Err(WarcError::HttpStatus {
                    file: self.file.clone(),
                    record: self.record,
                    uri,
                    status: http.status,
                }),
                Err(reason) => Err(self.payload(&uri, &reason)),
            });
        }
    }

    fn payload(&self, uri: &str, reason: &str) -> WarcError {
        WarcError::Payload {
            file: self.file.clone(),
            record: self.record,
            uri: uri.to_string(),
            reason: reason.to_string(),
        }
    }
}

impl Iterator for WarcRecords<'_> {
    type Item = Result<WarcDoc, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_doc()
    }
}

struct HttpPayload {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Split an archived HTTP response into status, headers and decoded body.
fn parse_http(block: &[u8]) -> Result<HttpPayload, String> {
    let head_end = match (find(block, b"\r\n\r\n"), find(block, b"\n\n")) {
        (Some(a), Some(b)) if b < a => b + 2,
        (Some(a), _) => a + 4,
        (None, Some(b)) => b + 2,
        (None, None) => return Err("HTTP headers never end".to_string()),
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or("");
    let status = parts.next().and_then(|s| s.parse::<u16>().ok());
    let status = match status {
        Some(s) if proto.starts_with("HTTP/") => s,
        _ => {
            let shown: String = status_line.chars().take(40).collect();
            return Err(format!("bad HTTP status line {shown:?}"));
        }
    };
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" if !v.is_empty() => content_type = Some(v.to_string()),
            "transfer-encoding" => chunked |= v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = v.to_ascii_lowercase(),
            _ => {}
        }
    }
    let mut body = block[head_end..].to_vec();
    if chunked {
        if let Some(plain) = dechunk(&body)? {
            body = plain;
        }
    }
    body = decode(body, &encoding)?;
    Ok(HttpPayload {
        status,
        content_type,
        body,
    })
}

/// Undo chunked transfer coding. Ok(None) when the body does not even start
/// like a chunk (some crawlers store it already de-chunked).
fn dechunk(mut rest: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::new();
    let mut first = true;
    loop {
        let Some(eol) = find(rest, b"\n") else {
            if first {
                return Ok(None);
            }
            return Err("truncated chunked body".to_string());
        };
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            if first {
                return Ok(None);
            }
            return Err(format!("bad chunk size {size_text:?}"));
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Ok(Some(out));
        }
        if size > rest.len() {
            return Err("truncated chunked body".to_string());
        }
        if (out.len() + size) as u64 > MAX_BODY_BYTES {
            return Err(format!("body over {MAX_BODY_BYTES} bytes"));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        // The CRLF after the chunk data.
        if rest.starts_with(b"\r\n") {
            rest = &rest[2..];
        } else if rest.starts_with(b"\n") {
            rest = &rest[1..];
        }
    }
}

/// Undo gzip/deflate content coding, when the bytes really are encoded.
fn decode(body: Vec<u8>, encoding: &str) -> Result<Vec<u8>, String> {
    let limited = |r: &mut dyn Read| -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        r.take(MAX_BODY_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot decode {encoding} body: {e}"))?;
        if out.len() as u64 > MAX_BODY_BYTES {
            return Err(format!("decoded body over {MAX_BODY_BYTES} bytes"));
        }
        Ok(out)
    };
    match encoding {
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            limited(&mut flate2::read::MultiGzDecoder::new(&body[..]))
        }
        "deflate" if !body.is_empty() => limited(&mut flate2::read::ZlibDecoder::new(&body[..]))
            .or_else(|_| limited(&mut flate2::read::DeflateDecoder::new(&body[..]))),
        _ => Ok(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut head = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Date: 2026-03-04T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n",
            block.len()
        );
        if let Some(u) = uri {
            head.push_str(&format!("WARC-Target-URI: {u}\r\n"));
        }
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        ));
        let mut out = head.into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    const HTTP: &str = "application/http; msgtype=response";

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    /// warcinfo, request, chunked 200, 404, gzip-encoded 200, resource.
    fn records() -> Vec<Vec<u8>> {
        let page = "<html><body><p>The Corvia dam passed inspection.</p></body></html>";
        let chunked = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{}\r\n{:x};ext=1\r\n{}\r\n0\r\n\r\n",
            20,
            &page[..20],
            page.len() - 20,
            &page[20..]
        );
        let mut gz_resp =
            b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        gz_resp.extend_from_slice(&gzip(b"<p>Ferry strike ends.</p>"));
        vec![
            record(
                "warcinfo",
                None,
                "application/warc-fields",
                b"software: invented-crawler/1.0\r\n",
            ),
            record(
                "request",
                Some("https://herald.corvia.example/dam"),
                "application/http; msgtype=request",
                b"GET /dam HTTP/1.1\r\nHost: herald.corvia.example\r\n\r\n",
            ),
            record(
                "response",
                Some("https://herald.corvia.example/dam"),
                HTTP,
                chunked.as_bytes(),
            ),
            record(
                "response",
                Some("<https://herald.corvia.example/gone>"),
                HTTP,
                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnope",
            ),
            record(
                "response",
                Some("https://ledger.northmarch.example/ferry"),
                HTTP,
                &gz_resp,
            ),
            record(
                "metadata",
                Some("https://herald.corvia.example/dam"),
                "application/warc-fields",
                b"via: x\r\n",
            ),
            record(
                "resource",
                Some("file:///notes/brief.txt"),
                "text/plain",
                b"Plain notes.",
            ),
        ]
    }

    fn check_full(items: Vec<Result<WarcDoc, WarcError>>) {
        assert_eq!(items.len(), 4, "{items:?}");
        let dam = items[0].as_ref().unwrap();
        assert_eq!(dam.target_uri, "https://herald.corvia.example/dam");
        assert_eq!(
            dam.body,
            b"<html><body><p>The Corvia dam passed inspection.</p></body></html>"
        );
        assert_eq!(dam.http_status, Some(200));
        assert_eq!(
            dam.content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(dam.date.as_deref(), Some("2026-03-04T10:00:00Z"));
        assert!(dam
            .record_id
            .as_deref()
            .is_some_and(|id| id.starts_with("<urn:uuid:response")));
        match &items[1] {
            Err(
                e @ WarcError::HttpStatus {
                    status: 404,
                    uri,
                    record: 4,
                    ..
                },
            ) => {
                assert_eq!(uri, "https://herald.corvia.example/gone");
                assert!(e.to_string().contains("https://herald.corvia.example/gone"));
            }
            other => panic!("expected a 404 error, got {other:?}"),
        }
        let ferry = items[2].as_ref().unwrap();
        assert_eq!(ferry.body, b"<p>Ferry strike ends.</p>");
        let notes = items[3].as_ref().unwrap();
        assert_eq!(notes.http_status, None);
        assert_eq!(notes.body, b"Plain notes.");
        assert_eq!(notes.content_type.as_deref(), Some("text/plain"));
    }

    #[test]
    fn plain_warc() {
        let bytes = records().concat();
        check_full(read_warc_bytes(&bytes).collect());
    }

    #[test]
    fn gzipped_per_record_and_from_a_file() {
        let bytes: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
        check_full(read_warc_bytes(&bytes).collect());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crawl.warc.gz");
        std::fs::write(&path, &bytes).unwrap();
        check_full(read_warc(&path).unwrap().collect());
        let err = read_warc(&dir.path().join("missing.warc")).unwrap_err();
        assert!(err.to_string().contains("missing.warc"), "{err}");
    }

    #[test]
    fn truncated_record_yields_one_error_then_ends() {
        let mut bytes = records()[..3].concat();
        let last = record(
            "response",
            Some("https://herald.corvia.example/cut"),
            HTTP,
            &[b'x'; 500],
        );
        bytes.extend_from_slice(&last[..last.len() - 300]);
        let items: Vec<_> = read_warc_bytes(&bytes).collect();
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items[0].is_ok());
        match &items[1] {
            Err(e @ WarcError::Malformed { record: 4, .. }) => {
                assert!(e.to_string().contains("truncated"), "{e}");
                assert!(
                    e.to_string().starts_with("<memory>: record 4 at byte"),
                    "{e}"
                );
            }
            other => panic!("expected a malformed error, got {other:?}"),
        }
    }

    #[test]
    fn garbage_and_every_prefix_terminate_without_panic() {
        let items: Vec<_> = read_warc_bytes(b"this is not a warc file\nat all\n").collect();
        assert_eq!(items.len(), 1);
        assert!(matches!(items[0], Err(WarcError::Malformed { .. })));
        assert_eq!(read_warc_bytes(b"").count(), 0);
        let bytes = records().concat();
        for cut in 0..bytes.len() {
            let n = read_warc_bytes(&bytes[..cut]).take(100).count();
            assert!(n <= 5, "cut {cut}: {n} items");
        }
        let gz: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
        for cut in (0..gz.len()).step_by(7) {
            let n = read_warc_bytes(&gz[..cut]).take(100).count();
            assert!(n <= 5, "gz cut {cut}: {n} items");
        }
    }

    #[test]
    fn bad_payloads_are_errors_naming_the_uri() {
        let bytes = [
            record(
                "response",
                Some("https://a.example/1"),
                HTTP,
                b"garbage without headers",
            ),
            record(
                "response",
                Some("https://a.example/2"),
                HTTP,
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort",
            ),
            record(
                "response",
                Some("https://a.example/3"),
                HTTP,
                b"HTTP/1.1 200 OK\r\n\r\nfine",
            ),
        ]
        .concat();
        let items: Vec<_> = read_warc_bytes(&bytes).collect();
        assert_eq!(items.len(), 3);
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("https://a.example/1"));
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("https://a.example/2"));
        assert_eq!(items[2].as_ref().unwrap().body, b"fine");
    }
}
