import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

@Suite struct ExporterTests {
    let text =
        "标题\n\nA paragraph long enough to be a copy of itself, repeated.\n\nA paragraph long enough to be a copy of itself, repeated.\n\n\"quotes\" \\ and \u{01} control\n"

    func result(_ s: String) -> CleanResult { Deduplicator().clean(Document(s, name: "in.txt")) }

    @Test func textExporterWritesTheKeptSpans() throws {
        let r = result(text)
        #expect(try Exporter.text.render(CleanedDocument(result: r)) == r.cleanBytes)
    }

    @Test func jsonCarriesSourceSpansAndText() throws {
        let r = result(text)
        let data = Data(try Exporter.json.render(CleanedDocument(result: r)))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let source = try #require(object["source"] as? [String: Any])
        #expect(source["path"] as? String == "in.txt")
        #expect(source["size"] as? Int == text.utf8.count)
        #expect(source["sha256"] as? String == SHA256.hexDigest(Array(text.utf8)))
        let spans = try #require(object["spans"] as? [[String: Any]])
        #expect(spans.count == r.spans.count)
        let removed = try #require(spans.first { $0["action"] as? String == "remove" })
        #expect(removed["reason"] as? String == "adjacent-repeat")
        #expect(removed["duplicateOf"] is [String: Any])
        #expect(removed["text"] is String)
        #expect(object["text"] as? String == r.cleanText)
    }

    @Test func restoreRebuildsTheInputByteForByte() throws {
        for s in [text, "", "no repeats here\n", "\u{FEFF}bom and \r\n crlf\r\n"] {
            let json = try Exporter.json.render(CleanedDocument(result: result(s)))
            #expect(try Restorer.restore(json: json) == Array(s.utf8))
        }
    }

    @Test func restoreRejectsDamagedProvenance() throws {
        let json = String(decoding: try Exporter.json.render(CleanedDocument(result: result(text))), as: UTF8.self)
        let damaged = json.replacingOccurrences(of: "\"text\":\"标题", with: "\"text\":\"标")
        #expect(throws: Restorer.Failure.self) { try Restorer.restore(json: Array(damaged.utf8)) }
        #expect(throws: Restorer.Failure.self) { try Restorer.restore(json: Array("{}".utf8)) }
    }

    @Test func registryFindsPluginsByNameAndTakesThirdPartyOnes() {
        #expect(PluginRegistry.builtIn.exporter(named: "json")?.fileExtension == "json")
        #expect(PluginRegistry.builtIn.exporter(named: "nope") == nil)
        let upper = Exporter(name: "upper", summary: "shouting", fileExtension: "txt") { Array($0.result.cleanText.uppercased().utf8) }
        let registry = PluginRegistry.builtIn.adding(upper)
        #expect(registry.exporter(named: "upper") != nil)
        #expect(registry.exporters.count == PluginRegistry.builtIn.exporters.count + 1)
    }
}
