use std::io::Write;
use std::process::ExitCode;

use super::open_source;
use crate::cli::args::{
    CentralArgs, CentralityArg, ComponentsArgs, EdgeFilterArgs, GlobalArgs, NeighborsArgs, PathArgs,
};
use crate::cli::render;
use crate::graph::{Centrality, EdgeFilter, NeighborsRequest, PathRequest, Projection, Weight};
use crate::ontology::Ontology;

/// Exit code for "no path": the search ran, and the answer is that there is none.
const NO_PATH: u8 = 3;

/// The entity graph of the store the command reads.
fn projection(global: &GlobalArgs) -> anyhow::Result<Projection> {
    Ok(open_source(global)?.projection(Ontology::embedded()?)?)
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
    let source = open_source(global)?;
    let projection = source.projection(ontology)?;
    // The default query asks the hub table first: read from beside the store when one was
    // saved there for this graph (a table of another graph, or damaged, is not read).
    let filter = &args.filter;
    let unfiltered = filter.via.is_empty()
        && filter.not_via.is_empty()
        && filter.since.is_none()
        && filter.until.is_none()
        && !filter.directed
        && args.avoid.is_empty();
    if let (crate::remote::Source::Local(store), Weight::Specific, true, false) =
        (&source, args.weight, unfiltered, args.all)
    {
        let loaded = projection.load_hub_table(store);
        if std::env::var_os("FACTGRAPH_REPORT_HUB_TABLE").is_some() {
            eprintln!("hub table: {}", if loaded { "loaded" } else { "none" });
        }
    }
    let answer = projection.answer_path(&request, ontology)?;
    let paths = &answer.paths;
    let (from, to) = (answer.from, answer.to);
    if global.json {
        render::json(out, &projection.path_answer_report(&answer))?;
    } else {
        render::path_answer(&projection, &answer, out)?;
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
        render::json(out, &projection.neighborhood_report(&answer))?;
    } else {
        render::neighborhood(&projection, &answer, args.hops, out)?;
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
    let top = &ranked[..args.top.min(ranked.len())];
    if global.json {
        render::json(out, &projection.centrality_report(top, sampled))?;
    } else {
        render::centrality(&projection, by, top, sampled, out)?;
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
        render::json(out, &projection.components_report(&components, args.top))?;
    } else {
        render::components(&projection, &components, args.top, out)?;
    }
    Ok(ExitCode::SUCCESS)
}
