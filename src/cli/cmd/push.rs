use std::io::Write;
use std::process::ExitCode;

use oxigraph::io::RdfFormat;

use super::{open_existing, remote_client};
use crate::cli::args::{GlobalArgs, ProtocolArg, PushArgs, WireFormat};
use crate::remote::push::{Protocol, PushOptions, push as run, state_path};

pub(super) fn push(
    global: &GlobalArgs,
    args: &PushArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let store = open_existing(global)?;
    let remote = remote_client(global)?;
    let options = PushOptions {
        endpoint: args.endpoint.clone(),
        graph_store_path: args.graph_store_path.clone(),
        update_path: args.update_path.clone(),
        protocol: match args.protocol {
            ProtocolArg::Auto => Protocol::Auto,
            ProtocolArg::GraphStore => Protocol::GraphStore,
            ProtocolArg::Update => Protocol::Update,
            ProtocolArg::Bulk => Protocol::Bulk,
        },
        since_last_push: args.since_last_push,
        parallel: args.parallel,
        batch_size: args
            .batch_size
            .unwrap_or(if args.protocol == ProtocolArg::Bulk {
                usize::MAX
            } else {
                50
            }),
        format: match args.format {
            WireFormat::Ntriples => RdfFormat::NTriples,
            WireFormat::Turtle => RdfFormat::Turtle,
        },
    };
    let bar = if args.quiet || !crate::cli::stderr_is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(0)
    };
    let report = run(
        &store,
        &state_path(&global.store),
        &remote,
        &options,
        &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    )?;
    bar.finish_and_clear();
    if global.json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else if !args.quiet {
        eprintln!(
            "pushed {} graph{} ({} unchanged, {} deleted{}) to {}: {} triples in {:.2} s{}",
            report.graphs_sent,
            if report.graphs_sent == 1 { "" } else { "s" },
            report.graphs_unchanged,
            report.graphs_deleted,
            if report.default_graph_sent {
                ", and the default graph"
            } else {
                ""
            },
            args.endpoint,
            report.triples_sent,
            report.seconds,
            if report.protocol.is_empty() {
                String::new()
            } else {
                format!(" by {}", report.protocol.replace('-', " "))
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
