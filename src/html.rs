//! The self-contained HTML report (`analyze --format html`); being written.

use crate::report::Report;
use anyhow::Result;
use std::io::Write;

pub fn write_html(rep: &Report, w: &mut dyn Write) -> Result<()> {
    let _ = rep;
    w.write_all(b"<!doctype html>\n")?;
    Ok(())
}
