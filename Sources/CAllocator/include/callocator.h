// glibc's allocator settings for DedupSystem's AllocatorTuning: <malloc.h> is not part of
// Swift's Glibc module, so mallopt(3) is reached through this header.
#ifndef CALLOCATOR_H
#define CALLOCATOR_H

#include <stdlib.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
/// Sets glibc's trim threshold and mmap threshold in bytes; returns 1 when both were taken.
static inline int dedup_set_allocator_thresholds(int trim, int mmap) {
    return mallopt(M_TRIM_THRESHOLD, trim) == 1 && mallopt(M_MMAP_THRESHOLD, mmap) == 1;
}
#else
/// Not glibc: the allocator keeps its own settings.
static inline int dedup_set_allocator_thresholds(int trim, int mmap) {
    (void)trim;
    (void)mmap;
    return 0;
}
#endif

#endif
