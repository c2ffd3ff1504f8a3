//! Where an export goes: a stream, or a path that holds the finished export or nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Error, Output};

/// Standard output or any stream, or a path.
pub enum Destination<'a> {
    Stream(&'a mut dyn Write),
    /// A file that appears only once it is complete (a folder, for a format of several files).
    /// What is there and is no file (`/dev/null`, a named pipe) is written as it is: a finished
    /// file renamed over it would replace the device or the pipe, not feed it.
    Path(&'a Path),
}

impl Destination<'_> {
    /// The file written, if the destination is a file.
    pub(super) fn file(&self) -> Option<&Path> {
        match self {
            Self::Path(path) if std::fs::metadata(path).is_ok_and(|m| m.is_file()) => Some(path),
            _ => None,
        }
    }

    /// Writes the export with `write`, whole or not at all.
    pub(super) fn write(
        &mut self,
        write: impl FnOnce(&mut Output<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let output = match self {
            Self::Stream(stream) => return write(&mut Output::stream(*stream)),
            Self::Path(path) => *path,
        };
        if std::fs::metadata(output).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let mut device = std::fs::OpenOptions::new()
                .write(true)
                .open(output)
                .map_err(|source| Error::Open {
                    path: output.to_owned(),
                    source,
                })?;
            let mut out = Output::stream(&mut device);
            write(&mut out)?;
            return Ok(out.flush()?);
        }
        let staging = sibling(output, "partial");
        let result = (|| {
            let file = std::fs::File::create(&staging).map_err(|source| Error::Create {
                path: staging.clone(),
                source,
            })?;
            let mut out = Output::file(&file);
            write(&mut out)?;
            out.flush()?;
            Ok(())
        })();
        if let Err(err) = result {
            let _ = std::fs::remove_file(&staging);
            return Err(err);
        }
        replace(&staging, output)
    }

    /// Writes a folder of files with `write`, into a folder beside the destination that
    /// replaces it once complete.
    pub(super) fn write_folder(
        &self,
        write: impl FnOnce(&Path) -> io::Result<()>,
    ) -> Result<(), Error> {
        let Self::Path(output) = self else {
            return Err(Error::FolderToStream);
        };
        let staging = sibling(output, "partial");
        write(&staging).map_err(|source| Error::Write {
            path: staging.clone(),
            source,
        })?;
        replace(&staging, output)
    }
}

/// The path with `.suffix` added to its name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".{suffix}"));
    path.with_file_name(name)
}

/// Moves a finished file or directory into place, replacing what was there.
fn replace(staging: &Path, output: &Path) -> Result<(), Error> {
    if output.is_dir() {
        std::fs::remove_dir_all(output).map_err(|source| Error::Replace {
            path: output.to_owned(),
            source,
        })?;
    }
    std::fs::rename(staging, output).map_err(|source| Error::Write {
        path: output.to_owned(),
        source,
    })
}
