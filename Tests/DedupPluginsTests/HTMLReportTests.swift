import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

/// The html exporter: review pages of cleaned documents, of diffs, and a batch's index.
/// The pages are read back with a small reader of their markup, so that the tests check what
/// a browser would show: the text, what is struck through, and where the links go.
@Suite struct HTMLReportTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/\(path)")))
    }

    /// Text that must show as text: markup, a closing textarea, quotes, entities and a
    /// control character, in a paragraph a scraper stored twice.
    static let hostile =
        "Title <b>bold</b> & co\n\n"
        + "<script>alert(\"x\")</script> then </textarea><textarea> and 'single' \"double\" quotes, &amp; &lt;b&gt; &#x41; and \u{01} control, long enough to repeat.\n\n"
        + "<script>alert(\"x\")</script> then </textarea><textarea> and 'single' \"double\" quotes, &amp; &lt;b&gt; &#x41; and \u{01} control, long enough to repeat.\n"

    func clean(_ text: String, name: String = "in.txt") -> CleanedDocument {
        CleanedDocument(result: Deduplicator().clean(Document(text, name: name)))
    }

    func page(_ cleaned: CleanedDocument) throws -> String {
        String(decoding: try Exporter.html.render(cleaned), as: UTF8.self)
    }

    // MARK: Cleaned documents

    @Test func theDocumentShowsAsTextWithItsRemovalsStruckThrough() throws {
        let cleaned = clean(Self.hostile)
        let html = try page(cleaned)
        let read = try ReportReader(html)
        // What a browser shows is the document, character for character (the control
        // character as its picture), kept and removed apart as the spans say.
        let shown = { (s: String) in s.replacingOccurrences(of: "\u{01}", with: "\u{2401}") }
        #expect(read.kept == shown(cleaned.result.cleanText))
        let removed = cleaned.result.removals.map { shown(String(decoding: cleaned.result.document.bytes[$0.range.range], as: UTF8.self)) }
        #expect(!removed.isEmpty)
        #expect(read.removed == removed)
        #expect(read.removedReasons == cleaned.result.removals.map { $0.reason?.rawValue ?? "" })
        // Nothing from the input became markup.
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<textarea"))
        #expect(!html.contains("</textarea"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("&amp;amp; &amp;lt;b&amp;gt; &amp;#x41;"))
        #expect(html.contains("&#39;single&#39;"))
    }

    @Test func theFileNameIsEscapedWhereverItIsWritten() throws {
        let html = try page(clean("Some text.\n", name: "<img src=x onerror=\"alert(1)\">.txt"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<title>dedup: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt</title>"))
        #expect(html.contains("<h1>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt</h1>"))
    }

    @Test func aPageNeedsNoOtherFileAndRunsNoScript() throws {
        for html in [
            try page(clean(Self.hostile)),
            String(decoding: try Exporter.html.renderDiff(try movesReport()), as: UTF8.self),
            String(
                decoding: BatchIndexHTML.render([BatchIndexEntry(source: "a.txt", output: "a.html", status: .cleaned, figures: nil)]),
                as: UTF8.self),
        ] {
            #expect(html.hasPrefix("<!DOCTYPE html>\n"))
            #expect(
                html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<link"))
            #expect(!html.contains(" src="))
            #expect(!html.contains("http://") && !html.contains("https://"))
            #expect(!html.contains("url("))
            #expect(html.hasSuffix("</html>\n"))
        }
    }

    @Test func theSeedArticlesTeaserAndSecondBodyAreMarkedAndNothingElse() throws {
        let article = try Document(bytes: try Self.fixture("seed/article.txt"), name: "article.txt")
        let cleaned = CleanedDocument(result: Deduplicator().clean(article))
        let read = try ReportReader(try page(cleaned))
        #expect(read.kept == String(decoding: try Self.fixture("seed/expected.txt"), as: UTF8.self))
        #expect(read.removedReasons == ["truncated-fragment", "later-copy"])
        // Speaker labels (王斌(MiLM 大模型):) repeat through the text; none is struck through.
        let labels = read.kept.split(separator: "\n").filter { ($0.hasSuffix(":") || $0.hasSuffix("：")) && $0.count <= 30 }
        #expect(labels.count >= 10)
        #expect(Set(labels).count < labels.count)
        #expect(!read.removed.contains { removed in labels.contains { removed.contains($0 + "\n") && removed.count < 200 } })
        // Every removal links to the span it repeats, and that span links back.
        #expect(read.links(from: "rm-1") == ["#src-1"])
        #expect(read.links(from: "rm-2") == ["#src-2"])
        #expect(read.links(from: "src-1") == ["#rm-1"])
        #expect(read.links(from: "src-2") == ["#rm-2"])
        for (id, targets) in read.linksByElement {
            for target in targets where target.hasPrefix("#") {
                #expect(read.ids.contains(String(target.dropFirst())), "\(id) links to \(target), which is not on the page")
            }
        }
        #expect(read.ids.isSuperset(of: ["rm-1", "rm-2", "src-1", "src-2"]))
    }

    @Test func theHeaderGivesBytesKeptAndRemovedByReason() throws {
        let article = try Document(bytes: try Self.fixture("seed/article.txt"), name: "article.txt")
        let cleaned = CleanedDocument(result: Deduplicator().clean(article))
        let html = try page(cleaned)
        let removed = cleaned.result.removedBytesByReason
        #expect(html.contains("<dt>Text</dt><dd>87,785 B</dd>"))
        #expect(html.contains("<dt>Kept</dt><dd>43,994 B (50.1%)</dd>"))
        #expect(html.contains("removed: later copy</td><td class=\"n\">\(HTMLPage.grouped(removed[.laterCopy] ?? -1))</td>"))
        #expect(html.contains("removed: truncated fragment</td><td class=\"n\">88</td>"))
        // The figures a batch reads back from a page it skips are the page's own.
        let figures = try #require(BatchIndexHTML.readFigures(Array(html.utf8)))
        #expect(figures == BatchIndexEntry.Figures(inputBytes: 87_785, textBytes: 87_785, removedBytesByReason: removed))
    }

    @Test func aDocumentWithNothingRemovedSaysSo() throws {
        let read = try ReportReader(try page(clean("Just one paragraph.\n")))
        #expect(read.kept == "Just one paragraph.\n")
        #expect(read.removed.isEmpty)
        #expect(try page(clean("Just one paragraph.\n")).contains("Nothing was removed"))
    }

    @Test func cjkTextIsMarkedWithItsLanguageForItsFonts() {
        #expect(HTMLPage.cjkLanguage(of: Array("大模型的风刮了整一年".utf8)) == "zh")
        #expect(HTMLPage.cjkLanguage(of: Array("大規模言語モデルの話".utf8)) == "ja")
        #expect(HTMLPage.cjkLanguage(of: Array("대규모 언어 모델".utf8)) == "ko")
        #expect(HTMLPage.cjkLanguage(of: Array("plain Latin text".utf8)) == nil)
        // A stray character does not decide: one kana in Chinese, one Han character in English.
        #expect(HTMLPage.cjkLanguage(of: Array("大模型的风刮了整一年，历经了百模大战、开源、发布等一系列里程碑事件の".utf8)) == "zh")
        #expect(HTMLPage.cjkLanguage(of: Array("The character 中 means middle, and this sentence is English.".utf8)) == nil)
        #expect(HTMLPage.style.contains("\"Noto Sans CJK SC\""))
    }

    @Test func boundariesInsideACharacterMoveToItsStart() {
        let bytes = Array("a中b".utf8)  // 中 is bytes 1..<4
        #expect(HTMLPage.characterStart(2, in: bytes) == 1)
        #expect(HTMLPage.characterStart(3, in: bytes) == 1)
        #expect(HTMLPage.characterStart(4, in: bytes) == 4)
        #expect(HTMLPage.characterStart(5, in: bytes) == 5)
    }

    @Test func namesShowCharactersThatReorderText() {
        var w = HTMLWriter()
        w.name("invoice\u{202E}fdp.exe <b>")
        #expect(String(decoding: w.bytes, as: UTF8.self) == "invoice‹U+202E›fdp.exe &lt;b&gt;")
    }

    @Test func repeatedSpansCutIntoPiecesAreFound() {
        let bytes = Array(String(repeating: "x", count: 40).utf8)
        let sources = [
            CleanReportHTML.Source(range: 0..<10, removals: [1]),  // alone
            CleanReportHTML.Source(range: 12..<20, removals: [2]),  // a span starts at 15
            CleanReportHTML.Source(range: 22..<30, removals: [3]),  // overlaps the next
            CleanReportHTML.Source(range: 25..<35, removals: [4]),
        ]
        let spans = [Span(range: ByteRange(0, 15), action: .keep), Span(range: ByteRange(15, 40), action: .keep)]
        #expect(CleanReportHTML.piecedSources(sources, spans: spans, in: bytes) == [1, 2, 3])
    }

    @Test func escapingCoversEveryCharacterThatCouldBeMarkup() {
        var w = HTMLWriter()
        w.text("<>&\"'\u{00}\u{1B}\u{7F}\t\n\r é 中")
        #expect(String(decoding: w.bytes, as: UTF8.self) == "&lt;&gt;&amp;&quot;&#39;\u{2400}\u{241B}\u{2421}\t\n\r é 中")
    }

    // MARK: Diffs

    func movesReport() throws -> DiffReport {
        let a = try Self.fixture("diff/moves/a.txt"), b = try Self.fixture("diff/moves/b.txt")
        let result = DocumentDiffer().diff(try Document(bytes: a, name: "a.txt"), try Document(bytes: b, name: "b.txt"))
        return DiffReport(result: result, a: DiffSource(path: "a.txt", fileSize: a.count), b: DiffSource(path: "b.txt", fileSize: b.count))
    }

    @Test(arguments: DiffRenderOptions.Layout.allCases)
    func movedBlocksShowAsMovesLinkedBothWays(layout: DiffRenderOptions.Layout) throws {
        let report = try movesReport()
        let moves = report.result.ops.filter { $0.kind == .move }
        let truth = try #require(try JSONSerialization.jsonObject(with: Data(try Self.fixture("diff/moves/truth.json"))) as? [String: Any])
        let moved = try #require(truth["moved"] as? [[String: Any]])
        #expect(moves.count == moved.count)
        let html = String(decoding: try Exporter.html.renderDiff(report, DiffRenderOptions(layout: layout)), as: UTF8.self)
        let read = try ReportReader(html)
        for n in 1...moves.count {
            #expect(read.links(from: "move-\(n)-from") == ["#move-\(n)-to"])
            #expect(read.links(from: "move-\(n)-to") == ["#move-\(n)-from"])
        }
        // Each block the pair's truth says moved is struck through as moved where it was.
        let a = try Self.fixture("diff/moves/a.txt")
        let squeeze = { (s: String) in s.filter { !$0.isWhitespace } }
        for block in moved {
            let range = try #require(block["a"] as? [Int])
            let text = squeeze(String(decoding: a[range[0]..<range[1]], as: UTF8.self))
            #expect(read.moved.contains { squeeze($0).contains(text) }, "\(text.prefix(40))")
        }
        #expect(html.contains(layout == .inline ? "<div class=\"ops inline\"" : "<div class=\"ops columns\""))
    }

    @Test func aMovesDestinationRowStandsWhereItsTextIsInB() {
        // A: p q r s; B: p r s q — q moved after s.
        let ops = [
            DiffOp(kind: .equal, a: ByteRange(0, 2), b: ByteRange(0, 2)),
            DiffOp(kind: .move, a: ByteRange(2, 4), b: ByteRange(6, 8)),
            DiffOp(kind: .equal, a: ByteRange(4, 6), b: ByteRange(2, 4)),
            DiffOp(kind: .equal, a: ByteRange(6, 8), b: ByteRange(4, 6)),
        ]
        #expect(DiffReportHTML.rows(ops) == [.op(0), .moveFrom(1), .op(2), .op(3), .moveTo(1)])
        // B: q p r s — q moved to the front.
        let front = [
            DiffOp(kind: .equal, a: ByteRange(0, 2), b: ByteRange(2, 4)),
            DiffOp(kind: .move, a: ByteRange(2, 4), b: ByteRange(0, 2)),
            DiffOp(kind: .equal, a: ByteRange(4, 8), b: ByteRange(4, 8)),
        ]
        #expect(DiffReportHTML.rows(front) == [.moveTo(1), .op(0), .moveFrom(1), .op(2)])
        // Two moved paragraphs in a row: the spacing between them (op 3) lies, in B, inside
        // the moved block, and must not hold the second destination back.
        let pair = [
            DiffOp(kind: .equal, a: ByteRange(0, 10), b: ByteRange(0, 10)),
            DiffOp(kind: .equal, a: ByteRange(10, 20), b: ByteRange(40, 50)),
            DiffOp(kind: .move, a: ByteRange(20, 30), b: ByteRange(10, 20)),
            DiffOp(kind: .equal, a: ByteRange(30, 32), b: ByteRange(20, 22)),
            DiffOp(kind: .move, a: ByteRange(32, 40), b: ByteRange(22, 40)),
            DiffOp(kind: .equal, a: ByteRange(40, 50), b: ByteRange(50, 60)),
        ]
        #expect(
            DiffReportHTML.rows(pair, isSpacing: { $0.a == ByteRange(30, 32) })
                == [.op(0), .moveTo(2), .moveTo(4), .op(1), .moveFrom(2), .op(3), .moveFrom(4), .op(5)])
    }

    @Test func theRowsShowBInItsOrder() throws {
        let result = try movesReport().result
        let isSpacing = { (op: DiffOp) in DiffReportHTML.isSpacing(result.a, op.a) && DiffReportHTML.isSpacing(result.b, op.b) }
        let rows = DiffReportHTML.rows(result.ops, isSpacing: isSpacing)
        #expect(rows.count == result.ops.count + result.ops.count(where: { $0.kind == .move }))
        // B's text, as the rows show it (ops with B text, and moves where they went), in order.
        let starts: [Int] = rows.compactMap { row in
            switch row {
            case .op(let i): result.ops[i].b.count > 0 && !isSpacing(result.ops[i]) ? result.ops[i].b.start : nil
            case .moveTo(let i): result.ops[i].b.start
            case .moveFrom: nil
            }
        }
        #expect(starts == starts.sorted())
    }

    @Test func diffTextIsEscapedOnBothSides() throws {
        let a = Array("Intro paragraph.\n\n<script>alert(1)</script> & </textarea>\n".utf8)
        let b = Array("Intro paragraph.\n\n<script>alert(2)</script> & </textarea> \"q\"\n".utf8)
        let result = DocumentDiffer().diff(try Document(bytes: a, name: "a"), try Document(bytes: b, name: "b"))
        let report = DiffReport(
            result: result, a: DiffSource(path: "<a>.txt", fileSize: a.count), b: DiffSource(path: "b.txt", fileSize: b.count))
        for layout in DiffRenderOptions.Layout.allCases {
            let html = String(decoding: try Exporter.html.renderDiff(report, DiffRenderOptions(layout: layout)), as: UTF8.self)
            #expect(!html.contains("<script"))
            #expect(!html.contains("</textarea"))
            #expect(!html.contains("<a>.txt"))
            #expect(html.contains("&lt;/textarea&gt;"))
        }
    }

    @Test func exportersWithoutADiffSaySo() {
        #expect(throws: ExporterError.diffNotSupported("jsonl")) {
            try Exporter.jsonLines.renderDiff(try movesReport())
        }
        #expect(PluginRegistry.builtIn.diffExporters.map(\.name) == ["text", "json", "xml", "html"])
    }

    // MARK: Batch index

    @Test func theIndexListsEveryDocumentMostRemovedFirstAndSortsWithoutAScript() throws {
        let entries = [
            BatchIndexEntry(
                source: "a b.txt", output: "a b.html", status: .cleaned,
                figures: .init(inputBytes: 100, textBytes: 100, removedBytesByReason: [.laterCopy: 10])),
            BatchIndexEntry(source: "bad.txt", output: "bad.html", status: .failed("not UTF-8 <at byte 3>"), figures: nil),
            BatchIndexEntry(
                source: "<img src=x>#?.txt", output: "<img src=x>#?.html", status: .cleaned,
                figures: .init(inputBytes: 50, textBytes: 50, removedBytesByReason: [.laterCopy: 20, .truncatedFragment: 5])),
            BatchIndexEntry(
                source: "c.txt", output: "sub/c.html", status: .skipped,
                figures: .init(inputBytes: 10, textBytes: 10, removedBytesByReason: [:])),
        ]
        let html = String(decoding: BatchIndexHTML.render(entries), as: UTF8.self)
        let rows = html.components(separatedBy: "\n").filter { $0.hasPrefix("<tr class=") }
        #expect(rows.count == 4)
        // Most removed first, failed last; each row carries its rank in the other orders.
        #expect(rows[0].contains("--input:2;--name:0;--share:0;--size:1"))
        #expect(rows[1].contains("--input:0;--name:1;--share:1;--size:0"))
        #expect(rows[2].contains("class=\"skipped\""))
        #expect(rows[3].contains("class=\"failed\"") && rows[3].contains("failed: not UTF-8 &lt;at byte 3&gt;"))
        #expect(!rows[3].contains("<a href"))
        // Links are relative and percent-encoded; names are escaped.
        #expect(rows[0].contains("<a href=\"./%3Cimg%20src%3Dx%3E%23%3F.html\">&lt;img src=x&gt;#?.txt</a>"))
        #expect(rows[1].contains("<a href=\"./a%20b.html\">a b.txt</a>"))
        #expect(rows[2].contains("<a href=\"./sub/c.html\">c.txt</a>"))
        #expect(!html.contains("<img"))
        for order in ["by-input", "by-name", "by-share", "by-size", "by-removed"] {
            #expect(html.contains("<div id=\"\(order)\">"))
            #expect(html.contains("href=\"#\(order)\""))
        }
        #expect(html.contains("#by-share:target tbody tr { order: var(--share); }"))
        #expect(html.contains("<dt>Removed</dt><dd>35 B (21.9%)"))
    }

    @Test func figuresAreNotReadFromPagesThatDoNotCarryThem() {
        #expect(BatchIndexHTML.readFigures(Array("<html><head></head></html>".utf8)) == nil)
        #expect(BatchIndexHTML.readFigures(Array("<meta name=\"dedup-figures\" content=\"input=1 text=x\">".utf8)) == nil)
        #expect(
            BatchIndexHTML.readFigures(Array("<meta name=\"dedup-figures\" content=\"input=1 text=2 removed.nonsense=3\">".utf8)) == nil)
        #expect(
            BatchIndexHTML.readFigures(Array("<meta name=\"dedup-figures\" content=\"input=1 text=2 removed.later-copy=1\">".utf8))
                == BatchIndexEntry.Figures(inputBytes: 1, textBytes: 2, removedBytesByReason: [.laterCopy: 1]))
    }
}

/// Reads back a page the html exporter wrote: the text it shows (entities decoded, the tags
/// and marks that are not document text left out), split into kept and struck-through
/// parts, the ids on the page and the links of each element with an id.
struct ReportReader {
    var kept = ""
    var removed: [String] = []
    var removedReasons: [String] = []
    var moved: [String] = []
    var ids: Set<String> = []
    var linksByElement: [String: [String]] = [:]

    struct Unreadable: Error, CustomStringConvertible { var description: String }

    func links(from id: String) -> [String] { linksByElement[id] ?? [] }

    init(_ html: String) throws {
        let body: Substring
        if let start = html.range(of: "<div class=\"text\"")?.lowerBound {
            body = html[start...]
        } else if let start = html.range(of: "<div class=\"ops ")?.lowerBound {
            body = html[start...]
        } else {
            throw Unreadable(description: "no document text on the page")
        }
        for match in html.matches(of: /id="([^"]+)"/) { ids.insert(String(match.1)) }
        // Open elements: name, whether their text is document text, the id they belong to.
        var stack: [(name: String, skip: Bool, owner: String?)] = []
        var removal: String?
        var movedText: String?
        var i = body.startIndex
        while i < body.endIndex {
            if body[i] == "<" {
                guard let close = body[i...].firstIndex(of: ">") else { throw Unreadable(description: "unclosed tag") }
                let tag = body[body.index(after: i)..<close]
                i = body.index(after: close)
                if tag.hasPrefix("/") {
                    let name = String(tag.dropFirst())
                    guard let last = stack.popLast(), last.name == name else { throw Unreadable(description: "</\(name)> closes nothing") }
                    if name == "del", let text = removal, !stack.contains(where: { $0.name == "del" }) {
                        removed.append(text)
                        removal = nil
                    }
                    if name == "del", let text = movedText {
                        moved.append(text)
                        movedText = nil
                    }
                    if stack.isEmpty { break }
                    continue
                }
                let name = String(tag.prefix { $0 != " " })
                let attributes = tag.dropFirst(name.count)
                let classes = attributes.firstMatch(of: /class="([^"]*)"/).map { String($0.1).split(separator: " ").map(String.init) } ?? []
                let id = attributes.firstMatch(of: /id="([^"]*)"/).map { String($0.1) }
                let owner = id ?? stack.last?.owner
                if name == "a", let href = attributes.firstMatch(of: /href="([^"]*)"/), let owner {
                    linksByElement[owner, default: []].append(String(href.1))
                }
                let skip =
                    (stack.last?.skip ?? false) || classes.contains("tag") || classes.contains("cite") || classes.contains("move-tag")
                if name == "del" && classes.contains("rm") {
                    removal = ""
                    removedReasons.append(classes.first { $0 != "rm" } ?? "")
                }
                if name == "del" && classes.contains("moved") { movedText = "" }
                stack.append((name, skip, owner))
                continue
            }
            let next = body[i...].firstIndex(of: "<") ?? body.endIndex
            let text = Self.decode(body[i..<next])
            i = next
            if stack.last?.skip ?? false { continue }
            if removal != nil { removal? += text } else { kept += text }
            if movedText != nil { movedText? += text }
        }
    }

    static func decode(_ s: Substring) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
