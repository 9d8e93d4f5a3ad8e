use super::*;

fn doc(key: &str, title: &str, text: &str, ents: &[&str], date: Option<&str>) -> Doc {
    Doc::new(
        key,
        Some(title),
        text,
        ents.iter().map(|e| e.to_string()),
        date,
        &Config::default(),
    )
}

/// Two invented events, each told by three invented outlets, plus an
/// unrelated piece.
fn corpus() -> Vec<Doc> {
    vec![
        doc(
            "bridge-wire",
            "Barge strikes Norvale harbor bridge, span closed",
            "A cargo barge struck the Tillman Bridge in Norvale harbor on Tuesday, and \
             inspectors closed the span to traffic. Harbor master Edda Voss said the barge \
             lost steering in the fog. Commuters face long detours while divers inspect \
             the damaged pier.",
            &["Tillman Bridge", "Norvale", "Edda Voss"],
            Some("2031-03-04"),
        ),
        doc(
            "bridge-ledger",
            "Tillman Bridge shut after barge collision in fog",
            "Norvale officials shut the Tillman Bridge after a barge collision in thick fog. \
             Edda Voss, the harbor master, said divers would inspect the pier before the \
             span reopens. Detours added an hour for commuters.",
            &["Tillman Bridge", "Norvale", "Edda Voss"],
            Some("2031-03-04"),
        ),
        doc(
            "bridge-gazette",
            "Commuters detoured as divers inspect barge-damaged Norvale span",
            "Divers spent Wednesday inspecting a pier of the Tillman Bridge, which a barge \
             hit in fog. The harbor master, Edda Voss, blamed a steering failure on the \
             barge. The bridge stays closed and commuters take detours.",
            &["Tillman Bridge", "Edda Voss", "Norvale"],
            Some("2031-03-05"),
        ),
        doc(
            "fire-wire",
            "Wildfire forces evacuations in Kestrel Valley",
            "A fast-moving wildfire in Kestrel Valley forced thousands to evacuate on Monday. \
             Fire chief Oren Maddox said dry winds pushed the flames toward orchards. \
             Shelters opened at the county fairgrounds.",
            &["Kestrel Valley", "Oren Maddox"],
            Some("2031-03-02"),
        ),
        doc(
            "fire-ledger",
            "Kestrel Valley residents flee wind-driven wildfire",
            "Residents of Kestrel Valley fled a wildfire driven by dry winds. Oren Maddox, \
             the fire chief, said crews were protecting orchards. Evacuation shelters \
             opened at the fairgrounds.",
            &["Kestrel Valley", "Oren Maddox"],
            Some("2031-03-02"),
        ),
        doc(
            "fire-gazette",
            "Crews battle wildfire near Kestrel Valley orchards",
            "Fire crews battled flames near orchards in Kestrel Valley as winds stayed dry. \
             Chief Oren Maddox said evacuation orders remain and fairgrounds shelters are \
             full.",
            &["Oren Maddox", "Kestrel Valley"],
            Some("2031-03-03"),
        ),
        doc(
            "chess",
            "Teenager wins regional chess title",
            "A fourteen-year-old from Pellham won the regional chess championship after a \
             tense endgame against a former champion.",
            &["Pellham"],
            Some("2031-03-03"),
        ),
    ]
}

fn grouping_by_key(docs: &[Doc], groups: &[Vec<usize>]) -> BTreeSet<Vec<String>> {
    groups
        .iter()
        .map(|g| {
            let mut keys: Vec<String> = g.iter().map(|&i| docs[i].key.clone()).collect();
            keys.sort();
            keys
        })
        .collect()
}

fn expected() -> BTreeSet<Vec<String>> {
    [
        vec!["bridge-gazette", "bridge-ledger", "bridge-wire"],
        vec!["fire-gazette", "fire-ledger", "fire-wire"],
        vec!["chess"],
    ]
    .into_iter()
    .map(|g| g.into_iter().map(String::from).collect())
    .collect()
}

#[test]
fn stopwords_are_sorted() {
    assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn two_events_three_outlets() {
    let docs = corpus();
    let groups = cluster_batch(&docs, Config::default());
    assert_eq!(grouping_by_key(&docs, &groups), expected());
}

#[test]
fn online_add_groups_events() {
    let docs = corpus();
    let mut c = Clusterer::new(Config::default());
    let ids: Vec<StoryId> = docs.iter().map(|d| c.add(d)).collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[1], ids[2]);
    assert_eq!(ids[3], ids[4]);
    assert_eq!(ids[4], ids[5]);
    assert_ne!(ids[0], ids[3]);
    assert_ne!(ids[6], ids[0]);
    assert_ne!(ids[6], ids[3]);
    assert_eq!(c.assignments().len(), docs.len());
}

/// Permutations from a small deterministic generator (no rand dependency).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..n).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
    v
}

#[test]
fn input_order_does_not_change_grouping() {
    let docs = corpus();
    let base = grouping_by_key(&docs, &cluster_batch(&docs, Config::default()));
    for seed in 1..20 {
        let perm = shuffled(docs.len(), seed);
        let sh: Vec<Doc> = perm.iter().map(|&i| docs[i].clone()).collect();
        let groups = cluster_batch(&sh, Config::default());
        assert_eq!(grouping_by_key(&sh, &groups), base, "seed {seed}");
        // The online clusterer alone also groups these the same way.
        let mut c = Clusterer::new(Config::default());
        for d in &sh {
            c.add(d);
        }
        let mut by_story: BTreeMap<StoryId, Vec<String>> = BTreeMap::new();
        for (k, s) in c.assignments() {
            by_story.entry(s).or_default().push(k);
        }
        let online: BTreeSet<Vec<String>> = by_story
            .into_values()
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        assert_eq!(online, base, "online, seed {seed}");
    }
}

#[test]
fn dates_weeks_apart_split_same_topic() {
    let mut docs = corpus();
    // The same kind of incident at the same bridge, five weeks later.
    docs.push(doc(
        "bridge-later",
        "Barge strikes Norvale harbor bridge again, span closed",
        "Another barge struck the Tillman Bridge in Norvale harbor in fog, and inspectors \
         closed the span. Harbor master Edda Voss said divers will inspect the pier; \
         commuters face detours.",
        &["Tillman Bridge", "Norvale", "Edda Voss"],
        Some("2031-04-08"),
    ));
    let groups = cluster_batch(&docs, Config::default());
    let g = grouping_by_key(&docs, &groups);
    assert!(g.contains(&vec!["bridge-later".to_string()]), "{g:?}");
    // Without dates the same text joins the bridge story.
    let n = docs.len();
    docs[n - 1].date = None;
    let g = grouping_by_key(&docs, &cluster_batch(&docs, Config::default()));
    assert!(!g.contains(&vec!["bridge-later".to_string()]), "{g:?}");
}

#[test]
fn ids_stable_when_more_articles_arrive() {
    let docs = corpus();
    let mut c = Clusterer::new(Config::default());
    for d in &docs[..4] {
        c.add(d);
    }
    let before = c.assignments();
    for d in &docs[4..] {
        c.add(d);
    }
    let after = c.assignments();
    assert_eq!(&after[..before.len()], &before[..]);
    assert_eq!(before[0].1, StoryId::of_first("bridge-wire"));
    assert_eq!(after[5].1, StoryId::of_first("fire-wire"));
}

#[test]
fn parse_days() {
    assert_eq!(parse_day("1970-01-01"), Some(0));
    assert_eq!(parse_day("2000-03-01T10:00:00Z"), Some(11017));
    assert_eq!(parse_day("March 3"), None);
    assert_eq!(parse_day("2021-13-01"), None);
}

/// Two accounts of one invented event that share no content words or names
/// (a dam's failing spillway; the county's evacuation), and articles that
/// cover both.
fn dam(key: &str, n: usize) -> Doc {
    let extra = ["Gauges", "Sensors", "Drones", "Divers"][n % 4];
    doc(
        key,
        "Cracks widen in Lake Orrin Dam spillway",
        &format!(
            "Engineers found widening cracks in the concrete spillway of the Lake Orrin Dam \
             and began lowering the reservoir through the outlet tunnel. {extra} monitor \
             seepage along the embankment around the clock."
        ),
        &["Lake Orrin Dam"],
        Some("2031-05-10"),
    )
}

fn shelter(key: &str, n: usize) -> Doc {
    let extra = ["Buses", "Vans", "Ferries", "Trucks"][n % 4];
    doc(
        key,
        "Corvel County opens shelters for evacuated families",
        &format!(
            "Corvel County opened shelters in school gymnasiums for families told to leave \
             low neighborhoods. {extra} carried residents uphill while volunteers handed \
             out blankets and hot meals."
        ),
        &["Corvel County"],
        Some("2031-05-10"),
    )
}

fn both(key: &str) -> Doc {
    doc(
        key,
        "Corvel County evacuates families as Lake Orrin Dam spillway cracks",
        "Engineers found widening cracks in the concrete spillway of the Lake Orrin Dam and \
         began lowering the reservoir. Corvel County opened shelters in school gymnasiums \
         for families told to leave low neighborhoods, and buses carried residents uphill.",
        &["Lake Orrin Dam", "Corvel County"],
        Some("2031-05-10"),
    )
}

#[test]
fn bridging_articles_merge_two_stories_older_id_survives() {
    let mut c = Clusterer::new(Config::default());
    let a = c.add(&dam("dam-1", 0));
    assert_eq!(c.add(&dam("dam-2", 1)), a);
    let b = c.add(&shelter("shelter-1", 0));
    assert_eq!(c.add(&shelter("shelter-2", 1)), b);
    assert_ne!(a, b, "the two accounts start apart");
    assert!(c.events().is_empty());
    c.add(&both("both-1"));
    c.add(&both("both-2"));
    assert_eq!(
        c.events().first(),
        Some(&StoryEvent::Merged {
            into: a.clone(),
            from: b.clone(),
            at_doc: c.events().first().map_or(String::new(), |e| match e {
                StoryEvent::Merged { at_doc, .. } => at_doc.clone(),
                StoryEvent::Split { .. } => String::new(),
            }),
        }),
        "{:?}",
        c.events()
    );
    assert_eq!(c.events().len(), 1, "{:?}", c.events());
    assert!(c.assignments().iter().all(|(_, s)| *s == a));
    assert_eq!(a, StoryId::of_first("dam-1"));
    assert_eq!(c.story_count(), 1);
}

#[test]
fn merged_story_whose_halves_outgrow_their_bridge_splits_again() {
    let mut c = Clusterer::new(Config::default());
    let a = c.add(&dam("dam-1", 0));
    c.add(&dam("dam-2", 1));
    let b = c.add(&shelter("shelter-1", 0));
    c.add(&shelter("shelter-2", 1));
    c.add(&both("both-1"));
    c.add(&both("both-2"));
    assert_eq!(c.story_count(), 1);
    // Many more reports of each side alone: the two bridging articles no
    // longer hold the halves together, and the story splits.
    for i in 3..28 {
        c.add(&dam(&format!("dam-{i}"), i));
        c.add(&shelter(&format!("shelter-{i}"), i));
    }
    let splits: Vec<&StoryEvent> = c
        .events()
        .iter()
        .filter(|e| matches!(e, StoryEvent::Split { .. }))
        .collect();
    assert_eq!(splits.len(), 1, "{:?}", c.events());
    let StoryEvent::Split {
        from, new, moved, ..
    } = splits[0]
    else {
        unreachable!()
    };
    // The oldest article keeps its story's id; the other half takes the id
    // of its own oldest article, the id it had before the merge.
    assert_eq!(from, &a);
    assert_eq!(new, &b);
    assert!(moved.iter().all(|k| !k.starts_with("dam-")), "{moved:?}");
    let by_key: BTreeMap<String, StoryId> = c.assignments().into_iter().collect();
    for (k, s) in &by_key {
        if k.starts_with("dam-") {
            assert_eq!(s, &a, "{k}");
        } else if k.starts_with("shelter-") {
            assert_eq!(s, &b, "{k}");
        }
    }
    assert_eq!(c.story_count(), 2);
    assert!(c.stats().split_checks >= 1);
}

#[test]
fn date_buckets_keep_every_story_that_can_still_match() {
    // The same article 16 days later can still reach the threshold
    // (date factor exp(-13/7) ~ 0.16), 18 days later it cannot.
    let base = dam("dam-1", 0);
    for (days, joins) in [(16, true), (18, false), (-16, true), (-18, false)] {
        let mut c = Clusterer::new(Config::default());
        let a = c.add(&base);
        let mut later = base.clone();
        later.key = format!("dam-{days}");
        later.date = base.date.map(|d| d + days);
        assert_eq!(c.add(&later) == a, joins, "{days} days");
    }
}

#[test]
fn state_round_trips_through_serde() {
    let docs = corpus();
    let mut c = Clusterer::new(Config::default());
    for d in &docs[..4] {
        c.add(d);
    }
    let json = serde_json::to_string(&c).expect("serializes");
    let mut back: Clusterer = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(serde_json::to_string(&back).expect("serializes"), json);
    for d in &docs[4..] {
        assert_eq!(back.add(d), c.add(d), "{}", d.key);
    }
    assert_eq!(back.assignments(), c.assignments());
    assert_eq!(back.events(), c.events());
    // A damaged state is an error, not a panic.
    let bad = json.replacen("\"story\":0", "\"story\":99", 1);
    assert!(serde_json::from_str::<Clusterer>(&bad).is_err());
}

/// Three short pieces on one invented event: they share only its specific
/// words (the Pellmoor reservoir and its levee) while each adds other words
/// common in any news run. Within the run alone, every shared word has the
/// lowest IDF and the pieces split; the background table knows that the
/// other words are common.
fn tiny_story() -> Vec<Doc> {
    let d = |key: &str, text: &str| Doc::new(key, None, text, Vec::new(), None, &Config::default());
    vec![
        d(
            "levee-a",
            "Pellmoor reservoir levee: the former governor said on Monday that the state \
             house would meet this week, and people in the capital called the White House.",
        ),
        d(
            "levee-b",
            "Pellmoor reservoir levee: the president told the Republican leader on Tuesday \
             that the Senate would vote next month on the national campaign report.",
        ),
        d(
            "levee-c",
            "Pellmoor reservoir levee: Democratic officials said on Thursday that the \
             federal court and the department would release the public statement soon.",
        ),
    ]
}

#[test]
fn background_frequencies_keep_a_tiny_run_together() {
    let docs = tiny_story();
    let with = cluster_batch(&docs, Config::default());
    assert_eq!(with, vec![vec![0, 1, 2]], "{with:?}");
    let without = cluster_batch(
        &docs,
        Config {
            background_docs: 0.0,
            ..Config::default()
        },
    );
    assert_eq!(without, vec![vec![0], vec![1], vec![2]], "{without:?}");
}
