/// Removes text repeated right after itself: a stuttered paragraph, or the overlap between
/// pages of a multi-page story.
///
/// The copy must be whole lines, whole sentences, or as long as a copy
/// (``DedupOptions/minCopyLength``). Lines that look like table rows (holding tabs or
/// `|`) are kept: tables legitimately repeat rows. A line shorter than the match window
/// is removed when it repeats the line before and ends a sentence, so labels stay.
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

    func lineCandidates(in a: TextAnalysis) -> [RepeatCandidate] {
        let lines = a.contentLines()
        var out: [RepeatCandidate] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            let n = line.key.count
            guard n >= a.options.minShortRepeatLength, n < a.options.minMatchLength, n == next.key.count,
                  a.keyUnits(line.key) == a.keyUnits(next.key),
                  a.scanner.isSentenceEnd(line.bytes.upperBound),
                  !looksLikeTableRows(a.text[line.bytes])
            else { continue }
            out.append(RepeatCandidate(removal: next.bytes, reason: .adjacentRepeat, duplicateOf: line.bytes))
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
