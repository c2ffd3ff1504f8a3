//! Exports through the command line; tests/check_exports.py (run by .ci/run) opens the same
//! files with rapper, rdflib, networkx, igraph and Graphviz.

use crate::common::{TestEnv, repo_str, stderr};

fn env() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("tests/fixtures/good")]);
    env
}

#[test]
fn an_article_exports_as_exactly_its_graph() {
    let env = env();
    let nquads = env.ok(&["export", "--format", "nquads", "--article", "story-a"]);
    let graph = "<https://w3id.org/factgraph/article/story-a> .";
    assert!(nquads.lines().all(|l| l.ends_with(graph)), "{nquads}");
    let in_store =
        env.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/factgraph/article/story-a> { ?s ?p ?o } }");
    assert_eq!(nquads.lines().count(), in_store);
}

#[test]
fn single_graph_formats_hold_the_merged_graph() {
    let env = env();
    let turtle = env.ok(&["export", "--format", "turtle"]);
    assert!(
        turtle.contains("@prefix fg: <https://w3id.org/factgraph/ontology#>"),
        "{turtle}"
    );
    assert!(
        !turtle.contains("rdf:Statement"),
        "provenance belongs to the article graphs"
    );
    let ntriples = env.ok(&["export", "--format", "ntriples"]);
    assert_eq!(
        ntriples.lines().count(),
        env.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    );
}

#[test]
fn graph_slices() {
    let env = env();
    let whole = env.ok(&["export", "--format", "dot"]);
    let around = env.ok(&[
        "export", "--format", "dot", "--around", "Alipay", "--hops", "1",
    ]);
    let path = env.ok(&["export", "--format", "dot", "--path", "Trump", "Ant Group"]);
    let edges = |dot: &str| dot.lines().filter(|l| l.contains(" -> ")).count();
    assert!(
        edges(&around) < edges(&whole) && edges(&around) >= 2,
        "{around}"
    );
    assert_eq!(edges(&path), 3, "{path}");
    assert!(
        path.contains("label=\"signs\"")
            && path.contains("label=\"bans\"")
            && path.contains("label=\"ownedBy\"")
    );
    let companies = env.ok(&[
        "export",
        "--format",
        "cyjs",
        "--class",
        "Company",
        "--predicate",
        "ownedBy",
    ]);
    let json: serde_json::Value = serde_json::from_str(&companies).unwrap();
    let nodes = json["elements"]["nodes"].as_array().unwrap();
    assert!(
        nodes.iter().all(|n| n["data"]["class"] == "Company"),
        "{companies}"
    );
    // Ant Group ownedBy Alibaba, and the escaping fixture's Markup ownedBy Quoted.
    assert_eq!(json["elements"]["edges"].as_array().unwrap().len(), 2);
}

#[test]
fn an_output_that_is_no_file_is_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let env = env();
    let fifo = env.dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for format in ["graphml", "turtle"] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).expect("read the pipe"))
        };
        env.ok(&["export", "--format", format, "-o", fifo.to_str().unwrap()]);
        // Checked before waiting for the reader, which a replaced pipe leaves waiting forever.
        assert!(
            std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
            "the pipe was replaced by a file"
        );
        let through_the_pipe = String::from_utf8(reader.join().unwrap()).unwrap();
        assert_eq!(through_the_pipe, env.ok(&["export", "--format", format]));
    }
    assert!(!env.dir.path().join("pipe.partial").exists());
}

#[test]
fn failed_exports_leave_no_file() {
    let env = env();
    let target = env.dir.path().join("out.graphml");
    let output = env.run(&[
        "export",
        "--format",
        "graphml",
        "--path",
        "Trump",
        "Nobody",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!target.exists() && !env.dir.path().join("out.graphml.partial").exists());
    env.refused(
        &["export", "--format", "turtle", "--around", "Alipay"],
        1,
        "use them with graphml, gexf, dot, cyjs or neo4j",
    );
    let neo4j = env.run(&["export", "--format", "neo4j"]);
    assert!(
        stderr(&neo4j).contains("give a directory with --output DIR"),
        "{}",
        stderr(&neo4j)
    );

    let dir = env.dir.path().join("neo4j");
    env.ok(&["export", "--format", "neo4j", "-o", dir.to_str().unwrap()]);
    let cypher = std::fs::read_to_string(dir.join("load.cypher")).unwrap();
    assert!(cypher.contains("MERGE (s)-[r:ownedBy]->(o)"), "{cypher}");
    assert!(
        std::fs::read_to_string(dir.join("nodes.csv"))
            .unwrap()
            .starts_with("id:ID,name,iri,class,")
    );
}

#[test]
fn a_construct_query_slices_the_export() {
    let env = env();
    let query = "CONSTRUCT { ?s fg:ownedBy ?o } WHERE { ?s fg:ownedBy ?o }";
    let owned = env.count("SELECT (COUNT(*) AS ?n) WHERE { ?s fg:ownedBy ?o }");
    let dot = env.ok(&["export", "--format", "dot", "--query", query]);
    assert_eq!(dot.lines().filter(|l| l.contains(" -> ")).count(), owned);
    assert!(
        dot.lines()
            .filter(|l| l.contains(" -> "))
            .all(|l| l.contains("label=\"ownedBy\"")),
        "{dot}"
    );
    let ntriples = env.ok(&["export", "--format", "ntriples", "--query", query]);
    assert_eq!(ntriples.lines().count(), owned);
    let select = env.run(&[
        "export",
        "--format",
        "graphml",
        "--query",
        "SELECT * WHERE { ?s ?p ?o }",
    ]);
    assert_eq!(select.status.code(), Some(1));
    assert!(
        stderr(&select).contains("--query takes a CONSTRUCT or DESCRIBE query"),
        "{}",
        stderr(&select)
    );
}

#[test]
fn nquads_and_trig_exports_ingest_back_to_the_same_quads() {
    let original = env();
    let before = original.snapshot();
    for (format, file) in [("nquads", "kg.nq"), ("trig", "kg.trig")] {
        let exported = original.dir.path().join(file);
        original.ok(&[
            "export",
            "--format",
            format,
            "-o",
            exported.to_str().expect("path"),
        ]);
        let copy = TestEnv::new();
        copy.ok(&["ingest", "-q", exported.to_str().expect("path")]);
        assert_eq!(copy.snapshot(), before, "{format} round trip");
        copy.assert_merged_graph_consistent();
        // The article hashes came along: the sheets are unchanged in the copy.
        let again = copy.run(&["ingest", &repo_str("tests/fixtures/good")]);
        assert!(
            stderr(&again).contains("ingested 0 articles (3 unchanged"),
            "{}",
            stderr(&again)
        );
    }
}

#[test]
fn a_broken_dataset_is_reported_with_its_place_and_writes_nothing() {
    let env = TestEnv::new();
    let broken = env.dir.path().join("broken.nq");
    std::fs::write(
        &broken,
        "<http://example.org/s> <http://example.org/p> \"o\" <http://example.org/g> .\n<http://example.org/s> <http://example.org/p> \"o <http://example.org/g> .\n",
    )
    .expect("write");
    let output = env.run(&["ingest", broken.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("broken.nq:2:"), "{message}");
    assert!(
        message.contains("factgraph export --format nquads"),
        "{message}"
    );
    assert_eq!(
        env.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"),
        0
    );
}
