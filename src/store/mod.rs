//! The embedded, persistent Oxigraph store, and the invariants we keep in it:
//! one named graph per article, the ontology in its own graph, and a merged default graph that
//! holds a triple exactly as long as some article graph states it.

mod changes;
mod checkpoints;
mod shape;
mod sparql;
mod stated;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxigraph::io::RdfFormat;

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::store::{StorageError, Transaction};

pub use changes::{ChangeFeed, Changes, PARTIAL, SCRATCH};
pub use shape::{MAX_DEPTH, MAX_WIDTH, STACK_BYTES, TooComplex};
pub use sparql::{
    Answer, ParsedQuery, QueryDataset, QueryKind, QueryLimits, QueryOutput, Stats, SyntaxError,
    compact, read_results, serializer, update_names_what_it_writes, write_quads,
};
pub use stated::{FactTerm, Stated, StatedFact, Statement};

use crate::diagnostic::Help;
use crate::ontology::{ONTOLOGY_IRI, Ontology, PropertyKind, TURTLE};
use crate::rdf::vocab::{fg, owl, schema, skos};
use crate::rdf::{ArticleGraph, is_merged};
use crate::resolve::KnownEntity;
use crate::text::content_hash;
use changes::{Changing, Derived};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot open the store at {path}: {source}")]
    Open { path: PathBuf, source: StorageError },
    #[error("no store at {0}")]
    Missing(PathBuf),
    #[error(
        "the store at {0} is in use by another process: an ingest or another write still running, or a server that left no address in {0}/factgraph-serve.json"
    )]
    Locked(PathBuf),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("SPARQL syntax error: {0}")]
    Syntax(SyntaxError),
    #[error("query evaluation failed: {0}")]
    Evaluation(String),
    #[error("the query was cancelled")]
    Cancelled,
    #[error("the SPARQL text is too complex: {0}")]
    TooComplex(TooComplex),
    #[error(
        "the query needed more than {} MB of memory, its limit; narrow it (LIMIT, more specific patterns, no unbounded property paths)",
        .0 / (1024 * 1024)
    )]
    OverMemory(usize),
    #[error("the ontology graph <{ONTOLOGY_IRI}> cannot be written: {0}")]
    OntologyGraph(String),
    #[error("the query gives more than {0} results")]
    TooManyResults(usize),
    #[error("cannot load the ontology: {0}")]
    Ontology(String),
    #[error("cannot list {}", .path.display())]
    List {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot remove {path} before writing the store: {source}; remove it by hand")]
    Derived {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Missing(_) => Some(
                "run `factgraph ingest DIR` first, or point --store (or FACTGRAPH_STORE) at a store"
                    .to_owned(),
            ),
            Self::Locked(_) => Some(
                "wait for it to finish or stop it, then run the command again (while `factgraph serve` runs, read commands go through it by themselves)"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

/// What [`optimize_on_disk`] did, as `optimize --json` gives it; keys in alphabetical order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Optimized {
    pub bytes_after: u64,
    pub bytes_before: u64,
    pub seconds: f64,
    /// The store's folder, as given.
    pub store: PathBuf,
}

/// Optimizes the store at `path` ([`Store::optimize`]), and measures its files on disk before
/// and after (once the store is closed, so that what it wrote on closing counts).
pub fn optimize_on_disk(path: &Path) -> Result<Optimized, Error> {
    let store = Store::open_existing(path)?;
    let bytes_before = bytes_under(path)?;
    let started = std::time::Instant::now();
    store.optimize()?;
    let seconds = started.elapsed().as_secs_f64();
    drop(store);
    Ok(Optimized {
        bytes_after: bytes_under(path)?,
        bytes_before,
        seconds,
        store: path.to_owned(),
    })
}

/// The bytes of every file under a directory.
fn bytes_under(dir: &Path) -> Result<u64, Error> {
    let listing = |source| Error::List {
        path: dir.to_owned(),
        source,
    };
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(listing)? {
        let entry = entry.map_err(listing)?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            total += bytes_under(&entry.path())?;
        } else if kind.is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}

/// Removes the files of bulk loads that never finished. Oxigraph writes a bulk load's sorted
/// runs to `bulk-*.sst` files in the store's folder and removes them once RocksDB has taken them
/// in; a load stopped by a full disk or a kill leaves them for good. Called once the store is
/// open, so this process holds its lock and no load of another can be under way.
fn remove_unfinished_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            // Best effort: a file that cannot go now is tried again at the next open.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Adds what one merged-graph triple says of an entity to what resolution knows of it.
fn describe(
    entity: &mut KnownEntity,
    predicate: NamedNodeRef<'_>,
    object: Term,
    ontology: &Ontology,
) {
    match object {
        Term::NamedNode(class) if predicate == rdf::TYPE => {
            if let Some(class) = ontology.class_by_iri(class.as_str()) {
                entity.classes.push(class.name.clone());
            }
        }
        Term::Literal(name) if predicate == rdfs::LABEL => {
            // Several labels only arise from hand edits; keep the smallest, deterministically.
            if entity.label.is_empty() || name.value() < entity.label.as_str() {
                entity.label = name.value().to_owned();
            }
            entity.names.push(name.value().to_owned());
        }
        Term::Literal(name) if predicate == skos::ALT_LABEL => {
            entity.names.push(name.value().to_owned());
        }
        Term::NamedNode(link) if predicate == owl::SAME_AS => {
            entity.same_as.push(link.into_string())
        }
        _ => {}
    }
}

/// An article's metadata as its sheet gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    pub iri: NamedNode,
    pub id: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

/// Cheap to clone: clones share one open store.
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
    derived: Arc<Derived>,
}

impl Store {
    /// Opens the store at `path`, creating it if needed.
    pub fn open(path: &Path) -> Result<Self, Error> {
        let inner = oxigraph::store::Store::open(path).map_err(|source| {
            // RocksDB reports a lock held by another process only in its message.
            let message = source.to_string();
            if message.contains("lock") && message.contains("temporarily unavailable") {
                Error::Locked(path.to_owned())
            } else {
                Error::Open {
                    path: path.to_owned(),
                    source,
                }
            }
        })?;
        remove_unfinished_bulk_files(path);
        Ok(Self {
            inner,
            derived: Arc::new(Derived::in_store(path)),
        })
    }

    /// Whether the merged graph holds every fact `graphs` state, and every fact of `merged`
    /// (quads an update put into or took out of it) that some article graph states: what an
    /// update that wrote only those must leave true for the store to be in step again.
    fn merged_holds_what_they_state(
        &self,
        graphs: &BTreeSet<NamedNode>,
        merged: &[Quad],
        ontology: &Ontology,
    ) -> Result<bool, Error> {
        let fact = |quad: &Quad| -> Option<(NamedNode, NamedNode)> {
            let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(object)) =
                (&quad.subject, &quad.object)
            else {
                return None;
            };
            ontology
                .property_by_iri(quad.predicate.as_str())
                .is_some_and(|p| p.kind == PropertyKind::Relation)
                .then(|| (subject.clone(), object.clone()))
        };
        let merged_holds = |subject: &NamedNode, quad: &Quad, object: &NamedNode| {
            self.merged_contains(subject.as_ref(), quad.predicate.as_ref(), object.as_ref())
        };
        for graph in graphs {
            for quad in self.quads_in(graph.as_ref().into()) {
                let quad = quad?;
                if let Some((subject, object)) = fact(&quad) {
                    if &subject != graph && !merged_holds(&subject, &quad, &object)? {
                        return Ok(false);
                    }
                }
            }
        }
        for quad in merged {
            let Some((subject, object)) = fact(quad) else {
                continue;
            };
            if merged_holds(&subject, quad, &object)? {
                continue;
            }
            for stated in self.inner.quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(quad.predicate.as_ref()),
                Some(object.as_ref().into()),
                None,
            ) {
                if stated_by_an_article(&stated?.graph_name) {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// Opens a store that must already exist (for commands that only read).
    pub fn open_existing(path: &Path) -> Result<Self, Error> {
        if !path.join("CURRENT").is_file() {
            return Err(Error::Missing(path.to_owned()));
        }
        Self::open(path)
    }

    pub fn len(&self) -> Result<usize, Error> {
        Ok(self.inner.len()?)
    }

    /// Merges the files each bulk load leaves beside the others into one sorted run per index
    /// (Oxigraph's full compaction). Every term a read decodes is a lookup that visits each
    /// overlapping file, so after a large ingest reads get faster and the store smaller. The
    /// quads are untouched, and so are the derived files computed from them.
    pub fn optimize(&self) -> Result<(), Error> {
        Ok(self.inner.optimize()?)
    }

    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.inner.is_empty()?)
    }

    /// Every quad, for tests and exports.
    pub fn quads(&self) -> impl Iterator<Item = Result<Quad, Error>> + '_ {
        self.inner.iter().map(|q| q.map_err(Error::from))
    }

    /// Loads the ontology into its graph, replacing an older version.
    pub fn ensure_ontology(&self) -> Result<(), Error> {
        let graph = NamedNode::new_unchecked(ONTOLOGY_IRI);
        let hash = oxigraph::model::Literal::from(content_hash(&[TURTLE.as_bytes()]));
        let hash_predicate = fg::content_hash();
        let marker = QuadRef::new(
            graph.as_ref(),
            hash_predicate.as_ref(),
            &hash,
            graph.as_ref(),
        );
        if self.inner.contains(marker)? {
            return Ok(());
        }
        let mut changing = self.changing()?;
        // No article changes: what is derived from the store reads the articles and the
        // merged graph under the ontology compiled in, not this copy of it.
        changing.by_article();
        let mut transaction = self.inner.start_transaction()?;
        transaction.clear_graph(graph.as_ref())?;
        transaction
            .load_from_slice(
                oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
                    .without_named_graphs()
                    .with_default_graph(graph.clone()),
                TURTLE,
            )
            .map_err(|err| Error::Ontology(err.to_string()))?;
        transaction.insert(marker);
        transaction.commit()?;
        Ok(())
    }

    /// The content hash recorded for one article graph, if it has one.
    pub fn article_hash(&self, article: NamedNodeRef<'_>) -> Result<Option<String>, Error> {
        for quad in self.inner.quads_for_pattern(
            Some(article.into()),
            Some(fg::content_hash().as_ref()),
            None,
            Some(article.into()),
        ) {
            if let Term::Literal(hash) = quad?.object {
                return Ok(Some(hash.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// One entity of the merged graph, as [`Store::known_entities`] lists it.
    pub fn known_entity(
        &self,
        iri: NamedNodeRef<'_>,
        ontology: &Ontology,
    ) -> Result<Option<KnownEntity>, Error> {
        let mut entity = KnownEntity {
            iri: iri.into_owned(),
            label: String::new(),
            classes: Vec::new(),
            names: Vec::new(),
            same_as: Vec::new(),
        };
        // Predicate by predicate: a hub states thousands of facts that resolution does not need.
        for predicate in [rdf::TYPE, rdfs::LABEL, skos::ALT_LABEL, owl::SAME_AS] {
            for quad in self.inner.quads_for_pattern(
                Some(iri.into()),
                Some(predicate),
                None,
                Some(GraphNameRef::DefaultGraph),
            ) {
                describe(&mut entity, predicate, quad?.object, ontology);
            }
        }
        Ok((!entity.label.is_empty() && !entity.classes.is_empty()).then_some(entity))
    }

    /// The entities of the merged graph, for resolving new mentions against them.
    pub fn known_entities(&self, ontology: &Ontology) -> Result<Vec<KnownEntity>, Error> {
        let mut entities: BTreeMap<NamedNode, KnownEntity> = BTreeMap::new();
        let default = GraphNameRef::DefaultGraph;
        for quad in self
            .inner
            .quads_for_pattern(None, Some(rdf::TYPE), None, Some(default))
        {
            let quad = quad?;
            let (NamedOrBlankNode::NamedNode(iri), Term::NamedNode(class)) =
                (quad.subject, quad.object)
            else {
                continue;
            };
            if let Some(class) = ontology.class_by_iri(class.as_str()) {
                entities
                    .entry(iri.clone())
                    .or_insert_with(|| KnownEntity {
                        iri,
                        label: String::new(),
                        classes: Vec::new(),
                        names: Vec::new(),
                        same_as: Vec::new(),
                    })
                    .classes
                    .push(class.name.clone());
            }
        }
        for predicate in [rdfs::LABEL, skos::ALT_LABEL, owl::SAME_AS] {
            for quad in self
                .inner
                .quads_for_pattern(None, Some(predicate), None, Some(default))
            {
                let quad = quad?;
                let NamedOrBlankNode::NamedNode(iri) = quad.subject else {
                    continue;
                };
                let Some(entity) = entities.get_mut(&iri) else {
                    continue;
                };
                describe(entity, predicate, quad.object, ontology);
            }
        }
        Ok(entities
            .into_values()
            .filter(|e| !e.label.is_empty())
            .collect())
    }

    /// Writes articles in one transaction: each replaces its earlier graph, and the merged graph
    /// follows. Either all of them are written or, on any error, none.
    pub fn write_articles(
        &self,
        articles: &[ArticleGraph],
        ontology: &Ontology,
    ) -> Result<(), Error> {
        let mut changing = self.changing()?;
        changing.by_article();
        let mut transaction = self.inner.start_transaction()?;
        let mut withdrawn = Vec::new();
        for article in articles {
            withdrawn.extend(remove_graph(
                &mut transaction,
                article.graph.as_ref(),
                ontology,
                &mut changing,
            )?);
            for quad in &article.quads {
                transaction.insert(quad);
                if is_merged(quad.predicate.as_ref(), &quad.object, ontology) {
                    transaction.insert(QuadRef::new(
                        &quad.subject,
                        &quad.predicate,
                        &quad.object,
                        GraphNameRef::DefaultGraph,
                    ));
                }
            }
        }
        drop_unsupported(&mut transaction, withdrawn)?;
        transaction.commit()?;
        Ok(())
    }

    /// Writes articles that are not in the store yet with Oxigraph's bulk loader, which is several
    /// times faster than a transaction and, committed in one step, as atomic: after a crash the
    /// whole batch is there or none of it.
    pub fn write_new_articles(
        &self,
        articles: &[ArticleGraph],
        ontology: &Ontology,
    ) -> Result<(), Error> {
        let mut quads = Vec::with_capacity(articles.iter().map(|a| a.quads.len() * 3 / 2).sum());
        for article in articles {
            for quad in &article.quads {
                if is_merged(quad.predicate.as_ref(), &quad.object, ontology) {
                    quads.push(Quad::new(
                        quad.subject.clone(),
                        quad.predicate.clone(),
                        quad.object.clone(),
                        GraphName::DefaultGraph,
                    ));
                }
                quads.push(quad.clone());
            }
        }
        let mut changing = self.changing()?;
        changing.by_article();
        for article in articles {
            changing.article(article.graph.as_ref(), &[]);
        }
        let mut loader = self.inner.bulk_loader();
        loader.load_quads(quads)?;
        loader.commit()?;
        Ok(())
    }

    /// Removes an article's graph and what only it stated from the merged graph.
    /// Returns whether the article was there.
    pub fn remove_article(
        &self,
        graph: NamedNodeRef<'_>,
        ontology: &Ontology,
    ) -> Result<bool, Error> {
        if graph.as_str() == ONTOLOGY_IRI {
            return Err(Error::OntologyGraph(
                "it is no article; it holds the vocabulary every article is read with".into(),
            ));
        }
        let mut changing = self.changing()?;
        changing.by_article();
        let mut transaction = self.inner.start_transaction()?;
        if !transaction.contains_named_graph(graph)? {
            return Ok(false);
        }
        let withdrawn = remove_graph(&mut transaction, graph, ontology, &mut changing)?;
        drop_unsupported(&mut transaction, withdrawn)?;
        transaction.remove_named_graph(graph)?;
        transaction.commit()?;
        Ok(true)
    }

    /// Writes the whole dataset (a format with graphs) or one graph (any format), streaming.
    pub fn dump(
        &self,
        format: RdfFormat,
        graph: Option<GraphNameRef<'_>>,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let serializer = sparql::serializer(format);
        let result = match graph {
            // A named graph in a format with graphs keeps its name.
            Some(GraphNameRef::NamedNode(name)) if format.supports_datasets() => {
                let mut writer = serializer.for_writer(out);
                for quad in self
                    .inner
                    .quads_for_pattern(None, None, None, Some(name.into()))
                {
                    writer.serialize_quad(&quad?)?;
                }
                writer
                    .finish()
                    .map(drop)
                    .map_err(oxigraph::store::SerializerError::from)
            }
            Some(graph) => self
                .inner
                .dump_graph_to_writer(graph, serializer, out)
                .map(drop),
            None => self.inner.dump_to_writer(serializer, out).map(drop),
        };
        result.map_err(|err| match err {
            oxigraph::store::SerializerError::Io(io) => Error::Io(io),
            oxigraph::store::SerializerError::Storage(storage) => Error::Storage(storage),
            other => Error::Evaluation(other.to_string()),
        })
    }

    /// Each article's metadata, sorted by IRI.
    pub fn article_list(&self) -> Result<Vec<ArticleInfo>, Error> {
        self.articles()?
            .into_iter()
            .map(|iri| self.article_metadata(iri))
            .collect()
    }

    /// One article's metadata, if the store holds the article.
    pub fn article_info(&self, iri: NamedNodeRef<'_>) -> Result<Option<ArticleInfo>, Error> {
        let stored = self.inner.contains(QuadRef::new(
            iri,
            rdf::TYPE,
            schema::NEWS_ARTICLE,
            GraphNameRef::NamedNode(iri),
        ))?;
        if !stored {
            return Ok(None);
        }
        self.article_metadata(iri.into_owned()).map(Some)
    }

    fn article_metadata(&self, iri: NamedNode) -> Result<ArticleInfo, Error> {
        let mut info = ArticleInfo {
            iri: iri.clone(),
            id: None,
            title: None,
            publisher: None,
            published: None,
            url: None,
        };
        for quad in self.inner.quads_for_pattern(
            Some(iri.as_ref().into()),
            None,
            None,
            Some(iri.as_ref().into()),
        ) {
            let quad = quad?;
            let value = match &quad.object {
                Term::Literal(literal) => literal.value().to_owned(),
                Term::NamedNode(node) => node.as_str().to_owned(),
                _ => continue,
            };
            let slot = match quad.predicate.as_ref() {
                p if p == schema::IDENTIFIER => &mut info.id,
                p if p == schema::HEADLINE => &mut info.title,
                p if p == schema::PUBLISHER => &mut info.publisher,
                p if p == schema::DATE_PUBLISHED => &mut info.published,
                p if p == schema::URL => &mut info.url,
                _ => continue,
            };
            *slot = Some(value);
        }
        Ok(info)
    }

    /// Every named graph, sorted.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, Error> {
        let mut graphs = Vec::new();
        for graph in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(graph) = graph? {
                graphs.push(graph);
            }
        }
        graphs.sort();
        Ok(graphs)
    }

    /// Whether the store holds no named graph but the ontology's and nothing in its default
    /// graph. A graph emptied but not dropped still counts: this errs towards "not bare".
    pub fn is_bare(&self) -> Result<bool, Error> {
        for graph in self.inner.named_graphs() {
            if !matches!(graph?, NamedOrBlankNode::NamedNode(g) if g.as_str() == ONTOLOGY_IRI) {
                return Ok(false);
            }
        }
        Ok(self.quads_in(GraphNameRef::DefaultGraph).next().is_none())
    }

    /// Whether a named graph holds anything.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, Error> {
        Ok(self.inner.contains_named_graph(graph)?)
    }

    /// The triples of one graph, as quads in that graph.
    pub fn graph_quads(&self, graph: GraphNameRef<'_>) -> Result<Vec<Quad>, Error> {
        self.quads_in(graph).collect()
    }

    /// The quads of one graph, as they are read.
    pub fn quads_in(
        &self,
        graph: GraphNameRef<'_>,
    ) -> impl Iterator<Item = Result<Quad, Error>> + '_ {
        self.inner
            .quads_for_pattern(None, None, None, Some(graph))
            .map(|q| q.map_err(Error::from))
    }

    /// The objects of `subject predicate ?o` in the merged graph.
    pub fn merged_objects(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, Error> {
        self.inner
            .quads_for_pattern(
                Some(subject.into()),
                Some(predicate),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .map(|q| q.map(|q| q.object).map_err(Error::from))
            .collect()
    }

    /// Whether the merged graph holds `subject predicate object`.
    pub fn merged_contains(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<bool, Error> {
        Ok(self.inner.contains(QuadRef::new(
            subject,
            predicate,
            object,
            GraphNameRef::DefaultGraph,
        ))?)
    }

    /// Writes the default graph as given, replacing it or adding to it, in one transaction.
    /// The merged graph's bookkeeping does not apply: this is for callers that manage the
    /// default graph themselves, as the Graph Store protocol's `?default` does.
    pub fn write_default_graph(&self, triples: &[Quad], replace: bool) -> Result<(), Error> {
        self.mark_out_of_step()?;
        let _changing = self.changing()?;
        let mut transaction = self.inner.start_transaction()?;
        if replace {
            transaction.clear_graph(GraphNameRef::DefaultGraph)?;
        }
        for quad in triples {
            transaction.insert(QuadRef::new(
                &quad.subject,
                &quad.predicate,
                &quad.object,
                GraphNameRef::DefaultGraph,
            ));
        }
        transaction.commit()?;
        Ok(())
    }

    /// The folder the store lives in, where records kept beside it (pushes, merges) go.
    pub fn folder(&self) -> &Path {
        self.derived.store_folder()
    }

    /// Every quad, in any graph but the ontology's, whose subject or object is `iri`.
    pub fn quads_mentioning(&self, iri: NamedNodeRef<'_>) -> Result<Vec<Quad>, Error> {
        let as_subject = self
            .inner
            .quads_for_pattern(Some(iri.into()), None, None, None);
        let as_object = self
            .inner
            .quads_for_pattern(None, None, Some(iri.into()), None);
        let mut quads = Vec::new();
        for quad in as_subject.chain(as_object) {
            let quad = quad?;
            if !matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == ONTOLOGY_IRI) {
                quads.push(quad);
            }
        }
        quads.sort_by_cached_key(ToString::to_string);
        quads.dedup();
        Ok(quads)
    }

    /// Whether the store holds this quad.
    pub fn contains(&self, quad: QuadRef<'_>) -> Result<bool, Error> {
        Ok(self.inner.contains(quad)?)
    }

    /// Removes `remove` and inserts `insert`, in any graphs but the ontology's, in one
    /// transaction. The caller keeps the merged graph in step with the articles; what is
    /// derived from the store is computed again.
    pub fn replace_quads(&self, remove: &[Quad], insert: &[Quad]) -> Result<(), Error> {
        if remove
            .iter()
            .chain(insert)
            .any(|q| matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str() == ONTOLOGY_IRI))
        {
            return Err(Error::OntologyGraph(
                "it holds the vocabulary every article is read with".into(),
            ));
        }
        let _changing = self.changing()?;
        let mut transaction = self.inner.start_transaction()?;
        for quad in remove {
            transaction.remove(quad);
        }
        for quad in insert {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// The graph IRIs of all articles.
    pub fn articles(&self) -> Result<Vec<NamedNode>, Error> {
        let mut articles: Vec<NamedNode> = self
            .inner
            .quads_for_pattern(
                None,
                Some(rdf::TYPE),
                Some(schema::NEWS_ARTICLE.into()),
                None,
            )
            .filter_map(|q| match q {
                Ok(Quad {
                    subject: NamedOrBlankNode::NamedNode(s),
                    graph_name: GraphName::NamedNode(g),
                    ..
                }) if s == g => Some(Ok(s)),
                Ok(_) => None,
                Err(err) => Some(Err(Error::from(err))),
            })
            .collect::<Result<_, _>>()?;
        articles.sort();
        Ok(articles)
    }
}

/// Deletes an article graph's quads; returns the merged triples it stated.
fn remove_graph(
    transaction: &mut Transaction<'_>,
    graph: NamedNodeRef<'_>,
    ontology: &Ontology,
    changing: &mut Changing<'_>,
) -> Result<Vec<Quad>, Error> {
    let old: Vec<Quad> = transaction
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    changing.article(graph, &old);
    let mut withdrawn = Vec::new();
    for quad in old {
        transaction.remove(&quad);
        if is_merged(quad.predicate.as_ref(), &quad.object, ontology) {
            withdrawn.push(Quad::new(
                quad.subject,
                quad.predicate,
                quad.object,
                GraphName::DefaultGraph,
            ));
        }
    }
    Ok(withdrawn)
}

/// Whether a quad in `graph` is an article's statement: in a named graph, not the ontology's.
fn stated_by_an_article(graph: &GraphName) -> bool {
    matches!(graph, GraphName::NamedNode(g) if g.as_str() != ONTOLOGY_IRI)
}

/// Removes from the merged graph each triple no article graph states any more.
fn drop_unsupported(transaction: &mut Transaction<'_>, candidates: Vec<Quad>) -> Result<(), Error> {
    let mut checked = HashSet::new();
    for quad in candidates {
        if !checked.insert(quad.clone()) {
            continue;
        }
        let mut statements = transaction.quads_for_pattern(
            Some(quad.subject.as_ref()),
            Some(quad.predicate.as_ref()),
            Some(quad.object.as_ref()),
            None,
        );
        let supported = statements.any(|q| q.is_ok_and(|q| stated_by_an_article(&q.graph_name)));
        drop(statements);
        if !supported {
            transaction.remove(&quad);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn optimize_answers_with_its_keys_in_alphabetical_order() {
        let done = super::Optimized {
            bytes_after: 1620204,
            bytes_before: 1618072,
            seconds: 0.006291626,
            store: "t".into(),
        };
        assert_eq!(
            serde_json::to_string_pretty(&done).expect("json"),
            r#"{
  "bytes_after": 1620204,
  "bytes_before": 1618072,
  "seconds": 0.006291626,
  "store": "t"
}"#
        );
    }
    use super::*;

    /// A store is bare with nothing in it or only the ontology; a triple in the default graph,
    /// or any other graph, is content.
    #[test]
    fn a_store_is_bare_until_anything_but_the_ontology_is_in_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        assert!(store.is_bare().expect("read"));
        store.ensure_ontology().expect("ontology graph");
        assert!(store.is_bare().expect("read"));
        store
            .update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> \"x\" } }")
            .expect("update");
        assert!(!store.is_bare().expect("read"));
        store
            .update("DROP GRAPH <http://example.org/g>")
            .expect("update");
        assert!(store.is_bare().expect("read"));
        store
            .update("INSERT DATA { <http://example.org/a> <http://example.org/p> \"x\" }")
            .expect("update");
        assert!(!store.is_bare().expect("read"));
    }

    /// Updates mark the store out of step until a check finds the merged graph holding every
    /// fact the article graphs state: the update's own, when it wrote article graphs alone,
    /// or the next build's.
    #[test]
    fn a_store_is_out_of_step_while_articles_state_what_the_merged_graph_lacks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let ontology = Ontology::embedded().expect("ontology");
        let build = || {
            crate::graph::Projection::from_store(&store, ontology).expect("build");
        };
        let update = |text: &str| store.update(text).expect("update");
        let in_article = "INSERT DATA { GRAPH <http://a/1> { <http://e/a> fg:bans <http://e/b> } }";
        let out_of_article =
            "DELETE DATA { GRAPH <http://a/1> { <http://e/a> fg:bans <http://e/b> } }";
        let in_merged = "INSERT DATA { <http://e/a> fg:bans <http://e/b> }";
        let out_of_merged = "DELETE DATA { <http://e/a> fg:bans <http://e/b> }";

        update("INSERT DATA { GRAPH <http://a/1> { <http://e/a> rdfs:label \"A\" } }");
        assert!(!store.out_of_step(), "a label is no fact");
        update(in_article);
        assert!(
            store.out_of_step(),
            "an article states what the merged graph lacks"
        );
        update(in_merged);
        assert!(
            store.out_of_step(),
            "only a check of the whole store takes a mark away"
        );
        build();
        assert!(!store.out_of_step(), "the build found the store in step");

        update(out_of_merged);
        assert!(store.out_of_step(), "an article states the fact taken out");
        update(out_of_article);
        update(in_merged);
        build();
        assert!(!store.out_of_step());
        update(in_article);
        assert!(
            !store.out_of_step(),
            "the merged graph holds what the article states"
        );
        update(out_of_article);
        update(out_of_merged);
        assert!(!store.out_of_step(), "no article states the fact taken out");

        update("INSERT { <http://e/a> fg:bans ?b } WHERE { BIND(<http://e/b> AS ?b) }");
        assert!(
            store.out_of_step(),
            "an update by a pattern leaves the check to a build"
        );
        build();
        assert!(!store.out_of_step());
        store.write_default_graph(&[], false).expect("write");
        assert!(store.out_of_step());
    }
}
