use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::refuse;

use crate::cli::args::{EvalArgs, ExtractArgs, GlobalArgs, TextFormatArg};
use crate::cli::render;
use crate::eval::{score_against_gold, score_corpus};
use crate::extract::{ArticleMetadata, Extractor, TextFormat};
use crate::ingest::{self, ArticleWarning, Extracted, extract_file, extract_sheet};
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

/// An extracted article's sheet, once what the reader should know of how it was read is
/// printed.
fn shown(extracted: Extracted) -> FactSheet {
    for warning in extracted.warnings {
        eprintln!("{warning}");
    }
    extracted.sheet
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
            let format = text_format(args.text_format).unwrap_or(TextFormat::Plain);
            shown(extract_sheet(
                &extractor,
                Path::new("stdin"),
                &bytes,
                format,
                &given,
            )?)
        } else {
            shown(extract_file(
                &extractor,
                &files[0],
                text_format(args.text_format),
                &given,
            )?)
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
        let sheet = shown(extract_file(
            &extractor,
            file,
            text_format(args.text_format),
            &given,
        )?);
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

/// The format the flag names, if it is given.
fn text_format(flag: Option<TextFormatArg>) -> Option<TextFormat> {
    flag.map(|flag| match flag {
        TextFormatArg::Text => TextFormat::Plain,
        TextFormatArg::Markdown => TextFormat::Markdown,
        TextFormatArg::Html => TextFormat::Html,
    })
}

pub(super) fn eval(
    global: &GlobalArgs,
    args: &EvalArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let warn = &mut |warning: ArticleWarning| eprintln!("{warning}");
    let report = match (&args.gold, args.inputs.as_slice()) {
        (Some(gold), inputs) => score_against_gold(gold, inputs, warn)?,
        (None, [corpus]) => score_corpus(corpus, &args.split, warn)?,
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
    if global.json {
        render::json(out, &report)?;
    } else {
        render::eval_report(&report, args.documents, out)?;
    }
    out.flush()?;
    let below: Vec<String> = args
        .min_facts_f1
        .map(|floor| {
            report
                .splits
                .iter()
                .filter(|split| split.summary.facts.f1 < floor)
                .map(|split| {
                    format!(
                        "facts F1 {:.3} on {} is below --min-facts-f1 {floor}",
                        split.summary.facts.f1,
                        if split.split.is_empty() {
                            "the documents"
                        } else {
                            &split.split
                        }
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    anyhow::ensure!(below.is_empty(), "{}", below.join("; "));
    Ok(ExitCode::SUCCESS)
}
