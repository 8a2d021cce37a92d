/// Removes a later copy of a long stretch of earlier text, wherever it starts (mid-paragraph
/// included) and however it is wrapped, spaced, flattened or lightly edited.
///
/// A copy may differ from its source by a few edits (characters dropped, added or changed,
/// punctuation swapped). A copy that is not next to its source must be at least ``DedupOptions/minCopyLength``
/// long and either ``DedupOptions/minCopyFraction`` of the text or
/// ``DedupOptions/longCopyLength`` long: shorter repeats far apart (a recipe listed on
/// several days, an agenda's rooms) belong to the text. The exception is a section of
/// prose stored again: at least two whole paragraphs, exact, at least
/// ``DedupOptions/minSectionLength`` long, whose lines average
/// ``DedupOptions/minSectionLineLength`` and are each at least half that — lists, labels,
/// headings and plans have short lines, a pull quote is one paragraph.
struct LaterCopyDetector: RepeatDetector {
    let name = "later-copy"
    let summary = "a later copy of a long stretch of earlier text, however it is wrapped or spaced"

    func candidate(for run: RepeatRun, in a: TextAnalysis) -> RepeatCandidate? {
        let o = a.options
        // A short stretch repeated over and over (rows of a table) is judged as an adjacent
        // repeat, where data rows are kept.
        let period = run.target.lowerBound - run.source.lowerBound
        guard !(run.source.upperBound > run.target.lowerBound && period < o.minMatchLength) else { return nil }
        let isLongCopy =
            run.length >= o.minCopyLength
            && (Double(run.length) >= o.minCopyFraction * Double(a.key.count) || run.length >= o.longCopyLength)
        guard isLongCopy || isRepeatedProseSection(run, in: a) else { return nil }
        return RepeatCandidate(removal: a.byteRange(run.target), reason: .laterCopy, duplicateOf: a.byteRange(run.source))
    }

    /// Whole lines of prose, two or more, repeated exactly.
    func isRepeatedProseSection(_ run: RepeatRun, in a: TextAnalysis) -> Bool {
        let o = a.options
        guard run.contentChanges == 0, run.length >= o.minSectionLength,
            a.isLineStart(run.target.lowerBound), a.isLineEnd(run.target.upperBound)
        else { return false }
        let lines = a.contentLines
        var lo = 0, hi = lines.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if lines[mid].key.lowerBound < run.target.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var count = 0
        var k = lo
        while k < lines.count && lines[k].key.upperBound <= run.target.upperBound {
            // Every line is prose, not a label or a heading.
            guard lines[k].key.count * 2 >= o.minSectionLineLength else { return false }
            count += 1
            k += 1
        }
        return count >= 2 && run.length >= count * o.minSectionLineLength
    }
}
