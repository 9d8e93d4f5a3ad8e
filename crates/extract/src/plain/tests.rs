//! Tests for plain-text cleanup. Every fixture is invented (outlets, people,
//! events); the real seed articles are only read from disk when present.

use super::*;
use parallax_core::Removed;

fn r(text: &str, reason: &str) -> Removed {
    Removed::new(text, reason)
}

#[test]
fn full_article_with_boilerplate() {
    let input = "\u{feff}date 2023-03-03 NEW You can now listen to Harbor Daily articles!\r\n\r\n\
        Harbor ferries halted as pilots strike\r\n\r\n\
        By Ana Lind and Tomas Berg\r\n\r\n\
        The ferry pilots' union halted all crossings on Friday,   stranding about 4,000 commuters, port officials said.\r\n\r\n\
        Photo: Ferries wait at the Old Pier, March 2, 2023. (AP Photo/Jane Doe)\r\n\r\n\
        \"We have no choice,\" union leader Mira Holt told reporters.\r\n\r\n\
        Share this article\r\n\r\n\
        CLICK HERE TO GET THE HARBOR DAILY APP\r\n\r\n\
        The strike is the first since 1998. (Getty Images)\r\n\r\n\
        Sign up for our Morning Tide newsletter\r\n\r\n\
        Advertisement\r\n\r\n\
        RELATED: Pilots vote to strike\r\n\r\n\
        https://harbordaily.example/news/strike\r\n\r\n\
        Bay Post's Kai Olsen contributed to this report.\r\n";
    let out = clean_text(input);
    assert_eq!(
        out.text,
        "The ferry pilots' union halted all crossings on Friday, stranding about 4,000 commuters, port officials said.\n\n\
         \"We have no choice,\" union leader Mira Holt told reporters.\n\n\
         The strike is the first since 1998."
    );
    assert_eq!(
        out.removed,
        vec![
            r("date 2023-03-03", "date line"),
            r(
                "NEW You can now listen to Harbor Daily articles!",
                "audio promo"
            ),
            r("By Ana Lind and Tomas Berg", "byline"),
            r(
                "Photo: Ferries wait at the Old Pier, March 2, 2023. (AP Photo/Jane Doe)",
                "caption"
            ),
            r("Share this article", "share widget"),
            r("CLICK HERE TO GET THE HARBOR DAILY APP", "call to action"),
            r("(Getty Images)", "photo credit"),
            r("Sign up for our Morning Tide newsletter", "call to action"),
            r("Advertisement", "advertisement"),
            r("RELATED: Pilots vote to strike", "related link"),
            r("https://harbordaily.example/news/strike", "url"),
            r(
                "Bay Post's Kai Olsen contributed to this report.",
                "contributor credit"
            ),
        ]
    );
    assert_eq!(
        out.meta.title.as_deref(),
        Some("Harbor ferries halted as pilots strike")
    );
    assert_eq!(out.meta.published.as_deref(), Some("2023-03-03"));
    // The listen promo names the outlet more surely than a contributor credit.
    assert_eq!(out.meta.outlet.as_deref(), Some("Harbor Daily"));
    assert_eq!(out.meta.byline, vec!["Ana Lind", "Tomas Berg"]);
}

#[test]
fn seed_like_layout_without_title() {
    // The layout of a real plain-text export: date and promo on one line, no
    // title, a possessive contributor credit at the end.
    let input = " date 2021-11-09 NEW You can now listen to Bay Post articles!\n\n\
        A ferry pilot from the Old Pier said on Tuesday that the city council had gone \"completely silent\" during the strike.\n\n\
        The council did not respond to a request for comment.\n\n\
        Bay Post' Ines Moro contributed to this report.\n";
    let out = clean_text(input);
    assert_eq!(
        out.text,
        "A ferry pilot from the Old Pier said on Tuesday that the city council had gone \"completely silent\" during the strike.\n\n\
         The council did not respond to a request for comment."
    );
    assert_eq!(
        out.removed,
        vec![
            r("date 2021-11-09", "date line"),
            r(
                "NEW You can now listen to Bay Post articles!",
                "audio promo"
            ),
            r(
                "Bay Post' Ines Moro contributed to this report.",
                "contributor credit"
            ),
        ]
    );
    assert_eq!(out.meta.title, None);
    assert_eq!(out.meta.published.as_deref(), Some("2021-11-09"));
    assert_eq!(out.meta.outlet.as_deref(), Some("Bay Post"));
    assert!(out.meta.byline.is_empty());
}

#[test]
fn date_lines_in_words() {
    let out = clean_text(
        "Council backs pier repairs\n\nUpdated 3:15 PM ET, Mon April 4, 2022\n\n\
         Published: April 3, 2022\n\nThe council approved the repairs on Sunday night.\n\n\
         The vote was 7-2.",
    );
    assert_eq!(
        out.text,
        "The council approved the repairs on Sunday night.\n\nThe vote was 7-2."
    );
    assert_eq!(
        out.removed,
        vec![
            r("Updated 3:15 PM ET, Mon April 4, 2022", "date line"),
            r("Published: April 3, 2022", "date line"),
        ]
    );
    // "Published" wins over "Updated" whatever the order.
    assert_eq!(out.meta.published.as_deref(), Some("2022-04-03"));
    assert_eq!(
        out.meta.title.as_deref(),
        Some("Council backs pier repairs")
    );
}

#[test]
fn byline_with_date_and_role() {
    let out = clean_text(
        "Pier reopens after storm\n\nBy JANE DOE, Associated Press | Sept. 9, 2022\n\n\
         The pier reopened on Friday.\n\nAnother paragraph follows here.",
    );
    assert_eq!(out.meta.byline, vec!["Jane Doe"]);
    assert_eq!(out.meta.published.as_deref(), Some("2022-09-09"));
    assert_eq!(
        out.text,
        "The pier reopened on Friday.\n\nAnother paragraph follows here."
    );
    assert_eq!(
        out.removed,
        vec![r("By JANE DOE, Associated Press | Sept. 9, 2022", "byline")]
    );
}

#[test]
fn title_with_outlet_suffix_and_period() {
    let out = clean_text("Ferry Pilots Walk Out Over Pay. | Harbor Daily\n\nThe pilots walked out on Friday morning after talks failed.");
    assert_eq!(
        out.meta.title.as_deref(),
        Some("Ferry Pilots Walk Out Over Pay.")
    );
    assert_eq!(out.meta.outlet.as_deref(), Some("Harbor Daily"));
    assert_eq!(
        out.text,
        "The pilots walked out on Friday morning after talks failed."
    );
    assert!(out.removed.is_empty());
}

#[test]
fn short_lede_is_not_a_title() {
    // A sentence-case first sentence with a period stays in the body.
    let out = clean_text("The harbor closed on Friday.\n\nPilots walked out after talks on pay failed for the third time this year, the union said.");
    assert_eq!(out.meta.title, None);
    assert!(out.text.starts_with("The harbor closed on Friday."));
    // A single paragraph is never a title.
    let out = clean_text("Harbor closes");
    assert_eq!(out.meta.title, None);
    assert_eq!(out.text, "Harbor closes");
}

#[test]
fn reporting_that_looks_like_boilerplate_stays() {
    let body = [
        "Mira Holt told the Tideline podcast on March 20 that the port would reopen.",
        "By the time the vote closed, 600 pilots had signed the petition.",
        "\"Sign up for the newsletter and you'll see,\" Holt joked at the rally.",
        "Share prices of Bay Ferries fell 4% on Monday.",
        "Follow the money, the auditor said.",
        "Advertisement revenue at the port authority fell by half.",
        "Photographers crowded the pier as the last ferry left.",
        "The Associated Press reported that the strike would last a week.",
        "Copyright lawyers for the union filed suit on Tuesday.",
        "More than 40 boats were stranded.",
        "Listen to the workers, the mayor urged, before the podcast aired.",
        "Lind, who contributed to the report's findings, resigned in May.",
        "Read more about the strike in the union's statement, Holt said.",
        "The union posted the video on Twitter: \"Click here to see the pier,\" it said.",
        "Her podcast, Dockside, has 20,000 subscribers, she said.",
        "WHAT THE PILOTS WANT: \"Fair pay,\" Holt said.",
        "Photos of the pier circulated online (the city later removed them).",
        "The mayor spoke at the pier (AP) on Monday.",
    ];
    let input = format!("Pilots strike enters second week\n\n{}", body.join("\n\n"));
    let out = clean_text(&input);
    assert_eq!(out.removed, vec![]);
    assert_eq!(out.text, body.join("\n\n"));
    assert_eq!(
        out.meta.title.as_deref(),
        Some("Pilots strike enters second week")
    );
    assert!(out.meta.byline.is_empty());
    assert_eq!(out.meta.published, None);
}

#[test]
fn captions_credits_and_promos() {
    let input = "Pier repairs begin\n\n\
        Workers began repairing the Old Pier on Monday, the city said.\n\n\
        FILE - Mayor Ola Brandt speaks at the pier, May 2, 2021. (AP Photo/Jane Doe, File)\n\n\
        Mayor Ola Brandt poses at the pier on Monday. (Jane Doe/Bay Post via Getty Images)\n\n\
        (Reuters/Tom Berg)\n\n\
        Image credit: Harbor Daily\n\n\
        The repairs will cost $2 million, officials said. Photograph: Tom Berg/Reuters\n\n\
        Listen to this article 5 min\n\n\
        Listen to Dockside with Ana Lind | Episode 12: The tide turns. Ana returns to talk about the pier.\n\n\
        Subscribe to our podcast\n\n\
        Follow Ana Lind on Twitter @alind\n\n\
        Story continues below\n\n\
        Read more: Why the pier closed\n\n\
        Copyright 2023 Harbor Daily. All rights reserved.\n\n\
        This story is developing. Check back for updates.\n\n\
        Correction: An earlier version misspelled the mayor's name.\n\n\
        Reporting by Ana Lind; Editing by Tom Berg";
    let out = clean_text(input);
    assert_eq!(
        out.text,
        "Workers began repairing the Old Pier on Monday, the city said.\n\n\
         The repairs will cost $2 million, officials said."
    );
    let reasons: Vec<(&str, &str)> = out
        .removed
        .iter()
        .map(|x| (x.text.as_str(), x.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("FILE - Mayor Ola Brandt speaks at the pier, May 2, 2021. (AP Photo/Jane Doe, File)", "caption"),
            ("Mayor Ola Brandt poses at the pier on Monday. (Jane Doe/Bay Post via Getty Images)", "caption"),
            ("(Reuters/Tom Berg)", "photo credit"),
            ("Image credit: Harbor Daily", "photo credit"),
            ("Photograph: Tom Berg/Reuters", "photo credit"),
            ("Listen to this article 5 min", "audio promo"),
            (
                "Listen to Dockside with Ana Lind | Episode 12: The tide turns. Ana returns to talk about the pier.",
                "audio promo"
            ),
            ("Subscribe to our podcast", "audio promo"),
            ("Follow Ana Lind on Twitter @alind", "call to action"),
            ("Story continues below", "advertisement"),
            ("Read more: Why the pier closed", "related link"),
            ("Copyright 2023 Harbor Daily. All rights reserved.", "copyright"),
            ("This story is developing. Check back for updates.", "update note"),
            ("Correction: An earlier version misspelled the mayor's name.", "correction note"),
            ("Reporting by Ana Lind; Editing by Tom Berg", "contributor credit"),
        ]
    );
}

#[test]
fn trailing_contributor_sentence_and_caps_link() {
    let input = "Pier reopens\n\n\
        The pier reopened on Friday after three weeks of repairs.\n\n\
        PILOTS VOTE TO END STRIKE AFTER CITY OFFER\n\n\
        Traffic was light. Harbor Daily's Ana Lind contributed to this report.";
    let out = clean_text(input);
    assert_eq!(
        out.text,
        "The pier reopened on Friday after three weeks of repairs.\n\nTraffic was light."
    );
    assert_eq!(
        out.removed,
        vec![
            r("PILOTS VOTE TO END STRIKE AFTER CITY OFFER", "related link"),
            r(
                "Harbor Daily's Ana Lind contributed to this report.",
                "contributor credit"
            ),
        ]
    );
    assert_eq!(out.meta.outlet.as_deref(), Some("Harbor Daily"));
}

/// An embedded tweet is content even when the article also quotes it in
/// prose: it is where the author's full name, handle and date stand.
#[test]
fn embedded_tweets_stay() {
    let input = "Pilots answer the mayor\n\n\
        Holt answered on Twitter: “The pier is ours, not the council’s, and it will stay open”.\n\n\
        The pier is ours, not the council’s, and it will stay open — Mira Holt (@mholt) March 31, 2022\n\n\
        Tides are high today, come see the boats — Kai Olsen (@kolsen) April 1, 2022";
    let out = clean_text(input);
    assert_eq!(
        out.text,
        "Holt answered on Twitter: “The pier is ours, not the council’s, and it will stay open”.\n\n\
         The pier is ours, not the council’s, and it will stay open — Mira Holt (@mholt) March 31, 2022\n\n\
         Tides are high today, come see the boats — Kai Olsen (@kolsen) April 1, 2022"
    );
    assert!(out.removed.is_empty(), "{:?}", out.removed);
}

#[test]
fn whitespace_line_breaks_and_wrapping() {
    // Hard-wrapped lines are joined; short lines in one block are paragraphs;
    // CR-only line ends work; empty input gives an empty result.
    let input = "Harbor news\r\rThe ferry pilots' union halted all crossings on Friday\nmorning, stranding about four thousand commuters at the\nOld Pier, officials said.\n\n\n\n  Second   paragraph\there.  \n";
    let out = clean_text(input);
    assert_eq!(out.meta.title.as_deref(), Some("Harbor news"));
    assert_eq!(
        out.text,
        "The ferry pilots' union halted all crossings on Friday morning, stranding about four thousand commuters at the Old Pier, officials said.\n\nSecond paragraph here."
    );
    let out = clean_text("Title line\nA first paragraph that is long enough to stand on its own line here, longer than a hundred characters in all.\nSecond.");
    assert_eq!(out.meta.title.as_deref(), Some("Title line"));
    assert_eq!(
        out.text,
        "A first paragraph that is long enough to stand on its own line here, longer than a hundred characters in all.\n\nSecond."
    );
    assert_eq!(clean_text(""), Extracted::default());
    assert_eq!(clean_text("\u{feff} \r\n \n"), Extracted::default());
}

#[test]
fn all_caps_article_keeps_its_lines() {
    let input = "PIER CLOSED\n\nTHE CITY CLOSED THE OLD PIER ON FRIDAY AFTER THE STORM\n\nOFFICIALS SAID IT WOULD REOPEN IN MAY";
    let out = clean_text(input);
    assert_eq!(out.removed, vec![]);
    assert_eq!(out.text, "THE CITY CLOSED THE OLD PIER ON FRIDAY AFTER THE STORM\n\nOFFICIALS SAID IT WOULD REOPEN IN MAY");
}

#[test]
fn never_panics_and_stays_linear() {
    for s in [
        "(",
        ")",
        "\u{feff}",
        "date",
        "By",
        "By ",
        "Photo:",
        ". . .",
        "“",
        "—",
        "a. B",
        "é. É. ü.",
        "(AP Photo/",
        "Listen to",
        "date 2022-13-45 x",
        "1/2/3",
        "Published: 99/99/2022",
        "\u{2028}x\u{2029}y",
        "x — y (@z) May 1, 2022",
    ] {
        let _ = clean_text(s);
        let _ = clean_text(&format!("Title\n\n{s}\n\n{s} body."));
    }
    // A large input: many paragraphs and one huge line.
    let para = "The pier reopened on Friday, officials said. \"It is open,\" Holt said.\n\n";
    let big = para.repeat(20_000) + &"word ".repeat(200_000);
    let t = std::time::Instant::now();
    let out = clean_text(&big);
    assert!(out.text.len() > 1_000_000);
    assert!(t.elapsed().as_secs() < 20, "too slow: {:?}", t.elapsed());
}

proptest::proptest! {
    #[test]
    fn arbitrary_input_is_safe(s in "\\PC{0,300}", lines in proptest::collection::vec("[ -~“”’—\\n\\r]{0,80}", 0..12)) {
        let out = clean_text(&s);
        proptest::prop_assert!(!out.text.contains("\n\n\n"));
        let joined = lines.join("\n");
        let out = clean_text(&joined);
        proptest::prop_assert!(!out.text.starts_with(char::is_whitespace));
        proptest::prop_assert!(!out.text.ends_with(char::is_whitespace));
        let mut e = [out.clone(), clean_text(&s)];
        let mut refs: Vec<&mut Extracted> = e.iter_mut().collect();
        remove_outlet_boilerplate(&mut refs);
    }
}

// ----------------------------------------------------------- outlet boilerplate

fn doc(text: &str) -> Extracted {
    Extracted {
        text: text.to_string(),
        ..Default::default()
    }
}

#[test]
fn outlet_boilerplate_small_group() {
    let tag = "Harbor Daily is an independent newsroom serving the bay since 1921.";
    let quote = "\"We will not go back to work until the council listens to us,\" said union leader Mira Holt.";
    const A1: &str = "Crossings stopped at dawn, and commuters queued along the seawall for buses that the city had promised but that arrived an hour late.";
    const A2: &str = "Shop owners near the terminal reported their slowest morning in years, with some closing before noon for lack of customers.";
    const B1: &str = "The meeting lasted four hours behind closed doors at the port office, and neither side took questions from the press afterwards.";
    const B2: &str = "Council members arrived with a written offer on overtime, while pilots brought a list of safety demands dating back to last winter.";
    let background =
        "The Old Pier handles most of the bay's ferry traffic and employs about 300 pilots.";
    let mut a = doc(&format!(
        "Pilots walked out on Friday morning.\n\n{A1}\n\n{A2}\n\n{quote}\n\n{background}\n\nTalks resume on Monday. Get the Harbor Daily app for alerts.\n\n{tag}"
    ));
    let mut b = doc(&format!(
        "The council met the pilots on Sunday.\n\n{B1}\n\n{B2}\n\n{quote}\n\n{background}\n\nNo deal was reached. Get the Harbor Daily app for alerts.\n\n{tag}"
    ));
    let mut c = doc("A different story about the tides, told at length.\n\nNothing here repeats.");
    remove_outlet_boilerplate(&mut [&mut a, &mut b, &mut c]);
    for (d, first, mid, last) in [
        (
            &a,
            "Pilots walked out on Friday morning.",
            format!("{A1}\n\n{A2}"),
            "Talks resume on Monday.",
        ),
        (
            &b,
            "The council met the pilots on Sunday.",
            format!("{B1}\n\n{B2}"),
            "No deal was reached.",
        ),
    ] {
        assert_eq!(
            d.text,
            format!("{first}\n\n{mid}\n\n{quote}\n\n{background}\n\n{last}")
        );
        assert_eq!(
            d.removed,
            vec![
                r(
                    "Get the Harbor Daily app for alerts.",
                    "outlet boilerplate (repeated in 2 articles)"
                ),
                r(tag, "outlet boilerplate (repeated in 2 articles)"),
            ]
        );
    }
    assert_eq!(
        c.text,
        "A different story about the tides, told at length.\n\nNothing here repeats."
    );
    assert!(c.removed.is_empty());
}

#[test]
fn outlet_boilerplate_copies_do_not_vote() {
    let text = "Pilots walked out on Friday.\n\nThe council said it would meet them.\n\nSign up for Tide Alerts.";
    let mut a = doc(text);
    let mut b = doc(text);
    remove_outlet_boilerplate(&mut [&mut a, &mut b]);
    assert_eq!(a.text, text);
    assert_eq!(b.text, text);
    assert!(a.removed.is_empty() && b.removed.is_empty());
    // A single article: nothing to learn.
    let mut one = doc(text);
    remove_outlet_boilerplate(&mut [&mut one]);
    assert_eq!(one.text, text);
}

#[test]
fn outlet_boilerplate_big_group_threshold() {
    // Ten articles: the plug in 2 of them (under 3) stays; the one in
    // 3 goes; a shared mid-article fact in 4 stays (needs 5 and 60%).
    let mut docs: Vec<Extracted> = (0..10)
        .map(|i| {
            let mut t = format!("Story number {i} opens with its own lede about the bay.\n\nIt goes on with detail {i}, unique to it.");
            if i < 4 {
                t.push_str("\n\nThe pier was built in 1921 and rebuilt twice after storms in the decades that followed, first in 1954 and again in 1988, each time with money raised by the pilots themselves and the families that ran the ferries.\n\nMore detail follows here, one.\n\nMore detail, two.\n\nMore detail, three.");
            }
            if i < 2 {
                t.push_str("\n\nJoin Tide Club today.");
            }
            if (5..8).contains(&i) {
                t.push_str("\n\nTide tables are printed every Sunday in our weekend edition.");
            }
            doc(&t)
        })
        .collect();
    let mut refs: Vec<&mut Extracted> = docs.iter_mut().collect();
    remove_outlet_boilerplate(&mut refs);
    assert!(docs[0].text.ends_with("Join Tide Club today."));
    assert!(docs[0].text.contains("The pier was built in 1921"));
    for d in &docs[5..8] {
        assert!(!d.text.contains("Tide tables"));
        assert_eq!(
            d.removed,
            vec![r(
                "Tide tables are printed every Sunday in our weekend edition.",
                "outlet boilerplate (repeated in 3 articles)"
            )]
        );
    }
    assert!(docs[0].removed.iter().all(|x| !x.text.contains("1921")));
}

// ------------------------------------------------------------------- the seeds

/// Reads the real seed articles when they are present (never copied here).
#[test]
fn seeds_if_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no seeds at {}", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let is_quote = |c: char| matches!(c, '"' | '“' | '”' | '«' | '»');
    for p in &paths {
        let raw = std::fs::read_to_string(p).expect("seed readable");
        let out = clean_text(&raw);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        eprintln!(
            "== {name}: title {:?} outlet {:?} published {:?} byline {:?}",
            out.meta.title, out.meta.outlet, out.meta.published, out.meta.byline
        );
        for x in &out.removed {
            eprintln!("   removed ({}): {}", x.reason, x.text);
        }
        // No paragraph holding a quotation mark is lost.
        for para in split_paragraphs(&raw) {
            if para.contains(is_quote) {
                assert!(
                    out.text.contains(&para),
                    "{name} lost a quoted paragraph: {para}"
                );
            }
        }
        if name.starts_with("000") {
            assert_eq!(out.meta.published.as_deref(), Some("2022-04-04"));
            assert_eq!(out.meta.outlet.as_deref(), Some("Fox News"));
            assert!(out
                .removed
                .iter()
                .any(|x| x.reason == "audio promo" && x.text.contains("listen")));
            assert!(out.removed.iter().any(|x| x.reason == "contributor credit"
                && x.text.contains("contributed to this report")));
        }
    }
}

/// Inspection aid: `PLAIN_CORPUS=dir cargo test -p parallax-extract corpus_report -- --ignored --nocapture`
/// prints what is removed from every `.txt` file of a folder.
#[test]
#[ignore]
fn corpus_report() {
    let Ok(dir) = std::env::var("PLAIN_CORPUS") else {
        return;
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    let (mut titles, mut n) = (0, 0);
    // Files named `outlet_...` are grouped by outlet for the cross-article pass.
    let mut groups: std::collections::BTreeMap<String, Vec<Extracted>> = Default::default();
    for p in paths {
        let Ok(raw) = std::fs::read_to_string(&p) else {
            continue;
        };
        let out = clean_text(&raw);
        n += 1;
        titles += usize::from(out.meta.title.is_some());
        match &out.meta.title {
            None => eprintln!("NO TITLE {}: {:?}", p.display(), raw.lines().next()),
            Some(t) => eprintln!("TITLE {}: {t}", p.display()),
        }
        for x in &out.removed {
            eprintln!(
                "RM {} ({}): {}",
                p.file_name().unwrap().to_string_lossy(),
                x.reason,
                x.text
            );
        }
        if !out.meta.byline.is_empty() || out.meta.published.is_some() || out.meta.outlet.is_some()
        {
            eprintln!(
                "META {:?} {:?} {:?}",
                out.meta.byline, out.meta.published, out.meta.outlet
            );
        }
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        groups
            .entry(name.split('_').next().unwrap_or("").to_string())
            .or_default()
            .push(out);
    }
    for (g, docs) in &mut groups {
        let before: Vec<usize> = docs.iter().map(|d| d.removed.len()).collect();
        let mut refs: Vec<&mut Extracted> = docs.iter_mut().collect();
        remove_outlet_boilerplate(&mut refs);
        for (d, b) in docs.iter().zip(before) {
            for x in &d.removed[b..] {
                eprintln!("OUTLET {g} ({}): {}", x.reason, x.text);
            }
        }
    }
    eprintln!("{n} docs, {titles} titles");
}

#[test]
fn known_title_is_taken_only_when_repeated() {
    let body =
        "Quarry reopens\n\nThe Elm Hill quarry reopened on Monday after a two-week safety review.";
    let ex = clean_text_titled(body, Some("Quarry Reopens"));
    assert!(ex.text.starts_with("The Elm Hill quarry"));
    let ex = clean_text_titled(body, Some("Something else entirely"));
    assert!(
        ex.text.starts_with("Quarry reopens\n\nThe Elm Hill"),
        "{}",
        ex.text
    );
    assert_eq!(ex.meta.title, None);
}
