use super::*;
use parallax_core::Span;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: format!("{id}.txt"),
        outlet: Some("The Harbor Ledger".into()),
        title: Some(format!("Title of {id}")),
        byline: vec!["Mira Oduya".into()],
        published: Some("2031-05-04".into()),
        url: None,
        language: Some("en".into()),
        text: text.into(),
        removed: vec![],
        paragraphs: vec![Span::new(0, text.len())],
        sentences: vec![Span::new(0, text.len())],
    }
}

fn story(id: &str, size: usize) -> NewStory {
    NewStory {
        row: StoryRow {
            id: id.into(),
            title: Some("Ferry strike".into()),
            size,
            first_day: Some("2031-05-04".into()),
            last_day: Some("2031-05-05".into()),
            seq: 0,
        },
        json: format!("{{\"id\":\"{id}\"}}"),
        page: "<!doctype html><p>page</p>".into(),
    }
}

#[test]
fn creates_migrates_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.version().unwrap(), MIGRATIONS.len() as i64);
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.seq().unwrap(), 0);
    store.integrity_check().unwrap();
    let ro = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(ro.counts().unwrap(), Counts::default());
}

#[test]
fn read_only_open_of_a_missing_collection_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_read_only(&dir.path().join("none"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("no collection here"), "{err}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(dir.path()).err().unwrap();
    assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
}

#[test]
fn articles_stories_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = article("a1", "The ferry crews walked out at dawn.");
    let tx = store.transaction().unwrap();
    assert_eq!(tx.seq(), 1);
    tx.insert_article(&a, Some("harbor.example/ferry"), "k1", Some("s1"))
        .unwrap();
    let quotes = vec![QuoteRow {
        story: "s1".into(),
        article: "a1".into(),
        start: 4,
        end: 9,
        speaker: Some("Tomas Brel".into()),
        text: "ferry".into(),
    }];
    let ents = vec![EntityRow {
        story: "s1".into(),
        id: "s1-e0".into(),
        name: "Tomas Brel".into(),
        kind: "person".into(),
        aliases: vec!["Brel".into()],
        mentions: 3,
    }];
    tx.put_story(&story("s1", 1), &quotes, &ents).unwrap();
    assert_eq!(tx.commit().unwrap(), 1);

    assert_eq!(store.seq().unwrap(), 1);
    let dup = store.find_duplicate("other", Some("harbor.example/ferry"), "k9");
    assert_eq!(dup.unwrap().as_deref(), Some("a1"));
    assert!(store.find_duplicate("other", None, "k9").unwrap().is_none());
    assert_eq!(
        store.find_duplicate("zz", None, "k1").unwrap().as_deref(),
        Some("a1")
    );
    assert_eq!(
        store.id_by_url("harbor.example/ferry").unwrap().as_deref(),
        Some("a1")
    );
    assert!(store.id_by_url("harbor.example/other").unwrap().is_none());
    let got = store.article("a1").unwrap().unwrap();
    assert_eq!(got.article, a);
    assert_eq!(got.story.as_deref(), Some("s1"));
    assert_eq!(store.story_articles("s1").unwrap().len(), 1);
    assert_eq!(store.stories(10, 0).unwrap()[0].seq, 1);
    assert_eq!(store.story_json("s1").unwrap().unwrap(), "{\"id\":\"s1\"}");
    let by_last_name = QuoteFilter {
        speaker: Some("brel".into()),
        ..Default::default()
    };
    assert_eq!(store.quotes(&by_last_name).unwrap(), quotes);
    let other = QuoteFilter {
        speaker: Some("rel".into()),
        ..Default::default()
    };
    assert!(store.quotes(&other).unwrap().is_empty());
    assert_eq!(store.entities(None, Some("BREL"), 10, 0).unwrap(), ents);
    store.integrity_check().unwrap();

    // The same URL twice is a database-level error too (UNIQUE).
    let tx = store.transaction().unwrap();
    let b = article("a2", "Another text entirely.");
    assert!(tx
        .insert_article(&b, Some("harbor.example/ferry"), "k2", None)
        .is_err());
}

#[test]
fn an_uncommitted_batch_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    {
        let tx = store.transaction().unwrap();
        tx.insert_article(&article("a1", "text"), None, "k1", None)
            .unwrap();
        tx.reject("bad.bin", "binary file").unwrap();
        // dropped: rolled back
    }
    assert_eq!(store.counts().unwrap(), Counts::default());
    let tx = store.transaction().unwrap();
    tx.reject("bad.bin", "binary file").unwrap();
    tx.commit().unwrap();
    let rej = store.rejected(0).unwrap();
    assert_eq!(rej.len(), 1);
    assert_eq!(rej[0].error, "binary file");
}

#[test]
fn readers_see_committed_batches_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let reader = Store::open_read_only(dir.path()).unwrap();
    let tx = store.transaction().unwrap();
    tx.insert_article(&article("a1", "text"), None, "k1", None)
        .unwrap();
    assert_eq!(reader.counts().unwrap().articles, 0);
    tx.commit().unwrap();
    assert_eq!(reader.counts().unwrap().articles, 1);
}

#[test]
fn integrity_check_finds_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tx = store.transaction().unwrap();
    tx.insert_article(&article("a1", "text"), None, "k1", Some("gone"))
        .unwrap();
    tx.commit().unwrap();
    let err = store.integrity_check().err().unwrap();
    assert!(err.to_string().contains("missing stories"), "{err}");
}

#[test]
fn events_and_validators() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tx = store.transaction().unwrap();
    let ev = serde_json::json!({"kind": "merged", "into": "s1", "from": "s2"});
    tx.add_event("merged", "s1", "s2", &ev).unwrap();
    let v = Validators {
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    tx.commit().unwrap();
    store
        .remember_validators("http://127.0.0.1/feed.xml", &v)
        .unwrap();
    let evs = store.events("s2").unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].event, ev);
    assert_eq!(
        store.validators("http://127.0.0.1/feed.xml").unwrap(),
        Some(v)
    );
}

#[test]
fn iso_timestamps() {
    assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(iso_utc(1_700_000_000), "2023-11-14T22:13:20Z");
}

#[test]
fn packed_and_unpacked_story_texts_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tx = store.transaction().unwrap();
    tx.put_story(&story("s1", 1), &[], &[]).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        store.story_page("s1").unwrap().unwrap(),
        "<!doctype html><p>page</p>"
    );
    // A row written before migration 2 (plain text, packed = 0).
    store
        .conn
        .execute(
            "INSERT INTO stories (id, size, seq, story, page) VALUES ('old', 1, 1, '{}', '<p>old</p>')",
            [],
        )
        .unwrap();
    assert_eq!(store.story_page("old").unwrap().unwrap(), "<p>old</p>");
    assert_eq!(store.story_json("old").unwrap().unwrap(), "{}");
    // Garbage in a packed row is an error, not a panic.
    store
        .conn
        .execute("UPDATE stories SET page = x'00ff00' WHERE id = 's1'", [])
        .unwrap();
    assert!(matches!(store.story_page("s1"), Err(Error::Corrupt { .. })));
}
