//! The entity graph of a store that held no articles, built from the article graphs a write
//! puts into it, as they go in, rather than from the store's quads afterwards: ingest has the
//! quads at hand, whereas reading them back out of the store turns every term id into its
//! string again, a storage read each (a quarter of an hour at ten million facts). A patch of a
//! saved graph takes the changed graphs the same way ([`super::Writing`]).

use std::sync::mpsc::Receiver;

use oxigraph::model::{GraphNameRef, QuadRef, Term};

use super::snapshot;
use crate::graph::{Builder, relation_name};
use crate::ontology::Ontology;
use crate::rdf::{ArticleGraph, is_merged};
use crate::store::{Changes, Store};

/// What the graphs handed over so far say.
pub(super) struct Read {
    builder: Builder,
    graphs: usize,
}

/// Saves the entity graph built from the graphs a write into a store that held no articles
/// handed over (`read`), when the writes, which ended at `generation`, wrote those graphs and
/// nothing else: they are then the whole store.
pub(super) fn save_built(
    store: &Store,
    ontology: &Ontology,
    read: Option<Read>,
    changes: &Changes,
    generation: u64,
) {
    let Some(mut read) = read else {
        return;
    };
    if read.graphs > 0 && !changes.everything && changes.articles.len() == read.graphs {
        edges_as_stated(&mut read.builder);
        let projection = read.builder.finish(ontology);
        // Quotes its scratch file lost: the next query builds the graph from the store.
        if projection.quotes.failed() {
            return;
        }
        // Only a cache: when it cannot be saved, the next query builds the graph.
        let saved = snapshot::save(
            store,
            generation,
            &projection,
            &snapshot::ontology_stamp(ontology),
        );
        // The default path query's hub table, saved beside it: what the next process would
        // otherwise work out again.
        if matches!(saved, Ok(true)) {
            projection.prepare_hub_table();
            let _ = projection.save_hub_table(store, generation);
        }
    }
}

/// Gives the builder the merged graph's facts between entities: those its articles state.
fn edges_as_stated(builder: &mut Builder) {
    builder.edges.extend(builder.stated.keys().cloned());
}

/// Reads the graphs as they are handed over. `None` when one comes twice (a dataset that adds
/// to a graph of an earlier batch writes it again whole): what was read of it the first time
/// cannot be taken back.
pub(super) fn read_written(
    receiver: Receiver<Vec<ArticleGraph>>,
    builder: Builder,
    ontology: &Ontology,
) -> Option<Read> {
    let mut read = Read { builder, graphs: 0 };
    for articles in &receiver {
        for article in &articles {
            if read.builder.iris.find(article.graph.as_str()).is_some() {
                return None;
            }
            for quad in &article.quads {
                // The store puts these in its merged default graph as well (`rdf::is_merged`),
                // and a build from the store reads them there. Not the facts between entities:
                // each is the fact its article states, which the builder counts from the
                // article's graph already, and whose merged copies come once per article
                // rather than once per fact (see `edges_as_stated`).
                let stated_fact = quad.subject.as_ref() != article.graph.as_ref().into()
                    && matches!(quad.object, Term::NamedNode(_))
                    && relation_name(quad.predicate.as_ref(), ontology).is_some();
                if !stated_fact && is_merged(quad.predicate.as_ref(), &quad.object, ontology) {
                    let merged = QuadRef::new(
                        &quad.subject,
                        &quad.predicate,
                        &quad.object,
                        GraphNameRef::DefaultGraph,
                    );
                    read.builder.add(merged, ontology);
                }
                read.builder.add(quad.as_ref(), ontology);
            }
            read.builder.settle();
            read.graphs += 1;
        }
    }
    Some(read)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::sync::mpsc::sync_channel;

    use super::*;
    use crate::graph::Projection;
    use crate::graph::tests::{ingest, saved_file, sheet_versions};
    use crate::ingest::Input;

    proptest! {
        // Each case ingests into a store on disk and builds the graph again from it (about
        // 0.1–0.3 s): 192 cases of the far larger space (7 sheets, each left out or cut
        // after any of its facts, in any order, with a broken sheet anywhere or none) stay
        // under a minute on a busy two-core machine.
        #![proptest_config(ProptestConfig::with_cases(192))]

        /// Whatever an ingest into a new store takes in, whole sheets or cut short, in any
        /// order, with a sheet that fails or not, the graph it saves is, byte for byte, the one
        /// a build from the store's quads saves.
        #[test]
        fn the_graph_built_from_the_writes_is_the_one_built_from_the_store(
            cuts in proptest::collection::vec(proptest::option::of(any::<proptest::sample::Index>()), 7),
            order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
            broken in proptest::option::of(any::<proptest::sample::Index>()),
        ) {
            let versions = sheet_versions();
            let mut sheets: Vec<Input> = order
                .iter()
                .filter_map(|&i| {
                    cuts[i].map(|cut| {
                        let (id, bytes) = &versions[i];
                        let mut sheet: serde_json::Value =
                            serde_json::from_slice(&bytes[0]).expect("a sheet");
                        let facts = sheet["facts"].as_array_mut().expect("facts");
                        facts.truncate(cut.index(facts.len() + 1));
                        Input::Memory {
                            name: format!("{id}.json"),
                            bytes: serde_json::to_vec(&sheet).expect("bytes"),
                        }
                    })
                })
                .collect();
            let written = sheets.len();
            if let Some(place) = broken {
                let place = place.index(sheets.len() + 1);
                sheets.insert(place, Input::Memory {
                    name: "broken.json".to_owned(),
                    bytes: b"{\"article\": ".to_vec(),
                });
            }
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("store");
            let report = ingest(&store, sheets);
            prop_assert_eq!(report.articles_written, written);
            let file = saved_file(dir.path());
            if written == 0 {
                prop_assert!(!file.exists());
                return Ok(());
            }
            let from_writes = std::fs::read(&file).expect("a graph saved by the ingest");
            std::fs::remove_file(&file).expect("remove");
            let ontology = Ontology::embedded().expect("ontology");
            Projection::from_store(&store, ontology).expect("build");
            let from_store = std::fs::read(&file).expect("a graph saved by the build");
            prop_assert!(from_writes == from_store, "the saved graphs differ");
        }
    }

    /// An ingest into a store that already holds articles, and has no saved graph, leaves the
    /// graph to the next query: the articles it hands over are not the whole store.
    #[test]
    fn a_store_with_articles_is_not_built_from_the_writes() {
        let versions = sheet_versions();
        let sheet = |i: usize| Input::Memory {
            name: format!("{}.json", versions[i].0),
            bytes: versions[i].1[0].clone(),
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        ingest(&store, vec![sheet(0)]);
        std::fs::remove_file(saved_file(dir.path())).expect("a saved graph");
        ingest(&store, vec![sheet(1)]);
        assert!(!saved_file(dir.path()).exists());
    }

    /// A graph handed over a second time stops the build: its first reading cannot be undone.
    #[test]
    fn a_graph_handed_over_twice_is_not_built() {
        let versions = sheet_versions();
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        crate::graph::tests::ingest_sheets(
            &store,
            vec![Input::Memory {
                name: "a.json".to_owned(),
                bytes: versions[0].1[0].clone(),
            }],
        );
        let graph = store
            .articles()
            .expect("articles")
            .pop()
            .expect("one article");
        let article = || ArticleGraph {
            id: String::new(),
            graph: graph.clone(),
            quads: store.graph_quads(graph.as_ref().into()).expect("quads"),
        };
        let ontology = Ontology::embedded().expect("ontology");
        let (sender, receiver) = sync_channel(2);
        sender.send(vec![article()]).expect("send");
        sender.send(vec![article()]).expect("send");
        drop(sender);
        assert!(read_written(receiver, Builder::default(), ontology).is_none());
        let (sender, receiver) = sync_channel(1);
        sender.send(vec![article()]).expect("send");
        drop(sender);
        let read = read_written(receiver, Builder::default(), ontology).expect("one reading");
        assert_eq!(read.graphs, 1);
    }
}
