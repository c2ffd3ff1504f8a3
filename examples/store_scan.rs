//! How fast the storage engine gives back a store's quads, which bounds any build of the entity
//! graph from them (see BENCHMARKS.md, "Paths"): `store_scan STORE` reads every quad of the
//! store, then those of the default graph alone, and prints JSON with the seconds and quads/s
//! of each, and the build's edges per second this allows (the quads per edge of the store).
#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::time::Instant;

use factgraph::graph::Projection;
use factgraph::ontology::Ontology;
use factgraph::store::Store;
use oxigraph::model::GraphNameRef;

/// Quads read and seconds taken by one pass of `quads`.
fn timed_scan<E>(
    quads: impl Iterator<Item = Result<oxigraph::model::Quad, E>>,
) -> Result<(usize, f64), E> {
    let started = Instant::now();
    let mut count = 0;
    for quad in quads {
        quad?;
        count += 1;
    }
    Ok((count, started.elapsed().as_secs_f64()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(store_dir) = std::env::args().nth(1) else {
        return Err("usage: store_scan STORE".into());
    };
    let store = Store::open_existing(store_dir.as_ref())?;
    let (all, all_seconds) = timed_scan(store.quads())?;
    let (default, default_seconds) = timed_scan(store.quads_in(GraphNameRef::DefaultGraph))?;
    // The edges come from the saved graph (or a build, if none is saved), not from the scans.
    let edges = Projection::from_store(&store, Ontology::embedded()?)?.edge_count();
    let quads_per_edge = all as f64 / edges.max(1) as f64;
    println!(
        "{}",
        serde_json::json!({
            "quads": all,
            "seconds": all_seconds,
            "quads_per_second": all as f64 / all_seconds,
            "default_graph_quads": default,
            "default_graph_seconds": default_seconds,
            "edges": edges,
            "quads_per_edge": quads_per_edge,
            "edges_per_second_bound_one_thread": all as f64 / all_seconds / quads_per_edge,
        })
    );
    Ok(())
}
