//! Runs the real binary on temporary stores.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// A store holding the seed sheets of `data/sheets/`.
    pub fn with_seed_sheets() -> Self {
        let env = Self::new();
        env.ok(&["ingest", "-q", &repo_str("data/sheets")]);
        env
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_factgraph"));
        command
            .env_remove("FACTGRAPH_STORE")
            .env_remove("FACTGRAPH_BASE_IRI")
            .arg("--store")
            .arg(self.store());
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run factgraph")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run factgraph");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin)
            .expect("write stdin");
        child.wait_with_output().expect("wait for factgraph")
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "factgraph {args:?} failed:\n{}",
            stderr(&output)
        );
        String::from_utf8(output.stdout).expect("UTF-8 stdout")
    }

    /// Runs a command that must fail with exit `code` and a message holding `expected`;
    /// returns its stderr.
    pub fn refused(&self, args: &[&str], code: i32, expected: &str) -> String {
        let output = self.run(args);
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(code),
            "factgraph {args:?}:\n{message}"
        );
        assert!(message.contains(expected), "{message}");
        message
    }

    /// SPARQL TSV rows (terms in N-Triples syntax), without the header, sorted.
    pub fn rows(&self, query: &str) -> Vec<String> {
        let out = self.ok(&["query", "--format", "tsv", query]);
        let mut rows: Vec<String> = out.lines().skip(1).map(str::to_owned).collect();
        rows.sort();
        rows
    }

    /// Every quad of the store but the ontology's (whose blank nodes are named afresh on each
    /// load), sorted, one per line.
    pub fn snapshot(&self) -> Vec<String> {
        self.rows(
            "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/factgraph/ontology>) } }",
        )
    }

    /// The quads a SELECT of `?s ?p ?o` (and `?g`, unbound for the default graph) names.
    pub fn quads(&self, select: &str) -> oxigraph::model::Dataset {
        rdf::quads_of_solutions(&self.ok(&["query", "--format", "tsv", select]))
    }

    /// Every quad of the store: the merged default graph, the articles and the ontology.
    pub fn dataset(&self) -> oxigraph::model::Dataset {
        self.quads("SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    }

    pub fn count(&self, query: &str) -> usize {
        let rows = self.rows(query);
        assert_eq!(rows.len(), 1, "{query} gave {rows:?}");
        // TSV writes integers bare (`12`) and other literals quoted (`"12"^^xsd:…`).
        let digits: String = rows[0]
            .trim_start_matches('"')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("not a count: {rows:?}"))
    }

    /// The merged default graph holds exactly the entity and fact triples some article states.
    pub fn assert_merged_graph_consistent(&self) {
        let unsupported = self.rows(
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/factgraph/ontology>) } }",
        );
        assert_eq!(
            unsupported,
            Vec::<String>::new(),
            "default-graph triples no article states"
        );
        let missing = self.rows(
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
               FILTER(?g != <https://w3id.org/factgraph/ontology>)
               FILTER(STRSTARTS(STR(?p), STR(fg:)) || ?p IN (rdfs:label, skos:altLabel, owl:sameAs)
                      || (?p = rdf:type && STRSTARTS(STR(?o), STR(fg:))))
               FILTER(?p NOT IN (fg:evidence, fg:spanStart, fg:spanEnd, fg:confidence, fg:extractor, fg:share,
                                 fg:startDate, fg:endDate, fg:date, fg:amount, fg:currency, fg:status,
                                 fg:place, fg:contentHash))
               FILTER NOT EXISTS { ?s ?p ?o } }",
        );
        assert_eq!(
            missing,
            Vec::<String>::new(),
            "article triples missing from the default graph"
        );
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn repo_str(path: &str) -> String {
    repo(path).display().to_string()
}
pub mod rdf;
pub mod server;
