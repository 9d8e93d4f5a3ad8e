use super::*;

const WAIT: Duration = Duration::from_secs(5);

fn article(id: &str, story: &str, outlet: &str, date: &str, title: &str, text: &str) -> ArticleDoc {
    ArticleDoc {
        id: id.to_string(),
        story: Some(story.to_string()),
        outlet: Some(outlet.to_string()),
        title: Some(title.to_string()),
        published: (!date.is_empty()).then(|| date.to_string()),
        text: text.to_string(),
        byline: vec!["Mira Quell".to_string()],
    }
}

fn quote(a: &ArticleDoc, speaker: &str, text: &str) -> QuoteDoc {
    let start = a.text.find(text).unwrap_or(0);
    QuoteDoc {
        article: a.id.clone(),
        story: a.story.clone(),
        outlet: a.outlet.clone(),
        published: a.published.clone(),
        speaker: (!speaker.is_empty()).then(|| speaker.to_string()),
        text: text.to_string(),
        start,
        end: start + text.len(),
    }
}

fn entity(story: &str, id: &str, name: &str, aliases: &[&str]) -> EntityDoc {
    EntityDoc {
        story: story.to_string(),
        id: id.to_string(),
        name: name.to_string(),
        kind: "person".to_string(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        mentions: 3,
    }
}

/// An invented corpus: a dock strike in Porthaven and a bakery opening.
fn fixture(dir: &Path) -> Index {
    let index = Index::open(dir).expect("open");
    let a1 = article(
        "a1",
        "s-dock",
        "Harbor Ledger",
        "2031-04-02",
        "Dock workers walk out in Porthaven",
        "Dock workers in Porthaven began a strike on Tuesday. \"We will not load a single crate until the minimum wage rises,\" said Dana Smalls, a crane operator. The port authority declined to comment.",
    );
    let a2 = article(
        "a2",
        "s-dock",
        "Valley Courier",
        "2031-04-03T08:30:00Z",
        "Port strikes spread along the coast",
        "The strikes spread to two more harbors. \"This is about a living wage,\" said Oren Vale of the dockworkers union. Shipping lines rerouted vessels.",
    );
    let a3 = article(
        "a3",
        "s-bread",
        "Harbor Ledger",
        "2031-03-20",
        "A new bakery opens on Quay Street",
        "Bakers on Quay Street opened a sourdough shop. \"Bread is a small joy,\" said Lina Smalls, the owner.",
    );
    let a4 = article(
        "a4",
        "s-dock",
        "Night Wire",
        "",
        "Undated wire note on the port dispute",
        "A short note about the port dispute and wages, with no date.",
    );
    let mut w = index.writer(WAIT).expect("writer");
    for (a, qs) in [
        (
            &a1,
            vec![quote(
                &a1,
                "Dana Smalls",
                "We will not load a single crate until the minimum wage rises,",
            )],
        ),
        (
            &a2,
            vec![quote(&a2, "Oren Vale", "This is about a living wage,")],
        ),
        (
            &a3,
            vec![quote(&a3, "Lina Smalls", "Bread is a small joy,")],
        ),
        (&a4, vec![]),
    ] {
        w.put_article(a, &qs).expect("put article");
    }
    w.put_story_entities(
        "s-dock",
        &[
            entity("s-dock", "e1", "Dana Smalls", &["Smalls"]),
            entity(
                "s-dock",
                "e2",
                "Porthaven Port Authority",
                &["port authority"],
            ),
        ],
    )
    .expect("put entities");
    w.put_story_entities("s-bread", &[entity("s-bread", "e3", "Lina Smalls", &[])])
        .expect("put entities");
    w.commit(7).expect("commit");
    index
}

fn q(text: &str) -> Query {
    Query {
        text: text.to_string(),
        limit: 50,
        ..Query::default()
    }
}

fn ids(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| match h.kind {
            Kind::Article => format!("a:{}", h.article.as_deref().unwrap_or("?")),
            Kind::Quote => format!("q:{}", h.article.as_deref().unwrap_or("?")),
            Kind::Entity => format!("e:{}", h.entity.as_deref().unwrap_or("?")),
        })
        .collect()
}

#[test]
fn word_search_finds_articles_quotes_and_entities() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    assert_eq!(index.num_docs(), 4 + 3 + 3);
    let hits = index.search(&q("Smalls")).unwrap();
    let found = ids(&hits);
    for want in ["a:a1", "a:a3", "q:a1", "q:a3", "e:e1", "e:e3"] {
        assert!(
            found.contains(&want.to_string()),
            "{want} missing from {found:?}"
        );
    }
    assert!(!found.contains(&"a:a2".to_string()));
    // Scores are best-first.
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let quote = hits.iter().find(|h| h.kind == Kind::Quote).unwrap();
    assert!(quote.start.is_some() && quote.end.is_some());
    let entity = hits
        .iter()
        .find(|h| h.entity.as_deref() == Some("e1"))
        .unwrap();
    assert_eq!(entity.text, "Dana Smalls");
    assert_eq!(entity.story.as_deref(), Some("s-dock"));
}

#[test]
fn stemming_matches_inflections() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    // "strike" in a1's body, "strikes" in a2's title and body.
    let found = ids(&index.search(&q("strike")).unwrap());
    assert!(found.contains(&"a:a1".to_string()), "{found:?}");
    assert!(found.contains(&"a:a2".to_string()), "{found:?}");
    let found = ids(&index.search(&q("STRIKES")).unwrap());
    assert!(found.contains(&"a:a1".to_string()), "{found:?}");
}

#[test]
fn phrase_and_conjunction() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    let found = ids(&index.search(&q("\"minimum wage\"")).unwrap());
    assert!(found.contains(&"a:a1".to_string()) && found.contains(&"q:a1".to_string()));
    assert_eq!(found.len(), 2, "{found:?}");
    // Words are ANDed: "living wage" only in a2.
    let found = ids(&index.search(&q("living wage")).unwrap());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|id| id.ends_with("a2")), "{found:?}");
    // A phrase in the wrong order does not match.
    assert!(index.search(&q("\"wage minimum\"")).unwrap().is_empty());
}

#[test]
fn article_snippet_is_plain_text_around_match() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    let hits = index.search(&q("authority")).unwrap();
    let art = hits.iter().find(|h| h.kind == Kind::Article).unwrap();
    assert_eq!(art.text, "Dock workers walk out in Porthaven");
    assert_eq!(
        art.title.as_deref(),
        Some("Dock workers walk out in Porthaven")
    );
    let snip = art.snippet.as_deref().unwrap();
    assert!(snip.contains("authority"), "{snip}");
    assert!(!snip.contains('<'), "{snip}");
}

#[test]
fn sloppy_syntax_degrades_and_garbage_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    // Unknown field and unbalanced quote still search the words.
    let found = ids(&index.search(&q("outlet:bakery")).unwrap());
    assert!(found.contains(&"a:a3".to_string()), "{found:?}");
    let found = ids(&index.search(&q("\"sourdough shop")).unwrap());
    assert!(found.contains(&"a:a3".to_string()), "{found:?}");
    match index.search(&q("((( :")) {
        Err(Error::Query { query, .. }) => assert_eq!(query, "((( :"),
        other => panic!("expected a query error, got {other:?}"),
    }
}

#[test]
fn filters_outlet_story_speaker_kinds() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    let hits = index
        .search(&Query {
            outlet: Some("harbor LEDGER".to_string()),
            kinds: vec![Kind::Article],
            ..q("")
        })
        .unwrap();
    assert_eq!(ids(&hits), vec!["a:a1", "a:a3"]);

    let hits = index
        .search(&Query {
            story: Some("s-bread".to_string()),
            ..q("")
        })
        .unwrap();
    let mut found = ids(&hits);
    found.sort();
    assert_eq!(found, vec!["a:a3", "e:e3", "q:a3"]);

    // Last name, case-insensitive: both Smalls quotes.
    let hits = index
        .search(&Query {
            speaker: Some("smalls".to_string()),
            ..q("")
        })
        .unwrap();
    assert_eq!(ids(&hits), vec!["q:a1", "q:a3"]);
    assert_eq!(hits[0].speaker.as_deref(), Some("Dana Smalls"));
    // Full name.
    let hits = index
        .search(&Query {
            speaker: Some("Lina  Smalls".to_string()),
            ..q("")
        })
        .unwrap();
    assert_eq!(ids(&hits), vec!["q:a3"]);
    // First name alone does not match.
    let hits = index
        .search(&Query {
            speaker: Some("Dana".to_string()),
            ..q("")
        })
        .unwrap();
    assert!(hits.is_empty());

    // Text plus kinds.
    let hits = index
        .search(&Query {
            kinds: vec![Kind::Entity, Kind::Quote],
            ..q("Smalls")
        })
        .unwrap();
    assert!(hits.iter().all(|h| h.kind != Kind::Article));
    assert_eq!(hits.len(), 4, "{:?}", ids(&hits));
}

#[test]
fn date_range_is_inclusive_and_excludes_undated() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    let range = |from: Option<&str>, to: Option<&str>| {
        let hits = index
            .search(&Query {
                from: from.map(String::from),
                to: to.map(String::from),
                kinds: vec![Kind::Article],
                ..q("")
            })
            .unwrap();
        ids(&hits)
    };
    assert_eq!(
        range(Some("2031-04-02"), Some("2031-04-03")),
        vec!["a:a2", "a:a1"]
    );
    assert_eq!(range(Some("2031-04-03"), None), vec!["a:a2"]);
    assert_eq!(range(None, Some("2031-03-20")), vec!["a:a3"]);
    // Without a range the undated article is listed, last.
    assert_eq!(range(None, None), vec!["a:a2", "a:a1", "a:a3", "a:a4"]);
    let bad = index.search(&Query {
        from: Some("April 2031".to_string()),
        ..q("")
    });
    assert!(matches!(bad, Err(Error::Query { .. })), "{bad:?}");
}

#[test]
fn replacing_an_article_drops_its_old_quotes() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    let a1 = article(
        "a1",
        "s-dock",
        "Harbor Ledger",
        "2031-04-02",
        "Dock strike ends",
        "The strike ended. \"We got our raise,\" said Dana Smalls.",
    );
    let qs = vec![quote(&a1, "Dana Smalls", "We got our raise,")];
    let mut w = index.writer(WAIT).unwrap();
    w.put_article(&a1, &qs).unwrap();
    w.commit(8).unwrap();
    assert!(index.search(&q("crate")).unwrap().is_empty());
    let hits = index
        .search(&Query {
            speaker: Some("Smalls".to_string()),
            story: Some("s-dock".to_string()),
            ..q("")
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].text, "We got our raise,");
    assert_eq!(index.num_docs(), 10);

    let mut w = index.writer(WAIT).unwrap();
    w.remove_article("a1").unwrap();
    w.commit(9).unwrap();
    assert_eq!(index.num_docs(), 8);
    assert!(index.search(&q("raise")).unwrap().is_empty());
}

#[test]
fn remove_story_drops_only_its_entities() {
    let tmp = tempfile::tempdir().unwrap();
    let index = fixture(tmp.path());
    let mut w = index.writer(WAIT).unwrap();
    w.remove_story("s-dock").unwrap();
    w.commit(8).unwrap();
    let hits = index
        .search(&Query {
            kinds: vec![Kind::Entity],
            ..q("")
        })
        .unwrap();
    assert_eq!(ids(&hits), vec!["e:e3"]);
    // Articles of that story stay.
    assert_eq!(
        index
            .search(&Query {
                story: Some("s-dock".to_string()),
                kinds: vec![Kind::Article],
                ..q("")
            })
            .unwrap()
            .len(),
        3
    );
    // put_story_entities replaces.
    let mut w = index.writer(WAIT).unwrap();
    w.put_story_entities(
        "s-bread",
        &[entity("s-bread", "e9", "Quay Street Bakers", &[])],
    )
    .unwrap();
    w.commit(9).unwrap();
    let hits = index
        .search(&Query {
            kinds: vec![Kind::Entity],
            ..q("")
        })
        .unwrap();
    assert_eq!(ids(&hits), vec!["e:e9"]);
}

#[test]
fn seq_round_trips_through_reopen_and_recreate_empties() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    {
        let fresh = Index::open(&dir).unwrap();
        assert_eq!(fresh.seq().unwrap(), 0);
        assert_eq!(fresh.num_docs(), 0);
    }
    {
        let index = fixture(&dir);
        assert_eq!(index.seq().unwrap(), 7);
    }
    let index = Index::open(&dir).unwrap();
    assert_eq!(index.seq().unwrap(), 7);
    assert_eq!(index.num_docs(), 10);
    let w = index.writer(WAIT).unwrap();
    w.commit(12).unwrap();
    assert_eq!(Index::open(&dir).unwrap().seq().unwrap(), 12);
    drop(index);

    let index = Index::recreate(&dir).unwrap();
    assert_eq!(index.seq().unwrap(), 0);
    assert_eq!(index.num_docs(), 0);
    assert!(index.search(&q("strike")).unwrap().is_empty());
}

#[test]
fn second_writer_waits_then_times_out() {
    let tmp = tempfile::tempdir().unwrap();
    let index = Index::open(tmp.path()).unwrap();
    let other = Index::open(tmp.path()).unwrap();
    let held = index.writer(WAIT).unwrap();
    let started = Instant::now();
    match other.writer(Duration::from_millis(200)) {
        Err(e @ Error::Locked { .. }) => {
            assert!(e.to_string().contains("locked by another writer"), "{e}");
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    assert!(started.elapsed() >= Duration::from_millis(200));

    // Released while the second one waits: it gets the lock.
    let waiter = std::thread::spawn(move || {
        let w = other.writer(Duration::from_secs(10)).map(|w| w.commit(3));
        matches!(w, Ok(Ok(())))
    });
    std::thread::sleep(Duration::from_millis(100));
    held.commit(2).unwrap();
    assert!(waiter.join().unwrap());
    assert_eq!(index.seq().unwrap(), 3);
}

#[test]
fn reader_sees_other_commits_after_reload() {
    let tmp = tempfile::tempdir().unwrap();
    let reader = Index::open(tmp.path()).unwrap();
    assert!(reader.search(&q("strike")).unwrap().is_empty());
    let writer_side = fixture(tmp.path());
    assert_eq!(writer_side.num_docs(), 10);
    // Not yet visible to the cached reader.
    assert_eq!(reader.num_docs(), 0);
    assert!(reader.search(&q("strike")).unwrap().is_empty());
    reader.reload().unwrap();
    assert_eq!(reader.num_docs(), 10);
    assert!(!reader.search(&q("strike")).unwrap().is_empty());
    assert_eq!(reader.seq().unwrap(), 7);
}

#[test]
fn garbage_meta_is_corrupt_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("meta.json"), b"{ this is not json").unwrap();
    match Index::open(tmp.path()) {
        Err(Error::Corrupt { dir, .. }) => assert_eq!(dir, tmp.path()),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    // The caller's way out.
    let index = Index::recreate(tmp.path()).unwrap();
    assert_eq!(index.seq().unwrap(), 0);
}

#[test]
fn hit_order_is_deterministic() {
    // Same content written in different orders and batches gives the same hits.
    let tmp1 = tempfile::tempdir().unwrap();
    let tmp2 = tempfile::tempdir().unwrap();
    let one = Index::open(tmp1.path()).unwrap();
    let two = Index::open(tmp2.path()).unwrap();
    // Identical texts, so scores tie and only the key breaks ties.
    let docs: Vec<ArticleDoc> = (0..12)
        .map(|i| {
            article(
                &format!("t{i:02}"),
                "s-tie",
                "Tide Gazette",
                "2031-05-01",
                "Ferry timetable changes",
                "The ferry timetable changes next week.",
            )
        })
        .collect();
    let mut w = one.writer(WAIT).unwrap();
    for d in &docs {
        w.put_article(d, &[]).unwrap();
    }
    w.commit(1).unwrap();
    for chunk in docs.iter().rev().collect::<Vec<_>>().chunks(5) {
        let mut w = two.writer(WAIT).unwrap();
        for d in chunk {
            w.put_article(d, &[]).unwrap();
        }
        w.commit(1).unwrap();
    }
    for text in ["ferry", ""] {
        let query = Query {
            limit: 5,
            offset: 3,
            ..q(text)
        };
        let a = one.search(&query).unwrap();
        let b = two.search(&query).unwrap();
        assert_eq!(ids(&a), ids(&b), "query {text:?}");
        assert_eq!(ids(&a), vec!["a:t03", "a:t04", "a:t05", "a:t06", "a:t07"]);
        assert_eq!(a, one.search(&query).unwrap());
    }
    // Limits beyond the corpus and zero limits are fine.
    assert_eq!(
        one.search(&Query {
            limit: usize::MAX,
            ..q("ferry")
        })
        .unwrap()
        .len(),
        12
    );
    assert!(one
        .search(&Query {
            limit: 0,
            ..q("ferry")
        })
        .unwrap()
        .is_empty());
    assert!(one
        .search(&Query {
            offset: 100,
            ..q("ferry")
        })
        .unwrap()
        .is_empty());
}

#[test]
fn kind_serializes_lowercase() {
    assert_eq!(serde_json::to_string(&Kind::Quote).unwrap(), "\"quote\"");
    let q: Query = serde_json::from_str(r#"{"text":"x","kinds":["entity"]}"#).unwrap();
    assert_eq!(q.kinds, vec![Kind::Entity]);
    assert_eq!(q.limit, 20);
}

#[test]
fn index_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Index>();
    shared::<Hit>();
}
