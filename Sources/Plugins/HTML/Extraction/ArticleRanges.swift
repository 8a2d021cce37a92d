import DedupCore

/// Turns an extractor's choice of blocks into the byte ranges of the text it leaves out.
enum ArticleRanges {
    /// The ranges of the text (blocks joined by `\n\n`, ending with `\n`) to leave out so that
    /// what stays is exactly the kept blocks joined by `\n\n`, ending with `\n`: a block left
    /// out goes with the separator after it, and the blocks after the last kept one with the
    /// separator before them. Empty when every block is kept; everything when none is.
    static func leftOut(blocks: [SourceBlock], kept: [Bool], textLength: Int) -> [ByteRange] {
        guard kept.contains(false) else { return [] }
        guard let last = kept.lastIndex(of: true) else { return textLength > 0 ? [ByteRange(0, textLength)] : [] }
        var ranges: [ByteRange] = []
        var k = 0
        while k < blocks.count {
            guard !kept[k] else {
                k += 1
                continue
            }
            var j = k
            while j + 1 < blocks.count && !kept[j + 1] { j += 1 }
            let range =
                k > last
                ? ByteRange(blocks[last].end, textLength - 1)  // after the last kept block
                : ByteRange(blocks[k].start, blocks[j + 1].start)
            if range.count > 0 { ranges.append(range) }
            k = j + 1
        }
        return ranges
    }
}
