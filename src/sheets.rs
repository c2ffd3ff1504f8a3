//! Fact sheets written into a folder for a person to review before they are ingested: which
//! article files the command-line paths name, the name of each article's sheet, and writing one
//! sheet per article without ever losing a sheet someone may have corrected by hand.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Help;
use crate::extract::{ArticleMetadata, Extractor, TextFormat};
use crate::ingest::{self, ArticleWarning, Extracted, extract_file};
use crate::model::FactSheet;
use crate::text::slug;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} holds no article files (*.txt, *.text, *.md, *.markdown, *.html, *.htm)")]
    NoArticles(PathBuf),
    #[error(
        "{} and {} would both be written to {}; nothing was written",
        first.display(),
        second.display(),
        sheet.display()
    )]
    SameSheet {
        first: PathBuf,
        second: PathBuf,
        sheet: PathBuf,
    },
    #[error(
        "not replaced, since each differs from what was extracted and may hold your corrections: {}",
        listed(.0)
    )]
    Kept(Vec<PathBuf>),
    #[error(transparent)]
    Ingest(#[from] ingest::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::NoArticles(_) => Some("point at a folder of articles, or name the files".into()),
            Self::SameSheet { .. } => {
                Some("rename one of the files (the sheet is named after the file)".into())
            }
            Self::Kept(_) => Some(
                "compare them with a fresh extract, then give --force to replace them, or delete them"
                    .into(),
            ),
            Self::Ingest(err) => err.help(),
            Self::Read { .. } | Self::Write { .. } => None,
        }
    }
}

fn listed(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    shown.join(", ")
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

/// An article file's fact sheet, and the name it is written under in a folder of sheets.
#[derive(Debug)]
pub struct NamedSheet {
    pub article: PathBuf,
    pub name: String,
    pub sheet: FactSheet,
}

/// Reads the article files into their sheets (as [`extract_file`] does, each warning given to
/// `warn` as it is found) and names each for the folder `dir`. Every article is read before
/// any sheet is written, so that two articles that would write one file stop the run before it
/// writes anything.
pub fn extract_named(
    extractor: &Extractor,
    files: &[PathBuf],
    format: Option<TextFormat>,
    given: &ArticleMetadata,
    dir: &Path,
    warn: &mut dyn FnMut(ArticleWarning),
) -> Result<Vec<NamedSheet>, Error> {
    let mut named: Vec<NamedSheet> = Vec::with_capacity(files.len());
    let mut first_with_name: HashMap<String, usize> = HashMap::with_capacity(files.len());
    for file in files {
        let Extracted { sheet, warnings } = extract_file(extractor, file, format, given)?;
        warnings.into_iter().for_each(&mut *warn);
        let name = sheet_name(file, given, &sheet);
        if let Some(&first) = first_with_name.get(&name) {
            return Err(Error::SameSheet {
                first: named[first].article.clone(),
                second: file.clone(),
                sheet: sheet_path(dir, &name),
            });
        }
        first_with_name.insert(name.clone(), named.len());
        named.push(NamedSheet {
            article: file.clone(),
            name,
            sheet,
        });
    }
    Ok(named)
}

/// The name of an article file's sheet: the given id, else the file's own name, else (a name
/// of only punctuation) the article's id.
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

/// A sheet written into a folder: where, and what became of the file.
#[derive(Debug)]
pub struct Written<'a> {
    pub sheet: &'a NamedSheet,
    pub path: PathBuf,
    pub outcome: Outcome,
}

/// Writes each sheet into `dir` as [`write_sheet`] does, one per step, so that a caller shows
/// each as it is written. When sheets were kept because they differ ([`Outcome::Kept`]), the
/// last step, after the other sheets are written, is [`Error::Kept`] naming them all.
pub fn write_named<'a>(
    dir: &'a Path,
    sheets: &'a [NamedSheet],
    replace: bool,
) -> impl Iterator<Item = Result<Written<'a>, Error>> + 'a {
    WriteNamed {
        dir,
        replace,
        sheets: sheets.iter(),
        kept: Vec::new(),
    }
}

struct WriteNamed<'a> {
    dir: &'a Path,
    replace: bool,
    sheets: std::slice::Iter<'a, NamedSheet>,
    kept: Vec<PathBuf>,
}

impl<'a> Iterator for WriteNamed<'a> {
    type Item = Result<Written<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let Some(named) = self.sheets.next() else {
            return (!self.kept.is_empty())
                .then(|| Err(Error::Kept(std::mem::take(&mut self.kept))));
        };
        let outcome = match write_sheet(self.dir, &named.name, &named.sheet, self.replace) {
            Ok(outcome) => outcome,
            Err(err) => return Some(Err(err)),
        };
        let path = sheet_path(self.dir, &named.name);
        if outcome == Outcome::Kept {
            self.kept.push(path.clone());
        }
        Some(Ok(Written {
            sheet: named,
            path,
            outcome,
        }))
    }
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
    fn writing_named_sheets_shows_each_then_names_the_kept_ones() {
        let dir = tempfile::tempdir().unwrap();
        let named = |name: &str, title: &str| NamedSheet {
            article: PathBuf::from(format!("{name}.txt")),
            name: name.to_owned(),
            sheet: sheet(name, title),
        };
        let sheets = [
            named("a", "First"),
            named("b", "Second"),
            named("c", "Third"),
        ];
        std::fs::write(dir.path().join("a.json"), "corrected").unwrap();
        std::fs::write(dir.path().join("c.json"), "corrected").unwrap();
        let steps: Vec<_> = write_named(dir.path(), &sheets, false).collect();
        let outcomes: Vec<_> = steps
            .iter()
            .filter_map(|step| step.as_ref().ok())
            .map(|written| (written.sheet.name.as_str(), written.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("a", Outcome::Kept),
                ("b", Outcome::Written),
                ("c", Outcome::Kept)
            ]
        );
        assert_eq!(steps.len(), 4);
        let Some(Err(Error::Kept(kept))) = steps.last() else {
            panic!("the last step is not the kept sheets: {:?}", steps.last());
        };
        assert_eq!(
            kept,
            &[dir.path().join("a.json"), dir.path().join("c.json")]
        );
        assert!(write_named(dir.path(), &sheets, true).all(|step| step.is_ok()));
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
