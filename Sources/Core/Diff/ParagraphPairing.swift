/// A piece of a document diff before it is turned into bytes: paragraphs of A and B
/// (either may be empty) with their units, and for a change or a move its inline segments.
struct ContentOp {
    var kind: DiffOpKind
    var aParagraphs: Range<Int>
    var bParagraphs: Range<Int>
    var aUnits: Range<Int>
    var bUnits: Range<Int>
    var segments: [InlineSegment] = []
}

/// Resolves a stretch of paragraphs that the alignment left unmatched on both sides: which
/// paragraph of A became which of B (a change), and which were deleted or inserted.
///
/// A pair is a change when its similarity (``InlineDiff/similarity(_:_:_:_:budget:)``) is
/// at least ``threshold``; pairs keep their order (the chain that increases on both sides
/// with the most matched text, the more alike pairs first), and a pair grows over unpaired neighbours when that makes it more alike
/// (a paragraph that the other side splits in two). A deleted paragraph and an inserted one
/// that merely stand at the same place stay a delete and an insert.
enum ParagraphPairing {
    /// Similarity from which two paragraphs at the same place are one changed paragraph.
    static let threshold = 0.5

    static func resolve(_ a: DiffText, _ ap: Range<Int>, _ b: DiffText, _ bp: Range<Int>, budget: Int) -> [ContentOp] {
        if ap.isEmpty { return bp.map { insert(b, $0) } }
        if bp.isEmpty { return ap.map { delete(a, $0) } }
        let au = a.units(ofParagraphs: ap), bu = b.units(ofParagraphs: bp)
        if a.unitsEqual(au, b, bu) {
            return [ContentOp(kind: .equal, aParagraphs: ap, bParagraphs: bp, aUnits: au, bUnits: bu)]
        }
        let shA = ap.map { ShingleSet(a, a.paragraphs[$0]) }
        let shB = bp.map { ShingleSet(b, b.paragraphs[$0]) }
        var edges: [Edge] = []
        for (i, j) in candidates(shA, shB) {
            let dice = shA[i].dice(shB[j])
            guard dice >= 0.3 else { continue }
            let ra = a.paragraphs[ap.lowerBound + i], rb = b.paragraphs[bp.lowerBound + j]
            let s = InlineDiff.similarity(a, ra, b, rb, budget: budget, shingles: (shA[i], shB[j]))
            if s >= threshold { edges.append(Edge(i: i, j: j, weight: s * s * Double(ra.count + rb.count))) }
        }
        var groups = heaviestChain(edges, bCount: bp.count).map {
            Group(a: $0.i..<($0.i + 1), b: $0.j..<($0.j + 1), similarity: 0)
        }
        grow(&groups, a, ap, b, bp, budget: budget)

        var ops: [ContentOp] = []
        var ia = 0, ib = 0
        for g in groups {
            for i in ia..<g.a.lowerBound { ops.append(delete(a, ap.lowerBound + i)) }
            for j in ib..<g.b.lowerBound { ops.append(insert(b, bp.lowerBound + j)) }
            let gp = (ap.lowerBound + g.a.lowerBound)..<(ap.lowerBound + g.a.upperBound)
            let gq = (bp.lowerBound + g.b.lowerBound)..<(bp.lowerBound + g.b.upperBound)
            let gu = a.units(ofParagraphs: gp), gv = b.units(ofParagraphs: gq)
            ops.append(
                ContentOp(
                    kind: a.unitsEqual(gu, b, gv) ? .equal : .change,
                    aParagraphs: gp, bParagraphs: gq, aUnits: gu, bUnits: gv))
            ia = g.a.upperBound
            ib = g.b.upperBound
        }
        for i in ia..<ap.count { ops.append(delete(a, ap.lowerBound + i)) }
        for j in ib..<bp.count { ops.append(insert(b, bp.lowerBound + j)) }
        return ops
    }

    static func delete(_ a: DiffText, _ i: Int) -> ContentOp {
        ContentOp(kind: .delete, aParagraphs: i..<(i + 1), bParagraphs: 0..<0, aUnits: a.paragraphs[i], bUnits: 0..<0)
    }

    static func insert(_ b: DiffText, _ j: Int) -> ContentOp {
        ContentOp(kind: .insert, aParagraphs: 0..<0, bParagraphs: j..<(j + 1), aUnits: 0..<0, bUnits: b.paragraphs[j])
    }

    struct Edge {
        var i: Int
        var j: Int
        var weight: Double
    }

    struct Group {
        var a: Range<Int>
        var b: Range<Int>
        var similarity: Double
    }

    /// Pairs worth comparing: all of them in a small stretch; in a large one, for each
    /// paragraph of A the few of B that share most trigrams with it.
    static func candidates(_ shA: [ShingleSet], _ shB: [ShingleSet]) -> [(Int, Int)] {
        if shA.count * shB.count <= 1_024 {
            return shA.indices.flatMap { i in shB.indices.map { (i, $0) } }
        }
        var index: [UInt64: [Int32]] = [:]
        for (j, s) in shB.enumerated() {
            for h in s.hashes { index[h, default: []].append(Int32(j)) }
        }
        var out: [(Int, Int)] = []
        var votes = [Int32](repeating: 0, count: shB.count)
        var touched: [Int32] = []
        for (i, s) in shA.enumerated() {
            for h in s.hashes {
                guard let list = index[h], list.count <= 64 else { continue }
                for j in list {
                    if votes[Int(j)] == 0 { touched.append(j) }
                    votes[Int(j)] += 1
                }
            }
            var best: [(j: Int, votes: Int32)] = []
            for j in touched {
                let v = votes[Int(j)]
                votes[Int(j)] = 0
                if 5 * Int(v) >= s.hashes.count { best.append((Int(j), v)) }
            }
            touched.removeAll(keepingCapacity: true)
            best.sort { $0.votes > $1.votes }
            out += best.prefix(4).map { (i, $0.j) }
        }
        return out
    }

    /// The heaviest chain of edges increasing in both `i` and `j`.
    static func heaviestChain(_ edges: [Edge], bCount: Int) -> [Edge] {
        guard !edges.isEmpty else { return [] }
        let sorted = edges.sorted { $0.i != $1.i ? $0.i < $1.i : $0.j < $1.j }
        // Fenwick tree over j of (best chain weight ending at or before j, its last edge).
        var tree = [(Double, Int)](repeating: (0, -1), count: bCount + 1)
        func query(_ j: Int) -> (Double, Int) {  // best over positions < j
            var k = j, best: (Double, Int) = (0, -1)
            while k > 0 {
                if tree[k].0 > best.0 { best = tree[k] }
                k -= k & -k
            }
            return best
        }
        func update(_ j: Int, _ value: (Double, Int)) {
            var k = j + 1
            while k <= bCount {
                if value.0 > tree[k].0 { tree[k] = value }
                k += k & -k
            }
        }
        var score = [Double](repeating: 0, count: sorted.count)
        var previous = [Int](repeating: -1, count: sorted.count)
        var start = 0
        while start < sorted.count {
            var end = start
            while end < sorted.count && sorted[end].i == sorted[start].i { end += 1 }
            for k in start..<end {
                let (best, last) = query(sorted[k].j)
                score[k] = best + sorted[k].weight
                previous[k] = last
            }
            for k in start..<end { update(sorted[k].j, (score[k], k)) }
            start = end
        }
        var k = score.indices.max { score[$0] < score[$1] } ?? -1
        var chain: [Edge] = []
        while k >= 0 {
            chain.append(sorted[k])
            k = previous[k]
        }
        return chain.reversed()
    }

    /// Lets each pair take in unpaired neighbouring paragraphs while that makes it more
    /// alike: a paragraph split in two on one side, or two joined. (Pairs too long to align
    /// for their similarity stay as they are.)
    static func grow(
        _ groups: inout [Group], _ a: DiffText, _ ap: Range<Int>, _ b: DiffText, _ bp: Range<Int>,
        budget: Int
    ) {
        var pairedA = [Bool](repeating: false, count: ap.count)
        var pairedB = [Bool](repeating: false, count: bp.count)
        for g in groups {
            for i in g.a { pairedA[i] = true }
            for j in g.b { pairedB[j] = true }
        }
        func similarity(_ ga: Range<Int>, _ gb: Range<Int>) -> Double {
            let ua = a.units(ofParagraphs: (ap.lowerBound + ga.lowerBound)..<(ap.lowerBound + ga.upperBound))
            let ub = b.units(ofParagraphs: (bp.lowerBound + gb.lowerBound)..<(bp.lowerBound + gb.upperBound))
            return InlineDiff.similarity(a, ua, b, ub, budget: budget)
        }
        func size(_ ga: Range<Int>, _ gb: Range<Int>) -> Int {
            a.units(ofParagraphs: (ap.lowerBound + ga.lowerBound)..<(ap.lowerBound + ga.upperBound)).count
                + b.units(ofParagraphs: (bp.lowerBound + gb.lowerBound)..<(bp.lowerBound + gb.upperBound)).count
        }
        for g in groups.indices {
            guard size(groups[g].a, groups[g].b) <= InlineDiff.alignedSimilarityLimit else { continue }
            groups[g].similarity = similarity(groups[g].a, groups[g].b)
            for _ in 0..<8 {
                let cur = groups[g]
                var options: [(Range<Int>, Range<Int>)] = []
                if cur.a.upperBound < ap.count && !pairedA[cur.a.upperBound] {
                    options.append((cur.a.lowerBound..<(cur.a.upperBound + 1), cur.b))
                }
                if cur.a.lowerBound > 0 && !pairedA[cur.a.lowerBound - 1] {
                    options.append(((cur.a.lowerBound - 1)..<cur.a.upperBound, cur.b))
                }
                if cur.b.upperBound < bp.count && !pairedB[cur.b.upperBound] {
                    options.append((cur.a, cur.b.lowerBound..<(cur.b.upperBound + 1)))
                }
                if cur.b.lowerBound > 0 && !pairedB[cur.b.lowerBound - 1] {
                    options.append((cur.a, (cur.b.lowerBound - 1)..<cur.b.upperBound))
                }
                var best: (Range<Int>, Range<Int>, Double)?
                for (ga, gb) in options where size(ga, gb) <= InlineDiff.alignedSimilarityLimit {
                    let s = similarity(ga, gb)
                    if s > (best?.2 ?? cur.similarity) + 0.02 { best = (ga, gb, s) }
                }
                guard let (ga, gb, s) = best else { break }
                for i in ga { pairedA[i] = true }
                for j in gb { pairedB[j] = true }
                groups[g] = Group(a: ga, b: gb, similarity: s)
            }
        }
    }
}
