//! Path search over the projection: shortest (Dijkstra), k shortest loopless (Yen), all simple
//! paths up to a length, and neighbourhoods, under predicate, node and date filters.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{EdgeId, NodeId, Projection, Support};

/// What a path's length counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    /// Fewer hops.
    #[default]
    Hops,
    /// More confident hops: a hop costs `-ln(confidence)` of its best supporting statement.
    Confidence,
    /// Hops backed by more articles: a hop costs `1 / articles`.
    Sources,
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
    pub since: Option<String>,
    pub until: Option<String>,
    pub weight: Weight,
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

/// Extra exclusions for Yen's spur searches.
#[derive(Default)]
struct Bans {
    edges: HashSet<EdgeId>,
    nodes: HashSet<NodeId>,
}

/// Dijkstra's frontier entry, ordered so that `BinaryHeap` pops the cheapest (then the lowest
/// node, for determinism).
#[derive(PartialEq)]
struct Frontier(f64, NodeId);

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

/// A hop is a little dearer than its weight so that, between equal weights, fewer hops win.
const HOP_TIE_BREAK: f64 = 1e-9;

impl Projection {
    /// The supporting articles of an edge that the query's date window admits.
    pub fn supports_in_window<'a>(
        &'a self,
        edge: EdgeId,
        query: &PathQuery,
    ) -> impl Iterator<Item = &'a Support> + 'a {
        let (since, until) = (query.since.clone(), query.until.clone());
        self.relation(edge)
            .supports
            .iter()
            .filter(move |s| self.article_in_window(s.article, since.as_deref(), until.as_deref()))
    }

    /// The cost of walking an edge, or `None` if the query excludes it.
    fn edge_cost(&self, edge: EdgeId, query: &PathQuery) -> Option<f64> {
        let relation = self.relation(edge);
        if query
            .via
            .as_ref()
            .is_some_and(|via| !via.contains(&relation.predicate))
            || query.not_via.contains(&relation.predicate)
        {
            return None;
        }
        let windowed = query.since.is_some() || query.until.is_some();
        let supports: Vec<&Support> = self.supports_in_window(edge, query).collect();
        if windowed && supports.is_empty() {
            return None;
        }
        let cost = match query.weight {
            Weight::Hops => 1.0,
            Weight::Confidence => {
                let best = supports
                    .iter()
                    .map(|s| s.confidence)
                    .fold(f64::NAN, f64::max);
                let best = if best.is_nan() {
                    1.0
                } else {
                    best.clamp(1e-6, 1.0)
                };
                -best.ln()
            }
            Weight::Sources => 1.0 / supports.len().max(1) as f64,
        };
        // Between hops of equal weight, the one more articles state wins.
        Some(cost + HOP_TIE_BREAK * (1.0 + 1.0 / (1 + supports.len()) as f64))
    }

    /// The hops leaving `node` that the query and the bans allow, with their costs.
    fn steps(&self, node: NodeId, query: &PathQuery, bans: &Bans) -> Vec<(Hop, f64)> {
        let index = NodeIndex::new(node);
        let mut steps = Vec::new();
        let mut add = |edge: EdgeIndex, other: NodeIndex, forward: bool| {
            let (edge, other) = (edge.index(), other.index());
            if bans.edges.contains(&edge)
                || bans.nodes.contains(&other)
                || query.avoid.contains(&other)
            {
                return;
            }
            if let Some(cost) = self.edge_cost(edge, query) {
                steps.push((
                    Hop {
                        edge,
                        from: node,
                        to: other,
                        forward,
                    },
                    cost,
                ));
            }
        };
        for edge in self.graph.edges_directed(index, Direction::Outgoing) {
            add(edge.id(), edge.target(), true);
        }
        if !query.directed {
            for edge in self.graph.edges_directed(index, Direction::Incoming) {
                add(edge.id(), edge.source(), false);
            }
        }
        steps.sort_by_key(|(hop, _)| (hop.to, hop.edge));
        steps
    }

    /// The cheapest path, or `None` if `to` cannot be reached.
    pub fn shortest_path(&self, from: NodeId, to: NodeId, query: &PathQuery) -> Option<Path> {
        self.dijkstra(from, to, query, &Bans::default())
    }

    fn dijkstra(&self, from: NodeId, to: NodeId, query: &PathQuery, bans: &Bans) -> Option<Path> {
        if query.avoid.contains(&from) || query.avoid.contains(&to) || bans.nodes.contains(&from) {
            return None;
        }
        let mut best: HashMap<NodeId, f64> = HashMap::from([(from, 0.0)]);
        let mut previous: HashMap<NodeId, Hop> = HashMap::new();
        let mut frontier = BinaryHeap::from([Frontier(0.0, from)]);
        let mut done = HashSet::new();
        while let Some(Frontier(cost, node)) = frontier.pop() {
            if !done.insert(node) {
                continue;
            }
            if node == to {
                return Some(self.rebuild(from, to, &previous, cost));
            }
            for (hop, step_cost) in self.steps(node, query, bans) {
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

    fn rebuild(
        &self,
        from: NodeId,
        to: NodeId,
        previous: &HashMap<NodeId, Hop>,
        cost: f64,
    ) -> Path {
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

    fn path_cost(&self, hops: &[Hop], query: &PathQuery) -> f64 {
        hops.iter()
            .map(|h| self.edge_cost(h.edge, query).unwrap_or(f64::INFINITY))
            .sum()
    }

    /// Up to `k` loopless paths, cheapest first (Yen's algorithm).
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
                let Some(spur_path) = self.dijkstra(spur, to, query, &bans) else {
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
            let Some(best) =
                (0..candidates.len()).min_by(|a, b| path_order(&candidates[*a], &candidates[*b]))
            else {
                break;
            };
            accepted.push(candidates.swap_remove(best));
        }
        accepted
    }

    /// Every simple path of at most `max_hops` hops, shortest first, at most `limit` of them.
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
        for length in 1..=max_hops {
            let mut hops = Vec::new();
            let mut on_path = HashSet::from([from]);
            let before = found.len();
            self.extend_paths(
                from,
                to,
                length,
                query,
                &bans,
                &mut hops,
                &mut on_path,
                &mut found,
                limit,
            );
            found[before..].sort_by(path_order);
            if found.len() >= limit {
                break;
            }
        }
        found.truncate(limit);
        found
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the recursion's state, kept out of a struct for speed"
    )]
    fn extend_paths(
        &self,
        node: NodeId,
        to: NodeId,
        length: usize,
        query: &PathQuery,
        bans: &Bans,
        hops: &mut Vec<Hop>,
        on_path: &mut HashSet<NodeId>,
        found: &mut Vec<Path>,
        limit: usize,
    ) {
        for (hop, _) in self.steps(node, query, bans) {
            if found.len() >= limit || on_path.contains(&hop.to) {
                continue;
            }
            hops.push(hop);
            if hop.to == to {
                if hops.len() == length {
                    let nodes = std::iter::once(hops[0].from)
                        .chain(hops.iter().map(|h| h.to))
                        .collect();
                    found.push(Path {
                        nodes,
                        cost: self.path_cost(hops, query),
                        hops: hops.clone(),
                    });
                }
            } else if hops.len() < length {
                on_path.insert(hop.to);
                self.extend_paths(hop.to, to, length, query, bans, hops, on_path, found, limit);
                on_path.remove(&hop.to);
            }
            hops.pop();
        }
    }

    /// Entities within `hops` hops of `center` (with their distance) and the edges walked to
    /// reach them.
    pub fn neighbors(
        &self,
        center: NodeId,
        hops: usize,
        query: &PathQuery,
    ) -> (Vec<(NodeId, usize)>, Vec<EdgeId>) {
        let mut distance = HashMap::from([(center, 0)]);
        let mut edges = HashSet::new();
        let mut queue = VecDeque::from([center]);
        let bans = Bans::default();
        while let Some(node) = queue.pop_front() {
            let here = distance[&node];
            if here == hops {
                continue;
            }
            for (hop, _) in self.steps(node, query, &bans) {
                edges.insert(hop.edge);
                if let std::collections::hash_map::Entry::Vacant(slot) = distance.entry(hop.to) {
                    slot.insert(here + 1);
                    queue.push_back(hop.to);
                }
            }
        }
        let mut nodes: Vec<(NodeId, usize)> = distance.into_iter().collect();
        nodes.sort_by_key(|(node, d)| (*d, self.entity(*node).label.clone(), *node));
        let mut edges: Vec<EdgeId> = edges.into_iter().collect();
        edges.sort_unstable();
        (nodes, edges)
    }
}

/// Cheaper first, then fewer hops, then by edges, so results do not depend on hash order.
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
