/// Removes text repeated right after itself: a stuttered paragraph, or the overlap between
/// pages of a multi-page story.
///
/// The copy must be whole lines, whole sentences, or as long as a copy
/// (``DedupOptions/minCopyLength``), and must not change a letter or digit of its source:
/// day plans and table sections legitimately follow each other with small changes. Table rows without letters (`0 | 0 | 0`) are kept:
/// tables legitimately repeat such rows. One to eight whole lines are removed when they
/// repeat the lines right before them, however short (down to
/// ``DedupOptions/minShortRepeatLength``).
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
        if wholeLines && looksLikeDataRows(a.text[bytes]) { return nil }
        return RepeatCandidate(removal: bytes, reason: .adjacentRepeat, duplicateOf: a.byteRange(run.source))
    }

    /// One to eight whole lines repeated right after themselves. Runs find most of these
    /// too, but a run may take its source from an earlier occurrence of the same lines
    /// elsewhere (a template that repeats), which hides that the copy is a stutter.
    func lineCandidates(in a: TextAnalysis) -> [RepeatCandidate] {
        let lines = a.contentLines()
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
                guard !looksLikeDataRows(a.text[bytes]) else { continue }
                out.append(RepeatCandidate(removal: bytes, reason: .adjacentRepeat,
                                           duplicateOf: lines[i].bytes.lowerBound..<lines[i + k - 1].bytes.upperBound))
                i += 2 * k
                found = true
                break
            }
            if !found { i += 1 }
        }
        return out
    }

    /// Every line is a table row (it holds a tab or a `|`) with no letters in it, such as
    /// `0 | 0 | 0`: tables legitimately repeat such rows. Rows with words or names in them
    /// repeated right after themselves are a page overlap.
    private func looksLikeDataRows(_ bytes: ArraySlice<UInt8>) -> Bool {
        var sawCell = false
        var text = bytes
        while !text.isEmpty {
            let lineEnd = text.firstIndex(of: 0x0A) ?? text.endIndex
            let line = text[text.startIndex..<lineEnd]
            if line.contains(where: { $0 == 0x09 || $0 == 0x7C }) {
                sawCell = true
            } else if line.contains(where: { $0 > 0x20 }) {
                return false
            }
            for scalar in String(decoding: line, as: UTF8.self).unicodeScalars where scalar.properties.isAlphabetic {
                return false
            }
            text = lineEnd < text.endIndex ? text[(lineEnd + 1)...] : text[text.endIndex...]
        }
        return sawCell
    }
}
