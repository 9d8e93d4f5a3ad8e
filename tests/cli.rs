//! Integration tests: run the real `parallax` binary on the demo corpus, on
//! bad inputs made here, and (when present) on the shared seed articles.

mod common;

use common::{bin, run};

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn by_source<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["source"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no record for {name}"))
}

fn removed_reasons(rec: &Value) -> Vec<String> {
    rec["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn extract_demo_corpus() {
    let demo = root().join("demo");
    let out = run(&["extract", demo.to_str().unwrap(), "--format", "jsonl"]);
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 5, "{recs:#?}");
    // Stable order: directory entries sorted by name.
    let names: Vec<&str> = recs
        .iter()
        .map(|r| r["source"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "harbor-gazette-bridge.html",
            "metro-ledger-bridge.json",
            "northwind-wire-bridge.txt",
            "northwind-wire-ferry.txt",
            "valley-courier-bakers.html"
        ]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 read, 0 rejected"));

    let gazette = by_source(&recs, "harbor-gazette-bridge.html");
    assert_eq!(gazette["outlet"], "The Harbor Gazette");
    assert_eq!(
        gazette["title"],
        "Commuters scramble as Tidewater Bridge shuts"
    );
    assert_eq!(gazette["byline"], serde_json::json!(["Jonah Pruitt"]));
    assert_eq!(gazette["published"], "2025-03-13");
    assert_eq!(gazette["language"], "en");
    assert_eq!(
        gazette["url"],
        "https://harborgazette.example/news/tidewater-bridge-shuts"
    );
    let text = gazette["text"].as_str().unwrap();
    assert!(
        text.starts_with("Thousands of Port Alder commuters"),
        "{text}"
    );
    assert!(text.contains("A long detour"), "subheading kept: {text}");
    assert!(text.contains("inspected as recently as last spring"));
    for junk in [
        "Share on Facebook",
        "Sign up for",
        "posted by",
        "All rights reserved",
        "Five things to know",
        "Sports",
    ] {
        assert!(!text.contains(junk), "{junk:?} left in: {text}");
    }

    // windows-1252 page decoded from its declared charset.
    let courier = by_source(&recs, "valley-courier-bakers.html");
    let text = courier["text"].as_str().unwrap();
    assert!(text.contains("Alder’s east bank"), "{text}");
    assert!(text.contains("“We had our best winter"), "{text}");
    assert_eq!(courier["outlet"], "Valley Courier");
    assert_eq!(
        courier["byline"],
        serde_json::json!(["Elena Marsh", "Tomas Greer"])
    );
    assert_eq!(courier["published"], "2025-03-16");
    assert!(!text.contains("Follow us"));

    // JSON metadata is kept as given.
    let ledger = by_source(&recs, "metro-ledger-bridge.json");
    assert_eq!(ledger["outlet"], "Metro Ledger");
    assert_eq!(ledger["byline"], serde_json::json!(["Harold Benes"]));
    assert_eq!(ledger["published"], "2025-03-13");

    // Plain text: boilerplate removed with reasons, metadata parsed.
    let wire = by_source(&recs, "northwind-wire-bridge.txt");
    assert_eq!(wire["published"], "2025-03-14");
    assert_eq!(wire["outlet"], "Northwind Wire");
    let text = wire["text"].as_str().unwrap();
    assert!(text.starts_with("PORT ALDER, Ore."), "{text}");
    for junk in [
        "listen to",
        "Photo:",
        "contributed to this report",
        "Coastal Cities series",
    ] {
        assert!(!text.contains(junk), "{junk:?} left in: {text}");
    }
    assert!(text.contains(
        "\"Every day this bridge is shut costs working families time and money,\" Whitfield said."
    ));
    let reasons = removed_reasons(wire);
    assert!(reasons.len() >= 4, "{reasons:?}");
    // The series plug appears in both Northwind Wire articles: learned.
    assert!(
        reasons.iter().any(|r| r.contains("outlet boilerplate")),
        "{reasons:?}"
    );
    let ferry = by_source(&recs, "northwind-wire-ferry.txt");
    assert!(!ferry["text"].as_str().unwrap().contains("Coastal Cities"));
}

#[test]
fn bad_inputs_are_rejected_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    write(
        "a-good.txt",
        b"Ferry resumes\n\nThe island ferry resumed service on Monday after a storm.",
    );
    write(
        "b-binary.txt",
        &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0, 0, 0, 9],
    );
    write("c-empty.txt", b"");
    write(
        "d-invalid-utf8.txt",
        b"Caf\xe9 owner said the storm \xff\xfe was bad.",
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&b"The storm closed the harbour for two days. ".repeat(50))
        .unwrap();
    let gz = gz.finish().unwrap();
    write("e-truncated.txt.gz", &gz[..gz.len() / 2]);
    write("f-malformed.json", b"{\"title\": \"Storm\", \"text\": ");
    write("g-big.txt", &b"word ".repeat(400));
    write(
        "h-nothing.html",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
    );
    write("i-picture.png", &[0x89, b'P', b'N', b'G', 13, 10, 26, 10]);
    let missing = d.join("z-missing.txt");

    let out = bin()
        .args([
            "extract",
            d.to_str().unwrap(),
            missing.to_str().unwrap(),
            "--max-size",
            "1K",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 10, "{recs:#?}");
    let err = |name: &str| {
        by_source(&recs, name)["error"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert!(by_source(&recs, "a-good.txt")["text"]
        .as_str()
        .unwrap()
        .contains("island ferry"));
    assert!(err("b-binary.txt").contains("binary"));
    assert!(err("c-empty.txt").contains("empty"));
    assert!(err("d-invalid-utf8.txt").contains("invalid UTF-8"));
    assert!(err("e-truncated.txt.gz").contains("gzip"));
    assert!(err("f-malformed.json").contains("malformed JSON"));
    assert!(err("g-big.txt").contains("too large"));
    assert!(err("h-nothing.html").contains("no article text"));
    assert!(err("i-picture.png").contains("unsupported"));
    assert!(err("z-missing.txt").contains("cannot read"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 read, 9 rejected"), "{stderr}");

    // analyze lists the same rejections.
    let out = run(&[
        "analyze",
        d.to_str().unwrap(),
        "--max-size",
        "1K",
        "--format",
        "json",
        "--quiet",
    ]);
    assert!(out.stderr.is_empty(), "--quiet prints nothing");
    let rep: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rep["articles"].as_array().unwrap().len(), 1);
    assert_eq!(
        rep["rejected"].as_array().unwrap().len(),
        8,
        "all but the missing path"
    );
}

#[test]
fn stdin_and_duplicates() {
    let mut child = bin()
        .args(["extract", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<html><body><article><p>The lighthouse keeper retired after forty years on the rock, the town council said on Tuesday.</p></article></body></html>")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["text"]
        .as_str()
        .unwrap()
        .contains("lighthouse keeper retired"));
    assert_eq!(
        recs[1]["error"], "standard input named again: it is read once, at the first -",
        "stdin is read once, by the first -, whatever the threads do"
    );

    // The same article twice in one analyze run: the second is a duplicate.
    let demo = root().join("demo/metro-ledger-bridge.json");
    let demo = demo.to_str().unwrap();
    let out = run(&["analyze", demo, demo, "--format", "json"]);
    let rep: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rep["articles"].as_array().unwrap().len(), 1);
    assert!(rep["rejected"][0]["error"]
        .as_str()
        .unwrap()
        .starts_with("duplicate of"));

    // A re-flowed copy (same words, other line breaks) is a duplicate too.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Ferry fares rise\n\nThe Skerry ferry will charge more from May, its operator said.\n\nCommuters objected.\n").unwrap();
    std::fs::write(&b, "Ferry fares rise\n\nThe Skerry ferry will charge more from May,\nits operator said. Commuters objected.\n").unwrap();
    let out = run(&[
        "analyze",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let rep: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rep["articles"].as_array().unwrap().len(), 1, "{rep}");
    assert!(rep["rejected"][0]["error"]
        .as_str()
        .unwrap()
        .starts_with("duplicate of"));
}

#[test]
fn analyze_is_deterministic_and_spans_slice() {
    let demo = root().join("demo");
    let a = run(&["analyze", demo.to_str().unwrap(), "--format", "json"]).stdout;
    let b = run(&[
        "analyze",
        demo.to_str().unwrap(),
        "--format",
        "json",
        "--threads",
        "1",
    ])
    .stdout;
    assert_eq!(a, b, "same input, same bytes");
    let rep: Value = serde_json::from_slice(&a).unwrap();
    for art in rep["articles"].as_array().unwrap() {
        check_spans(art);
    }
    let text = run(&["analyze", demo.to_str().unwrap()]).stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("5 articles, 0 rejected"), "{text}");
    assert!(text.contains("The Harbor Gazette"));
}

/// Sentences and paragraphs slice the clean text on char boundaries, in
/// order, without overlap, and every sentence lies in a paragraph.
fn check_spans(art: &Value) {
    let text = art["text"].as_str().unwrap();
    let paras = spans(art, "paragraphs");
    let sents = spans(art, "sentences");
    assert!(!sents.is_empty());
    for list in [&paras, &sents] {
        let mut last = 0;
        for &(s, e) in list.iter() {
            assert!(s >= last && s < e && e <= text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            let piece = &text[s..e];
            assert_eq!(piece, piece.trim(), "span is trimmed");
            last = e;
        }
    }
    for &(s, e) in &sents {
        assert!(
            paras.iter().any(|&(ps, pe)| ps <= s && e <= pe),
            "sentence in a paragraph"
        );
    }
}

#[test]
fn seeds_when_present() {
    let seeds = root().join("../shared/seeds");
    if !seeds.exists() {
        eprintln!("skipping: {} not present", seeds.display());
        return;
    }
    let out = run(&["analyze", seeds.to_str().unwrap(), "--format", "json"]);
    let rep: Value = serde_json::from_slice(&out.stdout).unwrap();
    let arts = rep["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 4);
    assert!(rep["rejected"].as_array().unwrap().is_empty());
    for art in arts {
        check_spans(art);
        let text = art["text"].as_str().unwrap();
        // No sentence ends right after an abbreviation of a title.
        for &(_, e) in &spans(art, "sentences") {
            let before = &text[..e];
            assert!(
                !before.ends_with("Rep.") && !before.ends_with("D-N.Y."),
                "split after abbreviation"
            );
        }
    }
    let fox = arts
        .iter()
        .find(|a| a["source"].as_str().unwrap().contains("000_"))
        .unwrap();
    assert_eq!(fox["published"], "2022-04-04");
    assert_eq!(fox["outlet"], "Fox News");
    let text = fox["text"].as_str().unwrap();
    assert!(!text.contains("You can now listen"));
    assert!(!text.contains("contributed to this report"));
    assert!(text.contains("radio silent"));
    assert!(fox["removed"].as_array().unwrap().len() >= 2);
}

/// The `{start, end}` spans of an article field (`paragraphs`, `sentences`).
fn spans(art: &Value, key: &str) -> Vec<(usize, usize)> {
    art[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

#[test]
fn help_on_every_command() {
    for args in [
        vec!["--help"],
        vec!["extract", "--help"],
        vec!["analyze", "--help"],
    ] {
        let out = run(&args);
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains("Usage"), "{s}");
    }
    let out = bin().args(["analyze"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "usage error exits 2");
    let out = bin()
        .args(["analyze", "demo", "--out", "/nonexistent-dir/x.json"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "fatal error exits 1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot create"));
}

/// Slice an article's text by a cite-like object.
fn cited<'a>(arts: &'a [Value], cite: &Value) -> &'a str {
    let art = arts
        .iter()
        .find(|a| a["id"] == cite["article"])
        .expect("cite names a known article");
    let text = art["text"].as_str().unwrap();
    let (s, e) = (
        cite["start"].as_u64().unwrap() as usize,
        cite["end"].as_u64().unwrap() as usize,
    );
    assert!(e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    &text[s..e]
}

fn story_of<'a>(rep: &'a Value, source_suffix: &str) -> &'a Value {
    let art = rep["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"].as_str().unwrap().ends_with(source_suffix))
        .unwrap();
    rep["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["articles"].as_array().unwrap().contains(&art["id"]))
        .expect("every article is in a story")
}

/// Every cited span of every story slices cleanly, and quote / fact texts
/// are exactly what their spans slice to.
fn check_story_cites(rep: &Value) {
    let arts = rep["articles"].as_array().unwrap();
    for s in rep["stories"].as_array().unwrap() {
        for e in s["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                assert!(!cited(arts, m).is_empty());
            }
        }
        // One quote entry may gather occurrences that differ only in case
        // and punctuation; each occurrence must carry the same words.
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        // Exact occurrences carry the entry's words, trimmed ones a
        // contiguous run of them; the entry's text is one occurrence's.
        for q in s["quotes"].as_array().unwrap() {
            let entry = words(q["text"].as_str().unwrap());
            let occs = q["occurrences"].as_array().unwrap();
            assert!(occs.iter().any(|o| words(cited(arts, o)) == entry));
            for o in occs {
                let got = words(cited(arts, o));
                match o["variant"].as_str().unwrap() {
                    "exact" => assert_eq!(got, entry),
                    "trimmed" => assert!(
                        entry.windows(got.len()).any(|w| w == got.as_slice()),
                        "{got:?} in {entry:?}"
                    ),
                    "spliced" | "altered" => assert!(!o["changes"].as_array().unwrap().is_empty()),
                    other => panic!("unknown variant {other}"),
                }
            }
        }
        // A fact's text is its first occurrence's words; later occurrences
        // state the same value, possibly in other words.
        for f in s["facts"].as_array().unwrap() {
            let occs = f["occurrences"].as_array().unwrap();
            assert_eq!(cited(arts, &occs[0]), f["text"].as_str().unwrap());
            for o in occs {
                assert!(!cited(arts, o).is_empty());
            }
        }
    }
}

fn quote_speaker<'a>(story: &'a Value, starts: &str) -> Option<&'a str> {
    story["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting {starts:?}"))["speaker"]
        .as_str()
}

/// The story fact one of whose occurrences slices to `text` (a fact entry
/// gathers the same value stated in several articles, in their own words).
fn fact<'a>(rep: &Value, story: &'a Value, text: &str) -> &'a Value {
    let arts = rep["articles"].as_array().unwrap();
    story["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| cited(arts, o) == text)
        })
        .unwrap_or_else(|| panic!("no fact {text:?} in {:#}", story["facts"]))
}

#[test]
fn demo_entities_quotes_and_facts() {
    let demo = root().join("demo");
    let out = run(&["analyze", demo.to_str().unwrap(), "--format", "json"]);
    let rep: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_story_cites(&rep);
    let wire = story_of(&rep, "northwind-wire-bridge.txt");
    assert_eq!(
        quote_speaker(wire, "We are not going to gamble"),
        Some("Lena Okafor")
    );
    assert_eq!(
        quote_speaker(wire, "Two of the beams"),
        Some("Samuel Reyes")
    );
    // "He added that repairs could take "at least four months."" resolves the pronoun.
    assert_eq!(
        quote_speaker(wire, "at least four months"),
        Some("Samuel Reyes")
    );
    assert_eq!(
        quote_speaker(wire, "Every day this bridge"),
        Some("Dana Whitfield")
    );
    let okafor = wire["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Lena Okafor")
        .unwrap();
    assert_eq!(okafor["kind"], "person");
    assert!(okafor["aliases"]
        .as_array()
        .unwrap()
        .contains(&"Okafor".into()));
    let money = fact(&rep, wire, "$12 million");
    assert_eq!(money["kind"], "money");
    assert_eq!(money["value"], 12_000_000.0);
    assert_eq!(money["unit"], "USD");
    let count = fact(&rep, wire, "About 38,000 vehicles");
    assert_eq!(count["value"], 38_000.0);
    assert_eq!(count["qualifier"], "about");
    assert_eq!(
        fact(&rep, wire, "March 11")["value"],
        "2025-03-11",
        "resolved against 2025-03-14"
    );
    assert_eq!(fact(&rep, wire, "Thursday")["value"], "2025-03-13");
    assert_eq!(fact(&rep, wire, "at least four months")["value"], "P4M");

    let ledger = story_of(&rep, "metro-ledger-bridge.json");
    assert_eq!(
        fact(&rep, ledger, "about $14 million")["value"],
        14_000_000.0
    );
    assert_eq!(
        fact(&rep, ledger, "the next day")["value"],
        "2025-03-11",
        "anchored on March 10"
    );
    // "the next day" (Metro Ledger) and "March 11" (Northwind Wire) state
    // the same date of the same event: one fact, agreed by both.
    if wire["id"] == ledger["id"] {
        let agreed = fact(&rep, wire, "March 11");
        assert!(
            agreed["articles"].as_array().unwrap().len() >= 2,
            "{agreed:#}"
        );
    }
}

#[test]
fn seeds_quotes_and_entities_when_present() {
    let seeds = root().join("../shared/seeds");
    if !seeds.exists() {
        eprintln!("skipping: {} not present", seeds.display());
        return;
    }
    let out = run(&["analyze", seeds.to_str().unwrap(), "--format", "json"]);
    let rep: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_story_cites(&rep);
    // Four outlets, one event: one story.
    assert_eq!(rep["stories"].as_array().unwrap().len(), 1);
    let fox = story_of(&rep, "000_7dcc7c267f793c84.txt");
    assert_eq!(
        quote_speaker(fox, "I think it's just that"),
        Some("Connor Spence")
    );
    assert_eq!(
        quote_speaker(fox, "we are an apolitical union"),
        Some("Connor Spence")
    );
    assert_eq!(quote_speaker(fox, "With respect"), Some("Jordan Chariton"));
    assert_eq!(
        quote_speaker(fox, "No security concerns"),
        Some("Krystal Ball")
    );
    // "AOC" and the full name are one entity wherever both occur.
    for s in rep["stories"].as_array().unwrap() {
        let aoc: Vec<&Value> = s["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["name"] == "AOC"
                    || e["name"].as_str().unwrap().contains("Ocasio-Cortez")
                    || e["aliases"].as_array().unwrap().iter().any(|a| a == "AOC")
            })
            .collect();
        assert!(aoc.len() <= 1, "AOC split in two: {aoc:#?}");
        if let Some(e) = aoc.first() {
            assert_eq!(e["name"], "Alexandria Ocasio-Cortez");
            assert_eq!(e["kind"], "person");
        }
    }
    let fourth = story_of(&rep, "003_257b0e8a18b38111.txt");
    let aoc = fourth["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Alexandria Ocasio-Cortez")
        .unwrap();
    let aliases = aoc["aliases"].as_array().unwrap();
    assert!(
        aliases.contains(&"AOC".into()) && aliases.contains(&"@AOC".into()),
        "{aliases:?}"
    );
    // "Chris Smalls" and "Christian Smalls" (in the embedded tweet) are one person.
    let smalls: Vec<&Value> = fourth["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"].as_str().unwrap().ends_with("Smalls"))
        .collect();
    assert_eq!(smalls.len(), 1, "{smalls:#?}");
    let forms: Vec<&str> = std::iter::once(&smalls[0]["name"])
        .chain(smalls[0]["aliases"].as_array().unwrap())
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        forms.contains(&"Chris Smalls") && forms.contains(&"Christian Smalls"),
        "{forms:?}"
    );
    assert_eq!(
        quote_speaker(fourth, "I think it is pretty obvious"),
        smalls[0]["name"].as_str()
    );
    let third = story_of(&rep, "002_c49e9aee152f37ea.txt");
    let facts: Vec<&str> = third["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(facts.iter().any(|f| f.contains("$35,000")), "{facts:?}");
    assert!(
        facts.iter().any(|f| f.contains("500-vote margin")),
        "{facts:?}"
    );
}
