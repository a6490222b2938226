//! Giving memory back after a large document is closed.
//!
//! glibc returns freed heap memory to the system only when the top of the
//! heap is free. After a 50 MB document is closed, most of the pages its
//! rope, text and analysis host used stay resident (even with the single
//! arena and fixed mmap threshold of `limit_malloc_arenas`), so an editor
//! session that once opened a huge file would keep its size for good.
//! `malloc_trim` releases every whole free page, wherever it is
//! (tests/hostile.rs checks what stays).

/// Documents at least this large are worth a trim when they go: below
/// it, what could be released is noise next to the server's own size.
pub const TRIM_AFTER_BYTES: usize = 1 << 20;

/// Asks the allocator to return freed pages to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn release_freed_memory() {
    // SAFETY: `malloc_trim` takes no pointers and only reorganises the
    // allocator's own free lists, under its own locks.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators and systems: nothing to ask.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed_memory() {}
