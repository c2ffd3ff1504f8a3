//! The search behind the default path query: the cheapest path under the specific weight when
//! every fact may be walked either way.
//!
//! It is Dijkstra from both ends, each side settling the cheaper of its next entities in turn,
//! until no walk through what is left to settle can beat the best meeting found
//! ([`Projection::reference_specific_path`] finds the same paths plainly; between paths of
//! equal cost both keep the rule of `src/graph/ties.rs`). What makes it fast, without changing
//! a single answer:
//! - what each hop costs is worked out once per graph, beside each fact of the adjacency index
//!   ([`StepCosts`]), so scanning an entity's row reads three arrays in order instead of an
//!   edge record, a count of linked entities and a count of articles all over memory;
//! - what a search has reached lives in one array as long as the graph, kept by the thread
//!   from search to search: a slot is the search's only if it holds the search's stamp, so no
//!   search clears or allocates anything as large as the graph;
//! - a relaxation that cannot be part of any walk cheaper than the best meeting is not
//!   recorded (see [`Search::walk_around_hubs`] for why that changes nothing), and before the sides first
//!   meet, the cost of the route with the fewest hops (found in microseconds) stands in for
//!   the best meeting;
//! - a long row is read through its facts ordered by hop cost ([`StepCosts`] keeps the order):
//!   the facts a search would pass over on their cost alone are a tail of that order, found by
//!   binary search, and only the rest, with the facts into the entities the other side has
//!   settled, are read, in the row's order. A hub's row of thousands of facts then costs a few
//!   dozen reads.

use std::collections::BinaryHeap;

use super::adjacency::{Adjacency, Link};
use super::hub_routes::{CLOSE, LARGEST_COST};
use super::hubs::Hubs;
use super::paths::{Bans, Frontier, tie_break};
use super::ties::EXACT_BELOW;
use super::{Hop, NodeId, Projection};

/// What walking the facts of the adjacency index costs under the specific weight, by link (in
/// the index's order): a link of entity `n`'s row costs `outward` walked from `n` to its other
/// end, and `inward` walked from its other end into `n`.
#[derive(Debug)]
pub(crate) struct StepCosts {
    costs: Vec<StepCost>,
    /// By link: whether its fact is a membership fact into a large container, and which end of
    /// the link the container is. Such a fact costs less on a path that starts or ends at the
    /// container, which only a search knows.
    weak: Vec<u8>,
    /// By way (0 outward, 1 inward), in place of each row of at least [`LONG_ROW`] links: the
    /// places of its links in the row, cheapest that way first, equal costs in the row's order.
    /// Shorter rows are read whole and hold nothing in particular here.
    by_cost: [Vec<u32>; 2],
}

/// Rows shorter than this are read whole: ordering their reads would cost more than it saves.
const LONG_ROW: usize = 64;

#[derive(Debug, Clone, Copy, Default)]
struct StepCost {
    outward: f64,
    inward: f64,
}

/// The container of a weak fact is the link's other end.
const WEAK_INTO_OTHER: u8 = 1;
/// The container of a weak fact is the entity whose row holds the link.
const WEAK_INTO_NEAR: u8 = 2;

/// What the hop along `fact` into `entered` costs under the specific weight, weak (a membership
/// fact into a large container the path does not start or end at) or not. Every search of the
/// specific weight computes hop costs here, so that they agree to the last bit.
pub(super) fn specific_step(
    projection: &Projection,
    adjacency: &Adjacency,
    hubs: &Hubs,
    fact: u32,
    entered: NodeId,
    weak: bool,
) -> f64 {
    super::ties::exact_step(
        hubs.entering(entered)
            + if weak { hubs.weak_penalty() } else { 0.0 }
            + tie_break(adjacency.articles_stating(projection, fact)),
    )
}

impl StepCosts {
    /// What walking link `at` of the index costs from the entity whose row holds it.
    pub(super) fn outward(&self, at: usize) -> f64 {
        self.costs[at].outward
    }

    /// What walking link `at` of the index costs into the entity whose row holds it.
    pub(super) fn inward(&self, at: usize) -> f64 {
        self.costs[at].inward
    }

    /// Whether link `at` of the index is a membership fact into a large container, and which
    /// of its ends that is (0 if not weak).
    pub(super) fn weak_at(&self, at: usize) -> u8 {
        self.weak[at]
    }

    pub(super) fn of(projection: &Projection) -> Self {
        let adjacency = projection.undirected_adjacency_index();
        let hubs = projection.hubs();
        let mut costs = super::pages::filled(adjacency.links.len(), StepCost::default());
        let mut weak = super::pages::filled(adjacency.links.len(), 0u8);
        for node in 0..projection.node_count() {
            let row = adjacency.offsets[node]..adjacency.offsets[node + 1];
            for (at, &Link { other, fact }) in row.clone().zip(&adjacency.links[row]) {
                let container = hubs.weak_container(projection, fact as usize);
                let is_weak = container.is_some();
                costs[at] = StepCost {
                    outward: specific_step(
                        projection,
                        adjacency,
                        hubs,
                        fact,
                        other as NodeId,
                        is_weak,
                    ),
                    inward: specific_step(projection, adjacency, hubs, fact, node, is_weak),
                };
                weak[at] = match container {
                    Some(container) if container == other as NodeId => WEAK_INTO_OTHER,
                    Some(_) => WEAK_INTO_NEAR,
                    None => 0,
                };
            }
        }
        let mut by_cost = [0, 1].map(|_| super::pages::filled(adjacency.links.len(), 0u32));
        for node in 0..projection.node_count() {
            let row = adjacency.offsets[node]..adjacency.offsets[node + 1];
            if row.len() < LONG_ROW {
                continue;
            }
            let steps = &costs[row.clone()];
            for (way, order) in by_cost.iter_mut().enumerate() {
                let order = &mut order[row.clone()];
                for (place, slot) in order.iter_mut().enumerate() {
                    *slot = place as u32;
                }
                let cost = |place: &u32| {
                    let step = steps[*place as usize];
                    if way == 0 { step.outward } else { step.inward }
                };
                // A stable sort: equal costs stay in the row's order.
                order.sort_by(|a, b| cost(a).total_cmp(&cost(b)));
            }
        }
        Self {
            costs,
            weak,
            by_cost,
        }
    }
}

/// What one side of a search knows of an entity.
#[derive(Clone, Copy, Default)]
struct Reach {
    /// The cheapest walk found from the side's end.
    cost: f64,
    /// The entity that walk came from, and along which fact.
    parent: u32,
    fact: u32,
}

/// An entity's slot: the search that last wrote it, and what each side knows of it then.
#[derive(Clone, Copy, Default)]
struct Slot {
    stamp: u32,
    /// By side: [`UNREACHED`], [`REACHED`] or [`SETTLED`].
    state: [u8; 2],
    /// By side, in a search around the hubs ([`Search::walk_around_hubs`]): whether another
    /// walk found from the side's end comes within [`CLOSE`] of the cheapest.
    close: [bool; 2],
    sides: [Reach; 2],
}

#[cfg(test)]
thread_local! {
    /// How many spur searches of Yen's algorithm the hub table answered on this thread, for
    /// tests to see that it does.
    pub(super) static SPURS_THE_TABLE_ANSWERED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How far ahead in a row a search asks for the slots of the entities it will reach.
const SLOTS_AHEAD: usize = 8;

const UNREACHED: u8 = 0;
const REACHED: u8 = 1;
const SETTLED: u8 = 2;

/// A thread's search buffers, for one adjacency index at a time.
#[derive(Default)]
struct Search {
    /// The adjacency index the slots are sized for.
    index: Option<u64>,
    last_stamp: u32,
    slots: Vec<Slot>,
    /// By side, a bit per entity: settled in this search. A few dozen kilobytes where the
    /// slots take megabytes: late in a search most facts of a row can be passed over on the
    /// strength of this bit alone, read from the processor's cache.
    settled: [Vec<u64>; 2],
    /// The words of `settled` this search set bits in, to clear at the next.
    settled_words: Vec<usize>,
    /// By side, the entities settled in this search.
    settled_list: [Vec<u32>; 2],
    /// The places in a long row that a search reads.
    chosen: Vec<u32>,
    frontiers: [BinaryHeap<Frontier>; 2],
}

thread_local! {
    /// The price of never clearing a graph-long array per search: each thread that has searched
    /// keeps 40 bytes an entity while it lives (19 MB at ten million facts).
    static SEARCH: std::cell::RefCell<Search> = std::cell::RefCell::default();
}

impl Search {
    /// Readies the buffers for a search on `adjacency` and returns its stamp: a slot whose
    /// stamp differs holds nothing of this search.
    fn start(&mut self, adjacency: &Adjacency, nodes: usize) -> u32 {
        if self.index != Some(adjacency.number) || self.slots.len() != nodes {
            self.slots = super::pages::filled(nodes, Slot::default());
            self.settled = [0, 1].map(|_| vec![0; nodes.div_ceil(64)]);
            self.settled_words.clear();
            self.index = Some(adjacency.number);
            self.last_stamp = 0;
        }
        if self.last_stamp == u32::MAX {
            for slot in &mut self.slots {
                slot.stamp = 0;
            }
            self.last_stamp = 0;
        }
        self.last_stamp += 1;
        for word in self.settled_words.drain(..) {
            self.settled[0][word] = 0;
            self.settled[1][word] = 0;
        }
        for frontier in &mut self.frontiers {
            frontier.clear();
        }
        for list in &mut self.settled_list {
            list.clear();
        }
        self.last_stamp
    }
}

/// A meeting of the two sides of a search around the hubs that comes within [`CLOSE`] of the
/// cheapest: its cost, its hops, and whether some other walk comes that close to it.
struct Meeting {
    cost: f64,
    hops: Vec<Hop>,
    close_call: bool,
    /// Whether each end of the meeting's fact was settled by its side.
    settled: bool,
}

/// What a search ([`Search::walk_around_hubs`]) is asked: all that sets the default query's
/// searches, with the hub table and without it, apart from the spur searches of Yen's
/// algorithm (`path -k`).
#[derive(Clone, Copy)]
pub(super) struct Ask<'a> {
    /// The search's two ends: side 0 starts from the first, side 1 from the second.
    ends: (NodeId, NodeId),
    /// The ends of the whole path, membership facts into which are not weak: the search's own
    /// but in a spur search, which starts inside the path.
    path_ends: (NodeId, NodeId),
    /// What a spur search may not walk.
    bans: Option<&'a Bans>,
    /// The hubs of the table, passed over: the entities ranked below this in the adjacency
    /// index (none without the table). The ends are none of them.
    hubs: u32,
    /// Nothing dearer than this is looked for (the cost of some path between the ends, or the
    /// cheapest through a hub).
    through: f64,
}

impl Ask<'_> {
    /// Whether the search passes over an entity of rank `rank` in the adjacency index.
    fn passes_over(&self, rank: u32) -> bool {
        rank < self.hubs
    }

    /// Whether the search may not walk `fact` into or out of `other`.
    fn bars(&self, fact: u32, other: u32) -> bool {
        self.bans
            .is_some_and(|bans| bans.bar(fact as usize, other as NodeId))
    }
}

impl Search {
    /// The search behind every answer of the default weight but the table's own: Dijkstra from
    /// both ends, each side settling the cheaper of its next entities in turn, for paths that
    /// enter no hub of the table (`ask.hubs`, [`super::hub_routes`]; none without the table),
    /// walk nothing banned, and cost no more than `ask.through` and twice [`CLOSE`]. Returns
    /// every meeting of the two sides within [`CLOSE`] of the cheapest found (none if no path
    /// comes within [`CLOSE`] of `through`).
    ///
    /// A step is passed over when it cannot be part of a walk within twice [`CLOSE`] of the
    /// best meeting known (or of `through`): `next`, plus the other side's cheapest unsettled
    /// cost, is above that. That changes no answer: the other side settles nothing cheaper from
    /// then on, so any walk the step could join costs more; and the entity would not have been
    /// settled at `next` either, as the search stops once the two sides' cheapest add up to
    /// more (by then they have met on a fact of every path that cheap). Sums are rounded the
    /// same way whichever terms are larger, so the comparisons hold in floating point too.
    ///
    /// An entity notes a second walk within [`CLOSE`] of its cheapest (every such walk arrives
    /// from an entity settled before it: a hop costs at least 1), and inherits the note of the
    /// entity it was reached from. Membership facts into the path's ends are not weak, and the
    /// rows of the ends and the path's ends are read whole.
    fn walk_around_hubs(
        &mut self,
        projection: &Projection,
        costs: &StepCosts,
        ask: &Ask<'_>,
    ) -> Vec<Meeting> {
        let (from, to) = ask.ends;
        let path_ends = ask.path_ends;
        let through = ask.through;
        let adjacency = projection.undirected_adjacency_index();
        let stamp = self.start(adjacency, projection.node_count());
        let Search {
            slots,
            settled,
            settled_words,
            settled_list,
            chosen,
            frontiers,
            ..
        } = self;
        seed_ends(slots, frontiers, stamp, (from, to));
        // The cheapest meeting, and every meeting found within twice CLOSE of the best then.
        let mut best = f64::INFINITY;
        let mut meetings: Vec<(f64, u32, u32, u32)> = Vec::new();
        loop {
            drop_stale(slots, frontiers);
            let tops = [0, 1].map(|side| frontiers[side].peek().map(|f| f.0));
            let [Some(front), Some(back)] = tops else {
                break;
            };
            if front + back > best.min(through) + 2.0 * CLOSE {
                break;
            }
            let side = usize::from(back < front);
            let theirs = 1 - side;
            let their_cheapest = if side == 0 { back } else { front };
            let Some(Frontier(here, node)) = frontiers[side].pop() else {
                break;
            };
            slots[node].state[side] = SETTLED;
            settled[side][node / 64] |= 1 << (node % 64);
            settled_words.push(node / 64);
            settled_list[side].push(node as u32);
            let here_close = slots[node].close[side];
            // What the other side has not settled it knows at `their_cheapest` or more: past
            // this, a step can neither close a meeting that counts nor be recorded.
            let beyond =
                |next: f64, best: f64| next + their_cheapest > best.min(through) + 2.0 * CLOSE;
            let row_start = adjacency.offsets[node];
            let row = row_start..adjacency.offsets[node + 1];
            let links = &adjacency.links[row.clone()];
            let steps = &costs.costs[row.clone()];
            let weak = &costs.weak[row.clone()];
            // The row's facts into hubs come first (the rows are in rank order).
            let first =
                links.partition_point(|link| adjacency.rank_of[link.other as usize] < ask.hubs);
            // In a long row, the facts past the bound on their cost alone are a tail of the
            // row's cost order: the others, and those into entities the other side has settled
            // (which may close a meeting whatever their cost) or the ends, are all that need
            // reading, in the row's order, so that equal costs go as they would. The rows of
            // the ends are read whole: their weak facts cost less than the order has them.
            chosen.clear();
            let order = &costs.by_cost[side][row.clone()];
            let is_end = [from, to, path_ends.0, path_ends.1].contains(&node);
            let kept = if links.len() < LONG_ROW || is_end {
                links.len()
            } else {
                order.partition_point(|&at| {
                    let step = steps[at as usize];
                    let step = if side == 0 { step.outward } else { step.inward };
                    !beyond(here + step, best)
                })
            };
            // Finding an entity's facts in the row takes a binary search of it.
            let lookups = settled_list[theirs].len() + 2;
            let reads_whole = kept.saturating_add(lookups * 16) * 2 > links.len();
            if !reads_whole {
                chosen.extend(order[..kept].iter().filter(|&&at| at as usize >= first));
                let rank = |link: &Link| adjacency.rank_of[link.other as usize];
                let ends = [from, to, path_ends.0, path_ends.1].map(|end| end as u32);
                for &entity in settled_list[theirs].iter().chain(&ends) {
                    let Some(&wanted) = adjacency.rank_of.get(entity as usize) else {
                        // No entity: the ends of a path of no hops.
                        continue;
                    };
                    let start = links.partition_point(|link| rank(link) < wanted);
                    let facts = links[start..].partition_point(|link| link.other == entity);
                    chosen.extend(start.max(first) as u32..(start + facts) as u32);
                }
                chosen.sort_unstable();
                chosen.dedup();
            }
            let mut relax = |at: usize, ahead: Option<u32>| {
                // A hub's row reaches entities all over memory: asking for the slots a few
                // facts ahead overlaps their reads instead of waiting on each in turn.
                if let Some(ahead) = ahead {
                    super::pages::prefetch(&slots[ahead as usize]);
                }
                let Link { other, fact } = links[at];
                if ask.bars(fact, other) {
                    return;
                }
                let step = path_step(
                    projection,
                    (steps[at], weak[at], side),
                    (node, other, fact),
                    path_ends,
                );
                let next = here + step;
                // Past the bound, an entity the other side has not settled can neither close
                // a meeting that counts nor be recorded, and its slot need not be read.
                if beyond(next, best)
                    && settled[theirs][other as usize / 64] & (1 << (other % 64)) == 0
                {
                    return;
                }
                let slot = &mut slots[other as usize];
                if slot.stamp != stamp {
                    *slot = Slot {
                        stamp,
                        ..Slot::default()
                    };
                }
                if slot.state[theirs] != UNREACHED {
                    let total = next + slot.sides[theirs].cost;
                    if total <= best.min(through) + 2.0 * CLOSE {
                        meetings.push(if side == 0 {
                            (total, node as u32, other, fact)
                        } else {
                            (total, other, node as u32, fact)
                        });
                        best = best.min(total);
                    }
                }
                if beyond(next, best) {
                    return;
                }
                let mine = &mut slot.sides[side];
                let recorded = match slot.state[side] {
                    UNREACHED => Some(here_close),
                    REACHED if next < mine.cost => Some(here_close || mine.cost <= next + CLOSE),
                    REACHED => {
                        // Another walk as cheap, or nearly: a close call, unless it is a
                        // parallel fact of the same cost from the same entity.
                        let parallel = mine.parent == node as u32 && next == mine.cost;
                        if next <= mine.cost + CLOSE && !parallel {
                            slot.close[side] = true;
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(close) = recorded {
                    slot.state[side] = REACHED;
                    slot.close[side] = close;
                    *mine = Reach {
                        cost: next,
                        parent: node as u32,
                        fact,
                    };
                    frontiers[side].push(Frontier(next, other as usize));
                }
            };
            if reads_whole {
                for at in first..links.len() {
                    relax(at, links.get(at + SLOTS_AHEAD).map(|link| link.other));
                }
            } else {
                for (read, &at) in chosen.iter().enumerate() {
                    let ahead = chosen.get(read + SLOTS_AHEAD);
                    relax(at as usize, ahead.map(|&place| links[place as usize].other));
                }
            }
        }
        let cheapest = best.min(through);
        let near: Vec<(f64, u32, u32, u32)> = meetings
            .into_iter()
            .filter(|meeting| meeting.0 <= cheapest + CLOSE)
            .collect();
        near.into_iter()
            .map(|(cost, near, far, fact)| {
                let mut close_call = false;
                let mut hops = Vec::new();
                let mut node = near;
                while node as usize != from {
                    let slot = &slots[node as usize];
                    close_call |= slot.close[0];
                    let Reach { parent, fact, .. } = slot.sides[0];
                    hops.push(adjacency.hop(fact, parent, node));
                    node = parent;
                }
                hops.reverse();
                hops.push(adjacency.hop(fact, near, far));
                let mut node = far;
                while node as usize != to {
                    let slot = &slots[node as usize];
                    close_call |= slot.close[1];
                    let Reach { parent, fact, .. } = slot.sides[1];
                    hops.push(adjacency.hop(fact, node, parent));
                    node = parent;
                }
                // An end of the meeting that its side reached but did not settle may yet have
                // been reached as cheaply another way: only what was settled is sure.
                for (side, end) in [(0, near), (1, far)] {
                    let slot = &slots[end as usize];
                    if slot.state[side] != SETTLED {
                        let top = frontiers[side].peek().map_or(f64::INFINITY, |f| f.0);
                        close_call |= top <= slot.sides[side].cost - 1.0 + CLOSE;
                        close_call |=
                            Self::arrives_close(projection, costs, slots, stamp, (side, end), ask);
                    }
                }
                let settled = slots[near as usize].state[0] == SETTLED
                    && slots[far as usize].state[1] == SETTLED;
                Meeting {
                    cost,
                    hops,
                    close_call,
                    settled,
                }
            })
            .collect()
    }

    /// Whether `end`, reached by `side`, is reached within [`CLOSE`] of its cost from an
    /// entity of that side other than the one it was reached from (or along a fact of another
    /// cost), by one of its facts the search walks.
    fn arrives_close(
        projection: &Projection,
        costs: &StepCosts,
        slots: &[Slot],
        stamp: u32,
        (side, end): (usize, u32),
        ask: &Ask<'_>,
    ) -> bool {
        let adjacency = projection.undirected_adjacency_index();
        let known = slots[end as usize].sides[side];
        let row = adjacency.offsets[end as usize]..adjacency.offsets[end as usize + 1];
        adjacency.links[row.clone()]
            .iter()
            .zip(row)
            .any(|(link, at)| {
                let slot = &slots[link.other as usize];
                if ask.passes_over(adjacency.rank_of[link.other as usize])
                    || ask.bars(link.fact, link.other)
                    || slot.stamp != stamp
                    || slot.state[side] == UNREACHED
                {
                    return false;
                }
                // The hop from the entity into `end` on this side's walk: walked into `end` on
                // side 0, out of it on side 1, the row's other way.
                let step = path_step(
                    projection,
                    (costs.costs[at], costs.weak[at], 1 - side),
                    (end as NodeId, link.other, link.fact),
                    ask.path_ends,
                );
                let arrival = slot.sides[side].cost + step;
                let same = link.other == known.parent && arrival == known.cost;
                arrival <= known.cost + CLOSE && !same
            })
    }
}

impl Projection {
    /// The hops of the cheapest path under the specific weight when every fact may be walked
    /// either way (see the module's documentation).
    pub(super) fn specific_walk(&self, from: NodeId, to: NodeId) -> Option<Vec<Hop>> {
        self.specific_stretch((from, to), (from, to), None)
    }

    /// The hops of the cheapest path from `ends.0` to `ends.1` under the specific weight, as a
    /// stretch of a path between `path_ends` (membership facts into those are not weak) that
    /// walks none of `bans`: the default query (`path_ends` the ends, no bans) or a spur
    /// search of Yen's algorithm. Between paths of equal cost, the one the rule of
    /// `src/graph/ties.rs` chooses, in the graph without what is banned.
    fn specific_stretch(
        &self,
        ends: (NodeId, NodeId),
        path_ends: (NodeId, NodeId),
        bans: Option<&Bans>,
    ) -> Option<Vec<Hop>> {
        if let Some(hops) = self.hub_route_stretch(ends, path_ends, bans) {
            return Some(hops);
        }
        self.walk_without_hub_table(ends, path_ends, bans)
    }

    /// The answer where the hub table does not give one: the search with no hub passed over
    /// ([`Search::walk_around_hubs`]), bounded by the route of fewest hops where nothing is
    /// banned (that route may walk what is), answers where it shows that no other path comes
    /// within [`CLOSE`] of the cheapest it finds; otherwise, and above [`LARGEST_COST`], the
    /// path of the rule of `src/graph/ties.rs` is read from what it settled, or found by the
    /// plain procedure there.
    fn walk_without_hub_table(
        &self,
        (from, to): (NodeId, NodeId),
        path_ends: (NodeId, NodeId),
        bans: Option<&Bans>,
    ) -> Option<Vec<Hop>> {
        let ceiling = if bans.is_some() {
            f64::INFINITY
        } else {
            self.specific_ceiling(from, to)?
        };
        let costs = self.step_costs();
        let ask = Ask {
            ends: (from, to),
            path_ends,
            bans,
            hubs: 0,
            through: ceiling,
        };
        let found = SEARCH.with_borrow_mut(|search| {
            let meetings = search.walk_around_hubs(self, costs, &ask);
            let cheapest = meetings
                .iter()
                .map(|meeting| meeting.cost)
                .fold(f64::INFINITY, f64::min);
            if cheapest == f64::INFINITY {
                // Joined by no path under the ceiling, which only an unbounded search allows.
                return Some(None);
            }
            if let Some(hops) = Self::alone(meetings, cheapest) {
                return Some(Some(hops));
            }
            // Exact costs: the rule's path from what the search settled.
            if cheapest < EXACT_BELOW {
                return search.rule_path(self, costs, &ask, cheapest).map(Some);
            }
            None
        });
        match found {
            Some(answer) => answer,
            None => self.canonical_specific_walk((from, to), path_ends, bans),
        }
    }

    /// The path of `meetings` (those of [`Search::walk_around_hubs`] with no hub passed over)
    /// if no other comes within [`CLOSE`] of `cheapest`, the least of their costs.
    fn alone(meetings: Vec<Meeting>, cheapest: f64) -> Option<Vec<Hop>> {
        // With no hub passed over, every path within CLOSE of the cheapest has a meeting
        // whose two ends were settled: along it, the last entity within the sides' last
        // settled cost from `from` was settled by side 0, and the next, nearer `to` than the
        // other side's last, by side 1 (the search stops once the two add up to more than the
        // cheapest and twice CLOSE). So only those meetings, and the notes of their settled
        // entities, tell whether another path comes that close; a meeting at an end reached
        // but not settled is the same path or one also met where both ends were settled.
        let mut answer: Option<Vec<Hop>> = None;
        let mut alone = cheapest <= LARGEST_COST;
        for meeting in meetings {
            if !alone || meeting.cost > cheapest + CLOSE || !meeting.settled {
                continue;
            }
            alone =
                !meeting.close_call && answer.as_ref().is_none_or(|known| *known == meeting.hops);
            answer.get_or_insert(meeting.hops);
        }
        answer.filter(|_| alone)
    }

    /// The answer of the hub table ([`super::hub_routes`]) and the search around the hubs
    /// for the default query: see [`Projection::hub_route_stretch`].
    pub(super) fn hub_route_walk(&self, from: NodeId, to: NodeId) -> Option<Vec<Hop>> {
        self.hub_route_stretch((from, to), (from, to), None)
    }

    /// The answer of the hub table ([`super::hub_routes`]) and the search around the hubs:
    /// the hops where no other path comes within [`CLOSE`] of the cheapest, `None` where
    /// the search without the table must answer: another path comes that close, an end of the
    /// path is a large container (membership facts into it then cost less than the table has
    /// them), no hub reaches an end, or the cost is above [`LARGEST_COST`].
    ///
    /// In a spur search of Yen's algorithm (`bans`), the same, in the graph without what is
    /// banned: the table's cost through a hub is still no more than that of any walk through
    /// it there (such a walk is a walk of the whole graph), and the search around the hubs
    /// walks nothing banned. So where the paths through the hubs that come within [`CLOSE`] of
    /// the cheapest walk nothing banned, they are paths of the spur search at the table's cost,
    /// and the answer stands; where one of them walks something banned, the table leaves the
    /// spur search to the search without it. (Searching into the hubs whose paths are banned
    /// instead, with the others passed over, also answered exactly, but at ten million facts
    /// made `path -k 3` slower than leaving those spur searches to the search without the
    /// table: BENCHMARKS.md, "`path -k` under the tie rule".)
    fn hub_route_stretch(
        &self,
        (from, to): (NodeId, NodeId),
        path_ends: (NodeId, NodeId),
        bans: Option<&Bans>,
    ) -> Option<Vec<Hop>> {
        let table = self.hub_routes()?;
        let count = table.count();
        if count == 0 || from == to {
            return None;
        }
        let hubs = self.hubs();
        let large = Hubs::large_container(self.node_count());
        if hubs.members(path_ends.0) >= large || hubs.members(path_ends.1) >= large {
            return None;
        }
        let adjacency = self.undirected_adjacency_index();
        let costs = self.step_costs();
        let totals = table.totals(from, to, hubs.entering(from));
        let through = totals.iter().copied().fold(f64::INFINITY, f64::min);
        if through == f64::INFINITY {
            // No hub reaches one of the ends: they lie apart, or in a part of the graph
            // without hubs, where the search before, bounded by the walk of fewest hops,
            // finds out soonest.
            return None;
        }
        let an_end_is_a_hub = [from, to]
            .iter()
            .any(|&end| (adjacency.rank_of[end] as usize) < count);
        // Every path from a hub passes through it.
        let around = if an_end_is_a_hub {
            Vec::new()
        } else {
            let ask = Ask {
                ends: (from, to),
                path_ends,
                bans,
                hubs: count as u32,
                through,
            };
            SEARCH.with_borrow_mut(|search| search.walk_around_hubs(self, costs, &ask))
        };
        let cheapest = around
            .iter()
            .map(|meeting| meeting.cost)
            .fold(through, f64::min);
        if cheapest > LARGEST_COST {
            return None;
        }
        // Every path within CLOSE of the cheapest must be the same one.
        let mut answer: Option<Vec<Hop>> = None;
        let mut agrees = |hops: Vec<Hop>| match &answer {
            None => {
                answer = Some(hops);
                true
            }
            Some(known) => *known == hops,
        };
        for (hub, &total) in totals.iter().enumerate() {
            if total > cheapest + CLOSE {
                continue;
            }
            if table.close_call(hub, from) || table.close_call(hub, to) {
                return None;
            }
            let hops = table.path_through(self, costs, hub, (from, to))?;
            let banned = bans.is_some_and(|bans| hops.iter().any(|hop| bans.bar(hop.edge, hop.to)));
            if banned || !agrees(hops) {
                return None;
            }
        }
        for meeting in around {
            if meeting.cost > cheapest + CLOSE {
                continue;
            }
            if meeting.close_call || !agrees(meeting.hops) {
                return None;
            }
        }
        #[cfg(test)]
        if answer.is_some() && bans.is_some() {
            SPURS_THE_TABLE_ANSWERED.with(|answered| answered.set(answered.get() + 1));
        }
        answer
    }

    /// The default query's path as found without the hub table, for benchmarks and tests to
    /// compare with: the same path as with it, found without it.
    #[doc(hidden)]
    pub fn specific_path_without_hub_table(&self, from: NodeId, to: NodeId) -> Option<super::Path> {
        if from == to {
            return self.shortest_path(from, to, &super::PathQuery::default());
        }
        let hops = self.walk_without_hub_table((from, to), (from, to), None)?;
        let nodes = std::iter::once(from)
            .chain(hops.iter().map(|h| h.to))
            .collect();
        let cost = self.path_cost(&hops, &super::PathQuery::default());
        Some(super::Path { nodes, hops, cost })
    }

    /// Whether the hub table answers the default query between `from` and `to` (rather than
    /// leaving it to the search without it), for benchmarks and tests to count.
    #[doc(hidden)]
    pub fn hub_table_answers(&self, from: NodeId, to: NodeId) -> bool {
        self.hub_route_walk(from, to).is_some()
    }

    /// The same search for a spur path of Yen's algorithm: from `from`, inside the path between
    /// `path_ends`, to `to`, walking none of `bans`, the rule's path among those of least cost
    /// (the hub table's where it answers).
    pub(super) fn specific_spur_walk(
        &self,
        (from, to): (NodeId, NodeId),
        path_ends: (NodeId, NodeId),
        bans: &Bans,
    ) -> Option<Vec<Hop>> {
        self.specific_stretch((from, to), path_ends, Some(bans))
    }

    /// A cost the cheapest path under the specific weight does not reach: that of the path
    /// with the fewest hops, a millionth more so that no rounding of a sum can cross it; or
    /// `None` if no path joins the two. Unbounded where the walk with the fewest hops cannot
    /// run.
    fn specific_ceiling(&self, from: NodeId, to: NodeId) -> Option<f64> {
        if !self.undirected_adjacency_index().rows_fit_marks() {
            return Some(f64::INFINITY);
        }
        let hops = self.unfiltered_walk(from, to)?;
        let cost = self.path_cost(&hops, &super::PathQuery::default());
        Some(cost + cost * 1e-6)
    }
}

impl Search {
    /// The path the tie rule of `src/graph/ties.rs` chooses, read from what the last search
    /// ([`Search::walk_around_hubs`] with no hub passed over, asked `ask`) settled; `least` is
    /// the cost of its cheapest meeting, below [`EXACT_BELOW`], so that every sum here is
    /// exact. `None` if no step completes the walk (which exact costs rule out). What is
    /// banned the search never walked, and the walk here never takes.
    ///
    /// Every cost a slot holds is that of a real walk from its side's end. Every entity of a
    /// path of least cost was settled, at its exact cost (see [`Projection::alone`]): those up
    /// to the last within the sides' last settled cost from `from` by side 0, the rest by side
    /// 1; no step of such a path is passed over, as it joins a walk no dearer than the least.
    /// So from an entity of such a path, reached at its cost from `from`, a step to `next`
    /// lies on one exactly when `next` was settled by side 1 and the walk so far, the step and
    /// `next`'s cost to `to` add up to `least`, or, not settled by side 1, `next` was settled by
    /// side 0 at the walk's cost and lies on one ([`RuleWalk::on_path`]). The path is built
    /// from `from`, each step to the lowest-numbered such entity, along the first fact of the
    /// row that makes it.
    fn rule_path(
        &self,
        projection: &Projection,
        costs: &StepCosts,
        ask: &Ask<'_>,
        least: f64,
    ) -> Option<Vec<Hop>> {
        let walk = RuleWalk {
            projection,
            adjacency: projection.undirected_adjacency_index(),
            costs,
            slots: &self.slots,
            stamp: self.last_stamp,
            ask,
            least,
        };
        let mut known = super::paths::IdMap::default();
        super::ties::lowest_completing_walk(
            walk.adjacency,
            ask.ends,
            projection.node_count(),
            |node, at| walk.step(node, at),
            |other, reach| match walk.settled(other, 1) {
                Some(rest) => reach + rest == least,
                None => walk.settled(other, 0) == Some(reach) && walk.on_path(&mut known, other),
            },
        )
    }
}

/// What [`Search::rule_path`] reads.
struct RuleWalk<'a> {
    projection: &'a Projection,
    adjacency: &'a Adjacency,
    costs: &'a StepCosts,
    slots: &'a [Slot],
    stamp: u32,
    ask: &'a Ask<'a>,
    least: f64,
}

impl RuleWalk<'_> {
    /// The cost at which `side` settled `node`, if it did.
    fn settled(&self, node: usize, side: usize) -> Option<f64> {
        let slot = &self.slots[node];
        (slot.stamp == self.stamp && slot.state[side] == SETTLED).then_some(slot.sides[side].cost)
    }

    /// What walking link `at` of `node`'s row costs, from `node` on, on a path between the
    /// path's ends; infinite if it is banned.
    fn step(&self, node: usize, at: usize) -> f64 {
        let Link { other, fact } = self.adjacency.links[at];
        if self.ask.bars(fact, other) {
            return f64::INFINITY;
        }
        path_step(
            self.projection,
            (self.costs.costs[at], self.costs.weak[at], 0),
            (node, other, fact),
            self.ask.path_ends,
        )
    }

    /// Whether `node`, settled by side 0, lies on a path of least cost at that cost from
    /// `from`: a step from it reaches an entity settled by side 1 at a total of the least, or
    /// one settled by side 0 at exactly its cost, which lies on one. Known answers in `known`.
    fn on_path(&self, known: &mut super::paths::IdMap<bool>, node: usize) -> bool {
        if let Some(&on) = known.get(&node) {
            return on;
        }
        let Some(here) = self.settled(node, 0) else {
            return false;
        };
        let on = (self.adjacency.offsets[node]..self.adjacency.offsets[node + 1]).any(|at| {
            let other = self.adjacency.links[at].other as usize;
            let reach = here + self.step(node, at);
            if self
                .settled(other, 1)
                .is_some_and(|rest| reach + rest == self.least)
            {
                return true;
            }
            // A step costs at least 1: the walk climbs, and ends.
            self.settled(other, 0) == Some(reach) && self.on_path(known, other)
        });
        known.insert(node, on);
        on
    }
}

/// What walking a link of `node`'s row (to `other` along `fact`) costs on a path between
/// `ends`: `way` 0 from `node` on, 1 into it; `stored` and `weak` as [`StepCosts`] has them.
/// What every search here prices a step with: a weak link (a membership fact into a large
/// container) whose container is an end of the path is not weak there.
#[inline]
fn path_step(
    projection: &Projection,
    (stored, weak, way): (StepCost, u8, usize),
    (node, other, fact): (NodeId, u32, u32),
    ends: (NodeId, NodeId),
) -> f64 {
    let step = if way == 0 {
        stored.outward
    } else {
        stored.inward
    };
    if weak == 0 {
        return step;
    }
    let container = if weak == WEAK_INTO_OTHER {
        other as NodeId
    } else {
        node
    };
    if container != ends.0 && container != ends.1 {
        return step;
    }
    let entered = if way == 0 { other as NodeId } else { node };
    let adjacency = projection.undirected_adjacency_index();
    specific_step(
        projection,
        adjacency,
        projection.hubs(),
        fact,
        entered,
        false,
    )
}

/// Each end of a search is reached at no cost from itself, on its own side.
fn seed_ends(
    slots: &mut [Slot],
    frontiers: &mut [BinaryHeap<Frontier>; 2],
    stamp: u32,
    (from, to): (NodeId, NodeId),
) {
    for (side, end) in [(0, from), (1, to)] {
        let slot = &mut slots[end];
        if slot.stamp != stamp {
            *slot = Slot {
                stamp,
                ..Slot::default()
            };
        }
        slot.state[side] = REACHED;
        slot.sides[side] = Reach {
            cost: 0.0,
            parent: end as u32,
            fact: u32::MAX,
        };
        frontiers[side].push(Frontier(0.0, end));
    }
}

/// Drops from the top of each frontier the entities already settled and the entries made
/// stale by a cheaper one.
fn drop_stale(slots: &[Slot], frontiers: &mut [BinaryHeap<Frontier>; 2]) {
    for (side, frontier) in frontiers.iter_mut().enumerate() {
        while let Some(&Frontier(cost, node)) = frontier.peek() {
            let slot = &slots[node];
            let stale = slot.state[side] == SETTLED || slot.sides[side].cost < cost;
            if !stale {
                break;
            }
            frontier.pop();
        }
    }
}
