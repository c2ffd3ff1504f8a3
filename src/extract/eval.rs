//! Scoring predicted fact sheets against gold ones: entities matched by name or alias
//! (case-insensitive), facts by subject, predicate and object, `owns` read as the inverse of
//! `ownedBy`. An evaluation corpus is a folder of splits (`dev/`, `test/`, …), each holding
//! `articles/<id>.txt` and `gold/<id>.json`, with each document's topic in `sources/*.tsv`;
//! scores are given per document, as means over a split's or a topic's documents, and pooled.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::Help;
use crate::model::{FactObject, FactSheet};
use crate::text::fold;

/// Counts for precision and recall. Fields, as those of every type here that programs read,
/// are in alphabetical order: the order of the keys of `factgraph eval --json`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Predicted items that match a gold item.
    pub correct: usize,
    /// Gold items that some prediction matches.
    pub found: usize,
    pub gold: usize,
    pub predicted: usize,
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

/// Precision, recall and F1 averaged over documents, each document counting once whatever
/// its length. A document with nothing to find and nothing found counts as 1 for precision and
/// recall; with nothing found but something to find, as 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Mean {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
}

impl Mean {
    fn of<'a>(scores: impl Iterator<Item = &'a Score>) -> Self {
        let (mut sum, mut count) = (Mean::default(), 0usize);
        for score in scores {
            let (precision, recall, f1) = if score.predicted == 0 && score.gold == 0 {
                (1.0, 1.0, 1.0)
            } else {
                (score.precision(), score.recall(), score.f1())
            };
            sum.precision += precision;
            sum.recall += recall;
            sum.f1 += f1;
            count += 1;
        }
        if count == 0 {
            return sum;
        }
        let n = count as f64;
        Mean {
            precision: sum.precision / n,
            recall: sum.recall / n,
            f1: sum.f1 / n,
        }
    }
}

/// Scores of a set of documents: means over them and counts pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub entities: Mean,
    pub facts: Mean,
    pub pooled_entities: Score,
    pub pooled_facts: Score,
}

impl Summary {
    pub fn of(scores: &[&ArticleScore]) -> Self {
        let mut pooled_entities = Score::default();
        let mut pooled_facts = Score::default();
        for score in scores {
            pooled_entities.add(score.entities);
            pooled_facts.add(score.facts);
        }
        Summary {
            documents: scores.len(),
            entities: Mean::of(scores.iter().map(|s| &s.entities)),
            facts: Mean::of(scores.iter().map(|s| &s.facts)),
            pooled_entities,
            pooled_facts,
        }
    }
}

/// One document of an evaluation corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub split: String,
    /// From `sources/*.tsv`; none for documents it does not list.
    pub topic: Option<String>,
    pub article: PathBuf,
    pub gold: PathBuf,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} holds no split of an evaluation corpus", .0.display())]
    NoSplits(PathBuf),
    #[error("{} has no article beside it: {} is missing", gold.display(), article.display())]
    NoArticle { gold: PathBuf, article: PathBuf },
}

impl Help for CorpusError {
    fn help(&self) -> Option<String> {
        match self {
            Self::NoSplits(_) => Some(
                "a corpus is a folder of splits (dev/, test/, …), each holding articles/<id>.txt and gold/<id>.json".into(),
            ),
            Self::Read { .. } | Self::NoArticle { .. } => None,
        }
    }
}

fn entries(dir: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let read = |source| CorpusError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read)?;
    paths.sort();
    Ok(paths)
}

/// The documents of the corpus at `root`, by split and id.
pub fn corpus(root: &Path) -> Result<Vec<Document>, CorpusError> {
    let mut topics: BTreeMap<String, String> = BTreeMap::new();
    let sources = root.join("sources");
    if sources.is_dir() {
        for path in entries(&sources)? {
            if path.extension().is_none_or(|e| e != "tsv") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|source| CorpusError::Read {
                path: path.clone(),
                source,
            })?;
            for line in text.lines() {
                let fields: Vec<&str> = line.split('\t').collect();
                if let [id, _split, topic, ..] = fields.as_slice() {
                    topics.insert((*id).to_owned(), (*topic).to_owned());
                }
            }
        }
    }
    let mut documents = Vec::new();
    for split in entries(root)? {
        let (articles, gold) = (split.join("articles"), split.join("gold"));
        if !articles.is_dir() || !gold.is_dir() {
            continue;
        }
        let name = split
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for gold_path in entries(&gold)? {
            if gold_path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let id = gold_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let article = articles.join(format!("{id}.txt"));
            if !article.is_file() {
                return Err(CorpusError::NoArticle {
                    gold: gold_path,
                    article,
                });
            }
            documents.push(Document {
                topic: topics.get(&id).cloned(),
                id,
                split: name.clone(),
                article,
                gold: gold_path,
            });
        }
    }
    if documents.is_empty() {
        return Err(CorpusError::NoSplits(root.to_owned()));
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_count_each_document_once() {
        let long = ArticleScore {
            article: "long".into(),
            entities: Score::default(),
            facts: Score {
                correct: 90,
                predicted: 100,
                gold: 100,
                found: 90,
            },
        };
        let short = ArticleScore {
            article: "short".into(),
            entities: Score::default(),
            facts: Score {
                correct: 0,
                predicted: 1,
                gold: 2,
                found: 0,
            },
        };
        let summary = Summary::of(&[&long, &short]);
        assert!((summary.facts.f1 - 0.45).abs() < 1e-9, "{summary:?}");
        assert!((summary.pooled_facts.f1() - 90.0 / 101.5).abs() < 1e-9);
        // Nothing to find and nothing found is a perfect score, not a zero.
        assert!((summary.entities.f1 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_corpus_is_read_by_split_with_topics_from_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        for (split, id) in [("dev", "a"), ("dev", "b"), ("test", "c")] {
            for sub in ["articles", "gold"] {
                std::fs::create_dir_all(dir.path().join(split).join(sub)).unwrap();
            }
            std::fs::write(
                dir.path()
                    .join(split)
                    .join("articles")
                    .join(format!("{id}.txt")),
                "T",
            )
            .unwrap();
            std::fs::write(
                dir.path()
                    .join(split)
                    .join("gold")
                    .join(format!("{id}.json")),
                "{}",
            )
            .unwrap();
        }
        std::fs::create_dir(dir.path().join("sources")).unwrap();
        std::fs::write(
            dir.path().join("sources/b1.tsv"),
            "a\tdev\ttrade\tustr\thttps://ustr.gov/a\tpublic domain\nc\ttest\tspace\tnasa\thttps://nasa.gov/c\tpublic domain\n",
        )
        .unwrap();
        let found: Vec<(String, String, Option<String>)> = corpus(dir.path())
            .unwrap()
            .into_iter()
            .map(|d| (d.split, d.id, d.topic))
            .collect();
        assert_eq!(
            found,
            vec![
                ("dev".into(), "a".into(), Some("trade".into())),
                ("dev".into(), "b".into(), None),
                ("test".into(), "c".into(), Some("space".into())),
            ]
        );
        std::fs::remove_file(dir.path().join("test/articles/c.txt")).unwrap();
        assert!(matches!(
            corpus(dir.path()),
            Err(CorpusError::NoArticle { .. })
        ));
        assert!(matches!(
            corpus(&dir.path().join("sources")),
            Err(CorpusError::NoSplits(_))
        ));
    }

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
