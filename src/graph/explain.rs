//! What a path answer rests on: the hubs it still passes, and how many articles hold it up.
//!
//! Robustness, as answers report it:
//! - a path's *weakest hop* is the hop whose fact the fewest distinct articles state (within
//!   the search's date window);
//! - removing an article *breaks* a path when some hop of the path is stated by that article
//!   alone: without it, the hop's fact would not be in the graph, and neither would the path;
//! - removing an article breaks an *answer* when it breaks every path of the answer. An
//!   answer no single article breaks is robust to any one article being withdrawn.
//!
//! A fact no article states (a graph built from bare facts) is broken by no removal.

use std::collections::BTreeSet;

use super::{NodeId, Path, PathQuery, Projection};

/// A hop of a path along a membership fact into a large container (see `hubs.rs`) that the path
/// passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeakLink {
    /// The hop's place in the path, from 0.
    pub step: usize,
    pub container: NodeId,
    /// Distinct entities that are members of the container.
    pub members: usize,
}

/// What one path rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathSupport {
    pub weak_links: Vec<WeakLink>,
    /// Distinct articles behind the hop the fewest state (0 for a path of no hop).
    pub weakest_hop_articles: usize,
    /// Articles (by number) whose removal alone breaks the path, in order.
    pub broken_without: Vec<u32>,
}

impl Projection {
    /// The weak links of a path and the articles it rests on, under the query's date window.
    pub fn path_support(&self, path: &Path, query: &PathQuery) -> PathSupport {
        let hubs = self.hubs();
        let weak_links = path
            .hops
            .iter()
            .enumerate()
            .filter_map(|(step, hop)| {
                let container = hubs.weak_container(self, hop.edge)?;
                // A path to or from a container is about it, and passes through no hub.
                if container == path.nodes[0] || Some(&container) == path.nodes.last() {
                    return None;
                }
                Some(WeakLink {
                    step,
                    container,
                    members: hubs.members(container),
                })
            })
            .collect();
        let mut weakest_hop_articles = usize::MAX;
        let mut broken_without = BTreeSet::new();
        for hop in &path.hops {
            let articles: BTreeSet<u32> = self
                .supports_in_window(hop.edge, query)
                .map(|support| support.article)
                .collect();
            weakest_hop_articles = weakest_hop_articles.min(articles.len());
            if let [only] = articles.iter().copied().collect::<Vec<_>>()[..] {
                broken_without.insert(only);
            }
        }
        PathSupport {
            weak_links,
            weakest_hop_articles: if path.hops.is_empty() {
                0
            } else {
                weakest_hop_articles
            },
            broken_without: broken_without.into_iter().collect(),
        }
    }
}

/// The articles whose removal alone breaks every one of the paths: those that break each.
/// None when there is no path (nothing to break).
pub fn answer_broken_without(supports: &[PathSupport]) -> Vec<u32> {
    let Some((first, rest)) = supports.split_first() else {
        return Vec::new();
    };
    first
        .broken_without
        .iter()
        .copied()
        .filter(|article| {
            rest.iter()
                .all(|other| other.broken_without.binary_search(article).is_ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Hop, Quote, Support};
    use petgraph::graph::NodeIndex;

    /// A–B stated by articles 1 and 2, B–C by 2 alone, A–D by 1 and 3, D–C by 3 alone.
    fn two_routes() -> Projection {
        let support = |article| Support {
            article,
            confidence: 1.0,
            evidence: Quote::NONE,
        };
        let mut projection = Projection::default();
        let nodes: Vec<NodeIndex> = ["A", "B", "C", "D"]
            .into_iter()
            .map(|name| {
                projection.add_entity(&crate::graph::Entity {
                    iri: oxigraph::model::NamedNode::new_unchecked(format!("urn:test:{name}")),
                    label: name.to_owned(),
                    class: "Entity".into(),
                    aliases: Vec::new(),
                })
            })
            .collect();
        let [a, b, c, d] = nodes[..] else {
            unreachable!("four entities")
        };
        projection.add_relation(a, b, "bans", [support(1), support(2)]);
        projection.add_relation(b, c, "bans", [support(2)]);
        projection.add_relation(a, d, "bans", [support(1), support(3)]);
        projection.add_relation(d, c, "bans", [support(3)]);
        projection.index_entities();
        projection
    }

    fn path(projection: &Projection, names: &str) -> Path {
        let nodes: Vec<usize> = names
            .chars()
            .map(|c| projection.lookup(&c.to_string()).unwrap())
            .collect();
        let hops = nodes
            .windows(2)
            .map(|pair| {
                let edge = (0..projection.edge_count())
                    .find(|&e| {
                        let ends = projection.endpoints(e);
                        ends == (pair[0], pair[1]) || ends == (pair[1], pair[0])
                    })
                    .unwrap();
                Hop {
                    edge,
                    from: pair[0],
                    to: pair[1],
                    forward: projection.endpoints(edge).0 == pair[0],
                }
            })
            .collect();
        Path {
            nodes,
            hops,
            cost: 0.0,
        }
    }

    #[test]
    fn a_path_breaks_without_an_article_that_alone_states_one_of_its_hops() {
        let projection = two_routes();
        let query = PathQuery::default();
        let abc = projection.path_support(&path(&projection, "ABC"), &query);
        assert_eq!(abc.weakest_hop_articles, 1);
        assert_eq!(abc.broken_without, [2]);
        let adc = projection.path_support(&path(&projection, "ADC"), &query);
        assert_eq!(adc.broken_without, [3]);
        // Either route survives the other's article: together, no one article breaks them.
        assert_eq!(answer_broken_without(&[abc.clone(), adc]), [] as [u32; 0]);
        assert_eq!(answer_broken_without(&[abc]), [2]);
        let ab = projection.path_support(&path(&projection, "AB"), &query);
        assert_eq!(ab.weakest_hop_articles, 2);
        assert!(ab.broken_without.is_empty());
        assert!(answer_broken_without(&[]).is_empty());
    }

    #[test]
    fn weak_links_name_their_container_and_its_members() {
        let mut facts = vec![
            ("Joe Biden", "accuses", "Vladimir Putin"),
            ("Vladimir Putin", "basedIn", "Russia"),
            ("Sberbank", "basedIn", "Russia"),
        ];
        for member in ["Gazprom", "Rosneft", "VTB"] {
            facts.push((member, "basedIn", "Russia"));
        }
        let projection = Projection::from_facts(facts);
        let (biden, sberbank, russia) = (
            projection.lookup("Joe Biden").unwrap(),
            projection.lookup("Sberbank").unwrap(),
            projection.lookup("Russia").unwrap(),
        );
        let found = projection
            .shortest_path(biden, sberbank, &PathQuery::default())
            .unwrap();
        let support = projection.path_support(&found, &PathQuery::default());
        let weak: Vec<(usize, usize, usize)> = support
            .weak_links
            .iter()
            .map(|w| (w.step, w.container, w.members))
            .collect();
        assert_eq!(weak, [(1, russia, 5), (2, russia, 5)]);
        // Bare facts: no article states them, none breaks them.
        assert_eq!(support.weakest_hop_articles, 0);
        assert!(support.broken_without.is_empty());
    }
}
