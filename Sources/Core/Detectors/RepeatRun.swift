/// A stretch of the key that repeats an earlier stretch, possibly with small edits:
/// several ``KeyMatch``es whose offsets drift by a few units and whose gaps are short
/// count as one run. Ranges are key index ranges; `source` precedes `target`.
struct RepeatRun: Equatable {
    var target: Range<Int>
    var source: Range<Int>
    /// How many of the edits inside the run change letters or digits (`Plan E` against
    /// `Plan F`, a dropped letter): changes of content rather than of punctuation.
    var contentChanges = 0
    /// One period of a text repeated several times over: exact, so never widened over edits.
    var isPeriodPiece = false

    var length: Int { target.count }
}

/// Joins matches into runs and splits periodic runs so each piece points at the first copy.
struct RunBuilder {
    /// Largest gap (key units) between two matches of one run: the edited stretch.
    var maxGap: Int
    /// Largest change of offset between two matches of one run: characters dropped or added.
    var maxDrift: Int
    /// Largest number of units a periodic run is rotated by to start its copies on a line.
    var maxRotation: Int
    /// Periods shorter than this (a row or a word repeated over and over) are not split:
    /// the run stays whole (rotated onto a line start where one is near), pointing at the
    /// stretch it repeats.
    var minPeriod: Int

    /// `isLineStart(k)` tells whether key unit `k` begins a line; periodic runs are rotated
    /// so that their pieces begin lines where the text allows.
    func runs(from matches: [KeyMatch], units: [UInt32], isLineStart: (Int) -> Bool) -> [RepeatRun] {
        var out: [RepeatRun] = []
        for m in matches {
            let run = RepeatRun(target: m.target..<(m.target + m.length), source: m.source..<(m.source + m.length))
            if var last = out.last {
                let gap = run.target.lowerBound - last.target.upperBound
                let drift =
                    (run.target.lowerBound - run.source.lowerBound)
                    - (last.target.lowerBound - last.source.lowerBound)
                if gap >= 0 && gap <= maxGap && abs(drift) <= maxDrift
                    && run.source.lowerBound >= last.source.upperBound - maxDrift
                {
                    if Self.changesContent(
                        target: units[last.target.upperBound..<run.target.lowerBound],
                        source: units[min(last.source.upperBound, run.source.lowerBound)..<run.source.lowerBound])
                    {
                        last.contentChanges += 1
                    }
                    last.target = last.target.lowerBound..<run.target.upperBound
                    last.source = last.source.lowerBound..<max(last.source.upperBound, run.source.upperBound)
                    out[out.count - 1] = last
                    continue
                }
            }
            out.append(run)
        }
        return out.flatMap { splitPeriodic($0, isLineStart: isLineStart) }
    }

    /// True when the stretch between two matches changes letters or digits (`Plan E`
    /// against `Plan F`, `two` against `four`, a dropped letter), not only punctuation or
    /// spacing: what differs, once the common start and end are set aside, holds a letter
    /// or digit on either side.
    static func changesContent(target: ArraySlice<UInt32>, source: ArraySlice<UInt32>) -> Bool {
        var t = target, s = source
        while let a = t.first, let b = s.first, a == b {
            t = t.dropFirst()
            s = s.dropFirst()
        }
        while let a = t.last, let b = s.last, a == b {
            t = t.dropLast()
            s = s.dropLast()
        }
        return t.contains(where: Self.isLetterOrDigit) || s.contains(where: Self.isLetterOrDigit)
    }

    private static func isLetterOrDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// A run whose source overlaps its target is the same text repeated with period
    /// `target.start - source.start`; it becomes one run per period, each pointing at the
    /// first period. A run that starts a few units before a line start (the text before
    /// both copies ends alike) is first rotated so that its pieces start on a line.
    func splitPeriodic(_ run: RepeatRun, isLineStart: (Int) -> Bool) -> [RepeatRun] {
        let period = run.target.lowerBound - run.source.lowerBound
        guard run.source.upperBound >= run.target.lowerBound, period > 0 else { return [run] }
        let short = period < minPeriod
        var rotation = 0
        if !isLineStart(run.target.lowerBound) {
            let limit = min(short ? run.target.count : period, run.target.count, maxRotation + 1)
            if let r = (1..<max(limit, 1)).first(where: { isLineStart(run.target.lowerBound + $0) }) {
                rotation = r
            }
        }
        let sourceStart = run.source.lowerBound + rotation
        if short {
            var whole = run
            whole.target = (run.target.lowerBound + rotation)..<run.target.upperBound
            whole.source = sourceStart..<run.source.upperBound
            return whole.target.isEmpty ? [] : [whole]
        }
        var pieces: [RepeatRun] = []
        var start = run.target.lowerBound + rotation
        while start < run.target.upperBound {
            let end = min(start + period, run.target.upperBound)
            pieces.append(
                RepeatRun(
                    target: start..<end, source: sourceStart..<(sourceStart + end - start),
                    contentChanges: run.contentChanges, isPeriodPiece: true))
            start = end
        }
        if pieces.count == 1 { pieces[0].isPeriodPiece = false }
        return pieces
    }
}
