use std::io::Write;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::base;
use crate::cli::args::{GlobalArgs, IngestArgs, ValidateArgs};
use crate::cli::render;
use crate::diagnostic::Diagnostic;
use crate::graph::cache::Writing;
use crate::ingest::{self, Inputs, Options, Progress, Report};
use crate::ontology::Ontology;
use crate::store::Store;

pub(super) fn ingest(
    global: &GlobalArgs,
    args: &IngestArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let inputs = ingest::collect_inputs(&args.paths, &mut std::io::stdin().lock())?;
    let options = Options {
        base: base(global)?,
        lenient: args.lenient,
        dry_run: false,
    };
    let store = Store::open(&global.store)?;
    let bar = progress_bar(args.quiet);
    let writing = Writing::start(&store, Ontology::embedded()?);
    let report = ingest::ingest_passing_on(
        &inputs,
        &store,
        &options,
        &mut |articles| writing.hand_over(articles),
        &mut |progress| update_bar(&bar, progress),
    );
    // What follows the writes: the entity graph finished or patched, and saved.
    bar.set_message("graph");
    let report = report?;
    writing.after_write();
    bar.finish_and_clear();
    print_diagnostics(&report.diagnostics);
    if global.json {
        render::json(out, &report.summary(&inputs))?;
    } else if !args.quiet {
        eprintln!(
            "ingested {} article{} ({} unchanged, {} with errors) from {} file{}: {} entities, {} facts, {} quads in article graphs, written in {:.2} s",
            report.articles_written,
            plural(report.articles_written),
            report.articles_unchanged,
            report.sheets_with_errors,
            report.sheets,
            plural(report.sheets),
            report.entities,
            report.facts,
            report.quads_written,
            report.seconds
        );
        note_skipped(&inputs);
    }
    finish(&report, true)
}

pub(super) fn validate(
    global: &GlobalArgs,
    args: &ValidateArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let inputs = ingest::collect_inputs(&args.paths, &mut std::io::stdin().lock())?;
    let options = Options {
        base: base(global)?,
        lenient: args.lenient,
        dry_run: true,
    };
    let report = ingest::ingest(&inputs, None, &options, &mut |progress| {
        if let Progress::Extracted(warning) = progress {
            eprintln!("{warning}");
        }
    })?;
    if global.json {
        render::json(out, &report.summary(&inputs))?;
    } else {
        print_diagnostics(&report.diagnostics);
        if !report.has_errors() {
            eprintln!(
                "checked {} fact sheet{}: no errors",
                report.sheets,
                plural(report.sheets)
            );
        }
        note_skipped(&inputs);
    }
    finish(&report, false)
}

/// Exit status: an error for any error found, after saying what happened to the other sheets.
fn finish(report: &Report, wrote: bool) -> anyhow::Result<ExitCode> {
    if !report.has_errors() {
        return Ok(ExitCode::SUCCESS);
    }
    let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    let files = errors
        .iter()
        .map(|d| d.source.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let rest = report.sheets.saturating_sub(report.sheets_with_errors);
    let outcome = if wrote {
        format!(
            "nothing was written for {}; the other {rest} sheet{} were ingested",
            if files == 1 { "it" } else { "them" },
            plural(rest)
        )
    } else {
        format!("the other {rest} sheet{} are valid", plural(rest))
    };
    anyhow::bail!(
        "{} error{} in {files} file{}; {outcome}",
        errors.len(),
        plural(errors.len()),
        plural(files)
    )
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}

fn note_skipped(inputs: &Inputs) {
    if let Some(first) = inputs.skipped.first() {
        eprintln!(
            "note: skipped {} file{} that {} neither fact sheets (*.json), articles (*.txt, *.md, *.html) nor RDF datasets (*.nq, *.trig), such as {}",
            inputs.skipped.len(),
            plural(inputs.skipped.len()),
            if inputs.skipped.len() == 1 {
                "is"
            } else {
                "are"
            },
            first.display()
        );
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !crate::cli::stderr_is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} sheets ({eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn update_bar(bar: &ProgressBar, progress: Progress) {
    let (message, done, total) = match progress {
        Progress::Extracted(warning) => {
            bar.suspend(|| eprintln!("{warning}"));
            return;
        }
        Progress::Checking { done, total } => ("checking", done, total),
        Progress::Writing { done, total } => ("writing", done, total),
    };
    bar.set_message(message);
    bar.set_length(total as u64);
    bar.set_position(done as u64);
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
