//! Memory budgets for SPARQL queries and updates.
//!
//! Oxigraph keeps no account of the memory a query takes: a property path's closure, a sort or
//! a string doubled by thirty BINDs grows until the process dies. The allocator below counts,
//! on each thread, what is allocated while a budget is charged there, and when the count passes
//! the budget it cancels the query's token. Oxigraph checks the token at every quad it reads and
//! every term it builds, so the query stops at its next step, with the memory it took freed, and
//! the caller answers "over budget" instead of the process aborting.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use oxigraph::sparql::CancellationToken;

/// The system allocator, counting for the budget charged on the allocating thread.
pub struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

thread_local! {
    /// The budget the current thread allocates for; null when none.
    static CHARGED: Cell<*const Account> = const { Cell::new(std::ptr::null()) };
    /// Bytes allocated (freed, when negative) on this thread and not yet added to the budget:
    /// adding every allocation to the shared count would cost an atomic operation each, a
    /// few percent of a query's time.
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

/// How many bytes a thread allocates or frees before they are added to its budget: the
/// budget is kept to within this much a thread.
const BATCH: isize = 256 * 1024;

/// Adds `bytes` (negative when freed) to the budget charged on this thread, if any.
fn charge(bytes: isize) {
    // `try_with`: a thread being torn down has no thread-locals left, and nothing to charge.
    let _ = CHARGED.try_with(|charged| {
        let account = charged.get();
        if account.is_null() {
            return;
        }
        let _ = PENDING.try_with(|pending| {
            let total = pending.get() + bytes;
            if total.abs() < BATCH {
                pending.set(total);
                return;
            }
            pending.set(0);
            // SAFETY: `Charging` sets the pointer from a live `Arc<Account>` it holds, and
            // clears it before that `Arc` is dropped.
            unsafe { &*account }.add(total);
        });
    });
}

/// Adds what this thread has pending to its budget, if any.
fn flush() {
    let _ = CHARGED.try_with(|charged| {
        let account = charged.get();
        let pending = PENDING.try_with(|pending| pending.replace(0)).unwrap_or(0);
        if !account.is_null() && pending != 0 {
            // SAFETY: as in `charge`.
            unsafe { &*account }.add(pending);
        }
    });
}

// SAFETY: every call goes to `System` unchanged; the counting beside it allocates nothing.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            charge(layout.size() as isize);
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            charge(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(pointer, layout) };
        charge(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            charge(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

struct Account {
    limit: isize,
    /// Allocated minus freed on the charged threads since the budget began; memory freed there
    /// that was allocated before can make it negative.
    used: AtomicIsize,
    exceeded: AtomicBool,
    cancel: CancellationToken,
}

impl Account {
    fn add(&self, bytes: isize) {
        let used = self.used.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if used > self.limit && !self.exceeded.swap(true, Ordering::Relaxed) {
            // Cancelling stores a flag: it allocates nothing.
            self.cancel.cancel();
        }
    }
}

/// A budget of bytes for one query, which cancels `cancel` once the query has taken more.
#[derive(Clone)]
pub struct MemoryBudget {
    account: Arc<Account>,
}

impl MemoryBudget {
    pub fn new(limit_bytes: usize, cancel: CancellationToken) -> Self {
        Self {
            account: Arc::new(Account {
                limit: isize::try_from(limit_bytes).unwrap_or(isize::MAX),
                used: AtomicIsize::new(0),
                exceeded: AtomicBool::new(false),
                cancel,
            }),
        }
    }

    /// Charges what this thread allocates to the budget until the guard is dropped.
    pub fn charge_this_thread(&self) -> Charging {
        let account = self.account.clone();
        flush();
        let previous = CHARGED.with(|charged| charged.replace(Arc::as_ptr(&account)));
        Charging {
            _account: account,
            previous,
        }
    }

    /// Whether the query took more than its budget (and was cancelled for it).
    pub fn exceeded(&self) -> bool {
        self.account.exceeded.load(Ordering::Relaxed)
    }

    pub fn limit_bytes(&self) -> usize {
        self.account.limit.unsigned_abs()
    }
}

/// Charging a budget on the current thread; dropping it restores what was charged before.
pub struct Charging {
    /// Holds the account alive while this thread's allocations are charged to it.
    _account: Arc<Account>,
    previous: *const Account,
}

impl Drop for Charging {
    fn drop(&mut self) {
        // Restored before `_account` (and with it, perhaps, the last `Arc`) goes.
        flush();
        let _ = CHARGED.try_with(|charged| charged.set(self.previous));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocating_past_the_budget_cancels_the_query() {
        let cancel = CancellationToken::new();
        let budget = MemoryBudget::new(1 << 20, cancel.clone());
        {
            let _charging = budget.charge_this_thread();
            drop(std::hint::black_box(vec![0u8; 1 << 10]));
            assert!(!cancel.is_cancelled());
            drop(std::hint::black_box(vec![1u8; 2 << 20]));
        }
        assert!(cancel.is_cancelled());
        assert!(budget.exceeded());
    }

    #[test]
    fn memory_freed_within_the_budget_is_given_back() {
        let cancel = CancellationToken::new();
        let budget = MemoryBudget::new(1 << 20, cancel.clone());
        let _charging = budget.charge_this_thread();
        for _ in 0..100 {
            drop(std::hint::black_box(vec![0u8; 512 << 10]));
        }
        assert!(!cancel.is_cancelled());
    }

    #[test]
    fn other_threads_and_other_times_are_not_charged() {
        let cancel = CancellationToken::new();
        let budget = MemoryBudget::new(1 << 20, cancel.clone());
        drop(budget.charge_this_thread());
        drop(std::hint::black_box(vec![0u8; 4 << 20]));
        std::thread::spawn(|| drop(std::hint::black_box(vec![0u8; 4 << 20])))
            .join()
            .unwrap();
        assert!(!cancel.is_cancelled());
    }
}
