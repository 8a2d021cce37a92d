/// Turns the detectors' candidates into spans that tile the document.
///
/// Each removal takes the markup that hugs it (see ``RenderingMarkup``) and the spacing
/// around it, so that the clean text reads naturally: a
/// removal of whole lines takes its lines' breaks up to the next content line; a removal
/// that ends a line takes the spaces before it; one inside a line takes the spaces after
/// it. Overlapping removals are trimmed so that every byte is in exactly one span.
struct SpanTiler {
    let text: [UInt8]
    let lines: LineTable
    let scanner: TextScanner

    func spans(for candidates: [RepeatCandidate]) -> [Span] {
        let spaced = candidates.map { c -> RepeatCandidate in
            var c = c
            c.removal = withSpacing(c.removal)
            return c
        }.filter { !$0.removal.isEmpty }
            .sorted { ($0.removal.lowerBound, -$0.removal.upperBound) < ($1.removal.lowerBound, -$1.removal.upperBound) }

        var spans: [Span] = []
        var cursor = 0
        for c in spaced {
            var start = c.removal.lowerBound
            let end = c.removal.upperBound
            if end <= cursor { continue }
            // A removal trimmed by the one before it still repeats (part of) the same text.
            let dup = c.duplicateOf
            if start < cursor { start = cursor }
            if start > cursor { spans.append(Span(range: ByteRange(cursor, start), action: .keep)) }
            spans.append(
                Span(
                    range: ByteRange(start, end), action: .remove, reason: c.reason,
                    duplicateOf: ByteRange(dup)))
            cursor = end
        }
        if cursor < text.count { spans.append(Span(range: ByteRange(cursor, text.count), action: .keep)) }
        return spans
    }

    /// The removal widened over the markup and the spacing that go with it.
    func withSpacing(_ r: Range<Int>) -> Range<Int> {
        // Markup that hugs the removed text (`**`, `](url)`, `</b>`) goes with it.
        let (before, after) = text.withUnsafeBufferPointer { p in
            (
                RenderingMarkup.openingMarkupLength(p, at: r.lowerBound),
                RenderingMarkup.closingMarkupLength(p, at: r.upperBound)
            )
        }
        var start = r.lowerBound - before
        var end = r.upperBound + after
        if lines.isAtLineStart(start) {
            start = lines.start(ofLine: lines.line(containing: start))
            if lines.isAtLineEnd(end) {
                let next = scanner.skipSpaceForward(end)
                if next >= text.count {
                    // Removing the text's tail: keep one line break after the content before.
                    end = text.count
                    let contentEnd = scanner.skipSpaceBackward(start)
                    if contentEnd > 0 {
                        var k = contentEnd
                        while k < start && text[k] != 0x0A { k += 1 }
                        start = min(k + 1, start)
                    }
                } else {
                    end = max(end, lines.start(ofLine: lines.line(containing: next)))
                }
            } else {
                end = scanner.skipHorizontalSpaceForward(end)
            }
        } else if lines.isAtLineEnd(end) {
            start = scanner.skipHorizontalSpaceBackward(start)
            end = scanner.skipHorizontalSpaceForward(end)
        } else {
            end = scanner.skipHorizontalSpaceForward(end)
        }
        return start..<end
    }
}
