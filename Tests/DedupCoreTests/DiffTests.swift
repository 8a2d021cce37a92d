import Testing

@testable import DedupCore

/// The document differ: ops tile both documents; each rule with a small example; CJK moves;
/// spacing equal unless exact; the seed article; the cost budget.
@Suite struct DiffTests {
    func diff(_ a: String, _ b: String, exact: Bool = false, minMove: Int = 20, budget: Int? = nil) -> DiffResult {
        var options = DiffOptions()
        options.exact = exact
        options.minMoveLength = minMove
        if let budget { options.costBudget = budget }
        return DocumentDiffer(options: options).diff(Document(a), Document(b))
    }

    func text(_ bytes: [UInt8], _ r: ByteRange) -> String { String(decoding: bytes[r.range], as: UTF8.self) }

    func nonEqual(_ r: DiffResult) -> [DiffOp] { r.ops.filter { $0.kind != .equal } }

    /// The promises of ``DiffResult``: a-ranges tile A, b-ranges tile B, empty sides where
    /// they belong, edits tile their op, every range on a character boundary.
    func checkTiling(_ r: DiffResult, sourceLocation: SourceLocation = #_sourceLocation) {
        func tiles(_ ranges: [ByteRange], _ size: Int) -> Bool {
            var pos = 0
            for x in ranges.filter({ $0.count > 0 }).sorted(by: { $0.start < $1.start }) {
                if x.start != pos { return false }
                pos = x.end
            }
            return pos == size
        }
        func onBoundary(_ bytes: [UInt8], _ x: ByteRange) -> Bool {
            x.start >= 0 && x.start <= x.end && x.end <= bytes.count
                && String(validating: bytes[x.range], as: UTF8.self) != nil
        }
        #expect(tiles(r.ops.map(\.a), r.a.count), "a-ranges tile A", sourceLocation: sourceLocation)
        #expect(tiles(r.ops.map(\.b), r.b.count), "b-ranges tile B", sourceLocation: sourceLocation)
        for op in r.ops {
            #expect(op.a.count > 0 || op.b.count > 0, sourceLocation: sourceLocation)
            #expect(onBoundary(r.a, op.a) && onBoundary(r.b, op.b), sourceLocation: sourceLocation)
            if op.kind == .delete { #expect(op.b.count == 0, sourceLocation: sourceLocation) }
            if op.kind == .insert { #expect(op.a.count == 0, sourceLocation: sourceLocation) }
            if op.kind == .change || op.kind == .move {
                #expect(!op.edits.isEmpty, sourceLocation: sourceLocation)
                var pa = op.a.start, pb = op.b.start
                for e in op.edits {
                    #expect(e.a.start == pa && e.b.start == pb, sourceLocation: sourceLocation)
                    #expect(onBoundary(r.a, e.a) && onBoundary(r.b, e.b), sourceLocation: sourceLocation)
                    pa = e.a.end
                    pb = e.b.end
                }
                #expect(pa == op.a.end && pb == op.b.end, "edits tile their op", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: Tiling on random inputs

    static let pieces = [
        "大模型", "的", "。", "，", ",", "Ｌｌａｍａ", " ", "\n", "\n\n", "\u{00A0}", "\u{3000}", "\t",
        "the ", "storm ", "hit.", "Mr. ", "?", "…", "\u{200B}", "|", "한국어", "カタカナ", "\r\n", "é",
        "ﬁ", "①", "A whole sentence that repeats. ", "\u{1}",
    ]

    func randomText(_ rng: inout SplitMix, length: Int) -> String {
        var s = ""
        for _ in 0..<length { s += Self.pieces[rng.below(Self.pieces.count)] }
        return s
    }

    /// B made from A by random paragraph edits, deletions, insertions, moves and respacing.
    func mutated(_ a: String, _ rng: inout SplitMix) -> String {
        var paragraphs = a.components(separatedBy: "\n\n")
        for _ in 0..<rng.below(6) {
            guard !paragraphs.isEmpty else { break }
            let k = rng.below(paragraphs.count)
            switch rng.below(5) {
            case 0: paragraphs.remove(at: k)
            case 1: paragraphs.insert(randomText(&rng, length: 1 + rng.below(12)), at: k)
            case 2: paragraphs[k] += randomText(&rng, length: 1 + rng.below(3))
            case 3: paragraphs.append(paragraphs.remove(at: k))
            default: paragraphs[k] = paragraphs[k].replacingOccurrences(of: " ", with: "\u{00A0}")
            }
        }
        return paragraphs.joined(separator: "\n\n")
    }

    @Test(arguments: 0..<120)
    func randomPairsTile(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7919)
        let a = randomText(&rng, length: rng.below(60))
        let b = rng.below(4) == 0 ? randomText(&rng, length: rng.below(60)) : mutated(a, &rng)
        checkTiling(diff(a, b))
        checkTiling(diff(a, b, exact: true))
        checkTiling(diff(b, a, minMove: 1))
        #expect(diff(a, a).isSame && diff(a, a, exact: true).isSame)
    }

    @Test func emptyAndBlankDocuments() {
        #expect(diff("", "").ops.isEmpty)
        #expect(diff(" \n ", "\u{3000}").isSame)
        #expect(!diff(" \n ", "\u{3000}", exact: true).isSame)
        let inserted = diff("", "Hello.")
        #expect(inserted.ops.map(\.kind) == [.insert])
        checkTiling(diff("\n\n", "Hello.\n"))
        checkTiling(diff("Hello.\n", ""))
    }

    @Test func renderingOnlyDifferencesAreLikeSpacing() {
        let a = "The storm “hit” the coast — at dawn…\n\nTom & Jerry’s boat.\n"
        let b = "# The storm \"hit\" the **coast** -- at dawn...\n\n<p>Tom &amp; Jerry&#8217;s [boat](https://example.com/boat).</p>\n"
        let r = diff(a, b)
        checkTiling(r)
        #expect(r.isSame)
        #expect(!diff(a, b, exact: true).isSame)
        // A real change under the markup is still one.
        #expect(!diff(a, b.replacingOccurrences(of: "boat](", with: "ship](")).isSame)
    }

    // MARK: Each rule

    @Test func deletedParagraphIsADeleteOfItsTextOnly() {
        let a = "First paragraph stays.\n\nThis one goes away entirely.\n\nLast paragraph stays.\n"
        let b = "First paragraph stays.\n\nLast paragraph stays.\n"
        let r = diff(a, b)
        checkTiling(r)
        #expect(nonEqual(r).map(\.kind) == [.delete])
        #expect(nonEqual(r).first.map { text(r.a, $0.a) } == "This one goes away entirely.")
        #expect(!r.isSame)
    }

    @Test func insertedParagraphIsAnInsert() {
        let a = "Alpha paragraph here.\n\nOmega paragraph here.\n"
        let b = "Alpha paragraph here.\n\nA brand new paragraph arrives.\n\nOmega paragraph here.\n"
        let r = diff(a, b)
        checkTiling(r)
        #expect(nonEqual(r).map(\.kind) == [.insert])
        #expect(nonEqual(r).first.map { text(r.b, $0.b) } == "A brand new paragraph arrives.")
    }

    @Test func latinEditsAreWholeWords() throws {
        let r = diff("The quick brown fox jumps over the lazy dog.\n", "The quick red fox jumps over the lazy dog.\n")
        checkTiling(r)
        let change = try #require(nonEqual(r).first)
        #expect(change.kind == .change)
        let edits = change.edits.filter { $0.kind != .equal }
        #expect(edits.count == 1)
        #expect(edits.first.map { text(r.a, $0.a) } == "brown")
        #expect(edits.first.map { text(r.b, $0.b) } == "red")
    }

    @Test func cjkEditsAreCharacters() throws {
        let r = diff("今天北京的天气非常好，我们去公园散步。\n", "今天上海的天气非常好，我们去公园散步。\n")
        let change = try #require(nonEqual(r).first)
        let edits = change.edits.filter { $0.kind != .equal }
        #expect(edits.count == 1)
        #expect(edits.first.map { text(r.a, $0.a) } == "北京")
        #expect(edits.first.map { text(r.b, $0.b) } == "上海")
    }

    @Test func semanticCleanupJoinsScatteredCharacters() throws {
        // Character by character these share 们, 天 and 去; read as phrases they are rewritten.
        let r = diff("我们今天去公园散步了很久，然后回家吃饭。\n", "他们明天去商场购物了很久，然后回家吃饭。\n")
        let change = try #require(nonEqual(r).first)
        let edits = change.edits.filter { $0.kind != .equal }
        #expect(edits.count == 1)
        #expect(edits.first.map { text(r.a, $0.a) } == "我们今天去公园散步")
    }

    @Test func spacingIsEqualByDefaultAndShownWithExact() throws {
        let a = "Paris, the capital of France, is large.\n\n大模型，技术。\n\nA wrapped line\nof text.\n"
        let b = "Paris,\u{00A0}the capital of France， is large.\n\n大模型,技术.\n\nA wrapped line of text.\n"
        #expect(diff(a, b).isSame)
        #expect(diff(a, b).ops.count == 1)
        let exact = diff(a, b, exact: true)
        checkTiling(exact)
        #expect(!exact.isSame)
        let change = try #require(nonEqual(exact).first)
        let edit = try #require(change.edits.first { $0.kind != .equal })
        #expect(text(exact.a, edit.a) == " ")
        #expect(text(exact.b, edit.b) == "\u{00A0}")
    }

    @Test func unrelatedParagraphsAtOnePlaceAreDeleteAndInsert() {
        let a = "Keep this.\n\nThe committee published its annual report on Tuesday morning.\n\nEnd.\n"
        let b = "Keep this.\n\nA recipe for bread needs flour, water, salt and yeast.\n\nEnd.\n"
        #expect(nonEqual(diff(a, b)).map(\.kind) == [.delete, .insert])
    }

    // MARK: Moves

    static let cjkParagraphs = [
        "大模型技术的发展已经进入了一个新的阶段，各家公司纷纷发布自己的产品。",
        "开源生态的建设需要社区和企业共同努力，才能形成良性循环。",
        "算力基础设施是训练大模型的关键，国产芯片正在加速追赶。",
        "行业落地需要解决幻觉问题，同时控制推理成本。",
        "未来几年，多模态能力将成为竞争的焦点。",
    ]

    @Test func pureCJKMoveIsAMove() throws {
        let p = Self.cjkParagraphs
        let a = p.joined(separator: "\n\n") + "\n"
        let b = [p[1], p[2], p[3], p[0], p[4]].joined(separator: "\n\n") + "\n"
        let r = diff(a, b)
        checkTiling(r)
        #expect(nonEqual(r).map(\.kind) == [.move])
        let move = try #require(nonEqual(r).first)
        #expect(text(r.a, move.a) == p[0])
        #expect(text(r.b, move.b) == p[0])
        #expect(move.edits.map(\.kind) == [.equal])
    }

    @Test func movedAndSlightlyEditedIsAMoveWithEdits() throws {
        let p = Self.cjkParagraphs
        let a = p.joined(separator: "\n\n") + "\n"
        let edited = p[0].replacingOccurrences(of: "新的", with: "全新")
        let b = [p[1], p[2], p[3], p[4], edited].joined(separator: "\n\n") + "\n"
        let r = diff(a, b)
        checkTiling(r)
        let move = try #require(nonEqual(r).first { $0.kind == .move })
        #expect(text(r.a, move.a) == p[0])
        #expect(move.edits.contains { $0.kind == .change })
    }

    @Test func moveShorterThanTheMinimumIsDeleteAndInsert() {
        let a = "短句子。\n\n" + Self.cjkParagraphs.joined(separator: "\n\n")
        let b = Self.cjkParagraphs.joined(separator: "\n\n") + "\n\n短句子。"
        #expect(nonEqual(diff(a, b)).map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.delete, .insert])
        #expect(nonEqual(diff(a, b, minMove: 4)).map(\.kind) == [.move])
    }

    @Test func movedBlockIsOneMovePerParagraph() {
        let p = Self.cjkParagraphs
        let a = p.joined(separator: "\n\n")
        let b = [p[2], p[3], p[4], p[0], p[1]].joined(separator: "\n\n")
        let r = diff(a, b)
        checkTiling(r)
        #expect(nonEqual(r).map(\.kind) == [.move, .move])
        // The whitespace between the moved paragraphs is equal, not part of a move.
        #expect(nonEqual(r).allSatisfy { !text(r.a, $0.a).contains("\n") })
    }

    // MARK: Documents that repeat themselves

    @Test func repeatedDocumentAlignsCopyToCopy() throws {
        let body = Self.cjkParagraphs.joined(separator: "\n\n")
        let a = "标题\n\n" + body + "\n\n" + body + "\n"
        let editedBody = body.replacingOccurrences(of: "多模态能力", with: "多模态理解能力")
        let b = "标题\n\n" + body + "\n\n" + editedBody + "\n"
        let r = diff(a, b)
        checkTiling(r)
        let change = try #require(nonEqual(r).first)
        #expect(nonEqual(r).count == 1)
        // The change is in the second copy on both sides.
        #expect(change.a.start > a.utf8.count / 2)
        #expect(change.b.start > b.utf8.count / 2)
    }

    static func seed() throws -> [UInt8] { try FixturePaths.bytes("seed/article.txt") }

    @Test func seedAgainstItselfWithoutItsSecondBody() throws {
        let seed = try Self.seed()
        let b = Array(seed[..<43988] + seed[87691...])
        let r = DocumentDiffer().diff(try Document(bytes: seed, name: "a"), try Document(bytes: b, name: "b"))
        checkTiling(r)
        #expect(r.ops.map(\.kind) == [.equal, .delete, .equal])
        let delete = r.ops[1]
        #expect(delete.a.start == 43988)
        #expect(delete.a.end >= 87689 && delete.a.end <= 87691)
    }

    @Test func seedWithAPureChineseBlockMoved() throws {
        let seed = try Self.seed()
        var paragraphs = seed.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        // Lines 180...186 of the first copy: speaker's answer, pure Chinese; moved 40 lines on.
        let start = try #require(paragraphs.firstIndex { String(decoding: $0, as: UTF8.self).hasPrefix("前面几位的总结已经很到位了") })
        let block = Array(paragraphs[start..<(start + 7)])
        paragraphs.removeSubrange(start..<(start + 7))
        paragraphs.insert(contentsOf: block, at: start + 40)
        let b = Array(paragraphs.joined(separator: [0x0A]))
        let r = DocumentDiffer().diff(try Document(bytes: seed, name: "a"), try Document(bytes: b, name: "b"))
        checkTiling(r)
        let moves = nonEqual(r)
        #expect(!moves.isEmpty && moves.allSatisfy { $0.kind == .move })
        let moved = moves.map { text(r.a, $0.a) }.joined()
        #expect(moved.contains("前面几位的总结已经很到位了"))
        #expect(moved.contains("所以架构上的突破"))
    }

    // MARK: Cost budget

    @Test func budgetFallbackIsNotDeleteAllInsertAll() throws {
        // One long paragraph (no blank lines, no line breaks) with an edit every few words.
        var rng = SplitMix(state: 42)
        let words = (0..<6_000).map { _ in ["river", "stone", "light", "cloud", "paper", "north", "quiet"][rng.below(7)] }
        var edited = words
        for k in stride(from: 3, to: edited.count, by: 9) { edited[k] = "changed" }
        let sentence = { (w: [String]) in
            stride(from: 0, to: w.count, by: 12).map { w[$0..<min($0 + 12, w.count)].joined(separator: " ") + "." }.joined(separator: " ")
        }
        let a = sentence(words), b = sentence(edited)
        for budget in [1, 1_000, 100_000] {
            let r = diff(a, b, budget: budget)
            checkTiling(r)
            let change = try #require(nonEqual(r).first)
            #expect(change.kind == .change)
            let equalBytes = change.edits.filter { $0.kind == .equal }.reduce(0) { $0 + $1.a.count }
            #expect(Double(equalBytes) > 0.6 * Double(change.a.count), "budget \(budget): mostly equal")
        }
    }

    // MARK: Pieces

    @Test func myersFindsALongestCommonSubsequence() {
        var rng = SplitMix(state: 9)
        for _ in 0..<200 {
            let a = (0..<rng.below(30)).map { _ in UInt64(rng.below(4)) }
            let b = (0..<rng.below(30)).map { _ in UInt64(rng.below(4)) }
            var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            let runs = Myers.matches(a, b) ?? []
            #expect(runs.reduce(0) { $0 + $1.count } == table[0][0])
            for r in runs { #expect(Array(a[r.a..<(r.a + r.count)]) == Array(b[r.b..<(r.b + r.count)])) }
            let rough = Myers.matches(a, b, tooExpensive: 1) ?? []
            for r in rough { #expect(Array(a[r.a..<(r.a + r.count)]) == Array(b[r.b..<(r.b + r.count)])) }
        }
        // Past its work limit, Myers gives up (so that the caller can change granularity)…
        #expect(Myers.matches([1, 2, 3], [4, 5, 6], workLimit: 0) == nil)
        // …unless the common ends settle it.
        #expect(Myers.matches([1, 2], [1, 2], workLimit: 0) == [MatchRun(a: 0, b: 0, count: 2)])
    }

    @Test func alignerAnchorsOnUniqueItemsNotTheLongestBlock() {
        // b moves the unique 9 to the front; the long run 1…5 stays the backbone.
        let a: [UInt64] = [1, 2, 3, 4, 5, 9]
        let b: [UInt64] = [9, 1, 2, 3, 4, 5]
        #expect(ParagraphAligner.align(a, b, tooExpensive: 100) == [MatchRun(a: 0, b: 1, count: 5)])
    }
}
