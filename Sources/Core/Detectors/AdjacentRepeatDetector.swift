/// Removes text repeated right after itself: a stuttered paragraph, or the overlap between
/// pages of a multi-page story.
///
/// The copy must be whole lines, whole sentences, or as long as a copy
/// (``DedupOptions/minCopyLength``), and must not change a letter or digit of its source:
/// day plans and table sections legitimately follow each other with small changes. Data
/// rows (no letters, some digits: `10`, `0 | 0 | 0`) are kept: tables repeat them. One to
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
        if wholeLines && looksLikeDataRows(a.text[bytes]) { return nil }
        return RepeatCandidate(removal: bytes, reason: .adjacentRepeat, duplicateOf: a.byteRange(run.source))
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
                guard !looksLikeDataRows(a.text[bytes]) else { continue }
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

    /// Every line is a data row: no letters, at least one digit (`10`, `0 | 0 | 0`,
    /// `2019\t12\t3`). Tables and flattened table cells legitimately repeat such rows.
    private func looksLikeDataRows(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var sawDigit = false
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0x80 {
                    if b >= 0x30 && b <= 0x39 { sawDigit = true } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return false }
                    i += 1
                    continue
                }
                let (v, len) = UTF8Scalars.decode(p, at: i)
                if Unicode.Scalar(v)?.properties.isAlphabetic ?? false { return false }
                i += len
            }
            return sawDigit
        }
    }
}
