import Testing

@testable import DedupCore

@Suite struct ProvenanceTests {
    @Test func seedArticleCleansToItsExpectedText() throws {
        let input = try FixturePaths.bytes("seed/article.txt")
        let expected = try FixturePaths.bytes("seed/expected.txt")
        let result = Deduplicator().clean(try Document(bytes: input, name: "article.txt"))
        #expect(result.cleanBytes == expected)
        #expect(result.removals.map(\.range) == [ByteRange(111, 199), ByteRange(43988, 87691)])
        #expect(result.removals.map(\.reason) == [.truncatedFragment, .laterCopy])
    }

    /// Every fixture case: spans tile the input, the kept spans are the text, and the
    /// content (whitespace aside) is the expected clean text.
    @Test(arguments: FixturePaths.evalCases())
    func evalCaseIsCleanedExactly(_ name: String) throws {
        let input = try FixturePaths.bytes("eval/\(name)/input.txt")
        let expected = String(decoding: try FixturePaths.bytes("eval/\(name)/expected.txt"), as: UTF8.self)
        let result = Deduplicator().clean(try Document(bytes: input, name: name))
        var cursor = 0
        for span in result.spans {
            #expect(span.start == cursor && span.end > span.start)
            cursor = span.end
        }
        #expect(cursor == input.count)
        if let kept = Self.keptOnPurpose[name] {
            // The one deliberate difference: a stuttered line of symbols is kept (lines
            // without letters are never removed as adjacent repeats), nothing else differs.
            let separator = expected.range(of: kept).map { expected[..<$0.upperBound] + "\n\n" + kept + expected[$0.upperBound...] }
            #expect(separator.map { result.cleanText.compatibilityKey == String($0).compatibilityKey } == true)
        } else {
            #expect(result.cleanText.compatibilityKey == expected.compatibilityKey)
        }
    }

    /// Fixture cases whose expected text drops a stuttered line of symbols that dedup keeps
    /// (issue 19): the case, and the line.
    static let keptOnPurpose = ["stutter-cwce_zh_00": "*            *                *                 *               *"]

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// The processor's SHA instructions, where it has them, give the Swift code's digests:
    /// every length around the block and padding edges, and random contents.
    @Test func sha256InstructionsAndSwiftCodeAgree() {
        var random = SplitMix(state: 41)
        var bytes: [UInt8] = []
        for length in Array(0...200) + [447, 448, 511, 512, 513, 4_095, 4_096, 65_537] {
            while bytes.count < length { bytes.append(UInt8(random.below(256))) }
            let input = Array(bytes.prefix(length))
            let swift = SHA256.digest(input, hardware: false)
            #expect(SHA256.digest(input) == swift, "length \(length)")
            if SHA256.hardware { #expect(SHA256.digest(input, hardware: true) == swift, "length \(length)") }
        }
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        #expect(throws: DocumentError.invalidUTF8(offset: 3)) { try Document(bytes: [0x61, 0x62, 0x63, 0xFF], name: "x") }
        #expect(throws: DocumentError.invalidUTF8(offset: 1)) { try Document(bytes: [0x61, 0xE4, 0xB8], name: "x") }
        #expect(throws: DocumentError.invalidUTF8(offset: 0)) { try Document(bytes: [0xED, 0xA0, 0x80], name: "x") }
        #expect(throws: Never.self) { try Document(bytes: Array("九问 ok".utf8), name: "x") }
    }
}

extension String {
    /// Content without whitespace, as the evaluation kit compares it.
    var compatibilityKey: [UInt32] { Normalizer().key(for: Array(utf8)).units }
}
