import DedupCore
import DedupPlugins
import Foundation
import Testing

@testable import DedupEngine

/// The stream runner, the line reader under it and the atomic writer it writes through.
@Suite struct LineStreamTests {
    /// A paragraph long enough that its second copy in a text is removed.
    static let body =
        "The committee met on Tuesday to discuss the budget for the coming year, "
        + "and after a long debate about schools, roads and the new library it agreed to raise "
        + "the spending on public transport by a tenth while holding every other line flat. "
        + "Members who had argued for a larger increase said they would bring the question "
        + "back in the spring, when the figures for the first quarter are known."

    static let duplicated = "Budget agreed\n\n\(body)\n\nRead more below.\n\n\(body)\n"

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static func clean(_ text: String, name: String = "-") -> CleanResult {
        Deduplicator().clean(Document(text, name: name))
    }

    /// The parsed object of a JSON line (Foundation, for checking only).
    static func object(_ line: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
    }

    /// `s` as a JSON string.
    static func quoted(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    // MARK: - Line reader

    /// A descriptor reading `bytes` from a temporary file (already unlinked); the caller closes it.
    static func temporaryFile(_ bytes: [UInt8]) throws -> Int32 {
        var template = Array("/tmp/dedup-jsonl-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(fd >= 0)
        unlink(Self.path(template))
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            try #require(n > 0)
            written += n
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    static func lines(of bytes: [UInt8], chunkSize: Int) throws -> (lines: [String], unterminated: Bool, bytesRead: Int) {
        let fd = try temporaryFile(bytes)
        defer { close(fd) }
        var reader = LineReader(fd: fd, name: "t", chunkSize: chunkSize)
        var lines: [String] = []
        while let line = try reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(try reader.next() == nil)
        return (lines, reader.lastLineWasUnterminated, reader.bytesRead)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 16])
    func lineReaderCutsLinesAcrossChunks(chunkSize: Int) throws {
        let long = String(repeating: "0123456789", count: 50)
        let input = "a\n\nbc\r\n\(long)\nlast"
        let read = try Self.lines(of: Self.bytes(input), chunkSize: chunkSize)
        #expect(read.lines == ["a", "", "bc\r", long, "last"])
        #expect(read.unterminated)
        #expect(read.bytesRead == input.utf8.count)

        let terminated = try Self.lines(of: Self.bytes("x\n\(long)\n"), chunkSize: chunkSize)
        #expect(terminated.lines == ["x", long])
        #expect(!terminated.unterminated)
    }

    @Test func lineReaderReadsEmptyStreams() throws {
        #expect(try Self.lines(of: [], chunkSize: 4).lines == [])
        #expect(try Self.lines(of: Self.bytes("\n"), chunkSize: 4).lines == [""])
    }

    @Test func lineReaderReadsAPipeAsItFills() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var reader = LineReader(fd: fds[0], name: "pipe", chunkSize: 4)
        _ = Self.bytes("one\ntw").withUnsafeBytes { write(fds[1], $0.baseAddress!, $0.count) }
        #expect(try reader.next() == Self.bytes("one"))
        #expect(!reader.hasBufferedLine, "the next line is not complete yet")
        _ = Self.bytes("o\nthree").withUnsafeBytes { write(fds[1], $0.baseAddress!, $0.count) }
        close(fds[1])
        #expect(try reader.next() == Self.bytes("two"))
        #expect(try reader.next() == Self.bytes("three"))
        #expect(try reader.next() == nil)
    }

    @Test func lineReaderReportsReadErrors() {
        var reader = LineReader(fd: -1, name: "broken", chunkSize: 4)
        #expect { try reader.next() } throws: { error in
            (error as? FileIOError)?.path == "broken"
        }
    }

    // MARK: - Stream

    struct StreamOutput {
        var output: [UInt8] = []
        var reports: [String] = []
        var summary = LineStreamSummary()
        var text: String { String(decoding: output, as: UTF8.self) }
    }

    static func stream(_ input: [UInt8], chunkSize: Int = 1 << 16, options: ImportOptions = ImportOptions()) throws -> StreamOutput {
        let fd = try temporaryFile(input)
        defer { close(fd) }
        let runner = LineStreamRunner(
            importer: .jsonLines, exporter: .jsonLines, options: options,
            deduplicator: Deduplicator(), chunkSize: chunkSize)
        var result = StreamOutput()
        result.summary = try runner.run(
            readingFrom: fd, named: "in.jsonl",
            write: { result.output += $0 }, report: { result.reports.append("\($0): \($1)") })
        return result
    }

    @Test func streamPassesMalformedAndBlankLinesThrough() throws {
        let input =
            [
                #"{"id":1,"text":"fine"}"#,
                #"{"id":2,"text":"unterminated}"#,
                "",
                "  \t",
                #"[1,2]"#,
                #"{"id":6,"body":"no text"}"#,
                #"{"id":7,"text":"fine too"}"#,
            ].joined(separator: "\n") + "\n"
        let result = try Self.stream(Self.bytes(input))
        #expect(
            result.reports == [
                "in.jsonl:2: invalid JSON at byte 15: unterminated string",
                "in.jsonl:5: not a JSON object",
                "in.jsonl:6: no string field 'text'",
            ])
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8)
        #expect(lines[0].hasPrefix(#"{"id":1,"text":"fine","dedup":{"source":{"path":"in.jsonl:1""#))
        #expect(lines[1] == #"{"id":2,"text":"unterminated}"#)
        #expect(lines[2] == "")
        #expect(lines[3] == "  \t")
        #expect(lines[4] == "[1,2]")
        #expect(lines[5] == #"{"id":6,"body":"no text"}"#)
        #expect(lines[6].hasPrefix(#"{"id":7,"text":"fine too","dedup":{"source":{"path":"in.jsonl:7""#))
        #expect(lines[7] == "")
        #expect(result.summary.lines == 7)
        #expect(result.summary.records == 5)
        #expect(result.summary.cleaned == 2)
        #expect(result.summary.malformed == 3)
        #expect(result.summary.bytesIn == input.utf8.count)
        #expect(result.summary.bytesOut == result.output.count)
    }

    @Test func streamKeepsCRLFAndALastLineWithoutItsBreak() throws {
        let result = try Self.stream(Self.bytes("{\"text\":\"a\"}\r\n{bad}\r\n{\"text\":\"b\"}"), chunkSize: 3)
        // Split on bytes: as a String, "\r\n" is one Character.
        let lines = result.output.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        try #require(lines.count == 3)
        #expect(lines[0].hasSuffix("}}\r"))
        #expect(lines[1] == "{bad}\r")
        // The last line had no break and gains none (restore gives the stream back).
        #expect(lines[2].hasPrefix(#"{"text":"b","dedup":"#) && lines[2].hasSuffix("}}"))
        #expect(result.summary.bytesOut == result.output.count)
        #expect(result.reports == ["in.jsonl:2: invalid JSON at byte 1: expected a field name in double quotes"])
    }

    @Test func streamReadsARenamedTextField() throws {
        let options = ImportOptions(textField: "content")
        let line = #"{"text":"x","content":"# + Self.quoted(Self.duplicated) + "}\n"
        let result = try Self.stream(Self.bytes(line), options: options)
        let object = try Self.object(Array(result.output.dropLast()))
        #expect(object["content"] as? String == Self.clean(Self.duplicated).cleanText)
        #expect(object["text"] as? String == "x")
        #expect(result.summary.changed == 1)
    }

    @Test(arguments: [5, 100, 1 << 16])
    func streamOfRecordsMatchesCleaningEachText(chunkSize: Int) throws {
        var texts: [String] = []
        for k in 0..<20 {
            switch k % 4 {
            case 0: texts.append("Story \(k)\n\n\(Self.body)\n\nRelated: \(k)\n\n\(Self.body)\n")
            case 1: texts.append("Short note \(k), nothing repeated.")
            case 2: texts.append("标题 \(k)\n\n\(Self.body.uppercased())\n\n\(Self.body.uppercased())\n\n\"quoted\" \\ tab\t end")
            default: texts.append("Line \(k) with an emoji 😀 and é.\n\n\(Self.body)")
            }
        }
        var input = ""
        for (k, text) in texts.enumerated() {
            input += #"{"id":"doc-\#(k)","n":\#(k).50,"text":\#(Self.quoted(text)),"tags":["a","\u00e9"]}"# + "\n"
        }
        let result = try Self.stream(Self.bytes(input), chunkSize: chunkSize)
        #expect(result.reports.isEmpty)
        let lines = result.output.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == texts.count + 1)
        #expect(lines.last?.isEmpty == true)
        var removed = 0
        for (k, text) in texts.enumerated() {
            let object = try Self.object(Array(lines[k]))
            let expected = Self.clean(text)
            #expect(object["id"] as? String == "doc-\(k)")
            #expect(object["text"] as? String == expected.cleanText)
            removed += text.utf8.count - expected.cleanBytes.count
            let line = String(decoding: lines[k], as: UTF8.self)
            #expect(line.hasPrefix(#"{"id":"doc-\#(k)","n":\#(k).50,"text":"#))
            #expect(line.contains(#","tags":["a","\u00e9"],"dedup":{"source":{"path":"in.jsonl:\#(k + 1)""#))
        }
        #expect(result.summary.records == 20)
        #expect(result.summary.cleaned == 20)
        #expect(result.summary.changed == 10)
        #expect(result.summary.removedBytes == removed)
        #expect(removed > 10 * Self.body.utf8.count)
    }

    // MARK: - Atomic file writer

    static func temporaryFolder() throws -> String {
        var template = Array("/tmp/dedup-jsonl-writer-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil)
        return Self.path(template)
    }

    static func path(_ template: [CChar]) -> String {
        String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func atomicWriterShowsTheFileOnlyAtCommit() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/out.jsonl"
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Self.bytes("one\n"))
        try writer.write(Self.bytes("two\n"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(
            try Self.entries(folder).allSatisfy { $0.hasPrefix(".") },
            "nothing visible before the commit (an unnamed O_TMPFILE, else a hidden temporary file)")
        try writer.commit()
        #expect(try Self.entries(folder) == ["out.jsonl"])
        #expect(FileManager.default.contents(atPath: path) == Data("one\ntwo\n".utf8))
        #expect(writer.bytesWritten == 8)
        #expect(throws: FileIOError.self) { try writer.write([1]) }
    }

    @Test func writersCommittedTogetherAppearWholeAndFailAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/b.txt"))
        try FileManager.default.createDirectory(atPath: "\(folder)/gone", withIntermediateDirectories: false)
        var writers: [AtomicFileWriter] = []
        for name in ["a.txt", "b.txt", "gone/c.txt", "d.txt"] {
            let writer = try AtomicFileWriter(path: "\(folder)/\(name)")
            try writer.write(Self.bytes("\(name)\n"))
            writers.append(writer)
        }
        // The folder of one output disappears before the commit: that one fails, alone.
        try FileManager.default.removeItem(atPath: "\(folder)/gone")
        let errors = AtomicFileWriter.commitAll(writers)
        #expect(errors.map { $0 == nil } == [true, true, false, true])
        #expect(try Self.entries(folder) == ["a.txt", "b.txt", "d.txt"])
        #expect(FileManager.default.contents(atPath: "\(folder)/b.txt") == Data("b.txt\n".utf8), "replaced")
        #expect(FileManager.default.contents(atPath: "\(folder)/d.txt") == Data("d.txt\n".utf8))
        #expect(AtomicFileWriter.commitAll([]).isEmpty)
    }

    @Test func atomicWriterLeavesNothingWhenAbandoned() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/out.jsonl"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Self.bytes("new\n"))
        writer.abandon()
        #expect(try Self.entries(folder) == ["out.jsonl"])
        #expect(FileManager.default.contents(atPath: path) == Data("old\n".utf8))
        #expect(throws: FileIOError.self) { try writer.commit() }

        do {
            let dropped = try AtomicFileWriter(path: "\(folder)/other.jsonl")
            try dropped.write(Self.bytes("x"))
        }
        #expect(try Self.entries(folder) == ["out.jsonl"], "a writer dropped uncommitted removes its file")
    }

    @Test func streamWritesThroughAnAtomicWriter() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = Self.bytes(#"{"id":1,"text":"# + Self.quoted(Self.duplicated) + "}\n{oops}\n")
        let fd = try Self.temporaryFile(input)
        defer { close(fd) }
        let runner = LineStreamRunner(
            importer: .jsonLines, exporter: .jsonLines, options: ImportOptions(),
            deduplicator: Deduplicator())
        let writer = try AtomicFileWriter(path: "\(folder)/out.jsonl")
        var reports: [String] = []
        let summary = try runner.run(
            readingFrom: fd, named: "in.jsonl", write: { bytes throws(FileIOError) in try writer.write(bytes) },
            report: { reports.append("\($0): \($1)") })
        try writer.commit()
        let written = try #require(FileManager.default.contents(atPath: "\(folder)/out.jsonl"))
        #expect(written.count == summary.bytesOut)
        #expect(written.count == writer.bytesWritten)
        #expect(String(decoding: written, as: UTF8.self).hasSuffix("}}\n{oops}\n"))
        #expect(reports == ["in.jsonl:2: invalid JSON at byte 1: expected a field name in double quotes"])
        #expect(summary.changed == 1)
    }

    @Test func atomicWriterFailsInAMissingFolder() {
        #expect(throws: FileIOError.self) { try AtomicFileWriter(path: "/nonexistent-folder-for-dedup/out.jsonl") }
    }
}
