//! RDF compared by what it says, not by how it is written: documents go through a real parser,
//! stores are read back as SELECT solutions, and the two meet as sets of quads whose blank
//! nodes are named canonically (a blank node's label is a document's own business).

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphName, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, QuerySolution, SliceQueryResultsParserOutput,
};

/// The beginning of a long document, enough to see what went wrong in a failure message.
fn head(text: &str) -> &str {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A whole document in `format`; a syntax error fails the test.
pub fn parse(format: RdfFormat, document: &str) -> Dataset {
    RdfParser::from_format(format)
        .for_slice(document)
        .map(|quad| quad.unwrap_or_else(|e| panic!("not valid {format}: {e}\n{}", head(document))))
        .collect()
}

/// A document labelled with `media`, read with the parser of that media type.
pub fn parse_media(media: &str, document: &str) -> Dataset {
    let format =
        RdfFormat::from_media_type(media).unwrap_or_else(|| panic!("{media} is no RDF media type"));
    parse(format, document)
}

/// The solutions of SPARQL results in `format`.
pub fn solutions(format: QueryResultsFormat, results: &str) -> Vec<QuerySolution> {
    let parsed = QueryResultsParser::from_format(format)
        .for_slice(results)
        .unwrap_or_else(|e| panic!("not SPARQL results in {format}: {e}\n{}", head(results)));
    let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else {
        panic!("a boolean, not solutions: {results}");
    };
    solutions
        .map(|s| {
            s.unwrap_or_else(|e| panic!("not SPARQL results in {format}: {e}\n{}", head(results)))
        })
        .collect()
}

/// The quads named by the solutions of a SELECT of `?s ?p ?o` and `?g`, in SPARQL TSV; a
/// solution without `?g` is a triple of the default graph.
pub fn quads_of_solutions(tsv: &str) -> Dataset {
    solutions(QueryResultsFormat::Tsv, tsv)
        .into_iter()
        .map(|solution| {
            let term = |name: &str| {
                solution
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| panic!("?{name} unbound in {solution:?}"))
            };
            let subject = NamedOrBlankNode::try_from(term("s"))
                .unwrap_or_else(|_| panic!("?s is no subject in {solution:?}"));
            let predicate = NamedNode::try_from(term("p"))
                .unwrap_or_else(|_| panic!("?p is no IRI in {solution:?}"));
            let graph = match solution.get("g") {
                None => GraphName::DefaultGraph,
                Some(g) => NamedOrBlankNode::try_from(g.clone())
                    .unwrap_or_else(|_| panic!("?g is no graph name in {solution:?}"))
                    .into(),
            };
            Quad::new(subject, predicate, term("o"), graph)
        })
        .collect()
}

/// Each quad as its graph's name and the quad, once blank nodes are named canonically.
fn canonical(mut dataset: Dataset) -> BTreeSet<(String, String)> {
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    dataset
        .iter()
        .map(|q| (q.graph_name.to_string(), q.to_string()))
        .collect()
}

/// Fails unless `actual` and `expected` hold the same quads (up to the naming of blank nodes),
/// telling graph by graph which quads are missing and which are not expected.
pub fn assert_same_quads(actual: Dataset, expected: Dataset, what: &str) {
    // Two empty sets are equal however wrong the code that produced them.
    assert!(
        !expected.is_empty(),
        "{what}: nothing is expected, so nothing would be compared"
    );
    let actual = canonical(actual);
    let expected = canonical(expected);
    if actual == expected {
        return;
    }
    let mut by_graph: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (graph, quad) in expected.difference(&actual) {
        by_graph.entry(graph).or_default().0.push(quad);
    }
    for (graph, quad) in actual.difference(&expected) {
        by_graph.entry(graph).or_default().1.push(quad);
    }
    let mut report = String::new();
    for (graph, (missing, unexpected)) in by_graph.iter().take(10) {
        report.push_str(&format!(
            "\ngraph {graph}: {} missing, {} not expected",
            missing.len(),
            unexpected.len()
        ));
        for quad in missing.iter().take(5) {
            report.push_str(&format!("\n  - {quad}"));
        }
        for quad in unexpected.iter().take(5) {
            report.push_str(&format!("\n  + {quad}"));
        }
    }
    if by_graph.len() > 10 {
        report.push_str("\n…");
    }
    panic!(
        "{what}: {} quads, {} expected; they differ in {} graphs:{report}",
        actual.len(),
        expected.len(),
        by_graph.len()
    );
}
