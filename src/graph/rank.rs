//! Which entities matter: degree, PageRank and betweenness centrality, and connected components.

use std::collections::VecDeque;

use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use super::{NodeId, Projection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Centrality {
    /// Edges at the entity, either direction.
    Degree,
    /// PageRank over the directed edges (damping 0.85).
    PageRank,
    /// Betweenness over the undirected graph (Brandes), normalised to 0..1.
    Betweenness,
}

/// Above this many entities, betweenness is estimated from a sample of source entities.
pub const BETWEENNESS_EXACT_LIMIT: usize = 100_000;
const BETWEENNESS_SAMPLE: usize = 2_000;

/// A connected component (edges taken in either direction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Its entities, by label.
    pub nodes: Vec<NodeId>,
}

impl Projection {
    /// Every entity's score, highest first (ties by label). Also says whether betweenness was
    /// estimated from a sample.
    pub fn centrality(&self, by: Centrality) -> (Vec<(NodeId, f64)>, bool) {
        let (scores, sampled) = match by {
            Centrality::Degree => (self.degrees(), false),
            Centrality::PageRank => (self.page_rank(0.85, 100, 1e-10), false),
            Centrality::Betweenness => self.betweenness(),
        };
        let mut ranked: Vec<(NodeId, f64)> = scores.into_iter().enumerate().collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.entity(a.0).label.cmp(self.entity(b.0).label))
                .then(a.0.cmp(&b.0))
        });
        (ranked, sampled)
    }

    fn degrees(&self) -> Vec<f64> {
        let mut degree = vec![0.0; self.node_count()];
        for edge in self.graph.edge_references() {
            degree[edge.source().index()] += 1.0;
            degree[edge.target().index()] += 1.0;
        }
        degree
    }

    /// Power iteration; the rank of entities without outgoing edges is spread over all.
    fn page_rank(&self, damping: f64, max_iterations: usize, tolerance: f64) -> Vec<f64> {
        let n = self.node_count();
        if n == 0 {
            return Vec::new();
        }
        let mut out_degree = vec![0usize; n];
        for edge in self.graph.edge_references() {
            out_degree[edge.source().index()] += 1;
        }
        let mut rank = vec![1.0 / n as f64; n];
        for _ in 0..max_iterations {
            let dangling: f64 = (0..n)
                .filter(|v| out_degree[*v] == 0)
                .map(|v| rank[v])
                .sum();
            let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
            let mut next = vec![base; n];
            for edge in self.graph.edge_references() {
                let source = edge.source().index();
                next[edge.target().index()] += damping * rank[source] / out_degree[source] as f64;
            }
            let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
            rank = next;
            if change < tolerance {
                break;
            }
        }
        rank
    }

    /// Brandes' algorithm on the undirected, unweighted graph; above
    /// [`BETWEENNESS_EXACT_LIMIT`] entities, from an evenly spaced sample of sources, scaled.
    fn betweenness(&self) -> (Vec<f64>, bool) {
        let n = self.node_count();
        let adjacency = self.undirected_adjacency();
        let sampled = n > BETWEENNESS_EXACT_LIMIT;
        let sources: Vec<NodeId> = if sampled {
            (0..BETWEENNESS_SAMPLE)
                .map(|i| i * n / BETWEENNESS_SAMPLE)
                .collect()
        } else {
            (0..n).collect()
        };
        let mut centrality = vec![0.0; n];
        let mut order = Vec::with_capacity(n);
        let mut predecessors: Vec<Vec<NodeId>> = vec![Vec::new(); n];
        let mut paths = vec![0.0f64; n];
        let mut distance = vec![usize::MAX; n];
        let mut dependency = vec![0.0; n];
        for &source in &sources {
            order.clear();
            for v in 0..n {
                predecessors[v].clear();
                paths[v] = 0.0;
                distance[v] = usize::MAX;
                dependency[v] = 0.0;
            }
            paths[source] = 1.0;
            distance[source] = 0;
            let mut queue = VecDeque::from([source]);
            while let Some(v) = queue.pop_front() {
                order.push(v);
                for &w in &adjacency[v] {
                    if distance[w] == usize::MAX {
                        distance[w] = distance[v] + 1;
                        queue.push_back(w);
                    }
                    if distance[w] == distance[v] + 1 {
                        paths[w] += paths[v];
                        predecessors[w].push(v);
                    }
                }
            }
            while let Some(w) = order.pop() {
                for &v in &predecessors[w] {
                    dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
                }
                if w != source {
                    centrality[w] += dependency[w];
                }
            }
        }
        // Each undirected pair was counted from both ends; normalise to the share of pairs.
        let scale = if n > 2 {
            (n as f64 / sources.len() as f64) / ((n - 1) as f64 * (n - 2) as f64)
        } else {
            0.0
        };
        (centrality.into_iter().map(|c| c * scale).collect(), sampled)
    }

    /// Neighbours of each entity, edges in either direction, each neighbour once.
    fn undirected_adjacency(&self) -> Vec<Vec<NodeId>> {
        let mut adjacency = vec![Vec::new(); self.node_count()];
        for edge in self.graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            if a != b {
                adjacency[a].push(b);
                adjacency[b].push(a);
            }
        }
        for neighbours in &mut adjacency {
            neighbours.sort_unstable();
            neighbours.dedup();
        }
        adjacency
    }

    /// Connected components, largest first.
    pub fn components(&self) -> Vec<Component> {
        let mut sets = UnionFind::<usize>::new(self.node_count());
        for edge in self.graph.edge_references() {
            sets.union(edge.source().index(), edge.target().index());
        }
        let mut groups: std::collections::BTreeMap<usize, Vec<NodeId>> =
            std::collections::BTreeMap::new();
        for node in 0..self.node_count() {
            groups.entry(sets.find(node)).or_default().push(node);
        }
        let mut components: Vec<Component> = groups
            .into_values()
            .map(|mut nodes| {
                nodes.sort_by(|a, b| self.entity(*a).label.cmp(self.entity(*b).label));
                Component { nodes }
            })
            .collect();
        components.sort_by(|a, b| {
            b.nodes
                .len()
                .cmp(&a.nodes.len())
                .then_with(|| a.nodes.cmp(&b.nodes))
        });
        components
    }
}
