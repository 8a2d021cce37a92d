import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

/// Pages of Fixtures/extraction, found from this source file.
private enum ExtractionFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("extraction")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(name)))
    }

    /// A page of Fixtures/html/corpus, which the HTML importer's tests use too.
    static func corpus(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.deletingLastPathComponent().appendingPathComponent("html/corpus/" + name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }
}

private func read(_ html: [UInt8], extractor: Extractor = .article, xpath: String? = nil) throws -> ImportedDocument {
    var options = ImportOptions(xpath: xpath)
    options.extractor = extractor
    return try Importer.html.read(html, "page.html", options)
}

private func clean(_ imported: ImportedDocument) -> CleanResult {
    imported.clean(with: Deduplicator())
}

/// Precision and recall of word 4-shingles, as the scrapinghub benchmark's evaluate.py counts
/// them: words are runs of letters, digits and `_`.
private func shingleScores(truth: String, output: String) -> (precision: Double, recall: Double) {
    func shingles(_ text: String) -> [String: Int] {
        var words: [String] = []
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var counts: [String: Int] = [:]
        for start in 0..<max(1, words.count - 3) where start < words.count {
            counts[words[start..<min(words.count, start + 4)].joined(separator: " "), default: 0] += 1
        }
        return counts
    }
    let want = shingles(truth)
    let have = shingles(output)
    let common = want.reduce(0) { $0 + min($1.value, have[$1.key] ?? 0) }
    let wanted = want.values.reduce(0, +)
    let had = have.values.reduce(0, +)
    return (had == 0 ? 0 : Double(common) / Double(had), wanted == 0 ? 1 : Double(common) / Double(wanted))
}

@Suite struct ArticleExtractionTests {
    @Test(arguments: ["sh_en_05", "sh_de_15", "sh_ja_12", "sh_ko_11", "cwce_zh_01", "cwce_zh_09"])
    func realPagesGiveTheirArticle(page: String) throws {
        let imported = try read(ExtractionFixtures.bytes(page + ".html"))
        let output = clean(imported).cleanText
        let scores = shingleScores(truth: try ExtractionFixtures.text(page + ".txt"), output: output)
        #expect(scores.precision >= 0.9, "\(page): precision \(scores.precision)")
        #expect(scores.recall >= 0.9, "\(page): recall \(scores.recall)")
        // Against the page's whole visible text, which holds the menus and related links too.
        let page = clean(try read(ExtractionFixtures.bytes(page + ".html"), extractor: .page)).cleanText
        #expect(page.utf8.count > output.utf8.count)
    }

    @Test func leftOutBlocksAreRemovedSpansAndTheVisibleTextComesBack() throws {
        let html = try ExtractionFixtures.bytes("sh_en_05.html")
        let article = try read(html)
        let page = try read(html, extractor: .page)
        // The document is the visible text either way, with the same blocks and origins.
        #expect(article.document.bytes == page.document.bytes)
        #expect(article.origin?.blocks == page.origin?.blocks)
        #expect(!article.leftOut.isEmpty)
        #expect(page.leftOut.isEmpty)
        let result = clean(article)
        var rebuilt: [UInt8] = []
        for span in result.spans { rebuilt += result.document.bytes[span.range.range] }
        #expect(rebuilt == page.document.bytes)
        for range in article.leftOut {
            let covering = result.spans.filter { $0.start < range.end && $0.end > range.start }
            #expect(covering.allSatisfy { $0.reason == .pageBoilerplate }, "\(range)")
        }
        // The share buttons and the site's menu are left out.
        let text = result.cleanText
        #expect(!text.contains("Skip to content"))
        #expect(text.contains("Jose Mourinho has agreed a deal"))
    }

    @Test func aBodyServedTwiceGivesEachTruthParagraphOnce() throws {
        let result = clean(try read(ExtractionFixtures.corpus("sh_en_01.html")))
        let lines = result.cleanText.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }
        let truth = String(decoding: try ExtractionFixtures.corpus("sh_en_01.txt"), as: UTF8.self).split(separator: "\n")
            .map { $0.filter { !$0.isWhitespace } }.filter { $0.count >= 40 }
        var found = 0
        for paragraph in truth {
            let count = lines.count { $0.contains(paragraph) }
            #expect(count <= 1, "\(paragraph.prefix(60)) appears \(count) times")
            if count == 1 { found += 1 }
        }
        #expect(Double(found) >= 0.95 * Double(truth.count))
    }

    @Test func aBodyOnlyInJSONLDIsTheArticle() throws {
        let imported = try read(ExtractionFixtures.bytes("traf_en_17.html"))
        let text = clean(imported).cleanText
        let truth = try JSONSerialization.jsonObject(with: Data(ExtractionFixtures.bytes("traf_en_17.json"))) as? [String: Any]
        for phrase in truth?["with"] as? [String] ?? [] { #expect(text.contains(phrase), "\(phrase)") }
        // Of the truth's `without` phrases, two are in the articleBody itself (a link to another
        // story set inside it, and its closing paragraph): only the page's own are checked.
        for phrase in ["Alice Wu fell down the rabbit hole", "By registering, you agree to"] {
            #expect((truth?["without"] as? [String])?.contains(phrase) == true)
            #expect(!text.contains(phrase), "\(phrase)")
        }
        // The body is a block of its own after the visible text, named after its script.
        let last = try #require(imported.origin?.blocks.last)
        #expect(last.xpath.hasPrefix("/html/head/script"))
        #expect(imported.leftOut.last.map { $0.end <= last.start } == true)
    }

    @Test func aTeaserOutsideTheArticleIsNotTheFirstCopyOfItsText() throws {
        let paragraph =
            "The council voted on Tuesday to rebuild the harbour wall, which the winter storms had broken in three places."
        let html = """
            <html><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <aside class="related"><p>\(paragraph)</p></aside>
            <article><h2>Harbour</h2><p>\(paragraph)</p>
            <p>Work is to start in the spring and last until the autumn, the council said in a statement.</p>
            <p>Fishermen said they would move their boats to the next bay while the work goes on.</p></article>
            <footer><p>Copyright 2026 The Coast Gazette. All rights reserved.</p></footer>
            </body></html>
            """
        let result = clean(try read(Array(html.utf8)))
        let text = result.cleanText
        #expect(text.contains(paragraph))
        #expect(!text.contains("Home"))
        #expect(!text.contains("Copyright"))
        #expect(result.removals.allSatisfy { $0.reason == .pageBoilerplate })
    }

    @Test func hiddenElementsAndWidgetsAreLeftOut() throws {
        let sentence = "A sentence long enough to read as the prose of an article, with a comma, and an end."
        let html = """
            <html><body><div class="content">
            <p>\(sentence)</p><p>\(sentence.replacingOccurrences(of: "end", with: "ending"))</p>
            <div style="display: none"><p>Hidden text that only scripts show, long enough to be prose otherwise.</p></div>
            <div class="share-buttons"><p>Share this article on the networks you like best, all of them.</p></div>
            <div class="cookie-notice"><p>We use cookies to make this site work and to measure how it is used.</p></div>
            </div></body></html>
            """
        let text = clean(try read(Array(html.utf8))).cleanText
        #expect(text.contains(sentence))
        #expect(!text.contains("Hidden text"))
        #expect(!text.contains("Share this"))
        #expect(!text.contains("cookies"))
    }

    @Test func aPageListingPostsGivesTheFirstPost() throws {
        // Three posts, each with its own comment link; the last is the longest.
        func post(_ title: String, _ paragraphs: Int) -> String {
            let body = (1...paragraphs).map {
                "<p>\(title) paragraph \($0), a sentence long enough to read as prose, with a comma, and an end.</p>"
            }
            return """
                <div class="entry"><h2>\(title)</h2>\(body.joined())
                <div class="post-footer"><a class="comment-link" href="#c">3 comments</a></div></div>
                """
        }
        let html = """
            <html><body><div id="posts">\(post("First", 2))\(post("Second", 2))\(post("Third", 12))</div>
            </body></html>
            """
        let text = clean(try read(Array(html.utf8))).cleanText
        #expect(text.contains("First paragraph 2"))
        #expect(!text.contains("Second paragraph"))
        #expect(!text.contains("Third paragraph"))
        #expect(!text.contains("comments"))
    }

    @Test func sectionsOfOneArticleAreNotPosts() throws {
        // Like sections without furniture of their own are one article.
        let words = ["river", "market", "winter", "engine", "garden", "harbour", "signal", "letter", "forest"]
        func section(_ part: Int) -> String {
            (0..<3).map { k in
                let w = words[part * 3 + k]
                return "<p>Part \(part) tells of the \(w), a sentence about the \(w) long enough to read as prose.</p>"
            }.joined()
        }
        let html = """
            <html><body><div class="story"><section class="part">\(section(0))</section>
            <section class="part">\(section(1))</section><section class="part">\(section(2))</section></div>
            </body></html>
            """
        let text = clean(try read(Array(html.utf8))).cleanText
        for w in words { #expect(text.contains("the \(w), a sentence")) }
    }

    @Test func anXPathRegionIsTakenWhole() throws {
        let imported = try read(ExtractionFixtures.bytes("sh_en_05.html"), xpath: "//body")
        #expect(imported.leftOut.isEmpty)
        #expect(!clean(imported).removals.contains { $0.reason == .pageBoilerplate })
    }

    @Test func plainTextCleansAsBefore() throws {
        let text = Array(
            "One paragraph.\n\nAnother paragraph that is long enough to be a copy.\n\nAnother paragraph that is long enough to be a copy.\n"
                .utf8)
        let imported = try Importer.plainText.read(text, "a.txt", ImportOptions())
        #expect(imported.leftOut.isEmpty)
        #expect(imported.clean(with: Deduplicator()) == Deduplicator().clean(imported.document))
    }

    @Test func aThirdPartyExtractorSelectsBlocksByXPath() throws {
        let story = Extractor(name: "example-news", summary: "example.com: the div#story") { page in
            try ArticleBlocks(kept: page.blocks(inside: "//div[@id='story']"))
        }
        let registry = PluginRegistry.builtIn.adding(story)
        #expect(registry.extractors.map(\.name) == ["article", "page", "example-news"])
        let extractor = try #require(registry.extractor(named: "example-news"))
        let html = Array(
            "<html><head><link rel='canonical' href='https://example.com/a'></head><body><p>Menu</p><div id='story'><p>Story text.</p><p>More story.</p></div><p>Footer</p></body></html>"
                .utf8)
        let imported = try read(html, extractor: extractor)
        #expect(clean(imported).cleanText == "Story text.\n\nMore story.\n")
    }

    @Test func theCanonicalAddressIsReadFromTheHead() throws {
        let html = Array("<html><head><link rel='canonical' href='https://example.com/a'></head><body><p>Text.</p></body></html>".utf8)
        let parsed = try ParsedHTMLPage(utf8: html)
        let page = ExtractionPage(name: "a.html", parsed: parsed, extraction: HTMLTextExtractor.extract(from: parsed.document))
        #expect(page.canonicalURL == "https://example.com/a")
        #expect(page.text(ofBlock: 0) == "Text.")
    }
}
