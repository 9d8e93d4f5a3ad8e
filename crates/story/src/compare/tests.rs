use super::*;
use crate::testkit::art;

fn quotes_of(docs: &[(Article, Annotations)]) -> Vec<StoryQuote<'_>> {
    let group: Vec<(&Article, &Annotations)> = docs.iter().map(|(a, n)| (a, n)).collect();
    let speakers: Vec<Vec<Option<&str>>> = docs
        .iter()
        .map(|(_, n)| {
            n.quotes
                .iter()
                .map(|q| q.speaker.map(|e| n.entities[e].name.as_str()))
                .collect()
        })
        .collect();
    quotes(&group, &speakers)
}

fn facts_of(docs: &[(Article, Annotations)]) -> (Vec<StoryFact<'_>>, Vec<Discrepancy<'_>>) {
    let group: Vec<(&Article, &Annotations)> = docs.iter().map(|(a, n)| (a, n)).collect();
    facts(&group)
}

const FULL: &str = "\"We will rebuild the pier before the winter storms arrive, and we will do \
                    it without raising tolls,\" said Mayor Ines Calder on Monday.";

#[test]
fn trimmed_spliced_and_altered_quotes_are_one_entry() {
    let docs = vec![
        art("gull-post", "2030-05-06", FULL),
        art(
            "tern-daily",
            "2030-05-06",
            "Mayor Ines Calder promised to act \"before the winter storms arrive.\"",
        ),
        art(
            "kite-news",
            "2030-05-06",
            "\"We will rebuild the pier without raising tolls,\" Mayor Ines Calder said.",
        ),
        art(
            "heron-wire",
            "2030-05-06",
            "\"We will rebuild the pier before the winter storms arrive, and we will do it \
             without raising fares,\" Mayor Ines Calder said.",
        ),
    ];
    let qs = quotes_of(&docs);
    assert_eq!(qs.len(), 1, "one entry expected");
    let q = &qs[0];
    assert!(q.text.starts_with("We will rebuild the pier before"));
    assert_eq!(q.occurrences.len(), 4);
    let kinds: Vec<VariantKind> = q.occurrences.iter().map(|o| o.variant).collect();
    assert_eq!(
        kinds,
        vec![
            VariantKind::Exact,
            VariantKind::Trimmed,
            VariantKind::Spliced,
            VariantKind::Altered
        ]
    );
    let spliced = &q.occurrences[2];
    assert_eq!(spliced.changes.len(), 1);
    assert_eq!(
        spliced.changes[0].from,
        "before the winter storms arrive, and we will do it"
    );
    assert_eq!(spliced.changes[0].to, "");
    let altered = &q.occurrences[3];
    assert_eq!(altered.changes.len(), 1);
    assert_eq!(altered.changes[0].from, "tolls");
    assert_eq!(altered.changes[0].to, "fares");
    // Spans slice to the quoted words in each article.
    for (o, (a, _)) in q.occurrences.iter().zip(&docs) {
        assert!(
            a.text[o.start..o.end].contains("before the winter storms arrive")
                || a.text[o.start..o.end].contains("without raising tolls")
        );
    }
    assert!(!q.speaker_conflict);
    assert_eq!(q.speaker, Some("Ines Calder"));
}

#[test]
fn same_words_from_two_speakers_are_flagged() {
    let docs = vec![
        art(
            "gull-post",
            "2030-05-06",
            "\"The harbor budget cannot carry another repair this year,\" said Mayor Ines \
             Calder.",
        ),
        art(
            "tern-daily",
            "2030-05-06",
            "\"The harbor budget cannot carry another repair this year,\" said council \
             member Rolf Ambers.",
        ),
    ];
    let qs = quotes_of(&docs);
    assert_eq!(qs.len(), 1);
    assert!(qs[0].speaker_conflict);
    assert_eq!(qs[0].speakers, vec!["Ines Calder", "Rolf Ambers"]);
}

#[test]
fn different_quotes_stay_apart() {
    let docs = vec![
        art(
            "gull-post",
            "2030-05-06",
            "\"The pier will reopen in June,\" said Mayor Ines Calder.",
        ),
        art(
            "tern-daily",
            "2030-05-06",
            "\"Nobody asked the fishermen what they need,\" said Rolf Ambers.",
        ),
    ];
    assert_eq!(quotes_of(&docs).len(), 2);
}

#[test]
fn different_counts_of_the_same_thing_are_a_discrepancy() {
    let docs = vec![
        art(
            "gull-post",
            "2030-05-06",
            "The lantern festival drew 12,000 visitors to the Calder harbor front on Saturday, \
             organizers said.",
        ),
        art(
            "tern-daily",
            "2030-05-06",
            "Organizers said the lantern festival drew 9,500 visitors to the harbor front on \
             Saturday.",
        ),
        art(
            "kite-news",
            "2030-05-06",
            "About 11,000 visitors came to the lantern festival on the harbor front, organizers \
             said.",
        ),
    ];
    let (facts, disc) = facts_of(&docs);
    assert_eq!(disc.len(), 1, "{disc:?}");
    let d = &disc[0];
    assert_eq!(d.about, "visitors");
    let texts: Vec<&str> = d.claims.iter().map(|c| c.text).collect();
    assert!(texts.iter().any(|t| t.contains("12,000")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("9,500")), "{texts:?}");
    // "About 11,000" is compatible with both and is no claim.
    assert!(!texts.iter().any(|t| t.contains("11,000")), "{texts:?}");
    for c in &d.claims {
        let (a, _) = docs.iter().find(|(a, _)| a.id == c.article).unwrap();
        assert_eq!(&a.text[c.start..c.end], c.text);
    }
    assert!(facts
        .iter()
        .filter(|f| f.unit == Some("visitors"))
        .all(|f| f.articles.len() == 1));
}

#[test]
fn rounding_and_qualifiers_are_not_disagreement() {
    let docs = vec![
        art(
            "gull-post",
            "2030-05-06",
            "Election officials counted 2,013 ballots in the harbor ward recount on Friday.",
        ),
        art(
            "tern-daily",
            "2030-05-06",
            "Election officials counted 2,000 ballots in the harbor ward recount on Friday.",
        ),
        art(
            "kite-news",
            "2030-05-06",
            "Election officials counted over 1,900 ballots in the harbor ward recount on Friday.",
        ),
    ];
    let (_, disc) = facts_of(&docs);
    assert!(disc.is_empty(), "{disc:?}");
}

#[test]
fn the_same_value_across_outlets_is_one_fact() {
    let docs = vec![
        art(
            "gull-post",
            "2030-05-06",
            "The ferry service carried 48,000 passengers in April, the port authority said.",
        ),
        art(
            "tern-daily",
            "2030-05-06",
            "According to the port authority, 48,000 passengers used the ferry service in \
             April.",
        ),
    ];
    let (facts, disc) = facts_of(&docs);
    assert!(disc.is_empty());
    let f = facts
        .iter()
        .find(|f| f.text.contains("48,000"))
        .expect("passenger count");
    assert_eq!(f.articles.len(), 2);
    assert_eq!(f.occurrences.len(), 2);
}

#[test]
fn dates_of_one_event_disagree_only_when_their_periods_do_not_overlap() {
    let docs = vec![
        art(
            "gull-post",
            "2031-02-10",
            "The mayor skipped the harbor rally in August 2030, citing a scheduling conflict \
             with the budget vote.",
        ),
        art(
            "tern-daily",
            "2031-02-10",
            "Calder skipped the harbor rally last summer over a scheduling conflict with the \
             budget vote.",
        ),
        art(
            "kite-news",
            "2031-02-10",
            "The mayor skipped the harbor rally in the spring of 2030, citing a scheduling \
             conflict with the budget vote.",
        ),
    ];
    let (facts, disc) = facts_of(&docs);
    assert_eq!(disc.len(), 1, "{disc:?}");
    assert_eq!(disc[0].about, "rally");
    let texts: Vec<&str> = disc[0].claims.iter().map(|c| c.text).collect();
    assert!(texts.contains(&"the spring of 2030"), "{texts:?}");
    assert!(texts.contains(&"August 2030"), "{texts:?}");
    // August 2030 and "last summer" (summer 2030) agree: no claim for it
    // against August; it conflicts with spring on its own.
    assert!(facts.iter().any(|f| f.text == "August 2030"));
}

#[test]
fn periods() {
    let p = |v: &str| date_period(v).map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(p("2021"), Some(("2021-01-01".into(), "2021-12-31".into())));
    assert_eq!(
        p("2021-02"),
        Some(("2021-02-01".into(), "2021-02-28".into()))
    );
    assert_eq!(
        p("2021-SU"),
        Some(("2021-06-01".into(), "2021-08-31".into()))
    );
    assert_eq!(
        p("2022-W13"),
        Some(("2022-03-28".into(), "2022-04-03".into()))
    );
    assert_eq!(
        p("2021-Q4"),
        Some(("2021-10-01".into(), "2021-12-31".into()))
    );
    assert_eq!(
        p("2021-08-15T10:00"),
        Some(("2021-08-15".into(), "2021-08-15".into()))
    );
    assert_eq!(p("PAST_REF"), None);
    assert_eq!(p("XXXX-04-02"), None);
}

#[test]
fn rounding() {
    assert!(rounds_to(2013.0, 2000.0));
    assert!(rounds_to(13_400_000.0, 13_000_000.0));
    assert!(!rounds_to(2013.0, 2010.5));
    assert!(!rounds_to(9500.0, 12000.0));
    assert!(!rounds_to(2013.0, 2014.0));
}

#[test]
fn dashes_and_accents_around_dates_do_not_break_spans() {
    let docs = vec![
        art(
            "gull-post",
            "2030-05-06",
            "PORT ÉLAN — The café vote — held in March 2030 — drew 1,200 résidents.",
        ),
        art(
            "tern-daily",
            "2030-05-06",
            "PORT ÉLAN — The café vote, held in June 2030 — drew 900 résidents…",
        ),
    ];
    let (facts, disc) = facts_of(&docs);
    assert!(!facts.is_empty());
    for d in &disc {
        for c in &d.claims {
            let (a, _) = docs.iter().find(|(a, _)| a.id == c.article).unwrap();
            assert_eq!(&a.text[c.start..c.end], c.text);
        }
    }
}
