//! Character decoding.
//!
//! Order of evidence, strongest first:
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE);
//! 2. the bytes are valid UTF-8 — taken as UTF-8 even when an HTML page
//!    declares another charset, because saved pages are often re-encoded
//!    without their `<meta charset>` being updated, and legacy-encoded text
//!    with non-ASCII bytes is practically never valid UTF-8 by chance;
//! 3. for HTML, the charset declared in the first 4 KiB (`<meta charset>`,
//!    `http-equiv="Content-Type"`, `<?xml encoding>`);
//! 4. for HTML without a declaration, chardetng's guess.
//!
//! Plain text and JSON must be UTF-8 (or carry a BOM): anything else is
//! rejected as invalid UTF-8 rather than guessed, so that no text is
//! silently garbled.

use crate::IngestError;
use encoding_rs::Encoding;

/// A decoded body and the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode document bytes to UTF-8. `html` enables charset declarations and
/// detection.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, IngestError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
        }),
        Err(e) => {
            let is_html = html || looks_like_html(bytes);
            if !is_html {
                return Err(IngestError::InvalidUtf8(e.valid_up_to()));
            }
            let enc = declared_charset(bytes).unwrap_or_else(|| {
                let mut det =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
                det.feed(bytes, true);
                det.guess(None, chardetng::Utf8Detection::Allow)
            });
            let (text, _, _) = enc.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
            })
        }
    }
}

/// NUL bytes, or many control characters, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len().max(1)
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<meta")
}

/// The charset an HTML page declares in its first 4 KiB, if encoding_rs knows it.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let mut i = from + pos + key.len();
            while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
                i += 1;
            }
            let start = i;
            while i < lower.len()
                && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':'))
            {
                i += 1;
            }
            if i > start {
                if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                    // A page that declares UTF-16 in ASCII bytes is not UTF-16.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        return Some(encoding_rs::UTF_8);
                    }
                    return Some(enc);
                }
            }
            from = from + pos + key.len();
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms() {
        let d = decode(b"\xef\xbb\xbfhello", false).unwrap();
        assert_eq!(d.text, "hello");
        let d = decode(b"\xff\xfeh\0i\0", false).unwrap();
        assert_eq!(d.text, "hi");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn declared_windows_1252() {
        let html = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>";
        let d = decode(html, true).unwrap();
        assert!(d.text.contains("Café “quoted”"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn declared_shift_jis_http_equiv() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("東京の記事");
        let mut html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body><p>".to_vec();
        html.extend_from_slice(&bytes);
        html.extend_from_slice(b"</p></body></html>");
        let d = decode(&html, true).unwrap();
        assert!(d.text.contains("東京の記事"));
        assert_eq!(d.encoding, "Shift_JIS");
    }

    #[test]
    fn valid_utf8_wins_over_wrong_declaration() {
        let html = "<meta charset=iso-8859-1><p>Zürich</p>";
        let d = decode(html.as_bytes(), true).unwrap();
        assert!(d.text.contains("Zürich"));
    }

    #[test]
    fn undeclared_legacy_html_is_detected() {
        let html = b"<html><body><p>Der B\xe4cker in M\xfcnchen \xf6ffnet fr\xfch, sagt die Stra\xdfe.</p></body></html>";
        let d = decode(html, true).unwrap();
        assert!(d.text.contains("Bäcker"), "{}", d.text);
    }

    #[test]
    fn binary_and_invalid_text() {
        assert!(matches!(
            decode(b"\x00\x01\x02abc", false),
            Err(IngestError::Binary)
        ));
        assert!(matches!(
            decode(b"ok \xc3\x28 no", false),
            Err(IngestError::InvalidUtf8(3))
        ));
    }
}
