//! `search_latency`: in-process search latency of a Parallax collection (run by bench/add.sh).
//!
//! Opens `DATA_DIR/index` with `parallax-search` and runs a fixed query mix built from the
//! collection itself (read with `parallax-store`): the rarest word of an article title, its two
//! rarest title words, a quoted phrase of the title around the rarest word, that word with an
//! outlet filter or with the article's month as date range, any title word (frequent ones
//! included, all kinds of documents), a quote search filtered by speaker, and filter-only
//! listings (outlet, month). Every query is run once to warm the page
//! cache, then timed one by one; the report gives p50/p90/p99/max in milliseconds.
//!
//! A fast wrong answer must not pass: every query knows what it must find (the article whose
//! title it came from, the quote occurrence it came from, or only hits that satisfy the filter),
//! and the run fails when more than `--max-miss` percent (default 3) of the queries miss, or on
//! any search error. Except for the any-title-word queries (which must return some hit), words
//! are chosen rare (in at most 10 articles, counted with a plain
//! lowercase split) so that the expected article belongs in the first page of 20 hits.
//!
//! Sampling uses a fixed-seed generator over the articles in arrival order: the same collection
//! gives the same queries.
//!
//! Usage: search_latency DATA_DIR [--queries N] [--max-miss PERCENT]

use anyhow::{bail, Context, Result};
use parallax_search::{Hit, Index, Kind, Query};
use parallax_store::{QuoteFilter, Store};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// Page size of every query, as a search page would ask.
const LIMIT: usize = 20;
/// A query word must occur in at most this many articles.
const MAX_DF: usize = 10;

struct Args {
    data: PathBuf,
    queries: usize,
    max_miss: f64,
}

fn parse_args() -> Result<Args> {
    let mut data = None;
    let mut queries = 1000;
    let mut max_miss = 3.0;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "--queries" => {
                let v = value("--queries")?;
                queries = v.parse().with_context(|| format!("--queries {v}"))?;
            }
            "--max-miss" => {
                let v = value("--max-miss")?;
                max_miss = v.parse().with_context(|| format!("--max-miss {v}"))?;
            }
            "-h" | "--help" => {
                println!("usage: search_latency DATA_DIR [--queries N] [--max-miss PERCENT]");
                std::process::exit(0);
            }
            other if data.is_none() && !other.starts_with('-') => data = Some(PathBuf::from(other)),
            other => bail!("unexpected argument {other:?}"),
        }
    }
    let data = data.context("usage: search_latency DATA_DIR [--queries N] [--max-miss PERCENT]")?;
    if queries == 0 {
        bail!("--queries must be at least 1");
    }
    Ok(Args {
        data,
        queries,
        max_miss,
    })
}

/// SplitMix64: a tiny fixed-seed generator, so the query mix is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Lowercase runs of alphanumeric characters (how the index's tokenizer splits, before
/// stemming).
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A token usable as a query word: plain ASCII letters, not too short or long.
fn plain(t: &str) -> bool {
    (3..=24).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_lowercase())
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Class {
    Word,
    CommonWord,
    TwoWords,
    Phrase,
    Outlet,
    DateRange,
    Speaker,
    Listing,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::Word => "word",
            Class::CommonWord => "common-word",
            Class::TwoWords => "two-words",
            Class::Phrase => "phrase",
            Class::Outlet => "outlet+word",
            Class::DateRange => "dates+word",
            Class::Speaker => "speaker-quote",
            Class::Listing => "filter-listing",
        }
    }
}

/// What a query must return.
enum Expect {
    /// This article among the hits.
    Article(String),
    /// This quote occurrence (article, start) among the hits.
    Quote(String, usize),
    /// At least one hit.
    Some,
}

struct Case {
    class: Class,
    query: Query,
    expect: Expect,
}

/// An article usable for title queries.
struct Titled {
    id: String,
    outlet: Option<String>,
    day: Option<String>,
    /// Title words, rarest first (by article frequency, then alphabetically).
    rare: Vec<String>,
    /// A phrase of 2-3 adjacent title tokens around the rarest word, if one exists.
    phrase: Option<String>,
}

/// Do all hits satisfy the query's filters? (The index promises exact filters.)
fn filters_hold(q: &Query, hits: &[Hit]) -> bool {
    hits.iter().all(|h| {
        let outlet_ok = q.outlet.as_ref().is_none_or(|o| {
            h.outlet
                .as_deref()
                .is_some_and(|ho| ho.eq_ignore_ascii_case(o))
        });
        let day = h.published.as_deref().and_then(|p| p.get(..10));
        let from_ok = q
            .from
            .as_deref()
            .is_none_or(|f| day.is_some_and(|d| d >= f));
        let to_ok = q.to.as_deref().is_none_or(|t| day.is_some_and(|d| d <= t));
        let kind_ok = q.kinds.is_empty() || q.kinds.contains(&h.kind);
        let speaker_ok = q.speaker.as_deref().is_none_or(|s| {
            let s = s.to_lowercase();
            h.speaker.as_deref().is_some_and(|hs| {
                let hs = hs.to_lowercase();
                hs == s || hs.rsplit(' ').next() == Some(s.as_str())
            })
        });
        outlet_ok && from_ok && to_ok && kind_ok && speaker_ok
    })
}

fn found(expect: &Expect, hits: &[Hit]) -> bool {
    match expect {
        Expect::Article(id) => hits
            .iter()
            .any(|h| h.kind == Kind::Article && h.article.as_deref() == Some(id.as_str())),
        Expect::Quote(id, start) => hits.iter().any(|h| {
            h.kind == Kind::Quote
                && h.article.as_deref() == Some(id.as_str())
                && h.start == Some(*start)
        }),
        Expect::Some => !hits.is_empty(),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let index_dir = args.data.join("index");
    if !index_dir.is_dir() {
        bail!(
            "{}: no search index (run `parallax add` first)",
            index_dir.display()
        );
    }
    let store = Store::open_read_only(&args.data)
        .with_context(|| format!("opening the store in {}", args.data.display()))?;

    // Read every article (arrival order) and count in how many articles each word occurs.
    let mut articles = Vec::new();
    loop {
        let page = store
            .articles(500, articles.len())
            .with_context(|| format!("reading articles of {}", args.data.display()))?;
        if page.is_empty() {
            break;
        }
        articles.extend(page);
    }
    if articles.is_empty() {
        bail!("{}: the collection has no articles", args.data.display());
    }
    let mut df: HashMap<String, usize> = HashMap::new();
    for a in &articles {
        let mut words = tokens(a.article.title.as_deref().unwrap_or(""));
        words.extend(tokens(&a.article.text));
        words.sort();
        words.dedup();
        for w in words {
            *df.entry(w).or_default() += 1;
        }
    }
    let df_of = |w: &str| df.get(w).copied().unwrap_or(0);

    let mut titled = Vec::new();
    // Every plain title word of every article, repeats kept: sampling from it favours the
    // words titles use often, as a reader's queries would.
    let mut title_words = Vec::new();
    for a in &articles {
        let Some(title) = a.article.title.as_deref() else {
            continue;
        };
        let all = tokens(title);
        title_words.extend(all.iter().filter(|t| plain(t)).cloned());
        let mut rare: Vec<String> = all.iter().filter(|t| plain(t)).cloned().collect();
        rare.sort_by(|x, y| df_of(x).cmp(&df_of(y)).then_with(|| x.cmp(y)));
        rare.dedup();
        rare.retain(|w| df_of(w) >= 1 && df_of(w) <= MAX_DF);
        let Some(first) = rare.first() else {
            continue;
        };
        let phrase = all.iter().position(|t| t == first).and_then(|i| {
            let lo = i.saturating_sub(1);
            let hi = (i + 2).min(all.len());
            let window = &all[lo..hi];
            (window.len() >= 2 && window.iter().all(|t| t.len() <= 40))
                .then(|| format!("\"{}\"", window.join(" ")))
        });
        titled.push(Titled {
            id: a.article.id.clone(),
            outlet: a.article.outlet.clone(),
            day: a
                .article
                .published
                .as_deref()
                .and_then(|p| p.get(..10))
                .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
                .map(str::to_string),
            rare,
            phrase,
        });
    }
    if titled.is_empty() {
        bail!(
            "{}: no article has a title word to search for",
            args.data.display()
        );
    }
    let with_outlet: Vec<&Titled> = titled.iter().filter(|t| t.outlet.is_some()).collect();
    let with_day: Vec<&Titled> = titled.iter().filter(|t| t.day.is_some()).collect();
    let two: Vec<&Titled> = titled.iter().filter(|t| t.rare.len() >= 2).collect();
    let phrased: Vec<&Titled> = titled.iter().filter(|t| t.phrase.is_some()).collect();

    // Quotes with a named speaker and a rare plain word in their text.
    let quotes = store
        .quotes(&QuoteFilter::default())
        .with_context(|| format!("reading quotes of {}", args.data.display()))?;
    let mut speaker_quotes = Vec::new();
    for q in &quotes {
        let Some(speaker) = q.speaker.as_deref().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let mut words: Vec<String> = tokens(&q.text).into_iter().filter(|t| plain(t)).collect();
        words.sort_by(|x, y| df_of(x).cmp(&df_of(y)).then_with(|| x.cmp(y)));
        if let Some(w) = words.first() {
            speaker_quotes.push((q, speaker.to_string(), w.clone()));
        }
    }
    let mut outlets: Vec<String> = articles
        .iter()
        .filter_map(|a| a.article.outlet.clone())
        .collect();
    outlets.sort();
    outlets.dedup();
    let mut months: Vec<String> = titled
        .iter()
        .filter_map(|t| t.day.as_deref().map(|d| d[..7].to_string()))
        .collect();
    months.sort();
    months.dedup();

    let mut rng = Rng(0x5EED_0F5E_A7C4);
    let classes = [
        Class::Word,
        Class::CommonWord,
        Class::TwoWords,
        Class::Phrase,
        Class::Outlet,
        Class::DateRange,
        Class::Speaker,
        Class::Listing,
    ];
    let mut cases = Vec::with_capacity(args.queries);
    let mut i = 0usize;
    while cases.len() < args.queries {
        let class = classes[i % classes.len()];
        i += 1;
        if i > args.queries * classes.len() * 2 {
            bail!(
                "could not build {} queries from this collection",
                args.queries
            );
        }
        let base = Query {
            limit: LIMIT,
            ..Default::default()
        };
        let case = match class {
            Class::Word => {
                let t = &titled[rng.pick(titled.len())];
                Case {
                    class,
                    query: Query {
                        text: t.rare[0].clone(),
                        kinds: vec![Kind::Article],
                        ..base
                    },
                    expect: Expect::Article(t.id.clone()),
                }
            }
            Class::CommonWord if !title_words.is_empty() => {
                // Any title word, however frequent: it must at least find something.
                Case {
                    class,
                    query: Query {
                        text: title_words[rng.pick(title_words.len())].clone(),
                        ..base
                    },
                    expect: Expect::Some,
                }
            }
            Class::TwoWords if !two.is_empty() => {
                let t = two[rng.pick(two.len())];
                Case {
                    class,
                    query: Query {
                        text: format!("{} {}", t.rare[0], t.rare[1]),
                        kinds: vec![Kind::Article],
                        ..base
                    },
                    expect: Expect::Article(t.id.clone()),
                }
            }
            Class::Phrase if !phrased.is_empty() => {
                let t = phrased[rng.pick(phrased.len())];
                Case {
                    class,
                    query: Query {
                        text: t.phrase.clone().unwrap_or_default(),
                        kinds: vec![Kind::Article],
                        ..base
                    },
                    expect: Expect::Article(t.id.clone()),
                }
            }
            Class::Outlet if !with_outlet.is_empty() => {
                let t = with_outlet[rng.pick(with_outlet.len())];
                Case {
                    class,
                    query: Query {
                        text: t.rare[0].clone(),
                        outlet: t.outlet.clone(),
                        ..base
                    },
                    expect: Expect::Article(t.id.clone()),
                }
            }
            Class::DateRange if !with_day.is_empty() => {
                let t = with_day[rng.pick(with_day.len())];
                let day = t.day.clone().unwrap_or_default();
                // The article's month: `YYYY-MM-01` to `YYYY-MM-31` (bounds compare as text).
                Case {
                    class,
                    query: Query {
                        text: t.rare[0].clone(),
                        from: Some(format!("{}-01", &day[..7])),
                        to: Some(format!("{}-31", &day[..7])),
                        ..base
                    },
                    expect: Expect::Article(t.id.clone()),
                }
            }
            Class::Speaker if !speaker_quotes.is_empty() => {
                let (q, speaker, word) = &speaker_quotes[rng.pick(speaker_quotes.len())];
                // Alternate full name and last word, both documented filter forms.
                let speaker = if rng.next() % 2 == 0 {
                    speaker.clone()
                } else {
                    speaker.rsplit(' ').next().unwrap_or(speaker).to_string()
                };
                Case {
                    class,
                    query: Query {
                        text: word.clone(),
                        kinds: vec![Kind::Quote],
                        speaker: Some(speaker),
                        ..base
                    },
                    expect: Expect::Quote(q.article.clone(), q.start),
                }
            }
            Class::Listing if !outlets.is_empty() || !months.is_empty() => {
                let by_outlet = months.is_empty() || (!outlets.is_empty() && rng.next() % 2 == 0);
                let query = if by_outlet {
                    Query {
                        outlet: Some(outlets[rng.pick(outlets.len())].clone()),
                        ..base
                    }
                } else {
                    let m = &months[rng.pick(months.len())];
                    Query {
                        from: Some(format!("{m}-01")),
                        to: Some(format!("{m}-31")),
                        kinds: vec![Kind::Article],
                        ..base
                    }
                };
                Case {
                    class,
                    query,
                    expect: Expect::Some,
                }
            }
            _ => continue,
        };
        cases.push(case);
    }

    let index = Index::open(&index_dir)
        .with_context(|| format!("opening the index {}", index_dir.display()))?;
    let docs = index.num_docs();

    // Warm-up pass: every query once (page cache, reader caches).
    for c in &cases {
        index
            .search(&c.query)
            .with_context(|| format!("warm-up query {:?}", c.query.text))?;
    }
    let mut all_ms = Vec::with_capacity(cases.len());
    let mut per_class: HashMap<Class, (Vec<f64>, usize)> = HashMap::new();
    let mut misses = 0usize;
    let mut bad_filters = 0usize;
    let mut examples = Vec::new();
    let mut total_hits = 0usize;
    for c in &cases {
        let started = Instant::now();
        let hits = index
            .search(&c.query)
            .with_context(|| format!("{} query {:?}", c.class.name(), c.query.text))?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        total_hits += hits.len();
        all_ms.push(ms);
        let entry = per_class.entry(c.class).or_default();
        entry.0.push(ms);
        let ok_filters = filters_hold(&c.query, &hits);
        let ok = found(&c.expect, &hits);
        if !ok_filters {
            bad_filters += 1;
        }
        if !ok || !ok_filters {
            misses += 1;
            entry.1 += 1;
            if examples.len() < 5 {
                examples.push(format!(
                    "{} {:?} outlet={:?} from={:?} speaker={:?}: {} hits{}",
                    c.class.name(),
                    c.query.text,
                    c.query.outlet,
                    c.query.from,
                    c.query.speaker,
                    hits.len(),
                    if ok_filters {
                        ""
                    } else {
                        ", a hit breaks the filter"
                    }
                ));
            }
        }
    }
    all_ms.sort_by(f64::total_cmp);
    let mut by_class: Vec<(Class, (Vec<f64>, usize))> = per_class.into_iter().collect();
    by_class.sort_by_key(|(class, _)| *class);
    for (class, (mut ms, miss)) in by_class {
        ms.sort_by(f64::total_cmp);
        println!(
            "  {:<15} {:>5} queries  p50 {:.2} ms  p99 {:.2} ms  misses {}",
            class.name(),
            ms.len(),
            percentile(&ms, 50.0),
            percentile(&ms, 99.0),
            miss
        );
    }
    for e in &examples {
        println!("  miss: {e}");
    }
    let n = all_ms.len();
    let miss_pct = 100.0 * misses as f64 / n as f64;
    println!(
        "search latency: {n} queries over {} articles ({docs} index docs), limit {LIMIT}: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {:.1} hits/query; misses {misses} ({miss_pct:.1}%)",
        articles.len(),
        percentile(&all_ms, 50.0),
        percentile(&all_ms, 90.0),
        percentile(&all_ms, 99.0),
        all_ms.last().copied().unwrap_or(0.0),
        total_hits as f64 / n as f64,
    );
    if bad_filters > 0 {
        bail!("{bad_filters} queries returned hits that break their filters");
    }
    if miss_pct > args.max_miss {
        bail!(
            "{misses} of {n} queries ({miss_pct:.1}%) missed what they must find (allowed {}%)",
            args.max_miss
        );
    }
    Ok(())
}
