/// Removes an earlier fragment that a following complete copy continues: a teaser cut
/// short before the full text.
///
/// The fragment is whole lines; its copy starts a line and goes on past the fragment's
/// end on the same line. Right before the copy, any fragment of ``DedupOptions/minFragmentLength``
/// counts; with text between them (a title, a date), the fragment must be a run (at least
/// ``DedupOptions/minMatchLength``) and what stands between no longer than the fragment or
/// than ``DedupOptions/minCopyLength``, whichever is more.
///
/// Example: `"The storm hit\n\nThe storm hit the coast at dawn.\n"` keeps the second line.
struct TruncatedFragmentDetector: RepeatDetector {
    let name = "truncated-fragment"
    let summary = "an earlier fragment (a teaser cut short) that a following complete copy continues"

    func candidate(for run: RepeatRun, in a: TextAnalysis) -> RepeatCandidate? {
        let o = a.options
        guard run.length >= o.minFragmentLength, run.contentChanges == 0,
            a.isLineStart(run.source.lowerBound), a.isLineEnd(run.source.upperBound),
            a.isLineStart(run.target.lowerBound), !a.isLineEnd(run.target.upperBound),
            a.isAdjacent(run) || run.target.lowerBound - run.source.upperBound <= max(run.length, o.minCopyLength)
        else { return nil }
        return RepeatCandidate(
            removal: a.byteRange(run.source), reason: .truncatedFragment,
            duplicateOf: a.byteRange(run.target))
    }

    /// A paragraph whose whole text begins the next paragraph (a blank line between them),
    /// when it is at least a quarter of it: list rows (`1 cup flour` / `1 cup flour, sifted`)
    /// are not separated by blank lines, and a title is a small part of the paragraph that
    /// repeats it.
    func lineCandidates(in a: TextAnalysis) -> [RepeatCandidate] {
        let lines = a.contentLines
        var out: [RepeatCandidate] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            let n = line.key.count
            guard n >= a.options.minFragmentLength, n < next.key.count, n * 4 >= next.key.count,
                a.text[line.bytes.upperBound..<next.bytes.lowerBound].count(where: { $0 == 0x0A }) >= 2,
                a.keyUnits(line.key) == a.keyUnits(next.key.lowerBound..<(next.key.lowerBound + n)),
                !a.splitsWord(next.key.lowerBound + n)
            else { continue }
            out.append(
                RepeatCandidate(
                    removal: line.bytes, reason: .truncatedFragment,
                    duplicateOf: a.byteRange(next.key.lowerBound..<(next.key.lowerBound + n))))
        }
        return out
    }
}
