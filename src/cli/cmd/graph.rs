use std::io::Write;
use std::process::ExitCode;

use serde_json::json;

use super::{Source, open_existing, remote_client};
use crate::cli::args::{
    CentralArgs, CentralityArg, ComponentsArgs, EdgeFilterArgs, GlobalArgs, NeighborsArgs, PathArgs,
};
use crate::graph::{
    Centrality, EdgeFilter, NeighborsAnswer, NeighborsRequest, PathRequest, Projection,
};
use crate::ontology::Ontology;

/// Exit code for "no path": the search ran, and the answer is that there is none.
const NO_PATH: u8 = 3;

/// The entity graph of the local store, or of the remote one with --remote (its quads streamed
/// from one query).
fn projection(global: &GlobalArgs) -> anyhow::Result<Projection> {
    let ontology = Ontology::embedded()?;
    match Source::of(global) {
        Source::Remote(endpoint) => {
            let client = remote_client(global)?;
            Ok(Projection::from_quads(
                crate::remote::quads(&client, endpoint)?,
                ontology,
            )?)
        }
        Source::Local => Ok(Projection::from_store(&open_existing(global)?, ontology)?),
    }
}

/// The filter flags as the library takes them.
pub(super) fn edge_filter(filter: &EdgeFilterArgs) -> EdgeFilter {
    EdgeFilter {
        via: filter.via.clone(),
        not_via: filter.not_via.clone(),
        since: filter.since.clone(),
        until: filter.until.clone(),
        directed: filter.directed,
    }
}

pub(super) fn path(
    global: &GlobalArgs,
    args: &PathArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let ontology = Ontology::embedded()?;
    let request = PathRequest {
        from: args.from.clone(),
        to: args.to.clone(),
        k: args.k.unwrap_or(1),
        all: args.all,
        max_hops: args.max_hops,
        limit: args.limit,
        avoid: args.avoid.clone(),
        weight: args.weight,
        filter: edge_filter(&args.filter),
    };
    // Checked before the projection is built, which takes a while on a large store.
    edge_filter(&args.filter).to_query(ontology)?;
    let projection = projection(global)?;
    let answer = projection.answer_path(&request, ontology)?;
    let paths = &answer.paths;
    let (from, to) = (answer.from, answer.to);
    if global.json {
        serde_json::to_writer_pretty(&mut *out, &projection.path_answer_json(&answer))?;
        writeln!(out)?;
    } else {
        projection.write_answer(&answer, out)?;
    }
    if paths.is_empty() {
        out.flush()?;
        eprintln!(
            "no path between {} and {}{}",
            projection.entity(from).label,
            projection.entity(to).label,
            if args.all {
                format!(" in at most {} hops", args.max_hops)
            } else {
                String::new()
            }
        );
        return Ok(ExitCode::from(NO_PATH));
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn neighbors(
    global: &GlobalArgs,
    args: &NeighborsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let ontology = Ontology::embedded()?;
    let request = NeighborsRequest {
        name: args.name.clone(),
        hops: args.hops,
        limit: args.limit.unwrap_or(usize::MAX),
        filter: edge_filter(&args.filter),
    };
    // Checked before the projection is built, which takes a while on a large store.
    request.filter.to_query(ontology)?;
    let projection = projection(global)?;
    let answer = projection.answer_neighbors(&request, ontology)?;
    if global.json {
        serde_json::to_writer_pretty(&mut *out, &projection.neighbors_answer_json(&answer))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let NeighborsAnswer {
        center,
        nodes,
        edges,
        truncated,
        query,
    } = &answer;
    writeln!(
        out,
        "{} entities within {} hop{} of {}",
        nodes.len() - 1,
        args.hops,
        if args.hops == 1 { "" } else { "s" },
        projection.entity(*center).label
    )?;
    for (node, distance) in nodes.iter().skip(1) {
        let entity = projection.entity(*node);
        writeln!(out, "  {distance}  {} ({})", entity.label, entity.class)?;
    }
    if *truncated {
        writeln!(
            out,
            "{} facts (stopped at --limit; the nearest first)",
            edges.len()
        )?;
    } else {
        writeln!(out, "{} facts", edges.len())?;
    }
    for edge in edges {
        let (subject, object) = projection.endpoints(*edge);
        let articles = projection.supports_in_window(*edge, query).count();
        writeln!(
            out,
            "  {} —{}→ {}  [{articles} article{}]",
            projection.entity(subject).label,
            projection.relation(*edge).predicate,
            projection.entity(object).label,
            if articles == 1 { "" } else { "s" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn central(
    global: &GlobalArgs,
    args: &CentralArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let projection = projection(global)?;
    let by = match args.by {
        CentralityArg::Degree => Centrality::Degree,
        CentralityArg::Pagerank => Centrality::PageRank,
        CentralityArg::Betweenness => Centrality::Betweenness,
    };
    let (ranked, sampled) = projection.centrality(by);
    let top: Vec<_> = ranked.into_iter().take(args.top).collect();
    if global.json {
        let entries: Vec<_> = top
            .iter()
            .map(|(node, score)| {
                let entity = projection.entity(*node);
                json!({ "iri": entity.iri.as_str(), "label": entity.label, "class": entity.class, "score": score })
            })
            .collect();
        serde_json::to_writer_pretty(
            &mut *out,
            &json!({ "sampled": sampled, "entities": entries }),
        )?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if sampled {
        writeln!(
            out,
            "note: betweenness estimated from a sample of source entities (the graph has more than 100,000)"
        )?;
    }
    for (rank, (node, score)) in top.iter().enumerate() {
        let entity = projection.entity(*node);
        let score = if by == Centrality::Degree {
            format!("{score:>8.0}")
        } else {
            format!("{score:>8.5}")
        };
        writeln!(
            out,
            "{:>3}. {score}  {} ({})",
            rank + 1,
            entity.label,
            entity.class
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn components(
    global: &GlobalArgs,
    args: &ComponentsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let projection = projection(global)?;
    let components = projection.components();
    if global.json {
        let listed: Vec<_> = components
            .iter()
            .take(args.top)
            .map(|c| {
                c.nodes
                    .iter()
                    .map(|n| projection.entity(*n).iri.as_str())
                    .collect::<Vec<_>>()
            })
            .collect();
        serde_json::to_writer_pretty(
            &mut *out,
            &json!({ "count": components.len(), "components": listed }),
        )?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} components", components.len())?;
    for (index, component) in components.iter().take(args.top).enumerate() {
        let names: Vec<&str> = component
            .nodes
            .iter()
            .take(8)
            .map(|n| projection.entity(*n).label)
            .collect();
        let more = component.nodes.len().saturating_sub(names.len());
        let more = if more > 0 {
            format!(", … {more} more")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:>3}. {} entities: {}{more}",
            index + 1,
            component.nodes.len(),
            names.join(", ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
