//! The entity graph saved beside the store, a cache of what a build from the store's quads
//! gives: loaded instead of built when the store has not been written since, built and saved
//! when it is missing, patched after article writes (or built from what a write into an empty
//! store hands over), and kept up to date in the background by a long-lived process.

mod files;
mod hub_file;
mod patch;
mod refresh;
mod snapshot;
mod written;

use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

pub(in crate::graph) use files::scratch_file;
pub use hub_file::HubTableFrom;
pub use refresh::{RefreshError, Refreshed, Refresher};
#[cfg(test)]
pub(in crate::graph) use snapshot::FILE;
pub(in crate::graph) use snapshot::SavedAdjacency;

use super::{Builder, Error, GRAPHS_PER_TASK, Projection};
use crate::ontology::Ontology;
use crate::rdf::ArticleGraph;
use crate::store::{ChangeFeed, Store};

/// A write under way, and what the saved graph needs to follow it. Every writer starts one
/// before it writes, hands it the article graphs it writes as the store takes them (ingest
/// does; other writes need not), and calls [`Writing::after_write`] once the write succeeded;
/// a write that failed drops it, and the graph is built when next needed.
///
/// Into a store that held no articles, the graph is built from what the write hands over
/// (see [`written`]); a saved graph is brought up to date by a patch, which takes the changed
/// graphs from what the write handed over and reads the others from the store (see
/// [`patch`]). A crash between the write and the save leaves no saved graph: the store removes
/// it before it writes.
pub struct Writing {
    store: Store,
    ontology: &'static Ontology,
    follows: Follows,
}

/// What the saved graph does after the write.
enum Follows {
    /// There is none to keep: the next query builds it.
    Nothing,
    /// Built from the graphs handed over, the store holding no articles before the write.
    Building {
        feed: ChangeFeed,
        reader: Reader<Option<written::Read>>,
    },
    /// Patched with the graphs handed over and the others the write changed.
    Patching {
        feed: ChangeFeed,
        saved: Box<Projection>,
        reader: Reader<Option<patch::Changed>>,
    },
}

impl Writing {
    /// Loads what the saved graph needs before `store` is written: the graph itself, or the
    /// knowledge that the store holds no articles.
    pub fn start(store: &Store, ontology: &'static Ontology) -> Self {
        let follows = if store.is_bare().unwrap_or(false) {
            let feed = store.follow_changes();
            let builder = Builder::spilling(store);
            Follows::Building {
                feed,
                reader: Reader::start(move |receiver| {
                    written::read_written(receiver, builder, ontology)
                }),
            }
        } else {
            match snapshot::load(store, &snapshot::ontology_stamp(ontology)) {
                Some(saved) => {
                    let feed = store.follow_changes();
                    let changed = patch::Changed::new(store);
                    Follows::Patching {
                        feed,
                        saved: Box::new(saved),
                        reader: Reader::start(move |receiver| changed.handed(receiver, ontology)),
                    }
                }
                None => Follows::Nothing,
            }
        };
        Self {
            store: store.clone(),
            ontology,
            follows,
        }
    }

    /// A write that only a build can follow (a merge, an update whose text does not name what
    /// it writes): nothing is loaded before it.
    pub fn rebuilding(store: &Store, ontology: &'static Ontology) -> Self {
        Self {
            store: store.clone(),
            ontology,
            follows: Follows::Nothing,
        }
    }

    /// Takes a batch of article graphs the store now holds.
    pub fn hand_over(&self, articles: Vec<ArticleGraph>) {
        match &self.follows {
            Follows::Nothing => {}
            Follows::Building { reader, .. } => reader.hand_over(articles),
            Follows::Patching { reader, .. } => reader.hand_over(articles),
        }
    }

    /// Brings the saved graph up to date with the write, and saves it. Only a cache: when it
    /// cannot be, the next query builds the graph.
    pub fn after_write(self) {
        let (store, ontology) = (&self.store, self.ontology);
        match self.follows {
            Follows::Nothing => {}
            Follows::Building { feed, reader } => {
                let read = reader.finish().flatten();
                let generation = store.generation();
                written::save_built(store, ontology, read, &feed.take(), generation);
            }
            Follows::Patching {
                feed,
                saved,
                reader,
            } => {
                let handed = reader.finish().flatten();
                let generation = store.generation();
                patch::patch_saved(store, ontology, &saved, handed, &feed.take(), generation);
            }
        }
    }
}

/// A thread that reads the article graphs a write hands over as they come, so that the write
/// does not wait for the reading.
struct Reader<R> {
    sender: Option<SyncSender<Vec<ArticleGraph>>>,
    thread: Option<JoinHandle<R>>,
}

impl<R: Send + 'static> Reader<R> {
    fn start(read: impl FnOnce(Receiver<Vec<ArticleGraph>>) -> R + Send + 'static) -> Self {
        // One batch waits while the reader reads another: a bounded hand-over keeps a reader
        // slower than the writes from holding every batch.
        let (sender, receiver) = sync_channel(1);
        Self {
            sender: Some(sender),
            thread: Some(std::thread::spawn(move || read(receiver))),
        }
    }

    /// A batch the reader stopped taking (it gave up on the write) is dropped unread.
    fn hand_over(&self, articles: Vec<ArticleGraph>) {
        if let Some(sender) = &self.sender {
            let _ = sender.send(articles);
        }
    }

    /// What the reader made of every batch handed over.
    fn finish(mut self) -> Option<R> {
        self.sender = None;
        self.thread.take().map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

impl<R> Drop for Reader<R> {
    /// The reader ends once no more batches can come; it is waited for, so that no thread of
    /// a failed write outlives it.
    fn drop(&mut self) {
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Who keeps a graph built from the store.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keeper {
    /// A command that answers and exits: the graph as built.
    Command,
    /// A long-lived process: the copy just saved, which leaves the quotes on disk.
    Process,
}

impl Projection {
    /// The graph of the store, for a command that answers and exits: loaded from the copy
    /// saved beside it when the store has not been written since, else built in one pass over
    /// the store's quads and saved for the next time (when the store's folder can be written).
    pub fn from_store(store: &Store, ontology: &Ontology) -> Result<Self, Error> {
        let never = AtomicBool::new(false);
        Ok(load_or_build(store, ontology, &never, Keeper::Command)?
            .expect("a build nobody can cancel finishes"))
    }

    /// As [`Projection::from_store`], for a long-lived process: gives up (`None`, nothing
    /// saved) soon after `cancelled` is set, as a process shutting down must not leave a build
    /// reading the store.
    pub fn from_store_unless(
        store: &Store,
        ontology: &Ontology,
        cancelled: &AtomicBool,
    ) -> Result<Option<Self>, Error> {
        load_or_build(store, ontology, cancelled, Keeper::Process)
    }

    /// Saves the projection beside the store, as [`Projection::from_store`] does after a build,
    /// unless the store has been written since `generation` (see [`Store::generation`]).
    /// Returns whether it was saved.
    pub fn save(
        &self,
        store: &Store,
        generation: u64,
        ontology: &Ontology,
    ) -> std::io::Result<bool> {
        snapshot::save(store, generation, self, &snapshot::ontology_stamp(ontology))
    }
}

/// The saved graph, or one built in a single read of the store and saved.
fn load_or_build(
    store: &Store,
    ontology: &Ontology,
    cancelled: &AtomicBool,
    keeper: Keeper,
) -> Result<Option<Projection>, Error> {
    let stamp = snapshot::ontology_stamp(ontology);
    if let Some(projection) = snapshot::load(store, &stamp) {
        return Ok(Some(projection));
    }
    let generation = store.generation();
    let workers = crate::parallel::cores();
    let read =
        |spill| Builder::read_store(store, ontology, cancelled, workers, GRAPHS_PER_TASK, spill);
    let Some(mut builder) = read(true)? else {
        return Ok(None);
    };
    if builder.quotes.failed() {
        // The scratch file could not take the quotes (a full disk): read again, holding
        // them in memory.
        let Some(in_memory) = read(false)? else {
            return Ok(None);
        };
        builder = in_memory;
    }
    let (projection, in_step) = builder.finish_checked(ontology);
    if in_step && store.out_of_step() {
        // Best effort: a mark left in place only costs later writes their patches.
        let _ = store.mark_in_step(generation);
    }
    // Only a cache: a store on a read-only medium is still queried, just built each time.
    let saved = snapshot::save(store, generation, &projection, &stamp);
    if keeper == Keeper::Process && matches!(saved, Ok(true)) {
        if let Some(saved) = snapshot::load(store, &stamp) {
            return Ok(Some(saved));
        }
    }
    Ok(Some(projection))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{saved_file, sheet_inputs, sheet_versions};
    use crate::ingest::{self, Input};

    /// The library's ingest keeps the saved graph as `factgraph ingest` does: built from what
    /// it writes into an empty store, patched after later writes.
    #[test]
    fn the_library_ingest_keeps_the_saved_graph() {
        let ontology = Ontology::embedded().expect("ontology");
        let versions = sheet_versions();
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        for (id, bytes) in versions.iter().take(2) {
            let (inputs, options) = sheet_inputs(vec![Input::Memory {
                name: format!("{id}.json"),
                bytes: bytes[0].clone(),
            }]);
            let report =
                ingest::ingest(&inputs, Some(&store), &options, &mut |_| {}).expect("ingest");
            assert_eq!(report.articles_written, 1);
            assert!(saved_file(dir.path()).exists(), "after {id}");
        }
        let saved = snapshot::load(&store, &snapshot::ontology_stamp(ontology)).expect("saved");
        let built = Projection::from_quads(store.quads(), ontology).expect("build");
        assert_eq!(saved.articles.len(), 2);
        assert_eq!(
            (saved.node_count(), saved.edge_count()),
            (built.node_count(), built.edge_count())
        );
    }
}
