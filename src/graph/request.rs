//! Searches as callers state them, with names rather than node ids: the one place where the
//! command line and the HTTP API check their flags and turn them into searches, so both accept
//! the same things and answer in the same JSON (see `report.rs`).

use super::{
    EdgeId, Error, NodeId, Path, PathQuery, PathSupport, Projection, Weight, answer_broken_without,
};
use crate::model::Date;
use crate::ontology::{Ontology, PropertyKind};
use crate::text::suggestion;

/// Most paths a k-shortest search from the network (the HTTP API, SPARQL) may ask for: each
/// path is a search of its own.
pub const MAX_K: usize = 50;

/// Which facts a search may walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeFilter {
    /// Only these predicates (local names); empty means all.
    pub via: Vec<String>,
    pub not_via: Vec<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    pub directed: bool,
}

impl EdgeFilter {
    /// Checks predicates against the ontology and dates for their form.
    pub fn to_query(&self, ontology: &Ontology) -> Result<PathQuery, Error> {
        let relations: Vec<&str> = ontology
            .properties()
            .filter(|p| p.kind == PropertyKind::Relation)
            .map(|p| p.name.as_str())
            .collect();
        for predicate in self.via.iter().chain(&self.not_via) {
            if !relations.contains(&predicate.as_str()) {
                return Err(Error::invalid(
                    format!("unknown relation `{predicate}` in via/not-via"),
                    suggestion(predicate, &relations, "relations"),
                ));
            }
        }
        let date = |text: &Option<String>| {
            text.as_deref().map(Date::parse).transpose().map_err(|err| {
                Error::invalid(format!("{err} for since/until"), "dates are YYYY-MM-DD")
            })
        };
        let (since, until) = (date(&self.since)?, date(&self.until)?);
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                return Err(Error::invalid(
                    format!("since {since} is after until {until}: no article lies in that window"),
                    "swap the two dates",
                ));
            }
        }
        Ok(PathQuery {
            directed: self.directed,
            via: (!self.via.is_empty()).then(|| self.via.clone()),
            not_via: self.not_via.clone(),
            avoid: Vec::new(),
            since,
            until,
            weight: Weight::default(),
        })
    }
}

/// "How is FROM connected to TO?"
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRequest {
    pub from: String,
    pub to: String,
    /// The k shortest loopless paths (default 1); ignored with `all`.
    pub k: usize,
    /// Every simple path of at most `max_hops` hops, at most `limit` of them.
    pub all: bool,
    pub max_hops: usize,
    pub limit: usize,
    /// Names of entities no path may pass through.
    pub avoid: Vec<String>,
    pub weight: Weight,
    pub filter: EdgeFilter,
}

impl PathRequest {
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            k: 1,
            all: false,
            max_hops: 4,
            limit: 100,
            avoid: Vec::new(),
            weight: Weight::default(),
            filter: EdgeFilter::default(),
        }
    }
}

/// What a path search found; no paths is an answer, not an error.
#[derive(Debug, Clone)]
pub struct PathAnswer {
    pub from: NodeId,
    pub to: NodeId,
    pub paths: Vec<Path>,
    /// The search as run, for reporting each hop's articles within its date window.
    pub query: PathQuery,
    /// By path: its weak links and the articles it rests on.
    pub supports: Vec<PathSupport>,
    /// Articles (by number) whose removal alone leaves no path of the answer.
    pub broken_without: Vec<u32>,
}

/// Entities within `hops` of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighborsRequest {
    pub name: String,
    pub hops: usize,
    /// Most facts to return; the walk stops there, nearest first.
    pub limit: usize,
    pub filter: EdgeFilter,
}

/// The ego network a [`NeighborsRequest`] found.
#[derive(Debug, Clone)]
pub struct NeighborsAnswer {
    pub center: NodeId,
    /// Entities with their distance in hops, the center first.
    pub nodes: Vec<(NodeId, usize)>,
    pub edges: Vec<EdgeId>,
    /// Whether the walk stopped at the request's limit.
    pub truncated: bool,
    /// The search as run, for counting each edge's articles within its date window.
    pub query: PathQuery,
}

impl Projection {
    /// Resolves the names, checks the filters and runs the search.
    pub fn answer_path(
        &self,
        request: &PathRequest,
        ontology: &Ontology,
    ) -> Result<PathAnswer, Error> {
        let mut query = request.filter.to_query(ontology)?;
        query.weight = request.weight;
        let from = self.lookup(&request.from)?;
        let to = self.lookup(&request.to)?;
        for name in &request.avoid {
            let avoided = self.lookup(name)?;
            if avoided == from || avoided == to {
                return Err(Error::invalid(
                    format!("`{name}` is an end of the path and cannot be avoided"),
                    "avoid only entities a path would pass through",
                ));
            }
            query.avoid.push(avoided);
        }
        let paths = if request.all {
            self.all_paths(from, to, request.max_hops, request.limit, &query)
        } else {
            self.k_shortest_paths(from, to, request.k.max(1), &query)
        };
        let supports: Vec<PathSupport> = paths
            .iter()
            .map(|path| self.path_support(path, &query))
            .collect();
        Ok(PathAnswer {
            from,
            to,
            broken_without: answer_broken_without(&supports),
            paths,
            query,
            supports,
        })
    }

    /// Resolves the name, checks the filters and walks the ego network.
    pub fn answer_neighbors(
        &self,
        request: &NeighborsRequest,
        ontology: &Ontology,
    ) -> Result<NeighborsAnswer, Error> {
        let query = request.filter.to_query(ontology)?;
        let center = self.lookup(&request.name)?;
        let (nodes, edges, truncated) = self.neighbors(center, request.hops, request.limit, &query);
        Ok(NeighborsAnswer {
            center,
            nodes,
            edges,
            truncated,
            query,
        })
    }
}
