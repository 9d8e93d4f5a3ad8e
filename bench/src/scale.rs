//! `parallax-bench scale EVAL_DIR [--n N] [--no-entities] [--shuffle]`:
//! incremental story clustering of a growing collection, one article at a
//! time, up to N articles (default 100,000), on one thread.
//!
//! **Corpus.** Every distinct text of the evaluation folders is a *base*
//! article: PolNeAR train+dev, BASIL, MMDS dev, NeuS/AllSides train+val
//! (three articles a line), SemEval-2022 T8 sample (both texts of each pair),
//! TempEval-3 (TimeML tags stripped) and the article-extraction ground truth.
//! Bases that come in gold groups (a BASIL triplet, a NeuS line, an MMDS
//! cluster) share a group; every other base is a group of its own.
//!
//! **Variants.** Round `r` (0, 1, ...) re-uses every base once until N
//! articles exist. In round `r` each group gets a day drawn uniformly over
//! 12 months (2031-01-01 ..), each base that day plus 0-2 days of jitter, so
//! the gold groups stay together within a round and rounds spread over the
//! year. Round 0 keeps the text whole; later rounds drop each paragraph
//! (or, for texts of fewer than three paragraphs, each sentence) with
//! probability 1/4, keeping at least one. Articles then arrive in date order
//! (`--shuffle`: in random order).
//!
//! **Docs.** Each base is annotated once with the real per-article path
//! (`parallax_text::article` + `parallax_annotate::annotate`, timed apart);
//! its entity names (as `Doc::from_article` selects them) are reused by its
//! variants, whose term counts are rebuilt from the perturbed text with
//! `Doc::new` right before each add (timed apart, not part of the add).
//! `--no-entities` skips the annotation (terms only).
//!
//! **Measure.** The wall time of each `Clusterer::add`; mean and p99 over
//! the 1,000 adds ending at 1k, 10k, 100k (and N); overall adds/s; peak
//! resident memory (VmHWM) before and after clustering.

use anyhow::{bail, Context, Result};
use parallax_relate::{Clusterer, Config, Doc};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Base {
    key: String,
    title: Option<String>,
    text: String,
    group: u64,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut dir = None;
    let mut n = 100_000usize;
    let mut entities = true;
    let mut shuffle = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--n" => n = it.next().context("--n N")?.parse()?,
            "--no-entities" => entities = false,
            "--shuffle" => shuffle = true,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("missing EVAL_DIR")?;
    let t = Instant::now();
    let bases = load(&dir)?;
    if bases.is_empty() {
        bail!("no texts under {}", dir.display());
    }
    let groups: HashSet<u64> = bases.iter().map(|b| b.group).collect();
    let mb: f64 = bases.iter().map(|b| b.text.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "corpus: {} distinct base articles in {} groups, {:.1} MB, read in {:.2}s",
        bases.len(),
        groups.len(),
        mb,
        t.elapsed().as_secs_f64()
    );

    // Annotate each base once (the per-article path of the CLI).
    let t = Instant::now();
    let ents: Vec<Vec<String>> = bases
        .iter()
        .map(|b| {
            if !entities {
                return Vec::new();
            }
            let art = parallax_text::article(
                b.key.clone(),
                parallax_core::Extracted {
                    meta: parallax_core::Metadata {
                        title: b.title.clone(),
                        ..Default::default()
                    },
                    text: b.text.clone(),
                    removed: Vec::new(),
                },
            );
            let ann = parallax_annotate::annotate(&art);
            Doc::from_article(&art, Some(&ann)).entities
        })
        .collect();
    let t_ann = t.elapsed().as_secs_f64();
    let n_ents: usize = ents.iter().map(Vec::len).sum();
    println!(
        "annotation of the bases (entities): {:.2}s = {:.0} articles/s, {} entity names",
        t_ann,
        bases.len() as f64 / t_ann.max(1e-9),
        n_ents
    );

    // The arrival plan: (date, tie, base, round).
    let day0 = 22_280; // 2031-01-01
    let mut plan: Vec<(i32, u64, u32, u32)> = Vec::with_capacity(n);
    'rounds: for r in 0.. {
        for (i, b) in bases.iter().enumerate() {
            if plan.len() >= n {
                break 'rounds;
            }
            let day = day0
                + (mix(&[b.group, r as u64, 1]) % 365) as i32
                + (mix(&[i as u64, r as u64, 2]) % 3) as i32;
            plan.push((day, mix(&[i as u64, r as u64, 3]), i as u32, r));
        }
    }
    if shuffle {
        plan.sort_by_key(|p| p.1);
    } else {
        plan.sort_by_key(|p| (p.0, p.1));
    }
    let rounds = plan.iter().map(|p| p.3).max().unwrap_or(0) + 1;
    let hwm_before = vm_hwm_kib();

    let cfg = Config::default();
    let mut c = Clusterer::new(cfg.clone());
    let mut add_ns: Vec<u32> = Vec::with_capacity(plan.len());
    let mut cpu_ns: Vec<u32> = Vec::with_capacity(plan.len());
    let mut build_s = 0.0f64;
    let mut terms_total = 0usize;
    let start = Instant::now();
    for &(day, _, bi, r) in &plan {
        let b = &bases[bi as usize];
        let tb = Instant::now();
        let text = if r == 0 {
            b.text.clone()
        } else {
            perturb(&b.text, mix(&[bi as u64, r as u64, 4]))
        };
        let doc = Doc::new(
            format!("{}#{r}", b.key),
            b.title.as_deref(),
            &text,
            ents[bi as usize].iter().cloned(),
            Some(&iso(day)),
            &cfg,
        );
        build_s += tb.elapsed().as_secs_f64();
        terms_total += doc.terms.len();
        let wait0 = run_delay_ns();
        let ta = Instant::now();
        c.add(&doc);
        let wall = ta.elapsed().as_nanos().min(u32::MAX as u128) as u64;
        let waited = run_delay_ns().saturating_sub(wait0);
        add_ns.push(wall as u32);
        cpu_ns.push(wall.saturating_sub(waited) as u32);
    }
    let wall = start.elapsed().as_secs_f64();
    let add_s: f64 = add_ns.iter().map(|&x| x as f64 * 1e-9).sum();
    let hwm_after = vm_hwm_kib();
    let (merges, splits) = c.events().iter().fold((0, 0), |(m, s), e| match e {
        parallax_relate::cluster::StoryEvent::Merged { .. } => (m + 1, s),
        parallax_relate::cluster::StoryEvent::Split { .. } => (m, s + 1),
    });

    println!(
        "added {} articles ({} rounds, {} order, mean {:.0} distinct terms, {} entities): {} stories, {} merges, {} splits",
        plan.len(),
        rounds,
        if shuffle { "random" } else { "date" },
        terms_total as f64 / plan.len() as f64,
        if entities { "with" } else { "no" },
        c.story_count(),
        merges,
        splits
    );
    println!(
        "clustering: {:.2}s in add = {:.0} articles/s; doc building (tokens of the variant text) {:.2}s = {:.0} articles/s; wall {:.2}s",
        add_s,
        plan.len() as f64 / add_s,
        build_s,
        plan.len() as f64 / build_s,
        wall
    );
    let summaries = c.stories();
    let largest = summaries.iter().map(|s| s.size).max().unwrap_or(0);
    let big = summaries.iter().filter(|s| s.size >= 100).count();
    let span = |s: &parallax_relate::cluster::StorySummary| match (s.first_day, s.last_day) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    };
    let widest = summaries.iter().map(span).max().unwrap_or(0);
    let long = summaries.iter().filter(|s| span(s) > 30).count();
    println!(
        "stories: largest {largest} articles, {big} of 100+; widest span {widest} days, {long} spanning 30+ days"
    );
    let st = c.stats();
    println!(
        "work: {:.1} candidate stories scored per add; {} split checks re-scoring {} members",
        st.candidates as f64 / st.adds.max(1) as f64,
        st.split_checks,
        st.split_check_members
    );
    let cpu_s: f64 = cpu_ns.iter().map(|&x| x as f64 * 1e-9).sum();
    println!(
        "on-CPU time in add (wall minus run-queue wait): {:.2}s = {:.0} articles/s",
        cpu_s,
        plan.len() as f64 / cpu_s
    );
    println!("time per add over the 1,000 adds ending at (wall | on-CPU):");
    let mut marks = vec![1_000, 10_000, 100_000];
    if !marks.contains(&plan.len()) {
        marks.push(plan.len());
    }
    let summary = |w: &[u32]| {
        let mut v: Vec<u32> = w.to_vec();
        v.sort_unstable();
        let mean = v.iter().map(|&x| x as f64).sum::<f64>() / v.len().max(1) as f64 / 1e3;
        let p99 = v
            .get((v.len() * 99 / 100).min(v.len().saturating_sub(1)))
            .copied();
        let max = v.last().copied();
        (
            mean,
            p99.unwrap_or(0) as f64 / 1e3,
            max.unwrap_or(0) as f64 / 1e3,
        )
    };
    for m in marks {
        if m > add_ns.len() || m < 1 {
            continue;
        }
        let r = m.saturating_sub(1_000)..m;
        let (wm, wp, wx) = summary(&add_ns[r.clone()]);
        let (cm, cp, cx) = summary(&cpu_ns[r]);
        println!(
            "  {m:>7}: mean {wm:7.1} | {cm:7.1} us, p99 {wp:7.1} | {cp:7.1} us, max {wx:8.1} | {cx:8.1} us"
        );
    }
    println!(
        "peak RSS (VmHWM): {:.0} MiB before clustering (corpus + annotations), {:.0} MiB at the end",
        hwm_before as f64 / 1024.0,
        hwm_after as f64 / 1024.0
    );
    Ok(())
}

/// splitmix64 over a few words: a deterministic hash for the plan.
fn mix(words: &[u64]) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    for &w in words {
        h ^= w;
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h = z ^ (z >> 31);
    }
    h
}

/// Drop each paragraph (or sentence, when there are fewer than three
/// paragraphs) with probability 1/4, keeping at least one.
fn perturb(text: &str, seed: u64) -> String {
    let mut units = parallax_text::paragraphs(text);
    if units.len() < 3 {
        units = parallax_text::sentences(text);
    }
    if units.len() < 2 {
        return text.to_string();
    }
    let keep: Vec<&str> = units
        .iter()
        .enumerate()
        .filter(|(i, _)| mix(&[seed, *i as u64]) % 4 != 0)
        .filter_map(|(_, s)| text.get(s.start..s.end))
        .collect();
    if keep.is_empty() {
        return text
            .get(units[0].start..units[0].end)
            .unwrap_or("")
            .to_string();
    }
    keep.join("\n\n")
}

/// ISO date of a day number (days since 1970-01-01).
fn iso(day: i32) -> String {
    // Civil from days (H. Hinnant).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Time this thread has spent waiting on a run queue (second field of
/// /proc/thread-self/schedstat), in ns; 0 when unavailable.
fn run_delay_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn load(dir: &Path) -> Result<Vec<Base>> {
    let mut out: Vec<Base> = Vec::new();
    let group_of = |name: &str| mix(&[xxh(name)]);

    // PolNeAR: title on the first line.
    for split in ["train", "dev"] {
        for f in files(&dir.join("polnear").join(split).join("text"), "txt") {
            let raw = std::fs::read_to_string(&f).unwrap_or_default();
            let (title, body) = match raw.split_once('\n') {
                Some((t, b)) if t.len() < 300 => (Some(t.trim().to_string()), b.to_string()),
                _ => (None, raw.clone()),
            };
            let key = format!("polnear/{}", f.display());
            out.push(Base {
                group: group_of(&key),
                key,
                title,
                text: body.trim().to_string(),
            });
        }
    }
    // BASIL: JSON with body paragraphs (lists of sentences); triplets.
    for year in files(&dir.join("basil").join("articles"), "") {
        for f in files(&year, "json") {
            let Ok(v) = read_json(&f) else { continue };
            let paras: Vec<String> = v["body-paragraphs"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| match p {
                            serde_json::Value::Array(ss) => ss
                                .iter()
                                .filter_map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                            serde_json::Value::String(s) => s.clone(),
                            _ => String::new(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let trip = v["triplet-uuid"].as_str().unwrap_or("").to_string();
            out.push(Base {
                key: format!("basil/{}", f.display()),
                title: v["title"].as_str().map(String::from),
                text: paras.join("\n\n"),
                group: group_of(&format!("basil-triplet/{trip}")),
            });
        }
    }
    // MMDS: articles with sentences; gold clusters.
    if let Ok(v) = read_json(
        &dir.join("mmds2025-clust-mcms")
            .join("mds_ac_dev_final.json"),
    ) {
        let clusters = v["clusters"].as_array().cloned().unwrap_or_default();
        for (i, a) in v["articles"].as_array().into_iter().flatten().enumerate() {
            let text: Vec<&str> = a["sentences"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s["content"].as_str())
                .collect();
            let cl = clusters.get(i).and_then(|c| c.as_u64()).unwrap_or(i as u64);
            out.push(Base {
                key: format!("mmds/{i}"),
                title: a["title"].as_str().map(String::from),
                text: text.join(" "),
                group: group_of(&format!("mmds-cluster/{cl}")),
            });
        }
    }
    // NeuS/AllSides: one story of three articles a line.
    for split in ["train", "val"] {
        let p = dir.join("neus-allsides").join(format!("{split}.source"));
        let raw = std::fs::read_to_string(&p).unwrap_or_default();
        for (li, line) in raw.lines().enumerate() {
            for (ai, part) in line.split("[SEP]").enumerate() {
                let part = part.trim();
                let (title, body) = match part.split_once("ARTICLE=>") {
                    Some((t, b)) => (
                        Some(t.trim().trim_start_matches("TITLE=>").trim().to_string()),
                        b.trim(),
                    ),
                    None => (None, part),
                };
                out.push(Base {
                    key: format!("neus/{split}/{li}/{ai}"),
                    title,
                    text: body.to_string(),
                    group: group_of(&format!("neus/{split}/{li}")),
                });
            }
        }
    }
    // SemEval-2022 T8 sample: text1 and text2 of each pair (CSV).
    let p = dir
        .join("semeval2022-task8-hfl-sample")
        .join("training_set.csv");
    if let Ok(raw) = std::fs::read_to_string(&p) {
        let rows = csv_rows(&raw);
        let head = rows.first().cloned().unwrap_or_default();
        let col = |name: &str| head.iter().position(|h| h == name);
        if let (Some(c1), Some(c2)) = (col("text1"), col("text2")) {
            for (ri, row) in rows.iter().enumerate().skip(1) {
                for c in [c1, c2] {
                    if let Some(t) = row.get(c) {
                        let key = format!("semeval/{ri}/{c}");
                        out.push(Base {
                            group: group_of(&key),
                            key,
                            title: None,
                            text: t.trim().to_string(),
                        });
                    }
                }
            }
        }
    }
    // TempEval-3: TimeML, tags stripped.
    for sub in files(&dir.join("tempeval3").join("TBAQ-cleaned"), "") {
        for f in files(&sub, "tml") {
            let raw = std::fs::read_to_string(&f).unwrap_or_default();
            let title = between(&raw, "<TITLE>", "</TITLE>").map(strip_tags);
            let text = between(&raw, "<TEXT>", "</TEXT>")
                .map(strip_tags)
                .unwrap_or_default();
            let key = format!("tempeval3/{}", f.display());
            out.push(Base {
                group: group_of(&key),
                key,
                title,
                text: text.trim().to_string(),
            });
        }
    }
    // Article-extraction ground truth bodies.
    if let Ok(v) = read_json(&dir.join("article-extraction").join("ground-truth.json")) {
        if let Some(m) = v.as_object() {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for k in keys {
                if let Some(t) = m[k]["articleBody"].as_str() {
                    let key = format!("extraction/{k}");
                    out.push(Base {
                        group: group_of(&key),
                        key,
                        title: None,
                        text: t.to_string(),
                    });
                }
            }
        }
    }
    // Distinct, non-trivial texts only.
    let mut seen = HashSet::new();
    out.retain(|b| b.text.split_whitespace().count() >= 20 && seen.insert(xxh(&b.text)));
    Ok(out)
}

fn xxh(s: &str) -> u64 {
    // FNV-1a: enough to deduplicate texts and name groups.
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            if ext.is_empty() {
                p.is_dir()
            } else {
                p.extension().is_some_and(|x| x == ext)
            }
        })
        .collect();
    v.sort();
    v
}

fn read_json(p: &Path) -> Result<serde_json::Value> {
    let raw = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    Ok(serde_json::from_slice(&raw)?)
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Minimal RFC 4180 reader: quoted fields with doubled quotes, newlines
/// inside quotes.
fn csv_rows(raw: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\r' => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
