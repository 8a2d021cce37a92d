import Foundation
import Testing

/// `dedup clean --across-documents` from the command line: a batch from real articles, its
/// provenance restored, standard input, and the options that go with it.
@Suite struct CrossDocumentCLITests {
    let cli = CLITests()
    var batch: URL { CLITests.fixtures.appendingPathComponent("corpus/batch-00") }

    @Test func aBatchIsCleanedAndEveryJSONOutputRestoresItsInput() throws {
        let out = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let docs = batch.appendingPathComponent("docs")
        let run = try cli.dedup(["clean", "--across-documents", docs.path, "-o", out.path, "-f", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("duplicate-document") && run.stderr.contains("boilerplate"), "\(run.stderr)")
        var dropped = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path) where name.hasSuffix(".txt") {
            let json = out.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".json"))
            let restored = try cli.dedup(["restore", json.path])
            #expect(restored.stdout == (try Data(contentsOf: docs.appendingPathComponent(name))), "\(name)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
            let spans = try #require(object["spans"] as? [[String: Any]])
            if spans.count == 1, spans[0]["reason"] as? String == "duplicate-document" {
                dropped += 1
                let of = try #require(spans[0]["duplicateOf"] as? [String: Any])
                #expect((of["document"] as? String)?.hasPrefix(docs.path) == true)
                #expect((of["contained"] as? Double ?? 0) > 0.5)
            }
        }
        #expect(dropped == 4)
    }

    @Test func standardInputIsReadOnceAndCleanedAsTheFileIs() throws {
        let jsonl = batch.appendingPathComponent("docs.jsonl")
        let file = try cli.dedup(["clean", "--across-documents", "--input-format", "jsonl", jsonl.path, "-q"])
        let piped = try cli.dedup(
            ["clean", "--across-documents", "--input-format", "jsonl", "-", "-q"], stdin: try Data(contentsOf: jsonl))
        #expect(file.status == 0 && piped.status == 0)
        let texts = { (data: Data) in
            String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
                ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["text"] as? String ?? "?"
            }
        }
        #expect(texts(file.stdout) == texts(piped.stdout))
        #expect(texts(file.stdout).filter(\.isEmpty).count == 4)
    }

    @Test func droppedDocumentsMayBeLeftOutAndTheOptionsCheckEachOther() throws {
        let out = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try cli.dedup([
            "clean", "--across-documents", "--omit-dropped", batch.appendingPathComponent("docs").path, "-o", out.path, "-q",
        ])
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 18)
        let alone = try cli.dedup(["clean", "--state", out.appendingPathComponent("s").path, batch.appendingPathComponent("docs").path])
        #expect(alone.status == 2 && alone.stderr.contains("--across-documents"))
    }
}
