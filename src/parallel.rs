//! Work done on every core and consumed in order: exports format runs of elements and push
//! reads runs of graphs on several threads, while one thread writes or sends what they produce,
//! in the order a single thread would have.

use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::Scope;

/// The cores this process may use (one if that cannot be known).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// How many threads to use for `jobs` jobs: one per core, no more than there are jobs.
pub(crate) fn workers_for(jobs: usize) -> usize {
    cores().min(jobs).max(1)
}

/// The products of jobs `0..jobs`, in job order, made by `workers` threads of `scope`: thread
/// `w` makes jobs `w`, `w + workers`, … and is at most two products ahead of the consumer, so
/// memory stays bounded. Dropping the iterator stops the threads after the job in hand.
pub(crate) fn in_order<'scope, 'env, T, F>(
    scope: &'scope Scope<'scope, 'env>,
    jobs: usize,
    workers: usize,
    produce: &'env F,
) -> InOrder<T>
where
    T: Send + 'scope,
    F: Fn(usize) -> T + Sync,
{
    let workers = workers.clamp(1, jobs.max(1));
    let lanes = (0..workers)
        .map(|worker| {
            let (products, lane) = sync_channel(2);
            scope.spawn(move || {
                for job in (worker..jobs).step_by(workers) {
                    // Nobody receives once the consumer has stopped.
                    if products.send(produce(job)).is_err() {
                        return;
                    }
                }
            });
            lane
        })
        .collect();
    InOrder {
        lanes,
        next: 0,
        jobs,
    }
}

pub(crate) struct InOrder<T> {
    lanes: Vec<Receiver<T>>,
    next: usize,
    jobs: usize,
}

impl<T> Iterator for InOrder<T> {
    type Item = T;

    /// `None` after the last job, or early if a thread died: its panic then reaches the
    /// caller when the scope ends.
    fn next(&mut self) -> Option<T> {
        if self.next == self.jobs {
            return None;
        }
        let product = self.lanes[self.next % self.lanes.len()].recv().ok()?;
        self.next += 1;
        Some(product)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_come_in_job_order_whatever_the_threads() {
        let square = |job: usize| job * job;
        for workers in 1..5 {
            for jobs in [0, 1, 2, 3, 10, 101] {
                let products: Vec<usize> =
                    std::thread::scope(|scope| in_order(scope, jobs, workers, &square).collect());
                let expected: Vec<usize> = (0..jobs).map(square).collect();
                assert_eq!(products, expected, "{jobs} jobs on {workers} threads");
            }
        }
    }

    #[test]
    fn dropping_the_iterator_stops_the_threads() {
        let made = std::sync::atomic::AtomicUsize::new(0);
        let produce = |job: usize| {
            made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            job
        };
        std::thread::scope(|scope| {
            let first: Vec<usize> = in_order(scope, 1_000_000, 2, &produce).take(5).collect();
            assert_eq!(first, [0, 1, 2, 3, 4]);
        });
        // Each thread makes at most its two queued products, one blocked in send, and the
        // five taken: far from the million.
        assert!(made.into_inner() < 20);
    }
}
