//! Which part of the entity graph an export holds, asked for in plain terms (the slicing flags
//! of `factgraph export`), so that any caller can slice, not only the command line.

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};

use super::{Error, Slice};
use crate::graph::{PathQuery, Projection};

/// The part of the entity graph to export. Without `around` or `path` (and without the
/// triples of a CONSTRUCT query), the whole graph; the other fields narrow that down.
#[derive(Debug, Clone)]
pub struct SliceRequest {
    /// Only the entities within `hops` of this one (a name, an alias or an IRI), and the facts
    /// between them.
    pub around: Option<String>,
    pub hops: usize,
    /// Only the shortest path between two entities.
    pub path: Option<(String, String)>,
    /// Only entities of these classes (or their sub-classes); empty keeps every class.
    pub classes: Vec<String>,
    /// Only facts with these predicates; empty keeps every predicate.
    pub predicates: Vec<String>,
    /// Only what this article states.
    pub article: Option<NamedNode>,
    /// Also the entities that take part in no fact of the slice.
    pub orphans: bool,
}

impl Slice {
    /// The slice `request` asks for, of the facts a search with `query` may walk;
    /// `constructed`, the triples of a CONSTRUCT query, stands for `around` and `path`.
    pub fn requested(
        projection: &Projection,
        request: &SliceRequest,
        constructed: Option<&[Triple]>,
        query: &PathQuery,
    ) -> Result<Self, Error> {
        let mut slice = if let Some(triples) = constructed {
            let edges = triples
                .iter()
                .filter_map(|t| match (&t.subject, &t.object) {
                    (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) => {
                        projection.edge_between(s.as_str(), t.predicate.as_str(), o.as_str())
                    }
                    _ => None,
                });
            Self::from_edges(projection, edges.collect::<Vec<_>>(), &[])
        } else if let Some(center) = &request.around {
            let center = projection.lookup(center)?;
            let (_, edges, _) = projection.neighbors(center, request.hops, usize::MAX, query);
            Self::from_edges(projection, edges, &[center])
        } else if let Some((from, to)) = &request.path {
            let (from, to) = (projection.lookup(from)?, projection.lookup(to)?);
            let Some(path) = projection.shortest_path(from, to, query) else {
                return Err(Error::NoPath {
                    from: projection.entity(from).label.to_owned(),
                    to: projection.entity(to).label.to_owned(),
                });
            };
            Self::from_edges(projection, path.hops.iter().map(|h| h.edge), &path.nodes)
        } else {
            Self::whole(projection)
        };
        if let Some(article) = &request.article {
            let stated = slice.edges.iter().copied().filter(|e| {
                projection
                    .relation(*e)
                    .supports
                    .iter()
                    .any(|s| projection.article(s.article).iri == *article)
            });
            slice = Self::from_edges(projection, stated.collect::<Vec<_>>(), &[]);
        }
        let slice = slice
            .filter(projection, &request.classes, &request.predicates)
            .within(projection, query);
        Ok(if request.orphans {
            slice
        } else {
            slice.without_orphans(projection)
        })
    }
}
