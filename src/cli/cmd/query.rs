use std::io::Write;
use std::process::ExitCode;

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use super::{open_existing, sparql_text};
use crate::cli::args::{Format, GlobalArgs, QueryArgs, UpdateArgs};
use crate::graph::with_path_service;
use crate::store::QueryOutput;

pub(super) fn query(
    global: &GlobalArgs,
    args: &QueryArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let text = sparql_text(args.query.as_ref(), args.file.as_ref())?;
    let store = open_existing(global)?;
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
    let service_store = store.clone();
    store.query_with(
        &text,
        |evaluator| with_path_service(evaluator, service_store),
        solutions,
        graph,
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn update(global: &GlobalArgs, args: &UpdateArgs) -> anyhow::Result<ExitCode> {
    let text = sparql_text(args.update.as_ref(), args.file.as_ref())?;
    open_existing(global)?.update(&text)?;
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
