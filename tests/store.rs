//! Integration tests of the collection commands (`add`, `stories`, `show`,
//! `search`, `check`) on invented articles, including a test that kills
//! `parallax add` with SIGKILL again and again.

mod common;

use common::{bin, run, stdout};

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A small deterministic generator (no dependency on a random crate).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() as usize % xs.len()]
    }
}

const TOWNS: &[&str] = &[
    "Vellmar",
    "Ostrava Bay",
    "Kestrel Falls",
    "Duneholt",
    "Marrow Creek",
    "Salt Harbor",
    "Pinecross",
    "Eldergate",
    "Quarry Hill",
    "Lowmoor",
    "Brightwater",
    "Ashford Vale",
];
const THINGS: &[&str] = &[
    "ferry strike",
    "bridge closure",
    "library fire",
    "water main break",
    "council vote",
    "school merger",
    "harbor dredging",
    "tram derailment",
    "orchard frost",
    "stadium sale",
    "power outage",
    "museum theft",
];
const PEOPLE: &[&str] = &[
    "Ilse Marrow",
    "Tomas Brel",
    "Odile Fenwick",
    "Rafe Calder",
    "Nadia Voss",
    "Piet Oduya",
    "Greta Lind",
    "Samir Hale",
    "Yara Quist",
    "Lev Aranda",
];
const OUTLETS: &[&str] = &[
    "Harbor Ledger",
    "Valley Courier",
    "Northern Dispatch",
    "Tin Cup Times",
];
const VERBS: &[&str] = &["said", "told reporters", "added", "wrote in a statement"];

const NOUNS: &[&str] = &[
    "barge",
    "orchard",
    "tramline",
    "granary",
    "lighthouse",
    "quarry",
    "vineyard",
    "foundry",
    "observatory",
    "aqueduct",
    "marina",
    "sawmill",
    "brewery",
    "tannery",
    "ropewalk",
    "kiln",
    "apiary",
    "dairy",
    "hatchery",
    "cannery",
    "mill pond",
    "signal box",
    "toll gate",
    "seawall",
    "greenhouse",
    "ice rink",
    "bandstand",
    "ferry slip",
    "canal lock",
    "water tower",
    "pottery",
    "printworks",
    "glasshouse",
    "boatyard",
    "rail yard",
    "salt pan",
    "dovecote",
    "windmill",
    "forge",
    "smokehouse",
    "creamery",
    "distillery",
    "chapel",
    "armory",
];
const CAUSES: &[&str] = &[
    "a gas leak",
    "flooding",
    "a roof collapse",
    "a cyber attack",
    "a labor dispute",
    "an audit",
    "a tax dispute",
    "a landslide",
    "a heat wave",
    "a contamination scare",
];

/// `events` invented events, each reported by `per_event` outlets in
/// differently worded articles; JSON files with outlet, title, date. Each
/// event has its own place, person, facilities and cause, so that stories
/// are told apart by content, as real ones are.
fn corpus(dir: &Path, events: usize, per_event: usize, seed: u64) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Lcg(seed);
    let mut n = 0;
    for e in 0..events {
        let town = TOWNS[e % TOWNS.len()];
        let thing = THINGS[(e / TOWNS.len() + e) % THINGS.len()];
        let person = PEOPLE[(e * 7 + e / PEOPLE.len()) % PEOPLE.len()];
        let cause = CAUSES[(e * 3 + e / CAUSES.len()) % CAUSES.len()];
        let (a, b, c) = (
            NOUNS[(e * 5) % NOUNS.len()],
            NOUNS[(e * 5 + 1) % NOUNS.len()],
            NOUNS[(e * 5 + 2) % NOUNS.len()],
        );
        let count = 100 + rng.next() % 900;
        let day = 1 + (e * 3) % 28;
        let month = 1 + (e / 9) % 12;
        for k in 0..per_event {
            let outlet = OUTLETS[k % OUTLETS.len()];
            let verb = rng.pick(VERBS);
            let lede = match k % 3 {
                0 => format!("The {thing} in {town} closed the {a} and the {b} on Tuesday after {cause}, leaving {count} residents without work."),
                1 => format!("{town} woke on Tuesday to a {thing}: {cause} shut the {b} and the {a}, and {count} residents lost a day of work."),
                _ => format!("After {cause}, the {a} and the {b} of {town} stayed shut on Tuesday, the {thing} idling {count} residents."),
            };
            let text = format!(
                "{lede}\n\n\"We will reopen the {a} as soon as the {c} is safe,\" {person} {verb}.\n\n\
                 Crews inspected the {c} near the {b} through the night, and the {town} council \
                 met to discuss the {thing} and {cause}.\n\n\
                 {person} promised a full report on the {a} and the {c} within two weeks.",
            );
            let doc = serde_json::json!({
                "title": format!("{town} {thing}: {a} shut after {cause}"),
                "outlet": outlet,
                "published": format!("2031-{month:02}-{day:02}"),
                "url": format!("https://{}.example/{e}/{k}", outlet.to_lowercase().replace(' ', "-")),
                "text": text,
            });
            std::fs::write(dir.join(format!("e{e:03}-{k}.json")), doc.to_string()).unwrap();
            n += 1;
        }
    }
    n
}

fn data_arg(dir: &Path) -> String {
    dir.to_str().unwrap().to_string()
}

#[test]
fn add_list_show_search_and_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    let data = tmp.path().join("data");
    let n = corpus(&src, 3, 3, 7);
    // A bad input next to the good ones: rejected with its name, counted.
    std::fs::write(src.join("broken.json"), b"{\"title\": \"half").unwrap();
    let d = data_arg(&data);
    let out = run(&["add", "--data", &d, src.to_str().unwrap(), "--batch", "4"]);
    let lines = stdout(&out);
    let added: Vec<&str> = lines.lines().filter(|l| l.starts_with("added\t")).collect();
    assert_eq!(added.len(), n, "{lines}");
    let rejected: Vec<&str> = lines
        .lines()
        .filter(|l| l.starts_with("rejected\t"))
        .collect();
    assert_eq!(rejected.len(), 1, "{lines}");
    assert!(rejected[0].contains("broken.json"), "{}", rejected[0]);

    // Three events, three stories of three articles each.
    let out = run(&["stories", "--data", &d, "--format", "json"]);
    let stories: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 3, "{stories:#?}");
    assert!(stories.iter().all(|s| s["size"] == 3), "{stories:#?}");

    // Show a story by the id of one of its articles; spans slice to quotes.
    let first_article = added[0].split('\t').nth(1).unwrap();
    let out = run(&["show", first_article, "--data", &d, "--format", "json"]);
    let shown: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let arts = shown["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 3);
    let quotes = shown["story"]["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    for q in quotes {
        for o in q["occurrences"].as_array().unwrap() {
            let art = arts.iter().find(|a| a["id"] == o["article"]).unwrap();
            let text = art["text"].as_str().unwrap();
            let (s, e) = (
                o["start"].as_u64().unwrap() as usize,
                o["end"].as_u64().unwrap() as usize,
            );
            assert!(text[s..e].contains("We will reopen the"), "{}", &text[s..e]);
        }
    }
    let html = stdout(&run(&[
        "show",
        first_article,
        "--data",
        &d,
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));

    // Search: a speaker's last name finds their quotes; filters narrow.
    let out = run(&[
        "search",
        "--data",
        &d,
        "reopen",
        "--speaker",
        "Marrow",
        "--format",
        "json",
    ]);
    let hits: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["kind"] == "quote" && h["speaker"].as_str().unwrap().ends_with("Marrow")),
        "{hits:#?}"
    );
    let out = run(&[
        "search",
        "--data",
        &d,
        "inspected",
        "--outlet",
        "valley courier",
        "--format",
        "json",
    ]);
    let hits: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(
        hits.iter().filter(|h| h["kind"] == "article").count(),
        3,
        "{hits:#?}"
    );
    assert!(hits.iter().all(|h| h["outlet"] == "Valley Courier"));

    // Adding everything again changes nothing.
    let before = stdout(&run(&["check", "--data", &d]));
    let out = run(&["add", "--data", &d, src.to_str().unwrap()]);
    let again = stdout(&out);
    assert_eq!(
        again
            .lines()
            .filter(|l| l.starts_with("duplicate\t"))
            .count(),
        n,
        "{again}"
    );
    assert_eq!(
        again.lines().filter(|l| l.starts_with("added\t")).count(),
        0
    );
    let after = stdout(&run(&["check", "--data", &d]));
    // The re-read broken file is rejected (and listed) again: one more
    // rejection, nothing else moves.
    assert!(
        before.contains(&format!("{n} articles, 3 stories")),
        "{before}"
    );
    assert!(
        after.contains(&format!("{n} articles, 3 stories")),
        "{after}"
    );
}

#[test]
fn readers_need_an_existing_collection() {
    let tmp = tempfile::tempdir().unwrap();
    let d = data_arg(&tmp.path().join("nothing"));
    let out = bin().args(["stories", "--data", &d]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no collection here"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// How many articles the collection's stories hold, from `parallax stories`.
fn stored_total(d: &str) -> usize {
    let out = run(&[
        "stories", "--data", d, "--format", "json", "--limit", "1000",
    ]);
    let stories: Value = serde_json::from_str(&stdout(&out)).unwrap();
    stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["size"].as_u64().unwrap() as usize)
        .sum()
}

fn stored_ids(data: &Path) -> Vec<String> {
    let store = parallax_store::Store::open_read_only(data).unwrap();
    store
        .assignments()
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// SIGKILL `parallax add` at many moments: every article it reported as
/// added is stored, the collection passes its integrity check, and a later
/// add completes the job with nothing lost or doubled.
#[test]
fn killing_add_loses_nothing_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    let data = tmp.path().join("data");
    let total = corpus(&src, 40, 3, 11);
    let d = data_arg(&data);
    let mut reported: Vec<String> = Vec::new();
    let mut rng = Lcg(3);
    let mut kills = 0;
    for round in 0..12 {
        let mut child = bin()
            .args([
                "add",
                "--quiet",
                "--data",
                &d,
                "--batch",
                "3",
                src.to_str().unwrap(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Read the reported lines on a thread; kill after a varying delay
        // (the first rounds early, during set-up, later ones mid-batch).
        let out = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(out)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| {
                    l.strip_prefix("added\t")
                        .map(|r| r.split('\t').next().unwrap().to_string())
                })
                .collect::<Vec<String>>()
        });
        let delay = Duration::from_millis(if round < 2 {
            20 * (round + 1)
        } else {
            50 + rng.next() % 700
        });
        let start = Instant::now();
        let mut finished = false;
        while start.elapsed() < delay {
            if let Some(_status) = child.try_wait().unwrap() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if !finished {
            child.kill().unwrap(); // SIGKILL on Unix
            kills += 1;
        }
        child.wait().unwrap();
        reported.extend(reader.join().unwrap());
        if !data.join("parallax.db").exists() {
            continue;
        }
        // The collection opens and passes its check after every kill.
        let check = bin().args(["check", "--data", &d]).output().unwrap();
        assert!(
            check.status.success(),
            "round {round}: {}{}",
            stdout(&check),
            String::from_utf8_lossy(&check.stderr)
        );
        let stored = stored_ids(&data);
        for id in &reported {
            assert!(stored.contains(id), "round {round}: reported {id} is lost");
        }
        if finished {
            break;
        }
    }
    assert!(
        kills >= 3,
        "the add finished too fast to test kills ({kills})"
    );
    // A last uninterrupted add completes the collection.
    run(&["add", "--quiet", "--data", &d, src.to_str().unwrap()]);
    let stored = stored_ids(&data);
    assert_eq!(stored.len(), total);
    let check = stdout(&run(&["check", "--data", &d]));
    assert!(check.contains("search index ok"), "{check}");
    let sizes = stored_total(&d);
    assert_eq!(sizes, total);
}

/// Readers work while an add runs in another process: `stories`, `search`
/// and `check` succeed again and again, and what they see only grows.
#[test]
fn readers_work_during_an_add() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    let data = tmp.path().join("data");
    corpus(&src, 30, 3, 5);
    let d = data_arg(&data);
    // A first batch so that the collection exists.
    let first = src.join("e000-0.json");
    run(&["add", "--quiet", "--data", &d, first.to_str().unwrap()]);
    let mut child = bin()
        .args([
            "add",
            "--quiet",
            "--data",
            &d,
            "--batch",
            "2",
            src.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut last = 0;
    let mut reads = 0;
    while child.try_wait().unwrap().is_none() || reads < 3 {
        let n = stored_total(&d);
        assert!(n >= last, "the collection shrank from {last} to {n}");
        last = n;
        run(&["search", "--data", &d, "council", "--format", "json"]);
        run(&["check", "--data", &d]);
        reads += 1;
    }
    assert!(child.wait().unwrap().success());
    let n = stored_total(&d);
    assert_eq!(n, 90);
}
