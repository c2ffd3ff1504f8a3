//! Finding entities by IRI and by name. Two sorted arrays of node numbers instead of hash maps
//! keyed by owned strings: the IRIs and names are already in the entities, and a copy of each
//! in a map would weigh more than the edges of a sparse graph.

use std::hash::{Hash, Hasher};

use petgraph::graph::NodeIndex;

use super::Projection;
use crate::text::fold;

#[derive(Debug, Default)]
pub(super) struct Names {
    /// Nodes in IRI order.
    by_iri: Vec<u32>,
    /// (hash of a folded label or alias, node), sorted: eight bytes a name. Names whose
    /// hashes collide are told apart when looked up, and 32 bits make that rare.
    by_name: Vec<(u32, u32)>,
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
        self.names = Names { by_iri, by_name };
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
}
