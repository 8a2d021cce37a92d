/// Aligns two sequences of hashed items (paragraphs, sentences) the way patience and
/// histogram diff do: common prefix and suffix first; then, inside what is left, items
/// that occur exactly once on each side are anchors; between anchors the same again; a
/// stretch with no unique item is aligned by ``Myers``.
///
/// Each anchor stands for the run of equal items around it (unique or not), and the
/// anchors kept are the chain of runs, increasing on both sides, with the most items (then
/// the most characters): a moved block does not outvote the text it moved across just because few
/// of the paragraphs there are unique.
/// It never takes the longest common block first, so a text that repeats itself aligns
/// copy to copy: a unique item pins each copy to its own counterpart, and the minimal edit
/// script (Myers) decides the rest.
enum ParagraphAligner {
    /// The matched runs of `a` and `b`, in order. `weights[i]` is the size of `a[i]`, which
    /// breaks ties between chains of as many items; `tooExpensive` bounds each Myers search (see
    /// ``Myers/matches(_:_:tooExpensive:workLimit:)``).
    static func align(_ a: [UInt64], _ b: [UInt64], weights: [Int] = [], tooExpensive: Int) -> [MatchRun] {
        var runs: [MatchRun] = []
        var stack: [(Int, Int, Int, Int)] = [(0, a.count, 0, b.count)]
        while let (a0, a1, b0, b1) = stack.popLast() {
            var aLo = a0, aHi = a1, bLo = b0, bHi = b1
            var k = 0
            while aLo + k < aHi && bLo + k < bHi && a[aLo + k] == b[bLo + k] { k += 1 }
            if k > 0 {
                runs.append(MatchRun(a: aLo, b: bLo, count: k))
                aLo += k
                bLo += k
            }
            var s = 0
            while aHi - s > aLo && bHi - s > bLo && a[aHi - s - 1] == b[bHi - s - 1] { s += 1 }
            if s > 0 {
                runs.append(MatchRun(a: aHi - s, b: bHi - s, count: s))
                aHi -= s
                bHi -= s
            }
            if aLo == aHi || bLo == bHi { continue }

            let anchors = anchorRuns(a, aLo..<aHi, b, bLo..<bHi, weights: weights)
            if anchors.isEmpty {
                let sa = Array(a[aLo..<aHi]), sb = Array(b[bLo..<bHi])
                let found = Myers.matches(sa, sb, tooExpensive: tooExpensive) ?? []
                for r in found { runs.append(MatchRun(a: r.a + aLo, b: r.b + bLo, count: r.count)) }
                continue
            }
            var pa = aLo, pb = bLo
            for r in anchors {
                runs.append(r)
                if r.a > pa || r.b > pb { stack.append((pa, r.a, pb, r.b)) }
                pa = r.a + r.count
                pb = r.b + r.count
            }
            if pa < aHi || pb < bHi { stack.append((pa, aHi, pb, bHi)) }
        }
        runs.sort { $0.a < $1.a }
        return Myers.merged(runs)
    }

    /// The runs of equal items around the items unique on both sides of the stretch, as the
    /// heaviest chain increasing on both sides.
    static func anchorRuns(
        _ a: [UInt64], _ ar: Range<Int>, _ b: [UInt64], _ br: Range<Int>,
        weights: [Int]
    ) -> [MatchRun] {
        // For each value: occurrences in a (capped at 2) and its position; the same for b.
        var seen: [UInt64: (ca: Int32, pa: Int32, cb: Int32, pb: Int32)] = [:]
        seen.reserveCapacity(ar.count)
        for i in ar {
            if let e = seen[a[i]] {
                if e.ca < 2 { seen[a[i]] = (e.ca + 1, e.pa, 0, 0) }
            } else {
                seen[a[i]] = (1, Int32(i), 0, 0)
            }
        }
        for j in br {
            guard let e = seen[b[j]], e.ca == 1 else { continue }
            seen[b[j]] = (e.ca, e.pa, min(e.cb + 1, 2), Int32(j))
        }
        // Runs around unique pairs, each run once.
        var runs: [MatchRun] = []
        var covered: [Int: Int] = [:]  // diagonal -> end in a of the last run found on it
        for i in ar {
            guard let e = seen[a[i]], e.ca == 1, e.cb == 1 else { continue }
            let j = Int(e.pb)
            if let end = covered[i - j], end > i { continue }
            var lo = 0
            while i - lo > ar.lowerBound && j - lo > br.lowerBound && a[i - lo - 1] == b[j - lo - 1] { lo += 1 }
            var hi = 1
            while i + hi < ar.upperBound && j + hi < br.upperBound && a[i + hi] == b[j + hi] { hi += 1 }
            runs.append(MatchRun(a: i - lo, b: j - lo, count: lo + hi))
            covered[i - j] = i + hi
        }
        guard !runs.isEmpty else { return [] }
        var prefix = [0]
        if !weights.isEmpty {
            prefix.reserveCapacity(ar.count + 1)
            for i in ar { prefix.append(prefix[prefix.count - 1] + max(1, weights[i])) }
        }
        // Items first (the fewer paragraphs are the ones that moved), then characters.
        func weight(_ r: MatchRun) -> Int {
            let characters =
                weights.isEmpty
                ? r.count
                : prefix[r.a + r.count - ar.lowerBound] - prefix[r.a - ar.lowerBound]
            return (r.count << 32) + min(characters, (1 << 32) - 1)
        }
        return heaviestChain(runs, bRange: br, weight: weight)
    }

    /// The chain of runs, each ending before the next starts on both sides, with the most
    /// total weight. O(n log n): a sweep over starts in `a`, with the runs that ended
    /// before in a Fenwick tree of best chain weight by end in `b`.
    static func heaviestChain(_ runs: [MatchRun], bRange: Range<Int>, weight: (MatchRun) -> Int) -> [MatchRun] {
        let byStart = runs.indices.sorted { runs[$0].a < runs[$1].a }
        let byEnd = runs.indices.sorted { runs[$0].a + runs[$0].count < runs[$1].a + runs[$1].count }
        let size = bRange.count + 1
        var tree = [(Int, Int)](repeating: (0, -1), count: size + 1)
        func update(_ position: Int, _ value: (Int, Int)) {  // position in 0...bRange.count
            var k = position + 1
            while k <= size {
                if value.0 > tree[k].0 { tree[k] = value }
                k += k & -k
            }
        }
        func query(_ position: Int) -> (Int, Int) {  // best over positions <= position
            var k = position + 1, best = (0, -1)
            while k > 0 {
                if tree[k].0 > best.0 { best = tree[k] }
                k -= k & -k
            }
            return best
        }
        var score = [Int](repeating: 0, count: runs.count)
        var previous = [Int](repeating: -1, count: runs.count)
        var e = 0
        for k in byStart {
            let r = runs[k]
            while e < byEnd.count, runs[byEnd[e]].a + runs[byEnd[e]].count <= r.a {
                let done = byEnd[e]
                update(runs[done].b + runs[done].count - bRange.lowerBound, (score[done], done))
                e += 1
            }
            let (best, last) = query(r.b - bRange.lowerBound)
            score[k] = best + weight(r)
            previous[k] = last
        }
        var k = score.indices.max { score[$0] < score[$1] } ?? -1
        var chain: [MatchRun] = []
        while k >= 0 {
            chain.append(runs[k])
            k = previous[k]
        }
        return chain.reversed()
    }
}
