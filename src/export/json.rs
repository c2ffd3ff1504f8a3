//! Cytoscape JSON (`.cyjs`): `{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}`,
//! the shape Cytoscape desktop and cytoscape.js read.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::View;
use crate::ontology::NAMESPACE;

pub(super) fn write_cytoscape(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<Value> = view
        .slice
        .nodes
        .iter()
        .zip(view.nodes)
        .map(|(node, facts)| {
            let entity = view.projection.entity(*node);
            json!({ "data": {
                "id": View::node_id(*node),
                "name": entity.label,
                "value": View::node_id(*node),
                "iri": entity.iri.as_str(),
                "class": entity.class,
                "aliases": entity.aliases,
                "first_date": facts.first,
                "last_date": facts.last,
                "degree": facts.degree,
            }})
        })
        .collect();
    let edges: Vec<Value> = view
        .slice
        .edges
        .iter()
        .zip(view.edges)
        .map(|(edge, facts)| {
            let (subject, object) = view.projection.endpoints(*edge);
            let predicate = &view.projection.relation(*edge).predicate;
            json!({ "data": {
                "id": View::edge_id(*edge),
                "key": View::edge_id(*edge),
                "source": View::node_id(subject),
                "target": View::node_id(object),
                "interaction": predicate,
                "predicate_iri": format!("{NAMESPACE}{predicate}"),
                "articles": facts.articles,
                "first_date": facts.first,
                "last_date": facts.last,
                "confidence": facts.confidence,
                "evidence": facts.evidence,
            }})
        })
        .collect();
    let document = json!({
        "format_version": "1.0",
        "generated_by": concat!("factgraph ", env!("CARGO_PKG_VERSION")),
        "data": { "name": "factgraph" },
        "directed": true,
        "multigraph": true,
        "elements": { "nodes": nodes, "edges": edges },
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
