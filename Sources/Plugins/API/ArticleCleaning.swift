import DedupCore

extension ImportedDocument {
    /// The document cleaned by `deduplicator`, with the ranges extraction left out
    /// (``leftOut``) removed as ``DedupCore/RemovalReason/pageBoilerplate``.
    ///
    /// Repeats are looked for in the article: the deduplicator sees the text with the
    /// left-out ranges cut out, so a menu or a teaser outside the article is never the "first
    /// copy" that makes the article's own text a later copy; the article's spans (and the
    /// ranges they repeat) are mapped back into the whole text. The whole text is cleaned too,
    /// and its removals are added where the article kept the bytes, when at least half of what
    /// they repeat is article text: a copy of the article that also carries the page's
    /// boilerplate (a body served twice, the second time flattened with its share buttons and
    /// related links) is still found. Without left-out ranges this is exactly
    /// `deduplicator.clean(document)`.
    public func clean(with deduplicator: Deduplicator) -> CleanResult {
        cleanKeepingKey(with: deduplicator).result
    }

    /// As ``clean(with:)``, with the comparison key of the text that was searched for repeats
    /// (the whole document's when nothing was left out, else the article's).
    public func cleanKeepingKey(with deduplicator: Deduplicator) -> (result: CleanResult, key: ComparisonKey) {
        guard !leftOut.isEmpty else { return deduplicator.cleanKeepingKey(document) }
        let map = ArticleMap(leftOut: leftOut, length: document.bytes.count)
        var article: [UInt8] = []
        article.reserveCapacity(map.articleLength)
        for segment in map.segments { article.append(contentsOf: document.bytes[segment.whole..<(segment.whole + segment.count)]) }
        guard let articleDocument = try? Document(bytes: article, name: document.name) else {
            return deduplicator.cleanKeepingKey(document)
        }
        let (inner, key) = deduplicator.cleanKeepingKey(articleDocument)
        let spans = map.spans(mapping: inner.spans)
        let whole = deduplicator.clean(document).removals.filter { removal in
            guard let source = removal.duplicateOf, removal.reason != .whitespaceOnly else { return false }
            return map.articleBytes(in: source) * 2 >= source.count
        }
        return (CleanResult(document: document, spans: ArticleMap.overlay(whole, on: spans, length: document.bytes.count)), key)
    }
}

/// Where the article's bytes (the document without its left-out ranges) sit in the document.
struct ArticleMap {
    /// A run of the article: `count` bytes at `article` in the article, `whole` in the document.
    struct Segment {
        var article: Int
        var whole: Int
        var count: Int
    }

    let segments: [Segment]
    let leftOut: [ByteRange]
    let length: Int
    var articleLength: Int { segments.last.map { $0.article + $0.count } ?? 0 }

    init(leftOut: [ByteRange], length: Int) {
        var segments: [Segment] = []
        var position = 0
        var article = 0
        for range in leftOut {
            if range.start > position {
                segments.append(Segment(article: article, whole: position, count: range.start - position))
                article += range.start - position
            }
            position = range.end
        }
        if length > position { segments.append(Segment(article: article, whole: position, count: length - position)) }
        self.segments = segments
        self.leftOut = leftOut
        self.length = length
    }

    /// How many bytes of `range` (of the document) are article bytes, not left out.
    func articleBytes(in range: ByteRange) -> Int {
        var n = range.count
        for gap in leftOut where gap.end > range.start && gap.start < range.end {
            n -= min(gap.end, range.end) - max(gap.start, range.start)
        }
        return n
    }

    /// `spans` (tiling `0..<length`) with the bytes of `removals` that `spans` keeps removed
    /// as they say; bytes `spans` removes stay as they are.
    static func overlay(_ removals: [Span], on spans: [Span], length: Int) -> [Span] {
        guard !removals.isEmpty else { return spans }
        // Each byte: the span it belongs to (removals numbered after `spans`).
        var owner = [Int32](repeating: 0, count: length)
        for (k, span) in spans.enumerated() { for i in span.range.range { owner[i] = Int32(k) } }
        for (k, removal) in removals.enumerated() {
            for i in removal.range.range where spans[Int(owner[i])].action == .keep { owner[i] = Int32(spans.count + k) }
        }
        var out: [Span] = []
        var start = 0
        while start < length {
            var end = start + 1
            while end < length && owner[end] == owner[start] { end += 1 }
            let k = Int(owner[start])
            var span = k < spans.count ? spans[k] : removals[k - spans.count]
            span.range = ByteRange(start, end)
            out.append(span)
            start = end
        }
        return out
    }

    /// The document offset of article offset `offset` (a start: the segment holding it).
    func start(_ offset: Int) -> Int {
        guard let k = segmentIndex(containing: offset) else { return length }
        return segments[k].whole + offset - segments[k].article
    }

    /// The document offset of article offset `offset` taken as an end (after the byte before it).
    func end(_ offset: Int) -> Int {
        guard offset > 0 else { return start(0) }
        return start(offset - 1) + 1
    }

    private func segmentIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].article + segments[mid].count <= offset { low = mid + 1 } else { high = mid }
        }
        return low < segments.count ? low : nil
    }

    /// The article's spans laid over the document, cut where left-out ranges fall, with a
    /// removed span for each left-out range: together they tile the document.
    func spans(mapping inner: [Span]) -> [Span] {
        var out: [Span] = []
        var gaps = leftOut.makeIterator()
        var nextGap = gaps.next()
        func emitGaps(before position: Int) {
            while let gap = nextGap, gap.start <= position {
                if gap.start < gap.end {
                    out.append(Span(range: gap, action: .remove, reason: .pageBoilerplate))
                }
                nextGap = gaps.next()
            }
        }
        for span in inner {
            var offset = span.start
            while offset < span.end {
                guard let k = segmentIndex(containing: offset) else { break }
                let segment = segments[k]
                let pieceEnd = min(span.end, segment.article + segment.count)
                let wholeStart = segment.whole + offset - segment.article
                emitGaps(before: wholeStart)
                var piece = span
                piece.range = ByteRange(wholeStart, wholeStart + pieceEnd - offset)
                piece.duplicateOf = span.duplicateOf.map { ByteRange(start($0.start), end($0.end)) }
                out.append(piece)
                offset = pieceEnd
            }
        }
        emitGaps(before: length)
        return out
    }
}
