//! RDF exports: the quads of a store as they are (all of them, or one article's graph), or
//! what a CONSTRUCT query builds of them.

use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use super::{Destination, Error};
use crate::remote::{Part, Source};

/// Writes what `construct` builds, else `article`'s graph, else every graph (formats without
/// graphs hold one: the merged default graph).
pub(super) fn write_rdf(
    source: &Source,
    format: RdfFormat,
    construct: Option<&str>,
    article: Option<&NamedNode>,
    to: &mut Destination<'_>,
) -> Result<(), Error> {
    if let Some(sparql) = construct {
        return to.write(|out| Ok(source.write_constructed(sparql, format, out)?));
    }
    // A remote store is not asked first: an article it lacks gives an empty export.
    if let (Some(article), Some(store)) = (article, source.store()) {
        if !store.articles()?.contains(article) {
            return Err(Error::NoArticle(article.clone()));
        }
    }
    let part = match (article, format.supports_datasets()) {
        (Some(article), _) => Part::Graph(article),
        (None, false) => Part::DefaultGraph,
        (None, true) => Part::Everything,
    };
    to.write(|out| Ok(source.dump(format, part, out)?))
}
