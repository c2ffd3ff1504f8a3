//! Facts as the articles state them: the reified statements of the article graphs, with their
//! evidence, span and confidence, read for one entity or one article (the viewer's pages), and
//! an article's facts with their entities' labels (what an upload answers with, so that the
//! person who sent an article sees what was made of it without a query).

use std::collections::BTreeMap;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use serde::Serialize;

use super::{Error, Store};
use crate::ontology::NAMESPACE;
use crate::rdf::vocab::{fg, schema};

/// One fact as one article states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The article (its graph's IRI).
    pub article: NamedNode,
    pub subject: NamedNode,
    pub predicate: NamedNode,
    /// An entity's IRI, or a literal value (a date, a number, a text).
    pub object: Term,
    pub evidence: Option<String>,
    /// `[start, end)` character offsets into the article's text, when the sheet gave them.
    pub span: Option<(usize, usize)>,
    pub confidence: Option<f64>,
    /// Where the statement stands in its article (the sheet's fact number), for ordering.
    pub position: usize,
}

/// What a bounded read found, and whether it stopped at its bound.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stated {
    pub facts: Vec<Statement>,
    pub truncated: bool,
}

/// An entity or a value a fact names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactTerm {
    Entity { iri: String, label: Option<String> },
    Value { value: String, datatype: String },
}

/// One fact of an article as an upload's answer gives it.
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

impl Store {
    /// The facts the articles state with `entity` as subject or object, at most `limit` of
    /// them, ordered by article and place in the article.
    pub fn facts_about(&self, entity: NamedNodeRef<'_>, limit: usize) -> Result<Stated, Error> {
        let mut statements = Vec::new();
        let mut truncated = false;
        'ends: for end in [rdf::SUBJECT, rdf::OBJECT] {
            for quad in self
                .inner
                .quads_for_pattern(None, Some(end), Some(entity.into()), None)
            {
                let quad = quad?;
                let (
                    NamedOrBlankNode::NamedNode(statement),
                    oxigraph::model::GraphName::NamedNode(graph),
                ) = (quad.subject, quad.graph_name)
                else {
                    continue;
                };
                if statements.len() == limit {
                    truncated = true;
                    break 'ends;
                }
                statements.push((graph, statement));
            }
        }
        statements.sort();
        statements.dedup();
        let mut facts = Vec::with_capacity(statements.len());
        for (graph, statement) in statements {
            if let Some(fact) = self.stated(graph, &statement)? {
                facts.push(fact);
            }
        }
        facts.sort_by(|a, b| (&a.article, a.position).cmp(&(&b.article, b.position)));
        Ok(Stated { facts, truncated })
    }

    /// The facts one article states, in the order of its sheet.
    pub fn facts_of_article(&self, article: NamedNodeRef<'_>) -> Result<Vec<Statement>, Error> {
        let mut statements = Vec::new();
        for quad in self.inner.quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(rdf::STATEMENT.into()),
            Some(article.into()),
        ) {
            if let NamedOrBlankNode::NamedNode(statement) = quad?.subject {
                statements.push(statement);
            }
        }
        let mut facts = Vec::with_capacity(statements.len());
        for statement in statements {
            if let Some(fact) = self.stated(article.into_owned(), &statement)? {
                facts.push(fact);
            }
        }
        facts.sort_by_key(|fact| fact.position);
        Ok(facts)
    }

    /// The facts one article states, in the order of its sheet, with the labels of their
    /// entities.
    pub fn article_facts(&self, article: NamedNodeRef<'_>) -> Result<Vec<StatedFact>, Error> {
        self.facts_of_article(article)?
            .into_iter()
            .map(|fact| {
                let predicate = fact.predicate.as_str();
                Ok(StatedFact {
                    subject: self.fact_term(fact.subject.into())?,
                    predicate: predicate
                        .strip_prefix(NAMESPACE)
                        .unwrap_or(predicate)
                        .to_owned(),
                    object: self.fact_term(fact.object)?,
                    evidence: fact.evidence,
                    confidence: fact.confidence,
                })
            })
            .collect()
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

    /// The text of an article, when its graph holds it (`schema:articleBody`).
    pub fn article_text(&self, article: NamedNodeRef<'_>) -> Result<Option<String>, Error> {
        for quad in self.inner.quads_for_pattern(
            Some(article.into()),
            Some(schema::ARTICLE_BODY),
            None,
            Some(article.into()),
        ) {
            if let Term::Literal(text) = quad?.object {
                return Ok(Some(text.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// One reified statement of an article graph; `None` if it lacks a part.
    fn stated(&self, graph: NamedNode, statement: &NamedNode) -> Result<Option<Statement>, Error> {
        let mut parts: BTreeMap<String, Term> = BTreeMap::new();
        for quad in self.inner.quads_for_pattern(
            Some(statement.as_ref().into()),
            None,
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            let quad = quad?;
            parts.insert(quad.predicate.into_string(), quad.object);
        }
        let named = |term: Option<&Term>| match term {
            Some(Term::NamedNode(node)) => Some(node.clone()),
            _ => None,
        };
        let literal = |local: &str| match parts.get(fg::term(local).as_str()) {
            Some(Term::Literal(literal)) => Some(literal.clone()),
            _ => None,
        };
        let (Some(subject), Some(predicate), Some(object)) = (
            named(parts.get(rdf::SUBJECT.as_str())),
            named(parts.get(rdf::PREDICATE.as_str())),
            parts.get(rdf::OBJECT.as_str()).cloned(),
        ) else {
            return Ok(None);
        };
        let offset = |local: &str| {
            literal(local)
                .filter(|l| l.datatype() == xsd::INTEGER)
                .and_then(|l| l.value().parse::<usize>().ok())
        };
        let position = statement
            .as_str()
            .rsplit_once("/fact/")
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(usize::MAX);
        Ok(Some(Statement {
            article: graph,
            subject,
            predicate,
            object,
            evidence: literal("evidence").map(|l| l.value().to_owned()),
            span: offset("spanStart").zip(offset("spanEnd")),
            confidence: literal("confidence").and_then(|l| l.value().parse().ok()),
            position,
        }))
    }
}
