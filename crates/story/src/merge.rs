//! Merging per-article annotations into one story: the same entity named in
//! several articles becomes one entity, and the same quote carried by several
//! articles becomes one entry with all its occurrences.
//!
//! Entities of different articles are joined (union-find) when
//! - their canonical names are equal (ignoring case and punctuation), or
//! - they share a strong alias: a multi-word name, an acronym ("AOC") or a
//!   handle ("@AOC" matches "AOC"), and their kinds agree; or
//! - both are people with the same surname and compatible first names (equal,
//!   or one a prefix of the other: "Chris" / "Christian"); or
//! - first names match through nicknames ("Mo" / "Maurice"); or
//! - one name ends with the other, a person's full name ("Saints RB Pierre
//!   Thomas" / "Pierre Thomas"); or
//! - one is a first name alone ("Laci") that starts exactly one person's
//!   name and is nobody's surname; or
//! - one is a bare surname ("Smalls") and one person of the story with that
//!   surname fits it: the gender of titles and pronouns agrees ("Mr. Trump"
//!   is not "Melania Trump"), people introduced as someone's relative ("his
//!   wife Brigitte Macron") yield to others, and among several the one named
//!   far more often (at least three times as often as any other) wins; or
//! - both are people and one name's words are the other's first words
//!   ("Kim Jong" / "Kim Jong Un") or the other's words in order, the first
//!   ones equal, and no other person of the story fits; or
//! - one is a people noun ("Iranians") and the other the country ("Iran"),
//!   or the members' name of a party ("Democrats", "GOP") and the party; or
//! - one is a single word that ends one multiword organization of the story
//!   ("Saints" / "New Orleans Saints"); or
//! - one is the other behind a country word ("U.S. Surgeon General" /
//!   "Surgeon General"), people and places excepted.
//!
//! Two different people who only share a surname stay apart.

use crate::unionfind::UnionFind;
use parallax_annotate::entities::{self, Gender};
use parallax_annotate::{Annotations, Entity, EntityKind, MentionForm};
use parallax_core::Article;
use std::collections::BTreeMap;

/// One entity of a story: the per-article entities it joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedEntity<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: Vec<&'a str>,
    /// (index of the article in the group, index of the entity in it).
    pub members: Vec<(usize, usize)>,
}

/// Merge the entities of a story's articles. Returns the story entities and,
/// for each article of the group, the story entity of each of its entities.
pub fn merge_entities<'a>(
    group: &[(&'a Article, &'a Annotations)],
) -> (Vec<MergedEntity<'a>>, Vec<Vec<usize>>) {
    let mut nodes: Vec<(usize, usize, &'a Entity)> = Vec::new();
    for (g, (_, ann)) in group.iter().enumerate() {
        for (i, e) in ann.entities.iter().enumerate() {
            nodes.push((g, i, e));
        }
    }
    let mut uf = UnionFind::new(nodes.len());
    // Strong keys: name and multi-word, acronym and handle aliases.
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        for form in std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)) {
            if form == e.name || is_strong(form) {
                let k = key(form);
                if !k.is_empty() {
                    by_key.entry(k).or_default().push(n);
                }
            }
            // "Britain" / "United Kingdom" / "the UK".
            if e.kind == EntityKind::Place {
                if let Some(full) = entities::place_full_name(form) {
                    by_key.entry(full.to_string()).or_default().push(n);
                }
            }
        }
    }
    for (k, members) in &by_key {
        // Each member joins the first earlier one it may be (not only its
        // neighbour: organization, person, organization must still join
        // the two organizations). A name of several words or an acronym,
        // spelled the same, is one entity whatever kinds the articles gave
        // it ("T-Mobile" read as a person in one, an organization in
        // another); a single word can be two things ("Troy").
        for (i, &m) in members.iter().enumerate() {
            let e = nodes[m].2;
            let named = |x: &Entity| is_strong(&x.name) && key(&x.name) == *k;
            if let Some(&p) = members[..i].iter().find(|&&p| {
                let o = nodes[p].2;
                kinds_agree(o.kind, e.kind) || (named(o) && named(e))
            }) {
                uf.union(p, m);
            }
        }
    }
    // People: same surname, compatible first names.
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.kind == EntityKind::Person {
            if let Some((_, last)) = first_last(&e.name) {
                by_surname.entry(key(last)).or_default().push(n);
            }
        }
    }
    for members in by_surname.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (fa, fb) = (first_last(&nodes[a].2.name), first_last(&nodes[b].2.name));
                if let (Some((fa, _)), Some((fb, _))) = (fa, fb) {
                    let same_gen =
                        junior_senior(&nodes[a].2.name) == junior_senior(&nodes[b].2.name);
                    if same_gen && first_names_compatible(fa, fb) {
                        uf.union(a, b);
                    }
                }
            }
        }
    }
    let cues: Vec<Cues> = nodes
        .iter()
        .map(|&(g, _, e)| cues(&group[g].0.text, e))
        .collect();
    // "U.S. Surgeon General" / "Surgeon General".
    join_without_country(&nodes, &mut uf);
    // "INS Sukanya" / "Indian Naval Ship Sukanya".
    join_acronym_prefixes(&nodes, &mut uf);
    // Names whose words continue another person's name ("Kim Jong" / "Kim
    // Jong Un"), when only one person fits.
    join_word_subsets(&nodes, &mut uf);
    // "Saints RB Pierre Thomas" / "Pierre Thomas".
    join_name_suffixes(&nodes, &mut uf);
    // Bare surnames join the person of the story they fit.
    join_bare_surnames(&nodes, &cues, &by_surname, &mut uf);
    // A first name alone ("Laci") joins the one person it starts.
    join_first_names(&nodes, &by_surname, &mut uf);
    // People nouns join their country; single words the one organization
    // they end.
    join_peoples_and_heads(&nodes, &mut uf);
    // Collect groups in order of first appearance.
    let mut order: Vec<usize> = Vec::new();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        let r = uf.find(n);
        let g = groups.entry(r).or_default();
        if g.is_empty() {
            order.push(r);
        }
        g.push(n);
    }
    let mut index: Vec<Vec<usize>> = group
        .iter()
        .map(|(_, a)| vec![0; a.entities.len()])
        .collect();
    let mut out = Vec::new();
    for r in order {
        let members = &groups[&r];
        let ents: Vec<&Entity> = members.iter().map(|&n| nodes[n].2).collect();
        let name = canonical(&ents);
        let kind = kind_vote(&ents);
        let mut aliases: Vec<&str> = Vec::new();
        for e in &ents {
            for form in std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str))
            {
                if form != name && !aliases.contains(&form) {
                    aliases.push(form);
                }
            }
        }
        for &n in members {
            index[nodes[n].0][nodes[n].1] = out.len();
        }
        out.push(MergedEntity {
            name,
            kind,
            aliases,
            members: members.iter().map(|&n| (nodes[n].0, nodes[n].1)).collect(),
        });
    }
    (out, index)
}

/// Evidence from an entity's mentions in its article.
#[derive(Debug, Clone, Copy, Default)]
struct Cues {
    male: u32,
    female: u32,
    /// Named right after a kinship word ("his wife X", "first lady X").
    kin: bool,
    mentions: usize,
}

impl Cues {
    fn add(&mut self, o: &Cues) {
        self.male += o.male;
        self.female += o.female;
        self.kin |= o.kin;
        self.mentions += o.mentions;
    }
    fn gender(&self) -> Option<Gender> {
        match (self.male > 0, self.female > 0) {
            (true, false) => Some(Gender::Male),
            (false, true) => Some(Gender::Female),
            _ => None,
        }
    }
}

/// The words right before `start` in `text` (at most `n`, nearest last).
fn words_before(text: &str, start: usize, n: usize) -> Vec<&str> {
    let head = text.get(..start).unwrap_or("");
    let mut out: Vec<&str> = head
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(n)
        .collect();
    out.reverse();
    out
}

fn cues(text: &str, e: &Entity) -> Cues {
    let mut c = Cues {
        mentions: e.mentions.len(),
        ..Default::default()
    };
    let mut vote = |g: Option<Gender>| match g {
        Some(Gender::Male) => c.male += 1,
        Some(Gender::Female) => c.female += 1,
        None => {}
    };
    let words: Vec<&str> = e.name.split_whitespace().collect();
    if words.len() >= 2 {
        vote(entities::first_name_gender(words[0]));
    }
    for m in &e.mentions {
        let Some(surface) = text.get(m.span.range()) else {
            continue;
        };
        match m.form {
            MentionForm::Pronoun => vote(entities::word_gender(surface)),
            MentionForm::Name | MentionForm::Partial => {
                let before = words_before(text, m.span.start, 2);
                if let Some(w) = before.last() {
                    vote(entities::word_gender(w));
                }
                if m.form == MentionForm::Name
                    && surface.split_whitespace().count() >= 2
                    && before.iter().any(|w| entities::is_kin_word(w))
                {
                    c.kin = true;
                }
            }
            _ => {}
        }
    }
    c
}

fn genders_fit(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// A person's name ends in a generational suffix ("Donald Trump Jr.").
fn has_suffix(name: &str) -> bool {
    name.split_whitespace().last().is_some_and(|w| {
        matches!(
            w.trim_end_matches('.').to_lowercase().as_str(),
            "jr" | "sr" | "ii" | "iii" | "iv"
        )
    })
}

fn join_bare_surnames(
    nodes: &[(usize, usize, &Entity)],
    cues: &[Cues],
    by_surname: &BTreeMap<String, Vec<usize>>,
    uf: &mut UnionFind,
) {
    // Evidence per set of people joined so far.
    let mut per_root: BTreeMap<usize, Cues> = BTreeMap::new();
    for (n, c) in cues.iter().enumerate() {
        per_root.entry(uf.find(n)).or_default().add(c);
    }
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.name.split_whitespace().count() != 1
            || matches!(e.kind, EntityKind::Organization | EntityKind::Place)
        {
            continue;
        }
        let Some(members) = by_surname.get(&key(&e.name)) else {
            continue;
        };
        let own = cues[n].gender();
        let mut roots: Vec<usize> = members
            .iter()
            .filter(|&&m| !has_suffix(&nodes[m].2.name))
            .map(|&m| uf.find(m))
            .collect();
        if roots.is_empty() {
            roots = members.iter().map(|&m| uf.find(m)).collect();
        }
        roots.sort_unstable();
        roots.dedup();
        roots.retain(|r| genders_fit(own, per_root[r].gender()));
        if roots.iter().any(|r| !per_root[r].kin) {
            roots.retain(|r| !per_root[r].kin);
        }
        let pick = match roots.len() {
            0 => None,
            1 => Some(roots[0]),
            _ => {
                let mut by_count: Vec<(usize, usize)> =
                    roots.iter().map(|&r| (per_root[&r].mentions, r)).collect();
                by_count.sort_unstable_by(|a, b| b.cmp(a));
                (by_count[0].0 >= 3 * by_count[1].0).then_some(by_count[0].1)
            }
        };
        if let Some(r) = pick {
            joins.push((n, r));
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

/// `short`'s words appear in `long` in order, with the same first word.
fn word_subset(short: &[String], long: &[String]) -> bool {
    if short.len() < 2 || short.len() >= long.len() || short[0] != long[0] {
        return false;
    }
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

fn join_word_subsets(nodes: &[(usize, usize, &Entity)], uf: &mut UnionFind) {
    let mut by_first: BTreeMap<String, Vec<(usize, Vec<String>)>> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.kind != EntityKind::Person || has_suffix(&e.name) {
            continue;
        }
        let ws: Vec<String> = key(&e.name).split(' ').map(str::to_string).collect();
        if ws.len() >= 2 {
            by_first.entry(ws[0].clone()).or_default().push((n, ws));
        }
    }
    let mut joins = Vec::new();
    for list in by_first.values() {
        for (a, wa) in list {
            let mut fits: Vec<usize> = list
                .iter()
                .filter(|(_, wb)| word_subset(wa, wb))
                .map(|(b, _)| uf.find(*b))
                .collect();
            fits.sort_unstable();
            fits.dedup();
            if fits.len() == 1 {
                joins.push((*a, fits[0]));
            }
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

/// The name without a leading country word ("U.S.", "Israeli"), when at
/// least two words remain.
fn without_country(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    for n in (1..=2).rev() {
        if words.len() >= n + 2 && entities::nation_word(&words[..n].join(" ")).is_some() {
            return Some(key(&words[n..].join(" ")));
        }
    }
    None
}

/// An acronym (lower case) and the rest of a name.
type AcronymKey = (String, String);

/// The name with a leading acronym spelled out from the initials of the
/// words before the same rest: "INS Sukanya" and "Indian Naval Ship
/// Sukanya", "USS Gull" and "United States Ship Gull". Keyed by the
/// acronym (lower case) and the rest.
fn acronym_prefix_keys(name: &str) -> (Option<AcronymKey>, Vec<AcronymKey>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    // As an acronym-prefixed name.
    let short = (words.len() >= 2
        && words[0].chars().count() >= 2
        && words[0].chars().all(|c| c.is_ascii_uppercase()))
    .then(|| (words[0].to_lowercase(), key(&words[1..].join(" "))));
    // As a spelled-out name: every split into initials and a rest.
    let mut long = Vec::new();
    for n in 2..words.len() {
        let head = &words[..n];
        if head.iter().all(|w| w.starts_with(char::is_uppercase)) {
            let acr: String = head
                .iter()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_lowercase)
                .collect();
            long.push((acr, key(&words[n..].join(" "))));
        }
    }
    (short, long)
}

fn join_acronym_prefixes(nodes: &[(usize, usize, &Entity)], uf: &mut UnionFind) {
    let mut short: BTreeMap<AcronymKey, usize> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if let (Some(k), _) = acronym_prefix_keys(&e.name) {
            if !k.1.is_empty() {
                short.entry(k).or_insert(n);
            }
        }
    }
    if short.is_empty() {
        return;
    }
    let mut joins = Vec::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        for k in acronym_prefix_keys(&e.name).1 {
            if k.1.is_empty() {
                continue;
            }
            // Initials and the rest both matching is evidence enough,
            // whatever kinds were guessed.
            if let Some(&m) = short.get(&k) {
                joins.push((n, m));
            }
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

/// The name without a trailing company or country suffix ("Inc.",
/// "Corp.", "Ltd", "LLC", "plc", "USA"), when a word of at least two
/// characters remains.
fn without_company_suffix(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (last, rest) = words.split_last()?;
    let suffix = last.trim_end_matches('.').to_lowercase();
    if !matches!(
        suffix.as_str(),
        "inc" | "corp" | "co" | "ltd" | "llc" | "plc" | "usa" | "u.s"
    ) {
        return None;
    }
    let rest = rest.join(" ");
    let rest = rest.trim_end_matches(',');
    (rest.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then(|| key(rest))
}

fn join_without_country(nodes: &[(usize, usize, &Entity)], uf: &mut UnionFind) {
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.kind != EntityKind::Place {
            by_name.entry(key(&e.name)).or_insert(n);
        }
    }
    let mut joins = Vec::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        // "T-Mobile USA" / "T-Mobile", "Acme Corp." / "Acme": whatever
        // kinds the articles guessed for a company.
        if let Some(rest) = without_company_suffix(&e.name) {
            if let Some(&m) = by_name.get(&rest) {
                if nodes[m].2.kind != EntityKind::Person || e.kind == EntityKind::Person {
                    joins.push((n, m));
                }
            }
        }
        if matches!(e.kind, EntityKind::Place | EntityKind::Person) {
            continue;
        }
        if let Some(rest) = without_country(&e.name) {
            if let Some(&m) = by_name.get(&rest) {
                if kinds_agree(e.kind, nodes[m].2.kind) {
                    joins.push((n, m));
                }
            }
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

/// A name that ends with a person's full name, after extra words a run
/// picked up ("Englishman Robert Buckley", "Saints RB Pierre Thomas").
fn join_name_suffixes(nodes: &[(usize, usize, &Entity)], uf: &mut UnionFind) {
    let mut people: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.kind == EntityKind::Person && e.name.split_whitespace().count() >= 2 {
            people.entry(key(&e.name)).or_default().push(n);
        }
    }
    let mut joins = Vec::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.kind == EntityKind::Place {
            continue;
        }
        let words: Vec<&str> = e.name.split_whitespace().collect();
        for k in 1..words.len().saturating_sub(1) {
            if let Some(list) = people.get(&key(&words[k..].join(" "))) {
                if all_one_set(uf, list) {
                    joins.push((n, list[0]));
                }
                break;
            }
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

fn join_first_names(
    nodes: &[(usize, usize, &Entity)],
    by_surname: &BTreeMap<String, Vec<usize>>,
    uf: &mut UnionFind,
) {
    let mut by_first: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.kind == EntityKind::Person {
            if let Some((first, _)) = first_last(&e.name) {
                by_first.entry(key(first)).or_default().push(n);
            }
        }
    }
    let mut joins = Vec::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.name.contains(' ') || !matches!(e.kind, EntityKind::Person | EntityKind::Other) {
            continue;
        }
        let k = key(&e.name);
        if by_surname.contains_key(&k) {
            continue;
        }
        if let Some(list) = by_first.get(&k) {
            // "Donald" is Donald Trump rather than Donald Trump Jr.
            let plain: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&m| !has_suffix(&nodes[m].2.name))
                .collect();
            let list = if plain.is_empty() { list } else { &plain };
            if all_one_set(uf, list) {
                joins.push((n, list[0]));
            }
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

/// Do all of `list` already belong to one set?
fn all_one_set(uf: &mut UnionFind, list: &[usize]) -> bool {
    let mut roots = list.iter().map(|&m| uf.find(m));
    let first = roots.next();
    roots.all(|r| Some(r) == first)
}

fn join_peoples_and_heads(nodes: &[(usize, usize, &Entity)], uf: &mut UnionFind) {
    let mut places: BTreeMap<String, usize> = BTreeMap::new();
    let mut orgs: BTreeMap<String, usize> = BTreeMap::new();
    let mut org_last: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        let k = key(&e.name);
        if e.kind != EntityKind::Place {
            orgs.entry(k.clone()).or_insert(n);
        }
        if e.kind == EntityKind::Place {
            places.entry(k.clone()).or_insert(n);
            for a in &e.aliases {
                places.entry(key(a)).or_insert(n);
            }
        }
        if matches!(e.kind, EntityKind::Organization | EntityKind::Other) && k.contains(' ') {
            if let Some(last) = k.rsplit(' ').next() {
                org_last.entry(last.to_string()).or_default().push(n);
            }
        }
    }
    let mut joins = Vec::new();
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.name.contains(' ') {
            continue;
        }
        if let Some(country) = entities::people_country(&e.name) {
            if let Some(&p) = places.get(country) {
                joins.push((n, p));
                continue;
            }
        }
        if let Some(party) = entities::party_of_members(&e.name) {
            if let Some(&p) = orgs.get(party) {
                joins.push((n, p));
                continue;
            }
        }
        if matches!(e.kind, EntityKind::Organization | EntityKind::Other)
            && e.name.chars().any(char::is_lowercase)
        {
            if let Some(list) = org_last.get(&key(&e.name)) {
                if all_one_set(uf, list) {
                    joins.push((n, list[0]));
                }
            }
        }
    }
    for (a, b) in joins {
        uf.union(a, b);
    }
}

/// The kind of a merged entity: the kind most mentions carry (people
/// nouns and namesakes do not outvote the country), `Other` only when
/// nothing else is known.
fn kind_vote(ents: &[&Entity]) -> EntityKind {
    let mut votes: Vec<(EntityKind, usize)> = Vec::new();
    for e in ents {
        if e.kind == EntityKind::Other {
            continue;
        }
        let w = e.mentions.len().max(1);
        match votes.iter_mut().find(|(k, _)| *k == e.kind) {
            Some(v) => v.1 += w,
            None => votes.push((e.kind, w)),
        }
    }
    // First kind seen wins ties, so the order stays stable.
    let mut best: Option<(EntityKind, usize)> = None;
    for (k, w) in votes {
        if best.is_none_or(|(_, bw)| w > bw) {
            best = Some((k, w));
        }
    }
    best.map_or(EntityKind::Other, |(k, _)| k)
}

/// The canonical name: the fullest name (most words), then the most used,
/// then the longest ("Alexander" over "Alex"), then the first in byte order, so the choice does not depend on input order.
fn canonical<'a>(ents: &[&'a Entity]) -> &'a str {
    let mut counts: BTreeMap<&'a str, usize> = BTreeMap::new();
    for e in ents {
        *counts.entry(e.name.as_str()).or_default() += e.mentions.len().max(1);
    }
    counts
        .iter()
        .max_by(|a, b| {
            let wa = a.0.split_whitespace().count();
            let wb = b.0.split_whitespace().count();
            wa.cmp(&wb)
                .then(a.1.cmp(b.1))
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| *n)
        .unwrap_or("")
}

/// A form specific enough to identify an entity across articles.
fn is_strong(form: &str) -> bool {
    let words = form.split_whitespace().count();
    words >= 2
        || form.starts_with('@')
        || (form.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && form
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase))
}

/// Case- and punctuation-free key: "@AOC" and "AOC" agree, "Ocasio-Cortez"
/// and "Ocasio Cortez" agree.
pub fn key(form: &str) -> String {
    let form = form.trim_start_matches('@');
    let mut out = String::with_capacity(form.len());
    for w in form
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn kinds_agree(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

/// First name and surname, past a generational suffix ("Robert S. Mueller
/// III" -> Robert, Mueller).
fn first_last(name: &str) -> Option<(&str, &str)> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 3 && has_suffix(name) {
        words.pop();
    }
    (words.len() >= 2).then(|| (words[0], words[words.len() - 1]))
}

/// "Jr." and "Sr." tell a father and son apart; "III" is often left out.
fn junior_senior(name: &str) -> Option<String> {
    name.split_whitespace()
        .last()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| w == "jr" || w == "sr")
}

fn first_names_compatible(a: &str, b: &str) -> bool {
    entities::first_names_compatible(&key(a), &key(b))
}

/// Normalised quote text: lower-case words only, so quotation-mark style,
/// punctuation and spacing do not split one quote into two entries.
pub fn quote_key(text: &str) -> String {
    key(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_annotate::{Mention, MentionForm};
    use parallax_core::Span;

    fn ent(name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions: vec![Mention {
                span: Span::new(0, 1),
                form: MentionForm::Name,
            }],
        }
    }

    fn article(id: &str) -> Article {
        Article {
            id: id.into(),
            source: id.into(),
            outlet: None,
            title: None,
            byline: vec![],
            published: None,
            url: None,
            language: None,
            text: "x".into(),
            removed: vec![],
            paragraphs: vec![],
            sentences: vec![],
        }
    }

    fn ann(ents: Vec<Entity>) -> Annotations {
        Annotations {
            entities: ents,
            ..Default::default()
        }
    }

    #[test]
    fn merges_across_articles_and_keeps_namesakes_apart() {
        let (a, b, c) = (article("a"), article("b"), article("c"));
        let aa = ann(vec![
            ent(
                "Marisol Vega-Quinn",
                EntityKind::Person,
                &["MVQ", "Vega-Quinn"],
            ),
            ent("Alex Harker", EntityKind::Person, &["Harker"]),
            ent("Harbor Pilots Union", EntityKind::Organization, &["HPU"]),
        ]);
        let bb = ann(vec![
            ent("MVQ", EntityKind::Other, &["@MVQ"]),
            ent("Alexander Harker", EntityKind::Person, &[]),
            ent("Ellen Harker", EntityKind::Person, &[]),
        ]);
        let cc = ann(vec![ent(
            "Harbor Pilots Union",
            EntityKind::Organization,
            &[],
        )]);
        let group = [(&a, &aa), (&b, &bb), (&c, &cc)];
        let (merged, index) = merge_entities(&group);
        let names: Vec<&str> = merged.iter().map(|m| m.name).collect();
        assert_eq!(
            names,
            [
                "Marisol Vega-Quinn",
                "Alexander Harker",
                "Harbor Pilots Union",
                "Ellen Harker"
            ]
        );
        assert!(merged[0].aliases.contains(&"@MVQ"));
        assert_eq!(merged[0].kind, EntityKind::Person);
        assert_eq!(index[1], vec![0, 1, 3], "Alex = Alexander, Ellen apart");
        assert_eq!(index[2], vec![2]);
    }

    #[test]
    fn same_spelling_joins_across_kind_guesses() {
        // Four articles name one carrier; their kind guesses disagree and
        // alternate, which must not keep the organizations apart.
        let arts: Vec<Article> = ["a", "b", "c", "d", "e"].into_iter().map(article).collect();
        let anns = [
            ann(vec![ent("Gullwing Mobile", EntityKind::Organization, &[])]),
            ann(vec![ent("Gullwing Mobile", EntityKind::Person, &[])]),
            ann(vec![ent("Gullwing Mobile", EntityKind::Organization, &[])]),
            ann(vec![ent("Gullwing Mobile USA", EntityKind::Place, &[])]),
            // One word spelled alike can be two things: a town, a person.
            ann(vec![
                ent("Selby", EntityKind::Place, &[]),
                ent("Selby", EntityKind::Person, &[]),
            ]),
        ];
        let group: Vec<(&Article, &Annotations)> = arts.iter().zip(anns.iter()).collect();
        let (merged, index) = merge_entities(&group);
        let names: Vec<&str> = merged.iter().map(|m| m.name).collect();
        // (The fullest spelling names the merged entity.)
        assert_eq!(names, ["Gullwing Mobile USA", "Selby", "Selby"]);
        assert_eq!(merged[0].kind, EntityKind::Organization);
        assert_eq!(merged[0].members.len(), 4);
        assert_eq!(index[3], vec![0], "the USA suffix joins too");
        assert_eq!(index[4], vec![1, 2]);
    }

    #[test]
    fn acronym_prefix_joins_its_spelled_out_name() {
        let (a, b, c) = (article("a"), article("b"), article("c"));
        let aa = ann(vec![ent("RNS Tern", EntityKind::Organization, &[])]);
        let bb = ann(vec![ent("Royal Naval Ship Tern", EntityKind::Other, &[])]);
        // Same initials, another rest: apart.
        let cc = ann(vec![ent("Royal Naval Ship Petrel", EntityKind::Other, &[])]);
        let (merged, index) = merge_entities(&[(&a, &aa), (&b, &bb), (&c, &cc)]);
        assert_eq!(merged.len(), 2);
        assert_eq!(index[0], index[1]);
        assert_ne!(index[0], index[2]);
    }

    #[test]
    fn bare_surname_joins_only_a_unique_person() {
        let (a, b) = (article("a"), article("b"));
        let aa = ann(vec![ent("Rosa Delgado", EntityKind::Person, &[])]);
        let bb = ann(vec![ent("Delgado", EntityKind::Other, &[])]);
        let (merged, _) = merge_entities(&[(&a, &aa), (&b, &bb)]);
        assert_eq!(merged.len(), 1);
        let cc = ann(vec![ent("Luis Delgado", EntityKind::Person, &[])]);
        let c = article("c");
        let (merged, _) = merge_entities(&[(&a, &aa), (&b, &bb), (&c, &cc)]);
        assert_eq!(merged.len(), 3, "ambiguous surname stays alone");
    }

    /// An entity whose mentions are the given surfaces, found in `text`.
    fn ent_in(text: &str, name: &str, kind: EntityKind, forms: &[(&str, MentionForm)]) -> Entity {
        let mut from = 0;
        let mentions = forms
            .iter()
            .map(|(s, form)| {
                let start = from + text[from..].find(s).expect("surface in text");
                from = start + s.len();
                Mention {
                    span: Span::new(start, start + s.len()),
                    form: *form,
                }
            })
            .collect();
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            mentions,
        }
    }

    fn article_with(id: &str, text: &str) -> Article {
        Article {
            text: text.into(),
            ..article(id)
        }
    }

    #[test]
    fn bare_surname_follows_gender_and_skips_relatives() {
        use MentionForm::*;
        let ta = "Ansel Brandt spoke first.";
        let tb = "His wife Greta Brandt smiled.";
        let tc = "Mr. Brandt said no. Brandt left.";
        let td = "Greta Brandt waved.";
        let (a, b, c, d) = (
            article_with("a", ta),
            article_with("b", tb),
            article_with("c", tc),
            article_with("d", td),
        );
        let aa = ann(vec![ent_in(
            ta,
            "Ansel Brandt",
            EntityKind::Person,
            &[("Ansel Brandt", Name)],
        )]);
        let bb = ann(vec![ent_in(
            tb,
            "Greta Brandt",
            EntityKind::Person,
            &[("Greta Brandt", Name)],
        )]);
        let cc = ann(vec![ent_in(
            tc,
            "Brandt",
            EntityKind::Person,
            &[("Brandt", Name), ("Brandt", Name)],
        )]);
        let (_, index) = merge_entities(&[(&a, &aa), (&b, &bb), (&c, &cc)]);
        assert_eq!(index[2], index[0], "Mr. Brandt is Ansel");
        assert_ne!(index[1], index[0]);
        // Without a title, the relative ("his wife ...") yields.
        let tc2 = "Brandt said no.";
        let c2 = article_with("c", tc2);
        let cc2 = ann(vec![ent_in(
            tc2,
            "Brandt",
            EntityKind::Other,
            &[("Brandt", Name)],
        )]);
        let (_, index) = merge_entities(&[(&a, &aa), (&b, &bb), (&c2, &cc2)]);
        assert_eq!(index[2], index[0]);
        // Two people named alike, neither a relative nor dominant: apart.
        let dd = ann(vec![ent_in(
            td,
            "Greta Brandt",
            EntityKind::Person,
            &[("Greta Brandt", Name)],
        )]);
        let (merged, index) = merge_entities(&[(&a, &aa), (&d, &dd), (&c2, &cc2)]);
        assert_eq!(merged.len(), 3);
        assert_ne!(index[2], index[0]);
    }

    #[test]
    fn peoples_parties_nicknames_and_name_variants() {
        let a = article("a");
        let b = article("b");
        let aa = ann(vec![
            ent("Iran", EntityKind::Place, &[]),
            ent("Democratic Party", EntityKind::Organization, &[]),
            ent("Pak Song Il", EntityKind::Person, &[]),
            ent("U.S. Fire Marshal", EntityKind::Other, &[]),
            ent("Harbor City Gulls", EntityKind::Organization, &[]),
            ent("Maurice Reddick", EntityKind::Person, &[]),
            ent("Lani Forsberg", EntityKind::Person, &[]),
            ent("Oskar Vale", EntityKind::Person, &[]),
            ent("Britain", EntityKind::Place, &[]),
        ]);
        let bb = ann(vec![
            ent("Iranians", EntityKind::Person, &[]),
            ent("Democrats", EntityKind::Other, &[]),
            ent("Pak Song", EntityKind::Person, &[]),
            ent("Fire Marshal", EntityKind::Other, &[]),
            ent("Gulls", EntityKind::Other, &[]),
            ent("Mo Reddick", EntityKind::Person, &[]),
            ent("Lani", EntityKind::Other, &[]),
            ent("Rower Oskar Vale", EntityKind::Other, &[]),
            ent("United Kingdom", EntityKind::Place, &["UK"]),
        ]);
        let (merged, index) = merge_entities(&[(&a, &aa), (&b, &bb)]);
        assert_eq!(index[0], index[1], "{merged:#?}");
        assert_eq!(merged[index[0][0]].kind, EntityKind::Place);
        assert_eq!(merged[index[0][2]].name, "Pak Song Il");
    }

    #[test]
    fn junior_and_senior_stay_apart() {
        let (a, b) = (article("a"), article("b"));
        let aa = ann(vec![ent("Arlo Penn", EntityKind::Person, &[])]);
        let bb = ann(vec![ent("Arlo Penn Jr.", EntityKind::Person, &[])]);
        let (merged, _) = merge_entities(&[(&a, &aa), (&b, &bb)]);
        assert_eq!(merged.len(), 2);
        let cc = ann(vec![ent("Arlo B. Penn III", EntityKind::Person, &[])]);
        let (merged, _) = merge_entities(&[(&a, &aa), (&b, &cc)]);
        assert_eq!(merged.len(), 1);
    }

    #[test]
    fn keys() {
        assert_eq!(key("@AOC"), key("aoc"));
        assert_eq!(key("Ocasio-Cortez"), "ocasio cortez");
        assert_eq!(quote_key("“We won,”"), quote_key("\"we won\""));
    }
}
