//! factgraph turns the facts in news articles into an RDF knowledge graph in an embedded,
//! persistent Oxigraph store, under its own OWL ontology, with entity resolution across
//! articles and provenance down to the evidence sentence.
//!
//! The data flows one way: [`model`] (fact sheets) → [`ontology`] (vocabulary and checks) →
//! [`resolve`] (entity identity) → [`rdf`] (quads) → [`store`] (Oxigraph), with [`ingest`]
//! running the whole pipeline and [`cli`] being the command line.

pub mod cli;
pub mod diagnostic;
pub mod ingest;
pub mod model;
pub mod ontology;
pub mod rdf;
pub mod resolve;
pub mod store;
