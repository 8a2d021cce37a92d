/// Compares two versions of a document: which paragraphs stayed, went, came, changed or
/// moved, and inside each changed or moved paragraph, which words (or CJK characters).
///
/// 1. Paragraphs (``ParagraphSegmenter``) are compared by their comparison key
///    (``Normalizer``), so that spacing, wrapping and compatibility forms do not count
///    unless ``DiffOptions/exact`` is set.
/// 2. ``ParagraphAligner`` aligns them: common ends, then paragraphs unique on both sides
///    as anchors (patience diff), then Myers' minimal edit script for the rest. A text that
///    repeats itself aligns copy to copy.
/// 3. Between aligned paragraphs, ``ParagraphPairing`` decides which unmatched paragraphs
///    are one paragraph changed, and which were deleted or inserted.
/// 4. ``MoveDetector`` turns deleted paragraphs found again among the inserted ones
///    (equal, or alike) into moves of at least ``DiffOptions/minMoveLength`` characters.
/// 5. ``InlineDiff`` diffs each changed and moved paragraph by character (CJK) or word,
///    with a semantic clean-up, within ``DiffOptions/costBudget``.
///
/// The result's ranges are UTF-8 byte offsets into the two texts and tile both
/// (``DiffResult``). Time is close to linear for documents that differ in scattered places.
public struct DocumentDiffer: Sendable {
    /// How to compare.
    public var options: DiffOptions

    /// A differ with the given options (the documented defaults when omitted).
    public init(options: DiffOptions = DiffOptions()) {
        self.options = options
    }

    /// The diff of `a` against `b`.
    public func diff(_ a: Document, _ b: Document) -> DiffResult {
        let ta = DiffText(a.bytes, exact: options.exact)
        let tb = DiffText(b.bytes, exact: options.exact)
        let content = contentOps(ta, tb)
        return DiffResult(a: a.bytes, b: b.bytes, ops: DiffTiler.ops(content, ta, tb), exact: options.exact)
    }

    /// When the documents differ by one stretch of whole paragraphs that one of them has and
    /// the other lacks (a body stored twice, removed), that stretch as one op between the
    /// equal text around it; nil otherwise.
    func singleStretch(_ a: DiffText, _ b: DiffText) -> [ContentOp]? {
        let na = a.units.count, nb = b.units.count
        var p = 0
        while p < na && p < nb && a.units[p] == b.units[p] { p += 1 }
        var s = 0
        while s < na - p && s < nb - p && a.units[na - 1 - s] == b.units[nb - 1 - s] { s += 1 }
        let deleted = na > nb
        let longer = deleted ? a : b
        guard (deleted ? nb : na) == p + s else { return nil }
        let middle = p..<(longer.units.count - s)
        guard !middle.isEmpty,
            longer.paragraphs.contains(where: { $0.lowerBound == middle.lowerBound }),
            longer.paragraphs.contains(where: { $0.upperBound == middle.upperBound })
        else { return nil }
        let none = 0..<0
        var ops: [ContentOp] = []
        if p > 0 { ops.append(ContentOp(kind: .equal, aParagraphs: none, bParagraphs: none, aUnits: 0..<p, bUnits: 0..<p)) }
        ops.append(
            ContentOp(
                kind: deleted ? .delete : .insert, aParagraphs: none, bParagraphs: none,
                aUnits: deleted ? middle : p..<p, bUnits: deleted ? p..<p : middle))
        if s > 0 {
            ops.append(
                ContentOp(
                    kind: .equal, aParagraphs: none, bParagraphs: none,
                    aUnits: (na - s)..<na, bUnits: (nb - s)..<nb))
        }
        return ops
    }

    func contentOps(_ a: DiffText, _ b: DiffText) -> [ContentOp] {
        let same = options.exact ? a.bytes == b.bytes : a.units == b.units
        if same {
            guard !a.paragraphs.isEmpty, !b.paragraphs.isEmpty else { return [] }
            return [
                ContentOp(
                    kind: .equal, aParagraphs: 0..<a.paragraphs.count, bParagraphs: 0..<b.paragraphs.count,
                    aUnits: a.units(ofParagraphs: 0..<a.paragraphs.count),
                    bUnits: b.units(ofParagraphs: 0..<b.paragraphs.count))
            ]
        }
        if let single = singleStretch(a, b) { return single }
        let budget = max(1, options.costBudget)
        let runs = ParagraphAligner.align(
            a.paragraphHashes, b.paragraphHashes, weights: a.paragraphs.map(\.count),
            tooExpensive: InlineDiff.tooExpensive(budget))
        var ops: [ContentOp] = []
        var pa = 0, pb = 0
        for r in runs + [MatchRun(a: a.paragraphs.count, b: b.paragraphs.count, count: 0)] {
            if r.a > pa || r.b > pb {
                ops += ParagraphPairing.resolve(a, pa..<r.a, b, pb..<r.b, budget: budget)
            }
            // Aligned paragraphs are equal, but in exact mode the whitespace after one may
            // differ: that pair is a change.
            var k = 0
            while k < r.count {
                var e = k
                while e < r.count && a.unitsEqual(a.paragraphs[r.a + e], b, b.paragraphs[r.b + e]) { e += 1 }
                if e == k { e = k + 1 }
                let ap = (r.a + k)..<(r.a + e), bp = (r.b + k)..<(r.b + e)
                let au = a.units(ofParagraphs: ap), bu = b.units(ofParagraphs: bp)
                ops.append(
                    ContentOp(
                        kind: a.unitsEqual(au, b, bu) ? .equal : .change, aParagraphs: ap, bParagraphs: bp,
                        aUnits: au, bUnits: bu))
                k = e
            }
            pa = r.a + r.count
            pb = r.b + r.count
        }
        MoveDetector.detect(&ops, a, b, options: options)
        for k in ops.indices where ops[k].kind == .change || ops[k].kind == .move {
            let segments = InlineDiff.segments(a, ops[k].aUnits, b, ops[k].bUnits, budget: budget)
            if ops[k].kind == .change && segments.allSatisfy({ $0.kind == .equal }) {
                ops[k].kind = .equal
            } else {
                ops[k].segments = segments
            }
        }
        return ops
    }
}
