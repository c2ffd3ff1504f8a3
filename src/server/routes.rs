//! Every endpoint of the server in one table: the router dispatches by it, and the answer to an
//! unknown path lists the endpoints from it, so the two cannot drift apart.

use std::sync::Arc;

use axum::Router;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, delete, get, post};

use super::respond::ApiError;
use super::{Shared, api, graph_store, merges, sparql, viewer};

/// The HTTP methods a route answers.
#[derive(Debug, Clone, Copy)]
enum Method {
    /// GET, and HEAD with it.
    Get,
    Post,
    Delete,
    /// Every method; the handler sorts them out (the Graph Store Protocol).
    Any,
}

/// Whether the answer to an unknown path names a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    Yes,
    /// Another name for a listed endpoint, or a part of one (`/api/articles/{id}`).
    No,
}

pub(super) struct Route {
    path: &'static str,
    handler: MethodRouter<Arc<Shared>>,
    listed: Listed,
}

fn route<H, T>(method: Method, path: &'static str, handler: H, listed: Listed) -> Route
where
    H: Handler<T, Arc<Shared>>,
    T: 'static,
{
    let handler = match method {
        Method::Get => get(handler),
        Method::Post => post(handler),
        Method::Delete => delete(handler),
        Method::Any => any(handler),
    };
    Route {
        path,
        handler,
        listed,
    }
}

/// The server's endpoints, each with what it does: the protocols first, the viewer's pages last.
#[rustfmt::skip]
pub(super) fn routes() -> Vec<Route> {
    use Listed::{No, Yes};
    use Method::{Any, Delete, Get, Post};
    vec![
        route(Get, "/sparql", sparql::get, Yes),                      // SPARQL 1.1 query
        route(Post, "/sparql", sparql::post, Yes),                    // SPARQL 1.1 query
        route(Get, "/query", sparql::get, No),                        // the same, as other stores name it
        route(Post, "/query", sparql::post, No),                      // the same, as other stores name it
        route(Post, "/update", sparql::update, Yes),                  // SPARQL 1.1 Update
        route(Any, "/store", graph_store::handle, Yes),               // Graph Store HTTP Protocol
        route(Get, "/api/path", api::path, Yes),                      // paths between two entities
        route(Get, "/api/neighbors", api::neighbors, Yes),            // an entity's neighbourhood
        route(Get, "/api/entities", api::entities, Yes),              // entities by a name's start
        route(Get, "/api/articles", api::articles, Yes),              // the stored articles
        route(Post, "/api/articles", api::add_article, Yes),          // ingest an article or a sheet
        route(Delete, "/api/articles/{id}", api::remove_article, No), // remove an article
        route(Get, "/api/stats", api::stats, Yes),                    // counts of the store
        route(Get, "/api/merges", merges::list, Yes),                 // the recorded merges
        route(Post, "/api/merges", merges::add, Yes),                 // merge two entities
        route(Delete, "/api/merges/{number}", merges::remove, No),    // undo a merge
        route(Get, "/", viewer::home, Yes),                           // the viewer's home page
        route(Get, "/view/entity", viewer::entity, Yes),              // an entity's page
        route(Get, "/view/path", viewer::path, Yes),                  // paths between two entities
        route(Get, "/view/article", viewer::article, Yes),            // an article's page
        route(Get, "/view/articles", viewer::articles, Yes),          // the list of articles
        route(Get, "/view/sparql", viewer::sparql, Yes),              // a form for SPARQL queries
        route(Get, "/view/static/{file}", viewer::asset, No),         // the viewer's script and style
    ]
}

/// A router dispatching `routes`, with the unknown-path answer built from them.
pub(super) fn dispatch(routes: Vec<Route>) -> Router<Arc<Shared>> {
    let unknown = unknown_path_message(&routes);
    let mut router = Router::new();
    for route in routes {
        // Routes on one path with different methods are merged by axum.
        router = router.route(route.path, route.handler);
    }
    router.fallback(move || std::future::ready(not_found(&unknown)))
}

fn not_found(message: &str) -> Response {
    ApiError::new(StatusCode::NOT_FOUND, message).into_response()
}

/// "no such endpoint; …" naming the listed endpoints: the protocols' paths, with those under
/// one folder (`/api/…`) written once as `/api/{path,neighbors,…}`, then the viewer's pages.
fn unknown_path_message(routes: &[Route]) -> String {
    let mut paths: Vec<&str> = Vec::new();
    for route in routes.iter().filter(|r| r.listed == Listed::Yes) {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    let (pages, endpoints): (Vec<&str>, Vec<&str>) = paths
        .into_iter()
        .partition(|path| *path == "/" || path.starts_with("/view/"));
    let endpoints = folded(&endpoints);
    let (last, first) = endpoints
        .split_last()
        .map_or(("", &[][..]), |(l, f)| (l, f));
    let pages = folded(&pages);
    let (home, pages) = pages.split_first().map_or(("", &[][..]), |(h, p)| (h, p));
    format!(
        "no such endpoint; this server answers {} and {last}; the viewer for people is at {home} (pages {})",
        first.join(", "),
        pages.join(", ")
    )
}

/// Paths in order, those in the same folder folded into one: `/api/a`, `/api/b` →
/// `/api/{a,b}`, at the place of the first.
fn folded(paths: &[&str]) -> Vec<String> {
    let mut folders: Vec<(&str, Vec<&str>)> = Vec::new();
    for path in paths {
        match path.rsplit_once('/') {
            Some((folder, name)) if !folder.is_empty() => {
                match folders
                    .iter_mut()
                    .find(|(f, names)| *f == folder && !names.is_empty())
                {
                    Some((_, names)) => names.push(name),
                    None => folders.push((folder, vec![name])),
                }
            }
            _ => folders.push((path, Vec::new())),
        }
    }
    folders
        .into_iter()
        .map(|(folder, names)| {
            if names.is_empty() {
                folder.to_owned()
            } else {
                format!("{folder}/{{{}}}", names.join(","))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::extract::Request;
    use axum::http::header;
    use http_body_util::BodyExt;

    use super::*;
    use crate::ingest::{self, Input, Inputs, Options};
    use crate::server::Config;
    use crate::store::Store;

    const SHEET: &str = "atf-2021-01-06-alipay-ban.json";

    /// A server's router over a store holding one sheet, called without a socket.
    struct Handlers {
        shared: Arc<Shared>,
        router: Router,
        runtime: tokio::runtime::Runtime,
        _dir: tempfile::TempDir,
    }

    impl Handlers {
        fn new(config: Config) -> Self {
            let dir = tempfile::tempdir().expect("temporary directory");
            let store = Store::open(dir.path()).expect("store");
            let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/sheets")
                .join(SHEET);
            let inputs = Inputs {
                sheets: vec![Input::File(sheet)],
                ..Inputs::default()
            };
            let options = Options {
                base: config.base.clone(),
                lenient: false,
                dry_run: false,
            };
            let report =
                ingest::ingest(&inputs, Some(&store), &options, &mut |_| {}).expect("ingest");
            assert!(!report.has_errors(), "{:?}", report.diagnostics);
            let shared = Arc::new(Shared::new(store, config).expect("shared"));
            let router = super::super::router(shared.clone()).expect("router");
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            Self {
                shared,
                router,
                runtime,
                _dir: dir,
            }
        }

        /// The status, content type and body of the answer to `request`.
        fn call(&self, request: Request) -> (StatusCode, String, String) {
            let mut router = self.router.clone();
            self.runtime.block_on(async move {
                let response = tower_service::Service::call(&mut router, request)
                    .await
                    .expect("infallible");
                let status = response.status();
                let content_type = response
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let body = response.into_body().collect().await.expect("body");
                let body = String::from_utf8(body.to_bytes().to_vec()).expect("UTF-8 body");
                (status, content_type, body)
            })
        }

        fn get(&self, uri: &str) -> (StatusCode, String, String) {
            self.call(Request::get(uri).body(Body::empty()).expect("request"))
        }
    }

    impl Drop for Handlers {
        fn drop(&mut self) {
            self.shared.entity_graph.close();
        }
    }

    fn read_only() -> Handlers {
        Handlers::new(Config::new(([127, 0, 0, 1], 0).into()))
    }

    #[test]
    fn a_query_is_answered() {
        let handlers = read_only();
        let query = "SELECT ?app WHERE { ?order <https://w3id.org/factgraph/ontology#bans> ?app }";
        let uri = format!(
            "/sparql?query={}",
            form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
        );
        let request = Request::get(uri)
            .header(header::ACCEPT, "application/sparql-results+json")
            .body(Body::empty())
            .expect("request");
        let (status, content_type, body) = handlers.call(request);
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(content_type.starts_with("application/sparql-results+json"));
        assert!(
            body.contains("https://w3id.org/factgraph/entity/alipay"),
            "{body}"
        );
    }

    #[test]
    fn an_upload_without_a_token_is_refused() {
        let mut config = Config::new(([127, 0, 0, 1], 0).into());
        config.writable = true;
        config.token = Some("s3cret".to_owned());
        let handlers = Handlers::new(config);
        let request = Request::post("/api/articles")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("President Trump signed an order."))
            .expect("request");
        let (status, _, body) = handlers.call(request);
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert!(body.contains("Authorization: Bearer"), "{body}");
    }

    #[test]
    fn an_unknown_path_lists_the_endpoints() {
        let handlers = read_only();
        let (status, _, body) = handlers.get("/nowhere");
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            body.contains(
                "no such endpoint; this server answers /sparql, /update, /store and /api/{path,neighbors,entities,articles,stats,merges}; the viewer for people is at / (pages /view/{entity,path,article,articles,sparql})"
            ),
            "{body}"
        );
    }

    #[test]
    fn the_viewer_serves_its_pages() {
        let handlers = read_only();
        let (status, content_type, body) = handlers.get("/");
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(body.contains("<h1>The knowledge graph</h1>"), "{body}");
        let (status, _, body) = handlers.get("/view/entity?name=Alipay");
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("Alipay"), "{body}");
    }
}
