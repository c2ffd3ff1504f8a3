//! Each connection served on a thread of its own, as long as it stays open.
//!
//! On tokio's shared threads every query went to a query thread and its answer came back: two
//! wake-ups of sleeping threads a request, which in a profile of point lookups cost about a
//! sixth of the server's time, beside the query's own work. A connection here has a thread
//! (from the query threads of [`Workers`], reused when it closes) that reads its requests,
//! answers them with a small single-threaded runtime of its own, and may run a query there
//! and then ([`inline_allowed`]), since nothing else waits on that thread. Keep-alive clients
//! then pay for no hand-off at all; a client that opens a connection for each request pays
//! for one hand-off of the connection, as it paid for one of the query before.

use std::cell::RefCell;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::Watcher;
use tokio::runtime::Handle;
use tokio::sync::OwnedSemaphorePermit;

use super::workers::Workers;

thread_local! {
    /// While this thread serves a connection: the server's main runtime, for blocking work
    /// that must outlive the connection's own runtime (see [`blocking_runtime`]).
    static SERVING: RefCell<Option<Handle>> = const { RefCell::new(None) };
}

/// Whether the current thread serves one connection and nothing else, so that a request may
/// block it for a short query rather than hand the query to another thread.
pub(super) fn inline_allowed() -> bool {
    SERVING.with(|serving| serving.borrow().is_some())
}

/// The runtime whose blocking threads take the server's blocking work: the main one, also
/// from a connection's thread, whose own runtime ends with the connection.
pub(super) fn blocking_runtime() -> Option<Handle> {
    SERVING.with(|serving| serving.borrow().clone())
}

/// What a connection's thread needs besides the socket.
pub(super) struct Serve {
    pub app: Router,
    pub remote: SocketAddr,
    pub read_timeout: Duration,
    pub watcher: Watcher,
    /// The server's place for this connection, given back when it closes.
    pub permit: OwnedSemaphorePermit,
    pub main: Handle,
}

/// Hands an accepted connection to a thread of its own. Taken off the async runtime's
/// reactor here, it joins the reactor of its thread's runtime there.
pub(super) fn hand_off(
    workers: &Workers,
    stream: tokio::net::TcpStream,
    serve: Serve,
) -> Result<(), String> {
    let stream = stream
        .into_std()
        .map_err(|err| format!("cannot take the connection off the runtime: {err}"))?;
    workers
        .run(move || {
            // A panic in a handler ends this connection, as it ended the connection's task
            // before, and not the thread, which goes back to the pool.
            let _ = std::panic::catch_unwind(AssertUnwindSafe(|| serve_here(stream, serve)));
            SERVING.with(|serving| serving.borrow_mut().take());
        })
        .map_err(|err| format!("cannot start a thread for the connection: {err}"))
}

fn serve_here(stream: std::net::TcpStream, serve: Serve) {
    let Serve {
        app,
        remote,
        read_timeout,
        watcher,
        permit,
        main,
    } = serve;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            super::log_line(&serde_json::json!({
                "event": "connection dropped",
                "error": format!("cannot start a runtime for it: {err}"),
            }));
            return;
        }
    };
    SERVING.with(|serving| *serving.borrow_mut() = Some(main));
    runtime.block_on(async move {
        let Ok(stream) = tokio::net::TcpStream::from_std(stream) else {
            return;
        };
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(remote));
                let mut app = app.clone();
                async move { tower_service::Service::call(&mut app, request.map(Body::new)).await }
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let _ = watcher.watch(connection).await;
    });
    SERVING.with(|serving| serving.borrow_mut().take());
    drop(permit);
}
