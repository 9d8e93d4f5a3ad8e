//! Full-text search over a Parallax collection.
//!
//! The SQLite store is the truth; this crate keeps a tantivy index in `DIR/index/` that mirrors
//! it so readers can search articles, quotes and entities in a few milliseconds. The index is a
//! derived cache: every commit records the store sequence number (`seq`) it reflects in the
//! tantivy commit payload, so on open the caller re-indexes only what changed after [`Index::seq`],
//! and an unreadable index is reported as [`Error::Corrupt`] so the caller can
//! [`Index::recreate`] it and re-index everything.
//!
//! Several processes may share a collection (`parallax serve` reads, `parallax add` writes), and
//! tantivy allows a single writer per index (a lock file). Writers are therefore short-lived:
//! [`Index::writer`] waits for the lock, the caller puts documents, [`Writer::commit`] commits
//! with the seq and releases the lock. Readers keep one cached `IndexReader` that only moves to a
//! newer commit when [`Index::reload`] is called, so a search never pays for reopening segments.
//!
//! One index holds three kinds of documents, told apart by a `kind` field:
//! articles (title, body, byline), quotes (quote text and speaker) and entities (name and
//! aliases, one document per entity per story). Every document carries an `owner` term
//! (`a:ARTICLE` for an article and its quotes, `e:STORY` for a story's entities) so replacing or
//! removing is one delete-by-term, and a unique `key` used to break score ties, which makes the
//! hit order depend only on the index content.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByString};
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query as TantivyQuery, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{
    DocAddress, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

/// Name under which the English stemming analyzer is registered.
const EN_STEM: &str = "parallax_en_stem";
/// Memory budget of the (single-threaded) writer.
const WRITER_MEMORY: usize = 50_000_000;
/// Pause between two attempts to take the writer lock.
const LOCK_RETRY: Duration = Duration::from_millis(25);
/// Maximum length of an article snippet, in bytes of the excerpt.
const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong in this crate. Every variant names the index directory or the
/// query it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The directory holds an index this version cannot read (garbage files, another schema,
    /// another tantivy format). The caller should [`Index::recreate`] and re-index.
    #[error("search index at {} is unreadable or incompatible: {message}", dir.display())]
    Corrupt { dir: PathBuf, message: String },
    /// Another writer (probably another process) held the writer lock for the whole wait.
    #[error(
        "search index at {} is locked by another writer; gave up after {} ms",
        dir.display(),
        waited.as_millis()
    )]
    Locked { dir: PathBuf, waited: Duration },
    /// The query could not be understood (bad syntax with nothing searchable, bad date).
    #[error("bad search query {query:?}: {message}")]
    Query { query: String, message: String },
    /// A file-system failure outside tantivy (creating or deleting the directory).
    #[error("search index at {}: {context}: {source}", dir.display())]
    Io {
        dir: PathBuf,
        context: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// Any other tantivy failure while reading or writing.
    #[error("search index at {}: {context}: {source}", dir.display())]
    Tantivy {
        dir: PathBuf,
        context: &'static str,
        #[source]
        source: TantivyError,
    },
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An article as indexed: searchable by title, body and byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDoc {
    pub id: String,
    pub story: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// ISO date (`YYYY-MM-DD`) or date-time (`YYYY-MM-DDThh:mm:ss...`).
    pub published: Option<String>,
    pub text: String,
    pub byline: Vec<String>,
}

/// A quote found in an article: searchable by its text and its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDoc {
    /// Informational: [`Writer::put_article`] attaches quotes to the article it is given.
    pub article: String,
    pub story: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub speaker: Option<String>,
    pub text: String,
    /// Byte span of the quote in the article text.
    pub start: usize,
    pub end: usize,
}

/// An entity of a story: searchable by name and aliases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityDoc {
    pub story: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
}

/// The kind of an indexed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Article,
    Quote,
    Entity,
}

impl Kind {
    /// The lowercase name, as stored in the index and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Quote => "quote",
            Kind::Entity => "entity",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s {
            "article" => Some(Kind::Article),
            "quote" => Some(Kind::Quote),
            "entity" => Some(Kind::Entity),
            _ => None,
        }
    }
}

/// A search request. Empty `text` lists the documents matching the filters, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// User query: words, `"exact phrases"`, `+must -not`; matched against stemmed text.
    pub text: String,
    /// Kinds to return; empty means all.
    pub kinds: Vec<Kind>,
    /// Exact outlet, case-insensitive.
    pub outlet: Option<String>,
    /// Inclusive `YYYY-MM-DD` bounds on the published date; undated documents are excluded
    /// when either bound is given.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Speaker's full name or last word, case-insensitive (quotes only).
    pub speaker: Option<String>,
    /// Exact story id.
    pub story: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: String::new(),
            kinds: Vec::new(),
            outlet: None,
            from: None,
            to: None,
            speaker: None,
            story: None,
            limit: 20,
            offset: 0,
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    /// BM25 score (0 when listing without query text).
    pub score: f32,
    pub article: Option<String>,
    pub story: Option<String>,
    /// Article title (for quotes, the title of their article).
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub speaker: Option<String>,
    /// Entity id (entity hits only).
    pub entity: Option<String>,
    /// Quote text, entity name, or article title (empty if the article has none).
    pub text: String,
    /// Plain-text excerpt of the article body around the match (articles only).
    pub snippet: Option<String>,
    /// Quote span in the article text (quotes only).
    pub start: Option<usize>,
    pub end: Option<usize>,
}

/// The schema fields, looked up once.
#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: Field,
    key: Field,
    owner: Field,
    article: Field,
    story: Field,
    entity: Field,
    title: Field,
    title_show: Field,
    body: Field,
    byline: Field,
    name: Field,
    outlet: Field,
    outlet_key: Field,
    published: Field,
    day: Field,
    when: Field,
    speaker: Field,
    speaker_key: Field,
    speaker_last: Field,
    speaker_text: Field,
    start: Field,
    end: Field,
}

fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(EN_STEM)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(text_indexing);
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        key: b.add_text_field("key", STRING | FAST),
        owner: b.add_text_field("owner", STRING),
        article: b.add_text_field("article", STRING | STORED),
        story: b.add_text_field("story", STRING | STORED),
        entity: b.add_text_field("entity", STORED),
        title: b.add_text_field("title", text.clone()),
        title_show: b.add_text_field("title_show", STORED),
        body: b.add_text_field("body", text.clone() | STORED),
        byline: b.add_text_field("byline", text.clone()),
        name: b.add_text_field("name", STORED),
        outlet: b.add_text_field("outlet", STORED),
        outlet_key: b.add_text_field("outlet_key", STRING),
        published: b.add_text_field("published", STORED),
        day: b.add_text_field("day", STRING),
        when: b.add_text_field("when", STRING | FAST),
        speaker: b.add_text_field("speaker", STORED),
        speaker_key: b.add_text_field("speaker_key", STRING),
        speaker_last: b.add_text_field("speaker_last", STRING),
        speaker_text: b.add_text_field("speaker_text", text),
        start: b.add_u64_field("start", STORED),
        end: b.add_u64_field("end", STORED),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Commit payload: the store seq this commit reflects.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    seq: u64,
}

/// An open search index with a cached reader.
pub struct Index {
    dir: PathBuf,
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    parser: QueryParser,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish()
    }
}

impl Index {
    /// Open or create the index in `dir` (created if missing). An unreadable or incompatible
    /// index gives [`Error::Corrupt`] so the caller can [`Index::recreate`] it.
    pub fn open(dir: &Path) -> Result<Index> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            dir: dir.to_path_buf(),
            context: "creating the index directory",
            source,
        })?;
        let corrupt = |e: &dyn std::fmt::Display| Error::Corrupt {
            dir: dir.to_path_buf(),
            message: e.to_string(),
        };
        let mmap = MmapDirectory::open(dir).map_err(|e| corrupt(&e))?;
        let (schema, fields) = build_schema();
        let index = tantivy::Index::builder()
            .schema(schema)
            .open_or_create(mmap)
            .map_err(|e| corrupt(&e))?;
        index.tokenizers().register(EN_STEM, analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: TantivyError| corrupt(&e))?;
        let mut parser = QueryParser::for_index(
            &index,
            vec![
                fields.title,
                fields.body,
                fields.speaker_text,
                fields.byline,
            ],
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, 2.0);
        parser.set_field_boost(fields.speaker_text, 0.5);
        parser.set_field_boost(fields.byline, 0.5);
        let this = Index {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            parser,
        };
        // A payload we cannot read means we cannot trust the seq: treat as corrupt.
        this.seq()?;
        Ok(this)
    }

    /// Delete everything in `dir` and create an empty index there.
    pub fn recreate(dir: &Path) -> Result<Index> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|source| Error::Io {
                dir: dir.to_path_buf(),
                context: "deleting the old index",
                source,
            })?;
        }
        Index::open(dir)
    }

    /// The directory this index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store seq of the last commit on disk (by any process); 0 for a new index.
    pub fn seq(&self) -> Result<u64> {
        let metas = self.index.load_metas().map_err(|e| Error::Corrupt {
            dir: self.dir.clone(),
            message: e.to_string(),
        })?;
        match metas.payload.as_deref() {
            None | Some("") => Ok(0),
            Some(text) => serde_json::from_str::<Payload>(text)
                .map(|p| p.seq)
                .map_err(|e| Error::Corrupt {
                    dir: self.dir.clone(),
                    message: format!("commit payload {text:?} is not a seq: {e}"),
                }),
        }
    }

    /// Start a write batch. Retries for up to `wait` while another writer (in this or another
    /// process) holds the lock, then gives [`Error::Locked`].
    pub fn writer(&self, wait: Duration) -> Result<Writer<'_>> {
        let started = Instant::now();
        loop {
            match self
                .index
                .writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)
            {
                Ok(inner) => return Ok(Writer { index: self, inner }),
                Err(TantivyError::LockFailure(..)) => {
                    let waited = started.elapsed();
                    if waited >= wait {
                        return Err(Error::Locked {
                            dir: self.dir.clone(),
                            waited,
                        });
                    }
                    std::thread::sleep(LOCK_RETRY.min(wait - waited));
                }
                Err(source) => {
                    return Err(Error::Tantivy {
                        dir: self.dir.clone(),
                        context: "opening a writer",
                        source,
                    })
                }
            }
        }
    }

    /// Make the reader see the latest commit (including commits by other processes).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|source| Error::Tantivy {
            dir: self.dir.clone(),
            context: "reloading the reader",
            source,
        })
    }

    /// Number of documents (articles, quotes and entities) the reader sees.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Full-text search with filters. With text: best score first, ties by a per-document key.
    /// Without text: matching documents newest first (undated last), ties by key.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for filter in self.filters(q)? {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        let text_query = if q.text.trim().is_empty() {
            None
        } else {
            Some(self.parse_text(&q.text)?)
        };
        if let Some(tq) = &text_query {
            clauses.push((Occur::Must, tq.box_clone()));
        }
        let query: Box<dyn TantivyQuery> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };

        // Never ask the collector for more than exists (a huge limit would allocate).
        let total = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        if q.limit == 0 || q.offset >= total {
            return Ok(Vec::new());
        }
        let limit = q.limit.min(total - q.offset);
        let top = TopDocs::with_limit(limit).and_offset(q.offset);
        let err = |source| Error::Tantivy {
            dir: self.dir.clone(),
            context: "searching",
            source,
        };
        let found: Vec<(f32, DocAddress)> = if text_query.is_some() {
            let by = (
                (SortBySimilarityScore, Order::Desc),
                (SortByString::for_field("key"), Order::Asc),
            );
            searcher
                .search(&*query, &top.order_by(by))
                .map_err(err)?
                .into_iter()
                .map(|((score, _key), addr)| (score, addr))
                .collect()
        } else {
            let by = (
                (SortByString::for_field("when"), Order::Desc),
                (SortByString::for_field("key"), Order::Asc),
            );
            searcher
                .search(&*query, &top.order_by(by))
                .map_err(err)?
                .into_iter()
                .map(|(_, addr)| (0.0, addr))
                .collect()
        };

        let snippets = match &text_query {
            Some(tq) => {
                let mut g =
                    SnippetGenerator::create(&searcher, &**tq, f.body).map_err(|source| {
                        Error::Tantivy {
                            dir: self.dir.clone(),
                            context: "preparing snippets",
                            source,
                        }
                    })?;
                g.set_max_num_chars(SNIPPET_CHARS);
                Some(g)
            }
            None => None,
        };
        found
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, snippets.as_ref()))
            .collect()
    }

    /// Parse user text: strictly first, then with query syntax stripped, so that stray quotes,
    /// unknown `field:` prefixes or brackets degrade to a word search instead of failing.
    fn parse_text(&self, text: &str) -> Result<Box<dyn TantivyQuery>> {
        match self.parser.parse_query(text) {
            Ok(q) => Ok(q),
            Err(first) => {
                // `field:value` with a field we do not search keeps the value only.
                let plain: String = text
                    .split_whitespace()
                    .map(|tok| tok.rsplit_once(':').map_or(tok, |(_, value)| value))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                if plain.trim().is_empty() {
                    return Err(Error::Query {
                        query: text.to_string(),
                        message: first.to_string(),
                    });
                }
                self.parser.parse_query(&plain).map_err(|e| Error::Query {
                    query: text.to_string(),
                    message: format!("{first}; as plain words: {e}"),
                })
            }
        }
    }

    /// The exact filters of a query, one query per filter.
    fn filters(&self, q: &Query) -> Result<Vec<Box<dyn TantivyQuery>>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn TantivyQuery>> = Vec::new();
        let term = |field: Field, value: &str| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let any_of = |qs: Vec<Box<dyn TantivyQuery>>| -> Box<dyn TantivyQuery> {
            Box::new(BooleanQuery::new(
                qs.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        };
        if !q.kinds.is_empty() {
            let mut kinds = q.kinds.clone();
            kinds.sort();
            kinds.dedup();
            out.push(any_of(
                kinds.iter().map(|k| term(f.kind, k.as_str())).collect(),
            ));
        }
        if let Some(outlet) = nonempty(&q.outlet) {
            out.push(term(f.outlet_key, &outlet.to_lowercase()));
        }
        if let Some(story) = nonempty(&q.story) {
            out.push(term(f.story, story));
        }
        if let Some(speaker) = nonempty(&q.speaker) {
            let key = normalize_name(speaker);
            out.push(any_of(vec![
                term(f.speaker_key, &key),
                term(f.speaker_last, &key),
            ]));
        }
        let from = nonempty(&q.from)
            .map(|d| check_date(d, &q.text))
            .transpose()?;
        let to = nonempty(&q.to)
            .map(|d| check_date(d, &q.text))
            .transpose()?;
        if from.is_some() || to.is_some() {
            let bound = |d: Option<&str>| match d {
                Some(d) => Bound::Included(Term::from_field_text(f.day, d)),
                None => Bound::Unbounded,
            };
            // An open side still requires a date: from "0000-00-00" / to "9999-99-99".
            let lower = bound(Some(from.unwrap_or("0000-00-00")));
            let upper = bound(Some(to.unwrap_or("9999-99-99")));
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok(out)
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        snippets: Option<&SnippetGenerator>,
    ) -> Result<Hit> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(addr).map_err(|source| Error::Tantivy {
            dir: self.dir.clone(),
            context: "reading a stored document",
            source,
        })?;
        let s = |field: Field| -> Option<String> {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let n = |field: Field| -> Option<usize> {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|v| usize::try_from(v).ok())
        };
        let kind = s(f.kind)
            .as_deref()
            .and_then(Kind::parse)
            .ok_or_else(|| Error::Corrupt {
                dir: self.dir.clone(),
                message: format!("document {addr:?} has no valid kind"),
            })?;
        let mut hit = Hit {
            kind,
            score,
            article: s(f.article),
            story: s(f.story),
            title: s(f.title_show),
            outlet: s(f.outlet),
            published: s(f.published),
            speaker: None,
            entity: None,
            text: String::new(),
            snippet: None,
            start: None,
            end: None,
        };
        match kind {
            Kind::Article => {
                hit.text = hit.title.clone().unwrap_or_default();
                let body = s(f.body).unwrap_or_default();
                hit.snippet = Some(snippet(&body, snippets));
            }
            Kind::Quote => {
                hit.text = s(f.body).unwrap_or_default();
                hit.speaker = s(f.speaker);
                hit.start = n(f.start);
                hit.end = n(f.end);
            }
            Kind::Entity => {
                hit.text = s(f.name).unwrap_or_default();
                hit.entity = s(f.entity);
            }
        }
        Ok(hit)
    }
}

/// A plain-text excerpt: around the best match if there is one, else the opening of the body.
fn snippet(body: &str, generator: Option<&SnippetGenerator>) -> String {
    if let Some(g) = generator {
        let sn = g.snippet(body);
        let fragment = sn.fragment().trim();
        if !fragment.is_empty() {
            return collapse_ws(fragment);
        }
    }
    let mut end = body.len().min(SNIPPET_CHARS);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    collapse_ws(body[..end].trim())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Lowercased name with inner whitespace collapsed, for exact speaker matching.
fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `YYYY-MM-DD` prefix of an ISO date or date-time, if it has one.
fn day_of(published: &str) -> Option<&str> {
    let day = published.trim().get(..10)?;
    is_day(day).then_some(day)
}

fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn check_date<'a>(d: &'a str, query: &str) -> Result<&'a str> {
    if is_day(d) {
        Ok(d)
    } else {
        Err(Error::Query {
            query: query.to_string(),
            message: format!("date {d:?} is not YYYY-MM-DD"),
        })
    }
}

/// A write batch holding the index writer lock until committed or dropped (dropping without
/// commit discards the batch).
pub struct Writer<'a> {
    index: &'a Index,
    inner: IndexWriter<TantivyDocument>,
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("dir", &self.index.dir)
            .finish()
    }
}

impl Writer<'_> {
    fn add(&mut self, doc: TantivyDocument) -> Result<()> {
        self.inner
            .add_document(doc)
            .map(|_| ())
            .map_err(|source| Error::Tantivy {
                dir: self.index.dir.clone(),
                context: "adding a document",
                source,
            })
    }

    /// Replace everything indexed for this article: its article document and its quotes. The
    /// quotes are attached to `a` (their `article` field is taken from `a.id`); a quote's own
    /// story/outlet/published win over the article's when set.
    pub fn put_article(&mut self, a: &ArticleDoc, quotes: &[QuoteDoc]) -> Result<()> {
        self.remove_article(&a.id)?;
        let f = self.index.fields;
        let owner = format!("a:{}", a.id);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, Kind::Article.as_str());
        doc.add_text(f.key, format!("a:{}", a.id));
        doc.add_text(f.owner, &owner);
        doc.add_text(f.article, &a.id);
        if let Some(title) = &a.title {
            doc.add_text(f.title, title);
            doc.add_text(f.title_show, title);
        }
        doc.add_text(f.body, &a.text);
        for name in &a.byline {
            doc.add_text(f.byline, name);
        }
        add_common(
            &mut doc,
            &f,
            a.story.as_deref(),
            a.outlet.as_deref(),
            a.published.as_deref(),
        );
        self.add(doc)?;
        for q in quotes {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.kind, Kind::Quote.as_str());
            doc.add_text(f.key, format!("q:{}:{:012}:{:012}", a.id, q.start, q.end));
            doc.add_text(f.owner, &owner);
            doc.add_text(f.article, &a.id);
            if let Some(title) = &a.title {
                doc.add_text(f.title_show, title);
            }
            doc.add_text(f.body, &q.text);
            if let Some(speaker) = q.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
                let key = normalize_name(speaker);
                doc.add_text(f.speaker, speaker);
                if let Some(last) = key.rsplit(' ').next() {
                    doc.add_text(f.speaker_last, last);
                }
                doc.add_text(f.speaker_key, &key);
                doc.add_text(f.speaker_text, speaker);
            }
            doc.add_u64(f.start, q.start as u64);
            doc.add_u64(f.end, q.end as u64);
            add_common(
                &mut doc,
                &f,
                q.story.as_deref().or(a.story.as_deref()),
                q.outlet.as_deref().or(a.outlet.as_deref()),
                q.published.as_deref().or(a.published.as_deref()),
            );
            self.add(doc)?;
        }
        Ok(())
    }

    /// Replace the entity documents of a story (the `story` argument wins over
    /// `EntityDoc::story`).
    pub fn put_story_entities(&mut self, story: &str, entities: &[EntityDoc]) -> Result<()> {
        self.remove_story(story)?;
        let f = self.index.fields;
        for e in entities {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.kind, Kind::Entity.as_str());
            doc.add_text(f.key, format!("e:{story}:{}", e.id));
            doc.add_text(f.owner, format!("e:{story}"));
            doc.add_text(f.story, story);
            doc.add_text(f.entity, &e.id);
            doc.add_text(f.name, &e.name);
            doc.add_text(f.body, &e.name);
            for alias in &e.aliases {
                doc.add_text(f.body, alias);
            }
            self.add(doc)?;
        }
        Ok(())
    }

    /// Remove a story's entity documents (the story was merged away).
    pub fn remove_story(&mut self, story: &str) -> Result<()> {
        let f = self.index.fields;
        self.inner
            .delete_term(Term::from_field_text(f.owner, &format!("e:{story}")));
        Ok(())
    }

    /// Remove an article and its quotes.
    pub fn remove_article(&mut self, article: &str) -> Result<()> {
        let f = self.index.fields;
        self.inner
            .delete_term(Term::from_field_text(f.owner, &format!("a:{article}")));
        Ok(())
    }

    /// Commit the batch with the store `seq` as payload, wait for merges, release the lock and
    /// reload this index's reader.
    pub fn commit(self, seq: u64) -> Result<()> {
        let Writer { index, mut inner } = self;
        let dir = index.dir.clone();
        let err = |context: &'static str| {
            let dir = dir.clone();
            move |source| Error::Tantivy {
                dir,
                context,
                source,
            }
        };
        let payload = format!("{{\"seq\":{seq}}}");
        let mut prepared = inner.prepare_commit().map_err(err("preparing a commit"))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(err("committing"))?;
        inner
            .wait_merging_threads()
            .map_err(err("merging segments"))?;
        index.reload()
    }
}

fn add_common(
    doc: &mut TantivyDocument,
    f: &Fields,
    story: Option<&str>,
    outlet: Option<&str>,
    published: Option<&str>,
) {
    if let Some(story) = story.filter(|s| !s.is_empty()) {
        doc.add_text(f.story, story);
    }
    if let Some(outlet) = outlet.filter(|s| !s.trim().is_empty()) {
        doc.add_text(f.outlet, outlet);
        doc.add_text(f.outlet_key, outlet.trim().to_lowercase());
    }
    if let Some(published) = published.filter(|s| !s.trim().is_empty()) {
        doc.add_text(f.published, published);
        if let Some(day) = day_of(published) {
            doc.add_text(f.day, day);
            doc.add_text(f.when, published.trim());
        }
    }
}

#[cfg(test)]
mod tests;
