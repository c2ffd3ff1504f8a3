//! The query time limit: one watchdog thread cancels every query that outlives it.
//!
//! A timer task per query (spawned on the runtime, aborted when the query ended) cost a point
//! query a fifth of the server's throughput: each spawn woke an idle worker thread. Here a
//! query only takes a lock to note its deadline and again to strike it out. All queries get
//! the same limit, so deadlines come in the order queries start and the watchdog only ever
//! looks at the earliest; it sleeps until that one is due (or for one limit when none runs,
//! which no later query's deadline can precede), so starting a query never has to wake it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

pub(super) struct Deadlines {
    shared: Arc<Watched>,
}

struct Watched {
    limit: Duration,
    running: Mutex<Running>,
}

#[derive(Default)]
struct Running {
    next: u64,
    /// By start order, which is deadline order.
    queries: BTreeMap<u64, (Instant, CancellationToken)>,
}

/// A query under watch; dropping it (the query ended) takes it off the watch.
pub(super) struct Watch {
    shared: Arc<Watched>,
    number: u64,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.shared.lock().queries.remove(&self.number);
    }
}

impl Watched {
    fn lock(&self) -> std::sync::MutexGuard<'_, Running> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Cancels the queries whose time is up; says how long until the next one's is.
    fn cancel_due(&self) -> Duration {
        let now = Instant::now();
        let mut running = self.lock();
        while let Some(first) = running.queries.first_entry() {
            if first.get().0 > now {
                return first.get().0 - now;
            }
            first.remove().1.cancel();
        }
        self.limit
    }
}

impl Deadlines {
    /// Starts the watchdog, which stops once these deadlines are dropped.
    pub(super) fn start(limit: Duration) -> std::io::Result<Self> {
        let shared = Arc::new(Watched {
            limit,
            running: Mutex::default(),
        });
        let watched: Weak<Watched> = Arc::downgrade(&shared);
        std::thread::Builder::new()
            .name("query-deadlines".into())
            .spawn(move || {
                while let Some(shared) = watched.upgrade() {
                    let pause = shared.cancel_due();
                    drop(shared);
                    std::thread::sleep(pause);
                }
            })?;
        Ok(Self { shared })
    }

    /// Cancels `token` when the limit has passed, unless the returned watch is dropped first.
    pub(super) fn watch(&self, token: CancellationToken) -> Watch {
        let mut running = self.shared.lock();
        let number = running.next;
        running.next += 1;
        // Taken under the lock, so that numbers and deadlines keep the same order.
        let deadline = Instant::now() + self.shared.limit;
        running.queries.insert(number, (deadline, token));
        Watch {
            shared: self.shared.clone(),
            number,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_until(done: impl Fn() -> bool, within: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < within {
            if done() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        done()
    }

    #[test]
    fn a_query_still_running_at_its_deadline_is_cancelled() {
        let deadlines = Deadlines::start(Duration::from_millis(50)).unwrap();
        let token = CancellationToken::new();
        let _watch = deadlines.watch(token.clone());
        assert!(!token.is_cancelled());
        assert!(wait_until(|| token.is_cancelled(), Duration::from_secs(5)));
    }

    #[test]
    fn a_query_that_ended_is_left_alone() {
        let deadlines = Deadlines::start(Duration::from_millis(50)).unwrap();
        let finished = CancellationToken::new();
        drop(deadlines.watch(finished.clone()));
        let still_running = CancellationToken::new();
        let _watch = deadlines.watch(still_running.clone());
        assert!(wait_until(
            || still_running.is_cancelled(),
            Duration::from_secs(5)
        ));
        assert!(!finished.is_cancelled());
        assert!(deadlines.shared.lock().queries.is_empty());
    }

    #[test]
    fn the_watchdog_holds_nothing_alive_once_the_deadlines_go() {
        let deadlines = Deadlines::start(Duration::from_millis(20)).unwrap();
        let watched = Arc::downgrade(&deadlines.shared);
        drop(deadlines);
        assert!(wait_until(
            || watched.upgrade().is_none(),
            Duration::from_secs(5)
        ));
    }
}
