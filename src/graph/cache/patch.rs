//! Bringing a projection up to date after article writes, from the store's record of what they
//! changed, instead of building it again from every quad: a write touches the entities and
//! facts its article graphs mention (before and after it), so only those are read again, by
//! point lookups; everything else is copied from the old projection.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::snapshot;
use crate::graph::{
    Article, ArticleRef, Builder, Entity, Error, Fact, Projection, Shared, Support,
};
use crate::ontology::Ontology;
use crate::rdf::ArticleGraph;
use crate::rdf::vocab::skos;
use crate::store::{Changes, Store};

/// What the changed article graphs mention, before and after the writes.
#[derive(Default)]
struct Mentioned {
    entities: HashSet<NamedNode>,
    /// Each fact with its predicate's IRI.
    facts: BTreeMap<Fact, NamedNode>,
    names: Shared,
}

impl Mentioned {
    /// Notes what a projection takes from this quad: an entity's class, label or alias, or a
    /// fact between entities. Statements, articles and the rest are no entities, and each
    /// entity noted costs the patch reads of the store.
    fn note(&mut self, quad: &Quad, ontology: &Ontology) {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            return;
        };
        if matches!(quad.graph_name, GraphName::NamedNode(ref g) if g == subject) {
            return;
        }
        let describes = match &quad.object {
            Term::NamedNode(class) if quad.predicate == rdf::TYPE => {
                ontology.class_by_iri(class.as_str()).is_some()
            }
            Term::Literal(_) => quad.predicate == rdfs::LABEL || quad.predicate == skos::ALT_LABEL,
            Term::NamedNode(object) => {
                let Some(name) = self.names.relation(quad.predicate.as_ref(), ontology) else {
                    return;
                };
                self.entity(object);
                let fact = (subject.clone(), name, object.clone());
                self.facts
                    .entry(fact)
                    .or_insert_with(|| quad.predicate.clone());
                true
            }
            _ => false,
        };
        if describes {
            self.entity(subject);
        }
    }

    fn entity(&mut self, iri: &NamedNode) {
        if !self.entities.contains(iri) {
            self.entities.insert(iri.clone());
        }
    }
}

/// A write that changed more than this many articles whose graphs it did not hand over, and
/// this share of the saved graph's, leaves the graph to be built when next needed: patching
/// would read those graphs back out of the store, nearly as much as a build. Graphs a write
/// emptied (removals) cost nothing to read back and do not count.
const BULK_ARTICLES: usize = 1_000;
const BULK_SHARE: f64 = 0.1;

/// Brings the saved graph up to date with the writes `changes` records, which ended at
/// `generation`, and saves it: the changed graphs are taken from what the writes handed over
/// (`handed`) and the others read from the store. Without a patch (writes that are not article
/// by article, a store out of step, too many changed graphs to read back, a patch that fails),
/// the graph is left to be built when next needed.
pub(super) fn patch_saved(
    store: &Store,
    ontology: &Ontology,
    saved: &Projection,
    handed: Option<Changed>,
    changes: &Changes,
    generation: u64,
) {
    if changes.is_empty() || changes.everything || store.out_of_step() {
        return;
    }
    // Graphs handed over that the store does not count as changed would be read twice.
    let mut changed = handed
        .filter(|handed| handed.graphs.is_subset(&changes.articles))
        .unwrap_or_else(|| Changed::new(store));
    let limit = BULK_ARTICLES.max((BULK_SHARE * saved.articles.len() as f64) as usize);
    if !matches!(changed.read_rest(store, changes, ontology, limit), Ok(true)) {
        return;
    }
    let patched = saved.patched_with(store, ontology, changes, changed.now, changed.mentioned);
    if let Ok(Some(patched)) = patched {
        // Only a cache: when it cannot be saved, the next query builds the graph.
        let saved = snapshot::save(
            store,
            generation,
            &patched,
            &snapshot::ontology_stamp(ontology),
        );
        // The default path query's hub table, saved beside it: what the next process would
        // otherwise work out again.
        if matches!(saved, Ok(true)) {
            patched.prepare_hub_table();
            let _ = patched.save_hub_table(store, generation);
        }
    }
}

/// The changed article graphs as they are now, read as a patch needs them.
pub(super) struct Changed {
    graphs: BTreeSet<NamedNode>,
    now: Builder,
    mentioned: Mentioned,
}

impl Changed {
    pub(super) fn new(store: &Store) -> Self {
        Self {
            graphs: BTreeSet::new(),
            now: Builder::spilling(store),
            mentioned: Mentioned::default(),
        }
    }

    /// The graphs a write hands over. `None` when a graph comes twice: what was read of it
    /// the first time cannot be taken back (see [`super::written`]).
    pub(super) fn handed(
        mut self,
        receiver: std::sync::mpsc::Receiver<Vec<ArticleGraph>>,
        ontology: &Ontology,
    ) -> Option<Self> {
        for articles in &receiver {
            for article in articles {
                if !self.graphs.insert(article.graph.clone()) {
                    return None;
                }
                self.read(&article.quads, ontology);
            }
        }
        Some(self)
    }

    fn read(&mut self, quads: &[Quad], ontology: &Ontology) {
        for quad in quads {
            self.mentioned.note(quad, ontology);
            self.now.add(quad.as_ref(), ontology);
        }
        self.now.settle();
    }

    /// Reads from the store the changed graphs not read yet. `false` when more than `limit`
    /// of them hold quads: reading them back would cost nearly what a build does.
    fn read_rest(
        &mut self,
        store: &Store,
        changes: &Changes,
        ontology: &Ontology,
        limit: usize,
    ) -> Result<bool, Error> {
        let unread: Vec<&NamedNode> = changes
            .articles
            .iter()
            .filter(|article| !self.graphs.contains(*article))
            .collect();
        let mut held = 0;
        for article in unread {
            let quads = store.graph_quads(article.as_ref().into())?;
            if !quads.is_empty() {
                held += 1;
                if held > limit {
                    return Ok(false);
                }
            }
            self.read(&quads, ontology);
        }
        Ok(true)
    }
}

impl Projection {
    /// This projection after the writes `changes` records, reading the store as it is now.
    /// `None` when the changes are not article by article: only a full build can follow those.
    pub fn patched(
        &self,
        store: &Store,
        ontology: &Ontology,
        changes: &Changes,
    ) -> Result<Option<Self>, Error> {
        if changes.everything {
            return Ok(None);
        }
        let mut changed = Changed::new(store);
        changed.read_rest(store, changes, ontology, usize::MAX)?;
        self.patched_with(store, ontology, changes, changed.now, changed.mentioned)
    }

    /// [`Projection::patched`] with the changed graphs already read into `now`, and what they
    /// mention into `mentioned`.
    fn patched_with(
        &self,
        store: &Store,
        ontology: &Ontology,
        changes: &Changes,
        mut now: Builder,
        mut mentioned: Mentioned,
    ) -> Result<Option<Self>, Error> {
        if changes.everything || store.out_of_step() {
            return Ok(None);
        }
        for quad in changes.before.iter().chain(&changes.merged) {
            mentioned.note(quad, ontology);
        }

        let changed: HashSet<&str> = changes.articles.iter().map(NamedNode::as_str).collect();
        let articles = self.articles_after(&changed, &mut now);
        let article_index: HashMap<&str, u32> = articles
            .iter()
            .zip(0..)
            .map(|(a, i)| (a.iri.as_str(), i))
            .collect();
        let moved: Vec<Option<u32>> = self
            .articles
            .iter()
            .map(|a| {
                let iri = a.iri.as_str();
                (!changed.contains(iri))
                    .then(|| article_index.get(iri).copied())
                    .flatten()
            })
            .collect();

        let mut described: HashMap<NamedNode, (Entity, bool)> = HashMap::new();
        for iri in &mentioned.entities {
            let description = describe(store, iri, ontology, &mut mentioned.names)?;
            described.insert(iri.clone(), description);
        }

        now.settle();
        now.quotes.seal();
        let mut stated_now = std::mem::take(&mut now.stated);
        // A bulk write's new quotes go to a scratch file, as a build's do.
        let mut quotes = super::scratch_file(store)
            .map(crate::graph::quotes::Quotes::spilling)
            .unwrap_or_default();
        let mut refreshed: Vec<(Fact, Vec<Support>)> = Vec::new();
        for (fact, predicate) in &mentioned.facts {
            let key = now
                .iris
                .find(fact.0.as_str())
                .zip(now.iris.find(fact.2.as_str()));
            let statings = key.and_then(|(subject, object)| {
                stated_now.remove(&(subject, Arc::clone(&fact.1), object))
            });
            // A fact a changed graph states is in the merged graph: a write puts it there, and
            // takes a fact out only when no article states it. An update need not.
            if (statings.is_none() || changes.merged_behind)
                && !store.merged_contains(fact.0.as_ref(), predicate.as_ref(), fact.2.as_ref())?
            {
                continue;
            }
            let mut supports: Vec<Support> = self
                .old_supports(fact)
                .iter()
                .filter_map(|support| {
                    Some(Support {
                        article: moved[support.article as usize]?,
                        evidence: self.quotes.carry(support.evidence, &mut quotes),
                        ..*support
                    })
                })
                .collect();
            for stating in statings.unwrap_or_default() {
                let Some(&article) = article_index.get(now.iris.iri(stating.article)) else {
                    continue;
                };
                let support = stating.support(article);
                supports.push(Support {
                    evidence: now.quotes.carry(support.evidence, &mut quotes),
                    ..support
                });
            }
            supports.sort_by_key(|s| s.article);
            supports.dedup_by_key(|s| s.article);
            refreshed.push((fact.clone(), supports));
        }

        // Old edges between mentioned entities are kept unless they are among the facts read
        // again; an entity survives when it has a class or keeps an edge.
        let mut touched = vec![false; self.node_count()];
        for iri in described.keys() {
            if let Some(node) = self.node_by_iri(iri.as_str()) {
                touched[node.index()] = true;
            }
        }
        let kept_edges: Vec<_> = self
            .graph
            .edge_references()
            .filter(|e| {
                if !touched[e.source().index()] && !touched[e.target().index()] {
                    return true;
                }
                let fact = (
                    self.entity(e.source().index()).iri.into_owned(),
                    Arc::from(self.relation_at(e.id()).predicate),
                    self.entity(e.target().index()).iri.into_owned(),
                );
                !mentioned.facts.contains_key(&fact)
            })
            .collect();
        let mut linked: HashSet<&str> = HashSet::new();
        for edge in &kept_edges {
            for node in [edge.source(), edge.target()] {
                if touched[node.index()] {
                    linked.insert(self.entity(node.index()).iri.as_str());
                }
            }
        }
        for ((subject, _, object), _) in &refreshed {
            linked.insert(subject.as_str());
            linked.insert(object.as_str());
        }
        let survives = |iri: &NamedNode| {
            described
                .get(iri)
                .is_some_and(|(_, classed)| *classed || linked.contains(iri.as_str()))
        };

        let mut patched = Projection {
            articles: articles.iter().map(Article::borrowed).collect(),
            quotes,
            ..Projection::default()
        };
        let mut new_node: Vec<Option<NodeIndex>> = vec![None; self.graph.node_count()];
        for old in self.graph.node_indices() {
            let entity = self.entity(old.index());
            let node = if !touched[old.index()] {
                patched.add_entity_ref(entity)
            } else {
                match described.get(&entity.iri.into_owned()) {
                    Some((fresh, _)) if survives(&fresh.iri) => patched.add_entity(fresh),
                    _ => continue,
                }
            };
            new_node[old.index()] = Some(node);
        }
        let mut arrivals: Vec<&NamedNode> = described
            .keys()
            .filter(|iri| self.node_by_iri(iri.as_str()).is_none() && survives(iri))
            .collect();
        arrivals.sort();
        for iri in arrivals {
            patched.add_entity(&described[iri].0);
        }

        patched.index_entities();
        for edge in kept_edges {
            let (Some(source), Some(target)) = (
                new_node[edge.source().index()],
                new_node[edge.target().index()],
            ) else {
                continue;
            };
            let relation = self.relation_at(edge.id());
            let supports: Vec<Support> = relation
                .supports
                .iter()
                .filter_map(|s| {
                    Some(Support {
                        article: moved[s.article as usize]?,
                        evidence: self.quotes.carry(s.evidence, &mut patched.quotes),
                        ..*s
                    })
                })
                .collect();
            patched.add_relation(source, target, relation.predicate, supports);
        }
        for ((subject, predicate, object), supports) in refreshed {
            let (Some(source), Some(target)) = (
                patched.node_by_iri(subject.as_str()),
                patched.node_by_iri(object.as_str()),
            ) else {
                continue;
            };
            patched.add_relation(source, target, &predicate, supports);
        }

        patched.quotes.seal();
        if patched.quotes.failed() || now.quotes.failed() {
            return Ok(None);
        }
        Ok(Some(patched))
    }

    /// The article list after the changes: the unchanged articles, and the changed ones that
    /// still have a graph, in IRI order as a full build has them.
    fn articles_after(&self, changed: &HashSet<&str>, now: &mut Builder) -> Vec<Article> {
        let mut articles: Vec<Article> = self
            .articles
            .iter()
            .filter(|a| !changed.contains(a.iri.as_str()))
            .map(ArticleRef::to_owned)
            .collect();
        let present: BTreeSet<u32> = now
            .article_ids
            .keys()
            .chain(now.article_dates.keys())
            .copied()
            .collect();
        for article in present {
            articles.push(Article {
                id: now
                    .article_ids
                    .remove(&article)
                    .unwrap_or_else(|| now.iris.iri(article).to_owned()),
                published: now.article_dates.remove(&article),
                iri: now.iris.named(article),
            });
        }
        articles.sort_by(|a, b| a.iri.cmp(&b.iri));
        articles
    }

    /// The supports the old projection has for a fact. Looked up in the shorter of the two
    /// entities' rows of the adjacency index (read from the saved file, or built once):
    /// petgraph's list of a hub's edges holds tens of thousands at a million facts, and each
    /// fact of a hub that a bulk ingest restates would walk it.
    fn old_supports(&self, (subject, predicate, object): &Fact) -> &[Support] {
        let (Some(source), Some(target)) = (
            self.node_by_iri(subject.as_str()),
            self.node_by_iri(object.as_str()),
        ) else {
            return &[];
        };
        let (source, target) = (source.index(), target.index());
        self.undirected_adjacency_index()
            .between(source, target)
            .filter(|&edge| self.endpoints(edge) == (source, target))
            .map(|edge| self.relation(edge))
            .find(|relation| relation.predicate == &**predicate)
            .map_or(&[], |relation| relation.supports)
    }
}

/// An entity as the merged graph describes it now, and whether it has a class of ours.
fn describe(
    store: &Store,
    iri: &NamedNode,
    ontology: &Ontology,
    shared: &mut Shared,
) -> Result<(Entity, bool), Error> {
    let literals = |predicate| -> Result<Vec<String>, Error> {
        Ok(store
            .merged_objects(iri.as_ref(), predicate)?
            .into_iter()
            .filter_map(|term| match term {
                Term::Literal(value) => Some(value.value().to_owned()),
                _ => None,
            })
            .collect())
    };
    let classes: BTreeSet<String> = store
        .merged_objects(iri.as_ref(), rdf::TYPE)?
        .into_iter()
        .filter_map(|term| match term {
            Term::NamedNode(class) => ontology
                .class_by_iri(class.as_str())
                .map(|c| c.name.clone()),
            _ => None,
        })
        .collect();
    let label = literals(rdfs::LABEL)?.into_iter().min();
    let aliases = literals(skos::ALT_LABEL)?;
    let classed = !classes.is_empty();
    Ok((
        Entity::described(iri, Some(&classes), label, aliases, ontology, shared),
        classed,
    ))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{Reader, Writing};
    use super::*;
    use crate::graph::tests::{ingest, ingest_sheets, saved_file, sheet_inputs, sheet_versions};
    use crate::ingest::{self, Input};
    use crate::resolve::IriBase;
    use crate::store::ChangeFeed;

    fn write(store: &Store, name: &str, sheet: &[u8]) {
        let sheet = Input::Memory {
            name: name.to_owned(),
            bytes: sheet.to_vec(),
        };
        ingest_sheets(store, vec![sheet]);
    }

    /// A projection as sets of IRIs and values, whatever order its nodes, edges and articles
    /// were added in.
    fn canonical(projection: &Projection) -> (Vec<String>, Vec<String>, Vec<Article>) {
        let mut entities: Vec<String> = projection
            .entities()
            .map(|(_, e)| format!("{e:?}"))
            .collect();
        entities.sort();
        let mut edges: Vec<String> = (0..projection.edge_count())
            .map(|edge| {
                let (s, o) = projection.endpoints(edge);
                let relation = projection.relation(edge);
                let supports: Vec<_> = relation
                    .supports
                    .iter()
                    .map(|s| {
                        (
                            projection.article(s.article).iri.as_str(),
                            s.confidence,
                            projection.evidence(s),
                        )
                    })
                    .collect();
                format!(
                    "{} {} {} {supports:?}",
                    projection.entity(s).iri,
                    relation.predicate,
                    projection.entity(o).iri
                )
            })
            .collect();
        edges.sort();
        (
            entities,
            edges,
            projection
                .articles
                .iter()
                .map(ArticleRef::to_owned)
                .collect(),
        )
    }

    /// `projection` brought up to date with the store's changes since `feed` last took them,
    /// as the server does (patched, or built when the changes or the store's state forbid a
    /// patch, which clears the store's mark when it finds it in step), and the projection a
    /// full build of the store's quads gives.
    fn patched_and_built(
        projection: &Projection,
        store: &Store,
        feed: &ChangeFeed,
    ) -> (Projection, Projection) {
        let ontology = Ontology::embedded().expect("ontology");
        let changes = feed.take();
        let built = Projection::from_quads(store.quads(), ontology).expect("build");
        let patched = match projection
            .patched(store, ontology, &changes)
            .expect("patch")
        {
            Some(patched) => patched,
            None => {
                assert!(
                    changes.everything || store.out_of_step(),
                    "article changes on a store in step were not patched"
                );
                Projection::from_store(store, ontology).expect("build")
            }
        };
        (patched, built)
    }

    #[derive(Debug, Clone)]
    enum Step {
        Write { sheet: usize, halved: bool },
        Remove { sheet: usize },
        Update { sheet: usize, update: usize },
    }

    /// SPARQL updates, as a user's hand edits would be. Of one article graph `{g}`, leaving
    /// the merged graph as it was: its facts taken out, or its statements, or a fact the merged
    /// graph lacks put in (one no sheet states, then one another sheet states), or every
    /// merged fact copied in, or the graph cleared. Of the merged graph, by quads given: a fact
    /// articles state taken out, an alias put in, a label or a class taken out, a fact no
    /// article states put in, a new entity put in.
    const UPDATES: [&str; 12] = [
        "DELETE { GRAPH <{g}> { ?s ?p ?o } } WHERE { GRAPH <{g}> { ?s ?p ?o \
         FILTER(isIRI(?o) && ?s != <{g}> && STRSTARTS(STR(?p), STR(fg:))) } }",
        "DELETE WHERE { GRAPH <{g}> { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }",
        "INSERT { GRAPH <{g}> { ?a fg:ownedBy ?b } } WHERE { \
         { SELECT ?a WHERE { ?a a ?c FILTER(STRSTARTS(STR(?c), STR(fg:))) } ORDER BY ?a LIMIT 1 } \
         { SELECT ?b WHERE { ?b a ?d FILTER(STRSTARTS(STR(?d), STR(fg:))) } ORDER BY DESC(?b) LIMIT 1 } }",
        "INSERT { GRAPH <{g}> { ?s ?p ?o } } WHERE { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(fg:))) }",
        "CLEAR SILENT GRAPH <{g}>",
        "INSERT DATA { GRAPH <{g}> { <https://w3id.org/factgraph/entity/alipay> fg:operatedBy \
         <https://w3id.org/factgraph/entity/ant-group> } }",
        "DELETE DATA { <https://w3id.org/factgraph/entity/alipay> fg:ownedBy \
         <https://w3id.org/factgraph/entity/ant-group> }",
        "INSERT DATA { <https://w3id.org/factgraph/entity/donald-trump> skos:altLabel \"The Donald\" }",
        "DELETE DATA { <https://w3id.org/factgraph/entity/alipay> rdfs:label \"Alipay\" }",
        "DELETE DATA { <https://w3id.org/factgraph/entity/ant-group> a fg:Company }",
        "INSERT DATA { <https://w3id.org/factgraph/entity/alipay> fg:ownedBy \
         <https://w3id.org/factgraph/entity/donald-trump> }",
        "INSERT DATA { <https://w3id.org/factgraph/entity/newco> a fg:Company ; rdfs:label \"Newco\" }",
    ];

    fn step() -> impl Strategy<Value = (Step, bool)> {
        let sheet = 0..7usize;
        (
            prop_oneof![
                (sheet.clone(), any::<bool>())
                    .prop_map(|(sheet, halved)| Step::Write { sheet, halved }),
                sheet.clone().prop_map(|sheet| Step::Remove { sheet }),
                (sheet, 0..UPDATES.len())
                    .prop_map(|(sheet, update)| Step::Update { sheet, update }),
            ],
            any::<bool>(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// After any run of writes, removals and updates of article graphs, patched now and
        /// then, the projection is the one a full build gives.
        #[test]
        fn a_patched_projection_is_the_projection_built_anew(
            steps in proptest::collection::vec(step(), 1..8),
        ) {
            let sheets = sheet_versions();
            prop_assert_eq!(sheets.len(), 7);
            let ontology = Ontology::embedded().expect("ontology");
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("store");
            store.ensure_ontology().expect("ontology graph");
            write(&store, &sheets[0].0, &sheets[0].1[0]);
            let feed = store.follow_changes();
            let mut projection = Projection::from_quads(store.quads(), ontology).expect("build");
            for (step, patch_now) in steps {
                match step {
                    Step::Write { sheet, halved } => {
                        let (id, versions) = &sheets[sheet];
                        write(&store, id, &versions[usize::from(halved)]);
                    }
                    Step::Remove { sheet } => {
                        let iri = IriBase::default().article(&sheets[sheet].0);
                        store.remove_article(iri.as_ref(), ontology).expect("remove");
                    }
                    Step::Update { sheet, update } => {
                        let iri = IriBase::default().article(&sheets[sheet].0);
                        store.update(&UPDATES[update].replace("{g}", iri.as_str())).expect("update");
                    }
                }
                if patch_now {
                    let built;
                    (projection, built) = patched_and_built(&projection, &store, &feed);
                    prop_assert_eq!(canonical(&projection), canonical(&built));
                    let trump = built.lookup("Donald Trump").ok().map(|n| built.entity(n).iri);
                    let patched_trump = projection.lookup("Donald Trump").ok().map(|n| projection.entity(n).iri);
                    prop_assert_eq!(trump, patched_trump);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        /// Ingests of new sheets and of other versions of sheets already in, patched from the
        /// graphs they hand over rather than from the store, give the projection a full
        /// build gives.
        #[test]
        fn a_patch_from_what_an_ingest_hands_over_is_the_projection_built_anew(
            batches in proptest::collection::vec(
                proptest::collection::btree_map(0..7usize, any::<bool>(), 1..4),
                1..5,
            ),
        ) {
            let sheets = sheet_versions();
            let ontology = Ontology::embedded().expect("ontology");
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("store");
            write(&store, &sheets[0].0, &sheets[0].1[0]);
            let mut projection = Projection::from_quads(store.quads(), ontology).expect("build");
            let feed = store.follow_changes();
            for batch in batches {
                let inputs: Vec<Input> = batch
                    .iter()
                    .map(|(&sheet, &halved)| Input::Memory {
                        name: format!("{}.json", sheets[sheet].0),
                        bytes: sheets[sheet].1[usize::from(halved)].clone(),
                    })
                    .collect();
                let (inputs, options) = sheet_inputs(inputs);
                let changed = Changed::new(&store);
                let reader = Reader::start(move |receiver| changed.handed(receiver, ontology));
                let report = ingest::ingest_passing_on(
                    &inputs,
                    &store,
                    &options,
                    &mut |articles| reader.hand_over(articles),
                    &mut |_| {},
                );
                prop_assert!(!report.expect("ingest").has_errors());
                let changes = feed.take();
                let handed = reader.finish().flatten().expect("each graph handed over once");
                prop_assert_eq!(&handed.graphs, &changes.articles);
                projection = projection
                    .patched_with(&store, ontology, &changes, handed.now, handed.mentioned)
                    .expect("patch")
                    .expect("article changes patch");
                let built = Projection::from_quads(store.quads(), ontology).expect("build");
                prop_assert_eq!(canonical(&projection), canonical(&built));
            }
        }
    }

    /// A sheet stating that each company of a pair sues the other.
    fn suing_sheet(id: &str, pairs: &[(&str, &str)]) -> Input {
        let mut names: Vec<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        names.sort_unstable();
        names.dedup();
        let slug = |name: &str| name.to_lowercase().replace(' ', "-");
        let sheet = serde_json::json!({
            "article": {"id": id, "title": id, "published": "2021-02-01"},
            "entities": names
                .iter()
                .map(|name| serde_json::json!({"id": slug(name), "name": name, "type": "Company"}))
                .collect::<Vec<_>>(),
            "facts": pairs
                .iter()
                .map(|&(a, b)| serde_json::json!({
                    "subject": slug(a),
                    "predicate": "sues",
                    "object": slug(b),
                    "evidence": format!("{a} sues {b}, {id} says."),
                }))
                .collect::<Vec<_>>(),
        });
        Input::Memory {
            name: format!("{id}.json"),
            bytes: serde_json::to_vec(&sheet).expect("json"),
        }
    }

    /// A sheet of one fact between a new company and one of `data/sheets`' entities.
    fn small_sheet(number: usize) -> Input {
        suing_sheet(
            &format!("bulk-{number}"),
            &[(&format!("Company {}", number % 50), "Ant Group")],
        )
    }

    /// A fact restated keeps the supports of the fact as stated, not those of the same
    /// predicate the other way between the same two entities (which a saved graph's index
    /// lists beside it, first when better supported).
    #[test]
    fn a_fact_restated_keeps_its_own_supports_not_those_of_its_converse() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let sheets = vec![
            suing_sheet("first", &[("Acme", "Bolt")]),
            suing_sheet("second", &[("Bolt", "Acme")]),
            suing_sheet("third", &[("Bolt", "Acme")]),
        ];
        ingest(&store, sheets);
        assert!(saved_file(dir.path()).exists());
        ingest(&store, vec![suing_sheet("fourth", &[("Acme", "Bolt")])]);
        let saved = assert_saved_graph_is_built_graph(&store);
        let acme = saved.lookup("Acme").expect("Acme");
        let bolt = saved.lookup("Bolt").expect("Bolt");
        let supports = |from, to| {
            let edge = saved
                .undirected_adjacency_index()
                .between(from, to)
                .find(|&edge| saved.endpoints(edge) == (from, to))
                .expect("a fact");
            saved.relation(edge).supports.len()
        };
        assert_eq!((supports(acme, bolt), supports(bolt, acme)), (2, 2));
    }

    /// A store holding `data/sheets`, with its graph saved.
    fn store_of_sheets() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let versions = sheet_versions();
        let report = ingest(
            &store,
            versions
                .iter()
                .map(|(id, bytes)| Input::Memory {
                    name: format!("{id}.json"),
                    bytes: bytes[0].clone(),
                })
                .collect(),
        );
        assert_eq!(report.articles_written, versions.len());
        assert!(saved_file(dir.path()).exists());
        (dir, store)
    }

    fn assert_saved_graph_is_built_graph(store: &Store) -> Projection {
        let ontology = Ontology::embedded().expect("ontology");
        let saved =
            snapshot::load(store, &snapshot::ontology_stamp(ontology)).expect("a saved graph");
        let built = Projection::from_quads(store.quads(), ontology).expect("build");
        assert_eq!(canonical(&saved), canonical(&built));
        saved
    }

    /// A bulk ingest into a store with a saved graph, too large for a patch that reads the
    /// changed graphs back from the store, leaves the graph patched from what it handed over;
    /// so does the removal of those articles, whose graphs are empty to read back.
    #[test]
    fn bulk_ingests_and_removals_keep_the_saved_graph() {
        let (_dir, store) = store_of_sheets();
        let articles = store.articles().expect("articles").len();
        let bulk = BULK_ARTICLES + 1;
        let report = ingest(&store, (0..bulk).map(small_sheet).collect());
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        assert_eq!(report.articles_written, bulk);
        let saved = assert_saved_graph_is_built_graph(&store);
        assert_eq!(saved.articles.len(), articles + bulk);
        let ant = saved.lookup("Ant Group").expect("Ant Group");
        assert!(
            saved
                .graph
                .neighbors_undirected(NodeIndex::new(ant))
                .count()
                >= 50
        );

        let ontology = Ontology::embedded().expect("ontology");
        let writing = Writing::start(&store, ontology);
        for number in 0..bulk {
            let iri = IriBase::default().article(&format!("bulk-{number}"));
            assert!(
                store
                    .remove_article(iri.as_ref(), ontology)
                    .expect("remove")
            );
        }
        writing.after_write();
        let saved = assert_saved_graph_is_built_graph(&store);
        assert_eq!(saved.articles.len(), articles);
    }

    /// The same ingest, had it not handed over what it wrote, would leave the graph to the next
    /// query rather than read so many graphs back.
    #[test]
    fn a_bulk_write_not_handed_over_leaves_the_graph_to_the_next_query() {
        let (dir, store) = store_of_sheets();
        let ontology = Ontology::embedded().expect("ontology");
        let (inputs, options) = sheet_inputs((0..BULK_ARTICLES + 1).map(small_sheet).collect());
        let writing = Writing::start(&store, ontology);
        ingest::ingest_passing_on(&inputs, &store, &options, &mut |_| {}, &mut |_| {})
            .expect("ingest");
        writing.after_write();
        assert!(!saved_file(dir.path()).exists());
    }

    /// An article graph that gives an entity only a label, or only a class, changes the
    /// projection as much as a sheet does (sheets always give both).
    #[test]
    fn a_label_alone_or_a_class_alone_is_patched_in() {
        let ontology = Ontology::embedded().expect("ontology");
        let sheets = sheet_versions();
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        write(&store, &sheets[0].0, &sheets[0].1[0]);
        let mut projection = Projection::from_quads(store.quads(), ontology).expect("build");
        let base = IriBase::default();
        let trump = projection
            .entity(projection.lookup("Donald Trump").expect("Trump"))
            .iri
            .into_owned();
        let newcomer = base.entity("a-newcomer");
        let company =
            NamedNode::new(format!("{}Company", crate::ontology::NAMESPACE)).expect("iri");
        let feed = store.follow_changes();
        for id in ["only-label", "only-class"] {
            let graph = base.article(id);
            let quad = if id == "only-label" {
                Quad::new(
                    trump.clone(),
                    rdfs::LABEL,
                    oxigraph::model::Literal::new_simple_literal("Aaa Trump"),
                    graph.clone(),
                )
            } else {
                Quad::new(newcomer.clone(), rdf::TYPE, company.clone(), graph.clone())
            };
            let article = ArticleGraph {
                id: id.to_owned(),
                quads: vec![quad],
                graph,
            };
            store.write_articles(&[article], ontology).expect("write");
            let built;
            (projection, built) = patched_and_built(&projection, &store, &feed);
            assert_eq!(canonical(&projection), canonical(&built), "after {id}");
        }
        let trump = projection.lookup(trump.as_str()).expect("Trump");
        assert_eq!(projection.entity(trump).label, "Aaa Trump");
        assert!(projection.lookup(newcomer.as_str()).is_ok());
    }

    #[test]
    fn writes_that_are_not_article_by_article_ask_for_a_full_build() {
        let ontology = Ontology::embedded().expect("ontology");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let feed = store.follow_changes();
        let projection = Projection::default();
        store
            .update("INSERT { <http://example.org/a> <http://example.org/p> ?b } WHERE { BIND(<http://example.org/b> AS ?b) }")
            .expect("update");
        let changes = feed.take();
        assert!(changes.everything);
        assert!(
            projection
                .patched(&store, ontology, &changes)
                .expect("read")
                .is_none()
        );
    }
}
