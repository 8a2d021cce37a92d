import Foundation
import Testing

/// End to end: runs the built `dedup` executable and reads what it writes.
@Suite struct CLITests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// The `dedup` binary next to the test bundle.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("dedup").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("dedup")
    }

    func dedup(_ args: [String], stdin: Data? = nil) throws -> Run {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: o, stderr: String(decoding: e, as: UTF8.self))
    }

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    var seed: String { Self.fixtures.appendingPathComponent("seed/article.txt").path }

    @Test func cleanPrintsTheSeedArticlesExpectedText() throws {
        let run = try dedup(["clean", seed])
        #expect(run.status == 0)
        #expect(run.stdout == (try Data(contentsOf: Self.fixtures.appendingPathComponent("seed/expected.txt"))))
    }

    @Test func jsonThenRestoreGivesTheInputBack() throws {
        let dir = try tempDir()
        let json = try dedup(["clean", seed, "--format", "json"])
        #expect(json.status == 0)
        let jsonFile = dir.appendingPathComponent("seed.json")
        try json.stdout.write(to: jsonFile)
        let restored = try dedup(["restore", jsonFile.path])
        #expect(restored.status == 0)
        #expect(restored.stdout == (try Data(contentsOf: URL(fileURLWithPath: seed))))
    }

    @Test func standardInputIsCleaned() throws {
        let run = try dedup(["clean", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: seed)))
        #expect(run.status == 0)
        #expect(run.stdout == (try Data(contentsOf: Self.fixtures.appendingPathComponent("seed/expected.txt"))))
    }

    @Test func badFilesAreReportedAndTheOthersStillCleaned() throws {
        let dir = try tempDir()
        let good = dir.appendingPathComponent("good.txt")
        try Data("Hello there.\n".utf8).write(to: good)
        let latin1 = dir.appendingPathComponent("latin1.txt")
        try Data([0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: latin1)
        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let missing = dir.appendingPathComponent("missing.txt").path
        let out = dir.appendingPathComponent("out")
        let run = try dedup(["clean", missing, latin1.path, good.path, empty.path, "-o", out.path])
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("dedup: error: ") }
        #expect(errors.count == 2)
        #expect(run.stderr.contains("\(missing): no such file or directory"))
        #expect(run.stderr.contains("\(latin1.path): not UTF-8"))
        #expect(run.stderr.contains("offset 3"))
        #expect(try String(contentsOf: out.appendingPathComponent("good.txt"), encoding: .utf8) == "Hello there.\n")
        #expect(try Data(contentsOf: out.appendingPathComponent("empty.txt")).isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(left == ["empty.txt", "good.txt"])
    }

    @Test func emptyInputCleansToEmptyOutput() throws {
        let run = try dedup(["clean", "-"], stdin: Data())
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func usageErrorsExitWithStatus2() throws {
        #expect(try dedup(["clean"]).status == 2)
        #expect(try dedup(["clean", seed, "--format", "yaml"]).status == 2)
        #expect(try dedup(["clean", seed, "--min-copy-fraction", "3"]).status == 2)
        #expect(try dedup(["frobnicate"]).status == 2)
    }

    @Test func helpExplainsEveryOption() throws {
        let top = try dedup(["--help"])
        #expect(top.status == 0)
        #expect(String(decoding: top.stdout, as: UTF8.self).contains("restore"))
        let help = String(decoding: try dedup(["clean", "--help"]).stdout, as: UTF8.self)
        for option in [
            "--format", "--output", "--min-copy-length", "--min-copy-fraction", "--long-copy-length",
            "--min-fragment-length", "--min-match-length", "--min-short-repeat-length",
        ] {
            #expect(help.contains(option), "\(option)")
        }
    }

    @Test func restoreReportsBadProvenance() throws {
        let dir = try tempDir()
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"spans\": 1}".utf8).write(to: bad)
        let run = try dedup(["restore", bad.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains(bad.path))
    }

    @Test func outputsNeverOverwriteEachOtherOrAnInput() throws {
        let dir = try tempDir()
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
            try Data("text \(sub)\n".utf8).write(to: dir.appendingPathComponent("\(sub)/same.txt"))
        }
        let out = dir.appendingPathComponent("out")
        let run = try dedup([
            "clean", dir.appendingPathComponent("a/same.txt").path, dir.appendingPathComponent("b/same.txt").path, "-o", out.path,
        ])
        #expect(run.status == 1)
        #expect(run.stderr.contains("would overwrite the output of"))
        #expect(try String(contentsOf: out.appendingPathComponent("same.txt"), encoding: .utf8) == "text a\n")

        let input = dir.appendingPathComponent("a/same.txt")
        let selfRun = try dedup(["clean", input.path, "-o", dir.appendingPathComponent("a").path])
        #expect(selfRun.status == 1)
        #expect(selfRun.stderr.contains("would overwrite the input"))
        #expect(try String(contentsOf: input, encoding: .utf8) == "text a\n")
    }

    @Test func pluginsListsEveryFormatWithItsSummary() throws {
        let run = try dedup(["plugins"])
        #expect(run.status == 0)
        let text = String(decoding: run.stdout, as: UTF8.self)
        for name in ["text", "json", "xml"] {
            #expect(text.contains("\n  \(name) "), "\(name)")
        }
        #expect(text.contains("Importers"))
        #expect(text.contains("Exporters"))
        for name in ["html", "jsonl"] {
            #expect(text.contains("\n  \(name) "), "\(name)")
        }
        // What each exporter writes: html does cleaned documents, diffs and a batch index;
        // jsonl cleaned documents only.
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  html ") && $0.hasSuffix("; clean, diff, batch index.html]") })
        #expect(lines.contains { $0.hasPrefix("  jsonl ") && $0.hasSuffix("[.jsonl; clean]") })
    }

    @Test func xmlOutputFileThenRestoreGivesTheInputBack() throws {
        let dir = try tempDir()
        let xml = dir.appendingPathComponent("seed.xml")
        let run = try dedup(["clean", seed, "-o", xml.path])  // format from the extension
        #expect(run.status == 0)
        let written = String(decoding: try Data(contentsOf: xml), as: UTF8.self)
        #expect(written.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dedup version=\"1\">"))
        let restored = try dedup(["restore", xml.path])
        #expect(restored.status == 0)
        #expect(restored.stdout == (try Data(contentsOf: URL(fileURLWithPath: seed))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["seed.xml"])  // no temporary left
    }

    @Test func unknownInputFormatIsAUsageError() throws {
        let run = try dedup(["clean", seed, "--input-format", "docx"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown input format 'docx'"))
    }

    @Test func jsonLinesIsAStreamingFilterThatPassesMalformedLinesThrough() throws {
        let paragraph = "A paragraph long enough to be a copy of itself, stored twice by the scraper."
        let first = #"{"id": 7, "text": "Title\n\n\#(paragraph)\n\#(paragraph)\n", "url": "https://example.org/a?x=1", "n": 1.0e+02}"#
        let broken = #"{"id": 8, "text": "unterminated"#
        let third = #"{"text": "短文。", "id": "c"}"#
        let input = Data((first + "\n" + broken + "\n" + third).utf8)
        let run = try dedup(["clean", "--input-format", "jsonl", "-"], stdin: input)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("dedup: error: <stdin>:2: invalid JSON at byte "))
        let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        // The last line had no line break and gains none.
        #expect(lines.count == 3 && !lines[2].isEmpty)
        #expect(
            lines[0].hasPrefix(#"{"id": 7, "text": "Title\n\n\#(paragraph)\n", "url": "https://example.org/a?x=1", "n": 1.0e+02,"dedup":{"#)
        )
        #expect(lines[0].contains(#""reason":"adjacent-repeat""#))
        #expect(lines[1] == broken[...])
        #expect(lines[2].hasPrefix(#"{"text": "短文。", "id": "c","dedup":{"#))
    }

    @Test func jsonLinesFilesGoToAnOutputFileAtomically() throws {
        let dir = try tempDir()
        let input = dir.appendingPathComponent("in.jsonl")
        try Data(#"{"text": "one"}"#.utf8 + [0x0A] + #"{"text": "two"}"#.utf8).write(to: input)
        let out = dir.appendingPathComponent("out.jsonl")
        let run = try dedup(["clean", input.path, "-o", out.path])  // jsonl in, jsonl out, by extension
        #expect(run.status == 0)
        let lines = String(decoding: try Data(contentsOf: out), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix(#"{"text": "two","dedup":{"source":{"path":""#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["in.jsonl", "out.jsonl"])
        let renamed = try dedup(["clean", input.path, "--text-field", "body"])
        #expect(renamed.status == 1)
        #expect(renamed.stderr.contains("in.jsonl:1: no string field 'body'"))
    }

    @Test func diffExitsAsDiffDoesAndTilesBothDocuments() throws {
        let a = Self.fixtures.appendingPathComponent("diff/a.txt").path
        let b = Self.fixtures.appendingPathComponent("diff/b.txt").path
        #expect(try dedup(["diff", a, a]).status == 0)
        let missing = try dedup(["diff", a, "/nonexistent/b.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/b.txt: no such file or directory"))
        let run = try dedup(["diff", "--format", "json", a, b])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let ops = try #require(object["ops"] as? [[String: Any]])
        func tiles(_ side: String, _ size: Int) -> Bool {
            let ranges = ops.compactMap { $0[side] as? [String: Int] }.map { ($0["start"] ?? -1, $0["end"] ?? -1) }
            var at = 0
            for (start, end) in ranges where end > start {
                if start != at { return false }
                at = end
            }
            return at == size
        }
        #expect(tiles("a", try Data(contentsOf: URL(fileURLWithPath: a)).count))
        #expect(tiles("b", try Data(contentsOf: URL(fileURLWithPath: b)).count))
        #expect(Set(ops.compactMap { $0["op"] as? String }) == ["equal", "change", "delete", "insert"])
        let text = String(decoding: try dedup(["diff", "--color", "never", a, b]).stdout, as: UTF8.self)
        #expect(text.contains("[-Tuesday-]{+Wednesday+}"))
        #expect(!text.contains("\u{1B}["))
        let exact = String(decoding: try dedup(["diff", "--exact", "--color", "never", a, b]).stdout, as: UTF8.self)
        #expect(exact.contains("[-，-]{+,+}"))
    }

    @Test func anOutputNeverOverwritesAnInputThatComesLater() throws {
        let dir = try tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("x"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        try Data("first input\n".utf8).write(to: dir.appendingPathComponent("x/a.txt"))
        let precious = dir.appendingPathComponent("out/a.txt")
        try Data("second input, precious\n".utf8).write(to: precious)
        let run = try dedup([
            "clean", dir.appendingPathComponent("x/a.txt").path, precious.path, "-o", dir.appendingPathComponent("out").path,
        ])
        #expect(run.status == 1)
        #expect(run.stderr.contains("would overwrite the input \(precious.path)"))
        #expect(try String(contentsOf: precious, encoding: .utf8) == "second input, precious\n")
    }

    @Test func aFailedWriteToStandardOutputIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["clean", seed]
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(message.contains("standard output: cannot write"))
    }

    @Test func badArgumentsAreUsageErrorsOnce() throws {
        let page = try tempDir().appendingPathComponent("p.html")
        try Data("<p>hello</p>".utf8).write(to: page)
        let xpath = try dedup(["clean", "--xpath", "//p[", page.path, page.path])
        #expect(xpath.status == 2)
        #expect(xpath.stderr.components(separatedBy: "invalid --xpath").count == 2)
        #expect(try dedup(["diff", "--context", "9223372036854775807", seed, seed]).status == 2)
    }

    @Test func restoreRefusesAnImpossibleSize() throws {
        let run = try dedup(["restore", "-"], stdin: Data(#"{"source":{"size":9000000000000000000},"spans":[],"text":""}"#.utf8))
        #expect(run.status == 1)
        #expect(run.stderr.contains("<stdin>: rebuilt 0 bytes"))
    }
}
