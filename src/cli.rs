//! Command-line interface (clap). Exit codes:
//! - 0: the command ran; inputs that could not be read are listed as
//!   rejected in the output and counted on stderr, they do not fail the run;
//! - 1: a fatal error (for instance the output file cannot be written);
//! - 2: a usage error (unknown option, missing argument).

use crate::{pipeline, report};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "parallax",
    version,
    about = "Reads many news articles about the same events and shows every side of a story",
    after_help = "Exit codes: 0 ran (unreadable inputs are listed as rejected), 1 fatal error, 2 usage error.\n\
                  Logs: set PARALLAX_LOG (e.g. PARALLAX_LOG=debug) or pass -v."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: Global,
}

#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// No progress bar and no summary line on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Largest document accepted, after decompression (bytes; suffixes K, M, G).
    #[arg(long, global = true, default_value = "20M", value_parser = parse_size)]
    pub max_size: u64,
    /// Worker threads (default: all cores).
    #[arg(long, global = true)]
    pub threads: Option<usize>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract clean text and metadata from each input document.
    ///
    /// Writes one JSON object per document, in input order: source, id, outlet,
    /// title, byline, published, url, language, text, removed. A document that
    /// cannot be read gives {"source", "error"} and the run goes on.
    Extract {
        /// Files, directories (walked recursively) or - for stdin.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Write to FILE instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Analyze the inputs and write the report (articles, rejected, stories).
    Analyze {
        /// Files, directories (walked recursively) or - for stdin.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
        format: AnalyzeFormat,
        /// Write to FILE instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Sentences per story summary.
        #[arg(long, value_name = "N", default_value_t = 5)]
        summary_sentences: usize,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ExtractFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum AnalyzeFormat {
    /// The full report as JSON (see docs/report-format.md).
    Json,
    /// A readable summary for the terminal.
    Text,
    /// One self-contained HTML page (no network, no external assets).
    Html,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix {c:?} (use K, M or G)")),
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    let n: u64 = num
        .trim()
        .parse()
        .map_err(|_| format!("not a size: {s:?}"))?;
    n.checked_mul(mult).ok_or_else(|| "size too large".into())
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    init_logging(&cli.global);
    if let Some(n) = cli.global.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    let opts = pipeline::Options {
        ingest: parallax_ingest::Options {
            max_bytes: cli.global.max_size,
        },
        progress: !cli.global.quiet,
        annotate: matches!(cli.command, Command::Analyze { .. }),
    };
    match cli.command {
        Command::Extract { paths, format, out } => {
            let run = pipeline::run(&paths, &opts);
            let mut w = output(out.as_ref())?;
            match format {
                ExtractFormat::Jsonl => report::write_extract_jsonl(&run, &mut w)?,
                ExtractFormat::Json => report::write_extract_json(&run, &mut w)?,
            }
            w.flush().context("writing output")?;
            summary(&cli.global, &run);
        }
        Command::Analyze {
            paths,
            format,
            out,
            summary_sentences,
        } => {
            let run = pipeline::run(&paths, &opts);
            let story_opts = parallax_story::Options { summary_sentences };
            let rep = report::Report::build(&run, &story_opts);
            let mut w = output(out.as_ref())?;
            match format {
                AnalyzeFormat::Json => report::write_json(&rep, &mut w)?,
                AnalyzeFormat::Text => report::write_text(&rep, &mut w)?,
                AnalyzeFormat::Html => crate::html::write_html(&rep, &mut w)?,
            }
            w.flush().context("writing output")?;
            summary(&cli.global, &run);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn output(path: Option<&PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn summary(global: &Global, run: &pipeline::Run) {
    if !global.quiet {
        let (read, rejected) = run.counts();
        eprintln!("{read} read, {rejected} rejected");
    }
}

fn init_logging(global: &Global) {
    use tracing_subscriber::EnvFilter;
    let default = match (global.quiet, global.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter =
        EnvFilter::try_from_env("PARALLAX_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("1k"), Ok(1024));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
    }

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
