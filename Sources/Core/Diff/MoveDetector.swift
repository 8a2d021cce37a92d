/// Finds deleted paragraphs that reappear, the same or slightly edited, among the inserted
/// ones: those are moves.
///
/// A deleted and an inserted paragraph pair up when their units are equal, or when they
/// are alike (``ParagraphPairing/threshold``); among several candidates the most alike
/// wins. Pairs that continue each other on both sides (paragraph after paragraph) form one
/// moved block, and a block is a move when it has at least `minMoveLength` characters
/// (units of the comparison key: a CJK character counts one, as a letter does).
enum MoveDetector {
    static func detect(_ ops: inout [ContentOp], _ a: DiffText, _ b: DiffText, options: DiffOptions) {
        let deletes = ops.indices.filter { ops[$0].kind == .delete }
        let inserts = ops.indices.filter { ops[$0].kind == .insert }
        guard !deletes.isEmpty, !inserts.isEmpty else { return }
        var pairs: [(d: Int, i: Int)] = []
        var usedD = Set<Int>(), usedI = Set<Int>()

        // Moves unchanged: equal paragraph hashes (in exact mode, whitespace around may differ).
        var byHash: [UInt64: [Int]] = [:]
        for k in inserts { byHash[b.paragraphHashes[ops[k].bParagraphs.lowerBound], default: []].append(k) }
        for d in deletes {
            let h = a.paragraphHashes[ops[d].aParagraphs.lowerBound]
            guard let list = byHash[h] else { continue }
            if let i = list.first(where: { !usedI.contains($0) }) {
                pairs.append((d, i))
                usedD.insert(d)
                usedI.insert(i)
            }
        }

        // Moves with edits: alike paragraphs, found through shared trigrams.
        let nearMinimum = max(8, options.minMoveLength / 2)
        let restD = deletes.filter { !usedD.contains($0) && ops[$0].aUnits.count >= nearMinimum }
        let restI = inserts.filter { !usedI.contains($0) && ops[$0].bUnits.count >= nearMinimum }
        if !restD.isEmpty && !restI.isEmpty {
            var index: [UInt64: [Int32]] = [:]  // trigram -> ordinals in restI
            var sizes = [Int](repeating: 0, count: restI.count)
            for (o, k) in restI.enumerated() {
                let s = ShingleSet(b, ops[k].bUnits)
                sizes[o] = s.hashes.count
                for h in s.hashes { index[h, default: []].append(Int32(o)) }
            }
            var found: [(d: Int, i: Int, similarity: Double)] = []
            var votes = [Int32](repeating: 0, count: restI.count)
            var touched: [Int32] = []
            for d in restD {
                let s = ShingleSet(a, ops[d].aUnits)
                for h in s.hashes {
                    guard let list = index[h], list.count <= 64 else { continue }
                    for o in list {
                        if votes[Int(o)] == 0 { touched.append(o) }
                        votes[Int(o)] += 1
                    }
                }
                var best: [(o: Int, votes: Int32)] = []
                for o in touched {
                    let v = votes[Int(o)]
                    votes[Int(o)] = 0
                    let total = s.hashes.count + sizes[Int(o)]
                    if total > 0 && Double(2 * Int(v)) / Double(total) >= 0.25 { best.append((Int(o), v)) }
                }
                touched.removeAll(keepingCapacity: true)
                best.sort { $0.votes > $1.votes }
                for (o, _) in best.prefix(3) {
                    let i = restI[o]
                    let sim = InlineDiff.similarity(a, ops[d].aUnits, b, ops[i].bUnits, budget: options.costBudget)
                    if sim >= ParagraphPairing.threshold { found.append((d, i, sim)) }
                }
            }
            found.sort { $0.similarity > $1.similarity }
            for f in found where !usedD.contains(f.d) && !usedI.contains(f.i) {
                pairs.append((f.d, f.i))
                usedD.insert(f.d)
                usedI.insert(f.i)
            }
        }
        guard !pairs.isEmpty else { return }

        // Blocks: pairs that continue each other on both sides.
        pairs.sort { ops[$0.d].aParagraphs.lowerBound < ops[$1.d].aParagraphs.lowerBound }
        var accepted: [(d: Int, i: Int)] = []
        var block: [(d: Int, i: Int)] = []
        var blockSize = 0
        func flush() {
            if blockSize >= options.minMoveLength { accepted += block }
            block.removeAll()
            blockSize = 0
        }
        for p in pairs {
            if let last = block.last,
                ops[last.d].aParagraphs.upperBound != ops[p.d].aParagraphs.lowerBound
                    || ops[last.i].bParagraphs.upperBound != ops[p.i].bParagraphs.lowerBound
            {
                flush()
            }
            block.append(p)
            blockSize += ops[p.d].aUnits.count
        }
        flush()
        guard !accepted.isEmpty else { return }

        var removed = Set<Int>()
        for p in accepted {
            ops[p.d].kind = .move
            ops[p.d].bParagraphs = ops[p.i].bParagraphs
            ops[p.d].bUnits = ops[p.i].bUnits
            removed.insert(p.i)
        }
        ops = ops.indices.filter { !removed.contains($0) }.map { ops[$0] }
    }
}
