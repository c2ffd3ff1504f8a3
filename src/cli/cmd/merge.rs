use std::io::Write;
use std::process::ExitCode;

use super::open_existing;
use crate::cli::args::{GlobalArgs, MergeArgs, UnmergeArgs};
use crate::cli::render;
use crate::graph::cache::Writing;
use crate::merge::{self, Merge, MergeList};
use crate::ontology::Ontology;

pub(super) fn merge(
    global: &GlobalArgs,
    args: &MergeArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let store = open_existing(global)?;
    let ontology = Ontology::embedded()?;
    let writing = Writing::rebuilding(&store, ontology);
    let done = merge::merge(&store, &args.absorbed, &args.into, ontology)?;
    writing.after_write();
    if global.json {
        serde_json::to_writer_pretty(&mut *out, &done)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "merge {}: {} is now part of {} ({} quads taken out, {} put in)\n  undo with `factgraph unmerge {}`",
            done.number,
            entity(&done.absorbed_label, &done.absorbed),
            entity(&done.into_label, &done.into),
            done.removed,
            done.added,
            done.number
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn merges(global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let store = open_existing(global)?;
    let merges = merge::merges(&store)?;
    if global.json {
        render::json(out, &MergeList(merges))?;
        return Ok(ExitCode::SUCCESS);
    }
    if merges.is_empty() {
        writeln!(out, "no merges recorded")?;
    }
    for done in &merges {
        writeln!(
            out,
            "{:>4}  {}  {}  →  {}",
            done.number,
            done.recorded,
            entity(&done.absorbed_label, &done.absorbed),
            entity(&done.into_label, &done.into)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn unmerge(
    global: &GlobalArgs,
    args: &UnmergeArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let store = open_existing(global)?;
    let writing = Writing::rebuilding(&store, Ontology::embedded()?);
    let undone: Merge = merge::unmerge(&store, args.number)?;
    writing.after_write();
    if global.json {
        serde_json::to_writer_pretty(&mut *out, &undone)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "unmerged {}: {} and {} are apart again, as they were before it",
            undone.number,
            entity(&undone.absorbed_label, &undone.absorbed),
            entity(&undone.into_label, &undone.into)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn entity(label: &str, iri: &str) -> String {
    format!("{} <{iri}>", crate::diagnostic::quoted(label))
}
