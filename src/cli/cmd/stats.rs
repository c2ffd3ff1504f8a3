use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::{article_iri, open_existing, refuse, remote_client};
use crate::cli::args::{GlobalArgs, RemoveArgs};
use crate::cli::render;
use crate::graph::cache::Writing;
use crate::ontology::Ontology;
use crate::server::Announcement;
use crate::store::{Stats, optimize_on_disk};

pub(super) fn stats(global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let store = open_existing(global)?;
    let stats = store.stats(Ontology::embedded()?)?;
    write_stats(global, &stats, out)
}

/// The counts as the server holding the store gives them (`GET /api/stats`).
pub(super) fn stats_served(
    global: &GlobalArgs,
    server: &Announcement,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let url = format!("{}/api/stats", server.url);
    let response =
        remote_client(global)?.send("GET", &url, &[("Accept", "application/json")], &[])?;
    let stats: Stats = serde_json::from_reader(response.into_body().into_reader())
        .with_context(|| format!("{url} answered with counts this version cannot read"))?;
    write_stats(global, &stats, out)
}

fn write_stats(
    global: &GlobalArgs,
    stats: &Stats,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if global.json {
        serde_json::to_writer_pretty(&mut *out, stats)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "store      {}", global.store.display())?;
    writeln!(out, "quads      {}", stats.quads)?;
    writeln!(out, "articles   {}", stats.articles)?;
    writeln!(out, "entities   {}", stats.entities)?;
    write_counts(out, &stats.entities_by_class)?;
    writeln!(out, "facts      {}", stats.facts)?;
    write_counts(out, &stats.facts_by_predicate)?;
    if stats.out_of_step {
        writeln!(
            out,
            "merged     may lack facts articles state (an update): graph queries build the \
             entity graph, not patch it, until one finds them in step"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn optimize(global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let done = optimize_on_disk(&global.store)?;
    if global.json {
        render::json(out, &done)?;
    } else {
        writeln!(
            out,
            "optimized {} in {:.1} s: {:.1} MB on disk before, {:.1} MB after",
            global.store.display(),
            done.seconds,
            done.bytes_before as f64 / 1e6,
            done.bytes_after as f64 / 1e6
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Largest first, then by name.
fn write_counts(
    out: &mut dyn Write,
    counts: &std::collections::BTreeMap<String, usize>,
) -> std::io::Result<()> {
    let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (name, count) in sorted {
        writeln!(out, "  {count:>8}  {name}")?;
    }
    Ok(())
}

pub(super) fn remove(global: &GlobalArgs, args: &RemoveArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(global)?;
    let ontology = Ontology::embedded()?;
    let mut missing = Vec::new();
    let writing = Writing::start(&store, ontology);
    for article in &args.articles {
        let iri = article_iri(global, article)?;
        if store.remove_article(iri.as_ref(), ontology)? {
            eprintln!("removed {article}");
        } else {
            missing.push(article.as_str());
        }
    }
    writing.after_write();
    if !missing.is_empty() {
        return Err(refuse(
            format!(
                "no article {} in the store",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "`factgraph query 'SELECT ?id WHERE { GRAPH ?g { ?g schema:identifier ?id } }'` lists the article ids",
        ));
    }
    Ok(ExitCode::SUCCESS)
}
