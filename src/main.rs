//! `parallax`: the command-line entry point. Thin: parses arguments, runs the
//! pipeline, writes the chosen format. See docs/ARCHITECTURE.md.

mod cli;
mod collection;
mod commands;
mod html;
mod pipeline;
mod report;
mod serve;
mod sources;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("parallax: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// `parallax ... | head` closes stdout early: not an error worth printing.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
