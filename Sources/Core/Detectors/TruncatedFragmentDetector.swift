/// Removes an earlier fragment that a following complete copy continues (a teaser cut
/// short before the full text), and a later one that stops short of the article's opening
/// (the teaser a related-articles box after the end stores).
///
/// The fragment is whole lines; its copy starts a line and goes on past the fragment's
/// end on the same line. Right before the copy, any fragment of ``DedupOptions/minFragmentLength``
/// counts; with text between them (a title, a date), the fragment must be a run (at least
/// ``DedupOptions/minMatchLength``) and what stands between no longer than the fragment or
/// than ``DedupOptions/minCopyLength``, whichever is more.
///
/// A later fragment is a whole line that one of the text's first ``openingLines`` lines
/// begins with, cut short (often mid-word, often with an ellipsis such as `…` or `[...]`
/// after it; a line that is the opening's first sentences with their final period is the
/// text restating itself and stays), at
/// least ``DedupOptions/minMatchLength`` long (half that in CJK text); the lines around it (the box's heading, the
/// other teasers) stay.
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

    /// The units an ellipsis after a fragment is made of: `.` (`…` folds to `...`) and the
    /// brackets of `[...]` and `(…)`.
    @inline(__always)
    static func isEllipsisUnit(_ u: UInt32) -> Bool { u == 0x2E || u == 0x5B || u == 0x5D || u == 0x28 || u == 0x29 }

    /// How many of the text's first lines count as its opening, for later fragments.
    static let openingLines = 4

    /// Later fragments of the opening (see the type's documentation).
    func laterFragments(in a: TextAnalysis) -> [RepeatCandidate] {
        let lines = a.contentLines
        let opening = lines.prefix(Self.openingLines)
        let shortest = max(a.options.minFragmentLength, max(a.options.minMatchLength, a.options.minFragmentLength) / 2)
        var out: [RepeatCandidate] = []
        a.key.units.withUnsafeBufferPointer { units in
            for line in lines.dropFirst(1) {
                // The fragment without the ellipsis (`...`, `…`, `[...]`, `(…)`) after it.
                let f = line.key.lowerBound
                var end = line.key.upperBound
                while end > f, Self.isEllipsisUnit(units[end - 1]) { end -= 1 }
                let n = end - f
                guard n >= shortest else { continue }
                // A line that is the opening's first sentences, period included, is the text
                // restating itself; cut before the period, or with an ellipsis, it is a teaser.
                let whole = line.key.upperBound - end == 1
                for source in opening where source.key.upperBound <= f && source.key.count > n {
                    let s = source.key.lowerBound
                    guard units[s] == units[f], units[s + n - 1] == units[end - 1], !whole || units[s + n] != 0x2E,
                        (0..<n).allSatisfy({ units[s + $0] == units[f + $0] }),
                        n >= minimumLength(UnsafeBufferPointer(rebasing: units[f..<end]), a.options)
                    else { continue }
                    out.append(
                        RepeatCandidate(
                            removal: line.bytes, reason: .truncatedFragment,
                            duplicateOf: a.byteRange(s..<(s + n))))
                    break
                }
            }
        }
        return out
    }

    /// The shortest later fragment: ``DedupOptions/minMatchLength`` key characters, half as
    /// many when most are Han, kana or Hangul (a character there carries about a word).
    func minimumLength(_ fragment: UnsafeBufferPointer<UInt32>, _ o: DedupOptions) -> Int {
        let full = max(o.minMatchLength, o.minFragmentLength)
        let cjk = fragment.count(where: { ScalarClass.isCJK($0) })
        return cjk * 2 > fragment.count ? max(full / 2, o.minFragmentLength) : full
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
        return out + laterFragments(in: a)
    }
}
