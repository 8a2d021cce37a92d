import DedupCore
import DedupPlugins
import Foundation
import Testing

@testable import DedupEngine

/// The phases a cluster runs (sign, decide, apply), with the grouping by key done here the
/// way the Spark job does it, give the records of the single-machine run byte for byte.
@Suite struct CrossDocumentPhasesTests {
    @Test func signGroupDecideApplyGiveTheSingleMachineRecords() throws {
        let jsonl = CrossDocumentRunTests.corpus.appendingPathComponent("batch-03/docs.jsonl").path
        let records = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { Array($0.utf8) }
        let phases = CrossDocumentPhases(importOptions: ImportOptions(), dedupOptions: DedupOptions(), options: CrossDocumentOptions())
        let sources = records.indices.map { "\(jsonl):\($0 + 1)" }

        // Sign.
        let signed = try records.indices.map { i in
            try CrossDocumentPhases.signedRecord(phases.sign(Array("\(i)\t\(sources[i])\t".utf8) + records[i]).dropLast())
        }
        // Group by key: the earliest 8 records that entered each key (a long record enters
        // its coarse samples only, and no line), and the first record of each whole key.
        var samples: [Int64: [Int64]] = [:], lines: [Int64: [Int64]] = [:], firsts: [Int64: Int64] = [:]
        for s in signed where s.skip != true {
            let long = (s.length ?? 0) > CrossDocumentOptions().longDocumentLength
            for sample in s.samples ?? [] where (sample[2] == 1 || !long) && samples[sample[0], default: []].last != s.n {
                samples[sample[0], default: []].append(s.n)
            }
            if !long { for line in s.lines ?? [] where lines[line[0], default: []].last != s.n { lines[line[0], default: []].append(s.n) } }
            if (s.length ?? 0) > 0, let key = s.keyHash, firsts[key] == nil { firsts[key] = s.n }
        }
        var input: [UInt8] = []
        for var s in signed where s.skip != true {
            let n = s.n
            s.sampleHolders = (s.samples ?? []).map { Array(samples[$0[0], default: []].prefix(8).filter { $0 < n }) }
            s.lineHolders = (s.lines ?? []).map { Array(lines[$0[0], default: []].prefix(8).filter { $0 < n }) }
            s.equal = s.keyHash.flatMap { firsts[$0] }.flatMap { $0 < n ? $0 : nil }
            input += try JSONEncoder().encode(s) + [0x0A]
        }
        // Decide, in one process.
        let decided = try Self.filter(input) { fd, write in try phases.decide(readingFrom: fd, write: write) }
        var decisions = String(decoding: decided, as: UTF8.self).split(separator: "\n").map(String.init)
        let last = try #require(decisions.last)
        decisions.removeLast()
        let boilerplate = try CrossDocumentPhases.boilerplate(from: Array(last.utf8))
        #expect(!boilerplate.isEmpty)
        // Apply.
        var applied: [UInt8] = []
        for (i, record) in records.enumerated() {
            applied += try phases.apply(Array("\(decisions[i])\t\(sources[i])\t".utf8) + record, boilerplate: boilerplate)
        }
        // The single machine.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-phases-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        var request = CleanRequest(inputs: [jsonl], destination: .file(out.path))
        request.acrossDocuments = true
        _ = try CleanRunner(registry: .builtIn).run(request)
        #expect(applied == Array(try Data(contentsOf: out)))
    }

    @Test func aRecordApplyCannotReadIsWrittenThroughAndReportedByItsId() throws {
        let phases = CrossDocumentPhases(importOptions: ImportOptions(), dedupOptions: DedupOptions(), options: CrossDocumentOptions())
        let cases: [(record: String, id: String)] = [
            (#"{"id": "broken-1", "text": oops}"#, #" (id "broken-1")"#),
            (#"{"id" : 99, "body": "no text field"}"#, " (id 99)"),
            (#"{"text": 1}"#, ""),
        ]
        for (record, id) in cases {
            var reports: [String] = []
            let line = Array(#"{"n":4}"#.utf8) + [0x09] + Array("in.jsonl:5".utf8) + [0x09] + Array(record.utf8)
            let out = try phases.apply(line, boilerplate: [:], report: { reports.append($0) })
            #expect(out == Array(record.utf8) + [0x0A])
            #expect(reports.count == 1)
            #expect(reports.first?.hasPrefix("in.jsonl:5\(id): ") == true, "\(reports)")
            #expect(reports.first?.hasSuffix("; written through unchanged") == true)
        }
    }

    /// Runs `body` reading `input` from a descriptor and collects what it writes.
    static func filter(_ input: [UInt8], _ body: (Int32, ([UInt8]) throws(FileIOError) -> Void) throws -> Void) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-phases-in-\(UUID().uuidString)").path
        try Data(input).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var out: [UInt8] = []
        try body(fd) { bytes throws(FileIOError) in out += bytes }
        return out
    }
}
