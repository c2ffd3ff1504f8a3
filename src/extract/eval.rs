//! Scoring predicted fact sheets against gold ones: entities matched by name or alias
//! (case-insensitive), facts by subject, predicate and object, `owns` read as the inverse of
//! `ownedBy`.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{FactObject, FactSheet};
use crate::resolve::fold;

/// Counts for precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Predicted items that match a gold item.
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
    /// Gold items that some prediction matches.
    pub found: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Score) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
        self.found += other.found;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleScore {
    pub article: String,
    pub entities: Score,
    pub facts: Score,
}

/// Every folded name of each entity of a sheet, by entity id.
fn names(sheet: &FactSheet) -> Vec<(String, BTreeSet<String>)> {
    sheet
        .entities
        .iter()
        .map(|e| {
            let names = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| fold(n))
                .filter(|n| !n.is_empty())
                .collect();
            (e.id.clone(), names)
        })
        .collect()
}

/// A fact as (subject names, predicate, object names or value), `owns` turned around.
type Key = (BTreeSet<String>, String, BTreeSet<String>);

fn fact_keys(sheet: &FactSheet) -> Vec<Key> {
    let names = names(sheet);
    let of = |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    sheet
        .facts
        .iter()
        .map(|fact| {
            let subject = of(&fact.subject);
            let object = match &fact.object {
                FactObject::Id(id) => of(id),
                FactObject::Date(v) | FactObject::Text(v) => BTreeSet::from([fold(v)]),
                FactObject::Number(n) | FactObject::BareNumber(n) => {
                    BTreeSet::from([n.to_string()])
                }
            };
            if fact.predicate == "owns" {
                (object, "ownedBy".to_owned(), subject)
            } else {
                (subject, fact.predicate.clone(), object)
            }
        })
        .collect()
}

fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().any(|n| b.contains(n))
}

fn same_fact(a: &Key, b: &Key) -> bool {
    a.1 == b.1 && overlap(&a.0, &b.0) && overlap(&a.2, &b.2)
}

pub fn score(gold: &FactSheet, predicted: &FactSheet) -> ArticleScore {
    let gold_names = names(gold);
    let predicted_names = names(predicted);
    let entities = Score {
        correct: predicted_names
            .iter()
            .filter(|(_, p)| gold_names.iter().any(|(_, g)| overlap(p, g)))
            .count(),
        predicted: predicted_names.len(),
        gold: gold_names.len(),
        found: gold_names
            .iter()
            .filter(|(_, g)| predicted_names.iter().any(|(_, p)| overlap(p, g)))
            .count(),
    };
    let gold_facts = fact_keys(gold);
    let predicted_facts = fact_keys(predicted);
    let facts = Score {
        correct: predicted_facts
            .iter()
            .filter(|p| gold_facts.iter().any(|g| same_fact(p, g)))
            .count(),
        predicted: predicted_facts.len(),
        gold: gold_facts.len(),
        found: gold_facts
            .iter()
            .filter(|g| predicted_facts.iter().any(|p| same_fact(p, g)))
            .count(),
    };
    ArticleScore {
        article: gold.article.id.clone(),
        entities,
        facts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(json: &str) -> FactSheet {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn matches_by_alias_and_inverse_ownership() {
        let gold = sheet(
            r#"{"article": {"id": "a", "title": "t"},
                "entities": [{"id": "ant", "name": "Ant Group", "type": "Company", "aliases": ["Ant"]},
                             {"id": "ali", "name": "Alipay", "type": "SoftwareApplication"},
                             {"id": "wr", "name": "Wilbur Ross", "type": "Person"}],
                "facts": [{"subject": "ant", "predicate": "owns", "object": "ali"},
                          {"subject": "wr", "predicate": "signs", "object": "ali"}]}"#,
        );
        let predicted = sheet(
            r#"{"article": {"id": "a", "title": "t"},
                "entities": [{"id": "x", "name": "ANT", "type": "Company"},
                             {"id": "y", "name": "alipay", "type": "SoftwareApplication"},
                             {"id": "z", "name": "Tencent", "type": "Company"}],
                "facts": [{"subject": "y", "predicate": "ownedBy", "object": "x"},
                          {"subject": "z", "predicate": "ownedBy", "object": "x"}]}"#,
        );
        let result = score(&gold, &predicted);
        assert_eq!(
            result.entities,
            Score {
                correct: 2,
                predicted: 3,
                gold: 3,
                found: 2
            }
        );
        assert_eq!(
            result.facts,
            Score {
                correct: 1,
                predicted: 2,
                gold: 2,
                found: 1
            }
        );
        assert!((result.facts.f1() - 0.5).abs() < 1e-9);
    }
}
