//! What the store tells those who keep something derived from its content: a stamp that moves
//! with every write, a feed of what writes changed, a folder of derived files that every write
//! empties before it touches the store, and a mark while the merged graph may lack a fact some
//! article states. The store knows nothing of what is derived; it only keeps these promises.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use oxigraph::model::{NamedNode, NamedNodeRef, Quad};

use super::{Error, Store};

/// The folder inside the store's directory that holds the derived files.
const DERIVED_DIR: &str = "factgraph-derived";
/// Beside the store's own files while its merged graph may lack a fact some article graph
/// states: set before each write that does not keep them in step (an update, a write of the
/// default graph), taken away once a check finds them in step. While it is there, what is
/// derived from the article graphs cannot be brought up to date from what writes changed: a
/// change that brings such a fact into the merged graph would miss the articles that stated it
/// already.
const OUT_OF_STEP: &str = "factgraph-out-of-step";
/// Derived files whose names end so are being saved, and those whose names begin so are
/// scratch space: a write leaves both to their writers.
pub const PARTIAL: &str = ".partial";
pub const SCRATCH: &str = "scratch-";

/// What the store keeps for those who derive files from it; shared by the store's clones.
pub(super) struct Derived {
    dir: PathBuf,
    /// Moves at the start and at the end of every write: a file computed from a read that
    /// overlapped a write would describe neither state, and is not kept.
    generation: AtomicU64,
    lock: Mutex<()>,
    /// What writes changed since each feed last took them, by feed.
    feeds: Mutex<BTreeMap<u64, Changes>>,
    next_feed: AtomicU64,
}

impl Derived {
    pub(super) fn in_store(path: &Path) -> Self {
        Self {
            dir: path.join(DERIVED_DIR),
            generation: AtomicU64::new(0),
            lock: Mutex::new(()),
            feeds: Mutex::new(BTreeMap::new()),
            next_feed: AtomicU64::new(0),
        }
    }

    /// The folder the store lives in.
    pub(super) fn store_folder(&self) -> &Path {
        self.dir.parent().unwrap_or(&self.dir)
    }

    /// Orders a write's start against a derived file's saving.
    fn exclusive(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn feeds(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Changes>> {
        self.feeds.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What writes changed, for a process that keeps something derived from the store up to date
/// rather than computing it again from every quad.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// The article graphs written or removed.
    pub articles: BTreeSet<NamedNode>,
    /// Those graphs' quads before the writes.
    pub before: Vec<Quad>,
    /// Some write was not article by article (an update of the default graph, or of graphs
    /// it names by variable): anything may have changed. Writing the ontology's graph is not
    /// one.
    pub everything: bool,
    /// Some write changed article graphs without keeping the merged graph in step (an
    /// update): a fact a changed graph states may be missing from it.
    pub merged_behind: bool,
    /// Quads updates put into or took out of the merged graph, as their texts gave them: what
    /// they say of entities and facts is read again, as what changed articles say is.
    pub merged: Vec<Quad>,
}

impl Changes {
    fn merge(&mut self, other: Changes) {
        self.articles.extend(other.articles);
        self.before.extend(other.before);
        self.everything |= other.everything;
        self.merged_behind |= other.merged_behind;
        self.merged.extend(other.merged);
    }

    /// Whether the writes changed neither an article graph nor the merged graph.
    pub fn is_empty(&self) -> bool {
        !self.everything && self.articles.is_empty() && self.merged.is_empty()
    }
}

/// One reader's feed of what writes through the store (and its clones) changed since it last
/// took them; feeds are read independently of each other. Writes cost more while any feed is
/// open: they read the graphs they replace, to record them.
pub struct ChangeFeed {
    derived: Arc<Derived>,
    id: u64,
}

impl ChangeFeed {
    /// What the writes finished since the feed was opened or last taken changed. A
    /// [`Store::generation`] read before the call stamps the state they lead to: every write
    /// that stamp counts as finished is in them.
    pub fn take(&self) -> Changes {
        self.derived
            .feeds()
            .get_mut(&self.id)
            .map(std::mem::take)
            .unwrap_or_default()
    }
}

impl Drop for ChangeFeed {
    fn drop(&mut self) {
        self.derived.feeds().remove(&self.id);
    }
}

/// Held for the length of one write; records what it changed when it ends.
pub(super) struct Changing<'a> {
    derived: &'a Derived,
    /// Whether any feed is open, and the write must record what it changes.
    pub(super) keeping: bool,
    pub(super) changes: Changes,
}

impl Changing<'_> {
    /// The write goes article by article: only the graphs named to [`Changing::article`] change.
    pub(super) fn by_article(&mut self) {
        self.changes.everything = false;
    }

    pub(super) fn article(&mut self, graph: NamedNodeRef<'_>, before: &[Quad]) {
        if self.keeping {
            self.changes.articles.insert(graph.into_owned());
            self.changes.before.extend_from_slice(before);
        }
    }
}

impl Drop for Changing<'_> {
    fn drop(&mut self) {
        if self.keeping {
            let mut feeds = self.derived.feeds();
            let mut changes = std::mem::take(&mut self.changes);
            let mut open = feeds.values_mut().peekable();
            while let Some(feed) = open.next() {
                if open.peek().is_some() {
                    feed.merge(changes.clone());
                } else {
                    feed.merge(std::mem::take(&mut changes));
                }
            }
        }
        self.derived.generation.fetch_add(1, Ordering::SeqCst);
    }
}

impl Store {
    /// Empties the derived folder before a write; what it held stays absent until computed
    /// again.
    pub(super) fn changing(&self) -> Result<Changing<'_>, Error> {
        let _exclusive = self.derived.exclusive();
        self.derived.generation.fetch_add(1, Ordering::SeqCst);
        self.remove_derived_files()
            .map_err(|source| Error::Derived {
                path: self.derived.dir.clone(),
                source,
            })?;
        let keeping = !self.derived.feeds().is_empty();
        Ok(Changing {
            derived: &self.derived,
            keeping,
            changes: Changes {
                everything: true,
                ..Changes::default()
            },
        })
    }

    /// Files still being written (a save's partial file, a scratch file before it loses its
    /// name) are left to their writers: removing the folder under them failed the write
    /// whenever a background save was running, and a save the write overtakes is not put in
    /// place anyway (see [`Store::unless_written_since`]).
    fn remove_derived_files(&self) -> std::io::Result<()> {
        let entries = match std::fs::read_dir(&self.derived.dir) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            entries => entries?,
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(PARTIAL) || name.starts_with(SCRATCH) {
                continue;
            }
            let removed = if entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            };
            match removed {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
        Ok(())
    }

    /// Opens a feed of what writes through this store (and its clones) change from now on.
    pub fn follow_changes(&self) -> ChangeFeed {
        let id = self.derived.next_feed.fetch_add(1, Ordering::Relaxed);
        self.derived.feeds().insert(id, Changes::default());
        ChangeFeed {
            derived: Arc::clone(&self.derived),
            id,
        }
    }

    /// A stamp to take before reading the store for something derived from it, and to give
    /// to [`Store::unless_written_since`].
    pub fn generation(&self) -> u64 {
        self.derived.generation.load(Ordering::SeqCst)
    }

    /// The folder for files derived from the store's content. Every write empties it before
    /// it touches the store, so a file found there describes the store as it is; files named
    /// with [`PARTIAL`] or [`SCRATCH`] are left to whoever writes them.
    pub fn derived_folder(&self) -> &Path {
        &self.derived.dir
    }

    /// Runs `publish` (such as putting a derived file in place) unless the store has been
    /// written since `generation`, and while no write can start; `None` when it was written.
    pub fn unless_written_since<T>(
        &self,
        generation: u64,
        publish: impl FnOnce() -> T,
    ) -> Option<T> {
        let _exclusive = self.derived.exclusive();
        (self.generation() == generation).then(publish)
    }

    /// Whether the merged graph may lack a fact some article graph states (see
    /// [`OUT_OF_STEP`]): if so, what is derived from the articles is computed again rather
    /// than brought up to date from [`Changes`].
    pub fn out_of_step(&self) -> bool {
        self.out_of_step_file().exists()
    }

    fn out_of_step_file(&self) -> PathBuf {
        self.derived.store_folder().join(OUT_OF_STEP)
    }

    /// Marks the store out of step before a write that may put it so; on disk before the write
    /// begins, so that no crash can leave the write without its mark.
    pub(super) fn mark_out_of_step(&self) -> Result<(), Error> {
        let path = self.out_of_step_file();
        let durable = || -> std::io::Result<()> {
            if !path.exists() {
                std::fs::File::create(&path)?.sync_all()?;
                if let Some(dir) = path.parent() {
                    std::fs::File::open(dir)?.sync_all()?;
                }
            }
            Ok(())
        };
        durable().map_err(|source| Error::Derived { path, source })
    }

    /// Takes the mark away after a check, begun at `generation`, found every fact the article
    /// graphs state in the merged graph; not if the store has been written since.
    pub fn mark_in_step(&self, generation: u64) -> std::io::Result<()> {
        self.unless_written_since(generation, || {
            match std::fs::remove_file(self.out_of_step_file()) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
                _ => Ok(()),
            }
        })
        .unwrap_or(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writing the ontology's graph changes no article and not everything: what a process
    /// derives from the articles does not read that graph.
    #[test]
    fn writing_the_ontology_is_no_change_to_the_articles() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let feed = store.follow_changes();
        store.ensure_ontology().expect("ontology graph");
        let changes = feed.take();
        assert!(!changes.everything);
        assert!(changes.articles.is_empty());
    }

    /// Each feed sees every write made while it is open, whoever else takes theirs.
    #[test]
    fn feeds_are_read_independently() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let first = store.follow_changes();
        let graph = |n: u32| NamedNode::new_unchecked(format!("http://example.org/article/{n}"));
        let write = |n: u32| {
            let update = format!(
                "INSERT DATA {{ GRAPH {} {{ <http://example.org/a> rdfs:label \"a\" }} }}",
                graph(n)
            );
            store.update(&update).expect("update");
        };
        write(1);
        let second = store.follow_changes();
        write(2);
        assert_eq!(first.take().articles, BTreeSet::from([graph(1), graph(2)]));
        assert!(first.take().is_empty(), "taken once");
        write(3);
        assert_eq!(second.take().articles, BTreeSet::from([graph(2), graph(3)]));
        assert_eq!(first.take().articles, BTreeSet::from([graph(3)]));
        drop(first);
        drop(second);
        assert!(store.derived.feeds().is_empty());
    }
}
