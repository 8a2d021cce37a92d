/// Splits a text into paragraphs.
///
/// Paragraphs are separated by blank lines. Inside a block of several lines, a single line
/// break also separates paragraphs when the line before it ends a sentence or is clearly
/// shorter than the block's longest line; hard-wrapped lines stay one paragraph. A text
/// with no blank line at all uses single line breaks between paragraphs.
///
/// Ranges are UTF-8 byte ranges into the text, in order, trimmed of surrounding whitespace,
/// never empty.
public struct ParagraphSegmenter: Sendable {
    /// A segmenter; it holds no state.
    public init() {}

    /// The paragraphs of `text` (valid UTF-8), as trimmed byte ranges in order.
    public func paragraphs(in text: [UInt8]) -> [Range<Int>] {
        let scanner = TextScanner(text)
        let lines = Self.contentLines(scanner)
        guard !lines.isEmpty else { return [] }
        let hasBlankLines = zip(lines, lines.dropFirst()).contains { $0.1.blankBefore }
        var out: [Range<Int>] = []
        var blockStart = 0
        func flushBlock(_ end: Int) {
            let block = lines[blockStart..<end]
            guard let first = block.first else { return }
            if !hasBlankLines {
                for line in block { out.append(line.range) }
                return
            }
            let longest = block.map(\.width).max() ?? 0
            var start = first.range.lowerBound
            for (line, next) in zip(block, block.dropFirst()) {
                let breaks = scanner.isSentenceEnd(line.range.upperBound) || line.width * 10 < longest * 6
                if breaks {
                    out.append(start..<line.range.upperBound)
                    start = next.range.lowerBound
                }
            }
            if let last = block.last { out.append(start..<last.range.upperBound) }
        }
        for (k, line) in lines.enumerated() where k > 0 && line.blankBefore {
            flushBlock(k)
            blockStart = k
        }
        flushBlock(lines.count)
        return out
    }

    struct ContentLine {
        var range: Range<Int>
        var width: Int
        var blankBefore: Bool
    }

    /// The non-blank lines, trimmed, each noting whether a blank line precedes it.
    static func contentLines(_ s: TextScanner) -> [ContentLine] {
        var lines: [ContentLine] = []
        var i = 0
        var blank = false
        while i < s.count {
            let end = s.lineEnd(i)
            let start = s.skipSpaceForward(i)
            if start >= end {
                blank = true
            } else {
                let stop = s.skipSpaceBackward(end)
                var width = 0
                var j = start
                while j < stop {
                    j += UTF8Scalars.length(leadByte: s.text[j])
                    width += 1
                }
                lines.append(ContentLine(range: start..<stop, width: width, blankBefore: blank))
                blank = false
            }
            i = end + 1
        }
        return lines
    }
}

/// Splits a paragraph into sentences at `。！？!?…` and at `.` followed by a space or the
/// end, keeping closing quotes and brackets with their sentence.
///
/// Ranges are UTF-8 byte ranges into the text, in order, trimmed, never empty.
public struct SentenceSegmenter: Sendable {
    /// A segmenter; it holds no state.
    public init() {}

    /// The sentences of `range` of `text` (the whole text when nil), as trimmed byte ranges.
    public func sentences(in text: [UInt8], range: Range<Int>? = nil) -> [Range<Int>] {
        let s = TextScanner(text)
        let whole = range ?? 0..<text.count
        var out: [Range<Int>] = []
        var start = s.skipSpaceForward(whole.lowerBound)
        var i = start
        while i < whole.upperBound {
            let (_, len) = s.scalar(at: i)
            i += len
            // Take closing quotes with the sentence before deciding.
            if i < whole.upperBound, s.isSentenceEnd(i), !TextScanner.isCloser(s.scalar(at: i).0) {
                let end = s.skipSpaceBackward(i)
                if end > start { out.append(start..<end) }
                start = min(s.skipSpaceForward(i), whole.upperBound)
                i = start
            }
        }
        let end = min(s.skipSpaceBackward(whole.upperBound), whole.upperBound)
        if end > start { out.append(start..<end) }
        return out
    }
}

/// Splits text into units, the measure of length: one CJK character, or one word of a
/// space-separated script (a maximal run of letters and digits). Punctuation and
/// whitespace are not units.
public struct UnitSegmenter: Sendable {
    /// A segmenter; it holds no state.
    public init() {}

    /// Byte ranges of the units, in order.
    public func units(in text: [UInt8], range: Range<Int>? = nil) -> [Range<Int>] {
        let s = TextScanner(text)
        let whole = range ?? 0..<text.count
        var out: [Range<Int>] = []
        var i = whole.lowerBound
        var wordStart: Int?
        while i < whole.upperBound {
            let (v, len) = s.scalar(at: i)
            if s.isWordScalar(v) {
                if wordStart == nil { wordStart = i }
            } else {
                if let w = wordStart {
                    out.append(w..<i)
                    wordStart = nil
                }
                if ScalarClass.isCJK(v) { out.append(i..<(i + len)) }
            }
            i += len
        }
        if let w = wordStart { out.append(w..<whole.upperBound) }
        return out
    }

    /// The number of units in `range` of `text`.
    public func count(in text: [UInt8], range: Range<Int>? = nil) -> Int {
        units(in: text, range: range).count
    }
}
