/// Removes text repeated right after itself: a stuttered paragraph, or the overlap between
/// pages of a multi-page story.
///
/// The copy must be whole lines, whole sentences, or as long as a copy
/// (``DedupOptions/minCopyLength``). Lines that look like table rows (holding tabs or
/// `|`) are kept: tables legitimately repeat rows. One to three lines shorter than the
/// match window are removed when they repeat the lines right before them.
///
/// Example: `"A long paragraph.\n\nA long paragraph.\n"` keeps the first line.
struct AdjacentRepeatDetector: RepeatDetector {
    let name = "adjacent-repeat"
    let summary = "text repeated right after itself (a stutter, overlapping pages)"

    func candidate(for run: RepeatRun, in a: TextAnalysis) -> RepeatCandidate? {
        guard a.isAdjacent(run) else { return nil }
        let wholeLines = a.isLineStart(run.target.lowerBound) && a.isLineEnd(run.target.upperBound)
        let wholeSentences = a.isSentenceStart(run.target.lowerBound) && a.isSentenceEnd(run.target.upperBound)
        guard wholeLines || wholeSentences || run.length >= a.options.minCopyLength else { return nil }
        let bytes = a.byteRange(run.target)
        if wholeLines && looksLikeTableRows(a.text[bytes]) { return nil }
        return RepeatCandidate(removal: bytes, reason: .adjacentRepeat, duplicateOf: a.byteRange(run.source))
    }

    /// One to three whole lines repeated right after themselves, together shorter than the
    /// match window (longer ones are runs).
    func lineCandidates(in a: TextAnalysis) -> [RepeatCandidate] {
        let lines = a.contentLines()
        var out: [RepeatCandidate] = []
        var i = 0
        while i < lines.count {
            var found = false
            for k in 1...3 where i + 2 * k <= lines.count {
                let first = lines[i].key.lowerBound..<lines[i + k - 1].key.upperBound
                let second = lines[i + k].key.lowerBound..<lines[i + 2 * k - 1].key.upperBound
                let n = first.count
                guard n >= a.options.minShortRepeatLength, n < a.options.minMatchLength, n == second.count,
                      a.keyUnits(first) == a.keyUnits(second)
                else { continue }
                let bytes = lines[i + k].bytes.lowerBound..<lines[i + 2 * k - 1].bytes.upperBound
                guard !looksLikeTableRows(a.text[bytes]) else { continue }
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

    /// Every line holds a tab or a `|`.
    private func looksLikeTableRows(_ bytes: ArraySlice<UInt8>) -> Bool {
        var sawCell = false
        for b in bytes {
            if b == 0x09 || b == 0x7C { sawCell = true }
            if b == 0x0A { if !sawCell { return false }; sawCell = false }
        }
        return sawCell
    }
}
