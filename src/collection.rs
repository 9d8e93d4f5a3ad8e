//! A living collection: the SQLite store (the truth), the search index kept
//! in step with it, and the online clusterer whose state lives in the store.
//!
//! Adding is done in batches. Each batch: extract and annotate the new
//! documents (in parallel), drop duplicates (same id, canonical URL or
//! text), add them to the clusterer, rebuild every story whose membership
//! changed, and write all of it in one SQLite transaction. Only then is the
//! batch reported (and the search index committed with the batch's
//! sequence number). A process killed at any point leaves the store at the
//! last committed batch; an index that is behind the store is rebuilt from
//! it on the next open.

use crate::{html, pipeline, report};
use anyhow::{Context, Result};
use parallax_annotate::Annotations;
use parallax_core::{article_id, normalize_url, Article, RawDoc, Rejected};
use parallax_relate::{Clusterer, Config, Doc, StoryEvent};
use parallax_store::{EntityRow, NewStory, QuoteRow, Store, StoryRow};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the search index lives inside a collection directory.
pub const INDEX_DIR: &str = "index";
const CLUSTERER_KEY: &str = "clusterer";
/// Arrival number of the last article the saved clusterer state includes.
const CLUSTERER_N_KEY: &str = "clusterer_n";
/// Save the clusterer state at least every this many added articles. In
/// between, the articles added after the saved state are replayed on open
/// (the clusterer is deterministic), so a batch does not rewrite a state
/// that grows with the collection.
const SAVE_EVERY: usize = 2_000;

/// An article the batch stored, reported after its commit.
#[derive(Debug, Clone)]
pub struct Added {
    pub id: String,
    pub source: String,
    pub story: String,
}

/// What one batch did.
#[derive(Debug, Default)]
pub struct BatchReport {
    pub seq: u64,
    pub added: Vec<Added>,
    /// (source, id of the stored article it duplicates)
    pub duplicates: Vec<(String, String)>,
    pub rejected: Vec<Rejected>,
    pub stories_touched: usize,
    pub events: usize,
}

/// A collection opened for writing.
pub struct Collection {
    dir: PathBuf,
    store: Store,
    index: parallax_search::Index,
    clusterer: Option<Clusterer>,
    /// Every stored article's story, and its arrival order.
    stories_of: HashMap<String, (usize, String)>,
    story_opts: parallax_story::Options,
    /// Annotations of articles seen by this process (bounded), so that a
    /// story rebuilt batch after batch does not annotate its members again.
    anns: HashMap<String, Annotations>,
    /// Articles added to the clusterer since its state was last saved.
    unsaved: usize,
}

/// Most annotations kept in memory between batches.
const ANNOTATION_CACHE: usize = 20_000;

/// Open (or rebuild) the search index of a collection so that it reflects
/// the store's latest batch.
pub fn sync_index(dir: &Path, store: &Store) -> Result<parallax_search::Index> {
    let path = dir.join(INDEX_DIR);
    let index = match parallax_search::Index::open(&path) {
        Ok(ix) => ix,
        Err(e) => {
            tracing::warn!(error = %e, "search index unreadable; rebuilding it");
            parallax_search::Index::recreate(&path)
                .with_context(|| format!("{}: cannot create the search index", path.display()))?
        }
    };
    let seq = store.seq()?;
    if index.seq().unwrap_or(0) != seq {
        let t = std::time::Instant::now();
        let index = parallax_search::Index::recreate(&path)
            .with_context(|| format!("{}: cannot create the search index", path.display()))?;
        reindex(&index, store, seq)?;
        tracing::info!(
            seq,
            ms = t.elapsed().as_millis() as u64,
            "search index rebuilt"
        );
        return Ok(index);
    }
    Ok(index)
}

/// Rebuild the whole index from the store.
fn reindex(index: &parallax_search::Index, store: &Store, seq: u64) -> Result<()> {
    let mut w = index.writer(Duration::from_secs(60))?;
    let mut offset = 0;
    loop {
        let page = store.stories(500, offset)?;
        if page.is_empty() {
            break;
        }
        offset += page.len();
        for row in page {
            let arts = store.story_articles(&row.id)?;
            let quotes = store.quotes(&parallax_store::QuoteFilter {
                story: Some(row.id.clone()),
                ..Default::default()
            })?;
            let ents = store.entities(Some(&row.id), None, 0, 0)?;
            let arts: Vec<&Article> = arts.iter().map(|s| &s.article).collect();
            index_story(&mut w, &row.id, &arts, &quotes, &ents)?;
        }
    }
    w.commit(seq)?;
    index.reload()?;
    Ok(())
}

fn index_story(
    w: &mut parallax_search::Writer<'_>,
    story: &str,
    arts: &[&Article],
    quotes: &[QuoteRow],
    ents: &[EntityRow],
) -> Result<()> {
    for a in arts {
        let doc = parallax_search::ArticleDoc {
            id: a.id.clone(),
            story: Some(story.to_string()),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            published: a.published.clone(),
            text: a.text.clone(),
            byline: a.byline.clone(),
        };
        let qs: Vec<parallax_search::QuoteDoc> = quotes
            .iter()
            .filter(|q| q.article == a.id)
            .map(|q| parallax_search::QuoteDoc {
                article: a.id.clone(),
                story: Some(story.to_string()),
                outlet: a.outlet.clone(),
                published: a.published.clone(),
                speaker: q.speaker.clone(),
                text: q.text.clone(),
                start: q.start,
                end: q.end,
            })
            .collect();
        w.put_article(&doc, &qs)?;
    }
    let es: Vec<parallax_search::EntityDoc> = ents
        .iter()
        .map(|e| parallax_search::EntityDoc {
            story: story.to_string(),
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind.clone(),
            aliases: e.aliases.clone(),
            mentions: e.mentions,
        })
        .collect();
    w.put_story_entities(story, &es)?;
    Ok(())
}

impl Collection {
    /// Open the collection in `dir` for adding (created when missing).
    pub fn open(dir: &Path, story_opts: parallax_story::Options) -> Result<Collection> {
        let store = Store::open(dir)?;
        let index = sync_index(dir, &store)?;
        let stories_of = store
            .assignments()?
            .into_iter()
            .enumerate()
            .filter_map(|(n, (id, s))| Some((id, (n, s?))))
            .collect();
        Ok(Collection {
            dir: dir.to_path_buf(),
            store,
            index,
            clusterer: None,
            stories_of,
            story_opts,
            anns: HashMap::new(),
            unsaved: 0,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn clusterer(&mut self) -> Result<&mut Clusterer> {
        if self.clusterer.is_none() {
            let unreadable = || {
                format!(
                    "{}: the stored clusterer state is unreadable",
                    self.dir.display()
                )
            };
            let mut c: Clusterer = match self.store.meta(CLUSTERER_KEY)? {
                Some(bytes) => {
                    let json = inflate(&bytes).with_context(unreadable)?;
                    serde_json::from_slice(&json).with_context(unreadable)?
                }
                None => Clusterer::new(Config::default()),
            };
            let saved_n: i64 = self
                .store
                .meta(CLUSTERER_N_KEY)?
                .and_then(|v| String::from_utf8(v).ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            // Replay the articles added after the saved state, in arrival
            // order (the order they were clustered in).
            let later = self.store.articles_after(saved_n)?;
            if !later.is_empty() {
                let t = std::time::Instant::now();
                let cfg = c.config().clone();
                let docs: Vec<Doc> = later
                    .par_iter()
                    .map(|s| {
                        let ann = parallax_annotate::annotate(&s.article);
                        Doc::from_article_with(&s.article, Some(&ann), &cfg)
                    })
                    .collect();
                for d in &docs {
                    c.add(d);
                }
                self.unsaved = docs.len();
                tracing::info!(
                    replayed = docs.len(),
                    ms = t.elapsed().as_millis() as u64,
                    "clusterer state brought up to date"
                );
            }
            self.clusterer = Some(c);
        }
        Ok(self.clusterer.as_mut().expect("set above"))
    }

    /// The clusterer state to save, deflated, with the arrival number of
    /// the last article it includes.
    fn state(&self) -> Result<Option<(Vec<u8>, i64)>> {
        let Some(c) = &self.clusterer else {
            return Ok(None);
        };
        let json = serde_json::to_vec(c).context("saving the clusterer state")?;
        let n = self.stories_of.len() as i64;
        Ok(Some((deflate(&json), n)))
    }

    /// Save the clusterer state if articles were added since it was last
    /// saved (call when an add run ends). Outside any batch: it does not
    /// change what the collection holds.
    pub fn finish(&mut self) -> Result<()> {
        if self.unsaved == 0 {
            return Ok(());
        }
        if let Some((state, n)) = self.state()? {
            self.store.save_meta(&[
                (CLUSTERER_KEY, &state),
                (CLUSTERER_N_KEY, n.to_string().as_bytes()),
            ])?;
            self.unsaved = 0;
        }
        Ok(())
    }

    /// Add one batch of documents (already read) and commit it.
    pub fn add_batch(&mut self, docs: Vec<Result<RawDoc, Rejected>>) -> Result<BatchReport> {
        let mut rep = BatchReport::default();
        let t0 = std::time::Instant::now();
        // Extract and build articles in parallel, keeping input order.
        let built: Vec<Result<Article, Rejected>> = docs
            .into_par_iter()
            .map(|d| {
                let d = d?;
                let ex = parallax_extract::extract(&d);
                if ex.text.trim().is_empty() {
                    return Err(Rejected {
                        source: d.source,
                        error: "no article text found".into(),
                    });
                }
                Ok(parallax_text::article(d.source, ex))
            })
            .collect();
        // Duplicates: against the store and within the batch.
        let mut fresh: Vec<(Article, Option<String>, String)> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for b in built {
            let a = match b {
                Ok(a) => a,
                Err(r) => {
                    rep.rejected.push(r);
                    continue;
                }
            };
            let canon = a
                .url
                .as_deref()
                .map(normalize_url)
                .filter(|u| !u.is_empty());
            let text_key = article_id(None, &a.text);
            let keys = [Some(a.id.clone()), canon.clone(), Some(text_key.clone())];
            if let Some(of) = keys.iter().flatten().find_map(|k| seen.get(k)) {
                rep.duplicates.push((a.source.clone(), of.clone()));
                continue;
            }
            if let Some(of) = self
                .store
                .find_duplicate(&a.id, canon.as_deref(), &text_key)?
            {
                rep.duplicates.push((a.source.clone(), of));
                continue;
            }
            for k in keys.into_iter().flatten() {
                seen.insert(k, a.id.clone());
            }
            fresh.push((a, canon, text_key));
        }
        if fresh.is_empty() && rep.rejected.is_empty() {
            // Nothing to write: the collection stays exactly as it was.
            rep.seq = self.store.seq()?;
            return Ok(rep);
        }
        let t1 = std::time::Instant::now();
        let anns: Vec<Annotations> = fresh
            .par_iter()
            .map(|(a, _, _)| parallax_annotate::annotate(a))
            .collect();
        let t2 = std::time::Instant::now();
        // Cluster in a canonical order (date, then id) so the order of the
        // inputs within a batch does not matter; arrival numbers follow it.
        let cfg = self.clusterer()?.config().clone();
        let docs: Vec<Doc> = fresh
            .par_iter()
            .zip(&anns)
            .map(|((a, _, _), ann)| Doc::from_article_with(a, Some(ann), &cfg))
            .collect();
        let mut order: Vec<usize> = (0..fresh.len()).collect();
        order.sort_by(|&x, &y| {
            let (dx, dy) = (&docs[x], &docs[y]);
            (dx.date.is_none(), dx.date, &dx.key).cmp(&(dy.date.is_none(), dy.date, &dy.key))
        });
        let clusterer = self.clusterer()?;
        let events_before = clusterer.events().len();
        for &i in &order {
            clusterer.add(&docs[i]);
        }
        let events: Vec<StoryEvent> = clusterer.events()[events_before..].to_vec();
        let assignments = clusterer.assignments();
        if self.anns.len() + anns.len() > ANNOTATION_CACHE {
            self.anns.clear();
        }
        for ((a, _, _), ann) in fresh.iter().zip(anns) {
            self.anns.insert(a.id.clone(), ann);
        }

        // Which stories changed membership.
        let mut new_of: HashMap<&str, &str> = HashMap::with_capacity(assignments.len());
        let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (key, sid) in &assignments {
            new_of.insert(key.as_str(), sid.0.as_str());
        }
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for (key, sid) in &assignments {
            match self.stories_of.get(key.as_str()) {
                Some((_, old)) if old == &sid.0 => {}
                Some((_, old)) => {
                    touched.insert(old.clone());
                    touched.insert(sid.0.clone());
                }
                None => {
                    touched.insert(sid.0.clone());
                }
            }
        }
        for (key, sid) in &assignments {
            if touched.contains(&sid.0) {
                members
                    .entry(sid.0.as_str())
                    .or_default()
                    .push(key.as_str());
            }
        }
        let gone: Vec<String> = touched
            .iter()
            .filter(|s| !members.contains_key(s.as_str()))
            .cloned()
            .collect();

        // Rebuild the touched stories from their members, in arrival order.
        let next_n = self.stories_of.len();
        let fresh_by_id: HashMap<&str, usize> = fresh
            .iter()
            .enumerate()
            .map(|(i, (a, _, _))| (a.id.as_str(), i))
            .collect();
        let mut arrival: HashMap<&str, usize> = HashMap::new();
        for (k, &i) in order.iter().enumerate() {
            arrival.insert(fresh[i].0.id.as_str(), next_n + k);
        }
        let mut loaded: HashMap<String, Article> = HashMap::new();
        for ids in members.values() {
            for id in ids {
                if !fresh_by_id.contains_key(id) && !loaded.contains_key(*id) {
                    let a = self
                        .store
                        .article(id)?
                        .with_context(|| format!("article {id} is clustered but not stored"))?;
                    loaded.insert(id.to_string(), a.article);
                }
            }
        }
        let groups: Vec<(&str, Vec<&Article>)> = members
            .iter()
            .map(|(sid, ids)| {
                let mut ids = ids.clone();
                ids.sort_by_key(|id| {
                    arrival
                        .get(id)
                        .copied()
                        .or_else(|| self.stories_of.get(*id).map(|(n, _)| *n))
                        .unwrap_or(usize::MAX)
                });
                let arts = ids
                    .iter()
                    .map(|id| match fresh_by_id.get(id) {
                        Some(&i) => &fresh[i].0,
                        None => &loaded[*id],
                    })
                    .collect();
                (*sid, arts)
            })
            .collect();
        // Annotate the older members this process has not seen yet.
        let missing: Vec<(String, Annotations)> = loaded
            .values()
            .filter(|a| !self.anns.contains_key(&a.id))
            .collect::<Vec<_>>()
            .par_iter()
            .map(|a| (a.id.clone(), parallax_annotate::annotate(a)))
            .collect();
        self.anns.extend(missing);
        let t3 = std::time::Instant::now();
        let opts = &self.story_opts;
        let cache = &self.anns;
        let built: Vec<BuiltStory> = groups
            .par_iter()
            .map(|(sid, arts)| {
                let anns = arts
                    .iter()
                    .map(|a| {
                        cache
                            .get(&a.id)
                            .cloned()
                            .unwrap_or_else(|| parallax_annotate::annotate(a))
                    })
                    .collect();
                build(sid, arts, anns, opts)
            })
            .collect::<Result<_>>()?;
        let t4 = std::time::Instant::now();

        // Save the clusterer state with this batch when enough articles
        // came since the last save (`n` counts this batch's articles too).
        self.unsaved += fresh.len();
        let save_state = if self.unsaved >= SAVE_EVERY {
            self.state()?
                .map(|(state, n)| (state, n + fresh.len() as i64))
        } else {
            None
        };
        // Write the batch.
        let tx_seq;
        {
            let tx = self.store.transaction()?;
            tx_seq = tx.seq();
            for r in &rep.rejected {
                tx.reject(&r.source, &r.error)?;
            }
            for (source, of) in &rep.duplicates {
                tracing::info!(%source, duplicate_of = %of, "already in the collection");
            }
            for &i in &order {
                let (a, canon, key) = &fresh[i];
                let sid = new_of.get(a.id.as_str()).copied();
                tx.insert_article(a, canon.as_deref(), key, sid)?;
            }
            for (key, sid) in &assignments {
                if let Some((_, old)) = self.stories_of.get(key.as_str()) {
                    if old != &sid.0 {
                        tx.set_story(key, &sid.0)?;
                    }
                }
            }
            for s in &gone {
                tx.delete_story(s)?;
            }
            for b in &built {
                tx.put_story(&b.story, &b.quotes, &b.entities)?;
            }
            for ev in &events {
                let (kind, story, other) = match ev {
                    StoryEvent::Merged { into, from, .. } => ("merged", &into.0, &from.0),
                    StoryEvent::Split { from, new, .. } => ("split", &from.0, &new.0),
                };
                let json = serde_json::to_value(ev).unwrap_or(serde_json::Value::Null);
                tx.add_event(kind, story, other, &json)?;
            }
            if let Some((state, n)) = &save_state {
                tx.set_meta(CLUSTERER_KEY, state)?;
                tx.set_meta(CLUSTERER_N_KEY, n.to_string().as_bytes())?;
            }
            tx.commit()?;
        }
        let t5 = std::time::Instant::now();
        if save_state.is_some() {
            self.unsaved = 0;
        }
        rep.seq = tx_seq;
        rep.stories_touched = built.len();
        rep.events = events.len();

        // The store holds the batch now; bring the in-memory view and the
        // search index along.
        for (key, sid) in &assignments {
            let n = arrival
                .get(key.as_str())
                .copied()
                .or_else(|| self.stories_of.get(key.as_str()).map(|(n, _)| *n))
                .unwrap_or(usize::MAX);
            self.stories_of.insert(key.clone(), (n, sid.0.clone()));
        }
        for &i in &order {
            let a = &fresh[i].0;
            rep.added.push(Added {
                id: a.id.clone(),
                source: a.source.clone(),
                story: new_of.get(a.id.as_str()).unwrap_or(&"").to_string(),
            });
        }
        let mut w = self.index.writer(Duration::from_secs(60))?;
        for s in &gone {
            w.remove_story(s)?;
        }
        for (b, (_, arts)) in built.iter().zip(&groups) {
            index_story(&mut w, &b.story.row.id, arts, &b.quotes, &b.entities)?;
        }
        w.commit(tx_seq)?;
        let t6 = std::time::Instant::now();
        let ms = |a: std::time::Instant, b: std::time::Instant| (b - a).as_millis() as u64;
        tracing::info!(
            seq = tx_seq,
            added = rep.added.len(),
            stories = rep.stories_touched,
            extract_ms = ms(t0, t1),
            annotate_ms = ms(t1, t2),
            cluster_ms = ms(t2, t3),
            stories_ms = ms(t3, t4),
            store_ms = ms(t4, t5),
            index_ms = ms(t5, t6),
            "batch stage times"
        );
        Ok(rep)
    }
}

struct BuiltStory {
    story: NewStory,
    quotes: Vec<QuoteRow>,
    entities: Vec<EntityRow>,
}

/// From a story's articles (arrival order, the founder first) and their
/// annotations (aligned): re-date the undated ones against the story, and build its report entry, page,
/// quotes and entities.
fn build(
    sid: &str,
    arts: &[&Article],
    mut anns: Vec<Annotations>,
    opts: &parallax_story::Options,
) -> Result<BuiltStory> {
    pipeline::redate_group(arts, &mut anns);
    let group: Vec<(&Article, &Annotations)> = arts.iter().copied().zip(anns.iter()).collect();
    let mut story = parallax_story::build_story(&group, opts);
    story.id = sid.to_string();
    let json = serde_json::to_string(&story).context("serializing a story")?;
    let quotes: Vec<QuoteRow> = story
        .quotes
        .iter()
        .flat_map(|q| q.occurrences.iter().map(move |o| (q, o)))
        .map(|(q, o)| {
            let text = arts
                .iter()
                .find(|a| a.id == o.article)
                .and_then(|a| a.text.get(o.start..o.end))
                .unwrap_or(q.text);
            QuoteRow {
                story: sid.to_string(),
                article: o.article.to_string(),
                start: o.start,
                end: o.end,
                speaker: o.speaker.or(q.speaker).map(str::to_string),
                text: text.to_string(),
            }
        })
        .collect();
    let entities: Vec<EntityRow> = story
        .entities
        .iter()
        .map(|e| EntityRow {
            story: sid.to_string(),
            id: e.id.clone(),
            name: e.name.to_string(),
            kind: serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            aliases: e.aliases.iter().map(|s| s.to_string()).collect(),
            mentions: e.mentions.len(),
        })
        .collect();
    let days: Vec<&str> = arts
        .iter()
        .filter_map(|a| a.published.as_deref())
        .filter_map(|p| p.get(..10))
        .filter(|d| pipeline::parse_day(d).is_some())
        .collect();
    let row = StoryRow {
        id: sid.to_string(),
        title: story.title.map(str::to_string),
        size: arts.len(),
        first_day: days.iter().min().map(|s| s.to_string()),
        last_day: days.iter().max().map(|s| s.to_string()),
        seq: 0,
    };
    let rep = report::Report {
        articles: arts.to_vec(),
        rejected: Vec::new(),
        stories: vec![story],
    };
    let mut page = Vec::new();
    html::write_html(&rep, &mut page)?;
    let page = String::from_utf8(page).context("the story page is not UTF-8")?;
    Ok(BuiltStory {
        story: NewStory { row, json, page },
        quotes,
        entities,
    })
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Inflate a saved state; states saved before compression are plain JSON.
fn inflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    if bytes.first() == Some(&b'{') {
        return Ok(bytes.to_vec());
    }
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}
