//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store?graph=IRI` and `/store?default`.
//!
//! Writes to a named graph keep the merged default graph in step, as ingest does: a graph put
//! here is one more source of statements, and what only it stated leaves the merged graph when
//! it is replaced or deleted. Writes to `?default` are taken as they come. The ontology graph is
//! factgraph's own and cannot be written.

use std::sync::Arc;

use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};

use super::negotiate::{DATASETS, GRAPH_FORMATS, GRAPHS, choose, listed, rdf_format};
use super::respond::{ApiError, blocking, blocking_body};
use super::{Shared, accept, content_type, form_pairs, read_body};
use crate::export::{self, Destination, Format};
use crate::ontology::ONTOLOGY_IRI;
use crate::rdf::ArticleGraph;
use crate::remote::{Part, Source};

/// What a request addresses.
enum Target {
    Named(NamedNode),
    Default,
    /// Every graph (reads only).
    Dataset,
}

fn target(raw: Option<&str>) -> Result<Target, ApiError> {
    let pairs = form_pairs(raw.unwrap_or_default().as_bytes());
    let graphs: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "graph")
        .map(|(_, v)| v.as_str())
        .collect();
    let default = pairs.iter().any(|(k, _)| k == "default");
    match (graphs.as_slice(), default) {
        ([iri], false) => NamedNode::new(*iri).map(Target::Named).map_err(|err| {
            ApiError::bad_request(format!("graph `{iri}` is not an absolute IRI: {err}"))
        }),
        ([], true) => Ok(Target::Default),
        ([], false) => Ok(Target::Dataset),
        _ => Err(ApiError::bad_request(
            "give either ?graph=IRI (once) or ?default",
        )),
    }
}

pub(super) async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    request: Request,
) -> Response {
    let outcome = async {
        let target = target(raw.as_deref())?;
        match method {
            Method::GET | Method::HEAD => {
                Ok(read(shared, target, &headers, method == Method::HEAD).await)
            }
            Method::PUT | Method::POST => {
                write(shared, target, &headers, request, method == Method::PUT).await
            }
            Method::DELETE => remove(shared, target, &headers).await,
            _ => Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "the graph store takes GET, HEAD, PUT, POST and DELETE",
            )),
        }
    }
    .await;
    outcome.unwrap_or_else(IntoResponse::into_response)
}

async fn read(
    shared: Arc<Shared>,
    target: Target,
    headers: &HeaderMap,
    head_only: bool,
) -> Response {
    let formats: &[(Format, &'static [&'static str])] = match target {
        Target::Dataset => &DATASETS,
        _ => &GRAPHS,
    };
    let Some((format, _)) = choose(accept(headers), formats) else {
        return ApiError::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "none of the media types in Accept can carry this; the graph store writes {}",
                listed(formats)
            ),
        )
        .into_response();
    };
    if let Target::Named(graph) = &target {
        match shared.store.has_graph(graph.as_ref()) {
            Ok(true) => {}
            Ok(false) => {
                return ApiError::new(
                    StatusCode::NOT_FOUND,
                    format!("no graph <{}> in the store", graph.as_str()),
                )
                .into_response();
            }
            Err(err) => return ApiError::internal(err).into_response(),
        }
    }
    let slot = match shared.slot() {
        Ok(slot) => slot,
        Err(err) => return err.into_response(),
    };
    let workers = shared.workers.clone();
    blocking_body(&workers, format.media_type(), move |out| {
        let _slot = slot;
        if head_only {
            return Ok(());
        }
        let part = match &target {
            Target::Named(graph) => Part::Graph(graph),
            Target::Default => Part::DefaultGraph,
            Target::Dataset => Part::Everything,
        };
        let source = Source::Local(shared.store.clone());
        export::write_quads(&source, format, part, Destination::Stream(out))
            .map_err(ApiError::internal)
    })
    .await
}

fn check_writable_target(target: &Target) -> Result<(), ApiError> {
    match target {
        Target::Named(graph) if graph.as_str() == ONTOLOGY_IRI => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "the ontology graph is factgraph's own and cannot be written",
        )),
        Target::Dataset => Err(ApiError::bad_request(
            "writes name their graph: ?graph=IRI or ?default",
        )),
        _ => Ok(()),
    }
}

async fn write(
    shared: Arc<Shared>,
    target: Target,
    headers: &HeaderMap,
    request: Request,
    replace: bool,
) -> Result<Response, ApiError> {
    shared.authorize(headers)?;
    check_writable_target(&target)?;
    let media = content_type(headers);
    let format = rdf_format(&media).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "cannot read a graph in {}; send one of {}",
                if media.is_empty() {
                    "no Content-Type"
                } else {
                    &media
                },
                listed(&GRAPH_FORMATS)
            ),
        )
    })?;
    let body = read_body(&shared, request.into_body()).await?;
    if format == RdfFormat::RdfXml && declares_entities(&body) {
        return Err(ApiError::bad_request(
            "the RDF/XML body declares entities (<!ENTITY …>), which this server does not expand: a few hundred bytes of nested entities can stand for gigabytes; write the text out, or send Turtle or N-Triples",
        ));
    }
    let graph_name = match &target {
        Target::Named(graph) => GraphName::NamedNode(graph.clone()),
        _ => GraphName::DefaultGraph,
    };
    let writer = shared.clone();
    let created = blocking(move || {
        let quads = RdfParser::from_format(format)
            .for_slice(&body)
            .map(|quad| {
                quad.map(|q| Quad::new(q.subject, q.predicate, q.object, graph_name.clone()))
                    .map_err(|err| {
                        ApiError::bad_request(format!(
                            "the body is not valid {}: {err}",
                            format.name()
                        ))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        writer.write(|store| {
            let stored = |e| ApiError::internal(e);
            match &target {
                Target::Named(graph) => {
                    let existed = store.has_graph(graph.as_ref()).map_err(stored)?;
                    let mut all = if replace || !existed {
                        Vec::new()
                    } else {
                        store.graph_quads(graph.as_ref().into()).map_err(stored)?
                    };
                    all.extend(quads);
                    let article = ArticleGraph {
                        id: String::new(),
                        graph: graph.clone(),
                        quads: all,
                    };
                    store
                        .write_articles(std::slice::from_ref(&article), writer.ontology)
                        .map_err(stored)?;
                    Ok(!existed)
                }
                _ => {
                    store.write_default_graph(&quads, replace).map_err(stored)?;
                    Ok(false)
                }
            }
        })
    })
    .await?;
    Ok(if created {
        StatusCode::CREATED
    } else {
        StatusCode::NO_CONTENT
    }
    .into_response())
}

async fn remove(
    shared: Arc<Shared>,
    target: Target,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    shared.authorize(headers)?;
    check_writable_target(&target)?;
    let writer = shared.clone();
    let found = blocking(move || {
        writer.write(|store| match &target {
            Target::Named(graph) => store
                .remove_article(graph.as_ref(), writer.ontology)
                .map_err(ApiError::internal),
            _ => store
                .write_default_graph(&[], true)
                .map(|()| true)
                .map_err(ApiError::internal),
        })
    })
    .await?;
    if found {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no such graph in the store",
        ))
    }
}

/// Whether an XML body declares an entity in its document type. Oxigraph's RDF/XML parser
/// expands internal entities without a bound ("billion laughs"), so such bodies are refused
/// before parsing; RDF/XML written by tools never needs them.
fn declares_entities(body: &[u8]) -> bool {
    body.windows(b"<!ENTITY".len())
        .any(|window| window.eq_ignore_ascii_case(b"<!ENTITY"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_declarations_are_found_in_any_case() {
        let laughs = br#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "ha"><!entity b "&a;&a;">]>"#;
        assert!(declares_entities(laughs));
        assert!(declares_entities(b"<!DOCTYPE x [ <!entity y 'z'> ]>"));
        assert!(!declares_entities(
            br#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"#
        ));
    }
}
