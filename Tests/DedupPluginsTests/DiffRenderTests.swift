import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

/// The diff formats: JSON that pipelines read (ranges tile both documents), XML through
/// libxml2's writer saying the same, and the unified-diff text with inline markers.
@Suite struct DiffRenderTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/\(path)")))
    }

    func report(_ a: [UInt8], _ b: [UInt8], exact: Bool = false) throws -> DiffReport {
        var options = DiffOptions()
        options.exact = exact
        let result = DocumentDiffer(options: options).diff(
            try Document(bytes: a, name: "a.txt"),
            try Document(bytes: b, name: "b.txt"))
        return DiffReport(
            result: result, a: DiffSource(path: "a.txt", fileSize: a.count),
            b: DiffSource(path: "b.txt", fileSize: b.count))
    }

    func fixtureReport(exact: Bool = false) throws -> DiffReport {
        try report(try Self.fixture("diff/a.txt"), try Self.fixture("diff/b.txt"), exact: exact)
    }

    func json(_ report: DiffReport) throws -> [String: Any] {
        let bytes = try Exporter.json.renderDiff(report, DiffRenderOptions())
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    func range(_ any: Any?) -> (Int, Int)? {
        guard let d = any as? [String: Any], let s = d["start"] as? Int, let e = d["end"] as? Int else { return nil }
        return (s, e)
    }

    func tiles(_ ranges: [(Int, Int)], _ size: Int) -> Bool {
        var pos = 0
        for (s, e) in ranges.filter({ $0.1 > $0.0 }).sorted(by: { $0.0 < $1.0 }) {
            if s != pos { return false }
            pos = e
        }
        return pos == size
    }

    @Test func jsonRangesTileBothDocuments() throws {
        let r = try fixtureReport()
        let object = try json(r)
        let ops = try #require(object["ops"] as? [[String: Any]])
        #expect(tiles(ops.compactMap { range($0["a"]) }, r.result.a.count))
        #expect(tiles(ops.compactMap { range($0["b"]) }, r.result.b.count))
        #expect(object["same"] as? Bool == false)
        for op in ops {
            let kind = try #require(op["op"] as? String)
            #expect(["equal", "delete", "insert", "change", "move"].contains(kind))
            #expect((op["b"] == nil) == (kind == "delete"))
            #expect((op["a"] == nil) == (kind == "insert"))
            if kind == "change" || kind == "move" {
                let edits = try #require(op["edits"] as? [[String: Any]])
                let (as0, ae) = try #require(range(op["a"])), (bs0, be) = try #require(range(op["b"]))
                #expect(tiles(edits.compactMap { range($0["a"]) }.map { ($0.0 - as0, $0.1 - as0) }, ae - as0))
                #expect(tiles(edits.compactMap { range($0["b"]) }.map { ($0.0 - bs0, $0.1 - bs0) }, be - bs0))
            }
        }
        let change = try #require(ops.first { $0["op"] as? String == "change" })
        let edits = try #require(change["edits"] as? [[String: Any]])
        let word = try #require(edits.first { $0["op"] as? String == "change" })
        #expect(word["aText"] as? String == "Tuesday")
        #expect(word["bText"] as? String == "Wednesday")
        let delete = try #require(ops.first { $0["op"] as? String == "delete" })
        #expect(delete["aText"] as? String == "Officials said the damage was limited to a few boats.")
        let source = try #require(object["source"] as? [String: Any])
        #expect((source["a"] as? [String: Any])?["cleaned"] as? Bool == false)
    }

    @Test func spacingAndFullWidthOnlyIsTheSame() throws {
        let a = Array("大模型，技术。Paris, France\n".utf8), b = Array("大模型,技术.Paris,\u{00A0}France\n".utf8)
        let object = try json(try report(a, b))
        #expect(object["same"] as? Bool == true)
        #expect((object["ops"] as? [[String: Any]])?.count == 1)
        #expect(try Exporter.text.renderDiff(try report(a, b), DiffRenderOptions()).isEmpty)
        let exact = try json(try report(a, b, exact: true))
        #expect(exact["same"] as? Bool == false)
    }

    @Test func xmlSaysTheSameAndIsWellFormed() throws {
        let r = try fixtureReport()
        let bytes = try Exporter.xml.renderDiff(r, DiffRenderOptions())
        let document = try XMLDocument(parsing: bytes)
        let root = try #require(document.root)
        #expect(XMLNode.name(root) == "diff")
        #expect(XMLNode.attribute(root, "same") == "false")
        let ops = try #require(XMLNode.elements(of: root).first { XMLNode.name($0) == "ops" })
        let names = XMLNode.elements(of: ops).map(XMLNode.name)
        let jsonOps = try #require(try json(r)["ops"] as? [[String: Any]])
        #expect(names == jsonOps.compactMap { $0["op"] as? String })
        let delete = try #require(XMLNode.elements(of: ops).first { XMLNode.name($0) == "delete" })
        #expect(XMLNode.attribute(delete, "bStart") == nil)
        let text = try #require(XMLNode.elements(of: delete).first)
        #expect(String(decoding: try XMLNode.text(text), as: UTF8.self) == "Officials said the damage was limited to a few boats.")
    }

    @Test func xmlCarriesCharactersXMLForbids() throws {
        let a = Array("Keep.\n\nA control \u{1} character and <markup> & \"quotes\".\n".utf8)
        let b = Array("Keep.\n".utf8)
        let bytes = try Exporter.xml.renderDiff(try report(a, b), DiffRenderOptions())
        let document = try XMLDocument(parsing: bytes)
        let root = try #require(document.root)
        let ops = try #require(XMLNode.elements(of: root).first { XMLNode.name($0) == "ops" })
        let delete = try #require(XMLNode.elements(of: ops).first { XMLNode.name($0) == "delete" })
        let text = try #require(XMLNode.elements(of: delete).first)
        #expect(String(decoding: try XMLNode.text(text), as: UTF8.self) == "A control \u{1} character and <markup> & \"quotes\".")
    }

    @Test func xmlIsValidAgainstTheShippedSchema() throws {
        let schema = try XMLSchemaValidator(schema: try Self.fixture("../Schemas/dedup-diff.xsd"))
        let a = Array("Title\n\nA control \u{1} character.\n\nMoved paragraph long enough to count as one.\n\nEnd.\n".utf8)
        let b = Array("Title\n\nA control \u{1} char.\n\nEnd.\n\nMoved paragraph long enough to count as one.\n\nNew.\n".utf8)
        for r in [try fixtureReport(), try fixtureReport(exact: true), try report(a, b), try report(a, a)] {
            let bytes = try Exporter.xml.renderDiff(r, DiffRenderOptions())
            #expect(throws: Never.self) { try schema.validate(bytes) }
        }
    }

    @Test func textReadsLikeAUnifiedDiffWithInlineMarkers() throws {
        let out = String(decoding: try Exporter.text.renderDiff(try fixtureReport(), DiffRenderOptions()), as: UTF8.self)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "--- a.txt")
        #expect(lines.dropFirst().first == "+++ b.txt")
        #expect(lines.contains { $0.hasPrefix("@@ -1,") })
        #expect(
            lines.contains("~The storm hit the coast on [-Tuesday-]{+Wednesday+} night, and the harbour was closed until further notice."))
        #expect(lines.contains("-Officials said the damage was limited to a few boats."))
        #expect(lines.contains("+The port will reopen on Friday."))
        #expect(lines.contains(" Storm closes the harbour"))
        #expect(!out.contains("\u{1B}["))
    }

    @Test func textColoursOnlyWhenAsked() throws {
        let r = try fixtureReport()
        let coloured = String(decoding: try Exporter.text.renderDiff(r, DiffRenderOptions(color: true)), as: UTF8.self)
        #expect(coloured.contains("\u{1B}[31m[-Tuesday-]\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32m{+Wednesday+}\u{1B}[0m"))
    }

    @Test func exactShowsWhitespaceEditsVisibly() throws {
        let out = String(decoding: try Exporter.text.renderDiff(try fixtureReport(exact: true), DiffRenderOptions()), as: UTF8.self)
        #expect(out.contains("[-·-]{+⍽+}"))
        #expect(out.contains("[-，-]{+,+}"))
    }

    @Test func movesAreHunksOfTheirOwn() throws {
        let p = [
            "大模型技术的发展已经进入了一个新的阶段，各家公司纷纷发布自己的产品。",
            "开源生态的建设需要社区和企业共同努力，才能形成良性循环。",
            "算力基础设施是训练大模型的关键，国产芯片正在加速追赶。",
        ]
        let a = Array((p.joined(separator: "\n\n") + "\n").utf8)
        let b = Array(([p[1], p[2], p[0]].joined(separator: "\n\n") + "\n").utf8)
        let out = String(decoding: try Exporter.text.renderDiff(try report(a, b), DiffRenderOptions()), as: UTF8.self)
        #expect(out.contains("@@ -1,1 +5,1 @@ moved\n>\(p[0])\n"))
    }

    @Test func seedWithoutItsSecondBodyIsOneDelete() throws {
        let seed = try Self.fixture("seed/article.txt")
        let object = try json(try report(seed, Array(seed[..<43988] + seed[87691...])))
        let ops = try #require(object["ops"] as? [[String: Any]])
        #expect(ops.compactMap { $0["op"] as? String } == ["equal", "delete", "equal"])
        #expect(range(ops[1]["a"])?.0 == 43988)
    }
}
