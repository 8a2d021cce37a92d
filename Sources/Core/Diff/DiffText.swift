/// One side of a diff: the text, the units the differ compares, and its paragraphs.
///
/// By default the units are the comparison key (``Normalizer``): folded scalars without
/// whitespace or invisible characters. In exact mode every scalar is a unit, whitespace
/// included, unfolded. `offsets[i]` is the byte offset of the scalar unit `i` came from.
/// Paragraphs are non-empty unit ranges in order; in exact mode they tile the units (each
/// takes the whitespace after it, the first also what is before it).
struct DiffText {
    let bytes: [UInt8]
    let units: [UInt32]
    let offsets: [UInt32]
    let exact: Bool
    /// Unit range of each paragraph.
    let paragraphs: [Range<Int>]
    /// Hash of each paragraph's units (in exact mode, without the whitespace around it).
    let paragraphHashes: [UInt64]

    init(_ bytes: [UInt8], exact: Bool) {
        self.bytes = bytes
        self.exact = exact
        let key: ComparisonKey
        if exact {
            var units: [UInt32] = []
            var offsets: [UInt32] = []
            units.reserveCapacity(bytes.count)
            offsets.reserveCapacity(bytes.count)
            bytes.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let (v, len) = UTF8Scalars.decode(p, at: i)
                    units.append(v)
                    offsets.append(UInt32(truncatingIfNeeded: i))
                    i += len
                }
            }
            key = ComparisonKey(units: units, offsets: offsets)
        } else {
            key = Normalizer().key(for: bytes)
        }
        self.units = key.units
        self.offsets = key.offsets
        let byteParagraphs = ParagraphSegmenter().paragraphs(in: bytes)
        let units = self.units
        var paragraphs: [Range<Int>] = []
        paragraphs.reserveCapacity(byteParagraphs.count)
        if exact {
            var starts = byteParagraphs.map { key.index(atOrAfterByte: $0.lowerBound) }
            if starts.isEmpty && !units.isEmpty { starts = [0] }
            for (k, start) in starts.enumerated() {
                let lower = k == 0 ? 0 : start
                let upper = k + 1 < starts.count ? starts[k + 1] : units.count
                if upper > lower { paragraphs.append(lower..<upper) }
            }
        } else {
            for r in byteParagraphs {
                let lower = key.index(atOrAfterByte: r.lowerBound)
                let upper = key.index(atOrAfterByte: r.upperBound)
                if upper > lower { paragraphs.append(lower..<upper) }
            }
        }
        self.paragraphs = paragraphs
        // In exact mode a paragraph's whitespace around it does not decide whether it is
        // the same paragraph (the differ shows that whitespace as an edit).
        self.paragraphHashes = paragraphs.map { r in
            guard exact else { return UnitHash.hash(units, r) }
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi && ScalarClass.isWhitespace(units[lo]) { lo += 1 }
            while hi > lo && ScalarClass.isWhitespace(units[hi - 1]) { hi -= 1 }
            return UnitHash.hash(units, lo..<hi)
        }
    }

    /// Byte offset where unit `i` starts.
    @inline(__always)
    func startByte(_ i: Int) -> Int { Int(offsets[i]) }

    /// Byte offset just after the scalar (or, unless exact, the character reference) unit
    /// `i` came from.
    @inline(__always)
    func endByte(_ i: Int) -> Int {
        let o = Int(offsets[i])
        if exact { return o + UTF8Scalars.length(leadByte: bytes[o]) }
        return bytes.withUnsafeBufferPointer { ComparisonKey.sourceEnd(ofUnit: i, offsets: offsets, in: $0) }
    }

    /// The bytes of the units `r` (non-empty): from the first one's scalar to the end of the
    /// last one's.
    func byteRange(_ r: Range<Int>) -> Range<Int> {
        startByte(r.lowerBound)..<endByte(r.upperBound - 1)
    }

    /// The units of paragraphs `r` (non-empty), which are contiguous.
    func units(ofParagraphs r: Range<Int>) -> Range<Int> {
        paragraphs[r.lowerBound].lowerBound..<paragraphs[r.upperBound - 1].upperBound
    }

    /// True when units `r` of this text equal units `s` of `other`.
    func unitsEqual(_ r: Range<Int>, _ other: DiffText, _ s: Range<Int>) -> Bool {
        guard r.count == s.count else { return false }
        return units[r].elementsEqual(other.units[s])
    }
}

/// A 64-bit hash of unit sequences, for comparing paragraphs, sentences and tokens by value.
enum UnitHash {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x
    }

    static func hash(_ units: [UInt32], _ r: Range<Int>) -> UInt64 {
        units.withUnsafeBufferPointer { p in
            var h = seed
            for i in r { h = mix(h, UInt64(p[i])) }
            return mix(h, UInt64(r.count))
        }
    }
}
