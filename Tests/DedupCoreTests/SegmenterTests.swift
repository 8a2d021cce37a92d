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
}
