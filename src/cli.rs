//! Command-line interface (clap). Exit codes:
//! - 0: the command ran; inputs that could not be read are listed as
//!   rejected in the output and counted on stderr, they do not fail the run;
//! - 1: a fatal error (for instance the output file cannot be written);
//! - 2: a usage error (unknown option, missing argument).

use crate::{commands, pipeline, report};
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
    /// Add articles to a collection (files, directories, WARC, feeds, sitemaps, URLs).
    ///
    /// Prints one line per input once its batch is committed:
    /// `added ID STORY SOURCE`, `duplicate ID-OF-STORED SOURCE` or
    /// `rejected SOURCE REASON`. Adding the same article twice changes nothing.
    Add {
        /// Files, directories, .warc/.warc.gz files, feed or sitemap files, or http(s) URLs.
        #[arg(required = true)]
        inputs: Vec<String>,
        #[command(flatten)]
        data: DataDir,
        /// Documents per committed batch.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Sentences per story summary.
        #[arg(long, value_name = "N", default_value_t = 5)]
        summary_sentences: usize,
        #[command(flatten)]
        net: NetOptions,
    },
    /// Poll feeds (a file of feed URLs or paths, one per line) and add new articles.
    Watch {
        /// The feed list: one URL or path per line, # for comments.
        feeds: PathBuf,
        #[command(flatten)]
        data: DataDir,
        /// Time between polls (e.g. 15m, 1h, 30s).
        #[arg(long, default_value = "15m", value_parser = commands::parse_duration)]
        every: std::time::Duration,
        /// Poll once and stop.
        #[arg(long)]
        once: bool,
        /// Documents per committed batch.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        #[command(flatten)]
        net: NetOptions,
    },
    /// List the stories of a collection, the latest news first.
    Stories {
        #[command(flatten)]
        data: DataDir,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = commands::ListFormat::Text)]
        format: commands::ListFormat,
    },
    /// Show one story (by story id or by the id of one of its articles).
    Show {
        id: String,
        #[command(flatten)]
        data: DataDir,
        #[arg(long, value_enum, default_value_t = commands::ShowFormat::Text)]
        format: commands::ShowFormat,
        /// Write to FILE instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Sentences per story summary (text format).
        #[arg(long, value_name = "N", default_value_t = 5)]
        summary_sentences: usize,
    },
    /// Full-text search over the articles, quotes and entities of a collection.
    Search {
        /// Words, "a phrase", or nothing to list what the filters match.
        #[arg(default_value = "")]
        query: String,
        #[command(flatten)]
        data: DataDir,
        /// Only this outlet (case-insensitive).
        #[arg(long)]
        outlet: Option<String>,
        /// Published on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Published on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Quotes by this speaker (full name or last name).
        #[arg(long)]
        speaker: Option<String>,
        /// Only this story.
        #[arg(long)]
        story: Option<String>,
        /// Only these kinds of hits (repeatable): article, quote, entity.
        #[arg(long, value_enum)]
        kind: Vec<SearchKind>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = commands::ListFormat::Text)]
        format: commands::ListFormat,
    },
    /// Serve the collection: JSON API under /api/ (OpenAPI at /api/openapi.json) and a web app.
    ///
    /// The add endpoint (POST /api/articles) is off unless PARALLAX_API_TOKEN is set;
    /// then it needs `Authorization: Bearer TOKEN`.
    Serve {
        #[command(flatten)]
        data: DataDir,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
    /// Check a collection: SQLite integrity, invariants, search index in step.
    Check {
        #[command(flatten)]
        data: DataDir,
        /// Rebuild the search index when it is behind the store.
        #[arg(long)]
        repair: bool,
    },
}

/// How URLs are fetched.
#[derive(clap::Args, Debug, Clone)]
pub struct NetOptions {
    /// Least time between two requests to one host.
    #[arg(long, default_value = "1s", value_parser = commands::parse_duration)]
    pub per_host_interval: std::time::Duration,
    /// Give up on a request after this long (body included).
    #[arg(long, default_value = "20s", value_parser = commands::parse_duration)]
    pub timeout: std::time::Duration,
    /// Most pages fetched from one feed or sitemap.
    #[arg(long, default_value_t = 500)]
    pub max_items: usize,
    /// Fetch pages even where robots.txt disallows it (for your own sites).
    #[arg(long)]
    pub ignore_robots: bool,
}

impl NetOptions {
    fn settings(&self) -> crate::sources::FetchSettings {
        crate::sources::FetchSettings {
            per_host_interval: self.per_host_interval,
            timeout: self.timeout,
            respect_robots: !self.ignore_robots,
            max_items: self.max_items,
            ..Default::default()
        }
    }
}

/// The collection directory.
#[derive(clap::Args, Debug, Clone)]
pub struct DataDir {
    /// Collection directory (created by `add` when missing).
    #[arg(long = "data", env = "PARALLAX_DATA", default_value = "parallax-data")]
    pub dir: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SearchKind {
    Article,
    Quote,
    Entity,
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
        Command::Add {
            inputs,
            data,
            batch,
            summary_sentences,
            net,
        } => {
            let opts = commands::AddOptions {
                ingest: opts.ingest.clone(),
                batch,
                quiet: cli.global.quiet,
                story: parallax_story::Options { summary_sentences },
                fetch: net.settings(),
            };
            commands::add(&data.dir, &inputs, &opts)?;
        }
        Command::Watch {
            feeds,
            data,
            every,
            once,
            batch,
            net,
        } => {
            let opts = commands::AddOptions {
                ingest: opts.ingest.clone(),
                batch,
                quiet: cli.global.quiet,
                story: parallax_story::Options::default(),
                fetch: net.settings(),
            };
            commands::watch(&data.dir, &feeds, every, once, &opts)?;
        }
        Command::Stories {
            data,
            limit,
            format,
        } => {
            let mut w = output(None)?;
            commands::stories(&data.dir, limit, format, &mut w)?;
            w.flush().context("writing output")?;
        }
        Command::Show {
            id,
            data,
            format,
            out,
            summary_sentences,
        } => {
            let mut w = output(out.as_ref())?;
            let opts = parallax_story::Options { summary_sentences };
            commands::show(&data.dir, &id, format, &opts, &mut w)?;
            w.flush().context("writing output")?;
        }
        Command::Search {
            query,
            data,
            outlet,
            from,
            to,
            speaker,
            story,
            kind,
            limit,
            format,
        } => {
            let q = parallax_search::Query {
                text: query,
                kinds: kind
                    .into_iter()
                    .map(|k| match k {
                        SearchKind::Article => parallax_search::Kind::Article,
                        SearchKind::Quote => parallax_search::Kind::Quote,
                        SearchKind::Entity => parallax_search::Kind::Entity,
                    })
                    .collect(),
                outlet,
                from,
                to,
                speaker,
                story,
                limit,
                offset: 0,
            };
            let mut w = output(None)?;
            commands::search(&data.dir, &q, format, &mut w)?;
            w.flush().context("writing output")?;
        }
        Command::Serve { data, addr } => {
            let token = std::env::var("PARALLAX_API_TOKEN")
                .ok()
                .filter(|t| !t.trim().is_empty());
            crate::serve::run(crate::serve::ServeOptions {
                dir: data.dir,
                addr,
                token,
                ingest: opts.ingest.clone(),
            })?;
        }
        Command::Check { data, repair } => {
            let mut w = output(None)?;
            let ok = commands::check(&data.dir, repair, &mut w)?;
            w.flush().context("writing output")?;
            if !ok {
                return Ok(ExitCode::from(1));
            }
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
