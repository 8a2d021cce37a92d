import DedupCore
import DedupEngine
import DedupPlugins
import Foundation
import Testing

/// A batch run through the engine's public API, as a Swift program would run one: a folder of
/// inputs (good, bad and nested) cleaned into a folder, with the figures, problems and
/// per-input events handed back as values.
@Suite struct CleanRunnerTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A crawl folder: the seed article (its body stored twice), an eval case below a
    /// subfolder, a file that is not UTF-8, and a hidden file.
    static func makeCrawl() throws -> (folder: URL, seed: Data, nested: Data) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-engine-\(UUID().uuidString)")
        let crawl = root.appendingPathComponent("crawl")
        try FileManager.default.createDirectory(at: crawl.appendingPathComponent("news"), withIntermediateDirectories: true)
        let seed = try Data(contentsOf: fixtures.appendingPathComponent("seed/article.txt"))
        let nested = try Data(contentsOf: fixtures.appendingPathComponent("eval/body-twice-sh_en_00/input.txt"))
        try seed.write(to: crawl.appendingPathComponent("a-seed.txt"))
        try nested.write(to: crawl.appendingPathComponent("news/b.txt"))
        try Data([0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: crawl.appendingPathComponent("c-latin1.txt"))
        try Data("hidden\n".utf8).write(to: crawl.appendingPathComponent(".hidden.txt"))
        return (crawl, seed, nested)
    }

    @Test(arguments: [1, 2])
    func aFolderIsCleanedIntoAFolderWithFiguresAndProblemsAsValues(jobs: Int) throws {
        let (crawl, seed, nested) = try Self.makeCrawl()
        defer { try? FileManager.default.removeItem(at: crawl.deletingLastPathComponent()) }
        let out = crawl.deletingLastPathComponent().appendingPathComponent("clean")
        var request = CleanRequest(inputs: [crawl.path], destination: .folder(out.path))
        request.format = "json"
        request.jobs = jobs
        var problems: [BatchProblem] = []
        var finished: [String] = []
        var leftOut: [String] = []
        var events = CleanEvents()
        events.problem = { problems.append($0) }
        events.finished = { finished.append($0.source) }
        events.leftOut = { leftOut.append($0) }

        let runner = CleanRunner(registry: .builtIn)
        let plan = try runner.plan(request, events: events)
        #expect(plan.inputCount == 3)
        #expect(plan.isBatch)
        #expect(plan.outputs == ["a-seed.json", "c-latin1.json", "news/b.json"].map { out.path + "/" + $0 })
        let summary = runner.run(plan, events: events)

        // Input order: the folder's files by name, then its subfolders.
        #expect(finished == ["a-seed.txt", "c-latin1.txt", "news/b.txt"].map { crawl.path + "/" + $0 })
        #expect(leftOut.count == 1 && leftOut[0].hasSuffix(".hidden.txt: hidden, left out"))
        #expect(problems.count == 1)
        #expect(problems.first?.path == crawl.path + "/c-latin1.txt")
        #expect(problems.first?.problem.contains("not UTF-8") == true)
        #expect(summary.totals.files == 2)
        #expect(summary.totals.failedFiles == 1)
        #expect(summary.totals.changedDocuments == 2)
        #expect(summary.totals.bytesIn == seed.count + nested.count)
        #expect(summary.totals.removedBytesByReason[.laterCopy, default: 0] > 0)
        #expect(summary.hasErrors)

        // Each output restores its input byte for byte; the bad file has no output.
        for (name, input) in [("a-seed.json", seed), ("news/b.json", nested)] {
            let json = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(try Restorer.restore(Array(json)) == Array(input), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("c-latin1.json").path))
        let seedJSON = try Data(contentsOf: out.appendingPathComponent("a-seed.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: seedJSON) as? [String: Any])
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("seed/expected.txt"), encoding: .utf8)
        #expect(object["text"] as? String == expected)
    }

    @Test func requestsThatCannotRunAreRefusedBeforeAnythingIsWritten() throws {
        let (crawl, _, _) = try Self.makeCrawl()
        defer { try? FileManager.default.removeItem(at: crawl.deletingLastPathComponent()) }
        let runner = CleanRunner(registry: .builtIn)
        #expect(throws: CleanRequestError.outputFolderIsInput(crawl.path, input: crawl.path)) {
            try runner.plan(CleanRequest(inputs: [crawl.path], destination: .folder(crawl.path)))
        }
        var twice = CleanRequest(inputs: ["-", "-"])
        #expect(throws: CleanRequestError.standardInputTwice) { try runner.plan(twice) }
        twice.inputs = [crawl.path]
        twice.format = "docx"
        #expect(throws: CleanRequestError.unknownFormat("docx", choices: ["text", "json", "xml", "jsonl", "html"])) {
            try runner.plan(twice)
        }
        var report = CleanRequest(inputs: [crawl.path], destination: .folder(crawl.path + "-out"))
        report.report = crawl.appendingPathComponent("a-seed.txt").path
        #expect(throws: CleanRequestError.reportOverwritesInput(report.report ?? "", input: report.report ?? "")) {
            try runner.plan(report)
        }
    }

    #if os(Linux)
    /// A batch whose reporting is slow (a disk that flushes slowly) never holds more than a
    /// window of finished files open, waiting to be committed: the threads run ahead by
    /// files, not by the groups they are handed (that once let 2,000 descriptors open and
    /// failed runs with "Too many open files").
    @Test func aSlowReporterKeepsFewFilesOpen() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-fds-\(UUID().uuidString)")
        let inputs = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for k in 0..<1_500 {
            try Data("Line \(k) of a small file.\nAnother line.\n".utf8).write(to: inputs.appendingPathComponent("f\(k).txt"))
        }
        func openFiles() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0 }
        let before = openFiles()
        var most = 0
        var events = CleanEvents()
        events.finished = { _ in
            most = max(most, openFiles())
            usleep(300)
        }
        var request = CleanRequest(inputs: [inputs.path], destination: .folder(root.appendingPathComponent("out").path))
        request.jobs = 2
        let runner = CleanRunner(registry: .builtIn)
        let summary = runner.run(try runner.plan(request, events: events), events: events)
        #expect(summary.totals.files == 1_500 && !summary.hasErrors)
        // A window is 64 files; other tests running meanwhile open a few more.
        #expect(most - before < 400, "\(most - before) more files open at most")
    }
    #endif
}
