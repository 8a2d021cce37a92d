import DedupCore
import Foundation
import Testing

@testable import DedupPlugins

/// Input that is not plain UTF-8 text: byte order marks, UTF-16 and UTF-32, legacy encodings
/// named by the user, bytes that are invalid, binary files, empty files, and malformed or
/// hostile HTML. Every input is either read correctly or refused with a one-line reason.
@Suite struct BadInputTests {
    // MARK: Helpers

    static func importText(_ bytes: [UInt8], encoding: String? = nil) throws -> ImportedDocument {
        try Importer.plainText.read(bytes, "in.txt", ImportOptions(encoding: encoding))
    }

    static func importHTML(_ bytes: [UInt8], encoding: String? = nil) throws -> ImportedDocument {
        try Importer.html.read(bytes, "page.html", ImportOptions(encoding: encoding))
    }

    /// The error importing `bytes` as text throws, when it is a `TextDecodingError`.
    static func textError(_ bytes: [UInt8], encoding: String? = nil) -> TextDecodingError? {
        do {
            _ = try importText(bytes, encoding: encoding)
            return nil
        } catch {
            return error as? TextDecodingError
        }
    }

    static func utf16LE(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func utf16BE(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
    static func utf32LE(_ text: String) -> [UInt8] {
        text.unicodeScalars.flatMap { s in (0..<4).map { UInt8(truncatingIfNeeded: s.value >> (8 * $0)) } }
    }
    static func utf32BE(_ text: String) -> [UInt8] { utf32LE(text).chunked4.flatMap { $0.reversed() } }

    static let bomUTF8: [UInt8] = [0xEF, 0xBB, 0xBF]

    // MARK: Plain text: what is read

    @Test func utf8WithoutAMarkIsTheFileItself() throws {
        let bytes = Array("中文 and Latin\n".utf8)
        let imported = try Self.importText(bytes)
        #expect(imported.document.bytes == bytes)
        #expect(imported.origin == nil)
    }

    @Test func utf8ByteOrderMarkIsNotPartOfTheText() throws {
        let bytes = Self.bomUTF8 + Array("中文 text\n".utf8)
        let imported = try Self.importText(bytes)
        #expect(imported.document.text == "中文 text\n")
        let origin = try #require(imported.origin)
        #expect(
            origin
                == Origin(
                    format: "text", path: "in.txt", size: bytes.count, sha256: SHA256.hexDigest(bytes),
                    encoding: "UTF-8", blocks: []))
        // Named as UTF-8, the mark is still dropped.
        #expect(try Self.importText(bytes, encoding: "utf-8").document.text == "中文 text\n")
    }

    /// `text` in the Unicode encoding form `name`, after its byte order mark.
    static func withByteOrderMark(_ text: String, _ name: String) -> [UInt8] {
        switch name {
        case "UTF-16LE": [0xFF, 0xFE] + utf16LE(text)
        case "UTF-16BE": [0xFE, 0xFF] + utf16BE(text)
        case "UTF-32LE": [0xFF, 0xFE, 0x00, 0x00] + utf32LE(text)
        default: [0x00, 0x00, 0xFE, 0xFF] + utf32BE(text)
        }
    }

    @Test(arguments: ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"])
    func unicodeWithAByteOrderMarkIsDecoded(_ name: String) throws {
        let text = "中文 é 😀 Ā\u{100}\n\n한국어 カタカナ\n"  // Ā: a zero byte in UTF-16, not a NUL
        let bytes = Self.withByteOrderMark(text, name)
        let imported = try Self.importText(bytes)
        #expect(imported.document.text == text)
        #expect(imported.origin?.encoding == name)
        #expect(imported.origin?.format == "text")
        #expect(imported.origin?.size == bytes.count)
        #expect(imported.origin?.sha256 == SHA256.hexDigest(bytes))
        // Naming the form (of either byte order) keeps the mark's byte order.
        let family = name.hasPrefix("UTF-16") ? "utf-16" : "utf-32"
        #expect(try Self.importText(bytes, encoding: family).document.text == text)
    }

    @Test func unicodeWithoutAMarkIsReadWhenNamed() throws {
        #expect(try Self.importText(Self.utf16LE("中文 text"), encoding: "UTF-16LE").document.text == "中文 text")
        #expect(try Self.importText(Self.utf16BE("中文 text"), encoding: "utf-16be").document.text == "中文 text")
        #expect(try Self.importText(Self.utf16LE("中文 text"), encoding: "utf-16").document.text == "中文 text")
        #expect(try Self.importText(Self.utf32BE("中文 😀"), encoding: "UTF-32BE").document.text == "中文 😀")
    }

    @Test(arguments: [
        ("GB18030", [0xD6, 0xD0, 0xCE, 0xC4, 0xA8, 0xA6, 0x94, 0x39, 0xFC, 0x36] as [UInt8], "中文é😀", "GB18030"),
        ("GBK", [0xD6, 0xD0, 0xCE, 0xC4], "中文", "GB18030"),
        (" gb2312 ", [0xD6, 0xD0, 0xCE, 0xC4], "中文", "GB18030"),
        ("Big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文", "Big5"),
        ("Shift_JIS", [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA], "日本語", "Shift_JIS"),
        ("EUC-JP", [0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC], "日本語", "EUC-JP"),
        ("EUC-KR", [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE], "한국어", "EUC-KR"),
        ("windows-1252", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x80], "café €", "windows-1252"),
        ("ISO-8859-1", [0x63, 0x61, 0x66, 0xE9], "café", "windows-1252"),
        ("ISO-8859-2", [0xA3, 0xF3, 0x64, 0xBC], "Łódź", "ISO-8859-2"),
    ])
    func namedEncodingsAreDecoded(_ label: String, _ encoded: [UInt8], _ text: String, _ name: String) throws {
        let bytes = encoded + Array(" ascii\n".utf8)
        let imported = try Self.importText(bytes, encoding: label)
        #expect(imported.document.text == text + " ascii\n")
        #expect(
            imported.origin
                == Origin(
                    format: "text", path: "in.txt", size: bytes.count,
                    sha256: SHA256.hexDigest(bytes), encoding: name, blocks: []))
        #expect(throws: Never.self) { try TextDecodingError.checkEncoding(label) }
    }

    @Test func aNamedEncodingIsRecordedEvenWhenTheTextIsASCII() throws {
        let imported = try Self.importText(Array("plain\n".utf8), encoding: "Big5")
        #expect(imported.document.text == "plain\n")
        #expect(imported.origin?.encoding == "Big5")
    }

    @Test func emptyAndWhitespaceOnlyFilesCleanWithoutError() throws {
        let cases: [([UInt8], String?)] = [
            ([], nil), (Array(" \n\t\n".utf8), nil), (Array("\u{3000}\u{00A0}\r\n".utf8), nil),
            (Self.bomUTF8, nil), ([0xFF, 0xFE], nil), ([0xFE, 0xFF] + Self.utf16BE(" \n"), nil),
            ([], "GBK"), (Array("  ".utf8), "Shift_JIS"),
        ]
        for (bytes, encoding) in cases {
            let imported = try Self.importText(bytes, encoding: encoding)
            let cleaned = CleanedDocument(cleaning: imported, with: Deduplicator())
            // Whitespace only: removed whole, so that the clean text is empty.
            #expect(cleaned.result.spans.allSatisfy { $0.action == .remove && $0.reason == .whitespaceOnly }, "\(bytes)")
            #expect(cleaned.result.cleanBytes.isEmpty, "\(bytes)")
            #expect(try Exporter.text.render(cleaned).isEmpty)
            #expect(try Restorer.restore(try Exporter.json.render(cleaned)) == imported.document.bytes)
            #expect(try Restorer.restore(try Exporter.xml.render(cleaned)) == imported.document.bytes)
        }
        #expect(try Self.importText([]).document.bytes.isEmpty)
        #expect(try Self.importText(Self.bomUTF8).document.bytes.isEmpty)
    }

    // MARK: Plain text: what is refused

    @Test func invalidUTF8GivesTheOffsetAndSuggestsAnEncoding() throws {
        let bytes = Array("abc".utf8) + [0xB5] + Array("def".utf8)
        let error = Self.textError(bytes)
        #expect(error == .notUTF8(offset: 3, byte: 0xB5))
        #expect(
            error?.description
                == "not UTF-8: invalid byte 0xB5 at offset 3; name its encoding with --encoding (GB18030, Big5, Shift_JIS, …)")
        // GBK without --encoding: the first byte already breaks UTF-8.
        #expect(Self.textError([0xD6, 0xD0, 0xCE, 0xC4]) == .notUTF8(offset: 0, byte: 0xD6))
        // A character cut off at the end: the offset of its first byte.
        #expect(Self.textError(Array("ab中".utf8).dropLast()) == .notUTF8(offset: 2, byte: 0xE4))
        // An overlong form and a surrogate are not UTF-8 either.
        #expect(Self.textError([0x41, 0xC0, 0x80]) == .notUTF8(offset: 1, byte: 0xC0))
        #expect(Self.textError([0x41, 0xED, 0xA0, 0x80]) == .notUTF8(offset: 1, byte: 0xED))
    }

    @Test func bytesInvalidInTheNamedEncodingGiveTheirOffset() throws {
        let gbk: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4]  // 中文
        #expect(
            Self.textError(gbk + [0xD6, 0x20, 0x41], encoding: "GBK")
                == .invalid(encoding: "GB18030", offset: 4, bytes: [0xD6], cutOff: false))
        #expect(
            Self.textError(gbk + [0xFF], encoding: "GB18030")?.description
                == "not valid GB18030: invalid byte 0xFF at offset 4")
        #expect(
            Self.textError(gbk + [0xD6], encoding: "GBK")?.description
                == "not valid GB18030: the input ends inside a character (0xD6 at offset 4)")
        #expect(
            Self.textError([0xA4, 0xA4, 0xFF, 0xFF], encoding: "Big5")
                == .invalid(encoding: "Big5", offset: 2, bytes: [0xFF], cutOff: false))
        #expect(
            Self.textError([0x93, 0xFA, 0xA0], encoding: "Shift_JIS")
                == .invalid(encoding: "Shift_JIS", offset: 2, bytes: [0xA0], cutOff: false))
        #expect(
            Self.textError([0xC7, 0xD1, 0xFF], encoding: "EUC-KR")
                == .invalid(encoding: "EUC-KR", offset: 2, bytes: [0xFF], cutOff: false))
        // UTF-8 with a mark: the offset counts the mark.
        #expect(Self.textError(Self.bomUTF8 + [0x61, 0xFF])?.description == "not valid UTF-8: invalid byte 0xFF at offset 4")
    }

    @Test func badUnicodeUnitsGiveTheirOffset() throws {
        // A lone high surrogate after "a".
        let lone: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00]
        #expect(Self.textError(lone)?.description == "not valid UTF-16LE: invalid bytes 0x00 0xD8 at offset 4")
        // An odd number of bytes.
        #expect(
            Self.textError([0xFE, 0xFF, 0x00, 0x61, 0x00])
                == .invalid(encoding: "UTF-16BE", offset: 4, bytes: [0x00], cutOff: true))
        // Past U+10FFFF in UTF-32.
        #expect(
            Self.textError([0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00])
                == .invalid(encoding: "UTF-32LE", offset: 8, bytes: [0x00, 0x00, 0x11, 0x00], cutOff: false))
        // UCS-4, whose iconv decoder lets values past U+10FFFF through: still refused at their offset.
        #expect(
            Self.textError([0x00, 0x00, 0x00, 0x41, 0x00, 0x20, 0x00, 0x00], encoding: "UCS-4")
                == .invalid(encoding: "UCS-4", offset: 4, bytes: [0x00, 0x20, 0x00, 0x00], cutOff: false))
    }

    @Test(arguments: [
        ("Shift_JIS", 1), ("ISO-8859-16", 1), ("GB18030", 1), ("UTF-8", 1), ("UTF-16", 2), ("UTF-16BE", 2),
        ("UCS-2", 2), ("UNICODELITTLE", 2), ("UTF-32", 4), ("UTF-32BE", 4), ("UCS-4", 4), ("UCS-4LE", 4),
    ])
    func codeUnitsAreTheEncodingsOwn(_ label: String, _ size: Int) throws {
        #expect(try #require(TextEncoding.named(label)).codeUnitSize == size)
    }

    @Test func aBadByteInALegacyEncodingCostsOneByte() throws {
        // In HTML, which repairs: the text after a bad Shift_JIS byte is kept.
        let page = Array("<meta charset=shift_jis><p>".utf8) + [0x93, 0xFA, 0xA0] + Array("abc</p>".utf8)
        #expect(try Self.importHTML(page).document.text == "日\u{FFFD}abc\n")
        // A NUL byte in Shift_JIS or ISO-8859-16 is found wherever it is.
        #expect(Self.textError([0x93, 0xFA, 0x41, 0x00], encoding: "Shift_JIS") == .binary(offset: 3, width: 1, likelyEncoding: nil))
        #expect(Self.textError([0x41, 0x42, 0x43, 0x00], encoding: "ISO-8859-16") == .binary(offset: 3, width: 1, likelyEncoding: nil))
    }

    @Test func anUnknownEncodingIsAnErrorNamingIt() throws {
        #expect(Self.textError(Array("x".utf8), encoding: "klingon") == .unknownEncoding("klingon"))
        let message = TextDecodingError.unknownEncoding("klingon").description
        #expect(message.hasPrefix("unknown character encoding 'klingon'; name one such as"))
        #expect(throws: TextDecodingError.unknownEncoding("x; rm")) { try TextDecodingError.checkEncoding("x; rm") }
        #expect(throws: TextDecodingError.unknownEncoding("")) { try TextDecodingError.checkEncoding("") }
    }

    @Test func aNULByteMakesAFileBinary() throws {
        let error = Self.textError(Array("abc\0def".utf8))
        #expect(error == .binary(offset: 3, width: 1, likelyEncoding: nil))
        #expect(error?.description == "binary (NUL byte at offset 3)")
        // A PNG header: binary, not "not UTF-8" at its first byte.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        #expect(Self.textError(png) == .binary(offset: 8, width: 1, likelyEncoding: nil))
        // In a named legacy encoding and after a UTF-8 mark.
        #expect(Self.textError([0xD6, 0xD0, 0x00], encoding: "GBK") == .binary(offset: 2, width: 1, likelyEncoding: nil))
        #expect(Self.textError(Self.bomUTF8 + [0x61, 0x00]) == .binary(offset: 4, width: 1, likelyEncoding: nil))
    }

    @Test func aNULCharacterInUTF16IsBinaryButZeroBytesAreNot() throws {
        let withNUL: [UInt8] = [0xFF, 0xFE] + Self.utf16LE("a\u{0}b")
        let error = Self.textError(withNUL)
        #expect(error == .binary(offset: 4, width: 2, likelyEncoding: nil))
        #expect(error?.description == "binary (NUL character at offset 4)")
        #expect(Self.textError([0x00, 0x00, 0xFE, 0xFF] + Self.utf32BE("ab\u{0}")) == .binary(offset: 12, width: 4, likelyEncoding: nil))
        // Zero bytes that are halves of characters.
        #expect(try Self.importText([0xFF, 0xFE] + Self.utf16LE("\u{100}\u{4E00}a")).document.text == "\u{100}\u{4E00}a")
    }

    @Test func utf16WithoutAMarkIsRefusedWithAHint() throws {
        let le = Self.textError(Self.utf16LE("Hello, world\n"))
        #expect(le == .binary(offset: 1, width: 1, likelyEncoding: "UTF-16LE"))
        #expect(
            le?.description
                == "binary (NUL byte at offset 1); if it is UTF-16LE text without a byte order mark, name it with --encoding UTF-16LE")
        #expect(Self.textError(Self.utf16BE("Hello, world\n")) == .binary(offset: 0, width: 1, likelyEncoding: "UTF-16BE"))
    }

    @Test func everyMessageIsOneLine() {
        let errors: [TextDecodingError] = [
            .unknownEncoding("x"), .notUTF8(offset: 1, byte: 0x80),
            .invalid(encoding: "Big5", offset: 2, bytes: [0xFF], cutOff: false),
            .invalid(encoding: "UTF-16LE", offset: 3, bytes: [], cutOff: true),
            .binary(offset: 4, width: 2, likelyEncoding: nil), .binary(offset: 1, width: 1, likelyEncoding: "UTF-16BE"),
            .nulInDecodedText(offset: 5),
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(error)")
        }
    }

    // MARK: Plain text: provenance of decoded input

    @Test func decodedTextCarriesItsOriginThroughEveryExporterAndRestores() throws {
        let paragraph = "这是一段足够长的中文段落，用来测试重复内容的去除是否正确。It repeats itself later on."
        let text = "标题\n\n\(paragraph)\n\n\(paragraph)\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + Self.utf16LE(text)
        let imported = try Self.importText(bytes)
        let cleaned = CleanedDocument(cleaning: imported, with: Deduplicator())
        #expect(cleaned.result.spans.contains { $0.action == .remove })

        let json = try Exporter.json.render(cleaned)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let origin = try #require(object["origin"] as? [String: Any])
        #expect(origin["format"] as? String == "text")
        #expect(origin["encoding"] as? String == "UTF-16LE")
        #expect(origin["size"] as? Int == bytes.count)
        #expect(origin["sha256"] as? String == SHA256.hexDigest(bytes))
        #expect((origin["blocks"] as? [Any])?.isEmpty == true)
        let source = try #require(object["source"] as? [String: Any])
        #expect(source["size"] as? Int == text.utf8.count)
        #expect(try Restorer.restore(json) == Array(text.utf8))

        let xml = try Exporter.xml.render(cleaned)
        let validator = try #require(XMLExporterTests.validator)
        #expect(throws: Never.self) { try validator.validate(xml) }
        let xmlText = String(decoding: xml, as: UTF8.self)
        #expect(
            xmlText.contains(
                "<origin format=\"text\" path=\"in.txt\" size=\"\(bytes.count)\" sha256=\"\(SHA256.hexDigest(bytes))\" encoding=\"UTF-16LE\"/>"
            ))
        #expect(try Restorer.restore(xml) == Array(text.utf8))
    }

    // MARK: HTML

    @Test func malformedHTMLImportsOrFailsWithOneLine() throws {
        let pages = [
            "<p>unclosed <b>bold <i>italic", "</", "</p></div></", "<<<>>>", "<p attr=\"unterminated>text after",
            "<!-- unterminated comment", "<![CDATA[ x", "<script>never closed", "<p>a</b></i></p>b</html>c",
            "<table><tr><td>cell<td>cell<tr></table></table>", "&&&;&#xFFFFFFFF;&#0;&bogus;", "<!DOCTYPE", "<?php echo 1 ?>",
            "<html><html><body><body><p>twice</p>", "<p\u{FFFD}>x</p\u{FFFD}>", "<a href='", String(repeating: "</", count: 5000),
        ]
        for page in pages {
            Self.expectImportsOrOneLineError(Array(page.utf8), page)
        }
        #expect(try Self.importHTML(Array("<p>unclosed <b>bold <i>italic".utf8)).document.text == "unclosed bold italic\n")
        #expect(try Self.importHTML(Array("<p>a</b></i></p>b</html>c".utf8)).document.text.contains("a"))
        // Garbage: random bytes weighted towards markup characters.
        var rng = PipelineRNG(seed: 7)
        let alphabet = Array("<>/!-&;#=\"' \nabcpdivx?[]".utf8) + [0x80, 0xC3, 0xA9, 0xE4, 0xFF]
        for _ in 0..<200 {
            let page = (0..<rng.below(400)).map { _ in alphabet[rng.below(alphabet.count)] }
            Self.expectImportsOrOneLineError(page, "\(page)")
        }
    }

    static func expectImportsOrOneLineError(_ page: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let imported = try importHTML(page)
            #expect(String(validating: imported.document.bytes, as: UTF8.self) != nil, sourceLocation: sourceLocation)
        } catch {
            let message = "\(error)"
            #expect(!message.isEmpty && !message.contains("\n"), "\(label): \(message)", sourceLocation: sourceLocation)
        }
    }

    @Test func htmlNested10000LevelsImports() throws {
        let depth = 10_000
        // Never closed, inline and block elements mixed.
        var page = "<html><body>"
        for k in 0..<depth { page += ["<div>", "<span>", "<b>", "<section>"][k % 4] }
        page += "deep text"
        let clock = ContinuousClock()
        let start = clock.now
        let imported = try Self.importHTML(Array(page.utf8))
        #expect(imported.document.text.contains("deep text"))
        #expect(clock.now - start < .seconds(20))
        // Closed, with text at every level.
        let closed = String(repeating: "<div>x", count: depth) + String(repeating: "</div>", count: depth)
        let text = try Self.importHTML(Array(closed.utf8)).document.text
        #expect(text.split(separator: "\n", omittingEmptySubsequences: true).count == depth)
    }

    @Test func billionLaughsDoesNotExpand() throws {
        var page = "<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n"
        page += "<!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">\n"
        for k in 2...9 { page += "<!ENTITY lol\(k) \"" + String(repeating: "&lol\(k - 1);", count: 10) + "\">\n" }
        page += "]>\n<html><body><p>&lol9;</p></body></html>"
        let clock = ContinuousClock()
        let start = clock.now
        let imported = try Self.importHTML(Array(page.utf8))
        #expect(clock.now - start < .seconds(2))
        #expect(imported.document.bytes.count < 1000)
        #expect(!imported.document.text.contains("lollol"))
    }

    @Test func anExternalEntityIsNotRead() throws {
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0:"
        let firstLine = String(passwd.split(separator: "\n").first ?? "root:x:0:0:")
        let page = "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><body><p>before &x; after</p></body></html>"
        let text = try Self.importHTML(Array(page.utf8)).document.text
        #expect(!text.contains(firstLine))
        #expect(!text.contains("root:"))
        #expect(text.contains("before"))
    }

    @Test func unicodePagesWithAByteOrderMarkImport() throws {
        let page = "<html><body><p>中文 é</p><p>second</p></body></html>"
        let cases = ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"].map { (Self.withByteOrderMark(page, $0), $0) }
        for (bytes, name) in cases {
            let imported = try Self.importHTML(bytes)
            #expect(imported.document.text == "中文 é\n\nsecond\n", "\(name)")
            #expect(imported.origin?.encoding == name)
        }
    }

    @Test func htmlWithANULIsRefusedAsBinary() throws {
        #expect(throws: TextDecodingError.binary(offset: 4, width: 1, likelyEncoding: nil)) {
            try Self.importHTML(Array("<p>a\0b</p>".utf8))
        }
        #expect(throws: TextDecodingError.binary(offset: 10, width: 2, likelyEncoding: nil)) {
            try Self.importHTML([0xFF, 0xFE] + Self.utf16LE("<p>a\0b</p>"))
        }
        // A GIF named .html.
        #expect(throws: TextDecodingError.self) { try Self.importHTML(Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00]) }
    }

    @Test func aGBKPageWithTheEncodingOptionImports() throws {
        let page = Array("<html><body><p>".utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array("</p></body></html>".utf8)
        let imported = try Self.importHTML(page, encoding: "GBK")
        #expect(imported.document.text == "中文\n")
        #expect(imported.origin?.encoding == "GB18030")
    }
}

extension Array where Element == UInt8 {
    /// The bytes in groups of four.
    fileprivate var chunked4: [[UInt8]] { stride(from: 0, to: count, by: 4).map { Array(self[$0..<Swift.min($0 + 4, count)]) } }
}
