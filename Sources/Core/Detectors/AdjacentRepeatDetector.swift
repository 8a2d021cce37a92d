/// Removes text repeated right after itself: a stuttered paragraph, or the overlap between
/// pages of a multi-page story.
///
/// The copy must be whole lines, whole sentences, or as long as a copy
/// (``DedupOptions/minCopyLength``), and must not change a letter or digit of its source:
/// day plans and table sections legitimately follow each other with small changes. Data
/// rows (`10`, `0 | 0 | 0`) are kept, and so are lines of symbols (form blanks `____。`,
/// borders `│    │`, separators): tables and forms repeat them. A short
/// repeat that differs from its source in markup (the same words in other tags, in a text
/// about markup) is kept: a scraper's stutter repeats the bytes. One to
/// eight whole lines are removed when they repeat the lines right before them, down to
/// ``DedupOptions/minShortRepeatLength`` characters.
///
/// Example: `"A long paragraph.\n\nA long paragraph.\n"` keeps the first line.
struct AdjacentRepeatDetector: RepeatDetector {
    let name = "adjacent-repeat"
    let summary = "text repeated right after itself (a stutter, overlapping pages)"

    func candidate(for run: RepeatRun, in a: TextAnalysis) -> RepeatCandidate? {
        guard a.isAdjacent(run), run.contentChanges == 0 else { return nil }
        let wholeLines = a.isLineStart(run.target.lowerBound) && a.isLineEnd(run.target.upperBound)
        let wholeSentences = a.isSentenceStart(run.target.lowerBound) && a.isSentenceEnd(run.target.upperBound)
        guard wholeLines || wholeSentences || run.length >= a.options.minCopyLength else { return nil }
        let bytes = a.byteRange(run.target)
        if wholeLines && isStructure(a.text[bytes]) { return nil }
        let source = a.byteRange(run.source)
        if run.length < a.options.minCopyLength && differsInMarkup(source, bytes, in: a.text) { return nil }
        return RepeatCandidate(removal: bytes, reason: .adjacentRepeat, duplicateOf: source)
    }

    /// One to eight whole lines repeated right after themselves. Runs find most of these
    /// too, but a run may take its source from an earlier occurrence of the same lines
    /// elsewhere (a template that repeats), which hides that the copy is a stutter.
    func lineCandidates(in a: TextAnalysis) -> [RepeatCandidate] {
        let lines = a.contentLines
        var out: [RepeatCandidate] = []
        var i = 0
        while i < lines.count {
            var found = false
            for k in 1...8 where i + 2 * k <= lines.count {
                let first = lines[i].key.lowerBound..<lines[i + k - 1].key.upperBound
                let second = lines[i + k].key.lowerBound..<lines[i + 2 * k - 1].key.upperBound
                let n = first.count
                guard n >= a.options.minShortRepeatLength, n == second.count,
                    a.keyUnits(first) == a.keyUnits(second)
                else { continue }
                let bytes = lines[i + k].bytes.lowerBound..<lines[i + 2 * k - 1].bytes.upperBound
                let source = lines[i].bytes.lowerBound..<lines[i + k - 1].bytes.upperBound
                guard !isStructure(a.text[bytes]), !differsInMarkup(source, bytes, in: a.text) else { continue }
                out.append(
                    RepeatCandidate(
                        removal: bytes, reason: .adjacentRepeat,
                        duplicateOf: lines[i].bytes.lowerBound..<lines[i + k - 1].bytes.upperBound))
                i += 2 * k
                found = true
                break
            }
            if !found { i += 1 }
        }
        return out
    }

    /// The two texts differ in more than spacing and one of them holds markup or a
    /// character reference (`<`, `&`, `*`, `_`, `` ` ``, `[`, `#`): the same words shown
    /// twice with different markup (`<p>…</p>` then `<div>…</div>` in a text about HTML)
    /// are examples, not a stutter; a scraper's stutter repeats the bytes.
    /// The texts are compared with the markup that hugs them (`<p>…</p>`).
    private func differsInMarkup(_ r1: Range<Int>, _ r2: Range<Int>, in text: [UInt8]) -> Bool {
        let (a, b) = text.withUnsafeBufferPointer { p in
            let widen = { (r: Range<Int>) in
                (r.lowerBound - RenderingMarkup.openingMarkupLength(p, at: r.lowerBound))..<(r.upperBound
                    + RenderingMarkup.closingMarkupLength(p, at: r.upperBound))
            }
            return (text[widen(r1)], text[widen(r2)])
        }
        func isMarkupByte(_ x: UInt8) -> Bool { x == 0x3C || x == 0x26 || x == 0x2A || x == 0x5F || x == 0x60 || x == 0x5B || x == 0x23 }
        guard a.contains(where: isMarkupByte) || b.contains(where: isMarkupByte) else { return false }
        func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x &- 0x09) <= 4 }
        return !a.lazy.filter { !isSpace($0) }.elementsEqual(b.lazy.filter { !isSpace($0) })
    }

    /// Lines a table or a form repeats: lines without letters. Data rows (digits, no
    /// letters: `10`, `0 | 0 | 0`, `2019\t12\t3`) and lines of symbols (no letters or digits:
    /// form blanks `____。`, borders `│    │`, separators `* * *`) are never removed as
    /// adjacent repeats: a form or a table repeats them on purpose, and when a scraper
    /// stuttered one, keeping a few symbols loses nothing.
    private func isStructure(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0x80 {
                    if ScalarClass.isASCIILetter(b) { return false }
                    i += 1
                    continue
                }
                let (v, len) = UTF8Scalars.decode(p, at: i)
                if Unicode.Scalar(v)?.properties.isAlphabetic ?? false { return false }
                i += len
            }
            return true
        }
    }
}
