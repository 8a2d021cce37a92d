import Testing

@testable import DedupCore

@Suite struct SegmenterTests {
    func strings(_ ranges: [Range<Int>], _ text: [UInt8]) -> [String] {
        ranges.map { String(decoding: text[$0], as: UTF8.self) }
    }

    @Test func paragraphsAreSeparatedByBlankLines() {
        let text = Array("First paragraph wrapped\nover two lines of text.\n\n  Second.\n\n\n第三段。\n".utf8)
        let paras = strings(ParagraphSegmenter().paragraphs(in: text), text)
        #expect(paras == ["First paragraph wrapped\nover two lines of text.", "Second.", "第三段。"])
    }

    @Test func singleLineBreaksSeparateParagraphsWhenTheTextHasNoBlankLines() {
        let text = Array("标题\n第一段。\n第二段。".utf8)
        #expect(strings(ParagraphSegmenter().paragraphs(in: text), text) == ["标题", "第一段。", "第二段。"])
    }

    @Test func aLineEndingASentenceInsideABlockEndsAParagraph() {
        let text = Array("Intro line that ends here.\nNext paragraph starts\nand wraps.\n\nLast.".utf8)
        let paras = strings(ParagraphSegmenter().paragraphs(in: text), text)
        #expect(paras == ["Intro line that ends here.", "Next paragraph starts\nand wraps.", "Last."])
    }

    @Test func chineseSentencesEndAtIdeographicTerminators() {
        let text = Array("大模型的风刮了整一年。历经了百模大战！真的吗？“是的。”好".utf8)
        #expect(
            strings(SentenceSegmenter().sentences(in: text), text)
                == ["大模型的风刮了整一年。", "历经了百模大战！", "真的吗？", "“是的。”", "好"])
    }

    @Test func latinSentencesNeedASpaceAfterThePeriod() {
        let text = Array("It costs 3.5 dollars. Really? Yes! \"Quoted.\" End".utf8)
        #expect(
            strings(SentenceSegmenter().sentences(in: text), text)
                == ["It costs 3.5 dollars.", "Really?", "Yes!", "\"Quoted.\"", "End"])
    }

    @Test func unitsAreCJKCharactersOrLatinWords() {
        let text = Array("GPT-4 在 2023 年发布, très bien.".utf8)
        #expect(strings(UnitSegmenter().units(in: text), text) == ["GPT", "4", "在", "2023", "年", "发", "布", "très", "bien"])
        // Hangul syllables count one each, like Han characters.
        #expect(UnitSegmenter().count(in: Array("한국어 텍스트".utf8)) == 6)
    }

    @Test func lineTableAnswersLineStartAndEnd() {
        let text = Array("ab\n  cd  \n\nef".utf8)
        let lines = LineTable(text)
        #expect(lines.starts == [0, 3, 10, 11])
        #expect(lines.isAtLineStart(5))
        #expect(!lines.isAtLineStart(6))
        #expect(lines.isAtLineEnd(7))
        #expect(!lines.isAtLineEnd(6))
    }

    /// The per-unit line boundaries a table made with a key records against the byte
    /// questions they stand for, on texts mixing what makes units and bytes part: several
    /// units from one character, marks composed in, references, markup read as nothing,
    /// CRLF, blank and whitespace-only lines; and each line's key range against searches
    /// for its content's bytes.
    @Test func unitLineBoundariesAgreeWithTheByteQuestions() {
        let pieces = [
            "word", " ", "  ", "\t", "\n", "\r\n", "\n\n", "ﬁ", "e\u{301}", "&amp;", "&#233;", "<b>", "</b>",
            "**", "# ", "[a](http://x)", "中文", "\u{00A0}", "\u{200B}", "—", "1.", "Ǆ",
        ]
        var random = SplitMix(state: 33)
        for _ in 0..<300 {
            let text = Array((0..<(1 + random.below(60))).map { _ in pieces[random.below(pieces.count)] }.joined().utf8)
            let key = Normalizer().key(for: text)
            let lines = LineTable(text, key: key)
            // Each line's key range: the units from its content's first byte to its end.
            for line in lines.starts.indices {
                let cs = lines.contentStarts[line], ce = lines.contentEnds[line]
                let expected = cs < ce ? key.index(atOrAfterByte: cs)..<key.index(atOrAfterByte: ce) : 0..<0
                let recorded = lines.keyStarts[line]..<lines.keyStarts[line + 1]
                if expected.isEmpty ? !recorded.isEmpty : recorded != expected {
                    Issue.record("\(String(decoding: text, as: UTF8.self).debugDescription) line \(line)")
                    return
                }
            }
            for k in 0..<key.count {
                let startsLine = lines.isAtLineStart(Int(key.offsets[k]))
                let endsLine = lines.isAtLineEnd(key.sourceEnd(ofUnit: k, in: text))
                if lines.unitStartsLine(k) != startsLine || lines.unitEndsLine(k) != endsLine {
                    Issue.record("\(String(decoding: text, as: UTF8.self).debugDescription) unit \(k)")
                    return
                }
            }
        }
    }

    /// The lookup through the table of 4 KB blocks against a scan of every line: texts with
    /// lines far longer than a block and many lines inside one, every offset and the ends.
    @Test func lineLookupAgreesWithAScanOfTheLines() {
        var random = SplitMix(state: 21)
        for _ in 0..<20 {
            var text: [UInt8] = []
            while text.count < 20_000 {
                let length = random.below(4) == 0 ? random.below(9_000) : random.below(30)
                text += [UInt8](repeating: 0x61, count: length) + [0x0A]
            }
            if random.below(2) == 0 { text.removeLast() }
            let lines = LineTable(text)
            for offset in -1...(text.count + 5_000) {
                let expected = max(0, (lines.starts.lastIndex { $0 <= offset }) ?? 0)
                if lines.line(containing: offset) != expected {
                    Issue.record("offset \(offset): line \(lines.line(containing: offset)), not \(expected)")
                    return
                }
            }
        }
    }
}
