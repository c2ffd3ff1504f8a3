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

// A named pipe in the file system (mkfifo) is a unix thing.
#[cfg(unix)]
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
        let summary = stderr(&copy.run(&["ingest", exported.to_str().expect("path")]));
        // The summary counts what the sheets' own ingest counted.
        let fresh = stderr(&TestEnv::new().run(&["ingest", &repo_str("tests/fixtures/good")]));
        let counts = |line: &str| {
            line.split_once(": ")
                .and_then(|(_, rest)| rest.split_once(", written"))
                .map(|(counts, _)| counts.split(", ").take(2).collect::<Vec<_>>().join(", "))
                .unwrap_or_else(|| panic!("no counts in {line}"))
        };
        assert_eq!(counts(&summary), counts(&fresh), "{summary}\n{fresh}");
        assert!(!summary.contains(" 0 entities"), "{summary}");
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

/// Counts a graph export's entities and facts: GraphML nodes and edges.
fn graphml_counts(graphml: &str) -> (usize, usize) {
    (
        graphml.matches("<node ").count(),
        graphml.matches("<edge ").count(),
    )
}

#[test]
fn date_windows_and_predicate_filters_apply_to_every_graph_format() {
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", &repo_str("data/sheets")]);
    // Entity-to-entity facts that some article of 2020 states.
    let in_2020 = env.count(
        r#"SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
           ?s ?p ?o . GRAPH <https://w3id.org/factgraph/ontology> { ?p a owl:ObjectProperty }
           GRAPH ?g { ?s ?p ?o . ?g schema:datePublished ?d }
           FILTER(?d >= "2020-01-01"^^xsd:date && ?d <= "2020-12-31"^^xsd:date) } }"#,
    );
    let all = env.count(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . GRAPH <https://w3id.org/factgraph/ontology> { ?p a owl:ObjectProperty } }",
    );
    assert!(0 < in_2020 && in_2020 < all, "{in_2020} of {all}");
    let window = ["--since", "2020-01-01", "--until", "2020-12-31"];
    let export = |format: &str, extra: &[&str]| {
        let mut args = vec!["export", "--format", format];
        args.extend(extra);
        env.ok(&args)
    };
    let (_, edges) = graphml_counts(&export("graphml", &window));
    assert_eq!(edges, in_2020, "graphml");
    assert_eq!(
        export("gexf", &window).matches("<edge ").count(),
        in_2020,
        "gexf"
    );
    assert_eq!(
        export("dot", &window).matches(" -> ").count(),
        in_2020,
        "dot"
    );
    let cyjs: serde_json::Value = serde_json::from_str(&export("cyjs", &window)).expect("json");
    let edges = cyjs["elements"]["edges"].as_array().expect("edges");
    assert_eq!(edges.len(), in_2020, "cyjs");
    // What each fact carries tells of the window's articles only: Alipay —ownedBy→ Ant Group
    // is stated by three articles, one of them of 2020.
    for edge in edges {
        let data = &edge["data"];
        let (first, last) = (data["first_date"].as_str(), data["last_date"].as_str());
        assert!(
            first.is_some_and(|d| d >= "2020-01-01") && last.is_some_and(|d| d <= "2020-12-31"),
            "{data}"
        );
    }
    let owned = |cyjs: &serde_json::Value| {
        let nodes = cyjs["elements"]["nodes"].as_array().expect("nodes");
        let id = |name: &str| {
            nodes
                .iter()
                .find(|n| n["data"]["name"] == name)
                .map(|n| n["data"]["id"].clone())
                .expect("node")
        };
        let (alipay, ant) = (id("Alipay"), id("Ant Group"));
        cyjs["elements"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .find(|e| {
                e["data"]["source"] == alipay
                    && e["data"]["target"] == ant
                    && e["data"]["interaction"] == "ownedBy"
            })
            .map(|e| e["data"]["articles"].clone())
            .expect("Alipay ownedBy Ant Group")
    };
    let whole: serde_json::Value = serde_json::from_str(&export("cyjs", &[])).expect("json");
    assert_eq!((owned(&cyjs), owned(&whole)), (1.into(), 3.into()));
    let neo4j = env.dir.path().join("neo4j");
    let mut args = vec![
        "export",
        "--format",
        "neo4j",
        "-o",
        neo4j.to_str().expect("path"),
    ];
    args.extend(window);
    env.ok(&args);
    let relationships = std::fs::read_to_string(neo4j.join("relationships.csv")).expect("csv");
    assert_eq!(
        csv_records(&relationships) - 1,
        in_2020,
        "neo4j: {relationships}"
    );
    // Entities whose facts all fall outside the window are left out with them.
    let (nodes, _) = graphml_counts(&export("graphml", &window));
    let (all_nodes, _) = graphml_counts(&export("graphml", &[]));
    assert!(nodes < all_nodes, "{nodes} of {all_nodes}");
    let (kept, edges) = graphml_counts(&export("graphml", &[&window[..], &["--orphans"]].concat()));
    assert_eq!(
        (kept, edges),
        (all_nodes, in_2020),
        "--orphans keeps every entity"
    );

    let bans = export("dot", &["--via", "bans"]);
    assert!(
        bans.lines()
            .filter(|l| l.contains(" -> "))
            .all(|l| l.contains("label=\"bans\"")),
        "{bans}"
    );
    env.refused(
        &["export", "--format", "turtle", "--since", "2021-01-01"],
        1,
        "slice the entity graph",
    );
}

/// CSV records, counting quoted line breaks as part of their field.
fn csv_records(csv: &str) -> usize {
    let mut quoted = false;
    let mut records = 0;
    for c in csv.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => records += 1,
            _ => {}
        }
    }
    records
}

#[test]
fn entities_in_no_fact_are_left_out_unless_asked_for() {
    let env = TestEnv::new();
    let sheet = env.dir.path().join("lonely.json");
    std::fs::write(
        &sheet,
        r#"{"article": {"id": "lonely", "title": "A lonely name", "published": "2021-01-01"},
            "entities": [{"id": "a", "name": "Alipay", "type": "SoftwareApplication"},
                         {"id": "b", "name": "Ant Group", "type": "Company"},
                         {"id": "c", "name": "Nobody Ltd", "type": "Company"}],
            "facts": [{"subject": "a", "predicate": "ownedBy", "object": "b"}]}"#,
    )
    .expect("sheet");
    env.ok(&["ingest", "-q", sheet.to_str().expect("path")]);
    for format in ["graphml", "gexf", "dot", "cyjs"] {
        let default = env.ok(&["export", "--format", format]);
        assert!(!default.contains("Nobody Ltd"), "{format}: {default}");
        assert_eq!(
            env.ok(&["export", "--format", format, "--no-orphans"]),
            default
        );
        let kept = env.ok(&["export", "--format", format, "--orphans"]);
        assert!(kept.contains("Nobody Ltd"), "{format}: {kept}");
    }
}

#[test]
fn dot_has_a_legend_and_cytoscape_json_a_style() {
    let env = env();
    let dot = env.ok(&["export", "--format", "dot"]);
    let legend = dot
        .lines()
        .find(|l| l.trim_start().starts_with("legend ["))
        .unwrap_or_else(|| panic!("no legend: {dot}"));
    // Every entity's colour is explained by a row of the legend that names its class.
    for line in dot.lines().filter(|l| l.contains("fillcolor=")) {
        let colour = line
            .split("fillcolor=\"")
            .nth(1)
            .and_then(|r| r.get(..7))
            .expect("colour");
        assert!(
            legend.contains(&format!("bgcolor=\"{colour}\"")),
            "{colour} not in {legend}"
        );
    }
    assert!(legend.contains(">Person (ellipse)<"), "{legend}");

    let cyjs_path = env.dir.path().join("kg.cyjs");
    env.ok(&[
        "export",
        "--format",
        "cyjs",
        "-o",
        cyjs_path.to_str().expect("path"),
    ]);
    let cyjs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cyjs_path).expect("cyjs")).expect("json");
    let style = cyjs["style"].as_array().expect("a cytoscape.js style");
    let rule = |selector: &str| {
        style
            .iter()
            .find(|r| r["selector"] == selector)
            .unwrap_or_else(|| panic!("no rule for {selector}: {style:?}"))
    };
    assert_eq!(rule("node")["style"]["label"], "data(name)");
    assert_eq!(rule("edge")["style"]["label"], "data(interaction)");
    assert!(rule("node[class = \"Person\"]")["style"]["background-color"].is_string());
    let node = &cyjs["elements"]["nodes"][0]["data"];
    assert!(
        node["name"].is_string() && node["class"].is_string(),
        "{node}"
    );
    assert!(cyjs["elements"]["edges"][0]["data"]["interaction"].is_string());
    // Cytoscape desktop reads styles from its own XML, written beside the document.
    let desktop = std::fs::read_to_string(env.dir.path().join("kg.style.xml")).expect("style");
    assert!(
        desktop.contains(r#"<visualStyle name="factgraph">"#),
        "{desktop}"
    );
    assert!(
        desktop.contains(r#"attributeName="class""#)
            && desktop.contains(r#"attributeName="interaction""#)
    );
}
