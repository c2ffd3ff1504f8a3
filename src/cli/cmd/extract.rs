use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::refuse;

use crate::cli::args::{EvalArgs, ExtractArgs, GlobalArgs, TextFormatArg};
use crate::extract::eval::{ArticleScore, Document, Mean, Score, Summary, corpus, score};
use crate::extract::{ArticleMetadata, Extractor, TextFormat};
use crate::ingest::{self, Extracted, Input, extract_sheet};
use crate::model::FactSheet;
use crate::model::is_valid_date;
use crate::ontology::Ontology;
use crate::sheets::{Outcome, article_files, sheet_path, write_sheet};
use crate::store::Store;
use crate::text::slug;

/// The extractor, knowing the entities of the store when there is one.
fn extractor(store: Option<&Store>) -> anyhow::Result<Extractor> {
    Ok(ingest::extractor(store, Ontology::embedded()?)?)
}

/// Reads an article file into a fact sheet, printing how it was read.
fn sheet_of(
    extractor: &Extractor,
    path: &Path,
    bytes: &[u8],
    format: TextFormat,
    given: &ArticleMetadata,
) -> anyhow::Result<FactSheet> {
    let Extracted { sheet, warnings } = extract_sheet(extractor, path, bytes, format, given)?;
    for warning in warnings {
        eprintln!("{warning}");
    }
    Ok(sheet)
}

pub(super) fn extract(
    global: &GlobalArgs,
    args: &ExtractArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if let Some(date) = &args.date {
        if !is_valid_date(date) {
            return Err(refuse(
                format!("invalid --date `{date}`"),
                "dates are YYYY-MM-DD",
            ));
        }
    }
    let given = ArticleMetadata {
        id: args.id.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        publisher: args.publisher.clone(),
        published: args.date.clone(),
    };
    let stdin = args.inputs.iter().any(|p| p.as_os_str() == "-");
    let files = if stdin {
        anyhow::ensure!(
            args.inputs.len() == 1,
            "`-` (standard input) is one article; it cannot be given with other inputs"
        );
        Vec::new()
    } else {
        article_files(&args.inputs)?
    };
    let one_article = stdin || files.len() == 1;
    if !one_article {
        let flags: Vec<&str> = [
            ("--id", args.id.is_some()),
            ("--title", args.title.is_some()),
            ("--date", args.date.is_some()),
            ("--url", args.url.is_some()),
            ("--publisher", args.publisher.is_some()),
        ]
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect();
        if !flags.is_empty() {
            return Err(refuse(
                format!(
                    "{} describe one article, and the inputs hold {}",
                    flags.join(", "),
                    files.len()
                ),
                "extract that article on its own, or leave the flags out (each article's own metadata is used)",
            ));
        }
    }
    let store = Store::open_existing(&global.store).ok();
    let extractor = extractor(store.as_ref())?;
    let Some(dir) = &args.output else {
        if !one_article {
            return Err(refuse(
                format!(
                    "the inputs hold {} articles, and stdout takes one fact sheet",
                    files.len()
                ),
                "give `-o DIR` to write one sheet per article into DIR",
            ));
        }
        let sheet = if stdin {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            let format = text_format(args.text_format, None);
            sheet_of(&extractor, Path::new("stdin"), &bytes, format, &given)?
        } else {
            extract_file(&extractor, &files[0], args.text_format, &given)?
        };
        serde_json::to_writer_pretty(&mut *out, &sheet)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    };
    if stdin {
        return Err(refuse(
            "`-o` writes a sheet per article file; standard input has no file",
            "redirect the sheet instead: `factgraph extract - > sheet.json`",
        ));
    }
    // Every article is read before any sheet is written, so that two articles that would
    // write one file stop the run before it writes anything.
    let mut sheets = Vec::with_capacity(files.len());
    let mut first_with_name: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for file in &files {
        let sheet = extract_file(&extractor, file, args.text_format, &given)?;
        let name = sheet_name(file, &given, &sheet);
        if let Some(first) = first_with_name.insert(name.clone(), file) {
            return Err(refuse(
                format!(
                    "{} and {} would both be written to {}; nothing was written",
                    first.display(),
                    file.display(),
                    sheet_path(dir, &name).display()
                ),
                "rename one of the files (the sheet is named after the file)",
            ));
        }
        sheets.push((file, name, sheet));
    }
    let mut kept = Vec::new();
    for (file, name, sheet) in &sheets {
        let target = sheet_path(dir, name);
        let outcome = write_sheet(dir, name, sheet, args.force)?;
        let what = match outcome {
            Outcome::Written => "wrote",
            Outcome::Replaced => "replaced",
            Outcome::Unchanged => "unchanged",
            Outcome::Kept => {
                kept.push(target.display().to_string());
                "kept"
            }
        };
        writeln!(
            out,
            "{what:<9} {}  {} entities, {} facts  from {}",
            target.display(),
            sheet.entities.len(),
            sheet.facts.len(),
            file.display()
        )?;
    }
    out.flush()?;
    if !kept.is_empty() {
        return Err(refuse(
            format!(
                "not replaced, since each differs from what was extracted and may hold your corrections: {}",
                kept.join(", ")
            ),
            "compare them with a fresh extract, then give --force to replace them, or delete them",
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// The name of an article file's sheet in a folder of sheets: the given id, else the file's
/// own name, else (a name of only punctuation) the article's id.
fn sheet_name(file: &Path, given: &ArticleMetadata, sheet: &FactSheet) -> String {
    given
        .id
        .clone()
        .or_else(|| {
            file.file_stem()
                .and_then(|stem| stem.to_str())
                .map(slug)
                .filter(|name| !name.is_empty())
        })
        .unwrap_or_else(|| sheet.article.id.clone())
}

/// The input's format: the flag's, else the file's extension, else plain text.
fn text_format(flag: Option<TextFormatArg>, path: Option<&Path>) -> TextFormat {
    match flag {
        Some(TextFormatArg::Text) => TextFormat::Plain,
        Some(TextFormatArg::Markdown) => TextFormat::Markdown,
        Some(TextFormatArg::Html) => TextFormat::Html,
        None => path
            .and_then(TextFormat::of_path)
            .unwrap_or(TextFormat::Plain),
    }
}

fn extract_file(
    extractor: &Extractor,
    path: &Path,
    flag: Option<TextFormatArg>,
    given: &ArticleMetadata,
) -> anyhow::Result<FactSheet> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    sheet_of(
        extractor,
        path,
        &bytes,
        text_format(flag, Some(path)),
        given,
    )
}

fn read_sheet(path: &Path) -> anyhow::Result<FactSheet> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{} is not a fact sheet (check it with `factgraph validate`)",
            path.display()
        )
    })
}

/// One scored document, with where it belongs.
struct Scored {
    split: String,
    topic: Option<String>,
    score: ArticleScore,
}

/// What the extractor makes of an article file, as `factgraph extract FILE` would; a file it
/// finds no text in gives an empty sheet, which scores what it misses.
fn predicted_from_article(
    extractor: &Extractor,
    path: &Path,
    id: &str,
) -> anyhow::Result<FactSheet> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let format = TextFormat::of_path(path).unwrap_or(TextFormat::Plain);
    Ok(
        sheet_of(extractor, path, &bytes, format, &ArticleMetadata::default()).unwrap_or_else(
            |_| FactSheet {
                schema: None,
                article: crate::model::Article {
                    id: id.to_owned(),
                    title: String::from("(no text)"),
                    url: None,
                    publisher: None,
                    published: None,
                    language: None,
                },
                entities: Vec::new(),
                facts: Vec::new(),
            },
        ),
    )
}

/// Scores every document of a corpus, split by split.
fn score_corpus(root: &Path, splits: &[String]) -> anyhow::Result<Vec<Scored>> {
    let documents: Vec<Document> = corpus(root)?
        .into_iter()
        .filter(|d| splits.is_empty() || splits.contains(&d.split))
        .collect();
    anyhow::ensure!(
        !documents.is_empty(),
        "no documents of the splits {} in {}",
        splits.join(", "),
        root.display()
    );
    let extractor = extractor(None)?;
    documents
        .into_iter()
        .map(|document| {
            let predicted = predicted_from_article(&extractor, &document.article, &document.id)?;
            Ok(Scored {
                score: score(&read_sheet(&document.gold)?, &predicted),
                split: document.split,
                topic: document.topic,
            })
        })
        .collect()
}

/// Predicted sheets and articles by file stem, from files and the folders walked for them.
#[derive(Default)]
struct Predictions {
    sheets: BTreeMap<String, PathBuf>,
    articles: BTreeMap<String, PathBuf>,
}

impl Predictions {
    fn collect(inputs: &[PathBuf]) -> anyhow::Result<Self> {
        let mut found = Self::default();
        for input in inputs {
            let walked =
                ingest::collect_inputs(std::slice::from_ref(input), &mut std::io::empty())?;
            for sheet in walked.sheets {
                if let Input::File(path) = sheet {
                    found.add(path, true)?;
                }
            }
            for article in walked.articles {
                found.add(article, false)?;
            }
        }
        Ok(found)
    }

    fn add(&mut self, path: PathBuf, is_sheet: bool) -> anyhow::Result<()> {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let by_stem = if is_sheet {
            &mut self.sheets
        } else {
            &mut self.articles
        };
        if let Some(first) = by_stem.get(&stem) {
            return Err(refuse(
                format!(
                    "{} and {} would both be scored against the gold sheet {stem}.json",
                    first.display(),
                    path.display()
                ),
                "give only one of them",
            ));
        }
        by_stem.insert(stem, path);
        Ok(())
    }
}

/// Scores predicted sheets or articles (files, or folders of them) against a folder of gold
/// sheets: each gold sheet against the sheet of its name, else the article of its name.
fn score_folder(gold: &Path, inputs: &[PathBuf]) -> anyhow::Result<Vec<Scored>> {
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold)
        .with_context(|| format!("cannot read {}", gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    anyhow::ensure!(
        !gold_files.is_empty(),
        "no gold sheets (*.json) in {}",
        gold.display()
    );
    let predictions = Predictions::collect(inputs)?;
    let mut extractor_once: Option<Extractor> = None;
    let mut scored = Vec::new();
    for gold_path in &gold_files {
        let stem = gold_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let predicted = if let Some(sheet) = predictions.sheets.get(&stem) {
            read_sheet(sheet)?
        } else {
            let article = predictions.articles.get(&stem).ok_or_else(|| {
                refuse(
                    format!(
                        "nothing in {} for the gold sheet {}",
                        inputs
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        gold_path.display()
                    ),
                    format!(
                        "give a predicted sheet {stem}.json or an article {stem}.txt (or .md, .html)"
                    ),
                )
            })?;
            if extractor_once.is_none() {
                extractor_once = Some(extractor(None)?);
            }
            let extractor = extractor_once.as_ref().context("the extractor")?;
            predicted_from_article(extractor, article, &stem)?
        };
        scored.push(Scored {
            split: String::new(),
            topic: None,
            score: score(&read_sheet(gold_path)?, &predicted),
        });
    }
    Ok(scored)
}

/// A line of the table: a name, a count of documents, and precision, recall and F1 of
/// entities and of facts.
fn row(name: &str, count: usize, entities: [f64; 3], facts: [f64; 3]) -> String {
    let [ep, er, ef] = entities;
    let [fp, fr, ff] = facts;
    format!(
        "{name:<44} {count:>4}   entities P {ep:.2} R {er:.2} F1 {ef:.2}   facts P {fp:.2} R {fr:.2} F1 {ff:.2}"
    )
}

fn of_mean(mean: &Mean) -> [f64; 3] {
    [mean.precision, mean.recall, mean.f1]
}

fn of_counts(score: &Score) -> [f64; 3] {
    [score.precision(), score.recall(), score.f1()]
}

pub(super) fn eval(
    global: &GlobalArgs,
    args: &EvalArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let scored = match (&args.gold, args.inputs.as_slice()) {
        (Some(gold), inputs) => score_folder(gold, inputs)?,
        (None, [corpus]) => score_corpus(corpus, &args.split)?,
        (None, _) => {
            return Err(refuse(
                format!(
                    "an evaluation corpus is one folder, and {} were given",
                    args.inputs.len()
                ),
                "give one corpus folder, or --gold DIR to score predicted sheets or articles against gold sheets",
            ));
        }
    };
    let mut splits: Vec<&str> = scored.iter().map(|s| s.split.as_str()).collect();
    splits.dedup();
    let mut reports = Vec::new();
    let mut below = Vec::new();
    for split in &splits {
        let in_split: Vec<&Scored> = scored.iter().filter(|s| s.split == *split).collect();
        let scores: Vec<&ArticleScore> = in_split.iter().map(|s| &s.score).collect();
        let summary = Summary::of(&scores);
        let mut topics: BTreeMap<&str, Vec<&ArticleScore>> = BTreeMap::new();
        for s in &in_split {
            if let Some(topic) = &s.topic {
                topics.entry(topic.as_str()).or_default().push(&s.score);
            }
        }
        let by_topic: BTreeMap<&str, Summary> = topics
            .iter()
            .map(|(topic, scores)| (*topic, Summary::of(scores)))
            .collect();
        if let Some(floor) = args.min_facts_f1 {
            if summary.facts.f1 < floor {
                below.push(format!(
                    "facts F1 {:.3} on {} is below --min-facts-f1 {floor}",
                    summary.facts.f1,
                    if split.is_empty() {
                        "the documents"
                    } else {
                        split
                    }
                ));
            }
        }
        reports.push((*split, in_split, summary, by_topic));
    }
    if global.json {
        let splits: Vec<serde_json::Value> = reports
            .iter()
            .map(|(split, documents, summary, by_topic)| {
                serde_json::json!({
                    "split": split,
                    "documents": documents.iter().map(|d| serde_json::json!({
                        "article": d.score.article,
                        "topic": d.topic,
                        "entities": d.score.entities,
                        "facts": d.score.facts,
                    })).collect::<Vec<_>>(),
                    "topics": by_topic,
                    "summary": summary,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "splits": splits }))?;
        writeln!(out)?;
    } else {
        for (split, documents, summary, by_topic) in &reports {
            if !split.is_empty() {
                writeln!(out, "split {split}")?;
            }
            if args.documents || split.is_empty() {
                for d in documents {
                    let e = Summary::of(&[&d.score]);
                    writeln!(
                        out,
                        "{}",
                        row(&d.score.article, 1, of_mean(&e.entities), of_mean(&e.facts))
                    )?;
                }
            }
            for (topic, s) in by_topic {
                writeln!(
                    out,
                    "{}",
                    row(
                        &format!("topic {topic}"),
                        s.documents,
                        of_mean(&s.entities),
                        of_mean(&s.facts)
                    )
                )?;
            }
            writeln!(
                out,
                "{}",
                row(
                    "mean over documents",
                    summary.documents,
                    of_mean(&summary.entities),
                    of_mean(&summary.facts)
                )
            )?;
            writeln!(
                out,
                "{}",
                row(
                    "all documents pooled",
                    summary.documents,
                    of_counts(&summary.pooled_entities),
                    of_counts(&summary.pooled_facts)
                )
            )?;
        }
    }
    out.flush()?;
    anyhow::ensure!(below.is_empty(), "{}", below.join("; "));
    Ok(ExitCode::SUCCESS)
}
