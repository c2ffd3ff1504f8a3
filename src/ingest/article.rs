//! Articles (plain text, Markdown, HTML) turned into fact sheets by the built-in extractor, the
//! same way whether they come as files to `ingest` or `extract`, or as an upload to the server.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::extract::{
    ArticleMetadata, Extractor, TextFormat, date_in_name, known_names, read_article,
};
use crate::model::FactSheet;
use crate::ontology::Ontology;
use crate::store::Store;

use super::{Error, Input};

/// How an article was read, for its reader to know; its sheet is made all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArticleWarning {
    /// The bytes were not UTF-8, and were read as Windows-1252.
    NotUtf8 { path: PathBuf },
    /// No date was given, nor found in the page, the text or the file name.
    NoPublicationDate { path: PathBuf },
}

impl fmt::Display for ArticleWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 { path } => write!(
                f,
                "warning: {} is not UTF-8; it was read as Windows-1252",
                path.display()
            ),
            Self::NoPublicationDate { path } => write!(
                f,
                "warning: {}: no publication date found (no --date, page metadata, date line near the top or YYYY-MM-DD in the file name); relative dates (\"on Tuesday\") are not resolved, and --since/--until leave its facts out\n  help: give --date YYYY-MM-DD",
                path.display()
            ),
        }
    }
}

/// An article's fact sheet, and what its reader should know about how it was read.
#[derive(Debug)]
pub struct Extracted {
    pub sheet: FactSheet,
    pub warnings: Vec<ArticleWarning>,
}

/// The extractor, knowing the entities of the store when there is one.
pub fn extractor(store: Option<&Store>, ontology: &Ontology) -> Result<Extractor, Error> {
    let stored = match store {
        Some(store) => known_names(store.known_entities(ontology)?, ontology),
        None => Vec::new(),
    };
    Ok(Extractor::new(stored)?)
}

/// Reads an article into its fact sheet. `path` names it in messages (a file, `stdin`, a
/// request body), and a date in its file name is the publication date when the text has none.
///
/// The article id, unless `given` has one, is the extractor's own: a hash of the article's
/// text (`article-…`). Not the file's name, under which other text may come later and which
/// the same text may not have (a copy, an upload); not a rule per road either. So the same text
/// is one article however it comes in, and sending it again finds it unchanged instead of
/// adding a second article that states the same facts.
pub fn extract_sheet(
    extractor: &Extractor,
    path: &Path,
    bytes: &[u8],
    format: TextFormat,
    given: &ArticleMetadata,
) -> Result<Extracted, Error> {
    let (text, mut metadata, not_utf8) = read_article(bytes, format, given);
    // With no text and no title given, the sheet would have an empty title, which no sheet
    // may have.
    if text.trim().is_empty() && metadata.title.is_none() {
        return Err(Error::NoArticleText {
            path: path.to_owned(),
        });
    }
    let mut warnings = Vec::new();
    if not_utf8 {
        warnings.push(ArticleWarning::NotUtf8 {
            path: path.to_owned(),
        });
    }
    if metadata.published.is_none() {
        metadata.published = extractor.publication_date(&text).or_else(|| {
            path.file_name()
                .and_then(|name| name.to_str())
                .and_then(date_in_name)
        });
    }
    if metadata.published.is_none() {
        warnings.push(ArticleWarning::NoPublicationDate {
            path: path.to_owned(),
        });
    }
    Ok(Extracted {
        sheet: extractor.extract(&text, &metadata),
        warnings,
    })
}

/// Reads an article file into its fact sheet, as [`extract_sheet`] does, in `format`, else the
/// format its extension names, else plain text.
pub fn extract_file(
    extractor: &Extractor,
    path: &Path,
    format: Option<TextFormat>,
    given: &ArticleMetadata,
) -> Result<Extracted, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let format = format
        .or_else(|| TextFormat::of_path(path))
        .unwrap_or(TextFormat::Plain);
    extract_sheet(extractor, path, &bytes, format, given)
}

/// An article's fact sheet as an input to ingest, named after the article.
pub fn extracted_input(
    extractor: &Extractor,
    path: &Path,
    bytes: &[u8],
    format: TextFormat,
    given: &ArticleMetadata,
) -> Result<(Input, Vec<ArticleWarning>), Error> {
    let Extracted { sheet, warnings } = extract_sheet(extractor, path, bytes, format, given)?;
    Ok((as_input(path, &sheet)?, warnings))
}

/// An extracted sheet as an input to ingest, named after its article.
fn as_input(path: &Path, sheet: &FactSheet) -> Result<Input, Error> {
    Ok(Input::Memory {
        name: format!("{} (as extracted)", path.display()),
        bytes: serde_json::to_vec_pretty(sheet).map_err(Error::Sheet)?,
    })
}

/// The sheets of the article files among the inputs, each warning given to `warn` as it is
/// found, so that it comes before an error that stops the run.
pub(super) fn extract_articles(
    paths: &[PathBuf],
    store: Option<&Store>,
    ontology: &Ontology,
    warn: &mut dyn FnMut(ArticleWarning),
) -> Result<Vec<Input>, Error> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let extractor = extractor(store, ontology)?;
    paths
        .iter()
        .map(|path| {
            let Extracted { sheet, warnings } =
                extract_file(&extractor, path, None, &ArticleMetadata::default())?;
            warnings.into_iter().for_each(&mut *warn);
            as_input(path, &sheet)
        })
        .collect()
}
