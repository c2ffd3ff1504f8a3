//! The lexicons of `data/lexicon/`, built into the binary so that extraction needs no files
//! and no network.

use serde::Deserialize;

use super::values::ValueCues;

const ENTITIES: &str = include_str!("../../data/lexicon/entities.json");
const RELATIONS: &str = include_str!("../../data/lexicon/relations.json");
const CUES: &str = include_str!("../../data/lexicon/cues.json");

#[derive(Debug, Clone, Deserialize)]
pub struct LexiconEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub class: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, rename = "sameAs")]
    pub same_as: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RelationPattern {
    pub predicate: String,
    #[serde(default)]
    pub phrases: Vec<String>,
    /// `SO`: the fact's subject comes first in the text; `OS`: its object does.
    pub order: String,
    pub subject: Vec<String>,
    pub object: Vec<String>,
    pub confidence: f64,
    pub kind: String,
    #[serde(default)]
    pub templates: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Titles {
    #[serde(default)]
    titles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Suffixes {
    #[serde(default)]
    suffixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Boilerplate {
    #[serde(default)]
    line_prefixes: Vec<String>,
    #[serde(default)]
    section_headers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Coreference {
    definite_descriptions: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pronouns: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Positions {
    head_titles: Vec<String>,
    non_head_titles: Vec<String>,
    #[serde(default)]
    canonical: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Numbers {
    multipliers: std::collections::BTreeMap<String, u64>,
    counted: std::collections::BTreeMap<String, String>,
    count_modifiers: Vec<String>,
    count_joint: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct RelativeDates {
    weekdays: Vec<String>,
    months: std::collections::BTreeMap<String, u32>,
    event_dates: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Cues {
    numbers: Numbers,
    relative_dates: RelativeDates,
    coreference: Coreference,
    position: Positions,
    person: Titles,
    company: Suffixes,
    non_terminal_abbreviations: Vec<String>,
    boilerplate: Boilerplate,
}

/// Everything the extractor knows before it reads an article.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub entities: Vec<LexiconEntity>,
    pub relations: Vec<RelationPattern>,
    pub person_titles: Vec<String>,
    pub company_suffixes: Vec<String>,
    pub abbreviations: Vec<String>,
    pub boilerplate_prefixes: Vec<String>,
    pub section_headers: Vec<String>,
    /// "the order" → `LegalInstrument`: refers back to the latest entity of that class.
    pub definite_descriptions: Vec<(String, String)>,
    /// "he" → `Person`: refers to the latest person before its sentence.
    pub pronouns: Vec<(String, String)>,
    /// Lower-cased titles that make their holder lead the organization ("chief executive").
    pub head_titles: Vec<String>,
    pub other_titles: Vec<String>,
    /// Lower-cased title → the name it takes in a position ("ceo" → "Chief Executive Officer").
    pub canonical_titles: std::collections::BTreeMap<String, String>,
    pub values: ValueCues,
    /// Relation predicate → the date predicate its object gets from "on Thursday".
    pub event_dates: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
#[error("the built-in lexicon {file} is broken: {source}")]
pub struct LexiconError {
    file: &'static str,
    source: serde_json::Error,
}

impl Lexicon {
    /// The lexicons shipped in `data/lexicon/`.
    pub fn embedded() -> Result<Self, LexiconError> {
        let entities = serde_json::from_str(ENTITIES).map_err(|source| LexiconError {
            file: "entities.json",
            source,
        })?;
        let relations = serde_json::from_str(RELATIONS).map_err(|source| LexiconError {
            file: "relations.json",
            source,
        })?;
        let cues: Cues = serde_json::from_str(CUES).map_err(|source| LexiconError {
            file: "cues.json",
            source,
        })?;
        Ok(Self {
            entities,
            relations,
            person_titles: cues.person.titles,
            company_suffixes: cues.company.suffixes,
            abbreviations: cues.non_terminal_abbreviations,
            boilerplate_prefixes: cues.boilerplate.line_prefixes,
            section_headers: cues.boilerplate.section_headers,
            definite_descriptions: cues.coreference.definite_descriptions.into_iter().collect(),
            pronouns: cues.coreference.pronouns.into_iter().collect(),
            head_titles: lowered(cues.position.head_titles),
            other_titles: lowered(cues.position.non_head_titles),
            canonical_titles: cues.position.canonical,
            values: ValueCues {
                multipliers: cues.numbers.multipliers.into_iter().collect(),
                counted: cues.numbers.counted.into_iter().collect(),
                count_modifiers: lowered(cues.numbers.count_modifiers),
                joint: lowered(cues.numbers.count_joint),
                weekdays: cues.relative_dates.weekdays,
                months: cues
                    .relative_dates
                    .months
                    .into_iter()
                    .map(|(name, month)| (name.to_lowercase(), month))
                    .collect(),
            },
            event_dates: cues.relative_dates.event_dates,
        })
    }
}

fn lowered(words: Vec<String>) -> Vec<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_loads_and_names_only_ontology_terms() {
        let lexicon = Lexicon::embedded().unwrap();
        let ontology = crate::ontology::Ontology::embedded().unwrap();
        assert!(lexicon.entities.len() > 500);
        for entity in &lexicon.entities {
            assert!(
                ontology.class(&entity.class).is_some(),
                "{} has class {}",
                entity.name,
                entity.class
            );
        }
        for pattern in &lexicon.relations {
            assert!(
                ontology.property(&pattern.predicate).is_some(),
                "unknown predicate {}",
                pattern.predicate
            );
        }
        assert!(lexicon.abbreviations.iter().any(|a| a == "U.S."));
        let predicates = lexicon
            .values
            .counted
            .iter()
            .map(|(_, p)| p)
            .chain(lexicon.event_dates.keys())
            .chain(lexicon.event_dates.values());
        for predicate in predicates {
            assert!(
                ontology.property(predicate).is_some(),
                "unknown predicate {predicate}"
            );
        }
        assert_eq!(lexicon.values.weekdays.len(), 7);
        assert!((1..=12).all(|m| lexicon.values.months.iter().any(|(_, n)| *n == m)));
    }
}
