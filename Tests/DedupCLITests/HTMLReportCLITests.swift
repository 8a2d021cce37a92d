import Foundation
import Testing

/// The html exporter from the command line: a report per file, the batch's index beside
/// them, and diff pages.
extension CLITests {
    func rows(ofIndex url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").filter { $0.hasPrefix("<tr class=") }
    }

    @Test func anOutputFileNamedHtmlGetsTheReport() throws {
        let out = try tempDir().appendingPathComponent("seed.html")
        let run = try dedup(["clean", seed, "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<del class=\"rm truncated-fragment\" id=\"rm-1\""))
        #expect(page.contains("<del class=\"rm later-copy\" id=\"rm-2\""))
        // A single file to a folder is a batch of one: it gets its index too.
        let folder = try tempDir()
        #expect(try dedup(["clean", "--format", "html", seed, "-o", folder.path]).status == 0)
        #expect(listing(folder) == ["article.html", "index.html"])
    }

    @Test func aBatchWritesAnIndexOfEveryDocumentBesideTheReports() throws {
        let doubled = Array(
            "A paragraph that a scraper stored twice, long enough to count.\n\nA paragraph that a scraper stored twice, long enough to count.\n"
                .utf8)
        let input = try makeTree([
            "a.txt": doubled,
            "index.txt": try seedBytes,  // its page would be index.html: it takes the first free index.report[-N].html
            "index.report.txt": Array("Not the seed.\n".utf8),
            "news/b.txt": Array("Nothing repeats here.\n".utf8),
            "news/bad.txt": [0x61, 0xC3, 0x28, 0x0A],
        ])
        let out = try tempDir().appendingPathComponent("out")
        let run = try dedup(["clean", "--format", "html", input.path, "-o", out.path, "--jobs", "2"])
        #expect(run.status == 1, "\(run.stderr)")  // the bad file
        #expect(run.stderr.contains("news/bad.txt"))
        #expect(listing(out) == ["a.html", "index.html", "index.report-2.html", "index.report.html", "news/b.html"])
        let rows = try rows(ofIndex: out.appendingPathComponent("index.html"))
        #expect(rows.count == 5)
        // Most removed first (the seed, then a.txt), the failed file last.
        #expect(rows[0].contains("<a href=\"./index.report-2.html\">") && rows[0].contains("/index.txt</a>"))
        #expect(rows[1].contains("<a href=\"./a.html\">"))
        #expect(rows[4].contains("class=\"failed\"") && rows[4].contains("news/bad.txt") && !rows[4].contains("<a href"))
        #expect(rows[0].contains("<td class=\"n\">87,785</td><td class=\"n\">43,994</td>"))
        #expect(rows.contains { $0.contains("<a href=\"./index.report.html\">") && $0.contains("/index.report.txt</a>") })
        #expect(rows.contains { $0.contains("<a href=\"./news/b.html\">") })
        let page = try String(contentsOf: out.appendingPathComponent("index.report-2.html"), encoding: .utf8)
        #expect(page.contains("<del class=\"rm later-copy\""))

        // A rerun that skips every report still lists each with its figures, read back.
        let again = try dedup(["clean", "--format", "html", input.path, "-o", out.path, "--skip-existing"])
        #expect(again.status == 1)
        let skipped = try self.rows(ofIndex: out.appendingPathComponent("index.html"))
        #expect(skipped.count == 5)
        #expect(skipped[0].contains("class=\"skipped\"") && skipped[0].contains("<td class=\"n\">87,785</td><td class=\"n\">43,994</td>"))
    }

    @Test func theIndexIsTheSameWhateverTheNumberOfJobs() throws {
        var files: [String: [UInt8]] = ["seed.txt": try seedBytes]
        for i in 0..<12 {
            let paragraph = "Paragraph \(i) of a story, long enough to be recognised when it comes again.\n\n"
            files["batch/\(i).txt"] = Array((paragraph + "Other text \(i).\n\n" + (i % 3 == 0 ? paragraph : "")).utf8)
        }
        let input = try makeTree(files)
        var indexes: [Data] = []
        for jobs in ["1", "2", "5"] {
            let out = try tempDir()
            #expect(try dedup(["clean", "-q", "-f", "html", input.path, "-o", out.path, "--jobs", jobs]).status == 0)
            indexes.append(try Data(contentsOf: out.appendingPathComponent("index.html")))
        }
        #expect(indexes[0] == indexes[1] && indexes[1] == indexes[2])
        let rows = String(decoding: indexes[0], as: UTF8.self).components(separatedBy: "\n").filter { $0.hasPrefix("<tr class=") }
        #expect(rows.count == 13)
    }

    @Test func withoutAnHtmlFormatThereIsNoIndex() throws {
        let input = try makeTree(["a.txt": Array("Some text.\n".utf8), "b.txt": Array("Other text.\n".utf8)])
        let out = try tempDir()
        #expect(try dedup(["clean", input.path, "-o", out.path]).status == 0)
        #expect(listing(out) == ["a.txt", "b.txt"])
    }

    @Test func theIndexMayNotBeTheReport() throws {
        let input = try makeTree(["a.txt": Array("Some text.\n".utf8)])
        let out = try tempDir()
        for report in [
            out.appendingPathComponent("index.html").path, out.path + "/./index.html",
            out.path + "/../" + out.lastPathComponent + "/a.html",
        ] {
            let run = try dedup(["clean", "--format", "html", input.path, "-o", out.path, "--report", report])
            #expect(run.status != 0, "\(report)")
            #expect(run.stderr.contains("would overwrite an output"), "\(report)")
        }
    }

    @Test func anIndexThatCannotBeWrittenIsReportedBeforeTheRunAndCounted() throws {
        let input = try makeTree(["a.txt": Array("Some text.\n".utf8), "b.txt": Array("Other text.\n".utf8)])
        let out = try tempDir()
        try FileManager.default.createDirectory(at: out.appendingPathComponent("index.html"), withIntermediateDirectories: true)
        let run = try dedup(["clean", "--format", "html", input.path, "-o", out.path])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("dedup: error: \(out.path)/index.html: is a folder") == true, "\(run.stderr)")
        #expect(run.stderr.contains("2 files cleaned") && run.stderr.contains("1 error"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a.html").path))
    }

    @Test func aDiffPageIsWrittenToTheFileNamed() throws {
        let a = Self.fixtures.appendingPathComponent("diff/moves/a.txt").path
        let b = Self.fixtures.appendingPathComponent("diff/moves/b.txt").path
        let dir = try tempDir()
        let page = dir.appendingPathComponent("diff.html")
        let run = try dedup(["diff", a, b, "-o", page.path])  // html from the extension
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<div class=\"ops columns\""))
        #expect(html.contains("id=\"move-1-from\"") && html.contains("id=\"move-2-to\""))
        let inline = try dedup(["diff", "-f", "html", "--layout", "inline", a, b])
        #expect(inline.status == 1)
        #expect(String(decoding: inline.stdout, as: UTF8.self).contains("<div class=\"ops inline\""))
        // No diff over an input, and a format that has no diff is refused.
        let over = try dedup(["diff", a, b, "-o", a])
        #expect(over.status != 0 && over.stderr.contains("would overwrite an input"))
        let jsonl = try dedup(["diff", "-f", "jsonl", a, b])
        #expect(jsonl.status != 0 && jsonl.stderr.contains("unknown format 'jsonl'; choose one of: text, json, xml, html"))
        let markdown = try dedup(["diff", a, b, "-o", dir.appendingPathComponent("d.md").path])
        #expect(markdown.status != 0 && markdown.stderr.contains("no diff format writes such files"))
        let layout = try dedup(["diff", "-f", "json", "--layout", "inline", a, b])
        #expect(layout.status != 0 && layout.stderr.contains("--layout is for the html format"))
        // '-o -' and '-o /dev/stdout' are standard output, never a file put in their place.
        for stdout in ["-", "/dev/stdout"] {
            let run = try dedup(["diff", "-f", "json", a, b, "-o", stdout])
            #expect(run.status == 1 && run.stdout.starts(with: Data("{\"source\"".utf8)), "\(stdout)")
        }
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let toFifo = try dedup(["diff", a, b, "-o", fifo])
        #expect(toFifo.status != 0 && toFifo.stderr.contains("is not a regular file"))
        // Same documents: exit 0, a page that says so.
        let same = try dedup(["diff", "-f", "html", a, a])
        #expect(same.status == 0)
        #expect(String(decoding: same.stdout, as: UTF8.self).contains("The documents are the same"))
    }
}
