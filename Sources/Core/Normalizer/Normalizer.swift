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
/// bytes; ASCII and CJK text take a table-free fast path.
public struct Normalizer: Sendable {
    /// A normalizer; it holds no state.
    public init() {}

    /// The comparison key of `text`.
    public func key(for text: [UInt8]) -> ComparisonKey {
        var units: [UInt32] = []
        var offsets: [UInt32] = []
        units.reserveCapacity(text.count)
        offsets.reserveCapacity(text.count)
        var folding = CompatibilityFolding()
        text.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                if b < 0x80 {
                    // ASCII: whitespace is 0x09-0x0D and 0x20; control characters stay.
                    if b != 0x20 && (b < 0x09 || b > 0x0D) {
                        units.append(UInt32(b))
                        offsets.append(UInt32(truncatingIfNeeded: i))
                    }
                    i += 1
                    continue
                }
                let (v, len) = UTF8Scalars.decode(p, at: i)
                if !ScalarClass.isWhitespace(v) && !ScalarClass.isInvisible(v) {
                    let at = UInt32(truncatingIfNeeded: i)
                    folding.fold(v) { u in
                        units.append(u)
                        offsets.append(at)
                    }
                }
                i += len
            }
        }
        return ComparisonKey(units: units, offsets: offsets)
    }
}
