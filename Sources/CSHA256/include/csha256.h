// SHA-256 block compression with the processor's SHA extensions (x86-64 SHA-NI), for
// DedupCore's SHA256 when the processor has them. Elsewhere, or on a processor without
// them, dedup_sha256_hw_available() is 0 and the Swift implementation runs.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when dedup_sha256_hw_blocks may be called on this processor, else 0.
int dedup_sha256_hw_available(void);

/// Compresses `blocks` 64-byte blocks at `data` into `state` (a, b, …, h).
void dedup_sha256_hw_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The 64 round constants of SHA-256 (FIPS 180-4, 4.2.2), for the Swift implementation.
const uint32_t *dedup_sha256_round_constants(void);

#endif
