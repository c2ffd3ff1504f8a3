//! Evaluation runs: the extractor's sheets, or sheets given, scored against gold sheets, for a
//! corpus (`dev/`, `test/`, … with their topics) or for a folder of gold sheets, as a report
//! that programs read as JSON and the command line prints as a table. How one sheet scores
//! against another is `extract::eval`'s; this module finds the files to score and pairs them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::Help;
use crate::extract::eval::{ArticleScore, CorpusError, Document, Summary, corpus, score};
use crate::extract::{ArticleMetadata, Extractor};
use crate::ingest::{self, ArticleWarning, Extracted, Input, extract_file};
use crate::model::{Article, FactSheet};
use crate::ontology::{self, Ontology};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("no documents of the splits {} in {}", asked.join(", "), root.display())]
    NoDocuments {
        root: PathBuf,
        asked: Vec<String>,
        /// The splits the corpus has.
        present: Vec<String>,
    },
    #[error("no gold sheets (*.json) in {}", .0.display())]
    NoGold(PathBuf),
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a fact sheet", path.display())]
    NotASheet {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{} and {} would both be scored against the gold sheet {stem}.json",
        first.display(),
        second.display()
    )]
    TwoPredictions {
        first: PathBuf,
        second: PathBuf,
        stem: String,
    },
    #[error(
        "nothing in {} for the gold sheet {}",
        inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
        gold.display()
    )]
    NoPrediction {
        inputs: Vec<PathBuf>,
        gold: PathBuf,
        stem: String,
    },
    #[error(transparent)]
    Ingest(#[from] ingest::Error),
    #[error(transparent)]
    Ontology(#[from] ontology::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Corpus(err) => err.help(),
            Self::NoDocuments { present, .. } => {
                Some(format!("the corpus has the splits {}", present.join(", ")))
            }
            Self::NotASheet { .. } => Some("check it with `factgraph validate`".into()),
            Self::TwoPredictions { .. } => Some("give only one of them".into()),
            Self::NoPrediction { stem, .. } => Some(format!(
                "give a predicted sheet {stem}.json or an article {stem}.txt (or .md, .html)"
            )),
            Self::Ingest(err) => err.help(),
            Self::NoGold(_) | Self::Read { .. } | Self::Ontology(_) => None,
        }
    }
}

/// The scores of a run, split by split. Keys of every object are in alphabetical order, as
/// programs have always read them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub splits: Vec<SplitReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SplitReport {
    /// In the order they were scored: by split, then by file name.
    pub documents: Vec<DocumentScore>,
    /// The corpus's name for the split; empty for documents scored against a folder of gold
    /// sheets, which belong to no split.
    pub split: String,
    pub summary: Summary,
    /// A summary per topic, for the documents whose topic the corpus's sources give.
    pub topics: BTreeMap<String, Summary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentScore {
    #[serde(flatten)]
    pub score: ArticleScore,
    pub topic: Option<String>,
}

impl Report {
    /// Groups documents, in the order they were scored, into runs of one split each.
    fn of(documents: Vec<(String, DocumentScore)>) -> Self {
        let mut splits: Vec<SplitReport> = Vec::new();
        for (split, document) in documents {
            match splits.last_mut() {
                Some(last) if last.split == split => last.documents.push(document),
                _ => splits.push(SplitReport {
                    documents: vec![document],
                    split,
                    summary: Summary::of(&[]),
                    topics: BTreeMap::new(),
                }),
            }
        }
        for report in &mut splits {
            let scores: Vec<&ArticleScore> = report.documents.iter().map(|d| &d.score).collect();
            report.summary = Summary::of(&scores);
            let mut by_topic: BTreeMap<&str, Vec<&ArticleScore>> = BTreeMap::new();
            for document in &report.documents {
                if let Some(topic) = &document.topic {
                    by_topic.entry(topic).or_default().push(&document.score);
                }
            }
            report.topics = by_topic
                .into_iter()
                .map(|(topic, scores)| (topic.to_owned(), Summary::of(&scores)))
                .collect();
        }
        Self { splits }
    }
}

/// Scores the extractor on every document of the corpus at `root`, or of the `splits` named
/// (all when none is). Each warning about how an article was read goes to `warn`.
pub fn score_corpus(
    root: &Path,
    splits: &[String],
    warn: &mut dyn FnMut(ArticleWarning),
) -> Result<Report, Error> {
    let all = corpus(root)?;
    let mut present: Vec<String> = all.iter().map(|d| d.split.clone()).collect();
    present.dedup();
    let documents: Vec<Document> = all
        .into_iter()
        .filter(|d| splits.is_empty() || splits.contains(&d.split))
        .collect();
    if documents.is_empty() {
        return Err(Error::NoDocuments {
            root: root.to_owned(),
            asked: splits.to_vec(),
            present,
        });
    }
    let extractor = extractor()?;
    let scored = documents
        .into_iter()
        .map(|document| {
            let predicted =
                predicted_from_article(&extractor, &document.article, &document.id, warn)?;
            let score = score(&read_sheet(&document.gold)?, &predicted);
            Ok((
                document.split,
                DocumentScore {
                    score,
                    topic: document.topic,
                },
            ))
        })
        .collect::<Result<_, Error>>()?;
    Ok(Report::of(scored))
}

/// Scores predicted sheets or articles (`inputs`: files, or folders walked for them) against
/// the folder of gold sheets `gold`: each gold sheet against the sheet of its file name, else
/// the article of its file name, extracted on the way. Each warning about how an article was
/// read goes to `warn`.
pub fn score_against_gold(
    gold: &Path,
    inputs: &[PathBuf],
    warn: &mut dyn FnMut(ArticleWarning),
) -> Result<Report, Error> {
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold)
        .map_err(|source| Error::Read {
            path: gold.to_owned(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    if gold_files.is_empty() {
        return Err(Error::NoGold(gold.to_owned()));
    }
    let predictions = Predictions::collect(inputs)?;
    let mut extractor_once: Option<Extractor> = None;
    let mut scored = Vec::with_capacity(gold_files.len());
    for gold_path in gold_files {
        let stem = file_stem(&gold_path);
        let predicted = if let Some(sheet) = predictions.sheets.get(&stem) {
            read_sheet(sheet)?
        } else {
            let Some(article) = predictions.articles.get(&stem) else {
                return Err(Error::NoPrediction {
                    inputs: inputs.to_vec(),
                    gold: gold_path,
                    stem,
                });
            };
            let ready = match &mut extractor_once {
                Some(ready) => ready,
                empty => empty.insert(extractor()?),
            };
            predicted_from_article(ready, article, &stem, warn)?
        };
        let score = score(&read_sheet(&gold_path)?, &predicted);
        scored.push((String::new(), DocumentScore { score, topic: None }));
    }
    Ok(Report::of(scored))
}

/// The extractor as `factgraph extract` runs it without a store: what it finds in the text
/// alone.
fn extractor() -> Result<Extractor, Error> {
    Ok(ingest::extractor(None, Ontology::embedded()?)?)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_sheet(path: &Path) -> Result<FactSheet, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| Error::NotASheet {
        path: path.to_owned(),
        source,
    })
}

/// What the extractor makes of an article file, as `factgraph extract FILE` would; a file it
/// finds no text in gives an empty sheet, which scores what it misses.
fn predicted_from_article(
    extractor: &Extractor,
    path: &Path,
    id: &str,
    warn: &mut dyn FnMut(ArticleWarning),
) -> Result<FactSheet, Error> {
    match extract_file(extractor, path, None, &ArticleMetadata::default()) {
        Ok(Extracted { sheet, warnings }) => {
            warnings.into_iter().for_each(&mut *warn);
            Ok(sheet)
        }
        Err(err @ ingest::Error::Read { .. }) => Err(err.into()),
        Err(_) => Ok(FactSheet {
            schema: None,
            article: Article {
                id: id.to_owned(),
                title: String::from("(no text)"),
                url: None,
                publisher: None,
                published: None,
                language: None,
            },
            entities: Vec::new(),
            facts: Vec::new(),
        }),
    }
}

/// Predicted sheets and articles by file stem, from files and the folders walked for them.
#[derive(Default)]
struct Predictions {
    sheets: BTreeMap<String, PathBuf>,
    articles: BTreeMap<String, PathBuf>,
}

impl Predictions {
    fn collect(inputs: &[PathBuf]) -> Result<Self, Error> {
        let mut found = Self::default();
        for input in inputs {
            let walked =
                ingest::collect_inputs(std::slice::from_ref(input), &mut std::io::empty())?;
            for sheet in walked.sheets {
                if let Input::File(path) = sheet {
                    add(&mut found.sheets, path)?;
                }
            }
            for article in walked.articles {
                add(&mut found.articles, article)?;
            }
        }
        Ok(found)
    }
}

/// Adds a file under its stem, which names the gold sheet it is scored against.
fn add(by_stem: &mut BTreeMap<String, PathBuf>, path: PathBuf) -> Result<(), Error> {
    let stem = file_stem(&path);
    if let Some(first) = by_stem.get(&stem) {
        return Err(Error::TwoPredictions {
            first: first.clone(),
            second: path,
            stem,
        });
    }
    by_stem.insert(stem, path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::eval::Score;

    fn document(article: &str, topic: Option<&str>, facts_found: usize) -> DocumentScore {
        let facts = Score {
            correct: facts_found,
            found: facts_found,
            gold: 2,
            predicted: 2,
        };
        DocumentScore {
            score: ArticleScore {
                article: article.into(),
                entities: Score::default(),
                facts,
            },
            topic: topic.map(str::to_owned),
        }
    }

    #[test]
    fn a_report_groups_documents_by_split_and_topic() {
        let report = Report::of(vec![
            ("dev".into(), document("a", Some("trade"), 2)),
            ("dev".into(), document("b", None, 0)),
            ("test".into(), document("c", Some("trade"), 1)),
        ]);
        let splits: Vec<(&str, usize)> = report
            .splits
            .iter()
            .map(|s| (s.split.as_str(), s.documents.len()))
            .collect();
        assert_eq!(splits, [("dev", 2), ("test", 1)]);
        let dev = &report.splits[0];
        assert!((dev.summary.facts.f1 - 0.5).abs() < 1e-9, "{dev:?}");
        assert_eq!(dev.topics.keys().collect::<Vec<_>>(), ["trade"]);
        assert!((dev.topics["trade"].facts.f1 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_document_reads_as_programs_read_it() {
        let json = serde_json::to_string(&document("a", None, 1)).expect("json");
        assert_eq!(
            json,
            r#"{"article":"a","entities":{"correct":0,"found":0,"gold":0,"predicted":0},"facts":{"correct":1,"found":1,"gold":2,"predicted":2},"topic":null}"#
        );
    }
}
