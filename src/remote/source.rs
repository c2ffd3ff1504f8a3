//! Where reads go: the store on disk, or another store's SPARQL endpoint (`--remote`). One
//! type, so that every command that reads treats both alike and none decides between them.

use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Triple};

use super::{Error, Remote, quads, with_prefixes};
use crate::graph::{Projection, with_path_service};
use crate::ontology::Ontology;
use crate::store::{
    Answer, ParsedQuery, QueryKind, QueryLimits, QueryOutput, Store, read_results, serializer,
};

/// A store to read from.
pub enum Source {
    Local(Store),
    /// The SPARQL query endpoint of another store, and the client that reaches it.
    Remote {
        remote: Remote,
        endpoint: String,
    },
}

/// Which quads an RDF dump holds.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// The default graph and every named graph (a format without graphs merges them).
    Everything,
    DefaultGraph,
    Graph(&'a NamedNode),
}

impl Source {
    /// The store at `path`, which must exist already.
    pub fn local(path: &Path) -> Result<Self, Error> {
        Ok(Self::Local(Store::open_existing(path)?))
    }

    pub fn remote(remote: Remote, endpoint: impl Into<String>) -> Self {
        Self::Remote {
            remote,
            endpoint: endpoint.into(),
        }
    }

    /// The entity graph: the local store's (saved beside it, or built), or one built from every
    /// quad of the remote store, streamed from one query.
    pub fn projection(&self, ontology: &Ontology) -> Result<Projection, Error> {
        match self {
            Self::Local(store) => Ok(Projection::from_store(store, ontology)?),
            Self::Remote { remote, endpoint } => {
                Projection::from_quads(quads(remote, endpoint)?, ontology)
            }
        }
    }

    /// Runs a query and writes its answer in `solutions` (SELECT, ASK) or `graph` (CONSTRUCT,
    /// DESCRIBE); answers asked for as [`QueryOutput::Rows`] are returned instead. The local
    /// store knows the path service and keeps to `limits`; a remote store keeps to its own.
    pub fn query(
        &self,
        sparql: &str,
        limits: &QueryLimits,
        solutions: QueryOutput,
        graph: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<Option<Answer>, Error> {
        let (remote, endpoint) = match self {
            Self::Local(store) => {
                let service_store = store.clone();
                return Ok(store.query_with(
                    sparql,
                    |evaluator| with_path_service(evaluator, service_store),
                    limits,
                    solutions,
                    graph,
                    out,
                )?);
            }
            Self::Remote { remote, endpoint } => (remote, endpoint),
        };
        // Parsed here too: a syntax error is reported with its place before anything is sent.
        let kind = ParsedQuery::parse(sparql)?.kind();
        let wanted = if kind == QueryKind::Graph {
            graph
        } else {
            solutions
        };
        let accept = match wanted {
            QueryOutput::Rows => "application/sparql-results+json",
            QueryOutput::Results(format) => format.media_type(),
            QueryOutput::Graph(format) => format.media_type(),
        };
        if matches!(
            (kind, wanted),
            (
                QueryKind::Graph,
                QueryOutput::Rows | QueryOutput::Results(_)
            ) | (
                QueryKind::Solutions | QueryKind::Boolean,
                QueryOutput::Graph(_)
            )
        ) {
            return Err(Error::Invalid(
                "that --format does not fit this query: SELECT and ASK give results (table, json, xml, csv, tsv), CONSTRUCT and DESCRIBE graphs (turtle, ntriples, nquads, trig, rdfxml)".into(),
            ));
        }
        let mut reader = remote
            .query(endpoint, &with_prefixes(sparql), accept)?
            .into_reader();
        if wanted == QueryOutput::Rows {
            return Ok(Some(read_results(&mut reader)?));
        }
        std::io::copy(&mut reader, out)?;
        Ok(None)
    }

    /// The triples a CONSTRUCT or DESCRIBE query builds.
    pub fn construct(&self, sparql: &str) -> Result<Vec<Triple>, Error> {
        match self {
            Self::Local(store) => Ok(store.construct(sparql)?),
            Self::Remote { remote, endpoint } => {
                let body =
                    remote.query(endpoint, &with_prefixes(sparql), "application/n-triples")?;
                RdfParser::from_format(RdfFormat::NTriples)
                    .for_reader(body.into_reader())
                    .map(|quad| quad.map(Triple::from))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|source| Error::UnreadableConstruct {
                        endpoint: endpoint.clone(),
                        source,
                    })
            }
        }
    }

    /// Writes what a CONSTRUCT or DESCRIBE query builds in `format`.
    pub fn write_constructed(
        &self,
        sparql: &str,
        format: RdfFormat,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        match self {
            Self::Local(store) => {
                let output = QueryOutput::Graph(format);
                store.query(sparql, output, output, out)?;
            }
            Self::Remote { remote, endpoint } => {
                let body = remote.query(endpoint, &with_prefixes(sparql), format.media_type())?;
                std::io::copy(&mut body.into_reader(), out)?;
            }
        }
        Ok(())
    }

    /// Writes `part` of the store in `format`, streaming.
    pub fn dump(
        &self,
        format: RdfFormat,
        part: Part<'_>,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let (remote, endpoint) = match self {
            Self::Local(store) => {
                let graph = match part {
                    Part::Everything => None,
                    Part::DefaultGraph => Some(GraphNameRef::DefaultGraph),
                    Part::Graph(name) => Some(GraphNameRef::from(name.as_ref())),
                };
                return Ok(store.dump(format, graph, out)?);
            }
            Self::Remote { remote, endpoint } => (remote, endpoint),
        };
        // The remote dataset comes whole, from one query; what the part leaves out is dropped.
        let keep = |quad: &Quad| match (part, &quad.graph_name) {
            (Part::Graph(name), GraphName::NamedNode(graph)) => graph == name,
            (Part::Graph(_), _) => false,
            (_, GraphName::DefaultGraph) => true,
            (Part::DefaultGraph, _) => false,
            (Part::Everything, _) => format.supports_datasets(),
        };
        let mut serializer = serializer(format).for_writer(out);
        for quad in quads(remote, endpoint)? {
            let quad = quad?;
            if !keep(&quad) {
                continue;
            }
            if format.supports_datasets() {
                serializer.serialize_quad(&quad)?;
            } else {
                serializer.serialize_triple(quad.as_ref())?;
            }
        }
        serializer.finish()?;
        Ok(())
    }

    /// The local store, if that is where reads go.
    pub fn store(&self) -> Option<&Store> {
        match self {
            Self::Local(store) => Some(store),
            Self::Remote { .. } => None,
        }
    }
}
