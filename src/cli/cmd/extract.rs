use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::args::{EvalArgs, ExtractArgs, GlobalArgs, TextFormatArg};
use crate::extract::eval::{Score, score};
use crate::extract::{
    ArticleMetadata, Extractor, KnownName, TextFormat, known_names, read_article,
};
use crate::ingest::{Input, Inputs};
use crate::model::FactSheet;
use crate::ontology::{Ontology, is_valid_date};
use crate::resolve::slug;
use crate::store::Store;

/// The extractor, knowing the entities of the store when there is one.
pub(super) fn extractor(store: Option<&Store>) -> anyhow::Result<Extractor> {
    let ontology = Ontology::embedded()?;
    let stored: Vec<KnownName> = match store {
        Some(store) => known_names(store.known_entities(ontology)?, ontology),
        None => Vec::new(),
    };
    Ok(Extractor::new(stored)?)
}

/// Turns the article files among the inputs into fact sheets to ingest or validate.
pub(super) fn extract_articles(inputs: &mut Inputs, store: Option<&Store>) -> anyhow::Result<()> {
    if inputs.articles.is_empty() {
        return Ok(());
    }
    let extractor = extractor(store)?;
    for path in std::mem::take(&mut inputs.articles) {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let format = TextFormat::of_path(&path).unwrap_or(TextFormat::Plain);
        let sheet = sheet_of(
            &extractor,
            &path,
            &bytes,
            format,
            &ArticleMetadata::default(),
        )?;
        inputs.sheets.push(Input::Memory {
            name: format!("{} (as extracted)", path.display()),
            bytes: serde_json::to_vec_pretty(&sheet)?,
        });
    }
    Ok(())
}

/// Reads an article file into a fact sheet, as `extract` and `ingest` do.
pub(super) fn sheet_of(
    extractor: &Extractor,
    path: &Path,
    bytes: &[u8],
    format: TextFormat,
    given: &ArticleMetadata,
) -> anyhow::Result<FactSheet> {
    let (text, mut metadata, not_utf8) = read_article(bytes, format, given);
    // With no text and no title given, the sheet would have an empty title, which no sheet
    // may have.
    anyhow::ensure!(
        !text.trim().is_empty() || metadata.title.is_some(),
        "{} holds no article text (an empty file, or a page of only scripts, styles or markup); nothing to extract\n  help: give the article's text, or its HTML page with the story in the body",
        path.display()
    );
    if not_utf8 {
        eprintln!(
            "warning: {} is not UTF-8; it was read as Windows-1252",
            path.display()
        );
    }
    if metadata.id.is_none() {
        metadata.id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(slug)
            .filter(|s| !s.is_empty());
    }
    Ok(extractor.extract(&text, &metadata))
}

pub(super) fn extract(
    global: &GlobalArgs,
    args: &ExtractArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if let Some(date) = &args.date {
        anyhow::ensure!(
            is_valid_date(date),
            "invalid --date `{date}`\n  help: dates are YYYY-MM-DD"
        );
    }
    let stdin = args.input.as_os_str() == "-";
    let bytes = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        bytes
    } else {
        std::fs::read(&args.input)
            .with_context(|| format!("cannot read {}", args.input.display()))?
    };
    let format = match args.text_format {
        Some(TextFormatArg::Text) => TextFormat::Plain,
        Some(TextFormatArg::Markdown) => TextFormat::Markdown,
        Some(TextFormatArg::Html) => TextFormat::Html,
        None => TextFormat::of_path(&args.input).unwrap_or(TextFormat::Plain),
    };
    let given = ArticleMetadata {
        id: args.id.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        publisher: args.publisher.clone(),
        published: args.date.clone(),
    };
    let path = if stdin {
        PathBuf::from("stdin")
    } else {
        args.input.clone()
    };
    let store = Store::open_existing(&global.store).ok();
    let sheet = sheet_of(&extractor(store.as_ref())?, &path, &bytes, format, &given)?;
    serde_json::to_writer_pretty(&mut *out, &sheet)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
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

fn line(name: &str, entities: &Score, facts: &Score) -> String {
    format!(
        "{name:<44} entities P {:.2} R {:.2} F1 {:.2}   facts P {:.2} R {:.2} F1 {:.2}",
        entities.precision(),
        entities.recall(),
        entities.f1(),
        facts.precision(),
        facts.recall(),
        facts.f1()
    )
}

pub(super) fn eval(
    global: &GlobalArgs,
    args: &EvalArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    anyhow::ensure!(
        !gold_files.is_empty(),
        "no gold sheets (*.json) in {}",
        args.gold.display()
    );
    let mut per_article = Vec::new();
    let (mut entities, mut facts) = (Score::default(), Score::default());
    for gold_path in &gold_files {
        let name = gold_path.file_name().unwrap_or_default();
        let predicted_path = args.predicted.join(name);
        anyhow::ensure!(
            predicted_path.is_file(),
            "no predicted sheet {} for the gold sheet {}\n  help: name each predicted sheet as its gold sheet",
            predicted_path.display(),
            gold_path.display()
        );
        let result = score(&read_sheet(gold_path)?, &read_sheet(&predicted_path)?);
        entities.add(result.entities);
        facts.add(result.facts);
        per_article.push(result);
    }
    if global.json {
        let summary = serde_json::json!({
            "articles": per_article,
            "overall": {
                "entities": { "precision": entities.precision(), "recall": entities.recall(), "f1": entities.f1(), "counts": entities },
                "facts": { "precision": facts.precision(), "recall": facts.recall(), "f1": facts.f1(), "counts": facts },
            }
        });
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for result in &per_article {
        writeln!(
            out,
            "{}",
            line(&result.article, &result.entities, &result.facts)
        )?;
    }
    writeln!(
        out,
        "{}",
        line(
            &format!("overall ({} articles)", per_article.len()),
            &entities,
            &facts
        )
    )?;
    Ok(ExitCode::SUCCESS)
}
