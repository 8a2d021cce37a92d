import Testing

@testable import DedupCore

/// The automaton that checks UTF-8 against the standard library's validator, which gives
/// the offsets: every string of up to four bytes drawn from the bytes where the encoding's
/// classes change (so every transition of the automaton), the same across the middle of a
/// long text (where it is split in two), then long random texts with one fault placed in
/// them, past the eight-byte ASCII steps and the 64-byte blocks.
@Suite struct UTF8ValidationTests {
    /// The first and last byte of every class the encoding tells apart.
    static let edges: [UInt8] = [
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
        0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]

    static func standardLibrarySays(_ bytes: [UInt8]) -> Bool {
        (try? UTF8Span(validating: bytes.span)) != nil
    }

    @Test func everyShortStringOfEdgeBytesIsJudgedAsTheStandardLibraryJudgesIt() {
        var strings: [[UInt8]] = [[]]
        var mismatches = 0
        for _ in 1...4 {
            strings = strings.flatMap { s in Self.edges.map { s + [$0] } }
            for s in strings where s.withUnsafeBufferPointer({ UTF8Validation.isValid($0) }) != Self.standardLibrarySays(s) {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(s.map { String($0, radix: 16) })") }
            }
        }
        #expect(mismatches == 0)
    }

    /// A long text is read as two halves at once, split where a character starts: every
    /// string of up to three edge bytes, placed across the middle of a long valid text,
    /// is judged as the standard library judges it.
    @Test func edgeBytesAcrossTheMiddleOfALongTextAreJudgedAsTheStandardLibraryJudgesThem() {
        let padding = Array(String(repeating: "中文 and é ", count: 20).utf8)
        var strings: [[UInt8]] = [[]]
        var mismatches = 0
        for _ in 1...3 {
            strings = strings.flatMap { s in Self.edges.map { s + [$0] } }
            for s in strings {
                for shift in 0..<8 {
                    let at = padding.count / 2 - 4 + shift
                    let text = Array(padding[..<at]) + s + padding[at...]
                    if text.withUnsafeBufferPointer({ UTF8Validation.isValid($0) }) != Self.standardLibrarySays(text) {
                        mismatches += 1
                        if mismatches < 5 { Issue.record("\(s.map { String($0, radix: 16) }) at shift \(shift)") }
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func aFaultAnywhereInALongTextIsFoundAtItsOffset() {
        var random = SplitMix(state: 41)
        let pieces: [[UInt8]] = [Array("word ".utf8), Array("中文".utf8), Array("é".utf8), Array("😀".utf8), Array("\n".utf8)]
        for _ in 0..<400 {
            var text: [UInt8] = []
            while text.count < 50 + random.below(1_000) { text += pieces[random.below(pieces.count)] }
            if random.below(4) > 0 {
                let at = random.below(text.count)
                text[at] = Self.edges[random.below(Self.edges.count)]
            }
            let expected: Int?
            do {
                _ = try UTF8Span(validating: text.span)
                expected = nil
            } catch {
                expected = error.byteOffsets.lowerBound
            }
            #expect(UTF8Validation.firstInvalidOffset(in: text) == expected)
            #expect(text.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == (expected == nil))
        }
    }
}
