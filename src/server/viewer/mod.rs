//! The read-only viewer: HTML pages for people, served beside the SPARQL endpoint and the JSON
//! API. An entity search with completion (`/api/entities`), entity pages, path pages, article
//! pages and a SPARQL page.
//!
//! Pages are written on the server, every piece of data escaped; a small script of our own
//! (`assets/viewer.js`, compiled into the binary as the style sheet is) completes names, draws
//! neighbourhoods and paths in SVG and runs SPARQL queries through `/sparql`. Nothing is fetched
//! from anywhere else, and nothing on these pages writes: they read the store through the same
//! calls as `factgraph neighbors`, `path` and `query`, within the server's limits.

mod article;
mod entity;
mod html;
mod path;
mod sparql;

use std::sync::Arc;

use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::api::Params;
use super::respond::ApiError;
use super::{Shared, form_pairs, read_in_slot};
use html::{error_page, escape, frame, html_response, with_safety_headers};

/// The viewer's own files, compiled in.
const ASSETS: [(&str, &str, &str); 3] = [
    (
        "viewer.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/viewer.js"),
    ),
    (
        "viewer.css",
        "text/css; charset=utf-8",
        include_str!("assets/viewer.css"),
    ),
    ("icon.svg", "image/svg+xml", include_str!("assets/icon.svg")),
];

/// `GET /view/static/{file}`.
pub(super) async fn asset(UrlPath(file): UrlPath<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, media, text)) => {
            let mut response = (*text).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            with_safety_headers(response)
        }
        None => error_page(
            StatusCode::NOT_FOUND,
            &format!("the viewer has no file `{file}`"),
            "",
        ),
    }
}

/// The parameters of a page's query string; empty ones (a form's blank fields) count as absent.
fn params(raw: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
    let pairs = form_pairs(raw.unwrap_or_default().as_bytes())
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    Params::from_pairs(pairs, known)
}

/// An error as a page, with the status the JSON API would give.
fn error_response(err: &ApiError) -> Response {
    let mut response = error_page(err.status, &err.message, "");
    if err.retry {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// Renders a page on a blocking thread within the server's concurrency limit.
async fn render(
    shared: &Arc<Shared>,
    work: impl FnOnce(Arc<Shared>) -> Result<Response, ApiError> + Send + 'static,
) -> Response {
    let outcome = read_in_slot(shared, work).await;
    outcome.unwrap_or_else(|err| error_response(&err))
}

/// `GET /`: the search, and what each page shows.
pub(super) async fn home(State(shared): State<Arc<Shared>>) -> Response {
    render(&shared, |shared| {
        let graph = shared.graph()?;
        let body = format!(
            r#"<h1>The knowledge graph</h1>
<p class="lead">{entities} entities and {facts} facts between them, from the articles of this store.</p>
<form class="big-search" action="/view/entity" method="get" role="search" autocomplete="off">
<input name="name" type="search" placeholder="Start typing a name: Trump, Alipay, Commerce…" aria-label="Find an entity" data-complete="navigate" spellcheck="false" autofocus>
<ul class="completions" role="listbox" hidden></ul>
<button type="submit">Open</button>
</form>
<div class="cards">
<a class="card" href="/view/path"><h2>Paths</h2><p>How is one entity connected to another? Every hop with the articles and sentences behind it; filter by predicate, date and direction.</p></a>
<a class="card" href="/view/articles"><h2>Articles</h2><p>Each article's facts, with the sentence each was read from.</p></a>
<a class="card" href="/view/sparql"><h2>SPARQL</h2><p>Ask anything of the graph; the usual prefixes (fg:, rdfs:, schema: …) are declared for you.</p></a>
</div>
<p class="note">This viewer only reads: nothing on these pages changes the store. It works offline: every script and style comes from this server.</p>
"#,
            entities = graph.projection.node_count(),
            facts = graph.projection.edge_count(),
        );
        Ok(html_response(StatusCode::OK, frame("Viewer", "home", &body)))
    })
    .await
}

/// `GET /view/entity?iri=…` (or `?name=…`: a label or an alias) `&hops=1|2`.
pub(super) async fn entity(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    let request = (|| {
        let params = params(raw.as_deref(), &["iri", "name", "hops"])?;
        let name = match (params.one("iri")?, params.one("name")?) {
            (Some(iri), _) => iri.to_owned(),
            (None, Some(name)) => name.to_owned(),
            (None, None) => {
                return Err(ApiError::bad_request(
                    "which entity? give `name` (a label or an alias) or `iri`",
                ));
            }
        };
        Ok((name, params.number("hops", 1, entity::MAX_HOPS)?))
    })();
    match request {
        Ok((name, hops)) => render(&shared, move |shared| entity::page(&shared, &name, hops)).await,
        Err(err) => error_response(&err),
    }
}

/// `GET /view/path?from=…&to=…` with the flags of `factgraph path`; the form alone without them.
pub(super) async fn path(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    let pairs = raw.unwrap_or_default();
    render(&shared, move |shared| path::page(&shared, &pairs)).await
}

/// `GET /view/article?iri=…` (or `?id=…`).
pub(super) async fn article(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Response {
    let request = (|| {
        let params = params(raw.as_deref(), &["iri", "id"])?;
        match (params.one("iri")?, params.one("id")?) {
            (Some(iri), _) => Ok(iri.to_owned()),
            (None, Some(id)) => Ok(id.to_owned()),
            (None, None) => Err(ApiError::bad_request(
                "which article? give `id` (as in its fact sheet) or `iri`",
            )),
        }
    })();
    match request {
        Ok(id) => render(&shared, move |shared| article::page(&shared, &id)).await,
        Err(err) => error_response(&err),
    }
}

/// `GET /view/articles`: every article, newest first.
pub(super) async fn articles(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Err(err) = params(raw.as_deref(), &[]) {
        return error_response(&err);
    }
    render(&shared, |shared| article::list(&shared)).await
}

/// `GET /view/sparql?query=…`: the editor; the page's script runs the query through `/sparql`.
pub(super) async fn sparql(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    match params(raw.as_deref(), &["query"]) {
        Ok(params) => match params.one("query") {
            Ok(query) => sparql::page(&shared, query),
            Err(err) => error_response(&err),
        },
        Err(err) => error_response(&err),
    }
}

/// A list of `(label, class, IRI)` entities as links, for a page that offers choices.
fn entity_choices(shared: &Arc<Shared>, nodes: &[usize]) -> Result<String, ApiError> {
    let graph = shared.graph()?;
    let mut html = String::from("<ul class=\"choices\">\n");
    for node in nodes {
        let entity = graph.projection.entity(*node);
        html.push_str(&format!(
            "<li>{} <span class=\"class-chip\" data-class=\"{class}\">{class}</span> <code>{iri}</code></li>\n",
            html::entity_link(entity.iri.as_str(), entity.label, entity.class),
            class = escape(entity.class),
            iri = escape(entity.iri.as_str()),
        ));
    }
    html.push_str("</ul>\n");
    Ok(html)
}
