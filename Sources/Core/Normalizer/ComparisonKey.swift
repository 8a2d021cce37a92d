/// The text as the detectors compare it: folded scalars with whitespace and invisible
/// characters dropped, each mapped back to the byte it came from.
///
/// `units[i]` is a Unicode scalar value of the folded text; `offsets[i]` is the UTF-8 byte
/// offset in the document of the input scalar (or character reference) that produced it.
/// Offsets never decrease. One input scalar may give several key units (`…` gives `...`),
/// all with the same offset; ``sourceEnd(ofUnit:in:)`` gives where a unit's source ends.
public struct ComparisonKey: Sendable, Equatable {
    /// Folded scalar values.
    public var units: [UInt32]
    /// For each unit, the byte offset of the input scalar it came from.
    public var offsets: [UInt32]

    /// Number of key units.
    public var count: Int { units.count }

    /// ``index(atOrAfterByte:)`` for a caller walking the text forwards: `hint` is an index
    /// at or before the answer (the answer for an earlier byte), and the search gallops on
    /// from there, in time logarithmic in the distance rather than in the key.
    public func index(atOrAfterByte byteOffset: Int, from hint: Int) -> Int {
        let target = UInt32(clamping: byteOffset)
        var lo = max(0, min(hint, offsets.count))
        guard lo < offsets.count, offsets[lo] < target else { return lo }
        // offsets[lo] < target: step out until an offset reaches it (or the key ends).
        var step = 1
        var hi = lo + 1
        while hi < offsets.count && offsets[hi] < target {
            lo = hi
            step <<= 1
            hi = lo + step
        }
        // offsets[lo] < target, and offsets[hi] >= target or hi == count.
        return firstIndex(reaching: target, in: (lo + 1)..<min(hi, offsets.count))
    }

    /// The first key index whose source byte is at or after `byteOffset` (`count` if none).
    public func index(atOrAfterByte byteOffset: Int) -> Int {
        firstIndex(reaching: UInt32(clamping: byteOffset), in: 0..<offsets.count)
    }

    /// The first index in `range` whose offset is at least `target` (`range.upperBound` if
    /// none), by binary search; the offsets before `range` are below `target`.
    private func firstIndex(reaching target: UInt32, in range: Range<Int>) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) >> 1
            if offsets[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The byte range in `text` covered by the key units `range` (non-empty, within bounds).
    public func byteRange(of range: Range<Int>, in text: [UInt8]) -> Range<Int> {
        precondition(!range.isEmpty && range.upperBound <= count)
        let start = Int(offsets[range.lowerBound])
        return start..<sourceEnd(ofUnit: range.upperBound - 1, in: text)
    }

    /// The byte just after what key unit `k` was read from in `text`: the end of its scalar,
    /// or of the character reference it stands for.
    public func sourceEnd(ofUnit k: Int, in text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { Self.sourceEnd(ofUnit: k, offsets: offsets, in: $0) }
    }

    /// ``sourceEnd(ofUnit:in:)`` for a key given by its offsets: the unit's scalar or
    /// reference, and the marks composed into it (those before the next unit's offset).
    static func sourceEnd(ofUnit k: Int, offsets: [UInt32], in text: UnsafeBufferPointer<UInt8>) -> Int {
        let at = Int(offsets[k])
        var end = at + RenderingMarkup.sourceLength(text, at: at)
        let next = k + 1 < offsets.count ? Int(offsets[k + 1]) : text.count
        // A reference composes with nothing; any other unit may have taken marks in.
        if end < next && text[at] != 0x26 {
            let composition = CanonicalComposition.shared
            while end < next && text[end] >= 0x80 {
                let (v, len) = UTF8Scalars.decode(text, at: end)
                guard composition.isMark(v) else { break }
                end += len
            }
        }
        return end
    }
}

/// Small facts about UTF-8 sequences.
public enum UTF8Scalars {
    /// The length of the sequence that starts with `leadByte` (1 for a stray continuation byte).
    @inline(__always)
    static func length(leadByte b: UInt8) -> Int {
        if b < 0xC0 { return 1 }
        if b < 0xE0 { return 2 }
        if b < 0xF0 { return 3 }
        return 4
    }

    /// Appends the UTF-8 bytes of `scalar` (a Unicode scalar value, not a surrogate) to `out`.
    @inlinable
    public static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Decodes the scalar at `i` of valid UTF-8 text; returns its value and length.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 {
            return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
        }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        return (
            ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
                | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F), 4
        )
    }
}
