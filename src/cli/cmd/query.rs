use std::io::Write;
use std::process::ExitCode;

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use super::{Source, open_existing, remote_client, sparql_text};
use crate::cli::args::{Format, GlobalArgs, QueryArgs, UpdateArgs};
use crate::graph::cache::Writing;
use crate::graph::with_path_service;
use crate::ontology::Ontology;
use crate::remote::with_prefixes;
use crate::store::{
    ParsedQuery, QueryKind, QueryLimits, QueryOutput, update_names_what_it_writes,
    write_results_table,
};

pub(super) fn query(
    global: &GlobalArgs,
    args: &QueryArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let text = sparql_text(args.query.as_ref(), args.file.as_ref())?;
    let (solutions, graph) = match args.format.map(output) {
        Some(chosen) => (chosen, chosen),
        None if global.json => (
            QueryOutput::Results(QueryResultsFormat::Json),
            QueryOutput::Graph(RdfFormat::Turtle),
        ),
        None if crate::cli::stdout_is_terminal() => {
            (QueryOutput::Table, QueryOutput::Graph(RdfFormat::Turtle))
        }
        None => (
            QueryOutput::Results(QueryResultsFormat::Tsv),
            QueryOutput::Graph(RdfFormat::Turtle),
        ),
    };
    if let Source::Remote(endpoint) = Source::of(global) {
        return remote_query(global, endpoint, &text, solutions, graph, out);
    }
    let store = open_existing(global)?;
    let service_store = store.clone();
    let limits = QueryLimits {
        max_memory: Some(args.max_query_memory.max(1).saturating_mul(1024 * 1024)),
        ..QueryLimits::default()
    };
    store.query_with(
        &text,
        |evaluator| with_path_service(evaluator, service_store),
        &limits,
        solutions,
        graph,
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn update(global: &GlobalArgs, args: &UpdateArgs) -> anyhow::Result<ExitCode> {
    let text = sparql_text(args.update.as_ref(), args.file.as_ref())?;
    let store = open_existing(global)?;
    let limits = QueryLimits {
        max_memory: Some(args.max_query_memory.max(1).saturating_mul(1024 * 1024)),
        ..QueryLimits::default()
    };
    let ontology = Ontology::embedded()?;
    // Loading the saved graph to patch it is wasted on an update that only a build follows.
    let writing = if update_names_what_it_writes(&text) {
        Writing::start(&store, ontology)
    } else {
        Writing::rebuilding(&store, ontology)
    };
    store.update_within(&text, &limits)?;
    writing.after_write();
    Ok(ExitCode::SUCCESS)
}

/// The query at a remote endpoint, its answer written as a local query's would be.
fn remote_query(
    global: &GlobalArgs,
    endpoint: &str,
    text: &str,
    solutions: QueryOutput,
    graph: QueryOutput,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    // Parsed here too: a syntax error is reported with its place before anything is sent.
    let kind = ParsedQuery::parse(text)?.kind();
    let wanted = if kind == QueryKind::Graph {
        graph
    } else {
        solutions
    };
    let accept = match wanted {
        QueryOutput::Table => "application/sparql-results+json",
        QueryOutput::Results(format) => format.media_type(),
        QueryOutput::Graph(format) => format.media_type(),
    };
    if matches!(
        (kind, wanted),
        (
            QueryKind::Graph,
            QueryOutput::Table | QueryOutput::Results(_)
        ) | (
            QueryKind::Solutions | QueryKind::Boolean,
            QueryOutput::Graph(_)
        )
    ) {
        anyhow::bail!(
            "that --format does not fit this query: SELECT and ASK give results (table, json, xml, csv, tsv), CONSTRUCT and DESCRIBE graphs (turtle, ntriples, nquads, trig, rdfxml)"
        );
    }
    let body = remote_client(global)?.query(endpoint, &with_prefixes(text), accept)?;
    let mut reader = body.into_reader();
    if wanted == QueryOutput::Table {
        write_results_table(&mut reader, out)?;
    } else {
        std::io::copy(&mut reader, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn output(format: Format) -> QueryOutput {
    match format {
        Format::Table => QueryOutput::Table,
        Format::Json => QueryOutput::Results(QueryResultsFormat::Json),
        Format::Xml => QueryOutput::Results(QueryResultsFormat::Xml),
        Format::Csv => QueryOutput::Results(QueryResultsFormat::Csv),
        Format::Tsv => QueryOutput::Results(QueryResultsFormat::Tsv),
        Format::Turtle => QueryOutput::Graph(RdfFormat::Turtle),
        Format::Ntriples => QueryOutput::Graph(RdfFormat::NTriples),
        Format::Nquads => QueryOutput::Graph(RdfFormat::NQuads),
        Format::Trig => QueryOutput::Graph(RdfFormat::TriG),
        Format::Rdfxml => QueryOutput::Graph(RdfFormat::RdfXml),
    }
}
