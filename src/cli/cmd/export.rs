use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, Triple};

use super::graph::edge_filter;
use super::{article_iri, open_existing, remote_client};
use crate::cli::args::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::{
    GraphFormat, Output, Slice, cytoscape_desktop_style, write_graph, write_neo4j,
};
use crate::graph::{PathQuery, Projection};
use crate::ontology::Ontology;
use crate::remote::{quads, with_prefixes};
use crate::store::{QueryOutput, serializer};

pub(super) fn export(
    global: &GlobalArgs,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let article = args
        .article
        .as_deref()
        .map(|a| article_iri(global, a))
        .transpose()?;
    let rdf = match args.format {
        ExportFormat::Turtle => Some(RdfFormat::Turtle),
        ExportFormat::Ntriples => Some(RdfFormat::NTriples),
        ExportFormat::Nquads => Some(RdfFormat::NQuads),
        ExportFormat::Trig => Some(RdfFormat::TriG),
        ExportFormat::Rdfxml => Some(RdfFormat::RdfXml),
        ExportFormat::Jsonld => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        _ => None,
    };
    if let Some(endpoint) = &global.remote {
        return export_remote(global, endpoint, args, rdf, article.as_ref(), out);
    }
    if let (Some(format), Some(sparql)) = (rdf, &args.query) {
        let store = open_existing(global)?;
        let graph_format = QueryOutput::Graph(format);
        write_atomically(&args.output, out, |writer| {
            store.query(sparql, graph_format, graph_format, writer)?;
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(format) = rdf {
        let filter = &args.filter;
        if args.around.is_some()
            || !args.path.is_empty()
            || !args.class.is_empty()
            || !args.predicate.is_empty()
            || !filter.via.is_empty()
            || !filter.not_via.is_empty()
            || filter.since.is_some()
            || filter.until.is_some()
            || filter.directed
            || args.orphans
        {
            anyhow::bail!(
                "--around, --path, --class, --predicate, --via, --not-via, --since, --until, --directed and --orphans slice the entity graph: use them with graphml, gexf, dot, cyjs or neo4j\n  help: for an RDF slice, use --article or `factgraph query` with a CONSTRUCT"
            );
        }
        let store = open_existing(global)?;
        if let Some(article) = &article {
            if !store.articles()?.contains(article) {
                anyhow::bail!("no article <{}> in the store", article.as_str());
            }
        }
        // Formats without graphs get one graph: the merged default graph unless an article is named.
        let graph = match (&article, format.supports_datasets()) {
            (Some(article), _) => Some(GraphNameRef::from(article.as_ref())),
            (None, false) => Some(GraphNameRef::DefaultGraph),
            (None, true) => None,
        };
        write_atomically(&args.output, out, |writer| {
            Ok(store.dump(format, graph, writer)?)
        })?;
        return Ok(ExitCode::SUCCESS);
    }

    let query = edge_filter(&args.filter).to_query(Ontology::embedded()?)?;
    let store = open_existing(global)?;
    let projection = Projection::from_store(&store, Ontology::embedded()?)?;
    let constructed = match &args.query {
        Some(sparql) => Some(store.construct(sparql)?),
        None => None,
    };
    write_entity_graph(
        &projection,
        constructed.as_deref(),
        &query,
        args,
        article.as_ref(),
        out,
    )
}

/// The graph formats: the entity graph, or the slice the flags ask for (`constructed`: the
/// triples of a --query).
fn write_entity_graph(
    projection: &Projection,
    constructed: Option<&[Triple]>,
    query: &PathQuery,
    args: &ExportArgs,
    article: Option<&NamedNode>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut slice = if let Some(triples) = constructed {
        let edges = triples
            .iter()
            .filter_map(|t| match (&t.subject, &t.object) {
                (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) => {
                    projection.edge_between(s.as_str(), t.predicate.as_str(), o.as_str())
                }
                _ => None,
            });
        Slice::from_edges(projection, edges.collect::<Vec<_>>(), &[])
    } else if let Some(center) = &args.around {
        let center = projection.lookup(center)?;
        let (_, edges, _) = projection.neighbors(center, args.hops, usize::MAX, query);
        Slice::from_edges(projection, edges, &[center])
    } else if let [from, to] = args.path.as_slice() {
        let (from, to) = (projection.lookup(from)?, projection.lookup(to)?);
        let Some(path) = projection.shortest_path(from, to, query) else {
            anyhow::bail!(
                "no path between {from} and {to}",
                from = projection.entity(from).label,
                to = projection.entity(to).label
            );
        };
        Slice::from_edges(projection, path.hops.iter().map(|h| h.edge), &path.nodes)
    } else {
        Slice::whole(projection)
    };
    if let Some(article) = article {
        let stated = slice.edges.iter().copied().filter(|e| {
            projection
                .relation(*e)
                .supports
                .iter()
                .any(|s| projection.article(s.article).iri == *article)
        });
        slice = Slice::from_edges(projection, stated.collect::<Vec<_>>(), &[]);
    }
    let mut slice = slice
        .filter(projection, &args.class, &args.predicate)
        .within(projection, query);
    if !args.orphans {
        slice = slice.without_orphans(projection);
    }
    let format = match args.format {
        ExportFormat::Graphml => GraphFormat::GraphMl,
        ExportFormat::Gexf => GraphFormat::Gexf,
        ExportFormat::Dot => GraphFormat::Dot,
        ExportFormat::Cyjs => GraphFormat::CytoscapeJson,
        _ => {
            if args.output.as_os_str() == "-" {
                anyhow::bail!("neo4j writes three files: give a directory with --output DIR");
            }
            let staging = sibling(&args.output, "partial");
            write_neo4j(projection, &slice, &staging)
                .with_context(|| format!("cannot write {}", staging.display()))?;
            replace(&staging, &args.output)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    write_atomically(&args.output, out, |writer| {
        Ok(write_graph(projection, &slice, format, writer)?)
    })?;
    if format == GraphFormat::CytoscapeJson
        && std::fs::metadata(&args.output).is_ok_and(|m| m.is_file())
    {
        // Cytoscape desktop reads styles from their own file; cytoscape.js takes the one
        // inside the document.
        let style = args.output.with_extension("style.xml");
        write_atomically(&style, out, |writer| {
            Ok(writer.write_all(cytoscape_desktop_style().as_bytes())?)
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Export from a remote store: its quads come from one streamed query, CONSTRUCT slices run
/// there.
fn export_remote(
    global: &GlobalArgs,
    endpoint: &str,
    args: &ExportArgs,
    rdf: Option<RdfFormat>,
    article: Option<&NamedNode>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let client = remote_client(global)?;
    if let (Some(format), Some(sparql)) = (rdf, &args.query) {
        let body = client.query(endpoint, &with_prefixes(sparql), format.media_type())?;
        write_atomically(&args.output, out, |writer| {
            std::io::copy(&mut body.into_reader(), writer)?;
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(format) = rdf {
        let keep = |quad: &Quad| match (article, &quad.graph_name) {
            (Some(article), GraphName::NamedNode(graph)) => graph == article,
            (Some(_), _) => false,
            (None, GraphName::DefaultGraph) => true,
            (None, _) => format.supports_datasets(),
        };
        write_atomically(&args.output, out, |writer| {
            let mut serializer = serializer(format).for_writer(writer);
            for quad in quads(&client, endpoint)? {
                let quad = quad?;
                if !keep(&quad) {
                    continue;
                }
                if format.supports_datasets() {
                    serializer.serialize_quad(&quad)?;
                } else {
                    serializer.serialize_triple(quad.as_ref())?;
                }
            }
            serializer.finish()?;
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let ontology = Ontology::embedded()?;
    let query = edge_filter(&args.filter).to_query(ontology)?;
    let projection = Projection::from_quads(quads(&client, endpoint)?, ontology)?;
    let constructed = match &args.query {
        Some(sparql) => {
            let body = client.query(endpoint, &with_prefixes(sparql), "application/n-triples")?;
            let triples = RdfParser::from_format(RdfFormat::NTriples)
                .for_reader(body.into_reader())
                .map(|quad| quad.map(Triple::from))
                .collect::<Result<Vec<_>, _>>()
                .with_context(|| {
                    format!("{endpoint} answered the CONSTRUCT with unreadable N-Triples")
                })?;
            Some(triples)
        }
        None => None,
    };
    write_entity_graph(
        &projection,
        constructed.as_deref(),
        &query,
        args,
        article,
        out,
    )
}

/// Writes to stdout, or to a file that appears only once it is complete. What is there and is
/// no file (`/dev/null`, a named pipe) is written as it is: a finished file renamed over it
/// would replace the device or the pipe, not feed it.
fn write_atomically(
    output: &Path,
    stdout: &mut dyn Write,
    write: impl FnOnce(&mut Output<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if output.as_os_str() == "-" {
        return write(&mut Output::stream(stdout));
    }
    if std::fs::metadata(output).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut device = std::fs::OpenOptions::new()
            .write(true)
            .open(output)
            .with_context(|| format!("cannot open {}", output.display()))?;
        let mut out = Output::stream(&mut device);
        write(&mut out)?;
        return Ok(out.flush()?);
    }
    let staging = sibling(output, "partial");
    let result = (|| {
        let file = std::fs::File::create(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let mut out = Output::file(&file);
        write(&mut out)?;
        out.flush()?;
        Ok(())
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&staging);
        return Err(err);
    }
    replace(&staging, output)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".{suffix}"));
    path.with_file_name(name)
}

/// Moves a finished file or directory into place, replacing what was there.
fn replace(staging: &Path, output: &Path) -> anyhow::Result<()> {
    if output.is_dir() {
        std::fs::remove_dir_all(output)
            .with_context(|| format!("cannot replace {}", output.display()))?;
    }
    std::fs::rename(staging, output).with_context(|| format!("cannot write {}", output.display()))
}
