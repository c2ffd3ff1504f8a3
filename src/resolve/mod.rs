//! Entity identity: which mentions, across sheets and the store, are one real-world entity, and
//! the IRI each entity gets.
//!
//! Mentions are linked by shared `sameAs` links, then by shared name keys (see [`normalise`]),
//! only when their classes agree (one refines the other) and never so as to join two entities
//! the store already holds under different IRIs. The result depends on the set of inputs, not on
//! their order.

mod normalise;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::NamedNode;

pub use normalise::{NameKind, name_key};

use crate::ontology::{Ontology, expand_same_as};
use crate::text::{fold, slug};

/// An entity as a sheet or a pin file states it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mention {
    pub name: String,
    pub class: String,
    pub aliases: Vec<String>,
    /// Expanded IRIs.
    pub same_as: Vec<String>,
}

impl Mention {
    pub fn from_entity(entity: &crate::model::Entity) -> Self {
        let mut aliases = entity.aliases.clone();
        aliases.sort();
        aliases.dedup();
        let mut same_as: Vec<String> = entity
            .same_as
            .iter()
            .filter_map(|s| expand_same_as(s))
            .map(NamedNode::into_string)
            .collect();
        same_as.sort();
        same_as.dedup();
        Self {
            name: entity.name.clone(),
            class: entity.class.clone(),
            aliases,
            same_as,
        }
    }
}

/// An entity the store already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownEntity {
    pub iri: NamedNode,
    pub label: String,
    pub classes: Vec<String>,
    /// The label and the alternative labels.
    pub names: Vec<String>,
    pub same_as: Vec<String>,
}

/// The stored entities, indexed by the keys resolution compares (name keys and `sameAs` links),
/// so that a few new sheets are resolved against the few stored entities they could join
/// rather than against all of them. Kept by a long-running process between ingests.
#[derive(Debug, Default)]
pub struct KnownIndex {
    entities: Vec<KnownEntity>,
    by_iri: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl KnownIndex {
    pub fn new(entities: Vec<KnownEntity>, ontology: &Ontology) -> Self {
        let mut index = Self::default();
        for entity in entities {
            index.upsert(entity, ontology);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.by_iri.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_iri.is_empty()
    }

    pub fn contains(&self, iri: &str) -> bool {
        self.by_iri.contains_key(iri)
    }

    /// Adds an entity, or replaces what the index knew of it.
    pub fn upsert(&mut self, entity: KnownEntity, ontology: &Ontology) {
        let kind = name_kind(ontology, most_specific(ontology, &entity.classes));
        let slot = match self.by_iri.get(entity.iri.as_str()) {
            Some(&slot) => slot,
            None => {
                self.entities.push(entity.clone());
                self.by_iri
                    .insert(entity.iri.as_str().to_owned(), self.entities.len() - 1);
                self.entities.len() - 1
            }
        };
        // Keys of the older version stay: they can only add candidates, which resolution
        // then checks in full.
        for key in entity
            .names
            .iter()
            .map(|name| name_key(name, kind))
            .filter(|key| !key.is_empty())
            .chain(entity.same_as.iter().map(|link| format!("<{link}>")))
        {
            let slots = self.by_key.entry(key).or_default();
            if !slots.contains(&slot) {
                slots.push(slot);
            }
        }
        self.entities[slot] = entity;
    }

    /// The stored entities that share a name key or a link with some mention.
    pub fn candidates(&self, mentions: &[Mention], ontology: &Ontology) -> Vec<KnownEntity> {
        let mut slots: Vec<usize> = mentions
            .iter()
            .flat_map(|mention| {
                let kind = name_kind(ontology, &mention.class);
                names_of(mention)
                    .into_iter()
                    .map(move |name| name_key(name, kind))
                    .chain(mention.same_as.iter().map(|link| format!("<{link}>")))
            })
            .filter_map(|key| self.by_key.get(&key))
            .flatten()
            .copied()
            .collect();
        slots.sort_unstable();
        slots.dedup();
        slots
            .into_iter()
            .map(|s| self.entities[s].clone())
            .collect()
    }
}

/// Where minted IRIs live: `{base}entity/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IriBase(String);

impl IriBase {
    pub const DEFAULT: &'static str = "https://w3id.org/factgraph/";

    /// A base must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Option<Self> {
        (NamedNode::new(base).is_ok() && (base.ends_with('/') || base.ends_with('#')))
            .then(|| Self(base.to_owned()))
    }

    pub fn entity(&self, slug: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}entity/{}", self.0, slug))
    }

    pub fn article(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}article/{}", self.0, id))
    }

    /// An article named by its id (as in the fact sheet) or by its full IRI. Sheet ids have no
    /// `:`, so text with one that parses as an IRI is taken as the IRI.
    pub fn article_named(&self, id_or_iri: &str) -> NamedNode {
        match NamedNode::new(id_or_iri) {
            Ok(iri) if id_or_iri.contains(':') => iri,
            _ => self.article(id_or_iri),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IriBase {
    fn default() -> Self {
        Self(Self::DEFAULT.to_owned())
    }
}

/// The identity given to a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub iri: NamedNode,
    /// The canonical name: the `rdfs:label` every article states for this entity.
    pub label: String,
}

/// Resolves mentions against each other, pinned identities and the store's entities.
///
/// `pins` are identities a person fixed (an alias file): their name becomes the label and every
/// mention matching one of their names joins them. Returns one [`Resolved`] per mention, in order.
pub fn resolve(
    mentions: &[Mention],
    pins: &[Mention],
    known: &[KnownEntity],
    ontology: &Ontology,
    base: &IriBase,
) -> Vec<Resolved> {
    let taken: HashSet<&str> = known.iter().map(|k| k.iri.as_str()).collect();
    resolve_among(
        mentions,
        pins,
        known,
        &|iri| taken.contains(iri),
        ontology,
        base,
    )
}

/// [`resolve`] against `candidates`, the stored entities that share a name or link with some
/// mention (the others cannot join any), with `is_taken` telling which IRIs the store already
/// uses, so that minted IRIs stay new.
pub fn resolve_among(
    mentions: &[Mention],
    pins: &[Mention],
    known: &[KnownEntity],
    is_taken: &dyn Fn(&str) -> bool,
    ontology: &Ontology,
    base: &IriBase,
) -> Vec<Resolved> {
    let mut unique: Vec<&Mention> = mentions.iter().collect();
    unique.sort();
    unique.dedup();
    let mut known_sorted: Vec<&KnownEntity> = known.iter().collect();
    known_sorted.sort_by(|a, b| a.iri.as_str().cmp(b.iri.as_str()));

    let mut clusters = Clusters::default();
    let mut name_keys: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut link_keys: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut add_names = |node: usize, class: &str, names: Vec<&str>| {
        let kind = name_kind(ontology, class);
        for name in identifying(ontology, class, names) {
            let key = name_key(name, kind);
            if !key.is_empty() {
                name_keys.entry(key).or_default().push(node);
            }
        }
    };
    for pin in pins {
        let node = clusters.add(&pin.class, None, Some(pin.name.clone()));
        add_names(node, &pin.class, names_of(pin));
    }
    for entity in &known_sorted {
        let class = most_specific(ontology, &entity.classes);
        let node = clusters.add(
            class,
            Some((entity.iri.clone(), entity.label.clone())),
            None,
        );
        add_names(
            node,
            class,
            entity.names.iter().map(String::as_str).collect(),
        );
    }
    let mut mention_nodes = HashMap::new();
    for mention in &unique {
        let node = clusters.add(&mention.class, None, None);
        mention_nodes.insert(*mention, node);
        add_names(node, &mention.class, names_of(mention));
    }
    for (node, links) in pins
        .iter()
        .map(|p| &p.same_as)
        .chain(known_sorted.iter().map(|k| &k.same_as))
        .chain(unique.iter().map(|m| &m.same_as))
        .enumerate()
    {
        for link in links {
            link_keys.entry(link.as_str()).or_default().push(node);
        }
    }
    for nodes in link_keys
        .values()
        .map(Vec::as_slice)
        .chain(name_keys.values().map(Vec::as_slice))
    {
        clusters.join_all(nodes, ontology);
    }

    for mention in mentions {
        let root = clusters.find(mention_nodes[mention]);
        // A person's name written with a title ("President Trump") is a weaker label candidate
        // than the bare name, however often it is used.
        let titled = name_kind(ontology, &mention.class) == NameKind::Person
            && name_key(&mention.name, NameKind::Person) != fold(&mention.name);
        let vote = clusters.name_votes[root]
            .entry(mention.name.clone())
            .or_insert((!titled, 0));
        vote.1 += 1;
    }
    let iris = clusters.assign_iris(known, is_taken, base);
    mentions
        .iter()
        .map(|mention| {
            let root = clusters.find(mention_nodes[mention]);
            iris[&root].clone()
        })
        .collect()
}

/// The names that identify an entity of `class`, its own name first. A position's shortened
/// title ("Director" of "Director of the FBI") is shared by many positions, so it names one
/// without identifying it.
fn identifying<'a>(ontology: &Ontology, class: &str, names: Vec<&'a str>) -> Vec<&'a str> {
    if !ontology.is_subclass_of(class, "Position") {
        return names;
    }
    let Some((first, _)) = names.split_first() else {
        return names;
    };
    let words =
        |name: &str| -> BTreeSet<String> { fold(name).split(' ').map(str::to_owned).collect() };
    let full = words(first);
    names
        .iter()
        .enumerate()
        .filter(|&(i, name)| i == 0 || !words(name).is_subset(&full))
        .map(|(_, name)| *name)
        .collect()
}

fn names_of(mention: &Mention) -> Vec<&str> {
    std::iter::once(mention.name.as_str())
        .chain(mention.aliases.iter().map(String::as_str))
        .collect()
}

/// The name rules that fit a class.
pub fn name_kind(ontology: &Ontology, class: &str) -> NameKind {
    if ontology.is_subclass_of(class, "Person") {
        NameKind::Person
    } else if ontology.is_subclass_of(class, "Organization") {
        NameKind::Organization
    } else {
        NameKind::Other
    }
}

fn most_specific<'a>(ontology: &Ontology, classes: &'a [String]) -> &'a str {
    classes
        .iter()
        .map(String::as_str)
        .reduce(|best, class| {
            if ontology.is_subclass_of(class, best) {
                class
            } else {
                best
            }
        })
        .unwrap_or("Entity")
}

/// Union-find over mentions, with what each cluster may still join.
#[derive(Default)]
struct Clusters {
    parent: Vec<usize>,
    class: Vec<String>,
    fixed: Vec<Option<(NamedNode, String)>>,
    pinned_label: Vec<Option<String>>,
    /// Per name: (written without a title, how many mentions use it).
    name_votes: Vec<HashMap<String, (bool, usize)>>,
}

impl Clusters {
    fn add(
        &mut self,
        class: &str,
        fixed: Option<(NamedNode, String)>,
        pinned_label: Option<String>,
    ) -> usize {
        self.parent.push(self.parent.len());
        self.class.push(class.to_owned());
        self.fixed.push(fixed);
        self.pinned_label.push(pinned_label);
        self.name_votes.push(HashMap::new());
        self.parent.len() - 1
    }

    fn find(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    /// Joins nodes sharing one key. A node that cannot join the first cluster of the key (its
    /// class disagrees) tries the others, and starts a new one if none fits.
    fn join_all(&mut self, nodes: &[usize], ontology: &Ontology) {
        let mut representatives: Vec<usize> = Vec::new();
        for &node in nodes {
            let joined = representatives
                .iter()
                .any(|&rep| self.try_join(rep, node, ontology));
            if !joined {
                representatives.push(node);
            }
        }
    }

    fn try_join(&mut self, a: usize, b: usize, ontology: &Ontology) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !ontology.compatible(&self.class[ra], &self.class[rb]) {
            return false;
        }
        if let (Some((iri_a, _)), Some((iri_b, _))) = (&self.fixed[ra], &self.fixed[rb]) {
            if iri_a != iri_b {
                return false;
            }
        }
        if self.pinned_label[ra].is_some() && self.pinned_label[rb].is_some() {
            return false;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        if ontology.is_subclass_of(&self.class[child], &self.class[root]) {
            self.class[root] = self.class[child].clone();
        }
        if self.fixed[root].is_none() {
            self.fixed[root] = self.fixed[child].take();
        }
        if self.pinned_label[root].is_none() {
            self.pinned_label[root] = self.pinned_label[child].take();
        }
        self.parent[child] = root;
        true
    }

    /// Gives every cluster that received votes its IRI and label; new IRIs are minted in an order
    /// that depends only on the clusters' content.
    fn assign_iris(
        &mut self,
        known: &[KnownEntity],
        is_taken: &dyn Fn(&str) -> bool,
        base: &IriBase,
    ) -> HashMap<usize, Resolved> {
        let mut taken: HashSet<String> = known.iter().map(|k| k.iri.as_str().to_owned()).collect();
        let mut resolved = HashMap::new();
        let mut to_mint = Vec::new();
        for root in 0..self.parent.len() {
            if self.parent[root] != root || self.name_votes[root].is_empty() {
                continue;
            }
            if let Some((iri, label)) = &self.fixed[root] {
                let label = self.pinned_label[root]
                    .clone()
                    .unwrap_or_else(|| label.clone());
                resolved.insert(
                    root,
                    Resolved {
                        iri: iri.clone(),
                        label,
                    },
                );
            } else {
                let label = self.pinned_label[root]
                    .clone()
                    .unwrap_or_else(|| elect(&self.name_votes[root]));
                to_mint.push((label, self.class[root].clone(), root));
            }
        }
        to_mint.sort();
        for (label, class, root) in to_mint {
            let stem = slug(&label);
            let mut candidate = stem.clone();
            let mut counter = 1;
            while taken.contains(base.entity(&candidate).as_str())
                || is_taken(base.entity(&candidate).as_str())
            {
                counter += 1;
                candidate = if counter == 2 {
                    format!("{stem}-{}", slug(&class))
                } else {
                    format!("{stem}-{}-{counter}", slug(&class))
                };
            }
            let iri = base.entity(&candidate);
            taken.insert(iri.as_str().to_owned());
            resolved.insert(root, Resolved { iri, label });
        }
        resolved
    }
}

/// The canonical name: untitled names first, then the one most mentions use, then the longest,
/// then the first in order.
fn elect(votes: &HashMap<String, (bool, usize)>) -> String {
    votes
        .iter()
        .max_by(|(a, va), (b, vb)| va.cmp(vb).then(a.len().cmp(&b.len())).then(b.cmp(a)))
        .map(|(name, _)| name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_named_by_id_or_by_iri() {
        let base = IriBase::default();
        assert_eq!(
            base.article_named("a-1").as_str(),
            "https://w3id.org/factgraph/article/a-1"
        );
        assert_eq!(
            base.article_named("https://example.org/story").as_str(),
            "https://example.org/story"
        );
        // A colon alone does not make an IRI.
        assert_eq!(
            base.article_named("a b:c").as_str(),
            "https://w3id.org/factgraph/article/a b:c"
        );
    }

    fn mention(name: &str, class: &str, aliases: &[&str]) -> Mention {
        Mention {
            name: name.into(),
            class: class.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            same_as: vec![],
        }
    }

    fn run(mentions: &[Mention], known: &[KnownEntity]) -> Vec<Resolved> {
        resolve(
            mentions,
            &[],
            known,
            Ontology::embedded().unwrap(),
            &IriBase::default(),
        )
    }

    #[test]
    fn the_index_resolves_as_the_whole_store_does() {
        let ontology = Ontology::embedded().unwrap();
        let stored =
            |slug: &str, name: &str, class: &str, aliases: &[&str], link: &[&str]| KnownEntity {
                iri: IriBase::default().entity(slug),
                label: name.into(),
                classes: vec![class.into()],
                names: std::iter::once(name)
                    .chain(aliases.iter().copied())
                    .map(str::to_owned)
                    .collect(),
                same_as: link.iter().map(|l| (*l).to_owned()).collect(),
            };
        let known = vec![
            stored("donald-trump", "Donald Trump", "Person", &["Trump"], &[]),
            stored("apple", "Apple", "Person", &[], &[]),
            stored(
                "ant-group",
                "Ant Group",
                "Company",
                &[],
                &["http://www.wikidata.org/entity/Q1"],
            ),
            stored("alibaba", "Alibaba", "Company", &["Alibaba Group"], &[]),
        ];
        let mut linked = mention("Ant Financial", "Company", &[]);
        linked.same_as = vec!["http://www.wikidata.org/entity/Q1".into()];
        let mentions = [
            mention("President Trump", "Person", &[]),
            mention("Apple", "Company", &[]),
            linked,
            mention("Tencent", "Company", &[]),
        ];
        let index = KnownIndex::new(known.clone(), ontology);
        let candidates = index.candidates(&mentions, ontology);
        let found: Vec<&str> = candidates.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(found, ["Donald Trump", "Apple", "Ant Group"]);
        let through_index = resolve_among(
            &mentions,
            &[],
            &candidates,
            &|iri| index.contains(iri),
            ontology,
            &IriBase::default(),
        );
        assert_eq!(through_index, run(&mentions, &known));
        let slugs: Vec<&str> = through_index
            .iter()
            .map(|r| r.iri.as_str().rsplit('/').next().unwrap_or_default())
            .collect();
        assert_eq!(
            slugs,
            ["donald-trump", "apple-company", "ant-group", "tencent"]
        );
    }

    #[test]
    fn trump_in_three_forms_is_one_entity() {
        let mentions = [
            mention("Trump", "Person", &[]),
            mention("Donald Trump", "Person", &["Trump", "President Trump"]),
            mention("President Trump", "Person", &[]),
            mention("President Trump", "Person", &["Donald"]),
            mention("Donald Trump", "Person", &[]),
        ];
        let resolved = run(&mentions, &[]);
        assert!(
            resolved
                .iter()
                .all(|r| r.iri.as_str() == "https://w3id.org/factgraph/entity/donald-trump")
        );
        assert!(resolved.iter().all(|r| r.label == "Donald Trump"));
    }

    #[test]
    fn positions_sharing_a_bare_title_stay_apart_but_other_names_join_them() {
        let mentions = [
            mention("Director of the FBI", "Position", &["Director"]),
            mention("Director of the CDC", "Position", &["Director"]),
            mention(
                "President of the United States",
                "Position",
                &["U.S. President"],
            ),
            mention("U.S. President", "Position", &[]),
        ];
        let resolved = run(&mentions, &[]);
        assert_ne!(resolved[0].iri, resolved[1].iri);
        assert_eq!(resolved[2].iri, resolved[3].iri);
    }

    #[test]
    fn an_app_and_a_company_with_one_name_stay_two() {
        let mentions = [
            mention("Alipay", "SoftwareApplication", &[]),
            mention("Ant Group", "Company", &["Alipay"]),
        ];
        let resolved = run(&mentions, &[]);
        assert_eq!(
            resolved[0].iri.as_str(),
            "https://w3id.org/factgraph/entity/alipay"
        );
        assert_eq!(
            resolved[1].iri.as_str(),
            "https://w3id.org/factgraph/entity/ant-group"
        );
    }

    #[test]
    fn organization_refines_to_company() {
        let mentions = [
            mention("Alibaba Group Holding", "Company", &[]),
            mention("Alibaba", "Organization", &[]),
        ];
        let resolved = run(&mentions, &[]);
        assert_eq!(resolved[0], resolved[1]);
    }

    #[test]
    fn same_as_links_join_different_names() {
        let mut a = mention("Facebook", "Company", &[]);
        let mut b = mention("Meta Platforms", "Company", &[]);
        a.same_as = vec!["http://www.wikidata.org/entity/Q380".into()];
        b.same_as = a.same_as.clone();
        let resolved = run(&[a, b.clone(), b], &[]);
        assert_eq!(resolved[0], resolved[1]);
        assert_eq!(resolved[0].label, "Meta Platforms");
    }

    #[test]
    fn the_store_keeps_its_iris() {
        let known = KnownEntity {
            iri: NamedNode::new_unchecked("https://w3id.org/factgraph/entity/donald-trump"),
            label: "Donald Trump".into(),
            classes: vec!["Person".into()],
            names: vec!["Donald Trump".into(), "Trump".into()],
            same_as: vec![],
        };
        let resolved = run(
            &[mention("President Trump", "Person", &[])],
            std::slice::from_ref(&known),
        );
        assert_eq!(resolved[0].iri, known.iri);
        assert_eq!(resolved[0].label, "Donald Trump");
    }

    #[test]
    fn two_store_entities_are_never_merged() {
        let known = |slug: &str, name: &str| KnownEntity {
            iri: NamedNode::new_unchecked(format!("https://w3id.org/factgraph/entity/{slug}")),
            label: name.into(),
            classes: vec!["Person".into()],
            names: vec![name.into()],
            same_as: vec![],
        };
        let both = mention("Michael Evans", "Person", &["M. Evans"]);
        let resolved = run(
            &[both],
            &[
                known("m-evans", "M. Evans"),
                known("michael-evans", "Michael Evans"),
            ],
        );
        assert!(resolved[0].iri.as_str().ends_with("/m-evans"));
    }

    #[test]
    fn colliding_slugs_get_the_class() {
        let mentions = [
            mention("Mercury", "Product", &[]),
            mention("Mercury", "Place", &[]),
        ];
        let resolved = run(&mentions, &[]);
        let iris: Vec<&str> = resolved.iter().map(|r| r.iri.as_str()).collect();
        assert_eq!(
            iris,
            [
                "https://w3id.org/factgraph/entity/mercury-product",
                "https://w3id.org/factgraph/entity/mercury"
            ]
        );
    }

    #[test]
    fn pins_set_the_label_and_join_names() {
        let pin = mention(
            "Semiconductor Manufacturing International Corporation",
            "Company",
            &["SMIC"],
        );
        let resolved = resolve(
            &[mention("SMIC", "Company", &[])],
            &[pin],
            &[],
            Ontology::embedded().unwrap(),
            &IriBase::default(),
        );
        assert_eq!(
            resolved[0].label,
            "Semiconductor Manufacturing International Corporation"
        );
    }

    #[test]
    fn order_does_not_matter() {
        let mentions = vec![
            mention("Mercury", "Product", &[]),
            mention("Mercury", "Place", &[]),
            mention("Ant Group", "Company", &["Ant"]),
            mention("Ant", "Organization", &[]),
            mention("Trump", "Person", &[]),
            mention("Donald Trump", "Person", &["Trump"]),
        ];
        let forward = run(&mentions, &[]);
        let reversed: Vec<Mention> = mentions.iter().rev().cloned().collect();
        let mut backward = run(&reversed, &[]);
        backward.reverse();
        assert_eq!(forward, backward);
    }
}
