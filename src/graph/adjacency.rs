//! Each entity's facts taken either way, sorted by the entity at the other end: searches walk
//! it instead of petgraph's per-node edge lists, whose links lead all over memory, and find the
//! facts between two entities by binary search instead of by walking a hub's every fact.

use petgraph::visit::EdgeRef;

use super::{EdgeId, NodeId, Projection};

/// One fact as seen from one of its entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Link {
    pub(crate) other: u32,
    pub(crate) edge: u32,
}

/// Compressed sparse rows: the links of node `n` are `links[offsets[n]..offsets[n + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct Adjacency {
    offsets: Vec<usize>,
    links: Vec<Link>,
}

impl Adjacency {
    /// Self-loops are left out: they join no two entities.
    pub(crate) fn of(projection: &Projection) -> Self {
        let mut offsets = vec![0usize; projection.node_count() + 1];
        for edge in projection.graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            if a != b {
                offsets[a + 1] += 1;
                offsets[b + 1] += 1;
            }
        }
        for node in 0..projection.node_count() {
            offsets[node + 1] += offsets[node];
        }
        let mut next = offsets.clone();
        let mut links = vec![Link { other: 0, edge: 0 }; offsets[projection.node_count()]];
        for edge in projection.graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            if a == b {
                continue;
            }
            // Node and edge numbers fit in petgraph's default 32-bit indexes.
            let id = edge.id().index() as u32;
            links[next[a]] = Link {
                other: b as u32,
                edge: id,
            };
            next[a] += 1;
            links[next[b]] = Link {
                other: a as u32,
                edge: id,
            };
            next[b] += 1;
        }
        for node in 0..projection.node_count() {
            links[offsets[node]..offsets[node + 1]].sort_unstable();
        }
        Self { offsets, links }
    }

    /// The facts of `node`, by the other entity, then by edge: parallel facts are side by side.
    pub(crate) fn links(&self, node: NodeId) -> &[Link] {
        &self.links[self.offsets[node]..self.offsets[node + 1]]
    }

    /// The facts between `a` and `b`, either way, found in the shorter of the two lists.
    pub(crate) fn between(&self, a: NodeId, b: NodeId) -> impl Iterator<Item = EdgeId> + '_ {
        let (near, far) = if self.links(a).len() <= self.links(b).len() {
            (a, b)
        } else {
            (b, a)
        };
        let links = self.links(near);
        let far = far as u32;
        let start = links.partition_point(|link| link.other < far);
        links[start..]
            .iter()
            .take_while(move |link| link.other == far)
            .map(|link| link.edge as EdgeId)
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
    fn links_are_sorted_by_the_other_entity_and_leave_self_loops_out() {
        let projection = Projection::from_facts([
            ("Order", "bans", "Alipay"),
            ("Trump", "signs", "Order"),
            ("Order", "amends", "Order"),
            ("Order", "bans", "WeChat Pay"),
        ]);
        let adjacency = Adjacency::of(&projection);
        let order = projection.lookup("Order").unwrap();
        let links = adjacency.links(order);
        assert_eq!(links.len(), 3);
        assert!(links.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(links.iter().all(|link| link.other as usize != order));
    }
}
