//! Exports of the entity graph (as the path engine sees it) in the formats graph tools open:
//! GraphML (Gephi, Cytoscape, yEd, networkx, igraph), GEXF with a timeline (Gephi), Graphviz DOT, Cytoscape JSON and Neo4j
//! CSV; and of the quads themselves in the RDF formats, streamed from the store (`rdf.rs`).
//! [`write`] is the one entry: any [`Source`], any [`Format`], any [`Destination`]; within it,
//! [`write_quads`] writes the quads of a store, or of one of its graphs, as they are (also for
//! the server's Graph Store protocol).
//!
//! Output is deterministic: entities and facts are written in projection order, which follows
//! the store's sorted IRIs.

mod destination;
mod dot;
mod format;
mod gexf;
mod graphml;
mod json;
mod neo4j;
mod rdf;
mod request;
mod text;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;

use oxigraph::model::NamedNode;

use crate::diagnostic::Help;
use crate::graph::{self, EdgeId, NodeId, PathQuery, Projection, Support, best_support};
use crate::model::Date;
use crate::ontology::Ontology;
use crate::parallel::{in_order, workers_for};
use crate::remote::{self, Source};
use crate::store;

pub use destination::Destination;
pub use format::{Format, Kind};
pub(crate) use graphml::xml_escape;
pub use json::cytoscape_desktop_style;
pub use neo4j::write_neo4j;
pub use rdf::write_quads;
pub use request::SliceRequest;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A slice that names what the entity graph does not hold.
    #[error(transparent)]
    Slice(#[from] graph::Error),
    #[error("no path between {from} and {to}")]
    NoPath { from: String, to: String },
    #[error("no article <{}> in the store", .0.as_str())]
    NoArticle(NamedNode),
    #[error("{} writes the entity graph, not the store's quads", .0.name())]
    NotRdf(Format),
    #[error("neo4j writes three files: give a directory with --output DIR")]
    FolderToStream,
    #[error("cannot open {}", .path.display())]
    Open { path: PathBuf, source: io::Error },
    #[error("cannot create {}", .path.display())]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot replace {}", .path.display())]
    Replace { path: PathBuf, source: io::Error },
    #[error("cannot write {}", .path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Source(#[from] remote::Error),
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Source(err) => err.help(),
            Self::Store(err) => err.help(),
            _ => None,
        }
    }
}

/// An export asked for in plain terms (the flags of `factgraph export`).
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub format: Format,
    /// A CONSTRUCT or DESCRIBE query: the RDF formats write the triples it builds, the others
    /// the facts among them.
    pub construct: Option<&'a str>,
    /// The part of the entity graph the graph formats write; of it, the RDF formats heed only
    /// the article (its graph).
    pub slice: &'a SliceRequest,
    /// The facts the graph formats may write (predicates, article dates); the RDF formats
    /// write the quads as they are.
    pub walk: &'a PathQuery,
}

/// Writes the export `request` asks for, of `source`, to `to`: whole, or not at all where `to`
/// is a path.
pub fn write(
    source: &Source,
    ontology: &Ontology,
    request: &Request<'_>,
    mut to: Destination<'_>,
) -> Result<(), Error> {
    let format = match request.format.kind() {
        Kind::Rdf(_) => {
            return rdf::write_rdf(
                source,
                request.format,
                request.construct,
                request.slice.article.as_ref(),
                to,
            );
        }
        Kind::Graph(format) => Some(format),
        Kind::Tables => None,
    };
    let projection = source.projection(ontology)?;
    let constructed = match request.construct {
        Some(sparql) => Some(source.construct(sparql)?),
        None => None,
    };
    let slice = Slice::requested(
        &projection,
        request.slice,
        constructed.as_deref(),
        request.walk,
    )?;
    let Some(format) = format else {
        return to.write_folder(|folder| write_neo4j(&projection, &slice, folder));
    };
    to.write(|out| Ok(write_graph(&projection, &slice, format, out)?))?;
    if let (GraphFormat::CytoscapeJson, Some(file)) = (format, to.file()) {
        // Cytoscape desktop reads styles from their own file; cytoscape.js takes the one
        // inside the document.
        let style = file.with_extension("style.xml");
        Destination::Path(&style)
            .write(|out| Ok(out.write_all(cytoscape_desktop_style().as_bytes())?))?;
    }
    Ok(())
}

/// The part of the graph to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// In ascending order.
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeId>,
    /// The article dates its facts were chosen by: what each fact carries (its articles, dates,
    /// best confidence and evidence) tells only of the articles in this window.
    pub window: DateWindow,
}

/// Article publication dates, `YYYY-MM-DD`, inclusive; open where `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateWindow {
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl DateWindow {
    fn holds(&self, projection: &Projection, support: &Support) -> bool {
        projection.article_in_window(support.article, self.since, self.until)
    }
}

impl Slice {
    /// Every entity and fact.
    pub fn whole(projection: &Projection) -> Self {
        Self {
            nodes: (0..projection.node_count()).collect(),
            edges: (0..projection.edge_count()).collect(),
            window: DateWindow::default(),
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
            window: DateWindow::default(),
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
            window: self.window,
        }
    }
}

impl Slice {
    /// Keeps the facts a search with `query` may walk (its predicate filters and its article
    /// date window); facts outside go, their entities stay.
    pub fn within(self, projection: &Projection, query: &PathQuery) -> Self {
        let windowed = query.since.is_some() || query.until.is_some();
        let edges = self
            .edges
            .into_iter()
            .filter(|e| {
                let predicate = projection.relation(*e).predicate;
                query
                    .via
                    .as_ref()
                    .is_none_or(|via| via.iter().any(|p| p == predicate))
                    && !query.not_via.iter().any(|p| p == predicate)
                    && (!windowed || projection.supports_in_window(*e, query).next().is_some())
            })
            .collect();
        Self {
            nodes: self.nodes,
            edges,
            window: DateWindow {
                since: query.since,
                until: query.until,
            },
        }
    }

    /// Drops the entities that take part in none of the slice's facts.
    pub fn without_orphans(self, projection: &Projection) -> Self {
        let mut linked = BTreeSet::new();
        for edge in &self.edges {
            let (subject, object) = projection.endpoints(*edge);
            linked.extend([subject, object]);
        }
        Self {
            nodes: self
                .nodes
                .into_iter()
                .filter(|n| linked.contains(n))
                .collect(),
            edges: self.edges,
            window: self.window,
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

/// The first and last date of the articles behind each fact of a slice, and each entity's facts,
/// from one pass over the slice's edges.
fn prepare<'a>(projection: &'a Projection, slice: &Slice) -> (Vec<NodeFacts<'a>>, Vec<Span>) {
    // Where each entity is in the slice, looked up once per fact end.
    let mut position = vec![u32::MAX; projection.node_count()];
    for (index, node) in slice.nodes.iter().enumerate() {
        // A slice holds at most the projection's entities, numbered in 32 bits.
        position[*node] = index as u32;
    }
    // Per entity: its degree, and its first and last date by number.
    let mut nodes: Vec<(usize, Span)> = vec![(0, None); slice.nodes.len()];
    let mut spans = Vec::with_capacity(slice.edges.len());
    for edge in &slice.edges {
        let supports = projection.relation(*edge).supports;
        let span = projection.date_span(
            supports
                .iter()
                .filter(|s| slice.window.holds(projection, s))
                .map(|s| s.article),
        );
        spans.push(span);
        let (subject, object) = projection.endpoints(*edge);
        for node in [subject, object] {
            let Some((degree, node_span)) = nodes.get_mut(position[node] as usize) else {
                continue;
            };
            *degree += 1;
            if let Some((first, last)) = span {
                *node_span = Some(
                    node_span.map_or((first, last), |(known_first, known_last)| {
                        (known_first.min(first), known_last.max(last))
                    }),
                );
            }
        }
    }
    let date = |number: u32| projection.date(number);
    let nodes = nodes
        .into_iter()
        .map(|(degree, span)| NodeFacts {
            first: span.map(|(first, _)| date(first)),
            last: span.map(|(_, last)| date(last)),
            degree,
        })
        .collect();
    (nodes, spans)
}

/// The first and last date of the articles behind a fact, by number: read from the few
/// distinct dates, not from each article, which would be a cache miss per fact.
type Span = Option<(u32, u32)>;

fn edge_facts<'a>(
    projection: &'a Projection,
    edge: EdgeId,
    span: Span,
    window: &DateWindow,
) -> EdgeFacts<'a> {
    let supports = || {
        projection
            .relation(edge)
            .supports
            .iter()
            .filter(|s| window.holds(projection, s))
    };
    let date = |number: u32| projection.date(number);
    EdgeFacts {
        articles: supports().count(),
        first: span.map(|(first, _)| date(first)),
        last: span.map(|(_, last)| date(last)),
        confidence: supports()
            .map(|s| s.confidence)
            .reduce(f32::max)
            .map(Support::as_written),
        evidence: best_support(supports()).and_then(|s| projection.evidence(s)),
    }
}

/// What each exported entity carries: first and last article date and degree within the slice.
struct NodeFacts<'a> {
    first: Option<&'a str>,
    last: Option<&'a str>,
    degree: usize,
}

/// Elements a thread formats at a time: a run of GraphML edges is about a megabyte.
const ELEMENTS_PER_RUN: usize = 1024;

/// Appends the elements of run `run` (of `0..count`) to `buffer`.
fn format_run(
    run: usize,
    count: usize,
    format: &impl Fn(usize, &mut Vec<u8>) -> io::Result<()>,
    buffer: &mut Vec<u8>,
) -> io::Result<()> {
    let elements = run * ELEMENTS_PER_RUN..((run + 1) * ELEMENTS_PER_RUN).min(count);
    elements
        .into_iter()
        .try_for_each(|element| format(element, buffer))
}

/// Formats the elements `0..count` with `format` (element number, buffer) in runs on every
/// core, and writes the runs to `out` in their order: formatting is most of an export's work,
/// and one thread writing what the others format keeps the output as a single-threaded export
/// would write it.
fn write_in_runs(
    out: &mut dyn Write,
    count: usize,
    format: impl Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let runs = count.div_ceil(ELEMENTS_PER_RUN);
    // Written buffers are used again: fresh ones cost as much again in page faults and
    // copies while growing.
    let spare = std::sync::Mutex::new(Vec::<Vec<u8>>::new());
    let formatted = |run: usize| {
        let mut buffer = spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_default();
        buffer.clear();
        format_run(run, count, &format, &mut buffer).map(|()| buffer)
    };
    std::thread::scope(|scope| {
        for run in in_order(scope, runs, workers_for(runs), &formatted) {
            let run = run?;
            out.write_all(&run)?;
            if let Ok(mut spare) = spare.lock() {
                spare.push(run);
            }
        }
        Ok(())
    })
}

/// Formats the elements `0..count` in runs on every core, and each thread writes the runs it
/// formatted into `file` itself, at their place from `start` on (runs take their places in
/// order, so the file is what [`write_in_runs`] would write): the kernel's copying into the
/// page cache, a quarter of a large export's time, is then shared out too. Gives the offset
/// after the last run.
#[cfg(any(unix, windows))]
fn write_runs_at(
    file: &std::fs::File,
    start: u64,
    count: usize,
    format: impl Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<u64> {
    use std::sync::{Condvar, Mutex};

    /// The next run to take its place, where that place starts, and whether a thread failed
    /// (then nobody waits for a turn that will not come).
    struct Turns {
        next: usize,
        offset: u64,
        failed: bool,
    }
    let runs = count.div_ceil(ELEMENTS_PER_RUN);
    let turns = Mutex::new(Turns {
        next: 0,
        offset: start,
        failed: false,
    });
    let turn_taken = Condvar::new();
    let lock = || {
        turns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    /// Marks the work failed if its thread panics, so that the others stop waiting for turns
    /// it will never take.
    struct FailOnPanic<'f>(&'f (dyn Fn() + Sync));
    impl Drop for FailOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                (self.0)();
            }
        }
    }
    let give_up = || {
        lock().failed = true;
        turn_taken.notify_all();
    };
    let workers = workers_for(runs);
    let work = |worker: usize| -> io::Result<()> {
        let _guard = FailOnPanic(&give_up);
        let mut buffer = Vec::new();
        for run in (worker..runs).step_by(workers) {
            buffer.clear();
            if let Err(error) = format_run(run, count, &format, &mut buffer) {
                give_up();
                return Err(error);
            }
            let offset = {
                let mut state = lock();
                while state.next != run && !state.failed {
                    state = turn_taken
                        .wait(state)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                if state.failed {
                    return Ok(());
                }
                let offset = state.offset;
                state.next += 1;
                state.offset += buffer.len() as u64;
                offset
            };
            turn_taken.notify_all();
            if let Err(error) = write_all_at(file, &buffer, offset) {
                give_up();
                return Err(error);
            }
        }
        Ok(())
    };
    let outcomes: Vec<io::Result<()>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers)
            .map(|worker| scope.spawn(move || work(worker)))
            .collect();
        threads
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("an export thread stopped")))
            })
            .collect()
    });
    outcomes.into_iter().collect::<io::Result<()>>()?;
    Ok(lock().offset)
}

/// Writes all of `buffer` into `file` at `offset`, whatever the file's own position, so that
/// threads can each write their runs.
#[cfg(unix)]
fn write_all_at(file: &std::fs::File, buffer: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buffer, offset)
}

/// Windows has no `write_all_at`: `seek_write` writes at an offset but may write less than it
/// is given, and it moves the file's position, which [`Output::write_runs`] sets after the runs.
#[cfg(windows)]
fn write_all_at(file: &std::fs::File, mut buffer: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_write(buffer, offset) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => {
                buffer = &buffer[written..];
                offset += written as u64;
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Where an export goes: a stream (standard output, a pipe), or a file, which the threads that
/// format the runs of entities and facts write at their places themselves.
pub struct Output<'a> {
    target: Target<'a>,
}

enum Target<'a> {
    Stream(&'a mut dyn Write),
    File {
        file: &'a std::fs::File,
        /// What comes before, between and after the runs.
        text: io::BufWriter<&'a std::fs::File>,
    },
}

impl<'a> Output<'a> {
    pub fn stream(out: &'a mut dyn Write) -> Self {
        Self {
            target: Target::Stream(out),
        }
    }

    /// A file written from its current position on.
    pub fn file(file: &'a std::fs::File) -> Self {
        Self {
            target: Target::File {
                file,
                text: io::BufWriter::with_capacity(WRITE_BUFFER, file),
            },
        }
    }

    /// Writes the elements `0..count`, formatted by `format` on every core, in order.
    fn write_runs(
        &mut self,
        count: usize,
        format: impl Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        match &mut self.target {
            Target::Stream(out) => write_in_runs(*out, count, format),
            #[cfg(any(unix, windows))]
            Target::File { file, text } => {
                use std::io::{Seek, SeekFrom};
                text.flush()?;
                let start = (&**file).stream_position()?;
                let end = write_runs_at(file, start, count, format)?;
                (&**file).seek(SeekFrom::Start(end))?;
                Ok(())
            }
            // Without positional writes, one thread writes the runs in order, as to a stream:
            // the same bytes, with the copying into the file left to that thread.
            #[cfg(not(any(unix, windows)))]
            Target::File { file, text } => {
                text.flush()?;
                write_in_runs(&mut &**file, count, format)
            }
        }
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Stream(out) => out.write(buffer),
            Target::File { text, .. } => text.write(buffer),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stream(out) => out.flush(),
            Target::File { text, .. } => text.flush(),
        }
    }
}

/// Buffer for files of hundreds of megabytes: with the standard 8 KiB, the GraphML export of
/// a 1M-fact store spent 0.2 s more in the kernel, an eighth of its time, on write calls.
pub const WRITE_BUFFER: usize = 1 << 20;

/// Writes a slice in a graph format.
pub fn write_graph(
    projection: &Projection,
    slice: &Slice,
    format: GraphFormat,
    out: &mut Output<'_>,
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
    }?;
    out.flush()
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

    /// The slice's `index`th entity with its facts.
    fn node(&self, index: usize) -> (NodeId, &NodeFacts<'a>) {
        (self.slice.nodes[index], &self.nodes[index])
    }

    /// The slice's `index`th fact with what it carries.
    fn edge(&self, index: usize) -> (EdgeId, EdgeFacts<'a>) {
        let edge = self.slice.edges[index];
        (
            edge,
            edge_facts(self.projection, edge, self.spans[index], &self.slice.window),
        )
    }

    /// Writes every entity of the slice with `format`, formatted on every core.
    fn write_nodes(
        &self,
        out: &mut Output<'_>,
        format: impl Fn(&mut Vec<u8>, usize, NodeId, &NodeFacts<'a>) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        out.write_runs(self.slice.nodes.len(), |index, buffer| {
            let (node, facts) = self.node(index);
            format(buffer, index, node, facts)
        })
    }

    /// Writes every fact of the slice with `format`, formatted on every core.
    fn write_edges(
        &self,
        out: &mut Output<'_>,
        format: impl Fn(&mut Vec<u8>, usize, EdgeId, EdgeFacts<'a>) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        out.write_runs(self.slice.edges.len(), |index, buffer| {
            let (edge, facts) = self.edge(index);
            format(buffer, index, edge, facts)
        })
    }
}

/// A colour per top-level class, so that the kinds of entities stand apart in drawings; the
/// legends and styles list the same table.
pub type Rgb = (u8, u8, u8);

const CLASS_COLOURS: &[(&[&str], Rgb)] = &[
    (&["Person"], (0x4e, 0x79, 0xa7)),
    (
        &["Company", "Organization", "StockExchange", "PoliticalParty"],
        (0xf2, 0x8e, 0x2b),
    ),
    (&["GovernmentBody", "Court"], (0xe1, 0x57, 0x59)),
    (&["Country", "Region", "City", "Place"], (0x59, 0xa1, 0x4f)),
    (&["SoftwareApplication", "Product"], (0x76, 0xb7, 0xb2)),
    (&["LegalInstrument"], (0xed, 0xc9, 0x48)),
    (&["Position"], (0xb0, 0x7a, 0xa1)),
    (&["Event"], (0xff, 0x9d, 0xa7)),
];

/// The colour of classes no row of [`CLASS_COLOURS`] names.
const OTHER_COLOUR: Rgb = (0xba, 0xb0, 0xac);

pub fn class_colour(projection_class: &str) -> Rgb {
    CLASS_COLOURS
        .iter()
        .find(|(classes, _)| classes.contains(&projection_class))
        .map_or(OTHER_COLOUR, |(_, colour)| *colour)
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(count: usize) -> Vec<u8> {
        (0..count)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .collect()
    }

    #[test]
    fn runs_formatted_on_several_threads_are_written_in_order() {
        for count in [
            0,
            1,
            ELEMENTS_PER_RUN,
            ELEMENTS_PER_RUN + 1,
            7 * ELEMENTS_PER_RUN + 3,
        ] {
            let mut out = Vec::new();
            write_in_runs(&mut out, count, |element, buffer| {
                writeln!(buffer, "{element}")
            })
            .unwrap();
            assert_eq!(out, numbered(count), "{count} elements");
        }
    }

    #[test]
    fn a_formatting_error_stops_the_export_with_that_error() {
        let failing = 3 * ELEMENTS_PER_RUN + 5;
        let mut out = Vec::new();
        let error = write_in_runs(&mut out, 10 * ELEMENTS_PER_RUN, |element, buffer| {
            if element == failing {
                return Err(io::Error::other("no such quote"));
            }
            writeln!(buffer, "{element}")
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "no such quote");
        assert!(
            out.len() <= numbered(failing).len(),
            "nothing past the failure"
        );
    }

    #[test]
    fn a_file_gets_its_text_and_runs_in_order_at_their_places() {
        for count in [0, 1, ELEMENTS_PER_RUN + 1, 9 * ELEMENTS_PER_RUN + 7] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("out.txt");
            let file = std::fs::File::create(&path).unwrap();
            let mut out = Output::file(&file);
            writeln!(out, "head").unwrap();
            out.write_runs(count, |element, buffer| writeln!(buffer, "{element}"))
                .unwrap();
            writeln!(out, "middle").unwrap();
            out.write_runs(3, |element, buffer| writeln!(buffer, "again {element}"))
                .unwrap();
            writeln!(out, "tail").unwrap();
            out.flush().unwrap();
            drop(out);
            let mut expected = b"head\n".to_vec();
            expected.extend(numbered(count));
            expected.extend(b"middle\nagain 0\nagain 1\nagain 2\ntail\n");
            assert_eq!(std::fs::read(&path).unwrap(), expected, "{count} elements");
        }
    }

    #[cfg(any(unix, windows))]
    #[test]
    fn positional_writes_stop_on_a_formatting_or_a_write_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let file = std::fs::File::create(&path).unwrap();
        let failing = 5 * ELEMENTS_PER_RUN + 1;
        let error = write_runs_at(&file, 0, 20 * ELEMENTS_PER_RUN, |element, buffer| {
            if element == failing {
                return Err(io::Error::other("no such quote"));
            }
            writeln!(buffer, "{element}")
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "no such quote");

        // A file opened for reading only refuses every write.
        let read_only = std::fs::File::open(&path).unwrap();
        let error = write_runs_at(&read_only, 0, 20 * ELEMENTS_PER_RUN, |element, buffer| {
            writeln!(buffer, "{element}")
        })
        .unwrap_err();
        // EBADF on unix, ERROR_ACCESS_DENIED on Windows.
        let refused = if cfg!(windows) { 5 } else { 9 };
        assert_eq!(error.raw_os_error(), Some(refused), "{error}");
    }

    #[cfg(any(unix, windows))]
    #[test]
    fn a_panicking_formatter_does_not_leave_the_others_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(dir.path().join("out.txt")).unwrap();
        let outcome = std::panic::catch_unwind(|| {
            write_runs_at(&file, 0, 20 * ELEMENTS_PER_RUN, |element, buffer| {
                assert!(element != 2 * ELEMENTS_PER_RUN + 3, "a formatting bug");
                writeln!(buffer, "{element}")
            })
        });
        // Either the scope passes the panic on or the thread's failure is an error; the test
        // finishing at all is the point.
        assert!(outcome.is_err() || outcome.is_ok_and(|result| result.is_err()));
    }

    /// A sink that takes a few writes, then fails as a full disk would.
    struct FullAfter(usize);

    impl Write for FullAfter {
        fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            self.0 -= 1;
            Ok(buffer.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_stops_the_formatting_threads() {
        let error = write_in_runs(
            &mut FullAfter(2),
            50 * ELEMENTS_PER_RUN,
            |element, buffer| writeln!(buffer, "{element}"),
        )
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
    }
}
