//! End to end through the command line: ingest, query, re-ingest, remove, stats, optimize.

use oxigraph::io::RdfFormat;

use crate::common::rdf::{assert_same_quads, parse};
use crate::common::{TestEnv, repo_str, stderr};

const STORY_A: &str = "tests/fixtures/good/story-a.json";
const STORY_B: &str = "tests/fixtures/good/story-b.json";

#[test]
fn data_answers_the_seed_question() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("data/sheets")]);
    let chain = env.rows(
        r#"SELECT ?orderName WHERE {
             ?trump rdfs:label "Donald Trump" ; fg:signs ?order .
             ?order fg:bans ?app ; rdfs:label ?orderName .
             ?app rdfs:label "Alipay" ; fg:ownedBy ?ant .
             ?ant rdfs:label "Ant Group" }"#,
    );
    assert_eq!(chain, ["\"Executive Order 13971\""]);

    let apps = env.rows(
        r#"SELECT ?name WHERE { ?order fg:bans ?app . ?trump rdfs:label "Donald Trump" ; fg:signs ?order .
                               ?app rdfs:label ?name }"#,
    );
    for app in [
        "Alipay",
        "CamScanner",
        "QQ Wallet",
        "SHAREit",
        "Tencent QQ",
        "VMate",
        "WeChat Pay",
        "WPS Office",
    ] {
        assert!(
            apps.contains(&format!("\"{app}\"")),
            "{app} missing from {apps:?}"
        );
    }
    let mut unique = apps.clone();
    unique.dedup();
    assert_eq!(unique, apps, "the merged graph must give each answer once");
    env.assert_merged_graph_consistent();
}

#[test]
fn mentions_in_different_sheets_are_one_entity() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A), &repo_str(STORY_B)]);
    let people =
        env.rows("SELECT ?person ?label WHERE { ?person a fg:Person ; rdfs:label ?label }");
    assert_eq!(
        people,
        ["<https://w3id.org/factgraph/entity/donald-trump>\t\"Donald Trump\""]
    );
    let alt = env.rows("SELECT ?alt WHERE { ?p a fg:Person ; skos:altLabel ?alt }");
    assert_eq!(alt, ["\"President Trump\"", "\"Trump\""]);
    // Both articles say Trump signed the order: one triple in the merged graph, two sources.
    assert_eq!(env.rows("SELECT ?s ?o WHERE { ?s fg:signs ?o }").len(), 1);
    assert_eq!(
        env.count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s fg:signs ?o } }"),
        2
    );
    // The app and its owner stay apart.
    let alipay = env.rows(r#"SELECT ?class WHERE { ?e rdfs:label "Alipay" ; a ?class }"#);
    assert_eq!(
        alipay,
        ["<https://w3id.org/factgraph/ontology#SoftwareApplication>"]
    );
    env.assert_merged_graph_consistent();
}

#[test]
fn identities_do_not_depend_on_input_order() {
    let forward = TestEnv::new();
    forward.ok(&["ingest", &repo_str(STORY_A), &repo_str(STORY_B)]);
    let backward = TestEnv::new();
    backward.ok(&["ingest", &repo_str(STORY_B), &repo_str(STORY_A)]);
    assert_eq!(forward.snapshot(), backward.snapshot());
}

#[test]
fn reingesting_changes_nothing_and_edits_replace_the_article() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("data/sheets")]);
    let before = env.snapshot();
    let again = env.run(&["ingest", &repo_str("data/sheets")]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("ingested 0 articles (7 unchanged"),
        "{}",
        stderr(&again)
    );
    assert_eq!(env.snapshot(), before);

    // Edit story A: the ban is withdrawn; the article's graph is replaced.
    let edited = std::fs::read_to_string(crate::common::repo(STORY_A))
        .unwrap()
        .replace(
            r#""predicate": "bans", "object": "alipay""#,
            r#""predicate": "targets", "object": "alipay""#,
        );
    let path = env.dir.path().join("story-a.json");
    std::fs::write(&path, edited).unwrap();
    env.ok(&["ingest", &repo_str(STORY_A)]);
    let with_ban =
        env.rows(r#"SELECT ?g WHERE { GRAPH ?g { ?o fg:bans ?app . ?app rdfs:label "Alipay" } }"#);
    assert!(with_ban.iter().any(|g| g.ends_with("/article/story-a>")));
    env.ok(&["ingest", path.to_str().unwrap()]);
    let with_ban =
        env.rows(r#"SELECT ?g WHERE { GRAPH ?g { ?o fg:bans ?app . ?app rdfs:label "Alipay" } }"#);
    assert!(
        !with_ban.iter().any(|g| g.ends_with("/article/story-a>")),
        "{with_ban:?}"
    );
    assert_eq!(
        env.rows(r#"SELECT ?o WHERE { ?o fg:targets ?app . ?app rdfs:label "Alipay" }"#)
            .len(),
        1
    );
    env.assert_merged_graph_consistent();
}

#[test]
fn a_sheet_with_one_bad_fact_leaves_the_store_as_it_was() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A)]);
    let before = env.snapshot();
    let output = env.run(&[
        "ingest",
        &repo_str("tests/fixtures/bad/tenth_fact_invalid.json"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("unknown entity id `ant-group`"),
        "{message}"
    );
    assert!(message.contains("(at /facts/9/object)"), "{message}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn good_sheets_are_written_when_another_has_errors() {
    let env = TestEnv::new();
    let output = env.run(&[
        "ingest",
        &repo_str(STORY_A),
        &repo_str("tests/fixtures/bad/dangling_id.json"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "1 error in 1 file; nothing was written for it; the other 1 sheet were ingested"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        env.rows("SELECT ?id WHERE { GRAPH ?g { ?g schema:identifier ?id } }"),
        ["\"story-a\""]
    );
}

#[test]
fn removing_an_article_removes_what_only_it_said() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A), &repo_str(STORY_B)]);
    let owners = "SELECT ?owned ?owner WHERE { ?x fg:ownedBy ?y . ?x rdfs:label ?owned . ?y rdfs:label ?owner }";
    assert_eq!(
        env.rows(owners),
        [
            "\"Alipay\"\t\"Ant Group\"",
            "\"Ant Group\"\t\"Alibaba Group Holding\""
        ]
    );

    let output = env.run(&["remove", "story-b"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(env.rows(owners), ["\"Alipay\"\t\"Ant Group\""]);
    assert_eq!(
        env.rows(r#"SELECT ?e WHERE { ?e rdfs:label "Alibaba Group Holding" }"#),
        Vec::<String>::new()
    );
    assert_eq!(
        env.rows("SELECT ?alt WHERE { ?p a fg:Person ; skos:altLabel ?alt }"),
        ["\"Trump\""]
    );
    assert_eq!(env.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/factgraph/article/story-b> { ?s ?p ?o } }"), 0);
    env.assert_merged_graph_consistent();

    let missing = env.run(&["remove", "story-b"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no article `story-b` in the store"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn provenance_names_the_article_and_the_sentence() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A), &repo_str(STORY_B)]);
    let rows = env.rows(
        r#"SELECT ?article ?evidence WHERE {
             ?app rdfs:label "Alipay" . ?owner rdfs:label "Ant Group" .
             GRAPH ?g { ?st rdf:subject ?app ; rdf:predicate fg:ownedBy ; rdf:object ?owner ; fg:evidence ?evidence .
                        ?g schema:identifier ?article } }"#,
    );
    assert_eq!(
        rows,
        [
            "\"story-a\"\t\"Ant Group's Alipay has hundreds of millions of users.\"",
            "\"story-b\"\t\"Alipay belongs to Ant Group.\""
        ]
    );
    let share = env.rows(
        "SELECT ?share WHERE { GRAPH ?g { ?st rdf:predicate fg:ownedBy ; fg:share ?share } }",
    );
    assert_eq!(share, ["0.33"]);
}

#[test]
fn stdin_sheets_and_validation() {
    let env = TestEnv::new();
    let sheet = std::fs::read(crate::common::repo(STORY_A)).unwrap();
    let checked = env.run_with_stdin(&["validate", "-"], &sheet);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(!env.store().exists(), "validate must not create a store");

    let ingested = env.run_with_stdin(&["ingest", "-"], &sheet);
    assert!(ingested.status.success(), "{}", stderr(&ingested));
    assert_eq!(
        env.rows("SELECT ?id WHERE { GRAPH ?g { ?g schema:identifier ?id } }"),
        ["\"story-a\""]
    );
}

#[test]
fn stats_count_articles_entities_and_facts() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A), &repo_str(STORY_B)]);
    let stats: serde_json::Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["articles"], 2);
    assert_eq!(stats["entities"], 5);
    assert_eq!(stats["entities_by_class"]["Company"], 2);
    assert_eq!(stats["facts"], 5);
    assert_eq!(stats["facts_by_predicate"]["ownedBy"], 2);
    let text = env.ok(&["stats"]);
    assert!(text.contains("articles   2"), "{text}");
    assert!(text.contains("       2  ownedBy"), "{text}");
}

#[test]
fn optimize_keeps_every_quad_and_the_store_stays_usable() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("data/sheets")]);
    let before = env.snapshot();
    let path_before = env.ok(&["path", "Trump", "Ant Group"]);
    let report: serde_json::Value = serde_json::from_str(&env.ok(&["optimize", "--json"])).unwrap();
    assert!(report["bytes_before"].as_u64().unwrap() > 0, "{report}");
    assert!(report["bytes_after"].as_u64().unwrap() > 0, "{report}");
    assert!(report["seconds"].as_f64().unwrap() >= 0.0, "{report}");
    assert_eq!(env.snapshot(), before);
    assert_eq!(env.ok(&["path", "Trump", "Ant Group"]), path_before);
    let text = env.ok(&["optimize"]);
    assert!(text.starts_with("optimized "), "{text}");
    assert!(text.contains("MB on disk before"), "{text}");
    // Still writable: a re-ingest after it changes nothing, a new article adds its graph.
    env.ok(&["ingest", &repo_str("data/sheets")]);
    assert_eq!(env.snapshot(), before);
    env.ok(&["ingest", &repo_str(STORY_A)]);
    assert!(env.snapshot().len() > before.len());

    let missing = TestEnv::new().run(&["optimize"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no store at"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn query_formats_and_errors() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A)]);
    let csv = env.ok(&[
        "query",
        "--format",
        "csv",
        r#"SELECT ?name WHERE { ?e a fg:Company ; rdfs:label ?name }"#,
    ]);
    assert_eq!(csv, "name\r\nAnt Group\r\n");
    let table = env.ok(&[
        "query",
        "--format",
        "table",
        "SELECT ?name WHERE { ?e a fg:Company ; rdfs:label ?name }",
    ]);
    assert_eq!(table, "?name\n---------\nAnt Group\n(1 row)\n");
    let ask = env.ok(&["query", "--format", "json", "ASK { ?s fg:bans ?o }"]);
    assert!(ask.contains("\"boolean\":true"), "{ask}");
    let turtle = env.ok(&[
        "query",
        "--format",
        "turtle",
        "CONSTRUCT { ?s fg:bans ?o } WHERE { ?s fg:bans ?o }",
    ]);
    // Parsed and compared with what the store holds, not looked for as text.
    assert_same_quads(
        parse(RdfFormat::Turtle, &turtle),
        env.quads("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p = fg:bans) }"),
        "the CONSTRUCT in Turtle",
    );
    assert!(
        turtle.contains("@prefix fg: <https://w3id.org/factgraph/ontology#>"),
        "the fg: prefix is declared: {turtle}"
    );

    let query_file = env.dir.path().join("q.rq");
    std::fs::write(
        &query_file,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s fg:bans ?o }",
    )
    .unwrap();
    assert_eq!(
        env.ok(&[
            "query",
            "-f",
            query_file.to_str().unwrap(),
            "--format",
            "tsv"
        ]),
        "?n\n1\n"
    );

    let syntax = env.run(&["query", "SELECT ?x WHERE { ?x fg:bans }"]);
    assert_eq!(syntax.status.code(), Some(1));
    let message = stderr(&syntax);
    assert!(
        message.starts_with("error: SPARQL syntax error: "),
        "{message}"
    );
    assert!(message.contains("1:"), "the position is missing: {message}");
    assert!(
        !message.contains("Error {"),
        "a debug dump leaked: {message}"
    );

    let wrong_kind = env.run(&["query", "--format", "turtle", "SELECT * WHERE { ?s ?p ?o }"]);
    assert_eq!(wrong_kind.status.code(), Some(1));
    assert!(
        stderr(&wrong_kind).contains("use table, json, xml, csv or tsv"),
        "{}",
        stderr(&wrong_kind)
    );
}

#[test]
fn update_changes_the_store() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str(STORY_A)]);
    env.ok(&["update", "INSERT DATA { <urn:x> rdfs:label \"x\" }"]);
    assert_eq!(
        env.rows("SELECT ?l WHERE { <urn:x> rdfs:label ?l }"),
        ["\"x\""]
    );
    let bad = env.run(&["update", "INSERT DATA { <urn:x> }"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2_and_missing_stores_exit_1() {
    let env = TestEnv::new();
    assert_eq!(env.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(env.run(&["ingest"]).status.code(), Some(2));
    let missing = env.run(&["stats"]);
    assert_eq!(missing.status.code(), Some(1));
    let message = stderr(&missing);
    assert!(message.contains("no store at"), "{message}");
    assert!(
        message.contains("help: run `factgraph ingest DIR` first"),
        "{message}"
    );
    assert!(
        !env.store().exists(),
        "reading commands must not create a store"
    );
}

#[test]
fn an_alias_file_pins_identities_and_a_broken_one_stops_the_run() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("sheets");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(crate::common::repo(STORY_A), dir.join("story-a.json")).unwrap();
    std::fs::write(
        dir.join("aliases.json"),
        r#"{"entities": [{"name": "Ant Group Co., Ltd.", "type": "Company", "aliases": ["Ant"]}]}"#,
    )
    .unwrap();
    env.ok(&["ingest", dir.to_str().unwrap()]);
    assert_eq!(
        env.rows("SELECT ?label WHERE { ?e a fg:Company ; rdfs:label ?label }"),
        ["\"Ant Group Co., Ltd.\""]
    );

    let other = TestEnv::new();
    std::fs::write(
        dir.join("aliases.json"),
        r#"{"entities": [{"name": "Ant", "type": "Firm"}]}"#,
    )
    .unwrap();
    let output = other.run(&["ingest", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("aliases.json:1:39: error: unknown or abstract class `Firm`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        other.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        0
    );
}
