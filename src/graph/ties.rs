//! The one rule by which every search of the default path query ([`super::Weight::Specific`])
//! chooses between paths of equal cost, and the plain procedure that applies it.
//!
//! **Exact costs.** A hop's cost under the specific weight is rounded to a multiple of
//! 2⁻⁴⁴ ([`exact_step`]), a change of at most 3·10⁻¹⁴ a hop: far below the tie-breaks that
//! rank facts by their articles (10⁻⁹ / ((a + 1)(a + 2)) between `a` and `a + 1` articles, for
//! up to a hundred articles and more). A sum of such multiples below [`EXACT_BELOW`] fits the 53
//! bits of an `f64` and is exact, whatever order it is added in: the cost of a walk from one end
//! plus that of a walk from the other is the cost of the path they make, to the bit. So two
//! paths cost the same or not whatever search compares them, and in whatever order.
//!
//! **The rule.** Among the paths of least cost from `from` to `to`, the answer is the one whose
//! sequence of entities (by number, from `from`) is lexicographically smallest. Each hop is on
//! the cheapest of the facts between its two entities, and among facts of the same cost on the
//! first of them in the adjacency index's rows (more articles first, then the lower fact number;
//! both rows of a pair hold their parallel facts in the same order).
//!
//! **Who keeps it.** [`Projection::canonical_specific_walk`] applies the rule as written, and
//! is the reference ([`Projection::reference_specific_path`]) and the answer wherever two paths
//! come within [`super::hub_routes::CLOSE`] of each other. The fast searches
//! ([`super::specific`], [`super::hub_routes`]) answer alone only when they have shown that no
//! other path comes that close to the cheapest: then the cheapest path is the only path of least
//! cost, and the rule chooses it.

use std::collections::BinaryHeap;

use super::adjacency::{Adjacency, Link};
use super::paths::{Bans, Frontier, IdMap, IdSet, id_map};
use super::specific::specific_step;
use super::{Hop, NodeId, Projection};

/// 2⁴⁴: hop costs are whole multiples of its inverse.
const SCALE: f64 = 17_592_186_044_416.0;

/// Sums of hop costs below this are exact (2⁹ · 2⁴⁴ = 2⁵³). Above it, where no path of the
/// corpora measured comes (a cost of 512 is some forty hops), the rule is applied with a
/// margin of a 2⁻⁴⁰th of the cost for rounding.
pub(super) const EXACT_BELOW: f64 = 512.0;

/// `cost` rounded to the nearest multiple of 2⁻⁴⁴ (exactly: scaling by a power of two and
/// rounding to a whole number lose nothing more).
pub(super) fn exact_step(cost: f64) -> f64 {
    (cost * SCALE).round() / SCALE
}

impl Projection {
    /// The hops of the path the rule of this module chooses between `from` and `to` (which
    /// differ), or `None` if no path joins them: as a stretch of a path between `path_ends`
    /// (membership facts into them are not weak) that walks none of `bans` (a spur search of
    /// Yen's algorithm), in the graph without what is banned.
    ///
    /// Dijkstra from both ends, each side settling the cheaper of its next entities in turn,
    /// until each has settled every entity within half the cheapest meeting found, `c`: then
    /// `c` is the least cost, and every entity of every path of that cost is settled by side 0
    /// (those within `c / 2` of `from`) or by side 1 (the others, within less than `c / 2` of
    /// `to`), at its exact cost from that side's end. An entity settled by side 0 lies on a
    /// path of least cost when one of its facts leads either to an entity of side 1 at a total
    /// of `c`, or, at exactly that entity's cost from `from`, to an entity of side 0 that lies
    /// on one (worked out from the dearest down). The path is then built from `from`: each
    /// step to the lowest-numbered entity through which the walk so far still completes at
    /// `c`, along the first fact of the row that does.
    pub(super) fn canonical_specific_walk(
        &self,
        (from, to): (NodeId, NodeId),
        path_ends: (NodeId, NodeId),
        bans: Option<&Bans>,
    ) -> Option<Vec<Hop>> {
        let adjacency = self.undirected_adjacency_index();
        let hubs = self.hubs();
        // What the hop from `near` to `far` along `fact` costs, walked forward: infinite if
        // it is banned.
        let cost = |fact: u32, near: u32, far: u32| {
            let banned =
                |other: u32| bans.is_some_and(|bans| bans.bar(fact as usize, other as NodeId));
            if banned(near) || banned(far) {
                return f64::INFINITY;
            }
            let hop = adjacency.hop(fact, near, far);
            let weak = hubs
                .weak_container(self, hop.edge)
                .is_some_and(|container| container != path_ends.0 && container != path_ends.1);
            specific_step(self, adjacency, hubs, fact, far as NodeId, weak)
        };
        // By side (0 from `from`, 1 from `to`): the cheapest walk known from the side's end,
        // the entities settled (in the order they were), and whether an entity is.
        let mut known: [IdMap<f64>; 2] = [id_map([(from, 0.0)]), id_map([(to, 0.0)])];
        let mut order: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        let mut settled: [IdSet; 2] = [IdSet::default(), IdSet::default()];
        let mut frontiers = [
            BinaryHeap::from([Frontier(0.0, from)]),
            BinaryHeap::from([Frontier(0.0, to)]),
        ];
        let mut best = f64::INFINITY;
        loop {
            for side in 0..2 {
                while let Some(&Frontier(cost, node)) = frontiers[side].peek() {
                    if !settled[side].contains(&node) && known[side][&node] >= cost {
                        break;
                    }
                    frontiers[side].pop();
                }
            }
            let tops = [0, 1].map(|side| frontiers[side].peek().map_or(f64::INFINITY, |f| f.0));
            if best == f64::INFINITY && tops.contains(&f64::INFINITY) {
                // One end's every entity is settled and the other end's side met none.
                return None;
            }
            let side = usize::from(tops[1] < tops[0]);
            // Both sides hold every entity within half the best meeting: it is the cheapest.
            if tops[side] > best / 2.0 {
                break;
            }
            let Some(Frontier(here, node)) = frontiers[side].pop() else {
                break;
            };
            settled[side].insert(node);
            order[side].push(node);
            let theirs = 1 - side;
            for &Link { other, fact } in adjacency.links(node as u32) {
                let step = if side == 0 {
                    cost(fact, node as u32, other)
                } else {
                    cost(fact, other, node as u32)
                };
                let next = here + step;
                if next == f64::INFINITY {
                    continue;
                }
                let other = other as usize;
                if let Some(&there) = known[theirs].get(&other) {
                    best = best.min(next + there);
                }
                if settled[side].contains(&other) {
                    continue;
                }
                let entry = known[side].entry(other).or_insert(f64::INFINITY);
                if next < *entry {
                    *entry = next;
                    frontiers[side].push(Frontier(next, other));
                }
            }
        }
        let least = best;
        let margin = if least < EXACT_BELOW {
            0.0
        } else {
            least / 1_099_511_627_776.0
        };
        let far_side = |node: usize| settled[1].contains(&node).then(|| known[1][&node]);
        // The entities of side 0 on a path of least cost, the dearest first.
        let mut on_path = IdSet::default();
        for &node in order[0].iter().rev() {
            let here = known[0][&node];
            let on = adjacency
                .links(node as u32)
                .iter()
                .any(|&Link { other, fact }| {
                    let reach = here + cost(fact, node as u32, other);
                    let other = other as usize;
                    far_side(other).is_some_and(|rest| reach + rest <= least + margin)
                        || (on_path.contains(&other) && reach <= known[0][&other] + margin)
                });
            if on {
                on_path.insert(node);
            }
        }
        // Below EXACT_BELOW some entity always completes the walk: it is on a path of least
        // cost. Above, rounding might leave none, and the walk ends.
        lowest_completing_walk(
            adjacency,
            (from, to),
            self.node_count(),
            |node, at| {
                let Link { other, fact } = adjacency.links[at];
                cost(fact, node as u32, other)
            },
            |at, reach| match far_side(at) {
                Some(rest) => reach + rest <= least + margin,
                None => on_path.contains(&at) && reach <= known[0][&at] + margin,
            },
        )
    }
}

/// The rule's path, built from the start of `ends`: each step to the lowest-numbered entity
/// `next` for which `completes(next, cost of the walk so far and the step)` says the walk
/// still ends at the least cost, along the first fact of the row that makes it. `step(node,
/// at)` is what the step along `links[at]` of `node`'s row costs. `None` if no step completes
/// the walk, or the walk outgrows the graph.
pub(super) fn lowest_completing_walk(
    adjacency: &Adjacency,
    (from, to): (NodeId, NodeId),
    node_count: usize,
    mut step: impl FnMut(NodeId, usize) -> f64,
    mut completes: impl FnMut(NodeId, f64) -> bool,
) -> Option<Vec<Hop>> {
    let mut hops = Vec::new();
    let (mut node, mut walked) = (from, 0.0);
    while node != to {
        let mut pick: Option<(u32, u32, f64)> = None;
        for at in adjacency.offsets[node]..adjacency.offsets[node + 1] {
            let Link { other, fact } = adjacency.links[at];
            if pick.is_some_and(|(chosen, ..)| chosen <= other) {
                continue;
            }
            let reach = walked + step(node, at);
            if completes(other as usize, reach) {
                pick = Some((other, fact, reach));
            }
        }
        let (other, fact, reach) = pick?;
        if hops.len() > node_count {
            return None;
        }
        hops.push(adjacency.hop(fact, node as u32, other));
        node = other as usize;
        walked = reach;
    }
    Some(hops)
}
