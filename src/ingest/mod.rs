//! The one way in to the store for every input: fact sheets, articles (through the
//! extractor), RDF datasets as `export` writes them, and pin files. The pipeline is read →
//! validate → resolve → map → write.
//!
//! Sheets are read twice: once to check them and collect their entity mentions (identity needs
//! every mention before any IRI is given), and once to map and write them, so that memory holds
//! the mentions, not the sheets.

mod article;
mod dataset;
mod inputs;
mod pins;
mod sheet;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use oxigraph::model::NamedNode;

use crate::diagnostic::{Diagnostic, Help, quoted};
use crate::graph::cache::Writing;
use crate::model::{self, PositionIndex};
use crate::ontology::{self, Ontology};
use crate::rdf::{ArticleGraph, article_graph};
use crate::resolve::{IriBase, KnownIndex, Mention, Resolved, resolve, resolve_among};
use crate::store::{self, Store};
use crate::text::content_hash;

pub use article::{
    ArticleWarning, Extracted, extract_file, extract_sheet, extracted_input, extractor,
};
pub use inputs::{Input, Inputs, collect_inputs};
pub use pins::ALIAS_FILE_NAME;
pub use sheet::check_sheet;

/// Articles are written in batches of about this many quads.
const BATCH_QUADS: usize = 500_000;
/// Below this many quads, new articles are written in a transaction rather than bulk loaded.
const BULK_LOAD_QUADS: usize = 50_000;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Ontology(#[from] ontology::Error),
    #[error(transparent)]
    Merge(#[from] crate::merge::Error),
    #[error(transparent)]
    Extractor(#[from] crate::extract::Error),
    #[error(
        "{} holds no article text (it is empty, or a page of only scripts, styles or markup); nothing to extract",
        path.display()
    )]
    NoArticleText { path: PathBuf },
    #[error("cannot write an extracted fact sheet: {0}")]
    Sheet(serde_json::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Store(err) => err.help(),
            Self::Merge(err) => err.help(),
            Self::NoArticleText { .. } => {
                Some("give the article's text, or its HTML page with the story in the body".into())
            }
            Self::Read { .. } | Self::Ontology(_) | Self::Extractor(_) | Self::Sheet(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub base: IriBase,
    /// Domain and range mismatches are warnings, not errors.
    pub lenient: bool,
    /// Check only; write nothing.
    pub dry_run: bool,
}

/// What happened, for the summary line and the exit code.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub sheets: usize,
    pub articles_written: usize,
    pub articles_unchanged: usize,
    /// The ids of the articles of the sheets written, and of those skipped as unchanged.
    pub written_ids: Vec<String>,
    pub unchanged_ids: Vec<String>,
    pub sheets_with_errors: usize,
    pub entities: usize,
    pub facts: usize,
    pub quads_written: usize,
    pub seconds: f64,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// What `ingest --json` and `validate --json` say of a run over `inputs`.
    pub fn summary<'a>(&'a self, inputs: &Inputs) -> Summary<'a> {
        Summary {
            articles_unchanged: self.articles_unchanged,
            articles_written: self.articles_written,
            diagnostics: &self.diagnostics,
            entities: self.entities,
            facts: self.facts,
            quads_written: self.quads_written,
            seconds: self.seconds,
            sheets: self.sheets,
            sheets_with_errors: self.sheets_with_errors,
            skipped_files: inputs.skipped.len(),
        }
    }
}

/// A run's counts and every diagnostic, as programs read them; keys in alphabetical order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary<'a> {
    pub articles_unchanged: usize,
    pub articles_written: usize,
    pub diagnostics: &'a [Diagnostic],
    pub entities: usize,
    pub facts: usize,
    pub quads_written: usize,
    pub seconds: f64,
    pub sheets: usize,
    pub sheets_with_errors: usize,
    /// Files among the inputs that are neither sheets, articles nor datasets.
    pub skipped_files: usize,
}

/// Progress, reported as work advances.
#[derive(Debug, Clone)]
pub enum Progress {
    /// An article among the inputs was read with a warning; its sheet is checked with the others.
    Extracted(ArticleWarning),
    Checking {
        done: usize,
        total: usize,
    },
    Writing {
        done: usize,
        total: usize,
    },
}

/// A sheet that passed its checks in the first pass.
struct Accepted {
    input: usize,
    hash: String,
}

/// Checks every sheet; with a store, writes each valid, changed sheet's article, and keeps the
/// entity graph saved beside the store. Sheets with errors are reported and not written; the
/// others are.
pub fn ingest(
    inputs: &Inputs,
    store: Option<&Store>,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, Error> {
    let Some(written) = store.filter(|_| !options.dry_run) else {
        return run(inputs, store, options, None, &mut |_| {}, progress);
    };
    let writing = Writing::start(written, Ontology::embedded()?);
    let report = run(
        inputs,
        store,
        options,
        None,
        &mut |articles| writing.hand_over(articles),
        progress,
    )?;
    writing.after_write();
    Ok(report)
}

/// [`ingest`], handing each batch of article graphs to `written` once the store holds it, and
/// leaving what is derived from the articles to the caller (the entity graph, see
/// [`crate::graph::cache::Writing`]).
pub fn ingest_passing_on(
    inputs: &Inputs,
    store: &Store,
    options: &Options,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, Error> {
    run(inputs, Some(store), options, None, written, progress)
}

/// [`ingest`] for a process that ingests again and again (a server taking uploads): the
/// stored entities come from `known`, which must reflect the store and is kept up to date with
/// what this call writes, instead of being read from the store each time.
pub fn ingest_with_index(
    inputs: &Inputs,
    store: &Store,
    options: &Options,
    known: &mut KnownIndex,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, Error> {
    run(
        inputs,
        Some(store),
        options,
        Some(known),
        &mut |_| {},
        progress,
    )
}

fn run(
    inputs: &Inputs,
    store: Option<&Store>,
    options: &Options,
    known: Option<&mut KnownIndex>,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, Error> {
    let started = Instant::now();
    let ontology = Ontology::embedded()?;
    // Articles first: one without text stops the run before anything is written.
    let extracted = article::extract_articles(&inputs.articles, store, ontology, &mut |warning| {
        progress(Progress::Extracted(warning));
    })?;
    let sheets: Vec<&Input> = inputs.sheets.iter().chain(&extracted).collect();
    let mut report = Report {
        sheets: sheets.len(),
        ..Report::default()
    };

    // Datasets first, so that the sheets resolve against the entities they bring.
    for path in &inputs.datasets {
        dataset::import_dataset(
            path,
            store.filter(|_| !options.dry_run),
            ontology,
            &mut report,
            written,
        )?;
    }
    let (pins, pin_bytes) = pins::read_pins(&inputs.alias_files, ontology, &mut report)?;
    // Pins shape every identity: with a broken pin file, nothing is written.
    let pins_valid = !report.has_errors();
    let fingerprint = [
        pin_bytes.as_slice(),
        options.base.as_str().as_bytes(),
        ontology::TURTLE.as_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
    ];

    // Pass 1: check, collect mentions.
    let mut accepted = Vec::new();
    let mut mentions: HashSet<Mention> = HashSet::new();
    let mut article_ids: HashMap<String, String> = HashMap::new();
    for (index, input) in sheets.iter().enumerate() {
        progress(Progress::Checking {
            done: index,
            total: sheets.len(),
        });
        let name = input.name();
        let bytes = input.bytes()?;
        let sheet = match check_sheet(&name, &bytes, ontology, options.lenient) {
            Ok((sheet, diagnostics)) => {
                report.diagnostics.extend(diagnostics);
                sheet
            }
            Err(diagnostics) => {
                report.diagnostics.extend(diagnostics);
                report.sheets_with_errors += 1;
                continue;
            }
        };
        if let Some(first) = article_ids.insert(sheet.article.id.clone(), name.clone()) {
            let text = std::str::from_utf8(&bytes).unwrap_or_default();
            report.diagnostics.push(
                Diagnostic::error(&name, format!("the article id {} is also used by {first}", quoted(&sheet.article.id)))
                    .at(PositionIndex::new(text).position_of_pointer("/article/id"))
                    .with_pointer("/article/id")
                    .with_help("each article needs its own id; a second sheet with the same id would replace the first"),
            );
            article_ids.insert(sheet.article.id.clone(), first);
            report.sheets_with_errors += 1;
            continue;
        }
        let hash = sheet_hash(&fingerprint, &bytes);
        let stored_hash = match store {
            Some(store) => store.article_hash(options.base.article(&sheet.article.id).as_ref())?,
            None => None,
        };
        if stored_hash.as_ref() == Some(&hash) {
            report.articles_unchanged += 1;
            report.unchanged_ids.push(sheet.article.id.clone());
            continue;
        }
        mentions.extend(sheet.entities.iter().map(Mention::from_entity));
        accepted.push(Accepted { input: index, hash });
    }
    let Some(store) = store.filter(|_| !options.dry_run && pins_valid) else {
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    };

    let mentions: Vec<Mention> = mentions.into_iter().collect();
    let resolved = match (&known, accepted.is_empty()) {
        (_, true) => Vec::new(),
        (Some(index), false) => resolve_among(
            &mentions,
            &pins,
            &index.candidates(&mentions, ontology),
            &|iri| index.contains(iri),
            ontology,
            &options.base,
        ),
        (None, false) => resolve(
            &mentions,
            &pins,
            &store.known_entities(ontology)?,
            ontology,
            &options.base,
        ),
    };
    let resolved = follow_merges(store, resolved)?;
    let identities: HashMap<&Mention, Resolved> = mentions.iter().zip(resolved).collect();

    // Pass 2: map and write.
    if !accepted.is_empty() {
        store.ensure_ontology()?;
    }
    let mut batch: Vec<ArticleGraph> = Vec::new();
    let mut batch_quads = 0;
    let mut entities = HashSet::new();
    for (done, item) in accepted.iter().enumerate() {
        progress(Progress::Writing {
            done,
            total: accepted.len(),
        });
        let input = sheets[item.input];
        let bytes = input.bytes()?;
        // The bytes passed every check in the first pass, so they are only parsed again; a file
        // that changed in between is left for the next run.
        if sheet_hash(&fingerprint, &bytes) != item.hash {
            continue;
        }
        let parsed = model::decode(&input.name(), &bytes)
            .and_then(|text| model::parse_sheet(&input.name(), text));
        let Ok(sheet) = parsed else { continue };
        let resolved: Option<Vec<Resolved>> = sheet
            .entities
            .iter()
            .map(|e| identities.get(&Mention::from_entity(e)).cloned())
            .collect();
        let Some(resolved) = resolved else { continue };
        entities.extend(resolved.iter().map(|r| r.iri.clone()));
        report.facts += sheet.facts.len();
        report.written_ids.push(sheet.article.id.clone());
        let graph = article_graph(&sheet, &resolved, ontology, &options.base, &item.hash);
        batch_quads += graph.quads.len();
        batch.push(graph);
        if batch_quads >= BATCH_QUADS {
            write_batch(store, &mut batch, ontology, &mut report, written)?;
            batch_quads = 0;
        }
    }
    write_batch(store, &mut batch, ontology, &mut report, written)?;
    if let Some(index) = known {
        for iri in &entities {
            if let Some(entity) = store.known_entity(iri.as_ref(), ontology)? {
                index.upsert(entity, ontology);
            }
        }
    }
    progress(Progress::Writing {
        done: accepted.len(),
        total: accepted.len(),
    });
    report.entities += entities.len();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Sends identities that a recorded merge absorbed to the entity that absorbed them, under its
/// label: re-ingesting an article keeps a person's merge decisions.
fn follow_merges(store: &Store, mut resolved: Vec<Resolved>) -> Result<Vec<Resolved>, Error> {
    let redirects = crate::merge::redirects(store)?;
    if redirects.is_empty() {
        return Ok(resolved);
    }
    let mut labels: HashMap<String, Option<String>> = HashMap::new();
    for identity in &mut resolved {
        let Some(target) = redirects.get(identity.iri.as_str()) else {
            continue;
        };
        let iri = NamedNode::new_unchecked(target);
        if !labels.contains_key(target) {
            let label = store
                .merged_objects(iri.as_ref(), oxigraph::model::vocab::rdfs::LABEL)?
                .into_iter()
                .find_map(|term| match term {
                    oxigraph::model::Term::Literal(label) => Some(label.value().to_owned()),
                    _ => None,
                });
            labels.insert(target.clone(), label);
        }
        // An absorbing entity that is gone since (its articles removed) takes nothing over.
        if let Some(Some(label)) = labels.get(target) {
            identity.label = label.clone();
            identity.iri = iri;
        }
    }
    Ok(resolved)
}

/// Many articles new to the store go in with the bulk loader; the others, and a few, in a
/// transaction that replaces their earlier graphs. Hands the articles, once written, to
/// `written`.
fn store_articles(
    store: &Store,
    articles: Vec<ArticleGraph>,
    ontology: &Ontology,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
) -> Result<(), Error> {
    // The bulk loader writes files of its own for each load: worth it for many quads, slower
    // than a transaction for the few of an upload.
    if articles.iter().map(|a| a.quads.len()).sum::<usize>() < BULK_LOAD_QUADS {
        store.write_articles(&articles, ontology)?;
        written(articles);
        return Ok(());
    }
    let mut new = Vec::new();
    let mut replacing = Vec::new();
    for article in articles {
        if store.has_graph(article.graph.as_ref())? {
            replacing.push(article);
        } else {
            new.push(article);
        }
    }
    if !new.is_empty() {
        store.write_new_articles(&new, ontology)?;
        written(new);
    }
    if !replacing.is_empty() {
        store.write_articles(&replacing, ontology)?;
        written(replacing);
    }
    Ok(())
}

/// Writes a batch of articles and counts them.
fn write_batch(
    store: &Store,
    batch: &mut Vec<ArticleGraph>,
    ontology: &Ontology,
    report: &mut Report,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
) -> Result<(), Error> {
    report.articles_written += batch.len();
    report.quads_written += batch.iter().map(|a| a.quads.len()).sum::<usize>();
    store_articles(store, std::mem::take(batch), ontology, written)
}

/// The hash recorded for an article: its sheet's bytes and everything else that shapes its graph.
fn sheet_hash(fingerprint: &[&[u8]], bytes: &[u8]) -> String {
    let mut parts = fingerprint.to_vec();
    parts.push(bytes);
    content_hash(&parts)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_gives_counts_and_diagnostics_with_keys_in_alphabetical_order() {
        use crate::diagnostic::{Diagnostic, Position};
        let report = super::Report {
            diagnostics: vec![
                Diagnostic::error("tests/fixtures/bad/bad_date.json", "invalid date `2021-02-30`")
                    .at(Position {
                        line: 46,
                        column: 17,
                    })
                    .with_pointer("/facts/2/object")
                    .with_help("write {\"date\": \"YYYY-MM-DD\"}; dates are `YYYY-MM-DD` and must exist in the calendar"),
            ],
            sheets: 2,
            sheets_with_errors: 1,
            seconds: 0.111398893,
            ..super::Report::default()
        };
        let inputs = super::Inputs::default();
        assert_eq!(
            serde_json::to_string_pretty(&report.summary(&inputs)).expect("json"),
            r#"{
  "articlesUnchanged": 0,
  "articlesWritten": 0,
  "diagnostics": [
    {
      "column": 17,
      "file": "tests/fixtures/bad/bad_date.json",
      "help": "write {\"date\": \"YYYY-MM-DD\"}; dates are `YYYY-MM-DD` and must exist in the calendar",
      "line": 46,
      "message": "invalid date `2021-02-30`",
      "pointer": "/facts/2/object",
      "severity": "error"
    }
  ],
  "entities": 0,
  "facts": 0,
  "quadsWritten": 0,
  "seconds": 0.111398893,
  "sheets": 2,
  "sheetsWithErrors": 1,
  "skippedFiles": 0
}"#
        );
    }
    use super::*;

    const ARTICLE: &str = "Trump bans eight Chinese apps\n\nWASHINGTON - U.S. President Donald Trump signed Executive Order 13971 on Tuesday, Jan. 5, 2021. \
        Executive Order 13971 bans transactions with Alipay, WeChat Pay and CamScanner.\n";

    fn options() -> Options {
        Options {
            base: IriBase::default(),
            lenient: false,
            dry_run: false,
        }
    }

    #[test]
    fn article_files_among_the_inputs_are_extracted_and_written() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("alipay-ban.txt");
        std::fs::write(&file, ARTICLE).expect("article");
        let inputs = collect_inputs(&[file], &mut std::io::empty()).expect("inputs");
        assert_eq!(inputs.articles.len(), 1);
        let store = Store::open(&dir.path().join("store")).expect("store");
        let report = ingest(&inputs, Some(&store), &options(), &mut |_| {}).expect("ingest");
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        assert_eq!(report.sheets, 1);
        assert_eq!(report.articles_written, 1);
        assert!(report.facts > 0);
        let stored: Vec<String> = store
            .article_list()
            .expect("articles")
            .into_iter()
            .filter_map(|article| article.id)
            .collect();
        assert_eq!(stored, report.written_ids);
        let again = ingest(&inputs, Some(&store), &options(), &mut |_| {}).expect("again");
        assert_eq!(again.unchanged_ids, report.written_ids);
    }

    #[test]
    fn an_extracted_article_is_named_by_its_text_not_its_file() {
        let dir = tempfile::tempdir().expect("dir");
        let files = [dir.path().join("one.txt"), dir.path().join("two.txt")];
        for file in &files {
            std::fs::write(file, ARTICLE).expect("article");
        }
        let extractor =
            extractor(None, Ontology::embedded().expect("ontology")).expect("extractor");
        let ids: Vec<String> = files
            .iter()
            .map(|file| {
                let sheet = extract_sheet(
                    &extractor,
                    file,
                    ARTICLE.as_bytes(),
                    crate::extract::TextFormat::Plain,
                    &crate::extract::ArticleMetadata::default(),
                )
                .expect("sheet")
                .sheet;
                sheet.article.id
            })
            .collect();
        assert_eq!(ids[0], ids[1]);
        assert!(ids[0].starts_with("article-"), "{}", ids[0]);
    }
}
