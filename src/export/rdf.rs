//! RDF exports: the quads of a store as they are (all of them, the default graph, or one named
//! graph), or what a CONSTRUCT query builds of them.

use oxigraph::model::NamedNode;

use super::{Destination, Error, Format};
use crate::remote::{Part, Source};

/// Writes `part` of the quads of `source` in `format`, one of the RDF formats, whole or not at
/// all where `to` is a path. The one way the store's quads leave as RDF: `factgraph export` and
/// the server's Graph Store protocol both come here.
pub fn write_quads(
    source: &Source,
    format: Format,
    part: Part<'_>,
    mut to: Destination<'_>,
) -> Result<(), Error> {
    let rdf = format.rdf().ok_or(Error::NotRdf(format))?;
    to.write(|out| Ok(source.dump(rdf, part, out)?))
}

/// Writes what `construct` builds, else `article`'s graph, else every graph (formats without
/// graphs hold one: the merged default graph).
pub(super) fn write_rdf(
    source: &Source,
    format: Format,
    construct: Option<&str>,
    article: Option<&NamedNode>,
    mut to: Destination<'_>,
) -> Result<(), Error> {
    let rdf = format.rdf().ok_or(Error::NotRdf(format))?;
    if let Some(sparql) = construct {
        return to.write(|out| Ok(source.write_constructed(sparql, rdf, out)?));
    }
    // A remote store is not asked first: an article it lacks gives an empty export.
    if let (Some(article), Some(store)) = (article, source.store()) {
        if !store.articles()?.contains(article) {
            return Err(Error::NoArticle(article.clone()));
        }
    }
    let part = match (article, rdf.supports_datasets()) {
        (Some(article), _) => Part::Graph(article),
        (None, false) => Part::DefaultGraph,
        (None, true) => Part::Everything,
    };
    write_quads(source, format, part, to)
}
