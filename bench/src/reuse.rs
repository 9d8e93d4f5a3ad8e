//! Provenance benchmarks (see docs/benchmarks.md, `## Provenance`).
//!
//! - `parallax-bench reuse make EVAL_DIR OUT_DIR [--threshold T] [--shingle K]`:
//!   the near-duplicate document set. Originals are the PolNeAR train texts,
//!   the BASIL articles and the MMDS dev articles; three of every four
//!   originals get one derived version, in turn a verbatim copy (paragraphs
//!   re-flowed), a light edit (about 4% of words
//!   deleted and 2% swapped with their neighbour) and a truncation (the
//!   first 70% of the paragraphs). Writes `docs.jsonl` (`id`, `family`,
//!   `kind`, `text`) and `truth.tsv` (`i j jaccard kind`: every pair whose
//!   exact Jaccard similarity of word `K`-shingles is at least T, and every
//!   original/derived pair, with the derivation or `-`).
//! - `parallax-bench reuse lsh OUT_DIR [--threshold T] [--num-perm N] [--shingle K] [--rounds R]`:
//!   our MinHash + LSH step over `docs.jsonl` on one thread: shingling,
//!   signatures, index and query of every document (best of R rounds), then
//!   precision and recall against `truth.tsv`, for the raw LSH candidates and
//!   for candidates kept when their estimated Jaccard is at least T.
//! - `parallax-bench reuse align EVAL_DIR`: [`find_reuse`] on the derived
//!   pairs (two-article stories) and on pairs of independent reports of one
//!   event (BASIL triplets, MMDS clusters, AllSides triplets): how many of each
//!   it calls reuse.

use anyhow::{bail, Context, Result};
use parallax_core::Article;
use parallax_relate::reuse::minhash::{jaccard, LshIndex, MinHasher};
use parallax_relate::reuse::{find_reuse, ReuseDoc, ReuseKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("make") => make(&args[1..]),
        Some("lsh") => lsh(&args[1..]),
        Some("align") => align(&args[1..]),
        _ => bail!("usage: parallax-bench reuse make|lsh|align ... (see bench/src/reuse.rs)"),
    }
}

/// An original article of the dev data.
struct Orig {
    text: String,
    /// Same-event group (`basil:..`, `mmds:..`, `allsides:..`), if any.
    group: Option<String>,
    date: Option<String>,
}

fn arg<T: std::str::FromStr>(it: &mut std::slice::Iter<String>, name: &str) -> Result<T> {
    it.next()
        .with_context(|| format!("{name} needs a value"))?
        .parse()
        .map_err(|_| anyhow::anyhow!("bad value for {name}"))
}

fn norm_paragraphs<'a>(paras: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = paras
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    v.join("\n\n")
}

fn load_polnear(eval: &Path) -> Result<Vec<Orig>> {
    let dir = eval.join("polnear/train/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(&f)?;
        // Paragraphs are separated by blank lines or single newlines.
        let text = norm_paragraphs(raw.lines());
        if !text.is_empty() {
            out.push(Orig {
                text,
                group: None,
                date: None,
            });
        }
    }
    Ok(out)
}

fn load_basil(eval: &Path) -> Result<Vec<Orig>> {
    let mut files = Vec::new();
    for y in std::fs::read_dir(eval.join("basil/articles"))? {
        let y = y?.path();
        if y.is_dir() {
            for f in std::fs::read_dir(&y)? {
                files.push(f?.path());
            }
        }
    }
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f)?)?;
        let paras: Vec<String> = v["body-paragraphs"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        p.as_array()
                            .map(|ss| {
                                ss.iter()
                                    .filter_map(|s| s.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let text = norm_paragraphs(paras.iter().map(String::as_str));
        if !text.is_empty() {
            out.push(Orig {
                text,
                group: v["triplet-uuid"].as_str().map(|t| format!("basil:{t}")),
                date: v["date"].as_str().map(str::to_string),
            });
        }
    }
    Ok(out)
}

fn load_mmds(eval: &Path) -> Result<Vec<Orig>> {
    let f = eval.join("mmds2025-clust-mcms/mds_ac_dev_final.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f)?)?;
    let arts = v["articles"].as_array().context("mmds: no articles")?;
    let labels = v["clusters"].as_array().context("mmds: no clusters")?;
    let mut out = Vec::new();
    for (a, l) in arts.iter().zip(labels) {
        let sents: Vec<&str> = a["sentences"]
            .as_array()
            .map(|s| s.iter().filter_map(|x| x["content"].as_str()).collect())
            .unwrap_or_default();
        let text = norm_paragraphs(sents.iter().copied());
        // Label 166 is a catch-all of unrelated articles (see its README).
        let label = l.to_string();
        if !text.is_empty() {
            out.push(Orig {
                text,
                group: (label != "166").then(|| format!("mmds:{label}")),
                date: None,
            });
        }
    }
    Ok(out)
}

fn load_allsides(eval: &Path) -> Result<Vec<Orig>> {
    let f = eval.join("neus-allsides/val.source");
    let mut out = Vec::new();
    for (n, line) in std::fs::read_to_string(&f)?.lines().enumerate() {
        for part in line.split(" [SEP] ") {
            let body = part.split_once("ARTICLE=>").map(|x| x.1).unwrap_or(part);
            let text = norm_paragraphs(std::iter::once(body));
            if !text.is_empty() {
                out.push(Orig {
                    text,
                    group: Some(format!("allsides:{n}")),
                    date: None,
                });
            }
        }
    }
    Ok(out)
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The derived versions of `text`.
fn derive(text: &str, kind: &str, seed: u64) -> String {
    let paras: Vec<&str> = text.split("\n\n").collect();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    match kind {
        "copy" => {
            // Re-flow: every third paragraph break becomes a space.
            let mut out = String::new();
            for (i, p) in paras.iter().enumerate() {
                if i > 0 {
                    out.push_str(if i % 3 == 0 { " " } else { "\n\n" });
                }
                out.push_str(p);
            }
            out
        }
        "edit" => {
            let mut out_paras = Vec::new();
            for p in &paras {
                let mut words: Vec<&str> = p.split(' ').collect();
                let mut i = 0;
                while i < words.len() {
                    let r = rng.unit();
                    if r < 0.04 && words.len() > 1 {
                        words.remove(i);
                        continue;
                    }
                    if r < 0.06 && i + 1 < words.len() {
                        words.swap(i, i + 1);
                        i += 1;
                    }
                    i += 1;
                }
                out_paras.push(words.join(" "));
            }
            out_paras.join("\n\n")
        }
        _ => {
            let keep = ((paras.len() as f64 * 0.7).ceil() as usize).max(1);
            paras[..keep.min(paras.len())].join("\n\n")
        }
    }
}

const KINDS: [&str; 3] = ["copy", "edit", "truncation"];

struct DocRow {
    family: usize,
    kind: String,
    text: String,
}

fn build_docs(eval: &Path) -> Result<Vec<DocRow>> {
    let mut origs = load_polnear(eval)?;
    origs.extend(load_basil(eval)?);
    origs.extend(load_mmds(eval)?);
    let mut docs = Vec::new();
    for (f, o) in origs.iter().enumerate() {
        docs.push(DocRow {
            family: f,
            kind: "original".into(),
            text: o.text.clone(),
        });
        if f % 4 < 3 {
            let kind = KINDS[f % 4];
            docs.push(DocRow {
                family: f,
                kind: kind.into(),
                text: derive(&o.text, kind, f as u64 + 1),
            });
        }
    }
    Ok(docs)
}

fn make(args: &[String]) -> Result<()> {
    let mut pos = Vec::new();
    let (mut threshold, mut k) = (0.5f64, 5usize);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--threshold" => threshold = arg(&mut it, a)?,
            "--shingle" => k = arg(&mut it, a)?,
            _ => pos.push(PathBuf::from(a)),
        }
    }
    let [eval, out] = pos.as_slice() else {
        bail!("usage: parallax-bench reuse make EVAL_DIR OUT_DIR [--threshold T] [--shingle K]");
    };
    std::fs::create_dir_all(out)?;
    let docs = build_docs(eval)?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out.join("docs.jsonl"))?);
    for (i, d) in docs.iter().enumerate() {
        let v = serde_json::json!({"id": i, "family": d.family, "kind": d.kind, "text": d.text});
        writeln!(w, "{v}")?;
    }
    w.flush()?;
    // Exact Jaccard of every pair sharing a shingle (inverted index).
    let hasher = MinHasher::new(1, k);
    let sh: Vec<Vec<u64>> = docs.iter().map(|d| hasher.shingles(&d.text)).collect();
    let mut inv: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, s) in sh.iter().enumerate() {
        for &h in s {
            inv.entry(h).or_default().push(i as u32);
        }
    }
    let mut cand: HashSet<(u32, u32)> = HashSet::new();
    for ids in inv.values() {
        if ids.len() > 50 {
            continue; // boilerplate shingles; the pairs they join share others
        }
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                cand.insert((i, j));
            }
        }
    }
    let mut rows: BTreeMap<(usize, usize), (f64, String)> = BTreeMap::new();
    for &(i, j) in &cand {
        let (i, j) = (i as usize, j as usize);
        let jac = jaccard(&sh[i], &sh[j]);
        let fam = docs[i].family == docs[j].family;
        if jac >= threshold || fam {
            let kind = if fam {
                let d = if docs[i].kind == "original" { j } else { i };
                docs[d].kind.clone()
            } else {
                "-".into()
            };
            rows.insert((i, j), (jac, kind));
        }
    }
    // Family pairs sharing no shingle at all.
    for i in 0..docs.len() {
        if docs[i].kind != "original" && i > 0 && docs[i - 1].family == docs[i].family {
            rows.entry((i - 1, i))
                .or_insert_with(|| (jaccard(&sh[i - 1], &sh[i]), docs[i].kind.clone()));
        }
    }
    let mut t = std::io::BufWriter::new(std::fs::File::create(out.join("truth.tsv"))?);
    for ((i, j), (jac, kind)) in &rows {
        writeln!(t, "{i}\t{j}\t{jac:.4}\t{kind}")?;
    }
    t.flush()?;
    let positives = rows.values().filter(|(j, _)| *j >= threshold).count();
    println!(
        "reuse make: {} documents ({} originals), {} pairs with Jaccard >= {threshold} of {k}-word shingles",
        docs.len(),
        docs.iter().filter(|d| d.kind == "original").count(),
        positives
    );
    Ok(())
}

/// `truth.tsv`: pairs with their exact Jaccard and derivation kind.
fn read_truth(path: &Path) -> Result<Vec<(usize, usize, f64, String)>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 {
            bail!("bad truth line: {line}");
        }
        out.push((
            f[0].parse()?,
            f[1].parse()?,
            f[2].parse()?,
            f[3].to_string(),
        ));
    }
    Ok(out)
}

fn prf(found: &HashSet<(usize, usize)>, truth: &HashSet<(usize, usize)>) -> (f64, f64, f64) {
    let tp = found.intersection(truth).count() as f64;
    let p = if found.is_empty() {
        0.0
    } else {
        tp / found.len() as f64
    };
    let r = if truth.is_empty() {
        0.0
    } else {
        tp / truth.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn lsh(args: &[String]) -> Result<()> {
    let mut dir = None;
    let (mut threshold, mut num_perm, mut k, mut rounds) = (0.5f64, 128usize, 5usize, 3usize);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--threshold" => threshold = arg(&mut it, a)?,
            "--num-perm" => num_perm = arg(&mut it, a)?,
            "--shingle" => k = arg(&mut it, a)?,
            "--rounds" => rounds = arg(&mut it, a)?,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("usage: parallax-bench reuse lsh OUT_DIR [--threshold T] [--num-perm N] [--shingle K] [--rounds R]")?;
    let mut texts = Vec::new();
    for line in std::fs::read_to_string(dir.join("docs.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        texts.push(v["text"].as_str().unwrap_or_default().to_string());
    }
    let truth = read_truth(&dir.join("truth.tsv"))?;
    let hasher = MinHasher::new(num_perm, k);
    let mut best = f64::INFINITY;
    let mut cands: Vec<(usize, usize)> = Vec::new();
    let mut sigs = Vec::new();
    let mut params = (0, 0);
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        let s: Vec<_> = texts.iter().map(|x| hasher.signature(x)).collect();
        let mut index = LshIndex::new(threshold, num_perm);
        for sig in &s {
            index.insert(sig.clone());
        }
        let mut pairs = Vec::new();
        for (i, sig) in s.iter().enumerate() {
            for j in index.query(sig) {
                if j > i {
                    pairs.push((i, j));
                }
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
        params = index.params();
        cands = pairs;
        sigs = s;
    }
    let verified: HashSet<(usize, usize)> = cands
        .iter()
        .filter(|&&(i, j)| sigs[i].jaccard(&sigs[j]) >= threshold)
        .copied()
        .collect();
    let cands: HashSet<(usize, usize)> = cands.into_iter().collect();
    report(
        "parallax",
        &format!(
            "MinHash {num_perm} perms, LSH b={} r={}",
            params.0, params.1
        ),
        texts.len(),
        best,
        rounds,
        &cands,
        &verified,
        &truth,
        threshold,
    );
    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("pairs-parallax.tsv"))?);
    let mut v: Vec<_> = verified.into_iter().collect();
    v.sort_unstable();
    for (i, j) in v {
        writeln!(w, "{i}\t{j}")?;
    }
    w.flush()?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn report(
    who: &str,
    what: &str,
    n: usize,
    secs: f64,
    rounds: usize,
    cands: &HashSet<(usize, usize)>,
    verified: &HashSet<(usize, usize)>,
    truth: &[(usize, usize, f64, String)],
    threshold: f64,
) {
    let gold: HashSet<(usize, usize)> = truth
        .iter()
        .filter(|t| t.2 >= threshold)
        .map(|t| (t.0, t.1))
        .collect();
    let (cp, cr, cf) = prf(cands, &gold);
    let (vp, vr, vf) = prf(verified, &gold);
    println!(
        "{who} near-duplicates ({what}): {n} docs, best of {rounds} rounds {secs:.3}s = {:.1} docs/s (shingle + sign + index + query, one thread)",
        n as f64 / secs
    );
    println!(
        "{who} candidates {}: P {cp:.3} R {cr:.3} F1 {cf:.3} | verified (est. Jaccard >= {threshold}) {}: P {vp:.3} R {vr:.3} F1 {vf:.3}",
        cands.len(),
        verified.len()
    );
    let mut per = String::new();
    for kind in KINDS {
        let fam: Vec<_> = truth.iter().filter(|t| t.3 == kind).collect();
        let hit = fam
            .iter()
            .filter(|t| verified.contains(&(t.0, t.1)))
            .count();
        per.push_str(&format!(" {kind} {hit}/{}", fam.len()));
    }
    println!("{who} derived pairs found (verified):{per}");
}

/// One text to an article and its quotes, as the CLI builds them.
fn article(
    name: &str,
    text: &str,
    date: Option<&str>,
) -> Option<(Article, Vec<parallax_core::Span>)> {
    let ex = parallax_core::Extracted {
        meta: parallax_core::Metadata {
            published: date.map(str::to_string),
            ..Default::default()
        },
        text: text.to_string(),
        removed: Vec::new(),
    };
    let a = parallax_text::article(name.to_string(), ex);
    if a.text.trim().is_empty() {
        return None;
    }
    let q = parallax_annotate::annotate(&a)
        .quotes
        .iter()
        .map(|q| q.span)
        .collect();
    Some((a, q))
}

fn reuse_of(
    arts: &[&(Article, Vec<parallax_core::Span>)],
) -> Vec<parallax_relate::reuse::ReusePair> {
    let docs: Vec<ReuseDoc> = arts
        .iter()
        .map(|(a, q)| ReuseDoc {
            text: &a.text,
            published: a.published.as_deref(),
            paragraphs: &a.paragraphs,
            quotes: q,
        })
        .collect();
    find_reuse(&docs)
}

/// What `find_reuse` said about the derived pairs of one kind.
#[derive(Default)]
struct Tally {
    n: usize,
    found: usize,
    direction_right: usize,
    score_sum: f64,
    kinds: BTreeMap<&'static str, usize>,
}

fn align(args: &[String]) -> Result<()> {
    let eval = PathBuf::from(
        args.first()
            .context("usage: parallax-bench reuse align EVAL_DIR")?,
    );
    let verbose = args.iter().any(|a| a == "-v");
    // Positives: each original with its derived version, as a two-article story.
    let docs = build_docs(&eval)?;
    let mut per: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut pairs = 0usize;
    let mut secs = 0.0f64;
    for w in docs.windows(2) {
        if w[1].kind == "original" || w[0].family != w[1].family {
            continue;
        }
        let (Some(o), Some(d)) = (
            article("o", &w[0].text, None),
            article("d", &w[1].text, None),
        ) else {
            continue;
        };
        pairs += 1;
        let t = Instant::now();
        let found = reuse_of(&[&o, &d]);
        secs += t.elapsed().as_secs_f64();
        let kind = KINDS.iter().find(|k| **k == w[1].kind).copied();
        let e = per.entry(kind.unwrap_or("?")).or_default();
        e.n += 1;
        if let Some(p) = found.first() {
            e.found += 1;
            if p.source == 0 && p.derived == 1 {
                e.direction_right += 1;
            }
            e.score_sum += p.score;
            let k = match p.kind {
                ReuseKind::Copy => "copy",
                ReuseKind::Rewrite => "rewrite",
                ReuseKind::Paraphrase => "paraphrase",
            };
            *e.kinds.entry(k).or_default() += 1;
        }
    }
    for (kind, e) in &per {
        println!(
            "find_reuse {kind}: found {}/{}, direction right {}/{}, mean score {:.3}, kinds {:?}",
            e.found,
            e.n,
            e.direction_right,
            e.found,
            if e.found > 0 {
                e.score_sum / e.found as f64
            } else {
                0.0
            },
            e.kinds
        );
    }
    println!(
        "  ({pairs} pairs, find_reuse alone {:.2} ms per pair, one thread)",
        secs * 1000.0 / pairs.max(1) as f64
    );
    // Negatives: independent reports of one event.
    let mut origs = load_basil(&eval)?;
    origs.extend(load_mmds(&eval)?);
    origs.extend(load_allsides(&eval)?);
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, o) in origs.iter().enumerate() {
        if let Some(g) = &o.group {
            groups.entry(g.clone()).or_default().push(i);
        }
    }
    let mut by_set: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (g, ids) in &groups {
        let arts: Vec<_> = ids
            .iter()
            .filter_map(|&i| {
                article(
                    &format!("{g}#{i}"),
                    &origs[i].text,
                    origs[i].date.as_deref(),
                )
            })
            .collect();
        let refs: Vec<_> = arts.iter().collect();
        let found = reuse_of(&refs);
        let set = g.split(':').next().unwrap_or("").to_string();
        let e = by_set.entry(set).or_default();
        e.0 += arts.len() * arts.len().saturating_sub(1) / 2;
        e.1 += found.len();
        if verbose {
            for p in &found {
                println!(
                    "  {g}: {} -> {} score {} {:?} passages {}",
                    arts[p.source].0.source,
                    arts[p.derived].0.source,
                    p.score,
                    p.kind,
                    p.passages.len()
                );
                for x in p.passages.iter().take(3) {
                    let s = x.source.slice(&arts[p.source].0.text);
                    let d = x.derived.slice(&arts[p.derived].0.text);
                    println!("     S: {}", s.chars().take(140).collect::<String>());
                    println!("     D: {}", d.chars().take(140).collect::<String>());
                }
            }
        }
    }
    for (set, (n, fp)) in &by_set {
        println!("find_reuse independent same-event pairs, {set}: {fp} of {n} called reuse");
    }
    Ok(())
}
