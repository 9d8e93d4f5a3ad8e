//! Publication dates as pages and texts write them, normalised to ISO 8601.

/// Parse a date written in metadata or a byline line into `YYYY-MM-DD`
/// (placeholder: ISO prefixes only).
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
    {
        let d = &s[..10];
        return chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .ok()
            .map(|_| d.to_string());
    }
    None
}
