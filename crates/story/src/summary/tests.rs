use super::*;
use parallax_core::{BodyKind, RawDoc};

impl Weights {
    /// `key=value,...` over the defaults, for fitting (see `neus_outputs`).
    fn parse(spec: &str) -> Self {
        let mut w = Weights::default();
        for kv in spec.split(',') {
            let Some((k, v)) = kv.split_once('=') else {
                continue;
            };
            let Ok(v) = v.trim().parse::<f64>() else {
                continue;
            };
            match k.trim() {
                "position" => w.position = v,
                "pos_decay" => w.pos_decay = v,
                "centroid" => w.centroid = v,
                "centroid_pow" => w.centroid_pow = v,
                "length_exp" => w.length_exp = v,
                "support" => w.support = v,
                "dangling" => w.dangling = v,
                "quoted" => w.quoted = v,
                "redundant" => w.redundant = v,
                "contained" => w.contained = v,
                "cite" => w.cite = v,
                "extra" => w.extra = v as usize,
                _ => panic!("unknown weight {k}"),
            }
        }
        w
    }
}

fn article(source: &str, body: &str) -> Article {
    let raw = RawDoc {
        source: source.into(),
        kind: BodyKind::Text,
        body: body.into(),
        meta: Default::default(),
    };
    parallax_text::article(source.into(), parallax_extract::extract(&raw))
}

/// Writes one summary per line for a NeuS/AllSides split, the three
/// articles of a story taken as one story (no clustering), to score with
/// `score_summary.py --system-outputs` (bench/summary.sh does). Env:
/// NEUS_DIR, NEUS_SPLIT (train), NEUS_OUT, NEUS_LIMIT, NEUS_N (5);
/// for fitting, NEUS_CONFIGS (`;`-separated `key=value,...` weight sets,
/// one output file `NEUS_OUT.i` each) and NEUS_FEATS (a TSV of every
/// sentence's features).
#[test]
#[ignore]
fn neus_outputs() {
    let dir = std::env::var("NEUS_DIR").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/neus-allsides"
        )
        .into()
    });
    let split = std::env::var("NEUS_SPLIT").unwrap_or_else(|_| "train".into());
    let out = std::env::var("NEUS_OUT").unwrap_or_else(|_| format!("/tmp/neus-{split}.txt"));
    let limit: usize = std::env::var("NEUS_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let n: usize = std::env::var("NEUS_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let Ok(src) = std::fs::read_to_string(format!("{dir}/{split}.source")) else {
        eprintln!("no {dir}/{split}.source: skipped");
        return;
    };
    let specs = std::env::var("NEUS_CONFIGS").unwrap_or_default();
    // Skipped when the data is absent (CI without ../shared).
    let configs: Vec<Weights> = specs.split(';').map(Weights::parse).collect();
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); configs.len()];
    let feats = std::env::var("NEUS_FEATS").ok();
    let mut feat_lines: Vec<String> = Vec::new();
    for (k, line) in src.lines().enumerate().take(limit) {
        let arts: Vec<Article> = line
            .split(" [SEP] ")
            .enumerate()
            .map(|(j, chunk)| {
                let chunk = chunk.trim();
                let (title, body) = match chunk
                    .strip_prefix("TITLE=>")
                    .and_then(|r| r.split_once("ARTICLE=>"))
                {
                    Some((t, b)) => (t.trim(), b.trim()),
                    None => ("", chunk),
                };
                article(&format!("s{k}/{j}.txt"), &format!("{title}\n\n{body}\n"))
            })
            .collect();
        let anns: Vec<Annotations> = arts.iter().map(parallax_annotate::annotate).collect();
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
        let reuse = crate::find_reuse(&group);
        if feats.is_some() {
            let rr: Vec<&ReusePair> = reuse.iter().collect();
            let an = analyze(&group, &rr, &configs[0]);
            for (i, s) in an.sents.iter().enumerate() {
                feat_lines.push(format!(
                    "{k}\t{}\t{}\t{:?}\t{}\t{:.3}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}",
                    s.g,
                    s.idx,
                    s.quality,
                    s.dangling as u8,
                    s.quoted,
                    an.position[i],
                    an.centroid[i],
                    an.support[i],
                    s.text.split_whitespace().count(),
                    s.text.replace(['\n', '\t'], " ")
                ));
            }
        }
        for (c, w) in configs.iter().enumerate() {
            let sum = summarize_with(&group, &reuse, n, w);
            let text: Vec<String> = sum.iter().map(|s| s.text.replace('\n', " ")).collect();
            lines[c].push(text.join(" "));
        }
    }
    for (c, l) in lines.iter().enumerate() {
        let path = if configs.len() == 1 {
            out.clone()
        } else {
            format!("{out}.{c}")
        };
        std::fs::write(&path, l.join("\n") + "\n").unwrap();
    }
    if let Some(f) = feats {
        std::fs::write(f, feat_lines.join("\n") + "\n").unwrap();
    }
    eprintln!(
        "wrote {} x {} summaries to {out}",
        configs.len(),
        lines[0].len()
    );
}

fn build(texts: &[&str]) -> (Vec<Article>, Vec<Annotations>) {
    let arts: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("art{i}.txt"), t))
        .collect();
    let anns = arts.iter().map(parallax_annotate::annotate).collect();
    (arts, anns)
}

fn pair(source: usize, derived: usize) -> ReusePair {
    ReusePair {
        source,
        derived,
        score: 0.95,
        kind: parallax_relate::reuse::ReuseKind::Copy,
        direction: parallax_relate::reuse::Direction::Containment,
        passages: Vec::new(),
    }
}

/// Three invented outlets on one invented event.
const RIVER: [&str; 3] = [
    "The Brindle County council voted 7-2 on Tuesday to close the Harlow Street bridge for six months of repairs.\n\n\
     Engineers found deep cracks in two of the bridge's steel supports during an inspection in March, the county said.\n\n\
     Commuters will be sent along the Quarry Road detour, which adds about 15 minutes to the trip downtown.\n\n\
     Is this the end of the old bridge? Sign up for our newsletter to find out.",
    "Brindle County's council on Tuesday voted 7-2 to shut the Harlow Street bridge for six months so crews can repair it.\n\n\
     He called the vote a sad day for the east side.\n\n\
     An inspection in March found cracks in two steel supports of the bridge, according to county engineers.\n\n\
     Local shop owners fear the closure will cost them customers during the busy summer season.",
    "Councillors in Brindle County voted to close the Harlow Street bridge for repairs lasting six months, in a 7-2 vote on Tuesday.\n\n\
     The Quarry Road detour will add roughly 15 minutes for drivers heading downtown, officials said.\n\n\
     Mayor Odile Ferrand said the county had no safe alternative to closing the crossing.",
];

fn with_group<T>(texts: &[&str], f: impl FnOnce(&[(&Article, &Annotations)]) -> T) -> T {
    let (arts, anns) = build(texts);
    let group: Vec<(&Article, &Annotations)> = arts.iter().zip(&anns).collect();
    f(&group)
}

fn words(s: &str) -> std::collections::BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn sentences_are_verbatim_and_citations_slice_to_sentences() {
    with_group(&RIVER, |group| {
        let sum = summarize(group, &[], 5);
        assert!(!sum.is_empty());
        for s in &sum {
            let art = group.iter().find(|(a, _)| a.id == s.article).unwrap().0;
            assert_eq!(&art.text[s.start..s.end], s.text);
            assert!(art
                .sentences
                .iter()
                .any(|x| x.start == s.start && x.end == s.end));
            assert_eq!(s.citations[0].article, s.article);
            for c in &s.citations {
                let a = group.iter().find(|(a, _)| a.id == c.article).unwrap().0;
                let cited = &a.text[c.start..c.end];
                assert!(a
                    .sentences
                    .iter()
                    .any(|x| x.start == c.start && x.end == c.end));
                assert!(!cited.is_empty());
            }
        }
    });
}

#[test]
fn shared_content_is_cited_by_every_outlet_and_told_once() {
    with_group(&RIVER, |group| {
        let sum = summarize(group, &[], 5);
        let vote: Vec<_> = sum.iter().filter(|s| s.text.contains("7-2")).collect();
        assert_eq!(vote.len(), 1, "the vote is told once: {sum:#?}");
        let cited: std::collections::BTreeSet<&str> =
            vote[0].citations.iter().map(|c| c.article).collect();
        assert_eq!(cited.len(), 3, "{:#?}", vote[0].citations);
        for c in &vote[0].citations {
            let a = group.iter().find(|(a, _)| a.id == c.article).unwrap().0;
            assert!(a.text[c.start..c.end].contains("7-2"));
        }
        // The lead fact reported by all three outlets comes first.
        assert!(sum[0].text.contains("7-2"), "{sum:#?}");
    });
}

#[test]
fn no_near_duplicates_questions_boilerplate_or_dangling_openers() {
    with_group(&RIVER, |group| {
        let sum = summarize(group, &[], 5);
        for (i, a) in sum.iter().enumerate() {
            assert!(!a.text.contains('?'), "{}", a.text);
            assert!(!a.text.contains("newsletter"), "{}", a.text);
            assert!(!a.text.starts_with("He "), "{}", a.text);
            for b in &sum[i + 1..] {
                let (wa, wb) = (words(a.text), words(b.text));
                let shared = wa.intersection(&wb).count();
                assert!(
                    shared * 2 < wa.len().min(wb.len()),
                    "near duplicates: {} / {}",
                    a.text,
                    b.text
                );
            }
        }
    });
}

#[test]
fn copies_do_not_confirm() {
    // Outlet 0's claim is copied word for word by outlet 1; outlets 2 and 3
    // independently report another fact in their own words.
    let texts = [
        "Tarn Valley rail workers will strike for three days starting Monday over unpaid overtime.\n\n\
         Picket lines are planned at the Welmont depot.",
        "Tarn Valley rail workers will strike for three days starting Monday over unpaid overtime.\n\n\
         Picket lines are planned at the Welmont depot.",
        "The regional transit authority offered Tarn Valley drivers a 4 percent raise on Friday evening.\n\n\
         Union leaders promised a reply within a week.",
        "Late on Friday the transit authority put a 4 percent raise on the table for Tarn Valley drivers.\n\n\
         A union spokesman said members would study the offer.",
    ];
    with_group(&texts, |group| {
        let lead = |reuse: &[ReusePair]| summarize(group, reuse, 1)[0].clone();
        // Without provenance the copy looks like a second outlet.
        let naive = lead(&[]);
        assert!(naive.text.contains("strike"), "{naive:#?}");
        // Once the copy is known, the independently confirmed fact wins.
        let known = lead(&[pair(0, 1)]);
        assert!(known.text.contains("4 percent"), "{known:#?}");
        let cited: Vec<&str> = known.citations.iter().map(|c| c.article).collect();
        assert!(cited.contains(&group[2].0.id.as_str()) && cited.contains(&group[3].0.id.as_str()));
        // The copied sentence, when chosen, is still cited by the copy: it
        // does report it.
        let both = summarize(group, &[pair(0, 1)], 2);
        let strike = both
            .iter()
            .find(|s| s.text.contains("strike"))
            .expect("strike");
        assert_eq!(strike.citations.len(), 2, "{strike:#?}");
    });
}

#[test]
fn passages_limit_what_a_copy_takes_away() {
    // Outlet 1 copied outlet 0's second paragraph only; its lead is its own.
    let texts = [
        "Lake Orrin's water level fell to its lowest mark since 1961 this week, the state water board said.\n\n\
         Ferry service to Gull Island has been suspended until further notice.",
        "Lake Orrin dropped this week to the lowest level recorded since 1961, according to state water officials.\n\n\
         Ferry service to Gull Island has been suspended until further notice.",
    ];
    with_group(&texts, |group| {
        let (a, b) = (group[0].0, group[1].0);
        let mut p = pair(0, 1);
        p.score = 0.4;
        p.passages = vec![parallax_relate::reuse::Passage {
            source: a.sentences[1],
            derived: b.sentences[1],
        }];
        let an = analyze(group, &[&p], &Weights::default());
        let lead = an
            .sents
            .iter()
            .position(|s| s.g == 0 && s.idx == 0)
            .unwrap();
        let ferry = an
            .sents
            .iter()
            .position(|s| s.g == 0 && s.idx == 1)
            .unwrap();
        assert!(
            an.support[lead] > 0.3,
            "independent leads confirm each other"
        );
        assert_eq!(an.support[ferry], 0.0, "the copied passage does not");
    });
}

#[test]
fn n_is_respected_and_length_adapts() {
    with_group(&RIVER, |group| {
        assert!(summarize(group, &[], 0).is_empty());
        assert_eq!(summarize(group, &[], 1).len(), 1);
        assert_eq!(summarize(group, &[], 2).len(), 2);
        assert!(summarize(group, &[], 3).len() <= 3);
        assert!(summarize(group, &[], 50).len() <= 5);
    });
    let small = [
        "Hollis Park reopened on Saturday after a month of flood repairs.\n\n\
                  The city replanted more than two hundred trees along the river path.\n\n\
                  Volunteers from the Hollis rowing club cleared the boat ramps.",
    ];
    with_group(&small, |group| {
        let sum = summarize(group, &[], 5);
        assert!((1..=2).contains(&sum.len()), "{sum:#?}");
        assert_eq!(sum[0].citations.len(), 1);
    });
}

#[test]
fn deterministic_and_safe_on_odd_input() {
    with_group(&RIVER, |group| {
        let a = format!("{:?}", summarize(group, &[], 5));
        let b = format!("{:?}", summarize(group, &[], 5));
        assert_eq!(a, b);
        // Reuse pairs that point outside the group are ignored.
        let c = format!("{:?}", summarize(group, &[pair(7, 9), pair(1, 1)], 5));
        assert_eq!(a, c);
    });
    assert!(summarize(&[], &[], 5).is_empty());
    with_group(&["?!", "Ok."], |group| {
        let _ = summarize(group, &[], 5);
    });
}

#[test]
fn stop_words_are_sorted() {
    assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    let probe = ["a", "according", "the", "won't", "yours", "it's", "its"];
    for w in probe {
        assert!(is_stopword(w), "{w}");
    }
    assert!(!is_stopword("bridge"));
}
