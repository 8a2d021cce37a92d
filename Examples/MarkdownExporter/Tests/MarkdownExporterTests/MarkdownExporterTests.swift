import Testing
import DedupCore
import DedupPlugins
@testable import MarkdownExporter

@Suite struct MarkdownExporterTests {
    @Test func listsRemovalsWithReasonAndSource() throws {
        let paragraph = "A paragraph long enough to count as a copy of itself when it is stored twice over by a scraper, and then some more words so that the quote of it in the list of removals is cut short."
        let document = Document("# Title\n\n\(paragraph)\n\n\(paragraph)\n", name: "page.txt")
        let cleaned = CleanedDocument(result: Deduplicator().clean(document))
        let markdown = String(decoding: try Exporter.markdown.render(cleaned), as: UTF8.self)
        #expect(markdown.hasPrefix("---\nsource: \"page.txt\"\n"))
        #expect(markdown.contains("removed-adjacent-repeat: "))
        #expect(markdown.contains("## Removed\n\n1. **adjacent-repeat**, bytes "))
        #expect(markdown.contains(", repeats bytes "))
        #expect(markdown.components(separatedBy: paragraph).count == 2)  // once in the text; the quote is cut short
    }

    @Test func registryTakesThePlugin() {
        let registry = PluginRegistry.builtIn.adding(.markdown)
        #expect(registry.exporter(named: "markdown")?.fileExtension == "md")
        #expect(registry.exporter(forPath: "out.md")?.name == "markdown")
    }

    @Test func quotesAreEscapedAndCut() {
        #expect(MarkdownReport.quote("a *b*  \n c") == "a \\*b\\* c")
        #expect(MarkdownReport.quote(String(repeating: "x", count: 500)).count == MarkdownReport.quoteLength + 1)
    }
}
