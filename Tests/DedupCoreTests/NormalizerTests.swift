import Testing

@testable import DedupCore

@Suite struct NormalizerTests {
    let normalizer = Normalizer()

    func keyString(_ s: String) -> String {
        let key = normalizer.key(for: Array(s.utf8))
        return String(String.UnicodeScalarView(key.units.compactMap(Unicode.Scalar.init)))
    }

    @Test func foldsFullWidthAndHalfWidthForms() {
        #expect(keyString("ＡＢＣ１２３，：（）") == keyString("ABC123,:()"))
        #expect(keyString("ｶﾀｶﾅ") == keyString("カタカナ") || keyString("ｶﾀｶﾅ").unicodeScalars.count == 4)
        #expect(keyString("“quoted”") == "\"quoted\"")
        #expect(keyString("句子。") == "句子.")
    }

    @Test func dropsEveryKindOfWhitespace() {
        let variants = ["a b", "a\u{00A0}b", "a\u{3000}b", "a\tb", "a\nb", "a\r\n\r\nb", "a\u{2009}b", "ab"]
        for v in variants { #expect(keyString(v) == "ab", "\(v.debugDescription)") }
    }

    @Test func dropsZeroWidthCharacters() {
        #expect(keyString("a\u{200B}b\u{200D}c\u{FEFF}d\u{00AD}e") == "abcde")
    }

    @Test func mapsEveryKeyUnitBackToItsByte() {
        let text = "九问\u{3000}ＡＩ, a\u{00A0}b…\n"
        let bytes = Array(text.utf8)
        let key = normalizer.key(for: bytes)
        #expect(key.units.count == key.offsets.count)
        #expect(zip(key.offsets, key.offsets.dropFirst()).allSatisfy { $0 <= $1 })
        // Each unit comes from the scalar that starts at its offset.
        for (unit, offset) in zip(key.units, key.offsets) {
            let scalarBytes = bytes[Int(offset)...].prefix { _ in true }
            let first = String(decoding: scalarBytes, as: UTF8.self).unicodeScalars.first
            let folded = normalizer.key(for: Array(String(first.map(Character.init) ?? " ").utf8)).units
            #expect(folded.contains(unit))
        }
        // "…" folds to three units that all point at the same byte.
        let ellipsis = Array(text.utf8).firstRange(of: Array("…".utf8))?.lowerBound
        #expect(key.offsets.filter { Int($0) == ellipsis }.count == 3)
    }

    @Test func byteRangeOfKeyRangeCoversWholeScalars() {
        let bytes = Array("ab 九问 cd".utf8)
        let key = normalizer.key(for: bytes)
        let r = key.byteRange(of: 2..<4, in: bytes)
        #expect(String(decoding: bytes[r], as: UTF8.self) == "九问")
        #expect(key.index(atOrAfterByte: 3) == 2)
    }

    /// The galloping search from a hint against the search over the whole key: offsets with
    /// runs of equal values (one character, several units) and gaps, every byte, every hint
    /// at or before the answer.
    @Test func searchFromAHintAgreesWithTheWholeSearch() {
        var random = SplitMix(state: 17)
        for _ in 0..<50 {
            var offsets: [UInt32] = []
            var offset: UInt32 = UInt32(random.below(3))
            for _ in 0..<random.below(80) {
                offsets.append(offset)
                offset += UInt32(random.below(4))
            }
            let key = ComparisonKey(units: offsets.map { _ in 0x61 }, offsets: offsets)
            for byte in -1...(Int(offset) + 2) {
                let answer = key.index(atOrAfterByte: byte)
                for hint in 0...answer where key.index(atOrAfterByte: byte, from: hint) != answer {
                    Issue.record("offsets \(offsets), byte \(byte), hint \(hint)")
                    return
                }
            }
        }
    }
}
