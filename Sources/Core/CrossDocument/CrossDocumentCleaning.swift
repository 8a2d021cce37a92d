/// Applies cross-document decisions to a document cleaned alone: a repeated document becomes
/// one removed span; boilerplate lines of a kept one become removed spans, each with the
/// number of documents it occurs in. The spans still tile the document.
public enum CrossDocumentCleaning {
    /// `result` dropped whole: one span, ``RemovalReason/duplicateDocument``, naming the
    /// document it repeats (an empty document stays as it is: there is nothing to drop).
    public static func dropped(_ result: CleanResult, repeating document: String, containedPerMille: Int) -> CleanResult {
        let count = result.document.bytes.count
        guard count > 0 else { return result }
        let span = Span(
            range: ByteRange(0, count), action: .remove, reason: .duplicateDocument,
            acrossDocuments: .repeats(document, containedPerMille: containedPerMille))
        return CleanResult(document: result.document, spans: [span])
    }

    /// `alone` (a document cleaned alone) with the decisions about it: dropped whole when it
    /// repeats an earlier document (its name, and thousandths of it found there), else with
    /// the lines of its frame that are among a batch's `boilerplate` lines removed.
    public static func applying(
        _ alone: CleanResult, repeats: (document: String, containedPerMille: Int)?, boilerplate: [UInt64: Int32],
        options: CrossDocumentOptions
    ) -> CleanResult {
        if let repeats { return dropped(alone, repeating: repeats.document, containedPerMille: repeats.containedPerMille) }
        // No boilerplate in the batch: nothing to find in the text (its lines are not needed).
        if boilerplate.isEmpty { return alone }
        let signature = DocumentSignature(cleanText: alone.cleanBytes, options: options, samples: false)
        return removingBoilerplate(
            alone, signature: signature, lines: CrossDocumentIndex.boilerplate(in: signature, lines: boilerplate, options: options))
    }

    /// `result` with the boilerplate lines of its clean text removed. `signature` is the
    /// signature of `result.cleanBytes`; `lines` are indices into its lines, in order, with
    /// the number of documents each occurs in.
    ///
    /// A line goes with its line break and the blank lines after it; lines that end the text
    /// go with the blank lines before them, so that the text ends as the last line kept does.
    public static func removingBoilerplate(
        _ result: CleanResult, signature: DocumentSignature, lines: [(line: Int, documents: Int)]
    ) -> CleanResult {
        guard !lines.isEmpty else { return result }
        let clean = result.cleanBytes
        let all = signature.lines
        let marked = Dictionary(lines.map { ($0.line, $0.documents) }, uniquingKeysWith: { a, _ in a })
        // Removals in the clean text, each with its line's count.
        var removals: [(range: Range<Int>, documents: Int)] = []
        var i = 0
        while i < all.count {
            guard marked[i] != nil else {
                i += 1
                continue
            }
            var j = i
            while j + 1 < all.count && marked[j + 1] != nil { j += 1 }
            // Lines i...j are one block.
            let atEnd = j == all.count - 1
            var blockStart = lineStart(of: all[i].range.start, in: clean)
            if i == 0 { blockStart = 0 }
            let blockEnd = atEnd ? clean.count : lineStart(of: all[j + 1].range.start, in: clean)
            if atEnd && i > 0 {
                // Keep the previous line's break, drop the blank lines after it.
                blockStart = afterLineBreak(all[i - 1].range.end, in: clean)
            }
            for k in i...j {
                let start = k == i ? blockStart : lineStart(of: all[k].range.start, in: clean)
                let end = k == j ? blockEnd : lineStart(of: all[k + 1].range.start, in: clean)
                if start < end, let documents = marked[k] { removals.append((start..<end, documents)) }
            }
            i = j + 1
        }
        return CleanResult(document: result.document, spans: split(result.spans, removing: removals))
    }

    /// The start of the line holding `offset`: after the line break before it, or 0.
    private static func lineStart(of offset: Int, in text: [UInt8]) -> Int {
        var k = offset
        while k > 0 && text[k - 1] != 0x0A { k -= 1 }
        return k
    }

    /// Just after the first line break at or after `offset`, or the end of the text.
    private static func afterLineBreak(_ offset: Int, in text: [UInt8]) -> Int {
        var k = offset
        while k < text.count && text[k] != 0x0A { k += 1 }
        return min(text.count, k + 1)
    }

    /// The spans with ranges of the clean text (the kept spans concatenated) removed as
    /// boilerplate; each removal may cover pieces of several kept spans.
    private static func split(_ spans: [Span], removing removals: [(range: Range<Int>, documents: Int)]) -> [Span] {
        var out: [Span] = []
        var cleanAt = 0  // clean-text offset of the current kept span's start
        var r = 0
        for span in spans {
            guard span.action == .keep else {
                out.append(span)
                continue
            }
            let cleanRange = cleanAt..<(cleanAt + span.range.count)
            cleanAt = cleanRange.upperBound
            var at = cleanRange.lowerBound
            while at < cleanRange.upperBound {
                while r < removals.count && removals[r].range.upperBound <= at { r += 1 }
                let toDocument = { (x: Int) in span.start + (x - cleanRange.lowerBound) }
                guard r < removals.count, removals[r].range.lowerBound < cleanRange.upperBound else {
                    append(&out, Span(range: ByteRange(toDocument(at), span.end), action: .keep))
                    break
                }
                let removal = removals[r]
                if removal.range.lowerBound > at {
                    append(&out, Span(range: ByteRange(toDocument(at), toDocument(removal.range.lowerBound)), action: .keep))
                    at = removal.range.lowerBound
                }
                let end = min(removal.range.upperBound, cleanRange.upperBound)
                out.append(
                    Span(
                        range: ByteRange(toDocument(at), toDocument(end)), action: .remove, reason: .boilerplate,
                        acrossDocuments: .boilerplate(documents: removal.documents)))
                at = end
            }
        }
        return out
    }

    /// Appends a kept span, merged with a kept span just before it.
    private static func append(_ out: inout [Span], _ span: Span) {
        guard span.range.count > 0 else { return }
        if let last = out.last, last.action == .keep, last.end == span.start {
            out[out.count - 1].range.end = span.end
        } else {
            out.append(span)
        }
    }
}
