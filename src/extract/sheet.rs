//! The fact sheet of an article: its entities (those a fact names, and the named ones whose
//! class is known), its facts with the sentence behind each, its span, a confidence and the
//! rule's name.

use std::collections::{BTreeSet, HashMap};

use super::coreference::Entity as Found;
use super::relations::{Candidate, Target};
use super::sentences::Sentence;
use super::{ArticleMetadata, Extractor};
use crate::model::{Article, Entity, Fact, FactObject, FactSheet, SheetDate};
use crate::ontology::{Ontology, Range};
use crate::text::slug;

/// The facts whose subject and object fit the predicate's domain and range. A fact narrows a
/// class the words left wide ("DiDi", an Organization, is `listedOn` an exchange: a Company);
/// a fact that no narrowing fits is dropped, so that the sheet validates as written.
fn fitting(
    ontology: &Ontology,
    entities: &mut [Found],
    facts: Vec<(usize, Candidate)>,
) -> Vec<(usize, Candidate)> {
    facts
        .into_iter()
        .filter(|(_, fact)| {
            let Some(property) = ontology.property(&fact.predicate) else {
                return false;
            };
            let class = |entity: usize| entities[entity].class.as_deref();
            // Both ends are weighed before either is narrowed.
            let Some(subject) = fitted(ontology, class(fact.subject), &property.domain) else {
                return false;
            };
            let object = match (&property.range, &fact.object) {
                (Range::Classes(classes), Target::Entity(object)) => {
                    match fitted(ontology, class(*object), classes) {
                        Some(narrower) => narrower.map(|n| (*object, n)),
                        None => return false,
                    }
                }
                _ => None,
            };
            if let Some(narrower) = subject {
                entities[fact.subject].class = Some(narrower);
            }
            if let Some((object, narrower)) = object {
                entities[object].class = Some(narrower);
            }
            true
        })
        .collect()
}

/// How a class meets the classes a slot allows: `Some(None)` when it fits as it is (or is not
/// known), `Some(narrower)` when an allowed class below it fits, `None` when nothing does.
fn fitted(ontology: &Ontology, class: Option<&str>, allowed: &[String]) -> Option<Option<String>> {
    let Some(class) = class else {
        return Some(None);
    };
    if allowed.is_empty() || ontology.fits(class, allowed) {
        return Some(None);
    }
    allowed
        .iter()
        .find(|a| ontology.is_subclass_of(a, class))
        .map(|narrower| Some(narrower.clone()))
}

/// Whether an entity goes into the sheet: one a fact names, and a named one whose class is
/// known. An office the text names is an entity even when no fact holds it; a courtesy title
/// ("Mr.", "Dr.") is no office.
fn kept(found: &Found, in_fact: bool, honorifics: &rustc_hash::FxHashSet<String>) -> bool {
    let named_office = found.class.as_deref() == Some("Position")
        && !found.weak
        && found.name.starts_with(char::is_uppercase)
        && found
            .name
            .split(' ')
            .next()
            .is_some_and(|word| !honorifics.contains(&word.to_lowercase()));
    in_fact
        || named_office
        || found.class.as_deref().is_some_and(|c| c != "Position")
            && !found.weak
            && found.unnamed.is_none()
}

/// The longest evidence quoted whole; a longer sentence is quoted around the fact.
const LONGEST_QUOTE: usize = 1000;
const QUOTE_CONTEXT: usize = 300;

pub fn write(
    extractor: &Extractor,
    id: String,
    metadata: &ArticleMetadata,
    sentences: &[&Sentence],
    mut entities: Vec<Found>,
    facts: Vec<(usize, Candidate)>,
) -> FactSheet {
    let rules = &extractor.rules;
    // An instrument first described, then named, is the named one.
    let target = |entity: usize| entities[entity].same_as_entity.unwrap_or(entity);
    let mut facts: Vec<(usize, Candidate)> = facts
        .into_iter()
        .map(|(sentence, mut fact)| {
            fact.subject = target(fact.subject);
            if let Target::Entity(object) = fact.object {
                fact.object = Target::Entity(target(object));
            }
            (sentence, fact)
        })
        .collect();
    // A signing dated in its sentence dates the instrument.
    let dated: Vec<(usize, Candidate)> = facts
        .iter()
        .filter_map(|(sentence, fact)| {
            let predicate = rules.event_dates.get(&fact.predicate)?;
            let (Target::Entity(object), Some(date)) = (&fact.object, fact.qualifiers.get("date"))
            else {
                return None;
            };
            Some((
                *sentence,
                Candidate {
                    subject: *object,
                    predicate: predicate.clone(),
                    object: Target::Value(date.clone()),
                    rule: format!("date:{predicate}"),
                    confidence: fact.confidence,
                    qualifiers: Default::default(),
                    around: fact.around,
                },
            ))
        })
        .collect();
    facts.extend(dated);
    name_unnamed(&mut entities, &facts, &id, metadata, rules);
    // "FERC issued an order to show cause" and nothing more of the order: its one fact says
    // no more than the name made for it ("order issued by FERC on 2007-07-26").
    let unnamed: Vec<bool> = entities
        .iter()
        .map(|e| e.unnamed.is_some() && e.same_as_entity.is_none())
        .collect();
    let mut facts_of = vec![0usize; entities.len()];
    for (_, fact) in &facts {
        facts_of[fact.subject] += 1;
        if let Target::Entity(object) = fact.object {
            facts_of[object] += 1;
        }
    }
    let alone = |e: usize| unnamed[e] && facts_of[e] == 1;
    facts.retain(|(_, f)| !alone(f.subject) && !matches!(f.object, Target::Entity(o) if alone(o)));
    for (_, fact) in &mut facts {
        let object_unnamed = matches!(fact.object, Target::Entity(o) if unnamed[o]);
        if unnamed[fact.subject] || object_unnamed {
            fact.confidence *= 0.8;
        }
    }
    let title = metadata
        .title
        .clone()
        .filter(|title| !title.trim().is_empty() && !extractor.is_furniture(title))
        .or_else(|| sentences.first().map(|s| s.text.clone()))
        .unwrap_or_default();
    let facts = fitting(extractor.ontology, &mut entities, facts);
    let mut in_fact = vec![false; entities.len()];
    for (_, fact) in &facts {
        in_fact[fact.subject] = true;
        if let Target::Entity(object) = fact.object {
            in_fact[object] = true;
        }
    }
    let mut ids: Vec<Option<String>> = Vec::with_capacity(entities.len());
    let mut given: BTreeSet<String> = BTreeSet::new();
    let mut written = Vec::new();
    for (index, found) in entities.into_iter().enumerate() {
        let keep = kept(&found, in_fact[index], &rules.honorifics);
        let Some(class) = found.class.filter(|_| keep) else {
            ids.push(None);
            continue;
        };
        let mut id = sheet_id(&found.name);
        if given.contains(&id) {
            id = format!("{id}-{index}");
        }
        given.insert(id.clone());
        ids.push(Some(id.clone()));
        written.push(Entity {
            id,
            name: found.name,
            class,
            aliases: found.aliases.into_iter().collect(),
            same_as: found.same_as,
        });
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut char_starts: HashMap<usize, Vec<usize>> = HashMap::new();
    for (sentence_index, candidate) in facts {
        let (Some(subject), object) = (ids[candidate.subject].clone(), &candidate.object) else {
            continue;
        };
        let object = match object {
            Target::Entity(entity) => match &ids[*entity] {
                Some(id) => FactObject::Id(id.clone()),
                None => continue,
            },
            Target::Value(value) => value.clone(),
        };
        if !seen.insert((
            subject.clone(),
            candidate.predicate.clone(),
            format!("{object:?}"),
        )) {
            continue;
        }
        let sentence = sentences[sentence_index];
        let (evidence, span) = quote(sentence, candidate.around, &mut char_starts, sentence_index);
        out.push(Fact {
            subject,
            predicate: candidate.predicate,
            object,
            evidence: Some(evidence),
            span: Some(span),
            confidence: Some((candidate.confidence * 100.0).round() / 100.0),
            extractor: Some(format!("factgraph-extract {}", candidate.rule)),
            qualifiers: candidate.qualifiers,
        });
    }
    FactSheet {
        schema: None,
        article: Article {
            id,
            title,
            url: metadata.url.clone(),
            publisher: metadata.publisher.clone(),
            published: metadata.published.as_deref().map(SheetDate::parse),
            language: Some("en".to_owned()),
        },
        entities: written,
        facts: out,
    }
}

/// Names an instrument that was only described ("an executive order") from what the article
/// says of it: who acted on it and when ("executive order signed by Donald Trump on
/// 2021-01-05"). A name that says neither carries the article's id, so that entity resolution,
/// which joins entities by name, keeps the unnamed instruments of different articles apart.
fn name_unnamed(
    entities: &mut [Found],
    facts: &[(usize, Candidate)],
    id: &str,
    metadata: &ArticleMetadata,
    rules: &super::lexicon::Rules,
) {
    for index in 0..entities.len() {
        if entities[index].unnamed.is_none() || entities[index].same_as_entity.is_some() {
            continue;
        }
        let agent = facts.iter().find_map(|(_, fact)| {
            let words = rules.unnamed_agents.get(&fact.predicate)?;
            (fact.object == Target::Entity(index)).then(|| {
                let day = match fact.qualifiers.get("date") {
                    Some(FactObject::Date(day)) => Some(day.clone()),
                    _ => None,
                };
                (format!("{words} {}", entities[fact.subject].name), day)
            })
        });
        let noun = entities[index].name.clone();
        entities[index].name = match (agent, &metadata.published) {
            (Some((agent, Some(day))), _) => format!("{noun} {agent} on {day}"),
            (Some((agent, None)), Some(published)) => {
                format!("{noun} {agent}, reported {published}")
            }
            (Some((agent, None)), None) => format!("{noun} {agent} (article {id})"),
            (None, _) => format!("{noun} (article {id})"),
        };
    }
}

/// The sentence, or for a long one the part around the fact, with its span in characters.
fn quote(
    sentence: &Sentence,
    around: (usize, usize),
    char_starts: &mut HashMap<usize, Vec<usize>>,
    index: usize,
) -> (String, [u64; 2]) {
    let text = sentence.text.as_str();
    if text.len() <= LONGEST_QUOTE {
        return (
            text.to_owned(),
            [sentence.start as u64, sentence.end as u64],
        );
    }
    let mut from = around.0.saturating_sub(QUOTE_CONTEXT);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (around.1 + QUOTE_CONTEXT).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    // Byte offsets of the sentence's characters, made once for all its facts.
    let starts = char_starts
        .entry(index)
        .or_insert_with(|| text.char_indices().map(|(b, _)| b).collect());
    let before = starts.partition_point(|&b| b < from);
    let window = &text[from..to];
    let start = sentence.start + before;
    (
        window.to_owned(),
        [start as u64, (start + window.chars().count()) as u64],
    )
}

/// A sheet id from a name: its slug's letters, digits, dots, underscores and dashes.
fn sheet_id(name: &str) -> String {
    let slug = slug(name);
    // Nearly every name folds to ASCII letters and digits, whose slug is an id as it stands.
    if slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return slug;
    }
    let allowed: String = slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    let words: Vec<&str> = allowed
        .split('-')
        .map(|w| w.trim_start_matches(['.', '_']))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "entity".to_owned()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, class: &str) -> Found {
        Found {
            name: name.to_owned(),
            class: Some(class.to_owned()),
            aliases: BTreeSet::new(),
            same_as: Vec::new(),
            weak: false,
            unnamed: None,
            same_as_entity: None,
        }
    }

    fn fact(subject: usize, predicate: &str, object: usize) -> (usize, Candidate) {
        let candidate = Candidate {
            subject,
            predicate: predicate.to_owned(),
            object: Target::Entity(object),
            rule: "test".to_owned(),
            confidence: 0.7,
            qualifiers: Default::default(),
            around: (0, 0),
        };
        (0, candidate)
    }

    #[test]
    fn named_offices_are_kept_without_facts_and_courtesy_titles_are_not() {
        let honorifics: rustc_hash::FxHashSet<String> =
            ["mr.".to_owned(), "dr.".to_owned()].into_iter().collect();
        assert!(kept(
            &found("Secretary of the Army", "Position"),
            false,
            &honorifics
        ));
        assert!(!kept(&found("Mr.", "Position"), false, &honorifics));
        assert!(!kept(
            &found("Dr. Chairman", "Position"),
            false,
            &honorifics
        ));
        assert!(!kept(&found("leader", "Position"), false, &honorifics));
        assert!(kept(&found("leader", "Position"), true, &honorifics));
        let mut headline = found("Member Of Baltimore Drug Gang", "Position");
        headline.weak = true;
        assert!(!kept(&headline, false, &honorifics));
    }

    #[test]
    fn facts_narrow_the_classes_they_need_and_go_when_none_fits() {
        let ontology = Ontology::embedded().unwrap();
        let mut entities = vec![
            found("DiDi", "Organization"),
            found("New York Stock Exchange", "StockExchange"),
            found("Jane Doe", "Person"),
        ];
        let kept = fitting(
            ontology,
            &mut entities,
            vec![fact(0, "listedOn", 1), fact(2, "listedOn", 1)],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].1.subject, 0);
        assert_eq!(entities[0].class.as_deref(), Some("Company"));
        assert_eq!(entities[2].class.as_deref(), Some("Person"));
    }
}
