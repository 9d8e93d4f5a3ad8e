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

/// mimalloc instead of the system allocator: the pipeline makes many small,
/// short-lived allocations (tokens, lemmas, spans), and glibc malloc/free took
/// about 14% of a one-core `analyze` profile (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
