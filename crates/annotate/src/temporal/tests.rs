use super::*;

fn dct(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (expression, value) pairs found in `text`.
fn found(text: &str, published: &str) -> Vec<(String, String)> {
    let sents = parallax_text::sentences(text);
    find_times(text, &sents, Some(dct(published)))
        .into_iter()
        .map(|f| {
            let v = match f.value {
                FactValue::Text(t) => t,
                FactValue::Number(n) => n.to_string(),
            };
            (f.span.slice(text).to_string(), v)
        })
        .collect()
}

fn has(text: &str, published: &str, expr: &str, value: &str) {
    let got = found(text, published);
    assert!(
        got.iter().any(|(e, v)| e == expr && v == value),
        "expected {expr:?} = {value} in {got:?}"
    );
}

#[test]
fn month_day_resolves_to_recent_past() {
    has(
        "The vote took place on March 31 in the capital.",
        "2022-04-04",
        "March 31",
        "2022-03-31",
    );
    has(
        "The ferry sank on Dec. 28 near the coast.",
        "2022-01-10",
        "Dec. 28",
        "2021-12-28",
    );
}

#[test]
fn relative_months_weeks_and_seasons() {
    let t =
        "Prices climbed last August and again in the spring of 2021, the minister said last week.";
    has(t, "2022-04-04", "last August", "2021-08");
    has(t, "2022-04-04", "the spring of 2021", "2021-SP");
    has(t, "2022-04-04", "last week", "2022-W13");
    has(
        "The plant will reopen next month.",
        "2022-04-04",
        "next month",
        "2022-05",
    );
    has(
        "Sales doubled earlier this year.",
        "2022-04-04",
        "earlier this year",
        "2022",
    );
    has(
        "The club was founded in April 2022.",
        "2022-05-01",
        "April 2022",
        "2022-04",
    );
}

#[test]
fn weekdays_follow_tense() {
    // 2022-04-04 is a Monday.
    has(
        "The mayor resigned Friday after a long dispute.",
        "2022-04-04",
        "Friday",
        "2022-04-01",
    );
    has(
        "The council will vote Friday on the budget.",
        "2022-04-04",
        "Friday",
        "2022-04-08",
    );
    has(
        "Crowds gathered Tuesday morning near the port.",
        "1998-01-08",
        "Tuesday morning",
        "1998-01-06TMO",
    );
    has(
        "The storm hit on Monday.",
        "2022-04-04",
        "Monday",
        "2022-04-04",
    );
}

#[test]
fn deictic_words() {
    let t = "The bridge closed yesterday, reopens today and tolls rise tomorrow.";
    has(t, "2022-04-04", "yesterday", "2022-04-03");
    has(t, "2022-04-04", "today", "2022-04-04");
    has(t, "2022-04-04", "tomorrow", "2022-04-05");
    has(
        "Fares are now higher than they were.",
        "2022-04-04",
        "now",
        "PRESENT_REF",
    );
    has(
        "The firm recently hired a new chef.",
        "2022-04-04",
        "recently",
        "PAST_REF",
    );
    has(
        "A decision is expected in the near future.",
        "2022-04-04",
        "the near future",
        "FUTURE_REF",
    );
}

#[test]
fn years_decades_quarters() {
    has(
        "The canal opened in 1998 to great fanfare.",
        "2022-04-04",
        "1998",
        "1998",
    );
    has(
        "Rents rose sharply in the 1990s across town.",
        "2022-04-04",
        "the 1990s",
        "199",
    );
    has(
        "Profit fell in the third quarter, the bakery said.",
        "1998-11-02",
        "the third quarter",
        "1998-Q3",
    );
    has(
        "Third-quarter sales were flat.",
        "1998-11-02",
        "Third-quarter",
        "1998-Q3",
    );
    has(
        "The school moved two years ago.",
        "2022-04-04",
        "two years ago",
        "2020",
    );
}

#[test]
fn numeric_dates_and_times() {
    has(
        "Filed on 2022-04-04 by the clerk.",
        "2022-04-05",
        "2022-04-04",
        "2022-04-04",
    );
    has(
        "Filed on 4/4/2022 by the clerk.",
        "2022-04-05",
        "4/4/2022",
        "2022-04-04",
    );
    has(
        "Polls close at 5 p.m. in the east.",
        "1998-01-08",
        "5 p.m.",
        "1998-01-08T17:00",
    );
    has(
        "The vote ended Nov. 17, 1992, in a tie.",
        "1998-01-08",
        "Nov. 17, 1992",
        "1992-11-17",
    );
}

#[test]
fn durations_and_qualifiers() {
    has(
        "The repairs took six months to finish.",
        "2022-04-04",
        "six months",
        "P6M",
    );
    has(
        "The strike lasted 10 days.",
        "2022-04-04",
        "10 days",
        "P10D",
    );
    has(
        "She signed a three-year contract.",
        "2022-04-04",
        "three-year",
        "P3Y",
    );
    has(
        "They met again a few weeks later.",
        "2022-04-04",
        "a few weeks",
        "PXW",
    );
    has(
        "Rates rose over the past two years.",
        "2022-04-04",
        "the past two years",
        "P2Y",
    );
    let t = "The road was shut for less than a year.";
    let sents = parallax_text::sentences(t);
    let f = find_times(t, &sents, Some(dct("2022-04-04")));
    let d = f
        .iter()
        .find(|f| f.span.slice(t) == "less than a year")
        .expect("duration");
    assert_eq!(d.value, FactValue::Text("P1Y".into()));
    assert_eq!(d.kind, FactKind::Duration);
    assert_eq!(d.qualifier.as_deref(), Some("less than"));
}

#[test]
fn anaphora_resolves_against_the_last_date() {
    let t = "The mill opened on June 4, 2019. Later that year it was sold, and the same day its owner retired.";
    has(t, "2022-04-04", "Later that year", "2019");
    has(t, "2022-04-04", "the same day", "2019-06-04");
    let t = "The pact was signed in May 2018. The following month, talks resumed.";
    has(t, "2022-04-04", "The following month", "2018-06");
    let t = "The strike began on Tuesday, Oct. 2, 2018. The previous Friday, workers met; the next day they marched.";
    has(t, "2022-04-04", "The previous Friday", "2018-09-28");
    has(t, "2022-04-04", "the next day", "2018-09-29");
    // A coarse anchor leaves the finer parts unknown.
    has(
        "The dam burst in October 1997 and that same day the valley flooded.",
        "2022-04-04",
        "that same day",
        "1997-10-XX",
    );
    // Without an earlier date: the publication date.
    has(
        "That day, the mayor resigned.",
        "2022-04-04",
        "That day",
        "2022-04-04",
    );
    // Not anaphoric.
    let got = found(
        "To this day, on the last day of term, nobody knows.",
        "2022-04-04",
    );
    assert!(got.iter().all(|(e, _)| !e.contains("day")), "{got:?}");
}

#[test]
fn the_year_and_offsets() {
    has(
        "Profit for the year rose 4%.",
        "2022-04-04",
        "the year",
        "2022",
    );
    let t = "Sales for the year ended March 31 fell.";
    has(t, "2022-11-04", "the year", "P1Y");
    has(t, "2022-11-04", "March 31", "2022-03-31");
    let got = found(
        "The year-earlier figure and the year before were lower.",
        "2022-04-04",
    );
    assert!(got.iter().all(|(e, _)| e != "the year"), "{got:?}");
    // "N units later" is a duration; the anchor is an event.
    has(
        "Three days later the bridge reopened.",
        "2022-04-04",
        "Three days",
        "P3D",
    );
}

#[test]
fn spelled_days_and_weeks_of() {
    has(
        "The vote was held on March eighth.",
        "2022-04-04",
        "March eighth",
        "2022-03-08",
    );
    has(
        "It is due the twenty-first of May, 2023.",
        "2022-04-04",
        "the twenty-first of May, 2023",
        "2023-05-21",
    );
    has(
        "Shipments slowed the week of March 7.",
        "2022-04-04",
        "the week of March 7",
        "2022-W10",
    );
    let got = found("The March first-quarter report was late.", "2022-04-04");
    assert!(
        got.iter().all(|(e, _)| !e.starts_with("March f")),
        "{got:?}"
    );
}

#[test]
fn signal_sets_tense_of_time() {
    has(
        "The tenants have until 9 a.m. Tuesday to leave.",
        "2022-04-04",
        "9 a.m. Tuesday",
        "2022-04-05T09:00",
    );
}

#[test]
fn no_false_dates() {
    let t = "The 6-year-old boy paid $1998 for 2000 people; may we march on?";
    let got = found(t, "2022-04-04");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn without_publication_date() {
    let t = "The market opened on March 3 and closed in 2020.";
    let sents = parallax_text::sentences(t);
    let f = find_times(t, &sents, None);
    let vals: Vec<_> = f
        .iter()
        .map(|f| (f.span.slice(t), f.value.clone()))
        .collect();
    assert!(
        vals.contains(&("March 3", FactValue::Text("XXXX-03-03".into()))),
        "{vals:?}"
    );
    assert!(
        vals.contains(&("2020", FactValue::Text("2020".into()))),
        "{vals:?}"
    );
}

#[test]
fn large_input_is_fast() {
    let unit = "On Friday, three years ago, the firm said last week that sales rose 5% in the third quarter of 1998. ";
    let t = unit.repeat(10_000); // ~1 MB
    let sents = parallax_text::sentences(&t);
    let start = std::time::Instant::now();
    let f = find_times(&t, &sents, Some(dct("2022-04-04")));
    assert!(f.len() >= 40_000);
    assert!(start.elapsed().as_secs() < 30);
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(s in "\\PC{0,200}", y in 1900i32..2100, m in 1u32..13, d in 1u32..29) {
        let pubd = NaiveDate::from_ymd_opt(y, m, d);
        let text = format!("{s} last Friday 3 p.m. March 5 the 1990s {s}");
        for t in [s.as_str(), text.as_str()] {
            let sents = parallax_text::sentences(t);
            for f in find_times(t, &sents, pubd) {
                proptest::prop_assert!(f.span.start < f.span.end && f.span.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
            }
        }
    }
}

#[test]
fn clause_scan_after_curly_quote_does_not_split_a_char() {
    let text = "The host said she would return to the guest-hosting gig on \u{201c}Friday\u{201d} next week.";
    let d = chrono::NaiveDate::from_ymd_opt(2017, 3, 1);
    let facts = find_times(text, &[parallax_core::Span::new(0, text.len())], d);
    for f in &facts {
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
    }
}

#[test]
fn month_before_a_year_phrase_takes_its_year() {
    has(
        "The mayor skipped an October parade last year for the harbor fund.",
        "2024-05-02",
        "October",
        "2023-10",
    );
}

/// The per-text gate never skips a rule that has a match.
#[test]
fn gate_keeps_every_matching_rule() {
    let texts = [
        "He left at 5pm, came back at 6 a.m. and at 10:30 EST; noon, midnight.",
        "On Monday, March 5, 2021 and the fifth of June, 5th\u{a0}March, Jan. the first, Sept. 2020.",
        "MONDAY 12 MARCH; in DECEMBER 2019; Dec.\n5; the 3rd of May.",
        "yesterday morning, today, TOMORROW, tonight; the first quarter; last summer; FALL 2020.",
        "the 1990s, the '80s, the nineties, the 21st century, nineteen eighty-four, two thousand.",
        "Christmas Eve, New Year's Day, Thanksgiving, Fourth of July, Labor Day, Halloween.",
        "three years ago, two weeks earlier, a month from now, daily, every Monday, per year.",
        "the 1990ſ and 5 \u{212a}",
        "Q3 2021, 2021-03-05, 3/5/2021, 20210305, 03-05-21 1430 EST, year-earlier.",
    ];
    for text in texts {
        let gate = Gate::new(text);
        for (rule, re) in RULES.iter() {
            if re.find_iter(text).any(|m| m.end() > m.start()) {
                assert!(gate.may_match(*rule), "{rule:?} skipped in {text:?}");
            }
        }
    }
    // And it does skip what cannot match.
    let plain = Gate::new("The committee voted on the bill.");
    assert!(!plain.may_match(Rule::Century));
    assert!(!plain.may_match(Rule::MonthDay));
}
