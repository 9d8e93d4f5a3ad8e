use super::*;

/// An invented agency story about a flooded rail depot.
const WIRE: &str = "Floodwater swept through the Kestrel Valley rail depot early on Monday, stranding forty freight wagons and cutting the line to Orrin for at least a week.\n\nThe regional rail operator said crews had pumped out the main yard by noon but the signal cabin remained under a metre of water.\n\n\"We have never seen the river rise this fast,\" said depot manager Ilse Varga, who has worked at the yard for two decades.\n\nEngineers will inspect the bridge over the Kestrel on Wednesday before any trains are allowed to cross, the operator added.\n\nPassengers travelling to Orrin will be carried by replacement coaches from the market square every half hour.";

/// The same story reworded paragraph by paragraph, in the same order.
const PARAPHRASE: &str = "Rising floodwater inundated the rail depot in the Kestrel Valley on Monday morning, leaving forty freight wagons stuck and closing the Orrin line for a week or more.\n\nBy midday crews working for the regional operator had cleared water from the main yard, though the signal cabin was still submerged under about a metre.\n\nDepot manager Ilse Varga, a twenty-year veteran of the yard, said staff had never witnessed the river climbing so quickly.\n\nBefore trains may cross again, engineers are due to examine the Kestrel bridge on Wednesday, according to the operator.\n\nReplacement coaches for passengers heading to Orrin will leave from the market square every thirty minutes.";

/// An independent report of the same flood: its own wording and order,
/// and the same quote of the depot manager.
const OTHER: &str = "Residents of Orrin woke on Tuesday to find their town cut off by rail, a day after the Kestrel burst its banks upstream.\n\nAt the flooded depot, manager Ilse Varga told reporters: \"We have never seen the river rise this fast.\"\n\nShopkeepers on the market square said they expected fewer visitors while the line stays shut, and the town council has opened a hall for stranded travellers.\n\nThe weather service forecasts more rain for the weekend.";

fn doc<'a>(text: &'a str, paragraphs: &'a [Span], published: Option<&'a str>) -> ReuseDoc<'a> {
    ReuseDoc {
        text,
        published,
        paragraphs,
        quotes: &[],
    }
}

fn run(texts: &[(&str, Option<&str>)]) -> Vec<ReusePair> {
    let paras: Vec<Vec<Span>> = texts
        .iter()
        .map(|(t, _)| parallax_text::paragraphs(t))
        .collect();
    let docs: Vec<ReuseDoc> = texts
        .iter()
        .zip(&paras)
        .map(|((t, d), p)| doc(t, p, *d))
        .collect();
    find_reuse(&docs)
}

fn check_spans(p: &ReusePair, texts: &[&str]) {
    for x in &p.passages {
        assert!(texts[p.source].get(x.source.range()).is_some());
        assert!(texts[p.derived].get(x.derived.range()).is_some());
        assert!(!x.source.is_empty() && !x.derived.is_empty());
    }
}

#[test]
fn wire_copy_is_a_copy_with_whole_passages() {
    // The copy re-flows two paragraphs into one and adds a credit line.
    let copy = format!(
        "{}\n\nThis report was supplied by the Example Agency.",
        WIRE.replacen("\n\n", " ", 1)
    );
    let out = run(&[
        (WIRE, Some("2025-06-02T07:10:00Z")),
        (&copy, Some("2025-06-02T09:00:00Z")),
    ]);
    assert_eq!(out.len(), 1, "{out:?}");
    let p = &out[0];
    assert_eq!((p.source, p.derived), (0, 1));
    assert_eq!(p.kind, ReuseKind::Copy);
    assert_eq!(p.direction, Direction::Published);
    assert!(p.score > 0.85, "{}", p.score);
    check_spans(p, &[WIRE, &copy]);
    let first = &p.passages[0];
    assert!(first
        .source
        .slice(WIRE)
        .starts_with("Floodwater swept through"));
    assert!(first
        .derived
        .slice(&copy)
        .starts_with("Floodwater swept through"));
    // The quote sentence is part of the copied passage.
    assert!(p
        .passages
        .iter()
        .any(|x| x.derived.slice(&copy).contains("never seen the river rise")));
}

#[test]
fn light_edit_is_a_rewrite() {
    let edited = WIRE
        .replace("early on Monday", "on Monday")
        .replace("stranding forty freight wagons", "stranding 40 wagons")
        .replace("by noon but", "by midday, but")
        .replace("every half hour", "every 30 minutes")
        .replace("will inspect the bridge", "are to inspect the bridge");
    let out = run(&[(WIRE, None), (&edited, None)]);
    assert_eq!(out.len(), 1, "{out:?}");
    let p = &out[0];
    assert_eq!(p.kind, ReuseKind::Rewrite);
    assert_eq!(p.direction, Direction::Containment);
    assert!(p.score > 0.8);
    check_spans(p, &[WIRE, &edited]);
}

#[test]
fn paragraph_by_paragraph_paraphrase_is_found_with_aligned_passages() {
    let out = run(&[(PARAPHRASE, None), (WIRE, Some("2025-06-02"))]);
    assert_eq!(out.len(), 1, "{out:?}");
    let p = &out[0];
    // No date for the paraphrase: direction by containment. Both cover each
    // other about equally, so the smaller text is the derived one.
    assert_eq!(p.direction, Direction::Containment);
    assert_eq!(p.kind, ReuseKind::Paraphrase);
    assert!(p.score > 0.7, "{}", p.score);
    let texts = [PARAPHRASE, WIRE];
    check_spans(p, &texts);
    // The first passages pair the two openings, the last ones the coaches.
    let first = p.passages.first().unwrap();
    assert!(texts[p.source]
        .get(first.source.range())
        .unwrap()
        .contains("forty freight wagons"));
    assert!(texts[p.derived]
        .get(first.derived.range())
        .unwrap()
        .contains("forty freight wagons"));
    let last = p.passages.last().unwrap();
    assert!(texts[p.source]
        .get(last.source.range())
        .unwrap()
        .contains("market square"));
    assert!(texts[p.derived]
        .get(last.derived.range())
        .unwrap()
        .contains("market square"));
}

#[test]
fn independent_reports_sharing_a_quote_are_not_reuse() {
    let out = run(&[(WIRE, None), (OTHER, None)]);
    assert!(out.is_empty(), "{out:?}");
    let out = run(&[(PARAPHRASE, None), (OTHER, None)]);
    assert!(out.is_empty(), "{out:?}");
}

#[test]
fn a_shared_quote_alone_is_not_reuse_even_when_long() {
    // Two short reports that are mostly the same long statement, quoted.
    let statement = "The council will reopen the Harrow footbridge on Friday after repairs to its deck, and cyclists must dismount while the works continue on the approach ramps until the end of the month";
    let a = format!("\"{statement},\" a council spokeswoman said in a statement on Thursday.\n\nThe bridge had been closed since a lorry struck it in March.");
    let b = format!("Pedestrians will soon be able to cross the river again. \"{statement},\" the council announced.\n\nLocal traders welcomed the news.");
    let pa = parallax_text::paragraphs(&a);
    let pb = parallax_text::paragraphs(&b);
    let qa = [Span::new(1, 1 + statement.len())];
    let start_b = b.find(statement).unwrap();
    let qb = [Span::new(start_b, start_b + statement.len())];
    assert_eq!(qa[0].slice(&a), statement);
    assert_eq!(qb[0].slice(&b), statement);
    let docs = [
        ReuseDoc {
            text: &a,
            published: None,
            paragraphs: &pa,
            quotes: &qa,
        },
        ReuseDoc {
            text: &b,
            published: None,
            paragraphs: &pb,
            quotes: &qb,
        },
    ];
    assert!(find_reuse(&docs).is_empty());
    // Without the quote spans the marks are still found and masked.
    let docs = [doc(&a, &pa, None), doc(&b, &pb, None)];
    assert!(find_reuse(&docs).is_empty());
}

#[test]
fn direction_by_date_then_by_containment() {
    let cut: String = WIRE.split("\n\n").take(3).collect::<Vec<_>>().join("\n\n");
    // Dates decide even against containment.
    let out = run(&[(&cut, Some("2025-06-01")), (WIRE, Some("2025-06-02"))]);
    assert_eq!((out[0].source, out[0].derived), (0, 1));
    assert_eq!(out[0].direction, Direction::Published);
    // Same day with times in different zones: 08:00+02:00 is before 07:00Z.
    let out = run(&[
        (WIRE, Some("2025-06-02T07:00:00Z")),
        (&cut, Some("2025-06-02T08:00:00+02:00")),
    ]);
    assert_eq!((out[0].source, out[0].derived), (1, 0));
    // No dates: the truncated text is wholly covered, so it is derived.
    let out = run(&[(&cut, None), (WIRE, None)]);
    assert_eq!((out[0].source, out[0].derived), (1, 0));
    assert_eq!(out[0].direction, Direction::Containment);
    assert_eq!(out[0].kind, ReuseKind::Copy);
    assert!(out[0].score > 0.95);
    // Equal dates: containment again.
    let out = run(&[(&cut, Some("2025-06-02")), (WIRE, Some("2025-06-02"))]);
    assert_eq!(
        (out[0].source, out[0].derived, out[0].direction),
        (1, 0, Direction::Containment)
    );
}

#[test]
fn spans_slice_to_the_right_words_in_non_ascii_text() {
    let src = "Le maire Zoé Brûlé a fermé le pont de Vérac lundi après la découverte de fissures.\n\nLes réparations coûteront près de deux millions d’euros, selon la mairie.";
    let der = format!("{src}\n\nÀ suivre.");
    let out = run(&[(src, Some("2025-01-01")), (&der, Some("2025-01-02"))]);
    assert_eq!(out.len(), 1);
    let p = &out[0];
    let x = p.passages[0];
    assert_eq!(
        x.source.slice(src),
        x.derived.slice(&der).get(..x.source.len()).unwrap()
    );
    assert!(x.derived.slice(&der).starts_with("Le maire Zoé Brûlé"));
    assert!(x.derived.slice(&der).ends_with("selon la mairie."));
}

#[test]
fn bad_input_never_panics() {
    let text = "Short.\n\n\"Unclosed quote here and more words follow";
    let bad = [Span::new(3, 1), Span::new(0, 999), Span::new(1, 2)];
    let odd = "é".repeat(10);
    let bad_odd = [Span::new(1, 2)];
    let docs = [
        ReuseDoc {
            text,
            published: Some("not a date"),
            paragraphs: &bad,
            quotes: &bad,
        },
        ReuseDoc {
            text: &odd,
            published: Some("2025-13-45T99:99"),
            paragraphs: &bad_odd,
            quotes: &bad_odd,
        },
        ReuseDoc {
            text: "",
            published: Some("2025-02-03T10:00+0"),
            paragraphs: &[],
            quotes: &[],
        },
    ];
    assert!(find_reuse(&docs).is_empty());
    assert!(find_reuse(&[]).is_empty());
}

#[test]
fn output_is_deterministic_and_sorted() {
    let a = run(&[
        (WIRE, None),
        (OTHER, None),
        (PARAPHRASE, None),
        (WIRE, Some("2025-06-01")),
    ]);
    let b = run(&[
        (WIRE, None),
        (OTHER, None),
        (PARAPHRASE, None),
        (WIRE, Some("2025-06-01")),
    ]);
    assert_eq!(a, b);
    assert!(a
        .windows(2)
        .all(|w| (w[0].source, w[0].derived) <= (w[1].source, w[1].derived)));
    assert!(a.iter().all(|p| p.source != 1 && p.derived != 1), "{a:?}");
}

#[test]
fn stemmer_and_stopwords() {
    assert_eq!(terms::stem("voted"), terms::stem("votes"));
    assert_eq!(terms::stem("voting"), terms::stem("vote"));
    assert_eq!(terms::stem("stopped"), "stop");
    assert!(terms::content_stem("the").is_none());
    assert!(terms::STOPWORDS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn quote_mask_merges_given_and_marked_spans() {
    let text = "He called it “radio silent” and said \"no comment\" twice.";
    let paras = parallax_text::paragraphs(text);
    let m = terms::quote_mask(text, &paras, &[Span::new(0, 2)]);
    let got: Vec<&str> = m.iter().map(|s| s.slice(text)).collect();
    assert_eq!(got, ["He", "radio silent", "no comment"]);
}

#[test]
fn parse_time_forms() {
    assert!(parse_time("2025-06-02").is_some_and(|t| t.minute_utc.is_none()));
    let a = parse_time("2025-06-02T08:00:00+02:00").unwrap();
    let b = parse_time("2025-06-02T06:00Z").unwrap();
    assert_eq!(a.minute_utc, b.minute_utc);
    assert!(parse_time("June 2").is_none());
    assert!(parse_time("2025-00-10").is_none());
}

mod lsh {
    use super::super::minhash::*;

    #[test]
    fn near_duplicates_meet_and_strangers_do_not() {
        let h = MinHasher::new(128, 5);
        let base = super::WIRE;
        let edited = base.replacen("forty", "40", 1);
        let sa = h.signature(base);
        let sb = h.signature(&edited);
        let sc = h.signature(super::OTHER);
        let exact = jaccard(&h.shingles(base), &h.shingles(&edited));
        assert!(
            (sa.jaccard(&sb) - exact).abs() < 0.15,
            "{} vs {exact}",
            sa.jaccard(&sb)
        );
        let mut idx = LshIndex::new(0.5, 128);
        assert_eq!(idx.insert(sa.clone()), 0);
        idx.insert(sb);
        idx.insert(sc.clone());
        assert_eq!(idx.candidate_pairs(), vec![(0, 1)]);
        assert_eq!(idx.query(&sa), vec![0, 1]);
        assert_eq!(idx.query(&sc), vec![2]);
        assert_eq!(idx.len(), 3);
    }

    #[test]
    fn params_match_the_usual_choice() {
        // datasketch 1.x MinHashLSH(threshold=0.5, num_perm=128) has b=25, r=5.
        let (b, r) = optimal_params(0.5, 128, 0.5, 0.5);
        assert!(b * r <= 128);
        assert_eq!((b, r), (25, 5));
    }

    #[test]
    fn empty_and_short_texts() {
        let h = MinHasher::new(16, 5);
        assert!(h.shingles("").is_empty());
        assert_eq!(h.shingles("two words").len(), 1);
        let e = h.signature("");
        assert_eq!(e.jaccard(&e), 0.0);
        let mut idx = LshIndex::with_bands(4, 4);
        idx.insert(e);
        idx.insert(h.signature("... ,,, !!!"));
        // Empty documents share buckets; callers verify with `jaccard`.
        assert_eq!(idx.candidate_pairs().len(), 1);
    }
}

#[test]
fn terms_in_most_sentences_are_dropped() {
    // "Velm" is in every sentence (as a story's subject or a function word
    // of a language without a stop list would be); "harbour" is not.
    let a: String = (0..12)
        .map(|i| {
            let place = if i < 3 { "harbour" } else { "quay" };
            format!("Velm {place} item number{i} was counted. ")
        })
        .collect();
    let b: String = (0..12)
        .map(|i| format!("Velm report line{i} follows. "))
        .collect();
    let (pa, pb) = (parallax_text::paragraphs(&a), parallax_text::paragraphs(&b));
    let docs = [doc(&a, &pa, None), doc(&b, &pb, None)];
    let mut interner = terms::Interner::default();
    let mut feats: Vec<DocFeat> = docs
        .iter()
        .map(|d| DocFeat::new(d, &mut interner))
        .collect();
    let velm = interner.id("velm");
    let harbour = interner.id("harbour");
    assert!(feats[0].bag.contains(&velm));
    drop_common_terms(&mut feats, 0.25, 20);
    assert!(!feats[0].bag.contains(&velm) && !feats[1].bag.contains(&velm));
    assert!(feats[0].bag.contains(&harbour));
    // Fewer sentences than the minimum: nothing is dropped.
    let mut feats: Vec<DocFeat> = docs
        .iter()
        .map(|d| DocFeat::new(d, &mut interner))
        .collect();
    drop_common_terms(&mut feats, 0.25, 100);
    assert!(feats[0].bag.contains(&velm));
}

/// Weighted Dice similarity of two sorted term lists, merged: `(masked,
/// full)`, where masked leaves out terms quoted on both sides (the
/// reference for the indexed sums of [`align`]).
fn dice_both(a: &[Term], wa: f32, b: &[Term], wb: f32) -> (f32, f32) {
    if wa + wb <= 0.0 {
        return (0.0, 0.0);
    }
    let (mut masked, mut full) = (0.0f32, 0.0f32);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.id == y.id {
            let w = x.weight.min(y.weight);
            full += w;
            if !(x.quoted && y.quoted) {
                masked += w;
            }
            i += 1;
            j += 1;
        } else if x.id < y.id {
            i += 1;
        } else {
            j += 1;
        }
    }
    (2.0 * masked / (wa + wb), 2.0 * full / (wa + wb))
}

/// A link's similarity in `mode`, from [`dice_both`].
fn link_sim(a: &[Term], wa: f32, b: &[Term], wb: f32, mode: Mode) -> f32 {
    let (masked, full) = dice_both(a, wa, b, wb);
    match mode {
        Mode::Masked => masked,
        Mode::Full(min) if full >= min => masked.max(full),
        Mode::Full(_) => masked,
    }
}

/// [`align`] as first written: postings in a map rebuilt per call, every
/// similarity by a merge of the two term lists, and a DP scanning every
/// earlier link. The indexed and pruned [`align`] must give the same links
/// to the bit.
fn align_reference(der: &DocFeat, src: &DocFeat, tau: f32, gap: f32, mode: Mode) -> Vec<Link> {
    let mut cands: Vec<Link> = Vec::new();
    let mut postings: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    for (j, s) in src.sents.iter().enumerate() {
        for t in &s.terms {
            postings.entry(t.id).or_default().push(j);
        }
    }
    for (i, d) in der.sents.iter().enumerate() {
        let mut hits: Vec<usize> = Vec::new();
        for t in &d.terms {
            for &j in postings.get(&t.id).map_or(&[][..], Vec::as_slice) {
                hits.extend([Some(j), j.checked_sub(1)].into_iter().flatten());
            }
        }
        hits.sort_unstable();
        hits.dedup();
        for &j in &hits {
            let s = &src.sents[j];
            let single = link_sim(&d.terms, d.weight, &s.terms, s.weight, mode);
            let pair = match src.pairs.get(j) {
                Some((t, wt)) => link_sim(&d.terms, d.weight, t, *wt, mode),
                None => 0.0,
            };
            let (s1, sim) = if pair > single + 0.05 {
                (j + 1, pair)
            } else {
                (j, single)
            };
            if sim >= tau && sim > 0.0 {
                cands.push(Link {
                    d: i,
                    s0: j,
                    s1,
                    sim,
                });
            }
        }
    }
    let mut best = vec![0.0f32; cands.len()];
    let mut back = vec![usize::MAX; cands.len()];
    let mut top = (0.0f32, usize::MAX);
    for k in 0..cands.len() {
        let c = cands[k];
        let (mut v, mut from) = (0.0f32, usize::MAX);
        for (p, prev) in cands[..k].iter().enumerate() {
            if prev.d >= c.d || prev.s1 > c.s0 {
                continue;
            }
            let skipped = (c.d - prev.d - 1) + c.s0.saturating_sub(prev.s1 + 1);
            let cand = best[p] - gap * skipped as f32;
            if cand > v {
                v = cand;
                from = p;
            }
        }
        best[k] = v + c.sim - tau;
        back[k] = from;
        if best[k] > top.0 {
            top = (best[k], k);
        }
    }
    let mut links = Vec::new();
    let mut k = top.1;
    while k != usize::MAX {
        links.push(cands[k]);
        k = back[k];
    }
    links.reverse();
    links
}

#[test]
fn indexed_align_matches_the_reference_to_the_bit() {
    // Texts from a small vocabulary (many shared terms, repeated sentences,
    // tied similarities), some words in quotation marks.
    let vocab = [
        "river",
        "depot",
        "Varga",
        "flood",
        "wagon",
        "crews",
        "bridge",
        "Orrin",
        "signal",
        "trains",
        "water",
        "yard",
        "coaches",
        "market",
        "square",
        "12",
        "engineers",
        "rain",
        "line",
        "cabin",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut texts: Vec<String> = Vec::new();
    for _ in 0..8 {
        let mut t = String::new();
        for _ in 0..(3 + next(5)) {
            for _ in 0..(1 + next(3)) {
                let n = 3 + next(6);
                let quote = next(4) == 0;
                let mut words: Vec<&str> = (0..n).map(|_| vocab[next(vocab.len())]).collect();
                words[0] = "The";
                if quote {
                    t.push_str("He said \"");
                }
                t.push_str(&words.join(" "));
                t.push_str(if quote { ".\" " } else { ". " });
            }
            t.push_str("\n\n");
        }
        texts.push(t);
    }
    let paras: Vec<Vec<Span>> = texts.iter().map(|t| parallax_text::paragraphs(t)).collect();
    let docs: Vec<ReuseDoc> = texts
        .iter()
        .zip(&paras)
        .map(|(t, p)| doc(t, p, None))
        .collect();
    let mut interner = terms::Interner::default();
    let mut feats: Vec<DocFeat> = docs
        .iter()
        .map(|d| DocFeat::new(d, &mut interner))
        .collect();
    for f in &mut feats {
        f.index();
    }
    let mut scratch = Scratch::new(interner.len());
    let mut nonempty = 0;
    for a in &feats {
        for b in &feats {
            for gap in [0.05, 0.0, 0.01, 0.3, -0.02] {
                for mode in [Mode::Masked, Mode::Full(0.5), Mode::Full(0.2)] {
                    let got = align(a, b, 0.15, gap, mode, &mut scratch);
                    let want = align_reference(a, b, 0.15, gap, mode);
                    assert_eq!(got.len(), want.len());
                    for (g, w) in got.iter().zip(&want) {
                        assert_eq!((g.d, g.s0, g.s1), (w.d, w.s0, w.s1));
                        assert_eq!(g.sim.to_bits(), w.sim.to_bits());
                    }
                    nonempty += usize::from(!got.is_empty());
                }
            }
        }
    }
    assert!(nonempty > 100);
}
