use std::io::{Read, Write};
use std::path::Path;
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
use crate::sheets::{self, article_files};
use crate::store::Store;

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
    let sheets = sheets::extract_named(
        &extractor,
        &files,
        text_format(args.text_format),
        &given,
        dir,
        &mut |warning| eprintln!("{warning}"),
    )?;
    let written = sheets::write_named(dir, &sheets, args.force)
        .try_for_each(|written| anyhow::Ok(render::written_sheet(&written?, out)?));
    // What was written is shown before the error that ends the run.
    out.flush()?;
    written?;
    Ok(ExitCode::SUCCESS)
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
