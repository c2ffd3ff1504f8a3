//! The entity graph as the path engine sees it: one node per entity, one edge per
//! (subject, predicate, object) between entities, each edge knowing the articles that state it.
//!
//! Built from the store in one pass over its quads, or from the quads an ingest writes into a
//! store that held no articles, as it writes them; types, labels, literals, provenance nodes and
//! the ontology are not nodes. `petgraph` types stay inside this module: the public API speaks
//! of [`NodeId`], [`EdgeId`], [`Path`] and [`Hop`].

mod adjacency;
mod articles;
pub mod cache;
mod entities;
mod explain;
mod hub_routes;
mod hubs;
mod names;
mod pages;
mod paths;
mod quotes;
mod rank;
mod report;
mod request;
mod service;
mod specific;
#[cfg(test)]
mod tests;
mod ties;

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef,
};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

pub use articles::ArticleRef;
pub use entities::{Aliases, EntityRef};
pub use explain::{PathSupport, WeakLink, answer_broken_without};
pub use hubs::MEMBERSHIP;
pub use paths::{Hop, Path, PathQuery, Weight};
pub use quotes::Quote;
pub use rank::{Centrality, Component};
pub use report::{
    ArticleReport, CentralityReport, ComponentsReport, EntityReport, FactReport, HopReport,
    NeighborReport, NeighborhoodReport, PathAnswerReport, PathReport, RankedReport, StatedReport,
    WeakLinkReport, best_support,
};
pub use request::{EdgeFilter, MAX_K, NeighborsAnswer, NeighborsRequest, PathAnswer, PathRequest};
pub use service::{with_path_service, with_projection_service};

use crate::diagnostic::Help;
use crate::model::Date;
use crate::ontology::{MAX_NAME_CHARS, NAMESPACE, ONTOLOGY_IRI, Ontology, PropertyKind};
use crate::rdf::vocab::{schema, skos};
use crate::store::{self, Store};
use crate::text::{closest, did_you_mean, fold};
use adjacency::Adjacency;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("no entity is called {name}{}", suggestion(.closest))]
    Unknown { name: String, closest: Vec<String> },
    #[error("{name} could be {} entities: {}", .candidates.len(), .candidates.join("; "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    /// A search option that cannot be used, with the help to fix it.
    #[error("{message}")]
    Invalid { message: String, help: String },
}

impl Error {
    fn invalid(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::Invalid {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Store(err) => err.help(),
            Self::Invalid { help, .. } => Some(help.clone()),
            Self::Unknown { .. } | Self::Ambiguous { .. } => None,
        }
    }
}

fn suggestion(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!("; {}", did_you_mean(closest))
    }
}

/// An entity in the projection.
pub type NodeId = usize;
/// A (subject, predicate, object) edge in the projection.
pub type EdgeId = usize;

/// An entity as it is built; the projection hands out [`EntityRef`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub iri: NamedNode,
    pub label: String,
    /// The most specific class stated (local name), or `Entity` if none.
    pub class: Arc<str>,
    pub aliases: Vec<String>,
}

/// One article that states an edge. Kept small, as there is one per fact of the store: the
/// article by its index, the confidence in single precision, the evidence by reference (see
/// [`Projection::evidence`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Support {
    pub article: u32,
    pub confidence: f32,
    pub evidence: Quote,
}

impl Support {
    /// The confidence as the sheet wrote it (to six decimals: `0.9`, not the single-precision
    /// `0.8999999761581421`).
    pub fn confidence(&self) -> f64 {
        Self::as_written(self.confidence)
    }

    /// A stored confidence to six decimals. Rounding keeps order, so the best of several
    /// supports can be picked before rounding, once.
    pub fn as_written(confidence: f32) -> f64 {
        (f64::from(confidence) * 1e6).round() / 1e6
    }
}

/// An edge as callers see it: its predicate and the articles behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relation<'a> {
    /// Local name of the predicate, such as `ownedBy`.
    pub predicate: &'a str,
    pub supports: &'a [Support],
}

/// An edge as the projection keeps it, in eight bytes: its predicate by number and where its
/// stretch of the projection's one list of supports begins. Edges are only ever added, their
/// supports after the previous edge's: a stretch ends where the next edge's begins.
#[derive(Debug, Clone, Copy)]
struct Stored {
    predicate: u32,
    first: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub iri: NamedNode,
    pub id: String,
    /// `YYYY-MM-DD`, when the sheet gave it.
    pub published: Option<String>,
}

/// The entity graph.
#[derive(Debug, Default)]
pub struct Projection {
    /// Nodes carry nothing: entity `n` is `entities.get(n)`.
    graph: DiGraph<(), Stored>,
    entities: entities::Entities,
    names: names::Names,
    articles: articles::Articles,
    /// Predicate names, by the number edges keep.
    predicates: Vec<Box<str>>,
    /// Every edge's supports, edge after edge.
    supports: Vec<Support>,
    quotes: quotes::Quotes,
    /// Each entity's facts either way, by the entity at the other end: read from the saved
    /// graph file or built, on the first search that walks the graph without filters.
    adjacency: std::sync::OnceLock<Adjacency>,
    /// Where the file this graph was loaded from holds that index.
    saved_adjacency: Option<cache::SavedAdjacency>,
    /// How many entities each entity links and contains: measured on the first search that
    /// ranks hops by them.
    hubs: std::sync::OnceLock<hubs::Hubs>,
    /// What each fact of the adjacency index costs walked either way under the specific
    /// weight: worked out on the first search that needs it.
    step_costs: std::sync::OnceLock<specific::StepCosts>,
    /// The cheapest walks from the hubs to every entity under the specific weight: worked out
    /// when asked ([`Projection::prepare_hub_table`]).
    hub_routes: std::sync::OnceLock<hub_routes::HubRoutes>,
}

impl Projection {
    /// Builds the graph from a dataset's quads, wherever they come from (a remote store).
    pub fn from_quads<E>(
        quads: impl IntoIterator<Item = Result<oxigraph::model::Quad, E>>,
        ontology: &Ontology,
    ) -> Result<Self, E> {
        let mut builder = Builder::default();
        for quad in quads {
            builder.add(quad?.as_ref(), ontology);
        }
        Ok(builder.finish(ontology))
    }

    /// A projection from `(subject, predicate, object)` labels, with no articles behind the
    /// facts: for graphs that do not come from a store, and for trying the algorithms.
    ///
    /// ```
    /// use factgraph::graph::{PathQuery, Projection};
    ///
    /// let graph = Projection::from_facts([
    ///     ("Donald Trump", "signs", "Executive Order 13971"),
    ///     ("Executive Order 13971", "bans", "Alipay"),
    ///     ("Alipay", "ownedBy", "Ant Group"),
    /// ]);
    /// let (trump, ant) = (graph.lookup("donald trump")?, graph.lookup("Ant Group")?);
    /// let path = graph.shortest_path(ant, trump, &PathQuery::default()).unwrap();
    /// assert_eq!(graph.chain(&path), "Ant Group ←ownedBy— Alipay ←bans— Executive Order 13971 ←signs— Donald Trump");
    /// # Ok::<(), factgraph::graph::Error>(())
    /// ```
    pub fn from_facts<'a>(facts: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        let mut projection = Projection::default();
        let mut nodes: HashMap<NamedNode, NodeIndex> = HashMap::new();
        let mut node = |label: &str, projection: &mut Projection| -> NodeIndex {
            let iri = NamedNode::new_unchecked(format!(
                "urn:factgraph:entity:{}",
                crate::text::slug(label)
            ));
            *nodes.entry(iri.clone()).or_insert_with(|| {
                projection.add_entity(&Entity {
                    iri,
                    label: label.to_owned(),
                    class: "Entity".into(),
                    aliases: Vec::new(),
                })
            })
        };
        for (subject, predicate, object) in facts {
            let source = node(subject, &mut projection);
            let target = node(object, &mut projection);
            projection.add_relation(source, target, predicate, []);
        }
        projection.index_entities();
        projection
    }

    /// A projection from facts articles state, `(subject, predicate, object, article id)` by
    /// label, with no store behind it: for graphs too large to ingest for a measurement (see
    /// `examples/path_bench.rs`). Each distinct fact is one edge, supported once by each article
    /// that states it, fully confident and without evidence; entities have no class or alias,
    /// articles no date.
    pub fn from_stated_facts<S: AsRef<str>>(facts: impl IntoIterator<Item = [S; 4]>) -> Self {
        let mut projection = Projection::default();
        let mut nodes: HashMap<Box<str>, NodeIndex> = HashMap::new();
        let mut article_numbers: HashMap<Box<str>, u32> = HashMap::new();
        let mut predicates: Vec<Box<str>> = Vec::new();
        let mut stated: HashMap<(u32, u32, u32), Vec<u32>> = HashMap::new();
        for [subject, predicate, object, article] in facts {
            let mut node = |label: &str| -> u32 {
                if let Some(node) = nodes.get(label) {
                    return node.index() as u32;
                }
                let node = projection.add_entity_parts(
                    &format!("urn:factgraph:entity:{}", crate::text::slug(label)),
                    label,
                    "Entity",
                    std::iter::empty(),
                );
                nodes.insert(label.into(), node);
                node.index() as u32
            };
            let (source, target) = (node(subject.as_ref()), node(object.as_ref()));
            let predicate = match predicates.iter().position(|p| **p == *predicate.as_ref()) {
                Some(known) => known,
                None => {
                    predicates.push(predicate.as_ref().into());
                    predicates.len() - 1
                }
            } as u32;
            let next = article_numbers.len() as u32;
            let article = *article_numbers
                .entry(article.as_ref().into())
                .or_insert(next);
            stated
                .entry((source, predicate, target))
                .or_default()
                .push(article);
        }
        let mut articles: Vec<(Box<str>, u32)> = article_numbers.into_iter().collect();
        articles.sort_by_key(|&(_, number)| number);
        let articles: Vec<Article> = articles
            .into_iter()
            .map(|(id, _)| Article {
                iri: NamedNode::new_unchecked(format!(
                    "urn:factgraph:article:{}",
                    crate::text::slug(&id)
                )),
                id: id.into(),
                published: None,
            })
            .collect();
        projection.articles = articles.iter().map(Article::borrowed).collect();
        let mut stated: Vec<((u32, u32, u32), Vec<u32>)> = stated.into_iter().collect();
        stated.sort_unstable_by_key(|&(fact, _)| fact);
        for ((source, predicate, target), mut articles) in stated {
            articles.sort_unstable();
            articles.dedup();
            projection.add_relation(
                NodeIndex::new(source as usize),
                NodeIndex::new(target as usize),
                &predicates[predicate as usize],
                articles.into_iter().map(|article| Support {
                    article,
                    confidence: 1.0,
                    evidence: Quote::NONE,
                }),
            );
        }
        projection.index_entities();
        projection
    }

    pub(crate) fn undirected_adjacency_index(&self) -> &Adjacency {
        self.adjacency.get_or_init(|| {
            // A saved index that cannot be read is built again, as if there were none.
            self.saved_adjacency
                .as_ref()
                .and_then(|saved| saved.read(self))
                .unwrap_or_else(|| Adjacency::of(self))
        })
    }

    pub(crate) fn hubs(&self) -> &hubs::Hubs {
        self.hubs.get_or_init(|| hubs::Hubs::of(self))
    }

    fn step_costs(&self) -> &specific::StepCosts {
        self.step_costs
            .get_or_init(|| specific::StepCosts::of(self))
    }

    /// The hub table, once worked out ([`Projection::prepare_hub_table`]): the default path
    /// query asks it first, and never waits for it.
    pub(crate) fn hub_routes(&self) -> Option<&hub_routes::HubRoutes> {
        self.hub_routes.get()
    }

    /// Works out the table of the cheapest walks from the hubs that lets the default path
    /// query answer without reading the hubs' rows (see `src/graph/hub_routes.rs`), unless it
    /// is done: at ten million facts 12 to 24 s and 243 MB, on all cores but one. Queries
    /// made meanwhile, on other threads, go without it, with the same answers. The server works
    /// it out on a thread of its own for each version of the graph it serves; a single query
    /// (`factgraph path`) does without.
    pub fn prepare_hub_table(&self) {
        self.hub_routes
            .get_or_init(|| hub_routes::HubRoutes::of(self, self.step_costs()));
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn entity(&self, node: NodeId) -> EntityRef<'_> {
        self.entities.get(node)
    }

    /// Adds a node for the entity: entities and nodes are numbered alike.
    fn add_entity_parts<'a>(
        &mut self,
        iri: &'a str,
        label: &'a str,
        class: &str,
        aliases: impl Iterator<Item = &'a str>,
    ) -> NodeIndex {
        self.entities.push(iri, label, class, aliases);
        self.graph.add_node(())
    }

    fn add_entity(&mut self, entity: &Entity) -> NodeIndex {
        self.add_entity_parts(
            entity.iri.as_str(),
            &entity.label,
            &entity.class,
            entity.aliases.iter().map(String::as_str),
        )
    }

    fn add_entity_ref(&mut self, entity: EntityRef<'_>) -> NodeIndex {
        self.add_entity_parts(
            entity.iri.as_str(),
            entity.label,
            entity.class,
            entity.aliases.iter(),
        )
    }

    pub fn relation(&self, edge: EdgeId) -> Relation<'_> {
        self.relation_at(EdgeIndex::new(edge))
    }

    fn relation_at(&self, edge: EdgeIndex) -> Relation<'_> {
        let stored = &self.graph[edge];
        Relation {
            predicate: &self.predicates[stored.predicate as usize],
            supports: self.supports_at(edge),
        }
    }

    fn supports_at(&self, edge: EdgeIndex) -> &[Support] {
        let first = self.graph[edge].first as usize;
        let end = self
            .graph
            .edge_weight(EdgeIndex::new(edge.index() + 1))
            .map_or(self.supports.len(), |next| next.first as usize);
        &self.supports[first..end]
    }

    /// Adds an edge with its supports. Past 2³² supports in all (some 64 GiB of them) an edge
    /// keeps none rather than point into another's.
    fn add_relation(
        &mut self,
        source: NodeIndex,
        target: NodeIndex,
        predicate: &str,
        supports: impl IntoIterator<Item = Support>,
    ) {
        let predicate = match self.predicates.iter().position(|p| **p == *predicate) {
            Some(known) => known,
            None => {
                self.predicates.push(predicate.into());
                self.predicates.len() - 1
            }
        };
        // Never past 2³², so the start fits.
        let start = self.supports.len();
        self.supports.extend(supports);
        if u32::try_from(self.supports.len()).is_err() {
            self.supports.truncate(start);
        }
        self.graph.add_edge(
            source,
            target,
            Stored {
                predicate: predicate as u32,
                first: start as u32,
            },
        );
    }

    /// Subject and object of an edge.
    pub fn endpoints(&self, edge: EdgeId) -> (NodeId, NodeId) {
        let (source, target) = self
            .graph
            .edge_endpoints(EdgeIndex::new(edge))
            .unwrap_or_default();
        (source.index(), target.index())
    }

    pub fn article(&self, index: u32) -> ArticleRef<'_> {
        self.articles.get(index as usize)
    }

    /// When an article was published, if its sheet said.
    pub fn published(&self, article: u32) -> Option<&str> {
        self.articles.published(article as usize)
    }

    /// The first and last date of these articles, as numbers that order dates and that
    /// [`Projection::date`] gives back; `None` if none is dated.
    pub(crate) fn date_span(&self, articles: impl IntoIterator<Item = u32>) -> Option<(u32, u32)> {
        articles
            .into_iter()
            .map(|article| self.articles.date_number(article as usize))
            .filter(|&number| number != u32::MAX)
            .fold(None, |span, number| {
                Some(span.map_or((number, number), |(first, last): (u32, u32)| {
                    (first.min(number), last.max(number))
                }))
            })
    }

    /// The date [`Projection::date_span`] numbered.
    pub(crate) fn date(&self, number: u32) -> &str {
        self.articles.date(number)
    }

    /// The sentence behind a support, if the fact came with one.
    pub fn evidence(&self, support: &Support) -> Option<&str> {
        self.quotes.text(support.evidence)
    }

    /// Every entity, in node order.
    pub fn entities(&self) -> impl Iterator<Item = (NodeId, EntityRef<'_>)> {
        (0..self.entities.len()).map(|n| (n, self.entities.get(n)))
    }

    /// The edge stating `subject predicate object` (full IRIs), if the projection has it.
    pub fn edge_between(&self, subject: &str, predicate: &str, object: &str) -> Option<EdgeId> {
        let local = predicate.strip_prefix(crate::ontology::NAMESPACE)?;
        let subject = self.node_by_iri(subject)?;
        let object = self.node_by_iri(object)?;
        self.graph
            .edges_connecting(subject, object)
            .find(|e| self.relation_at(e.id()).predicate == local)
            .map(|e| e.id().index())
    }

    /// Every entity a label or an alias names (case and accents ignored): the choices to offer
    /// when [`Projection::lookup`] finds the name ambiguous.
    pub fn named(&self, name: &str) -> Vec<NodeId> {
        self.nodes_named(&fold(name))
            .into_iter()
            .map(NodeIndex::index)
            .collect()
    }

    /// Finds the entity a person means: an IRI, a label or an alias (case and accents ignored).
    pub fn lookup(&self, name: &str) -> Result<NodeId, Error> {
        if name.trim().is_empty() {
            return Err(Error::invalid(
                "an entity's name is empty",
                "give a label, an alias or an IRI",
            ));
        }
        if let Some(node) = self.node_by_iri(name) {
            return Ok(node.index());
        }
        match self.nodes_named(&fold(name)).as_slice() {
            [node] => Ok(node.index()),
            nodes if !nodes.is_empty() => Err(Error::Ambiguous {
                name: format!("`{name}`"),
                candidates: nodes
                    .iter()
                    .map(|n| {
                        let entity = self.entity(n.index());
                        format!(
                            "{} ({}) <{}>",
                            entity.label,
                            entity.class,
                            entity.iri.as_str()
                        )
                    })
                    .collect(),
            }),
            // No name is that long (sheets are refused past it): comparing it with every name
            // would cost time and memory for nothing.
            _ if name.len() > MAX_NAME_CHARS => Err(Error::Unknown {
                name: format!("of {} characters", name.chars().count()),
                closest: Vec::new(),
            }),
            _ => {
                // Aliases too: "Trumpp" is a typo of the alias "Trump". Names too long to be
                // a person's typo are left out (a store written before they were refused).
                let names: Vec<(&str, &str, NodeId)> = self
                    .entities()
                    .flat_map(|(node, e)| e.names().map(move |n| (n, e.label, node)))
                    .filter(|(n, _, _)| n.len() <= MAX_NAME_CHARS)
                    .collect();
                let shown = |(found, label, _): (&str, &str, NodeId)| {
                    if label == found {
                        format!("`{found}`")
                    } else {
                        format!("`{found}` ({label})")
                    }
                };
                let typo = closest(name, names.iter().map(|(n, _, _)| *n))
                    .and_then(|found| names.iter().find(|(n, _, _)| *n == found).copied());
                // Not a typo but part of a name, as "Executive Order" is of "Executive Order
                // 13971": the shortest names that hold it as whole words.
                let closest = match typo {
                    Some(found) => vec![shown(found)],
                    None => {
                        let words = fold(name);
                        let mut holding: Vec<(&str, &str, NodeId)> = names
                            .iter()
                            .filter(|(n, _, _)| !words.is_empty() && holds_words(&fold(n), &words))
                            .copied()
                            .collect();
                        holding.sort_by_key(|&(n, _, node)| (n.len(), n, node));
                        // Each entity once, by its shortest name that holds the words.
                        let mut seen = std::collections::HashSet::new();
                        holding.retain(|&(_, _, node)| seen.insert(node));
                        holding.into_iter().take(SUGGESTIONS).map(shown).collect()
                    }
                };
                Err(Error::Unknown {
                    name: format!("`{name}`"),
                    closest,
                })
            }
        }
    }

    /// Whether an article lies in the window (both ends inclusive; an undated article lies in
    /// no bounded window).
    pub fn article_in_window(
        &self,
        article: u32,
        since: Option<Date>,
        until: Option<Date>,
    ) -> bool {
        if since.is_none() && until.is_none() {
            return true;
        }
        let Some(date) = self.published(article) else {
            return false;
        };
        since.is_none_or(|s| date >= s.as_str()) && until.is_none_or(|u| date <= u.as_str())
    }
}

/// A fact as the projection keys it: subject, predicate's local name, object.
type Fact = (NamedNode, Arc<str>, NamedNode);

/// A fact as a build keys it: its entities by number (see [`Iris`]).
type FactKey = (u32, Arc<str>, u32);

/// An article graph that states a fact, with what its reified statements of the fact give.
struct Stating {
    /// The article's IRI, by number.
    article: u32,
    /// The best statement's confidence; `NOT_REIFIED` until one is met.
    confidence: f64,
    /// Its evidence, in the build's quotes.
    evidence: Quote,
}

/// The confidence of a fact that no statement describes, until one does.
const NOT_REIFIED: f64 = f64::MIN;

impl Stating {
    /// The support of article number `article`; its evidence stays where the stating's is.
    fn support(self, article: u32) -> Support {
        let confidence = if self.confidence == NOT_REIFIED {
            1.0
        } else {
            self.confidence
        };
        Support {
            article,
            confidence: confidence as f32,
            evidence: self.evidence,
        }
    }
}

/// Collects what one pass over the quads tells about entities, edges and articles.
#[derive(Default)]
struct Builder {
    /// The IRIs of entities and articles, which the maps below key by number.
    iris: Iris,
    classes: HashMap<u32, BTreeSet<String>>,
    labels: HashMap<u32, String>,
    aliases: HashMap<u32, Vec<String>>,
    edges: Vec<FactKey>,
    stated: HashMap<FactKey, Vec<Stating>>,
    /// Reified statements of the graphs being read; see [`Builder::settle`].
    statements: HashMap<Box<str>, Statement>,
    article_ids: HashMap<u32, String>,
    article_dates: HashMap<u32, String>,
    /// The evidence of the statements settled so far, in one string rather than one each.
    quotes: quotes::Quotes,
    /// Every edge of a predicate shares its name, every entity of a class the class's.
    shared: Shared,
}

/// Entity and article IRIs by number. A store names an entity in every fact it takes part in
/// and an article in every statement of its graph; a build that kept each of those copies held
/// gigabytes of the same few strings at ten million facts.
#[derive(Default)]
struct Iris {
    numbers: HashMap<Arc<str>, u32>,
    iris: Vec<Arc<str>>,
}

impl Iris {
    fn number(&mut self, iri: NamedNodeRef<'_>) -> u32 {
        self.find(iri.as_str())
            .unwrap_or_else(|| self.add(iri.as_str().into()))
    }

    fn number_shared(&mut self, iri: &Arc<str>) -> u32 {
        self.find(iri).unwrap_or_else(|| self.add(Arc::clone(iri)))
    }

    /// Numbers fit in 32 bits as petgraph's node numbers do: four billion IRIs would take
    /// hundreds of gigabytes before this wrapped.
    fn add(&mut self, iri: Arc<str>) -> u32 {
        let number = self.iris.len() as u32;
        self.iris.push(Arc::clone(&iri));
        self.numbers.insert(iri, number);
        number
    }

    fn find(&self, iri: &str) -> Option<u32> {
        self.numbers.get(iri).copied()
    }

    fn iri(&self, number: u32) -> &str {
        &self.iris[number as usize]
    }

    fn named(&self, number: u32) -> NamedNode {
        NamedNode::new_unchecked(self.iri(number))
    }
}

/// One shared copy of each predicate's or class's name.
#[derive(Default)]
struct Shared(std::collections::HashSet<Arc<str>>);

impl Shared {
    /// The local name of a relation predicate (entity to entity), if it is one.
    fn relation(&mut self, predicate: NamedNodeRef<'_>, ontology: &Ontology) -> Option<Arc<str>> {
        let name = relation_name(predicate, ontology)?;
        Some(self.shared(name))
    }

    fn shared(&mut self, name: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(name) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = name.into();
        self.0.insert(Arc::clone(&shared));
        shared
    }
}

#[derive(Default)]
struct Statement {
    graph: Option<u32>,
    subject: Option<u32>,
    predicate: Option<Arc<str>>,
    object: Option<u32>,
    confidence: Option<f64>,
    evidence: Option<String>,
}

/// Article graphs a worker of [`Builder::read_store`] takes at a time.
const GRAPHS_PER_TASK: usize = 256;

impl Builder {
    /// Reads the store's default graph and its article graphs on `workers` threads, taking
    /// `graphs_per_task` article graphs at a time: decoding the quads (each term a RocksDB
    /// read) is nearly all the work of a build, and graphs can be read independently. With
    /// `spill`, the quotes go to scratch files; see [`quotes::Quotes::failed`] on the result.
    /// `None` if cancelled.
    fn read_store(
        store: &Store,
        ontology: &Ontology,
        cancelled: &AtomicBool,
        workers: usize,
        graphs_per_task: usize,
        spill: bool,
    ) -> Result<Option<Self>, Error> {
        let articles: Vec<NamedNode> = store
            .named_graphs()?
            .into_iter()
            .filter(|graph| graph.as_str() != ONTOLOGY_IRI)
            .collect();
        let tasks: Vec<Option<&[NamedNode]>> = std::iter::once(None)
            .chain(articles.chunks(graphs_per_task.max(1)).map(Some))
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let read = || -> Result<Option<Self>, Error> {
            let mut builder = if spill {
                Self::spilling(store)
            } else {
                Self::default()
            };
            while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
                let graphs: Vec<GraphNameRef<'_>> = match task {
                    None => vec![GraphNameRef::DefaultGraph],
                    Some(articles) => articles.iter().map(|g| g.as_ref().into()).collect(),
                };
                for graph in graphs {
                    for quad in store.quads_in(graph) {
                        if cancelled.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                            return Ok(None);
                        }
                        match quad {
                            Ok(quad) => builder.add(quad.as_ref(), ontology),
                            Err(err) => {
                                failed.store(true, Ordering::Relaxed);
                                return Err(err.into());
                            }
                        }
                    }
                    builder.settle();
                }
            }
            Ok(Some(builder))
        };
        let parts: Vec<Result<Option<Self>, Error>> = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..workers.max(1)).map(|_| scope.spawn(read)).collect();
            let mut parts = vec![read()];
            parts.extend(helpers.into_iter().map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }));
            parts
        });
        // A worker that failed stopped the others, which then return `None` as if cancelled:
        // the failure is the answer.
        let parts: Vec<Option<Self>> = parts.into_iter().collect::<Result<_, _>>()?;
        let Some(mut read) = parts.into_iter().collect::<Option<Vec<Self>>>() else {
            return Ok(None);
        };
        // Into the largest part, so that the least is moved and the fewest maps grow.
        read.sort_by_key(|part| std::cmp::Reverse(part.statements.len() + part.stated.len()));
        let mut read = read.into_iter();
        let mut whole = read.next().unwrap_or_default();
        for part in read {
            whole.absorb(part);
        }
        whole.quotes.seal();
        Ok(Some(whole))
    }

    /// A builder whose quotes go to a scratch file of the store's rather than to memory, if
    /// one can be made.
    fn spilling(store: &Store) -> Self {
        Self {
            quotes: cache::scratch_file(store)
                .map(quotes::Quotes::spilling)
                .unwrap_or_default(),
            ..Self::default()
        }
    }

    /// Takes in what another builder read from other graphs.
    fn absorb(&mut self, mut other: Self) {
        other.quotes.seal();
        let number: Vec<u32> = other
            .iris
            .iris
            .iter()
            .map(|iri| self.iris.number_shared(iri))
            .collect();
        let ours = |theirs: u32| number[theirs as usize];
        for (entity, classes) in other.classes {
            self.classes
                .entry(ours(entity))
                .or_default()
                .extend(classes);
        }
        for (entity, label) in other.labels {
            match self.labels.entry(ours(entity)) {
                Entry::Vacant(slot) => {
                    slot.insert(label);
                }
                Entry::Occupied(mut slot) => {
                    if label < *slot.get() {
                        slot.insert(label);
                    }
                }
            }
        }
        for (entity, aliases) in other.aliases {
            self.aliases
                .entry(ours(entity))
                .or_default()
                .extend(aliases);
        }
        self.edges.extend(
            other
                .edges
                .into_iter()
                .map(|(subject, predicate, object)| (ours(subject), predicate, ours(object))),
        );
        for ((subject, predicate, object), statings) in other.stated {
            self.stated
                .entry((ours(subject), predicate, ours(object)))
                .or_default()
                .extend(statings.into_iter().map(|stating| Stating {
                    article: ours(stating.article),
                    evidence: other.quotes.carry(stating.evidence, &mut self.quotes),
                    ..stating
                }));
        }
        // `other.statements` is empty: builders settle their statements after each graph.
        self.article_ids.extend(
            other
                .article_ids
                .into_iter()
                .map(|(article, id)| (ours(article), id)),
        );
        self.article_dates.extend(
            other
                .article_dates
                .into_iter()
                .map(|(article, date)| (ours(article), date)),
        );
    }

    /// Gives the facts stated so far what their statements say: call after whole graphs, as a
    /// statement's quads all lie in its article's graph, beside the fact. A build that waited
    /// for the end would hold every statement of the store, keyed by its own IRI, at once.
    fn settle(&mut self) {
        settle_statements(
            std::mem::take(&mut self.statements),
            &mut self.stated,
            &mut self.quotes,
        );
    }

    fn add(&mut self, quad: QuadRef<'_>, ontology: &Ontology) {
        let NamedOrBlankNodeRef::NamedNode(subject) = quad.subject else {
            return;
        };
        let predicate = quad.predicate;
        match quad.graph_name {
            GraphNameRef::DefaultGraph => {
                if predicate == rdf::TYPE {
                    if let TermRef::NamedNode(class) = quad.object {
                        if let Some(class) = ontology.class_by_iri(class.as_str()) {
                            self.classes
                                .entry(self.iris.number(subject))
                                .or_default()
                                .insert(class.name.clone());
                        }
                    }
                } else if predicate == rdfs::LABEL {
                    if let TermRef::Literal(label) = quad.object {
                        let label = label.value();
                        match self.labels.entry(self.iris.number(subject)) {
                            Entry::Vacant(slot) => {
                                slot.insert(label.to_owned());
                            }
                            Entry::Occupied(mut slot) => {
                                if label < slot.get().as_str() {
                                    slot.insert(label.to_owned());
                                }
                            }
                        }
                    }
                } else if predicate == skos::ALT_LABEL {
                    if let TermRef::Literal(alias) = quad.object {
                        self.aliases
                            .entry(self.iris.number(subject))
                            .or_default()
                            .push(alias.value().to_owned());
                    }
                } else if let (Some(name), TermRef::NamedNode(object)) =
                    (self.shared.relation(predicate, ontology), quad.object)
                {
                    let fact = (self.iris.number(subject), name, self.iris.number(object));
                    self.edges.push(fact);
                }
            }
            GraphNameRef::NamedNode(graph) if graph.as_str() != ONTOLOGY_IRI => {
                self.add_article_quad(graph, subject, predicate, quad.object, ontology);
            }
            _ => {}
        }
    }

    fn add_article_quad(
        &mut self,
        graph: NamedNodeRef<'_>,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        object: TermRef<'_>,
        ontology: &Ontology,
    ) {
        if subject == graph {
            if let TermRef::Literal(value) = object {
                if predicate == schema::IDENTIFIER {
                    let article = self.iris.number(graph);
                    self.article_ids.insert(article, value.value().to_owned());
                } else if predicate == schema::DATE_PUBLISHED && value.datatype() == xsd::DATE {
                    let article = self.iris.number(graph);
                    self.article_dates.insert(article, value.value().to_owned());
                }
            }
            return;
        }
        if let Some(name) = self.shared.relation(predicate, ontology) {
            if let TermRef::NamedNode(object) = object {
                let fact = (self.iris.number(subject), name, self.iris.number(object));
                let article = self.iris.number(graph);
                self.stated.entry(fact).or_default().push(Stating {
                    article,
                    confidence: NOT_REIFIED,
                    evidence: Quote::NONE,
                });
            }
            return;
        }
        let statement_field =
            |local: &str| predicate.as_str().strip_prefix(NAMESPACE) == Some(local);
        let statement = subject.as_str();
        if predicate == rdf::SUBJECT {
            if let TermRef::NamedNode(node) = object {
                let (node, graph) = (self.iris.number(node), self.iris.number(graph));
                let statement = self.statement(statement);
                statement.subject = Some(node);
                statement.graph = Some(graph);
            }
        } else if predicate == rdf::PREDICATE {
            if let TermRef::NamedNode(node) = object {
                let predicate = self.shared.relation(node, ontology);
                self.statement(statement).predicate = predicate;
            }
        } else if predicate == rdf::OBJECT {
            if let TermRef::NamedNode(node) = object {
                let node = self.iris.number(node);
                self.statement(statement).object = Some(node);
            }
        } else if statement_field("confidence") {
            if let TermRef::Literal(value) = object {
                self.statement(statement).confidence = value.value().parse().ok();
            }
        } else if statement_field("evidence") {
            if let TermRef::Literal(value) = object {
                self.statement(statement).evidence = Some(value.value().to_owned());
            }
        }
    }

    /// The statement read so far under this IRI; a statement has several quads, and its IRI is
    /// copied only at the first.
    fn statement(&mut self, iri: &str) -> &mut Statement {
        if !self.statements.contains_key(iri) {
            self.statements.insert(iri.into(), Statement::default());
        }
        self.statements
            .get_mut(iri)
            .expect("the statement was inserted above")
    }

    fn finish(self, ontology: &Ontology) -> Projection {
        self.finish_checked(ontology).0
    }

    /// The projection, and whether the merged graph held every fact an article graph stated
    /// (see [`Store::out_of_step`]).
    fn finish_checked(mut self, ontology: &Ontology) -> (Projection, bool) {
        self.settle();
        self.quotes.seal();
        let Builder {
            iris,
            classes,
            labels,
            mut aliases,
            mut edges,
            mut stated,
            statements: _,
            mut article_ids,
            mut article_dates,
            quotes,
            mut shared,
        } = self;
        // Statings keep their evidence where the projection will: no quote is copied.
        let mut projection = Projection {
            quotes,
            ..Projection::default()
        };
        let mut articles: Vec<u32> = article_ids
            .keys()
            .chain(article_dates.keys())
            .copied()
            .collect();
        articles.sort_by(|a, b| iris.iri(*a).cmp(iris.iri(*b)));
        articles.dedup();
        let article_index: HashMap<u32, u32> = articles.iter().copied().zip(0..).collect();
        projection.articles = articles
            .into_iter()
            .map(|article| Article {
                id: article_ids
                    .remove(&article)
                    .unwrap_or_else(|| iris.iri(article).to_owned()),
                published: article_dates.remove(&article),
                iri: iris.named(article),
            })
            .collect::<Vec<_>>()
            .iter()
            .map(Article::borrowed)
            .collect();

        // In the order of the IRIs, as before they were numbered: saved graphs stay the same.
        let by_iri = |(s1, p1, o1): &FactKey, (s2, p2, o2): &FactKey| {
            (iris.iri(*s1), p1, iris.iri(*o1)).cmp(&(iris.iri(*s2), p2, iris.iri(*o2)))
        };
        edges.sort_by(by_iri);
        edges.dedup();
        let mut nodes: Vec<Option<NodeIndex>> = vec![None; iris.iris.len()];
        let mut node_of = |entity: u32, projection: &mut Projection| -> NodeIndex {
            if let Some(node) = nodes[entity as usize] {
                return node;
            }
            let node = projection.add_entity(&Entity::described(
                &iris.named(entity),
                classes.get(&entity),
                labels.get(&entity).cloned(),
                aliases.remove(&entity).unwrap_or_default(),
                ontology,
                &mut shared,
            ));
            nodes[entity as usize] = Some(node);
            node
        };
        // Entities without edges are nodes too: they can be looked up and have neighbourhoods.
        let mut entities: Vec<u32> = classes.keys().copied().collect();
        entities.sort_by(|a, b| iris.iri(*a).cmp(iris.iri(*b)));
        for &entity in &entities {
            node_of(entity, &mut projection);
        }
        for key in edges {
            let source = node_of(key.0, &mut projection);
            let target = node_of(key.2, &mut projection);
            let mut supports: Vec<Support> = stated
                .remove(&key)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|stating| {
                    let article = *article_index.get(&stating.article)?;
                    Some(stating.support(article))
                })
                .collect();
            supports.sort_by_key(|s| s.article);
            supports.dedup_by_key(|s| s.article);
            projection.add_relation(source, target, &key.1, supports);
        }
        projection.index_entities();
        // What no edge took is a fact articles state that the merged graph lacks.
        (projection, stated.is_empty())
    }
}

impl Entity {
    /// An entity as the merged graph describes it: its most specific stated class, its label
    /// (the IRI without one) and its aliases.
    fn described(
        iri: &NamedNode,
        classes: Option<&BTreeSet<String>>,
        label: Option<String>,
        mut aliases: Vec<String>,
        ontology: &Ontology,
        shared: &mut Shared,
    ) -> Self {
        let stated: Vec<&String> = classes.into_iter().flatten().collect();
        let class = stated
            .iter()
            .find(|c| stated.iter().all(|other| ontology.is_subclass_of(c, other)))
            .or(stated.first())
            .map_or("Entity", |c| c.as_str());
        let class = shared.shared(class);
        aliases.sort();
        aliases.dedup();
        Self {
            label: label.unwrap_or_else(|| iri.as_str().to_owned()),
            iri: iri.clone(),
            class,
            aliases,
        }
    }
}

/// Gives each (fact, article) the confidence and evidence of its best reified statement: the
/// most confident, and among equals one with evidence, the first sentence in text order, so
/// that a build does not depend on the order it met them in. A statement of a fact its
/// article does not state is left out.
fn settle_statements(
    statements: HashMap<Box<str>, Statement>,
    stated: &mut HashMap<FactKey, Vec<Stating>>,
    quotes: &mut quotes::Quotes,
) {
    for statement in statements.into_values() {
        let (Some(graph), Some(s), Some(p), Some(o)) = (
            statement.graph,
            statement.subject,
            statement.predicate,
            statement.object,
        ) else {
            continue;
        };
        // The graph just read stated its facts last.
        let Some(slot) = stated
            .get_mut(&(s, p, o))
            .and_then(|statings| statings.iter_mut().rev().find(|x| x.article == graph))
        else {
            continue;
        };
        let confidence = statement.confidence.unwrap_or(1.0);
        let better_evidence = match (&statement.evidence, quotes.read(slot.evidence)) {
            (Some(new), Some(old)) => new.as_str() < old,
            (new, old) => new.is_some() && old.is_none(),
        };
        if confidence > slot.confidence || (confidence == slot.confidence && better_evidence) {
            slot.confidence = confidence;
            // A quote this replaces stays in the string: two statements of one fact in one
            // article are rare, and a saved graph keeps only the quotes its supports use.
            slot.evidence = statement
                .evidence
                .map_or(Quote::NONE, |evidence| quotes.hold(&evidence));
        }
    }
}

/// Whether `words` appear in `name` as whole words (both folded).
fn holds_words(name: &str, words: &str) -> bool {
    name.match_indices(words).any(|(at, _)| {
        let before = name[..at].chars().next_back();
        let after = name[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Names an unknown name is shown, at most.
const SUGGESTIONS: usize = 5;

/// The local name of a relation predicate (entity to entity), if it is one.
fn relation_name<'o>(predicate: NamedNodeRef<'_>, ontology: &'o Ontology) -> Option<&'o str> {
    ontology
        .property_by_iri(predicate.as_str())
        .filter(|p| p.kind == PropertyKind::Relation)
        .map(|p| p.name.as_str())
}
