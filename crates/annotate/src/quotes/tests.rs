use super::find_quotes;
use crate::{Entity, EntityKind, Mention, MentionForm, Quote};
use parallax_core::Span;

/// A person entity with a mention at every occurrence of each of `forms`.
fn person(text: &str, name: &str, forms: &[&str]) -> Entity {
    let mut mentions = Vec::new();
    for f in forms {
        let mut from = 0;
        while let Some(i) = text[from..].find(f) {
            let s = from + i;
            mentions.push(Mention {
                span: Span::new(s, s + f.len()),
                form: if *f == name {
                    MentionForm::Name
                } else {
                    MentionForm::Partial
                },
            });
            from = s + f.len();
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    Entity {
        name: name.to_string(),
        kind: EntityKind::Person,
        aliases: forms.iter().map(|s| s.to_string()).collect(),
        mentions,
    }
}

/// (quote text, speaker words, speaker entity name)
fn run(text: &str, entities: &[Entity]) -> Vec<(String, Option<String>, Option<String>)> {
    find_quotes(text, &[], entities)
        .into_iter()
        .map(|q: Quote| {
            (
                q.span.slice(text).to_string(),
                q.speaker_span.map(|s| s.slice(text).to_string()),
                q.speaker.map(|i| entities[i].name.clone()),
            )
        })
        .collect()
}

fn t(q: &str, sp: Option<&str>, who: Option<&str>) -> (String, Option<String>, Option<String>) {
    (q.into(), sp.map(Into::into), who.map(Into::into))
}

#[test]
fn split_quote_after_and_before() {
    let text = "\"We finished the bridge on time,\" Marta Quill said. \"Nobody believed us.\"";
    let ents = [person(text, "Marta Quill", &["Marta Quill"])];
    assert_eq!(
        run(text, &ents),
        vec![
            t(
                "We finished the bridge on time",
                Some("Marta Quill"),
                Some("Marta Quill")
            ),
            t(
                "Nobody believed us.",
                Some("Marta Quill"),
                Some("Marta Quill")
            ),
        ]
    );
}

#[test]
fn speaker_before_with_told_and_curly_marks() {
    let text = "Dorian Vale told the council on Monday: “The budget is broken and we know it.”";
    let ents = [person(text, "Dorian Vale", &["Dorian Vale"])];
    assert_eq!(
        run(text, &ents),
        vec![t(
            "The budget is broken and we know it.",
            Some("Dorian Vale"),
            Some("Dorian Vale")
        )]
    );
}

#[test]
fn inverted_said_with_title_apposition() {
    let text = "Greta Holm runs the mill.\n\n\"The river is rising every spring,\" said Holm, the \
                mayor of Westby.";
    let ents = [person(text, "Greta Holm", &["Greta Holm", "Holm"])];
    assert_eq!(
        run(text, &ents),
        vec![t(
            "The river is rising every spring",
            Some("Holm"),
            Some("Greta Holm")
        )]
    );
}

#[test]
fn appositive_between_name_and_cue() {
    let text = "\"We will appeal the ruling,\" Ivo Brand, a spokesman for the port, said.";
    let ents = [person(text, "Ivo Brand", &["Ivo Brand"])];
    assert_eq!(
        run(text, &ents),
        vec![t(
            "We will appeal the ruling",
            Some("Ivo Brand"),
            Some("Ivo Brand")
        )]
    );
}

#[test]
fn pronoun_and_description_resolve_to_named_speaker() {
    let text = "\"The vote was close,\" Nadia Ferro said.\n\n\"We kept knocking on doors,\" she \
                added.\n\nThe organizer stressed \"we are not going anywhere soon.\"";
    let ents = [person(text, "Nadia Ferro", &["Nadia Ferro"])];
    assert_eq!(
        run(text, &ents),
        vec![
            t(
                "The vote was close",
                Some("Nadia Ferro"),
                Some("Nadia Ferro")
            ),
            t(
                "We kept knocking on doors",
                Some("she"),
                Some("Nadia Ferro")
            ),
            t(
                "we are not going anywhere soon.",
                Some("The organizer"),
                Some("Nadia Ferro")
            ),
        ]
    );
}

#[test]
fn pronoun_skips_other_gender() {
    let text = "Paul Okafor met Maria Lind on Tuesday. Lind questioned the plan.\n\n\"It will \
                never pass the senate,\" she said.";
    let ents = [
        person(text, "Paul Okafor", &["Paul Okafor"]),
        person(text, "Maria Lind", &["Maria Lind", "Lind"]),
    ];
    assert_eq!(
        run(text, &ents),
        vec![t(
            "It will never pass the senate",
            Some("she"),
            Some("Maria Lind")
        )]
    );
}

#[test]
fn partial_quote_inside_sentence() {
    let text = "Ravi Sen accused the board of being \"asleep at the wheel\" for years.";
    let ents = [person(text, "Ravi Sen", &["Ravi Sen"])];
    assert_eq!(
        run(text, &ents),
        vec![t("asleep at the wheel", Some("Ravi Sen"), Some("Ravi Sen"))]
    );
}

#[test]
fn multi_paragraph_quote_continues() {
    let text = "Lena Marsh said: \"The first thing we did was listen.\n\n\"Then we built \
                the plan together with everyone.\"\n\nThe end.";
    let ents = [person(text, "Lena Marsh", &["Lena Marsh"])];
    assert_eq!(
        run(text, &ents),
        vec![
            t(
                "The first thing we did was listen.",
                Some("Lena Marsh"),
                Some("Lena Marsh")
            ),
            t(
                "Then we built the plan together with everyone.",
                Some("Lena Marsh"),
                Some("Lena Marsh")
            ),
        ]
    );
}

#[test]
fn unknown_speaker_keeps_words_without_entity() {
    let text = "\"Prices will keep climbing,\" said Tomas Ek.";
    assert_eq!(
        run(text, &[]),
        vec![t("Prices will keep climbing", Some("Tomas Ek"), None)]
    );
}

#[test]
fn according_to_and_tweet() {
    let text = "The plant will close, according to Ana Ruiz, who wrote \"this is the end of an \
                era\" on Friday.\n\nOscar Pell tweeted, \"Good riddance to that awful plant.\"";
    let ents = [
        person(text, "Ana Ruiz", &["Ana Ruiz"]),
        person(text, "Oscar Pell", &["Oscar Pell"]),
    ];
    let got = run(text, &ents);
    assert_eq!(
        got[1],
        t(
            "Good riddance to that awful plant.",
            Some("Oscar Pell"),
            Some("Oscar Pell")
        )
    );
    assert_eq!(got[0].0, "this is the end of an era");
}

#[test]
fn scare_quotes_titles_and_unattributed() {
    let text = "Critics called the plan \"reckless\" on \"Morning Talk Live\" this week.\n\nShe \
                wore a \"save the bees\" shirt.\n\nThe shirts sold out.\n\n\"Nobody saw it coming \
                at all.\"";
    let got = run(text, &[]);
    // fragments, titles and slogans are not quotes; an unattributed quote
    // keeps no speaker
    assert_eq!(got, vec![t("Nobody saw it coming at all.", None, None)]);
}

#[test]
fn transcript_label_and_signature() {
    let text = "\"HOST: Why did you run for this office again?\n\n\u{201c}Every town deserves \
                clean water and good schools.\u{201d} \u{2015} Ida Varga\n";
    let got = run(text, &[]);
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[1],
        t(
            "Every town deserves clean water and good schools.",
            Some("Ida Varga"),
            None
        )
    );
}

#[test]
fn embedded_tweet_line() {
    let text = "He posted a reply.\n\nWe will win this fight for every worker here \u{2014} Ola \
                Berg (@olaberg) March 3, 2021\n";
    let got = run(text, &[]);
    assert_eq!(
        got,
        vec![t(
            "We will win this fight for every worker here",
            Some("Ola Berg"),
            None
        )]
    );
}

#[test]
fn unbalanced_and_degenerate_inputs() {
    for text in [
        "",
        "\"",
        "\"\"\"\"",
        "“",
        "He said \"this never closes and goes on and on",
        "”backwards“ quotes ” here “",
        "«Das ist gut so», sagte Anna Weber.",
        "Il a dit : « nous allons gagner cette bataille » hier.",
        "\u{201c}\u{201c}\u{201d}\u{201d}",
    ] {
        let qs = find_quotes(text, &[], &[]);
        for q in qs {
            assert!(q.span.end <= text.len() && text.is_char_boundary(q.span.start));
        }
    }
    // an unclosed quotation not continued by the next paragraph is no quote
    assert!(run(
        "He said \"this never closes and goes on.\n\nNext paragraph here.",
        &[]
    )
    .is_empty());
}

#[test]
fn long_quote_is_linear() {
    let body = "word ".repeat(200_000);
    let text = format!("Mira Kohl said, \"{body}\" and left. \"{body}");
    let qs = find_quotes(&text, &[], &[]);
    assert_eq!(qs.len(), 1);
    assert_eq!(
        qs[0].speaker_span.map(|s| s.slice(&text)),
        Some("Mira Kohl")
    );
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let ents = [person(text, "Ann Lee", &["Ann Lee", "Lee"])];
        let qs = find_quotes(text, &[], &ents);
        let mut last_end = 0;
        for q in &qs {
            for s in [Some(q.span), q.speaker_span, q.cue].into_iter().flatten() {
                assert!(s.start <= s.end && s.end <= text.len());
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
            assert!(q.span.start >= last_end, "overlapping quotes");
            last_end = q.span.end;
            assert!(q.speaker.is_none_or(|i| i < ents.len()));
        }
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC*") {
            check(&text);
        }

        #[test]
        fn quote_heavy_text_never_panics(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("\"".to_string()), Just("“".to_string()), Just("”".to_string()),
                    Just("«".to_string()), Just("»".to_string()), Just(", ".to_string()),
                    Just(". ".to_string()), Just("\n\n".to_string()), Just(" said ".to_string()),
                    Just("Ann Lee".to_string()), Just("he".to_string()), Just("Mr.".to_string()),
                    Just(" according to ".to_string()), Just("(".to_string()), Just(")".to_string()),
                    "[a-zA-Zé’' ]{0,12}",
                ],
                0..60,
            )
        ) {
            check(&parts.concat());
        }
    }
}
