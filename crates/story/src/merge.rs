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
//! - one is a bare surname ("Smalls") and exactly one person of the story has
//!   that surname.
//!
//! Two different people who only share a surname stay apart.

use parallax_annotate::{Annotations, Entity, EntityKind};
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
        }
    }
    for members in by_key.values() {
        for w in members.windows(2) {
            let (a, b) = (nodes[w[0]].2, nodes[w[1]].2);
            if kinds_agree(a.kind, b.kind) {
                uf.union(w[0], w[1]);
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
                    if first_names_compatible(fa, fb) {
                        uf.union(a, b);
                    }
                }
            }
        }
    }
    // Bare surnames join the one person of the story with that surname.
    for (n, (_, _, e)) in nodes.iter().enumerate() {
        if e.name.split_whitespace().count() != 1
            || matches!(e.kind, EntityKind::Organization | EntityKind::Place)
        {
            continue;
        }
        if let Some(members) = by_surname.get(&key(&e.name)) {
            let mut roots: Vec<usize> = members.iter().map(|&m| uf.find(m)).collect();
            roots.sort_unstable();
            roots.dedup();
            if roots.len() == 1 {
                uf.union(n, members[0]);
            }
        }
    }
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
        let kind = ents
            .iter()
            .map(|e| e.kind)
            .find(|k| *k != EntityKind::Other)
            .unwrap_or(EntityKind::Other);
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

fn first_last(name: &str) -> Option<(&str, &str)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (words.len() >= 2).then(|| (words[0], words[words.len() - 1]))
}

fn first_names_compatible(a: &str, b: &str) -> bool {
    let (a, b) = (key(a), key(b));
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.len() >= 3 && long.starts_with(short.as_str())
}

/// Normalised quote text: lower-case words only, so quotation-mark style,
/// punctuation and spacing do not split one quote into two entries.
pub fn quote_key(text: &str) -> String {
    key(text)
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join two sets; the smaller root wins so results are order-free.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
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

    #[test]
    fn keys() {
        assert_eq!(key("@AOC"), key("aoc"));
        assert_eq!(key("Ocasio-Cortez"), "ocasio cortez");
        assert_eq!(quote_key("“We won,”"), quote_key("\"we won\""));
    }
}
