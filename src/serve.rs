//! `parallax serve`: a JSON API under `/api/` and a small server-rendered web
//! app over one collection, on one HTTP server (axum on a multi-threaded
//! tokio runtime).
//!
//! Why it is shaped like this:
//! - The SQLite store is read through a small pool of read-only connections,
//!   each behind a `std::sync::Mutex`, always inside `spawn_blocking`: SQLite
//!   calls block, and a connection must not be shared by two threads at once.
//!   WAL mode lets these readers run while another process (`parallax add`)
//!   writes, and every statement sees the latest committed batch.
//! - The search index is opened once; its reader only moves to a newer commit
//!   on `reload()`, which is done when the index's commit seq on disk moved
//!   (checked at most every [`RELOAD_EVERY`]), so adds by another process show
//!   up within about half a second without reopening segments per request.
//! - Adding (`POST /api/articles`) is off unless a token is configured
//!   (`PARALLAX_API_TOKEN`). It uses one writable `Collection`, opened on
//!   first use, behind a mutex: batches are serialised as in `parallax add`.
//! - Every response goes through one middleware that runs the handler in its
//!   own task (a panic becomes a 500 JSON answer, never a dropped
//!   connection), applies the request timeout, and sets the security headers
//!   (a strict Content-Security-Policy unless the handler set its own,
//!   `nosniff`, no referrer, no framing).
//! - Article content only ever reaches HTML through [`crate::html::Esc`]; the
//!   app pages need no script, and their CSP forbids any.

mod api;
mod openapi;
mod web;

use crate::collection::{self, Collection};
use anyhow::Context;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use parallax_store::Store;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

/// What `parallax serve` was asked to do (built by `cli.rs`).
pub struct ServeOptions {
    pub dir: PathBuf,
    pub addr: SocketAddr,
    /// Bearer token that enables `POST /api/articles`; `None` disables it.
    pub token: Option<String>,
    pub ingest: parallax_ingest::Options,
}

/// Largest request body accepted (the add endpoint's JSON).
pub const BODY_LIMIT: usize = 5 * 1024 * 1024;
/// Longest a read request may take before it gets a 503.
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest an add request may take (extraction, clustering, commit).
const ADD_TIMEOUT: Duration = Duration::from_secs(300);
/// How often, at most, the search reader checks for a newer index commit.
pub const RELOAD_EVERY: Duration = Duration::from_millis(500);
/// CSP of the app's own pages and of JSON answers.
pub const APP_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                           form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Runs the server until Ctrl-C or SIGTERM.
pub fn run(opts: ServeOptions) -> anyhow::Result<()> {
    let state = Arc::new(State::open(&opts)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .with_context(|| format!("cannot listen on {}", opts.addr))?;
        let local = listener
            .local_addr()
            .with_context(|| format!("{}: no local address", opts.addr))?;
        eprintln!("listening on http://{local}");
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .with_context(|| format!("serving on {local}"))
    })?;
    eprintln!("stopped");
    Ok(())
}

/// Every route of the API and the app.
pub(crate) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(web::home))
        .route("/stories/{id}", get(web::story))
        .route("/articles/{id}", get(web::article))
        .route("/search", get(web::search))
        .route("/static/app.css", get(web::css))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/articles", get(api::articles).post(api::add))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/quotes", get(api::quotes))
        .route("/api/entities", get(api::entities))
        .route("/api/search", get(api::search))
        .route("/api/stats", get(api::stats))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(guard))
        .with_state(state)
}

async fn fallback(req: Request) -> Response {
    let path = req.uri().path();
    if path.starts_with("/api/") || path == "/api" {
        ApiError::not_found(format!("no endpoint {} {path}", req.method())).into_response()
    } else {
        web::not_found(path)
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("shutting down");
}

/// The outermost layer: panic isolation, timeout, security headers.
async fn guard(req: Request, next: Next) -> Response {
    let limit = if req.method() == axum::http::Method::POST {
        ADD_TIMEOUT
    } else {
        READ_TIMEOUT
    };
    let task = tokio::spawn(next.run(req));
    let mut resp = match tokio::time::timeout(limit, task).await {
        Ok(Ok(resp)) => resp,
        Ok(Err(join)) => {
            tracing::error!(error = %join, "a request handler panicked");
            ApiError::internal("internal error").into_response()
        }
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} s", limit.as_secs()),
        )
        .into_response(),
    };
    let h = resp.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(APP_CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

// ------------------------------------------------------------------ state

/// Shared by every request.
pub(crate) struct State {
    dir: PathBuf,
    readers: Vec<Mutex<Store>>,
    next_reader: AtomicUsize,
    /// One permit per reader: requests wait here (asynchronously) rather
    /// than in blocking threads, so the blocking pool stays small.
    read_gate: tokio::sync::Semaphore,
    search: Search,
    /// Searches run at once (they are CPU-bound).
    search_gate: tokio::sync::Semaphore,
    details: api::DetailCache,
    token: Option<String>,
    ingest: parallax_ingest::Options,
    /// The writable collection, opened by the first add.
    writer: Mutex<Option<Collection>>,
}

impl State {
    fn open(opts: &ServeOptions) -> anyhow::Result<State> {
        let dir = &opts.dir;
        if !dir.join(parallax_store::DB_FILE).is_file() {
            // A new, empty collection so that the server starts.
            Collection::open(dir, parallax_story::Options::default())
                .with_context(|| format!("{}: cannot create an empty collection", dir.display()))?;
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let size = (cores * 2).clamp(4, 16);
        let readers = (0..size)
            .map(|_| Store::open_read_only(dir).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        let search = Search::open(dir);
        if let (Some(ix), Ok(store_seq)) = (search.current(), lock(&readers[0]).seq()) {
            if ix.seq().unwrap_or(0) != store_seq {
                tracing::warn!(
                    "{}: the search index is behind the store; it catches up on the next add \
                     (or run `parallax check --repair`)",
                    dir.display()
                );
            }
        }
        Ok(State {
            dir: dir.clone(),
            readers,
            next_reader: AtomicUsize::new(0),
            read_gate: tokio::sync::Semaphore::new(size),
            search,
            search_gate: tokio::sync::Semaphore::new(cores.clamp(2, 16)),
            details: api::DetailCache::default(),
            token: opts.token.clone(),
            ingest: opts.ingest.clone(),
            writer: Mutex::new(None),
        })
    }

    /// A free reader, else wait for the next one in turn.
    fn reader(&self) -> MutexGuard<'_, Store> {
        let n = self.readers.len();
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            match self.readers[(start + i) % n].try_lock() {
                Ok(g) => return g,
                Err(std::sync::TryLockError::Poisoned(p)) => return p.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {}
            }
        }
        lock(&self.readers[start])
    }
}

/// A mutex guard even when a panicking holder poisoned it: the guarded
/// values (SQLite connections, the collection) stay consistent on their own.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs `f` with a pooled reader on the blocking pool.
pub(crate) async fn read<T, F>(state: &Arc<State>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let _permit = state
        .read_gate
        .acquire()
        .await
        .map_err(|_| ApiError::internal("shutting down"))?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let store = state.reader();
        f(&store)
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "a reader task failed");
        ApiError::internal("internal error")
    })?
}

/// Runs a search on the blocking pool, on a reader no older than
/// [`RELOAD_EVERY`].
pub(crate) async fn search(
    state: &Arc<State>,
    q: parallax_search::Query,
) -> Result<Vec<parallax_search::Hit>, ApiError> {
    let _permit = state
        .search_gate
        .acquire()
        .await
        .map_err(|_| ApiError::internal("shutting down"))?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let index = state.search.fresh()?;
        index.search(&q).map_err(|e| match e {
            parallax_search::Error::Query { .. } => ApiError::bad_request(e.to_string()),
            e => {
                tracing::error!(error = %e, "search failed");
                ApiError::internal(e.to_string())
            }
        })
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "a search task failed");
        ApiError::internal("internal error")
    })?
}

/// The shared search index and when it was last brought up to date.
struct Search {
    path: PathBuf,
    index: RwLock<Option<Arc<parallax_search::Index>>>,
    /// The commit seq the reader was last reloaded at.
    loaded: AtomicU64,
    /// When the disk was last checked; `None` forces a check.
    checked: Mutex<Option<Instant>>,
}

impl Search {
    fn open(dir: &Path) -> Search {
        let path = dir.join(collection::INDEX_DIR);
        let (index, loaded) = match parallax_search::Index::open(&path) {
            Ok(ix) => {
                let seq = ix.seq().unwrap_or(0);
                (Some(Arc::new(ix)), seq)
            }
            Err(e) => {
                tracing::warn!(error = %e, "search is unavailable until the index can be opened");
                (None, 0)
            }
        };
        Search {
            path,
            index: RwLock::new(index),
            loaded: AtomicU64::new(loaded),
            checked: Mutex::new(Some(Instant::now())),
        }
    }

    fn current(&self) -> Option<Arc<parallax_search::Index>> {
        self.index.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Make the next search check the disk.
    fn invalidate(&self) {
        *lock(&self.checked) = None;
    }

    /// The index, reloaded first when a newer commit is on disk (checked at
    /// most every [`RELOAD_EVERY`]).
    fn fresh(&self) -> Result<Arc<parallax_search::Index>, ApiError> {
        let due = {
            let mut checked = lock(&self.checked);
            let due = checked.is_none_or(|t| t.elapsed() >= RELOAD_EVERY);
            if due {
                *checked = Some(Instant::now());
            }
            due
        };
        let index = match self.current() {
            Some(ix) => ix,
            None if due => self.reopen()?,
            None => return Err(self.unavailable("not open")),
        };
        if due {
            if let Ok(disk) = index.seq() {
                if disk != self.loaded.load(Ordering::Acquire) {
                    match index.reload() {
                        Ok(()) => self.loaded.store(disk, Ordering::Release),
                        Err(e) => tracing::warn!(error = %e, "cannot reload the search index"),
                    }
                }
            }
        }
        Ok(index)
    }

    fn reopen(&self) -> Result<Arc<parallax_search::Index>, ApiError> {
        let ix = parallax_search::Index::open(&self.path)
            .map_err(|e| self.unavailable(&e.to_string()))?;
        let ix = Arc::new(ix);
        self.loaded.store(ix.seq().unwrap_or(0), Ordering::Release);
        *self.index.write().unwrap_or_else(|p| p.into_inner()) = Some(ix.clone());
        Ok(ix)
    }

    fn unavailable(&self, why: &str) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{}: search index unavailable: {why}", self.path.display()),
        )
    }
}

// ------------------------------------------------------------------ errors

/// An error answer: `{"error": message}` with its status.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<parallax_store::Error> for ApiError {
    fn from(e: parallax_store::Error) -> ApiError {
        tracing::error!(error = %e, "store error");
        ApiError::internal(format!("store error: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        Response::builder()
            .status(self.status)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
    }
}

#[cfg(test)]
mod tests;
