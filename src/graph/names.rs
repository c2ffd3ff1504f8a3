//! Finding entities by IRI, by name and by the start of a name. Sorted arrays of node numbers
//! instead of hash maps keyed by owned strings: the IRIs and names are already in the entities,
//! and a copy of each in a map would weigh more than the edges of a sparse graph. Only completing
//! a name as it is typed needs the folded names themselves; that part is built on first use.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use petgraph::graph::NodeIndex;

use super::{NodeId, Projection};
use crate::text::fold;

#[derive(Debug, Default)]
pub(super) struct Names {
    /// Nodes in IRI order.
    by_iri: Vec<u32>,
    /// (hash of a folded label or alias, node), sorted: eight bytes a name. Names whose
    /// hashes collide are told apart when looked up, and 32 bits make that rare.
    by_name: Vec<(u32, u32)>,
    /// (folded label or alias, node), sorted, each pair once: names sharing a start are
    /// neighbours. Only the server completes names, so the command line never pays for it.
    by_folded: OnceLock<Vec<(Box<str>, u32)>>,
}

fn name_hash(folded: &str) -> u32 {
    let mut hasher = std::hash::DefaultHasher::new();
    folded.hash(&mut hasher);
    let hash = hasher.finish();
    (hash ^ (hash >> 32)) as u32
}

impl Projection {
    /// Indexes the entities; called once they are all added.
    pub(super) fn index_entities(&mut self) {
        self.entities.finish();
        let mut by_iri: Vec<u32> = (0..self.graph.node_count() as u32).collect();
        by_iri.sort_unstable_by(|a, b| {
            self.entity(*a as usize)
                .iri
                .as_str()
                .cmp(self.entity(*b as usize).iri.as_str())
        });
        let mut by_name = Vec::with_capacity(self.graph.node_count());
        for (node, entity) in self.entities() {
            let mut hashes: Vec<u32> = entity.names().map(|name| name_hash(&fold(name))).collect();
            hashes.sort_unstable();
            hashes.dedup();
            by_name.extend(hashes.into_iter().map(|hash| (hash, node as u32)));
        }
        by_name.sort_unstable();
        self.names = Names {
            by_iri,
            by_name,
            by_folded: OnceLock::new(),
        };
    }

    /// The entity with this IRI.
    pub(super) fn node_by_iri(&self, iri: &str) -> Option<NodeIndex> {
        let names = &self.names.by_iri;
        let at = names
            .binary_search_by(|n| self.entity(*n as usize).iri.as_str().cmp(iri))
            .ok()?;
        Some(NodeIndex::new(names[at] as usize))
    }

    /// The entities with a label or alias that folds to `folded`, in node order.
    pub(super) fn nodes_named(&self, folded: &str) -> Vec<NodeIndex> {
        let hash = name_hash(folded);
        let names = &self.names.by_name;
        let start = names.partition_point(|(h, _)| *h < hash);
        names[start..]
            .iter()
            .take_while(|(h, _)| *h == hash)
            .map(|(_, node)| *node as usize)
            // Equal hashes of different names are told apart here.
            .filter(|node| self.entity(*node).names().any(|name| fold(name) == folded))
            .map(NodeIndex::new)
            .collect()
    }

    /// Entities whose label or an alias starts with `prefix` (case and accents ignored): exact
    /// matches first, then those whose label matches before those whose alias does, then
    /// shorter labels; each entity once, at most `limit`.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<NodeId> {
        let wanted = fold(prefix);
        let names = self.names.by_folded.get_or_init(|| {
            let mut names: Vec<(Box<str>, u32)> = self
                .entities()
                .flat_map(|(node, entity)| {
                    entity
                        .names()
                        .map(move |name| (fold(name).into_boxed_str(), node as u32))
                })
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        });
        let start = names.partition_point(|(name, _)| **name < *wanted);
        let mut matches: Vec<(bool, bool, usize, NodeId)> = names[start..]
            .iter()
            .take_while(|(name, _)| name.starts_with(&wanted))
            .map(|(name, node)| {
                let entity = self.entity(*node as usize);
                let label_matches = fold(entity.label).starts_with(&wanted);
                (
                    **name != *wanted,
                    !label_matches,
                    entity.label.len(),
                    *node as usize,
                )
            })
            .collect();
        matches.sort_unstable();
        let mut seen = HashSet::new();
        matches
            .into_iter()
            .map(|(_, _, _, node)| node)
            .filter(|node| seen.insert(*node))
            .take(limit)
            .collect()
    }
}
