/// Builds the ``ComparisonKey`` of a text: what scrapers vary is folded away so that copies
/// that were re-spaced, re-wrapped or re-punctuated compare equal.
///
/// - Unicode compatibility forms are folded (NFKC per scalar): full-width and half-width
///   letters, digits and punctuation (`，`→`,`, `：`→`:`, `（`→`(`), ligatures, circled digits;
///   also `。`→`.`, `、`→`,` and curly quotes to straight ones.
/// - Every kind of whitespace (spaces, tabs, line breaks, NBSP, U+3000) is dropped, so a
///   copy compares equal however it was wrapped or flattened onto one line.
/// - Zero-width characters, soft hyphens and bidi marks are dropped.
///
/// The input must be valid UTF-8 (a ``Document``'s bytes are). Runs in one pass over the
/// bytes, writing straight into the key's storage: ASCII costs a comparison per byte, any
/// other scalar one load from a shared ``FoldingTable``.
public struct Normalizer: Sendable {
    /// A normalizer; it holds no state.
    public init() {}

    /// The comparison key of `text`.
    public func key(for text: [UInt8]) -> ComparisonKey {
        let table = FoldingTable.shared
        let n = text.count
        // Every byte gives at most one unit except scalars that expand (`½`, `㍿`, `ﷺ`), so
        // units stay within `slack` of the bytes read unless expansions pile up; then the
        // rest of the text goes through the appending loop below.
        let slack = 64
        let capacity = n + slack
        var resumeAt = n
        var written = 0
        var offsets: [UInt32] = []
        var units = [UInt32](unsafeUninitializedCapacity: capacity) { unitBuffer, unitCount in
            offsets = [UInt32](unsafeUninitializedCapacity: capacity) { offsetBuffer, offsetCount in
                text.withUnsafeBufferPointer { p in
                    table.bmp.withUnsafeBufferPointer { bmp in
                        var i = 0
                        var k = 0
                        while i < n {
                            let b = p[i]
                            if b < 0x80 {
                                // ASCII: whitespace is 0x09-0x0D and 0x20; control characters stay.
                                if b != 0x20 && (b &- 0x09) > 4 {
                                    unitBuffer[k] = UInt32(b)
                                    offsetBuffer[k] = UInt32(truncatingIfNeeded: i)
                                    k += 1
                                }
                                i += 1
                                continue
                            }
                            let (v, len) = UTF8Scalars.decode(p, at: i)
                            let e = v < 0x10000 ? bmp[Int(v)] : table.entry(v)
                            if e < FoldingTable.expansionFlag {
                                unitBuffer[k] = e
                                offsetBuffer[k] = UInt32(truncatingIfNeeded: i)
                                k += 1
                            } else if e != FoldingTable.drop {
                                let range = FoldingTable.expansionRange(e)
                                // Units never run more than `slack` ahead of bytes.
                                guard k + range.count <= i + len + slack else {
                                    resumeAt = i
                                    break
                                }
                                for u in table.expansions[range] {
                                    unitBuffer[k] = u
                                    offsetBuffer[k] = UInt32(truncatingIfNeeded: i)
                                    k += 1
                                }
                            }
                            i += len
                        }
                        written = k
                    }
                }
                offsetCount = written
            }
            unitCount = written
        }
        if resumeAt < n {
            Self.append(text, from: resumeAt, table: table, units: &units, offsets: &offsets)
        }
        return ComparisonKey(units: units, offsets: offsets)
    }

    /// The key of `text[from...]` appended to `units`/`offsets`: the path for text with
    /// more expanding scalars than the fast loop has room for.
    private static func append(
        _ text: [UInt8], from: Int, table: FoldingTable,
        units: inout [UInt32], offsets: inout [UInt32]
    ) {
        text.withUnsafeBufferPointer { p in
            var i = from
            while i < p.count {
                let (v, len) = UTF8Scalars.decode(p, at: i)
                let at = UInt32(truncatingIfNeeded: i)
                if v < 0x80 {
                    if !ScalarClass.isWhitespace(v) {
                        units.append(v)
                        offsets.append(at)
                    }
                } else {
                    for u in table.folded(v) {
                        units.append(u)
                        offsets.append(at)
                    }
                }
                i += len
            }
        }
    }
}
