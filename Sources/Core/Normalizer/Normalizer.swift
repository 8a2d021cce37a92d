/// Builds the ``ComparisonKey`` of a text: what scrapers vary is folded away so that copies
/// that were re-spaced, re-wrapped, re-punctuated or rendered differently compare equal.
///
/// - Unicode compatibility forms are folded (NFKC per scalar): full-width and half-width
///   letters, digits and punctuation (`，`→`,`, `：`→`:`, `（`→`(`), ligatures, circled digits;
///   also `。`→`.`, `、`→`,`, typographic quotes, apostrophes and guillemets to straight
///   ones, dashes and minus signs to `-`, `…` to `...`.
/// - A run of hyphens and dashes is one `-`: `--` and `—` compare equal.
/// - Every kind of whitespace (spaces, tabs, line breaks, NBSP, U+3000) is dropped, so a
///   copy compares equal however it was wrapped or flattened onto one line.
/// - Zero-width characters, soft hyphens and bidi marks are dropped.
/// - Decomposed text keys as composed (``CanonicalComposition``): `e` + U+0301 is `é`.
/// - Rendering is read through (``RenderingMarkup``): an HTML character reference counts as
///   the character it stands for; HTML tags and Markdown marks count as nothing.
///
/// The input must be valid UTF-8 (a ``Document``'s bytes are). Runs in one pass over the
/// bytes, writing straight into the key's storage: most ASCII costs a comparison and a mask
/// test per byte, any other scalar one load from a shared ``FoldingTable``; the bytes that
/// may begin markup (`&`, `<`, `*`, `_`, `[`, …) take a slower look.
public struct Normalizer: Sendable {
    /// A normalizer; it holds no state.
    public init() {}

    /// The comparison key of `text`.
    public func key(for text: [UInt8]) -> ComparisonKey {
        // Units stay within `slack` of the bytes read unless expanding scalars (`½`, `㍿`,
        // `ﷺ`) pile up; then the key is built again with room for the largest expansion.
        let slack = 64
        if let key = key(for: text, capacity: text.count + slack) { return key }
        guard let key = key(for: text, capacity: text.count * FoldingTable.shared.maxUnitsPerByte + slack) else {
            preconditionFailure("the comparison key outgrew its bound")
        }
        return key
    }

    /// The CJK Unified Ideographs, U+4E00-U+9FFF: each folds to itself (NFKC leaves them
    /// alone) and none is a combining mark.
    static let unifiedIdeographs: Range<UInt32> = 0x4E00..<0xA000

    /// The key of `text` in at most `capacity` units (at least `text.count`), or nil when it
    /// needs more.
    ///
    /// Every byte gives at most one unit except expanding scalars, so the writer keeps room
    /// for the rest of the text at one unit a byte (`k <= capacity - (n - i)`) and only an
    /// expansion checks that it fits.
    private func key(for text: [UInt8], capacity: Int) -> ComparisonKey? {
        let table = FoldingTable.shared
        let composition = CanonicalComposition.shared
        let n = text.count
        var written = 0
        var overflow = false
        var offsets: [UInt32] = []
        let units = [UInt32](unsafeUninitializedCapacity: capacity) { unitBuffer, unitCount in
            offsets = [UInt32](unsafeUninitializedCapacity: capacity) { offsetBuffer, offsetCount in
                text.withUnsafeBufferPointer { p in
                    table.bmp.withUnsafeBufferPointer { bmp in
                        var w = KeyWriter(units: unitBuffer, offsets: offsetBuffer)
                        var link = RenderingMarkup.PendingLink()
                        var i = 0
                        while i < n {
                            let b = p[i]
                            if b < 0x80 {
                                if !RenderingMarkup.mayBeMarkup(b) {
                                    // Letters, digits, most punctuation and control
                                    // characters stay; whitespace is dropped. Without a
                                    // branch on which (a space every few letters is a
                                    // branch the processor cannot predict): the byte is
                                    // written either way and counted only when it stays.
                                    w.appendUnlessWhitespace(b, at: i)
                                    i += 1
                                    continue
                                }
                                if b == 0x2D && !w.atLineStart {
                                    // A hyphen inside a line (the commonest mark).
                                    w.appendDash(at: i)
                                    i += 1
                                    continue
                                }
                                switch RenderingMarkup.read(p, at: i, atLineStart: w.atLineStart, link: &link) {
                                case .text(let count):
                                    for j in i..<(i + count) {
                                        if p[j] == 0x2D { w.appendDash(at: j) } else { w.append(UInt32(p[j]), at: j) }
                                    }
                                    i += count
                                case .markup(let count):
                                    i += count
                                case .reference(let scalar, let length):
                                    let e =
                                        scalar < 0x80
                                        ? (ScalarClass.isWhitespace(scalar) ? FoldingTable.drop : scalar)
                                        : scalar < 0x10000 ? bmp[Int(scalar)] : table.entry(scalar)
                                    guard w.append(entry: e, at: i, length: length, table: table, roomAfter: n - i - length) else {
                                        overflow = true
                                        break
                                    }
                                    i += length
                                }
                                if overflow { break }
                                continue
                            }
                            let (v, len) = UTF8Scalars.decode(p, at: i)
                            if v &- Self.unifiedIdeographs.lowerBound < Self.unifiedIdeographs.count {
                                // Most of Chinese and Japanese text: folds to itself and is
                                // no mark (two table loads spared; tested against both).
                                w.append(v, at: i)
                                i += len
                                continue
                            }
                            if composition.isMark(v), w.count > 0,
                                let composed = composition.compose(w.units[w.count - 1], v),
                                w.isReadRightBefore(i, in: p, composition: composition)
                            {
                                // A mark composed into the unit before (NFD text keys as NFC).
                                let e = composed < 0x10000 ? bmp[Int(composed)] : table.entry(composed)
                                if e < FoldingTable.expansionFlag {
                                    w.units[w.count - 1] = e
                                    i += len
                                    continue
                                }
                            }
                            let e = v < 0x10000 ? bmp[Int(v)] : table.entry(v)
                            if e < FoldingTable.expansionFlag {
                                if e == 0x2D { w.appendDash(at: i) } else { w.append(e, at: i) }
                            } else if e != FoldingTable.drop {
                                guard w.append(entry: e, at: i, length: len, table: table, roomAfter: n - i - len) else {
                                    overflow = true
                                    break
                                }
                            }
                            i += len
                        }
                        written = w.count
                    }
                }
                offsetCount = written
            }
            unitCount = written
        }
        return overflow ? nil : ComparisonKey(units: units, offsets: offsets)
    }
}

/// Writes key units and their offsets into preallocated storage.
private struct KeyWriter {
    let units: UnsafeMutableBufferPointer<UInt32>
    let offsets: UnsafeMutableBufferPointer<UInt32>
    var count = 0
    /// Nothing but whitespace and markup so far on the current line.
    var atLineStart = true

    init(units: UnsafeMutableBufferPointer<UInt32>, offsets: UnsafeMutableBufferPointer<UInt32>) {
        self.units = units
        self.offsets = offsets
    }

    /// Appends one unit (there is always room for one unit per byte read).
    @inline(__always)
    mutating func append(_ u: UInt32, at offset: Int) {
        units[count] = u
        offsets[count] = UInt32(truncatingIfNeeded: offset)
        count += 1
        atLineStart = false
    }

    /// Appends ASCII byte `b` (not one that may begin markup) unless it is whitespace
    /// (0x09-0x0D, 0x20), without branching on which: the byte is written in any case and
    /// counted only when it stays. A line feed starts a line; any other whitespace leaves
    /// ``atLineStart`` as it was; anything else ends it.
    @inline(__always)
    mutating func appendUnlessWhitespace(_ b: UInt8, at offset: Int) {
        let whitespace: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D
        // 1 for whitespace, 0 otherwise (bytes from 64 up, b >> 6 == 1, are never whitespace).
        let isSpace = Int(truncatingIfNeeded: (whitespace &>> UInt64(b & 63)) & 1 & UInt64(1 &- b >> 6))
        units[count] = UInt32(b)
        offsets[count] = UInt32(truncatingIfNeeded: offset)
        count &+= 1 &- isSpace
        atLineStart = (b == 0x0A) || (atLineStart && isSpace == 1)
    }

    /// Whether the last unit was read from the scalars right before byte `i` (its own
    /// scalar, then marks composed into it): only then does a mark at `i` compose with it.
    func isReadRightBefore(_ i: Int, in p: UnsafeBufferPointer<UInt8>, composition: CanonicalComposition) -> Bool {
        let start = Int(offsets[count - 1])
        var j = i
        while j > start {
            // The scalar that ends at j.
            var s = j - 1
            while s > start && p[s] & 0xC0 == 0x80 { s -= 1 }
            if s == start { return true }
            guard composition.isMark(UTF8Scalars.decode(p, at: s).0) else { return false }
            j = s
        }
        return false
    }

    /// Appends `-` unless the unit before is one: a run of dashes is one unit.
    @inline(__always)
    mutating func appendDash(at offset: Int) {
        if count > 0 && units[count - 1] == 0x2D {
            atLineStart = false
            return
        }
        append(0x2D, at: offset)
    }

    /// Appends the units of folding entry `e` for a source of `length` bytes; false when
    /// they would leave less than `roomAfter` units for the rest of the text.
    @inline(__always)
    mutating func append(entry e: UInt32, at offset: Int, length: Int, table: FoldingTable, roomAfter: Int) -> Bool {
        if e == FoldingTable.drop { return true }
        if e < FoldingTable.expansionFlag {
            if e == 0x2D { appendDash(at: offset) } else { append(e, at: offset) }
            return true
        }
        let range = FoldingTable.expansionRange(e)
        guard count + range.count <= units.count - roomAfter else { return false }
        for u in table.expansions[range] { append(u, at: offset) }
        return true
    }
}

extension Normalizer {
    /// Builds the process-wide tables the normalizer reads (scalar folding, canonical
    /// composition) now rather than at the first key, for a caller that has a moment to
    /// spare before its first document, or another thread to build them on.
    public static func prepareTables() {
        _ = FoldingTable.shared
        _ = CanonicalComposition.shared
    }
}
