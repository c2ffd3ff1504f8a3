//! The path engine through the command line, on hand-checked graphs and on data/.
//!
//! tests/fixtures/graph/ holds two articles over one small graph (undirected view):
//! A–B (2020), B–C (2020), C–E (2020), A–D (2021), D–C (2021), D–E controlledBy (2021),
//! and F–P (2021) apart from the rest. "Twin" names both a company and a person.

use crate::common::{TestEnv, repo_str, stderr};

fn graph_env() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("tests/fixtures/graph")]);
    env
}

fn chains(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut full = vec!["--json", "path"];
    full.extend_from_slice(args);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&full)).unwrap();
    json["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["chain"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn shortest_path_and_its_evidence() {
    let env = graph_env();
    let text = env.ok(&["path", "Acme Alpha", "Epsilon Capital"]);
    assert_eq!(
        text,
        "Acme Alpha —ownedBy→ Delta Trading —controlledBy→ Epsilon Capital\n\
         \x20 1. Acme Alpha —ownedBy→ Delta Trading            [graph-2, 2021-06-01] \"Acme Alpha may be owned by Delta Trading.\"\n\
         \x20 2. Delta Trading —controlledBy→ Epsilon Capital  [graph-2, 2021-06-01] \"Delta Trading is said to be controlled by Epsilon Capital.\"\n\
         \x20 support: weakest hop stated by 1 article; removing graph-2 breaks it\n"
    );
}

#[test]
fn backward_hops_are_printed_in_their_true_direction() {
    let env = graph_env();
    assert_eq!(
        chains(&env, &["Epsilon Capital", "Acme Alpha"]),
        ["Epsilon Capital ←controlledBy— Delta Trading ←ownedBy— Acme Alpha"]
    );
    let directed = env.run(&["path", "Epsilon Capital", "Acme Alpha", "--directed"]);
    assert_eq!(directed.status.code(), Some(3));
    assert!(
        stderr(&directed).contains("no path between Epsilon Capital and Acme Alpha"),
        "{}",
        stderr(&directed)
    );
}

#[test]
fn k_shortest_paths_are_distinct_and_ordered() {
    let env = graph_env();
    let found = chains(&env, &["Acme Alpha", "Epsilon Capital", "-k", "4"]);
    assert_eq!(
        found,
        [
            "Acme Alpha —ownedBy→ Delta Trading —controlledBy→ Epsilon Capital",
            "Acme Alpha —ownedBy→ Beta Works —ownedBy→ Gamma Holdings —ownedBy→ Epsilon Capital",
            "Acme Alpha —ownedBy→ Delta Trading —ownedBy→ Gamma Holdings —ownedBy→ Epsilon Capital",
            "Acme Alpha —ownedBy→ Beta Works —ownedBy→ Gamma Holdings ←ownedBy— Delta Trading —controlledBy→ Epsilon Capital",
        ]
    );
}

#[test]
fn all_paths_up_to_a_length() {
    let env = graph_env();
    assert_eq!(
        chains(
            &env,
            &["Acme Alpha", "Epsilon Capital", "--all", "--max-hops", "3"]
        )
        .len(),
        3
    );
    let four = chains(
        &env,
        &["Acme Alpha", "Epsilon Capital", "--all", "--max-hops", "4"],
    );
    assert_eq!(four.len(), 4);
    assert_eq!(
        four[0],
        "Acme Alpha —ownedBy→ Delta Trading —controlledBy→ Epsilon Capital"
    );
    assert_eq!(
        chains(
            &env,
            &["Acme Alpha", "Epsilon Capital", "--all", "--limit", "2"]
        )
        .len(),
        2
    );
}

#[test]
fn filters_change_the_answer() {
    let env = graph_env();
    let via = chains(&env, &["Acme Alpha", "Epsilon Capital", "--via", "ownedBy"]);
    assert_eq!(via.len(), 1);
    assert!(
        !via[0].contains("controlledBy") && via[0].matches("ownedBy").count() == 3,
        "{via:?}"
    );
    assert_eq!(
        chains(
            &env,
            &["Acme Alpha", "Epsilon Capital", "--until", "2020-12-31"]
        ),
        ["Acme Alpha —ownedBy→ Beta Works —ownedBy→ Gamma Holdings —ownedBy→ Epsilon Capital"]
    );
    assert_eq!(
        chains(
            &env,
            &["Acme Alpha", "Epsilon Capital", "--avoid", "Delta Trading"]
        ),
        ["Acme Alpha —ownedBy→ Beta Works —ownedBy→ Gamma Holdings —ownedBy→ Epsilon Capital"]
    );
    assert_eq!(
        chains(
            &env,
            &["Acme Alpha", "Epsilon Capital", "--weight", "confidence"]
        ),
        ["Acme Alpha —ownedBy→ Beta Works —ownedBy→ Gamma Holdings —ownedBy→ Epsilon Capital"]
    );
    let window = env.run(&[
        "path",
        "Acme Alpha",
        "Epsilon Capital",
        "--since",
        "2022-01-01",
    ]);
    assert_eq!(window.status.code(), Some(3));
    let bad = env.run(&["path", "Acme Alpha", "Epsilon Capital", "--via", "ownedby"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("did you mean `ownedBy`?"),
        "{}",
        stderr(&bad)
    );
}

/// Requests that ask for nothing, or for a contradiction, are refused with the reason.
#[test]
fn empty_and_contradictory_requests_are_refused() {
    let env = graph_env();
    for (args, code, expected) in [
        (
            &["path", "", "Beta Works"][..],
            1,
            "an entity's name is empty",
        ),
        (
            &["path", "Acme Alpha", "Beta Works", "-k", "0"],
            2,
            "at least 1",
        ),
        (
            &[
                "path",
                "Acme Alpha",
                "Beta Works",
                "--all",
                "--max-hops",
                "0",
            ],
            2,
            "at least 1",
        ),
        (
            &["path", "Acme Alpha", "Beta Works", "--all", "--limit", "0"],
            2,
            "at least 1",
        ),
        (&["neighbors", "Acme Alpha", "--hops", "0"], 2, "at least 1"),
        (&["central", "--top", "0"], 2, "at least 1"),
        (&["components", "--top", "0"], 2, "at least 1"),
        (
            &[
                "path",
                "Acme Alpha",
                "Epsilon Capital",
                "--since",
                "2021-01-01",
                "--until",
                "2020-12-31",
            ],
            1,
            "since 2021-01-01 is after until 2020-12-31",
        ),
        (
            &[
                "path",
                "Acme Alpha",
                "Epsilon Capital",
                "--avoid",
                "Gamma Holdings,epsilon capital",
            ],
            1,
            "`epsilon capital` is an end of the path and cannot be avoided",
        ),
    ] {
        env.refused(args, code, expected);
    }
    // A window of one day is not a contradiction.
    let one_day = [
        "path",
        "Acme Alpha",
        "Epsilon Capital",
        "--since",
        "2021-06-01",
        "--until",
        "2021-06-01",
    ];
    assert_eq!(
        chains(&env, &one_day[1..]),
        ["Acme Alpha —ownedBy→ Delta Trading —controlledBy→ Epsilon Capital"]
    );
}

/// In JSON a path's cost is its total under `--weight`, without the search's tie-breaks.
#[test]
fn json_costs_are_the_paths_weights() {
    let env = graph_env();
    let cost = |weight: &str| {
        let args = [
            "--json",
            "path",
            "Acme Alpha",
            "Epsilon Capital",
            "--weight",
            weight,
        ];
        let json: serde_json::Value = serde_json::from_str(&env.ok(&args)).unwrap();
        json["paths"][0]["cost"].as_f64().unwrap()
    };
    // Two hops, each stated by one article.
    assert_eq!(cost("hops"), 2.0);
    assert_eq!(cost("sources"), 2.0);
    // Through Beta Works and Gamma Holdings: confidences 0.9, 1 and 1.
    assert_eq!(cost("confidence"), -(0.9f64.ln()));
}

#[test]
fn names_are_resolved_or_explained() {
    let env = graph_env();
    assert_eq!(
        chains(
            &env,
            &["ACME ALPHA", "https://w3id.org/factgraph/entity/beta-works"]
        )
        .len(),
        1
    );
    let message = env.refused(
        &["path", "Twin", "Acme Alpha"],
        1,
        "`Twin` could be 2 entities",
    );
    assert!(
        message.contains("Twin Corp (Company)") && message.contains("Pat Owner (Person)"),
        "{message}"
    );
    env.refused(
        &["path", "Acme Alpah", "Beta Works"],
        1,
        "no entity is called `Acme Alpah`; did you mean `Acme Alpha`?",
    );
    // Not a typo but a word of a name: the names that hold it are offered.
    env.refused(
        &["path", "holdings", "Beta Works"],
        1,
        "no entity is called `holdings`; did you mean `Gamma Holdings`?",
    );
    // Part of a word is not a word of a name.
    env.refused(
        &["path", "Alph", "Beta Works"],
        1,
        "no entity is called `Alph`\n",
    );
}

/// `nx.pagerank(G, alpha=0.85, tol=1e-15, max_iter=10_000)` with `G` the `nx.MultiDiGraph` of
/// the fixture's facts and entities (Twin Corp in none), from `python3
/// tests/centrality_reference.py`.
const FIXTURE_PAGE_RANK: [(&str, f64); 8] = [
    ("Acme Alpha", 0.068885497234893),
    ("Beta Works", 0.098161833559723),
    ("Delta Trading", 0.098161833559723),
    ("Epsilon Capital", 0.275539836267782),
    ("Gamma Holdings", 0.194041835023540),
    ("Pat Owner", 0.127438169884553),
    ("Phi Labs", 0.068885497234893),
    ("Twin Corp", 0.068885497234893),
];

/// `nx.betweenness_centrality(S, normalized=True, endpoints=False)` with `S` the simple
/// undirected graph of the same facts (factgraph's betweenness ignores direction), from the
/// same script.
const FIXTURE_BETWEENNESS: [(&str, f64); 8] = [
    ("Acme Alpha", 0.023809523809524),
    ("Beta Works", 0.023809523809524),
    ("Delta Trading", 0.071428571428571),
    ("Epsilon Capital", 0.0),
    ("Gamma Holdings", 0.071428571428571),
    ("Pat Owner", 0.0),
    ("Phi Labs", 0.0),
    ("Twin Corp", 0.0),
];

/// Every entity's score by `central --by BY`, in the order given, and whether it was sampled.
fn centrality(env: &TestEnv, by: &str) -> (Vec<(String, f64)>, bool) {
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "central", "--by", by, "--top", "1000000"]))
            .unwrap();
    let scores = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["label"].as_str().unwrap().to_owned(),
                e["score"].as_f64().unwrap(),
            )
        })
        .collect();
    (scores, json["sampled"].as_bool().unwrap())
}

#[test]
fn neighbours_centrality_and_components() {
    let env = graph_env();
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "neighbors", "Delta Trading"])).unwrap();
    let labels: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "Delta Trading",
            "Acme Alpha",
            "Epsilon Capital",
            "Gamma Holdings"
        ]
    );
    assert_eq!(json["edges"].as_array().unwrap().len(), 3);
    let two: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "neighbors", "Delta Trading", "--hops", "2"]))
            .unwrap();
    assert_eq!(two["nodes"].as_array().unwrap().len(), 5);

    let central: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "central", "--by", "degree", "--top", "2"]))
            .unwrap();
    let top: Vec<&str> = central["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect();
    assert_eq!(top, ["Delta Trading", "Gamma Holdings"]);
    for (by, expected) in [
        ("pagerank", FIXTURE_PAGE_RANK),
        ("betweenness", FIXTURE_BETWEENNESS),
    ] {
        let (scores, sampled) = centrality(&env, by);
        assert!(!sampled, "{by}");
        let labels: Vec<&str> = scores.iter().map(|(label, _)| label.as_str()).collect();
        let mut sorted = labels.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            expected.map(|(label, _)| label),
            "{by}: every entity once"
        );
        for (label, score) in &scores {
            let (_, reference) = expected.iter().find(|(l, _)| l == label).unwrap();
            assert!(
                (score - reference).abs() <= 1e-6,
                "{by} of {label}: {score}, networkx {reference}"
            );
        }
        assert!(
            scores.windows(2).all(|pair| pair[0].1 >= pair[1].1),
            "{by} not highest first: {scores:?}"
        );
    }
    // The table rounds to five decimals; ties go by label.
    let table = env.ok(&["central", "--by", "betweenness", "--top", "3"]);
    assert_eq!(
        table,
        "  1.  0.07143  Delta Trading (Company)\n  2.  0.07143  Gamma Holdings (Company)\n  3.  0.02381  Acme Alpha (Company)\n"
    );

    let components: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "components"])).unwrap();
    assert_eq!(components["count"], 3);
    assert_eq!(components["components"][0].as_array().unwrap().len(), 5);
    assert_eq!(components["components"][1].as_array().unwrap().len(), 2);
}

/// networkx, run live by tests/check_centrality.py on the entity graph that SPARQL reads from a
/// store of data/ and the fixtures: PageRank and betweenness of every entity, as above.
#[test]
fn centrality_of_data_matches_networkx_run_live() {
    let env = TestEnv::new();
    env.ok(&[
        "ingest",
        "-q",
        &repo_str("data/sheets"),
        &repo_str("tests/fixtures/graph"),
    ]);
    let output = std::process::Command::new("python3")
        .arg(repo_str("tests/check_centrality.py"))
        .arg(env!("CARGO_BIN_EXE_factgraph"))
        .arg(env.store())
        .output()
        .expect("python3 runs (install the checkers with `bash .ci/setup`)");
    assert!(
        output.status.success(),
        "check_centrality.py failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
}

#[test]
fn data_connects_trump_to_ant_group_with_sources() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("data/sheets")]);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "path", "Trump", "Ant Group"])).unwrap();
    let path = &json["paths"][0];
    assert_eq!(
        path["chain"],
        "Donald Trump —signs→ Executive Order 13971 —bans→ Alipay —ownedBy→ Ant Group"
    );
    for hop in path["hops"].as_array().unwrap() {
        let articles = hop["articles"].as_array().unwrap();
        assert!(!articles.is_empty(), "a hop without articles: {hop}");
        assert!(
            articles
                .iter()
                .all(|a| a["id"].is_string() && a["published"].is_string())
        );
    }
    let bans = &path["hops"][1]["articles"];
    assert!(
        bans.as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == "atf-2021-01-06-alipay-ban")
    );
}

#[test]
fn sparql_queries_join_the_hops_of_a_path() {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("data/sheets")]);
    let rows = env.rows(
        r#"SELECT ?step ?subject ?predicate ?object ?published WHERE {
             SERVICE path:search {
               [] path:from "Trump" ; path:to "Ant Group" ;
                  path:step ?step ; path:subject ?s ; path:predicate ?predicate ; path:object ?o ; path:article ?a .
             }
             ?s rdfs:label ?subject . ?o rdfs:label ?object .
             GRAPH ?a { ?a schema:datePublished ?published } }"#,
    );
    let fg = "<https://w3id.org/factgraph/ontology#";
    let date = "^^<http://www.w3.org/2001/XMLSchema#date>";
    assert_eq!(
        rows,
        [
            format!(
                "1\t\"Donald Trump\"\t{fg}signs>\t\"Executive Order 13971\"\t\"2021-01-06\"{date}"
            ),
            format!(
                "1\t\"Donald Trump\"\t{fg}signs>\t\"Executive Order 13971\"\t\"2021-06-09\"{date}"
            ),
            format!("2\t\"Executive Order 13971\"\t{fg}bans>\t\"Alipay\"\t\"2021-01-06\"{date}"),
            format!("2\t\"Executive Order 13971\"\t{fg}bans>\t\"Alipay\"\t\"2021-06-09\"{date}"),
            format!("3\t\"Alipay\"\t{fg}ownedBy>\t\"Ant Group\"\t\"2020-11-03\"{date}"),
            format!("3\t\"Alipay\"\t{fg}ownedBy>\t\"Ant Group\"\t\"2021-01-06\"{date}"),
            format!("3\t\"Alipay\"\t{fg}ownedBy>\t\"Ant Group\"\t\"2021-06-09\"{date}"),
        ]
    );
    let two = env.rows(r#"SELECT DISTINCT ?path WHERE { SERVICE path:search { [] path:from "Wilbur Ross" ; path:to "Jack Ma" ; path:k 2 ; path:path ?path } }"#);
    assert_eq!(two, ["1", "2"]);

    let unknown = env.run(&["query", r#"SELECT * WHERE { SERVICE path:search { [] path:from "Nobody" ; path:to "Ant Group" ; path:step ?s } }"#]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("path service: no entity is called `Nobody`"),
        "{}",
        stderr(&unknown)
    );
    let wrong = env.run(&["query", r#"SELECT * WHERE { SERVICE path:search { [] path:from "Trump" ; path:to "Ant Group" ; path:hop ?s } }"#]);
    assert!(
        stderr(&wrong).contains("unknown output path:hop"),
        "{}",
        stderr(&wrong)
    );
    // Inputs are checked as the command line's flags are.
    for (inputs, expected) in [
        ("path:k 0", "path:k takes a whole number from 1 to 50"),
        ("path:via \"sings\"", "did you mean `signs`"),
        ("path:since \"2021-13-01\"", "dates are YYYY-MM-DD"),
        (
            "path:since \"2021-01-01\" ; path:until \"2020-01-01\"",
            "since 2021-01-01 is after until 2020-01-01",
        ),
    ] {
        let query = format!(
            r#"SELECT * WHERE {{ SERVICE path:search {{ [] path:from "Trump" ; path:to "Ant Group" ; {inputs} ; path:step ?s }} }}"#
        );
        let refused = env.run(&["query", &query]);
        assert_eq!(refused.status.code(), Some(1), "{inputs}");
        assert!(
            stderr(&refused).contains(expected),
            "{inputs}: {}",
            stderr(&refused)
        );
    }
}

/// The ingest that fills a new store builds the entity graph from what it writes: the same file,
/// byte for byte, that a query builds from the store's quads.
#[test]
fn the_first_ingest_saves_the_graph_a_build_from_the_store_saves() {
    let env = TestEnv::new();
    let saved = env.store().join("factgraph-derived/entity-graph.bin");
    env.ok(&["ingest", &repo_str("data/sheets")]);
    let from_ingest = std::fs::read(&saved).expect("the ingest saved the entity graph");
    let path = chains(&env, &["Trump", "Ant Group"]);
    assert_eq!(
        path,
        ["Donald Trump —signs→ Executive Order 13971 —bans→ Alipay —ownedBy→ Ant Group"]
    );
    std::fs::remove_file(&saved).expect("remove the saved graph");
    assert_eq!(chains(&env, &["Trump", "Ant Group"]), path);
    let from_store = std::fs::read(&saved).expect("the path search built and saved the graph");
    assert!(from_ingest == from_store, "the two saved graphs differ");
}

#[test]
fn the_saved_entity_graph_follows_every_write() {
    let env = TestEnv::new();
    let saved = env.store().join("factgraph-derived/entity-graph.bin");
    env.ok(&["ingest", &repo_str("tests/fixtures/graph/graph-1.json")]);
    assert!(saved.is_file(), "the first ingest saved the entity graph");
    let before = chains(&env, &["Acme Alpha", "Epsilon Capital"]);
    assert_eq!(before.len(), 1);
    assert_eq!(chains(&env, &["Acme Alpha", "Epsilon Capital"]), before);

    // Ingest and remove bring the saved graph up to date by a patch, which the path loads.
    env.ok(&["ingest", &repo_str("tests/fixtures/graph/graph-2.json")]);
    assert!(saved.is_file(), "the ingest did not keep the entity graph");
    assert_eq!(
        chains(&env, &["Acme Alpha", "Epsilon Capital"]),
        ["Acme Alpha —ownedBy→ Delta Trading —controlledBy→ Epsilon Capital"]
    );

    env.ok(&["remove", "graph-2"]);
    assert!(saved.is_file(), "the removal did not keep the entity graph");
    assert_eq!(chains(&env, &["Acme Alpha", "Epsilon Capital"]), before);

    // A SPARQL update may change anything: the saved graph goes, and is built again.
    env.ok(&[
        "update",
        "INSERT { ?e skos:altLabel \"Acme A\" } WHERE { ?e rdfs:label \"Acme Alpha\" }",
    ]);
    assert!(!saved.exists(), "the update left a stale entity graph");
    assert_eq!(chains(&env, &["Acme A", "Epsilon Capital"]), before);
    assert!(saved.is_file());

    // An update that writes only article graphs it names is patched in, as an ingest is: the
    // graph stays saved, and answers as the one built from the store's quads.
    let hops = ["path", "Acme Alpha", "Epsilon Capital", "--json"];
    assert!(
        env.ok(&hops)
            .contains("Epsilon Capital owns Gamma Holdings.")
    );
    env.ok(&[
        "update",
        "DELETE WHERE { GRAPH <https://w3id.org/factgraph/article/graph-1> \
         { ?statement fg:evidence \"Epsilon Capital owns Gamma Holdings.\" } }",
    ]);
    assert!(
        saved.is_file(),
        "the update of an article graph dropped the entity graph"
    );
    let patched = env.ok(&hops);
    assert!(!patched.contains("Epsilon Capital owns Gamma Holdings."));
    std::fs::remove_file(&saved).expect("remove the saved graph");
    assert_eq!(
        env.ok(&hops),
        patched,
        "the patched graph answers otherwise than a build"
    );

    // So is an update that gives the quads it writes into the merged graph.
    env.ok(&[
        "update",
        "INSERT DATA { <https://w3id.org/factgraph/entity/acme-alpha> skos:altLabel \"AA\" }",
    ]);
    assert!(saved.is_file(), "the alias update dropped the entity graph");
    assert_eq!(chains(&env, &["AA", "Epsilon Capital"]), before);
}

/// An update can leave an article stating a fact the merged graph lacks. The next ingest that
/// brings the fact into the merged graph must not patch it in with its own article alone.
#[test]
fn after_an_update_puts_articles_ahead_of_the_merged_graph_the_graph_is_built() {
    let env = TestEnv::new();
    let sheets = |name: &str| repo_str(&format!("data/sheets/{name}.json"));
    env.ok(&["ingest", &sheets("atf-2021-01-06-alipay-ban")]);
    env.ok(&[
        "update",
        "INSERT DATA { GRAPH <https://w3id.org/factgraph/article/atf-2021-01-06-alipay-ban> \
         { <https://w3id.org/factgraph/entity/alipay> fg:operatedBy \
         <https://w3id.org/factgraph/entity/ant-group> } }",
    ]);
    assert!(env.store().join("factgraph-out-of-step").is_file());
    let stats = env.ok(&["stats"]);
    assert!(stats.contains("may lack facts articles state"), "{stats}");
    env.ok(&["ingest", &sheets("fg-2020-11-03-ant-ipo-suspended")]);
    let operated = |env: &TestEnv| {
        env.ok(&["neighbors", "Alipay", "--hops", "1"])
            .lines()
            .find(|line| line.contains("operatedBy"))
            .map(str::to_owned)
    };
    let answer = operated(&env).expect("Alipay is operated by Ant Group");
    assert!(answer.contains("[2 articles]"), "{answer}");
    assert!(
        !env.store().join("factgraph-out-of-step").exists(),
        "the build found the store in step"
    );
    let stats: serde_json::Value =
        serde_json::from_str(&env.ok(&["stats", "--json"])).expect("JSON");
    assert_eq!(stats["out_of_step"], false);
}

/// tests/fixtures/hubs/: hubs-1 says Joe Biden accuses Vladimir Putin, and that Putin and five
/// companies are based in Russia (six members among eleven entities: a large container); hubs-2
/// a four-hop chain from Biden to Sberbank through entities that link two others each. Both
/// say Biden appointed Janet Yellen.
fn hubs_env() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["ingest", &repo_str("tests/fixtures/hubs")]);
    env
}

fn path_json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut full = vec!["--json", "path"];
    full.extend_from_slice(args);
    serde_json::from_str(&env.ok(&full)).unwrap()
}

const SPECIFIC: &str = "Joe Biden —appoints→ Janet Yellen —leads→ Department of the Treasury —implements→ Executive Order 14071 —sanctions→ Sberbank";
const THROUGH_RUSSIA: &str =
    "Joe Biden —accuses→ Vladimir Putin —basedIn→ Russia ←basedIn— Sberbank";

#[test]
fn a_path_through_a_hub_ranks_below_a_specific_one_and_says_it_passes_the_hub() {
    let env = hubs_env();
    assert_eq!(chains(&env, &["Biden", "Sberbank"]), [SPECIFIC]);
    assert_eq!(
        chains(&env, &["Biden", "Sberbank", "--weight", "specific"]),
        [SPECIFIC]
    );
    // The plain shortest path is one hop shorter, through Russia, and says so.
    let hops = path_json(&env, &["Biden", "Sberbank", "--weight", "hops"]);
    assert_eq!(hops["weight"], "hops");
    let path = &hops["paths"][0];
    assert_eq!(path["chain"], THROUGH_RUSSIA);
    assert_eq!(path["passesHub"], true);
    let weak: Vec<(u64, &str, &str, u64)> = path["weakLinks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["step"].as_u64().unwrap(),
                w["predicate"].as_str().unwrap(),
                w["container"]["label"].as_str().unwrap(),
                w["members"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        weak,
        [(2, "basedIn", "Russia", 6), (3, "basedIn", "Russia", 6)]
    );
    let text = env.ok(&["path", "Biden", "Sberbank", "--weight", "hops"]);
    assert!(
        text.contains(
            "  hub: passes through Russia by basedIn, a container of 6 members: a membership in it \
             says little about a connection\n  help: --avoid \"Russia\" finds a path around it"
        ),
        "{text}"
    );

    let ranked = path_json(&env, &["Biden", "Sberbank", "-k", "2"]);
    assert_eq!(ranked["weight"], "specific");
    let ranked: Vec<(&str, bool)> = ranked["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["chain"].as_str().unwrap(), p["passesHub"] == true))
        .collect();
    assert_eq!(ranked, [(SPECIFIC, false), (THROUGH_RUSSIA, true)]);
    let default_text = env.ok(&["path", "Biden", "Sberbank"]);
    assert!(!default_text.contains("hub:"), "{default_text}");
}

#[test]
fn when_only_a_hub_connects_two_entities_the_answer_says_so_and_avoiding_it_leaves_none() {
    let env = hubs_env();
    let text = env.ok(&["path", "Biden", "Gazprom"]);
    assert!(
        text.starts_with("Joe Biden —accuses→ Vladimir Putin —basedIn→ Russia ←basedIn— Gazprom\n"),
        "{text}"
    );
    assert!(
        text.contains("hub: passes through Russia by basedIn"),
        "{text}"
    );
    let avoided = env.run(&["path", "Biden", "Gazprom", "--avoid", "Russia"]);
    assert_eq!(avoided.status.code(), Some(3));
    assert!(
        stderr(&avoided).contains("no path between Joe Biden and Gazprom"),
        "{}",
        stderr(&avoided)
    );
    // A path to the container itself passes through no hub: "based in Russia" is the answer.
    let to_russia = path_json(&env, &["Sberbank", "Russia"]);
    assert_eq!(to_russia["paths"][0]["chain"], "Sberbank —basedIn→ Russia");
    assert_eq!(to_russia["paths"][0]["passesHub"], false);
}

#[test]
fn answers_say_how_many_articles_hold_their_weakest_hop_and_which_article_would_break_them() {
    let env = hubs_env();
    let ids = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Biden appointed Yellen: both articles say it; the other hops only one each.
    let yellen = path_json(&env, &["Biden", "Janet Yellen"]);
    assert_eq!(yellen["paths"][0]["weakestHopArticles"], 2);
    assert!(ids(&yellen["paths"][0]["brokenWithout"]).is_empty());
    assert!(ids(&yellen["brokenWithout"]).is_empty());

    let one = path_json(&env, &["Biden", "Sberbank"]);
    assert_eq!(one["paths"][0]["weakestHopArticles"], 1);
    assert_eq!(ids(&one["paths"][0]["brokenWithout"]), ["hubs-2"]);
    assert_eq!(ids(&one["brokenWithout"]), ["hubs-2"]);

    // Each path rests on another article: no one article's removal leaves neither.
    let two = path_json(&env, &["Biden", "Sberbank", "-k", "2"]);
    assert_eq!(ids(&two["paths"][1]["brokenWithout"]), ["hubs-1"]);
    assert!(ids(&two["brokenWithout"]).is_empty());
    let text = env.ok(&["path", "Biden", "Sberbank", "-k", "2"]);
    assert!(
        text.contains("  support: weakest hop stated by 1 article; removing hubs-2 breaks it\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\nno single article's removal breaks every path above\n"),
        "{text}"
    );
    let yellen_text = env.ok(&["path", "Biden", "Janet Yellen"]);
    assert!(
        yellen_text.ends_with(
            "  support: weakest hop stated by 2 articles; no single article's removal breaks it\n"
        ),
        "{yellen_text}"
    );
}

#[test]
fn the_http_api_ranks_and_flags_paths_as_the_command_line_does() {
    let env = hubs_env();
    let cases = [
        (
            "from=Biden&to=Sberbank&k=2",
            ["Biden", "Sberbank", "-k", "2"],
        ),
        (
            "from=Biden&to=Sberbank&weight=hops",
            ["Biden", "Sberbank", "--weight", "hops"],
        ),
    ];
    let expected: Vec<serde_json::Value> = cases
        .iter()
        .map(|(_, args)| path_json(&env, args))
        .collect();
    let server = crate::common::server::Server::start(&env, &[]);
    let client = crate::common::server::client();
    for ((query, _), expected) in cases.iter().zip(&expected) {
        let mut response = client
            .get(server.url(&format!("/api/path?{query}")))
            .call()
            .unwrap();
        assert_eq!(response.status(), 200, "{query}");
        let answer: serde_json::Value =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        assert_eq!(&answer, expected, "{query}");
    }
    server.stop();
}

/// `factgraph path` between every two of the most linked entities of data/sheets, and what it
/// says of the hub table (`FACTGRAPH_REPORT_HUB_TABLE`).
fn answers_and_table(env: &TestEnv, names: &[String]) -> (Vec<String>, Vec<String>) {
    let (mut answers, mut tables) = (Vec::new(), Vec::new());
    for from in names {
        for to in names {
            if from == to {
                continue;
            }
            let output = env
                .command()
                .env("FACTGRAPH_REPORT_HUB_TABLE", "1")
                .args(["--json", "path", from, to])
                .output()
                .expect("run factgraph");
            // Joined by a path, or by none (exit code 3).
            let code = output.status.code();
            assert!(
                matches!(code, Some(0 | 3)),
                "{from} to {to}: {}",
                stderr(&output)
            );
            tables.push(stderr(&output).lines().next().unwrap_or("").to_owned());
            answers.push(String::from_utf8(output.stdout).expect("UTF-8"));
        }
    }
    (answers, tables)
}

/// The ingest saves the default path query's hub table beside the entity graph, and
/// `factgraph path` reads it, with the same answers as without it; a damaged table, and the
/// table of another graph, are not read, and the answers stay the same.
#[test]
fn path_reads_the_hub_table_saved_with_the_graph_and_no_other() {
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", &repo_str("data/sheets")]);
    let table = env.store().join("factgraph-derived/hub-table.bin");
    let saved = std::fs::read(&table).expect("the ingest saved the hub table");
    let central: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "central", "--top", "6"])).unwrap();
    let names: Vec<String> = central["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entity| entity["iri"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 6);
    let (with_table, reports) = answers_and_table(&env, &names);
    assert!(
        reports.iter().all(|r| r == "hub table: loaded"),
        "{reports:?}"
    );

    std::fs::remove_file(&table).expect("remove the table");
    let (without, reports) = answers_and_table(&env, &names);
    assert!(
        reports.iter().all(|r| r == "hub table: none"),
        "{reports:?}"
    );
    assert_eq!(with_table, without);

    let mut damaged = saved.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x01;
    std::fs::write(&table, &damaged).expect("write");
    let (answers, reports) = answers_and_table(&env, &names);
    assert!(
        reports.iter().all(|r| r == "hub table: none"),
        "{reports:?}"
    );
    assert_eq!(answers, without);

    // The table of another graph: a store of one sheet less.
    let other = TestEnv::new();
    for entry in std::fs::read_dir(repo_str("data/sheets")).unwrap().skip(1) {
        let path = entry.unwrap().path();
        other.ok(&["ingest", "-q", path.to_str().unwrap()]);
    }
    let stale = std::fs::read(other.store().join("factgraph-derived/hub-table.bin"))
        .expect("the other ingest saved a table");
    assert!(stale != saved);
    std::fs::write(&table, &stale).expect("write");
    let (answers, reports) = answers_and_table(&env, &names);
    assert!(
        reports.iter().all(|r| r == "hub table: none"),
        "{reports:?}"
    );
    assert_eq!(answers, without);

    std::fs::write(&table, &saved).expect("write");
    let (answers, reports) = answers_and_table(&env, &names);
    assert!(
        reports.iter().all(|r| r == "hub table: loaded"),
        "{reports:?}"
    );
    assert_eq!(answers, without);
}
