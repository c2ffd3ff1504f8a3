//! Cytoscape JSON (`.cyjs`): `{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}`,
//! the shape Cytoscape desktop and cytoscape.js read.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Output, View};
use crate::ontology::NAMESPACE;

/// Written element by element, so that the document is never whole in memory.
pub(super) fn write_cytoscape(view: &View<'_>, out: &mut Output<'_>) -> io::Result<()> {
    let header = json!({
        "format_version": "1.0",
        "generated_by": concat!("factgraph ", env!("CARGO_PKG_VERSION")),
        "data": { "name": "factgraph" },
        "directed": true,
        "multigraph": true,
    });
    let header = serde_json::to_string(&header)?;
    // The header object without its closing brace, then the elements member.
    write!(
        out,
        "{},\n\"elements\": {{\n\"nodes\": [",
        header.trim_end_matches('}')
    )?;
    view.write_nodes(out, |out, index, node, facts| {
        let entity = view.projection.entity(node);
        let element = json!({ "data": {
            "id": View::node_id(node),
            "name": entity.label,
            "value": View::node_id(node),
            "iri": entity.iri.as_str(),
            "class": entity.class,
            "aliases": entity.aliases,
            "first_date": facts.first,
            "last_date": facts.last,
            "degree": facts.degree,
        }});
        write_element(out, index, &element)
    })?;
    write!(out, "\n],\n\"edges\": [")?;
    view.write_edges(out, |out, index, edge, facts| {
        let (subject, object) = view.projection.endpoints(edge);
        let predicate = &view.projection.relation(edge).predicate;
        let element = json!({ "data": {
            "id": View::edge_id(edge),
            "key": View::edge_id(edge),
            "source": View::node_id(subject),
            "target": View::node_id(object),
            "interaction": &**predicate,
            "predicate_iri": format!("{NAMESPACE}{predicate}"),
            "articles": facts.articles,
            "first_date": facts.first,
            "last_date": facts.last,
            "confidence": facts.confidence,
            "evidence": facts.evidence,
        }});
        write_element(out, index, &element)
    })?;
    writeln!(out, "\n]\n}}\n}}")
}

fn write_element(out: &mut dyn Write, index: usize, element: &Value) -> io::Result<()> {
    out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
    serde_json::to_writer(&mut *out, element)?;
    Ok(())
}
