//! `push` and `--remote` against a real Oxigraph server (`pip install oxigraph`) on a loopback
//! port, and against factgraph's own server for credentials.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;
use oxigraph::model::Dataset;
use serde_json::Value;

use crate::common::rdf::{assert_same_quads, parse};
use crate::common::server::{Server, client};
use crate::common::{TestEnv, repo, repo_str, stderr};

/// Oxigraph's own server on a store directory of its own.
struct Oxigraph {
    child: Child,
    port: u16,
}

fn oxigraph_binary() -> String {
    std::env::var("OXIGRAPH").unwrap_or_else(|_| "oxigraph".to_owned())
}

impl Oxigraph {
    fn start(location: &Path, port: Option<u16>) -> Self {
        let port = port.unwrap_or_else(|| {
            TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port()
        });
        let child = Command::new(oxigraph_binary())
            .args(["serve", "--location"])
            .arg(location)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start `oxigraph serve` (pip install oxigraph==0.5.13)");
        let server = Self { child, port };
        let started = Instant::now();
        // A guard against a server that never comes up, not a speed check.
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "oxigraph serve did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn query_url(&self) -> String {
        format!("{}/query", self.base())
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        self.kill();
    }
}

fn push_json(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["--json", "push"];
    all.extend(args);
    serde_json::from_str(&env.ok(&all)).expect("push report")
}

/// Every quad a server holds, as its Graph Store endpoint at `store_url` dumps them: read
/// without factgraph, which wrote them.
fn served_dataset(store_url: &str) -> Dataset {
    let mut response = client()
        .get(store_url)
        .header("Accept", "application/n-quads")
        .call()
        .expect("GET the dataset");
    let body = response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_string()
        .expect("the dataset");
    assert_eq!(response.status(), 200, "{body}");
    parse(RdfFormat::NQuads, &body)
}

/// The server holds exactly the quads of the local store, graph by graph.
fn assert_pushed_whole(env: &TestEnv, server: &Oxigraph) {
    assert_same_quads(
        served_dataset(&format!("{}/store", server.base())),
        env.dataset(),
        "the quads on the server",
    );
}

/// Kills the server as soon as `ready` says so, while `push` still runs.
fn kill_when(
    server: &mut Oxigraph,
    push: &mut Child,
    never: &str,
    mut ready: impl FnMut() -> bool,
) {
    let started = Instant::now();
    while !ready() {
        assert!(
            push.try_wait().expect("push status").is_none(),
            "the push finished before the server could be killed"
        );
        // A guard against a push that hangs, not a speed check.
        assert!(started.elapsed() < Duration::from_secs(120), "{never}");
        std::thread::sleep(Duration::from_millis(2));
    }
    server.kill();
}

/// `query` rows against the remote endpoint.
fn remote_rows(env: &TestEnv, endpoint: &str, query: &str) -> Vec<String> {
    let out = env.ok(&["--remote", endpoint, "query", "--format", "tsv", query]);
    let mut rows: Vec<String> = out.lines().skip(1).map(str::to_owned).collect();
    rows.sort();
    rows
}

/// A copy of data/sheets, ingested into the store; sheets of the copy can then be changed.
fn ingested_sheets_copy(env: &TestEnv) -> std::path::PathBuf {
    let dir = env.dir.path().join("sheets");
    std::fs::create_dir_all(&dir).expect("sheets dir");
    for entry in std::fs::read_dir(repo("data/sheets")).expect("data/sheets") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    env.ok(&["ingest", "-q", dir.to_str().expect("path")]);
    dir
}

/// A store with a synthetic corpus of `sheets` fact sheets ingested.
fn with_generated_corpus(sheets: usize) -> TestEnv {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("corpus");
    let generated = Command::new("python3")
        .arg(repo("benches/gen_corpus.py"))
        .args(["--sheets", &sheets.to_string(), "--out"])
        .arg(&corpus)
        .output()
        .expect("run gen_corpus.py");
    assert!(generated.status.success(), "{}", stderr(&generated));
    env.ok(&["ingest", "-q", corpus.to_str().expect("path")]);
    env
}

const NEW_TITLE: &str =
    "\"Trump signs an order banning Alipay, WeChat Pay and six other Chinese apps\"";

/// Changes the title of one sheet of the copy and ingests the copy again.
fn retitle_and_ingest(env: &TestEnv, sheets: &Path) {
    let sheet = sheets.join("atf-2021-01-06-alipay-ban.json");
    let text = std::fs::read_to_string(&sheet).expect("sheet");
    std::fs::write(
        &sheet,
        text.replace(
            "Trump signs order banning Alipay",
            "Trump signs an order banning Alipay",
        ),
    )
    .expect("edit");
    env.ok(&["ingest", "-q", sheets.to_str().expect("path")]);
}

#[test]
fn push_sends_every_graph_and_then_only_what_changed() {
    let env = TestEnv::new();
    let sheets = ingested_sheets_copy(&env);
    let server_dir = tempfile::tempdir().expect("dir");
    let server = Oxigraph::start(server_dir.path(), None);
    let endpoint = server.base();

    let first = push_json(&env, &["--endpoint", &endpoint]);
    assert_eq!(
        first["graphs_sent"], 8,
        "7 articles and the ontology: {first}"
    );
    assert_eq!(first["default_graph_sent"], true);
    assert_eq!(first["protocol"], "graph-store");
    assert_pushed_whole(&env, &server);

    let again = push_json(&env, &["--endpoint", &endpoint, "--since-last-push"]);
    assert_eq!(again["graphs_sent"], 0, "{again}");
    assert_eq!(again["graphs_unchanged"], 8);
    assert_eq!(again["default_graph_sent"], false);
    assert_eq!(again["triples_sent"], 0);

    // One sheet changes: only its graph (and the merged default graph) go again.
    retitle_and_ingest(&env, &sheets);
    let changed = push_json(&env, &["--endpoint", &endpoint, "--since-last-push"]);
    assert_eq!(changed["graphs_sent"], 1, "{changed}");
    assert_eq!(changed["default_graph_sent"], true);
    assert_eq!(
        remote_rows(
            &env,
            &server.query_url(),
            "SELECT ?t WHERE { GRAPH ?g { ?g schema:headline ?t FILTER(CONTAINS(?t, \"an order\")) } }"
        ),
        [NEW_TITLE]
    );
    assert_pushed_whole(&env, &server);

    // A removed article is deleted remotely.
    env.ok(&["remove", "atf-2021-01-06-alipay-ban"]);
    let removed = push_json(&env, &["--endpoint", &endpoint, "--since-last-push"]);
    assert_eq!(removed["graphs_deleted"], 1, "{removed}");
    let gone = env.ok(&[
        "--remote",
        &server.query_url(),
        "query",
        "--format",
        "json",
        "ASK { GRAPH <https://w3id.org/factgraph/article/atf-2021-01-06-alipay-ban> { ?s ?p ?o } }",
    ]);
    assert!(gone.contains("false"), "{gone}");
    assert_pushed_whole(&env, &server);
}

#[test]
fn remote_mode_answers_as_the_local_store_does() {
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", &repo_str("data/sheets")]);
    let server_dir = tempfile::tempdir().expect("dir");
    let server = Oxigraph::start(server_dir.path(), None);
    env.ok(&["push", "-q", "--endpoint", &server.base()]);
    let remote = server.query_url();

    let select = "SELECT ?app WHERE { ?order fg:bans ?app }";
    assert_eq!(remote_rows(&env, &remote, select), env.rows(select));
    let table = env.ok(&["--remote", &remote, "query", "--format", "table", select]);
    assert!(table.starts_with("?app"), "{table}");
    let construct = "CONSTRUCT { ?s fg:ownedBy ?o } WHERE { ?s fg:ownedBy ?o }";
    let local_nt = env.ok(&["query", "--format", "ntriples", construct]);
    let remote_nt = env.ok(&[
        "--remote", &remote, "query", "--format", "ntriples", construct,
    ]);
    assert_same_quads(
        parse(RdfFormat::NTriples, &remote_nt),
        parse(RdfFormat::NTriples, &local_nt),
        "a CONSTRUCT answered remotely",
    );

    let path = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["--json", "path", "Trump", "Ant Group", "-k", "2"]);
        let json: Value = serde_json::from_str(&env.ok(&args)).expect("path JSON");
        json["paths"]
            .as_array()
            .expect("paths")
            .iter()
            .map(|p| p["chain"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(path(&["--remote", &remote]), path(&[]));
    assert_eq!(
        path(&[])[0],
        "Donald Trump —signs→ Executive Order 13971 —bans→ Alipay —ownedBy→ Ant Group"
    );

    let count = |text: &str, tag: &str| text.matches(tag).count();
    let local_graphml = env.ok(&["export", "--format", "graphml"]);
    let remote_graphml = env.ok(&["--remote", &remote, "export", "--format", "graphml"]);
    assert_eq!(
        count(&remote_graphml, "<node "),
        count(&local_graphml, "<node ")
    );
    assert_eq!(
        count(&remote_graphml, "<edge "),
        count(&local_graphml, "<edge ")
    );
    assert!(count(&local_graphml, "<edge ") > 100);
    let local_nq = env.ok(&["export", "--format", "nquads"]);
    let remote_nq = env.ok(&["--remote", &remote, "export", "--format", "nquads"]);
    assert_same_quads(
        parse(RdfFormat::NQuads, &remote_nq),
        parse(RdfFormat::NQuads, &local_nq),
        "an export from the remote store",
    );

    let broken = env.run(&[
        "--remote",
        &remote,
        "query",
        "SELECT ?x WHERE { ?x fg:bans }",
    ]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(stderr(&broken).contains("1:"), "{}", stderr(&broken));
}

#[test]
fn an_interrupted_push_finishes_when_run_again() {
    let env = with_generated_corpus(1500);
    let server_dir = tempfile::tempdir().expect("dir");
    let mut server = Oxigraph::start(server_dir.path(), None);
    let port = server.port;
    let endpoint = server.base();

    let mut push = env
        .command()
        .args([
            "push",
            "-q",
            "--parallel",
            "1",
            "--remote-retries",
            "0",
            "--endpoint",
            &endpoint,
        ])
        .stderr(Stdio::piped())
        .spawn()
        .expect("start push");
    // Kill the server once some graphs have landed, in the middle of the push.
    let query_url = server.query_url();
    kill_when(&mut server, &mut push, "no graph landed", || {
        let landed = Command::new("curl")
            .args([
                "-s",
                "-H",
                "Accept: text/tab-separated-values",
                "--data-urlencode",
            ])
            .arg("query=SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            .arg(&query_url)
            .output()
            .expect("curl");
        let count: usize = String::from_utf8_lossy(&landed.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        count >= 20
    });
    let output = push.wait_with_output().expect("push");
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cannot reach"), "{message}");

    let server = Oxigraph::start(server_dir.path(), Some(port));
    let resumed = push_json(&env, &["--endpoint", &endpoint, "--since-last-push"]);
    assert!(resumed["graphs_unchanged"].as_u64() > Some(0), "{resumed}");
    assert_pushed_whole(&env, &server);
}

#[test]
fn a_bulk_push_loads_batches_and_replaces_what_was_there() {
    let env = TestEnv::new();
    let sheets = ingested_sheets_copy(&env);
    let server_dir = tempfile::tempdir().expect("dir");
    let server = Oxigraph::start(server_dir.path(), None);
    let endpoint = server.base();
    // All graphs in one streamed request (the default).
    let bulk = ["--endpoint", &endpoint, "--protocol", "bulk"];

    let first = push_json(&env, &bulk);
    assert_eq!(first["graphs_sent"], 8, "{first}");
    assert_eq!(first["protocol"], "bulk");
    assert_pushed_whole(&env, &server);

    // A changed article replaces its graph.
    retitle_and_ingest(&env, &sheets);
    let mut since = bulk.to_vec();
    since.push("--since-last-push");
    let changed = push_json(&env, &since);
    assert_eq!(changed["graphs_sent"], 1, "{changed}");
    // Only the new title: posting without dropping the graph would have kept the old one too.
    assert_eq!(
        remote_rows(
            &env,
            &server.query_url(),
            "SELECT ?t WHERE { GRAPH <https://w3id.org/factgraph/article/atf-2021-01-06-alipay-ban> { ?g schema:headline ?t } }"
        ),
        [NEW_TITLE]
    );
    assert_pushed_whole(&env, &server);

    env.ok(&["remove", "atf-2021-01-06-alipay-ban"]);
    let removed = push_json(&env, &since);
    assert_eq!(removed["graphs_deleted"], 1, "{removed}");
    assert_eq!(removed["default_graph_sent"], true, "{removed}");
    // The merged graph, bulk loaded too, was replaced: what only the removed article stated
    // is gone from it there as here.
    assert_pushed_whole(&env, &server);
}

#[test]
fn graphs_of_a_bulk_push_cut_short_are_sent_again() {
    let env = with_generated_corpus(1500);
    let server_dir = tempfile::tempdir().expect("dir");
    let mut server = Oxigraph::start(server_dir.path(), None);
    let port = server.port;
    let endpoint = server.base();
    let bulk = [
        "--endpoint",
        &endpoint,
        "--protocol",
        "bulk",
        "--batch-size",
        "20",
        "--parallel",
        "1",
    ];
    // First everything in one request, read from the store in runs of graphs on several
    // threads: it must arrive in full, each graph whole.
    let all_at_once = ["--endpoint", &endpoint, "--protocol", "bulk"];
    let first = push_json(&env, &all_at_once);
    assert_eq!(first["graphs_sent"], 1501, "{first}");
    assert_pushed_whole(&env, &server);

    // Everything again, cut short once a batch is under way: its graphs were pushed whole the
    // first time, so only the record of pending graphs sends them again.
    let record = env.store().join("factgraph-push.json");
    let mut push = env
        .command()
        .args(["push", "-q", "--remote-retries", "0"])
        .args(bulk)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start push");
    kill_when(&mut server, &mut push, "no batch started", || {
        std::fs::read_to_string(&record)
            .unwrap_or_default()
            .contains("\"pending\"")
    });
    let output = push.wait_with_output().expect("push");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));

    let server = Oxigraph::start(server_dir.path(), Some(port));
    let mut since = bulk.to_vec();
    since.push("--since-last-push");
    let resumed = push_json(&env, &since);
    assert!(resumed["graphs_sent"].as_u64() >= Some(20), "{resumed}");
    assert_pushed_whole(&env, &server);
}

#[test]
fn a_wrong_token_is_refused_with_the_servers_message() {
    let target = TestEnv::new();
    let token_file = target.dir.path().join("token.txt");
    std::fs::write(&token_file, "right-token\n").expect("token");
    let server = Server::start(
        &target,
        &[
            "--writable",
            "--token-file",
            token_file.to_str().expect("path"),
        ],
    );
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", &repo_str("tests/fixtures/good")]);
    let wrong = env
        .command()
        .env("FACTGRAPH_REMOTE_TOKEN", "wrong-token")
        .args([
            "push",
            "--remote-retries",
            "0",
            "--protocol",
            "update",
            "--endpoint",
            &server.base,
        ])
        .output()
        .expect("push");
    assert_eq!(wrong.status.code(), Some(1));
    let message = stderr(&wrong);
    assert!(message.contains("refused: 403"), "{message}");
    assert!(message.contains("not this server's token"), "{message}");
    assert!(
        !message.contains("wrong-token"),
        "the token leaked: {message}"
    );

    let right = env
        .command()
        .env("FACTGRAPH_REMOTE_TOKEN", "right-token")
        .args([
            "--json",
            "push",
            "--protocol",
            "update",
            "--endpoint",
            &server.base,
        ])
        .output()
        .expect("push");
    assert!(right.status.success(), "{}", stderr(&right));
    let report: Value = serde_json::from_slice(&right.stdout).expect("report");
    assert_eq!(report["protocol"], "update");
    assert_eq!(report["graphs_sent"], 3, "3 articles: {report}");
    assert_eq!(
        report["graphs_unchanged"], 1,
        "the ontology, which a factgraph server keeps itself: {report}"
    );
    assert_same_quads(
        served_dataset(&server.url("/store")),
        env.dataset(),
        "the quads on the factgraph server",
    );
}
