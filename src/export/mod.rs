//! Exports of the entity graph (as the path engine sees it) in the formats graph tools open:
//! GraphML (Gephi, Cytoscape, yEd, networkx, igraph), GEXF with a timeline (Gephi), Graphviz DOT, Cytoscape JSON and Neo4j
//! CSV. RDF exports stream straight from the store ([`crate::store::Store::dump`]).
//!
//! Output is deterministic: entities and facts are written in projection order, which follows
//! the store's sorted IRIs.

mod dot;
mod gexf;
mod graphml;
mod json;
mod neo4j;

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::graph::{EdgeId, NodeId, PathQuery, Projection, best_support};

pub use neo4j::write_neo4j;

/// The part of the graph to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeId>,
}

impl Slice {
    /// Every entity and fact.
    pub fn whole(projection: &Projection) -> Self {
        Self {
            nodes: (0..projection.node_count()).collect(),
            edges: (0..projection.edge_count()).collect(),
        }
    }

    /// Some facts and the entities they join, plus `extra` entities.
    pub fn from_edges(
        projection: &Projection,
        edges: impl IntoIterator<Item = EdgeId>,
        extra: &[NodeId],
    ) -> Self {
        let edges: BTreeSet<EdgeId> = edges.into_iter().collect();
        let mut nodes: BTreeSet<NodeId> = extra.iter().copied().collect();
        for edge in &edges {
            let (subject, object) = projection.endpoints(*edge);
            nodes.extend([subject, object]);
        }
        Self {
            nodes: nodes.into_iter().collect(),
            edges: edges.into_iter().collect(),
        }
    }

    /// Keeps entities of these classes (or their sub-classes, by name) and facts with these
    /// predicates; empty lists keep everything. Facts whose ends are dropped go too.
    pub fn filter(
        self,
        projection: &Projection,
        classes: &[String],
        predicates: &[String],
    ) -> Self {
        let keep_node = |n: &NodeId| {
            classes.is_empty() || classes.iter().any(|c| **c == *projection.entity(*n).class)
        };
        let nodes: BTreeSet<NodeId> = self.nodes.into_iter().filter(keep_node).collect();
        let edges = self
            .edges
            .into_iter()
            .filter(|e| {
                let predicate = projection.relation(*e).predicate;
                predicates.is_empty() || predicates.iter().any(|p| p == predicate)
            })
            .filter(|e| {
                let (subject, object) = projection.endpoints(*e);
                nodes.contains(&subject) && nodes.contains(&object)
            })
            .collect();
        Self {
            nodes: nodes.into_iter().collect(),
            edges,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    GraphMl,
    Gexf,
    Dot,
    CytoscapeJson,
}

/// What each exported fact carries, computed once.
struct EdgeFacts {
    articles: usize,
    first: Option<String>,
    last: Option<String>,
    confidence: Option<f64>,
    evidence: Option<String>,
}

fn edge_facts(projection: &Projection, edge: EdgeId) -> EdgeFacts {
    let query = PathQuery::default();
    let supports: Vec<_> = projection.supports_in_window(edge, &query).collect();
    let dates: BTreeSet<&str> = supports
        .iter()
        .filter_map(|s| projection.article(s.article).published)
        .collect();
    let best = best_support(&supports);
    EdgeFacts {
        articles: supports.len(),
        first: dates.first().map(|d| (*d).to_owned()),
        last: dates.last().map(|d| (*d).to_owned()),
        confidence: supports.iter().map(|s| s.confidence()).reduce(f64::max),
        evidence: best.and_then(|s| projection.evidence(s)).map(str::to_owned),
    }
}

/// What each exported entity carries: first and last article date and degree within the slice.
struct NodeFacts {
    first: Option<String>,
    last: Option<String>,
    degree: usize,
}

fn node_facts(projection: &Projection, slice: &Slice, edges: &[EdgeFacts]) -> Vec<NodeFacts> {
    let position: std::collections::HashMap<NodeId, usize> = slice
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i))
        .collect();
    let mut facts: Vec<NodeFacts> = slice
        .nodes
        .iter()
        .map(|_| NodeFacts {
            first: None,
            last: None,
            degree: 0,
        })
        .collect();
    for (edge, about) in slice.edges.iter().zip(edges) {
        let (subject, object) = projection.endpoints(*edge);
        for node in [subject, object] {
            let Some(index) = position.get(&node) else {
                continue;
            };
            let slot = &mut facts[*index];
            slot.degree += 1;
            if let Some(first) = &about.first {
                if slot.first.as_ref().is_none_or(|f| first < f) {
                    slot.first = Some(first.clone());
                }
            }
            if let Some(last) = &about.last {
                if slot.last.as_ref().is_none_or(|l| last > l) {
                    slot.last = Some(last.clone());
                }
            }
        }
    }
    facts
}

/// The attributes of a slice's entities and facts, in slice order.
fn slice_facts(projection: &Projection, slice: &Slice) -> (Vec<NodeFacts>, Vec<EdgeFacts>) {
    let edges: Vec<EdgeFacts> = slice
        .edges
        .iter()
        .map(|e| edge_facts(projection, *e))
        .collect();
    (node_facts(projection, slice, &edges), edges)
}

/// Writes a slice in a graph format.
pub fn write_graph(
    projection: &Projection,
    slice: &Slice,
    format: GraphFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (nodes, edges) = slice_facts(projection, slice);
    let view = View {
        projection,
        slice,
        nodes: &nodes,
        edges: &edges,
    };
    match format {
        GraphFormat::GraphMl => graphml::write(&view, out),
        GraphFormat::Gexf => gexf::write(&view, out),
        GraphFormat::Dot => dot::write(&view, out),
        GraphFormat::CytoscapeJson => json::write_cytoscape(&view, out),
    }
}

/// A slice with its computed attributes, for the writers.
struct View<'a> {
    projection: &'a Projection,
    slice: &'a Slice,
    nodes: &'a [NodeFacts],
    edges: &'a [EdgeFacts],
}

impl View<'_> {
    /// Stable element ids: `n{node}` and `e{edge}` (projection indices).
    fn node_id(node: NodeId) -> String {
        format!("n{node}")
    }

    fn edge_id(edge: EdgeId) -> String {
        format!("e{edge}")
    }
}

/// A colour per top-level class, so that the kinds of entities stand apart in drawings.
fn class_colour(projection_class: &str) -> (u8, u8, u8) {
    match projection_class {
        "Person" => (0x4e, 0x79, 0xa7),
        "Company" | "Organization" | "StockExchange" | "PoliticalParty" => (0xf2, 0x8e, 0x2b),
        "GovernmentBody" | "Court" => (0xe1, 0x57, 0x59),
        "Country" | "Region" | "City" | "Place" => (0x59, 0xa1, 0x4f),
        "SoftwareApplication" | "Product" => (0x76, 0xb7, 0xb2),
        "LegalInstrument" => (0xed, 0xc9, 0x48),
        "Position" => (0xb0, 0x7a, 0xa1),
        "Event" => (0xff, 0x9d, 0xa7),
        _ => (0xba, 0xb0, 0xac),
    }
}
