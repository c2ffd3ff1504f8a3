//! `factgraph serve`: the real server on a loopback port, driven by a real HTTP client.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;
use serde_json::Value;

use crate::common::rdf;
use crate::common::server::{Server, client, terminate};
use crate::common::{TestEnv, repo};

const TOKEN: &str = "correct-horse-battery-staple";

fn with_data() -> TestEnv {
    TestEnv::with_seed_sheets()
}

fn writable(env: &TestEnv, extra: &[&str]) -> Server {
    Server::start_writable(env, TOKEN, extra)
}

struct Answer {
    status: u16,
    content_type: String,
    body: String,
    headers: Vec<(String, String)>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.expect("HTTP exchange");
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect::<Vec<_>>();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = response
        .body_mut()
        .with_config()
        .limit(100 * 1024 * 1024)
        .read_to_string()
        .expect("body");
    Answer {
        status: response.status().as_u16(),
        content_type,
        body,
        headers,
    }
}

fn get(url: &str, accept: &str) -> Answer {
    answer(client().get(url).header("Accept", accept).call())
}

/// The single integer a `SELECT (COUNT(*) AS ?n)` gives, through the endpoint.
fn count(server: &Server, query: &str) -> u64 {
    let json = get(&server.query_url(query), "application/sparql-results+json").json();
    json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no count in {json}"))
}

/// Runs a query asking for `media`, which must come back labelled so.
fn in_format(server: &Server, query: &str, media: &str) -> Answer {
    let a = get(&server.query_url(query), media);
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (200, media),
        "{}",
        a.body
    );
    a
}

/// The terms bound to `?e` in SPARQL results, each in N-Triples syntax, sorted.
fn bound_to_e(format: QueryResultsFormat, body: &str) -> Vec<String> {
    let mut terms: Vec<String> = rdf::solutions(format, body)
        .iter()
        .map(|s| s.get("e").map_or_else(String::new, ToString::to_string))
        .collect();
    terms.sort();
    terms
}

#[test]
fn the_sparql_protocol_answers_every_method_and_media_type() {
    let env = with_data();
    let select = "SELECT ?e WHERE { ?e a fg:Company }";
    let companies = bound_to_e(
        QueryResultsFormat::Tsv,
        &env.ok(&["query", "--format", "tsv", select]),
    );
    assert!(!companies.is_empty());
    let local_quads = env.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    let bans = env.quads("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p = fg:bans) }");
    let server = Server::start(&env, &[]);

    // GET, POST form, POST body: the same rows, with our prefixes predeclared.
    let by_get = get(&server.query_url(select), "application/sparql-results+json");
    assert_eq!(by_get.status, 200, "{}", by_get.body);
    assert_eq!(by_get.content_type, "application/sparql-results+json");
    let rows = |a: &Answer| bound_to_e(QueryResultsFormat::Json, &a.body);
    assert_eq!(rows(&by_get), companies);
    let by_form = answer(
        client()
            .post(server.url("/sparql"))
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", select)]),
    );
    assert_eq!(rows(&by_form), companies);
    let by_body = answer(
        client()
            .post(server.url("/sparql"))
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "application/sparql-results+json")
            .send(select),
    );
    assert_eq!(rows(&by_body), companies);
    assert_eq!(
        count(&server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") as usize,
        local_quads
    );

    // Every results format, labelled as asked.
    for (media, format) in [
        ("application/sparql-results+xml", QueryResultsFormat::Xml),
        ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ] {
        let a = in_format(&server, select, media);
        assert_eq!(bound_to_e(format, &a.body), companies, "{media}");
    }
    // No parser reads CSV results (they drop the kind of each term); IRIs are written bare.
    let csv = in_format(&server, select, "text/csv");
    let mut lines: Vec<&str> = csv.body.split_terminator("\r\n").collect();
    assert_eq!(lines.remove(0), "e", "{}", csv.body);
    lines.sort_unstable();
    let bare: Vec<&str> = companies
        .iter()
        .map(|iri| iri.trim_start_matches('<').trim_end_matches('>'))
        .collect();
    assert_eq!(lines, bare);
    let ask = get(
        &server.query_url("ASK { ?s fg:bans ?o }"),
        "application/sparql-results+json",
    );
    assert_eq!(ask.json()["boolean"], true);

    // Every graph format, read back by its parser: the triples the store holds.
    let construct = "CONSTRUCT { ?s fg:bans ?o } WHERE { ?s fg:bans ?o }";
    for media in [
        "text/turtle",
        "application/n-triples",
        "application/n-quads",
        "application/trig",
        "application/rdf+xml",
        "application/ld+json",
    ] {
        let a = in_format(&server, construct, media);
        rdf::assert_same_quads(rdf::parse_media(media, &a.body), bans.clone(), media);
    }

    // The protocol's dataset replaces the query's.
    let article = "https://w3id.org/factgraph/article/atf-2021-01-06-alipay-ban";
    let in_article = count(
        &server,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}"),
    );
    let encoded: String = form_urlencoded::byte_serialize(article.as_bytes()).collect();
    let with_default = get(
        &format!(
            "{}&default-graph-uri={encoded}",
            server.query_url("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        ),
        "application/sparql-results+json",
    );
    assert_eq!(
        with_default.json()["results"]["bindings"][0]["n"]["value"],
        in_article.to_string()
    );
    let with_named = get(
        &format!(
            "{}&named-graph-uri={encoded}",
            server.query_url("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        ),
        "application/sparql-results+json",
    );
    let graphs = with_named.json()["results"]["bindings"].clone();
    assert_eq!(graphs.as_array().map(Vec::len), Some(1), "{graphs}");
    assert_eq!(graphs[0]["g"]["value"], article);

    // A service description without a query; a read-only server offers no update language.
    let description = get(&server.url("/sparql"), "text/turtle");
    assert_eq!(description.status, 200);
    let expected = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
         @prefix formats: <http://www.w3.org/ns/formats/> .
         [] a sd:Service ;
            sd:endpoint <{}/sparql> ;
            sd:supportedLanguage sd:SPARQL11Query ;
            sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML,
                formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV, formats:Turtle,
                formats:N-Triples, formats:N-Quads, formats:TriG, formats:RDF_XML, formats:JSON-LD ;
            sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .",
        server.base
    );
    rdf::assert_same_quads(
        rdf::parse(RdfFormat::Turtle, &description.body),
        rdf::parse(RdfFormat::Turtle, &expected),
        "the service description",
    );

    // Errors: status and a message that says what is wrong.
    let syntax = get(&server.query_url("SELECT ?x WHERE { ?x fg:bans }"), "*/*");
    assert_eq!(syntax.status, 400);
    assert!(
        syntax.body.contains("syntax error at 1:"),
        "{}",
        syntax.body
    );
    let unacceptable = get(&server.query_url(select), "image/png");
    assert_eq!(unacceptable.status, 406);
    assert!(
        unacceptable
            .body
            .contains("application/sparql-results+json")
    );
    let wrong_body = answer(
        client()
            .post(server.url("/sparql"))
            .header("Content-Type", "text/plain")
            .send(select),
    );
    assert_eq!(wrong_body.status, 415);
    assert!(wrong_body.body.contains("application/sparql-query"));
    let twice = get(
        &format!("{}&query=ASK%7B%7D", server.query_url(select)),
        "*/*",
    );
    assert_eq!(twice.status, 400);
    let unknown_path = get(&server.url("/nothing-here"), "*/*");
    assert_eq!(unknown_path.status, 404);
    assert!(unknown_path.body.contains("/sparql"));
}

#[test]
fn bodies_over_the_limit_are_refused() {
    let env = with_data();
    let server = Server::start(&env, &["--max-body-mb", "1"]);
    let big = format!("ASK {{ }} #{}", "x".repeat(2 * 1024 * 1024));
    let a = answer(
        client()
            .post(server.url("/sparql"))
            .header("Content-Type", "application/sparql-query")
            .send(big.as_str()),
    );
    assert_eq!(a.status, 413, "{}", a.body);
    assert!(a.body.contains("--max-body-mb"), "{}", a.body);
}

#[test]
fn writes_need_a_writable_server_and_its_token() {
    let env = with_data();
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/p> \"new\" }";
    {
        let server = Server::start(&env, &[]);
        let refused = answer(
            client()
                .post(server.url("/update"))
                .header("Authorization", format!("Bearer {TOKEN}"))
                .send_form([("update", insert)]),
        );
        assert_eq!(refused.status, 403);
        assert!(refused.body.contains("--writable"), "{}", refused.body);
        let put = answer(
            client()
                .put(server.url("/store?graph=http://example.org/g"))
                .header("Content-Type", "text/turtle")
                .send("<http://example.org/a> <http://example.org/p> 1 ."),
        );
        assert_eq!(put.status, 403);
        server.stop();
    }
    let server = writable(&env, &[]);
    let send = |authorization: Option<&str>| {
        let mut request = client()
            .post(server.url("/update"))
            .header("Content-Type", "application/sparql-update");
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        answer(request.send(insert))
    };
    let missing = send(None);
    assert_eq!(missing.status, 403);
    assert!(
        missing.body.contains("Authorization: Bearer"),
        "{}",
        missing.body
    );
    let wrong = send(Some("Bearer correct-horse-battery-stapler"));
    assert_eq!(wrong.status, 403);
    assert!(
        wrong.body.contains("not this server's token"),
        "{}",
        wrong.body
    );
    let ask = "ASK { <http://example.org/a> <http://example.org/p> \"new\" }";
    let asked = || get(&server.query_url(ask), "application/sparql-results+json").json();
    assert_eq!(asked()["boolean"], false);
    let accepted = send(Some(&format!("Bearer {TOKEN}")));
    assert_eq!(accepted.status, 204, "{}", accepted.body);
    assert_eq!(asked()["boolean"], true);
    let bad_update = answer(
        client()
            .post(server.url("/update"))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .send_form([("update", "INSERT DATA { oops }")]),
    );
    assert_eq!(bad_update.status, 400);
    assert!(
        bad_update.body.contains("syntax error"),
        "{}",
        bad_update.body
    );
}

#[test]
fn the_graph_store_protocol_reads_and_writes_whole_graphs() {
    let env = with_data();
    let server = writable(&env, &[]);
    let graph = "http://example.org/graph/one";
    let url = server.url(&format!("/store?graph={graph}"));
    let auth = format!("Bearer {TOKEN}");
    let put = |body: &str, media: &str| {
        answer(
            client()
                .put(&url)
                .header("Authorization", &auth)
                .header("Content-Type", media)
                .send(body),
        )
    };
    let fact = "<https://w3id.org/factgraph/entity/ant-group> <https://w3id.org/factgraph/ontology#ownedBy> <http://example.org/holder> .";
    assert_eq!(get(&url, "text/turtle").status, 404);
    assert_eq!(put(fact, "application/n-triples").status, 201);
    assert_eq!(put(fact, "application/n-triples").status, 204);
    let read = get(&url, "application/n-triples");
    assert_eq!(read.status, 200);
    rdf::assert_same_quads(
        rdf::parse(RdfFormat::NTriples, &read.body),
        rdf::parse(RdfFormat::NTriples, fact),
        "the graph put",
    );
    // A fact in a named graph joins the merged default graph, as an article's would.
    let merged = "ASK { <https://w3id.org/factgraph/entity/ant-group> fg:ownedBy <http://example.org/holder> }";
    let asked = || get(&server.query_url(merged), "application/sparql-results+json").json();
    assert_eq!(asked()["boolean"], true);

    let added = answer(
        client()
            .post(&url)
            .header("Authorization", &auth)
            .header("Content-Type", "text/turtle")
            .send("<http://example.org/x> <http://example.org/y> \"z\" ."),
    );
    assert_eq!(added.status, 204, "{}", added.body);
    rdf::assert_same_quads(
        rdf::parse(
            RdfFormat::NTriples,
            &get(&url, "application/n-triples").body,
        ),
        rdf::parse(
            RdfFormat::NTriples,
            &format!("{fact}\n<http://example.org/x> <http://example.org/y> \"z\" ."),
        ),
        "the graph put, then added to",
    );

    let broken = put(
        "<http://example.org/x> <http://example.org/y> .",
        "text/turtle",
    );
    assert_eq!(broken.status, 400);
    assert!(broken.body.contains("not valid Turtle"), "{}", broken.body);
    assert_eq!(put(fact, "application/pdf").status, 415);
    let ontology = answer(
        client()
            .put(server.url("/store?graph=https://w3id.org/factgraph/ontology"))
            .header("Authorization", &auth)
            .header("Content-Type", "text/turtle")
            .send(""),
    );
    assert_eq!(ontology.status, 403);

    let deleted = answer(client().delete(&url).header("Authorization", &auth).call());
    assert_eq!(deleted.status, 204);
    assert_eq!(get(&url, "text/turtle").status, 404);
    assert_eq!(
        asked()["boolean"],
        false,
        "what only the graph stated leaves the merged graph"
    );
    let again = answer(client().delete(&url).header("Authorization", &auth).call());
    assert_eq!(again.status, 404);

    let default = get(&server.url("/store?default"), "application/n-triples");
    assert_eq!(default.status, 200);
    let dataset = get(&server.url("/store"), "application/n-quads");
    assert_eq!(dataset.status, 200);
    // Compared with what another process reads from the store once the server has let go of it.
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    rdf::assert_same_quads(
        rdf::parse(RdfFormat::NTriples, &default.body),
        env.quads("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"),
        "the default graph",
    );
    rdf::assert_same_quads(
        rdf::parse(RdfFormat::NQuads, &dataset.body),
        env.dataset(),
        "the dataset",
    );
}

/// Every format the Graph Store protocol offers, for one article's graph, the default graph and
/// the whole dataset: labelled with its media type, read by a real parser as the quads the store
/// holds, and the very bytes `factgraph export` writes of the same part, since both go through
/// one writer.
#[test]
fn graph_store_reads_are_the_exports_of_the_same_graphs() {
    let env = with_data();
    let server = Server::start(&env, &[]);
    let article = "atf-2021-01-06-alipay-ban";
    let iri = format!("https://w3id.org/factgraph/article/{article}");
    let graph_formats = [
        ("turtle", "text/turtle"),
        ("ntriples", "application/n-triples"),
        ("rdfxml", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
        ("trig", "application/trig"),
        ("nquads", "application/n-quads"),
    ];
    let dataset_formats = [
        ("trig", "application/trig"),
        ("nquads", "application/n-quads"),
    ];
    let read = |url: &str, media: &str| {
        let a = get(url, media);
        assert_eq!(
            (a.status, a.content_type.as_str()),
            (200, media),
            "{url}: {}",
            a.body
        );
        assert!(!a.body.is_empty(), "{url} in {media} is empty");
        a.body
    };
    let mut articles = Vec::new();
    let mut defaults = Vec::new();
    for (name, media) in graph_formats {
        articles.push((
            name,
            media,
            read(&server.url(&format!("/store?graph={iri}")), media),
        ));
        defaults.push((name, media, read(&server.url("/store?default"), media)));
    }
    let datasets: Vec<_> = dataset_formats
        .into_iter()
        .map(|(name, media)| (name, media, read(&server.url("/store"), media)))
        .collect();
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");

    let article_quads = format!("SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}");
    let article_dataset =
        format!("SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ <{iri}> }} GRAPH ?g {{ ?s ?p ?o }} }}");
    let merged = env.quads("SELECT ?s ?p ?o WHERE { ?s ?p ?o }");
    let keeps_graphs =
        |media: &str| RdfFormat::from_media_type(media).is_some_and(|f| f.supports_datasets());
    for (name, media, body) in &articles {
        let expected = env.quads(if keeps_graphs(media) {
            &article_dataset
        } else {
            &article_quads
        });
        rdf::assert_same_quads(rdf::parse_media(media, body), expected, media);
        assert!(
            *body == env.ok(&["export", "--format", name, "--article", article]),
            "{media}: the graph store and `export --article` differ"
        );
    }
    for (name, media, body) in &defaults {
        rdf::assert_same_quads(rdf::parse_media(media, body), merged.clone(), media);
        // `export` in a format with graphs writes them all, not the default graph alone.
        if !keeps_graphs(media) {
            assert!(
                *body == env.ok(&["export", "--format", name]),
                "{media}: the default graph and `export` differ"
            );
        }
    }
    let dataset = env.dataset();
    for (name, media, body) in &datasets {
        rdf::assert_same_quads(rdf::parse_media(media, body), dataset.clone(), media);
        assert!(
            *body == env.ok(&["export", "--format", name]),
            "{media}: the dataset and `export` differ"
        );
    }
}

#[test]
fn the_json_api_answers_as_the_command_line_does() {
    let env = with_data();
    let cli_path: Value =
        serde_json::from_str(&env.ok(&["--json", "path", "Trump", "Ant Group", "-k", "2"]))
            .expect("path JSON");
    let cli_neighbors: Value =
        serde_json::from_str(&env.ok(&["--json", "neighbors", "Ant Group", "--hops", "2"]))
            .expect("neighbors JSON");
    let cli_stats: Value = serde_json::from_str(&env.ok(&["--json", "stats"])).expect("stats");
    let server = Server::start(&env, &[]);

    let path = get(
        &server.url("/api/path?from=Trump&to=Ant%20Group&k=2"),
        "*/*",
    );
    assert_eq!(
        (path.status, path.content_type.as_str()),
        (200, "application/json")
    );
    assert_eq!(path.json(), cli_path);
    assert_eq!(
        path.json()["paths"][0]["chain"],
        "Donald Trump —signs→ Executive Order 13971 —bans→ Alipay —ownedBy→ Ant Group"
    );
    let neighbors = get(&server.url("/api/neighbors?name=Ant%20Group&hops=2"), "*/*");
    assert_eq!(neighbors.json(), cli_neighbors);
    assert_eq!(neighbors.json()["truncated"], false);
    let capped = get(
        &server.url("/api/neighbors?name=Ant%20Group&hops=2&limit=3"),
        "*/*",
    )
    .json();
    assert_eq!(
        capped["edges"].as_array().map(Vec::len),
        Some(3),
        "{capped}"
    );
    assert_eq!(capped["truncated"], true);
    assert_eq!(get(&server.url("/api/stats"), "*/*").json(), cli_stats);

    let filtered = get(
        &server.url("/api/path?from=Trump&to=Ant%20Group&via=signs,bans&all=true&max-hops=3"),
        "*/*",
    );
    assert_eq!(filtered.json()["paths"], serde_json::json!([]));

    let completions = get(&server.url("/api/entities?q=ali"), "*/*").json();
    let labels: Vec<&str> = completions["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["label"].as_str())
        .collect();
    assert_eq!(labels.first(), Some(&"Alipay"), "{completions}");
    assert!(labels.contains(&"Alibaba Group Holding"), "{completions}");
    let by_alias = get(&server.url("/api/entities?q=president%20trump"), "*/*").json();
    assert_eq!(by_alias["entities"][0]["label"], "Donald Trump");

    let articles = get(&server.url("/api/articles"), "*/*").json();
    let ids: BTreeSet<&str> = articles["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 7);
    assert!(ids.contains("atf-2021-01-06-alipay-ban"));

    let unknown = get(&server.url("/api/path?from=Trumpp&to=Ant%20Group"), "*/*");
    assert_eq!(unknown.status, 404);
    assert!(
        unknown.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("did you mean")),
        "{}",
        unknown.body
    );
    for (query, words) in [
        ("from=Trump", "`to` is required"),
        ("from=Trump&to=Alipay&k=1000", "from 1 to 50"),
        ("from=Trump&to=Alipay&hops=2", "unknown parameter `hops`"),
        ("from=Trump&to=Alipay&via=sings", "did you mean `signs`"),
        ("from=Trump&to=Alipay&since=2021-13-01", "YYYY-MM-DD"),
        (
            "from=Trump&to=Alipay&weight=heavy",
            "weights are specific, hops, confidence, sources",
        ),
        ("from=Trump&to=Alipay&k=0", "from 1 to 50"),
        (
            "from=Trump&to=Alipay&since=2021-01-01&until=2020-01-01",
            "is after until",
        ),
        ("from=Trump&to=Alipay&avoid=Alipay", "cannot be avoided"),
        ("from=%20&to=Alipay", "`from` is required"),
    ] {
        let a = get(&server.url(&format!("/api/path?{query}")), "*/*");
        assert_eq!(a.status, 400, "{query}: {}", a.body);
        let error = a.json()["error"].as_str().unwrap_or_default().to_owned();
        assert!(error.contains(words), "{query}: {error}");
    }
}

fn story_sheet() -> Vec<u8> {
    std::fs::read(repo("tests/fixtures/good/story-a.json")).expect("fixture")
}

/// An article's id comes from its text, so the same text is one article whether it came as
/// a file to `factgraph ingest` or as an upload.
#[test]
fn the_same_article_text_by_file_and_by_upload_is_one_article() {
    let env = TestEnv::new();
    let text = "Xiaomi sues the Pentagon\n\nJanuary 29, 2021\nXiaomi Corp sued the US Department of Defense in a Washington court.\n";
    let file = env.dir.path().join("xiaomi.txt");
    std::fs::write(&file, text).expect("article");
    env.ok(&["ingest", "-q", file.to_str().expect("path")]);
    let server = writable(&env, &[]);
    let listed = || get(&server.url("/api/articles"), "*/*").json()["articles"].clone();
    let ingested = listed();
    assert_eq!(ingested.as_array().map(Vec::len), Some(1), "{ingested}");
    let uploaded = answer(
        client()
            .post(server.url("/api/articles"))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .header("Content-Type", "text/plain")
            .send(text),
    );
    assert!(uploaded.status < 300, "{}", uploaded.body);
    assert_eq!(uploaded.json()["articles"][0]["id"], ingested[0]["id"]);
    assert_eq!(listed(), ingested);
}

#[test]
fn uploaded_articles_are_searchable_and_removable() {
    let env = TestEnv::new();
    let server = writable(&env, &[]);
    let auth = format!("Bearer {TOKEN}");
    let upload = |body: &[u8], media: &str| {
        answer(
            client()
                .post(server.url("/api/articles"))
                .header("Authorization", &auth)
                .header("Content-Type", media)
                .send(body),
        )
    };
    let bad = std::fs::read(repo("tests/fixtures/bad/unknown_predicate.json")).expect("fixture");
    let refused = upload(&bad, "application/json");
    assert_eq!(refused.status, 400, "{}", refused.body);
    let diagnostics = refused.json()["diagnostics"].to_string();
    assert!(diagnostics.contains("request body:"), "{diagnostics}");
    assert!(diagnostics.contains("did you mean"), "{diagnostics}");
    assert_eq!(
        get(&server.url("/api/articles"), "*/*").json()["articles"],
        serde_json::json!([])
    );

    let written = upload(&story_sheet(), "application/json");
    assert_eq!(written.status, 201, "{}", written.body);
    assert_eq!(written.json()["written"], 1);
    // The answer names the article and gives the facts its graph now states, in sheet order,
    // with the entities' IRIs and labels and each fact's evidence.
    let sheet: serde_json::Value = serde_json::from_slice(&story_sheet()).expect("sheet");
    let article = &written.json()["articles"][0];
    assert_eq!(article["id"], sheet["article"]["id"]);
    assert_eq!(article["status"], "written");
    assert_eq!(
        article["iri"],
        format!(
            "https://w3id.org/factgraph/article/{}",
            sheet["article"]["id"].as_str().expect("id")
        )
    );
    let facts = article["facts"].as_array().expect("facts");
    let stated = sheet["facts"].as_array().expect("sheet facts");
    assert_eq!(facts.len(), stated.len(), "{}", written.body);
    for (fact, sheet_fact) in facts.iter().zip(stated) {
        assert_eq!(fact["predicate"], sheet_fact["predicate"]);
        assert_eq!(fact["evidence"], sheet_fact["evidence"]);
    }
    let signs = facts
        .iter()
        .find(|f| f["predicate"] == "signs")
        .expect("signs");
    assert_eq!(signs["subject"]["label"], "Donald Trump");
    assert_eq!(signs["object"]["label"], "Executive Order 13971");
    assert!(
        signs["subject"]["iri"]
            .as_str()
            .is_some_and(|iri| iri.starts_with("https://w3id.org/factgraph/entity/")),
        "{signs}"
    );
    let again = upload(&story_sheet(), "application/json").json();
    assert_eq!(again["unchanged"], 1);
    assert_eq!(again["articles"][0]["status"], "unchanged");
    assert_eq!(again["articles"][0]["facts"], article["facts"]);
    assert_eq!(upload(b"%PDF-1.7", "application/pdf").status, 415);
    // A page with no story is the uploader's mistake, told as `ingest` tells it of a file.
    let empty = upload(
        b"<html><body><script>x()</script></body></html>",
        "text/html",
    );
    assert_eq!(empty.status, 400, "{}", empty.body);
    let message = empty.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.starts_with("request body holds no article text")
            && message.contains("\n  help: give the article's text"),
        "{}",
        empty.body
    );

    // Searches answer from a graph rebuilt in the background after writes: wait for it.
    let started = Instant::now();
    let path = loop {
        let a = get(&server.url("/api/path?from=Trump&to=Ant%20Group"), "*/*");
        if a.status == 200 {
            break a.json();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the uploaded article never became searchable: {}",
            a.body
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(
        path["paths"][0]["chain"],
        "Donald Trump —signs→ Executive Order 13971 —bans→ Alipay —ownedBy→ Ant Group"
    );

    let delete = |id: &str| {
        answer(
            client()
                .delete(server.url(&format!("/api/articles/{id}")))
                .header("Authorization", &auth)
                .call(),
        )
    };
    // An article's text goes through the extractor.
    let text = answer(
        client()
            .post(server.url("/api/articles?id=xiaomi-note&date=2021-03-13"))
            .header("Authorization", &auth)
            .header("Content-Type", "text/plain")
            .send("Xiaomi Corp sued the US Department of Defense in a Washington court."),
    );
    assert_eq!(text.status, 201, "{}", text.body);
    assert_eq!(text.json()["articles"][0]["id"], "xiaomi-note");
    assert!(
        text.json()["articles"][0]["facts"]
            .as_array()
            .expect("facts")
            .iter()
            .any(|f| f["predicate"] == "sues"),
        "{}",
        text.body
    );
    let sued = get(
        &server.query_url(
            "ASK { GRAPH <https://w3id.org/factgraph/article/xiaomi-note> { ?s fg:sues ?o } }",
        ),
        "application/sparql-results+json",
    );
    assert_eq!(sued.json()["boolean"], true, "{}", text.body);
    assert_eq!(delete("story-a").status, 204);
    assert_eq!(delete("story-a").status, 404);
    assert_eq!(
        count(&server, "SELECT (COUNT(*) AS ?n) WHERE { ?s fg:bans ?o }"),
        0
    );
    let started = Instant::now();
    while get(&server.url("/api/path?from=Trump&to=Ant%20Group"), "*/*").status != 404 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the removed article stayed searchable"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // A SPARQL update of one article graph it names is patched in as well.
    let builds = || {
        server
            .log()
            .iter()
            .filter(|l| l.contains("\"how\":\"built\""))
            .count()
    };
    let built_before_update = builds();
    let sentence = "Xiaomi Corp sued the US Department of Defense";
    let quoted = || {
        let a = get(
            &server.url("/api/path?from=Xiaomi&to=Department%20of%20Defense"),
            "*/*",
        );
        assert_eq!(a.status, 200, "{}", a.body);
        a.body.contains(sentence)
    };
    assert!(quoted());
    let update = answer(
        client()
            .post(server.url("/update"))
            .header("Authorization", &auth)
            .send_form([(
                "update",
                "DELETE WHERE { GRAPH <https://w3id.org/factgraph/article/xiaomi-note> \
                 { ?statement fg:evidence ?quote } }",
            )]),
    );
    assert_eq!(update.status, 204, "{}", update.body);
    let started = Instant::now();
    while quoted() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the update never reached the entity graph"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(builds(), built_before_update, "{:?}", server.log());
    // The graph followed the writes by patches, not by builds from every quad.
    let log = server.log();
    assert!(
        log.iter().any(|l| l.contains("\"how\":\"patched\"")),
        "{log:?}"
    );
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    // Saved at shutdown as current as the store, the graph answers the next command.
    assert!(
        env.store()
            .join("factgraph-derived/entity-graph.bin")
            .is_file()
    );
    let path = env.ok(&["path", "Xiaomi", "Department of Defense", "--json"]);
    assert!(path.contains("sues"), "{path}");
}

#[test]
fn queries_are_bounded_in_time_and_size() {
    let env = with_data();
    let server = Server::start(&env, &["--timeout", "1", "--max-results", "5"]);
    // Billions of combinations: only the timeout ends it.
    let endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let timed_out = get(
        &server.query_url(endless),
        "application/sparql-results+json",
    );
    assert_eq!(timed_out.status, 503, "{}", timed_out.body);
    assert!(timed_out.body.contains("--timeout"), "{}", timed_out.body);
    let too_many = get(
        &server.query_url("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100"),
        "application/sparql-results+json",
    );
    assert_eq!(too_many.status, 413, "{}", too_many.body);
    assert!(too_many.body.contains("LIMIT"), "{}", too_many.body);
    let five = get(
        &server.query_url("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"),
        "application/sparql-results+json",
    );
    assert_eq!(five.status, 200);
    // The server is still answering after both.
    assert_eq!(
        get(
            &server.query_url("ASK {}"),
            "application/sparql-results+json"
        )
        .json()["boolean"],
        true
    );
}

#[test]
fn service_calls_reach_only_the_path_service() {
    let env = with_data();
    let server = Server::start(&env, &[]);
    let bait = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    bait.set_nonblocking(true).expect("nonblocking");
    let remote = format!(
        "SELECT * WHERE {{ SERVICE <http://{}/sparql> {{ ?s ?p ?o }} }}",
        bait.local_addr().expect("address")
    );
    let refused = get(
        &server.query_url(&remote),
        "application/sparql-results+json",
    );
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("is not allowed"), "{}", refused.body);
    assert!(
        matches!(bait.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the server connected to the address a query named"
    );

    let hops = "SELECT DISTINCT ?step ?predicate WHERE { SERVICE path:search { [] path:from \"Trump\" ; path:to \"Ant Group\" ; path:step ?step ; path:predicate ?predicate } } ORDER BY ?step";
    let rows = get(&server.query_url(hops), "text/tab-separated-values");
    assert_eq!(rows.status, 200, "{}", rows.body);
    let predicates: Vec<&str> = rows
        .body
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    assert_eq!(
        predicates,
        [
            "<https://w3id.org/factgraph/ontology#signs>",
            "<https://w3id.org/factgraph/ontology#bans>",
            "<https://w3id.org/factgraph/ontology#ownedBy>"
        ]
    );
}

/// A sheet of one article with `facts` facts between distinct entities.
fn big_sheet(id: &str, facts: usize) -> String {
    let entities: Vec<Value> = (0..=facts)
        .map(|i| serde_json::json!({ "id": format!("e{i}"), "name": format!("Firm {id} {i}"), "type": "Company" }))
        .collect();
    let facts: Vec<Value> = (0..facts)
        .map(|i| serde_json::json!({ "subject": format!("e{i}"), "predicate": "ownedBy", "object": format!("e{}", i + 1) }))
        .collect();
    serde_json::json!({
        "article": { "id": id, "title": "Many owners", "published": "2021-01-06" },
        "entities": entities,
        "facts": facts,
    })
    .to_string()
}

/// The ownedBy facts of each article graph that has any, from one query: one snapshot.
fn facts_per_article(server: &Server) -> BTreeMap<String, u64> {
    let json = get(
        &server.query_url(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s fg:ownedBy ?o } } GROUP BY ?g",
        ),
        "application/sparql-results+json",
    )
    .json();
    json["results"]["bindings"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows in {json}"))
        .iter()
        .map(|row| {
            let graph = row["g"]["value"].as_str().expect("graph").to_owned();
            let n = row["n"]["value"].as_str().and_then(|n| n.parse().ok());
            (graph, n.unwrap_or_else(|| panic!("no count in {row}")))
        })
        .collect()
}

/// What one reader saw, and where the writes stood when it began and when it ended.
struct Reading {
    phase_before: usize,
    phase_after: usize,
    facts: BTreeMap<String, u64>,
}

#[test]
fn readers_see_whole_articles_while_writes_go_on() {
    const ARTICLES: usize = 4;
    const FACTS: u64 = 3000;
    let env = TestEnv::new();
    let server = writable(&env, &[]);
    let auth = format!("Bearer {TOKEN}");
    let sheets: Vec<String> = (0..ARTICLES)
        .map(|i| big_sheet(&format!("big-{i}"), FACTS as usize))
        .collect();
    let graph = |i: usize| format!("https://w3id.org/factgraph/article/big-{i}");
    // 2i + 1 while write i is in flight (sent, not yet answered), 2i + 2 once it is answered:
    // a read that finds the same odd phase before and after it ran wholly during that write.
    let phase = AtomicUsize::new(0);
    // The phase at which the latest finished read began.
    let last_read_began = AtomicUsize::new(0);
    let reads = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            for sheet in &sheets {
                phase.fetch_add(1, Ordering::SeqCst);
                let a = answer(
                    client()
                        .post(server.url("/api/articles"))
                        .header("Authorization", &auth)
                        .header("Content-Type", "application/json")
                        .send(sheet.as_str()),
                );
                assert_eq!(a.status, 201, "{}", a.body);
                let answered = phase.fetch_add(1, Ordering::SeqCst) + 1;
                // However the machine is loaded, every state between two writes is read.
                let waiting = Instant::now();
                while last_read_began.load(Ordering::SeqCst) < answered {
                    // A guard against a reader that died, not a speed check.
                    assert!(
                        waiting.elapsed() < Duration::from_secs(120),
                        "no read after write {answered}"
                    );
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        });
        let mut reads = Vec::new();
        while !writer.is_finished() {
            let phase_before = phase.load(Ordering::SeqCst);
            let facts = facts_per_article(&server);
            let phase_after = phase.load(Ordering::SeqCst);
            last_read_began.store(phase_before, Ordering::SeqCst);
            reads.push(Reading {
                phase_before,
                phase_after,
                facts,
            });
        }
        writer.join().expect("writer");
        reads
    });
    for read in &reads {
        let seen = |i: usize| read.facts.get(&graph(i)).copied().unwrap_or(0);
        for i in 0..ARTICLES {
            let (before, after) = (read.phase_before, read.phase_after);
            assert!(
                seen(i) == 0 || seen(i) == FACTS,
                "a reader saw part of article {i}: {:?}",
                read.facts
            );
            if before >= 2 * i + 2 {
                assert_eq!(
                    seen(i),
                    FACTS,
                    "article {i}, answered before a read, was missing from it"
                );
            }
            if after <= 2 * i {
                assert_eq!(seen(i), 0, "article {i}, not yet sent, was read");
            }
        }
    }
    for i in 0..ARTICLES {
        let in_flight = 2 * i + 1;
        let during = reads
            .iter()
            .filter(|r| r.phase_before == in_flight && r.phase_after == in_flight)
            .count();
        assert!(
            during > 0,
            "no read ran wholly while article {i} was being written ({} reads in all)",
            reads.len()
        );
    }
}

/// Sends raw bytes and returns what comes back (until the server closes or stops talking).
fn raw_exchange(base: &str, request: &[u8]) -> String {
    let address = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(request).expect("send");
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn malformed_requests_get_errors_not_crashes() {
    let env = with_data();
    let server = Server::start(&env, &[]);
    for request in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET /sparql?query=%ZZ%FF HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET /sparql?query=SELECT%20%E2%28 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 4\r\nConnection: close\r\n\r\n\xff\xfe\xfd\xfc",
        b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: nine\r\n\r\n",
        b"GET /api/path?from=%00&to=%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    ] {
        let reply = raw_exchange(&server.base, request);
        if let Some(status) = reply.split(' ').nth(1) {
            assert!(
                status.starts_with('4'),
                "{:?} got {reply}",
                String::from_utf8_lossy(request)
            );
        }
    }
    assert_eq!(
        get(
            &server.query_url("ASK {}"),
            "application/sparql-results+json"
        )
        .json()["boolean"],
        true,
        "the server stopped answering"
    );
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    assert!(!log.iter().any(|l| l.contains("panicked")), "{log:?}");
}

#[test]
fn sigterm_finishes_requests_in_flight_and_leaves_the_store_whole() {
    let env = TestEnv::new();
    let server = writable(&env, &[]);
    let body = story_sheet();
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let head = format!(
        "POST /api/articles HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("head");
    stream
        .write_all(&body[..body.len() / 2])
        .expect("half the body");
    // Let the server start on the request, then ask it to stop while the body is half sent.
    std::thread::sleep(Duration::from_millis(300));
    terminate(server.pid());
    std::thread::sleep(Duration::from_millis(300));
    stream
        .write_all(&body[body.len() / 2..])
        .expect("rest of the body");
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    assert!(log.iter().any(|l| l.contains("shutting down")), "{log:?}");
    // The store opens and holds the article whole.
    assert_eq!(
        env.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s fg:ownedBy ?o } }"),
        1
    );
    env.assert_merged_graph_consistent();
}

#[test]
fn cors_is_off_unless_asked_and_every_request_is_logged() {
    let env = with_data();
    let preflight = |server: &Server| {
        answer(
            client()
                .options(server.url("/sparql"))
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .call(),
        )
    };
    let closed = Server::start(&env, &[]);
    let a = get(
        &closed.query_url("ASK {}"),
        "application/sparql-results+json",
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.header("access-control-allow-origin"), None);
    assert_eq!(
        preflight(&closed).header("access-control-allow-origin"),
        None
    );
    let (_, log) = closed.stop();
    let entry: Value = log
        .iter()
        .find_map(|l| {
            serde_json::from_str::<Value>(l)
                .ok()
                .filter(|v| v["path"] == "/sparql")
        })
        .unwrap_or_else(|| panic!("no access log line: {log:?}"));
    assert_eq!(entry["method"], "GET");
    assert_eq!(entry["status"], 200);
    assert!(
        entry["remote"]
            .as_str()
            .is_some_and(|r| r.starts_with("127.0.0.1:"))
    );
    assert!(entry["ms"].is_number() && entry["time"].is_number());

    let open = Server::start(&env, &["--cors", "https://example.org"]);
    let allowed = preflight(&open);
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://example.org")
    );
    let a = answer(
        client()
            .get(open.query_url("ASK {}"))
            .header("Origin", "https://example.org")
            .call(),
    );
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://example.org")
    );
}

#[test]
fn a_writable_server_needs_a_token_and_binds_loopback_by_default() {
    let env = with_data();
    let output = env.run(&["serve", "--writable"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a token"), "{stderr}");
    let help = env.ok(&["serve", "--help"]);
    assert!(help.contains("127.0.0.1:7878"), "{help}");
}

#[test]
fn python_sparql_clients_work_against_the_endpoint() {
    let env = with_data();
    let companies = env.rows("SELECT ?e WHERE { ?e a fg:Company }").len();
    let server = Server::start(&env, &[]);
    let output = std::process::Command::new("python3")
        .arg(repo("tests/sparql_clients.py"))
        .arg(server.url("/sparql"))
        .arg(companies.to_string())
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn merges_through_the_api_are_recorded_undoable_and_need_the_token() {
    let env = TestEnv::new();
    env.ok(&[
        "ingest",
        "-q",
        &crate::common::repo_str("tests/fixtures/merge"),
    ]);
    let before = env.snapshot();
    let server = writable(&env, &[]);
    let auth = format!("Bearer {TOKEN}");
    let post = |body: &str, token: &str| {
        answer(
            client()
                .post(server.url("/api/merges"))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .send(body),
        )
    };
    assert_eq!(
        get(&server.url("/api/merges"), "*/*").json()["merges"],
        serde_json::json!([])
    );
    let request = r#"{"absorbed": "Vladimir Putin's", "into": "Vladimir Putin"}"#;
    assert_eq!(post(request, "Bearer wrong").status, 403);
    let unknown = post(r#"{"absorbed": "Vlad", "into": "Vladimir Putin"}"#, &auth);
    assert_eq!(unknown.status, 404, "{}", unknown.body);
    assert!(
        unknown.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("did you mean"))
    );
    assert_eq!(
        post(r#"{"absorbed": "Vladimir Putin's"}"#, &auth).status,
        400
    );

    let merged = post(request, &auth);
    assert_eq!(merged.status, 201, "{}", merged.body);
    assert_eq!(merged.json()["number"], 1);
    assert_eq!(
        merged.json()["into"],
        "https://w3id.org/factgraph/entity/vladimir-putin"
    );
    assert_eq!(
        get(&server.url("/api/merges"), "*/*").json()["merges"][0]["number"],
        1
    );
    // Searches see the merged entity once the graph is brought up to date in the background.
    let started = Instant::now();
    loop {
        let a = get(
            &server.url("/api/path?from=United%20States&to=Russia"),
            "*/*",
        );
        if a.status == 200
            && a.json()["paths"][0]["chain"]
                == "United States —sanctions→ Vladimir Putin —nationality→ Russia"
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the merge never reached the searches: {}",
            a.body
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let unmerge = |number: &str, token: &str| {
        answer(
            client()
                .delete(server.url(&format!("/api/merges/{number}")))
                .header("Authorization", token)
                .call(),
        )
    };
    assert_eq!(unmerge("1", "Bearer wrong").status, 403);
    assert_eq!(unmerge("one", &auth).status, 400);
    assert_eq!(unmerge("9", &auth).status, 404);
    let undone = unmerge("1", &auth);
    assert_eq!(undone.status, 200, "{}", undone.body);
    assert_eq!(undone.json()["number"], 1);
    assert_eq!(
        get(&server.url("/api/merges"), "*/*").json()["merges"],
        serde_json::json!([])
    );
    drop(server);
    assert_eq!(
        env.snapshot(),
        before,
        "unmerge gives back the store quad for quad"
    );
}

#[test]
fn a_read_only_server_lists_merges_and_refuses_them() {
    let env = TestEnv::new();
    env.ok(&[
        "ingest",
        "-q",
        &crate::common::repo_str("tests/fixtures/merge"),
    ]);
    let server = Server::start(&env, &[]);
    assert_eq!(get(&server.url("/api/merges"), "*/*").status, 200);
    let refused = answer(
        client()
            .post(server.url("/api/merges"))
            .header("Content-Type", "application/json")
            .send(r#"{"absorbed": "Vladimir Putin's", "into": "Vladimir Putin"}"#),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
}
