/// A stretch of the comparison key equal to an earlier stretch: `target..<target+length`
/// repeats `source..<source+length`, with `source < target` (they may overlap when the
/// text repeats itself periodically).
struct KeyMatch: Equatable {
    var target: Int
    var source: Int
    var length: Int
}

/// Greedy longest-previous-match factorisation of the comparison key (as LZ77 parses):
/// left to right, each position looks up earlier positions that start the same
/// `window`-unit string (rolling hash, hash chains), takes the longest match, and skips it.
///
/// Time is linear in the key for ordinary text: every position is hashed and inserted
/// once, each lookup walks at most `chainDepth` candidates, and matched stretches are not
/// looked up again.
struct MatchFinder {
    /// Minimum match length in key units.
    var window: Int
    /// How many earlier candidates one lookup may try.
    var chainDepth: Int = 48

    func matches(in units: [UInt32]) -> [KeyMatch] {
        let n = units.count
        let w = window
        guard w > 0, n > w else { return [] }
        // Heads: one per key unit up to 4M (16 MB), then one per four units up to 128M, so
        // that chains stay short on large documents: a long chain is a walk of cache misses.
        var log2n = 0
        while (1 << log2n) < n { log2n += 1 }
        let bits = min(27, max(10, min(log2n, 22), log2n - 2))
        let shift = UInt64(64 - bits)
        var head = [Int32](repeating: -1, count: 1 << bits)
        var chain = [Int32](repeating: -1, count: n)
        let base: UInt64 = 0x100_0000_01B3
        var basePow: UInt64 = 1  // base^(w-1)
        for _ in 1..<w { basePow = basePow &* base }
        var out: [KeyMatch] = []

        units.withUnsafeBufferPointer { u in
            @inline(__always) func hashAt(_ i: Int) -> UInt64 {
                var h: UInt64 = 0
                for k in 0..<w { h = h &* base &+ UInt64(u[i + k]) }
                return h
            }
            @inline(__always) func bucket(_ h: UInt64) -> Int {
                Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
            }
            // Every position is hashed and inserted, matched ones included, so that a copy
            // can be found again right after an edit inside an earlier match.
            var h = hashAt(0)
            var next = 0  // first position not inside the last match
            for i in 0...(n - w) {
                let b = bucket(h)
                if i >= next {
                    var candidate = Int(head[b])
                    var bestLength = 0
                    var bestSource = -1
                    var depth = 0
                    while candidate >= 0 && depth < chainDepth {
                        let j = candidate
                        // A candidate that differs at the best length so far cannot reach it.
                        let probe = max(bestLength, w) - 1
                        if u[j] == u[i] && u[j + probe] == u[i + probe] {
                            var l = 0
                            while i + l < n && u[j + l] == u[i + l] { l += 1 }
                            if l >= w && l >= bestLength {
                                bestLength = l
                                bestSource = j
                            }
                        }
                        candidate = Int(chain[j])
                        depth += 1
                    }
                    if bestSource >= 0 {
                        out.append(KeyMatch(target: i, source: bestSource, length: bestLength))
                        next = i + bestLength
                    }
                }
                chain[i] = head[b]
                head[b] = Int32(truncatingIfNeeded: i)
                if i + w < n {
                    h = (h &- UInt64(u[i]) &* basePow) &* base &+ UInt64(u[i + w])
                }
            }
        }
        return out
    }
}
