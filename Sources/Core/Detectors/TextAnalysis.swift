/// Everything the detectors look at for one document, computed once: the text, its
/// comparison key, its lines, and the repeat runs of its key.
struct TextAnalysis {
    let text: [UInt8]
    let key: ComparisonKey
    let lines: LineTable
    let scanner: TextScanner
    let options: DedupOptions
    /// Repeat runs in target order, snapped to boundaries; never empty ranges.
    private(set) var runs: [RepeatRun] = []
    /// The non-blank lines as (byte range of content, key range) pairs, in order; lines
    /// with no key units (only invisible characters) are left out.
    private(set) var contentLines: [(bytes: Range<Int>, key: Range<Int>)] = []

    init(text: [UInt8], options: DedupOptions) {
        self.text = text
        self.options = options
        self.key = Normalizer().key(for: text)
        self.lines = LineTable(text, key: key)
        self.scanner = TextScanner(text)
        let finder = MatchFinder(window: max(options.minMatchLength, 4))
        let builder = RunBuilder(
            maxGap: options.maxEditGap, maxDrift: options.maxEditDrift,
            maxRotation: max(options.shrinkTolerance, 1), minPeriod: options.minMatchLength)
        let matches = finder.matches(in: key.units)
        // The closure holds the line-start bits alone: one holding `self` copied the whole
        // analysis (a dozen arrays retained and released) for each document.
        let startBits = self.lines.unitsStartingLines, keyCount = key.count
        let raw = builder.runs(from: matches, units: key.units, isLineStart: { k in k >= keyCount || LineTable.bit(k, of: startBits) })
        var runs: [RepeatRun] = []
        runs.reserveCapacity(raw.count)
        for run in raw {
            if let run = snapped(extendedOverEdits(run)) { runs.append(run) }
        }
        self.runs = runs
        // The line table, made with the key, bounds each line's content by its first and
        // last key units: a line with units is a content line, and they are its key range.
        var lines: [(bytes: Range<Int>, key: Range<Int>)] = []
        let keyStarts = self.lines.keyStarts
        for line in 0..<self.lines.starts.count where keyStarts[line] < keyStarts[line + 1] {
            lines.append((self.lines.contentStarts[line]..<self.lines.contentEnds[line], keyStarts[line]..<keyStarts[line + 1]))
        }
        self.contentLines = lines
    }

    // MARK: Key ↔ bytes

    /// Byte where key unit `k` starts (the text's end for `k == key.count`).
    func byteStart(_ k: Int) -> Int { k < key.count ? Int(key.offsets[k]) : text.count }

    /// Byte just after key unit `end - 1` (0 for `end == 0`).
    func byteEnd(_ end: Int) -> Int {
        guard end > 0 else { return 0 }
        return key.sourceEnd(ofUnit: end - 1, in: text)
    }

    func byteRange(_ r: Range<Int>) -> Range<Int> {
        r.isEmpty ? byteStart(r.lowerBound)..<byteStart(r.lowerBound) : key.byteRange(of: r, in: text)
    }

    // MARK: Boundaries, on key indices

    /// Key unit `k` begins a line (only whitespace before it on its line).
    func isLineStart(_ k: Int) -> Bool { k >= key.count || lines.unitStartsLine(k) }

    /// Key unit `end - 1` ends a line.
    func isLineEnd(_ end: Int) -> Bool { end == 0 || lines.unitEndsLine(end - 1) }

    /// Key unit `k` begins a sentence.
    func isSentenceStart(_ k: Int) -> Bool {
        k == 0 || isLineStart(k) || scanner.isSentenceEnd(scanner.skipSpaceBackward(byteStart(k)))
    }

    /// Key unit `end - 1` ends a sentence.
    func isSentenceEnd(_ end: Int) -> Bool { end >= key.count || isLineEnd(end) || scanner.isSentenceEnd(byteEnd(end)) }

    /// A cut before key unit `k` would split a word.
    func splitsWord(_ k: Int) -> Bool { k > 0 && k < key.count && scanner.isInsideWord(byteStart(k)) }

    // MARK: Runs

    /// Widens a run over an edited stretch at either end when only a short, nearly equal
    /// stretch (less than a window, at most two edits) separates it from a line boundary,
    /// possibly a few short lines away (the farthest such boundary wins): an edit near the
    /// start or end of a near-identical copy leaves less than a window unmatched.
    func extendedOverEdits(_ run: RepeatRun) -> RepeatRun {
        var run = run
        guard !run.isPeriodPiece else { return run }
        let w = options.minMatchLength
        for start in lineBoundaries(before: run.target.lowerBound, within: w - 1).reversed()
        where start >= run.source.upperBound {
            let t = Array(key.units[start..<run.target.lowerBound])
            if let shift = bestAlignment(t, sourceEnd: run.source.lowerBound, backward: true) {
                if RunBuilder.changesContent(target: t[...], source: key.units[(run.source.lowerBound - shift)..<run.source.lowerBound]) {
                    run.contentChanges += 1
                }
                run.target = start..<run.target.upperBound
                run.source = (run.source.lowerBound - shift)..<run.source.upperBound
                break
            }
        }
        for end in lineBoundaries(after: run.target.upperBound, within: w - 1).reversed() {
            let t = Array(key.units[run.target.upperBound..<end])
            if let shift = bestAlignment(t, sourceEnd: run.source.upperBound, backward: false),
                run.source.upperBound + shift <= run.target.lowerBound
            {
                if RunBuilder.changesContent(target: t[...], source: key.units[run.source.upperBound..<(run.source.upperBound + shift)]) {
                    run.contentChanges += 1
                }
                run.target = run.target.lowerBound..<end
                run.source = run.source.lowerBound..<(run.source.upperBound + shift)
                break
            }
        }
        return run
    }

    /// Key indices of line starts before `k` (nearest first, not `k` itself) at most `limit` units away.
    private func lineBoundaries(before k: Int, within limit: Int) -> [Int] {
        guard k < key.count else { return [] }
        var out: [Int] = []
        var line = lines.line(containing: byteStart(k))
        while line >= 0 {
            let start = key.index(atOrAfterByte: lines.start(ofLine: line))
            if k - start > limit { break }
            if start < k { out.append(start) }
            line -= 1
        }
        return out
    }

    /// Key indices of line ends after `end` (nearest first, not `end` itself) at most `limit` units away.
    private func lineBoundaries(after end: Int, within limit: Int) -> [Int] {
        guard end > 0, end < key.count else { return [] }
        var out: [Int] = []
        var line = lines.line(containing: byteEnd(end) - 1)
        while line < lines.starts.count {
            let stop = key.index(atOrAfterByte: lines.contentEnds[line])
            if stop - end > limit { break }
            if stop > end { out.append(stop) }
            line += 1
        }
        return out
    }

    /// How many source units best match `t` next to the source boundary, allowing up to two
    /// edits and no more than half of the stretch; nil when they differ more than that.
    private func bestAlignment(_ t: [UInt32], sourceEnd: Int, backward: Bool) -> Int? {
        var best: (Int, Int)?
        for len in max(1, t.count - 2)...(t.count + 2) {
            let range = backward ? (sourceEnd - len)..<sourceEnd : sourceEnd..<(sourceEnd + len)
            guard range.lowerBound >= 0, range.upperBound <= key.count else { continue }
            let common = EditDistance.longestCommonSubsequence(t[...], key.units[range], withinEdits: 2)
            let edits = max(t.count, len) - common
            // At most two edits, and at most half of the stretch: a short line wholly unlike
            // the source (a "read aloud" button before one copy, a font-size bar before the
            // other) is not an edit of it.
            if edits <= 2, edits * 2 <= max(t.count, len), best.map({ edits < $0.1 }) ?? true { best = (len, edits) }
        }
        return best?.0
    }

    /// Moves a run's ends onto boundaries: a line boundary within the tolerances, else a
    /// sentence boundary, else the nearest word boundary inside the run. The source moves
    /// with the target. An end where the source is on a line boundary and the target is
    /// not stays where it is. Nil when nothing is left.
    func snapped(_ run: RepeatRun) -> RepeatRun? {
        var t = run.target
        var s = run.source
        let shrink = max(options.shrinkTolerance, 1)
        let grow = max(options.growTolerance, 1)
        // The source can be shorter than the target (a copy with edits): a move that would
        // pass either's other end leaves nothing.
        var emptied = false
        func moveStart(_ d: Int) {
            guard t.lowerBound + d <= t.upperBound, s.lowerBound + d <= s.upperBound else {
                emptied = true
                return
            }
            t = (t.lowerBound + d)..<t.upperBound
            s = (s.lowerBound + d)..<s.upperBound
        }
        func moveEnd(_ d: Int) {
            guard t.upperBound + d >= t.lowerBound, s.upperBound + d >= s.lowerBound else {
                emptied = true
                return
            }
            t = t.lowerBound..<(t.upperBound + d)
            s = s.lowerBound..<(s.upperBound + d)
        }

        // Where the source starts or ends a line and the target does not, the copy begins or
        // goes on mid-line (a quoted question, a teaser's continuation): that end stays.
        let keepStart = isLineStart(s.lowerBound) && !isLineStart(t.lowerBound)
        let keepEnd = isLineEnd(s.upperBound) && !isLineEnd(t.upperBound)
        // Line boundaries first, then sentence ones. (A loop over the two methods as
        // closures copied the analysis into each, for every run.)
        for sentences in [false, true] where !keepStart {
            func isBoundary(_ k: Int) -> Bool { sentences ? isSentenceStart(k) : isLineStart(k) }
            if isBoundary(t.lowerBound) { break }
            if let d = (1...shrink).first(where: { $0 < t.count && isBoundary(t.lowerBound + $0) }) {
                moveStart(d)
                break
            }
            if let d = (1...grow).first(where: { t.lowerBound - $0 >= 0 && s.lowerBound - $0 >= 0 && isBoundary(t.lowerBound - $0) }) {
                moveStart(-d)
                break
            }
        }
        while !keepStart && !emptied && !t.isEmpty && !s.isEmpty && splitsWord(t.lowerBound) { moveStart(1) }

        for sentences in [false, true] where !keepEnd {
            func isBoundary(_ k: Int) -> Bool { sentences ? isSentenceEnd(k) : isLineEnd(k) }
            if isBoundary(t.upperBound) { break }
            if let d = (1...shrink).first(where: { $0 < t.count && isBoundary(t.upperBound - $0) }) {
                moveEnd(-d)
                break
            }
            if let d = (1...grow).first(where: {
                t.upperBound + $0 <= key.count && s.upperBound + $0 <= t.lowerBound && isBoundary(t.upperBound + $0)
            }) {
                moveEnd(d)
                break
            }
        }
        while !keepEnd && !emptied && !t.isEmpty && !s.isEmpty && splitsWord(t.upperBound) { moveEnd(-1) }
        guard !emptied, !t.isEmpty, !s.isEmpty, s.lowerBound >= 0, s.upperBound <= key.count else { return nil }
        return RepeatRun(target: t, source: s, contentChanges: run.contentChanges, isPeriodPiece: run.isPeriodPiece)
    }

    /// Only whitespace separates the end of the source from the start of the target (or
    /// they overlap).
    func isAdjacent(_ run: RepeatRun) -> Bool {
        run.source.upperBound >= run.target.lowerBound
    }
}

/// Edit measures on short key stretches.
enum EditDistance {
    /// The length of the longest common subsequence of `a` and `b` when they differ by at
    /// most `limit` edits (`max(a.count, b.count) - lcs <= limit`), else some smaller value
    /// that shows they differ by more. Only cells within `limit` of the diagonal are
    /// computed: an alignment with that few unmatched elements on either side never strays
    /// further, so the answer is exact whenever it is within the limit.
    static func longestCommonSubsequence(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, withinEdits limit: Int) -> Int {
        let m = a.count, n = b.count
        guard m > 0, n > 0, abs(m - n) <= limit else { return 0 }
        let width = 2 * limit + 3  // columns j - i + limit + 1 in 1...2*limit+1, with a border each side
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { cells in
            cells.initialize(repeating: 0)
            var prev = UnsafeMutableBufferPointer(rebasing: cells[0..<width])
            var cur = UnsafeMutableBufferPointer(rebasing: cells[width..<(2 * width)])
            // Row i (1-based) holds column j at slot j - i + limit + 1; outside the band is 0,
            // a lower bound that never exceeds the true value.
            for i in 1...m {
                let x = a[a.startIndex + i - 1]
                for slot in 1...(2 * limit + 1) {
                    let j = i + slot - limit - 1
                    guard j >= 1 && j <= n else {
                        cur[slot] = j < 1 ? 0 : cur[slot - 1]
                        continue
                    }
                    // prev row: column j-1 is slot, column j is slot+1; this row, column j-1 is slot-1.
                    cur[slot] = x == b[b.startIndex + j - 1] ? prev[slot] + 1 : max(prev[slot + 1], cur[slot - 1])
                }
                swap(&prev, &cur)
            }
            return prev[n - m + limit + 1]
        }
    }
}
