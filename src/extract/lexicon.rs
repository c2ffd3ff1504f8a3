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
    #[serde(default)]
    furniture_lines: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Coreference {
    definite_descriptions: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    plural_descriptions: Vec<String>,
    #[serde(default)]
    pronouns: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    relative_pronouns: Vec<String>,
    #[serde(default)]
    non_personal_relative_pronouns: Vec<String>,
    #[serde(default)]
    named_kinds: Vec<String>,
    #[serde(default)]
    kind_synonyms: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    cataphora: Cataphora,
}

/// Indefinite descriptions that stand for entities named later ("an executive order").
#[derive(Debug, Clone, Deserialize)]
pub struct Cataphora {
    /// "an" → 1, "two" → 2.
    pub determiners: std::collections::BTreeMap<String, usize>,
    /// "executive order" → `LegalInstrument`.
    pub nouns: std::collections::BTreeMap<String, String>,
    /// How many sentences ahead the named entities may come.
    pub window: usize,
    /// What becomes of a singular description that no named entity stands for.
    pub unnamed: Unnamed,
}

/// An instrument the article describes but never names ("signed an executive order" and no
/// number follows) is an entity of its own, named from what the article says of it.
#[derive(Debug, Clone, Deserialize)]
pub struct Unnamed {
    /// The classes whose descriptions become entities (`LegalInstrument`).
    pub classes: Vec<String>,
    /// Predicate whose subject acted on the entity → the words before the subject's name
    /// ("signs" → "signed by").
    pub agents: std::collections::BTreeMap<String, String>,
    /// Predicate of the entity's own facts → the words before the object's name ("bans" →
    /// "banning").
    pub actions: std::collections::BTreeMap<String, String>,
    /// What the confidence of the entity's facts is multiplied by.
    pub confidence: f64,
}

/// "eight Chinese software applications, including Ant Group's Alipay": lists of members after
/// a plural noun.
#[derive(Debug, Clone, Deserialize)]
struct Inclusion {
    cues: Vec<String>,
    collective_nouns: std::collections::BTreeMap<String, String>,
    longest_noun_phrase: usize,
    noun_phrase_stops: Vec<String>,
    noun_phrase_links: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Modality {
    negation: Vec<String>,
    hypothetical: Vec<String>,
    purpose: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct EffectDurations {
    phrases: Vec<String>,
    units: std::collections::BTreeMap<String, u32>,
    predicate: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Positions {
    head_titles: Vec<String>,
    non_head_titles: Vec<String>,
    #[serde(default)]
    canonical: std::collections::BTreeMap<String, String>,
    determiners: Vec<String>,
    possessive_determiners: Vec<String>,
    former: Vec<String>,
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
    effect_durations: EffectDurations,
}

#[derive(Debug, Clone, Deserialize)]
struct Places {
    cues: std::collections::BTreeMap<String, Vec<String>>,
    demonym_gap_stops: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Cues {
    place: Places,
    negation_and_modality: Modality,
    numbers: Numbers,
    relative_dates: RelativeDates,
    coreference: Coreference,
    position: Positions,
    person: Titles,
    company: Suffixes,
    inclusion: Inclusion,
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
    /// Whole lines of a web page's controls ("Type to search", "Skip to main content"),
    /// lower-cased: never a title or a sentence of the article.
    pub furniture_lines: Vec<String>,
    /// "the order" → `LegalInstrument`: refers back to the latest entity of that class.
    pub definite_descriptions: Vec<(String, String)>,
    /// "the orders": refers back to every entity an earlier plural description stood for.
    pub plural_descriptions: Vec<String>,
    /// "he" → `Person`: refers to the latest person before its sentence.
    pub pronouns: Vec<(String, String)>,
    /// "which", "that", "who": a relative clause's subject is the mention before it.
    pub relative_pronouns: Vec<String>,
    /// "which", "that": never about a person named right before them.
    pub non_personal_relative_pronouns: Vec<String>,
    /// Head nouns ("order", "act") that a description shares with the name it refers to.
    pub named_kinds: Vec<String>,
    /// Named kind → other nouns a name may carry for it ("directive" → "order").
    pub kind_synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// Words that open a parenthetical clause about the mention before it ("which", "whose").
    pub clause_openers: Vec<String>,
    /// A list after one of these is the object of the preposition, not of a verb.
    pub prepositions: Vec<String>,
    pub cataphora: Cataphora,
    /// "including", "such as": a list of members of the plural noun phrase before them.
    pub inclusion_cues: Vec<String>,
    /// Lower-cased plural nouns and the class of their members ("applications" →
    /// `SoftwareApplication`).
    pub collective_nouns: std::collections::BTreeMap<String, String>,
    /// The most words a noun phrase before an inclusion cue may have.
    pub longest_noun_phrase: usize,
    /// Words that end such a noun phrase ("and", "to", "which").
    pub noun_phrase_stops: Vec<String>,
    /// Words in -ing that may stand inside it ("transactions involving").
    pub noun_phrase_links: Vec<String>,
    /// Cue phrases, lower-cased: a fact under negation is not stated.
    pub negation: Vec<String>,
    /// A fact under a hypothetical cue is not stated as true (unless an instrument states it).
    pub hypothetical: Vec<String>,
    /// "aims to", "seeks to": transparent before a relation's phrase.
    pub purpose: Vec<String>,
    /// Lower-cased determiners that may stand before a title ("a", "the", "its").
    pub title_determiners: Vec<String>,
    /// "its", "their": the title belongs to the latest organization named.
    pub possessive_determiners: Vec<String>,
    /// "former": a title held before.
    pub former: Vec<String>,
    /// Lower-cased nouns of places ("city", "province"): "the southern city of Shenzhen".
    pub place_nouns: Vec<String>,
    /// Words that part a demonym from the entity after it ("Chinese telcos swing on NYSE").
    pub demonym_gap_stops: Vec<String>,
    /// Lower-cased titles that make their holder lead the organization ("chief executive").
    pub head_titles: Vec<String>,
    pub other_titles: Vec<String>,
    /// Lower-cased title → the name it takes in a position ("ceo" → "Chief Executive Officer").
    pub canonical_titles: std::collections::BTreeMap<String, String>,
    pub values: ValueCues,
    /// Relation predicate → the date predicate its object gets from "on Thursday".
    pub event_dates: std::collections::BTreeMap<String, String>,
    /// The predicate "takes effect in 45 days" gives the instrument before it.
    pub effect_predicate: String,
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
            furniture_lines: cues
                .boilerplate
                .furniture_lines
                .iter()
                .map(|line| line.to_lowercase())
                .collect(),
            definite_descriptions: cues.coreference.definite_descriptions.into_iter().collect(),
            plural_descriptions: lowered(cues.coreference.plural_descriptions),
            pronouns: cues.coreference.pronouns.into_iter().collect(),
            relative_pronouns: lowered(cues.coreference.relative_pronouns),
            non_personal_relative_pronouns: lowered(
                cues.coreference.non_personal_relative_pronouns,
            ),
            named_kinds: lowered(cues.coreference.named_kinds),
            kind_synonyms: cues
                .coreference
                .kind_synonyms
                .into_iter()
                .map(|(kind, nouns)| (kind.to_lowercase(), lowered(nouns)))
                .collect(),
            clause_openers: lowered(cues.coreference.clause_openers),
            prepositions: lowered(cues.coreference.prepositions),
            cataphora: cues.coreference.cataphora,
            inclusion_cues: lowered(cues.inclusion.cues),
            collective_nouns: cues
                .inclusion
                .collective_nouns
                .into_iter()
                .map(|(noun, class)| (noun.to_lowercase(), class))
                .collect(),
            longest_noun_phrase: cues.inclusion.longest_noun_phrase,
            noun_phrase_stops: lowered(cues.inclusion.noun_phrase_stops),
            noun_phrase_links: lowered(cues.inclusion.noun_phrase_links),
            negation: lowered(cues.negation_and_modality.negation),
            hypothetical: lowered(cues.negation_and_modality.hypothetical),
            purpose: lowered(cues.negation_and_modality.purpose),
            title_determiners: lowered(cues.position.determiners),
            possessive_determiners: lowered(cues.position.possessive_determiners),
            former: lowered(cues.position.former),
            demonym_gap_stops: lowered(cues.place.demonym_gap_stops),
            place_nouns: lowered(cues.place.cues.into_values().flatten().collect()),
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
                effect_phrases: lowered(cues.relative_dates.effect_durations.phrases)
                    .iter()
                    .map(|phrase| phrase.split(' ').map(str::to_owned).collect())
                    .collect(),
                duration_units: cues
                    .relative_dates
                    .effect_durations
                    .units
                    .into_iter()
                    .collect(),
            },
            event_dates: cues.relative_dates.event_dates,
            effect_predicate: cues.relative_dates.effect_durations.predicate,
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
            .chain(lexicon.event_dates.values())
            .chain(std::iter::once(&lexicon.effect_predicate));
        for predicate in predicates {
            assert!(
                ontology.property(predicate).is_some(),
                "unknown predicate {predicate}"
            );
        }
        for class in lexicon
            .collective_nouns
            .values()
            .chain(&lexicon.cataphora.unnamed.classes)
        {
            assert!(ontology.class(class).is_some(), "unknown class {class}");
        }
        let unnamed = &lexicon.cataphora.unnamed;
        for predicate in unnamed.agents.keys().chain(unnamed.actions.keys()) {
            assert!(
                ontology.property(predicate).is_some(),
                "unknown predicate {predicate}"
            );
        }
        assert!((0.0..=1.0).contains(&unnamed.confidence));
        assert_eq!(lexicon.values.weekdays.len(), 7);
        assert!((1..=12).all(|m| lexicon.values.months.iter().any(|(_, n)| *n == m)));
    }
}
