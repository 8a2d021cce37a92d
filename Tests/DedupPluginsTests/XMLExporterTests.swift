import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

/// The XML exporter: valid against the shipped schema for any input, and lossless.
@Suite struct XMLExporterTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let validator: XMLSchemaValidator? = {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("Schemas/dedup.xsd")) else { return nil }
        return try? XMLSchemaValidator(schema: Array(data))
    }()

    func xml(_ bytes: [UInt8], name: String = "in.txt") throws -> [UInt8] {
        let document = try Document(bytes: bytes, name: name)
        return try Exporter.xml.render(CleanedDocument(result: Deduplicator().clean(document)))
    }

    /// Exports, validates against the schema and restores; returns the XML.
    @discardableResult
    func roundTrip(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let out = try xml(bytes)
        let validator = try #require(Self.validator)
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try validator.validate(out) }
        #expect(try Restorer.restore(out) == bytes, sourceLocation: sourceLocation)
        return out
    }

    @Test func schemaLoads() throws {
        #expect(Self.validator != nil)
    }

    @Test func seedArticleValidatesAndRestores() throws {
        let seed = Array(try Data(contentsOf: Self.root.appendingPathComponent("Fixtures/seed/article.txt")))
        let out = try roundTrip(seed)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("reason=\"later-copy\""))
        #expect(text.contains("reason=\"truncated-fragment\""))
        let expected = try String(contentsOf: Self.root.appendingPathComponent("Fixtures/seed/expected.txt"), encoding: .utf8)
        let document = try XMLDocument(parsing: out)
        let textElement = try #require(document.root.flatMap { XMLNode.elements(of: $0).last })
        #expect(String(decoding: try XMLNode.text(textElement), as: UTF8.self) == expected)
    }

    @Test func everyEvalCaseValidatesAndRestores() throws {
        let dir = Self.root.appendingPathComponent("Fixtures/eval")
        let cases = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(cases.count > 50)
        for name in cases {
            let input = Array(try Data(contentsOf: dir.appendingPathComponent("\(name)/input.txt")))
            try roundTrip(input)
        }
    }

    @Test func charactersXMLForbidsAreWrittenAsElements() throws {
        var bytes: [UInt8] = Array(0..<0x20) + Array("<&>\"'".utf8) + [0xEF, 0xBF, 0xBE, 0xEF, 0xBF, 0xBF]
        bytes += Array("]]> \r\n \r lone CR, 标题\u{FFFD}\u{10FFFF}".utf8)
        let out = String(decoding: try roundTrip(bytes), as: UTF8.self)
        #expect(out.contains("<char hex=\"0\"/>"))
        #expect(out.contains("<char hex=\"1f\"/>"))
        #expect(out.contains("<char hex=\"fffe\"/>"))
        #expect(out.contains("<char hex=\"ffff\"/>"))
        #expect(out.contains("&#13;"))
    }

    @Test func removedSpansKeepTheirTextAndSource() throws {
        let paragraph = "A paragraph long enough to be a copy of itself when it is stored twice over, with \u{01} inside."
        let text = "标题\n\n\(paragraph)\n\n\(paragraph)\n"
        let out = String(decoding: try roundTrip(Array(text.utf8)), as: UTF8.self)
        #expect(out.contains("action=\"remove\" reason=\"adjacent-repeat\""))
        #expect(out.contains("duplicateOfStart="))
        #expect(out.contains("<removed bytes=\""))
    }

    @Test func htmlOriginIsWrittenAndValid() throws {
        let page = Array("<html><body><article><h1>Title</h1><p>One \u{01} paragraph.</p></article></body></html>".utf8)
        let imported = try Importer.html.read(page, "page.html", ImportOptions(xpath: "//article"))
        let out = try Exporter.xml.render(CleanedDocument(cleaning: imported, with: Deduplicator()))
        let validator = try #require(Self.validator)
        #expect(throws: Never.self) { try validator.validate(out) }
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("<origin format=\"html\" path=\"page.html\" size=\"\(page.count)\""))
        #expect(text.contains("xpath=\"/html/body/article/p\""))
        #expect(try Restorer.restore(out) == imported.document.bytes)
    }

    @Test func emptyInput() throws {
        try roundTrip([])
    }

    @Test(arguments: 0..<40) func randomTextsRoundTrip(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % 1_000_000)
        }
        let pieces = [
            "\u{00}", "\u{01}", "\u{0B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\r", "\r\n", "\n", "<", "&", "]]>",
            "大模型的。", "the storm hit. ", "A long sentence that might repeat itself later on in the text. ",
        ]
        var text = ""
        for _ in 0..<(next() % 60) { text += pieces[next() % pieces.count] }
        if next() % 2 == 0 { text += text }
        try roundTrip(Array(text.utf8))
    }

    @Test func restoreRejectsBrokenOrForeignXML() throws {
        #expect(throws: Restorer.Failure.self) { try Restorer.restore(Array("<dedup version=\"1\"><source".utf8)) }
        #expect(throws: Restorer.Failure.self) { try Restorer.restore(Array("<other/>".utf8)) }
        #expect(throws: Restorer.Failure.self) {
            try Restorer.restore(
                Array(
                    "<dedup version=\"1\"><source path=\"x\" size=\"1\" sha256=\"0\"/><spans><span start=\"0\" end=\"1\" action=\"keep\"/></spans><text>ab</text></dedup>"
                        .utf8))
        }
    }

    @Test func externalEntitiesAreNeitherLoadedNorExpanded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-xxe-\(UUID().uuidString).txt")
        try "SECRET".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let size = "SECRET".utf8.count
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE dedup [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <dedup version="1"><source path="x" size="\(size)"/><spans><span start="0" end="\(size)" action="keep"/></spans><removed bytes="0"/><text>&xxe;</text></dedup>
            """
        // The entity is not expanded, so the text is empty and restore fails on the length.
        #expect(throws: Restorer.Failure.self) { try Restorer.restore(Array(xml.utf8)) }
    }

    @Test func validatorReportsWhatIsWrong() throws {
        let validator = try #require(Self.validator)
        let bad = Array("<dedup version=\"1\"><source path=\"x\" size=\"-1\" sha256=\"zz\"/></dedup>".utf8)
        #expect(throws: XMLSchemaValidator.Failure.self) { try validator.validate(bad) }
        do {
            try validator.validate(bad)
        } catch {
            #expect(error.description.contains("line 1"))
        }
    }
}
