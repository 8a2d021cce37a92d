import Foundation
import Testing

/// `--extract` on the command line: the article by default, all visible text with `page`.
@Suite struct ExtractCLITests {
    let cli = CLITests()
    var page: String { CLITests.fixtures.appendingPathComponent("extraction/sh_en_05.html").path }

    @Test func theArticleIsTheDefaultAndPageGivesAllVisibleText() throws {
        let article = try cli.dedup(["clean", page])
        let explicit = try cli.dedup(["clean", "--extract", "article", page])
        let all = try cli.dedup(["clean", "--extract", "page", page])
        #expect(article.status == 0 && all.status == 0)
        #expect(article.stdout == explicit.stdout)
        let text = String(decoding: article.stdout, as: UTF8.self)
        #expect(text.hasPrefix("Jose Mourinho has agreed a deal"))
        #expect(all.stdout.count > article.stdout.count)
    }

    @Test func standardInputIsExtractedAndRestoreGivesTheVisibleTextBack() throws {
        let html = try Data(contentsOf: URL(fileURLWithPath: page))
        let json = try cli.dedup(["clean", "--input-format", "html", "-f", "json", "-"], stdin: html)
        #expect(json.status == 0)
        #expect(String(decoding: json.stdout, as: UTF8.self).contains("\"page-boilerplate\""))
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("page.json")
        try json.stdout.write(to: file)
        let restored = try cli.dedup(["restore", file.path])
        let visible = try cli.dedup(["clean", "--extract", "page", "-f", "json", page])
        let object = try JSONSerialization.jsonObject(with: visible.stdout) as? [String: Any]
        #expect(restored.status == 0)
        // The visible text: what --extract page cleans (it removes nothing on this page).
        #expect(String(decoding: restored.stdout, as: UTF8.self) == object?["text"] as? String)
    }

    @Test func anUnknownExtractorIsAUsageError() throws {
        let run = try cli.dedup(["clean", "--extract", "nothing", page])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown extractor 'nothing'"))
    }

    @Test func pluginsListsTheExtractors() throws {
        let text = String(decoding: try cli.dedup(["plugins"]).stdout, as: UTF8.self)
        #expect(text.contains("Extractors (--extract"))
        #expect(text.contains("\n  article "))
        #expect(text.contains("\n  page "))
    }
}
