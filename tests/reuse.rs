//! Provenance in the real binary's report: `stories[].reuse` on the demo
//! corpus (independent reports that share quotes: no reuse), on a wire copy
//! made here, and on the shared seed articles when they are present.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn analyze(paths: &[&Path]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("analyze")
        .args(paths)
        .args(["--format", "json"])
        .output()
        .expect("run parallax");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("report is JSON")
}

/// Every reuse pair of the report as (source file name, derived file name),
/// after checking that its passages slice both texts on char boundaries.
fn reuse_pairs(rep: &Value) -> Vec<(String, String, Value)> {
    let arts = rep["articles"].as_array().unwrap();
    let find = |id: &Value| {
        arts.iter()
            .find(|a| &a["id"] == id)
            .expect("reuse cites a known article")
    };
    let name = |a: &Value| {
        Path::new(a["source"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let mut out = Vec::new();
    for s in rep["stories"].as_array().unwrap() {
        for r in s["reuse"].as_array().unwrap() {
            let (src, der) = (find(&r["source"]), find(&r["derived"]));
            let score = r["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score));
            for p in r["passages"].as_array().unwrap() {
                let cut = |a: &Value, s: &str, e: &str| {
                    let t = a["text"].as_str().unwrap();
                    let (s, e) = (
                        p[s].as_u64().unwrap() as usize,
                        p[e].as_u64().unwrap() as usize,
                    );
                    assert!(s < e);
                    t.get(s..e).expect("passage on char boundaries").to_string()
                };
                assert!(!cut(src, "source_start", "source_end").trim().is_empty());
                assert!(!cut(der, "derived_start", "derived_end").trim().is_empty());
            }
            out.push((name(src), name(der), r.clone()));
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

#[test]
fn demo_reports_share_quotes_but_none_is_a_copy() {
    let rep = analyze(&[&root().join("demo")]);
    assert!(reuse_pairs(&rep).is_empty());
}

#[test]
fn a_wire_copy_of_a_demo_article_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let orig = std::fs::read_to_string(root().join("demo/metro-ledger-bridge.json")).unwrap();
    let v: Value = serde_json::from_str(&orig).unwrap();
    // The copy, a day later, under another outlet, with one paragraph cut.
    let body = v["text"].as_str().unwrap();
    let paras: Vec<&str> = body.split("\n\n").collect();
    let copy = serde_json::json!({
        "title": "Bridge shut after cracks found",
        "outlet": "Example Daily",
        "published": "2025-03-14",
        "text": paras[..paras.len() - 1].join("\n\n"),
    });
    let copy_path = dir.path().join("copy.json");
    std::fs::write(&copy_path, copy.to_string()).unwrap();
    let orig_path = root().join("demo/metro-ledger-bridge.json");
    let rep = analyze(&[&orig_path, &copy_path]);
    let pairs = reuse_pairs(&rep);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let (src, der, r) = &pairs[0];
    assert_eq!(
        (src.as_str(), der.as_str()),
        ("metro-ledger-bridge.json", "copy.json")
    );
    assert_eq!(r["kind"], "copy");
    assert_eq!(r["direction"], "published");
    assert!(r["score"].as_f64().unwrap() > 0.9);
}

#[test]
fn seeds_one_is_derived_from_zero_and_nothing_else() {
    let seeds = root().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not present", seeds.display());
        return;
    }
    let rep = analyze(&[&seeds]);
    let pairs = reuse_pairs(&rep);
    let names: Vec<(&str, &str)> = pairs.iter().map(|(s, d, _)| (&s[..3], &d[..3])).collect();
    assert_eq!(names, [("000", "001")], "{pairs:?}");
    let r = &pairs[0].2;
    assert!(r["passages"].as_array().unwrap().len() >= 2);
    assert!(r["score"].as_f64().unwrap() >= 0.5);
}
