import CLibXML2
import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

/// Paths of the HTML fixtures (Fixtures/html), found from this source file.
enum HTMLFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("html")

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }
}

/// Imports `html` (a string, written as UTF-8) or raw bytes.
private func importHTML(_ html: String, xpath: String? = nil, encoding: String? = nil) throws -> ImportedDocument {
    try importHTML(Array(html.utf8), xpath: xpath, encoding: encoding)
}

private func importHTML(_ bytes: [UInt8], xpath: String? = nil, encoding: String? = nil) throws -> ImportedDocument {
    try Importer.html.read(bytes, "page.html", ImportOptions(xpath: xpath, encoding: encoding))
}

/// The text with every whitespace character removed.
private func squeezed(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
}

/// How many times `paragraph` (squeezed) occurs in `text`: as a whole line, or inside a longer
/// line when it is 40 characters or more; counted across lines when neither (as
/// scripts/check-html counts).
private func occurrences(of paragraph: String, in text: String) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { squeezed(String($0)) }
    var n = lines.filter { $0 == paragraph }.count
    if paragraph.count >= 40 {
        n += lines.filter { $0 != paragraph }.map { $0.components(separatedBy: paragraph).count - 1 }.reduce(0, +)
    }
    return n > 0 ? n : squeezed(text).components(separatedBy: paragraph).count - 1
}

/// Fraction of the non-whitespace characters of `truth`, as a multiset, found in `output`.
private func characterCoverage(of truth: String, in output: String) -> Double {
    var have: [Character: Int] = [:]
    for c in squeezed(output) { have[c, default: 0] += 1 }
    var total = 0, found = 0
    for c in squeezed(truth) {
        total += 1
        if let n = have[c], n > 0 {
            found += 1
            have[c] = n - 1
        }
    }
    return total == 0 ? 1 : Double(found) / Double(total)
}

@Suite struct HTMLImporterTests {
    // MARK: Corpus pages

    /// Check a: each truth paragraph the page holds is in the clean text exactly once.
    private func duplicatedParagraphs(_ id: String) throws -> [String] {
        let imported = try importHTML(try HTMLFixtures.bytes("corpus/\(id).html"))
        let clean = Deduplicator().clean(imported.document).cleanText
        let full = imported.document.text
        var problems: [String] = []
        for line in try HTMLFixtures.text("corpus/\(id).txt").split(separator: "\n") {
            let paragraph = squeezed(String(line))
            guard !paragraph.isEmpty, occurrences(of: paragraph, in: full) > 0 else { continue }
            let n = occurrences(of: paragraph, in: clean)
            if n != 1 { problems.append("\(n)× \(paragraph.prefix(40))") }
        }
        return problems
    }

    @Test(arguments: ["sh_en_01", "sh_en_02"])
    func bodyServedTwiceComesOutOnce(_ id: String) throws {
        let imported = try importHTML(try HTMLFixtures.bytes("corpus/\(id).html"))
        let truth = try HTMLFixtures.text("corpus/\(id).txt")
        // Every truth paragraph is in the page, and in the clean text once.
        for line in truth.split(separator: "\n") where !squeezed(String(line)).isEmpty {
            #expect(occurrences(of: squeezed(String(line)), in: imported.document.text) > 0)
        }
        #expect(try duplicatedParagraphs(id) == [])
    }

    @Test func bodyServedThreeTimesComesOutOnce() throws {
        // The second copy (the mobile layout's) follows the two-character line 朗读 "read
        // aloud" where the first follows a font-size bar: that short line is not an edit of
        // the copy, so the copy stays an exact section of prose and is removed.
        #expect(try duplicatedParagraphs("cwce_zh_03") == [])
    }

    @Test(arguments: [
        ("cwce_zh_04", "GB18030"), ("cwce_zh_15", "GB18030"), ("rdb_zh_00", "UTF-8"),
        ("sh_en_01", "UTF-8"), ("cwce_zh_03", "UTF-8"),
    ])
    func corpusPagesDecodeWithTheirTruth(_ id: String, _ encoding: String) throws {
        let bytes = try HTMLFixtures.bytes("corpus/\(id).html")
        let imported = try importHTML(bytes)
        let text = imported.document.text
        let truth = try HTMLFixtures.text("corpus/\(id).txt")
        #expect(imported.origin?.encoding == encoding)
        #expect(characterCoverage(of: truth, in: text) >= 0.97)
        #expect(!text.contains("\u{FFFD}"))
        #expect(!text.contains("Ã") && !text.contains("锟斤拷"))
        #expect(imported.origin?.size == bytes.count)
        #expect(imported.origin?.sha256 == SHA256.hexDigest(bytes))
        #expect(imported.origin?.format == "html")
        #expect(imported.origin?.path == "page.html")
    }

    @Test func declaredGB2312ButUTF8IsReadAsUTF8() throws {
        // rdb_zh_00 says gb2312 and is UTF-8: decoding it as declared would be mojibake.
        let imported = try importHTML(try HTMLFixtures.bytes("corpus/rdb_zh_00.html"))
        #expect(imported.document.text.contains("DeepMind新电脑已可利用记忆自学"))
    }

    // MARK: Text extraction

    @Test func structurePageGivesTheExpectedBlocks() throws {
        let imported = try importHTML(try HTMLFixtures.bytes("pages/structure.html"))
        #expect(imported.document.text == (try HTMLFixtures.text("pages/structure.txt")))
    }

    @Test func skippedElementsLeaveNoText() throws {
        let imported = try importHTML(try HTMLFixtures.bytes("pages/structure.html"))
        let text = imported.document.text
        for hidden in [
            "title is not", "color: red", "script text", "a comment", "hidden", "no script", "template",
            "svg text", "iframe", "object fallback", "Option A", "alt text",
        ] {
            #expect(!text.contains(hidden), "\(hidden)")
        }
        #expect(text.contains("Word smart tags and custom elements are inline."))
    }

    @Test func hiddenAttributeSkipsTheElementAndItsContent() throws {
        let text = try importHTML("<p>shown</p><div HIDDEN=\"\">not<p>nor this</p></div><section hidden=hidden>no</section><p>end</p>")
            .document.text
        #expect(text == "shown\n\nend\n")
    }

    @Test func inlineTextHiddenByStyleIsLeftOutOfItsParagraph() throws {
        let text = try importHTML(
            "<p>Shown <em style=\"DISPLAY: none;\">a hidden copy</em>text <span style=\"visibility:hidden\">trap</span>here.</p>"
                + "<div style=\"display:none\">a hidden block stays for extraction to judge</div>"
        ).document.text
        #expect(text.hasPrefix("Shown text here.\n"))
    }

    @Test func whitespaceCollapsesOutsidePre() throws {
        let text = try importHTML("<p>  a\t\n b&nbsp;&nbsp;c \r\n</p><p>x<span> </span>y<b>z</b></p>").document.text
        #expect(text == "a b c\n\nx yz\n")
    }

    @Test func lineBreaksStayInTheirBlock() throws {
        let text = try importHTML("<p><br>one <br> two<br><br><br><br>three<br></p><div>a<br/>b</div>").document.text
        #expect(text == "one\ntwo\n\nthree\n\na\nb\n")
    }

    @Test func preKeepsItsWhitespace() throws {
        let text = try importHTML("<pre>\n\n  x  =  1\r\n\ty<br>z\n\n</pre><p>after</p>").document.text
        #expect(text == "  x  =  1\n\ty\nz\n\nafter\n")
    }

    @Test func nestedBlocksSplitTheTextAroundThem() throws {
        let text = try importHTML("<div>before <p>inside</p> after <section>deep <div>deeper</div></section> end</div>").document.text
        #expect(text == "before\n\ninside\n\nafter\n\ndeep\n\ndeeper\n\nend\n")
    }

    @Test func anEmptyBlockDoesNotSplitText() throws {
        let text = try importHTML("<div>获得了5<table><tr><td> </td></tr></table>00万元</div><div>a <div></div>b<hr>c</div>").document.text
        #expect(text == "获得了500万元\n\na b\n\nc\n")
    }

    @Test func tableCellsAreBlocks() throws {
        let page =
            "<table><caption>Prices</caption><thead><tr><th>Item</th><th>Price</th></tr></thead>"
            + "<tr><td>Tea</td><td>2 <b>€</b></td></tr><tr><td>Tea</td><td></td></tr></table>"
        let text = try importHTML(page).document.text
        #expect(text == "Prices\n\nItem\n\nPrice\n\nTea\n\n2 €\n\nTea\n")
    }

    @Test func emptyPagesGiveEmptyText() throws {
        for page in [
            "", "   \n\t", "<!-- only a comment -->", "<html><head><title>t</title></head><body> </body></html>",
            "<script>x()</script>",
        ] {
            let imported = try importHTML(page)
            #expect(imported.document.bytes.isEmpty, "\(page)")
            #expect(imported.origin?.blocks == [])
        }
        #expect(try importHTML("plain words").document.text == "plain words\n")
    }

    // MARK: Provenance

    @Test func blocksTileTheTextBetweenSeparators() throws {
        for page in ["pages/structure.html", "corpus/sh_en_02.html", "corpus/cwce_zh_15.html"] {
            let imported = try importHTML(try HTMLFixtures.bytes(page))
            let bytes = imported.document.bytes
            let blocks = try #require(imported.origin?.blocks)
            var rebuilt: [UInt8] = []
            for (k, block) in blocks.enumerated() {
                #expect(block.start < block.end)
                #expect(block.start == rebuilt.count + (k == 0 ? 0 : 2))
                if k > 0 { rebuilt += [0x0A, 0x0A] }
                rebuilt += bytes[block.start..<block.end]
            }
            rebuilt.append(0x0A)
            #expect(rebuilt == bytes, "\(page)")
        }
    }

    @Test func blocksRecordLineAndXPath() throws {
        let page = """
            <html>
            <body>
            <div id="a">
              <p>first</p>
              <p>second <b>bold</b></p>
              tail
            </div>
            <div><ul><li>one</li></ul><ul><li>two</li><li>three</li></ul></div>
            </body>
            </html>
            """
        let imported = try importHTML(page)
        let blocks = try #require(imported.origin?.blocks)
        let text = imported.document.bytes
        let got = blocks.map { (String(decoding: text[$0.start..<$0.end], as: UTF8.self), $0.line, $0.xpath) }
        let expected: [(String, Int, String)] = [
            ("first", 4, "/html/body/div[1]/p[1]"),
            ("second bold", 5, "/html/body/div[1]/p[2]"),
            ("tail", 3, "/html/body/div[1]"),
            ("one", 8, "/html/body/div[2]/ul[1]/li"),
            ("two", 8, "/html/body/div[2]/ul[2]/li[1]"),
            ("three", 8, "/html/body/div[2]/ul[2]/li[2]"),
        ]
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g.0 == e.0 && g.1 == e.1 && g.2 == e.2, "\(g) != \(e)")
        }
    }

    @Test(arguments: ["corpus/sh_en_01.html", "corpus/cwce_zh_15.html", "pages/structure.html"])
    func blockXPathsAreLibxml2sNodePaths(_ page: String) throws {
        // Each block's XPath selects exactly one element, whose xmlGetNodePath is that XPath
        // and whose text holds the block's.
        let bytes = try HTMLFixtures.bytes(page)
        let imported = try importHTML(bytes)
        let parsed = try ParsedHTMLPage(utf8: try CharsetDetection.decode(bytes, override: nil).utf8)
        let text = imported.document.bytes
        for block in try #require(imported.origin?.blocks) {
            let nodes = try parsed.nodes(matching: block.xpath)
            try #require(nodes.count == 1, "\(block.xpath)")
            let node = try #require(nodes.first).assumingMemoryBound(to: xmlNode.self)
            let path = try #require(xmlGetNodePath(node))
            defer { dedup_xml_free(path) }
            #expect(String(cString: path) == block.xpath)
            let content = try #require(xmlNodeGetContent(node))
            defer { dedup_xml_free(content) }
            let blockText = squeezed(String(decoding: text[block.start..<block.end], as: UTF8.self))
            #expect(
                squeezed(String(cString: content).replacingOccurrences(of: "\u{A0}", with: " ")).contains(blockText),
                "\(block.xpath)")
        }
    }

    // MARK: --xpath

    @Test func xpathRestrictsExtractionToTheMatches() throws {
        let page =
            "<p>menu</p><article><h1>Title</h1><p>Body <i>text</i>.</p></article><p>footer</p>"
            + "<div class=\"x\">one<div class=\"x\">nested</div></div><div class=\"x\">two</div>"
        #expect(try importHTML(page, xpath: "//article").document.text == "Title\n\nBody text.\n")
        // Document order; a match inside an earlier match adds nothing.
        #expect(try importHTML(page, xpath: "//div[@class='x'] | //h1").document.text == "Title\n\none\n\nnested\n\ntwo\n")
        // Text nodes are blocks of their own.
        #expect(try importHTML("<p>one <b>bold</b> two</p>", xpath: "//p/text()").document.text == "one\n\ntwo\n")
        let blocks = try #require(try importHTML(page, xpath: "//article").origin?.blocks)
        #expect(blocks.map(\.xpath) == ["/html/body/article/h1", "/html/body/article/p"])
    }

    @Test func xpathMatchingNothingThrows() throws {
        #expect(throws: HTMLImportError.xpathMatchedNothing("//article")) {
            try importHTML("<p>text</p>", xpath: "//article")
        }
        #expect(HTMLImportError.xpathMatchedNothing("//article").description == "--xpath '//article' matched nothing")
        #expect(throws: HTMLImportError.xpathMatchedNothing("//p/@class")) {
            try importHTML("<p class=a>text</p>", xpath: "//p/@class")
        }
        #expect(throws: HTMLImportError.xpathMatchedNothing("//p")) { try importHTML("", xpath: "//p") }
    }

    @Test func invalidXPathThrows() throws {
        for expression in ["//[", "//p[", "", "nosuchfunction(1)", "//p[$x]", "//svg:svg", "ns:f()", "//p[@a='1"] {
            do {
                _ = try importHTML("<p>text</p>", xpath: expression)
                Issue.record("no error for \(expression)")
            } catch let error as HTMLImportError {
                guard case .invalidXPath(let got, let reason) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(got == expression)
                #expect(!reason.isEmpty)
                #expect(error.description.hasPrefix("invalid --xpath expression '\(expression)': "))
            }
        }
        #expect(throws: HTMLImportError.xpathNotNodes("count(//p)")) { try importHTML("<p>x</p>", xpath: "count(//p)") }
    }

    // MARK: Character encodings

    private static let gbkChinese: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0xB2, 0xE2, 0xCA, 0xD4]  // 中文测试
    private static let gbkSentence: [UInt8] = [
        0xD5, 0xE2, 0xCA, 0xC7, 0xD2, 0xBB, 0xB6, 0xCE, 0xD3, 0xC3, 0xC0, 0xB4, 0xB2, 0xE2, 0xCA, 0xD4, 0xB1, 0xE0,
        0xC2, 0xEB, 0xB5, 0xC4, 0xD6, 0xD0, 0xCE, 0xC4, 0xCE, 0xC4, 0xD7, 0xD6, 0xA3, 0xAC, 0xC3, 0xBB, 0xD3, 0xD0,
        0xC9, 0xF9, 0xC3, 0xF7, 0xA1, 0xA3,
    ]  // 这是一段用来测试编码的中文文字，没有声明。

    private func decoded(_ bytes: [UInt8], encoding: String? = nil) throws -> (text: String, encoding: String?) {
        let imported = try importHTML(bytes, encoding: encoding)
        return (imported.document.text, imported.origin?.encoding)
    }

    @Test func metaCharsetIsHonoured() throws {
        let page = Array("<meta charset=\"windows-1252\"><p>caf".utf8) + [0xE9, 0x20, 0x80, 0x93] + Array("</p>".utf8)
        #expect(try decoded(page) == ("café €“\n", "windows-1252"))
        let latin1 = Array("<META CHARSET=ISO-8859-1><p>".utf8) + [0xE0, 0xFC] + Array("</p>".utf8)
        #expect(try decoded(latin1) == ("àü\n", "windows-1252"))
    }

    @Test func httpEquivCharsetIsHonoured() throws {
        for label in ["gbk", "GB2312", "x-gbk", "gb18030"] {
            let page =
                Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(label)\">".utf8)
                + Array("<title>".utf8) + Self.gbkChinese + Array("</title></head><body><p>".utf8) + Self.gbkChinese
                + [0xA2, 0xE3] + Array("</p></body></html>".utf8)
            #expect(try decoded(page) == ("中文测试€\n", "GB18030"), "\(label)")
        }
    }

    @Test func xmlDeclarationEncodingIsHonoured() throws {
        let page =
            Array("<?xml version=\"1.0\" encoding=\"GBK\"?><html><body><p>".utf8) + Self.gbkChinese + Array("</p></body></html>".utf8)
        #expect(try decoded(page) == ("中文测试\n", "GB18030"))
    }

    @Test func byteOrderMarksWin() throws {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array("<meta charset=gbk><p>中文</p>".utf8)
        #expect(try decoded(utf8) == ("中文\n", "UTF-8"))
        let text = "<meta charset=utf-8><p>中文 é</p>"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try decoded(le) == ("中文 é\n", "UTF-16LE"))
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try decoded(be) == ("中文 é\n", "UTF-16BE"))
    }

    @Test func undeclaredPagesAreSniffed() throws {
        #expect(try decoded(Array("<p>naïve 中文</p>".utf8)) == ("naïve 中文\n", "UTF-8"))
        #expect(try decoded(Array("<p>ascii only</p>".utf8)) == ("ascii only\n", "UTF-8"))
        let gbk = Array("<html><body><p>".utf8) + Self.gbkSentence + Array("</p></body></html>".utf8)
        #expect(try decoded(gbk) == ("这是一段用来测试编码的中文文字，没有声明。\n", "GB18030"))
        let latin = Array("<p>caf".utf8) + [0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65] + Array("</p>".utf8)
        #expect(try decoded(latin) == ("café crème\n", "windows-1252"))
    }

    @Test func wrongDeclarationsLoseToTheBytes() throws {
        // Declared gb2312, bytes UTF-8 (as rdb_zh_00).
        #expect(try decoded(Array("<meta charset=gb2312><p>中文测试</p>".utf8)) == ("中文测试\n", "UTF-8"))
        // Declared UTF-8, bytes GBK.
        let gbk = Array("<meta charset=utf-8><p>".utf8) + Self.gbkSentence + Array("</p>".utf8)
        #expect(try decoded(gbk) == ("这是一段用来测试编码的中文文字，没有声明。\n", "GB18030"))
        // Declared UTF-8 with one stray byte: UTF-8, the byte replaced.
        let stray = Array("<meta charset=utf-8><p>中文 and more text ".utf8) + [0xFF] + Array(" 中文测试中文测试</p>".utf8)
        #expect(try decoded(stray) == ("中文 and more text \u{FFFD} 中文测试中文测试\n", "UTF-8"))
    }

    @Test func userEncodingOverridesEverything() throws {
        let page = Array("<meta charset=utf-8><p>".utf8) + Self.gbkChinese + Array("</p>".utf8)
        #expect(try decoded(page, encoding: "GBK") == ("中文测试\n", "GB18030"))
        let utf8 = Array("<meta charset=gbk><p>é</p>".utf8)
        #expect(try decoded(utf8, encoding: "latin1") == ("Ã©\n", "windows-1252"))
        #expect(try decoded([0xEF, 0xBB, 0xBF] + Array("<p>x</p>".utf8), encoding: "utf-8") == ("x\n", "UTF-8"))
        #expect(throws: HTMLImportError.unknownEncoding("klingon")) { try importHTML("<p>x</p>", encoding: "klingon") }
        #expect(HTMLImportError.unknownEncoding("klingon").description == TextDecodingError.unknownEncoding("klingon").description)
    }

    @Test func otherEncodingsGoThroughIconv() throws {
        // Shift_JIS 日本 and windows-1251 Привет.
        let sjis = Array("<meta charset=shift_jis><p>".utf8) + [0x93, 0xFA, 0x96, 0x7B] + Array("</p>".utf8)
        #expect(try decoded(sjis) == ("日本\n", "Shift_JIS"))
        let cyrillic = Array("<meta charset=windows-1251><p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("</p>".utf8)
        #expect(try decoded(cyrillic) == ("Привет\n", "windows-1251"))
    }

    // MARK: Safety

    @Test func deeplyNestedPagesDoNotOverflowTheStack() throws {
        let depth = 10_000
        var page = "<html><body>"
        for k in 0..<depth { page += k % 1000 == 0 ? "<div>level \(k)" : "<div>" }
        page += "<p>bottom</p>"
        page += String(repeating: "</div>", count: depth) + "<p>after</p></body></html>"
        let imported = try importHTML(page)
        let text = imported.document.text
        #expect(text.hasPrefix("level 0\n\nlevel 1000\n\n"))
        #expect(text.hasSuffix("level 9000\n\nbottom\n\nafter\n"))
        // XPaths stop growing at a depth of 256 elements.
        let longest = imported.origin?.blocks.map(\.xpath.count).max() ?? 0
        #expect(longest <= HTMLTextExtractor.maxPathDepth * "/div".count + 20)
    }

    @Test func externalEntitiesAndDTDsAreNeverLoaded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("html-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = dir.appendingPathComponent("secret.txt")
        try "SECRET-FILE-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        let dtd = dir.appendingPathComponent("page.dtd")
        try "<!ENTITY leak \"SECRET-DTD-CONTENT\">".write(to: dtd, atomically: true, encoding: .utf8)
        let page = """
            <!DOCTYPE html SYSTEM "\(dtd.absoluteString)" [
              <!ENTITY file SYSTEM "\(secret.absoluteString)">
              <!ENTITY net SYSTEM "http://127.0.0.1:9/never">
            ]>
            <html><body><p>a &leak; b &file; c &net; d</p></body></html>
            """
        let text = try importHTML(page).document.text
        #expect(!text.contains("SECRET"))
        #expect(text.contains("a &leak; b &file; c &net; d"))
    }

    @Test func importsRunSideBySide() async throws {
        let pages = try ["corpus/sh_en_02.html", "corpus/cwce_zh_04.html", "pages/structure.html"].map(HTMLFixtures.bytes)
        let expected = try pages.map { try importHTML($0).document.bytes }
        try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for round in 0..<24 {
                let k = round % pages.count
                let bytes = pages[k]
                group.addTask { (k, try importHTML(bytes).document.bytes) }
            }
            for try await (k, text) in group {
                #expect(text == expected[k])
            }
        }
    }

    @Test func importerIsDescribed() {
        #expect(Importer.html.name == "html")
        #expect(Importer.html.fileExtensions == ["html", "htm", "xhtml"])
        #expect(!Importer.html.summary.isEmpty && !Importer.html.summary.contains("\n"))
    }

    @Test func aBadUTF16UnitCostsOneCharacterNotTheRestOfThePage() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<p>Paragraph one is fine.</p><p>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        bytes += [0x00, 0xD8]  // a lone high surrogate
        for unit in "tail text after it</p>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let text = try importHTML(bytes).document.text
        #expect(text == "Paragraph one is fine.\n\n\u{FFFD}tail text after it\n")
    }

    @Test(arguments: ["utf-32", "IBM037", "UCS-4"])
    func aDeclarationThePageCouldNotBeReadInIsIgnored(_ charset: String) throws {
        let page = "<html><head><meta charset=\"\(charset)\"></head><body><p>hello world</p></body></html>"
        #expect(try importHTML(Array(page.utf8)).document.text == "hello world\n")
    }
}
