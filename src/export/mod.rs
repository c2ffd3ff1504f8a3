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

use crate::graph::{EdgeId, NodeId, Projection, Support, best_support};

pub use neo4j::write_neo4j;

/// The part of the graph to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// In ascending order.
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

/// What each exported fact carries, computed as it is written: borrowed from the projection,
/// so that an export holds nothing per fact but the span of its dates.
struct EdgeFacts<'a> {
    articles: usize,
    first: Option<&'a str>,
    last: Option<&'a str>,
    confidence: Option<f64>,
    evidence: Option<&'a str>,
}

/// The first and last dated article behind each fact of a slice, and each entity's facts,
/// from one pass over the slice's edges.
fn prepare<'a>(projection: &'a Projection, slice: &Slice) -> (Vec<NodeFacts<'a>>, Vec<Span>) {
    let mut nodes: Vec<(usize, Span)> = vec![(0, None); slice.nodes.len()];
    let mut spans = Vec::with_capacity(slice.edges.len());
    for edge in &slice.edges {
        let supports = projection.relation(*edge).supports;
        let span = projection.first_and_last(supports.iter().map(|s| s.article));
        spans.push(span);
        let (subject, object) = projection.endpoints(*edge);
        for node in [subject, object] {
            let Ok(index) = slice.nodes.binary_search(&node) else {
                continue;
            };
            let (degree, node_span) = &mut nodes[index];
            *degree += 1;
            *node_span = projection
                .first_and_last(node_span.iter().chain(&span).flat_map(|(f, l)| [*f, *l]));
        }
    }
    let date = |article: u32| projection.published(article);
    let nodes = nodes
        .into_iter()
        .map(|(degree, span)| NodeFacts {
            first: span.and_then(|(first, _)| date(first)),
            last: span.and_then(|(_, last)| date(last)),
            degree,
        })
        .collect();
    (nodes, spans)
}

/// The first and last dated article behind a fact, by index.
type Span = Option<(u32, u32)>;

fn edge_facts(projection: &Projection, edge: EdgeId, span: Span) -> EdgeFacts<'_> {
    let supports = projection.relation(edge).supports;
    let date = |article: u32| projection.published(article);
    EdgeFacts {
        articles: supports.len(),
        first: span.and_then(|(first, _)| date(first)),
        last: span.and_then(|(_, last)| date(last)),
        confidence: supports.iter().map(Support::confidence).reduce(f64::max),
        evidence: best_support(supports).and_then(|s| projection.evidence(s)),
    }
}

/// What each exported entity carries: first and last article date and degree within the slice.
struct NodeFacts<'a> {
    first: Option<&'a str>,
    last: Option<&'a str>,
    degree: usize,
}

/// Buffer for files of hundreds of megabytes: with the standard 8 KiB, the GraphML export of
/// a 1M-fact store spent 0.2 s more in the kernel, an eighth of its time, on write calls.
pub const WRITE_BUFFER: usize = 1 << 20;

/// Writes a slice in a graph format.
pub fn write_graph(
    projection: &Projection,
    slice: &Slice,
    format: GraphFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (nodes, spans) = prepare(projection, slice);
    let view = View {
        projection,
        slice,
        nodes: &nodes,
        spans: &spans,
    };
    match format {
        GraphFormat::GraphMl => graphml::write(&view, out),
        GraphFormat::Gexf => gexf::write(&view, out),
        GraphFormat::Dot => dot::write(&view, out),
        GraphFormat::CytoscapeJson => json::write_cytoscape(&view, out),
    }
}

/// A slice with its entities' computed attributes, for the writers.
struct View<'a> {
    projection: &'a Projection,
    slice: &'a Slice,
    nodes: &'a [NodeFacts<'a>],
    spans: &'a [Span],
}

impl<'a> View<'a> {
    /// Stable element ids: `n{node}` and `e{edge}` (projection indices).
    fn node_id(node: NodeId) -> String {
        format!("n{node}")
    }

    fn edge_id(edge: EdgeId) -> String {
        format!("e{edge}")
    }

    /// The slice's entities with their facts.
    fn nodes(&self) -> impl Iterator<Item = (NodeId, &NodeFacts<'a>)> {
        self.slice.nodes.iter().copied().zip(self.nodes)
    }

    /// The slice's facts, each with what it carries.
    fn edges(&self) -> impl Iterator<Item = (EdgeId, EdgeFacts<'a>)> {
        self.slice
            .edges
            .iter()
            .zip(self.spans)
            .map(|(edge, span)| (*edge, edge_facts(self.projection, *edge, *span)))
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
