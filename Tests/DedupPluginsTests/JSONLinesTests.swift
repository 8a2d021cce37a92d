import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

@Suite struct JSONLinesTests {
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
        for (bad, offset) in [
            ([0xFF], 8), ([0xC3], 8), ([0xE2, 0x82], 8), ([0xED, 0xA0, 0x80], 8), ([0xC0, 0xAF], 8),
            ([0x61, 0xF5, 0x80, 0x80, 0x80], 9),
        ] as [([UInt8], Int)] {
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
        #expect(
            "\(JSONLinesError.invalidJSON(offset: 37, problem: "expected ',' or '}'"))"
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
}

/// `dedup restore` of JSON Lines: records come back as they were spelt.
@Suite struct JSONLinesRestoreTests {
    static let body = "The storm hit the coast at dawn on Tuesday and flooded the town.\n\n"

    func roundTrip(_ line: String, options: ImportOptions = ImportOptions()) throws -> [UInt8] {
        let imported = try Importer.jsonLines.read(Array(line.utf8), "in.jsonl:1", options)
        let cleaned = CleanedDocument(cleaning: imported, with: Deduplicator(), options: options)
        let written = try Exporter.jsonLines.render(cleaned)
        return try Restorer.restore(jsonLines: written, options: options)
    }

    @Test(arguments: [
        // The writer's own spelling, Python's ensure_ascii, and spellings of neither kind.
        #"{"id":1,"text":"Café. BODYBODY"}"#,
        #"{"id":1,"text":"Caf\u00e9 \u4e2d. BODYBODY", "n": 2.50}"#,
        #"{ "text" : "x\/y \u0041 BODYBODY" , "id": "a" }"#,
        #"{"text":"tab\there BODYBODY","dedup":{"old":true}}"#,
        #"{"text":"nothing to remove"}"#,
    ])
    func aRecordRestoresAsItWasSpelt(template: String) throws {
        let escaped = Self.body.replacingOccurrences(of: "\n", with: "\\n")
        let line = template.replacingOccurrences(of: "BODY", with: escaped)
        #expect(try roundTrip(line) == Array((line + "\n").utf8))
    }

    @Test func oneRecordComesBackByIdAndOtherLinesAsTheyAre() throws {
        let stream = Array("{\"id\":\"x\",\"text\":\"a\"}\n\nnot json\n{\"id\":\"y\",\"text\":\"b\"}\n".utf8)
        #expect(try Restorer.restore(jsonLines: stream, options: ImportOptions()) == stream)
        #expect(try Restorer.restore(jsonLines: stream, options: ImportOptions(), id: "y") == Array("{\"id\":\"y\",\"text\":\"b\"}\n".utf8))
        #expect(throws: Restorer.Failure.self) { try Restorer.restore(jsonLines: stream, options: ImportOptions(), id: "z") }
    }

    /// Found by Fuzz/FuzzJSONLines: a record whose text is a lone surrogate, rejected by the
    /// importer and so written through by `clean`, made restore fail when it also had a
    /// provenance field.
    @Test(arguments: [#"{"text":"\ud83e","dedup":{}}"#, #"{"text":"a \udc00","dedup":{"source":{"size":1},"spans":[]}}"#])
    func aRejectedRecordWithAProvenanceFieldRestoresAsItIs(line: String) throws {
        #expect(throws: JSONLinesError.self) { try Importer.jsonLines.read(Array(line.utf8), "in.jsonl:1", ImportOptions()) }
        let stream = Array((line + "\n{\"text\":\"b\"}\n").utf8)
        #expect(try Restorer.restore(jsonLines: stream, options: ImportOptions()) == stream)
    }

    @Test func damagedProvenanceIsAnErrorNamingTheLine() throws {
        let line = #"{"text":"a","dedup":{"source":{"size":5},"spans":[{"start":0,"end":1,"action":"keep"}]}}"#
        #expect {
            try Restorer.restore(jsonLines: Array(("\n" + line + "\n").utf8), options: ImportOptions())
        } throws: { ($0 as? Restorer.Failure)?.description.hasPrefix("line 2:") == true }
    }

    /// Telling from a text value's escapes whether it is spelt as the writer spells it agrees
    /// with writing the decoded text again and comparing: values built from every kind of
    /// escape (the writer's own, `\/`, `\b`, `\f`, `\u` in either case, non-ASCII escaped
    /// or not, surrogate pairs) and raw text.
    @Test func theWritersSpellingIsToldFromTheEscapes() throws {
        let pieces = [
            "a", "中", "é", " ", #"\""#, #"\\"#, #"\n"#, #"\r"#, #"\t"#, #"\/"#, #"\b"#, #"\f"#, #"\u0001"#, #"\u001f"#,
            #"\u001F"#, #"\u000a"#, #"\u0009"#, #"\u00e9"#, #"\u4e2d"#, #"\ud83d\ude00"#, #"\u0041"#, "/", "\u{7F}",
        ]
        var state: UInt64 = 99
        func below(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<2_000 {
            let value = Array(("\"" + (0..<below(8)).map { _ in pieces[below(pieces.count)] }.joined() + "\"").utf8)
            let decoded = try JSONStringDecoder.decode(value, 0..<value.count)
            let rewritten = RecordSpelling.canonical(decoded[...])
            #expect(RecordSpelling.isCanonical(value[...]) == (rewritten == value), "\(String(decoding: value, as: UTF8.self))")
        }
    }
}
