/// What cross-document cleaning keeps of one document: the hashes of its lines and samples of
/// its text, never the text itself. Made from the document's clean text (after cleaning it
/// alone), by ``init(cleanText:options:)``.
///
/// Hashes are of the comparison key (folded, whitespace dropped), so a copy re-wrapped or
/// re-spaced has the same samples; a line's hash ignores its spacing.
public struct DocumentSignature: Sendable, Equatable {
    /// One line with text.
    public struct Line: Sendable, Equatable {
        /// Hash of the line's key.
        public var hash: UInt64
        /// Key units in the line.
        public var length: Int32
        /// Whether the line is in the document's frame: among its first or last
        /// ``CrossDocumentOptions/frameLines`` lines with text.
        public var inFrame: Bool
        /// Whether the line occurs once in the document (a speaker label that recurs is not
        /// boilerplate, nor is a repeated list row).
        public var once: Bool
        /// The bytes of the line's content in the clean text.
        public var range: ByteRange

        /// A line; see the properties for what each argument means.
        public init(hash: UInt64, length: Int32, inFrame: Bool, once: Bool, range: ByteRange) {
            self.hash = hash
            self.length = length
            self.inFrame = inFrame
            self.once = once
            self.range = range
        }
    }

    /// One sample of the text: a winnowed shingle hash and the line it starts in.
    public struct Sample: Sendable, Equatable {
        /// The shingle's hash.
        public var hash: UInt32
        /// Index in ``DocumentSignature/lines`` of the line the shingle starts in.
        public var line: Int32

        /// A sample; see the properties for what each argument means.
        public init(hash: UInt32, line: Int32) {
            self.hash = hash
            self.line = line
        }
    }

    /// The lines with text, in order.
    public var lines: [Line]
    /// The samples, each hash once, in the order of the text.
    public var samples: [Sample]
    /// Key units of the whole text.
    public var length: Int
    /// Hash of the whole key: equal documents (whatever their spacing) have equal hashes.
    public var keyHash: UInt64

    /// A signature of exactly these parts.
    public init(lines: [Line], samples: [Sample], length: Int, keyHash: UInt64) {
        self.lines = lines
        self.samples = samples
        self.length = length
        self.keyHash = keyHash
    }

    /// The signature of `cleanText` (valid UTF-8): the text a document keeps after it was
    /// cleaned alone.
    public init(cleanText text: [UInt8], options: CrossDocumentOptions = CrossDocumentOptions()) {
        let key = Normalizer().key(for: text)
        let table = LineTable(text)
        // Lines with text: their key units, found by walking the key's offsets.
        var lines: [Line] = []
        var unitLine = [Int32](repeating: -1, count: key.count)
        var k = 0
        for l in 0..<table.starts.count {
            let start = table.contentStarts[l], end = table.contentEnds[l]
            guard start < end else { continue }
            while k < key.count && Int(key.offsets[k]) < start { k += 1 }
            let first = k
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            while k < key.count && Int(key.offsets[k]) < end {
                h = Self.mixUnit(h, key.units[k])
                unitLine[k] = Int32(lines.count)
                k += 1
            }
            guard k > first else { continue }
            lines.append(
                Line(
                    hash: Self.finish(h), length: Int32(k - first), inFrame: false, once: true,
                    range: ByteRange(start, end)))
        }
        let frame = options.frameLines
        var seen: [UInt64: Int] = [:]
        for (i, line) in lines.enumerated() {
            lines[i].inFrame = i < frame || i >= lines.count - frame
            if let earlier = seen[line.hash] {
                lines[earlier].once = false
                lines[i].once = false
            } else {
                seen[line.hash] = i
            }
        }
        self.lines = lines
        self.length = key.count
        var whole: UInt64 = 0xCBF2_9CE4_8422_2325
        for u in key.units { whole = Self.mixUnit(whole, u) }
        self.keyHash = Self.finish(whole)
        self.samples = Self.winnow(key.units, unitLine: unitLine, shingle: options.shingleLength, window: options.sampleWindow)
    }

    /// One sample per window of `window` shingles: the lowest hash (the rightmost on a tie),
    /// each hash kept once.
    static func winnow(_ units: [UInt32], unitLine: [Int32], shingle k: Int, window w: Int) -> [Sample] {
        let n = units.count
        guard k > 0, w > 0, n >= k else { return [] }
        let strings = n - k + 1
        var hashes = [UInt32](repeating: 0, count: strings)
        // A rolling polynomial hash of k units.
        let base: UInt64 = 0x100_0000_01B3
        var power: UInt64 = 1
        for _ in 0..<(k - 1) { power = power &* base }
        var h: UInt64 = 0
        for t in 0..<k { h = h &* base &+ Self.unitHash(units[t]) }
        for i in 0..<strings {
            let m = (h ^ (h >> 31)) &* 0x9E37_79B9_7F4A_7C15
            hashes[i] = UInt32(truncatingIfNeeded: m >> 32)
            if i + k < n {
                h = (h &- Self.unitHash(units[i]) &* power) &* base &+ Self.unitHash(units[i + k])
            }
        }
        var out: [Sample] = []
        out.reserveCapacity(strings * 2 / (w + 1) + 2)
        var taken = Set<UInt32>()
        // A queue of positions with increasing hashes: its head is the window's minimum.
        var queue = [Int](repeating: 0, count: strings)
        var front = 0, back = 0
        var last = -1
        for i in 0..<strings {
            while back > front && hashes[queue[back - 1]] >= hashes[i] { back -= 1 }
            queue[back] = i
            back += 1
            if queue[front] <= i - w { front += 1 }
            if i >= w - 1 || i == strings - 1 {
                let least = queue[front]
                if least != last {
                    last = least
                    if taken.insert(hashes[least]).inserted {
                        out.append(Sample(hash: hashes[least], line: max(0, unitLine[least])))
                    }
                }
            }
        }
        return out
    }

    @inline(__always) static func unitHash(_ u: UInt32) -> UInt64 {
        let x = UInt64(u) &* 0xD6E8_FEB8_6659_FD93
        return x ^ (x >> 32)
    }

    @inline(__always) static func mixUnit(_ h: UInt64, _ u: UInt32) -> UInt64 {
        (h ^ UInt64(u)) &* 0x100_0000_01B3
    }

    @inline(__always) static func finish(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}
