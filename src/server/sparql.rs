//! The SPARQL 1.1 Protocol: queries by GET and POST, updates, and the service description.

use std::sync::Arc;

use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, NamedNode, Quad, Triple};
use oxigraph::sparql::{CancellationToken, DefaultServiceHandler, QuerySolutionIter};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;

use super::negotiate::{GRAPH_FORMATS, RESULT_FORMATS, choose, listed};
use super::respond::{ApiError, PAST_LIMIT, blocking, blocking_body, blocking_body_within};
use super::{Shared, accept, content_type, form_pairs, read_body};
use crate::graph::with_projection_service;
use crate::store::{ParsedQuery, QueryDataset, QueryKind, QueryLimits, QueryOutput};

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";

fn values<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The protocol's `default-graph-uri` and `named-graph-uri`.
fn dataset(pairs: &[(String, String)]) -> Result<QueryDataset, ApiError> {
    let iris = |name: &str| {
        values(pairs, name)
            .into_iter()
            .map(|iri| {
                NamedNode::new(iri).map_err(|err| {
                    ApiError::bad_request(format!("{name} `{iri}` is not an absolute IRI: {err}"))
                })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(QueryDataset {
        default_graphs: iris("default-graph-uri")?,
        named_graphs: iris("named-graph-uri")?,
    })
}

/// `GET /sparql?query=…`, or the service description without a query.
pub(super) async fn get(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = form_pairs(raw.unwrap_or_default().as_bytes());
    match values(&pairs, "query").as_slice() {
        [] if !values(&pairs, "update").is_empty() => {
            ApiError::bad_request("updates are sent by POST, to /update").into_response()
        }
        [] => description(&shared, &headers).await,
        [query] => match dataset(&pairs) {
            Ok(dataset) => run_query(shared, (*query).to_owned(), dataset, &headers).await,
            Err(err) => err.into_response(),
        },
        _ => ApiError::bad_request("give the query parameter once").into_response(),
    }
}

/// `POST /sparql`: a form (`query=` or `update=`), or a query or update as the body.
pub(super) async fn post(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    request: Request,
) -> Response {
    match post_inner(shared, &headers, raw, request).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn post_inner(
    shared: Arc<Shared>,
    headers: &HeaderMap,
    raw: Option<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let media = content_type(headers);
    let mut pairs = form_pairs(raw.unwrap_or_default().as_bytes());
    match media.as_str() {
        "application/x-www-form-urlencoded" => {
            let body = read_body(&shared, request.into_body()).await?;
            pairs.extend(form_pairs(&body));
            match (
                values(&pairs, "query").as_slice(),
                values(&pairs, "update").as_slice(),
            ) {
                ([query], []) => {
                    let query = (*query).to_owned();
                    Ok(run_query(shared, query, dataset(&pairs)?, headers).await)
                }
                ([], [update]) => {
                    let update = (*update).to_owned();
                    run_update(shared, headers, update, &pairs).await
                }
                ([], []) => Err(ApiError::bad_request(
                    "the form has neither a query nor an update parameter",
                )),
                _ => Err(ApiError::bad_request(
                    "give exactly one query or one update parameter",
                )),
            }
        }
        "application/sparql-query" => {
            let query = utf8(read_body(&shared, request.into_body()).await?)?;
            Ok(run_query(shared, query, dataset(&pairs)?, headers).await)
        }
        "application/sparql-update" => {
            let update = utf8(read_body(&shared, request.into_body()).await?)?;
            run_update(shared, headers, update, &pairs).await
        }
        other => Err(unsupported_body(other)),
    }
}

fn unsupported_body(media: &str) -> ApiError {
    let shown = if media.is_empty() {
        "no Content-Type"
    } else {
        media
    };
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!(
            "cannot take a body of {shown}; send application/x-www-form-urlencoded (query= or update=), application/sparql-query or application/sparql-update"
        ),
    )
}

fn utf8(body: axum::body::Bytes) -> Result<String, ApiError> {
    String::from_utf8(body.to_vec())
        .map_err(|err| ApiError::bad_request(format!("the body is not UTF-8: {err}")))
}

/// `POST /update` (form or `application/sparql-update`).
pub(super) async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    request: Request,
) -> Response {
    let result = async {
        let media = content_type(&headers);
        let mut pairs = form_pairs(raw.unwrap_or_default().as_bytes());
        let update = match media.as_str() {
            "application/x-www-form-urlencoded" => {
                let body = read_body(&shared, request.into_body()).await?;
                pairs.extend(form_pairs(&body));
                match values(&pairs, "update").as_slice() {
                    [update] => (*update).to_owned(),
                    _ => return Err(ApiError::bad_request("give the update parameter once")),
                }
            }
            "application/sparql-update" => utf8(read_body(&shared, request.into_body()).await?)?,
            other => return Err(unsupported_body(other)),
        };
        run_update(shared, &headers, update, &pairs).await
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

async fn run_update(
    shared: Arc<Shared>,
    headers: &HeaderMap,
    update: String,
    pairs: &[(String, String)],
) -> Result<Response, ApiError> {
    shared.authorize(headers)?;
    if !values(pairs, "using-graph-uri").is_empty()
        || !values(pairs, "using-named-graph-uri").is_empty()
    {
        return Err(ApiError::bad_request(
            "using-graph-uri and using-named-graph-uri are not supported; write USING in the update instead",
        ));
    }
    let timeout = shared.config.update_timeout;
    let cancel = CancellationToken::new();
    let watch = shared.update_deadlines.watch(cancel.clone());
    let limits = QueryLimits {
        cancel: Some(cancel),
        max_results: None,
        max_memory: Some(shared.config.max_query_memory),
    };
    let writer = shared.clone();
    let work = blocking(move || {
        let _watch = watch;
        writer.write(|store| {
            store
                .update_within(&update, &limits)
                .map_err(|e| update_error(e, timeout.as_secs()))
        })
    });
    // The update's token stops it at its next step; this answers the client even if that
    // step is slow in coming. An update stopped either way writes nothing.
    match tokio::time::timeout(timeout + PAST_LIMIT, work).await {
        Ok(outcome) => outcome?,
        Err(_) => {
            return Err(update_error(
                crate::store::Error::Cancelled,
                timeout.as_secs(),
            ));
        }
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn update_error(err: crate::store::Error, timeout_seconds: u64) -> ApiError {
    match err {
        crate::store::Error::Cancelled => ApiError::busy(format!(
            "the update ran longer than the server's limit of {timeout_seconds} s and wrote nothing; split it, or start the server with a larger --update-timeout"
        )),
        other => ApiError::from_store(other, timeout_seconds),
    }
}

/// `SERVICE` to anything but our own path service: refused, so that the server never sends
/// requests where a caller points it.
struct NoRemoteServices;

#[derive(Debug, thiserror::Error)]
#[error(
    "SERVICE <{0}> is not allowed: this endpoint does not call other endpoints; the only service is <https://w3id.org/factgraph/path#search>"
)]
struct RemoteServiceRefused(String);

impl DefaultServiceHandler for NoRemoteServices {
    type Error = RemoteServiceRefused;

    fn handle(
        &self,
        service_name: &NamedNode,
        _pattern: &GraphPattern,
        _base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, RemoteServiceRefused> {
        Err(RemoteServiceRefused(service_name.as_str().to_owned()))
    }
}

/// Whether a query's text may hold a `SERVICE` pattern: the keyword spelled out (in any case),
/// or a backslash, since a parser may read `\u` escapes anywhere in the text before the
/// grammar. A query with neither needs no service handlers, whose setting up cost a point
/// lookup a few hundredths of its time; one that only seems to call a service (an IRI or a
/// string with `service` in it) gets them as before.
fn may_call_services(sparql: &str) -> bool {
    sparql.contains('\\')
        || sparql
            .as_bytes()
            .windows(b"service".len())
            .any(|word| word.eq_ignore_ascii_case(b"service"))
}

async fn run_query(
    shared: Arc<Shared>,
    sparql: String,
    dataset: QueryDataset,
    headers: &HeaderMap,
) -> Response {
    let timeout = shared.config.query_timeout;
    let parsed = match ParsedQuery::parse(&sparql) {
        Ok(parsed) => parsed,
        Err(err) => return ApiError::from_store(err, timeout.as_secs()).into_response(),
    };
    let accept = accept(headers);
    let chosen = match parsed.kind() {
        QueryKind::Graph => choose(accept, &GRAPH_FORMATS)
            .map(|(format, media)| (QueryOutput::Graph(format), media))
            .ok_or_else(|| {
                not_acceptable("CONSTRUCT and DESCRIBE graphs", &listed(&GRAPH_FORMATS))
            }),
        QueryKind::Solutions | QueryKind::Boolean => choose(accept, &RESULT_FORMATS)
            .map(|(format, media)| (QueryOutput::Results(format), media))
            .ok_or_else(|| not_acceptable("SELECT and ASK results", &listed(&RESULT_FORMATS))),
    };
    let (output, media) = match chosen {
        Ok(chosen) => chosen,
        Err(err) => return err.into_response(),
    };
    let slot = match shared.slot() {
        Ok(slot) => slot,
        Err(err) => return err.into_response(),
    };
    let cancel = CancellationToken::new();
    let watch = shared.deadlines.watch(cancel.clone());
    let limits = QueryLimits {
        cancel: Some(cancel),
        max_results: Some(shared.config.max_results),
        max_memory: Some(shared.config.max_query_memory),
    };
    let services = may_call_services(&sparql);
    let workers = shared.workers.clone();
    blocking_body_within(&workers, media, Some(timeout), move |out| {
        let _slot = slot;
        let _watch = watch;
        let source = shared.clone();
        let outcome = shared.store.run_query(
            parsed,
            |evaluator| {
                if !services {
                    return evaluator;
                }
                with_projection_service(
                    evaluator.with_default_service_handler(NoRemoteServices),
                    move || {
                        source
                            .graph()
                            .map(|g| g.projection.clone())
                            .map_err(|e| e.message)
                    },
                )
            },
            &dataset,
            &limits,
            output,
            out,
        );
        outcome
            .map(drop)
            .map_err(|e| ApiError::from_store(e, timeout.as_secs()))
    })
    .await
}

fn not_acceptable(what: &str, offered: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the media types in Accept can carry {what}; this endpoint writes {offered}"
        ),
    )
}

/// The SPARQL 1.1 Service Description of this endpoint.
async fn description(shared: &Arc<Shared>, headers: &HeaderMap) -> Response {
    let Some((format, media)) = choose(accept(headers), &GRAPH_FORMATS) else {
        return not_acceptable("the service description", &listed(&GRAPH_FORMATS)).into_response();
    };
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map_or_else(|| shared.config.bind.to_string(), str::to_owned);
    let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
    let service = BlankNode::default();
    let mut triples = vec![
        Triple::new(service.clone(), rdf::TYPE, sd("Service")),
        Triple::new(
            service.clone(),
            sd("endpoint"),
            NamedNode::new_unchecked(format!("http://{host}/sparql")),
        ),
        Triple::new(
            service.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Query"),
        ),
    ];
    if shared.config.writable {
        triples.push(Triple::new(
            service.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Update"),
        ));
    }
    for name in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "RDF_XML",
        "JSON-LD",
    ] {
        triples.push(Triple::new(
            service.clone(),
            sd("resultFormat"),
            NamedNode::new_unchecked(format!("{FORMATS}{name}")),
        ));
    }
    let dataset = BlankNode::default();
    let default_graph = BlankNode::default();
    triples.extend([
        Triple::new(service.clone(), sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf::TYPE, sd("Dataset")),
        Triple::new(dataset, sd("defaultGraph"), default_graph.clone()),
        Triple::new(default_graph, rdf::TYPE, sd("Graph")),
    ]);
    let quads: Vec<Quad> = triples
        .into_iter()
        .map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph))
        .collect();
    blocking_body(&shared.workers, media, move |out| {
        crate::store::write_quads(format, &quads, out).map_err(ApiError::internal)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::may_call_services;

    #[test]
    fn service_handlers_are_set_up_for_any_text_that_may_name_a_service() {
        assert!(!may_call_services(
            "SELECT ?label WHERE { <https://w3id.org/factgraph/entity/a> rdfs:label ?label }"
        ));
        assert!(may_call_services(
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
        ));
        assert!(may_call_services(
            "select * where { service <http://example.org/sparql> { ?s ?p ?o } }"
        ));
        assert!(may_call_services(
            "SELECT * WHERE { SeRvIcE path:search { [] path:from <a> } }"
        ));
        // A codepoint escape may spell the keyword.
        assert!(may_call_services(
            "SELECT * WHERE { SERVI\\u0043E <http://example.org/sparql> { ?s ?p ?o } }"
        ));
        // Only seeming to name one costs the handlers, nothing more.
        assert!(may_call_services(
            "SELECT * WHERE { <http://example.org/service> ?p ?o }"
        ));
    }
}
