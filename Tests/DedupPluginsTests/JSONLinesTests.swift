import Foundation
import Testing
import DedupCore
@testable import DedupPlugins

@Suite struct JSONLinesTests {
    /// A paragraph long enough that its second copy in a text is removed.
    static let body = "The committee met on Tuesday to discuss the budget for the coming year, "
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

    // MARK: - Scanner

    @Test(arguments: [
        #"{}"#, #"[]"#, #"  {"a" : [1, -2, 0, -0, 0.5, 1.0e+02, 1E-7, 12e3, -0.0E0], "b": {"c": {"d": [[], {}]}}}  "#,
        #"true"#, #"null"#, #"false"#, #""\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00 \u0000""#,
        "\"héllo 标题 😀\"", "\t\r\n {\"k\":\"v\"}\r", #"[1,[2,[3,[4,{"x":[5]}]]]]"#,
        #""\ud800 alone is grammatical""#, #"{"a":1,"a":2}"#, "\"\u{7F} and \u{2028}\"",
    ])
    func scannerAcceptsValidJSON(_ text: String) throws {
        try JSONScanner.validate(Self.bytes(text))
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "expected a field name in double quotes") as (String, String),
        (#"[1,2,]"#, "expected a value"),
        (#"{'a':1}"#, "expected a field name in double quotes"),
        (#"['a']"#, "expected a value"),
        (#"01"#, "leading zero in a number"),
        (#"-"#, "expected a digit"),
        (#"1."#, "expected a digit after '.'"),
        (#"1e+"#, "expected a digit in the exponent"),
        (#".5"#, "expected a value"),
        (#"+1"#, "expected a value"),
        (#"NaN"#, "expected a value"),
        (#""\x""#, "invalid escape"),
        (#""\u12G4""#, #"invalid escape (\u takes four hex digits)"#),
        (#""abc"#, "unterminated string"),
        ("\"tab\there\"", "control character in a string (it must be escaped)"),
        ("\"nl\nhere\"", "control character in a string (it must be escaped)"),
        (#"{"a":1} x"#, "unexpected data after the value"),
        (#"{"a":1}{}"#, "unexpected data after the value"),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{"a":1 "b":2}"#, "expected ',' or '}'"),
        (#"[1 2]"#, "expected ',' or ']'"),
        (#"tru"#, "expected a value (true, false or null)"),
        (#"{"a":[1,2}"#, "expected ',' or ']'"),
        (#"{"a":"#, "expected a value, found the end of the line"),
        (#""#, "expected a value, found the end of the line"),
    ])
    func scannerRejectsInvalidJSON(_ text: String, problem: String) {
        #expect {
            try JSONScanner.validate(Self.bytes(text))
        } throws: { error in
            guard case .invalidJSON(_, let found) = error as? JSONLinesError else { return false }
            return found == problem
        }
    }

    @Test func scannerReportsWhereTheErrorIs() {
        #expect(throws: JSONLinesError.invalidJSON(offset: 7, problem: "expected ',' or '}'")) {
            try JSONScanner.validate(Self.bytes(#"{"a":1 "b":2}"#))
        }
        #expect(throws: JSONLinesError.invalidJSON(offset: 5, problem: "unterminated string")) {
            try JSONScanner.validate(Self.bytes(#"{"a":"abc"#))
        }
        #expect(throws: JSONLinesError.invalidJSON(offset: 6, problem: "leading zero in a number")) {
            try JSONScanner.validate(Self.bytes(#"{"a":-012}"#))
        }
    }

    @Test func scannerRejectsInvalidUTF8() {
        // `{"t":"é` is eight bytes.
        for (bad, offset) in [([0xFF], 8), ([0xC3], 8), ([0xE2, 0x82], 8), ([0xED, 0xA0, 0x80], 8), ([0xC0, 0xAF], 8),
                              ([0x61, 0xF5, 0x80, 0x80, 0x80], 9)] as [([UInt8], Int)] {
            let line = Self.bytes(#"{"t":"é"#) + bad + Self.bytes(#"xxxxxxxxxxxxxxxxx"}"#)
            #expect(throws: JSONLinesError.invalidUTF8(offset: offset)) { try JSONScanner.validate(line) }
        }
    }

    @Test func scannerFindsTheFieldsOfARecord() throws {
        let line = Self.bytes(#" {"id":1, "dedup" : {"x":[1]}, "text":"a\"b", "t\u0065xt2":"c" } "#)
        let layout = try JSONScanner.scanRecord(line, textField: "text", provenanceField: "dedup")
        #expect(String(decoding: line[layout.textValue], as: UTF8.self) == #""a\"b""#)
        #expect(layout.textHasEscapes)
        #expect(String(decoding: line[try #require(layout.provenanceValue)], as: UTF8.self) == #"{"x":[1]}"#)
        #expect(line[layout.closingBrace] == UInt8(ascii: "}"))
        #expect(layout.closingBrace == line.count - 2)
        // A field name written with escapes is the name it decodes to.
        let escaped = try JSONScanner.scanRecord(line, textField: "text2", provenanceField: "dedup")
        #expect(String(decoding: line[escaped.textValue], as: UTF8.self) == #""c""#)
    }

    @Test(arguments: [
        (#"[1,2]"#, JSONLinesError.notAnObject),
        (#""text""#, JSONLinesError.notAnObject),
        (#"{"body":"x"}"#, JSONLinesError.missingField("text")),
        (#"{"text":7}"#, JSONLinesError.notAString("text")),
        (#"{"text":null}"#, JSONLinesError.notAString("text")),
        (#"{"text":"a","text":"b"}"#, JSONLinesError.duplicateField("text")),
        (#"{"text":"a","dedup":{},"dedup":{}}"#, JSONLinesError.duplicateField("dedup")),
        (#"{"text":"a\ud800"}"#, JSONLinesError.loneSurrogate(offset: 10)),
        (#"{"text":"\udc00 low"}"#, JSONLinesError.loneSurrogate(offset: 9)),
        (#"{"text":"\ud83d\u0041"}"#, JSONLinesError.loneSurrogate(offset: 9)),
        (#"{"text":"a",}"#, JSONLinesError.invalidJSON(offset: 12, problem: "expected a field name in double quotes")),
    ])
    func importerRejectsRecordsItCannotClean(_ line: String, expected: JSONLinesError) {
        #expect(throws: expected) { try Importer.jsonLines.read(Self.bytes(line), "in.jsonl:3", ImportOptions()) }
    }

    @Test func errorsReadAsTheBriefSays() {
        #expect("\(JSONLinesError.notAnObject)" == "not a JSON object")
        #expect("\(JSONLinesError.missingField("text"))" == "no string field 'text'")
        #expect("\(JSONLinesError.duplicateField("text"))" == "field 'text' appears twice")
        #expect("\(JSONLinesError.invalidJSON(offset: 37, problem: "expected ',' or '}'"))"
            == "invalid JSON at byte 37: expected ',' or '}'")
    }

    // MARK: - Importer

    @Test func importerDecodesTheTextAndKeepsTheRecord() throws {
        let line = Self.bytes(#"{"id":"a1","text":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ tab\there\nline 标题","n":1}"#)
        let imported = try Importer.jsonLines.read(line, "in.jsonl:17", ImportOptions())
        #expect(imported.document.text == "café 😀 \"q\" \\ / tab\there\nline 标题")
        #expect(imported.document.name == "in.jsonl:17")
        let record = try #require(imported.record)
        #expect(record.bytes == line)
        #expect(record.lineNumber == 17)
        #expect(record.provenanceValue == nil)
        #expect(record.closingBrace == line.count - 1)
        #expect(!record.isEmptyObject)
        #expect(String(decoding: line[record.textValue], as: UTF8.self).hasPrefix(#""caf\u00e9"#))
    }

    @Test func importerTakesWhitespaceAndCRLFAroundTheObject() throws {
        let line = Self.bytes(" \t{\"text\":\"plain\"}  \r")
        let imported = try Importer.jsonLines.read(line, "x", ImportOptions())
        #expect(imported.document.text == "plain")
        #expect(imported.record?.closingBrace == 17)
    }

    @Test func importerSkipsAByteOrderMarkAndKeepsIt() throws {
        let line: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.bytes(#"{"text":"a"}"#)
        let imported = try Importer.jsonLines.read(line, "x", ImportOptions())
        #expect(imported.document.text == "a")
        #expect(try Self.roundTrip(line).starts(with: line.dropLast()))
    }

    @Test func importerReadsARenamedTextField() throws {
        let options = ImportOptions(textField: "body", provenanceField: "prov")
        let line = Self.bytes(#"{"text":"not this","body":"this one"}"#)
        #expect(try Importer.jsonLines.read(line, "x", options).document.text == "this one")
        #expect(throws: JSONLinesError.missingField("body")) {
            try Importer.jsonLines.read(Self.bytes(#"{"text":"x"}"#), "x", options)
        }
    }

    @Test func importerIsRegisteredForItsExtensions() {
        #expect(Importer.jsonLines.fileExtensions == ["jsonl", "ndjson"])
        #expect(Importer.jsonLines.framing == .lines)
        #expect(Importer.jsonLines.defaultExporter == Exporter.jsonLines.name)
    }

    // MARK: - Exporter

    /// The record read from `line` and cleaned, as the JSON Lines exporter writes it.
    static func roundTrip(_ line: [UInt8], options: ImportOptions = ImportOptions()) throws -> [UInt8] {
        let imported = try Importer.jsonLines.read(line, "in.jsonl:1", options)
        return try Exporter.jsonLines.render(CleanedDocument(cleaning: imported, with: Deduplicator(), options: options))
    }

    /// A JSON string literal of `s` (as JSONWriter spells it).
    static func quoted(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test func exporterReplacesOnlyTheTextAndAddsProvenance() throws {
        let before = #"{"id":42,"score":1.0e+02,"big":12345678901234567890,"meta":{"z":[1,{"b":"\u00e9"}],"a":null},"#
        let after = #","title":"\ud83d\ude00 caf\u00e9","neg":-0.0E-0}"#
        let line = Self.bytes(before + #""text":"# + Self.quoted(Self.duplicated) + after)
        let out = try Self.roundTrip(line)
        let clean = Self.clean(Self.duplicated, name: "in.jsonl:1")
        #expect(clean.removals.count > 0, "the second copy of the body is removed")

        let text = String(decoding: out, as: UTF8.self)
        let expectedStart = before + #""text":"# + Self.quoted(clean.cleanText) + after.dropLast() + #","dedup":{"#
        #expect(text.hasPrefix(expectedStart))
        #expect(text.hasSuffix("}}\n"))
        #expect(out.count(where: { $0 == 0x0A }) == 1)

        let object = try Self.object(Array(out.dropLast()))
        #expect(object["text"] as? String == clean.cleanText)
        let provenance = try #require(object["dedup"] as? [String: Any])
        #expect((provenance["source"] as? [String: Any])?["path"] as? String == "in.jsonl:1")
        #expect((provenance["source"] as? [String: Any])?["size"] as? Int == Self.duplicated.utf8.count)
        #expect(provenance["text"] == nil)
        let spans = try #require(provenance["spans"] as? [[String: Any]])
        #expect(spans.contains { $0["action"] as? String == "remove" && ($0["text"] as? String)?.contains("committee") == true })
        #expect((provenance["removed"] as? [String: Any])?["bytes"] as? Int == Self.duplicated.utf8.count - clean.cleanBytes.count)
    }

    @Test func exporterKeepsATextWithNothingRemovedAsItWasSpelt() throws {
        let line = Self.bytes(#"{"text":"caf\u00e9 \/ once","id":1}"#)
        let out = String(decoding: try Self.roundTrip(line), as: UTF8.self)
        #expect(out.hasPrefix(#"{"text":"caf\u00e9 \/ once","id":1,"dedup":{"source":"#))
    }

    @Test func rerunReplacesTheProvenanceField() throws {
        let line = Self.bytes(#"{"id":"x","text":"# + Self.quoted(Self.duplicated) + "}")
        let first = try Self.roundTrip(line)
        let second = try Self.roundTrip(Array(first.dropLast()))
        let secondText = String(decoding: second, as: UTF8.self)
        #expect(secondText.components(separatedBy: #""dedup":"#).count == 2, "one provenance field")
        let object = try Self.object(Array(second.dropLast()))
        #expect(object["text"] as? String == Self.clean(Self.duplicated).cleanText)
        let provenance = try #require(object["dedup"] as? [String: Any])
        #expect((provenance["removed"] as? [String: Any])?["bytes"] as? Int == 0, "nothing left to remove")
        // A provenance field before the text is replaced where it stands.
        let reordered = Self.bytes(#"{"dedup":{"old":true},"text":"# + Self.quoted(Self.duplicated) + #","n":1}"#)
        let out = String(decoding: try Self.roundTrip(reordered), as: UTF8.self)
        #expect(out.hasPrefix(#"{"dedup":{"source":"#))
        #expect(out.hasSuffix(#","n":1}"# + "\n"))
        #expect(!out.contains(#""old""#))
    }

    @Test func exporterUsesTheFieldNamesOfTheOptions() throws {
        let options = ImportOptions(textField: "body", provenanceField: "cleaning")
        let line = Self.bytes(#"{"body":"# + Self.quoted(Self.duplicated) + #","text":"untouched"}"#)
        let object = try Self.object(Array(try Self.roundTrip(line, options: options).dropLast()))
        #expect(object["body"] as? String == Self.clean(Self.duplicated).cleanText)
        #expect(object["text"] as? String == "untouched")
        #expect(object["cleaning"] is [String: Any])
        #expect(object["dedup"] == nil)
    }

    @Test func exporterKeepsCRLFAndWhitespaceAroundTheRecord() throws {
        let out = String(decoding: try Self.roundTrip(Self.bytes(" {\"text\":\"a\"} \r")), as: UTF8.self)
        #expect(out.hasPrefix(#" {"text":"a","dedup":{"#))
        #expect(out.hasSuffix("}} \r\n"))
    }

    @Test func exporterWritesANewRecordForAPlainDocument() throws {
        let result = Self.clean(Self.duplicated, name: "page.txt")
        let out = try Exporter.jsonLines.render(CleanedDocument(result: result))
        #expect(out.last == 0x0A)
        #expect(out.count(where: { $0 == 0x0A }) == 1)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix(#"{"source":"page.txt","text":"#))
        let object = try Self.object(Array(out.dropLast()))
        #expect(object["text"] as? String == result.cleanText)
        #expect(object["dedup"] is [String: Any])
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
        let runner = LineStreamRunner(importer: .jsonLines, exporter: .jsonLines, options: options,
                                      deduplicator: Deduplicator(), chunkSize: chunkSize)
        var result = StreamOutput()
        result.summary = try runner.run(readingFrom: fd, named: "in.jsonl",
                                        write: { result.output += $0 }, report: { result.reports.append("\($0): \($1)") })
        return result
    }

    @Test func streamPassesMalformedAndBlankLinesThrough() throws {
        let input = [
            #"{"id":1,"text":"fine"}"#,
            #"{"id":2,"text":"unterminated}"#,
            "",
            "  \t",
            #"[1,2]"#,
            #"{"id":6,"body":"no text"}"#,
            #"{"id":7,"text":"fine too"}"#,
        ].joined(separator: "\n") + "\n"
        let result = try Self.stream(Self.bytes(input))
        #expect(result.reports == [
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

    @Test func streamEndsEveryLineAndKeepsCRLF() throws {
        let result = try Self.stream(Self.bytes("{\"text\":\"a\"}\r\n{bad}\r\n{\"text\":\"b\"}"), chunkSize: 3)
        // Split on bytes: as a String, "\r\n" is one Character.
        let lines = result.output.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        try #require(lines.count == 4)
        #expect(lines[0].hasSuffix("}}\r"))
        #expect(lines[1] == "{bad}\r")
        #expect(lines[2].hasPrefix(#"{"text":"b","dedup":"#) && lines[2].hasSuffix("}}"))
        #expect(lines[3] == "")
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
        #expect(try Self.entries(folder).allSatisfy { $0.hasPrefix(".") }, "nothing visible before the commit (an unnamed O_TMPFILE, else a hidden temporary file)")
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
        let runner = LineStreamRunner(importer: .jsonLines, exporter: .jsonLines, options: ImportOptions(),
                                      deduplicator: Deduplicator())
        let writer = try AtomicFileWriter(path: "\(folder)/out.jsonl")
        var reports: [String] = []
        let summary = try runner.run(readingFrom: fd, named: "in.jsonl", write: { bytes throws(FileIOError) in try writer.write(bytes) },
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
