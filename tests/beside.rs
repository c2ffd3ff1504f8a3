//! The command line beside a running server: `factgraph serve` holds the store (RocksDB lets
//! one process open it), so read commands go through the server it announces in the store's
//! folder, and give what they give without it; writes are refused with what to do instead.

use oxigraph::sparql::results::QueryResultsFormat;

use crate::common::rdf::{parse, solutions};
use crate::common::server::{Server, client};
use crate::common::{TestEnv, repo, repo_str, stderr};

/// Read commands and how to compare their outputs.
enum Compare {
    /// The same bytes.
    Text,
    /// The same SPARQL JSON results, as solutions in order.
    Solutions,
    /// The same N-Quads dataset.
    Quads,
}

const READS: [(&[&str], Compare); 10] = [
    (&["stats"], Compare::Text),
    (&["--json", "stats"], Compare::Text),
    (
        &[
            "query",
            "--format",
            "json",
            "SELECT ?order ?app WHERE { ?order fg:bans ?app } ORDER BY ?order ?app",
        ],
        Compare::Solutions,
    ),
    (&["path", "Trump", "Ant Group"], Compare::Text),
    (
        &["--json", "path", "Trump", "Ant Group", "-k", "3"],
        Compare::Text,
    ),
    (
        &["--json", "neighbors", "Alipay", "--hops", "2"],
        Compare::Text,
    ),
    (
        &["central", "--by", "pagerank", "--top", "5"],
        Compare::Text,
    ),
    (&["--json", "components"], Compare::Text),
    (&["export", "--format", "nquads"], Compare::Quads),
    (&["export", "--format", "graphml"], Compare::Text),
];

fn same(compare: &Compare, alone: &str, beside: &str, args: &[&str]) {
    match compare {
        Compare::Text => assert_eq!(beside, alone, "{args:?}"),
        Compare::Solutions => assert_eq!(
            solutions(QueryResultsFormat::Json, beside),
            solutions(QueryResultsFormat::Json, alone),
            "{args:?}"
        ),
        Compare::Quads => {
            let format = oxigraph::io::RdfFormat::NQuads;
            let (alone, beside) = (parse(format, alone), parse(format, beside));
            assert!(!alone.is_empty());
            assert_eq!(beside, alone, "{args:?}");
        }
    }
}

#[test]
fn read_commands_answer_through_a_running_server_as_they_do_without_it() {
    let env = TestEnv::with_seed_sheets();
    let alone: Vec<String> = READS.iter().map(|(args, _)| env.ok(args)).collect();
    let server = Server::start(&env, &[]);
    let announced: serde_json::Value = serde_json::from_slice(
        &std::fs::read(env.store().join("factgraph-serve.json")).expect("announcement"),
    )
    .expect("json");
    assert_eq!(announced["url"], server.base.as_str());
    assert_eq!(announced["pid"], server.pid());
    for ((args, compare), alone) in READS.iter().zip(&alone) {
        let output = env.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(&format!("reading it through {}", server.base))
                || args.contains(&"stats"),
            "{args:?}: {}",
            stderr(&output)
        );
        same(
            compare,
            alone,
            &String::from_utf8_lossy(&output.stdout),
            args,
        );
    }
    server.stop();
    assert!(
        !env.store().join("factgraph-serve.json").exists(),
        "the server left its address behind"
    );
    assert_eq!(env.ok(&["stats"]), alone[0]);
}

#[test]
fn writes_beside_a_read_only_server_say_what_to_do_and_write_nothing() {
    let env = TestEnv::with_seed_sheets();
    let before = env.ok(&["--json", "stats"]);
    let server = Server::start(&env, &[]);
    let story = repo_str("tests/fixtures/good/story-a.json");
    for args in [
        vec!["ingest", story.as_str()],
        vec!["update", "DELETE WHERE { ?s ?p ?o }"],
        vec!["remove", "atf-2021-01-06-alipay-ban"],
    ] {
        let message = env.refused(&args, 1, "is held by `factgraph serve` at");
        assert!(message.contains(&server.base), "{message}");
        assert!(message.contains("(read-only)"), "{message}");
        assert!(
            message.contains(&format!(
                "help: stop it (pid {}) and run `factgraph {}` again",
                server.pid(),
                args[0]
            )),
            "{message}"
        );
        assert!(!message.contains("ingest DIR"), "{message}");
    }
    assert_eq!(env.ok(&["--json", "stats"]), before);
    server.stop();
    assert_eq!(env.ok(&["--json", "stats"]), before);
}

#[test]
fn beside_a_writable_server_an_ingest_names_the_upload_that_works() {
    let env = TestEnv::with_seed_sheets();
    let server = Server::start_writable(&env, "beside-token", &[]);
    let story = repo_str("tests/fixtures/good/story-a.json");
    let message = env.refused(&["ingest", &story], 1, "(writable)");
    let upload = format!(
        "curl -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\" --data-binary @sheet.json {}/api/articles",
        server.base
    );
    assert!(message.contains(&upload), "{message}");
    let articles = |env: &TestEnv| -> u64 {
        let stats: serde_json::Value =
            serde_json::from_str(&env.ok(&["--json", "stats"])).expect("json");
        stats["articles"].as_u64().expect("articles")
    };
    let before = articles(&env);
    // The request the message names, as curl would send it.
    let response = client()
        .post(server.url("/api/articles"))
        .header("Authorization", "Bearer beside-token")
        .header("Content-Type", "application/json")
        .send(std::fs::read(repo("tests/fixtures/good/story-a.json")).expect("sheet"))
        .expect("upload");
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(articles(&env), before + 1);
    server.stop();
}
