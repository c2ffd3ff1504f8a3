//! The pipeline from fact-sheet files to the store: read → validate → resolve → map → write.
//!
//! Files are read twice: once to check them and collect their entity mentions (identity needs
//! every mention before any IRI is given), and once to map and write them, so that memory holds
//! the mentions, not the sheets.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, NamedNode, Quad, Term};

use crate::diagnostic::{Diagnostic, Position, Severity, quoted};
use crate::extract::TextFormat;
use crate::graph::cache::Writing;
use crate::model::{self, FactSheet, PositionIndex};
use crate::ontology::{self, Ontology};
use crate::rdf::{ArticleGraph, article_graph};
use crate::resolve::{IriBase, KnownIndex, Mention, Resolved, resolve, resolve_among};
use crate::store::{self, Store};
use crate::text::content_hash;

/// The name of a pin file: where it appears among the inputs, it pins identities instead of
/// describing an article.
pub const ALIAS_FILE_NAME: &str = "aliases.json";

/// Articles are written in batches of about this many quads.
const BATCH_QUADS: usize = 500_000;
/// Below this many quads, new articles are written in a transaction rather than bulk loaded.
const BULK_LOAD_QUADS: usize = 50_000;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {path}: {source}")]
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
}

/// Where a fact sheet comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// Bytes already read (standard input, an upload), with the name errors give them.
    Memory {
        name: String,
        bytes: Vec<u8>,
    },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Memory { name, .. } => name.clone(),
        }
    }

    fn bytes(&self) -> Result<Vec<u8>, Error> {
        match self {
            Self::File(path) => std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            }),
            Self::Memory { bytes, .. } => Ok(bytes.clone()),
        }
    }
}

/// Fact sheets and pin files found under the given paths.
#[derive(Debug, Default)]
pub struct Inputs {
    pub sheets: Vec<Input>,
    pub alias_files: Vec<PathBuf>,
    /// RDF datasets (`*.nq`, `*.trig`), as `factgraph export` writes them.
    pub datasets: Vec<PathBuf>,
    /// Article texts (`*.txt`, `*.md`, `*.html`), for the extractor.
    pub articles: Vec<PathBuf>,
    /// Files in the walked directories that are neither (not `.json`).
    pub skipped: Vec<PathBuf>,
}

/// Expands the command-line paths: directories are walked recursively (sorted, hidden entries
/// skipped), `-` reads standard input.
pub fn collect_inputs(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Inputs, Error> {
    let mut inputs = Inputs::default();
    let mut walked = std::collections::HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            stdin
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
            inputs.sheets.push(Input::Memory {
                name: "-".to_owned(),
                bytes,
            });
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut walked)?;
        } else if path.file_name().is_some_and(|n| n == ALIAS_FILE_NAME) {
            inputs.alias_files.push(path.clone());
        } else if dataset_format(path).is_some() {
            inputs.datasets.push(path.clone());
        } else if TextFormat::of_path(path).is_some() {
            inputs.articles.push(path.clone());
        } else {
            // A missing file is reported when it is read, with the others.
            inputs.sheets.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

/// Walks `dir` unless it was walked already: a link to a folder that is walked anyway (a
/// parent, say) is followed no further, so that links cannot make the walk go round for ever
/// or read a sheet twice.
fn walk(
    dir: &Path,
    inputs: &mut Inputs,
    walked: &mut std::collections::HashSet<PathBuf>,
) -> Result<(), Error> {
    let read_error = |source| Error::Read {
        path: dir.to_owned(),
        source,
    };
    if !walked.insert(std::fs::canonicalize(dir).map_err(read_error)?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_error)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read_error)?;
    entries.sort();
    for path in entries {
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs, walked)?;
        } else if path.file_name().is_some_and(|n| n == ALIAS_FILE_NAME) {
            inputs.alias_files.push(path);
        } else if path.extension().is_some_and(|e| e == "json") {
            inputs.sheets.push(Input::File(path));
        } else if dataset_format(&path).is_some() {
            inputs.datasets.push(path);
        } else if TextFormat::of_path(&path).is_some() {
            inputs.articles.push(path);
        } else {
            inputs.skipped.push(path);
        }
    }
    Ok(())
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
}

/// Progress, reported as work advances.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    Checking { done: usize, total: usize },
    Writing { done: usize, total: usize },
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
    let mut report = Report {
        sheets: inputs.sheets.len(),
        ..Report::default()
    };

    // Datasets first, so that the sheets resolve against the entities they bring.
    for path in &inputs.datasets {
        import_dataset(
            path,
            store.filter(|_| !options.dry_run),
            ontology,
            &mut report,
            written,
        )?;
    }
    let (pins, pin_bytes) = read_pins(&inputs.alias_files, ontology, &mut report)?;
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
    for (index, input) in inputs.sheets.iter().enumerate() {
        progress(Progress::Checking {
            done: index,
            total: inputs.sheets.len(),
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
        let input = &inputs.sheets[item.input];
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

/// The RDF format of a dataset file, by its extension.
fn dataset_format(path: &Path) -> Option<RdfFormat> {
    match path.extension()?.to_str()? {
        "nq" => Some(RdfFormat::NQuads),
        "trig" => Some(RdfFormat::TriG),
        _ => None,
    }
}

/// Reads an RDF dataset, as `export --format nquads|trig` writes it, into the store (or only
/// checks it without one). Each named graph is an article graph and replaces one of the same
/// name; the merged default graph is rebuilt from them as ingest always does, so the file's
/// default graph is not read, and the ontology graph stays the store's own. The file is read
/// twice, once to check it whole, so that a syntax error writes nothing.
fn import_dataset(
    path: &Path,
    store: Option<&Store>,
    ontology: &Ontology,
    report: &mut Report,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
) -> Result<(), Error> {
    let Some(format) = dataset_format(path) else {
        return Ok(());
    };
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })
    };
    let read_error = |err: RdfParseError| match err {
        RdfParseError::Io(source) => Err(Error::Read {
            path: path.to_owned(),
            source,
        }),
        RdfParseError::Syntax(syntax) => Ok(syntax),
    };
    report.sheets += 1;
    for quad in RdfParser::from_format(format).for_reader(open()?) {
        if let Err(err) = quad {
            let syntax = read_error(err)?;
            let mut diagnostic = Diagnostic::error(path.display().to_string(), syntax.to_string())
                .with_help(format!(
                    "the file must be {} as `factgraph export --format {}` writes it",
                    format.name(),
                    if format == RdfFormat::NQuads {
                        "nquads"
                    } else {
                        "trig"
                    }
                ));
            if let Some(place) = syntax.location() {
                diagnostic = diagnostic.at(Position {
                    line: usize::try_from(place.start.line)
                        .unwrap_or(usize::MAX)
                        .saturating_add(1),
                    column: usize::try_from(place.start.column)
                        .unwrap_or(usize::MAX)
                        .saturating_add(1),
                });
            }
            report.diagnostics.push(diagnostic);
            report.sheets_with_errors += 1;
            return Ok(());
        }
    }
    let Some(store) = store else {
        return Ok(());
    };
    store.ensure_ontology()?;
    let mut pending: HashMap<NamedNode, Vec<Quad>> = HashMap::new();
    let mut pending_quads = 0;
    let mut seen = HashSet::new();
    let mut entities = HashSet::new();
    for quad in RdfParser::from_format(format).for_reader(open()?) {
        let quad = match quad {
            Ok(quad) => quad,
            Err(err) => {
                read_error(err)?;
                continue;
            }
        };
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            continue;
        };
        if graph.as_str() == ontology::ONTOLOGY_IRI {
            continue;
        }
        // The summary counts what a sheet's ingest counts: each fact's statement, and the
        // entities the articles type with the ontology's classes.
        if quad.predicate == rdf::TYPE {
            match &quad.object {
                Term::NamedNode(class) if class.as_ref() == rdf::STATEMENT => report.facts += 1,
                Term::NamedNode(class) if ontology.class_by_iri(class.as_str()).is_some() => {
                    entities.insert(quad.subject.clone());
                }
                _ => {}
            }
        }
        pending.entry(graph.clone()).or_default().push(quad);
        pending_quads += 1;
        if pending_quads >= BATCH_QUADS {
            write_graphs(store, &mut pending, &mut seen, ontology, report, written)?;
            pending_quads = 0;
        }
    }
    write_graphs(store, &mut pending, &mut seen, ontology, report, written)?;
    report.articles_written += seen.len();
    report.entities += entities.len();
    Ok(())
}

/// Writes graphs read from a dataset; a graph met again in a later batch is added to.
fn write_graphs(
    store: &Store,
    pending: &mut HashMap<NamedNode, Vec<Quad>>,
    seen: &mut HashSet<NamedNode>,
    ontology: &Ontology,
    report: &mut Report,
    written: &mut dyn FnMut(Vec<ArticleGraph>),
) -> Result<(), Error> {
    let mut articles = Vec::new();
    for (graph, mut quads) in pending.drain() {
        report.quads_written += quads.len();
        if seen.contains(&graph) {
            let mut all = store.graph_quads(graph.as_ref().into())?;
            all.append(&mut quads);
            quads = all;
        }
        seen.insert(graph.clone());
        articles.push(ArticleGraph {
            id: String::new(),
            graph,
            quads,
        });
    }
    store_articles(store, articles, ontology, written)
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

/// Reads and checks one sheet. `Ok` carries warnings; `Err` carries at least one error.
pub fn check_sheet(
    name: &str,
    bytes: &[u8],
    ontology: &Ontology,
    lenient: bool,
) -> Result<(FactSheet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = model::decode(name, bytes).map_err(|d| vec![*d])?;
    let sheet = model::parse_sheet(name, text).map_err(|d| vec![*d])?;
    let findings = ontology::validate(&sheet, ontology, lenient);
    if findings.is_empty() {
        return Ok((sheet, Vec::new()));
    }
    let index = PositionIndex::new(text);
    let diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|finding| Diagnostic {
            severity: finding.severity,
            source: name.to_owned(),
            position: Some(index.position_of_pointer(&finding.pointer)),
            pointer: Some(finding.pointer),
            message: finding.message,
            help: finding.help,
        })
        .collect();
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(diagnostics)
    } else {
        Ok((sheet, diagnostics))
    }
}

/// A pin file: `{"entities": [{"name", "type", "aliases", "sameAs"}]}`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    entities: Vec<PinnedEntity>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PinnedEntity {
    name: String,
    #[serde(rename = "type")]
    class: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default, rename = "sameAs")]
    same_as: Vec<String>,
}

fn read_pins(
    paths: &[PathBuf],
    ontology: &Ontology,
    report: &mut Report,
) -> Result<(Vec<Mention>, Vec<u8>), Error> {
    let mut pins = Vec::new();
    let mut all_bytes = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        all_bytes.extend_from_slice(&bytes);
        let text = match model::decode(&name, &bytes) {
            Ok(text) => text,
            Err(diagnostic) => {
                report.diagnostics.push(*diagnostic);
                continue;
            }
        };
        let shape = r#"{"entities": [{"name": "…", "type": "Company", "aliases": ["…"]}]}"#;
        let file: AliasFile = match model::parse_object(&name, text, shape) {
            Ok(file) => file,
            Err(diagnostic) => {
                report.diagnostics.push(*diagnostic);
                continue;
            }
        };
        let index = PositionIndex::new(text);
        for (i, pinned) in file.entities.into_iter().enumerate() {
            match ontology.class(&pinned.class) {
                Some(class) if !class.is_abstract => {
                    let entity = model::Entity {
                        id: String::new(),
                        name: pinned.name,
                        class: pinned.class,
                        aliases: pinned.aliases,
                        same_as: pinned.same_as,
                    };
                    pins.push(Mention::from_entity(&entity));
                }
                _ => {
                    let pointer = format!("/entities/{i}/type");
                    report.diagnostics.push(
                        Diagnostic::error(&name, format!("unknown or abstract class {}", quoted(&pinned.class)))
                            .at(index.position_of_pointer(&pointer))
                            .with_pointer(pointer)
                            .with_help("use a class of ontology/factgraph.ttl such as Person, Company or Country"),
                    );
                }
            }
        }
    }
    Ok((pins, all_bytes))
}
