use std::io::Write;
use std::process::ExitCode;

use super::graph::edge_filter;
use super::{article_iri, open_source, refuse};
use crate::cli::args::{ExportArgs, GlobalArgs};
use crate::export::{self, Destination, Kind, SliceRequest};
use crate::graph::PathQuery;
use crate::ontology::Ontology;

pub(super) fn export(
    global: &GlobalArgs,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let article = args
        .article
        .as_deref()
        .map(|a| article_iri(global, a))
        .transpose()?;
    let rdf = matches!(args.format.kind(), Kind::Rdf(_));
    // Checked before the store is opened. A remote export of RDF has always left these flags
    // unread, so only a local one is refused them.
    if rdf && args.query.is_none() && global.remote.is_none() && slices(args) {
        return Err(refuse(
            "--around, --path, --class, --predicate, --via, --not-via, --since, --until, --directed and --orphans slice the entity graph: use them with graphml, gexf, dot, cyjs or neo4j",
            "for an RDF slice, use --article or `factgraph query` with a CONSTRUCT",
        ));
    }
    let ontology = Ontology::embedded()?;
    let walk = if rdf {
        PathQuery::default()
    } else {
        edge_filter(&args.filter).to_query(ontology)?
    };
    let slice = SliceRequest {
        around: args.around.clone(),
        hops: args.hops,
        path: match args.path.as_slice() {
            [from, to] => Some((from.clone(), to.clone())),
            _ => None,
        },
        classes: args.class.clone(),
        predicates: args.predicate.clone(),
        article,
        orphans: args.orphans,
    };
    let request = export::Request {
        format: args.format,
        construct: args.query.as_deref(),
        slice: &slice,
        walk: &walk,
    };
    let to = if args.output.as_os_str() == "-" {
        Destination::Stream(out)
    } else {
        Destination::Path(&args.output)
    };
    export::write(&open_source(global)?, ontology, &request, to)?;
    Ok(ExitCode::SUCCESS)
}

/// Whether any flag that slices the entity graph is given.
fn slices(args: &ExportArgs) -> bool {
    let filter = &args.filter;
    args.around.is_some()
        || !args.path.is_empty()
        || !args.class.is_empty()
        || !args.predicate.is_empty()
        || !filter.via.is_empty()
        || !filter.not_via.is_empty()
        || filter.since.is_some()
        || filter.until.is_some()
        || filter.directed
        || args.orphans
}
