//! Memory for the arrays a search reads at random places. A shortest path at ten million facts
//! is a few dozen reads scattered over some 90 MB of rows and marks; on 4 KiB pages nearly
//! each of them also misses the processor's cache of address translations, on 2 MiB pages far
//! fewer do. Linux backs memory with such huge pages when a program asks for them (the
//! `madvise` setting of transparent huge pages, a common default), which `filled` and
//! `advise_huge_pages` do. `prefetch` asks for a line ahead of reading it.

/// `len` copies of `fill`, on huge pages where the system grants them.
pub(super) fn filled<T: Clone>(len: usize, fill: T) -> Vec<T> {
    let mut filled: Vec<T> = Vec::with_capacity(len);
    // Asked before the pages are first written: the kernel then maps huge pages as they are
    // touched, instead of leaving small ones for a background pass to merge much later.
    advise_huge_pages(filled.as_ptr().addr(), len.saturating_mul(size_of::<T>()));
    filled.resize(len, fill);
    filled
}

/// Asks for huge pages under `bytes` from `start`, room an allocation holds; best asked before
/// the room is first written.
#[cfg(target_os = "linux")]
pub(super) fn advise_huge_pages(start: usize, bytes: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    const PAGE: usize = 4 << 10;
    if bytes < HUGE_PAGE {
        return;
    }
    let (first, end) = (start.next_multiple_of(PAGE), (start + bytes) / PAGE * PAGE);
    if end > first {
        // SAFETY: the range lies within an allocation this process owns, and MADV_HUGEPAGE
        // changes how it is backed, never what it holds. A refusal (no transparent huge pages,
        // another page size) leaves it as it was, which is fine: this is advice.
        unsafe {
            libc::madvise(
                std::ptr::without_provenance_mut(first),
                end - first,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn advise_huge_pages(_start: usize, _bytes: usize) {}

/// Asks the processor to start fetching the cache line at `at`, which the caller reads a
/// little later: a walk is a chain of reads from memory, each waiting on the one before, and a
/// line asked for early is one wait fewer.
pub(super) fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it reads nothing the program sees and never faults,
    // whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at.cast());
    }
    // Elsewhere walks go without the hint.
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

#[cfg(test)]
mod tests {
    #[test]
    fn filled_vectors_hold_what_they_were_filled_with() {
        for len in [0, 1, 1000, (4 << 20) + 3] {
            let filled = super::filled(len, 7u32);
            assert_eq!(filled.len(), len);
            assert!(filled.iter().all(|&x| x == 7));
        }
    }
}
