//! Each entity's facts taken either way, in one array: searches walk it instead of petgraph's
//! per-node edge lists, whose links lead all over memory, and find the facts between two
//! entities by binary search instead of by walking a hub's every fact.

use std::cmp::Reverse;
use std::sync::atomic::{AtomicU64, Ordering};

use petgraph::visit::EdgeRef;

use super::{EdgeId, Hop, NodeId, Projection, pages};

/// Compressed sparse rows: the facts of entity `n` are `links[offsets[n]..offsets[n + 1]]`,
/// each with the entity at its other end, so a walk reads the fact that took it to an entity
/// from the cache line that told it of the entity. Rows are indexed by entity, so a search
/// starts on its two rows without a lookup. In each row, entities with more facts come first:
/// most walks pass through the hubs, and a walk then meets the other side's hubs first and
/// stops sooner. Parallel facts, side by side, come best supported first, so that a walk's
/// first meeting is its fact.
#[derive(Debug)]
pub(crate) struct Adjacency {
    /// A number no other index of this process has: a thread's search marks copy the row
    /// bounds of one index at a time, and tell by it whether they hold this one's.
    pub(super) number: u64,
    /// Each entity's place when entities are ordered by falling number of facts, then by
    /// number: the order of the rows.
    pub(super) rank_of: Vec<u32>,
    pub(super) offsets: Vec<usize>,
    pub(super) links: Vec<Link>,
    /// By fact: what a walk needs of a fact to turn it into a hop, so that a path needs none of
    /// the edge records, which lie all over memory.
    pub(super) briefs: Vec<Brief>,
}

/// A fact in a byte: whether its subject is the lower-numbered of its two entities (which way
/// a hop between them goes), and how many articles state it, up to [`Brief::MOST_COUNTED`].
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Brief(pub(super) u8);

impl Brief {
    const SUBJECT_FIRST: u8 = 0x80;
    /// Facts stated by more articles than this are counted again when asked.
    const MOST_COUNTED: u8 = 0x7f;

    fn of(subject: usize, object: usize, articles: usize) -> Self {
        let counted = articles.min(usize::from(Self::MOST_COUNTED)) as u8;
        Self(if subject < object {
            counted | Self::SUBJECT_FIRST
        } else {
            counted
        })
    }

    /// How many articles state `fact`, whose brief this is.
    fn articles(self, projection: &Projection, fact: u32) -> usize {
        let counted = self.0 & Self::MOST_COUNTED;
        if counted < Self::MOST_COUNTED {
            usize::from(counted)
        } else {
            projection.relation(fact as EdgeId).supports.len()
        }
    }
}

/// A fact in the row of one of its two entities.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Link {
    /// The entity at the fact's other end.
    pub(crate) other: u32,
    pub(crate) fact: u32,
}

impl Adjacency {
    pub(super) fn new(
        rank_of: Vec<u32>,
        offsets: Vec<usize>,
        links: Vec<Link>,
        briefs: Vec<Brief>,
    ) -> Self {
        static MADE: AtomicU64 = AtomicU64::new(0);
        Self {
            number: MADE.fetch_add(1, Ordering::Relaxed),
            rank_of,
            offsets,
            links,
            briefs,
        }
    }

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
        let mut offsets = pages::filled(nodes + 1, 0usize);
        for (a, b, _) in joining() {
            offsets[a + 1] += 1;
            offsets[b + 1] += 1;
        }
        let degree = |node: u32| offsets[node as usize + 1];
        // Node and edge numbers fit in petgraph's default 32-bit indexes.
        let mut by_rank: Vec<u32> = (0..nodes as u32).collect();
        by_rank.sort_by_key(|&node| Reverse(degree(node)));
        let mut rank_of = vec![0u32; nodes];
        for (rank, &node) in by_rank.iter().enumerate() {
            rank_of[node as usize] = rank as u32;
        }
        for node in 0..nodes {
            offsets[node + 1] += offsets[node];
        }
        // Each entity's facts in the order they were added...
        let total = offsets[nodes];
        let mut added = vec![Link::default(); total];
        let mut next = offsets.clone();
        for (a, b, edge) in joining() {
            for (near, far) in [(a, b), (b, a)] {
                added[next[near]] = Link {
                    other: far as u32,
                    fact: edge as u32,
                };
                next[near] += 1;
            }
        }
        // ...then turned over: reading the rows by rank and putting each fact in the row of
        // its other end leaves every row in rank order, with no sort, and parallel facts side
        // by side in the order they were added.
        let mut links = pages::filled(total, Link::default());
        next.copy_from_slice(&offsets);
        for &node in &by_rank {
            for link in &added[offsets[node as usize]..offsets[node as usize + 1]] {
                let row = link.other as usize;
                links[next[row]] = Link {
                    other: node,
                    fact: link.fact,
                };
                next[row] += 1;
            }
        }
        drop(added);
        let briefs: Vec<Brief> = projection
            .graph
            .edge_references()
            .map(|edge| {
                let supports = projection.supports_at(edge.id()).len();
                Brief::of(edge.source().index(), edge.target().index(), supports)
            })
            .collect();
        // Among parallel facts, the one more articles state first, then the first added: the
        // fact a search without filters takes. The sorts read the briefs, not edge records all
        // over memory.
        for node in 0..nodes {
            let row = &mut links[offsets[node]..offsets[node + 1]];
            for run in row.chunk_by_mut(|a, b| a.other == b.other) {
                if run.len() > 1 {
                    run.sort_by_key(|link| {
                        Reverse(briefs[link.fact as usize].articles(projection, link.fact))
                    });
                }
            }
        }
        Self::new(rank_of, offsets, links, briefs)
    }

    /// How many articles state `fact`.
    pub(crate) fn articles_stating(&self, projection: &Projection, fact: u32) -> usize {
        self.briefs[fact as usize].articles(projection, fact)
    }

    /// The hop from `from` to `to` along `fact`, one of the facts between them.
    pub(crate) fn hop(&self, fact: u32, from: u32, to: u32) -> Hop {
        let subject_first = self.briefs[fact as usize].0 & Brief::SUBJECT_FIRST != 0;
        Hop {
            edge: fact as EdgeId,
            from: from as NodeId,
            to: to as NodeId,
            forward: (from < to) == subject_first,
        }
    }

    /// The facts of `node`, once each, in rank order of their other ends: parallel facts give
    /// the same entity side by side.
    pub(crate) fn links(&self, node: u32) -> &[Link] {
        let node = node as usize;
        &self.links[self.offsets[node]..self.offsets[node + 1]]
    }

    /// Whether every row starts at a place a `u32` holds, which is where a search's marks keep
    /// it, and a walk's stamps, two a level, fit one too: true of any index under 32 GiB of
    /// links.
    pub(crate) fn rows_fit_marks(&self) -> bool {
        u32::try_from(self.links.len()).is_ok()
            && u32::try_from(2 * self.offsets.len() as u64 + 2).is_ok()
    }

    /// The facts between `a` and `b`, either way, found in the shorter of the two rows.
    pub(crate) fn between(&self, a: NodeId, b: NodeId) -> impl Iterator<Item = EdgeId> + '_ {
        let (a, b) = (a as u32, b as u32);
        let (near, far) = if self.links(a).len() <= self.links(b).len() {
            (a, b)
        } else {
            (b, a)
        };
        let links = self.links(near);
        let rank = |link: &Link| self.rank_of[link.other as usize];
        let far_rank = self.rank_of[far as usize];
        let start = links.partition_point(|link| rank(link) < far_rank);
        let end = start + links[start..].partition_point(|link| link.other == far);
        links[start..end].iter().map(|link| link.fact as EdgeId)
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
        let links = adjacency.links(order as u32);
        assert_eq!(links.len(), 3);
        let ranks: Vec<u32> = links
            .iter()
            .map(|link| adjacency.rank_of[link.other as usize])
            .collect();
        assert!(ranks.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(links.iter().all(|link| link.other != order as u32));
        // The entity with the most facts comes first.
        assert_eq!(adjacency.rank_of[order], 0);
    }
}
