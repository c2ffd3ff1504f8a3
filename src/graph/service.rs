//! The path engine inside SPARQL: `SERVICE path:search { … }` binds the hops of the shortest
//! paths between two entities as rows, to be joined with the rest of a query.
//!
//! ```sparql
//! SELECT ?step ?subject ?predicate ?object ?article WHERE {
//!   SERVICE path:search {
//!     [] path:from "Trump" ; path:to "Ant Group" ; path:k 1 ;
//!        path:step ?step ; path:subject ?subject ; path:predicate ?predicate ;
//!        path:object ?object ; path:article ?article .
//!   }
//! }
//! ```
//!
//! Inputs: `path:from`, `path:to` (a name or an IRI; required), `path:k` (how many paths,
//! 1 to [`MAX_K`], default 1), `path:via` (comma-separated predicates), `path:directed`
//! (boolean), `path:since` and `path:until` (dates), checked as the command line's flags are.
//! Outputs, each optional: `path:path` (1-based path number), `path:step` (1-based),
//! `path:subject`, `path:predicate`, `path:object` (the hop's fact in its true direction),
//! `path:article`, `path:published`, `path:evidence`, `path:confidence` — one row per hop and
//! supporting article.

use std::sync::{Arc, OnceLock};

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QuerySolution, QuerySolutionIter, ServiceHandler, SparqlEvaluator};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern};

use super::{EdgeFilter, MAX_K, Projection};
use crate::diagnostic::WithHelp;
use crate::ontology::{NAMESPACE, Ontology};
use crate::rdf::vocab::PATH_NAMESPACE;
use crate::store::Store;

#[derive(Debug, thiserror::Error)]
#[error("path service: {0}")]
pub struct ServiceError(String);

impl ServiceError {
    /// A search error as the query's caller reads it: with its help, as no one else shows it.
    fn shown(err: super::Error) -> Self {
        Self(WithHelp(&err).to_string())
    }
}

/// Registers the path service on an evaluator. The projection is built from `store` on the
/// first call, so queries that do not use the service pay nothing.
pub fn with_path_service(evaluator: SparqlEvaluator, store: Store) -> SparqlEvaluator {
    let built = OnceLock::new();
    with_projection_service(evaluator, move || {
        built
            .get_or_init(|| {
                let ontology = Ontology::embedded().map_err(|e| e.to_string())?;
                Projection::from_store(&store, ontology)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
    })
}

/// Registers the path service with a projection the caller keeps, such as a server's, which
/// outlives single queries. `projection` is called only by queries that use the service.
pub fn with_projection_service(
    evaluator: SparqlEvaluator,
    projection: impl Fn() -> Result<Arc<Projection>, String> + Send + Sync + 'static,
) -> SparqlEvaluator {
    let name = NamedNode::new_unchecked(format!("{PATH_NAMESPACE}search"));
    evaluator.with_service_handler(
        name,
        PathService {
            projection: Box::new(projection),
        },
    )
}

type ProjectionSource = Box<dyn Fn() -> Result<Arc<Projection>, String> + Send + Sync>;

struct PathService {
    projection: ProjectionSource,
}

const OUTPUTS: [&str; 9] = [
    "path",
    "step",
    "subject",
    "predicate",
    "object",
    "article",
    "published",
    "evidence",
    "confidence",
];

/// What the pattern asks for.
#[derive(Default)]
struct Request {
    from: Option<String>,
    to: Option<String>,
    k: usize,
    filter: EdgeFilter,
    /// (output name, variable), in pattern order.
    outputs: Vec<(&'static str, Variable)>,
}

impl ServiceHandler for PathService {
    type Error = ServiceError;

    fn handle(
        &self,
        pattern: &GraphPattern,
        _base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let request = parse(pattern)?;
        // Checked as the command line's and the HTTP API's flags are.
        let ontology = Ontology::embedded().map_err(|e| ServiceError(e.to_string()))?;
        let query = request
            .filter
            .to_query(ontology)
            .map_err(ServiceError::shown)?;
        let projection = (self.projection)().map_err(ServiceError)?;
        let name = |n: &Option<String>, role: &str| {
            n.clone()
                .ok_or_else(|| ServiceError(format!("give path:{role} (a name or an IRI)")))
        };
        let from = projection
            .lookup(&name(&request.from, "from")?)
            .map_err(ServiceError::shown)?;
        let to = projection
            .lookup(&name(&request.to, "to")?)
            .map_err(ServiceError::shown)?;
        let paths = projection.k_shortest_paths(from, to, request.k, &query);

        let variables: Arc<[Variable]> = request.outputs.iter().map(|(_, v)| v.clone()).collect();
        let mut rows = Vec::new();
        for (number, path) in paths.iter().enumerate() {
            for (step, hop) in path.hops.iter().enumerate() {
                let (subject, object) = projection.endpoints(hop.edge);
                let predicate = NamedNode::new_unchecked(format!(
                    "{NAMESPACE}{}",
                    projection.relation(hop.edge).predicate
                ));
                let supports: Vec<_> = projection.supports_in_window(hop.edge, &query).collect();
                let supports: Vec<Option<&super::Support>> = if supports.is_empty() {
                    vec![None]
                } else {
                    supports.into_iter().map(Some).collect()
                };
                for support in supports {
                    let article = support.map(|s| projection.article(s.article));
                    let values: Vec<Option<Term>> = request
                        .outputs
                        .iter()
                        .map(|(output, _)| match *output {
                            "path" => Some(Literal::from(number as i64 + 1).into()),
                            "step" => Some(Literal::from(step as i64 + 1).into()),
                            "subject" => Some(projection.entity(subject).iri.into()),
                            "predicate" => Some(predicate.clone().into()),
                            "object" => Some(projection.entity(object).iri.into()),
                            "article" => article.map(|a| a.iri.into_owned().into()),
                            "published" => article
                                .and_then(|a| a.published)
                                .map(|d| Literal::new_typed_literal(d, xsd::DATE).into()),
                            "evidence" => support
                                .and_then(|s| projection.evidence(s))
                                .map(|e| Literal::from(e).into()),
                            "confidence" => support.map(|s| Literal::from(s.confidence()).into()),
                            _ => None,
                        })
                        .collect();
                    rows.push(Ok(QuerySolution::from((Arc::clone(&variables), values))));
                }
            }
        }
        Ok(QuerySolutionIter::new(variables, rows))
    }
}

fn parse(pattern: &GraphPattern) -> Result<Request, ServiceError> {
    let GraphPattern::Bgp { patterns } = pattern else {
        return Err(ServiceError("the service takes triple patterns only, such as [] path:from \"A\" ; path:to \"B\" ; path:step ?step".into()));
    };
    let mut request = Request {
        k: 1,
        ..Request::default()
    };
    let subject = patterns.first().map(|p| &p.subject);
    for triple in patterns {
        if Some(&triple.subject) != subject {
            return Err(ServiceError(
                "all triple patterns must share one subject".into(),
            ));
        }
        let NamedNodePattern::NamedNode(predicate) = &triple.predicate else {
            return Err(ServiceError(
                "predicates must be path: terms, not variables".into(),
            ));
        };
        let Some(term) = predicate.as_str().strip_prefix(PATH_NAMESPACE) else {
            return Err(ServiceError(format!(
                "unknown predicate {predicate}; use path: terms"
            )));
        };
        match (term, &triple.object) {
            ("from", object) => request.from = Some(name_of(object)?),
            ("to", object) => request.to = Some(name_of(object)?),
            ("k", TermPattern::Literal(value)) => {
                request.k = value
                    .value()
                    .parse()
                    .ok()
                    .filter(|k| (1..=MAX_K).contains(k))
                    .ok_or_else(|| {
                        ServiceError(format!("path:k takes a whole number from 1 to {MAX_K}"))
                    })?;
            }
            ("via", TermPattern::Literal(value)) => {
                request.filter.via = value
                    .value()
                    .split(',')
                    .map(|p| p.trim().to_owned())
                    .collect();
            }
            ("directed", TermPattern::Literal(value)) => {
                request.filter.directed = value.value() == "true"
            }
            ("since", TermPattern::Literal(value)) => {
                request.filter.since = Some(value.value().to_owned())
            }
            ("until", TermPattern::Literal(value)) => {
                request.filter.until = Some(value.value().to_owned())
            }
            (output, TermPattern::Variable(variable)) => {
                let Some(known) = OUTPUTS.iter().find(|o| **o == output) else {
                    return Err(ServiceError(format!(
                        "unknown output path:{output}; outputs are {}",
                        OUTPUTS.join(", ")
                    )));
                };
                request.outputs.push((known, variable.clone()));
            }
            (other, _) => {
                return Err(ServiceError(format!(
                    "path:{other} does not take that value"
                )));
            }
        }
    }
    Ok(request)
}

fn name_of(term: &TermPattern) -> Result<String, ServiceError> {
    match term {
        TermPattern::Literal(literal) => Ok(literal.value().to_owned()),
        TermPattern::NamedNode(iri) => Ok(iri.as_str().to_owned()),
        _ => Err(ServiceError(
            "path:from and path:to take a name or an IRI, not a variable".into(),
        )),
    }
}
