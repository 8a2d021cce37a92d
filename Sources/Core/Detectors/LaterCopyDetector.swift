/// Removes a later copy of a long stretch of earlier text, wherever it starts (mid-paragraph
/// included) and however it is wrapped, spaced, flattened or lightly edited.
///
/// A copy may differ from its source by a few edits (characters dropped, added or changed,
/// punctuation swapped). A copy that is not next to its source must be at least ``DedupOptions/minCopyLength``
/// long and either ``DedupOptions/minCopyFraction`` of the text or
/// ``DedupOptions/longCopyLength`` long: shorter repeats far apart (a recipe listed on
/// several days, an agenda's rooms) belong to the text.
struct LaterCopyDetector: RepeatDetector {
    let name = "later-copy"
    let summary = "a later copy of a long stretch of earlier text, however it is wrapped or spaced"

    func candidate(for run: RepeatRun, in a: TextAnalysis) -> RepeatCandidate? {
        let o = a.options
        // A short stretch repeated over and over (rows of a table) is judged as an adjacent
        // repeat, where data rows are kept.
        let period = run.target.lowerBound - run.source.lowerBound
        guard !(run.source.upperBound > run.target.lowerBound && period < o.minMatchLength) else { return nil }
        guard run.length >= o.minCopyLength,
              Double(run.length) >= o.minCopyFraction * Double(a.key.count) || run.length >= o.longCopyLength
        else { return nil }
        return RepeatCandidate(removal: a.byteRange(run.target), reason: .laterCopy, duplicateOf: a.byteRange(run.source))
    }
}
