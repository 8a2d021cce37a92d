/// A stretch of the comparison key equal to an earlier stretch: `target..<target+length`
/// repeats `source..<source+length`, with `source < target` (they may overlap when the
/// text repeats itself periodically).
struct KeyMatch: Equatable {
    var target: Int
    var source: Int
    var length: Int
}

/// Greedy longest-previous-match factorisation of the comparison key (as LZ77 parses): left
/// to right, each position looks up earlier positions that start the same string (rolling
/// hash, hash chains), takes the longest match of at least `window` units, and skips it.
///
/// A key of up to ``anchoredAbove`` units (4M: about 4 MB of Latin text, 12 MB of Chinese)
/// looks up every position; its tables stay in the processor's caches. A longer key is
/// matched on content-defined anchors instead: each anchor looks up earlier anchors that
/// start the same `k`-unit string, extends each candidate both ways, and takes the longest.
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

    /// Keys longer than this are matched on winnowed anchors (``matchesOnAnchors(in:)``),
    /// shorter ones by looking up every position (``matchesLookingUpEveryPosition(in:)``).
    var anchoredAbove: Int = 1 << 22

    func matches(in units: [UInt32]) -> [KeyMatch] {
        units.count > anchoredAbove ? matchesOnAnchors(in: units) : matchesLookingUpEveryPosition(in: units)
    }

    /// The factorisation on winnowed anchors: for large keys, whose tables do not fit in the
    /// caches, so that a chain step is a miss: it makes a seventh of the lookups and takes a
    /// seventh of the table memory.
    func matchesOnAnchors(in units: [UInt32]) -> [KeyMatch] {
        guard window > 0, units.count > window else { return [] }
        return units.withUnsafeBufferPointer { u in
            var parse = Parse(units: u, window: window, chainDepth: chainDepth)
            parse.run()
            return parse.out
        }
    }

    /// The factorisation that looks up every position: for keys small enough that the
    /// tables stay in the processor's caches, where it does the least work per unit.
    func matchesLookingUpEveryPosition(in units: [UInt32]) -> [KeyMatch] {
        let n = units.count
        let w = window
        guard w > 0, n > w else { return [] }
        // One head per key unit (the keys this way is for have at most ``anchoredAbove``).
        var log2n = 0
        while (1 << log2n) < n { log2n += 1 }
        let bits = min(27, max(10, log2n))
        let shift = UInt64(64 - bits)
        // Raw tables: the loop writes two entries per position, and Swift arrays captured by
        // the loop's closure would be checked for uniqueness and bounds at every write. The
        // chain needs no initial value: entry i is written before any lookup can reach it.
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << bits)
        head.initialize(repeating: -1, count: 1 << bits)
        let chain = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer {
            head.deallocate()
            chain.deallocate()
        }
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

    /// One factorisation in progress. Its state is stored properties rather than variables
    /// captured by closures, so that the compiler checks exclusive access statically (checked
    /// at run time, the hot loop spent a tenth of its time on it).
    private struct Parse {
        let u: UnsafeBufferPointer<UInt32>
        let n: Int
        let w: Int
        let chainDepth: Int
        /// Strings of k units, winnowed over windows of `span` strings: any repeat of
        /// k + span - 1 = w units holds a whole window. Half the window each: shorter strings
        /// share more chains, longer ones leave more anchors (and table) per unit.
        let k: Int
        let span: Int
        let shift: UInt64
        var head: [Int32]
        var anchors: [Anchor] = []
        var out: [KeyMatch] = []
        /// First position not inside the last match.
        var next = 0
        /// A match found but not yet taken: the next anchor, when close, may find one that
        /// starts earlier or runs longer (its true source was anchored a little further on).
        /// (`next` stays where it was until it is taken.)
        var pending: (match: KeyMatch, anchor: Int)?
        /// Sum of the heads read ahead; kept so that the reads are not optimised away.
        var warm = 0

        init(units: UnsafeBufferPointer<UInt32>, window: Int, chainDepth: Int) {
            u = units
            n = units.count
            w = window
            self.chainDepth = chainDepth
            k = max(1, w / 2)
            span = w - k + 1
            // Winnowing keeps about 2 / (span + 1) of the positions; room for a little more,
            // so that the table of anchors is not copied to grow on a large document.
            let expected = (n - k + 1) * 2 / (span + 1) * 17 / 16 + 16
            var log2n = 0
            while (1 << log2n) < expected { log2n += 1 }
            // About one head per anchor: a shared bucket costs a step, not a read of the
            // text, since the anchors carry their hash.
            let bits = min(27, max(10, log2n))
            shift = UInt64(64 - bits)
            head = [Int32](repeating: -1, count: 1 << bits)
            anchors.reserveCapacity(expected)
        }

        /// The longest match from anchor `i` (hash `h`: its top bits pick the bucket, its
        /// top half is the fingerprint), extended backwards no further than `limit`.
        func longest(at i: Int, hash h: UInt64, limit: Int) -> KeyMatch? {
            var entry = Int(head[Int(truncatingIfNeeded: h >> shift)])
            let print = UInt32(truncatingIfNeeded: h >> 32)
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

        mutating func take(_ match: KeyMatch) {
            out.append(match)
            next = match.target + match.length
        }

        /// Looks up anchor `i` (unless inside the last match) and enters it.
        mutating func visit(_ i: Int, _ h: UInt64) {
            if let p = pending {
                pending = nil
                var chosen = p.match
                if i <= p.anchor + span && i < p.match.target + p.match.length,
                    let other = longest(at: i, hash: h, limit: next),
                    other.target < chosen.target || (other.target == chosen.target && other.length > chosen.length)
                {
                    chosen = other
                }
                take(chosen)
            }
            if i >= next, let match = longest(at: i, hash: h, limit: next) {
                pending = (match, i)
            }
            let b = Int(truncatingIfNeeded: h >> shift)
            anchors.append(
                Anchor(
                    position: Int32(truncatingIfNeeded: i), previous: head[b],
                    fingerprint: UInt32(truncatingIfNeeded: h >> 32)))
            head[b] = Int32(truncatingIfNeeded: anchors.count - 1)
        }

        @inline(__always) static func mix(_ v: UInt32) -> UInt64 {
            let x = UInt64(v) &* 0x9E37_79B9_7F4A_7C15
            return x ^ (x >> 29)
        }

        @inline(__always) static func rotl(_ x: UInt64, _ r: Int) -> UInt64 { x << UInt64(r) | x >> UInt64(64 - r) }

        mutating func run() {
            // A cyclic-polynomial (buzhash) rolling hash: rotations and exclusive ors, whose
            // chain from one position to the next is a couple of cycles; each unit is mixed by
            // a multiplication off that chain.
            var h: UInt64 = 0
            for t in 0..<k { h = Self.rotl(h, 1) ^ Self.mix(u[t]) }
            // Winnowing keys: the top half of the mixed hash, and below it the position
            // complemented, so that the least key is the rightmost lowest hash. A queue of
            // increasing keys holds the window's candidates, its head the least.
            var capacity = 64  // a power of two above span
            while capacity <= span { capacity <<= 1 }
            let queue = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            defer { queue.deallocate() }
            var front = 0, back = 0
            // The anchor found last, visited when the next one is found.
            var waiting = -1
            var waitingHash: UInt64 = 0
            let strings = n - k + 1
            for i in 0..<strings {
                let m = h &* 0xD6E8_FEB8_6659_FD93
                let key = (m & 0xFFFF_FFFF_0000_0000) | UInt64(~UInt32(truncatingIfNeeded: i))
                while back > front && queue[(back - 1) & (capacity - 1)] >= key { back -= 1 }
                queue[back & (capacity - 1)] = key
                back += 1
                if i - Int(~UInt32(truncatingIfNeeded: queue[front & (capacity - 1)])) >= span { front += 1 }
                if i >= span - 1 || i == strings - 1 {
                    let least = queue[front & (capacity - 1)]
                    let anchor = Int(~UInt32(truncatingIfNeeded: least))
                    if anchor != waiting {
                        // Each anchor is visited one anchor late: its bucket's head is read
                        // first, so that the cache miss overlaps the previous anchor's lookup.
                        let hash = least & 0xFFFF_FFFF_0000_0000
                        warm &+= Int(head[Int(truncatingIfNeeded: hash >> shift)])
                        if waiting >= 0 { visit(waiting, waitingHash) }
                        waiting = anchor
                        waitingHash = hash
                    }
                }
                if i + k < n {
                    h = Self.rotl(h, 1) ^ Self.rotl(Self.mix(u[i]), k % 64) ^ Self.mix(u[i + k])
                }
            }
            if waiting >= 0 { visit(waiting, waitingHash) }
            if let p = pending { take(p.match) }
        }
    }
}
