/// A stretch of the comparison key equal to an earlier stretch: `target..<target+length`
/// repeats `source..<source+length`, with `source < target` (they may overlap when the
/// text repeats itself periodically).
struct KeyMatch: Equatable {
    var target: Int
    var source: Int
    var length: Int
}

/// Greedy longest-previous-match factorisation of the comparison key (as LZ77 parses), on
/// content-defined anchors: left to right, each anchor looks up earlier anchors that start
/// the same `k`-unit string (hash chains), extends each candidate both ways, takes the
/// longest match of at least `window` units, and skips it.
///
/// Anchors are chosen by winnowing: among every `window - k + 1` consecutive positions, the
/// one whose `k`-unit string hashes lowest. The choice depends only on the text around a
/// position, so two copies of a stretch of `window` units or more share an anchor at the
/// same place in both, and the repeat is found from there and extended to where it starts.
/// Only about one position in seven is entered in the tables and looked up: on a large
/// document, where each chain step is a cache miss, that is what decides the speed, and
/// the tables take a seventh of the memory.
///
/// Time is linear in the key for ordinary text: every position is hashed once, each lookup
/// walks at most `chainDepth` candidates, and matched stretches are not looked up again.
struct MatchFinder {
    /// An entered anchor: where it is, the anchor entered before it in its bucket, and its
    /// hash (to pass over anchors that only share the bucket without reading the text there).
    /// One record, so that a chain step is one cache miss.
    private struct Anchor {
        var position: Int32
        var previous: Int32
        var fingerprint: UInt32
    }

    /// Minimum match length in key units.
    var window: Int
    /// How many earlier candidates one lookup may try.
    var chainDepth: Int = 48

    func matches(in units: [UInt32]) -> [KeyMatch] {
        let n = units.count
        let w = window
        guard w > 0, n > w else { return [] }
        // Strings of k units, winnowed over windows of `span` strings: any repeat of
        // k + span - 1 = w units holds a whole window. Half the window each: shorter strings
        // share more chains, longer ones leave more anchors (and table) per unit.
        let k = max(1, w / 2)
        let span = w - k + 1
        let strings = n - k + 1
        // Winnowing keeps about 2 / (span + 1) of the positions; room for a little more, so
        // that the table of anchors is not copied to grow on a large document.
        let expected = strings * 2 / (span + 1) * 17 / 16 + 16
        var log2n = 0
        while (1 << log2n) < expected { log2n += 1 }
        // About one head per one or two anchors: a shared bucket costs a step, not a read of the
        // text, since the anchors carry their hash.
        let bits = min(27, max(10, log2n))
        let shift = UInt64(64 - bits)
        var head = [Int32](repeating: -1, count: 1 << bits)
        var anchors: [Anchor] = []
        anchors.reserveCapacity(expected)
        let base: UInt64 = 0x100_0000_01B3
        var basePow: UInt64 = 1  // base^(k-1)
        for _ in 1..<max(k, 1) { basePow = basePow &* base }
        var out: [KeyMatch] = []

        units.withUnsafeBufferPointer { u in
            /// The longest match from anchor `i` (mixed hash `h`), extended backwards no
            /// further than `limit`: (target start, source start, length).
            func longest(at i: Int, hash h: UInt64, limit: Int) -> KeyMatch? {
                var entry = Int(head[Int(truncatingIfNeeded: h >> shift)])
                let print = UInt32(truncatingIfNeeded: h)
                var best: KeyMatch?
                var depth = 0
                while entry >= 0 && depth < chainDepth {
                    let anchor = anchors[entry]
                    let j = Int(anchor.position)
                    let same = anchor.fingerprint == print
                    entry = Int(anchor.previous)
                    depth += 1
                    guard same, u[j] == u[i], u[j + k - 1] == u[i + k - 1] else { continue }
                    // Backwards to where the repeat starts (not into the last match).
                    var back = 0
                    while back < i - limit && back < j && u[i - back - 1] == u[j - back - 1] { back += 1 }
                    // A candidate that differs before the best length so far cannot reach it.
                    let needed = max((best?.length ?? 0) - back, k)
                    guard i + needed <= n, u[j + needed - 1] == u[i + needed - 1] else { continue }
                    var l = 0
                    while i + l < n && u[j + l] == u[i + l] { l += 1 }
                    // Ties go to the earlier source (chains run from recent to old).
                    if back + l >= w && back + l >= best?.length ?? 0 {
                        best = KeyMatch(target: i - back, source: j - back, length: back + l)
                    }
                }
                return best
            }

            var next = 0  // first position not inside the last match
            // A match found but not yet taken: the next anchor, when close, may find one that
            // starts earlier or runs longer (its true source was anchored a little further on).
            var pending: (match: KeyMatch, anchor: Int, limit: Int)?
            func take(_ p: (match: KeyMatch, anchor: Int, limit: Int)) {
                out.append(p.match)
                next = p.match.target + p.match.length
            }
            func visit(_ i: Int, _ h: UInt64) {
                if let p = pending {
                    pending = nil
                    if i <= p.anchor + span && i < p.match.target + p.match.length {
                        var chosen = p
                        if let other = longest(at: i, hash: h, limit: p.limit),
                           other.target < p.match.target || (other.target == p.match.target && other.length > p.match.length) {
                            chosen.match = other
                        }
                        take(chosen)
                    } else {
                        take(p)
                    }
                }
                if i >= next, let match = longest(at: i, hash: h, limit: next) {
                    pending = (match, i, next)
                }
                let b = Int(truncatingIfNeeded: h >> shift)
                anchors.append(Anchor(position: Int32(truncatingIfNeeded: i), previous: head[b],
                                      fingerprint: UInt32(truncatingIfNeeded: h)))
                head[b] = Int32(truncatingIfNeeded: anchors.count - 1)
            }

            @inline(__always) func mixed(_ h: UInt64) -> UInt64 { h &* 0x9E37_79B9_7F4A_7C15 }
            // The last `span` string hashes, in a ring; `slot` is position i's place in it.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: span) { ring in
                var h: UInt64 = 0
                for t in 0..<k { h = h &* base &+ UInt64(u[t]) }
                var lastAnchor = -1
                var minAt = -1
                var minHash: UInt64 = 0
                var slot = 0
                for i in 0..<strings {
                    let m = mixed(h)
                    ring[slot] = m
                    // The window ending at i: its rightmost lowest hash.
                    if minAt <= i - span {
                        minAt = i
                        minHash = m
                        var at = slot
                        for back in 1..<min(span, i + 1) {
                            at = at == 0 ? span - 1 : at - 1
                            if ring[at] < minHash { minHash = ring[at]; minAt = i - back }
                        }
                    } else if m <= minHash {
                        minAt = i
                        minHash = m
                    }
                    if (i >= span - 1 || i == strings - 1) && minAt != lastAnchor {
                        lastAnchor = minAt
                        visit(minAt, minHash)
                    }
                    if i + k < n {
                        h = (h &- UInt64(u[i]) &* basePow) &* base &+ UInt64(u[i + k])
                    }
                    slot = slot + 1 == span ? 0 : slot + 1
                }
            }
            if let p = pending { take(p) }
        }
        return out
    }
}
