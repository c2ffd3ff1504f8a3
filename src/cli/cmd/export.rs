use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Triple};

use super::graph::edge_filter;
use super::{Source, article_iri, open_existing, remote_client};
use crate::cli::args::{ExportArgs, GlobalArgs};
use crate::export::{
    GraphFormat, Kind, Output, Slice, SliceRequest, cytoscape_desktop_style, write_graph,
    write_neo4j,
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
    let (rdf, graph_format) = match args.format.kind() {
        Kind::Rdf(format) => (Some(format), None),
        Kind::Graph(format) => (None, Some(format)),
        Kind::Tables => (None, None),
    };
    if let Source::Remote(endpoint) = Source::of(global) {
        return export_remote(
            global,
            endpoint,
            args,
            rdf,
            graph_format,
            article.as_ref(),
            out,
        );
    }
    if let (Some(format), Some(sparql)) = (rdf, &args.query) {
        let store = open_existing(global)?;
        let graph_format = QueryOutput::Graph(format);
        write_atomically(&args.output, out, |writer| {
            Ok(store.query(sparql, graph_format, graph_format, writer)?)
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
        graph_format,
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
    graph_format: Option<GraphFormat>,
    article: Option<&NamedNode>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let request = SliceRequest {
        around: args.around.clone(),
        hops: args.hops,
        path: match args.path.as_slice() {
            [from, to] => Some((from.clone(), to.clone())),
            _ => None,
        },
        classes: args.class.clone(),
        predicates: args.predicate.clone(),
        article: article.cloned(),
        orphans: args.orphans,
    };
    let slice = Slice::requested(projection, &request, constructed, query)?;
    let Some(format) = graph_format else {
        if args.output.as_os_str() == "-" {
            anyhow::bail!("neo4j writes three files: give a directory with --output DIR");
        }
        let staging = sibling(&args.output, "partial");
        write_neo4j(projection, &slice, &staging)
            .with_context(|| format!("cannot write {}", staging.display()))?;
        replace(&staging, &args.output)?;
        return Ok(ExitCode::SUCCESS);
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
    graph_format: Option<GraphFormat>,
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
        graph_format,
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
