import DedupCore
import DedupPlugins
import Foundation
import Testing

@testable import DedupEngine

/// JSON Lines records cleaned on several threads come out exactly as on one.
@Suite struct ParallelStreamTests {
    /// A stream with short and long records (some with a body stored twice), blank lines,
    /// malformed lines and records over the size limit, in random order.
    static func stream(seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let paragraph = "A paragraph of an article that a scraper might store twice, with 中文 too."
        var lines: [String] = []
        for i in 0..<1200 {
            switch next() % 20 {
            case 0: lines.append("")
            case 1: lines.append("{\"text\": broken \(i)")
            case 2: lines.append("{\"id\":\(i),\"text\":\"" + String(repeating: "long words here ", count: 400) + "\"}")
            default:
                let body = (0..<(1 + next() % 8)).map { "\(paragraph) \($0 + i)" }.joined(separator: "\\n\\n")
                let text = next() % 3 == 0 ? body + "\\n\\n" + body : body
                lines.append("{\"id\":\(i),\"text\":\"\(text)\"}")
            }
        }
        return Array((lines.joined(separator: "\n") + (seed % 2 == 0 ? "\n" : "")).utf8)
    }

    static func run(_ input: [UInt8], threads: Int, chunkSize: Int) throws -> ([UInt8], [String], LineStreamSummary) {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writeEnd = fds[1]
        let writer = Thread {
            input.withUnsafeBytes { buf in
                var off = 0
                while off < buf.count {
                    let n = write(writeEnd, buf.baseAddress! + off, min(7919, buf.count - off))
                    if n <= 0 { break }
                    off += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        var runner = LineStreamRunner(
            importer: .jsonLines, exporter: .jsonLines, options: ImportOptions(),
            deduplicator: Deduplicator(), chunkSize: chunkSize)
        runner.threads = threads
        runner.maxRecordBytes = 4000
        var output: [UInt8] = []
        var reports: [String] = []
        let summary = try runner.run(
            readingFrom: fds[0], named: "s", write: { output += $0 },
            report: { reports.append("\($0): \($1)") })
        close(fds[0])
        return (output, reports, summary)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func threadsChangeNothingInTheOutput(seed: UInt64) throws {
        let input = Self.stream(seed: seed)
        let one = try Self.run(input, threads: 1, chunkSize: 1 << 16)
        #expect(one.2.malformed > 40 && one.2.changed > 40)
        for (threads, chunk) in [(2, 1 << 16), (3, 4096), (5, 1 << 16)] {
            let many = try Self.run(input, threads: threads, chunkSize: chunk)
            #expect(many.0 == one.0, "threads \(threads)")
            #expect(many.1 == one.1)
            #expect(many.2 == one.2)
        }
    }

    /// The output restores to the input byte for byte: records, blank, malformed and
    /// over-long lines, and a last line without its break (odd seeds).
    @Test(arguments: [1, 2] as [UInt64])
    func theStreamRestoresByteForByte(seed: UInt64) throws {
        let input = Self.stream(seed: seed)
        for threads in [1, 3] {
            let (output, _, _) = try Self.run(input, threads: threads, chunkSize: 4096)
            #expect(try Restorer.restore(jsonLines: output, options: ImportOptions()) == input, "threads \(threads)")
            #expect((output.last == 0x0A) == (seed % 2 == 0))
        }
    }

    @Test func resultsComeBackInSubmissionOrder() {
        let pool = OrderedThreadPool<Int>(threads: 4)
        defer { pool.shutdown() }
        for i in 0..<500 {
            pool.submit {
                if i % 7 == 0 { usleep(200) }
                return i * i
            }
        }
        var got: [Int] = []
        while let r = pool.next() { got.append(r) }
        #expect(got == (0..<500).map { $0 * $0 })
        #expect(pool.pending == 0)
        #expect(pool.next(timeout: 0.01) == nil)
    }
}
