//! RDF datasets (N-Quads, TriG) as `factgraph export` writes them, read back as article graphs.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, NamedNode, Quad, Term};

use crate::diagnostic::{Diagnostic, Position};
use crate::export::Format;
use crate::ontology::{self, Ontology};
use crate::rdf::ArticleGraph;
use crate::store::Store;

use super::{BATCH_QUADS, Error, Report, store_articles};

/// The format of a dataset file (N-Quads or TriG), by its extension.
pub(super) fn dataset_format(path: &Path) -> Option<(Format, RdfFormat)> {
    let format = Format::from_extension(path.extension()?.to_str()?)
        .filter(|format| [Format::NQuads, Format::TriG].contains(format))?;
    Some((format, format.rdf()?))
}

/// Reads an RDF dataset, as `export --format nquads|trig` writes it, into the store (or only
/// checks it without one). Each named graph is an article graph and replaces one of the same
/// name; the merged default graph is rebuilt from them as ingest always does, so the file's
/// default graph is not read, and the ontology graph stays the store's own. The file is read
/// twice, once to check it whole, so that a syntax error writes nothing.
pub(super) fn import_dataset(
    path: &Path,
    store: Option<&Store>,
    ontology: &Ontology,
    report: &mut Report,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
) -> Result<(), Error> {
    let Some((format, rdf)) = dataset_format(path) else {
        return Ok(());
    };
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })
    };
    let read_error = |err: RdfParseError| match err {
        RdfParseError::Io(source) => Err(Error::Read {
            path: path.to_owned(),
            source,
        }),
        RdfParseError::Syntax(syntax) => Ok(syntax),
    };
    report.sheets += 1;
    for quad in RdfParser::from_format(rdf).for_reader(open()?) {
        if let Err(err) = quad {
            let syntax = read_error(err)?;
            let mut diagnostic = Diagnostic::error(path.display().to_string(), syntax.to_string())
                .with_help(format!(
                    "the file must be {} as `factgraph export --format {}` writes it",
                    rdf.name(),
                    format.name()
                ));
            if let Some(place) = syntax.location() {
                diagnostic = diagnostic.at(Position {
                    line: usize::try_from(place.start.line)
                        .unwrap_or(usize::MAX)
                        .saturating_add(1),
                    column: usize::try_from(place.start.column)
                        .unwrap_or(usize::MAX)
                        .saturating_add(1),
                });
            }
            report.diagnostics.push(diagnostic);
            report.sheets_with_errors += 1;
            return Ok(());
        }
    }
    let Some(store) = store else {
        return Ok(());
    };
    store.ensure_ontology()?;
    let mut pending: HashMap<NamedNode, Vec<Quad>> = HashMap::new();
    let mut pending_quads = 0;
    let mut seen = HashSet::new();
    let mut entities = HashSet::new();
    for quad in RdfParser::from_format(rdf).for_reader(open()?) {
        let quad = match quad {
            Ok(quad) => quad,
            Err(err) => {
                read_error(err)?;
                continue;
            }
        };
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            continue;
        };
        if graph.as_str() == ontology::ONTOLOGY_IRI {
            continue;
        }
        // The summary counts what a sheet's ingest counts: each fact's statement, and the
        // entities the articles type with the ontology's classes.
        if quad.predicate == rdf::TYPE {
            match &quad.object {
                Term::NamedNode(class) if class.as_ref() == rdf::STATEMENT => report.facts += 1,
                Term::NamedNode(class) if ontology.class_by_iri(class.as_str()).is_some() => {
                    entities.insert(quad.subject.clone());
                }
                _ => {}
            }
        }
        pending.entry(graph.clone()).or_default().push(quad);
        pending_quads += 1;
        if pending_quads >= BATCH_QUADS {
            write_graphs(store, &mut pending, &mut seen, ontology, report, written)?;
            pending_quads = 0;
        }
    }
    write_graphs(store, &mut pending, &mut seen, ontology, report, written)?;
    report.articles_written += seen.len();
    report.entities += entities.len();
    Ok(())
}

/// Writes graphs read from a dataset; a graph met again in a later batch is added to.
fn write_graphs(
    store: &Store,
    pending: &mut HashMap<NamedNode, Vec<Quad>>,
    seen: &mut HashSet<NamedNode>,
    ontology: &Ontology,
    report: &mut Report,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
) -> Result<(), Error> {
    let mut articles = Vec::new();
    for (graph, mut quads) in pending.drain() {
        report.quads_written += quads.len();
        if seen.contains(&graph) {
            let mut all = store.graph_quads(graph.as_ref().into())?;
            all.append(&mut quads);
            quads = all;
        }
        seen.insert(graph.clone());
        articles.push(ArticleGraph {
            id: String::new(),
            graph,
            quads,
        });
    }
    store_articles(store, articles, ontology, written)
}
