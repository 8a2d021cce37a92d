// A prefetch hint for DedupCore's match finder on large keys: it asks for the cache line
// of an entry a few lookups ahead without waiting for it, where an ordinary load of the
// same address, once at the head of the processor's queue, would hold up the lookups
// behind it.
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Starts loading the cache line holding `address` into the caches; returns at once.
static inline void dedup_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
