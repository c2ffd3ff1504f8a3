//! Fact sheets: the one interchange format between extractors, people and `ingest`.
//!
//! The types mirror `ontology/factsheet.schema.json`. Reading a sheet checks only its JSON shape;
//! what the names mean (classes, predicates, ids) is checked by [`crate::ontology`].

mod date;
mod locate;
mod object;
mod read;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use date::{Date, InvalidDate, SheetDate, is_valid_date};
pub use locate::PositionIndex;
pub use object::FactObject;
pub use read::{decode, parse_object, parse_sheet};

/// One article and the facts it states.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactSheet {
    /// Lets editors find the JSON Schema; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub article: Article,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// `YYYY-MM-DD`; a bad date is kept as its text for validation to report with its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<SheetDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Local to the sheet: facts refer to entities by it.
    pub id: String,
    pub name: String,
    /// Local name of an ontology class, such as `Company`.
    #[serde(rename = "type")]
    pub class: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `wikidata:Q…` or absolute IRIs.
    #[serde(default, rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub subject: String,
    pub predicate: String,
    pub object: FactObject,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// `[start, end)` character offsets into the article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[u64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub qualifiers: BTreeMap<String, FactObject>,
}
