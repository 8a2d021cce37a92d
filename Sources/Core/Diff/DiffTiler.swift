/// Turns content ops (unit ranges) into ``DiffOp``s whose byte ranges tile both texts.
///
/// Ops cover content; what lies between them is whitespace (and, unless the diff is exact,
/// invisible characters), which the normalized diff treats as equal. Each such gap joins
/// the equal op next to it on that side, the one before it first; a gap between two
/// non-equal ops (two deleted paragraphs, a moved block's paragraphs) becomes an equal op
/// of its own, paired with the gap between the same two ops on the other side when there
/// is one, else with the empty range at that place. So delete, insert, change and move
/// ranges start and end on content, and spacing never counts as a difference. In exact
/// mode paragraphs carry their whitespace, so there are no gaps.
enum DiffTiler {
    static func ops(_ content: [ContentOp], _ a: DiffText, _ b: DiffText) -> [DiffOp] {
        let n = content.count
        var ar: [Range<Int>?] = content.map { $0.aUnits.isEmpty ? nil : a.byteRange($0.aUnits) }
        var br: [Range<Int>?] = content.map { $0.bUnits.isEmpty ? nil : b.byteRange($0.bUnits) }
        let kinds = content.map(\.kind)

        // Gaps keyed by the ops before and after them (-1 for a text's edge).
        struct Key: Hashable {
            var previous: Int
            var next: Int
        }
        var loneA: [Key: Range<Int>] = [:], loneB: [Key: Range<Int>] = [:]
        func assign(_ gap: Range<Int>, _ p: Int, _ q: Int, _ ranges: inout [Range<Int>?], _ lone: inout [Key: Range<Int>]) {
            if p >= 0, kinds[p] == .equal, let r = ranges[p] {
                ranges[p] = r.lowerBound..<gap.upperBound
            } else if q >= 0, kinds[q] == .equal, let r = ranges[q] {
                ranges[q] = gap.lowerBound..<r.upperBound
            } else {
                lone[Key(previous: p, next: q)] = gap
            }
        }
        func tile(_ order: [Int], _ size: Int, _ ranges: inout [Range<Int>?], _ lone: inout [Key: Range<Int>]) {
            var end = 0, previous = -1
            for k in order {
                guard let r = ranges[k] else { continue }
                if r.lowerBound > end { assign(end..<r.lowerBound, previous, k, &ranges, &lone) }
                end = r.upperBound
                previous = k
            }
            if end < size { assign(end..<size, previous, -1, &ranges, &lone) }
        }
        tile(Array(0..<n), a.bytes.count, &ar, &loneA)
        let orderB = (0..<n).filter { br[$0] != nil }.sorted { (br[$0]?.lowerBound ?? 0) < (br[$1]?.lowerBound ?? 0) }
        tile(orderB, b.bytes.count, &br, &loneB)

        // The list in the order of A, with the lone gaps after the op before them.
        enum Item {
            case op(Int)
            case gap(Key)
        }
        var after: [Int: [Key]] = [:]
        for key in Set(loneA.keys).union(loneB.keys).sorted(by: { ($0.previous, $0.next) < ($1.previous, $1.next) }) {
            var anchor = key.previous
            if loneA[key] == nil, key.next >= 0, kinds[key.next] != .move {
                anchor = key.next - 1  // a gap only B has: just before the op after it
            }
            after[anchor, default: []].append(key)
        }
        var items: [Item] = (after[-1] ?? []).map { .gap($0) }
        for k in 0..<n {
            items.append(.op(k))
            items += (after[k] ?? []).map { .gap($0) }
        }

        // Ranges, with empty sides placed where they stand.
        var out: [DiffOp] = []
        out.reserveCapacity(items.count)
        var cursorA = 0, cursorB = 0
        for item in items {
            var op: DiffOp
            switch item {
            case .op(let k):
                let ra = ar[k] ?? cursorA..<cursorA
                let rb = br[k] ?? cursorB..<cursorB
                op = DiffOp(kind: kinds[k], a: ByteRange(ra), b: ByteRange(rb))
                if kinds[k] == .change || kinds[k] == .move {
                    op.edits = edits(content[k].segments, a, ra, b, rb)
                }
            case .gap(let key):
                let ra = loneA[key] ?? cursorA..<cursorA
                let rb = loneB[key] ?? cursorB..<cursorB
                op = DiffOp(kind: .equal, a: ByteRange(ra), b: ByteRange(rb))
            }
            cursorA = op.a.end
            var detached = op.kind == .move
            if case .gap(let key) = item {
                detached = (key.previous >= 0 && kinds[key.previous] == .move) || (key.next >= 0 && kinds[key.next] == .move)
            }
            if !detached { cursorB = op.b.end }
            if let last = out.last, last.kind == .equal, op.kind == .equal,
                last.a.end == op.a.start, last.b.end == op.b.start
            {
                out[out.count - 1] = DiffOp(
                    kind: .equal, a: ByteRange(last.a.start, op.a.end),
                    b: ByteRange(last.b.start, op.b.end))
            } else {
                out.append(op)
            }
        }
        return out
    }

    /// Byte edits of inline segments, tiling `ra` and `rb`: whitespace between segments
    /// goes to the equal one beside it.
    static func edits(
        _ segments: [InlineSegment], _ a: DiffText, _ ra: Range<Int>,
        _ b: DiffText, _ rb: Range<Int>
    ) -> [DiffEdit] {
        guard !segments.isEmpty else {
            return [DiffEdit(kind: .change, a: ByteRange(ra), b: ByteRange(rb))]
        }
        func side(_ units: (InlineSegment) -> Range<Int>, _ text: DiffText, _ whole: Range<Int>) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var lastReal = -1
            var cursor = whole.lowerBound
            for (k, s) in segments.enumerated() {
                let u = units(s)
                guard !u.isEmpty else {
                    out.append(cursor..<cursor)
                    continue
                }
                var r = text.byteRange(u)
                if r.lowerBound > cursor {
                    // A gap since the last segment with text on this side.
                    if lastReal >= 0, segments[lastReal].kind == .equal || s.kind != .equal {
                        out[lastReal] = out[lastReal].lowerBound..<r.lowerBound
                        for e in (lastReal + 1)..<k { out[e] = r.lowerBound..<r.lowerBound }
                    } else {
                        r = cursor..<r.upperBound
                    }
                }
                out.append(r)
                lastReal = k
                cursor = r.upperBound
            }
            if cursor < whole.upperBound, lastReal >= 0 {
                out[lastReal] = out[lastReal].lowerBound..<whole.upperBound
            }
            return out
        }
        let sa = side(\.a, a, ra), sb = side(\.b, b, rb)
        return segments.indices.map { DiffEdit(kind: segments[$0].kind, a: ByteRange(sa[$0]), b: ByteRange(sb[$0])) }
    }
}
