//! A real ingest killed with SIGKILL leaves a store that opens, holds each article whole or not
//! at all, and a re-run completes the job.

use std::time::{Duration, Instant};

use crate::common::{TestEnv, stderr};
use crate::large::generated_sheet;

const SHEETS: usize = 400;
const FACTS_PER_SHEET: usize = 300;

#[test]
fn a_killed_ingest_leaves_whole_articles_and_reruns_complete() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
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

    let mut child = env.command().args(["ingest", corpus_arg]).spawn().unwrap();
    std::thread::sleep(full_run.mul_f64(0.75).max(Duration::from_millis(200)));
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        still_running,
        "the ingest finished before it could be killed ({full_run:?}); the test proves nothing"
    );

    // Every article present is whole: all its facts and its content hash.
    let per_article = env.rows(
        "SELECT ?g (COUNT(?st) AS ?facts) WHERE { GRAPH ?g { ?st a rdf:Statement } } GROUP BY ?g",
    );
    for row in &per_article {
        assert!(
            row.ends_with(&format!("\t{FACTS_PER_SHEET}")),
            "partial article: {row}"
        );
    }
    let hashed =
        env.count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle ; fg:contentHash ?h } }");
    assert_eq!(hashed, per_article.len());
    assert!(
        per_article.len() < SHEETS,
        "all articles were written before the kill"
    );
    env.assert_merged_graph_consistent();

    let rerun = env.run(&["ingest", corpus_arg]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(env.snapshot(), reference.snapshot());
}
