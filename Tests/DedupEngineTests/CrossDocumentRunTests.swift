import DedupCore
import DedupEngine
import DedupPlugins
import Foundation
import Testing

/// Cleaning across the documents of a batch through the engine's API, on two batches made
/// from real articles (Fixtures/corpus): every document as a careful person would keep it,
/// the folder form and the JSON Lines form alike, and a batch in two runs sharing a state.
@Suite struct CrossDocumentRunTests {
    static let corpus = CleanRunnerTests.fixtures.appendingPathComponent("corpus")

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-cross-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func expected(_ batch: String) throws -> [String: String] {
        let folder = corpus.appendingPathComponent(batch).appendingPathComponent("expected")
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".txt") {
            out[String(name.dropLast(4))] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    /// Non-whitespace characters, as the evaluation compares texts.
    static func content(_ text: String) -> String { String(text.unicodeScalars.filter { !$0.properties.isWhitespace }) }

    @Test(arguments: ["batch-00", "batch-03"])
    func aFolderIsCleanedAcrossItsDocuments(batch: String) throws {
        let out = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        var request = CleanRequest(
            inputs: [Self.corpus.appendingPathComponent(batch).appendingPathComponent("docs").path], destination: .folder(out.path))
        request.acrossDocuments = true
        let summary = try CleanRunner(registry: .builtIn).run(request)
        #expect(!summary.hasErrors)
        let expected = try Self.expected(batch)
        for (name, text) in expected {
            let got = try String(contentsOf: out.appendingPathComponent(name + ".txt"), encoding: .utf8)
            #expect(Self.content(got) == Self.content(text), "\(batch)/\(name)")
        }
        #expect((summary.totals.removedBytesByReason[.duplicateDocument] ?? 0) > 0)
        #expect((summary.totals.removedBytesByReason[.boilerplate] ?? 0) > 0)
    }

    @Test func jsonLinesGiveTheTextsOfTheFolderFormWhateverTheJobs() throws {
        let out = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let jsonl = Self.corpus.appendingPathComponent("batch-00/docs.jsonl").path
        var outputs: [Data] = []
        for jobs in [1, 2] {
            var request = CleanRequest(inputs: [jsonl], destination: .file(out.appendingPathComponent("out\(jobs).jsonl").path))
            request.acrossDocuments = true
            request.jobs = jobs
            _ = try CleanRunner(registry: .builtIn).run(request)
            outputs.append(try Data(contentsOf: out.appendingPathComponent("out\(jobs).jsonl")))
        }
        #expect(outputs[0] == outputs[1])
        let expected = try Self.expected("batch-00")
        var seen = 0
        for line in String(decoding: outputs[0], as: UTF8.self).split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(record["id"] as? String)
            #expect(Self.content(record["text"] as? String ?? "") == Self.content(expected[id] ?? "?"), "\(id)")
            seen += 1
        }
        #expect(seen == expected.count)
    }

    @Test func aBatchInTwoRunsSharingAStateEndsAsOneRun() throws {
        let work = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let docs = Self.corpus.appendingPathComponent("batch-03/docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted()
        let halves = [work.appendingPathComponent("first"), work.appendingPathComponent("second")]
        for (i, name) in names.enumerated() {
            let half = halves[i < names.count / 2 ? 0 : 1]
            try FileManager.default.createDirectory(at: half, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: docs.appendingPathComponent(name), to: half.appendingPathComponent(name))
        }
        let state = work.appendingPathComponent("crawl.state").path
        for (k, half) in halves.enumerated() {
            var request = CleanRequest(inputs: [half.path], destination: .folder(work.appendingPathComponent("out\(k)").path))
            request.acrossDocuments = true
            request.state = state
            #expect(!(try CleanRunner(registry: .builtIn).run(request)).hasErrors)
        }
        let expected = try Self.expected("batch-03")
        for (i, name) in names.enumerated() {
            let got = try String(contentsOf: work.appendingPathComponent("out\(i < names.count / 2 ? 0 : 1)/\(name)"), encoding: .utf8)
            let want = expected[String(name.dropLast(4))] ?? "?"
            // Dropped documents are dropped in either run; the second run's texts are one run's.
            #expect(got.isEmpty == want.isEmpty, "\(name)")
            if i >= names.count / 2 { #expect(Self.content(got) == Self.content(want), "\(name)") }
        }
    }

    @Test func aDamagedStateIsRefusedBeforeAnythingIsWritten() throws {
        let work = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let state = work.appendingPathComponent("crawl.state")
        try Data("not a state".utf8).write(to: state)
        var request = CleanRequest(
            inputs: [Self.corpus.appendingPathComponent("batch-03/docs").path],
            destination: .folder(work.appendingPathComponent("out").path))
        request.acrossDocuments = true
        request.state = state.path
        #expect(throws: CleanRequestError.badState(state.path, problem: "not a dedup state file")) {
            try CleanRunner(registry: .builtIn).run(request)
        }
        #expect(try Data(contentsOf: state) == Data("not a state".utf8))
    }
}
