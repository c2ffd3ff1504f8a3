//! The command line's paths sorted into the kinds of input: fact sheets, articles, datasets
//! and pin files.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::extract::TextFormat;

use super::Error;
use super::dataset::dataset_format;
use super::pins::ALIAS_FILE_NAME;

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

    pub(super) fn bytes(&self) -> Result<Vec<u8>, Error> {
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
    let mut walked = HashSet::new();
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
fn walk(dir: &Path, inputs: &mut Inputs, walked: &mut HashSet<PathBuf>) -> Result<(), Error> {
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
