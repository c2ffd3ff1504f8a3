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

#[cfg(test)]
mod tests {
    //! Scores against networkx on fixed graphs. The constants are printed by
    //! `python3 tests/centrality_reference.py` (networkx 3.6.1), which names each call and sets
    //! its parameters to the definitions below; tests/paths.rs checks a store-built graph the
    //! same way, and tests/check_centrality.py runs networkx live.

    use super::*;
    use crate::graph::{Entity, Support};

    /// For deterministic computations: networkx's values are converged far below this.
    const EXACT: f64 = 1e-6;

    /// Entities `n0`..`n{n-1}` added in order, so that node `i` is networkx's node `i`, with
    /// the facts between them (entities in no fact stay in the graph, as a store's do).
    fn graph(n: usize, facts: &[(usize, &str, usize)]) -> Projection {
        let mut projection = Projection::default();
        let nodes: Vec<_> = (0..n)
            .map(|i| {
                projection.add_entity(&Entity {
                    iri: oxigraph::model::NamedNode::new_unchecked(format!("urn:test:{i}")),
                    label: format!("n{i}"),
                    class: "Entity".into(),
                    aliases: Vec::new(),
                })
            })
            .collect();
        for (i, node) in nodes.iter().enumerate() {
            assert_eq!(node.index(), i);
        }
        for &(s, p, o) in facts {
            projection.add_relation(nodes[s], nodes[o], p, std::iter::empty::<Support>());
        }
        projection.index_entities();
        projection
    }

    /// Scores by node, and whether they were sampled; the ranking is checked on the way.
    fn scores(projection: &Projection, by: Centrality) -> (Vec<f64>, bool) {
        let (ranked, sampled) = projection.centrality(by);
        assert_eq!(ranked.len(), projection.node_count());
        assert!(
            ranked.windows(2).all(|pair| pair[0].1 >= pair[1].1),
            "not ranked highest first: {ranked:?}"
        );
        let mut by_node = vec![f64::NAN; projection.node_count()];
        for (node, score) in ranked {
            assert!(by_node[node].is_nan(), "node {node} ranked twice");
            by_node[node] = score;
        }
        (by_node, sampled)
    }

    fn assert_close(found: &[f64], expected: &[f64], tolerance: f64, what: &str) {
        assert_eq!(found.len(), expected.len(), "{what}");
        for (node, (f, e)) in found.iter().zip(expected).enumerate() {
            assert!(
                (f - e).abs() <= tolerance,
                "{what} of node {node}: {f}, networkx {e} (tolerance {tolerance})"
            );
        }
    }

    /// Node 7 states no fact and node 5 none outgoing (both dangling), 3 has a self-loop, and 0
    /// and 1 share two parallel facts one way and one back, on a square 0-1-2-3 whose other
    /// side has one fact a pair: each a thing PageRank or betweenness could count otherwise.
    const HAND: [(usize, &str, usize); 10] = [
        (0, "ownedBy", 1),
        (0, "bans", 1),
        (1, "signs", 0),
        (1, "ownedBy", 2),
        (2, "bans", 3),
        (3, "ownedBy", 0),
        (3, "ownedBy", 3),
        (2, "signs", 4),
        (4, "ownedBy", 5),
        (6, "bans", 4),
    ];

    /// `nx.pagerank(G, alpha=0.85, tol=1e-15, max_iter=10_000)` with `G` the
    /// `nx.MultiDiGraph` of [`HAND`] over nodes 0..8: every fact an edge, parallel ones and the
    /// self-loop included, and the rank of dangling nodes spread uniformly.
    const HAND_PAGE_RANK: [f64; 8] = [
        0.187666365510945,
        0.197259291064774,
        0.121578079083001,
        0.155501850418690,
        0.121495012314148,
        0.141013640847498,
        0.037742880380472,
        0.037742880380472,
    ];

    /// `nx.betweenness_centrality(S, normalized=True, endpoints=False)` with `S` the simple
    /// undirected graph of [`HAND`] (`nx.Graph(G.to_undirected())`, self-loop removed):
    /// factgraph's betweenness ignores direction and counts parallel facts once.
    const HAND_BETWEENNESS: [f64; 8] = [
        0.023809523809524,
        0.095238095238095,
        0.452380952380952,
        0.095238095238095,
        0.428571428571429,
        0.000000000000000,
        0.000000000000000,
        0.000000000000000,
    ];

    /// `[d for _, d in sorted(G.degree())]` on the same `nx.MultiDiGraph` (a self-loop counts
    /// twice).
    const HAND_DEGREE: [f64; 8] = [4.0, 4.0, 3.0, 4.0, 3.0, 1.0, 1.0, 0.0];

    /// A hub with a fact to and from each of 4 others: the walk alternates between the hub and
    /// the rest, so that the power iteration converges only as 0.85^t, the slowest it can; an
    /// iteration cap too low for 1e-6 shows here.
    fn star() -> Projection {
        let facts: Vec<_> = (1..5)
            .flat_map(|i| [(0, "ownedBy", i), (i, "controlledBy", 0)])
            .collect();
        graph(5, &facts)
    }

    /// `nx.pagerank` as for [`HAND_PAGE_RANK`], on the `nx.MultiDiGraph` of [`star`].
    const STAR_PAGE_RANK: [f64; 5] = [
        0.475675675675675,
        0.131081081081081,
        0.131081081081081,
        0.131081081081081,
        0.131081081081081,
    ];

    /// `nx.karate_club_graph().edges()`, each edge a fact from its lower node to its higher:
    /// 34 nodes where shortest paths are often several, which tests the path counts.
    const KARATE: [(usize, usize); 78] = [
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (0, 5),
        (0, 6),
        (0, 7),
        (0, 8),
        (0, 10),
        (0, 11),
        (0, 12),
        (0, 13),
        (0, 17),
        (0, 19),
        (0, 21),
        (0, 31),
        (1, 2),
        (1, 3),
        (1, 7),
        (1, 13),
        (1, 17),
        (1, 19),
        (1, 21),
        (1, 30),
        (2, 3),
        (2, 7),
        (2, 8),
        (2, 9),
        (2, 13),
        (2, 27),
        (2, 28),
        (2, 32),
        (3, 7),
        (3, 12),
        (3, 13),
        (4, 6),
        (4, 10),
        (5, 6),
        (5, 10),
        (5, 16),
        (6, 16),
        (8, 30),
        (8, 32),
        (8, 33),
        (9, 33),
        (13, 33),
        (14, 32),
        (14, 33),
        (15, 32),
        (15, 33),
        (18, 32),
        (18, 33),
        (19, 33),
        (20, 32),
        (20, 33),
        (22, 32),
        (22, 33),
        (23, 25),
        (23, 27),
        (23, 29),
        (23, 32),
        (23, 33),
        (24, 25),
        (24, 27),
        (24, 31),
        (25, 31),
        (26, 29),
        (26, 33),
        (27, 33),
        (28, 31),
        (28, 33),
        (29, 32),
        (29, 33),
        (30, 32),
        (30, 33),
        (31, 32),
        (31, 33),
        (32, 33),
    ];

    /// `nx.pagerank` as for [`HAND_PAGE_RANK`], on the `nx.MultiDiGraph` of [`KARATE`] (node
    /// 33 has no outgoing edge).
    const KARATE_PAGE_RANK: [f64; 34] = [
        0.015060494762880,
        0.015860583547158,
        0.017545770549044,
        0.019410008669879,
        0.015860583547158,
        0.015860583547158,
        0.027095163559728,
        0.024909511126345,
        0.017724821667994,
        0.016924732883716,
        0.027095163559728,
        0.015860583547158,
        0.021360086003624,
        0.024909511126345,
        0.015060494762880,
        0.015060494762880,
        0.042585215793677,
        0.017545770549044,
        0.015060494762880,
        0.017545770549044,
        0.015060494762880,
        0.017545770549044,
        0.015060494762880,
        0.015060494762880,
        0.015060494762880,
        0.021887919055386,
        0.015060494762880,
        0.023752157176222,
        0.016924732883716,
        0.024021489146794,
        0.021767714570697,
        0.045925466402631,
        0.095489335971509,
        0.259047101151284,
    ];

    /// `nx.betweenness_centrality` as for [`HAND_BETWEENNESS`], on the simple undirected graph of
    /// [`KARATE`], which is `nx.karate_club_graph()` (its edge weights unused).
    const KARATE_BETWEENNESS: [f64; 34] = [
        0.437635281385281,
        0.053936688311688,
        0.143656806156806,
        0.011909271284271,
        0.000631313131313,
        0.029987373737374,
        0.029987373737374,
        0.000000000000000,
        0.055926827801828,
        0.000847763347763,
        0.000631313131313,
        0.000000000000000,
        0.000000000000000,
        0.045863395863396,
        0.000000000000000,
        0.000000000000000,
        0.000000000000000,
        0.000000000000000,
        0.000000000000000,
        0.032475048100048,
        0.000000000000000,
        0.000000000000000,
        0.000000000000000,
        0.017613636363636,
        0.002209595959596,
        0.003840488215488,
        0.000000000000000,
        0.022333453583454,
        0.001794733044733,
        0.002922077922078,
        0.014411976911977,
        0.138275613275613,
        0.145247113997114,
        0.304074975949976,
    ];

    fn karate() -> Projection {
        let facts: Vec<_> = KARATE.iter().map(|&(u, v)| (u, "knows", v)).collect();
        graph(34, &facts)
    }

    #[test]
    fn page_rank_matches_networkx() {
        let (hand, sampled) = scores(&graph(8, &HAND), Centrality::PageRank);
        assert!(!sampled);
        assert_close(&hand, &HAND_PAGE_RANK, EXACT, "PageRank");
        let (star, _) = scores(&star(), Centrality::PageRank);
        assert_close(&star, &STAR_PAGE_RANK, EXACT, "PageRank");
        let (karate, _) = scores(&karate(), Centrality::PageRank);
        assert_close(&karate, &KARATE_PAGE_RANK, EXACT, "PageRank");
    }

    #[test]
    fn exact_betweenness_matches_networkx() {
        let (hand, sampled) = scores(&graph(8, &HAND), Centrality::Betweenness);
        assert!(!sampled);
        assert_close(&hand, &HAND_BETWEENNESS, EXACT, "betweenness");
        let (karate, sampled) = scores(&karate(), Centrality::Betweenness);
        assert!(!sampled);
        assert_close(&karate, &KARATE_BETWEENNESS, EXACT, "betweenness");
    }

    #[test]
    fn degree_matches_networkx() {
        let (hand, _) = scores(&graph(8, &HAND), Centrality::Degree);
        assert_eq!(hand, HAND_DEGREE);
    }

    /// Just above the exact limit, betweenness is estimated from evenly spaced sources. On a
    /// path, a source below `v` puts `v` on the paths to the `n - 1 - v` nodes beyond it, and
    /// a source above on the paths to the `v` nodes before: a closed form that
    /// tests/centrality_reference.py checks against `nx.betweenness_centrality_subset` on a
    /// path of 1,001 nodes (running networkx on 100,001 would take minutes).
    #[test]
    fn sampled_betweenness_on_a_long_path_matches_its_closed_form_and_estimates_the_exact() {
        let n = BETWEENNESS_EXACT_LIMIT + 1;
        let facts: Vec<_> = (1..n).map(|i| (i - 1, "next", i)).collect();
        let (found, sampled) = scores(&graph(n, &facts), Centrality::Betweenness);
        assert!(sampled, "a graph above the limit is sampled");
        let k = BETWEENNESS_SAMPLE;
        let sources: Vec<usize> = (0..k).map(|i| i * n / k).collect();
        let pairs = ((n - 1) * (n - 2)) as f64;
        let mut worst_error = 0.0f64;
        for (v, &score) in found.iter().enumerate() {
            let below = sources.partition_point(|&s| s < v);
            let above = k - sources.partition_point(|&s| s <= v);
            let dependency = (below * (n - 1 - v) + above * v) as f64;
            let expected = (n as f64 / k as f64) * dependency / pairs;
            assert!(
                (score - expected).abs() <= EXACT,
                "node {v}: {score}, expected {expected} from sources {below} below and {above} above"
            );
            let exact = 2.0 * (v * (n - 1 - v)) as f64 / pairs;
            worst_error = worst_error.max((score - exact).abs());
        }
        // A node has each side's share of the sources to within one, and one source more or
        // less moves its estimate by at most (n / k) (n - 1) / ((n - 1)(n - 2)), about 1 / k.
        let bound = 2.0 / k as f64;
        assert!(
            worst_error <= bound,
            "sampled betweenness is {worst_error} off the exact, more than {bound}"
        );
    }
}
