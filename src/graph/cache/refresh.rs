//! The entity graph of a long-lived process (the server): answers come from the last graph
//! made, while a thread of its own brings it up to date after writes (patched with what they
//! changed when they went article by article, else built anew), so that a stream of writes
//! never stalls them; only the very first answer waits for a graph.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::graph::{Error, Projection};
use crate::ontology::Ontology;
use crate::store::{ChangeFeed, Store};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RefreshError {
    #[error("cannot build the entity graph: {0}")]
    Build(#[from] Error),
    /// The process is shutting down: builds give up rather than hold it.
    #[error("the entity graph is closing")]
    Closing,
}

/// What a refresh did, for the process's log.
#[derive(Debug)]
pub enum Refreshed<'a> {
    Ready {
        /// Patched rather than built.
        patched: bool,
        /// How many article graphs the writes since the last refresh changed.
        articles: usize,
        edges: usize,
        took: Duration,
    },
    Failed(&'a RefreshError),
}

/// The entity graph kept up to date in the background, with what the process derives from
/// each version of it (`G`, such as a name index).
pub struct Refresher<G> {
    inner: Arc<Inner<G>>,
}

type Prepare<G> = Box<dyn Fn(Arc<Projection>) -> G + Send + Sync>;
type Report = Box<dyn Fn(Refreshed<'_>) + Send + Sync>;

struct Inner<G> {
    store: Store,
    ontology: &'static Ontology,
    /// What the writes since the last refresh changed.
    feed: ChangeFeed,
    prepare: Prepare<G>,
    report: Report,
    current: RwLock<Option<Current<G>>>,
    building: Mutex<()>,
    updating: AtomicBool,
    /// The thread updating the graph, joined at closing: RocksDB aborts the process if it
    /// exits while a thread still reads the store.
    updater: Mutex<Option<JoinHandle<()>>>,
    closing: AtomicBool,
}

/// One version of the graph, and the store's generation it describes.
struct Current<G> {
    projection: Arc<Projection>,
    prepared: Arc<G>,
    generation: u64,
}

impl<G> Clone for Current<G> {
    fn clone(&self) -> Self {
        Self {
            projection: Arc::clone(&self.projection),
            prepared: Arc::clone(&self.prepared),
            generation: self.generation,
        }
    }
}

impl<G: Send + Sync + 'static> Refresher<G> {
    /// Follows the writes through `store` (and its clones) from now on; `prepare` derives what
    /// the process keeps beside each version of the graph, and `report` hears of each refresh.
    pub fn new(
        store: Store,
        ontology: &'static Ontology,
        prepare: impl Fn(Arc<Projection>) -> G + Send + Sync + 'static,
        report: impl Fn(Refreshed<'_>) + Send + Sync + 'static,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                feed: store.follow_changes(),
                store,
                ontology,
                prepare: Box::new(prepare),
                report: Box::new(report),
                current: RwLock::new(None),
                building: Mutex::new(()),
                updating: AtomicBool::new(false),
                updater: Mutex::new(None),
                closing: AtomicBool::new(false),
            }),
        }
    }

    /// The graph: the last one made, brought up to date in the background when the store has
    /// been written since; the first call waits for a build.
    pub fn graph(&self) -> Result<Arc<G>, RefreshError> {
        let inner = &self.inner;
        if let Some(current) = inner.current() {
            if current.generation != inner.store.generation() {
                self.after_write();
            }
            return Ok(current.prepared);
        }
        let _building = inner
            .building
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = inner.current() {
            return Ok(current.prepared);
        }
        let current = inner.refreshed()?;
        let prepared = Arc::clone(&current.prepared);
        *inner
            .current
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(current);
        Ok(prepared)
    }

    /// Brings the graph up to date with the store in the background, unless that is under
    /// way already; a write after the thread read the store makes it go round again.
    pub fn after_write(&self) {
        let mut updater = self
            .inner
            .updater
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if self.inner.closing.load(Ordering::SeqCst)
            || self.inner.updating.swap(true, Ordering::SeqCst)
        {
            return;
        }
        if let Some(finished) = updater.take() {
            let _ = finished.join();
        }
        let inner = Arc::clone(&self.inner);
        *updater = Some(std::thread::spawn(move || {
            loop {
                let target = inner.store.generation();
                {
                    let _building = inner
                        .building
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    match inner.refreshed() {
                        Ok(current) => {
                            *inner
                                .current
                                .write()
                                .unwrap_or_else(PoisonError::into_inner) = Some(current);
                        }
                        Err(_) if inner.closing.load(Ordering::SeqCst) => {}
                        Err(err) => (inner.report)(Refreshed::Failed(&err)),
                    }
                }
                if inner.closing.load(Ordering::SeqCst) || inner.store.generation() == target {
                    break;
                }
            }
            inner.updating.store(false, Ordering::SeqCst);
        }));
    }

    /// Makes builds under way give up, and no more start: the process is shutting down.
    pub fn stop(&self) {
        self.inner.closing.store(true, Ordering::SeqCst);
    }

    /// Stops, waits for the background thread, and saves the current graph beside the store
    /// if it describes the store as it is: writes removed the saved one, and a current one
    /// spares the next start a build.
    pub fn close(&self) {
        let running = {
            let mut updater = self
                .inner
                .updater
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            self.stop();
            updater.take()
        };
        if let Some(thread) = running {
            let _ = thread.join();
        }
        let inner = &self.inner;
        if let Some(current) = inner.current() {
            if current.generation == inner.store.generation() {
                let _ = current
                    .projection
                    .save(&inner.store, current.generation, inner.ontology);
            }
        }
    }
}

impl<G> Inner<G> {
    fn current(&self) -> Option<Current<G>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The graph as the store is now: the current one patched with what the writes since
    /// changed, when they went article by article, else built anew.
    fn refreshed(&self) -> Result<Current<G>, RefreshError> {
        let started = Instant::now();
        let generation = self.store.generation();
        let changes = self.feed.take();
        // A write under way has moved the generation but not yet given its changes (they come
        // when it ends, with another move), and a write of the ontology's graph gives none:
        // with none recorded, the graph describes the store as the generation read here does,
        // and building it anew would only repeat it.
        if changes.is_empty() {
            if let Some(current) = self.current() {
                return Ok(Current {
                    generation,
                    ..current
                });
            }
        }
        let patched = self.current().and_then(|current| {
            current
                .projection
                .patched(&self.store, self.ontology, &changes)
                .ok()
                .flatten()
        });
        let was_patched = patched.is_some();
        let projection = match patched {
            Some(projection) => projection,
            None => Projection::from_store_unless(&self.store, self.ontology, &self.closing)?
                .ok_or(RefreshError::Closing)?,
        };
        (self.report)(Refreshed::Ready {
            patched: was_patched,
            articles: changes.articles.len(),
            edges: projection.edge_count(),
            took: started.elapsed(),
        });
        let projection = Arc::new(projection);
        // The default path query's hub table takes seconds at scale: loaded from beside the
        // store when saved there for this graph, else worked out and saved, on a thread of its
        // own; queries meanwhile go without it, with the same answers. If no thread can be
        // had, they always do.
        let building = Arc::clone(&projection);
        let store = self.store.clone();
        let _ = std::thread::Builder::new()
            .name("hub-table".into())
            .spawn(move || building.load_or_prepare_hub_table(&store, generation));
        Ok(Current {
            prepared: Arc::new((self.prepare)(Arc::clone(&projection))),
            projection,
            generation,
        })
    }
}
