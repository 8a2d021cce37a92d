import DedupCore
import DedupPlugins
import Foundation
import SiteExtractor
import Testing

@Suite struct SkyNewsExtractorTests {
    static let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/extraction/sh_en_05.html")

    func cleaned(_ html: [UInt8]) throws -> String {
        var options = ImportOptions()
        options.extractor = .skyNews
        let imported = try Importer.html.read(html, "page.html", options)
        return CleanedDocument(cleaning: imported, with: Deduplicator()).result.cleanText
    }

    @Test func aSkyNewsStoryIsItsArticleBody() throws {
        let text = try cleaned(Array(Data(contentsOf: Self.page)))
        #expect(text.hasPrefix("Jose Mourinho has agreed a deal to replace Mauricio Pochettino"))
        #expect(!text.contains("Skip to content"))
    }

    @Test func otherSitesGoToTheBuiltInExtractor() throws {
        let html = "<html><body><nav><a href='/'>Home</a></nav><article><p>A paragraph of another site, long enough to be its article.</p></article></body></html>"
        #expect(try cleaned(Array(html.utf8)) == "A paragraph of another site, long enough to be its article.\n")
    }

    @Test func theRegistryListsIt() {
        #expect(PluginRegistry.builtIn.adding(.skyNews).extractor(named: "sky-news") != nil)
    }
}
