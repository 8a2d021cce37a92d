/// The lines of a text with where their content starts and ends, for O(log n) questions
/// such as "is only whitespace before this byte on its line?".
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
        for line in plain.starts.indices {
            let end = line + 1 < plain.starts.count ? plain.starts[line + 1] : text.count
            let first = k
            // The first unit at or after the line's end (a binary search: lines are many
            // units long, and blank lines none).
            k = key.index(atOrAfterByte: end)
            if k > first {
                cs[line] = Int(offsets[first])
                ce[line] = key.sourceEnd(ofUnit: k - 1, in: text)
            } else {
                cs[line] = max(cs[line], ce[line])
                ce[line] = cs[line]
            }
        }
        self.starts = plain.starts
        self.contentStarts = cs
        self.contentEnds = ce
    }

    /// The index of the line holding byte `offset` (the last line for the text's end).
    public func line(containing offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
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
