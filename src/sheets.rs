//! Fact sheets written into a folder for a person to review before they are ingested: which
//! article files the command-line paths name, and writing one sheet per article without ever
//! losing a sheet someone may have corrected by hand.

use std::path::{Path, PathBuf};

use crate::diagnostic::Help;
use crate::ingest;
use crate::model::FactSheet;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} holds no article files (*.txt, *.text, *.md, *.markdown, *.html, *.htm)")]
    NoArticles(PathBuf),
    #[error(transparent)]
    Ingest(#[from] ingest::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::NoArticles(_) => Some("point at a folder of articles, or name the files".into()),
            Self::Ingest(err) => err.help(),
            Self::Read { .. } | Self::Write { .. } => None,
        }
    }
}

/// The article files the paths name: a folder stands for the article files under it (walked as
/// `ingest` walks, sorted, hidden entries skipped); a file is an article whatever its name.
pub fn article_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found =
                ingest::collect_inputs(std::slice::from_ref(path), &mut std::io::empty())?.articles;
            if found.is_empty() {
                return Err(Error::NoArticles(path.clone()));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// What became of a sheet written into a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No file of that name was there.
    Written,
    /// The file held this very sheet already.
    Unchanged,
    /// The file held another sheet, and `replace` allowed to overwrite it.
    Replaced,
    /// The file held another sheet (perhaps corrected by hand) and was left as it was.
    Kept,
}

/// The file a sheet named `name` is written to in `dir`. The name is the article file's, made
/// a slug (letters, digits and `._~-`), so it is a safe file name, and a person finds the sheet
/// of each article by the article's name.
pub fn sheet_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.json"))
}

/// Writes `sheet` as pretty JSON into `dir` (created if missing) under `name`. A file of that
/// name holding something else is replaced only when `replace` says so; the new file is
/// written beside it and renamed over it, so a crash leaves the old file or the new one.
pub fn write_sheet(
    dir: &Path,
    name: &str,
    sheet: &FactSheet,
    replace: bool,
) -> Result<Outcome, Error> {
    let path = sheet_path(dir, name);
    let write_error = |source| Error::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })?;
    let mut bytes = serde_json::to_vec_pretty(sheet).map_err(|err| write_error(err.into()))?;
    bytes.push(b'\n');
    let outcome = match std::fs::read(&path) {
        Ok(existing) if existing == bytes => return Ok(Outcome::Unchanged),
        Ok(_) if !replace => return Ok(Outcome::Kept),
        Ok(_) => Outcome::Replaced,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Outcome::Written,
        Err(source) => {
            return Err(Error::Read {
                path: path.clone(),
                source,
            });
        }
    };
    let partial = dir.join(format!(".{name}.json.partial"));
    std::fs::write(&partial, &bytes).map_err(write_error)?;
    std::fs::rename(&partial, &path).map_err(write_error)?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(id: &str, title: &str) -> FactSheet {
        serde_json::from_value(serde_json::json!({
            "article": { "id": id, "title": title }, "entities": [], "facts": []
        }))
        .unwrap()
    }

    #[test]
    fn a_different_sheet_is_kept_unless_replacing_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sheets");
        assert_eq!(
            write_sheet(&out, "a-1", &sheet("a-1", "First"), false).unwrap(),
            Outcome::Written
        );
        assert_eq!(
            write_sheet(&out, "a-1", &sheet("a-1", "First"), false).unwrap(),
            Outcome::Unchanged
        );
        let corrected = out.join("a-1.json");
        std::fs::write(&corrected, "{\"corrected\": true}").unwrap();
        assert_eq!(
            write_sheet(&out, "a-1", &sheet("a-1", "First"), false).unwrap(),
            Outcome::Kept
        );
        assert_eq!(
            std::fs::read_to_string(&corrected).unwrap(),
            "{\"corrected\": true}"
        );
        assert_eq!(
            write_sheet(&out, "a-1", &sheet("a-1", "Second"), true).unwrap(),
            Outcome::Replaced
        );
        let written: FactSheet =
            serde_json::from_slice(&std::fs::read(&corrected).unwrap()).unwrap();
        assert_eq!(written.article.title, "Second");
        let names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a-1.json"], "no partial file is left behind");
    }

    #[test]
    fn a_folder_without_articles_is_an_error_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sheet.json"), "{}").unwrap();
        let err = article_files(&[dir.path().to_owned()]).unwrap_err();
        assert!(matches!(err, Error::NoArticles(ref p) if p == dir.path()));
        std::fs::write(dir.path().join("b.html"), "<p>B</p>").unwrap();
        std::fs::write(dir.path().join("a.txt"), "A").unwrap();
        let named = dir.path().join("c.note");
        assert_eq!(
            article_files(&[dir.path().to_owned(), named.clone()]).unwrap(),
            [dir.path().join("a.txt"), dir.path().join("b.html"), named]
        );
    }
}
