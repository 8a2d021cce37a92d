import CAllocator

/// Settings of the C library's allocator for a process that cleans many documents in a row.
package enum AllocatorTuning {
    /// Keeps freed memory in the process between documents (glibc only; elsewhere nothing).
    ///
    /// glibc's defaults give memory back to the system as soon as 128 KB lie free at the top
    /// of the heap, and serve allocations above 128 KB (a document's key and offsets, its
    /// match tables) with a fresh `mmap`. A batch then pays a page fault for every 4 KB of
    /// every document's tables: on the eval inputs x4 (1,168 files) 6,000-8,000 faults and
    /// about a tenth of the run. With 64 MiB kept free before trimming and allocations up to
    /// 4 MiB served from the heap, the same run takes about 1,400 faults; peak memory on a
    /// 64 MiB document stays within 0.5% (larger tables are still mapped on their own).
    ///
    /// A user who sets glibc's malloc tunables (`GLIBC_TUNABLES=glibc.malloc.…`) or its
    /// older variables for the same (`MALLOC_TRIM_THRESHOLD_`, `MALLOC_MMAP_THRESHOLD_`,
    /// `MALLOC_TOP_PAD_`, `MALLOC_MMAP_MAX_`) keeps them.
    package static func keepFreedMemoryBetweenDocuments() {
        if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("glibc.malloc.") { return }
        for variable in ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"]
        where getenv(variable) != nil {
            return
        }
        _ = dedup_set_allocator_thresholds(64 << 20, 4 << 20)
    }
}
