//! The facts one article states, read back from its graph: what an upload answers with, so that
//! the person who sent an article sees what was made of it without a query.

use std::collections::BTreeMap;

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode, Term};
use serde::Serialize;

use super::{Error, Store};
use crate::ontology::NAMESPACE;
use crate::rdf::vocab::fg;

/// An entity or a value a fact names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactTerm {
    Entity { iri: String, label: Option<String> },
    Value { value: String, datatype: String },
}

/// One fact of an article, as its graph states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedFact {
    pub subject: FactTerm,
    /// The predicate's local name in our ontology (`signs`), else its IRI.
    pub predicate: String,
    pub object: FactTerm,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

#[derive(Default)]
struct Parts {
    subject: Option<Term>,
    predicate: Option<String>,
    object: Option<Term>,
    evidence: Option<String>,
    confidence: Option<f64>,
}

impl Store {
    /// The facts the article graph states, in the order of its fact sheet.
    pub fn article_facts(&self, article: NamedNodeRef<'_>) -> Result<Vec<StatedFact>, Error> {
        let evidence = fg::term("evidence");
        let confidence = fg::term("confidence");
        // Keyed by the statement's number (`…/fact/12`), so that facts come in sheet order.
        let mut statements: BTreeMap<(usize, String), Parts> = BTreeMap::new();
        for quad in self.quads_in(GraphNameRef::NamedNode(article)) {
            let quad = quad?;
            let NamedOrBlankNode::NamedNode(statement) = &quad.subject else {
                continue;
            };
            let Some(number) = statement
                .as_str()
                .strip_prefix(article.as_str())
                .and_then(|rest| rest.strip_prefix("/fact/"))
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            let parts = statements
                .entry((number, statement.as_str().to_owned()))
                .or_default();
            let predicate = quad.predicate.as_ref();
            if predicate == rdf::SUBJECT {
                parts.subject = Some(quad.object);
            } else if predicate == rdf::PREDICATE {
                if let Term::NamedNode(iri) = &quad.object {
                    let iri = iri.as_str();
                    parts.predicate = Some(iri.strip_prefix(NAMESPACE).unwrap_or(iri).to_owned());
                }
            } else if predicate == rdf::OBJECT {
                parts.object = Some(quad.object);
            } else if predicate == evidence.as_ref() {
                if let Term::Literal(text) = &quad.object {
                    parts.evidence = Some(text.value().to_owned());
                }
            } else if predicate == confidence.as_ref() {
                if let Term::Literal(value) = &quad.object {
                    parts.confidence = value.value().parse().ok();
                }
            }
        }
        let mut facts = Vec::with_capacity(statements.len());
        for parts in statements.into_values() {
            let (Some(subject), Some(predicate), Some(object)) =
                (parts.subject, parts.predicate, parts.object)
            else {
                continue;
            };
            facts.push(StatedFact {
                subject: self.fact_term(subject)?,
                predicate,
                object: self.fact_term(object)?,
                evidence: parts.evidence,
                confidence: parts.confidence,
            });
        }
        Ok(facts)
    }

    fn fact_term(&self, term: Term) -> Result<FactTerm, Error> {
        Ok(match term {
            Term::NamedNode(iri) => {
                let label = self
                    .merged_objects(iri.as_ref(), rdfs::LABEL)?
                    .into_iter()
                    .find_map(|label| match label {
                        Term::Literal(label) => Some(label.value().to_owned()),
                        _ => None,
                    });
                FactTerm::Entity {
                    iri: iri.into_string(),
                    label,
                }
            }
            Term::Literal(literal) => FactTerm::Value {
                value: literal.value().to_owned(),
                datatype: literal.datatype().as_str().to_owned(),
            },
            Term::BlankNode(node) => FactTerm::Entity {
                iri: node.to_string(),
                label: None,
            },
        })
    }
}
