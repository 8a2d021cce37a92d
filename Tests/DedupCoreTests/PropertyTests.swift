import Testing

@testable import DedupCore

/// Random documents (mixes of CJK, Latin, whitespace, invisible characters and repeated
/// chunks, and random bytes): cleaning never crashes, spans tile the input, and the kept
/// and removed spans give the input back.
@Suite struct PropertyTests {
    static let pieces = [
        "大模型", "的", "。", "，", "Ｌｌａｍａ", " ", "\n", "\n\n", "\u{00A0}", "\u{3000}", "\t",
        "the ", "storm ", "hit.", "Mr. ", "?", "…", "\u{200B}", "0\t0", "|", "한국어", "カタカナ",
        "\r\n", "é", "ﬁ", "①",
    ]

    func check(_ bytes: [UInt8]) throws {
        guard let document = try? Document(bytes: bytes, name: "random") else { return }
        let result = Deduplicator().clean(document)
        var cursor = 0
        var rebuilt: [UInt8] = []
        for span in result.spans {
            #expect(span.start == cursor && span.end > span.start)
            if let dup = span.duplicateOf { #expect(dup.start >= 0 && dup.end <= bytes.count && dup.start <= dup.end) }
            rebuilt += bytes[span.range.range]
            cursor = span.end
        }
        #expect(cursor == bytes.count)
        #expect(rebuilt == bytes)
        #expect(String(validating: result.cleanBytes, as: UTF8.self) != nil)
    }

    @Test(arguments: 0..<200)
    func randomTextWithRepeatedChunks(seed: Int) throws {
        var rng = SplitMix(state: UInt64(seed))
        var chunks: [String] = []
        for _ in 0..<(1 + rng.below(6)) {
            chunks.append((0..<(1 + rng.below(40))).map { _ in Self.pieces[rng.below(Self.pieces.count)] }.joined())
        }
        var text = ""
        for _ in 0..<(rng.below(30)) {
            let chunk = chunks[rng.below(chunks.count)]
            switch rng.below(4) {
            case 0: text += chunk.replacingOccurrences(of: " ", with: "\n")
            case 1: text += chunk + chunk
            default: text += chunk
            }
            text += Self.pieces[rng.below(Self.pieces.count)]
        }
        try check(Array(text.utf8))
    }

    @Test(arguments: 0..<50)
    func randomBytes(seed: Int) throws {
        var rng = SplitMix(state: UInt64(seed) &+ 1000)
        let bytes = (0..<rng.below(3000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try check(bytes)
        // The same bytes with invalid sequences dropped: valid UTF-8 of any scalars.
        let valid = Array(String(decoding: bytes, as: UTF8.self).utf8)
        try check(valid + valid)
    }
}
