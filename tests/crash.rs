//! A real ingest killed with SIGKILL leaves a store that opens, holds each article whole or not
//! at all, and a re-run completes the job.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use oxigraph::model::Dataset;

use crate::common::rdf::assert_same_quads;
use crate::common::{TestEnv, stderr};
use crate::large::generated_sheet;

const SHEETS: usize = 400;
const FACTS_PER_SHEET: usize = 300;
/// Kills tried before the test gives up on landing one between two of the ingest's writes.
const ATTEMPTS: usize = 6;
const ARTICLE_QUADS: &str = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/factgraph/ontology>) }";

/// How far a killed ingest got.
#[derive(Debug)]
enum Killed {
    /// The ingest ended before the kill came.
    Finished,
    /// The store held this many articles afterwards.
    Holding(usize),
}

fn article_graphs(quads: &Dataset) -> BTreeSet<String> {
    quads.iter().map(|q| q.graph_name.to_string()).collect()
}

/// Starts an ingest of `corpus` into `env`'s store and kills it after `delay` unless it ends first.
fn kill_after(env: &TestEnv, corpus: &str, delay: Duration) -> (Killed, Dataset) {
    let mut child = env.command().args(["ingest", corpus]).spawn().unwrap();
    let started = Instant::now();
    let mut still_running = true;
    while still_running && started.elapsed() < delay {
        std::thread::sleep(Duration::from_millis(10));
        still_running = child.try_wait().unwrap().is_none();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // Killed before it made the store, it wrote nothing.
    let quads = if env.store().exists() {
        env.quads(ARTICLE_QUADS)
    } else {
        Dataset::new()
    };
    let killed = if still_running {
        Killed::Holding(article_graphs(&quads).len())
    } else {
        Killed::Finished
    };
    (killed, quads)
}

#[test]
fn a_killed_ingest_leaves_whole_articles_and_reruns_complete() {
    let corpus_dir = tempfile::tempdir().unwrap();
    let corpus = corpus_dir.path();
    for i in 0..SHEETS {
        let sheet = generated_sheet(&format!("crash-{i:04}"), 40, FACTS_PER_SHEET, 40);
        std::fs::write(corpus.join(format!("{i:04}.json")), sheet).unwrap();
    }
    let corpus_arg = corpus.to_str().unwrap();

    // A clean run into another store: the reference, and how long a whole run takes.
    let reference = TestEnv::new();
    let started = Instant::now();
    reference.ok(&["ingest", corpus_arg]);
    let full_run = started.elapsed();

    // Only a kill that lands after the first articles were written and before the last were
    // can tell whole articles from parts. Where a kill lands depends on the machine's load, so
    // one too early or too late is tried again halfway between the two (or, while none came too
    // late, twice as late).
    let mut delay = full_run.mul_f64(0.75);
    let mut too_early = Duration::ZERO;
    let mut too_late: Option<Duration> = None;
    let mut tried = Vec::new();
    let (env, killed_articles) = loop {
        assert!(
            tried.len() < ATTEMPTS,
            "no kill landed while the ingest was writing ({full_run:?} for a whole run): {tried:?}"
        );
        let env = TestEnv::new();
        let (killed, quads) = kill_after(&env, corpus_arg, delay);
        match killed {
            Killed::Holding(n) if n > 0 && n < SHEETS => break (env, quads),
            Killed::Holding(0) => too_early = delay,
            _ => too_late = Some(delay),
        }
        tried.push((delay, killed));
        delay = match too_late {
            Some(late) => (too_early + late) / 2,
            None => delay * 2,
        };
    };

    // Every article present is whole: exactly the quads the clean run wrote for it.
    let present: Vec<String> = article_graphs(&killed_articles).into_iter().collect();
    assert_same_quads(
        killed_articles,
        reference.quads(&format!(
            "SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {} }} GRAPH ?g {{ ?s ?p ?o }} }}",
            present.join(" ")
        )),
        "the articles a killed ingest left",
    );
    env.assert_merged_graph_consistent();

    let rerun = env.run(&["ingest", corpus_arg]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(env.snapshot(), reference.snapshot());
}
