//! The embedded store of a Parallax collection: one SQLite database
//! (`parallax.db` in the collection directory) holding articles, stories,
//! story events, quotes, entities, the clusterer's state, rejected inputs
//! and HTTP validators for conditional GET.
//!
//! Why SQLite: one file, transactions that survive a killed process, and
//! concurrent readers while one writer adds (WAL journal). Every add batch
//! is one transaction and bumps the collection's sequence number (`seq`);
//! rows changed by a batch carry its `seq`, so derived data (the search
//! index) can tell how far behind it is.
//!
//! The schema is versioned with `PRAGMA user_version`; [`MIGRATIONS`] lists
//! every step from an empty file, and a database newer than this build is
//! refused rather than misread.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = parallax_store::Store::open(dir.path()).unwrap();
//! assert_eq!(store.seq().unwrap(), 0);
//! let tx = store.transaction().unwrap();
//! assert_eq!(tx.commit().unwrap(), 1);
//! ```

use parallax_core::Article;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the database inside a collection directory.
pub const DB_FILE: &str = "parallax.db";

/// Schema steps, applied in order; `user_version` counts the ones applied.
/// Never edit a released step: append a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    CREATE TABLE articles (
        n             INTEGER PRIMARY KEY,       -- order of arrival
        id            TEXT NOT NULL UNIQUE,
        canonical_url TEXT UNIQUE,
        text_key      TEXT NOT NULL UNIQUE,      -- hash of the normalized text
        source        TEXT NOT NULL,
        outlet        TEXT,
        title         TEXT,
        published     TEXT,
        story         TEXT,
        added_at      TEXT NOT NULL,
        seq           INTEGER NOT NULL,          -- batch that last changed the row
        article       TEXT NOT NULL              -- the Article as JSON
    );
    CREATE INDEX articles_story ON articles(story);
    CREATE INDEX articles_seq ON articles(seq);
    CREATE TABLE stories (
        id         TEXT PRIMARY KEY,
        title      TEXT,
        size       INTEGER NOT NULL,
        first_day  TEXT,
        last_day   TEXT,
        seq        INTEGER NOT NULL,
        story      TEXT NOT NULL,                -- the story report entry as JSON
        page       TEXT NOT NULL                 -- the rendered HTML page
    );
    CREATE INDEX stories_last_day ON stories(last_day);
    CREATE TABLE story_events (
        n      INTEGER PRIMARY KEY,
        seq    INTEGER NOT NULL,
        kind   TEXT NOT NULL,
        story  TEXT NOT NULL,
        other  TEXT NOT NULL,
        event  TEXT NOT NULL
    );
    CREATE INDEX story_events_story ON story_events(story);
    CREATE TABLE quotes (
        story      TEXT NOT NULL,
        article    TEXT NOT NULL,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        speaker    TEXT,
        text       TEXT NOT NULL,
        PRIMARY KEY (article, start)
    );
    CREATE INDEX quotes_story ON quotes(story);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE entities (
        story    TEXT NOT NULL,
        id       TEXT NOT NULL,
        name     TEXT NOT NULL,
        kind     TEXT NOT NULL,
        aliases  TEXT NOT NULL,                  -- JSON list
        mentions INTEGER NOT NULL,
        PRIMARY KEY (story, id)
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE TABLE rejected (
        n      INTEGER PRIMARY KEY,
        seq    INTEGER NOT NULL,
        source TEXT NOT NULL,
        error  TEXT NOT NULL,
        at     TEXT NOT NULL
    );
    CREATE TABLE fetched (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        checked_at    TEXT NOT NULL
    );
    "#,
    // 2: story entries and pages may be stored deflated (`packed` = 1):
    // a page holds the text of every member, so unpacked they dominated
    // the database (about 30 KiB per article).
    r#"
    ALTER TABLE stories ADD COLUMN packed INTEGER NOT NULL DEFAULT 0;
    "#,
];

/// Deflate a text for storage.
fn pack(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(text.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(text.as_bytes());
    enc.finish().unwrap_or_default()
}

/// Inflate a stored text; `None` when it is not valid deflate or UTF-8.
fn unpack(bytes: &[u8]) -> Option<String> {
    use std::io::Read;
    let mut out = String::new();
    flate2::read::DeflateDecoder::new(bytes)
        .read_to_string(&mut out)
        .ok()?;
    Some(out)
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: cannot create the collection directory: {source}")]
    Dir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no collection here (run `parallax add --data {path} ...` first)")]
    Missing { path: String },
    #[error(
        "{path}: schema version {found} is newer than this build knows ({known}); upgrade parallax"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: integrity check failed: {detail}")]
    Corrupt { path: String, detail: String },
    #[error("{path}: stored {what} is not valid JSON: {source}")]
    Json {
        path: String,
        what: String,
        #[source]
        source: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// One stored article with where it stands.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Arrival order (1, 2, ...).
    pub n: i64,
    pub story: Option<String>,
    pub added_at: String,
    pub seq: u64,
    pub article: Article,
}

/// A story as listed (without its full report entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRow {
    pub id: String,
    pub title: Option<String>,
    pub size: usize,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub seq: u64,
}

/// A story to store: its listing fields, report entry and rendered page.
#[derive(Debug, Clone)]
pub struct NewStory {
    pub row: StoryRow,
    pub json: String,
    pub page: String,
}

/// A quote row (one occurrence in one article) with its story-level speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub story: String,
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub text: String,
}

/// A story-level entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    pub story: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
}

/// A recorded merge or split of stories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub seq: u64,
    /// `merged` or `split`.
    pub kind: String,
    /// The story that survives (merge) or was split.
    pub story: String,
    /// The story folded in (merge) or created (split).
    pub other: String,
    /// The whole event as JSON.
    pub event: serde_json::Value,
}

/// An input that did not become an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectedRow {
    pub seq: u64,
    pub source: String,
    pub error: String,
    pub at: String,
}

/// HTTP validators remembered for conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Filters for [`Store::quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    pub story: Option<String>,
    pub article: Option<String>,
    /// Case-insensitive: the speaker's full name or last word.
    pub speaker: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// Collection totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub articles: u64,
    pub stories: u64,
    pub quotes: u64,
    pub entities: u64,
    pub rejected: u64,
    pub seq: u64,
}

/// An open collection database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn now() -> String {
    // Seconds since the epoch as an ISO timestamp, without a date library.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    iso_utc(secs)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970 (civil-from-days).
fn iso_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl Store {
    /// Open the collection in `dir` for reading and writing, creating the
    /// directory and the database when missing, and migrating the schema.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Dir {
            path: dir.display().to_string(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let conn = Connection::open(&path).map_err(|e| sql(&path, e))?;
        let mut store = Store { conn, path };
        store.configure(false)?;
        store.migrate()?;
        Ok(store)
    }

    /// Open an existing collection read-only (readers: stories, search,
    /// serve). Works while another process adds.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(Error::Missing {
                path: dir.display().to_string(),
            });
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql(&path, e))?;
        let store = Store { conn, path };
        store.configure(true)?;
        let version = store.schema_version()?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::TooNew {
                path: store.shown(),
                found: version,
                known,
            });
        }
        if version < known {
            return Err(Error::Missing {
                path: store.shown(),
            });
        }
        Ok(store)
    }

    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        sql(&self.path, e)
    }

    fn configure(&self, read_only: bool) -> Result<()> {
        self.conn
            .busy_timeout(Duration::from_secs(30))
            .map_err(|e| self.err(e))?;
        if !read_only {
            // WAL: readers never block the writer nor see a half batch.
            // synchronous=FULL: a committed batch survives power loss too.
            self.conn
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| self.err(e))?;
            self.conn
                .pragma_update(None, "synchronous", "FULL")
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn migrate(&mut self) -> Result<()> {
        let version = self.schema_version()?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::TooNew {
                path: self.shown(),
                found: version,
                known,
            });
        }
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let path = self.path.clone();
            let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
            tx.execute_batch(step).map_err(|e| sql(&path, e))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| sql(&path, e))?;
            tx.commit().map_err(|e| sql(&path, e))?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn version(&self) -> Result<i64> {
        self.schema_version()
    }

    /// SQLite's own integrity check plus the collection's invariants: every
    /// article's JSON parses and its id matches, every article with a story
    /// points at a stored story.
    pub fn integrity_check(&self) -> Result<()> {
        let corrupt = |detail: String| Error::Corrupt {
            path: self.shown(),
            detail,
        };
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if ok != "ok" {
            return Err(corrupt(ok));
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, article FROM articles")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        for row in rows {
            let (id, json) = row.map_err(|e| self.err(e))?;
            let a: Article =
                serde_json::from_str(&json).map_err(|e| corrupt(format!("article {id}: {e}")))?;
            if a.id != id {
                return Err(corrupt(format!("article {id} holds article {}", a.id)));
            }
        }
        let orphans: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles a WHERE a.story IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if orphans > 0 {
            return Err(corrupt(format!(
                "{orphans} articles point at missing stories"
            )));
        }
        Ok(())
    }

    /// The sequence number of the last committed batch (0 when empty).
    pub fn seq(&self) -> Result<u64> {
        Ok(self
            .meta("seq")?
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    /// A value of the meta table.
    pub fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The id of a stored article with this id, canonical URL or text key.
    pub fn find_duplicate(
        &self,
        id: &str,
        canonical_url: Option<&str>,
        text_key: &str,
    ) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE id = ?1 OR canonical_url = ?2 OR text_key = ?3
                 ORDER BY n LIMIT 1",
                params![id, canonical_url, text_key],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The id of the stored article with this canonical URL.
    pub fn id_by_url(&self, canonical_url: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE canonical_url = ?1",
                [canonical_url],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    fn read_article(
        &self,
        row: &rusqlite::Row,
    ) -> rusqlite::Result<(i64, Option<String>, String, u64, String)> {
        Ok((
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
        ))
    }

    fn articles_where(
        &self,
        clause: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<StoredArticle>> {
        let q = format!("SELECT n, story, added_at, seq, article FROM articles {clause}");
        let mut stmt = self.conn.prepare(&q).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(args, |r| self.read_article(r))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (n, story, added_at, seq, json) = row.map_err(|e| self.err(e))?;
            let article = serde_json::from_str(&json).map_err(|source| Error::Json {
                path: self.shown(),
                what: format!("article #{n}"),
                source,
            })?;
            out.push(StoredArticle {
                n,
                story,
                added_at,
                seq,
                article,
            });
        }
        Ok(out)
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        Ok(self
            .articles_where("WHERE id = ?1", &[&id])?
            .into_iter()
            .next())
    }

    /// The articles that arrived after arrival number `n`, in order.
    pub fn articles_after(&self, n: i64) -> Result<Vec<StoredArticle>> {
        self.articles_where("WHERE n > ?1 ORDER BY n", &[&n])
    }

    /// The articles of a story in arrival order.
    pub fn story_articles(&self, story: &str) -> Result<Vec<StoredArticle>> {
        self.articles_where("WHERE story = ?1 ORDER BY n", &[&story])
    }

    /// Articles in arrival order, a page at a time.
    pub fn articles(&self, limit: usize, offset: usize) -> Result<Vec<StoredArticle>> {
        let (limit, offset) = (limit as i64, offset as i64);
        self.articles_where("ORDER BY n LIMIT ?1 OFFSET ?2", &[&limit, &offset])
    }

    /// Every article's id and story, in arrival order.
    pub fn assignments(&self) -> Result<Vec<(String, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, story FROM articles ORDER BY n")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    fn story_rows(&self, clause: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<StoryRow>> {
        let q = format!("SELECT id, title, size, first_day, last_day, seq FROM stories {clause}");
        let mut stmt = self.conn.prepare(&q).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(args, |r| {
                Ok(StoryRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    size: r.get::<_, i64>(2)? as usize,
                    first_day: r.get(3)?,
                    last_day: r.get(4)?,
                    seq: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Stories, the latest news first (last dated article, then size, then id).
    pub fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StoryRow>> {
        let (limit, offset) = (limit as i64, offset as i64);
        self.story_rows(
            "ORDER BY last_day IS NULL, last_day DESC, size DESC, id LIMIT ?1 OFFSET ?2",
            &[&limit, &offset],
        )
    }

    /// One story's listing fields.
    pub fn story_row(&self, id: &str) -> Result<Option<StoryRow>> {
        Ok(self.story_rows("WHERE id = ?1", &[&id])?.into_iter().next())
    }

    /// One story's report entry (JSON text).
    pub fn story_json(&self, id: &str) -> Result<Option<String>> {
        self.text_of("SELECT story, packed FROM stories WHERE id = ?1", id)
    }

    /// One story's rendered HTML page.
    pub fn story_page(&self, id: &str) -> Result<Option<String>> {
        self.text_of("SELECT page, packed FROM stories WHERE id = ?1", id)
    }

    /// A text column of one story, inflated when stored packed.
    fn text_of(&self, q: &str, id: &str) -> Result<Option<String>> {
        let row: Option<(rusqlite::types::Value, bool)> = self
            .conn
            .query_row(q, [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| self.err(e))?;
        let corrupt = || Error::Corrupt {
            path: self.shown(),
            detail: format!("story {id}: a stored text cannot be read"),
        };
        match row {
            None => Ok(None),
            Some((rusqlite::types::Value::Text(t), false)) => Ok(Some(t)),
            Some((rusqlite::types::Value::Blob(b), true)) => {
                unpack(&b).map(Some).ok_or_else(corrupt)
            }
            Some(_) => Err(corrupt()),
        }
    }

    /// Merges and splits that involve a story, oldest first.
    pub fn events(&self, story: &str) -> Result<Vec<EventRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seq, kind, story, other, event FROM story_events
                 WHERE story = ?1 OR other = ?1 ORDER BY n",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([story], |r| {
                Ok((
                    r.get::<_, u64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, kind, story, other, event) = row.map_err(|e| self.err(e))?;
            out.push(EventRow {
                seq,
                kind,
                story,
                other,
                event: serde_json::from_str(&event).unwrap_or(serde_json::Value::Null),
            });
        }
        Ok(out)
    }

    /// Quote occurrences, by story and position.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let speaker = f.speaker.as_deref().map(|s| s.trim().to_lowercase());
        let last = speaker.as_deref().map(|s| format!("% {s}"));
        let limit = if f.limit == 0 { -1 } else { f.limit as i64 };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT story, article, start, end, speaker, text FROM quotes
                 WHERE (?1 IS NULL OR story = ?1) AND (?2 IS NULL OR article = ?2)
                   AND (?3 IS NULL OR lower(speaker) = ?3 OR lower(speaker) LIKE ?4)
                 ORDER BY story, article, start LIMIT ?5 OFFSET ?6",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![f.story, f.article, speaker, last, limit, f.offset as i64],
                |r| {
                    Ok(QuoteRow {
                        story: r.get(0)?,
                        article: r.get(1)?,
                        start: r.get::<_, i64>(2)? as usize,
                        end: r.get::<_, i64>(3)? as usize,
                        speaker: r.get(4)?,
                        text: r.get(5)?,
                    })
                },
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Story-level entities; `name` matches the name or an alias,
    /// case-insensitively, as a substring.
    pub fn entities(
        &self,
        story: Option<&str>,
        name: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<EntityRow>> {
        let like = name.map(|n| format!("%{}%", n.trim().to_lowercase()));
        let limit = if limit == 0 { -1 } else { limit as i64 };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT story, id, name, kind, aliases, mentions FROM entities
                 WHERE (?1 IS NULL OR story = ?1)
                   AND (?2 IS NULL OR lower(name) LIKE ?2 OR lower(aliases) LIKE ?2)
                 ORDER BY mentions DESC, story, id LIMIT ?3 OFFSET ?4",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![story, like, limit, offset as i64], |r| {
                let aliases: String = r.get(4)?;
                Ok(EntityRow {
                    story: r.get(0)?,
                    id: r.get(1)?,
                    name: r.get(2)?,
                    kind: r.get(3)?,
                    aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                    mentions: r.get::<_, i64>(5)? as usize,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Inputs that were rejected, newest first.
    pub fn rejected(&self, limit: usize) -> Result<Vec<RejectedRow>> {
        let limit = if limit == 0 { -1 } else { limit as i64 };
        let mut stmt = self
            .conn
            .prepare("SELECT seq, source, error, at FROM rejected ORDER BY n DESC LIMIT ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok(RejectedRow {
                    seq: r.get(0)?,
                    source: r.get(1)?,
                    error: r.get(2)?,
                    at: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Collection totals.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        Ok(Counts {
            articles: count("articles")?,
            stories: count("stories")?,
            quotes: count("quotes")?,
            entities: count("entities")?,
            rejected: count("rejected")?,
            seq: self.seq()?,
        })
    }

    /// The validators remembered for a URL.
    pub fn validators(&self, url: &str) -> Result<Option<Validators>> {
        self.conn
            .query_row(
                "SELECT etag, last_modified FROM fetched WHERE url = ?1",
                [url],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Set meta values in one transaction of their own, outside any batch
    /// (the sequence number does not move): for state that the collection
    /// can rebuild, such as the clusterer's.
    pub fn save_meta(&mut self, pairs: &[(&str, &[u8])]) -> Result<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
        for (k, v) in pairs {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![k, v],
            )
            .map_err(|e| sql(&path, e))?;
        }
        tx.commit().map_err(|e| sql(&path, e))
    }

    /// Remember a URL's validators for the next conditional GET. Outside
    /// any batch: it does not change the collection's sequence number.
    pub fn remember_validators(&self, url: &str, v: &Validators) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO fetched (url, etag, last_modified, checked_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![url, v.etag, v.last_modified, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Start a write batch. Everything written through it appears at once
    /// on [`Tx::commit`], or not at all.
    pub fn transaction(&mut self) -> Result<Tx<'_>> {
        let path = self.path.clone();
        let seq = self.seq()? + 1;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sql(&path, e))?;
        Ok(Tx { tx, path, seq })
    }
}

fn sql(path: &Path, source: rusqlite::Error) -> Error {
    Error::Sqlite {
        path: path.display().to_string(),
        source,
    }
}

/// A write batch (one SQLite transaction); dropped without commit, it
/// leaves the store as it was.
pub struct Tx<'s> {
    tx: rusqlite::Transaction<'s>,
    path: PathBuf,
    seq: u64,
}

impl Tx<'_> {
    fn err(&self, e: rusqlite::Error) -> Error {
        sql(&self.path, e)
    }

    /// The sequence number this batch will commit as.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Store a new article (the caller checked it is not a duplicate).
    pub fn insert_article(
        &self,
        a: &Article,
        canonical_url: Option<&str>,
        text_key: &str,
        story: Option<&str>,
    ) -> Result<()> {
        let json = serde_json::to_string(a).map_err(|source| Error::Json {
            path: self.path.display().to_string(),
            what: format!("article {}", a.id),
            source,
        })?;
        self.tx
            .execute(
                "INSERT INTO articles (id, canonical_url, text_key, source, outlet, title,
                     published, story, added_at, seq, article)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    a.id,
                    canonical_url,
                    text_key,
                    a.source,
                    a.outlet,
                    a.title,
                    a.published,
                    story,
                    now(),
                    self.seq,
                    json
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Move an article to a story.
    pub fn set_story(&self, article: &str, story: &str) -> Result<()> {
        self.tx
            .execute(
                "UPDATE articles SET story = ?2, seq = ?3 WHERE id = ?1",
                params![article, story, self.seq],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Insert or replace a story with its quotes and entities.
    pub fn put_story(
        &self,
        s: &NewStory,
        quotes: &[QuoteRow],
        entities: &[EntityRow],
    ) -> Result<()> {
        let r = &s.row;
        self.tx
            .execute(
                "INSERT OR REPLACE INTO stories (id, title, size, first_day, last_day, seq, story, page, packed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
                params![
                    r.id,
                    r.title,
                    r.size as i64,
                    r.first_day,
                    r.last_day,
                    self.seq,
                    pack(&s.json),
                    pack(&s.page)
                ],
            )
            .map_err(|e| self.err(e))?;
        self.clear_story_rows(&r.id)?;
        let mut q = self
            .tx
            .prepare_cached(
                "INSERT OR REPLACE INTO quotes (story, article, start, end, speaker, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(|e| self.err(e))?;
        for x in quotes {
            q.execute(params![
                r.id,
                x.article,
                x.start as i64,
                x.end as i64,
                x.speaker,
                x.text
            ])
            .map_err(|e| self.err(e))?;
        }
        let mut e = self
            .tx
            .prepare_cached(
                "INSERT OR REPLACE INTO entities (story, id, name, kind, aliases, mentions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(|e| self.err(e))?;
        for x in entities {
            let aliases = serde_json::to_string(&x.aliases).unwrap_or_else(|_| "[]".into());
            e.execute(params![
                r.id,
                x.id,
                x.name,
                x.kind,
                aliases,
                x.mentions as i64
            ])
            .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    fn clear_story_rows(&self, story: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM quotes WHERE story = ?1", [story])
            .map_err(|e| self.err(e))?;
        self.tx
            .execute("DELETE FROM entities WHERE story = ?1", [story])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Remove a story that no longer has members (merged away).
    pub fn delete_story(&self, story: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM stories WHERE id = ?1", [story])
            .map_err(|e| self.err(e))?;
        self.clear_story_rows(story)
    }

    /// Record a merge or split.
    pub fn add_event(
        &self,
        kind: &str,
        story: &str,
        other: &str,
        event: &serde_json::Value,
    ) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO story_events (seq, kind, story, other, event) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![self.seq, kind, story, other, event.to_string()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Record an input that did not become an article.
    pub fn reject(&self, source: &str, error: &str) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO rejected (seq, source, error, at) VALUES (?1, ?2, ?3, ?4)",
                params![self.seq, source, error, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Set a meta value.
    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<()> {
        self.tx
            .execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Commit the batch; returns its sequence number.
    pub fn commit(self) -> Result<u64> {
        self.set_meta("seq", self.seq.to_string().as_bytes())?;
        let path = self.path.clone();
        self.tx.commit().map_err(|e| sql(&path, e))?;
        Ok(self.seq)
    }
}

#[cfg(test)]
mod tests;
