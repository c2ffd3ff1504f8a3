//! `factgraph push`: the store's graphs to another SPARQL store, one request per graph so that
//! each lands whole or not at all, and only what changed since the last push when asked.
//!
//! What was pushed where is kept beside the store (`factgraph-push.json` in its directory): per
//! endpoint, the content hash of each graph sent. It is saved as the push goes, so a push cut
//! short (a server killed, a network gone) is finished by running it again.
//!
//! The bulk protocol trades that atomicity for the speed of the other store's bulk loader:
//! graphs go many to a request, as N-Quads, and a graph may be seen half loaded while its
//! request runs. So a batch's graphs are recorded as pending before it is sent and as pushed
//! once it went through; a pending graph is sent again (dropped first) by the next push,
//! whatever else that push is asked to skip.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef};
use serde::{Deserialize, Serialize};

use super::{Error, Remote};
use crate::ontology::ONTOLOGY_IRI;
use crate::parallel::{in_order, workers_for};
use crate::store::{Store, write_quads};
use crate::text::content_hash;

/// The file, in the store's directory, that remembers what was pushed where.
pub const STATE_FILE: &str = "factgraph-push.json";

/// How graphs are written on the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// The Graph Store HTTP Protocol where the store has it, else SPARQL Update.
    Auto,
    GraphStore,
    Update,
    /// Batches of graphs as N-Quads posted to the Graph Store endpoint's dataset, loaded
    /// without a transaction where the store offers that (Oxigraph's `no_transaction`), after
    /// one SPARQL Update drops the batch's graphs; the merged default graph likewise, last.
    Bulk,
}

#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The store's base URL, such as `http://127.0.0.1:7879`.
    pub endpoint: String,
    pub graph_store_path: String,
    pub update_path: String,
    pub protocol: Protocol,
    /// Send only graphs added or changed since the last push to this endpoint.
    pub since_last_push: bool,
    /// Requests in flight at once.
    pub parallel: usize,
    /// Graphs per request, for SPARQL Update and bulk.
    pub batch_size: usize,
    /// N-Triples or Turtle.
    pub format: RdfFormat,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PushReport {
    pub graphs_sent: usize,
    pub graphs_deleted: usize,
    pub graphs_unchanged: usize,
    pub default_graph_sent: bool,
    pub triples_sent: usize,
    /// `graph-store` or `update`; empty when nothing was sent.
    pub protocol: String,
    pub seconds: f64,
}

/// What was pushed to each endpoint.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    endpoints: BTreeMap<String, Pushed>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Pushed {
    graphs: BTreeMap<String, String>,
    default: Option<String>,
    /// Graphs of a bulk request that has not been seen to succeed: maybe half loaded there.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pending: BTreeSet<String>,
}

impl State {
    fn load(path: &Path) -> Result<Self, Error> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| Error::NotAPushRecord {
                path: path.to_owned(),
                error,
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(err) => Err(err.into()),
        }
    }

    /// Written to a temporary file and renamed, so that a crash leaves the old or the new record.
    fn save(&self, path: &Path) -> Result<(), Error> {
        let temporary = path.with_extension("json.partial");
        let bytes = serde_json::to_vec_pretty(self)
            .map_err(|err| Error::Invalid(format!("cannot record the push: {err}")))?;
        std::fs::write(&temporary, bytes)?;
        std::fs::rename(&temporary, path)?;
        Ok(())
    }
}

enum Job {
    Put { graph: NamedNode, hash: String },
    Delete { graph: String },
}

/// Where the push record of a store lives.
pub fn state_path(store_dir: &Path) -> PathBuf {
    store_dir.join(STATE_FILE)
}

/// The content hash of every named graph: an article's recorded hash, or one computed from its
/// triples.
fn local_graphs(store: &Store) -> Result<BTreeMap<String, String>, Error> {
    let mut graphs = BTreeMap::new();
    for graph in store.named_graphs()? {
        let hash = match store.article_hash(graph.as_ref())? {
            Some(hash) => hash,
            None => {
                let mut lines: Vec<String> = store
                    .graph_quads(GraphNameRef::NamedNode(graph.as_ref()))?
                    .iter()
                    .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
                    .collect();
                lines.sort_unstable();
                let parts: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
                content_hash(&parts)
            }
        };
        graphs.insert(graph.into_string(), hash);
    }
    Ok(graphs)
}

/// Whether the remote holds an ontology graph of as many triples as ours: a factgraph server,
/// which keeps its own and refuses writes to it, or a store pushed to before. Asked of the
/// endpoint's `/query`; a remote that does not answer there is sent the ontology.
fn remote_keeps_the_ontology(store: &Store, remote: &Remote, options: &PushOptions) -> bool {
    let Ok(ours) = store.graph_quads(GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(
        ONTOLOGY_IRI,
    ))) else {
        return false;
    };
    let endpoint = format!("{}/query", options.endpoint.trim_end_matches('/'));
    let counted = remote
        .query(
            &endpoint,
            &format!("SELECT (COUNT(*) AS ?n) {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s ?p ?o }} }}"),
            "application/sparql-results+json",
        )
        .ok()
        .and_then(|mut body| body.read_to_string().ok())
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| {
            json["results"]["bindings"][0]["n"]["value"]
                .as_str()
                .and_then(|n| n.parse::<usize>().ok())
        });
    !ours.is_empty() && counted == Some(ours.len())
}

/// One graph (`None`: the default graph) serialized for sending, with its triple count.
fn graph_body(
    store: &Store,
    graph: Option<&str>,
    format: RdfFormat,
) -> Result<(Vec<u8>, usize), Error> {
    let mut body = Vec::new();
    let quads = append_graph(store, graph, format, &mut body)?;
    Ok((body, quads))
}

/// Serializes one graph at the end of `body`; gives its number of quads.
fn append_graph(
    store: &Store,
    graph: Option<&str>,
    format: RdfFormat,
    body: &mut Vec<u8>,
) -> Result<usize, Error> {
    let name = graph.map_or(GraphNameRef::DefaultGraph, |iri| {
        GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(iri))
    });
    let quads = store.graph_quads(name)?;
    write_quads(format, &quads, body)?;
    Ok(quads.len())
}

fn media_type(format: RdfFormat) -> &'static str {
    if format == RdfFormat::Turtle {
        "text/turtle"
    } else {
        "application/n-triples"
    }
}

fn graph_store_url(options: &PushOptions, graph: Option<&str>) -> String {
    let base = format!(
        "{}{}",
        options.endpoint.trim_end_matches('/'),
        options.graph_store_path
    );
    match graph {
        Some(iri) => {
            let encoded: String = form_urlencoded::byte_serialize(iri.as_bytes()).collect();
            format!("{base}?graph={encoded}")
        }
        None => format!("{base}?default"),
    }
}

/// Where a bulk request posts its N-Quads: the Graph Store endpoint without a graph names the
/// whole dataset, and Oxigraph loads what comes with `no_transaction` by its bulk loader.
fn bulk_url(options: &PushOptions) -> String {
    format!(
        "{}{}?no_transaction",
        options.endpoint.trim_end_matches('/'),
        options.graph_store_path
    )
}

fn update_url(options: &PushOptions) -> String {
    format!(
        "{}{}",
        options.endpoint.trim_end_matches('/'),
        options.update_path
    )
}

/// The statement that empties one graph (`None`: the default graph), there or not.
fn dropping(graph: Option<&str>) -> String {
    match graph {
        Some(iri) => format!("DROP SILENT GRAPH <{iri}>"),
        None => "DROP SILENT DEFAULT".to_owned(),
    }
}

/// The statements that replace one graph (or the default graph) by an update.
fn replacing_update(graph: Option<&str>, ntriples: &str) -> String {
    let drop = dropping(graph);
    match graph {
        Some(iri) => format!("{drop} ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}}} }}"),
        None => format!("{drop} ;\nINSERT DATA {{\n{ntriples}}}"),
    }
}

/// Graphs read from the store on other threads, as runs of this many: each run is a few
/// megabytes of N-Quads.
const GRAPHS_PER_RUN: usize = 64;

/// Runs of graphs of the store as N-Quads (and their quad counts), handed over as the request
/// body asks for them.
struct NQuadsReader<I> {
    runs: I,
    buffer: Vec<u8>,
    sent: usize,
    quads: usize,
    failure: Option<Error>,
}

impl<I: Iterator<Item = Result<(Vec<u8>, usize), Error>>> NQuadsReader<I> {
    /// Takes the next run; false when there is none.
    fn next_run(&mut self) -> Result<bool, Error> {
        let Some(run) = self.runs.next() else {
            return Ok(false);
        };
        let (body, quads) = run?;
        self.buffer = body;
        self.sent = 0;
        self.quads += quads;
        Ok(true)
    }
}

impl<I: Iterator<Item = Result<(Vec<u8>, usize), Error>>> std::io::Read for NQuadsReader<I> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.sent == self.buffer.len() {
            match self.next_run() {
                Ok(true) => {}
                Ok(false) => return Ok(0),
                Err(err) => {
                    let message = err.to_string();
                    self.failure = Some(err);
                    return Err(std::io::Error::other(message));
                }
            }
        }
        let count = out.len().min(self.buffer.len() - self.sent);
        out[..count].copy_from_slice(&self.buffer[self.sent..self.sent + count]);
        self.sent += count;
        Ok(count)
    }
}

struct Pusher<'a> {
    store: &'a Store,
    remote: &'a Remote,
    options: &'a PushOptions,
}

impl Pusher<'_> {
    /// Replaces one graph (`None`: the default graph) through the Graph Store protocol.
    fn put(&self, graph: Option<&str>) -> Result<usize, Error> {
        let (body, triples) = graph_body(self.store, graph, self.options.format)?;
        self.remote.send(
            "PUT",
            &graph_store_url(self.options, graph),
            &[("Content-Type", media_type(self.options.format))],
            &body,
        )?;
        Ok(triples)
    }

    fn send_update(&self, update: &str) -> Result<(), Error> {
        self.remote.send(
            "POST",
            &update_url(self.options),
            &[("Content-Type", "application/sparql-update")],
            update.as_bytes(),
        )?;
        Ok(())
    }

    /// Replaces graphs by one SPARQL Update request, which the store applies whole.
    fn update(&self, graphs: &[Option<&str>]) -> Result<usize, Error> {
        let mut statements = Vec::new();
        let mut triples = 0;
        for graph in graphs {
            let (body, count) = graph_body(self.store, *graph, RdfFormat::NTriples)?;
            triples += count;
            statements.push(replacing_update(*graph, &String::from_utf8_lossy(&body)));
        }
        self.send_update(&statements.join(" ;\n"))?;
        Ok(triples)
    }

    /// Replaces graphs by one N-Quads request to the dataset, after one update that drops
    /// them: a post only adds, and a graph may be there already, whole or half loaded. The
    /// body is read from the store as it is sent, a graph at a time, so that the other store
    /// loads while this one reads and neither holds the batch.
    fn bulk(&self, graphs: &[Option<&str>]) -> Result<usize, Error> {
        let drops: Vec<String> = graphs.iter().map(|graph| dropping(*graph)).collect();
        self.send_update(&drops.join(" ;\n"))?;
        // Reading the store is most of the client's work: runs of graphs are read on every
        // core while this thread sends them, in order.
        let runs = graphs.len().div_ceil(GRAPHS_PER_RUN);
        let read_run = |run: usize| {
            let mut body = Vec::new();
            let mut quads = 0;
            for graph in graphs
                .iter()
                .skip(run * GRAPHS_PER_RUN)
                .take(GRAPHS_PER_RUN)
            {
                quads += append_graph(self.store, *graph, RdfFormat::NQuads, &mut body)?;
            }
            Ok((body, quads))
        };
        std::thread::scope(|scope| {
            let mut body = NQuadsReader {
                runs: in_order(scope, runs, workers_for(runs), &read_run),
                buffer: Vec::new(),
                sent: 0,
                quads: 0,
                failure: None,
            };
            let outcome = self.remote.send_streamed(
                "POST",
                &bulk_url(self.options),
                &[("Content-Type", "application/n-quads")],
                &mut body,
            );
            // A local failure cut the request short: it, not the store's complaint, is the
            // cause.
            if let Some(failure) = body.failure {
                return Err(failure);
            }
            outcome?;
            Ok(body.quads)
        })
    }

    fn delete(&self, graph: &str, protocol: Protocol) -> Result<(), Error> {
        if matches!(protocol, Protocol::Update | Protocol::Bulk) {
            return self.send_update(&dropping(Some(graph)));
        }
        match self.remote.send(
            "DELETE",
            &graph_store_url(self.options, Some(graph)),
            &[],
            &[],
        ) {
            // Already gone is what we wanted.
            Err(err) if err.status() == Some(404) => Ok(()),
            other => other.map(drop),
        }
    }

    /// Which protocol the store takes: a first graph tried with the Graph Store protocol tells.
    fn settle_protocol(&self, first: Option<&str>) -> Result<(Protocol, usize), Error> {
        if self.options.protocol != Protocol::Auto {
            return Ok((self.options.protocol, 0));
        }
        let Some(graph) = first else {
            return Ok((Protocol::GraphStore, 0));
        };
        match self.put(Some(graph)) {
            Ok(triples) => Ok((Protocol::GraphStore, triples)),
            Err(err) if matches!(err.status(), Some(404 | 405 | 501)) => {
                let triples = self.update(&[Some(graph)])?;
                Ok((Protocol::Update, triples))
            }
            Err(err) => Err(err),
        }
    }
}

/// Pushes the store's named graphs (articles, the ontology, any other) and its merged default
/// graph; graphs pushed before and gone since are deleted. `progress` hears (done, total).
pub fn push(
    store: &Store,
    state_file: &Path,
    remote: &Remote,
    options: &PushOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<PushReport, Error> {
    let started = Instant::now();
    let mut state = State::load(state_file)?;
    let key = options.endpoint.trim_end_matches('/').to_owned();
    let before = state.endpoints.get(&key).cloned().unwrap_or_default();
    let local = local_graphs(store)?;
    let mut report = PushReport::default();

    let ontology_kept = remote_keeps_the_ontology(store, remote, options);
    let mut jobs = Vec::new();
    for (graph, hash) in &local {
        let unchanged = options.since_last_push && before.graphs.get(graph) == Some(hash);
        if unchanged || (ontology_kept && graph == ONTOLOGY_IRI) {
            report.graphs_unchanged += 1;
        } else {
            jobs.push(Job::Put {
                graph: NamedNode::new_unchecked(graph.clone()),
                hash: hash.clone(),
            });
        }
    }
    jobs.extend(
        before
            .graphs
            .keys()
            .chain(&before.pending)
            .filter(|graph| !local.contains_key(*graph))
            .map(|graph| Job::Delete {
                graph: graph.clone(),
            }),
    );
    let summary: Vec<&[u8]> = local
        .iter()
        .flat_map(|(graph, hash)| [graph.as_bytes(), hash.as_bytes()])
        .collect();
    let default_hash = content_hash(&summary);
    let send_default = !options.since_last_push || before.default.as_ref() != Some(&default_hash);

    let pusher = Pusher {
        store,
        remote,
        options,
    };
    let total = jobs.len() + usize::from(send_default);
    progress(0, total);
    let first_put = jobs.iter().find_map(|job| match job {
        Job::Put { graph, .. } => Some(graph.as_str()),
        Job::Delete { .. } => None,
    });
    let (protocol, first_triples) = pusher.settle_protocol(first_put)?;
    let pushed = Mutex::new((state.endpoints.remove(&key).unwrap_or_default(), 0usize));
    let save_snapshot = |pushed: &Pushed| -> Result<(), Error> {
        let mut snapshot = State::default();
        snapshot.endpoints.insert(key.clone(), pushed.clone());
        snapshot.save(state_file)
    };
    // Graphs that went through (with their hash) or were deleted (none), a request's worth.
    let record = |graphs: &[(&str, Option<&str>)]| -> Result<(), Error> {
        let mut guard = pushed.lock().unwrap_or_else(PoisonError::into_inner);
        let before = guard.1;
        for (graph, hash) in graphs {
            match hash {
                Some(hash) => guard
                    .0
                    .graphs
                    .insert((*graph).to_owned(), (*hash).to_owned()),
                None => guard.0.graphs.remove(*graph),
            };
            guard.0.pending.remove(*graph);
        }
        guard.1 += graphs.len();
        // Saved every 200 graphs or so, and at most once a request (the whole record is
        // written each time): a push cut short then resends at most these graphs.
        if guard.1 / 200 != before / 200 {
            save_snapshot(&guard.0)?;
        }
        Ok(())
    };
    // Saved before the request goes: it may leave these graphs half loaded.
    let mark_pending = |graphs: &[(&str, &str)]| -> Result<(), Error> {
        let mut guard = pushed.lock().unwrap_or_else(PoisonError::into_inner);
        for (graph, _) in graphs {
            guard.0.graphs.remove(*graph);
            guard.0.pending.insert((*graph).to_owned());
        }
        save_snapshot(&guard.0)
    };
    let mut done_first = false;
    if let (Some(graph), Protocol::Auto) = (first_put, options.protocol) {
        let hash = &local[graph];
        record(&[(graph, Some(hash))])?;
        report.triples_sent += first_triples;
        report.graphs_sent += 1;
        done_first = true;
    }
    let remaining: Vec<&Job> = jobs
        .iter()
        .filter(|job| {
            !(done_first
                && matches!(job, Job::Put { graph, .. } if Some(graph.as_str()) == first_put))
        })
        .collect();
    let done = AtomicUsize::new(usize::from(done_first));
    let sent = AtomicUsize::new(0);
    let deleted = AtomicUsize::new(0);
    let triples = AtomicUsize::new(0);
    let chunk = if matches!(protocol, Protocol::Update | Protocol::Bulk) {
        options.batch_size.max(1)
    } else {
        1
    };
    let batches: Vec<&[&Job]> = remaining.chunks(chunk).collect();
    let next = AtomicUsize::new(0);
    let outcome: Result<(), Error> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..options.parallel.max(1))
            .map(|_| {
                scope.spawn(|| -> Result<(), Error> {
                    loop {
                        let index = next.fetch_add(1, Ordering::SeqCst);
                        let Some(batch) = batches.get(index) else {
                            return Ok(());
                        };
                        let puts: Vec<(&str, &str)> = batch
                            .iter()
                            .filter_map(|job| match job {
                                Job::Put { graph, hash } => Some((graph.as_str(), hash.as_str())),
                                Job::Delete { .. } => None,
                            })
                            .collect();
                        if !puts.is_empty() {
                            let count = match protocol {
                                Protocol::Update => {
                                    let graphs: Vec<Option<&str>> =
                                        puts.iter().map(|(g, _)| Some(*g)).collect();
                                    pusher.update(&graphs)?
                                }
                                Protocol::Bulk => {
                                    mark_pending(&puts)?;
                                    let graphs: Vec<Option<&str>> =
                                        puts.iter().map(|(g, _)| Some(*g)).collect();
                                    pusher.bulk(&graphs)?
                                }
                                Protocol::Auto | Protocol::GraphStore => {
                                    pusher.put(Some(puts[0].0))?
                                }
                            };
                            triples.fetch_add(count, Ordering::SeqCst);
                            let went: Vec<(&str, Option<&str>)> =
                                puts.iter().map(|(g, h)| (*g, Some(*h))).collect();
                            record(&went)?;
                            sent.fetch_add(puts.len(), Ordering::SeqCst);
                        }
                        for job in batch.iter() {
                            if let Job::Delete { graph } = job {
                                pusher.delete(graph, protocol)?;
                                record(&[(graph, None)])?;
                                deleted.fetch_add(1, Ordering::SeqCst);
                            }
                        }
                        progress(
                            done.fetch_add(batch.len(), Ordering::SeqCst) + batch.len(),
                            total,
                        );
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join().unwrap_or_else(|_| {
                Err(Error::Invalid("a push worker stopped unexpectedly".into()))
            })
        })
    });
    // What went through is recorded even when something failed, so that a rerun resumes.
    let (mut pushed, _) = pushed.into_inner().unwrap_or_else(PoisonError::into_inner);
    let save = |pushed: &Pushed, state: &mut State| {
        state.endpoints.insert(key.clone(), pushed.clone());
        state.save(state_file)
    };
    if let Err(err) = outcome {
        save(&pushed, &mut state)?;
        return Err(err);
    }
    report.graphs_sent += sent.into_inner();
    report.graphs_deleted = deleted.into_inner();
    report.triples_sent += triples.into_inner();
    if send_default {
        report.triples_sent += match protocol {
            Protocol::Update => pusher.update(&[None])?,
            Protocol::Bulk => {
                // As a bulk request's graphs are marked pending: forgotten until it went
                // through, so that a push cut short sends it again.
                pushed.default = None;
                save(&pushed, &mut state)?;
                pusher.bulk(&[None])?
            }
            Protocol::Auto | Protocol::GraphStore => pusher.put(None)?,
        };
        pushed.default = Some(default_hash);
        report.default_graph_sent = true;
        progress(total, total);
    }
    save(&pushed, &mut state)?;
    if report.graphs_sent + report.graphs_deleted > 0 || report.default_graph_sent {
        report.protocol = match protocol {
            Protocol::Update => "update",
            Protocol::Bulk => "bulk",
            Protocol::Auto | Protocol::GraphStore => "graph-store",
        }
        .to_owned();
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::WithHelp;

    #[test]
    fn a_damaged_push_record_says_how_to_start_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        std::fs::write(&path, "{").unwrap();
        let Err(err) = State::load(&path) else {
            panic!("a damaged record was read");
        };
        assert_eq!(
            WithHelp(&err).to_string(),
            format!(
                "{} is not a push record: EOF while parsing an object at line 1 column 1\n  help: delete it to push everything again",
                path.display()
            )
        );
    }

    #[test]
    fn updates_replace_whole_graphs() {
        assert_eq!(
            replacing_update(Some("http://e.org/g"), "<a> <b> <c> .\n"),
            "DROP SILENT GRAPH <http://e.org/g> ;\nINSERT DATA { GRAPH <http://e.org/g> {\n<a> <b> <c> .\n} }"
        );
        assert_eq!(
            replacing_update(None, ""),
            "DROP SILENT DEFAULT ;\nINSERT DATA {\n}"
        );
    }

    #[test]
    fn graph_urls_encode_the_graph() {
        let options = PushOptions {
            endpoint: "http://127.0.0.1:7879/".into(),
            graph_store_path: "/store".into(),
            update_path: "/update".into(),
            protocol: Protocol::Auto,
            since_last_push: false,
            parallel: 1,
            batch_size: 1,
            format: RdfFormat::NTriples,
        };
        assert_eq!(
            graph_store_url(&options, Some("https://w3id.org/factgraph/article/a b")),
            "http://127.0.0.1:7879/store?graph=https%3A%2F%2Fw3id.org%2Ffactgraph%2Farticle%2Fa+b"
        );
        assert_eq!(
            graph_store_url(&options, None),
            "http://127.0.0.1:7879/store?default"
        );
        assert_eq!(update_url(&options), "http://127.0.0.1:7879/update");
    }
}
