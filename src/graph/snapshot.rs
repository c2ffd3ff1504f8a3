//! The entity graph saved beside the store, so that the next process loads it in a fraction of
//! a second instead of decoding every quad of the store again (about two minutes at a million
//! facts, nearly all of it spent by the storage engine turning ids back into IRIs).
//!
//! The file is one of the store's derived files: the store removes it before any write, so a
//! file that is there describes the store as it is. It also names the format version and the
//! ontology it was built under; a file that does not match, or that cannot be read whole, is
//! ignored and the graph is built from the store again.

use std::io::{self, BufReader, Read, Write};

use oxigraph::model::NamedNode;
use petgraph::graph::NodeIndex;

use super::{Article, Entity, Projection, Relation, Support};
use crate::ontology::Ontology;
use crate::rdf::content_hash;
use crate::store::Store;

const FILE: &str = "entity-graph.bin";
const MAGIC: &[u8; 8] = b"FGGRAPH1";

/// Names the ontology a graph was built under: its classes and properties, which decide what
/// is an entity, a relation and a class.
pub(super) fn ontology_stamp(ontology: &Ontology) -> String {
    let classes: Vec<_> = ontology.classes().collect();
    let properties: Vec<_> = ontology.properties().collect();
    content_hash(&[format!("{classes:?}{properties:?}").as_bytes()])
}

/// Loads the saved graph, if there is a valid one for this ontology.
pub(super) fn load(store: &Store, ontology_stamp: &str) -> Option<Projection> {
    let file = store.open_derived(FILE)?;
    let mut input = Input(BufReader::with_capacity(1 << 20, file));
    read(&mut input, ontology_stamp).ok()
}

/// Saves the graph built from a read of the store that began at `generation`.
pub(super) fn save(
    store: &Store,
    generation: u64,
    projection: &Projection,
    ontology_stamp: &str,
) -> io::Result<bool> {
    store.save_derived(FILE, generation, |out| {
        write(&mut Output(out), projection, ontology_stamp)
    })
}

fn write(out: &mut Output<'_>, projection: &Projection, ontology_stamp: &str) -> io::Result<()> {
    out.0.write_all(MAGIC)?;
    out.text(ontology_stamp)?;
    out.count(projection.articles.len())?;
    for article in &projection.articles {
        out.text(article.iri.as_str())?;
        out.text(&article.id)?;
        out.optional_text(article.published.as_deref())?;
    }
    out.count(projection.graph.node_count())?;
    for entity in projection.graph.node_weights() {
        out.text(entity.iri.as_str())?;
        out.text(&entity.label)?;
        out.text(&entity.class)?;
        out.count(entity.aliases.len())?;
        for alias in &entity.aliases {
            out.text(alias)?;
        }
    }
    // Predicates repeat on every edge: each is written once and referred to by number.
    let mut predicates: Vec<&str> = projection
        .graph
        .edge_weights()
        .map(|r| r.predicate.as_str())
        .collect();
    predicates.sort_unstable();
    predicates.dedup();
    out.count(predicates.len())?;
    for predicate in &predicates {
        out.text(predicate)?;
    }
    out.count(projection.graph.edge_count())?;
    for edge in projection.graph.raw_edges() {
        out.count(edge.source().index())?;
        out.count(edge.target().index())?;
        let predicate = predicates
            .binary_search(&edge.weight.predicate.as_str())
            .unwrap_or_default();
        out.count(predicate)?;
        out.count(edge.weight.supports.len())?;
        for support in &edge.weight.supports {
            out.count(support.article)?;
            out.0.write_all(&support.confidence.to_le_bytes())?;
            out.optional_text(support.evidence.as_deref())?;
        }
    }
    out.0.write_all(MAGIC)
}

fn read(input: &mut Input, ontology_stamp: &str) -> io::Result<Projection> {
    input.magic()?;
    if input.text()? != ontology_stamp {
        return Err(invalid("built under another ontology"));
    }
    let mut projection = Projection::default();
    for _ in 0..input.count()? {
        projection.articles.push(Article {
            iri: input.iri()?,
            id: input.text()?,
            published: input.optional_text()?,
        });
    }
    for _ in 0..input.count()? {
        let iri = input.iri()?;
        let label = input.text()?;
        let class = input.text()?;
        let aliases = (0..input.count()?)
            .map(|_| input.text())
            .collect::<io::Result<_>>()?;
        let node = projection.graph.add_node(Entity {
            iri: iri.clone(),
            label,
            class,
            aliases,
        });
        projection.by_iri.insert(iri, node);
    }
    let predicates: Vec<String> = (0..input.count()?)
        .map(|_| input.text())
        .collect::<io::Result<_>>()?;
    let nodes = projection.graph.node_count();
    let articles = projection.articles.len();
    for _ in 0..input.count()? {
        let (source, target) = (input.count()?, input.count()?);
        let predicate = predicates
            .get(input.count()?)
            .ok_or_else(|| invalid("predicate out of range"))?;
        if source >= nodes || target >= nodes {
            return Err(invalid("entity out of range"));
        }
        let support_count = input.count()?;
        let mut supports = Vec::with_capacity(support_count.min(1 << 16));
        for _ in 0..support_count {
            let article = input.count()?;
            if article >= articles {
                return Err(invalid("article out of range"));
            }
            supports.push(Support {
                article,
                confidence: input.float()?,
                evidence: input.optional_text()?,
            });
        }
        projection.graph.add_edge(
            NodeIndex::new(source),
            NodeIndex::new(target),
            Relation {
                predicate: predicate.clone(),
                supports,
            },
        );
    }
    input.magic()?;
    projection.index_names();
    Ok(projection)
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

struct Output<'a>(&'a mut dyn Write);

impl Output<'_> {
    fn count(&mut self, n: usize) -> io::Result<()> {
        let n = u64::try_from(n).map_err(|_| invalid("count too large"))?;
        self.0.write_all(&n.to_le_bytes())
    }

    fn text(&mut self, text: &str) -> io::Result<()> {
        self.count(text.len())?;
        self.0.write_all(text.as_bytes())
    }

    fn optional_text(&mut self, text: Option<&str>) -> io::Result<()> {
        match text {
            Some(text) => {
                self.0.write_all(&[1])?;
                self.text(text)
            }
            None => self.0.write_all(&[0]),
        }
    }
}

struct Input(BufReader<std::fs::File>);

impl Input {
    fn bytes<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut bytes = [0; N];
        self.0.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    fn magic(&mut self) -> io::Result<()> {
        if self.bytes::<8>()? == *MAGIC {
            Ok(())
        } else {
            Err(invalid("not an entity graph file of this version"))
        }
    }

    fn count(&mut self) -> io::Result<usize> {
        usize::try_from(u64::from_le_bytes(self.bytes()?)).map_err(|_| invalid("count too large"))
    }

    fn float(&mut self) -> io::Result<f64> {
        Ok(f64::from_le_bytes(self.bytes()?))
    }

    fn text(&mut self) -> io::Result<String> {
        let len = self.count()?;
        let mut text = Vec::with_capacity(len.min(1 << 20));
        (&mut self.0).take(len as u64).read_to_end(&mut text)?;
        if text.len() != len {
            return Err(invalid("truncated"));
        }
        String::from_utf8(text).map_err(|_| invalid("text is not UTF-8"))
    }

    fn optional_text(&mut self) -> io::Result<Option<String>> {
        match self.bytes::<1>()? {
            [0] => Ok(None),
            [1] => self.text().map(Some),
            _ => Err(invalid("bad optional text marker")),
        }
    }

    fn iri(&mut self) -> io::Result<NamedNode> {
        NamedNode::new(self.text()?).map_err(|_| invalid("bad IRI"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ingest::{self, Input, Inputs, Options};
    use crate::resolve::IriBase;

    /// A new store in a temporary folder, with these sheets of tests/fixtures/good ingested.
    fn store_with(sheets: &[&str]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        ingest(&store, sheets);
        (dir, store)
    }

    fn ingest(store: &Store, sheets: &[&str]) {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let inputs = Inputs {
            sheets: sheets
                .iter()
                .map(|s| Input::File(fixtures.join(s)))
                .collect(),
            ..Inputs::default()
        };
        let report = ingest::ingest(
            &inputs,
            Some(store),
            &Options {
                base: IriBase::default(),
                lenient: false,
                dry_run: false,
            },
            &mut |_| {},
        )
        .expect("fixtures ingest");
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
    }

    /// Everything a projection holds, in its order.
    fn contents(projection: &Projection) -> Vec<String> {
        let mut lines: Vec<String> = projection
            .articles
            .iter()
            .map(|a| format!("{a:?}"))
            .collect();
        lines.extend(projection.entities().map(|e| format!("{e:?}")));
        lines.extend(
            (0..projection.edge_count())
                .map(|e| format!("{:?} {:?}", projection.endpoints(e), projection.relation(e))),
        );
        lines
    }

    fn stamp() -> String {
        ontology_stamp(Ontology::embedded().expect("ontology"))
    }

    #[test]
    fn a_saved_graph_loads_as_it_was_built() {
        let (_dir, store) = store_with(&["story-a.json", "story-b.json"]);
        let built =
            Projection::from_store(&store, Ontology::embedded().expect("ontology")).expect("build");
        assert!(built.edge_count() > 0);
        let loaded = load(&store, &stamp()).expect("the build saved the graph");
        assert_eq!(contents(&loaded), contents(&built));
        assert_eq!(loaded.lookup("TRUMP").ok(), built.lookup("trump").ok());
    }

    #[test]
    fn a_write_removes_the_saved_graph_and_the_next_build_sees_it() {
        let (_dir, store) = store_with(&["story-a.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let before = Projection::from_store(&store, ontology).expect("build");
        assert!(before.lookup("Alibaba").is_err());
        assert!(load(&store, &stamp()).is_some());
        ingest(&store, &["story-b.json"]);
        assert!(
            load(&store, &stamp()).is_none(),
            "the write left a stale graph"
        );
        let after = Projection::from_store(&store, ontology).expect("build");
        let alibaba = after.lookup("Alibaba").expect("the new entity");
        assert!((0..after.edge_count()).any(|e| {
            let (subject, object) = after.endpoints(e);
            subject == alibaba || object == alibaba
        }));
    }

    #[test]
    fn a_build_that_overlapped_a_write_is_not_kept() {
        let (_dir, store) = store_with(&["story-a.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let generation = store.generation();
        let projection = Projection::from_quads(store.quads(), ontology).expect("build");
        ingest(&store, &["story-b.json"]);
        assert!(!save(&store, generation, &projection, &stamp()).expect("save"));
        assert!(load(&store, &stamp()).is_none());
        assert!(save(&store, store.generation(), &projection, &stamp()).expect("save"));
        assert!(load(&store, &stamp()).is_some());
    }

    #[test]
    fn a_cancelled_build_gives_up_and_saves_nothing() {
        let (_dir, store) = store_with(&["story-a.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let cancelled = std::sync::atomic::AtomicBool::new(true);
        let outcome = Projection::from_store_unless(&store, ontology, &cancelled).expect("read");
        assert!(outcome.is_none());
        assert!(load(&store, &stamp()).is_none());
        cancelled.store(false, std::sync::atomic::Ordering::SeqCst);
        let built = Projection::from_store_unless(&store, ontology, &cancelled)
            .expect("read")
            .expect("not cancelled");
        assert!(built.edge_count() > 0);
        assert!(load(&store, &stamp()).is_some());
    }

    #[test]
    fn a_damaged_or_foreign_file_is_ignored_and_built_again() {
        let (dir, store) = store_with(&["story-a.json", "story-b.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let built = Projection::from_store(&store, ontology).expect("build");
        assert!(load(&store, "another ontology").is_none());
        let file = dir.path().join("factgraph-derived").join(FILE);
        let bytes = std::fs::read(&file).expect("saved file");
        for damaged in [
            &bytes[..bytes.len() / 2],
            &bytes[..bytes.len() - 1],
            b"FGGRAPH1",
        ] {
            std::fs::write(&file, damaged).expect("damage");
            assert!(load(&store, &stamp()).is_none());
            let rebuilt = Projection::from_store(&store, ontology).expect("rebuild");
            assert_eq!(contents(&rebuilt), contents(&built));
        }
    }
}
