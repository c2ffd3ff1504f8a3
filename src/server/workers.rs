//! Threads that run queries off the async threads, handed work one at a time.
//!
//! tokio's blocking pool parks its idle threads on one condition variable behind one mutex, so
//! every hand-off woke whichever thread had slept longest and made it fight the others for the
//! lock; in a profile of point lookups that was the largest cost after the queries themselves.
//! Here each idle thread sleeps on its own, and work goes to the one that went idle last, whose
//! stack and caches are still warm; a hand-off is one lock held for a `Vec::pop` and one wake-up.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::Thread;
use std::time::{Duration, Instant};

type Job = Box<dyn FnOnce() + Send>;

/// An idle thread stays this long before it ends, so that a burst leaves no crowd behind.
const KEEP_IDLE: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub(super) struct Workers {
    idle: Arc<Mutex<Vec<Arc<Seat>>>>,
    stack_bytes: usize,
}

/// Where an idle thread waits for its next job.
struct Seat {
    job: Mutex<Option<Job>>,
    thread: Thread,
}

impl Seat {
    fn take(&self) -> Option<Job> {
        self.job
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl Workers {
    /// Threads are started as work comes, each with a stack of `stack_bytes`.
    pub(super) fn new(stack_bytes: usize) -> Self {
        Self {
            idle: Arc::default(),
            stack_bytes,
        }
    }

    /// Runs `job` on an idle thread, or on a new one when none is idle.
    pub(super) fn run(&self, job: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
        let job: Job = Box::new(job);
        let seat = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match seat {
            Some(seat) => {
                *seat.job.lock().unwrap_or_else(PoisonError::into_inner) = Some(job);
                seat.thread.unpark();
                Ok(())
            }
            None => {
                let idle = self.idle.clone();
                std::thread::Builder::new()
                    .name("query-worker".into())
                    .stack_size(self.stack_bytes)
                    .spawn(move || work(job, &idle))
                    .map(drop)
            }
        }
    }
}

fn work(first: Job, idle: &Mutex<Vec<Arc<Seat>>>) {
    let seat = Arc::new(Seat {
        job: Mutex::new(None),
        thread: std::thread::current(),
    });
    let mut job = first;
    loop {
        job();
        idle.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(seat.clone());
        job = match wait_for_job(&seat, idle) {
            Some(next) => next,
            None => return,
        };
    }
}

/// The next job given to `seat`, or `None` when none came in [`KEEP_IDLE`] and the thread may
/// end.
fn wait_for_job(seat: &Arc<Seat>, idle: &Mutex<Vec<Arc<Seat>>>) -> Option<Job> {
    let until = Instant::now() + KEEP_IDLE;
    loop {
        std::thread::park_timeout(until.saturating_duration_since(Instant::now()));
        if let Some(job) = seat.take() {
            return Some(job);
        }
        if Instant::now() < until {
            continue;
        }
        let mut waiting = idle.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(place) = waiting.iter().position(|other| Arc::ptr_eq(other, seat)) {
            waiting.remove(place);
            return None;
        }
        // Taken off the idle list but its job not yet placed: it comes with an unpark.
        drop(waiting);
        if let Some(job) = seat.take() {
            return Some(job);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_thread_that_went_idle_runs_the_next_job() {
        let workers = Workers::new(1024 * 1024);
        let (done, finished) = mpsc::channel();
        let mut threads = std::collections::HashSet::new();
        for round in 0..50 {
            let done = done.clone();
            workers
                .run(move || done.send((round, std::thread::current().id())).unwrap())
                .unwrap();
            let (ran, thread) = finished.recv_timeout(Duration::from_secs(5)).unwrap();
            assert_eq!(ran, round);
            threads.insert(thread);
            let started = Instant::now();
            while workers.idle.lock().unwrap().is_empty() {
                assert!(
                    started.elapsed() < Duration::from_secs(5),
                    "the thread never went idle"
                );
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        assert_eq!(threads.len(), 1);
    }

    #[test]
    fn jobs_that_wait_on_each_other_get_threads_of_their_own() {
        let workers = Workers::new(1024 * 1024);
        let barrier = Arc::new(std::sync::Barrier::new(8));
        let (done, finished) = mpsc::channel();
        for _ in 0..8 {
            let (barrier, done) = (barrier.clone(), done.clone());
            workers
                .run(move || {
                    barrier.wait();
                    done.send(()).unwrap();
                })
                .unwrap();
        }
        for _ in 0..8 {
            finished.recv_timeout(Duration::from_secs(5)).unwrap();
        }
    }
}
