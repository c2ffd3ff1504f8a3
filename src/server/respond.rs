//! Responses: errors as people and programs read them, and bodies written by blocking code
//! (Oxigraph's serializers) that are sent whole when small and streamed when large.

use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use tokio::sync::{mpsc, oneshot};

use super::workers::Workers;
use crate::store;

/// Answers up to this size are sent whole, so that an error found while writing them still
/// gets its status code; larger ones are streamed in chunks of this size.
const CHUNK: usize = 64 * 1024;

/// An error answer: a status and a message that says what to do.
#[derive(Debug)]
pub(super) struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The JSON API answers `{"error": …}`; the SPARQL endpoints plain text.
    pub json: bool,
    /// Busy rather than wrong: the client may try again in a moment.
    pub retry: bool,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            json: false,
            retry: false,
        }
    }

    pub fn busy(message: impl Into<String>) -> Self {
        Self {
            retry: true,
            ..Self::new(StatusCode::SERVICE_UNAVAILABLE, message)
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string())
    }

    pub fn in_json(mut self) -> Self {
        self.json = true;
        self
    }

    /// A store error, with the status that says whose fault it is.
    pub fn from_store(err: store::Error, timeout_seconds: u64) -> Self {
        match err {
            store::Error::Syntax(message) => {
                Self::bad_request(format!("SPARQL syntax error {message}"))
            }
            store::Error::Cancelled => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query ran longer than the server's limit of {timeout_seconds} s; narrow it (LIMIT, more specific patterns) or start the server with a larger --timeout"
                ),
            ),
            store::Error::TooComplex(message) => {
                Self::bad_request(format!("the query is too complex: {message}"))
            }
            store::Error::OverMemory(_) => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("{err}, or start the server with a larger --max-query-memory"),
            ),
            store::Error::OntologyGraph(_) => Self::new(StatusCode::FORBIDDEN, err.to_string()),
            store::Error::TooManyResults(max) => Self::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the query gives more than {max} results, the server's limit; add LIMIT/OFFSET to page through them, or start the server with a larger --max-results"
                ),
            ),
            store::Error::Evaluation(message) => Self::bad_request(message),
            other => Self::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (content_type, body) = if self.json {
            (
                "application/json",
                serde_json::json!({ "error": self.message }).to_string(),
            )
        } else {
            ("text/plain; charset=utf-8", format!("{}\n", self.message))
        };
        let mut response = (self.status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        if self.retry {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// How the first part of an answer arrives from the blocking writer.
enum Start {
    Whole(Vec<u8>),
    /// The first chunk, and where the rest come from.
    Streaming(Vec<u8>, mpsc::Receiver<io::Result<Bytes>>),
    Failed(ApiError),
}

/// The `Write` end handed to blocking code.
pub(super) struct ChunkWriter {
    buffer: Vec<u8>,
    start: Option<oneshot::Sender<Start>>,
    /// Made with the first chunk: most answers go whole and need no channel.
    rest: Option<mpsc::Sender<io::Result<Bytes>>>,
}

fn client_gone() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the client went away")
}

impl ChunkWriter {
    fn send_chunk(&mut self) -> io::Result<()> {
        let chunk = std::mem::take(&mut self.buffer);
        match (self.start.take(), &self.rest) {
            (Some(start), _) => {
                let (rest, receiver) = mpsc::channel(4);
                self.rest = Some(rest);
                start
                    .send(Start::Streaming(chunk, receiver))
                    .map_err(|_| client_gone())
            }
            (None, Some(rest)) => rest
                .blocking_send(Ok(Bytes::from(chunk)))
                .map_err(|_| client_gone()),
            (None, None) => Err(client_gone()),
        }
    }

    fn finish(mut self, outcome: Result<(), ApiError>) {
        // A send fails only when the client is gone, and then nobody is left to tell.
        match (self.start.take(), outcome) {
            (Some(start), Ok(())) => drop(start.send(Start::Whole(self.buffer))),
            (Some(start), Err(err)) => drop(start.send(Start::Failed(err))),
            (None, Ok(())) => {
                if let (Some(rest), false) = (&self.rest, self.buffer.is_empty()) {
                    drop(rest.blocking_send(Ok(Bytes::from(self.buffer))));
                }
            }
            // The status line has gone out: breaking the connection is the only way left to
            // tell the client that the body is incomplete.
            (None, Err(err)) => {
                if let Some(rest) = &self.rest {
                    drop(rest.blocking_send(Err(io::Error::other(err.message))));
                }
            }
        }
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.start.as_ref().is_some_and(oneshot::Sender::is_closed) {
            return Err(client_gone());
        }
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send_chunk()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A streamed body: the first chunk, then what the writer sends.
struct ChannelBody {
    first: Option<Bytes>,
    rest: mpsc::Receiver<io::Result<Bytes>>,
}

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(Ok(Frame::data(first))));
        }
        self.rest
            .poll_recv(cx)
            .map(|item| item.map(|chunk| chunk.map(Frame::data)))
    }
}

/// Runs `write` on a blocking thread and answers with what it writes, labelled `content_type`.
/// `write`'s error becomes the answer when it happens before the first chunk has gone out.
pub(super) async fn blocking_body(
    workers: &Workers,
    content_type: &'static str,
    write: impl FnOnce(&mut ChunkWriter) -> Result<(), ApiError> + Send + 'static,
) -> Response {
    blocking_body_within(workers, content_type, None, write).await
}

/// How long past its limit a request waits before it answers 503 itself: time for the work's
/// own cancellation, which says more, to answer first.
pub(super) const PAST_LIMIT: std::time::Duration = std::time::Duration::from_secs(1);

/// [`blocking_body`] that answers 503 when nothing has come out `limit` (and a second) after
/// the start. A query's own cancellation answers first, as a rule; this is for work that holds
/// no cancellation point, such as a long sort, which then ends on its own thread unobserved.
pub(super) async fn blocking_body_within(
    workers: &Workers,
    content_type: &'static str,
    limit: Option<std::time::Duration>,
    write: impl FnOnce(&mut ChunkWriter) -> Result<(), ApiError> + Send + 'static,
) -> Response {
    let (start_sender, start) = oneshot::channel();
    let started = workers.run(move || {
        let mut writer = ChunkWriter {
            buffer: Vec::new(),
            start: Some(start_sender),
            rest: None,
        };
        let outcome = write(&mut writer);
        writer.finish(outcome);
    });
    if let Err(err) = started {
        return ApiError::internal(format!("cannot start a thread for the request: {err}"))
            .into_response();
    }
    let started = match limit {
        Some(limit) => match tokio::time::timeout(limit + PAST_LIMIT, start).await {
            Ok(started) => started,
            Err(_) => {
                return ApiError::from_store(store::Error::Cancelled, limit.as_secs())
                    .into_response();
            }
        },
        None => start.await,
    };
    let body = match started {
        Ok(Start::Whole(bytes)) => Body::from(bytes),
        Ok(Start::Streaming(first, rest)) => Body::new(ChannelBody {
            first: Some(Bytes::from(first)),
            rest,
        }),
        Ok(Start::Failed(err)) => return err.into_response(),
        Err(_) => {
            return ApiError::internal("the request's worker stopped unexpectedly").into_response();
        }
    };
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// Runs blocking work (store writes, graph searches) off the async threads.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        Err(ApiError::internal(
            "the request's worker stopped unexpectedly",
        ))
    })
}
