//! SPARQL over the store: queries with our prefixes predeclared, results in the standard formats
//! or as a table for people, updates, and counts.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedOrBlankNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};

use super::{Error, Store};
use crate::ontology::{Ontology, PropertyKind};
use crate::rdf::vocab::PREFIXES;

/// How to write what a query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryOutput {
    /// Aligned columns for a terminal (SELECT and ASK).
    Table,
    Results(QueryResultsFormat),
    Graph(RdfFormat),
}

impl QueryOutput {
    fn describe(self) -> &'static str {
        match self {
            Self::Table | Self::Results(_) => "SELECT and ASK results",
            Self::Graph(_) => "CONSTRUCT and DESCRIBE graphs",
        }
    }
}

/// An RDF serializer that writes our prefixes.
pub(super) fn serializer(format: RdfFormat) -> RdfSerializer {
    PREFIXES
        .iter()
        .fold(RdfSerializer::from_format(format), |s, (name, iri)| {
            s.clone().with_prefix(*name, *iri).unwrap_or(s)
        })
}

fn evaluator() -> SparqlEvaluator {
    PREFIXES
        .iter()
        .fold(SparqlEvaluator::new(), |evaluator, (name, iri)| {
            // Our prefix IRIs are constants and valid.
            evaluator
                .with_prefix(*name, *iri)
                .unwrap_or_else(|_| SparqlEvaluator::new())
        })
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub quads: usize,
    pub articles: usize,
    pub entities: usize,
    pub facts: usize,
    pub entities_by_class: BTreeMap<String, usize>,
    pub facts_by_predicate: BTreeMap<String, usize>,
}

impl Store {
    /// Runs a query and writes its results. `solutions` and `graph` are the formats for the two
    /// kinds of results; asking for one kind's format with the other kind of query is an error.
    pub fn query(
        &self,
        sparql: &str,
        solutions: QueryOutput,
        graph: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        self.query_with(sparql, |evaluator| evaluator, solutions, graph, out)
    }

    /// The triples a CONSTRUCT or DESCRIBE query builds.
    pub fn construct(&self, sparql: &str) -> Result<Vec<oxigraph::model::Triple>, Error> {
        let prepared = evaluator()
            .parse_query(sparql)
            .map_err(|err| Error::Syntax(readable_syntax_error(sparql, &err.to_string())))?;
        match prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|err| Error::Evaluation(err.to_string()))?
        {
            QueryResults::Graph(triples) => triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|err| Error::Evaluation(err.to_string())),
            _ => Err(Error::Evaluation(
                "--query takes a CONSTRUCT or DESCRIBE query".into(),
            )),
        }
    }

    /// [`Store::query`] with an evaluator the caller extends, for instance with a `SERVICE`
    /// handler of its own.
    pub fn query_with(
        &self,
        sparql: &str,
        extend: impl FnOnce(SparqlEvaluator) -> SparqlEvaluator,
        solutions: QueryOutput,
        graph: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let prepared = extend(evaluator())
            .parse_query(sparql)
            .map_err(|err| Error::Syntax(readable_syntax_error(sparql, &err.to_string())))?;
        let results = prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|err| Error::Evaluation(err.to_string()))?;
        let wanted = match &results {
            QueryResults::Graph(_) => graph,
            QueryResults::Solutions(_) | QueryResults::Boolean(_) => solutions,
        };
        match (results, wanted) {
            (QueryResults::Boolean(value), QueryOutput::Table) => writeln!(out, "{value}")?,
            (QueryResults::Boolean(value), QueryOutput::Results(format)) => {
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(&mut *out, value)?;
            }
            (QueryResults::Solutions(solutions), QueryOutput::Table) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                let rows = solutions
                    .collect::<Result<Vec<QuerySolution>, _>>()
                    .map_err(|e| Error::Evaluation(e.to_string()))?;
                write_table(&variables, &rows, out)?;
            }
            (QueryResults::Solutions(solutions), QueryOutput::Results(format)) => {
                let mut writer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
                for solution in solutions {
                    let solution = solution.map_err(|e| Error::Evaluation(e.to_string()))?;
                    writer.serialize(&solution)?;
                }
                writer.finish()?;
            }
            (QueryResults::Graph(triples), QueryOutput::Graph(format)) => {
                let mut serializer = serializer(format).for_writer(&mut *out);
                for triple in triples {
                    let triple = triple.map_err(|e| Error::Evaluation(e.to_string()))?;
                    serializer.serialize_triple(&triple)?;
                }
                serializer.finish()?;
            }
            (results, wanted) => {
                let kind = match results {
                    QueryResults::Graph(_) => {
                        "CONSTRUCT and DESCRIBE give graphs: use turtle, ntriples, nquads, trig or rdfxml"
                    }
                    _ => "SELECT and ASK give results: use table, json, xml, csv or tsv",
                };
                return Err(Error::Evaluation(format!(
                    "that format is for {}; {kind}",
                    wanted.describe()
                )));
            }
        }
        Ok(())
    }

    /// Runs a SPARQL update.
    ///
    /// Updates write the store as they say: keeping the merged default graph in step with the
    /// article graphs is then the caller's business.
    pub fn update(&self, sparql: &str) -> Result<(), Error> {
        let prepared = evaluator()
            .parse_update(sparql)
            .map_err(|err| Error::Syntax(readable_syntax_error(sparql, &err.to_string())))?;
        prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|err| Error::Evaluation(err.to_string()))
    }

    pub fn stats(&self, ontology: &Ontology) -> Result<Stats, Error> {
        let mut stats = Stats {
            quads: self.inner.len()?,
            articles: self.articles()?.len(),
            ..Stats::default()
        };
        let mut entities = HashSet::new();
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        {
            let quad = quad?;
            if quad.predicate == rdf::TYPE {
                if let (Term::NamedNode(class), NamedOrBlankNode::NamedNode(entity)) =
                    (&quad.object, &quad.subject)
                {
                    if let Some(class) = ontology.class_by_iri(class.as_str()) {
                        *stats
                            .entities_by_class
                            .entry(class.name.clone())
                            .or_default() += 1;
                        entities.insert(entity.clone());
                    }
                }
            } else if let Some(property) = ontology.property_by_iri(quad.predicate.as_str()) {
                if matches!(property.kind, PropertyKind::Relation | PropertyKind::Value) {
                    *stats
                        .facts_by_predicate
                        .entry(property.name.clone())
                        .or_default() += 1;
                    stats.facts += 1;
                }
            }
        }
        stats.entities = entities.len();
        Ok(stats)
    }
}

/// The parser's message, shortened for people: the expected tokens without the character-class
/// listings, and the line at fault with a caret under the column.
fn readable_syntax_error(sparql: &str, message: &str) -> String {
    let Some(rest) = message.strip_prefix("error at ") else {
        return message.to_owned();
    };
    let Some((place, detail)) = rest.split_once(": ") else {
        return message.to_owned();
    };
    let detail = if detail.contains("Prefix not found") {
        let known: Vec<&str> = PREFIXES.iter().map(|(name, _)| *name).collect();
        format!(
            "unknown prefix; declare it with PREFIX or use one of {}",
            known.join(", ")
        )
    } else if let Some(expected) = detail.strip_prefix("expected one of ") {
        let tokens: Vec<&str> = expected
            .split(", ")
            .filter(|t| t.starts_with('"') && t.ends_with('"') && t.len() > 2)
            .take(12)
            .collect();
        if tokens.is_empty() {
            "unexpected input".to_owned()
        } else {
            format!("expected one of {}", tokens.join(" "))
        }
    } else {
        detail.to_owned()
    };
    let mut out = format!("at {place}: {detail}");
    let position = place
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)));
    if let Some((line, column)) = position {
        if let Some(text) = sparql.lines().nth(line.saturating_sub(1)) {
            out.push_str(&format!(
                "\n  | {text}\n  | {}^",
                " ".repeat(column.saturating_sub(1))
            ));
        }
    }
    out
}

/// A term as a person reads it: prefixed names, bare literal values.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => compact(node.as_str()),
        Term::BlankNode(node) => format!("_:{}", node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// `fg:bans` for an IRI under a known prefix, `<…>` otherwise.
pub fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .find_map(|(name, namespace)| {
            iri.strip_prefix(namespace)
                .filter(|local| {
                    !local.is_empty()
                        && local
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                })
                .map(|local| format!("{name}:{local}"))
        })
        .unwrap_or_else(|| format!("<{iri}>"))
}

fn write_table(
    variables: &[String],
    rows: &[QuerySolution],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            variables
                .iter()
                .map(|v| {
                    row.get(v.as_str())
                        .map(display_term)
                        .unwrap_or_default()
                        .replace(['\n', '\r', '\t'], " ")
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([v.chars().count() + 1])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, values: &[String]| -> std::io::Result<()> {
        let padded: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(
        out,
        &variables
            .iter()
            .map(|v| format!("?{v}"))
            .collect::<Vec<_>>(),
    )?;
    line(
        out,
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    )?;
    for row in &cells {
        line(out, row)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_are_short_and_placed() {
        let long =
            r#"error at 1:30: expected one of "$", "(", ['0'..='9'], ['A' ..= 'Z' | 'a' ..= 'z']"#;
        assert_eq!(
            readable_syntax_error("SELECT ?x WHERE { ?x fg:bans }", long),
            "at 1:30: expected one of \"$\" \"(\"\n  | SELECT ?x WHERE { ?x fg:bans }\n  |                              ^"
        );
        let prefix = "error at 1:3: expected one of Prefix not found, ['%']";
        assert!(
            readable_syntax_error("x", prefix)
                .starts_with("at 1:3: unknown prefix; declare it with PREFIX")
        );
    }

    #[test]
    fn iris_are_compacted_when_a_prefix_fits() {
        assert_eq!(
            compact("https://w3id.org/factgraph/ontology#bans"),
            "fg:bans"
        );
        assert_eq!(
            compact("https://w3id.org/factgraph/entity/alipay"),
            "<https://w3id.org/factgraph/entity/alipay>"
        );
        assert_eq!(compact("https://schema.org/"), "<https://schema.org/>");
    }
}
