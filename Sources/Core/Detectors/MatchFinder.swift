import CPrefetch

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
/// Only about one position in seven is an anchor. The anchors are sorted by their string's
/// hash, so that the earlier anchors sharing one's string sit just before it (one cache
/// line, where a hash chain through a table of the whole key was a miss a step), and each
/// carries a summary of the units either side, so that most earlier copies of a common
/// phrase are passed over without reading the text there.
///
/// Time is linear in the key for ordinary text: every position is hashed once, each lookup
/// walks at most `chainDepth` candidates, and matched stretches are not looked up again.
struct MatchFinder {
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
    /// caches: a seventh of the lookups, each reading one run of sorted entries.
    func matchesOnAnchors(in units: [UInt32]) -> [KeyMatch] {
        // Positions are kept in 32 bits: a key of 2^32 units or more (a 4 GB text, nearly
        // all of it characters that expand) is left without matches rather than misread.
        guard window > 0, units.count > window, units.count < 1 << 32 else { return [] }
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
        // The heads, one table for the key (which this way has at most ``anchoredAbove`` units).
        var log2n = 0
        while (1 << log2n) < n { log2n += 1 }
        let bits = min(27, max(10, log2n))
        let shift = UInt64(64 - bits)
        // A filter of the strings seen so far, 16 bits a unit (64 KB for a key of 32K units):
        // a position whose string's bit is clear has no earlier copy, and goes on without
        // reading the heads. Text not seen before then takes a branch the processor predicts
        // on a bit in its first-level cache, where the head it read was a miss to the second
        // level and, as often empty as not, a branch it could not predict (a tenth less time
        // on the eval inputs). Exact: equal strings have equal hashes, so an earlier copy's
        // bit is set. Keys too long for such a filter to stay in the caches go without.
        let filterBits = log2n + 4
        let filtered = filterBits <= 20
        let filterShift = UInt64(64 - filterBits)
        // Raw tables: the loop writes two entries per position, and Swift arrays captured by
        // the loop's closure would be checked for uniqueness and bounds at every write. The
        // chain needs no initial value: entry i is written before any lookup can reach it.
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << bits)
        head.initialize(repeating: -1, count: 1 << bits)
        let chain = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        let filterWords = filtered ? max(1, 1 << (filterBits - 6)) : 0
        let filter = UnsafeMutablePointer<UInt64>.allocate(capacity: filterWords)
        filter.initialize(repeating: 0, count: filterWords)
        defer {
            head.deallocate()
            chain.deallocate()
            filter.deallocate()
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
            @inline(__always) func filterIndex(_ h: UInt64) -> Int {
                Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> filterShift)
            }
            // Every position is hashed and inserted, matched ones included, so that a copy
            // can be found again right after an edit inside an earlier match.
            var h = hashAt(0)
            var next = 0  // first position not inside the last match
            for i in 0...(n - w) {
                let b = bucket(h)
                var seen = true
                if filtered {
                    let f = filterIndex(h)
                    let word = filter[f >> 6]
                    let bit: UInt64 = 1 &<< UInt64(f & 63)
                    filter[f >> 6] = word | bit
                    seen = word & bit != 0
                }
                if i >= next && seen {
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
    ///
    /// Two passes. The first winnows the key into anchors; they are then sorted by their
    /// string's hash (a stable radix sort, so anchors sharing a string stay in text order),
    /// and the second pass looks each anchor up in text order: the earlier anchors sharing
    /// its string are the entries just before its own, one cache line rather than a chain of
    /// misses through a table of the whole key. Each entry also carries a summary of the
    /// units either side of its string (``contextWidth``), so that the many earlier strings a
    /// common phrase shares but that cannot grow into a repeat are passed over without
    /// reading the text at them, another miss each.
    private struct Parse {
        let u: UnsafeBufferPointer<UInt32>
        let n: Int
        let w: Int
        let chainDepth: Int
        /// Strings of k units, winnowed over windows of `span` strings: any repeat of
        /// k + span - 1 = w units holds a whole window. Half the window each: shorter strings
        /// share more entries, longer ones leave more anchors (and table) per unit.
        let k: Int
        let span: Int
        /// Units summarised before and after an anchor's string: a repeat of `w` units
        /// through the string runs at least `span - 1` units beyond it, so at least this
        /// many on one side, and an earlier anchor whose units differ on both sides cannot
        /// start one. (None for a window of one unit: every summary is then the same.)
        let contextWidth: Int
        /// The anchors sorted by hash, then position: each entry holds the position in its
        /// top half, and in its bottom half a bit set on the first entry of a hash and the
        /// summary of its sides (15 bits for the units before it above 15 for those after
        /// it). One word, so that an anchor and the earlier ones sharing its string are one
        /// cache line.
        var entries: [UInt64] = []
        /// For each anchor in text order, the index of its entry.
        var rank: [Int32] = []
        var out: [KeyMatch] = []
        /// First position not inside the last match.
        var next = 0
        /// A match found but not yet taken: the next anchor, when close, may find one that
        /// starts earlier or runs longer (its true source was anchored a little further on).
        /// (`next` stays where it was until it is taken.)
        var pending: (match: KeyMatch, anchor: Int)?

        init(units: UnsafeBufferPointer<UInt32>, window: Int, chainDepth: Int) {
            u = units
            n = units.count
            w = window
            self.chainDepth = chainDepth
            k = max(1, w / 2)
            span = w - k + 1
            contextWidth = span / 2
        }

        /// The longest match from the anchor whose entry is `entry`, extended backwards no
        /// further than `limit`.
        func longest(entry: Int) -> KeyMatch? {
            var current = entries[entry]
            let i = Self.position(current)
            let context = UInt32(truncatingIfNeeded: current)
            let limit = next
            var best: KeyMatch?
            var e = entry
            var depth = 0
            while current & Self.firstOfHash == 0 && depth < chainDepth {
                e -= 1
                depth += 1
                let other = entries[e]
                let j = Self.position(other)
                let sides = UInt32(truncatingIfNeeded: other) ^ context
                current = other
                // Neither side the same: the repeat through this string is shorter than w.
                guard sides & 0x3FFF_8000 == 0 || sides & 0x7FFF == 0 else { continue }
                guard u[j] == u[i], u[j + k - 1] == u[i + k - 1] else { continue }
                // Backwards to where the repeat starts (not into the last match).
                var back = 0
                while back < i - limit && back < j && u[i - back - 1] == u[j - back - 1] { back += 1 }
                // A candidate that differs before the best length so far cannot reach it.
                let needed = max((best?.length ?? 0) - back, k)
                guard i + needed <= n, u[j + needed - 1] == u[i + needed - 1] else { continue }
                var l = 0
                while i + l < n && u[j + l] == u[i + l] { l += 1 }
                // Ties go to the earlier source (entries run from recent to old).
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

        /// Set in an entry that is the first of its hash.
        static let firstOfHash: UInt64 = 1 << 31

        @inline(__always) static func position(_ entry: UInt64) -> Int { Int(entry >> 32) }

        /// Looks up the anchor whose entry is `entry` (unless inside the last match).
        mutating func visit(entry: Int) {
            let i = Self.position(entries[entry])
            if let p = pending {
                pending = nil
                var chosen = p.match
                if i <= p.anchor + span && i < p.match.target + p.match.length,
                    let other = longest(entry: entry),
                    other.target < chosen.target || (other.target == chosen.target && other.length > chosen.length)
                {
                    chosen = other
                }
                take(chosen)
            }
            if i >= next, let match = longest(entry: entry) {
                pending = (match, i)
            }
        }

        @inline(__always) static func mix(_ v: UInt32) -> UInt64 {
            let x = UInt64(v) &* 0x9E37_79B9_7F4A_7C15
            return x ^ (x >> 29)
        }

        @inline(__always) static func rotl(_ x: UInt64, _ r: Int) -> UInt64 { x << UInt64(r) | x >> UInt64(64 - r) }

        /// A 15-bit summary of `count` units from `start` (equal units, equal summaries).
        @inline(__always) func summary(from start: Int, count: Int) -> UInt32 {
            var h: UInt64 = 0x243F_6A88_85A3_08D3
            for t in start..<(start + count) { h = (h ^ UInt64(u[t])) &* 0x9E37_79B9_7F4A_7C15 }
            return UInt32(truncatingIfNeeded: h >> 49)
        }

        /// The anchors of the key in text order: hash in the top half, position in the bottom.
        func winnow() -> [UInt64] {
            // Winnowing keeps about 2 / (span + 1) of the positions; room for a little more.
            var anchors: [UInt64] = []
            anchors.reserveCapacity((n - k + 1) * 2 / (span + 1) * 17 / 16 + 16)
            // A cyclic-polynomial (buzhash) rolling hash: rotations and exclusive ors, whose
            // chain from one position to the next is a couple of cycles; each unit is mixed by
            // a multiplication off that chain.
            var h: UInt64 = 0
            for t in 0..<k { h = Self.rotl(h, 1) ^ Self.mix(u[t]) }
            // Winnowing keys: the top half of the mixed hash, and below it the position
            // complemented, so that the least key is the rightmost lowest hash. The least of
            // each window without a branch on the keys (random, so mispredicted): the keys in
            // blocks of a window, each with its least from its block's start (prefix) and to
            // its block's end (suffix); a window spans at most two blocks, and its least is
            // the lesser of its first key's suffix and its last key's prefix.
            let strings = n - k + 1
            let width = min(span, strings)
            let windows = strings - width + 1
            let chunk = min(1 << 13, windows)
            let capacity = chunk + width - 1
            let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            let prefix = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            let suffix = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            defer {
                keys.deallocate()
                prefix.deallocate()
                suffix.deallocate()
            }
            var last = -1
            var start = 0  // the chunk's first window; keys[0] is the key at this position
            var filled = 0
            while start < windows {
                let count = min(chunk, windows - start)
                let needed = count + width - 1
                while filled < needed {
                    let i = start + filled
                    keys[filled] = ((h &* 0xD6E8_FEB8_6659_FD93) & 0xFFFF_FFFF_0000_0000) | UInt64(~UInt32(truncatingIfNeeded: i))
                    filled += 1
                    if i + k < n {
                        h = Self.rotl(h, 1) ^ Self.rotl(Self.mix(u[i]), k % 64) ^ Self.mix(u[i + k])
                    }
                }
                var block = 0
                while block < needed {
                    let end = min(block + width, needed)
                    var least = UInt64.max
                    for t in block..<end {
                        least = min(least, keys[t])
                        prefix[t] = least
                    }
                    least = .max
                    for t in (block..<end).reversed() {
                        least = min(least, keys[t])
                        suffix[t] = least
                    }
                    block = end
                }
                for s in 0..<count {
                    let least = min(suffix[s], prefix[s + width - 1])
                    let anchor = Int(~UInt32(truncatingIfNeeded: least))
                    if anchor != last {
                        anchors.append((least & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(truncatingIfNeeded: anchor)))
                        last = anchor
                    }
                }
                // The last width - 1 keys begin the next chunk's windows.
                for t in 0..<(width - 1) { keys[t] = keys[count + t] }
                filled = width - 1
                start += count
            }
            return anchors
        }

        /// Sorts the anchors by hash, keeping text order among equal hashes (a least
        /// significant digit radix sort of the top half, eight bits a pass), and fills
        /// `entries` and `rank`. The anchors' memory becomes the entries', so that the
        /// tables never hold more than 24 bytes an anchor, and 12 once sorted.
        mutating func sort(_ anchors: consuming [UInt64]) {
            let count = anchors.count
            let width = contextWidth
            // Each anchor's position and sides apart, in text order (the text read in order).
            var positions = [UInt32](repeating: 0, count: count)
            var sides = [UInt32](repeating: 0, count: count)
            // While sorting, each key carries the anchor's place in text order below its hash.
            var keys = consume anchors
            for a in 0..<count {
                let i = Int(UInt32(truncatingIfNeeded: keys[a]))
                positions[a] = UInt32(truncatingIfNeeded: i)
                // A side cut short by the key's ends cannot hold `width` equal units.
                let before = i >= width ? summary(from: i - width, count: width) : 0
                let after = i + k + width <= n ? summary(from: i + k, count: width) : 0
                sides[a] = before << 15 | after
                keys[a] = (keys[a] & 0xFFFF_FFFF_0000_0000) | UInt64(a)
            }
            var scratch = [UInt64](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
            for pass in 0..<4 {
                let shift = UInt64(32 + 8 * pass)
                keys.withUnsafeBufferPointer { from in
                    scratch.withUnsafeMutableBufferPointer { to in
                        var offsets = [Int](repeating: 0, count: 257)
                        for key in from { offsets[Int(truncatingIfNeeded: (key >> shift) & 0xFF) + 1] += 1 }
                        for d in 0..<256 { offsets[d + 1] += offsets[d] }
                        for key in from {
                            let d = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                            to[offsets[d]] = key
                            offsets[d] += 1
                        }
                    }
                }
                swap(&keys, &scratch)
            }
            scratch = []
            rank = [Int32](repeating: 0, count: count)
            var previousHash: UInt64?
            for e in 0..<count {
                let hash = keys[e] >> 32
                let a = Int(UInt32(truncatingIfNeeded: keys[e]))
                rank[a] = Int32(truncatingIfNeeded: e)
                let first = hash == previousHash ? 0 : Self.firstOfHash
                previousHash = hash
                keys[e] = UInt64(positions[a]) << 32 | first | UInt64(sides[a])
            }
            entries = consume keys
        }

        mutating func run() {
            sort(winnow())
            let count = rank.count
            // Each anchor's entry is fetched a few anchors ahead, so that its miss overlaps
            // the lookups before it.
            let ahead = 4
            let sorted = entries  // the same storage, read apart from the parse's state
            sorted.withUnsafeBufferPointer { table in
                guard let base = table.baseAddress else { return }
                for a in 0..<count {
                    if a + ahead < count { dedup_prefetch(base + Int(rank[a + ahead])) }
                    visit(entry: Int(rank[a]))
                }
            }
            if let p = pending { take(p.match) }
        }
    }
}
