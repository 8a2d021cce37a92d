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
        /// Whether it is also one of the sparser samples (a quarter of them) that long
        /// documents are indexed by.
        public var coarse: Bool

        /// A sample; see the properties for what each argument means.
        public init(hash: UInt32, line: Int32, coarse: Bool = false) {
            self.hash = hash
            self.line = line
            self.coarse = coarse
        }
    }

    /// The lines with text, in order.
    public var lines: [Line]
    /// The samples, each hash once, in the order of their hashes.
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
    /// cleaned alone. `key` is its comparison key when the caller has it already; `samples`
    /// false leaves the samples out (for applying decisions, which needs the lines only).
    public init(
        cleanText text: [UInt8], key: ComparisonKey? = nil, options: CrossDocumentOptions = CrossDocumentOptions(),
        samples withSamples: Bool = true
    ) {
        let key = key ?? Normalizer().key(for: text)
        let table = LineTable(text)
        // Lines with text: their key units, found by walking the key's offsets. The hash of
        // the whole key is mixed on the same walk (every unit once, in order): its chain of
        // multiplications then runs beside the lines' instead of after them.
        var lines: [Line] = []
        var lineStarts: [Int32] = []  // first key unit of each line
        var k = 0
        var whole: UInt64 = 0xCBF2_9CE4_8422_2325
        key.units.withUnsafeBufferPointer { units in
            key.offsets.withUnsafeBufferPointer { offsets in
                for l in 0..<table.starts.count {
                    let start = table.contentStarts[l], end = table.contentEnds[l]
                    guard start < end else { continue }
                    while k < offsets.count && Int(offsets[k]) < start {
                        whole = Self.mixUnit(whole, units[k])
                        k += 1
                    }
                    let first = k
                    var h: UInt64 = 0xCBF2_9CE4_8422_2325
                    while k < offsets.count && Int(offsets[k]) < end {
                        h = Self.mixUnit(h, units[k])
                        whole = Self.mixUnit(whole, units[k])
                        k += 1
                    }
                    guard k > first else { continue }
                    lines.append(
                        Line(hash: Self.finish(h), length: Int32(k - first), inFrame: false, once: true, range: ByteRange(start, end)))
                    lineStarts.append(Int32(first))
                }
                while k < units.count {
                    whole = Self.mixUnit(whole, units[k])
                    k += 1
                }
            }
        }
        let frame = options.frameLines
        // Lines whose hash comes twice or more are not `once`: found by sorting the hashes.
        var order = lines.indices.map { (hash: lines[$0].hash, index: $0) }
        order.sort { $0.hash < $1.hash }
        for k in order.indices.dropFirst() where order[k].hash == order[k - 1].hash {
            lines[order[k].index].once = false
            lines[order[k - 1].index].once = false
        }
        for i in lines.indices { lines[i].inFrame = i < frame || i >= lines.count - frame }
        self.lines = lines
        self.length = key.count
        self.keyHash = Self.finish(whole)
        self.samples =
            withSamples
            ? Self.sample(key.units, lineStarts: lineStarts, shingle: options.shingleLength, rate: options.sampleRate) : []
    }

    /// The signature of a document cleaned alone: `result` and the comparison key of its
    /// whole text (as ``Deduplicator/cleanKeepingKey(_:)`` hands them back). With nothing
    /// removed, the clean text is the document and its key is reused.
    public init(cleaned result: CleanResult, key: ComparisonKey, options: CrossDocumentOptions = CrossDocumentOptions()) {
        let whole = result.spans.count == 1 && result.spans[0].action == .keep
        self.init(
            cleanText: whole ? result.document.bytes : result.cleanBytes, key: whole ? key : nil, options: options)
    }

    /// The shingles whose hash is a multiple of `rate` (one in `rate` on average), each hash
    /// kept once (where it first occurs), in the order of their hashes; those whose hash is also
    /// a multiple of `4 * rate` are coarse. Choosing by the hash alone means that a stretch
    /// two documents share gives both the same samples, and an edit costs only the shingles
    /// that cover it.
    static func sample(_ units: [UInt32], lineStarts: [Int32], shingle k: Int, rate: Int) -> [Sample] {
        let n = units.count
        guard k > 0, rate > 0, n >= k else { return [] }
        let strings = n - k + 1
        let fine = UInt32(rate), coarse = UInt32(4 * rate)
        var picked: [(hash: UInt32, position: Int32)] = []
        picked.reserveCapacity(strings / rate + 4)
        // A rolling polynomial hash of k units.
        let base: UInt64 = 0x100_0000_01B3
        var power: UInt64 = 1
        for _ in 0..<(k - 1) { power = power &* base }
        units.withUnsafeBufferPointer { u in
            var h: UInt64 = 0
            for t in 0..<k { h = h &* base &+ Self.unitHash(u[t]) }
            for i in 0..<strings {
                let m = (h ^ (h >> 31)) &* 0x9E37_79B9_7F4A_7C15
                let hash = UInt32(truncatingIfNeeded: m >> 32)
                if hash % fine == 0 { picked.append((hash, Int32(truncatingIfNeeded: i))) }
                if i + k < n {
                    h = (h &- Self.unitHash(u[i]) &* power) &* base &+ Self.unitHash(u[i + k])
                }
            }
        }
        // Each hash once, where it first occurs: sorted by hash, then position.
        var packed = picked.map { UInt64($0.hash) << 32 | UInt64(UInt32(bitPattern: $0.position)) }
        packed.sort()
        var out: [Sample] = []
        out.reserveCapacity(packed.count)
        var previous: UInt32?
        for p in packed {
            let hash = UInt32(truncatingIfNeeded: p >> 32)
            guard hash != previous else { continue }
            previous = hash
            let position = Int32(bitPattern: UInt32(truncatingIfNeeded: p))
            // The line it starts in: the last line starting at or before it.
            var lo = 0, hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) >> 1
                if lineStarts[mid] <= position { lo = mid } else { hi = mid - 1 }
            }
            out.append(Sample(hash: hash, line: Int32(max(0, lo)), coarse: hash % coarse == 0))
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
