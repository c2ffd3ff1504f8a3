//! Paths and neighbourhoods as answers: plain data that serializes to the JSON the command line
//! and the HTTP API give, and that the command line also prints for people.
//!
//! JSON objects list their keys in alphabetical order (as a `serde_json` map writes them), so
//! the fields of each answer are declared in that order.

use serde::Serialize;

use super::{
    Component, EdgeId, NeighborsAnswer, NodeId, Path, PathAnswer, PathQuery, PathSupport,
    Projection, Support,
};
use crate::ontology::NAMESPACE;

/// An entity as answers name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EntityReport<'a> {
    pub class: &'a str,
    pub iri: &'a str,
    pub label: &'a str,
}

/// An entity of a neighbourhood, with its distance in hops from the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NeighborReport<'a> {
    pub class: &'a str,
    pub distance: usize,
    pub iri: &'a str,
    pub label: &'a str,
}

/// An article that states a fact, with what it says of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedReport<'a> {
    pub confidence: f64,
    pub evidence: Option<&'a str>,
    pub id: &'a str,
    pub iri: &'a str,
    pub published: Option<&'a str>,
}

/// An article by its id and IRI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ArticleReport<'a> {
    pub id: &'a str,
    pub iri: &'a str,
}

/// A fact of a neighbourhood and the articles (within the date window) that state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactReport<'a> {
    pub articles: Vec<StatedReport<'a>>,
    /// The highest confidence any of the articles gives it.
    pub confidence: Option<f64>,
    pub object: &'a str,
    pub predicate: &'a str,
    pub predicate_iri: String,
    pub subject: &'a str,
}

/// A hop of a path: its fact, and the direction the path walks it in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HopReport<'a> {
    pub articles: Vec<StatedReport<'a>>,
    pub confidence: Option<f64>,
    /// `forward` from subject to object, `backward` from object to subject.
    pub direction: &'static str,
    pub from: EntityReport<'a>,
    pub object: &'a str,
    pub predicate: &'a str,
    pub predicate_iri: String,
    pub subject: &'a str,
    pub to: EntityReport<'a>,
}

/// A hop along a membership fact into a large container (see `explain.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeakLinkReport<'a> {
    pub container: EntityReport<'a>,
    pub members: usize,
    pub predicate: &'a str,
    /// The hop's place in the path, from 1.
    pub step: usize,
}

/// A path with what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathReport<'a> {
    pub broken_without: Vec<ArticleReport<'a>>,
    pub chain: String,
    pub cost: f64,
    pub hops: Vec<HopReport<'a>>,
    pub nodes: Vec<EntityReport<'a>>,
    pub passes_hub: bool,
    pub weak_links: Vec<WeakLinkReport<'a>>,
    pub weakest_hop_articles: usize,
}

/// A path answer as `path --json` and `GET /api/path` give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathAnswerReport<'a> {
    /// Articles whose removal alone leaves no path of the answer.
    pub broken_without: Vec<ArticleReport<'a>>,
    pub paths: Vec<PathReport<'a>>,
    pub weight: &'static str,
}

/// An ego network as `neighbors --json` and `GET /api/neighbors` give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeighborhoodReport<'a> {
    pub edges: Vec<FactReport<'a>>,
    pub nodes: Vec<NeighborReport<'a>>,
    /// Whether the walk stopped at its limit of facts.
    pub truncated: bool,
}

/// An entity and its centrality score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RankedReport<'a> {
    pub class: &'a str,
    pub iri: &'a str,
    pub label: &'a str,
    pub score: f64,
}

/// The most central entities as `central --json` gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralityReport<'a> {
    pub entities: Vec<RankedReport<'a>>,
    /// Whether betweenness was estimated from a sample of source entities.
    pub sampled: bool,
}

/// The largest components (each by its entities' IRIs) as `components --json` gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentsReport<'a> {
    pub components: Vec<Vec<&'a str>>,
    /// How many components the graph has, listed or not.
    pub count: usize,
}

impl Projection {
    /// `A —p→ B ←q— C`: each hop in its true direction.
    pub fn chain(&self, path: &Path) -> String {
        let mut text = self.entity(path.nodes[0]).label.to_owned();
        for hop in &path.hops {
            let predicate = &self.relation(hop.edge).predicate;
            let arrow = if hop.forward {
                format!(" —{predicate}→ ")
            } else {
                format!(" ←{predicate}— ")
            };
            text.push_str(&arrow);
            text.push_str(self.entity(hop.to).label);
        }
        text
    }

    pub fn entity_report(&self, node: NodeId) -> EntityReport<'_> {
        let entity = self.entity(node);
        EntityReport {
            class: entity.class,
            iri: entity.iri.as_str(),
            label: entity.label,
        }
    }

    /// The articles that state an edge within the query's date window.
    fn stated_reports<'a>(&'a self, edge: EdgeId, query: &PathQuery) -> Vec<StatedReport<'a>> {
        self.supports_in_window(edge, query)
            .map(|support| {
                let article = self.article(support.article);
                StatedReport {
                    confidence: support.confidence(),
                    evidence: self.evidence(support),
                    id: article.id,
                    iri: article.iri.as_str(),
                    published: article.published,
                }
            })
            .collect()
    }

    pub fn fact_report<'a>(&'a self, edge: EdgeId, query: &PathQuery) -> FactReport<'a> {
        let (subject, object) = self.endpoints(edge);
        let predicate = self.relation(edge).predicate;
        let articles = self.stated_reports(edge, query);
        FactReport {
            confidence: highest_confidence(&articles),
            articles,
            object: self.entity(object).iri.as_str(),
            predicate,
            predicate_iri: format!("{NAMESPACE}{predicate}"),
            subject: self.entity(subject).iri.as_str(),
        }
    }

    /// A path and what it rests on, under the query it was found with.
    pub fn path_report<'a>(
        &'a self,
        path: &Path,
        support: &PathSupport,
        query: &PathQuery,
    ) -> PathReport<'a> {
        let hops = path
            .hops
            .iter()
            .map(|hop| {
                let fact = self.fact_report(hop.edge, query);
                HopReport {
                    articles: fact.articles,
                    confidence: fact.confidence,
                    direction: if hop.forward { "forward" } else { "backward" },
                    from: self.entity_report(hop.from),
                    object: fact.object,
                    predicate: fact.predicate,
                    predicate_iri: fact.predicate_iri,
                    subject: fact.subject,
                    to: self.entity_report(hop.to),
                }
            })
            .collect();
        let weak_links: Vec<WeakLinkReport<'_>> = support
            .weak_links
            .iter()
            .map(|weak| WeakLinkReport {
                container: self.entity_report(weak.container),
                members: weak.members,
                predicate: self.relation(path.hops[weak.step].edge).predicate,
                step: weak.step + 1,
            })
            .collect();
        PathReport {
            broken_without: self.article_reports(&support.broken_without),
            chain: self.chain(path),
            cost: self.weight(path, query),
            hops,
            nodes: path.nodes.iter().map(|n| self.entity_report(*n)).collect(),
            passes_hub: !weak_links.is_empty(),
            weak_links,
            weakest_hop_articles: support.weakest_hop_articles,
        }
    }

    /// Each path of an answer with its weak links and what it rests on (see `explain.rs`).
    pub fn path_answer_report<'a>(&'a self, answer: &PathAnswer) -> PathAnswerReport<'a> {
        PathAnswerReport {
            broken_without: self.article_reports(&answer.broken_without),
            paths: answer
                .paths
                .iter()
                .zip(&answer.supports)
                .map(|(path, support)| self.path_report(path, support, &answer.query))
                .collect(),
            weight: answer.query.weight.name(),
        }
    }

    fn article_reports(&self, articles: &[u32]) -> Vec<ArticleReport<'_>> {
        articles
            .iter()
            .map(|&number| {
                let article = self.article(number);
                ArticleReport {
                    id: article.id,
                    iri: article.iri.as_str(),
                }
            })
            .collect()
    }

    /// The ego network as `neighbors --json` gives it.
    pub fn neighborhood_report(&self, answer: &NeighborsAnswer) -> NeighborhoodReport<'_> {
        NeighborhoodReport {
            edges: answer
                .edges
                .iter()
                .map(|e| self.fact_report(*e, &answer.query))
                .collect(),
            nodes: answer
                .nodes
                .iter()
                .map(|&(node, distance)| {
                    let entity = self.entity_report(node);
                    NeighborReport {
                        class: entity.class,
                        distance,
                        iri: entity.iri,
                        label: entity.label,
                    }
                })
                .collect(),
            truncated: answer.truncated,
        }
    }
}

impl Projection {
    /// Ranked entities as [`Projection::centrality`] gives them.
    pub fn centrality_report(
        &self,
        ranked: &[(NodeId, f64)],
        sampled: bool,
    ) -> CentralityReport<'_> {
        CentralityReport {
            entities: ranked
                .iter()
                .map(|&(node, score)| {
                    let entity = self.entity_report(node);
                    RankedReport {
                        class: entity.class,
                        iri: entity.iri,
                        label: entity.label,
                        score,
                    }
                })
                .collect(),
            sampled,
        }
    }

    /// The first `top` of all the `components`.
    pub fn components_report(&self, components: &[Component], top: usize) -> ComponentsReport<'_> {
        ComponentsReport {
            components: components
                .iter()
                .take(top)
                .map(|c| {
                    c.nodes
                        .iter()
                        .map(|n| self.entity(*n).iri.as_str())
                        .collect()
                })
                .collect(),
            count: components.len(),
        }
    }
}

fn highest_confidence(articles: &[StatedReport<'_>]) -> Option<f64> {
    articles
        .iter()
        .map(|article| article.confidence)
        .reduce(f64::max)
}

/// The support to quote for a fact: the most confident one that has evidence, else the most
/// confident.
pub fn best_support<'a>(supports: impl IntoIterator<Item = &'a Support>) -> Option<&'a Support> {
    supports.into_iter().max_by(|a, b| {
        a.evidence
            .is_some()
            .cmp(&b.evidence.is_some())
            .then(a.confidence.total_cmp(&b.confidence))
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ingest_sheets, sheet_versions};
    use super::*;
    use crate::graph::{Centrality, NeighborsRequest, PathRequest};
    use crate::ingest::Input;
    use crate::ontology::Ontology;
    use crate::store::Store;

    /// Answers were once built as `serde_json` maps, which order their keys: a field declared
    /// out of that order would change the bytes every caller reads.
    fn assert_keys_in_order(answer: &impl Serialize) {
        let as_declared = serde_json::to_string_pretty(answer).expect("json");
        let as_map = serde_json::to_value(answer).expect("json");
        assert_eq!(
            as_declared,
            serde_json::to_string_pretty(&as_map).expect("json")
        );
    }

    #[test]
    fn answers_list_their_keys_in_alphabetical_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let sheets = sheet_versions()
            .into_iter()
            .map(|(name, [whole, _])| Input::Memory { name, bytes: whole })
            .collect();
        ingest_sheets(&store, sheets);
        let ontology = Ontology::embedded().expect("ontology");
        let projection = Projection::from_store(&store, ontology).expect("projection");
        let (subject, object) = projection.endpoints(0);
        let iri = |node| projection.entity(node).iri.as_str().to_owned();

        let request = NeighborsRequest {
            name: iri(subject),
            hops: 2,
            limit: usize::MAX,
            filter: Default::default(),
        };
        let neighbors = projection
            .answer_neighbors(&request, ontology)
            .expect("neighbors");
        assert!(!neighbors.edges.is_empty());
        assert_keys_in_order(&projection.neighborhood_report(&neighbors));

        let mut request = PathRequest::new(iri(subject), iri(object));
        request.k = 3;
        let paths = projection.answer_path(&request, ontology).expect("paths");
        assert!(!paths.paths.is_empty());
        assert_keys_in_order(&projection.path_answer_report(&paths));

        let (ranked, sampled) = projection.centrality(Centrality::Degree);
        assert_keys_in_order(&projection.centrality_report(&ranked[..3], sampled));
        assert_keys_in_order(&projection.components_report(&projection.components(), 3));
    }
}
