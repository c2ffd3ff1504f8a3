use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum, ValueHint};

use crate::export::Format as ExportFormat;
use crate::graph::Weight;

/// factgraph turns the facts in news articles into a knowledge graph you can query.
#[derive(Debug, Parser)]
#[command(name = "factgraph", version, about, max_term_width = 100)]
pub struct Args {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// Directory of the store (created by `ingest` if missing)
    #[arg(long, global = true, env = "FACTGRAPH_STORE", default_value = "factgraph.db", value_hint = ValueHint::DirPath)]
    pub store: PathBuf,
    /// Print data as JSON
    #[arg(long, global = true)]
    pub json: bool,
    /// Base of the IRIs minted for entities ({base}entity/…) and articles ({base}article/…)
    #[arg(long, global = true, env = "FACTGRAPH_BASE_IRI", default_value = crate::resolve::IriBase::DEFAULT)]
    pub base_iri: String,
    /// Work against this SPARQL endpoint instead of the local store (query, path, neighbors,
    /// central, components, export)
    #[arg(
        long,
        global = true,
        env = "FACTGRAPH_REMOTE",
        value_name = "QUERY_URL"
    )]
    pub remote: Option<String>,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// How to reach a remote store (push, --remote).
#[derive(Debug, Clone, clap::Args)]
pub struct ConnectionArgs {
    /// File holding a bearer token for the remote store (or FACTGRAPH_REMOTE_TOKEN)
    #[arg(long, global = true, env = "FACTGRAPH_REMOTE_TOKEN_FILE", value_hint = ValueHint::FilePath)]
    pub remote_token_file: Option<PathBuf>,
    /// File holding `user:password` for HTTP basic auth (or FACTGRAPH_REMOTE_BASIC_AUTH)
    #[arg(long, global = true, env = "FACTGRAPH_REMOTE_BASIC_AUTH_FILE", value_hint = ValueHint::FilePath)]
    pub remote_basic_auth_file: Option<PathBuf>,
    /// Seconds before a request to the remote store is given up
    #[arg(long, global = true, default_value_t = 120)]
    pub remote_timeout: u64,
    /// Retries after connection errors and 5xx answers, with exponential backoff
    #[arg(long, global = true, default_value_t = 5)]
    pub remote_retries: u32,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check fact sheets and add their articles to the store (re-ingesting replaces an article)
    Ingest(IngestArgs),
    /// Check fact sheets as `ingest` does, and write nothing
    Validate(ValidateArgs),
    /// Run a SPARQL query (common prefixes such as fg:, rdfs:, schema: are predeclared)
    Query(QueryArgs),
    /// Run a SPARQL update on the store
    Update(UpdateArgs),
    /// Count articles, entities by class and facts by predicate
    Stats,
    /// Merge the files that large ingests leave in the store: smaller on disk and faster to
    /// read (graph builds, exports, pushes); the data are unchanged
    Optimize,
    /// Remove articles (by id or IRI) and what only they stated
    Remove(RemoveArgs),
    /// How is one entity connected to another? Paths with the articles behind every hop
    /// (exit code 3: no path)
    Path(PathArgs),
    /// Entities within N hops of one, and the facts between them
    Neighbors(NeighborsArgs),
    /// The most central entities
    Central(CentralArgs),
    /// Groups of entities connected to each other
    Components(ComponentsArgs),
    /// Write the graph, or a slice of it, in an RDF format or for a graph tool
    Export(ExportArgs),
    /// Read an article (text, Markdown or HTML) and write the fact sheet it states, with the
    /// evidence of every fact, for review before ingest
    Extract(ExtractArgs),
    /// Score predicted fact sheets against gold ones: precision, recall and F1 for entities and
    /// facts, per article and overall
    Eval(EvalArgs),
    /// Merge entity A into entity B, which absorbs its aliases, facts and provenance; recorded,
    /// kept when articles are ingested again, and undone by `unmerge`
    Merge(MergeArgs),
    /// The merges recorded, numbered
    Merges,
    /// Undo a merge: both entities are back exactly as they were before it
    Unmerge(UnmergeArgs),
    /// Send the store's graphs to another SPARQL store, one request per graph (Graph Store
    /// protocol, or SPARQL Update where the store has none)
    Push(PushArgs),
    /// Serve the store over HTTP: a viewer for people (/), a SPARQL endpoint (/sparql), SPARQL
    /// Update (/update), the Graph Store protocol (/store) and a JSON API (/api/path,
    /// /api/neighbors, /api/entities, /api/articles, /api/stats); read-only and on loopback
    /// unless told otherwise
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Article files (`.txt`, `.md`, `.html`) or folders walked for them, or `-` for stdin;
    /// more than one article needs --output
    #[arg(required = true, value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<PathBuf>,
    /// Write one fact sheet per article into this folder (created if missing), named by the
    /// article id, instead of one sheet to stdout
    #[arg(long, short, value_hint = ValueHint::DirPath)]
    pub output: Option<PathBuf>,
    /// With --output: replace sheets that differ from the new ones (by default they are kept,
    /// since they may hold corrections)
    #[arg(long, requires = "output")]
    pub force: bool,
    /// How the input is written [default: by its extension; plain text for stdin]
    #[arg(long, value_enum)]
    pub text_format: Option<TextFormatArg>,
    /// Article id [default: from the file name]
    #[arg(long)]
    pub id: Option<String>,
    /// Headline [default: the page's title, else the first line]
    #[arg(long)]
    pub title: Option<String>,
    /// Publication date, YYYY-MM-DD [default: the page's, if it says]
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub publisher: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormatArg {
    Text,
    Markdown,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// An evaluation corpus: a folder of splits (dev/, test/, …), each holding articles/<id>.txt
    /// and gold/<id>.json, with topics in sources/*.tsv. With --gold: predicted sheets or
    /// articles to extract (files, or folders walked for them), named as the gold sheets
    #[arg(required = true, value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<PathBuf>,
    /// Folder of gold fact sheets to score the input folder against
    #[arg(long, value_hint = ValueHint::DirPath)]
    pub gold: Option<PathBuf>,
    /// Only this split of the corpus (repeatable)
    #[arg(long)]
    pub split: Vec<String>,
    /// Also a line for each document
    #[arg(long)]
    pub documents: bool,
    /// Fail (exit 1) when a split's facts F1, averaged over its documents, is below this
    #[arg(long)]
    pub min_facts_f1: Option<f64>,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The entity that goes (A): a label, an alias or an IRI
    pub absorbed: String,
    /// The entity that absorbs it (B): a label, an alias or an IRI
    pub into: String,
}

#[derive(Debug, clap::Args)]
pub struct UnmergeArgs {
    /// The merge's number, as `factgraph merges` lists it
    pub number: u32,
}

#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// The store's base URL, such as http://127.0.0.1:7879
    #[arg(long)]
    pub endpoint: String,
    /// Path of its Graph Store protocol endpoint
    #[arg(long, default_value = "/store")]
    pub graph_store_path: String,
    /// Path of its SPARQL Update endpoint
    #[arg(long, default_value = "/update")]
    pub update_path: String,
    /// How graphs are written: the Graph Store protocol where the store has it, else SPARQL
    /// Update; `bulk` sends many graphs a request to the store's bulk loader (Oxigraph), not
    /// atomically per graph (see the README)
    #[arg(long, value_enum, default_value_t = ProtocolArg::Auto)]
    pub protocol: ProtocolArg,
    /// Send only graphs added or changed since the last push to this endpoint (and delete the
    /// ones removed since)
    #[arg(long)]
    pub since_last_push: bool,
    /// Requests in flight at once
    #[arg(long, default_value_t = 4)]
    pub parallel: usize,
    /// Graphs per request with SPARQL Update (default 50) and bulk (default: all in one)
    #[arg(long)]
    pub batch_size: Option<usize>,
    /// Format of the graphs sent
    #[arg(long, value_enum, default_value_t = WireFormat::Ntriples)]
    pub format: WireFormat,
    /// No progress bar and no summary line
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProtocolArg {
    Auto,
    GraphStore,
    Update,
    Bulk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WireFormat {
    Ntriples,
    Turtle,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on; 0.0.0.0:PORT opens the store to the network
    #[arg(long, default_value = crate::server::Config::DEFAULT_BIND)]
    pub bind: std::net::SocketAddr,
    /// Accept writes (SPARQL Update, Graph Store PUT/POST/DELETE, article upload) from callers
    /// that present the token of --token-file (or of the FACTGRAPH_TOKEN variable)
    #[arg(long)]
    pub writable: bool,
    /// File holding the secret that writes must send as `Authorization: Bearer <secret>`
    #[arg(long, env = "FACTGRAPH_TOKEN_FILE", value_hint = ValueHint::FilePath)]
    pub token_file: Option<PathBuf>,
    /// Longest a query may run, in seconds (then 503)
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Most rows or triples one query may give (then 413)
    #[arg(long, default_value_t = 1_000_000)]
    pub max_results: usize,
    /// Largest request body, in MiB (then 413)
    #[arg(long, default_value_t = 32)]
    pub max_body_mb: usize,
    /// Queries and searches answered at once (more get 503)
    #[arg(long, default_value_t = 64)]
    pub max_concurrent: usize,
    /// Let browser pages from this origin call the server (`*` for any); off by default
    #[arg(long)]
    pub cors: Option<String>,
    /// Longest a SPARQL update may run, in seconds, waiting for other writes included (then
    /// 503, and the update writes nothing)
    #[arg(long, default_value_t = 60)]
    pub update_timeout: u64,
    /// Most memory one query or update may take, in MiB (then 503)
    #[arg(long, default_value_t = 1024)]
    pub max_query_memory: usize,
    /// Longest a client may leave the server waiting for the rest of a request's head or body,
    /// in seconds (then the connection is closed)
    #[arg(long, default_value_t = 10)]
    pub read_timeout: u64,
    /// Most connections open at once; more are answered 503 and closed
    #[arg(long, default_value_t = 256)]
    pub max_connections: usize,
    /// Also answer requests whose Host header names this host (repeatable); loopback names and
    /// the bound address are always answered, other names are refused (against DNS rebinding)
    #[arg(long = "allow-host", value_name = "HOST")]
    pub allow_hosts: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format. turtle, ntriples, rdfxml and jsonld hold one graph: the merged default
    /// graph (or --article's graph); nquads and trig keep one graph per article
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (`-` for stdout); a directory for neo4j. Written whole or not at all
    #[arg(long, short, default_value = "-", value_hint = ValueHint::AnyPath)]
    pub output: PathBuf,
    /// Only what this article states (its id or IRI)
    #[arg(long)]
    pub article: Option<String>,
    /// Only the entities within --hops of this one, and the facts between them (graph formats)
    #[arg(long, conflicts_with_all = ["path", "query"])]
    pub around: Option<String>,
    /// Only what a CONSTRUCT query builds: its triples (RDF formats) or the facts among them
    /// (graph formats)
    #[arg(long, conflicts_with = "path")]
    pub query: Option<String>,
    /// How far --around reaches
    #[arg(long, default_value_t = 1, value_parser = at_least_one)]
    pub hops: usize,
    /// Only the shortest path between two entities (graph formats)
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub path: Vec<String>,
    /// Only entities of these classes (comma-separated; graph formats)
    #[arg(long, value_delimiter = ',')]
    pub class: Vec<String>,
    /// Only facts with these predicates (comma-separated; graph formats)
    #[arg(long, value_delimiter = ',')]
    pub predicate: Vec<String>,
    /// Also the entities that take part in no fact of the export (graph formats); by default
    /// they are left out
    #[arg(long, overrides_with = "no_orphans")]
    pub orphans: bool,
    /// Leave out the entities that take part in no fact of the export (the default)
    #[arg(long)]
    pub no_orphans: bool,
    #[command(flatten)]
    pub filter: EdgeFilterArgs,
}

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &ExportFormat::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            ExportFormat::Turtle
            | ExportFormat::NTriples
            | ExportFormat::NQuads
            | ExportFormat::TriG
            | ExportFormat::RdfXml
            | ExportFormat::JsonLd => None,
            ExportFormat::GraphMl => Some("GraphML: Gephi, Cytoscape, yEd, networkx, igraph"),
            ExportFormat::Gexf => Some("GEXF 1.3 with a timeline from article dates: Gephi"),
            ExportFormat::Dot => Some("Graphviz DOT"),
            ExportFormat::CytoscapeJson => Some("Cytoscape JSON"),
            ExportFormat::Neo4jCsv => {
                Some("nodes.csv, relationships.csv and load.cypher for Neo4j (needs --output DIR)")
            }
        };
        let value = PossibleValue::new(self.name());
        Some(match help {
            Some(help) => value.help(help),
            None => value,
        })
    }
}

/// Which edges a search may use.
#[derive(Debug, Clone, clap::Args)]
pub struct EdgeFilterArgs {
    /// Only these predicates (comma-separated, e.g. signs,bans,ownedBy)
    #[arg(long, value_delimiter = ',')]
    pub via: Vec<String>,
    /// Never these predicates (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub not_via: Vec<String>,
    /// Only facts from articles published on or after this date (YYYY-MM-DD)
    #[arg(long)]
    pub since: Option<String>,
    /// Only facts from articles published on or before this date (YYYY-MM-DD)
    #[arg(long)]
    pub until: Option<String>,
    /// Follow edges only from subject to object (default: either way, printed in their true direction)
    #[arg(long)]
    pub directed: bool,
}

#[derive(Debug, clap::Args)]
pub struct PathArgs {
    /// Start: a label, an alias or an IRI
    pub from: String,
    /// End: a label, an alias or an IRI
    pub to: String,
    /// The k shortest loopless paths
    #[arg(short, long, conflicts_with = "all", value_parser = at_least_one)]
    pub k: Option<usize>,
    /// All simple paths up to --max-hops (at most --limit of them, shortest first)
    #[arg(long)]
    pub all: bool,
    /// Longest path for --all
    #[arg(long, default_value_t = 4, value_parser = at_least_one)]
    pub max_hops: usize,
    /// Most paths for --all
    #[arg(long, default_value_t = 100, value_parser = at_least_one)]
    pub limit: usize,
    /// Entities no path may pass through (comma-separated names)
    #[arg(long, value_delimiter = ',')]
    pub avoid: Vec<String>,
    /// What a path's length counts
    #[arg(long, default_value = "specific", value_parser = weight())]
    pub weight: Weight,
    #[command(flatten)]
    pub filter: EdgeFilterArgs,
}

#[derive(Debug, clap::Args)]
pub struct NeighborsArgs {
    /// The entity: a label, an alias or an IRI
    pub name: String,
    /// How far to go
    #[arg(long, default_value_t = 1, value_parser = at_least_one)]
    pub hops: usize,
    /// Stop after this many facts, nearest first (around a hub, two hops can be most of the graph)
    #[arg(long, value_parser = at_least_one)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub filter: EdgeFilterArgs,
}

#[derive(Debug, clap::Args)]
pub struct CentralArgs {
    /// The measure
    #[arg(long, value_enum, default_value_t = CentralityArg::Degree)]
    pub by: CentralityArg,
    /// How many entities to list
    #[arg(long, default_value_t = 20, value_parser = at_least_one)]
    pub top: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CentralityArg {
    /// Number of facts the entity takes part in
    Degree,
    /// PageRank over the facts' directions
    Pagerank,
    /// Share of shortest paths through the entity (sampled above 100,000 entities)
    Betweenness,
}

#[derive(Debug, clap::Args)]
pub struct ComponentsArgs {
    /// How many components to list
    #[arg(long, default_value_t = 10, value_parser = at_least_one)]
    pub top: usize,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Fact-sheet files or directories (walked for *.json; `aliases.json` pins identities); `-`
    /// reads stdin. Articles (*.txt, *.md, *.html) go through the extractor; RDF datasets
    /// (*.nq, *.trig, as `export` writes them) are read back
    #[arg(required = true, value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Accept facts whose subject or object class does not fit the predicate, with a warning
    #[arg(long)]
    pub lenient: bool,
    /// No progress bar and no summary line
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Fact-sheet files or directories; `-` reads stdin
    #[arg(required = true, value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Report domain and range mismatches as warnings
    #[arg(long)]
    pub lenient: bool,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The query; with neither it nor --file, the query is read from stdin
    #[arg(conflicts_with = "file")]
    pub query: Option<String>,
    /// Read the query from a file (`-` for stdin)
    #[arg(long, short, value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// Output format [default: table on a terminal, else tsv; turtle for CONSTRUCT/DESCRIBE]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Most memory the query may take, in MiB (then it stops with an error)
    #[arg(long, default_value_t = 4096)]
    pub max_query_memory: usize,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The update; with neither it nor --file, it is read from stdin
    #[arg(conflicts_with = "file")]
    pub update: Option<String>,
    /// Read the update from a file (`-` for stdin)
    #[arg(long, short, value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// Most memory the update may take, in MiB (then it stops and writes nothing)
    #[arg(long, default_value_t = 4096)]
    pub max_query_memory: usize,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Article ids (as in the fact sheet) or article IRIs
    #[arg(required = true)]
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns (SELECT, ASK)
    Table,
    /// SPARQL results JSON (SELECT, ASK)
    Json,
    /// SPARQL results XML (SELECT, ASK)
    Xml,
    /// SPARQL results CSV (SELECT)
    Csv,
    /// SPARQL results TSV (SELECT, ASK)
    Tsv,
    /// Turtle (CONSTRUCT, DESCRIBE)
    Turtle,
    /// N-Triples (CONSTRUCT, DESCRIBE)
    Ntriples,
    /// N-Quads (CONSTRUCT, DESCRIBE)
    Nquads,
    /// TriG (CONSTRUCT, DESCRIBE)
    Trig,
    /// RDF/XML (CONSTRUCT, DESCRIBE)
    Rdfxml,
}

/// A path weight by the name the library gives it, so that the command line and the HTTP API
/// accept the same names.
fn weight() -> impl TypedValueParser<Value = Weight> {
    PossibleValuesParser::new(
        Weight::NAMED.map(|(name, weight)| PossibleValue::new(name).help(weight.summary())),
    )
    .try_map(|name| Weight::named(&name))
}

/// A count or a length of at least one: zero paths, hops or entities asks for nothing.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(count) if count >= 1 => Ok(count),
        _ => Err("a whole number of at least 1".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Args::command().debug_assert();
    }
}
