//! Any text sent as a SPARQL query or update, as the server's `/sparql` and `/update` and the
//! command line's `query` and `update` take it, ends in an answer or an error: never a crash, an
//! abort or a run past its limits. Each input is tried as a query, then as an update, on one
//! real store on disk, on a thread with the stack the server's and the CLI's threads have.
#![no_main]

use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use factgraph::store::{ParsedQuery, QueryDataset, QueryLimits, QueryOutput, STACK_BYTES, Store};
use libfuzzer_sys::fuzz_target;
use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::results::QueryResultsFormat;

/// A store with a few facts, so that queries have something to join.
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("factgraph-fuzz-sparql-{}", std::process::id()));
        let store = Store::open(&dir).expect("a store in the temporary folder");
        store.ensure_ontology().expect("the ontology graph");
        store
            .update(
                "INSERT DATA { GRAPH <https://w3id.org/factgraph/article/a> {
                   <https://w3id.org/factgraph/entity/trump> fg:signs <https://w3id.org/factgraph/entity/eo> .
                   <https://w3id.org/factgraph/entity/eo> fg:bans <https://w3id.org/factgraph/entity/alipay> .
                   <https://w3id.org/factgraph/entity/alipay> fg:ownedBy <https://w3id.org/factgraph/entity/ant> ;
                     rdfs:label \"Alipay\" } }",
            )
            .expect("the seed facts");
        store
    })
}

/// Runs `work` with a cancellation token that fires after a second, as the server's timeout does.
fn within_a_second(work: impl FnOnce(CancellationToken)) {
    let cancel = CancellationToken::new();
    let (done, finished) = mpsc::channel::<()>();
    let timer = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            if finished.recv_timeout(Duration::from_secs(1)).is_err() {
                cancel.cancel();
            }
        })
    };
    work(cancel);
    drop(done);
    let _ = timer.join();
}

fn limits(cancel: CancellationToken) -> QueryLimits {
    QueryLimits {
        cancel: Some(cancel),
        max_results: Some(10_000),
        max_memory: Some(256 * 1024 * 1024),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.to_owned();
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let store = store();
            within_a_second(|cancel| {
                if let Ok(parsed) = ParsedQuery::parse(&text) {
                    let output = match parsed.kind() {
                        factgraph::store::QueryKind::Graph => {
                            QueryOutput::Graph(oxigraph::io::RdfFormat::NTriples)
                        }
                        _ => QueryOutput::Results(QueryResultsFormat::Json),
                    };
                    let _ = store.run_query(
                        parsed,
                        |evaluator| evaluator,
                        &QueryDataset::default(),
                        &limits(cancel),
                        output,
                        &mut std::io::sink(),
                    );
                }
            });
            within_a_second(|cancel| {
                let _ = store.update_within(&text, &limits(cancel));
            });
        })
        .expect("a thread")
        .join()
        .expect("no panic");
});
