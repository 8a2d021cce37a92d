/// The lines of a text with where their content starts and ends, for questions such as "is
/// only whitespace before this byte on its line?" (a search among the few lines of the
/// byte's 4 KB block).
///
/// Line `k` spans `starts[k]..<starts[k+1]` (the last one to the end of the text) and holds
/// its `\n`. `contentStarts[k]..<contentEnds[k]` is the line without surrounding whitespace;
/// for a blank line both equal the line's end.
public struct LineTable: Sendable {
    /// Byte offset where each line starts.
    public let starts: [Int]
    /// Byte offset where each line's content starts (its end for a blank line).
    public let contentStarts: [Int]
    /// Byte offset where each line's content ends, before trailing spaces and a CR.
    public let contentEnds: [Int]
    /// For each block of 2^``blockShift`` bytes (and one past the text's end), the line
    /// holding the block's first byte. A lookup searches only the lines between two blocks'
    /// entries, in a cache line or two, rather than the whole table, whose far probes are
    /// misses on a large text.
    private let blockLines: [Int]
    private static let blockShift = 12
    /// For a table made with a key (``init(_:key:)``), one bit per key unit, set when the
    /// unit begins its line's content (``isAtLineStart(_:)`` of its first byte); empty
    /// otherwise.
    public let unitsStartingLines: [UInt64]
    /// For a table made with a key, one bit per key unit, set when the unit ends its line's
    /// content (``isAtLineEnd(_:)`` of the byte after its source); empty otherwise.
    public let unitsEndingLines: [UInt64]
    /// For a table made with a key, the first key unit of each line (the first whose source
    /// is on the line or after it) and then the key's length, so that line `k`'s units are
    /// `keyStarts[k]..<keyStarts[k+1]`; empty otherwise.
    public let keyStarts: [Int]

    /// The lines of `text` (valid UTF-8).
    public init(_ text: [UInt8]) {
        let scanner = TextScanner(text)
        var starts: [Int] = [0]
        var cs: [Int] = []
        var ce: [Int] = []
        var i = 0
        while true {
            let end = scanner.lineEnd(i)
            // A CRLF line's content ends before its CR.
            let contentLimit = end > i && text[end - 1] == 0x0D ? end - 1 : end
            let first = scanner.skipHorizontalSpaceForward(i)
            if first >= contentLimit {
                cs.append(contentLimit)
                ce.append(contentLimit)
            } else {
                cs.append(first)
                ce.append(scanner.skipHorizontalSpaceBackward(contentLimit))
            }
            if end >= text.count { break }
            i = end + 1
            starts.append(i)
        }
        self.starts = starts
        self.contentStarts = cs
        self.contentEnds = ce
        self.blockLines = Self.blockLines(starts: starts, count: text.count)
        self.unitsStartingLines = []
        self.unitsEndingLines = []
        self.keyStarts = []
    }

    /// The lines of `text` with their content bounded by what `key` reads: a line's content
    /// starts at its first key unit and ends after its last, so markup the key reads as
    /// nothing (a heading mark, a closing tag, a link target) is spacing at either end, and a
    /// line with no key unit is blank.
    public init(_ text: [UInt8], key: ComparisonKey) {
        let plain = LineTable(text)
        var cs = plain.contentStarts
        var ce = plain.contentEnds
        var k = 0
        let offsets = key.offsets
        var starting = [UInt64](repeating: 0, count: key.count / 64 + 1)
        var ending = starting
        var keyStarts: [Int] = []
        keyStarts.reserveCapacity(plain.starts.count + 1)
        for line in plain.starts.indices {
            let end = line + 1 < plain.starts.count ? plain.starts[line + 1] : text.count
            let first = k
            keyStarts.append(first)
            // The first unit at or after the line's end (searched on from this line's first).
            k = key.index(atOrAfterByte: end, from: first)
            if k > first {
                cs[line] = Int(offsets[first])
                ce[line] = key.sourceEnd(ofUnit: k - 1, in: text)
                // The units at the content's first byte start the line (several when one
                // character gave several units); those whose source ends at its last byte
                // end it. Every other unit of the line lies strictly inside.
                var u = first
                while u < k && offsets[u] == offsets[first] {
                    starting[u >> 6] |= 1 << UInt64(u & 63)
                    u += 1
                }
                u = k - 1
                while u >= first && key.sourceEnd(ofUnit: u, in: text) >= ce[line] {
                    ending[u >> 6] |= 1 << UInt64(u & 63)
                    u -= 1
                }
            } else {
                cs[line] = max(cs[line], ce[line])
                ce[line] = cs[line]
            }
        }
        self.starts = plain.starts
        self.contentStarts = cs
        self.contentEnds = ce
        self.blockLines = plain.blockLines
        keyStarts.append(key.count)
        self.unitsStartingLines = starting
        self.unitsEndingLines = ending
        self.keyStarts = keyStarts
    }

    /// Key unit `k` begins its line's content (a table made with a key).
    @inline(__always) public func unitStartsLine(_ k: Int) -> Bool { Self.bit(k, of: unitsStartingLines) }

    /// Key unit `k` ends its line's content (a table made with a key).
    @inline(__always) public func unitEndsLine(_ k: Int) -> Bool { Self.bit(k, of: unitsEndingLines) }

    /// Bit `k` of `bits` (false past their end).
    @inline(__always) static func bit(_ k: Int, of bits: [UInt64]) -> Bool {
        k >> 6 < bits.count && bits[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// ``blockLines`` for lines starting at `starts` in a text of `count` bytes.
    private static func blockLines(starts: [Int], count: Int) -> [Int] {
        let blocks = (count >> blockShift) + 2
        var lines = [Int](repeating: 0, count: blocks)
        var line = 0
        for b in 0..<blocks {
            let offset = b << blockShift
            while line + 1 < starts.count && starts[line + 1] <= offset { line += 1 }
            lines[b] = line
        }
        return lines
    }

    /// The index of the line holding byte `offset` (the last line for the text's end).
    public func line(containing offset: Int) -> Int {
        // The line is between those holding the first bytes of this block and the next.
        let block = min(max(offset, 0) >> Self.blockShift, blockLines.count - 2)
        var lo = blockLines[block]
        var hi = blockLines[block + 1]
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// True when only whitespace stands between the start of its line and `offset`.
    public func isAtLineStart(_ offset: Int) -> Bool {
        offset <= contentStarts[line(containing: offset)]
    }

    /// True when only whitespace stands between `offset` and the end of its line, where
    /// `offset` ends some content (it is looked up by the byte before it).
    public func isAtLineEnd(_ offset: Int) -> Bool {
        guard offset > 0 else { return true }
        return offset >= contentEnds[line(containing: offset - 1)]
    }

    /// Byte offset where line `k` starts.
    public func start(ofLine k: Int) -> Int { starts[k] }
}
