/// One piece of the inline diff of two stretches of units: equal, delete, insert or change.
/// `a` and `b` are unit ranges (empty on the side that has nothing).
struct InlineSegment: Equatable {
    var kind: DiffOpKind
    var a: Range<Int>
    var b: Range<Int>
}

/// The diff inside a changed or moved pair of paragraphs: by character for CJK, by word
/// for space-separated scripts, then cleaned up so that edits read as whole words and
/// phrases (``SemanticCleanup``).
///
/// Cost stays bounded: a pair too long or too different for a token-level comparison
/// within the budget is aligned by sentences first (unique sentences anchor, as
/// paragraphs do), and only the sentences between anchors are compared token by token;
/// what is still too expensive takes Myers' furthest-reaching diagonal. The result
/// matches what it can; it is never "delete all, insert all" for want of time.
enum InlineDiff {
    /// Pairs longer than this many tokens (after their common ends) go to sentences first.
    static let directTokenLimit = 20_000
    /// Pairs longer than this many characters have their similarity estimated from trigrams.
    static let alignedSimilarityLimit = 8_000

    /// The segments of units `ar` of `a` against units `br` of `b`, in order, alternating
    /// between equal and the other kinds, tiling both ranges.
    static func segments(
        _ a: DiffText, _ ar: Range<Int>, _ b: DiffText, _ br: Range<Int>,
        budget: Int
    ) -> [InlineSegment] {
        let ta = InlineTokenizer.tokens(a, ar), tb = InlineTokenizer.tokens(b, br)
        let runs = tokenRuns(ta, tb, budget: budget)
        var chunks = SemanticCleanup.chunks(from: runs, n: ta.count, m: tb.count)
        chunks = SemanticCleanup.cleanup(chunks, weightA: ta.weight, weightB: tb.weight)
        chunks = SemanticCleanup.alignToBoundaries(chunks, a: ta, b: tb)
        var out: [InlineSegment] = []
        for c in chunks {
            let au = ta.units(c.a), bu = tb.units(c.b)
            let kind: DiffOpKind
            if c.isEqual || a.unitsEqual(au, b, bu) {
                kind = .equal
            } else if au.isEmpty {
                kind = .insert
            } else if bu.isEmpty {
                kind = .delete
            } else {
                kind = .change
            }
            if let last = out.last, last.kind == .equal, kind == .equal {
                out[out.count - 1] = InlineSegment(
                    kind: .equal, a: last.a.lowerBound..<au.upperBound,
                    b: last.b.lowerBound..<bu.upperBound)
            } else {
                out.append(InlineSegment(kind: kind, a: au, b: bu))
            }
        }
        return out
    }

    /// How alike two stretches of units are: 2 × matched characters / both lengths, where
    /// matched characters are the equalities left after the semantic clean-up (so that
    /// letters two unrelated texts share by chance do not count). Long stretches are
    /// estimated from shared character trigrams.
    static func similarity(
        _ a: DiffText, _ ar: Range<Int>, _ b: DiffText, _ br: Range<Int>, budget: Int,
        shingles: (ShingleSet, ShingleSet)? = nil
    ) -> Double {
        let total = ar.count + br.count
        if total == 0 { return 1 }
        if a.unitsEqual(ar, b, br) { return 1 }
        if ar.isEmpty || br.isEmpty { return 0 }
        func estimate() -> Double {
            let (sa, sb) = shingles ?? (ShingleSet(a, ar), ShingleSet(b, br))
            return sa.dice(sb)
        }
        if total > alignedSimilarityLimit { return estimate() }
        let ta = InlineTokenizer.tokens(a, ar, characters: true)
        let tb = InlineTokenizer.tokens(b, br, characters: true)
        // Alike texts align in a few passes over them; texts that need more are estimated.
        guard let runs = Myers.matches(ta.hashes, tb.hashes, workLimit: min(budget, 64 * total)) else {
            return estimate()
        }
        let chunks = SemanticCleanup.cleanup(
            SemanticCleanup.chunks(from: runs, n: ta.count, m: tb.count),
            weightA: ta.weight, weightB: tb.weight)
        let matched = chunks.reduce(0) { $0 + ($1.isEqual ? ta.weight($1.a) : 0) }
        return Double(2 * matched) / Double(total)
    }

    /// Matched token runs, token by token within the budget, else sentence by sentence.
    static func tokenRuns(_ ta: TokenList, _ tb: TokenList, budget: Int) -> [MatchRun] {
        let a = ta.hashes, b = tb.hashes
        var lo = 0
        while lo < a.count && lo < b.count && a[lo] == b[lo] { lo += 1 }
        var hiA = a.count, hiB = b.count
        while hiA > lo && hiB > lo && a[hiA - 1] == b[hiB - 1] {
            hiA -= 1
            hiB -= 1
        }
        var runs: [MatchRun] = []
        if lo > 0 { runs.append(MatchRun(a: 0, b: 0, count: lo)) }
        if hiA < a.count { runs.append(MatchRun(a: hiA, b: hiB, count: a.count - hiA)) }
        if hiA > lo && hiB > lo {
            let middle = middleRuns(ta, lo..<hiA, tb, lo..<hiB, budget: budget)
            runs += middle
        }
        runs.sort { $0.a < $1.a }
        return Myers.merged(runs)
    }

    private static func middleRuns(
        _ ta: TokenList, _ ar: Range<Int>, _ tb: TokenList, _ br: Range<Int>,
        budget: Int
    ) -> [MatchRun] {
        if ar.count + br.count <= directTokenLimit,
            let found = Myers.matches(Array(ta.hashes[ar]), Array(tb.hashes[br]), workLimit: budget)
        {
            return found.map { MatchRun(a: $0.a + ar.lowerBound, b: $0.b + br.lowerBound, count: $0.count) }
        }
        let sa = sentences(ta, ar), sb = sentences(tb, br)
        guard sa.count > 1 || sb.count > 1 else {
            return approximate(ta, ar, tb, br, budget: budget)
        }
        let ha = sa.map { sentenceHash(ta, $0) }, hb = sb.map { sentenceHash(tb, $0) }
        let sentenceRuns = ParagraphAligner.align(ha, hb, weights: sa.map(\.count), tooExpensive: tooExpensive(budget))
        var out: [MatchRun] = []
        var pa = 0, pb = 0
        func gap(_ ia: Range<Int>, _ ib: Range<Int>) {
            guard !ia.isEmpty, !ib.isEmpty else { return }
            let ra = sa[ia.lowerBound].lowerBound..<sa[ia.upperBound - 1].upperBound
            let rb = sb[ib.lowerBound].lowerBound..<sb[ib.upperBound - 1].upperBound
            if let found = Myers.matches(Array(ta.hashes[ra]), Array(tb.hashes[rb]), workLimit: budget) {
                out += found.map { MatchRun(a: $0.a + ra.lowerBound, b: $0.b + rb.lowerBound, count: $0.count) }
            } else {
                out += approximate(ta, ra, tb, rb, budget: budget)
            }
        }
        for r in sentenceRuns {
            gap(pa..<r.a, pb..<r.b)
            for k in 0..<r.count {
                let x = sa[r.a + k], y = sb[r.b + k]
                out.append(MatchRun(a: x.lowerBound, b: y.lowerBound, count: x.count))
            }
            pa = r.a + r.count
            pb = r.b + r.count
        }
        gap(pa..<sa.count, pb..<sb.count)
        return out
    }

    /// Myers past its budget: splits at the furthest-reaching diagonal instead of failing.
    private static func approximate(
        _ ta: TokenList, _ ar: Range<Int>, _ tb: TokenList, _ br: Range<Int>,
        budget: Int
    ) -> [MatchRun] {
        let found = Myers.matches(Array(ta.hashes[ar]), Array(tb.hashes[br]), tooExpensive: tooExpensive(budget)) ?? []
        return found.map { MatchRun(a: $0.a + ar.lowerBound, b: $0.b + br.lowerBound, count: $0.count) }
    }

    /// The edit cost after which one Myers search takes its best diagonal: its work grows
    /// with the square of the cost.
    static func tooExpensive(_ budget: Int) -> Int {
        max(64, Int(Double(max(budget, 1)).squareRoot()))
    }

    /// Token ranges of the sentences of `r`: each ends after a terminator.
    static func sentences(_ list: TokenList, _ r: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = r.lowerBound
        for t in r where list.kinds[t] == .terminator {
            if t + 1 < r.upperBound, list.kinds[t + 1] == .terminator { continue }
            out.append(start..<(t + 1))
            start = t + 1
        }
        if start < r.upperBound { out.append(start..<r.upperBound) }
        return out
    }

    static func sentenceHash(_ list: TokenList, _ r: Range<Int>) -> UInt64 {
        var h = UnitHash.seed
        for t in r { h = UnitHash.mix(h, list.hashes[t]) }
        return UnitHash.mix(h, UInt64(r.count))
    }
}

/// The distinct character trigrams of a stretch of units, for estimating how alike two
/// stretches are without aligning them.
struct ShingleSet {
    /// Sorted, distinct trigram hashes.
    let hashes: [UInt64]

    init(_ text: DiffText, _ r: Range<Int>) {
        var hs: [UInt64] = []
        let u = text.units
        if r.count < 3 {
            if !r.isEmpty { hs.append(UnitHash.hash(u, r)) }
        } else {
            hs.reserveCapacity(r.count - 2)
            for i in r.lowerBound..<(r.upperBound - 2) {
                let h = UnitHash.mix(
                    UnitHash.mix(UnitHash.mix(UnitHash.seed, UInt64(u[i])), UInt64(u[i + 1])),
                    UInt64(u[i + 2]))
                hs.append(h)
            }
        }
        hs.sort()
        var out: [UInt64] = []
        out.reserveCapacity(hs.count)
        for h in hs where out.last != h { out.append(h) }
        hashes = out
    }

    /// Dice coefficient of the two sets: 2 × shared / both sizes.
    func dice(_ other: ShingleSet) -> Double {
        let total = hashes.count + other.hashes.count
        guard total > 0 else { return 1 }
        var i = 0, j = 0, shared = 0
        while i < hashes.count && j < other.hashes.count {
            if hashes[i] == other.hashes[j] {
                shared += 1
                i += 1
                j += 1
            } else if hashes[i] < other.hashes[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(2 * shared) / Double(total)
    }
}
