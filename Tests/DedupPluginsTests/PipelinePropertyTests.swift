import DedupCore
import Testing

@testable import DedupPlugins

/// A small seeded random number generator (xorshift64*), so that random tests are repeatable.
struct PipelineRNG {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// A number in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The whole plugin pipeline on random input: import as text → clean → JSON or XML → restore
/// gives the text back byte for byte (the input itself when it is UTF-8 without a mark), the
/// spans tile it, and input that cannot be read is refused with the right offset.
@Suite struct PipelinePropertyTests {
    static let pieces = [
        "大模型", "的", "。", "，", "中文段落", "Ｌｌａｍａ", " ", "  ", "\n", "\n\n", "\u{00A0}", "\u{3000}",
        "\t", "\r\n", "the ", "storm ", "hit.", "Mr. ", "?", "…", "\u{200B}", "\u{FEFF}", "한국어", "カタカナ",
        "é", "😀", "<&>", "\u{01}", "\u{FFFE}", "A sentence long enough to count as a copy of itself. ",
    ]

    /// How a random text is written to bytes.
    enum Form: CaseIterable {
        case utf8, utf8WithMark, utf16LEWithMark, utf16BEWithMark, utf32LEWithMark, utf16LENamed

        func bytes(_ text: String) -> [UInt8] {
            let utf8 = Array(text.utf8)
            switch self {
            case .utf8: return utf8
            case .utf8WithMark: return BadInputTests.bomUTF8 + utf8
            case .utf16LEWithMark: return BadInputTests.withByteOrderMark(text, "UTF-16LE")
            case .utf16BEWithMark: return BadInputTests.withByteOrderMark(text, "UTF-16BE")
            case .utf32LEWithMark: return BadInputTests.withByteOrderMark(text, "UTF-32LE")
            case .utf16LENamed: return BadInputTests.utf16LE(text)
            }
        }

        var encoding: String? { self == .utf16LENamed ? "UTF-16LE" : nil }
    }

    /// Cleans `imported` and checks the provenance: spans tile the text, kept spans make the
    /// clean text, and JSON and XML restore `expected`.
    static func checkPipeline(
        _ imported: ImportedDocument, restores expected: [UInt8], validate: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(imported.document.bytes == expected, sourceLocation: sourceLocation)
        let cleaned = CleanedDocument(cleaning: imported, with: Deduplicator())
        var cursor = 0
        var kept: [UInt8] = []
        for span in cleaned.result.spans {
            #expect(span.start == cursor && span.end > span.start, sourceLocation: sourceLocation)
            if span.action == .keep { kept += expected[span.range.range] }
            cursor = span.end
        }
        #expect(cursor == expected.count, sourceLocation: sourceLocation)
        #expect(kept == cleaned.result.cleanBytes, sourceLocation: sourceLocation)
        #expect(try Restorer.restore(try Exporter.json.render(cleaned)) == expected, sourceLocation: sourceLocation)
        let xml = try Exporter.xml.render(cleaned)
        #expect(try Restorer.restore(xml) == expected, sourceLocation: sourceLocation)
        if validate, let validator = XMLExporterTests.validator {
            #expect(throws: Never.self, sourceLocation: sourceLocation) { try validator.validate(xml) }
        }
    }

    /// A random article: paragraphs of random pieces, some of them stored again the ways
    /// scrapers store them (a later copy, a teaser cut short, re-wrapped, stuttered).
    static func randomArticle(_ rng: inout PipelineRNG) -> String {
        let paragraphs = (0..<(1 + rng.below(6))).map { _ in
            (0..<(1 + rng.below(30))).map { _ in pieces[rng.below(pieces.count)] }.joined()
        }
        var parts: [String] = []
        for _ in 0..<rng.below(12) {
            let paragraph = paragraphs[rng.below(paragraphs.count)]
            switch rng.below(5) {
            case 0: parts.append(String(paragraph.prefix(1 + rng.below(paragraph.count))))
            case 1: parts.append(paragraph.replacingOccurrences(of: " ", with: "\n"))
            case 2: parts.append(paragraph + paragraph)
            default: parts.append(paragraph)
            }
        }
        return parts.joined(separator: ["\n\n", "\n", " ", "\r\n\r\n", ""][rng.below(5)])
    }

    @Test(arguments: 0..<240)
    func randomTextRoundTripsThroughEveryForm(seed: Int) throws {
        var rng = PipelineRNG(seed: UInt64(seed))
        var text = Self.randomArticle(&rng)
        let form = Form.allCases[seed % Form.allCases.count]
        // Named UTF-16LE, a text starting with U+FEFF or U+FFFE would start with a mark.
        if form == .utf16LENamed { text = "x" + text }
        let bytes = form.bytes(text)
        let imported = try Importer.plainText.read(bytes, "random.txt", ImportOptions(encoding: form.encoding))
        // Only the first mark of a UTF-8 file is a mark; the rest is text.
        var expected = Array(text.utf8)
        if form == .utf8, expected.starts(with: BadInputTests.bomUTF8) { expected.removeFirst(3) }
        try Self.checkPipeline(imported, restores: expected, validate: seed % 4 == 0)
        if form == .utf8 && expected.count == bytes.count {
            #expect(imported.origin == nil)
        } else {
            #expect(imported.origin?.sha256 == SHA256.hexDigest(bytes))
            #expect(imported.origin?.size == bytes.count)
        }
    }

    /// Random bytes: mostly plain random, some valid UTF-8 with a few bytes broken.
    static func randomBytes(_ rng: inout PipelineRNG, zeros: Bool) -> [UInt8] {
        var bytes: [UInt8]
        if rng.below(2) == 0 {
            bytes = (0..<rng.below(1500)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        } else {
            let text = (0..<rng.below(200)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            bytes = Array(text.utf8)
            for _ in 0..<rng.below(3) where !bytes.isEmpty {
                bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            }
        }
        if !zeros { bytes = bytes.map { $0 == 0 ? 0x20 : $0 } }
        return bytes
    }

    @Test(arguments: 0..<120)
    func randomBytesAreReadExactlyOrRefusedAtTheRightOffset(seed: Int) throws {
        var rng = PipelineRNG(seed: UInt64(seed) &+ 5000)
        let bytes = Self.randomBytes(&rng, zeros: seed % 3 == 0)
        let marked = TextEncoding.byteOrderMark(of: bytes) != nil
        let expectedError: TextDecodingError?
        if let zero = bytes.firstIndex(of: 0), !marked {
            expectedError = .binary(offset: zero, width: 1, likelyEncoding: TextDecoding.utf16WithoutMark(bytes))
        } else if let bad = UTF8Validation.firstInvalidOffset(in: bytes), !marked {
            expectedError = .notUTF8(offset: bad, byte: bytes[bad])
        } else {
            expectedError = nil
        }
        do {
            let imported = try Importer.plainText.read(bytes, "random.bin", ImportOptions())
            #expect(expectedError == nil)
            try Self.checkPipeline(imported, restores: marked ? imported.document.bytes : bytes, validate: seed % 4 == 0)
        } catch let error as TextDecodingError {
            if let expectedError { #expect(error == expectedError) }
            #expect(!error.description.contains("\n"))
        }
    }

    @Test(arguments: 0..<120)
    func randomBytesInANamedEncodingDecodeUpToTheReportedOffset(seed: Int) throws {
        let labels = ["GB18030", "Big5", "Shift_JIS", "EUC-KR", "EUC-JP", "UTF-16LE", "UTF-32BE", "windows-1252"]
        let label = labels[seed % labels.count]
        var rng = PipelineRNG(seed: UInt64(seed) &+ 9000)
        // Short runs of random bytes, so that some decode all the way.
        var bytes = (0..<rng.below(seed % 2 == 0 ? 12 : 600)).map { _ in UInt8(truncatingIfNeeded: rng.next() | 1) }
        if rng.below(2) == 0 { bytes = bytes.map { $0 & 0x7F } }  // ASCII, no zero byte
        let encoding = try #require(TextEncoding.named(label))
        do {
            let imported = try Importer.plainText.read(bytes, "random.txt", ImportOptions(encoding: label))
            let repaired = encoding.decode(bytes[...])
            #expect(repaired.errors == 0)
            #expect(imported.origin?.encoding == encoding.name)
            try Self.checkPipeline(imported, restores: repaired.utf8, validate: seed % 4 == 0)
        } catch let error as TextDecodingError {
            guard case .invalid(let name, let offset, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(name == encoding.name)
            #expect(offset <= bytes.count)
            // Everything before the offset decodes cleanly: it is the first bad sequence.
            #expect(encoding.decode(bytes[..<offset]).errors == 0, "\(label) \(bytes) \(offset)")
        }
    }
}
