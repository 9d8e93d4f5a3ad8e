//! Ingest: turn what the user names (files, directories, `-` for stdin) into
//! decoded documents ([`RawDoc`]), or into a one-line reason why not.
//!
//! - Directories are walked recursively in byte order of file names, so the
//!   same tree always gives the same order. Hidden entries are skipped.
//! - Formats: `.txt`, `.html`/`.htm`/`.xhtml`, `.json` (one object or an array),
//!   `.jsonl`/`.ndjson`, each optionally gzip-compressed (`.gz`, or gzip magic
//!   bytes). A file named explicitly with another extension is sniffed.
//! - Encodings: see [`decode`].
//!
//! ```
//! use parallax_ingest::{read_bytes, Options};
//! let docs = read_bytes("note.txt", b"Harbour closes\n\nThe harbour closed today.", &Options::default());
//! assert_eq!(docs.len(), 1);
//! assert!(docs[0].as_ref().unwrap().body.contains("harbour closed"));
//! ```

mod decode;
mod json;

pub use decode::{decode, Decoded};

use parallax_core::{BodyKind, Metadata, RawDoc, Rejected};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Default per-document size limit: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Ingest options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest document accepted, in bytes, after decompression.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Why an input could not be read. Each variant renders as one line.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty document")]
    Empty,
    #[error("standard input named again: it is read once, at the first -")]
    StdinAgain,
    #[error("too large: over the {limit}-byte limit (see --max-size)")]
    TooLarge { limit: u64 },
    #[error("binary data, not a text or HTML document")]
    Binary,
    #[error("truncated or corrupt gzip data: {0}")]
    Gzip(std::io::Error),
    #[error("invalid UTF-8 at byte {0} (text files must be UTF-8; HTML may declare a charset)")]
    InvalidUtf8(usize),
    #[error("malformed JSON: {0}")]
    Json(String),
    #[error("JSON record has no \"text\" or \"html\" field")]
    NoBody,
    #[error(
        "unsupported file type {0:?} (expected .txt, .html, .htm, .json, .jsonl, optionally .gz)"
    )]
    Unsupported(String),
    #[error("not a file or directory")]
    NotAFile,
}

/// An input to read: a file (by the path as the user wrote it, or as found
/// while walking a directory), or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File {
        /// The path as shown in `source` fields.
        shown: String,
        path: PathBuf,
        /// Named explicitly (sniffed when the extension is unknown) rather
        /// than found in a directory (unknown extensions rejected).
        explicit: bool,
    },
    Stdin,
}

impl Input {
    pub fn source(&self) -> &str {
        match self {
            Input::File { shown, .. } => shown,
            Input::Stdin => "-",
        }
    }
}

/// Expand the user's arguments into inputs, in a stable order: arguments in
/// the order given, directory contents sorted by path. Paths that do not
/// exist or cannot be walked become rejections at their place in the order.
pub fn expand(args: &[String]) -> Vec<Result<Input, Rejected>> {
    let mut out = Vec::new();
    let mut stdin_named = false;
    for arg in args {
        if arg == "-" {
            // Inputs are read in parallel: a second "-" would race the
            // first for the stream, so it is settled here, in order.
            out.push(if stdin_named {
                Err(reject(arg, IngestError::StdinAgain))
            } else {
                Ok(Input::Stdin)
            });
            stdin_named = true;
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Err(e) => out.push(Err(reject(arg, IngestError::Io(e)))),
            Ok(m) if m.is_dir() => walk_dir(arg, path, &mut out),
            Ok(m) if m.is_file() => out.push(Ok(Input::File {
                shown: arg.clone(),
                path: path.to_path_buf(),
                explicit: true,
            })),
            Ok(_) => out.push(Err(reject(arg, IngestError::NotAFile))),
        }
    }
    out
}

fn walk_dir(arg: &str, root: &Path, out: &mut Vec<Result<Input, Rejected>>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Err(e) => {
                let shown = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| arg.to_string());
                let err = match e.into_io_error() {
                    Some(io) => IngestError::Io(io),
                    None => IngestError::NotAFile,
                };
                out.push(Err(reject(&shown, err)));
            }
            Ok(e) if e.file_type().is_file() => out.push(Ok(Input::File {
                shown: e.path().display().to_string(),
                path: e.path().to_path_buf(),
                explicit: false,
            })),
            Ok(_) => {}
        }
    }
}

/// Read one input into its documents (one, or several for JSON arrays and
/// JSONL). Every failure is a [`Rejected`] naming the input.
pub fn read_input(input: &Input, opts: &Options) -> Vec<Result<RawDoc, Rejected>> {
    let source = input.source().to_string();
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin().lock(), opts.max_bytes),
        Input::File { path, explicit, .. } => {
            if !explicit && Format::from_name(&source).is_none() {
                let ext = Path::new(&source)
                    .extension()
                    .map(|e| format!(".{}", e.to_string_lossy()))
                    .unwrap_or_else(|| "(no extension)".into());
                return vec![Err(reject(&source, IngestError::Unsupported(ext)))];
            }
            read_file(path, opts.max_bytes)
        }
    };
    match bytes {
        Ok(b) => read_bytes(&source, &b, opts),
        Err(e) => vec![Err(reject(&source, e))],
    }
}

fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, IngestError> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(IngestError::NotAFile);
    }
    let is_gz = path.extension().is_some_and(|e| e == "gz");
    // Uncompressed files over the limit are rejected before reading; a
    // compressed file is limited again after decompression (see `gunzip`).
    if !is_gz && meta.len() > limit {
        return Err(IngestError::TooLarge { limit });
    }
    read_limited(file, limit)
}

/// Read at most `limit` bytes; one more means the input is too large. Compressed
/// inputs are limited again after decompression.
fn read_limited(r: impl Read, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut buf = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(IngestError::TooLarge { limit });
    }
    Ok(buf)
}

/// The document format, from the file name (ignoring a `.gz` suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Json,
    Jsonl,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = Path::new(base).extension()?.to_str()?;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }

    /// Guess from content: used for stdin and for explicit files with an
    /// unknown extension.
    fn sniff(text: &str) -> Format {
        let head = text.trim_start();
        let head = &head[..parallax_core::floor_char_boundary(head, 1024)];
        if head.starts_with('{') {
            // Several lines each starting with an object: JSONL.
            let objects = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .filter(|l| l.trim_start().starts_with('{'))
                .count();
            if objects >= 2 && serde_json::from_str::<serde_json::Value>(text).is_err() {
                return Format::Jsonl;
            }
            return Format::Json;
        }
        if head.starts_with('[') {
            return Format::Json;
        }
        let lower = head.to_ascii_lowercase();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.starts_with("<?xml")
            || lower.contains("<body")
            || lower.contains("<head")
            || (lower.starts_with('<') && lower.contains("</"))
        {
            return Format::Html;
        }
        Format::Text
    }
}

/// Read documents from bytes already in memory. `source` names the input
/// (its extension picks the format; otherwise the content is sniffed).
pub fn read_bytes(source: &str, bytes: &[u8], opts: &Options) -> Vec<Result<RawDoc, Rejected>> {
    match read_bytes_inner(source, bytes, opts) {
        Ok(docs) => docs,
        Err(e) => vec![Err(reject(source, e))],
    }
}

fn read_bytes_inner(
    source: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<Vec<Result<RawDoc, Rejected>>, IngestError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(IngestError::TooLarge {
            limit: opts.max_bytes,
        });
    }
    let owned;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        owned = gunzip(bytes, opts.max_bytes)?;
        &owned[..]
    } else {
        bytes
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty);
    }
    let named = Format::from_name(source);
    let is_html_hint = named == Some(Format::Html);
    let decoded = decode(bytes, is_html_hint)?;
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let format = named.unwrap_or_else(|| Format::sniff(&text));
    Ok(match format {
        Format::Text => vec![Ok(RawDoc {
            source: source.to_string(),
            kind: BodyKind::Text,
            body: text,
            meta: Metadata::default(),
        })],
        Format::Html => vec![Ok(RawDoc {
            source: source.to_string(),
            kind: BodyKind::Html,
            body: text,
            meta: Metadata::default(),
        })],
        Format::Json => json::read_json(source, &text)?,
        Format::Jsonl => json::read_jsonl(source, &text),
    })
}

fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    dec.read_to_end(&mut out).map_err(IngestError::Gzip)?;
    if out.len() as u64 > limit {
        return Err(IngestError::TooLarge { limit });
    }
    Ok(out)
}

fn reject(source: &str, err: IngestError) -> Rejected {
    Rejected {
        source: source.to_string(),
        error: err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn opts() -> Options {
        Options::default()
    }

    fn one(source: &str, bytes: &[u8]) -> Result<RawDoc, Rejected> {
        let mut v = read_bytes(source, bytes, &opts());
        assert_eq!(v.len(), 1, "{v:?}");
        v.remove(0)
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn text_and_html_by_extension() {
        let d = one("a.txt", b"Quay fire\n\nA fire broke out.").unwrap();
        assert_eq!(d.kind, BodyKind::Text);
        let d = one("a.htm", b"<p>Hello</p>").unwrap();
        assert_eq!(d.kind, BodyKind::Html);
        assert_eq!(d.source, "a.htm");
    }

    #[test]
    fn sniffs_unknown_extensions() {
        let d = one("-", b"<!DOCTYPE html><html><body><p>x</p></body></html>").unwrap();
        assert_eq!(d.kind, BodyKind::Html);
        let d = one("-", b"Just words.").unwrap();
        assert_eq!(d.kind, BodyKind::Text);
        let d = one("-", br#"{"title":"T","text":"Body here."}"#).unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        let v = read_bytes("-", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n", &opts());
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn gzip_is_decompressed_and_truncation_rejected() {
        let data = gz(b"The ferry sailed at noon.");
        let d = one("story.txt.gz", &data).unwrap();
        assert_eq!(d.body, "The ferry sailed at noon.");
        let cut = &data[..data.len() - 6];
        let e = one("story.txt.gz", cut).unwrap_err();
        assert!(e.error.contains("gzip"), "{}", e.error);
    }

    #[test]
    fn bad_inputs_are_rejected_with_reasons() {
        assert!(one("e.txt", b"").unwrap_err().error.contains("empty"));
        assert!(one("e.txt", b"  \n\t ")
            .unwrap_err()
            .error
            .contains("empty"));
        let bin = [0u8, 1, 2, 3, 0xff, 0xfe, 0, 0, 9, 0, 0, 7];
        assert!(one("b.txt", &bin).unwrap_err().error.contains("binary"));
        let bad = b"caf\xe9 au lait ist gut";
        let e = one("x.txt", bad).unwrap_err();
        assert!(e.error.contains("UTF-8"), "{}", e.error);
        let e = one("x.json", b"{\"text\": ").unwrap_err();
        assert!(e.error.contains("malformed JSON"), "{}", e.error);
        let small = Options { max_bytes: 10 };
        let v = read_bytes("big.txt", b"0123456789abc", &small);
        assert!(v[0].as_ref().unwrap_err().error.contains("too large"));
        let v = read_bytes("big.txt.gz", &gz(&[b'a'; 100]), &small);
        assert!(v[0].as_ref().unwrap_err().error.contains("too large"));
    }

    #[test]
    fn expand_walks_directories_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("b.txt"), "B text.").unwrap();
        std::fs::write(root.join("a.txt"), "A text.").unwrap();
        std::fs::write(root.join("sub/c.html"), "<p>C</p>").unwrap();
        std::fs::write(root.join(".hidden.txt"), "H").unwrap();
        std::fs::write(root.join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
        let arg = root.display().to_string();
        let missing = root.join("nope.txt").display().to_string();
        let inputs = expand(&[arg, missing.clone()]);
        let names: Vec<String> = inputs
            .iter()
            .map(|r| match r {
                Ok(i) => i.source().rsplit('/').next().unwrap().to_string(),
                Err(e) => format!("ERR {}", e.source.rsplit('/').next().unwrap()),
            })
            .collect();
        assert_eq!(
            names,
            ["a.txt", "b.txt", "photo.png", "c.html", "ERR nope.txt"]
        );
        let png = inputs[2].as_ref().unwrap();
        let e = read_input(png, &opts());
        assert!(e[0].as_ref().unwrap_err().error.contains("unsupported"));
        let a = read_input(inputs[0].as_ref().unwrap(), &opts());
        assert_eq!(a[0].as_ref().unwrap().body, "A text.");
    }

    #[test]
    fn oversized_file_rejected_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 2000]).unwrap();
        let input = Input::File {
            shown: "big.txt".into(),
            path: p,
            explicit: true,
        };
        let v = read_input(&input, &Options { max_bytes: 1000 });
        assert!(v[0].as_ref().unwrap_err().error.contains("too large"));
    }
}
