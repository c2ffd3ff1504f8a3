//! `factgraph serve`: the SPARQL 1.1 Protocol (`/sparql`), SPARQL Update (`/update`), the Graph
//! Store HTTP Protocol (`/store`), a JSON API for the path engine (`/api/…`) and a read-only
//! viewer for people (`/`, `/view/…`) over the store.
//!
//! Safe by default: loopback only, read-only unless started writable with a token, every query
//! bounded in time and size, no `SERVICE` calls to other endpoints. Built on axum and tokio for
//! graceful shutdown, streamed bodies and per-request limits; Oxigraph's blocking work runs on
//! threads apart from the async ones (queries on [`workers`], writes on tokio's blocking
//! threads) so that slow queries never stall the accept loop.

mod announce;
mod api;
mod deadline;
mod graph_store;
mod merges;
mod negotiate;
mod respond;
mod routes;
mod sparql;
mod viewer;
mod workers;

pub use announce::{Announcement, Published};

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::diagnostic::Help;
use crate::extract::{Extractor, known_names};
use crate::graph::Projection;
use crate::graph::cache::{RefreshError, Refreshed, Refresher};
use crate::ontology::Ontology;
use crate::resolve::{IriBase, KnownIndex};
use crate::store::{self, Store};
use respond::ApiError;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Accept writes (SPARQL Update, Graph Store writes, article upload) from callers that
    /// present `token`.
    pub writable: bool,
    pub token: Option<String>,
    pub query_timeout: Duration,
    /// Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) one query may give.
    pub max_results: usize,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Queries and searches answered at once; more are turned away with 503.
    pub max_concurrent: usize,
    /// Origin allowed to call from a browser (`*` for any); none by default.
    pub cors: Option<String>,
    /// IRIs minted for uploaded articles and their entities.
    pub base: IriBase,
    /// Longest an update may run, its wait for other writes included.
    pub update_timeout: Duration,
    /// Most bytes one query or update may allocate ([`crate::memory`]).
    pub max_query_memory: usize,
    /// Longest a client may pause while sending a request's head or body.
    pub read_timeout: Duration,
    /// Connections open at once; more are answered 503 and closed.
    pub max_connections: usize,
    /// Host names answered besides loopback names and the bound address.
    pub allowed_hosts: Vec<String>,
}

impl Config {
    pub const DEFAULT_BIND: &'static str = "127.0.0.1:7878";

    /// Read-only on `bind` with the default limits.
    pub fn new(bind: SocketAddr) -> Self {
        Self {
            bind,
            writable: false,
            token: None,
            query_timeout: Duration::from_secs(30),
            max_results: 1_000_000,
            max_body: 32 * 1024 * 1024,
            max_concurrent: 64,
            cors: None,
            base: IriBase::default(),
            update_timeout: Duration::from_secs(60),
            max_query_memory: 1024 * 1024 * 1024,
            read_timeout: Duration::from_secs(10),
            max_connections: 256,
            allowed_hosts: Vec::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("a writable server needs a token")]
    NoToken,
    #[error("invalid --cors origin `{0}`")]
    Cors(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Ontology(#[from] crate::ontology::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::NoToken => Some(
                "put a secret in a file and pass --token-file FILE (or set FACTGRAPH_TOKEN); writes must then send `Authorization: Bearer <secret>`".into(),
            ),
            Self::Cors(_) => Some("give an origin such as https://example.org, or `*`".into()),
            Self::Store(err) => err.help(),
            Self::Bind { .. } | Self::Io(_) | Self::Ontology(_) => None,
        }
    }
}

/// The entity graph as of some write.
pub(crate) struct Graph {
    pub projection: Arc<Projection>,
}

impl Graph {
    fn of(projection: Arc<Projection>) -> Self {
        Self { projection }
    }
}

/// What every request shares.
pub(crate) struct Shared {
    store: Store,
    ontology: &'static Ontology,
    config: Config,
    slots: Arc<Semaphore>,
    deadlines: deadline::Deadlines,
    update_deadlines: deadline::Deadlines,
    /// One writer at a time; readers never wait for it (Oxigraph reads from snapshots).
    writer: Mutex<()>,
    /// The stored entities by name, for resolving uploads; dropped by other writes, which may
    /// change entities behind its back, and read again on the next upload.
    known: Mutex<Option<KnownIndex>>,
    /// Built on the first article upload, with the entities the store held then.
    extractor: OnceLock<Arc<Extractor>>,
    entity_graph: Refresher<Graph>,
    /// Where queries run, off the async threads.
    workers: workers::Workers,
}

impl Shared {
    fn new(store: Store, config: Config) -> Result<Self, Error> {
        let ontology = Ontology::embedded()?;
        Ok(Self {
            entity_graph: Refresher::new(store.clone(), ontology, Graph::of, log_refresh),
            store,
            ontology,
            slots: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            deadlines: deadline::Deadlines::start(config.query_timeout)?,
            update_deadlines: deadline::Deadlines::start(config.update_timeout)?,
            config,
            writer: Mutex::new(()),
            known: Mutex::new(None),
            extractor: OnceLock::new(),
            // Queries are parsed and evaluated on these threads: their stacks hold the deepest
            // text `store` lets through (see `store::STACK_BYTES`).
            workers: workers::Workers::new(store::STACK_BYTES),
        })
    }

    /// A place among the requests answered at once, or 503.
    fn slot(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        self.slots.clone().try_acquire_owned().map_err(|_| {
            ApiError::busy(format!(
                "the server is answering its limit of {} requests at once; try again shortly, or start it with a larger --max-concurrent",
                self.config.max_concurrent
            ))
        })
    }

    /// Writes go through here: one at a time, and the entity graph is brought up to date after each.
    fn write<T>(
        self: &Arc<Self>,
        work: impl FnOnce(&Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.write_with_index(|store, known| {
            *known = None;
            work(store)
        })
    }

    /// A write that keeps the index of stored entities up to date itself (uploads).
    fn write_with_index<T>(
        self: &Arc<Self>,
        work: impl FnOnce(&Store, &mut Option<KnownIndex>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let outcome = {
            let _writer = self.writer_within_update_timeout()?;
            let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
            work(&self.store, &mut known)
        };
        self.entity_graph.after_write();
        outcome
    }

    /// The writer's place, waited for at most the update timeout: a write stuck behind another
    /// for longer gets 503 instead of holding its client and its thread without end.
    fn writer_within_update_timeout(&self) -> Result<std::sync::MutexGuard<'_, ()>, ApiError> {
        let patience = self.config.update_timeout;
        let given_up = Instant::now() + patience;
        loop {
            match self.writer.try_lock() {
                Ok(guard) => return Ok(guard),
                Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                    return Ok(poisoned.into_inner());
                }
                Err(std::sync::TryLockError::WouldBlock) if Instant::now() >= given_up => {
                    return Err(ApiError::busy(format!(
                        "another write has held the store for more than {} s; try again later",
                        patience.as_secs()
                    )));
                }
                Err(std::sync::TryLockError::WouldBlock) => {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        }
    }

    /// The entity graph, answered from the last one made while it is brought up to date in
    /// the background after writes.
    fn graph(&self) -> Result<Arc<Graph>, ApiError> {
        self.entity_graph.graph().map_err(|err| match err {
            RefreshError::Closing => ApiError::busy("the server is shutting down".to_owned()),
            err => ApiError::internal(err.to_string()),
        })
    }

    /// The extractor for article uploads.
    fn extractor(&self) -> Result<Arc<Extractor>, ApiError> {
        if let Some(extractor) = self.extractor.get() {
            return Ok(extractor.clone());
        }
        let stored = self
            .store
            .known_entities(self.ontology)
            .map_err(ApiError::internal)?;
        let built =
            Extractor::new(known_names(stored, self.ontology)).map_err(ApiError::internal)?;
        Ok(self.extractor.get_or_init(|| Arc::new(built)).clone())
    }

    /// Lets a write through when the server is writable and the caller shows its token.
    fn authorize(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let forbidden = |message: &str| ApiError::new(StatusCode::FORBIDDEN, message);
        let expected = match (&self.config.token, self.config.writable) {
            (Some(token), true) => token,
            _ => {
                return Err(forbidden(
                    "this server is read-only; start it with `factgraph serve --writable --token-file FILE` to accept writes",
                ));
            }
        };
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        match presented {
            None => Err(forbidden(
                "writes need the header `Authorization: Bearer <token>` with the server's token",
            )),
            Some(token) if same_secret(token.as_bytes(), expected.as_bytes()) => Ok(()),
            Some(_) => Err(forbidden("the bearer token is not this server's token")),
        }
    }
}

/// Compares in time that depends only on the lengths, so that a caller cannot find the token
/// byte by byte from how long refusals take.
fn same_secret(presented: &[u8], expected: &[u8]) -> bool {
    let mut difference = u8::from(presented.len() != expected.len());
    for (index, byte) in expected.iter().enumerate() {
        let other = presented.get(index).copied().unwrap_or(!byte);
        difference |= std::hint::black_box(byte ^ other);
    }
    difference == 0
}

/// Reads a request body up to the server's limit. A larger body is still read to its end
/// (up to four times the limit) and dropped, so that a client sending all of it before reading
/// the answer gets the 413 rather than a broken connection.
async fn read_body(shared: &Shared, mut body: Body) -> Result<Bytes, ApiError> {
    let limit = shared.config.max_body;
    let drain_limit = limit.saturating_mul(4);
    let mut kept = Vec::new();
    let mut total = 0usize;
    let pause = shared.config.read_timeout;
    loop {
        let Ok(next) = tokio::time::timeout(pause, body.frame()).await else {
            return Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body stalled: nothing arrived for {} s; send it without pauses",
                    pause.as_secs()
                ),
            ));
        };
        let Some(frame) = next else { break };
        let frame = frame
            .map_err(|err| ApiError::bad_request(format!("cannot read the request body: {err}")))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(data.len());
        if total <= limit {
            kept.extend_from_slice(&data);
        } else if total > drain_limit {
            break;
        }
    }
    if total > limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body is larger than the server's limit of {limit} bytes; send less, or start the server with a larger --max-body-mb"
            ),
        ));
    }
    Ok(Bytes::from(kept))
}

/// Runs a read on a blocking thread, within the server's limit of requests answered at once.
async fn read_in_slot<T: Send + 'static>(
    shared: &Arc<Shared>,
    work: impl FnOnce(Arc<Shared>) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let slot = shared.slot()?;
    let shared = shared.clone();
    respond::blocking(move || {
        let _slot = slot;
        work(shared)
    })
    .await
}

/// The media type of a request's `Content-Type`, lower-cased, without parameters.
fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

fn accept(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())
}

/// `name=value` pairs of a query string or form body; repeated names kept.
fn form_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The log's line for a refresh of the entity graph.
fn log_refresh(refreshed: Refreshed<'_>) {
    match refreshed {
        Refreshed::Ready {
            patched,
            articles,
            edges,
            took,
        } => log_line(&serde_json::json!({
            "event": "entity graph ready",
            "how": if patched { "patched" } else { "built" },
            "articles": articles,
            "edges": edges,
            "ms": took.as_secs_f64() * 1000.0,
        })),
        Refreshed::Failed(err) => log_line(
            &serde_json::json!({ "event": "graph build failed", "error": err.to_string() }),
        ),
    }
}

/// Lines of the log not yet written, gathered for [`LOG_PAUSE`] and then written at once by a
/// thread of their own: one system call for the lines of many requests, where a call per line
/// cost a point lookup about a twentieth of its time.
static PENDING_LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// How long a line may wait for others before it is written.
const LOG_PAUSE: Duration = Duration::from_millis(10);

/// Past this many bytes waiting (stderr blocked, say), the request that logs writes them
/// itself, waiting as it did before lines were gathered, rather than letting them grow.
const LOG_BACKLOG: usize = 1024 * 1024;

/// The thread that writes the gathered lines, started with the first line.
fn log_writer() -> Option<&'static std::thread::Thread> {
    static WRITER: OnceLock<Option<std::thread::Thread>> = OnceLock::new();
    WRITER
        .get_or_init(|| {
            std::thread::Builder::new()
                .name("log-writer".into())
                .spawn(|| {
                    loop {
                        // Woken by the first line of a batch; the pause gathers the rest.
                        std::thread::park();
                        std::thread::sleep(LOG_PAUSE);
                        flush_log();
                    }
                })
                .ok()
                .map(|handle| handle.thread().clone())
        })
        .as_ref()
}

/// Writes the lines gathered so far. The batch is taken with stderr held, so that batches
/// reach it in the order they were gathered.
fn flush_log() {
    let mut stderr = std::io::stderr().lock();
    let batch = std::mem::take(&mut *PENDING_LOG.lock().unwrap_or_else(PoisonError::into_inner));
    if !batch.is_empty() {
        // The log is best effort: a closed stderr must not fail requests.
        let _ = stderr.write_all(&batch);
    }
}

fn log_line(line: &impl serde::Serialize) {
    let (first, backlog) = {
        let mut pending = PENDING_LOG.lock().unwrap_or_else(PoisonError::into_inner);
        let start = pending.len();
        if serde_json::to_writer(&mut *pending, line).is_err() {
            pending.truncate(start);
            return;
        }
        pending.push(b'\n');
        (start == 0, pending.len() > LOG_BACKLOG)
    };
    match log_writer() {
        Some(writer) if !backlog => {
            if first {
                writer.unpark();
            }
        }
        // No thread to write for us, or it is behind: write now, as lines were once written.
        _ => flush_log(),
    }
}

/// A line of the access log, in the order its fields are written; a struct rather than a
/// `json!` map, which would allocate each key and value on every request.
#[derive(serde::Serialize)]
struct Access<'a> {
    time: f64,
    remote: Option<SocketAddr>,
    method: &'a str,
    path: &'a str,
    status: u16,
    ms: f64,
}

/// One JSON line per request on stderr: when, who, what, the status and how long until the
/// answer's head was ready.
async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let remote = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let time = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    log_line(&Access {
        time: (time * 1000.0).round() / 1000.0,
        remote,
        method: method.as_str(),
        path: &path,
        status: response.status().as_u16(),
        ms: (started.elapsed().as_secs_f64() * 1e6).round() / 1000.0,
    });
    response
}

/// Whether a request's `Host` names this server: a loopback name, the bound address, or a host
/// of `--allow-host`. A page on another site that rebinds its own name to 127.0.0.1 sends its
/// own name, so refusing unknown names keeps such pages from reading a loopback server.
fn host_allowed(host: &str, config: &Config) -> bool {
    let name = host_name(host).trim_end_matches('.');
    let ends_with_localhost = name.len() >= "localhost".len()
        && name.as_bytes()[name.len() - "localhost".len()..].eq_ignore_ascii_case(b"localhost");
    if ends_with_localhost
        && (name.len() == "localhost".len()
            || name.as_bytes()[name.len() - "localhost".len() - 1] == b'.')
    {
        return true;
    }
    if let Ok(ip) = name.parse::<std::net::IpAddr>() {
        if ip.is_loopback() || ip == config.bind.ip() {
            return true;
        }
    }
    config
        .allowed_hosts
        .iter()
        .any(|allowed| allowed.trim_end_matches('.').eq_ignore_ascii_case(name))
}

/// The name of a `Host` header without its port: `[::1]:7878` → `::1`, `localhost:7878` →
/// `localhost`.
fn host_name(host: &str) -> &str {
    match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    }
}

async fn check_host(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    // HTTP/1.0 clients may send no Host; browsers always send one.
    let refused = request.headers().get(header::HOST).and_then(|value| {
        let host = value.to_str().unwrap_or("(not text)");
        (!host_allowed(host, &shared.config)).then(|| host.to_owned())
    });
    match refused {
        Some(host) => ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "this server does not answer to the host `{host}`; if that name is meant to reach it, start it with --allow-host {}",
                host_name(&host)
            ),
        )
        .into_response(),
        None => next.run(request).await,
    }
}

fn router(shared: Arc<Shared>) -> Result<Router, Error> {
    let mut router = routes::dispatch(routes::routes())
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            check_host,
        ))
        .layer(axum::middleware::from_fn(access_log));
    if let Some(origin) = &shared.config.cors {
        let allowed = if origin == "*" {
            AllowOrigin::any()
        } else {
            AllowOrigin::exact(
                HeaderValue::from_str(origin).map_err(|_| Error::Cors(origin.clone()))?,
            )
        };
        router = router.layer(
            CorsLayer::new()
                .allow_origin(allowed)
                .allow_methods([
                    Method::GET,
                    Method::HEAD,
                    Method::POST,
                    Method::PUT,
                    Method::DELETE,
                ])
                .allow_headers([header::ACCEPT, header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    Ok(router.with_state(shared))
}

/// Serves until Ctrl-C or SIGTERM, then stops accepting and finishes the requests in flight,
/// for at most the longer of the query and update timeouts and five seconds more. `on_listening` learns the bound address
/// (useful with port 0).
pub fn serve(
    store: Store,
    config: Config,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    if config.writable && config.token.as_deref().is_none_or(str::is_empty) {
        return Err(Error::NoToken);
    }
    let drain = config.query_timeout.max(config.update_timeout) + Duration::from_secs(5);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Queries are parsed and evaluated on these threads: their stacks hold the deepest
        // text `store` lets through (see `store::STACK_BYTES`).
        .thread_stack_size(store::STACK_BYTES)
        .build()?;
    let mut closing = None;
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| Error::Bind {
                addr: config.bind,
                source,
            })?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared::new(store, config)?);
        closing = Some(shared.clone());
        let app = router(shared.clone())?;
        // The first search should not wait for the graph: build it now.
        shared.entity_graph.after_write();
        on_listening(address);
        accept_until_shutdown(listener, app, &shared.config, drain).await;
        Ok::<_, Error>(())
    });
    if let Some(shared) = &closing {
        shared.entity_graph.stop();
    }
    // Queries whose clients left may still be winding down on blocking threads.
    runtime.shutdown_timeout(Duration::from_secs(5));
    if let Some(shared) = closing {
        shared.entity_graph.close();
    }
    flush_log();
    result
}

/// Accepts connections until a shutdown signal, then lets those open finish for up to `drain`.
/// Each connection must send a request's head within the read timeout, and at most
/// `max_connections` are open at once: slow or idle clients cannot take every socket.
async fn accept_until_shutdown(
    listener: tokio::net::TcpListener,
    app: Router,
    config: &Config,
    drain: Duration,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};

    let open = Arc::new(Semaphore::new(config.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let shutdown = shutdown_requested();
    tokio::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, most often: wait for connections to close.
                    log_line(&serde_json::json!({ "event": "accept failed", "error": err.to_string() }));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tokio::spawn(refuse_connection(stream, config.max_connections));
            continue;
        };
        let app = app.clone();
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(remote));
                let mut app = app.clone();
                async move { tower_service::Service::call(&mut app, request.map(Body::new)).await }
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(config.read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(drain, graceful.shutdown())
        .await
        .is_err()
    {
        log_line(&serde_json::json!({
            "event": "shut down",
            "detail": format!("closed the connections still open after {} s", drain.as_secs()),
        }));
    }
}

/// Answers a connection over the limit with 503 and closes it.
async fn refuse_connection(mut stream: tokio::net::TcpStream, limit: usize) {
    use tokio::io::AsyncWriteExt;
    let message = format!(
        "the server has its limit of {limit} connections open; try again shortly, or start it with a larger --max-connections\n"
    );
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{message}",
        message.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(answer.as_bytes())).await;
}

async fn shutdown_requested() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    log_line(
        &serde_json::json!({ "event": "shutting down", "detail": "finishing the requests in flight" }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_the_bound_address_and_allowed_hosts_are_answered() {
        let mut config = Config::new(([127, 0, 0, 1], 7878).into());
        config.allowed_hosts = vec!["Graph.Example.org.".to_owned()];
        for host in [
            "localhost",
            "LOCALHOST:7878",
            "localhost.",
            "viewer.localhost:7878",
            "a.b.LocalHost",
            "127.0.0.1:7878",
            "127.0.0.2",
            "[::1]:7878",
            "graph.example.org",
            "GRAPH.EXAMPLE.ORG.:443",
        ] {
            assert!(host_allowed(host, &config), "{host}");
        }
        for host in [
            "evillocalhost",
            "localhost.evil.example",
            "example.org",
            "10.0.0.1:7878",
            "graph.example.org.evil",
            "",
        ] {
            assert!(!host_allowed(host, &config), "{host}");
        }
    }

    #[test]
    fn secrets_match_only_when_equal() {
        assert!(same_secret(b"s3cret", b"s3cret"));
        assert!(!same_secret(b"s3cre", b"s3cret"));
        assert!(!same_secret(b"s3cret!", b"s3cret"));
        assert!(!same_secret(b"S3cret", b"s3cret"));
        assert!(!same_secret(b"", b"s3cret"));
    }
}
