import Foundation
import Testing

/// Batch runs: folders walked and mirrored, jobs in parallel with the same output, bad inputs
/// reported while the rest goes on, atomic outputs that survive kill -9, the summary and the
/// report.
extension CLITests {
    /// Writes `files` (relative path → bytes) under a new folder.
    func makeTree(_ files: [String: [UInt8]]) throws -> URL {
        let dir = try tempDir()
        for (path, bytes) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return dir
    }

    /// Every file under `dir`, relative paths, hidden ones included.
    func listing(_ dir: URL) -> [String] {
        let base = dir.standardizedFileURL.path
        let all = FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []
        return all.filter { !isDirectory("\(base)/\($0)") }.sorted()
    }

    func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    var seedBytes: [UInt8] { get throws { Array(try Data(contentsOf: URL(fileURLWithPath: seed))) } }

    @Test func aFolderIsWalkedAndItsTreeMirroredUnderTheOutputFolder() throws {
        let doubled = Array(
            "One paragraph of text that a scraper stored twice over.\n\nOne paragraph of text that a scraper stored twice over.\n".utf8)
        let input = try makeTree([
            "a.txt": doubled,
            "news/b.txt": doubled,
            "news/deep/c.html": Array("<html><body><p>Hello there, reader of pages.</p></body></html>".utf8),
            "news/skip.log": Array("not wanted\n".utf8),
            ".hidden/d.txt": doubled,
            "news/.e.txt": doubled,
        ])
        let out = try tempDir().appendingPathComponent("out")
        let run = try dedup(["clean", input.path, "-o", out.path, "--exclude", "*.log", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(listing(out) == ["a.txt", "news/b.txt", "news/deep/c.txt"])
        let cleaned = try String(contentsOf: out.appendingPathComponent("news/b.txt"), encoding: .utf8)
        #expect(cleaned == "One paragraph of text that a scraper stored twice over.\n")
        #expect(run.stderr.contains("3 files cleaned"), "\(run.stderr)")

        let only = try tempDir()
        let included = try dedup(["clean", input.path, "-o", only.path, "--include", "news/**/*.html", "-q"])
        #expect(included.status == 0)
        #expect(included.stderr.isEmpty)
        #expect(listing(only) == ["news/deep/c.txt"])

        let none = try dedup(["clean", input.path, "-o", try tempDir().path, "--include", "news/", "--include", "*.txt", "-q"])
        #expect(none.status == 0)
        #expect(none.stderr == "dedup: warning: --include 'news/' matched no file\n")
    }

    @Test func outputsAreByteIdenticalWhateverTheNumberOfJobs() throws {
        var files: [String: [UInt8]] = [:]
        let eval = Self.fixtures.appendingPathComponent("eval")
        for name in try FileManager.default.contentsOfDirectory(atPath: eval.path).sorted().prefix(24) {
            let input = eval.appendingPathComponent(name).appendingPathComponent("input.txt")
            if let data = try? Data(contentsOf: input) { files["\(name.prefix(2))/\(name).txt"] = Array(data) }
        }
        #expect(files.count >= 20)
        let input = try makeTree(files)
        var outputs: [[String: Data]] = []
        var streams: [Data] = []
        for jobs in ["1", "2", "5"] {
            let out = try tempDir()
            let run = try dedup(["clean", input.path, "-o", out.path, "-f", "json", "--jobs", jobs])
            #expect(run.status == 0, "\(run.stderr)")
            var contents: [String: Data] = [:]
            for path in listing(out) { contents[path] = try Data(contentsOf: out.appendingPathComponent(path)) }
            outputs.append(contents)
            let stream = try dedup(["clean", input.path, "--jobs", jobs, "-q"])
            #expect(stream.status == 0)
            streams.append(stream.stdout)
        }
        #expect(outputs[0].count == files.count)
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
        #expect(streams[0] == streams[1] && streams[1] == streams[2])
        #expect(!streams[0].isEmpty)
    }

    @Test func badInputsAreReportedOneLineEachAndTheRestIsCleaned() throws {
        let good = Array("A good article, with a sentence or two.\n".utf8)
        let input = try makeTree([
            "good.txt": good,
            "bom.txt": [0xEF, 0xBB, 0xBF] + good,
            "utf16.txt": [0xFF, 0xFE] + Array("Hello in UTF-16.\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            "latin1.txt": Array("caf".utf8) + [0xE9] + Array(" au lait\n".utf8),
            "binary.txt": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
            "empty.txt": [],
            "blank.txt": Array(" \n\t\n  \n".utf8),
            "huge.txt": Array(repeating: 0x61, count: 300_000),
            "records.jsonl": Array("{\"text\":\"fine\"}\n{\"text\": broken\n{\"text\":\"also fine\"}\n".utf8),
            "deep.html": Array((String(repeating: "<div>", count: 10_000) + "deep text" + String(repeating: "</div>", count: 10_000)).utf8),
            "bomb.html": Array(
                """
                <!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
                <html><body><p>&c;&c;&c; &x;</p><p>Real text.</p></body></html>
                """.utf8),
            "soup.html": Array("<p>unclosed <b>bold <i>soup</p></div></span><<<>>> text & more".utf8),
        ])
        symlink("nowhere.txt", input.appendingPathComponent("broken.txt").path)
        mkfifo(input.appendingPathComponent("pipe.txt").path, 0o644)
        let out = try tempDir()
        let run = try dedup(["clean", input.path, "-o", out.path, "--max-bytes", "200k"])
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("dedup: error: ") }
        func reported(_ name: String, _ words: String) -> Bool {
            errors.contains { $0.contains("/\(name)") && $0.contains(words) }
        }
        #expect(reported("latin1.txt", "offset 3"), "\(run.stderr)")
        #expect(reported("binary.txt", "binary"), "\(run.stderr)")
        #expect(reported("broken.txt", "broken symbolic link"), "\(run.stderr)")
        #expect(reported("pipe.txt", "FIFO"), "\(run.stderr)")
        #expect(reported("huge.txt", "--max-bytes"), "\(run.stderr)")
        #expect(reported("records.jsonl:2", "invalid JSON"), "\(run.stderr)")
        #expect(errors.count == 6, "\(run.stderr)")
        #expect(
            listing(out) == [
                "blank.txt", "bom.txt", "bomb.txt", "deep.txt", "empty.txt", "good.txt", "records.jsonl", "soup.txt", "utf16.txt",
            ])
        #expect(try Data(contentsOf: out.appendingPathComponent("good.txt")) == Data(good))
        #expect(try Data(contentsOf: out.appendingPathComponent("bom.txt")) == Data(good))
        #expect(try String(contentsOf: out.appendingPathComponent("utf16.txt"), encoding: .utf8) == "Hello in UTF-16.\n")
        #expect(try Data(contentsOf: out.appendingPathComponent("empty.txt")).isEmpty)
        #expect(try Data(contentsOf: out.appendingPathComponent("blank.txt")).isEmpty)
        let bomb = try String(contentsOf: out.appendingPathComponent("bomb.txt"), encoding: .utf8)
        #expect(bomb.contains("Real text."))
        #expect(bomb.utf8.count < 1000 && !bomb.contains("root:"))
        #expect(try String(contentsOf: out.appendingPathComponent("deep.txt"), encoding: .utf8).contains("deep text"))
        let records = try String(contentsOf: out.appendingPathComponent("records.jsonl"), encoding: .utf8)
        #expect(records.split(separator: "\n").count == 3)
        #expect(records.contains("{\"text\": broken"))
    }

    @Test func legacyEncodingsAreReadWithEncoding() throws {
        // "中文测试" in GBK, and in Big5 "中文".
        let input = try makeTree([
            "gbk.txt": [0xD6, 0xD0, 0xCE, 0xC4, 0xB2, 0xE2, 0xCA, 0xD4, 0x0A],
            "big5.txt": [0xA4, 0xA4, 0xA4, 0xE5, 0x0A],
        ])
        let gbk = try dedup(["clean", input.appendingPathComponent("gbk.txt").path, "--encoding", "GBK"])
        #expect(gbk.status == 0, "\(gbk.stderr)")
        #expect(String(decoding: gbk.stdout, as: UTF8.self) == "中文测试\n")
        let big5 = try dedup(["clean", input.appendingPathComponent("big5.txt").path, "--encoding", "big5"])
        #expect(String(decoding: big5.stdout, as: UTF8.self) == "中文\n")
        let unknown = try dedup(["clean", input.appendingPathComponent("gbk.txt").path, "--encoding", "klingon"])
        #expect(unknown.status == 2)
    }

    @Test func skipExistingLeavesFinishedOutputsAlone() throws {
        let input = try makeTree(["a.txt": try seedBytes, "b.txt": try seedBytes])
        let out = try tempDir()
        try Data("marker".utf8).write(to: out.appendingPathComponent("a.txt"))
        let run = try dedup(["clean", input.path, "-o", out.path, "--skip-existing"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("a.txt"), encoding: .utf8) == "marker")
        #expect(
            try Data(contentsOf: out.appendingPathComponent("b.txt"))
                == (try Data(contentsOf: Self.fixtures.appendingPathComponent("seed/expected.txt"))))
        #expect(run.stderr.contains("1 skipped"), "\(run.stderr)")
    }

    @Test func aFileCleanedIntoItsOwnFolderIsRefused() throws {
        let input = try makeTree(["a.txt": try seedBytes])
        let before = try Data(contentsOf: input.appendingPathComponent("a.txt"))
        let run = try dedup(["clean", input.appendingPathComponent("a.txt").path, "-o", input.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("would overwrite the input"), "\(run.stderr)")
        #expect(try Data(contentsOf: input.appendingPathComponent("a.txt")) == before)
    }

    @Test func theReportIsTheSummaryAsJSON() throws {
        let input = try makeTree(["a.txt": try seedBytes, "b.txt": [0x00, 0x01], "c.jsonl": Array("{\"text\":\"x\"}\nnope\n".utf8)])
        let out = try tempDir()
        let reportPath = out.appendingPathComponent("report.json").path
        let run = try dedup(["clean", input.path, "-o", out.appendingPathComponent("clean").path, "--report", reportPath, "-q"])
        #expect(run.status == 1)
        #expect(!run.stderr.contains("files cleaned"))
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath))) as? [String: Any])
        let files = try #require(report["files"] as? [String: Int])
        #expect(files == ["cleaned": 2, "skipped": 0, "failed": 1])
        let documents = try #require(report["documents"] as? [String: Int])
        #expect(documents["cleaned"] == 2 && documents["malformedRecords"] == 1 && documents["changed"] == 1)
        let bytes = try #require(report["bytes"] as? [String: Any])
        let byReason = try #require(bytes["removedByReason"] as? [String: Int])
        #expect(byReason == ["truncated-fragment": 88, "later-copy": 43703])
        let errors = try #require(report["errors"] as? [[String: String]])
        #expect(errors.count == 2)
        #expect(errors.first?["path"]?.hasSuffix("/b.txt") == true)
        #expect(errors.last?["path"]?.hasSuffix("/c.jsonl:2") == true)
    }

    @Test func killedRunsLeaveNoPartialOutputAndSkipExistingFinishesThem() throws {
        var files: [String: [UInt8]] = [:]
        let seed = try seedBytes
        for i in 0..<40 { files["f\(i).txt"] = seed + Array("\nfile \(i)\n".utf8) }
        let input = try makeTree(files)
        let out = try tempDir()
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["clean", input.path, "-o", out.path, "--jobs", "2", "-q"]
        try p.run()
        usleep(400_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let expected = { (i: Int) in
            Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("seed/expected.txt"))) + Array("\nfile \(i)\n".utf8)
        }
        let written = listing(out)
        for name in written {
            #expect(!name.hasPrefix(".") && name.hasSuffix(".txt"), "leftover \(name)")
            let i = try #require(Int(name.dropFirst().dropLast(4)))
            #expect(Array(try Data(contentsOf: out.appendingPathComponent(name))) == (try expected(i)), "partial \(name)")
        }
        let rerun = try dedup(["clean", input.path, "-o", out.path, "--skip-existing"])
        #expect(rerun.status == 0)
        #expect(rerun.stderr.contains("\(written.count) skipped") || written.isEmpty, "\(rerun.stderr)")
        #expect(listing(out).count == 40)
        for i in 0..<40 {
            #expect(Array(try Data(contentsOf: out.appendingPathComponent("f\(i).txt"))) == (try expected(i)))
        }
    }

    @Test func sigtermStopsWithStatus143AndNoTemporaryFiles() throws {
        var files: [String: [UInt8]] = [:]
        for i in 0..<40 { files["f\(i).txt"] = try seedBytes }
        let input = try makeTree(files)
        let out = try tempDir()
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["clean", input.path, "-o", out.path, "--jobs", "2", "-q"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        usleep(300_000)
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 143 || p.terminationStatus == 0)
        if p.terminationStatus == 143 { #expect(stderr.contains("--skip-existing"), "\(stderr)") }
        #expect(listing(out).allSatisfy { !$0.hasPrefix(".") })
    }
}

/// Defects a review found, each kept from coming back.
extension CLITests {
    @Test func theReportMayNotOverwriteAnInputOrAnOutput() throws {
        let input = try makeTree(["a.txt": try seedBytes, "b.txt": try seedBytes])
        let out = try tempDir()
        let before = try Data(contentsOf: input.appendingPathComponent("a.txt"))
        let onInput = try dedup(["clean", input.path, "-o", out.path, "--report", input.appendingPathComponent("a.txt").path])
        #expect(onInput.status == 2)
        #expect(try Data(contentsOf: input.appendingPathComponent("a.txt")) == before)
        #expect(listing(out).isEmpty)
        let onOutput = try dedup(["clean", input.path, "-o", out.path, "--report", out.appendingPathComponent("b.txt").path])
        #expect(onOutput.status == 2)
        let nowhere = try dedup(["clean", input.path, "-o", out.path, "--report", "/nonexistent/r.json"])
        #expect(nowhere.status == 2)
        #expect(listing(out).isEmpty)
    }

    @Test func recordsOverTheLimitAreRefusedHoweverTheyArrive() throws {
        var stream = ""
        for i in 0..<30 {
            let text = i % 3 == 0 ? String(repeating: "word\(i) ", count: 1500) : "short record \(i)"
            stream += "{\"id\":\(i),\"text\":\"\(text)\"}\n"
        }
        let input = try makeTree(["r.jsonl": Array(stream.utf8)])
        let file = try dedup(["clean", input.appendingPathComponent("r.jsonl").path, "--max-bytes", "2k"])
        let piped = try dedup(["clean", "--input-format", "jsonl", "-", "--max-bytes", "2k"], stdin: Data(stream.utf8))
        for run in [file, piped] {
            #expect(run.status == 1)
            #expect(run.stderr.split(separator: "\n").filter { $0.contains("longer than 2048 bytes") }.count == 10, "\(run.stderr)")
            let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 31)
            #expect(lines[0] == Substring(stream.split(separator: "\n")[0]))
        }
    }

    @Test func anOutputCannotBeAnotherOutputsFolderWhateverTheJobs() throws {
        let input = try makeTree(["news.html": Array("<p>Hello there, reader.</p>".utf8), "news.txt/b.txt": Array("text\n".utf8)])
        var results: [String] = []
        for jobs in ["1", "2"] {
            let out = try tempDir()
            let run = try dedup(["clean", input.path, "-o", out.path, "--jobs", jobs, "-q"])
            #expect(run.status == 1)
            #expect(run.stderr.contains("news.txt/b.txt: its output"), "\(run.stderr)")
            results.append(run.stderr.replacingOccurrences(of: out.path, with: "OUT") + listing(out).joined(separator: ","))
        }
        #expect(results[0] == results[1])
    }

    @Test func theOutputFolderMayNotBeTheInputFolder() throws {
        let input = try makeTree(["notes.txt": Array("mine\n".utf8), "notes.html": Array("<p>page</p>".utf8)])
        let run = try dedup(["clean", input.path, "-o", input.path, "--include", "*.html"])
        #expect(run.status == 2)
        #expect(try String(contentsOf: input.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine\n")
    }

    @Test func anOutputWithALongNameCanBeReplaced() throws {
        let name = String(repeating: "n", count: 240) + ".txt"
        let input = try makeTree([name: Array("some text\n".utf8)])
        let out = try tempDir()
        for _ in 0..<2 {
            let run = try dedup(["clean", input.path, "-o", out.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(listing(out) == [name])
    }

    @Test func writeErrorsNameTheInput() throws {
        let input = try makeTree(["news/a.txt": Array("text\n".utf8)])
        let out = try tempDir()
        try Data("a file where a folder should be".utf8).write(to: out.appendingPathComponent("news"))
        let run = try dedup(["clean", input.path, "-o", out.path, "-q"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("news/a.txt: cannot write its output"), "\(run.stderr)")
    }
}
