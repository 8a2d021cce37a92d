import Foundation
import Testing

@testable import DedupCore

/// The comparison key reads through rendering (typography, character references, markup),
/// and a removed copy takes its markup with it.
@Suite struct RenderingTests {
    func units(_ text: String) -> [UInt32] { Normalizer().key(for: Array(text.utf8)).units }

    func clean(_ text: String) -> String { Deduplicator().clean(Document(text)).cleanText }

    @Test func typographyFoldsTogether() {
        #expect(units("He said “no” — it’s… «fine» – really") == units("He said \"no\" -- it's... \"fine\" - really"))
        #expect(units("a—b") == units("a-b"))
        #expect(units("a---b") == units("a-b"))
    }

    @Test func characterReferencesCountAsTheirCharacters() {
        #expect(units("Tom &amp; Jerry&#8217;s &#x2019;quote&rsquo; 1 &lt; 2") == units("Tom & Jerry’s ’quote’ 1 < 2"))
        // An escaped tag is text, not markup.
        #expect(units("&lt;b&gt;") == [0x3C, 0x62, 0x3E])
        #expect(units("a&nbsp;b&#12288;c") == units("a b　c"))
        #expect(units("价格&#65292;数量&#12290;") == units("价格，数量。"))
        // Not references: no `;`, an unknown name, NUL, a surrogate.
        #expect(units("AT&T and &bogus; &#0; &#xD800; &amp") == Array("AT&Tand&bogus;&#0;&#xD800;&amp".unicodeScalars.map(\.value)))
    }

    @Test func referenceUnitsMapBackToTheWholeReference() {
        let text = Array("x &amp; y".utf8)
        let key = Normalizer().key(for: text)
        #expect(key.units == [0x78, 0x26, 0x79])
        #expect(key.byteRange(of: 1..<2, in: text) == 2..<7)
    }

    @Test func markupIsInvisible() {
        #expect(
            units("# Title\n\n**Bold** and _em_ and `code` with a [link](https://example.com/a?b=1).")
                == units("Title\n\nBold and em and code with a link."))
        #expect(units("<p>Some <b>bold</b> text</p><!-- note --><br/>") == units("Some bold text"))
        #expect(units("- one\n+ two\n* three\n> quoted\n![alt text](img.png)") == units("one\ntwo\nthree\nquoted\nalt text"))
    }

    @Test func textThatOnlyLooksLikeMarkupStays() {
        // Rules and separators, snake_case, form blanks, comparisons, a lone `#`.
        #expect(units("* * *") == [0x2A, 0x2A, 0x2A])
        #expect(units("- - -") == [0x2D])
        #expect(units("snake_case") == Array("snake_case".unicodeScalars.map(\.value)))
        #expect(units("name: ____") == Array("name:____".unicodeScalars.map(\.value)))
        #expect(units("a < b > c") == Array("a<b>c".unicodeScalars.map(\.value)))
        #expect(units("#hashtag and 5 * 3") == Array("#hashtagand5*3".unicodeScalars.map(\.value)))
        #expect(units("[not a link] (here)") == Array("[notalink](here)".unicodeScalars.map(\.value)))
    }

    @Test func aTextAboutMarkupKeepsItsExamples() {
        let text = """
            A paragraph is marked with the p element, a generic block with div:

            <p>Hello, world! This is my very first web page.</p>

            <div>Hello, world! This is my very first web page.</div>

            In Markdown, bold is written with two asterisks and italics with one:

            **Remember to save the file before you reload the page.**

            *Remember to save the file before you reload the page.*

            """
        #expect(clean(text) == text)
    }

    static let body = [
        "The storm reached the northern coast shortly after dawn on Tuesday, officials said.",
        "Fishermen had pulled their boats far up the beach the night before the water rose.",
        "By noon the harbour wall was under water and the old pier had gone, they’re saying.",
        "Officials said nobody was hurt, though hundreds of homes lost power — for a while.",
    ]

    @Test func aMarkdownCopyIsRemovedWithItsMarkup() {
        let first = Self.body.joined(separator: "\n\n") + "\n"
        let markdown = [
            "# " + Self.body[0],
            "Fishermen had pulled **their boats** far up the beach the night before the water rose.",
            "By noon the [harbour wall](https://example.com/harbour) was under water and the old pier had gone, they're saying.",
            "Officials said nobody was hurt, though hundreds of homes lost power -- for a *while*.",
        ].joined(separator: "\n\n")
        #expect(clean(first + "\n" + markdown + "\n") == first)
    }

    @Test func anEscapedCopyIsRemoved() {
        let first = Self.body.joined(separator: "\n\n") + "\n"
        let escaped = Self.body.map { $0.replacingAll("’", "&rsquo;").replacingAll("—", "&mdash;").replacingAll(",", "&#44;") }
        #expect(clean(first + "\n" + escaped.joined(separator: "\n\n") + "\n") == first)
    }

    @Test func anHTMLCopyStartingMidParagraphLeavesNoStrayTags() {
        let first = Self.body.joined(separator: "\n\n") + "\n"
        let tail = String(Self.body[0].dropFirst(24))
        let html = ["<p>" + tail + "</p>"] + Self.body.dropFirst().map { "<p><b>" + $0.prefix(9) + "</b>" + $0.dropFirst(9) + "</p>" }
        let out = clean(first + "\n" + html.joined(separator: "\n") + "\n")
        #expect(out == first)
    }
}

/// A teaser of the opening stored after the end, in a related-articles box.
@Suite struct LateTeaserTests {
    let body = RenderingTests.body.joined(separator: "\n\n") + "\n"

    func clean(_ text: String) -> String { Deduplicator().clean(Document(text)).cleanText }

    @Test(arguments: ["…", "...", " [...]", ""])
    func aLaterTeaserOfTheOpeningIsRemovedAndTheBoxStays(ellipsis: String) {
        let teaser = String(RenderingTests.body[0].prefix(43)) + ellipsis
        let box = "Related articles\n\nA different story about the harbour repairs\n\n" + teaser + "\n\nAnother story entirely\n"
        let out = clean(body + "\n" + box)
        #expect(out == body + "\nRelated articles\n\nA different story about the harbour repairs\n\nAnother story entirely\n")
    }

    @Test func aChineseLaterTeaserIsRemoved() {
        let paras = ["这场暴风雨在星期二黎明后不久抵达北部海岸，渔民们前一天晚上就把船拖到了海滩的高处。", "到了中午，港口的防波堤已经被水淹没，旧码头也不见了。"]
        let text = paras.joined(separator: "\n\n") + "\n\n相关文章\n\n这场暴风雨在星期二黎明后不久抵达北部海岸…\n"
        #expect(clean(text) == paras.joined(separator: "\n\n") + "\n\n相关文章\n")
    }

    @Test func aRestatedFirstSentenceAndShortHeadingsStay() {
        // The opening's first sentence again, period included; a heading that begins it.
        let opening = "The storm reached the northern coast shortly after dawn. It flooded the harbour and the old pier."
        let text = opening + "\n\nMore below.\n\nThe storm reached the northern coast shortly after dawn.\n\nThe storm reached\n"
        #expect(clean(text) == text)
    }
}

extension String {
    fileprivate func replacingAll(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}

/// Text stored decomposed (NFD) matches the same text composed (NFC).
@Suite struct CompositionTests {
    func units(_ text: String) -> [UInt32] { Normalizer().key(for: Array(text.utf8)).units }

    static let samples = [
        "Café crème brûlée, naïve résumé",
        "Tiếng Việt có dấu: người, được, những",
        "한국어 문장입니다. 감사합니다",
        "ガギグゲゴ パピプペポ",
        "Ελληνικά: άλφα, έψιλον",
    ]

    @Test(arguments: samples)
    func decomposedTextKeysAsComposed(sample: String) {
        let nfd = sample.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(sample.utf8))
        #expect(units(nfd) == units(sample))
    }

    @Test func aDecomposedCopyIsRemovedWithItsMarks() {
        let body =
            [
                "Le café de la gare a rouvert ses portes après trois années de travaux, à la grande joie des habitués.",
                "Les clients ont retrouvé le comptoir en zinc, les banquettes rouges et la carte des crèmes glacées.",
            ].joined(separator: "\n\n") + "\n"
        let copy = body.decomposedStringWithCanonicalMapping
        let result = Deduplicator().clean(Document(body + "\nSource: example.fr\n\n" + copy))
        #expect(result.cleanText == body + "\nSource: example.fr\n")
        // Every removed span ends on a whole character: no mark left behind.
        for span in result.spans where span.action == .remove {
            let tail = Array((body + "\nSource: example.fr\n\n" + copy).utf8)[span.range.end...]
            #expect(tail.first.map { $0 < 0x80 || $0 >= 0xC0 } ?? true)
        }
    }

    @Test func keyUnitsMapBackOverTheirMarks() {
        let text = Array("e\u{301}x".utf8)
        let key = Normalizer().key(for: text)
        #expect(key.units == [0xE9, 0x78])
        #expect(key.byteRange(of: 0..<1, in: text) == 0..<3)
    }
}
