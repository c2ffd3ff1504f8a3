//! The JSON API: path searches, neighbourhoods, name completion, articles and counts, in the
//! same shapes as the command line's `--json`.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::respond::{ApiError, blocking};
use super::{Shared, content_type, form_pairs, read_body, read_in_slot};
use crate::diagnostic::WithHelp;
use crate::extract::{ArticleMetadata, TextFormat};
use crate::graph::{self, EdgeFilter, MAX_K, NeighborsRequest, PathRequest, Weight};
use crate::ingest::{self, Input, Inputs, Options};
use crate::model::is_valid_date;
use crate::resolve::KnownIndex;

/// Bounds that keep one search from occupying the server (and `graph::MAX_K`).
const MAX_HOPS: usize = 6;
const MAX_PATHS: usize = 1000;
const MAX_NEIGHBOR_HOPS: usize = 4;
const DEFAULT_NEIGHBOR_FACTS: usize = 1000;
const MAX_NEIGHBOR_FACTS: usize = 20_000;
const MAX_COMPLETIONS: usize = 100;

/// Query-string parameters, checked against what an endpoint takes.
pub(super) struct Params(Vec<(String, String)>);

impl Params {
    pub(super) fn parse(raw: Option<&str>, known: &[&str]) -> Result<Self, ApiError> {
        Self::from_pairs(form_pairs(raw.unwrap_or_default().as_bytes()), known)
    }

    pub(super) fn from_pairs(
        pairs: Vec<(String, String)>,
        known: &[&str],
    ) -> Result<Self, ApiError> {
        if let Some((name, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(ApiError::bad_request(format!(
                "unknown parameter `{name}`; this endpoint takes {}",
                known.join(", ")
            )));
        }
        Ok(Self(pairs))
    }

    pub(super) fn one(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let mut found = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str());
        let first = found.next();
        if found.next().is_some() {
            return Err(ApiError::bad_request(format!("give `{name}` once")));
        }
        Ok(first)
    }

    pub(super) fn required(&self, name: &str) -> Result<String, ApiError> {
        match self.one(name)? {
            Some(value) if !value.trim().is_empty() => Ok(value.to_owned()),
            _ => Err(ApiError::bad_request(format!("`{name}` is required"))),
        }
    }

    pub(super) fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        let Some(text) = self.one(name)? else {
            return Ok(default);
        };
        match text.parse::<usize>() {
            Ok(value) if (1..=max).contains(&value) => Ok(value),
            _ => Err(ApiError::bad_request(format!(
                "`{name}` must be a whole number from 1 to {max}, not `{text}`"
            ))),
        }
    }

    pub(super) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.one(name)? {
            None | Some("false" | "0") => Ok(false),
            Some("" | "true" | "1") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "`{name}` is true or false, not `{other}`"
            ))),
        }
    }

    /// Comma-separated values, the parameter possibly repeated.
    fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    pub(super) fn filter(&self) -> Result<EdgeFilter, ApiError> {
        Ok(EdgeFilter {
            via: self.list("via"),
            not_via: self.list("not-via"),
            since: self.one("since")?.map(str::to_owned),
            until: self.one("until")?.map(str::to_owned),
            directed: self.flag("directed")?,
        })
    }
}

const FILTER_PARAMS: [&str; 5] = ["via", "not-via", "since", "until", "directed"];

pub(super) fn search_error(err: graph::Error) -> ApiError {
    let status = match &err {
        graph::Error::Unknown { .. } => StatusCode::NOT_FOUND,
        graph::Error::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    ApiError::new(status, WithHelp(&err).to_string())
}

/// An answer of the library as the JSON the API sends.
pub(super) fn to_json(answer: &impl serde::Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(answer).map_err(ApiError::internal)
}

pub(super) fn json_response(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// Runs a read on a blocking thread within the server's concurrency limit, answering JSON.
pub(super) async fn answer(
    shared: &Arc<Shared>,
    work: impl FnOnce(Arc<Shared>) -> Result<Value, ApiError> + Send + 'static,
) -> Response {
    let outcome = read_in_slot(shared, work).await;
    match outcome {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err(err) => err.in_json().into_response(),
    }
}

/// The parameters `GET /api/path` (and the viewer's path page) take: the flags of `factgraph path`.
pub(super) const PATH_PARAMS: [&str; 13] = [
    "from", "to", "k", "all", "max-hops", "limit", "avoid", "weight", "via", "not-via", "since",
    "until", "directed",
];

/// A path search from the parameters of [`PATH_PARAMS`].
pub(super) fn path_request(params: &Params) -> Result<PathRequest, ApiError> {
    let mut request = PathRequest::new(params.required("from")?, params.required("to")?);
    request.k = params.number("k", 1, MAX_K)?;
    request.all = params.flag("all")?;
    request.max_hops = params.number("max-hops", 4, MAX_HOPS)?;
    request.limit = params.number("limit", 100, MAX_PATHS)?;
    request.avoid = params.list("avoid");
    if let Some(name) = params.one("weight")? {
        request.weight =
            Weight::named(name).map_err(|err| ApiError::bad_request(WithHelp(&err).to_string()))?;
    }
    request.filter = params.filter()?;
    Ok(request)
}

/// `GET /api/path?from=…&to=…` with the flags of `factgraph path`.
pub(super) async fn path(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    let request = Params::parse(raw.as_deref(), &PATH_PARAMS).and_then(|p| path_request(&p));
    let request = match request {
        Ok(request) => request,
        Err(err) => return err.in_json().into_response(),
    };
    answer(&shared, move |shared| {
        let graph = shared.graph()?;
        let found = graph
            .projection
            .answer_path(&request, shared.ontology)
            .map_err(search_error)?;
        to_json(&graph.projection.path_answer_report(&found))
    })
    .await
}

/// `GET /api/neighbors?name=…&hops=N` with the filters of `factgraph neighbors`.
pub(super) async fn neighbors(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Response {
    let request = (|| {
        let mut known = vec!["name", "hops", "limit"];
        known.extend(FILTER_PARAMS);
        let params = Params::parse(raw.as_deref(), &known)?;
        Ok::<_, ApiError>(NeighborsRequest {
            name: params.required("name")?,
            hops: params.number("hops", 1, MAX_NEIGHBOR_HOPS)?,
            limit: params.number("limit", DEFAULT_NEIGHBOR_FACTS, MAX_NEIGHBOR_FACTS)?,
            filter: params.filter()?,
        })
    })();
    let request = match request {
        Ok(request) => request,
        Err(err) => return err.in_json().into_response(),
    };
    answer(&shared, move |shared| {
        let graph = shared.graph()?;
        let found = graph
            .projection
            .answer_neighbors(&request, shared.ontology)
            .map_err(search_error)?;
        to_json(&graph.projection.neighborhood_report(&found))
    })
    .await
}

/// `GET /api/entities?q=…&limit=N`: entities whose label or an alias starts with `q`
/// (case- and accent-insensitive), exact matches first, then labels, then aliases.
pub(super) async fn entities(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Response {
    let request = (|| {
        let params = Params::parse(raw.as_deref(), &["q", "limit"])?;
        Ok::<_, ApiError>((
            params.required("q")?,
            params.number("limit", 10, MAX_COMPLETIONS)?,
        ))
    })();
    let (prefix, limit) = match request {
        Ok(request) => request,
        Err(err) => return err.in_json().into_response(),
    };
    answer(&shared, move |shared| {
        let graph = shared.graph()?;
        let found: Vec<Value> = graph
            .projection
            .complete(&prefix, limit)
            .into_iter()
            .map(|node| {
                let entity = graph.projection.entity(node);
                json!({
                    "iri": entity.iri.as_str(),
                    "label": entity.label,
                    "class": entity.class,
                    "aliases": entity.aliases,
                })
            })
            .collect();
        Ok(json!({ "entities": found }))
    })
    .await
}

/// `GET /api/articles`.
pub(super) async fn articles(State(shared): State<Arc<Shared>>) -> Response {
    answer(&shared, |shared| {
        let list = shared.store.article_list().map_err(ApiError::internal)?;
        let articles: Vec<Value> = list
            .iter()
            .map(|a| {
                json!({
                    "iri": a.iri.as_str(),
                    "id": a.id,
                    "title": a.title,
                    "publisher": a.publisher,
                    "published": a.published,
                    "url": a.url,
                })
            })
            .collect();
        Ok(json!({ "articles": articles }))
    })
    .await
}

/// `GET /api/stats`, as `factgraph stats --json`.
pub(super) async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    answer(&shared, |shared| {
        let stats = shared
            .store
            .stats(shared.ontology)
            .map_err(ApiError::internal)?;
        serde_json::to_value(stats).map_err(ApiError::internal)
    })
    .await
}

/// `POST /api/articles`: ingest one fact sheet (JSON), or an article (text, Markdown, HTML)
/// through the extractor, as `factgraph ingest` does.
pub(super) async fn add_article(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    request: Request,
) -> Response {
    let outcome = async {
        shared.authorize(&headers)?;
        let params = Params::parse(
            raw.as_deref(),
            &["lenient", "id", "title", "date", "url", "publisher"],
        )?;
        let lenient = params.flag("lenient")?;
        let text_format = match content_type(&headers).as_str() {
            "application/json" => None,
            "text/plain" => Some(TextFormat::Plain),
            "text/markdown" => Some(TextFormat::Markdown),
            "text/html" => Some(TextFormat::Html),
            other => {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "cannot take {}; send a fact sheet as application/json, or an article as text/plain, text/markdown or text/html",
                        if other.is_empty() { "a body without Content-Type" } else { other }
                    ),
                ));
            }
        };
        let metadata = ArticleMetadata {
            id: params.one("id")?.map(str::to_owned),
            title: params.one("title")?.map(str::to_owned),
            published: params.one("date")?.map(str::to_owned),
            url: params.one("url")?.map(str::to_owned),
            publisher: params.one("publisher")?.map(str::to_owned),
        };
        if metadata.published.as_deref().is_some_and(|d| !is_valid_date(d)) {
            return Err(ApiError::bad_request("`date` is YYYY-MM-DD"));
        }
        let body = read_body(&shared, request.into_body()).await?;
        let input = match text_format {
            None => Input::Memory {
                name: "request body".to_owned(),
                bytes: body.to_vec(),
            },
            Some(format) => {
                let reader = shared.clone();
                blocking(move || {
                    let extractor = reader.extractor()?;
                    match ingest::extracted_input(&extractor, Path::new("request body"), &body, format, &metadata) {
                        Ok((input, _)) => Ok(input),
                        Err(err @ ingest::Error::NoArticleText { .. }) => {
                            Err(ApiError::bad_request(WithHelp(&err).to_string()))
                        }
                        Err(err) => Err(ApiError::internal(err)),
                    }
                })
                .await?
            }
        };
        let writer = shared.clone();
        blocking(move || {
            let inputs = Inputs {
                sheets: vec![input],
                ..Inputs::default()
            };
            let options = Options {
                base: writer.config.base.clone(),
                lenient,
                dry_run: false,
            };
            let ontology = writer.ontology;
            let report = writer.write_with_index(|store, known| {
                let index = match known {
                    Some(index) => index,
                    None => known.insert(KnownIndex::new(
                        store.known_entities(ontology).map_err(ApiError::internal)?,
                        ontology,
                    )),
                };
                ingest::ingest_with_index(&inputs, store, &options, index, &mut |_| {})
                    .map_err(|err| ApiError::internal(WithHelp(&err)))
            })?;
            let diagnostics: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
            if report.has_errors() {
                return Ok(json_response(
                    StatusCode::BAD_REQUEST,
                    &json!({
                        "error": "the fact sheet has errors; nothing was written",
                        "diagnostics": diagnostics,
                    }),
                ));
            }
            let status = if report.articles_written > 0 {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            let written = report.written_ids.iter().map(|id| (id, "written"));
            let unchanged = report.unchanged_ids.iter().map(|id| (id, "unchanged"));
            let articles = written
                .chain(unchanged)
                .map(|(id, status)| {
                    let iri = writer.config.base.article(id);
                    let facts = writer
                        .store
                        .article_facts(iri.as_ref())
                        .map_err(ApiError::internal)?;
                    Ok(json!({ "id": id, "iri": iri.as_str(), "status": status, "facts": facts }))
                })
                .collect::<Result<Vec<Value>, ApiError>>()?;
            Ok(json_response(
                status,
                &json!({
                    "articles": articles,
                    "written": report.articles_written,
                    "unchanged": report.articles_unchanged,
                    "entities": report.entities,
                    "facts": report.facts,
                    "quads": report.quads_written,
                    "warnings": diagnostics,
                }),
            ))
        })
        .await
    }
    .await;
    outcome.unwrap_or_else(|err| err.in_json().into_response())
}

/// `DELETE /api/articles/{id}`: the article (by id or IRI) and what only it stated.
pub(super) async fn remove_article(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let outcome = async {
        shared.authorize(&headers)?;
        let iri = shared.config.base.article_named(&id);
        let writer = shared.clone();
        let removed = blocking(move || {
            writer.write(|store| {
                store
                    .remove_article(iri.as_ref(), writer.ontology)
                    .map_err(|err| ApiError::from_store(err, 0))
            })
        })
        .await?;
        if removed {
            Ok(StatusCode::NO_CONTENT.into_response())
        } else {
            Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no article `{id}` in the store"),
            ))
        }
    }
    .await;
    outcome.unwrap_or_else(|err| err.in_json().into_response())
}
