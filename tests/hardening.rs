//! Hostile input for the server and the command line: every defect an adversarial probe found
//! (nesting and width that overflowed stacks, runaway queries, slow clients, entity expansion,
//! writes to the ontology graph, foreign Host headers, bad names, link loops, leftover files,
//! a lock reported twice) as a test against the real binary and the real server. The hostile
//! texts are generated here, not stored.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::server::{Server, client, terminate};
use crate::common::{TestEnv, repo_str, stderr};

const TOKEN: &str = "a-token-for-the-hardening-tests";
const ONTOLOGY: &str = "https://w3id.org/factgraph/ontology";

fn with_data() -> TestEnv {
    TestEnv::with_seed_sheets()
}

fn writable(env: &TestEnv, extra: &[&str]) -> Server {
    Server::start_writable(env, TOKEN, extra)
}

/// Status and body of a GET or POST, whatever the status.
fn exchange(request: ureq::RequestBuilder<ureq::typestate::WithoutBody>) -> (u16, String) {
    let mut response = request.call().expect("HTTP exchange");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

fn send(request: ureq::RequestBuilder<ureq::typestate::WithBody>, body: &str) -> (u16, String) {
    let mut response = request.send(body).expect("HTTP exchange");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

fn query_get(server: &Server, query: &str) -> (u16, String) {
    exchange(
        client()
            .get(server.query_url(query))
            .header("Accept", "application/sparql-results+json"),
    )
}

fn query_post(server: &Server, query: &str) -> (u16, String) {
    send(
        client()
            .post(server.url("/sparql"))
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "application/sparql-results+json"),
        query,
    )
}

fn update(server: &Server, update: &str) -> (u16, String) {
    send(
        client()
            .post(server.url("/update"))
            .header("Content-Type", "application/sparql-update")
            .header("Authorization", &format!("Bearer {TOKEN}")),
        update,
    )
}

fn alive(server: &Server) {
    let (status, body) = query_get(server, "ASK {}");
    assert_eq!((status, body.contains("true")), (200, true), "{body}");
}

/// The adversarial texts of the probe: each overflowed a stack and aborted the process.
fn over_the_limits() -> Vec<(&'static str, String)> {
    vec![
        (
            "3,500 nested parentheses",
            format!(
                "SELECT ({}1{} AS ?x) {{}}",
                "(".repeat(3500),
                ")".repeat(3500)
            ),
        ),
        (
            "3,500 nested groups",
            format!("SELECT * {}{}", "{".repeat(3500), "}".repeat(3500)),
        ),
        (
            "a 6,000-way UNION",
            format!(
                "SELECT * {{ {} }}",
                vec!["{ ?s ?p ?o }"; 6000].join(" UNION ")
            ),
        ),
        (
            "5,500 OPTIONALs",
            format!(
                "SELECT * {{ ?s ?p ?o {} }}",
                (0..5500)
                    .map(|i| format!("OPTIONAL {{ ?s <urn:p> ?o{i} }}"))
                    .collect::<String>()
            ),
        ),
        (
            "5,500 triple patterns",
            format!(
                "SELECT * {{ {} }}",
                (0..5500)
                    .map(|i| format!("?s <urn:p> ?o{i} . "))
                    .collect::<String>()
            ),
        ),
        (
            "5,500 FILTERs",
            format!(
                "SELECT * {{ ?s ?p ?o {} }}",
                (0..5500)
                    .map(|i| format!("FILTER(?o{i}) "))
                    .collect::<String>()
            ),
        ),
    ]
}

/// Texts just within the limits: answered, not refused and not a crash.
fn within_the_limits() -> Vec<(&'static str, String)> {
    vec![
        (
            "120 nested parentheses",
            format!(
                "SELECT ({}1{} AS ?x) {{}}",
                "(".repeat(120),
                ")".repeat(120)
            ),
        ),
        (
            "120 nested groups",
            format!("SELECT * {}?s ?p ?o{}", "{".repeat(120), "}".repeat(120)),
        ),
        (
            "a 4,500-way UNION",
            format!(
                "SELECT (COUNT(*) AS ?n) {{ {} }}",
                (0..4500)
                    .map(|i| format!("{{ ?s <urn:p{i}> ?o }}"))
                    .collect::<Vec<_>>()
                    .join(" UNION ")
            ),
        ),
        (
            "4,500 OPTIONALs",
            format!(
                "SELECT (COUNT(*) AS ?n) {{ ?s a fg:Person {} }}",
                (0..4500)
                    .map(|i| format!("OPTIONAL {{ ?s <urn:p> ?o{i} }}"))
                    .collect::<String>()
            ),
        ),
        (
            "4,500 triple patterns",
            format!(
                "SELECT (COUNT(*) AS ?n) {{ {} }}",
                (0..4500)
                    .map(|i| format!("?s <urn:p{i}> ?o{i} . "))
                    .collect::<String>()
            ),
        ),
        (
            "a sum of 4,500 terms",
            format!("SELECT ({} AS ?x) {{}}", vec!["1"; 4500].join("+")),
        ),
    ]
}

#[test]
fn sparql_past_the_limits_is_refused_with_the_reason_by_server_and_cli() {
    let env = with_data();
    let server = Server::start(&env, &[]);
    for (what, query) in over_the_limits() {
        // GET as the probe sent them, where a URL can carry the text.
        if query.len() < 8 * 1024 {
            let (status, body) = query_get(&server, &query);
            assert_eq!(status, 400, "{what} by GET: {body}");
        }
        let (status, body) = query_post(&server, &query);
        assert!(body.contains("too complex"), "{what}: {body}");
        assert_eq!(status, 400, "{what} by POST: {body}");
    }
    alive(&server);
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    for (what, query) in over_the_limits() {
        let file = env.dir.path().join("hostile.rq");
        std::fs::write(&file, &query).expect("write query");
        let message = env.refused(
            &["query", "-f", file.to_str().expect("path")],
            1,
            "too complex",
        );
        assert!(message.contains("limit"), "{what}: {message}");
    }
    env.refused(
        &[
            "update",
            &format!(
                "INSERT DATA {{ {}<urn:a> <urn:b> 1{} }}",
                "[ <urn:p> ".repeat(200),
                " ]".repeat(200)
            ),
        ],
        1,
        "too complex",
    );
}

#[test]
fn sparql_within_the_limits_is_answered_by_server_and_cli() {
    let env = with_data();
    let server = Server::start(&env, &["--timeout", "60"]);
    for (what, query) in within_the_limits() {
        let (status, body) = query_post(&server, &query);
        assert_eq!(status, 200, "{what}: {body}");
    }
    alive(&server);
    drop(server);
    for (what, query) in within_the_limits() {
        let file = env.dir.path().join("wide.rq");
        std::fs::write(&file, &query).expect("write query");
        let output = env.run(&[
            "query",
            "--format",
            "json",
            "-f",
            file.to_str().expect("path"),
        ]);
        assert!(output.status.success(), "{what}: {}", stderr(&output));
    }
    // An update at the limits too, through the command line.
    let wide_update = format!(
        "DELETE WHERE {{ {} }}",
        (0..4500)
            .map(|i| format!("?s <urn:p{i}> ?o{i} . "))
            .collect::<String>()
    );
    env.ok(&["update", &wide_update]);
}

#[test]
fn runaway_queries_end_in_time_or_over_budget_and_the_server_lives_on() {
    let env = with_data();
    let server = Server::start(&env, &["--timeout", "2", "--max-query-memory", "256"]);
    // A sort of a million rows that never reads the store: no cancellation point until done.
    let values = (0..300)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let sort = format!(
        "SELECT * {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} BIND(CONCAT(STR(?a), STR(?b), STR(?c)) AS ?k) }} ORDER BY DESC(?k)"
    );
    let started = Instant::now();
    let (status, body) = query_get(&server, &sort);
    assert_eq!(status, 503, "{body}");
    // Out of time or over the memory budget, whichever comes first on this machine.
    assert!(
        body.contains("--timeout") || body.contains("--max-query-memory"),
        "{body}"
    );
    // A guard against an answer that never comes, not a speed target: the probe waited 51 s.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    // Thirty doubling BINDs ask for terabytes: over the budget, not an abort.
    let mut doubling =
        String::from("SELECT (STRLEN(?v30) AS ?n) { BIND(\"0123456789abcdef\" AS ?v0) ");
    for i in 1..=30 {
        doubling.push_str(&format!("BIND(CONCAT(?v{0}, ?v{0}) AS ?v{i}) ", i - 1));
    }
    doubling.push('}');
    let (status, body) = query_get(&server, &doubling);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--max-query-memory"), "{body}");
    alive(&server);
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    // The command line keeps to its budget too, and says so.
    env.refused(
        &["query", "--max-query-memory", "256", &doubling],
        1,
        "more than 256 MB of memory",
    );
    env.refused(
        &["query", "--max-query-memory", "256", &sort],
        1,
        "more than 256 MB of memory",
    );
}

#[test]
fn slow_clients_are_dropped_connections_capped_and_shutdown_bounded() {
    let env = with_data();
    let server = Server::start(&env, &["--read-timeout", "1", "--max-connections", "16"]);
    let address = server.base.trim_start_matches("http://").to_owned();
    // Forty sockets that each send one byte and then nothing.
    let mut slow: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).expect("connect");
            stream.write_all(b"G").expect("one byte");
            stream
        })
        .collect();
    // Over the cap: answered 503 at once and closed.
    let mut refused = 0;
    for stream in &mut slow[16..] {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        if reply.starts_with("HTTP/1.1 503") {
            refused += 1;
        }
    }
    assert!(
        refused >= 20,
        "only {refused} of 24 sockets over the cap were refused"
    );
    // Within the cap: dropped once the read timeout has passed.
    for stream in &mut slow[..16] {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let mut rest = Vec::new();
        let closed = stream.read_to_end(&mut rest);
        assert!(closed.is_ok(), "a slow socket was not closed: {closed:?}");
    }
    // With the slow ones gone, a real client is answered.
    alive(&server);
    // A partial request open at SIGTERM does not keep the server from stopping.
    let mut partial = TcpStream::connect(&address).expect("connect");
    partial
        .write_all(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nSELECT")
        .expect("part of a request");
    std::thread::sleep(Duration::from_millis(200));
    let (status, log) = server.stop();
    assert!(status.success(), "{log:?}");
    drop(partial);
}

#[test]
fn entity_declarations_in_rdf_xml_uploads_are_refused() {
    let env = TestEnv::new();
    let server = writable(&env, &[]);
    let mut entities = String::from("<!ENTITY l0 \"ha\">");
    for i in 1..10 {
        entities.push_str(&format!(
            "<!ENTITY l{i} \"{}\">",
            format!("&l{};", i - 1).repeat(10)
        ));
    }
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rdf:RDF [{entities}]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://example.org/a\"><ex:p>&l9;</ex:p></rdf:Description></rdf:RDF>"
    );
    let (status, body) = send(
        client()
            .put(server.url("/store?graph=http%3A%2F%2Fexample.org%2Fg"))
            .header("Content-Type", "application/rdf+xml")
            .header("Authorization", &format!("Bearer {TOKEN}")),
        &laughs,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("<!ENTITY"), "{body}");
    alive(&server);
}

#[test]
fn updates_are_bounded_and_leave_other_writes_free() {
    let env = with_data();
    let server = writable(&env, &["--update-timeout", "1"]);
    // Tens of billions of combinations: only the update timeout ends it.
    let (status, body) = update(
        &server,
        "INSERT { GRAPH <urn:runaway> { ?a <urn:p> ?i } } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--update-timeout"), "{body}");
    assert!(body.contains("wrote nothing"), "{body}");
    // The next write goes through, and the stopped update wrote nothing.
    let (status, body) = update(
        &server,
        "INSERT DATA { GRAPH <urn:after> { <urn:a> <urn:p> 1 } }",
    );
    assert_eq!(status, 204, "{body}");
    let (_, counted) = query_get(
        &server,
        "SELECT (COUNT(*) AS ?n) { GRAPH <urn:runaway> { ?s ?p ?o } }",
    );
    assert!(counted.contains("\"value\":\"0\""), "{counted}");
}

fn ontology_quads(server: &Server) -> String {
    let (status, body) = query_get(
        server,
        &format!("SELECT (COUNT(*) AS ?n) {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}"),
    );
    assert_eq!(status, 200, "{body}");
    body
}

#[test]
fn no_door_writes_the_ontology_graph() {
    let env = with_data();
    let server = writable(&env, &[]);
    let before = ontology_quads(&server);
    assert!(!before.contains("\"value\":\"0\""), "{before}");
    let encoded: String = form_urlencoded::byte_serialize(ONTOLOGY.as_bytes()).collect();
    let (status, body) = exchange(
        client()
            .delete(server.url(&format!("/api/articles/{encoded}")))
            .header("Authorization", &format!("Bearer {TOKEN}")),
    );
    assert_eq!(status, 403, "{body}");
    for refused in [
        format!("DROP GRAPH <{ONTOLOGY}>"),
        format!("CLEAR GRAPH <{ONTOLOGY}>"),
        format!("INSERT DATA {{ GRAPH <{ONTOLOGY}> {{ <urn:a> <urn:b> <urn:c> }} }}"),
        format!(
            "DELETE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}"
        ),
        format!("WITH <{ONTOLOGY}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"),
    ] {
        let (status, body) = update(&server, &refused);
        assert_eq!(status, 403, "{refused}: {body}");
        assert!(body.contains("ontology graph"), "{body}");
    }
    // Writes to graphs named by variables, and to all graphs at once, pass it by.
    let (status, body) = update(
        &server,
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
    );
    assert_eq!(status, 204, "{body}");
    let (status, body) = update(&server, "DROP ALL");
    assert_eq!(status, 204, "{body}");
    assert_eq!(ontology_quads(&server), before);
    let (_, left) = query_get(&server, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }");
    assert_eq!(left, before, "only the ontology graph is left");
    drop(server);
    env.refused(
        &["update", &format!("DROP GRAPH <{ONTOLOGY}>")],
        1,
        "ontology graph",
    );
    env.refused(&["remove", ONTOLOGY], 1, "ontology graph");
}

#[test]
fn only_loopback_names_and_allowed_hosts_are_answered() {
    let env = with_data();
    let server = Server::start(&env, &["--allow-host", "graph.example.org"]);
    let port = server.base.rsplit(':').next().expect("port").to_owned();
    let ask = server.url("/sparql?query=ASK%7B%7D");
    for (host, expected) in [
        (format!("localhost:{port}"), 200),
        (format!("127.0.0.1:{port}"), 200),
        (format!("[::1]:{port}"), 200),
        (format!("graph.example.org:{port}"), 200),
        ("GRAPH.example.org".to_owned(), 200),
        (format!("rebound.attacker.example:{port}"), 421),
        ("127.0.0.1.attacker.example".to_owned(), 421),
    ] {
        let (status, body) = exchange(client().get(&ask).header("Host", &host));
        assert_eq!(status, expected, "Host: {host}: {body}");
        if expected == 421 {
            assert!(body.contains("--allow-host"), "{body}");
        }
    }
}

#[test]
fn bad_names_and_documents_get_errors_not_aborts() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    // Nested 100,000 deep: serde_json refuses it, and locating the error must not recurse.
    let deep = dir.join("deep.json");
    std::fs::write(
        &deep,
        format!(
            "{{\"article\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .expect("write");
    env.refused(
        &["validate", deep.to_str().expect("path")],
        1,
        "deep.json:1:",
    );
    let sheet = |name: &str| {
        serde_json::json!({
            "article": {"id": "a-1", "title": "A title"},
            "entities": [{"id": "x", "name": name, "type": "Person"}],
            "facts": []
        })
        .to_string()
    };
    let nul = dir.join("nul.json");
    std::fs::write(&nul, sheet("Jane\u{0}Doe")).expect("write");
    let message = env.refused(&["validate", nul.to_str().expect("path")], 1, "U+0000");
    assert!(message.contains("/entities/0/name"), "{message}");
    let huge = dir.join("huge.json");
    std::fs::write(&huge, sheet(&"A".repeat(5_000_000))).expect("write");
    env.refused(
        &["validate", huge.to_str().expect("path")],
        1,
        "longer than 1000 characters",
    );
    // An HTML page with only a script has no article to extract.
    let script = dir.join("script.html");
    std::fs::write(&script, "<html><body><script>x</script></body></html>").expect("write");
    env.refused(
        &["extract", script.to_str().expect("path")],
        1,
        "no article text",
    );
    // A very long unknown name is answered at once, without suggestions.
    let env = with_data();
    let long = "B".repeat(100_000);
    env.refused(&["path", &long, "Alipay"], 1, "no entity");
}

#[test]
fn links_into_walked_folders_are_not_walked_again() {
    let env = TestEnv::new();
    let sheets = env.dir.path().join("sheets");
    std::fs::create_dir(&sheets).expect("dir");
    std::fs::copy(
        repo_str("data/sheets/atf-2021-01-06-alipay-ban.json"),
        sheets.join("a.json"),
    )
    .expect("copy");
    #[cfg(unix)]
    use std::os::unix::fs::symlink as link_folder;
    #[cfg(windows)]
    use std::os::windows::fs::symlink_dir as link_folder;
    link_folder(&sheets, sheets.join("up")).expect("link");
    link_folder(&sheets, sheets.join("again")).expect("link");
    let mut child = env
        .command()
        .args(["validate", sheets.to_str().expect("path")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("validate");
    let started = Instant::now();
    // A guard against a walk that never ends, not a speed check.
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("validate went round the links for ever");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("output");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("checked 1 fact sheet"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn leftover_bulk_files_are_removed_and_a_held_store_is_reported_once() {
    let env = with_data();
    let leftover = env.store().join("bulk-1234567890.sst");
    std::fs::write(&leftover, vec![0u8; 4096]).expect("write");
    env.ok(&["stats"]);
    assert!(
        !leftover.exists(),
        "the unfinished bulk file is still there"
    );
    let server = Server::start(&env, &[]);
    // A server that left no address (one of an older version) cannot be read through.
    std::fs::remove_file(env.store().join("factgraph-serve.json")).expect("announcement");
    let message = env.refused(&["stats"], 1, "in use by another process");
    assert_eq!(message.matches("in use").count(), 1, "{message}");
    assert!(!message.contains("factgraph ingest DIR"), "{message}");
    terminate(server.pid());
}
