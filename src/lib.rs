//! factgraph turns the facts in news articles into an RDF knowledge graph in an embedded,
//! persistent Oxigraph store, under its own OWL ontology, with entity resolution across
//! articles and provenance down to the evidence sentence.
//!
//! The data flows one way: [`model`] (fact sheets) → [`ontology`] (vocabulary and checks) →
//! [`resolve`] (entity identity) → [`rdf`] (quads) → [`store`] (Oxigraph), with [`ingest`]
//! running the whole pipeline and [`cli`] being the command line.
//!
//! Checking a fact sheet, as `factgraph validate` does:
//!
//! ```
//! use factgraph::ingest::check_sheet;
//! use factgraph::ontology::Ontology;
//!
//! let sheet = br#"{"article": {"id": "a-1", "title": "Order signed"},
//!   "entities": [{"id": "t", "name": "Donald Trump", "type": "Person"},
//!                {"id": "o", "name": "Executive Order 13971", "type": "LegalInstrument"}],
//!   "facts": [{"subject": "t", "predicate": "sings", "object": "o"}]}"#;
//! let ontology = Ontology::embedded()?;
//! let errors = check_sheet("sheet.json", sheet, ontology, false).unwrap_err();
//! assert_eq!(
//!     errors[0].to_string(),
//!     "sheet.json:4:43: error: unknown predicate `sings` (at /facts/0/predicate)\n  help: did you mean `signs`?"
//! );
//! # Ok::<(), factgraph::ontology::Error>(())
//! ```

pub mod cli;
pub mod diagnostic;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod memory;
pub mod merge;
pub mod model;
pub mod ontology;
mod parallel;
pub mod rdf;
pub mod remote;
pub mod resolve;
pub mod server;
pub mod sheets;
pub mod store;
pub mod text;
