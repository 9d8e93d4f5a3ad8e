use super::*;
use proptest::prelude::*;

fn run(text: &str) -> Vec<Entity> {
    find_entities(text, &parallax_text::sentences(text))
}

fn texts<'a>(text: &'a str, e: &Entity) -> Vec<&'a str> {
    e.mentions.iter().map(|m| m.span.slice(text)).collect()
}

fn by_name<'a>(ents: &'a [Entity], name: &str) -> &'a Entity {
    ents.iter().find(|e| e.name == name).unwrap_or_else(|| {
        panic!(
            "no entity {name:?} in {:?}",
            ents.iter().map(|e| &e.name).collect::<Vec<_>>()
        )
    })
}

fn names(ents: &[Entity]) -> Vec<&str> {
    ents.iter().map(|e| e.name.as_str()).collect()
}

const ARTICLE: &str = "Warehouse Workers Rebuke MQB Over Silence\n\n\
Rep. Mara Quinn-Belford, D-Ore., was criticized on Friday by a union organizer.\n\n\
Because the vote was close, Tobias Renwick, one of the union organizers, spoke to Harbor \
Light News. \"We won without them,\" Renwick said. He added that Quinn-Belford had been \
silent. The congresswoman did not respond.\n\n\
MQB later tweeted that she supported the Portside Dockworkers Union (PDU). \
Toby Renwick replied to @MQB and @portsidedockworkers on Twitter. \
The PDU said the company, Kelvar Logistics Inc., had resisted. \
Kelvar Logistics Inc.’s spokesperson declined to comment. It's unclear what happens in August.";

#[test]
fn groups_full_name_surname_acronym_and_handle() {
    let ents = run(ARTICLE);
    let e = by_name(&ents, "Mara Quinn-Belford");
    assert_eq!(e.kind, EntityKind::Person);
    let m = texts(ARTICLE, e);
    assert!(m.contains(&"Mara Quinn-Belford"), "{m:?}");
    assert!(m.contains(&"Quinn-Belford"), "{m:?}");
    assert!(m.contains(&"MQB"), "{m:?}");
    assert!(m.contains(&"@MQB"), "{m:?}");
    assert!(m.contains(&"The congresswoman"), "{m:?}");
    for a in ["Quinn-Belford", "MQB", "@MQB"] {
        assert!(e.aliases.iter().any(|x| x == a), "{:?}", e.aliases);
    }
    // The title is not in the span.
    assert!(!m.iter().any(|x| x.starts_with("Rep")));
}

#[test]
fn first_name_variants_merge() {
    let ents = run(ARTICLE);
    let e = by_name(&ents, "Tobias Renwick");
    let m = texts(ARTICLE, e);
    assert!(m.contains(&"Toby Renwick"), "{m:?}");
    assert!(m.contains(&"Renwick"), "{m:?}");
    assert!(m.contains(&"He"), "{m:?}");
    assert_eq!(e.kind, EntityKind::Person);
    let t = "Chris Doyle met fans. Christian Doyle later said the fans were loud.";
    let ents = run(t);
    let e = by_name(&ents, "Christian Doyle");
    assert_eq!(texts(t, e), ["Chris Doyle", "Christian Doyle"]);
    assert_eq!(e.aliases, ["Chris Doyle"]);
}

#[test]
fn organizations_acronyms_handles_descriptions() {
    let ents = run(ARTICLE);
    let u = by_name(&ents, "Portside Dockworkers Union");
    assert_eq!(u.kind, EntityKind::Organization);
    let m = texts(ARTICLE, u);
    assert_eq!(m.iter().filter(|x| **x == "PDU").count(), 2, "{m:?}");
    assert!(m.contains(&"@portsidedockworkers"), "{m:?}");
    let k = by_name(&ents, "Kelvar Logistics Inc.");
    assert_eq!(k.kind, EntityKind::Organization);
    let m = texts(ARTICLE, k);
    assert!(m.contains(&"the company") || m.len() >= 2, "{m:?}");
    // Possessive excluded from the span.
    assert!(
        m.iter().all(|x| !x.ends_with('s') || x.ends_with("Inc.")),
        "{m:?}"
    );
    let n = by_name(&ents, "Harbor Light News");
    assert_eq!(n.kind, EntityKind::Organization);
    assert_eq!(by_name(&ents, "Twitter").kind, EntityKind::Organization);
}

#[test]
fn no_junk_entities() {
    let ents = run(ARTICLE);
    let n = names(&ents);
    for junk in [
        "Because",
        "Rep",
        "Friday",
        "August",
        "It's",
        "He",
        "The",
        "Warehouse",
    ] {
        assert!(!n.contains(&junk), "{junk} in {n:?}");
    }
    let t = "Prior to the vote, Democratic lawmakers stayed quiet. On Monday, Republican \
             leaders spoke. Ethiopian officials agreed.";
    assert!(run(t).is_empty(), "{:?}", names(&run(t)));
}

#[test]
fn two_people_sharing_a_surname_stay_apart() {
    let t = "Dana Whitcombe chairs the board. Her brother Oliver Whitcombe runs a bakery. \
             Whitcombe said the bread sells out. Later Dana Whitcombe said the board agreed, \
             and Whitcombe smiled.";
    let ents = run(t);
    let dana = by_name(&ents, "Dana Whitcombe");
    let oliver = by_name(&ents, "Oliver Whitcombe");
    let d = dana
        .mentions
        .iter()
        .map(|m| m.span.start)
        .collect::<Vec<_>>();
    let o = oliver
        .mentions
        .iter()
        .map(|m| m.span.start)
        .collect::<Vec<_>>();
    let first_bare = t.find("Whitcombe said").unwrap();
    let last_bare = t.rfind("Whitcombe smiled").unwrap();
    assert!(o.contains(&first_bare), "{o:?}");
    assert!(d.contains(&last_bare), "{d:?}");
}

#[test]
fn places_and_hyphen_compounds() {
    let t = "The plant in Salem, Ore., is owned by a Jeff Bezos-owned firm. Workers from \
             Staten Island Amazon sites and the United States Postal Service Jamaica station came.";
    let ents = run(t);
    let n = names(&ents);
    assert!(n.contains(&"Jeff Bezos"), "{n:?}");
    assert!(n.contains(&"Staten Island"), "{n:?}");
    assert!(n.contains(&"Amazon"), "{n:?}");
    assert!(n.contains(&"United States Postal Service"), "{n:?}");
    assert_eq!(by_name(&ents, "Salem").kind, EntityKind::Place);
    assert_eq!(by_name(&ents, "Staten Island").kind, EntityKind::Place);
    assert_eq!(by_name(&ents, "Jeff Bezos").kind, EntityKind::Person);
}

#[test]
fn headline_only_known_names() {
    let t = "Union Leader Slams Governor Over Broken Promise\n\nGov. Elena Marchetti said \
             on Tuesday that the union leader, Paul Ostrander, was wrong.";
    let ents = run(t);
    let n = names(&ents);
    assert_eq!(n, ["Elena Marchetti", "Paul Ostrander"], "{n:?}");
}

#[test]
fn pronouns_only_when_unambiguous() {
    let t = "Paul Ostrander met Elena Marchetti. He said she was late.";
    let ents = run(t);
    assert!(texts(t, by_name(&ents, "Paul Ostrander")).contains(&"He"));
    assert!(texts(t, by_name(&ents, "Elena Marchetti")).contains(&"she"));
    // Two men: no link.
    let t = "Paul Ostrander met John Keller. He said it went well.";
    let ents = run(t);
    for e in &ents {
        assert!(e.mentions.iter().all(|m| m.form != MentionForm::Pronoun));
    }
    // Inside a quote: no link.
    let t = "Paul Ostrander spoke. \"He is wrong,\" Ostrander said.";
    let ents = run(t);
    assert!(!texts(t, by_name(&ents, "Paul Ostrander")).contains(&"He"));
}

#[test]
fn acronym_by_initials_and_definition() {
    let t = "The National Transit Safety Board (NTSB) opened a probe. Officials at the NTSB \
             and the Federal Rail Office met. FRO staff agreed.";
    let ents = run(t);
    let b = by_name(&ents, "National Transit Safety Board");
    assert_eq!(
        texts(t, b),
        ["National Transit Safety Board", "NTSB", "NTSB"]
    );
    let f = by_name(&ents, "Federal Rail Office");
    assert_eq!(texts(t, f), ["Federal Rail Office", "FRO"]);
}

fn check_invariants(text: &str, ents: &[Entity]) {
    let mut all = Vec::new();
    for e in ents {
        assert!(!e.mentions.is_empty());
        for w in e.mentions.windows(2) {
            assert!(w[0].span.start < w[1].span.start, "mentions sorted");
        }
        for m in &e.mentions {
            assert!(m.span.start < m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            all.push(m.span);
        }
    }
    all.sort_by_key(|s| s.start);
    for w in all.windows(2) {
        assert!(w[0].end <= w[1].start, "mentions overlap: {:?}", w);
    }
}

#[test]
fn invariants_on_article() {
    check_invariants(ARTICLE, &run(ARTICLE));
}

#[test]
fn large_input_is_fast() {
    let mut t = String::new();
    while t.len() < 1_000_000 {
        t.push_str(ARTICLE);
        t.push_str("\n\n");
    }
    let start = std::time::Instant::now();
    let ents = run(&t);
    check_invariants(&t, &ents);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let ents = run(&s);
        check_invariants(&s, &ents);
    }

    #[test]
    fn name_like_text_never_panics(
        s in "([A-Z][a-z]{0,6}|[A-Z]{2,4}|@[a-z]{1,5}|the|he|she|Rep\\.|,|\\.|\"|’s|-|\\(|\\)|of| |\n){0,60}"
    ) {
        let ents = run(&s);
        check_invariants(&s, &ents);
    }
}

#[test]
fn bare_surname_keeps_its_referent_against_a_relative() {
    let t = "Halvorsen warns rivals on tariffs\n\n\
             President Halvorsen warned rivals on Tuesday. Halvorsen and first lady Marit \
             Halvorsen welcomed the guests. Mr. Halvorsen said the visit went well, and \
             Halvorsen thanked them.";
    let ents = run(t);
    let marit = by_name(&ents, "Marit Halvorsen");
    assert_eq!(texts(t, marit), ["Marit Halvorsen"]);
    let bare = by_name(&ents, "Halvorsen");
    let m = texts(t, bare);
    assert!(m.len() >= 4, "{m:?}");
}

#[test]
fn titles_without_names_and_month_surnames() {
    let t = "Danish Prime Minister Ingrid Solvang met reporters on Monday. Solvang said the talks \
             went well. The Danish Prime Minister added that trade matters. Chilean President \
             Tomas Ferrat May spoke next. Mrs. Harriet May said she agreed, and May left in May.";
    let ents = run(t);
    let e = by_name(&ents, "Ingrid Solvang");
    assert_eq!(
        texts(t, e),
        ["Ingrid Solvang", "Solvang", "The Danish Prime Minister"]
    );
    let may = by_name(&ents, "Harriet May");
    let m = texts(t, may);
    assert!(m.contains(&"May"), "{m:?}");
    // "in May" stays a month.
    let month = t.rfind("May").unwrap();
    assert!(!ents
        .iter()
        .flat_map(|e| &e.mentions)
        .any(|m| m.span.start == month));
}

#[test]
fn capitals_and_seats_stand_for_their_government() {
    let t = "Iran rejected the offer on Monday. Tehran warned that talks would fail, \
             said an official in Tehran. The White House said the deal was dead, and \
             reporters gathered at the White House. The United States did not comment.";
    let ents = run(t);
    let iran = by_name(&ents, "Iran");
    let m = texts(t, iran);
    assert_eq!(m, ["Iran", "Tehran"], "locative Tehran stays the city");
    let us = by_name(&ents, "United States");
    assert_eq!(texts(t, us), ["White House", "United States"]);
    let house = by_name(&ents, "White House");
    assert_eq!(texts(t, house), ["White House"]);
    assert!(house.mentions[0].span.start > t.find("gathered").unwrap());
}

#[test]
fn names_hyphenated_with_spaces_are_one_word() {
    let text = "On Monday Q - Fone agreed to buy a rival carrier. The buyer, Q-Fone, \
                expects approval by June, said Ana Ortiz - a company lawyer. Pell - Ward \
                was not involved.";
    let ents = run(text);
    let q = ents
        .iter()
        .find(|e| texts(text, e).contains(&"Q - Fone"))
        .unwrap_or_else(|| panic!("no Q - Fone in {:?}", names(&ents)));
    assert_eq!(texts(text, q), ["Q - Fone", "Q-Fone"]);
    // A spaced dash after a full name is punctuation.
    let ana = ents
        .iter()
        .find(|e| texts(text, e).contains(&"Ana Ortiz"))
        .unwrap_or_else(|| panic!("no Ana Ortiz in {:?}", names(&ents)));
    assert_eq!(texts(text, ana), ["Ana Ortiz"]);
    assert!(ents
        .iter()
        .all(|e| texts(text, e).iter().all(|m| !m.contains("Pell - Ward"))));
}

#[test]
fn a_web_address_is_no_evidence_of_lower_case_words() {
    // The slug writes the governor's name in lower case; the name must
    // still be one, whole or spaced out by a converter.
    for url in [
        "https://news.example.invalid/2031/05/ostrowe-to-name-pike-harbor-chief/",
        "http: / / news. example. invalid / 2031 / 05 / ostrowe - to - name - pike /",
    ] {
        let text =
            format!("{url}\nGovernor Ostrowe will name Dr. Ilse Pike as harbor chief on Monday.");
        let ents = run(&text);
        let e = by_name(&ents, "Ostrowe");
        assert_eq!(texts(&text, e), ["Ostrowe"], "{url}");
    }
}

#[test]
fn inner_capitals_make_a_sentence_initial_word_a_name() {
    for (text, name) in [
        (
            "Q-Gull today announced that the phone will be sold.",
            "Q-Gull",
        ),
        (
            "Q - Gull today announced that the phone will be sold.",
            "Q - Gull",
        ),
        (
            "BrightKite said on Monday that its sales fell.",
            "BrightKite",
        ),
    ] {
        let ents = run(text);
        assert_eq!(texts(text, by_name(&ents, name)), [name], "{text}");
    }
    for text in [
        "Anti-Semitism is rising, the report said.",
        "Mid-March is when the vote happens.",
        "Harbor officials said the vote was close.",
    ] {
        assert!(run(text).is_empty(), "{text}: {:?}", names(&run(text)));
    }
}

#[test]
fn a_headline_ends_at_the_stamp_before_the_first_sentence() {
    // A scraped page ran the title, its time stamp and the first sentence
    // together (no full stop): the part after the stamp is prose.
    let text = "Harbor Chief Named As Storm Nears Jul 13, 2031 11:23am Governor \
                Ostrowe named Dr. Ilse Pike as the new chief";
    let ents = run(text);
    assert_eq!(texts(text, by_name(&ents, "Ostrowe")), ["Ostrowe"]);
    // Without the stamp the line stays one headline: its unknown single
    // words are only looked up.
    let text = "Harbor Chief Named As Storm Nears As Governor Ostrowe Names Dr. Ilse Pike";
    assert!(
        !names(&run(text)).contains(&"Ostrowe"),
        "{:?}",
        names(&run(text))
    );
}
