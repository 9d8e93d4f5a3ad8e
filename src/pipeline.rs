//! The pipeline behind the commands: ingest -> extract -> outlet boilerplate
//! -> articles with their text model. Per-document work runs in parallel
//! (rayon) and keeps input order, so output is deterministic.

use parallax_annotate::Annotations;
use parallax_core::{article_id, Article, Extracted, Rejected};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;

pub struct Options {
    pub ingest: parallax_ingest::Options,
    /// Show a progress bar (only ever drawn on a terminal).
    pub progress: bool,
    /// Run the per-article annotation stage (entities, quotes, facts).
    pub annotate: bool,
}

/// One input document's outcome, in input order.
pub type Entry = Result<Article, Rejected>;

/// The outcome of a run over all inputs.
pub struct Run {
    pub entries: Vec<Entry>,
    /// Per-article annotations, aligned with `entries` (None for rejected
    /// entries, or when annotation was not asked for).
    pub annotations: Vec<Option<Annotations>>,
    /// Stories: groups of indices into `entries` (annotated articles only),
    /// each in input order, groups in order of their first article.
    pub groups: Vec<Vec<usize>>,
}

impl Run {
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.entries.iter().filter_map(|e| e.as_ref().ok())
    }

    pub fn rejected(&self) -> impl Iterator<Item = &Rejected> {
        self.entries.iter().filter_map(|e| e.as_ref().err())
    }

    /// (read, rejected) counts for the summary line.
    pub fn counts(&self) -> (usize, usize) {
        let rejected = self.rejected().count();
        (self.entries.len() - rejected, rejected)
    }
}

pub fn run(paths: &[String], opts: &Options) -> Run {
    let inputs = parallax_ingest::expand(paths);
    let bar = progress_bar(inputs.len() as u64, opts.progress);
    let t0 = std::time::Instant::now();
    let extracted: Vec<Result<(String, Extracted), Rejected>> = inputs
        .par_iter()
        .map(|input| {
            let docs = match input {
                Err(rej) => vec![Err(rej.clone())],
                Ok(input) => parallax_ingest::read_input(input, &opts.ingest)
                    .into_iter()
                    .map(|doc| {
                        doc.map(|d| {
                            let ex = parallax_extract::extract(&d);
                            (d.source, ex)
                        })
                    })
                    .collect(),
            };
            bar.inc(1);
            docs
        })
        .flatten_iter()
        .collect();
    bar.finish_and_clear();
    let mut extracted = extracted;
    let t1 = std::time::Instant::now();
    remove_outlet_boilerplate(&mut extracted);
    let t2 = std::time::Instant::now();
    let entries = build_articles(extracted);
    let t3 = std::time::Instant::now();
    for e in &entries {
        if let Err(r) = e {
            tracing::info!(source = %r.source, error = %r.error, "rejected");
        }
    }
    let t4 = std::time::Instant::now();
    let annotations = if opts.annotate {
        entries
            .par_iter()
            .map(|e| e.as_ref().ok().map(parallax_annotate::annotate))
            .collect()
    } else {
        vec![None; entries.len()]
    };
    let mut run = Run {
        entries,
        annotations,
        groups: Vec::new(),
    };
    if opts.annotate {
        let t5 = std::time::Instant::now();
        relate(&mut run);
        tracing::info!(
            annotate_ms = (t5 - t4).as_millis() as u64,
            relate_ms = t5.elapsed().as_millis() as u64,
            "stage times"
        );
    }
    tracing::info!(
        extract_ms = (t1 - t0).as_millis() as u64,
        outlet_boilerplate_ms = (t2 - t1).as_millis() as u64,
        text_model_ms = (t3 - t2).as_millis() as u64,
        "stage times"
    );
    run
}

/// The cross-article stage of a one-off run: group the annotated articles
/// into stories, then resolve the relative dates of undated articles
/// ("last week", "in August") against the earliest publication date of
/// their story.
fn relate(run: &mut Run) {
    let idx: Vec<usize> = (0..run.entries.len())
        .filter(|&i| run.entries[i].is_ok() && run.annotations[i].is_some())
        .collect();
    let groups = {
        let arts: Vec<(&Article, &Annotations)> = idx
            .iter()
            .map(|&i| {
                (
                    run.entries[i].as_ref().unwrap(),
                    run.annotations[i].as_ref().unwrap(),
                )
            })
            .collect();
        story_groups(&arts)
    };
    run.groups = groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| g.into_iter().map(|k| idx[k]).collect())
        .collect();
    for g in &run.groups {
        let arts: Vec<&Article> = g
            .iter()
            .filter_map(|&i| run.entries[i].as_ref().ok())
            .collect();
        let mut anns: Vec<Annotations> = g
            .iter()
            .map(|&i| run.annotations[i].take().unwrap_or_default())
            .collect();
        redate_group(&arts, &mut anns);
        for (&i, ann) in g.iter().zip(anns) {
            run.annotations[i] = Some(ann);
        }
    }
}

/// Resolve the relative dates of a story's undated articles ("last week",
/// "in August") against the earliest publication date of the story. Only
/// articles with some date left unresolved for lack of a reference are
/// re-dated. `arts` and `anns` are aligned.
pub fn redate_group(arts: &[&Article], anns: &mut [Annotations]) {
    let reference = arts
        .iter()
        .filter_map(|a| a.published.as_deref())
        .filter_map(parse_day)
        .min();
    let Some(reference) = reference else { return };
    for (art, ann) in arts.iter().zip(anns.iter_mut()) {
        if art.published.as_deref().and_then(parse_day).is_some() {
            continue;
        }
        // ("last week" as PAST_REF, "Friday" as XXXX-...).
        let unresolved = ann.facts.iter().any(|f| {
            f.kind == parallax_annotate::FactKind::Date
                && matches!(&f.value, parallax_annotate::FactValue::Text(v)
                    if v.contains('X') || v.ends_with("_REF"))
        });
        if unresolved {
            parallax_annotate::redate(art, ann, reference);
        }
    }
}

pub fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Group documents by outlet and let the plain-text cleaner learn each
/// outlet's repeated boilerplate.
fn remove_outlet_boilerplate(docs: &mut [Result<(String, Extracted), Rejected>]) {
    let mut groups: BTreeMap<String, Vec<&mut Extracted>> = BTreeMap::new();
    for (_, ex) in docs.iter_mut().flatten() {
        if let Some(outlet) = ex.meta.outlet.as_deref() {
            let key = outlet.trim().to_lowercase();
            groups.entry(key).or_default().push(ex);
        }
    }
    for group in groups.values_mut().filter(|g| g.len() >= 2) {
        parallax_extract::plain::remove_outlet_boilerplate(group);
    }
}

fn build_articles(docs: Vec<Result<(String, Extracted), Rejected>>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = docs
        .into_par_iter()
        .map(|doc| {
            let (source, ex) = doc?;
            if ex.text.trim().is_empty() {
                return Err(Rejected {
                    source,
                    error: "no article text found".into(),
                });
            }
            Ok(parallax_text::article(source, ex))
        })
        .collect();
    // Ids must be unique in a report: the same article given twice is
    // rejected as a duplicate; different texts under one URL get ids that
    // also hash the text.
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for i in 0..entries.len() {
        let Ok(art) = &entries[i] else { continue };
        match seen.get(&art.id) {
            None => {
                seen.insert(art.id.clone(), (i, art.source.clone()));
            }
            Some((j, first)) => {
                // Same text up to case and whitespace (a re-flowed copy):
                // the text hash, which ignores both, is equal.
                let same_text = matches!(&entries[*j], Ok(a) if a.text == art.text
                    || article_id(None, &a.text) == article_id(None, &art.text));
                if same_text {
                    entries[i] = Err(Rejected {
                        source: art.source.clone(),
                        error: format!("duplicate of {first} (article {})", art.id),
                    });
                } else {
                    let mut art = entries[i].as_ref().unwrap().clone();
                    art.id = article_id(
                        None,
                        &format!("{}\n{}", art.url.as_deref().unwrap_or(""), art.text),
                    );
                    seen.insert(art.id.clone(), (i, art.source.clone()));
                    entries[i] = Ok(art);
                }
            }
        }
    }
    entries
}

/// Group the run's annotated articles (in input order) into stories with
/// `parallax-relate`: groups of indices into `annotated`, each group in
/// input order, groups in order of their first article. The grouping does
/// not depend on the input order (see `parallax_relate::cluster_batch`).
pub fn story_groups(annotated: &[(&Article, &Annotations)]) -> Vec<Vec<usize>> {
    let cfg = parallax_relate::Config::default();
    let docs: Vec<parallax_relate::Doc> = annotated
        .par_iter()
        .map(|(art, ann)| parallax_relate::Doc::from_article_with(art, Some(ann), &cfg))
        .collect();
    parallax_relate::cluster_batch(&docs, cfg)
}

/// One story per group of [`Run::groups`], in order of each group's first
/// article.
pub fn grouped_stories<'a>(
    run: &'a Run,
    opts: &parallax_story::Options,
) -> Vec<parallax_story::Story<'a>> {
    // Stories are independent: build them in parallel (order kept).
    run.groups
        .par_iter()
        .map(|g| {
            let group: Vec<(&Article, &Annotations)> = g
                .iter()
                .filter_map(|&i| {
                    Some((run.entries[i].as_ref().ok()?, run.annotations[i].as_ref()?))
                })
                .collect();
            parallax_story::build_story(&group, opts)
        })
        .collect()
}

fn progress_bar(len: u64, wanted: bool) -> indicatif::ProgressBar {
    if !wanted || len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {pos}/{len} inputs [{bar:30}] {per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}
