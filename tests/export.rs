//! Exports through the command line; tests/check_exports.py (run by .ci/run) opens the same
//! files with rapper, rdflib, networkx, igraph and Graphviz.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;

use crate::common::rdf::{assert_same_quads, parse};
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
    assert_same_quads(
        parse(RdfFormat::NQuads, &nquads),
        env.quads(
            "SELECT ?g ?s ?p ?o WHERE { VALUES ?g { <https://w3id.org/factgraph/article/story-a> } GRAPH ?g { ?s ?p ?o } }",
        ),
        "the export of story-a",
    );
}

#[test]
fn single_graph_formats_hold_the_merged_graph() {
    let env = env();
    let merged = env.quads("SELECT ?s ?p ?o WHERE { ?s ?p ?o }");
    let turtle = env.ok(&["export", "--format", "turtle"]);
    let mut parser = RdfParser::from_format(RdfFormat::Turtle).for_slice(&turtle);
    let parsed = parser
        .by_ref()
        .collect::<Result<oxigraph::model::Dataset, _>>()
        .unwrap_or_else(|e| panic!("not valid Turtle: {e}\n{turtle}"));
    assert!(
        parser
            .prefixes()
            .any(|(name, iri)| (name, iri) == ("fg", "https://w3id.org/factgraph/ontology#")),
        "{turtle}"
    );
    assert!(
        !parsed.iter().any(|q| q.object == rdf::STATEMENT.into()),
        "provenance belongs to the article graphs"
    );
    assert_same_quads(parsed, merged.clone(), "the Turtle export");
    let ntriples = env.ok(&["export", "--format", "ntriples"]);
    assert_same_quads(
        parse(RdfFormat::NTriples, &ntriples),
        merged,
        "the N-Triples export",
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
    assert_same_quads(
        parse(RdfFormat::NTriples, &ntriples),
        env.quads("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p = fg:ownedBy) }"),
        "the N-Triples of the CONSTRUCT",
    );
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
    for (format, file, syntax) in [
        ("nquads", "kg.nq", RdfFormat::NQuads),
        ("trig", "kg.trig", RdfFormat::TriG),
    ] {
        let exported = original.dir.path().join(file);
        original.ok(&[
            "export",
            "--format",
            format,
            "-o",
            exported.to_str().expect("path"),
        ]);
        // Read by a parser of our own too: a fault shared by export and ingest would survive
        // the round trip.
        assert_same_quads(
            parse(
                syntax,
                &std::fs::read_to_string(&exported).expect("read the export"),
            ),
            original.dataset(),
            &format!("the {format} export"),
        );
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
