/// A piece of the alignment of two token sequences: the same tokens on both sides
/// (`isEqual`), or an edit (either side may be empty).
struct DiffChunk: Equatable {
    var a: Range<Int>
    var b: Range<Int>
    var isEqual: Bool
}

/// Makes an alignment read as whole words and phrases rather than scattered characters, as
/// diff-match-patch's semantic clean-up does: an equality no longer than the edits on both
/// sides of it is folded into them, and an insertion or deletion that could stand at
/// several places is moved to the best boundary (a sentence end, whitespace, punctuation).
enum SemanticCleanup {
    /// Alternating chunks (no two equal or two edits in a row, none empty) from the matched
    /// runs of two sequences of `n` and `m` tokens.
    static func chunks(from runs: [MatchRun], n: Int, m: Int) -> [DiffChunk] {
        var out: [DiffChunk] = []
        var pa = 0, pb = 0
        for r in runs where r.count > 0 {
            if r.a > pa || r.b > pb { out.append(DiffChunk(a: pa..<r.a, b: pb..<r.b, isEqual: false)) }
            out.append(DiffChunk(a: r.a..<(r.a + r.count), b: r.b..<(r.b + r.count), isEqual: true))
            pa = r.a + r.count
            pb = r.b + r.count
        }
        if pa < n || pb < m { out.append(DiffChunk(a: pa..<n, b: pb..<m, isEqual: false)) }
        return normalized(out)
    }

    /// Merges neighbours of the same kind and drops empty chunks.
    static func normalized(_ chunks: [DiffChunk]) -> [DiffChunk] {
        var out: [DiffChunk] = []
        out.reserveCapacity(chunks.count)
        for c in chunks where !(c.a.isEmpty && c.b.isEmpty) {
            append(c, to: &out)
        }
        return out
    }

    private static func append(_ c: DiffChunk, to out: inout [DiffChunk]) {
        if let last = out.last, last.isEqual == c.isEqual {
            out[out.count - 1] = DiffChunk(
                a: last.a.lowerBound..<c.a.upperBound,
                b: last.b.lowerBound..<c.b.upperBound, isEqual: c.isEqual)
        } else {
            out.append(c)
        }
    }

    /// Folds every equality that is no longer than the edits on both sides of it into them
    /// (lengths are weights: units of text), repeating until none is left.
    static func cleanup(
        _ chunks: [DiffChunk], weightA: (Range<Int>) -> Int,
        weightB: (Range<Int>) -> Int
    ) -> [DiffChunk] {
        var out: [DiffChunk] = []
        out.reserveCapacity(chunks.count)
        for c in chunks {
            append(c, to: &out)
            while out.count >= 3 {
                let right = out[out.count - 1], middle = out[out.count - 2], left = out[out.count - 3]
                guard !right.isEqual, middle.isEqual, !left.isEqual else { break }
                let length = weightA(middle.a)
                guard length <= max(weightA(left.a), weightB(left.b)),
                    length <= max(weightA(right.a), weightB(right.b))
                else { break }
                out.removeLast(3)
                append(
                    DiffChunk(
                        a: left.a.lowerBound..<right.a.upperBound,
                        b: left.b.lowerBound..<right.b.upperBound, isEqual: false), to: &out)
            }
        }
        return out
    }

    /// Moves each pure insertion or deletion that sits between two equalities, and could
    /// stand at several places, to the place whose edges are the best word boundaries.
    static func alignToBoundaries(_ chunks: [DiffChunk], a: TokenList, b: TokenList) -> [DiffChunk] {
        var out = chunks
        guard out.count >= 3 else { return out }
        for i in 1..<(out.count - 1) {
            let edit = out[i]
            guard !edit.isEqual, out[i - 1].isEqual, out[i + 1].isEqual, edit.a.isEmpty != edit.b.isEmpty else { continue }
            let insertion = edit.a.isEmpty
            let side = insertion ? b : a
            let span = insertion ? edit.b : edit.a
            let before = insertion ? out[i - 1].b.count : out[i - 1].a.count
            let after = insertion ? out[i + 1].b.count : out[i + 1].a.count
            // How far the edit can slide left and right over equal tokens (keeping both
            // equalities non-empty).
            var left = 0
            while left < before - 1, side.hashes[span.upperBound - 1 - left] == side.hashes[span.lowerBound - 1 - left] {
                left += 1
            }
            var right = 0
            while right < after - 1, side.hashes[span.lowerBound + right] == side.hashes[span.upperBound + right] {
                right += 1
            }
            guard left > 0 || right > 0 else { continue }
            var bestShift = 0
            var bestScore = Int.min
            for shift in -left...right {
                let score = boundaryScore(side, span.lowerBound + shift) + boundaryScore(side, span.upperBound + shift)
                if score > bestScore || (score == bestScore && shift == 0) {
                    bestScore = score
                    bestShift = shift
                }
            }
            guard bestShift != 0 else { continue }
            let s = bestShift
            out[i - 1].a = out[i - 1].a.lowerBound..<(out[i - 1].a.upperBound + s)
            out[i - 1].b = out[i - 1].b.lowerBound..<(out[i - 1].b.upperBound + s)
            out[i].a = (out[i].a.lowerBound + s)..<(out[i].a.upperBound + s)
            out[i].b = (out[i].b.lowerBound + s)..<(out[i].b.upperBound + s)
            out[i + 1].a = (out[i + 1].a.lowerBound + s)..<out[i + 1].a.upperBound
            out[i + 1].b = (out[i + 1].b.lowerBound + s)..<out[i + 1].b.upperBound
        }
        return out
    }

    /// How good a place the boundary before token `t` is for an edit to start or end.
    static func boundaryScore(_ list: TokenList, _ t: Int) -> Int {
        if t <= 0 || t >= list.count { return 6 }
        let previous = list.kinds[t - 1], next = list.kinds[t]
        if previous == .terminator { return 5 }
        if previous == .space || next == .space || list.gapBefore[t] { return 4 }
        if previous == .punctuation || next == .punctuation { return 3 }
        if previous == .cjk && next == .cjk { return 0 }
        return 1
    }
}
