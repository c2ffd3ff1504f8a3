//! A search for the default path query guided towards its target by landmarks, which settles a
//! few hundred entities where the search of [`super::specific`] settles every entity cheaper
//! than half the answer from each end (tens of thousands at ten million facts).
//!
//! A landmark is an entity whose cheapest walks to every other entity are worked out once per
//! graph, under the hop costs of [`super::specific::StepCosts`] (every weak fact dear). A hop
//! into `v` along fact `e` costs `entering(v) + w(e)`, with `w` the same either way, so a walk
//! back costs what the walk costs forward, less what entering its last entity costs, plus what
//! entering its first does; walks from a landmark then also give the walks to it. By the
//! triangle inequality, the cheapest walk from `v` to `t` costs at least
//! `D(t) − D(v)` and `D(v) − D(t) + entering(t) − entering(v)` for every landmark's `D`: the
//! largest of these, the bound, is what the search adds to each entity's cost to order its
//! frontier (A*). Landmarks are picked far apart, each the entity farthest from those already
//! picked, so that most targets lie behind one of them seen from most entities.
//!
//! The answer must be the path the reference search returns
//! ([`Projection::reference_specific_path`]), ties included, and this search settles entities
//! in another order. So it answers only when no other path comes within [`unique_margin`] of
//! the cheapest, which it proves from what it settled (see [`Guided::unique`]); when one does,
//! the search of [`super::specific`], which ties as the reference does, answers instead.

use std::collections::BinaryHeap;

use super::adjacency::Link;
use super::paths::Frontier;
use super::specific::{StepCosts, WEAK_INTO_OTHER, specific_step};
use super::{Hop, NodeId, Projection};

/// How many landmarks a graph gets (fewer if fewer entities are reachable from the first): 16
/// distances of 4 bytes fill one cache line of each entity.
const LANDMARKS: usize = 16;

/// Cheapest walks from a few landmarks to every entity, for one graph.
#[derive(Debug)]
pub(crate) struct Landmarks {
    count: usize,
    /// By entity, then landmark: what the cheapest walk from the landmark to the entity costs,
    /// infinite where none reaches it. Single precision: the bound gives up [`Self::slack`]
    /// for the rounding, a few hundred-thousandths on costs in the hundreds.
    from_landmark: Vec<f32>,
    /// What the bound takes off for the rounding of the distances to single precision: more
    /// than any such error of a bound's two terms.
    slack: f64,
}

impl Landmarks {
    pub(super) fn of(projection: &Projection, costs: &StepCosts) -> Self {
        let nodes = projection.node_count();
        let adjacency = projection.undirected_adjacency_index();
        // The entity of the longest row is in the graph's largest part, which most queries ask
        // about: landmarks are picked there.
        let Some(hub) = (0..nodes).max_by_key(|&node| (adjacency.links(node as u32).len(), !node))
        else {
            return Self {
                count: 0,
                from_landmark: Vec::new(),
                slack: 0.0,
            };
        };
        let mut nearest = cheapest_walks(projection, costs, hub);
        let mut picked: Vec<Vec<f64>> = Vec::new();
        while picked.len() < LANDMARKS {
            let farthest = (0..nodes)
                .filter(|&node| nearest[node].is_finite())
                .max_by(|&a, &b| nearest[a].total_cmp(&nearest[b]).then(b.cmp(&a)));
            let Some(landmark) = farthest.filter(|&node| picked.is_empty() || nearest[node] > 0.0)
            else {
                break;
            };
            let walks = cheapest_walks(projection, costs, landmark);
            if picked.is_empty() {
                nearest.copy_from_slice(&walks);
            } else {
                for (near, walk) in nearest.iter_mut().zip(&walks) {
                    *near = near.min(*walk);
                }
            }
            picked.push(walks);
        }
        let count = picked.len();
        let mut from_landmark = super::pages::filled(nodes * count, f32::INFINITY);
        let mut longest = 0.0f64;
        for (landmark, walks) in picked.iter().enumerate() {
            for (node, &walk) in walks.iter().enumerate() {
                if walk.is_finite() {
                    from_landmark[node * count + landmark] = walk as f32;
                    longest = longest.max(walk);
                }
            }
        }
        Self {
            count,
            from_landmark,
            // Each of a bound's two distances is off by at most half a unit of single
            // precision, 2^-24 of it, after the rounding of the double-precision sums, which
            // is far smaller; the twofold margin covers that and the entering costs' sums.
            slack: 4.0 * longest * f64::from(f32::EPSILON) + 1e-9,
        }
    }

    /// How many bytes the landmarks' distances take.
    pub(crate) fn bytes(&self) -> usize {
        self.from_landmark.len() * size_of::<f32>()
    }

    fn row(&self, node: NodeId) -> &[f32] {
        &self.from_landmark[node * self.count..(node + 1) * self.count]
    }
}

/// Dijkstra from `source` over the hop costs with every weak fact dear: what the cheapest walk
/// from it to each entity costs, infinite where none reaches.
fn cheapest_walks(projection: &Projection, costs: &StepCosts, source: NodeId) -> Vec<f64> {
    let adjacency = projection.undirected_adjacency_index();
    let mut cost = vec![f64::INFINITY; projection.node_count()];
    let mut frontier = BinaryHeap::from([Frontier(0.0, source)]);
    cost[source] = 0.0;
    while let Some(Frontier(here, node)) = frontier.pop() {
        if here > cost[node] {
            continue;
        }
        let row = adjacency.offsets[node]..adjacency.offsets[node + 1];
        for (link, step) in adjacency.links[row.clone()].iter().zip(&costs.costs[row]) {
            let next = here + step.outward;
            let other = link.other as usize;
            if next < cost[other] {
                cost[other] = next;
                frontier.push(Frontier(next, other));
            }
        }
    }
    cost
}

/// What a search towards one target needs of the landmarks.
struct Bound<'a> {
    landmarks: &'a Landmarks,
    projection: &'a Projection,
    /// By landmark, the walk from it to the target.
    to_target: Vec<f64>,
    target_entering: f64,
    /// Taken off every bound: the slack, and where the target is a large container, the extra
    /// cost of a weak fact, which a hop into the target does not pay.
    less: f64,
}

impl<'a> Bound<'a> {
    fn new(projection: &'a Projection, landmarks: &'a Landmarks, to: NodeId) -> Self {
        let hubs = projection.hubs();
        let waived = if hubs.is_large_container(to) {
            hubs.weak_penalty()
        } else {
            0.0
        };
        Self {
            landmarks,
            projection,
            to_target: landmarks.row(to).iter().map(|&d| f64::from(d)).collect(),
            target_entering: hubs.entering(to),
            less: landmarks.slack + waived,
        }
    }

    /// At most what the cheapest walk from `node` to the target costs, walks that pass
    /// through the query's start left aside.
    fn of(&self, node: NodeId) -> f64 {
        let entering = self.projection.hubs().entering(node);
        let mut most = 0.0f64;
        for (&there, &here) in self.to_target.iter().zip(self.landmarks.row(node)) {
            let here = f64::from(here);
            if there.is_finite() && here.is_finite() {
                most = most
                    .max(there - here)
                    .max(here - there + self.target_entering - entering);
            }
        }
        (most - self.less).max(0.0)
    }
}

/// Another path within this of the cheapest counts as a tie, which the reference search
/// settles by its order of search: far above any difference the rounding of sums of a few
/// thousand hops makes, far below what a hop's tie-breaks add (10^-9 and more).
fn unique_margin(cost: f64) -> f64 {
    1e-11 * cost.max(1.0)
}

/// What the guided search knows of an entity.
#[derive(Clone, Copy)]
struct Visit {
    stamp: u32,
    cost: f64,
    bound: f64,
    /// The cost it was last expanded at, infinite if never: an entity reached at a lower cost
    /// after its expansion is expanded again.
    expanded_at: f64,
    parent: u32,
    fact: u32,
}

impl Default for Visit {
    fn default() -> Self {
        Self {
            stamp: 0,
            cost: f64::INFINITY,
            bound: 0.0,
            expanded_at: f64::INFINITY,
            parent: u32::MAX,
            fact: u32::MAX,
        }
    }
}

/// A thread's buffers for guided searches, for one adjacency index at a time.
#[derive(Default)]
struct Guided {
    index: Option<u64>,
    last_stamp: u32,
    visits: Vec<Visit>,
    /// A bit per entity: expanded in this search.
    expanded: Vec<u64>,
    expanded_words: Vec<usize>,
    chosen: Vec<u32>,
    frontier: BinaryHeap<Frontier>,
}

thread_local! {
    /// As for the search of [`super::specific`]: 40 bytes an entity for each thread that has
    /// searched, kept while it lives.
    static GUIDED: std::cell::RefCell<Guided> = std::cell::RefCell::default();
}

impl Guided {
    fn start(&mut self, index: u64, nodes: usize) -> u32 {
        if self.index != Some(index) || self.visits.len() != nodes {
            self.visits = super::pages::filled(nodes, Visit::default());
            self.expanded = vec![0; nodes.div_ceil(64)];
            self.expanded_words.clear();
            self.index = Some(index);
            self.last_stamp = 0;
        }
        if self.last_stamp == u32::MAX {
            for visit in &mut self.visits {
                visit.stamp = 0;
            }
            self.last_stamp = 0;
        }
        self.last_stamp += 1;
        for word in self.expanded_words.drain(..) {
            self.expanded[word] = 0;
        }
        self.frontier.clear();
        self.last_stamp
    }

    fn is_expanded(&self, node: usize) -> bool {
        self.expanded[node / 64] & (1 << (node % 64)) != 0
    }

    /// A* from `from` to `to` under the query's hop costs, ordered by cost plus bound, until
    /// every entity whose cost plus bound is within `margin` of the cheapest path's cost is
    /// expanded; then the cheapest path, if no other comes within [`unique_margin`] of it.
    ///
    /// Why every entity that matters is then known at its true cost: the bound is a lower bound
    /// that, but for the rounding it gives up (`slack`), grows by at most a hop's cost along
    /// the hop (the triangle inequality again), and the hops it overestimates, those into a
    /// large container that is the target, have the weak fact's extra cost taken off the
    /// bound. So an entity `u` whose true cost plus bound is within `margin − 2·slack` of the
    /// answer has, along its cheapest walk, entities whose cost plus bound are all within
    /// `margin` of it, each expanded in turn before the search stops; `u` is reached at its
    /// true cost. Relaxations are dropped only when the step's cost plus bound exceeds
    /// `ceiling + margin`, which no such walk does. An entity reached later at a lower cost
    /// goes back on the frontier (the bound's rounding could allow it).
    fn walk(
        &mut self,
        projection: &Projection,
        costs: &StepCosts,
        landmarks: &Landmarks,
        (from, to): (NodeId, NodeId),
        ceiling: f64,
    ) -> Option<Vec<Hop>> {
        let adjacency = projection.undirected_adjacency_index();
        let bound = Bound::new(projection, landmarks, to);
        let stamp = self.start(adjacency.number, projection.node_count());
        // Past the cheapest cost by this margin, entities cannot matter (see above).
        let mut limit = ceiling + 8.0 * landmarks.slack + unique_margin(ceiling);
        let step_into = |at: usize, node: NodeId, inward: bool| {
            let link = adjacency.links[at];
            let step = costs.costs[at];
            let weak = costs.weak[at];
            let container = match weak {
                0 => None,
                WEAK_INTO_OTHER => Some(link.other as NodeId),
                _ => Some(node),
            };
            if container.is_some_and(|c| c == from || c == to) {
                let entered = if inward { node } else { link.other as NodeId };
                specific_step(
                    projection,
                    adjacency,
                    projection.hubs(),
                    link.fact,
                    entered,
                    false,
                )
            } else if inward {
                step.inward
            } else {
                step.outward
            }
        };
        self.visits[from] = Visit {
            stamp,
            cost: 0.0,
            bound: bound.of(from),
            parent: from as u32,
            ..Visit::default()
        };
        self.frontier.push(Frontier(self.visits[from].bound, from));
        while let Some(Frontier(key, node)) = self.frontier.pop() {
            if key > limit {
                break;
            }
            let visit = self.visits[node];
            if key > visit.cost + visit.bound || visit.expanded_at == visit.cost {
                continue;
            }
            self.visits[node].expanded_at = visit.cost;
            self.expanded[node / 64] |= 1 << (node % 64);
            self.expanded_words.push(node / 64);
            if node == to {
                limit = limit.min(visit.cost + 8.0 * landmarks.slack + unique_margin(visit.cost));
                continue;
            }
            let here = visit.cost;
            let row_start = adjacency.offsets[node];
            let row = row_start..adjacency.offsets[node + 1];
            let links = &adjacency.links[row.clone()];
            self.chosen.clear();
            if links.len() >= super::specific::LONG_ROW && node != from {
                // A step dearer than the limit leads nowhere whatever the bound: those are a
                // tail of the row's cost order. Facts into the target may cost less than the
                // order has them.
                let order = &costs.by_cost[0][row.clone()];
                let kept = order.partition_point(|&at| {
                    here + costs.costs[row_start + at as usize].outward <= limit
                });
                self.chosen.extend_from_slice(&order[..kept]);
                let rank = |link: &Link| adjacency.rank_of[link.other as usize];
                let wanted = adjacency.rank_of[to];
                let first = links.partition_point(|link| rank(link) < wanted);
                let facts = links[first..].partition_point(|link| link.other == to as u32);
                self.chosen.extend(first as u32..(first + facts) as u32);
                self.chosen.sort_unstable();
                self.chosen.dedup();
            } else {
                self.chosen.extend(0..links.len() as u32);
            }
            for read in 0..self.chosen.len() {
                if let Some(&ahead) = self.chosen.get(read + super::specific::SLOTS_AHEAD) {
                    super::pages::prefetch(&self.visits[links[ahead as usize].other as usize]);
                }
                let at = row_start + self.chosen[read] as usize;
                let Link { other, fact } = adjacency.links[at];
                let next = here + step_into(at, node, false);
                if next > limit {
                    continue;
                }
                let slot = &mut self.visits[other as usize];
                if slot.stamp != stamp {
                    *slot = Visit {
                        stamp,
                        bound: bound.of(other as NodeId),
                        ..Visit::default()
                    };
                }
                if next < slot.cost && next + slot.bound <= limit {
                    slot.cost = next;
                    slot.parent = node as u32;
                    slot.fact = fact;
                    self.frontier
                        .push(Frontier(next + slot.bound, other as NodeId));
                }
            }
        }
        let target = self.visits[to];
        if target.stamp != stamp || !target.cost.is_finite() {
            return None;
        }
        let mut nodes = vec![to];
        while *nodes.last()? != from {
            let parent = self.visits[*nodes.last()?].parent as NodeId;
            nodes.push(parent);
        }
        nodes.reverse();
        if !self.unique(projection, &nodes, unique_margin(target.cost), &step_into) {
            return None;
        }
        Some(
            nodes
                .windows(2)
                .map(|pair| {
                    adjacency.hop(self.visits[pair[1]].fact, pair[0] as u32, pair[1] as u32)
                })
                .collect(),
        )
    }

    /// Whether the path through `nodes` is the only one within `margin` of its cost. Another
    /// such path leaves the path's last stretch, from some entity `v` of it to the target,
    /// by a fact into `v` other than the path's, from an entity `u` whose cheapest walk plus
    /// that fact costs at most `v`'s cost plus the margin; and such a `u` was expanded at its
    /// true cost (see [`Guided::walk`]). So it is enough to look, for each entity of the path,
    /// at the facts into it from expanded entities. A fact parallel to the path's, from the
    /// same entity at the same cost to the bit but later in the row, is no other answer: the
    /// reference, reading rows in order, keeps the first of equal steps.
    fn unique(
        &self,
        projection: &Projection,
        nodes: &[NodeId],
        margin: f64,
        step_into: &impl Fn(usize, NodeId, bool) -> f64,
    ) -> bool {
        let adjacency = projection.undirected_adjacency_index();
        for &node in &nodes[1..] {
            let Visit {
                cost, parent, fact, ..
            } = self.visits[node];
            let row_start = adjacency.offsets[node];
            let mut path_step = None;
            for (
                place,
                &Link {
                    other,
                    fact: other_fact,
                },
            ) in adjacency.links(node as u32).iter().enumerate()
            {
                if !self.is_expanded(other as usize) {
                    continue;
                }
                let step = step_into(row_start + place, node, true);
                if other == parent {
                    if other_fact == fact {
                        path_step = Some(step);
                        continue;
                    }
                    if path_step.is_some_and(|known: f64| known.to_bits() == step.to_bits()) {
                        continue;
                    }
                }
                if self.visits[other as usize].cost + step <= cost + margin {
                    return false;
                }
            }
        }
        true
    }
}

impl Projection {
    /// The hops of the cheapest path under the specific weight when every fact may be walked
    /// either way, found by the guided search; `None` when no path joins the two or another
    /// comes too close to the cheapest to tell which the reference search returns.
    pub(super) fn guided_walk(
        &self,
        costs: &StepCosts,
        (from, to): (NodeId, NodeId),
        ceiling: f64,
    ) -> Option<Vec<Hop>> {
        let landmarks = self.landmarks();
        GUIDED.with_borrow_mut(|guided| guided.walk(self, costs, landmarks, (from, to), ceiling))
    }

    /// The landmarks' lower bound on the cheapest walk from `node` to `to` (see [`Bound`]).
    #[cfg(test)]
    pub(crate) fn landmark_bound(&self, node: NodeId, to: NodeId) -> f64 {
        Bound::new(self, self.landmarks(), to).of(node)
    }
}
