//! The JSON API under `/api/`. Every handler answers JSON; errors are
//! `{"error": "..."}` with 400 (bad parameter), 401/403 (adding without the
//! right token), 404 (unknown id), 413 (body too large) or 500.

use super::{lock, read, ApiError, State, BODY_LIMIT};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State as AxState};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use parallax_store::{QuoteFilter, StoredArticle};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::sync::Arc;

type St = AxState<Arc<State>>;
type ApiResult = Result<Response, ApiError>;

/// Default page size of the list endpoints.
pub const DEFAULT_LIMIT: usize = 50;
/// Largest page size accepted.
pub const MAX_LIMIT: usize = 1000;

/// Parses the query string into `T`; a malformed value is a 400.
pub(crate) fn params<T: DeserializeOwned>(uri: &Uri) -> Result<T, ApiError> {
    axum::extract::Query::<T>::try_from_uri(uri)
        .map(|q| q.0)
        .map_err(|e| ApiError::bad_request(format!("bad query parameters: {}", e.body_text())))
}

/// `limit` and `offset` of a list.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Page {
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl Page {
    /// (limit, offset) with the default and bounds applied.
    pub fn get(&self) -> Result<(usize, usize), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {MAX_LIMIT} (got {limit})"
            )));
        }
        Ok((limit, self.offset.unwrap_or(0)))
    }
}

#[derive(Debug, Default, Deserialize)]
struct QuoteParams {
    story: Option<String>,
    article: Option<String>,
    speaker: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
struct EntityParams {
    story: Option<String>,
    name: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Parameters of `/api/search` and of the app's `/search` page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchParams {
    pub q: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub speaker: Option<String>,
    pub story: Option<String>,
    /// Comma-separated: article, quote, entity.
    pub kind: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Empty strings (an empty form field) count as absent.
fn given(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn check_day(name: &str, v: &Option<String>) -> Result<(), ApiError> {
    if let Some(d) = v {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
            return Err(ApiError::bad_request(format!(
                "{name} must be a day YYYY-MM-DD (got {d:?})"
            )));
        }
    }
    Ok(())
}

impl SearchParams {
    /// The search request, validated.
    pub fn query(&self) -> Result<parallax_search::Query, ApiError> {
        let (limit, offset) = Page {
            limit: self.limit,
            offset: self.offset,
        }
        .get()?;
        let from = given(&self.from);
        let to = given(&self.to);
        check_day("from", &from)?;
        check_day("to", &to)?;
        let mut kinds = Vec::new();
        for k in given(&self.kind).iter().flat_map(|k| k.split(',')) {
            kinds.push(match k.trim().to_ascii_lowercase().as_str() {
                "article" | "articles" => parallax_search::Kind::Article,
                "quote" | "quotes" => parallax_search::Kind::Quote,
                "entity" | "entities" => parallax_search::Kind::Entity,
                "" => continue,
                other => {
                    return Err(ApiError::bad_request(format!(
                        "kind must be article, quote or entity (got {other:?})"
                    )))
                }
            });
        }
        kinds.sort();
        kinds.dedup();
        Ok(parallax_search::Query {
            text: self.q.clone().unwrap_or_default(),
            kinds,
            outlet: given(&self.outlet),
            from,
            to,
            speaker: given(&self.speaker),
            story: given(&self.story),
            limit,
            offset,
        })
    }
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::internal(format!("cannot encode JSON: {e}")))
}

/// An article as JSON: the stored fields plus where it stands; `full`
/// keeps the text and its spans, otherwise only the metadata.
pub(crate) fn article_json(a: &StoredArticle, full: bool) -> Result<Value, ApiError> {
    let mut obj = match to_value(&a.article)? {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    if !full {
        for k in ["text", "removed", "paragraphs", "sentences"] {
            obj.remove(k);
        }
        obj.insert("chars".into(), json!(a.article.text.len()));
    }
    obj.insert("story".into(), json!(a.story));
    obj.insert("n".into(), json!(a.n));
    obj.insert("added_at".into(), json!(a.added_at));
    obj.insert("seq".into(), json!(a.seq));
    Ok(Value::Object(obj))
}

fn ok(v: Value) -> ApiResult {
    Ok(Json(v).into_response())
}

pub(crate) async fn stories(AxState(st): St, uri: Uri) -> ApiResult {
    let (limit, offset) = params::<Page>(&uri)?.get()?;
    let rows = read(&st, move |s| Ok(s.stories(limit, offset)?)).await?;
    ok(json!({ "limit": limit, "offset": offset, "stories": to_value(&rows)? }))
}

/// `GET /api/stories/{id}`. The answer is cached per story and rebuilt when
/// the story's `seq` moves (loading every article of a story to list their
/// metadata is the costly part); the stored report entry is spliced in as
/// text rather than parsed and printed again.
pub(crate) async fn story(AxState(st): St, Path(id): Path<String>) -> ApiResult {
    let state = st.clone();
    let body = read(&st, move |s| {
        let Some(row) = s.story_row(&id)? else {
            return Err(ApiError::not_found(format!("no story {id:?}")));
        };
        if let Some(hit) = state.details.get(&id, row.seq) {
            return Ok(hit);
        }
        let entry = s
            .story_json(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no story {id:?}")))?;
        serde_json::from_str::<serde::de::IgnoredAny>(&entry)
            .map_err(|e| ApiError::internal(format!("story {id}: stored JSON unreadable: {e}")))?;
        let articles = s
            .story_articles(&id)?
            .iter()
            .map(|a| article_json(a, false))
            .collect::<Result<Vec<_>, _>>()?;
        let events = s.events(&id)?;
        let text = format!(
            "{{\"id\":{},\"listing\":{},\"story\":{},\"articles\":{},\"events\":{}}}",
            to_value(&row.id)?,
            to_value(&row)?,
            entry.trim(),
            Value::Array(articles),
            to_value(&events)?
        );
        let body = Bytes::from(text);
        state.details.put(&id, row.seq, body.clone());
        Ok(body)
    })
    .await?;
    Ok(json_bytes(body))
}

fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Recent story-detail answers, each valid while its story's `seq` holds.
#[derive(Default)]
pub(crate) struct DetailCache {
    map: std::sync::Mutex<std::collections::HashMap<String, (u64, Bytes)>>,
}

/// Entries kept before the cache starts over.
const DETAIL_CACHE_ENTRIES: usize = 256;

impl DetailCache {
    fn get(&self, id: &str, seq: u64) -> Option<Bytes> {
        match lock(&self.map).get(id) {
            Some((s, b)) if *s == seq => Some(b.clone()),
            _ => None,
        }
    }

    fn put(&self, id: &str, seq: u64, body: Bytes) {
        let mut map = lock(&self.map);
        if map.len() >= DETAIL_CACHE_ENTRIES && !map.contains_key(id) {
            map.clear();
        }
        map.insert(id.to_string(), (seq, body));
    }
}

pub(crate) async fn article(AxState(st): St, Path(id): Path<String>) -> ApiResult {
    let v = read(&st, move |s| match s.article(&id)? {
        Some(a) => article_json(&a, true),
        None => Err(ApiError::not_found(format!("no article {id:?}"))),
    })
    .await?;
    ok(v)
}

pub(crate) async fn articles(AxState(st): St, uri: Uri) -> ApiResult {
    let (limit, offset) = params::<Page>(&uri)?.get()?;
    let list = read(&st, move |s| {
        s.articles(limit, offset)?
            .iter()
            .map(|a| article_json(a, false))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    ok(json!({ "limit": limit, "offset": offset, "articles": list }))
}

pub(crate) async fn quotes(AxState(st): St, uri: Uri) -> ApiResult {
    let p: QuoteParams = params(&uri)?;
    let (limit, offset) = Page {
        limit: p.limit,
        offset: p.offset,
    }
    .get()?;
    let filter = QuoteFilter {
        story: given(&p.story),
        article: given(&p.article),
        speaker: given(&p.speaker),
        limit,
        offset,
    };
    let rows = read(&st, move |s| Ok(s.quotes(&filter)?)).await?;
    ok(json!({ "limit": limit, "offset": offset, "quotes": to_value(&rows)? }))
}

pub(crate) async fn entities(AxState(st): St, uri: Uri) -> ApiResult {
    let p: EntityParams = params(&uri)?;
    let (limit, offset) = Page {
        limit: p.limit,
        offset: p.offset,
    }
    .get()?;
    let (story, name) = (given(&p.story), given(&p.name));
    let rows = read(&st, move |s| {
        Ok(s.entities(story.as_deref(), name.as_deref(), limit, offset)?)
    })
    .await?;
    ok(json!({ "limit": limit, "offset": offset, "entities": to_value(&rows)? }))
}

pub(crate) async fn search(AxState(st): St, uri: Uri) -> ApiResult {
    let q = params::<SearchParams>(&uri)?.query()?;
    let (limit, offset) = (q.limit, q.offset);
    let hits = super::search(&st, q).await?;
    ok(json!({ "limit": limit, "offset": offset, "hits": to_value(&hits)? }))
}

pub(crate) async fn stats(AxState(st): St) -> ApiResult {
    let counts = read(&st, |s| Ok(s.counts()?)).await?;
    let mut v = to_value(&counts)?;
    let index_seq = st.search.current().and_then(|ix| ix.seq().ok());
    if let Value::Object(m) = &mut v {
        m.insert("index_seq".into(), json!(index_seq));
        m.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    }
    ok(v)
}

pub(crate) async fn openapi() -> Response {
    Json(super::openapi::document()).into_response()
}

/// Compares without stopping at the first difference.
pub(super) fn same_token(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, b) in expected.iter().enumerate() {
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ b);
    }
    diff == 0
}

fn authorize(st: &State, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &st.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "adding articles is disabled on this server (start it with PARALLAX_API_TOKEN set)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(g) if same_token(g.as_bytes(), token.as_bytes()) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong token (send Authorization: Bearer TOKEN)",
        )),
    }
}

/// `POST /api/articles`: one article object or an array of them, added as
/// one batch. Answers the batch report.
pub(crate) async fn add(
    AxState(st): St,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    if let Err(e) = authorize(&st, &headers) {
        let challenge = e.status == StatusCode::UNAUTHORIZED;
        let mut resp = e.into_response();
        if challenge {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        return Ok(resp);
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body over the {BODY_LIMIT}-byte limit"),
            )
        } else {
            ApiError::bad_request(format!("cannot read the request body: {}", e.body_text()))
        }
    })?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("the body is not JSON: {e}")))?;
    match &value {
        Value::Object(_) => {}
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {}
        _ => {
            return Err(ApiError::bad_request(
                "the body must be an article object or a non-empty array of them",
            ))
        }
    }
    let state = st.clone();
    let report = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let docs = parallax_ingest::read_bytes("api/articles.json", &body, &state.ingest);
        let mut slot = lock(&state.writer);
        if slot.is_none() {
            let coll =
                crate::collection::Collection::open(&state.dir, parallax_story::Options::default())
                    .map_err(|e| {
                        tracing::error!(error = %e, "cannot open the collection for adding");
                        ApiError::internal(format!("cannot open the collection: {e:#}"))
                    })?;
            *slot = Some(coll);
        }
        let Some(coll) = slot.as_mut() else {
            return Err(ApiError::internal("the collection is not open"));
        };
        let rep = coll.add_batch(docs).map_err(|e| {
            tracing::error!(error = %e, "adding a batch failed");
            // A failed batch may leave the writer's caches out of step: reopen next time.
            *slot = None;
            ApiError::internal(format!("adding failed: {e:#}"))
        })?;
        state.search.invalidate();
        Ok(json!({
            "seq": rep.seq,
            "added": rep.added.iter().map(|a| json!({
                "id": a.id, "source": a.source, "story": a.story,
            })).collect::<Vec<_>>(),
            "duplicates": rep.duplicates.iter().map(|(source, of)| json!({
                "source": source, "of": of,
            })).collect::<Vec<_>>(),
            "rejected": to_value(&rep.rejected)?,
            "stories_touched": rep.stories_touched,
            "events": rep.events,
        }))
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "an add task failed");
        ApiError::internal("internal error")
    })??;
    ok(report)
}
