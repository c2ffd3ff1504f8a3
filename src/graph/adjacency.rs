//! Each entity's facts taken either way, sorted by the entity at the other end: searches walk
//! it instead of petgraph's per-node edge lists, whose links lead all over memory, and find the
//! facts between two entities by binary search instead of by walking a hub's every fact.

use std::cmp::Reverse;

use petgraph::visit::EdgeRef;

use super::{EdgeId, NodeId, Projection, pages};

/// Compressed sparse rows over entities renumbered by falling number of facts. Most walks pass
/// through the hubs: numbered first, their marks and rows share a few cache lines, and as each
/// row is sorted by position, a walk meets the other side's hubs first and stops sooner.
/// The facts of the entity at position `p` are at `offsets[p]..offsets[p + 1]` of `others`
/// (the position at the other end, which is all a walk reads) and of `edges`; parallel facts,
/// side by side, come best supported first, so that a walk's first meeting is its fact.
#[derive(Debug, Default)]
pub(crate) struct Adjacency {
    position_of: Vec<u32>,
    offsets: Vec<usize>,
    others: Vec<u32>,
    edges: Vec<u32>,
}

impl Adjacency {
    /// Self-loops are left out: they join no two entities.
    pub(crate) fn of(projection: &Projection) -> Self {
        let nodes = projection.node_count();
        let joining = || {
            projection
                .graph
                .edge_references()
                .map(|edge| {
                    (
                        edge.source().index(),
                        edge.target().index(),
                        edge.id().index(),
                    )
                })
                .filter(|(a, b, _)| a != b)
        };
        let mut degree = vec![0usize; nodes];
        for (a, b, _) in joining() {
            degree[a] += 1;
            degree[b] += 1;
        }
        // Node and edge numbers fit in petgraph's default 32-bit indexes.
        let mut node_at: Vec<u32> = (0..nodes as u32).collect();
        node_at.sort_by_key(|&node| std::cmp::Reverse(degree[node as usize]));
        let mut position_of = vec![0u32; nodes];
        for (position, &node) in node_at.iter().enumerate() {
            position_of[node as usize] = position as u32;
        }
        let mut offsets = pages::filled(nodes + 1, 0usize);
        for (position, &node) in node_at.iter().enumerate() {
            offsets[position + 1] = offsets[position] + degree[node as usize];
        }
        // Each entity's facts in the order they were added...
        let total = offsets[nodes];
        let (mut added_others, mut added_edges) = (vec![0u32; total], vec![0u32; total]);
        let mut next = offsets.clone();
        for (a, b, edge) in joining() {
            let (a, b) = (position_of[a], position_of[b]);
            for (near, far) in [(a, b), (b, a)] {
                added_others[next[near as usize]] = far;
                added_edges[next[near as usize]] = edge as u32;
                next[near as usize] += 1;
            }
        }
        // ...then turned over: reading the rows by position and putting each fact in the row of
        // its other end leaves every row ordered by the other end, with no sort, and parallel
        // facts side by side in the order they were added.
        let mut others = pages::filled(total, 0);
        let mut edges = pages::filled(total, 0);
        next.copy_from_slice(&offsets);
        for position in 0..nodes {
            for at in offsets[position]..offsets[position + 1] {
                let other = added_others[at] as usize;
                others[next[other]] = position as u32;
                edges[next[other]] = added_edges[at];
                next[other] += 1;
            }
        }
        drop((added_others, added_edges));
        // Among parallel facts, the one more articles state first, then the first added: the
        // fact a search without filters takes.
        let supports = |edge: u32| Reverse(projection.relation(edge as EdgeId).supports.len());
        for position in 0..nodes {
            let mut at = offsets[position];
            for run in others[at..offsets[position + 1]].chunk_by(|a, b| a == b) {
                if run.len() > 1 {
                    edges[at..at + run.len()].sort_by_key(|&edge| supports(edge));
                }
                at += run.len();
            }
        }
        Self {
            position_of,
            offsets,
            others,
            edges,
        }
    }

    pub(crate) fn position(&self, node: NodeId) -> u32 {
        self.position_of[node]
    }

    /// The positions of the entities one fact away from the entity at `position`, in order,
    /// once per fact: parallel facts give the same position side by side.
    pub(crate) fn neighbours(&self, position: u32) -> &[u32] {
        let position = position as usize;
        &self.others[self.offsets[position]..self.offsets[position + 1]]
    }

    /// The fact at place `link` of the row of the entity at `position`.
    pub(crate) fn fact(&self, position: u32, link: u32) -> u32 {
        self.edges[self.offsets[position as usize] + link as usize]
    }

    /// The facts between `a` and `b`, either way, found in the shorter of the two rows.
    pub(crate) fn between(&self, a: NodeId, b: NodeId) -> impl Iterator<Item = EdgeId> + '_ {
        let (a, b) = (self.position(a), self.position(b));
        let (near, far) = if self.neighbours(a).len() <= self.neighbours(b).len() {
            (a, b)
        } else {
            (b, a)
        };
        let row = self.offsets[near as usize];
        let others = self.neighbours(near);
        let start = others.partition_point(|&other| other < far);
        let end = start + others[start..].partition_point(|&other| other == far);
        self.edges[row + start..row + end]
            .iter()
            .map(|&edge| edge as EdgeId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn between(projection: &Projection, a: &str, b: &str) -> Vec<String> {
        let (a, b) = (projection.lookup(a).unwrap(), projection.lookup(b).unwrap());
        let adjacency = Adjacency::of(projection);
        let mut facts: Vec<String> = adjacency
            .between(a, b)
            .map(|edge| {
                let (subject, object) = projection.endpoints(edge);
                format!(
                    "{} {} {}",
                    projection.entity(subject).label,
                    projection.relation(edge).predicate,
                    projection.entity(object).label
                )
            })
            .collect();
        facts.sort();
        facts
    }

    #[test]
    fn between_gives_every_fact_joining_two_entities_either_way_from_either_end() {
        let projection = Projection::from_facts([
            ("Trump", "signs", "Order"),
            ("Order", "bans", "Alipay"),
            ("Order", "bans", "WeChat Pay"),
            ("Alipay", "ownedBy", "Ant Group"),
            ("Order", "mentions", "Trump"),
            ("Trump", "signs", "Other order"),
            ("Order", "amends", "Order"),
        ]);
        let joining = ["Order mentions Trump", "Trump signs Order"];
        assert_eq!(between(&projection, "Trump", "Order"), joining);
        assert_eq!(between(&projection, "Order", "Trump"), joining);
        assert_eq!(
            between(&projection, "Alipay", "Order"),
            ["Order bans Alipay"]
        );
        assert!(between(&projection, "Trump", "Alipay").is_empty());
        assert!(between(&projection, "Order", "Order").is_empty());
    }

    #[test]
    fn rows_are_sorted_leave_self_loops_out_and_put_hubs_first() {
        let projection = Projection::from_facts([
            ("Order", "bans", "Alipay"),
            ("Trump", "signs", "Order"),
            ("Order", "amends", "Order"),
            ("Order", "bans", "WeChat Pay"),
        ]);
        let adjacency = Adjacency::of(&projection);
        let order = projection.lookup("Order").unwrap();
        let position = adjacency.position(order);
        let neighbours = adjacency.neighbours(position);
        assert_eq!(neighbours.len(), 3);
        assert!(neighbours.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(!neighbours.contains(&position));
        // The entity with the most facts comes first.
        assert_eq!(position, 0);
    }
}
