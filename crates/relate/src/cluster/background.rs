//! Background document frequencies: how many documents of a training
//! collection each term occurs in (`background_df.txt`, written by
//! `bench/background_df.py`). Blended with the document frequencies of a
//! run, they let a run of three articles know which of the words the
//! articles share are common everywhere and which are specific to them.

use std::sync::OnceLock;

const TABLE: &str = include_str!("background_df.txt");

/// The parsed table: number of background documents and `(term, df)`
/// sorted by term.
#[derive(Debug)]
pub(super) struct Background {
    pub(super) docs: u32,
    terms: Vec<(&'static str, u32)>,
}

impl Background {
    /// Parse the table format: a `#docs <N>` header, then `term<TAB>df`
    /// lines. Malformed lines are skipped.
    fn parse(text: &'static str) -> Self {
        let mut docs = 0;
        let mut terms = Vec::new();
        for line in text.lines() {
            if let Some(n) = line.strip_prefix("#docs ") {
                docs = n.trim().parse().unwrap_or(0);
                continue;
            }
            let Some((t, c)) = line.split_once('\t') else {
                continue;
            };
            if let Ok(c) = c.trim().parse::<u32>() {
                if !t.is_empty() {
                    terms.push((t, c));
                }
            }
        }
        terms.sort_unstable();
        terms.dedup_by(|a, b| a.0 == b.0);
        // A df above the document count would give a negative IDF part.
        let max = terms.iter().map(|x| x.1).max().unwrap_or(0);
        Background {
            docs: docs.max(max),
            terms,
        }
    }

    /// The built-in table (parsed once).
    pub(super) fn get() -> &'static Background {
        static BG: OnceLock<Background> = OnceLock::new();
        BG.get_or_init(|| Background::parse(TABLE))
    }

    /// Background document frequency of `term` (0 when not in the table).
    pub(super) fn df(&self, term: &str) -> u32 {
        self.terms
            .binary_search_by(|x| x.0.cmp(term))
            .map(|i| self.terms[i].1)
            .unwrap_or(0)
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Background;

    #[test]
    fn parses_header_and_counts_and_skips_bad_lines() {
        let b = Background::parse("#docs 10\nzeta\t4\nalpha\t2\nbroken\nbeta\tx\n");
        assert_eq!(b.docs, 10);
        assert_eq!(b.len(), 2);
        assert_eq!(b.df("alpha"), 2);
        assert_eq!(b.df("zeta"), 4);
        assert_eq!(b.df("beta"), 0);
        assert_eq!(b.df("missing"), 0);
    }

    #[test]
    fn document_count_is_at_least_the_largest_df() {
        let b = Background::parse("word\t7\n");
        assert_eq!(b.docs, 7);
    }

    #[test]
    fn built_in_table_knows_common_and_rare_words() {
        let b = Background::get();
        assert!(b.docs > 1000, "{}", b.docs);
        assert!(b.len() > 1000, "{}", b.len());
        // A weekday is common in news; an invented word is not there.
        assert!(b.df("monday") > 100);
        assert_eq!(b.df("zorblaxian"), 0);
    }
}
