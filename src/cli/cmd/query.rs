use std::io::Write;
use std::process::ExitCode;

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use super::{open_existing, open_source, sparql_text};
use crate::cli::args::{Format, GlobalArgs, QueryArgs, UpdateArgs};
use crate::cli::render;
use crate::graph::cache::Writing;
use crate::ontology::Ontology;
use crate::store::{QueryLimits, QueryOutput, update_names_what_it_writes};

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
            (QueryOutput::Rows, QueryOutput::Graph(RdfFormat::Turtle))
        }
        None => (
            QueryOutput::Results(QueryResultsFormat::Tsv),
            QueryOutput::Graph(RdfFormat::Turtle),
        ),
    };
    let limits = QueryLimits {
        max_memory: Some(args.max_query_memory.max(1).saturating_mul(1024 * 1024)),
        ..QueryLimits::default()
    };
    let answer = open_source(global)?.query(&text, &limits, solutions, graph, out)?;
    if let Some(answer) = answer {
        render::table(&answer, out)?;
    }
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

fn output(format: Format) -> QueryOutput {
    match format {
        Format::Table => QueryOutput::Rows,
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
