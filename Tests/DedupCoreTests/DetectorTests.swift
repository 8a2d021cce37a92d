import Testing

@testable import DedupCore

/// One small example per detection rule. Texts are built from distinct sentences so that
/// only the intended repeat exists.
@Suite struct DetectorTests {
    let dedup = Deduplicator()

    func clean(_ text: String) -> (String, CleanResult) {
        let result = dedup.clean(Document(text))
        return (result.cleanText, result)
    }

    static let english = [
        "The storm reached the northern coast shortly after dawn on Tuesday.",
        "Fishermen had pulled their boats far up the beach the night before.",
        "By noon the harbour wall was under water and the old pier had gone.",
        "Officials said nobody was hurt, though hundreds of homes lost power.",
        "Repair crews expect to restore most connections within three days.",
        "The weather service warned that a second storm could follow on Friday.",
    ]

    static let chinese = [
        "这场暴风雨在星期二黎明后不久抵达北部海岸。",
        "渔民们前一天晚上就把船拖到了海滩的高处。",
        "到了中午，港口的防波堤已经被水淹没，旧码头也不见了。",
        "官员们说没有人受伤，但是数百户家庭停电了。",
        "抢修人员预计在三天内恢复大部分线路的供电。",
        "气象部门警告说，星期五可能还会有第二场暴风雨。",
    ]

    var body: String { Self.english.joined(separator: "\n\n") + "\n" }

    @Test func laterCopyStartingMidParagraphIsRemoved() {
        let paras = Self.english
        let firstTail = String(paras[0].dropFirst(20))
        let text = body + "\nSource: example.com\n\n" + ([firstTail] + paras.dropFirst()).joined(separator: "\n\n") + "\n"
        let (out, result) = clean(text)
        #expect(out == body + "\nSource: example.com\n")
        #expect(result.removals.map(\.reason) == [.laterCopy])
        #expect(result.removals.first?.duplicateOf != nil)
    }

    @Test func reflowedAndFlattenedCopiesAreRemoved() {
        let wrapped = body.replacingOccurrences(of: " ", with: "\u{00A0}")
            .split(separator: "\n").joined(separator: "\n").chunked(width: 30)
        let (out1, _) = clean(body + "\n" + wrapped + "\n")
        #expect(out1.trimmingWhitespace == body.trimmingWhitespace)

        let flat = Self.chinese.joined(separator: " ")
        let (out2, _) = clean(flat + " " + flat + "\n")
        #expect(out2 == flat + "\n")
    }

    @Test func nearIdenticalCopyCountsAsACopy() {
        let paras = Self.chinese + Self.english
        var copy = paras.joined(separator: "\n\n")
        copy = copy.replacingOccurrences(of: "，", with: ",")
        copy.remove(at: copy.index(copy.startIndex, offsetBy: 40))  // a dropped character
        let original = paras.joined(separator: "\n\n") + "\n"
        let (out, _) = clean(original + "\n" + copy + "\n")
        #expect(out == original)
    }

    @Test func copyWithChangedCharactersCountsAsACopy() {
        var copy = Array(Self.english.joined(separator: "\n\n"))
        for i in [30, 150, 300] where copy[i].isLetter { copy[i] = copy[i] == "x" ? "y" : "x" }
        let (out, result) = clean(body + "\n" + String(copy) + "\n")
        #expect(out == body)
        #expect(result.removals.map(\.reason) == [.laterCopy])
    }

    @Test func consecutiveSectionsThatDifferInALetterOrDigitAreKept() {
        // Day plans that follow each other and differ only in their label and a number.
        let plan = Self.english.prefix(3).joined(separator: "\n\n")
        var parts: [String] = []
        for day in ["A", "B"] {
            parts += ["Meal Prep Menu for Eating Plan \(day)", plan.replacingOccurrences(of: "three", with: day == "A" ? "two" : "four")]
        }
        // The plans are a small part (under --min-copy-fraction) of a long article.
        for i in 0..<10 { parts.append("Further paragraph \(i) about the week explains what the plan is for and why its days differ.") }
        let text = parts.joined(separator: "\n\n") + "\n"
        #expect(clean(text).0 == text)
    }

    @Test func teaserSeparatedFromItsTextByATitleIsRemoved() {
        let teaser = String(Self.english[1].prefix(40))
        let text = teaser + "\n\nStorm report\n\n" + Self.english.dropFirst().joined(separator: "\n\n") + "\n"
        let (out, _) = clean(text)
        #expect(out == "Storm report\n\n" + Self.english.dropFirst().joined(separator: "\n\n") + "\n")
    }

    @Test func teaserCutShortBeforeTheFullTextIsRemoved() {
        let teaser = String(Self.chinese[0].prefix(12))
        let text = "标题\n\n" + teaser + "\n\n" + Self.chinese.joined(separator: "\n\n") + "\n"
        let (out, result) = clean(text)
        #expect(out == "标题\n\n" + Self.chinese.joined(separator: "\n\n") + "\n")
        #expect(result.removals.map(\.reason) == [.truncatedFragment])
        // The fragment points at the complete copy that follows it.
        if let dup = result.removals.first?.duplicateOf {
            #expect(dup.start > result.removals[0].end - 1)
        }
    }

    @Test func multiLineTeaserWhoseCopyGoesOnMidLineIsRemoved() {
        let first = "ChatGPT 在去年 11 月底横空出世,大模型的风刮了整一年。"
        let text = "题目\n\n\u{00A0}\(first)\n\n历经了\n\n\u{00A0}\(first)\n\n历经了百模大战、Llama 2 开源等事件。\n"
        let (out, _) = clean(text)
        #expect(out == "题目\n\n\u{00A0}\(first)\n\n历经了百模大战、Llama 2 开源等事件。\n")
    }

    @Test func paragraphRepeatedRightAfterItselfIsRemoved() {
        let paras = Self.english
        let text = [paras[0], paras[1], paras[1], paras[2]].joined(separator: "\n\n") + "\n"
        let (out, result) = clean(text)
        #expect(out == [paras[0], paras[1], paras[2]].joined(separator: "\n\n") + "\n")
        #expect(result.removals.map(\.reason) == [.adjacentRepeat])
    }

    @Test func overlappingPagesLoseTheirOverlap() {
        let p = Self.english
        let text = [p[0], p[1], p[2], p[1], p[2], p[3], p[4]].joined(separator: "\n\n") + "\n"
        let (out, _) = clean(text)
        #expect(out == [p[0], p[1], p[2], p[3], p[4]].joined(separator: "\n\n") + "\n")
    }

    @Test func shortLineRepeatedRightAfterItselfIsRemovedButDataRowsStay() {
        let (out, _) = clean("Intro.\n\n(7b) 产业组织II\n\n(7b) 产业组织II\n\nMore text.\n")
        #expect(out == "Intro.\n\n(7b) 产业组织II\n\nMore text.\n")
        // Data rows; form blanks, borders and separators, however often the text holds them.
        let separator = "*            *            *            *\n\n"
        let symbols = [
            "姓名：\n\n________________。\n\n________________。\n\n地址：\n\n________________。\n",
            "│      │      │      │\n│      │      │      │\nTotal\n│      │      │      │\n",
            "签名：\n\n____________\n\n____________\n\n日期：\n",
            "Part one.\n\n" + separator + separator + "Part two.\n",
        ]
        // A separator goes with a stuttered block it is part of.
        let block = separator + Self.english[0] + "\n\n"
        #expect(clean("Part one.\n\n" + block + block + "Part two.\n").0 == "Part one.\n\n" + block + "Part two.\n")
        for kept in ["Score\n0\t0\t0\n0\t0\t0\nEnd\n", "Apples\n10\n10\nPears\n", "好的\n\n好的\n", "0 0 0\n0 0 0\n"] + symbols {
            #expect(clean(kept).0 == kept)
        }
    }

    @Test func aLineThatBeginsTheNextOneIsKeptWhenItIsAListRowOrATitle() {
        for kept in [
            "- Fixed crash on startup\n- Fixed crash on startup when offline\n",
            "人工智能的发展历程\n\n人工智能的发展历程可以追溯到二十世纪五十年代，当时的科学家们开始探索让机器像人一样思考的可能性。\n",
        ] {
            #expect(clean(kept).0 == kept)
        }
    }

    @Test func aDifferingSectionLabelIsNotTakenIntoACopy() {
        let plan = Self.english.prefix(2).joined(separator: "\n\n")
        var parts = ["Weekly plan", "Day 1", plan, "Day 2", plan]
        for i in 0..<10 { parts.append("Further paragraph \(i) about the week explains what the plan is for and why its days differ.") }
        let text = parts.joined(separator: "\n\n") + "\n"
        #expect(clean(text).0.contains("Day 2"))
    }

    @Test func cutsKeepCombiningMarksWithTheirLetter() {
        let sentence = "Le cafe\u{0301} du port était plein ce matin, et tout le monde parlait de la tempête. "
        let body = String(repeating: sentence, count: 1) + "Ensuite la pluie est revenue sur la ville entière pendant trois jours."
        let (out, _) = clean(body + "\n\nReport: " + body + "\n")
        #expect(!out.unicodeScalars.contains { $0.value == 0x301 } || out.contains("cafe\u{0301}"))
        #expect(!out.contains(" \u{0301}"))
    }

    @Test func crlfTextIsCleanedLikeLFText() {
        let teaser = String(Self.english[1].prefix(40))
        let lf = teaser + "\n\nStorm report\n\n" + Self.english.dropFirst().joined(separator: "\n\n") + "\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(clean(crlf).0 == clean(lf).0.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func longRunsOfOneRowOrClosingBracketsStayFast() {
        // Quadratic walks would take minutes here.
        _ = clean(String(repeating: "0\t0\t0\n", count: 100_000))
        _ = clean(String(repeating: ")", count: 100_000))
        _ = clean(String(repeating: "a", count: 200_000))
        #expect(clean(String(repeating: "ab\n", count: 1_000)).0 == "ab\n")
    }

    @Test func bodyStoredThreeTimesKeepsOneCopy() {
        let (out, result) = clean(body + body + body)
        #expect(out == body)
        // Both removed copies point at the first one.
        #expect(result.removals.allSatisfy { ($0.duplicateOf?.start ?? -1) < body.utf8.count })
    }

    @Test func shortIsolatedRepeatsThatBelongToTheTextAreKept() {
        // Speaker labels, list rows and a question list that reappears in headings.
        var lines: [String] = []
        for (i, s) in Self.chinese.enumerated() {
            lines.append("张鹏(GLM 大模型):")
            lines.append(s)
            lines.append("地  点：经济学院第二教学楼20\(i % 2)")
        }
        lines.append("一问:" + Self.chinese[0])
        let text = lines.joined(separator: "\n\n") + "\n"
        #expect(clean(text).0 == text)
    }

    @Test func aRepeatedBlockThatIsASmallPartOfALongTextIsKept() {
        // A recipe listed on two days: about 10% of the text, far from its first listing.
        let recipe =
            "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.\n\nAsparagus and Eggs with sweet potato and whole-grain toast.\n\nDrink within 30 minutes after your workout."
        var parts: [String] = ["Day 1", recipe]
        for i in 0..<12 {
            parts.append(
                "Filler paragraph number \(i) describes something different about the plan, its ideas and its weekly rhythm in detail.")
        }
        parts += ["Day 2", recipe, "The end of the plan."]
        let text = parts.joined(separator: "\n\n") + "\n"
        #expect(clean(text).0 == text)
    }

    @Test func aProseSectionStoredAgainFarAwayIsRemovedEvenWhenSmall() throws {
        // A real article (a clean eval text) with two of its paragraphs stored again
        // near its end: well under --min-copy-fraction, but a section of prose.
        let article = String(decoding: try FixturePaths.bytes("eval/clean-sh_en_05/expected.txt"), as: UTF8.self)
        let paras = article.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let i = try #require(paras.indices.first { paras[$0].count >= 80 && paras[$0 + 1].count >= 80 })
        let damaged = paras + [paras[i], paras[i + 1]] + ["The end."]
        let (out, result) = clean(damaged.joined(separator: "\n\n") + "\n")
        #expect(out == (paras + ["The end."]).joined(separator: "\n\n") + "\n")
        #expect(result.removals.map(\.reason) == [.laterCopy])
    }

    @Test func aShortLineUnlikeTheOneBeforeTheSourceDoesNotMakeACopyEdited() throws {
        // A page that shows its body again in another layout: the first copy follows a
        // font-size bar, the second a "read aloud" button. That two-character line is not an
        // edit of the bar, so the second copy is still an exact section of prose.
        let article = String(decoding: try FixturePaths.bytes("eval/clean-sh_en_05/expected.txt"), as: UTF8.self)
        let paras = article.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let i = try #require(paras.indices.first { paras[$0].count >= 80 && paras[$0 + 1].count >= 80 })
        let section = [paras[i], paras[i + 1]]
        let rest = Array(paras[..<i] + paras[(i + 2)...])
        let page = ["【字体：大 中 小】"] + section + rest + ["朗读"] + section + ["The end."]
        let (out, result) = clean(page.joined(separator: "\n\n") + "\n")
        #expect(out == (["【字体：大 中 小】"] + section + rest + ["朗读", "The end."]).joined(separator: "\n\n") + "\n")
        #expect(result.removals.map(\.reason).allSatisfy { $0 == .laterCopy })
    }

    @Test func cutsNeverFallInsideAWord() {
        let paras = Self.english
        let text = body + "Prefix words " + paras.joined(separator: " ") + "\n"
        let (out, result) = clean(text)
        for span in result.spans {
            let scanner = TextScanner(Array(text.utf8))
            #expect(!scanner.isInsideWord(span.start))
        }
        #expect(out.hasPrefix(body))
        #expect(out.contains("Prefix words"))
    }

    /// Found by the fuzzer: a copy with edits whose source is shorter than the target; snapping
    /// its start past a word moved the source's start past its end.
    @Test func aSourceShorterThanItsTargetIsSnappedSafely() {
        let text = "xyxyxyxyxyxyxyxyxyxyxyxyxyyyxyxyxyxyxyxyxyxyxyxyxyxyxyf"
        let (out, result) = clean(text)
        #expect(result.spans.map(\.range.count).reduce(0, +) == text.utf8.count)
        #expect(!out.isEmpty)
    }

    @Test func emptyAndWhitespaceOnlyTextsCleanToEmptyText() {
        #expect(clean("").1.spans.isEmpty)
        let blank = clean(" \n\n\t\u{3000}\u{200B}")
        #expect(blank.0 == "")
        #expect(blank.1.spans == [Span(range: ByteRange(0, 10), action: .remove, reason: .whitespaceOnly)])
        #expect(clean(" \n.\n").0 == " \n.\n")
    }
}

extension String {
    var trimmingWhitespace: String {
        String(unicodeScalars.filter { !ScalarClass.isWhitespace($0.value) }.map(Character.init))
    }

    func chunked(width: Int) -> String {
        var out: [String] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line)
            while rest.count > width {
                out.append(String(rest.prefix(width)))
                rest = rest.dropFirst(width)
            }
            out.append(String(rest))
        }
        return out.joined(separator: "\n")
    }
}
