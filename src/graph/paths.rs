//! Path search over the projection: shortest (Dijkstra), k shortest loopless (Yen), all simple
//! paths up to a length, and neighbourhoods, under predicate, node and date filters.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::adjacency::{Adjacency, Link};
use super::{EdgeId, NodeId, Projection, Support};
use crate::model::Date;

/// Node and edge ids are small integers: a multiplicative hash spreads them well enough and
/// costs a fraction of the default SipHash, which dominated searches through hubs.
#[derive(Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }
}

pub(super) type IdMap<V> = HashMap<usize, V, BuildHasherDefault<IdHasher>>;
pub(super) type IdSet = HashSet<usize, BuildHasherDefault<IdHasher>>;

pub(super) fn id_map<V>(entries: impl IntoIterator<Item = (usize, V)>) -> IdMap<V> {
    entries.into_iter().collect()
}

/// What a path's length counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    /// Specific hops: a hop into an entity costs `1 + ln(entities it links)`, and a membership
    /// fact into a large container (see `src/graph/hubs.rs`) costs `ln(entities in the graph)`
    /// more, so that a path through a hub ranks below a longer one through entities that link
    /// few others.
    #[default]
    Specific,
    /// Fewer hops.
    Hops,
    /// More confident hops: a hop costs `-ln(confidence)` of its best supporting statement.
    Confidence,
    /// Hops backed by more articles: a hop costs `1 / articles`.
    Sources,
}

impl Weight {
    /// Every weight, by the name the command line and the HTTP API give it.
    pub const NAMED: [(&'static str, Weight); 4] = [
        ("specific", Weight::Specific),
        ("hops", Weight::Hops),
        ("confidence", Weight::Confidence),
        ("sources", Weight::Sources),
    ];

    /// What the weight favours, in a line for a list of choices.
    pub fn summary(self) -> &'static str {
        match self {
            Weight::Specific => {
                "Specific connections: hops into entities that link many others cost more, and membership in a large container (basedIn Russia) is weak"
            }
            Weight::Hops => "Fewer hops (the plain shortest path)",
            Weight::Confidence => "More confident hops",
            Weight::Sources => "Hops backed by more articles",
        }
    }

    /// The name [`Weight::named`] takes.
    pub fn name(self) -> &'static str {
        Self::NAMED
            .iter()
            .find(|(_, weight)| *weight == self)
            .map_or("", |(name, _)| name)
    }

    /// The weight called `name`, or an error that lists the names.
    pub fn named(name: &str) -> Result<Self, super::Error> {
        Self::NAMED
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, weight)| *weight)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::NAMED.iter().map(|(known, _)| *known).collect();
                super::Error::invalid(
                    format!("unknown weight `{name}`"),
                    format!("weights are {}", names.join(", ")),
                )
            })
    }
}

/// Filters and options shared by every search.
#[derive(Debug, Clone, Default)]
pub struct PathQuery {
    /// Follow edges only from subject to object.
    pub directed: bool,
    /// Only these predicates (local names), if given.
    pub via: Option<Vec<String>>,
    pub not_via: Vec<String>,
    /// Entities no path may pass through.
    pub avoid: Vec<NodeId>,
    /// Only facts stated by articles published in this window (`YYYY-MM-DD`, inclusive).
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub weight: Weight,
}

impl PathQuery {
    /// Whether only facts from articles published in a window count.
    fn windowed(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// One step of a path, in walking order; `forward` is false when the walk goes against the
/// edge (from its object to its subject).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hop {
    pub edge: EdgeId,
    pub from: NodeId,
    pub to: NodeId,
    pub forward: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// `hops.len() + 1` entities, from the start to the end.
    pub nodes: Vec<NodeId>,
    pub hops: Vec<Hop>,
    pub cost: f64,
}

/// The two ends of the path a search is for: a spur search of Yen's looks for a stretch of it.
type Ends = (NodeId, NodeId);

/// The ends of a path of these hops (of none, none).
fn path_ends(hops: &[Hop]) -> Ends {
    match (hops.first(), hops.last()) {
        (Some(first), Some(last)) => (first.from, last.to),
        _ => (NodeId::MAX, NodeId::MAX),
    }
}

/// Extra exclusions for Yen's spur searches.
#[derive(Default)]
pub(super) struct Bans {
    edges: IdSet,
    nodes: IdSet,
}

impl Bans {
    /// Bans on these facts and entities, for tests to ask spur searches of their own.
    #[cfg(test)]
    pub(super) fn of(
        edges: impl IntoIterator<Item = EdgeId>,
        nodes: impl IntoIterator<Item = NodeId>,
    ) -> Self {
        Self {
            edges: edges.into_iter().collect(),
            nodes: nodes.into_iter().collect(),
        }
    }

    /// Whether a walk may not take `fact` into `entered`.
    pub(super) fn bar(&self, fact: EdgeId, entered: NodeId) -> bool {
        self.edges.contains(&fact) || self.nodes.contains(&entered)
    }
}

/// Dijkstra's frontier entry, ordered so that `BinaryHeap` pops the cheapest (then the lowest
/// node, for determinism).
#[derive(PartialEq)]
pub(super) struct Frontier(pub(super) f64, pub(super) NodeId);

impl Eq for Frontier {}

impl Ord for Frontier {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Frontier {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Which side of a breadth-first search reached an entity, at which level, and from where: a
/// slot is the search's only if its stamp is one the search drew (see [`Marks::start`]).
/// Beside it, where the entity's row of the adjacency index starts (the next slot's start is
/// where it ends): a walk that reaches an entity reads its mark and the size of its row from
/// one cache line, and a walk from it finds its row there, instead of in the index's bounds,
/// which lie elsewhere.
#[derive(Clone, Copy, Default)]
struct Mark {
    stamp: u32,
    parent: u32,
    /// The fact that reached it.
    fact: u32,
    row_start: u32,
}

#[derive(Default)]
struct Marks {
    /// The adjacency index whose row bounds the slots hold.
    index: Option<u64>,
    last_stamp: u32,
    /// One per entity, and one more for where the last row ends.
    slots: Vec<Mark>,
    /// By entity reached: the sum of `1 / (1 + articles)` over the facts of the walk that
    /// reached it, the least among its equally short walks. Read only where the slot's stamp
    /// is the search's.
    scores: Vec<f64>,
    /// The two frontiers and the level being reached, kept for their allocations.
    front: Vec<u32>,
    back: Vec<u32>,
    next: Vec<u32>,
}

impl Marks {
    /// Starts a search on `adjacency`, whose rows must all start at places a `u32` holds and
    /// whose entities must number under half of `u32::MAX` ([`Adjacency::rows_fit_marks`]).
    /// Returns the search's base stamp: every stamp above it is the search's, level `i` of the
    /// walk from `from` stamped `base + 1 + 2i` and of the walk from `to` `base + 2 + 2i`, so
    /// that one read of a slot tells whether it is reached, by which side, and whether at the
    /// level being reached. The search leaves its highest stamp in `last_stamp`.
    fn start(&mut self, adjacency: &Adjacency) -> u32 {
        if self.index != Some(adjacency.number) {
            // Fresh slots hold stamp 0, which no search draws.
            self.slots = super::pages::filled(adjacency.offsets.len(), Mark::default());
            for (slot, &start) in self.slots.iter_mut().zip(&adjacency.offsets) {
                slot.row_start = start as u32;
            }
            self.scores = super::pages::filled(adjacency.offsets.len(), 0.0);
            self.index = Some(adjacency.number);
            self.last_stamp = 0;
        }
        // A walk has at most one level per entity on each side.
        let room = 2 * self.slots.len() as u64 + 2;
        if u64::from(self.last_stamp) + room > u64::from(u32::MAX) {
            for slot in &mut self.slots {
                slot.stamp = 0;
            }
            self.last_stamp = 0;
        }
        self.front.clear();
        self.back.clear();
        self.last_stamp
    }
}

thread_local! {
    /// Clearing marks as long as the graph for each search would cost more than most searches.
    /// The price: each thread that has searched keeps 16 bytes an entity for as long as it lives
    /// (7.6 MB at ten million facts), which the server's pool of blocking threads bounds; and
    /// its first search on each new graph copies the graph's row bounds.
    static MARKS: std::cell::RefCell<Marks> = std::cell::RefCell::default();
}

/// How many rows of each level, and how many neighbours of each end, a walk asks for ahead of
/// reading them.
const PREFETCHED: usize = 16;

/// A hop is a little dearer than its weight so that, between equal weights, fewer hops win.
const HOP_TIE_BREAK: f64 = 1e-9;

/// What a hop costs on top of its weight: between hops of equal weight, fewer hops win, then
/// the one more articles state.
pub(super) fn tie_break(articles: usize) -> f64 {
    HOP_TIE_BREAK * (1.0 + 1.0 / (1 + articles) as f64)
}

impl Projection {
    /// The supporting articles of an edge that the query's date window admits.
    pub fn supports_in_window<'a>(
        &'a self,
        edge: EdgeId,
        query: &'a PathQuery,
    ) -> impl Iterator<Item = &'a Support> + 'a {
        self.relation(edge)
            .supports
            .iter()
            .filter(move |s| self.article_in_window(s.article, query.since, query.until))
    }

    /// Whether the query lets a search walk an edge: its predicate passes the filters and, with
    /// a date window, some article in the window states it.
    fn edge_allowed(&self, edge: EdgeId, query: &PathQuery) -> bool {
        let relation = self.relation(edge);
        if query
            .via
            .as_ref()
            .is_some_and(|via| !via.iter().any(|p| **p == *relation.predicate))
            || query.not_via.iter().any(|p| **p == *relation.predicate)
        {
            return false;
        }
        !query.windowed() || self.supports_in_window(edge, query).next().is_some()
    }

    /// The cost of walking a hop on a path between `ends`, or `None` if the query excludes its
    /// fact.
    fn hop_cost(&self, hop: &Hop, query: &PathQuery, ends: Ends) -> Option<f64> {
        let (weight, articles) = self.hop_weight(hop, query, ends)?;
        let cost = weight + tie_break(articles);
        // The specific weight's hop costs are exact multiples (see `src/graph/ties.rs`), as
        // every search of it has them.
        Some(if query.weight == Weight::Specific {
            super::ties::exact_step(cost)
        } else {
            cost
        })
    }

    /// A path's total under the query's weight, without the tie-breaks its cost adds: its
    /// number of hops, the sum of −ln(confidence), of 1 / articles, or of what entering each
    /// entity costs.
    pub fn weight(&self, path: &Path, query: &PathQuery) -> f64 {
        let ends = path_ends(&path.hops);
        path.hops
            .iter()
            .map(|hop| {
                self.hop_weight(hop, query, ends)
                    .map_or(f64::INFINITY, |(w, _)| w)
            })
            .sum::<f64>()
            // Fully confident hops weigh −ln 1 = −0, which reads oddly; the sum with +0 is +0.
            + 0.0
    }

    /// The weight of walking a hop on a path between `ends` and the number of articles (in the
    /// query's window) that state its fact, or `None` if the query excludes it.
    fn hop_weight(&self, hop: &Hop, query: &PathQuery, ends: Ends) -> Option<(f64, usize)> {
        let edge = hop.edge;
        if !self.edge_allowed(edge, query) {
            return None;
        }
        let count = if query.windowed() {
            self.supports_in_window(edge, query).count()
        } else {
            self.relation(edge).supports.len()
        };
        let cost = match query.weight {
            Weight::Specific => {
                let hubs = self.hubs();
                // Membership in a container the path starts or ends at is no pass through it.
                let weak = hubs
                    .weak_container(self, edge)
                    .is_some_and(|container| container != ends.0 && container != ends.1);
                hubs.entering(hop.to) + if weak { hubs.weak_penalty() } else { 0.0 }
            }
            Weight::Hops => 1.0,
            Weight::Confidence => {
                let best = self
                    .supports_in_window(edge, query)
                    .map(Support::confidence)
                    .fold(f64::NAN, f64::max);
                let best = if best.is_nan() {
                    1.0
                } else {
                    best.clamp(1e-6, 1.0)
                };
                -best.ln()
            }
            Weight::Sources => 1.0 / count.max(1) as f64,
        };
        Some((cost, count))
    }

    /// The hops leaving `node` that the query and the bans allow, with their costs.
    fn steps(&self, node: NodeId, query: &PathQuery, bans: &Bans, ends: Ends) -> Vec<(Hop, f64)> {
        self.steps_towards(node, query, bans, false, ends)
    }

    /// With `into`, the hops arriving at `node` instead (for searching backwards from a goal).
    fn steps_towards(
        &self,
        node: NodeId,
        query: &PathQuery,
        bans: &Bans,
        into: bool,
        ends: Ends,
    ) -> Vec<(Hop, f64)> {
        let mut steps = Vec::new();
        self.for_each_step(node, query, bans, into, |hop| {
            if let Some(cost) = self.hop_cost(&hop, query, ends) {
                steps.push((hop, cost));
            }
        });
        steps.sort_by_key(|(hop, _)| (hop.from, hop.to, hop.edge));
        steps
    }

    /// Calls `visit` with each hop out of (or, with `into`, into) `node` that the query and the
    /// bans allow, in the graph's edge order, without computing costs.
    fn for_each_step(
        &self,
        node: NodeId,
        query: &PathQuery,
        bans: &Bans,
        into: bool,
        mut visit: impl FnMut(Hop),
    ) {
        let index = NodeIndex::new(node);
        let mut add = |edge: EdgeIndex, other: NodeIndex, forward: bool| {
            let (edge, other) = (edge.index(), other.index());
            if bans.edges.contains(&edge)
                || bans.nodes.contains(&other)
                || query.avoid.contains(&other)
                || !self.edge_allowed(edge, query)
            {
                return;
            }
            visit(if into {
                Hop {
                    edge,
                    from: other,
                    to: node,
                    forward,
                }
            } else {
                Hop {
                    edge,
                    from: node,
                    to: other,
                    forward,
                }
            });
        };
        // Walking out of `node` along an edge is forward when `node` is its subject; walking
        // into `node` is forward when `node` is its object.
        let (along, against) = if into {
            (Direction::Incoming, Direction::Outgoing)
        } else {
            (Direction::Outgoing, Direction::Incoming)
        };
        for edge in self.graph.edges_directed(index, along) {
            let other = if into { edge.source() } else { edge.target() };
            add(edge.id(), other, true);
        }
        if !query.directed {
            for edge in self.graph.edges_directed(index, against) {
                let other = if into { edge.target() } else { edge.source() };
                add(edge.id(), other, false);
            }
        }
    }

    /// The best path under the query: breadth-first from both ends when hops are counted
    /// without filters, Dijkstra otherwise.
    fn search(
        &self,
        from: NodeId,
        to: NodeId,
        query: &PathQuery,
        bans: &Bans,
        ends: Ends,
    ) -> Option<Path> {
        let no_filters = !query.directed
            && query.via.is_none()
            && query.not_via.is_empty()
            && query.avoid.is_empty()
            && !query.windowed();
        let unfiltered = no_filters && bans.edges.is_empty() && bans.nodes.is_empty();
        if no_filters && query.weight == Weight::Specific && from != to {
            // Yen's spur searches ban facts and entities: the same search, told what they are.
            let hops = if unfiltered {
                self.specific_walk(from, to)?
            } else {
                self.specific_spur_walk((from, to), ends, bans)?
            };
            let nodes = std::iter::once(from)
                .chain(hops.iter().map(|h| h.to))
                .collect();
            let cost = self.path_cost(&hops, query);
            return Some(Path { nodes, hops, cost });
        }
        if !(unfiltered
            && query.weight == Weight::Hops
            && self.undirected_adjacency_index().rows_fit_marks())
        {
            return self.dijkstra(from, to, query, bans, ends);
        }
        let hops = if from == to {
            Vec::new()
        } else {
            self.unfiltered_walk(from, to)?
        };
        let adjacency = self.undirected_adjacency_index();
        let cost = hops
            .iter()
            .map(|hop| 1.0 + tie_break(adjacency.articles_stating(self, hop.edge as u32)))
            .sum();
        let nodes = std::iter::once(from)
            .chain(hops.iter().map(|h| h.to))
            .collect();
        Some(Path { nodes, hops, cost })
    }

    /// The cheapest path under the specific weight when every fact may be walked either way,
    /// found plainly: the reference the default query's fast searches are tested and
    /// benchmarked against. Between paths of equal cost it keeps the rule of
    /// `src/graph/ties.rs` (the lexicographically smallest sequence of entities), as the fast
    /// searches do.
    #[doc(hidden)]
    pub fn reference_specific_path(&self, from: NodeId, to: NodeId) -> Option<Path> {
        if from == to {
            return self.shortest_path(from, to, &PathQuery::default());
        }
        let hops = self.canonical_specific_walk((from, to), (from, to), None)?;
        let nodes = std::iter::once(from)
            .chain(hops.iter().map(|h| h.to))
            .collect();
        let cost = self.path_cost(&hops, &PathQuery::default());
        Some(Path { nodes, hops, cost })
    }

    /// The hops of the walk with the fewest hops when every fact may be walked either way, and
    /// among those the one whose facts more articles state (the least sum of
    /// `1 / (1 + articles)`, as the hop weight's tie-breaks rank them). Breadth-first from both
    /// ends, one whole level at a time from the side with fewer facts around it; an entity
    /// reached twice in one level keeps the better of the two walks, and the level where the
    /// two sides first meet is read to its end for the best meeting. Each hop is on the best
    /// of the facts between its two entities, which is the first of them in the adjacency
    /// index's rows. Marks live in an array as long as the graph, reused by the thread's next
    /// search.
    pub(super) fn unfiltered_walk(&self, from: NodeId, to: NodeId) -> Option<Vec<Hop>> {
        let adjacency = self.undirected_adjacency_index();
        let score_of = |fact: u32| 1.0 / (1 + adjacency.articles_stating(self, fact)) as f64;
        MARKS.with_borrow_mut(|marks| {
            let base = marks.start(adjacency);
            let Marks {
                slots,
                scores,
                front,
                back,
                next,
                last_stamp,
                ..
            } = marks;
            // The stamp of each side's last level: the walk from `from` is side 0.
            let mut stamps = [base + 1, base + 2];
            let side_of = |stamp: u32| (stamp > base).then(|| ((stamp - base - 1) & 1) as usize);
            let (start, goal) = (from as u32, to as u32);
            let row = |slots: &[Mark], node: u32| {
                let node = node as usize;
                slots[node].row_start as usize..slots[node + 1].row_start as usize
            };
            for (end, stamp) in [(start, stamps[0]), (goal, stamps[1])] {
                slots[end as usize].stamp = stamp;
                slots[end as usize].parent = end;
                scores[end as usize] = 0.0;
            }
            front.push(start);
            back.push(goal);
            // The first level from each end reads the end's row, then the marks of the end's
            // neighbours; asked for together, both levels' reads overlap instead of following
            // one another.
            for end in [start, goal] {
                super::pages::prefetch(adjacency.links[row(slots, end)].as_ptr());
            }
            for end in [start, goal] {
                for link in adjacency.links[row(slots, end)].iter().take(PREFETCHED) {
                    super::pages::prefetch(&slots[link.other as usize]);
                }
            }
            // What expanding each frontier would cost: the number of facts around it.
            let (mut front_links, mut back_links) =
                (row(slots, start).len(), row(slots, goal).len());
            // `near` is reached from `from`, `far` from `to`, and `meeting_fact` joins them.
            let met = loop {
                if front.is_empty() || back.is_empty() {
                    break None;
                }
                let forward = front_links <= back_links;
                let side = usize::from(!forward);
                let (frontier, frontier_links) = if forward {
                    (&mut *front, &mut front_links)
                } else {
                    (&mut *back, &mut back_links)
                };
                let level = stamps[side] + 2;
                next.clear();
                let mut next_links = 0;
                // With whole levels on both sides, every meeting in the first level that has
                // one closes a shortest walk: the cheapest of them is the best.
                let mut meeting: Option<(f64, u32, u32, u32)> = None;
                for &node in frontier.iter() {
                    let here = scores[node as usize];
                    for &Link { other, fact } in &adjacency.links[row(slots, node)] {
                        let slot = &mut slots[other as usize];
                        match side_of(slot.stamp) {
                            Some(reached) if reached != side => {
                                let total = here + score_of(fact) + scores[other as usize];
                                if meeting.is_none_or(|(best, ..)| total < best) {
                                    meeting = Some((total, node, other, fact));
                                }
                            }
                            // Past a meeting, nothing more is reached.
                            _ if meeting.is_some() => {}
                            None => {
                                slot.stamp = level;
                                slot.parent = node;
                                slot.fact = fact;
                                scores[other as usize] = here + score_of(fact);
                                next.push(other);
                                let reached = row(slots, other);
                                // The rows the next level scans first; not all of a large
                                // level's, which would push out of the caches what this level
                                // still reads.
                                if next.len() <= PREFETCHED {
                                    super::pages::prefetch(
                                        adjacency.links[reached.start..].as_ptr(),
                                    );
                                }
                                next_links += reached.len();
                            }
                            Some(_) if slot.stamp == level => {
                                let score = here + score_of(fact);
                                if score < scores[other as usize] {
                                    slot.parent = node;
                                    slot.fact = fact;
                                    scores[other as usize] = score;
                                }
                            }
                            Some(_) => {}
                        }
                    }
                }
                if let Some((_, node, other, fact)) = meeting {
                    break Some(if forward {
                        (node, other, fact)
                    } else {
                        (other, node, fact)
                    });
                }
                stamps[side] = level;
                std::mem::swap(frontier, next);
                *frontier_links = next_links;
            };
            // The level that met was stamped two above its side's last.
            *last_stamp = stamps[0].max(stamps[1]) + 2;
            let (near, far, meeting_fact) = met?;
            // Each hop's direction comes from its fact's brief, not from the fact's record.
            let mut hops = Vec::new();
            let mut node = near;
            while node != start {
                let Mark { parent, fact, .. } = slots[node as usize];
                hops.push(adjacency.hop(fact, parent, node));
                node = parent;
            }
            hops.reverse();
            hops.push(adjacency.hop(meeting_fact, near, far));
            let mut node = far;
            while node != goal {
                let Mark { parent, fact, .. } = slots[node as usize];
                hops.push(adjacency.hop(fact, node, parent));
                node = parent;
            }
            Some(hops)
        })
    }

    /// The cheapest path, or `None` if `to` cannot be reached.
    pub fn shortest_path(&self, from: NodeId, to: NodeId, query: &PathQuery) -> Option<Path> {
        self.search(from, to, query, &Bans::default(), (from, to))
    }

    /// The cheapest path from `from` to `to`, a stretch of one between `ends`.
    fn dijkstra(
        &self,
        from: NodeId,
        to: NodeId,
        query: &PathQuery,
        bans: &Bans,
        ends: Ends,
    ) -> Option<Path> {
        if query.avoid.contains(&from) || query.avoid.contains(&to) || bans.nodes.contains(&from) {
            return None;
        }
        let mut best: IdMap<f64> = id_map([(from, 0.0)]);
        let mut previous: IdMap<Hop> = IdMap::default();
        let mut frontier = BinaryHeap::from([Frontier(0.0, from)]);
        let mut done = IdSet::default();
        while let Some(Frontier(cost, node)) = frontier.pop() {
            if !done.insert(node) {
                continue;
            }
            if node == to {
                return Some(self.rebuild(from, to, &previous, cost));
            }
            for (hop, step_cost) in self.steps(node, query, bans, ends) {
                let next = cost + step_cost;
                if best.get(&hop.to).is_none_or(|known| next < *known) {
                    best.insert(hop.to, next);
                    previous.insert(hop.to, hop);
                    frontier.push(Frontier(next, hop.to));
                }
            }
        }
        None
    }

    fn rebuild(&self, from: NodeId, to: NodeId, previous: &IdMap<Hop>, cost: f64) -> Path {
        let mut hops = Vec::new();
        let mut node = to;
        while node != from {
            let hop = previous[&node];
            hops.push(hop);
            node = hop.from;
        }
        hops.reverse();
        let nodes = std::iter::once(from)
            .chain(hops.iter().map(|h| h.to))
            .collect();
        Path { nodes, hops, cost }
    }

    pub(super) fn path_cost(&self, hops: &[Hop], query: &PathQuery) -> f64 {
        let ends = path_ends(hops);
        hops.iter()
            .map(|h| self.hop_cost(h, query, ends).unwrap_or(f64::INFINITY))
            .sum()
    }

    /// Up to `k` loopless paths, cheapest first (Yen's algorithm), in the order of
    /// [`Projection::path_rank`]. Under the default query (the specific weight, no filter) they
    /// are exactly the first `k` of every loopless path between the two in that order:
    /// the first is the tie rule's (`src/graph/ties.rs`), and each spur search answers the
    /// rule's path of its own graph (the whole graph less what it bans), which is the least
    /// of its spur paths in that order too (a path's cost is the root's plus the spur's,
    /// exactly: see `src/graph/ties.rs`). Then the next path in the order, `P`, is a candidate
    /// when it is accepted: of the accepted paths that share its longest root with it, the
    /// last had a spur search from the end of that root, which banned the next fact of every
    /// accepted path with that root but none of `P`'s, so found a spur no greater than `P`'s,
    /// and a candidate no greater than `P` that no accepted path is; the least candidate is
    /// then `P`. Above a cost of 512, where sums are no longer exact, or under other weights
    /// or filters, whose searches keep no such rule between paths of equal cost, the paths
    /// are the `k` cheapest, in that order, but which of several of equal cost come is not
    /// so fixed.
    pub fn k_shortest_paths(
        &self,
        from: NodeId,
        to: NodeId,
        k: usize,
        query: &PathQuery,
    ) -> Vec<Path> {
        let Some(first) = self.shortest_path(from, to, query) else {
            return Vec::new();
        };
        let mut accepted = vec![first];
        let mut candidates: Vec<Path> = Vec::new();
        while accepted.len() < k {
            // Never empty: it starts with the shortest path.
            let last = accepted[accepted.len() - 1].clone();
            for spur_index in 0..last.hops.len() {
                let root = &last.hops[..spur_index];
                let spur = last.nodes[spur_index];
                let mut bans = Bans::default();
                for path in &accepted {
                    if path.hops.len() > spur_index && path.hops[..spur_index] == *root {
                        bans.edges.insert(path.hops[spur_index].edge);
                    }
                }
                bans.nodes.extend(&last.nodes[..spur_index]);
                let Some(spur_path) = self.search(spur, to, query, &bans, (from, to)) else {
                    continue;
                };
                let hops: Vec<Hop> = root.iter().chain(&spur_path.hops).copied().collect();
                if accepted.iter().chain(&candidates).any(|p| p.hops == hops) {
                    continue;
                }
                let nodes = last.nodes[..spur_index]
                    .iter()
                    .copied()
                    .chain(spur_path.nodes)
                    .collect();
                candidates.push(Path {
                    nodes,
                    cost: self.path_cost(&hops, query),
                    hops,
                });
            }
            let Some(best) = (0..candidates.len())
                .min_by(|a, b| self.path_rank(&candidates[*a], &candidates[*b]))
            else {
                break;
            };
            accepted.push(candidates.swap_remove(best));
        }
        accepted
    }

    /// The order of `path -k`'s paths ([`Projection::k_shortest_paths`]): cheaper first; among
    /// paths of equal cost, by their sequences of entities (by number, from the start),
    /// lexicographically, as the tie rule of `src/graph/ties.rs` chooses between them; among
    /// paths through the same entities, hop by hop, by the fact each takes in the order of
    /// the adjacency index's rows (more articles first, then the lower fact number), the
    /// rule's again.
    pub fn path_rank(&self, a: &Path, b: &Path) -> Ordering {
        a.cost
            .total_cmp(&b.cost)
            .then_with(|| a.nodes.cmp(&b.nodes))
            .then_with(|| {
                let adjacency = self.undirected_adjacency_index();
                let place = |hop: &Hop| {
                    let articles = adjacency.articles_stating(self, hop.edge as u32);
                    (std::cmp::Reverse(articles), hop.edge)
                };
                a.hops.iter().map(place).cmp(b.hops.iter().map(place))
            })
    }

    /// Every simple path of at most `max_hops` hops, shortest first, at most `limit` of them.
    ///
    /// Partial paths that can no longer reach `to` within the hops left are cut, using the hop
    /// distance to `to` computed once, so that hubs do not make the search explode.
    pub fn all_paths(
        &self,
        from: NodeId,
        to: NodeId,
        max_hops: usize,
        limit: usize,
        query: &PathQuery,
    ) -> Vec<Path> {
        let mut found = Vec::new();
        if from == to || query.avoid.contains(&from) || query.avoid.contains(&to) {
            return found;
        }
        let bans = Bans::default();
        let distance_to_target = self.distances_into(to, max_hops, query, &bans);
        let mut walk = Enumeration {
            projection: self,
            to,
            query,
            bans: &bans,
            distance_to_target: &distance_to_target,
            hops: Vec::new(),
            on_path: IdSet::from_iter([from]),
            limit,
        };
        for length in 1..=max_hops {
            let before = found.len();
            walk.extend(from, length, &mut found);
            found[before..].sort_by(path_order);
            if found.len() >= limit {
                break;
            }
        }
        found.truncate(limit);
        found
    }

    /// Hop distances of the entities that can reach `target` within `max_hops`.
    fn distances_into(
        &self,
        target: NodeId,
        max_hops: usize,
        query: &PathQuery,
        bans: &Bans,
    ) -> IdMap<usize> {
        let mut distance = id_map([(target, 0)]);
        let mut frontier = vec![target];
        for hops in 1..=max_hops {
            let mut next = Vec::new();
            for node in frontier {
                self.for_each_step(node, query, bans, true, |hop| {
                    if let std::collections::hash_map::Entry::Vacant(slot) =
                        distance.entry(hop.from)
                    {
                        slot.insert(hops);
                        next.push(hop.from);
                    }
                });
            }
            frontier = next;
        }
        distance
    }

    /// Entities within `hops` hops of `center` (with their distance) and the edges walked to
    /// reach them, nearest first. At most `max_edges` edges: around a hub two hops can be most of
    /// the graph, so the walk stops there and says so (the `bool`).
    pub fn neighbors(
        &self,
        center: NodeId,
        hops: usize,
        max_edges: usize,
        query: &PathQuery,
    ) -> (Vec<(NodeId, usize)>, Vec<EdgeId>, bool) {
        let mut distance = HashMap::from([(center, 0)]);
        let mut edges = HashSet::new();
        let mut queue = VecDeque::from([center]);
        let bans = Bans::default();
        let mut truncated = false;
        'walk: while let Some(node) = queue.pop_front() {
            let here = distance[&node];
            if here == hops {
                continue;
            }
            for (hop, _) in self.steps(node, query, &bans, (center, center)) {
                if edges.len() == max_edges && !edges.contains(&hop.edge) {
                    truncated = true;
                    break 'walk;
                }
                edges.insert(hop.edge);
                if let std::collections::hash_map::Entry::Vacant(slot) = distance.entry(hop.to) {
                    slot.insert(here + 1);
                    queue.push_back(hop.to);
                }
            }
        }
        let mut nodes: Vec<(NodeId, usize)> = distance.into_iter().collect();
        nodes.sort_by_key(|(node, d)| (*d, self.entity(*node).label, *node));
        let mut edges: Vec<EdgeId> = edges.into_iter().collect();
        edges.sort_unstable();
        (nodes, edges, truncated)
    }
}

/// Cheaper first, then fewer hops, then by edges, so results do not depend on hash order.
/// The state of the depth-first enumeration behind [`Projection::all_paths`].
struct Enumeration<'a> {
    projection: &'a Projection,
    to: NodeId,
    query: &'a PathQuery,
    bans: &'a Bans,
    distance_to_target: &'a IdMap<usize>,
    hops: Vec<Hop>,
    on_path: IdSet,
    limit: usize,
}

impl Enumeration<'_> {
    /// Adds to `found` the paths of exactly `length` hops that continue the current prefix.
    fn extend(&mut self, node: NodeId, length: usize, found: &mut Vec<Path>) {
        let left = length - self.hops.len() - 1;
        // Only hops that can still reach the target are collected (a hub has many others), then
        // put in a fixed order.
        let mut candidates = Vec::new();
        self.projection
            .for_each_step(node, self.query, self.bans, false, |hop| {
                if self
                    .distance_to_target
                    .get(&hop.to)
                    .is_some_and(|d| *d <= left)
                {
                    candidates.push(hop);
                }
            });
        candidates.sort_by_key(|hop| (hop.to, hop.edge));
        for hop in candidates {
            if found.len() >= self.limit || self.on_path.contains(&hop.to) {
                continue;
            }
            self.hops.push(hop);
            if hop.to == self.to {
                if left == 0 {
                    let nodes = std::iter::once(self.hops[0].from)
                        .chain(self.hops.iter().map(|h| h.to))
                        .collect();
                    let cost = self.projection.path_cost(&self.hops, self.query);
                    found.push(Path {
                        nodes,
                        cost,
                        hops: self.hops.clone(),
                    });
                }
            } else if left > 0 {
                self.on_path.insert(hop.to);
                self.extend(hop.to, length, found);
                self.on_path.remove(&hop.to);
            }
            self.hops.pop();
        }
    }
}

fn path_order(a: &Path, b: &Path) -> Ordering {
    a.cost
        .total_cmp(&b.cost)
        .then(a.hops.len().cmp(&b.hops.len()))
        .then_with(|| {
            a.hops
                .iter()
                .map(|h| (h.edge, h.forward))
                .cmp(b.hops.iter().map(|h| (h.edge, h.forward)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_copy_the_rows_of_the_index_they_serve_and_start_above_every_stamp() {
        let big =
            Projection::from_facts([("A", "bans", "B"), ("B", "bans", "C"), ("C", "bans", "D")]);
        let small = Projection::from_facts([("X", "bans", "Y")]);
        let (big, small) = (
            big.undirected_adjacency_index(),
            small.undirected_adjacency_index(),
        );
        let starts = |marks: &Marks| {
            marks
                .slots
                .iter()
                .map(|slot| slot.row_start as usize)
                .collect::<Vec<_>>()
        };
        let mut marks = Marks::default();
        assert_eq!(marks.start(big), 0);
        assert_eq!(starts(&marks), big.offsets);
        assert_eq!(marks.scores.len(), big.offsets.len());
        marks.slots[3].stamp = 7;
        marks.last_stamp = 7;
        assert_eq!(marks.start(big), 7, "the next search starts above the last");
        assert_eq!(marks.slots[3].stamp, 7, "the same index keeps its slots");

        marks.start(small);
        assert_eq!(starts(&marks), small.offsets);
        assert!(marks.slots.iter().all(|slot| slot.stamp == 0));

        // Three slots: a walk may need 2 × 3 + 2 stamps above its base.
        marks.last_stamp = u32::MAX - 8;
        marks.slots[1].stamp = u32::MAX - 8;
        assert_eq!(
            marks.start(small),
            u32::MAX - 8,
            "room for 8 stamps is left"
        );
        marks.last_stamp = u32::MAX - 7;
        assert_eq!(marks.start(small), 0);
        assert!(marks.slots.iter().all(|slot| slot.stamp == 0));
        assert_eq!(
            starts(&marks),
            small.offsets,
            "clearing stamps keeps the rows"
        );
    }

    #[test]
    fn searches_on_one_thread_through_two_graphs_do_not_see_each_others_marks() {
        let big =
            Projection::from_facts([("A", "bans", "B"), ("B", "bans", "C"), ("C", "bans", "D")]);
        let small = Projection::from_facts([("X", "bans", "Y")]);
        let query = PathQuery {
            weight: Weight::Hops,
            ..PathQuery::default()
        };
        let id = |p: &Projection, name| p.lookup(name).unwrap();
        for _ in 0..3 {
            let path = big
                .shortest_path(id(&big, "A"), id(&big, "D"), &query)
                .unwrap();
            assert_eq!(path.hops.len(), 3);
            let path = small
                .shortest_path(id(&small, "Y"), id(&small, "X"), &query)
                .unwrap();
            assert_eq!(path.hops.len(), 1);
            assert!(!path.hops[0].forward);
        }
    }
}
