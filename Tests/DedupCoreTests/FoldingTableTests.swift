import Foundation
import Testing

@testable import DedupCore

/// The generated folding table against the rule it was generated from, applied with
/// Foundation (ICU) at test time: a regenerated or hand-edited table that drifts fails here.
@Suite struct FoldingTableTests {
    /// The rule of scripts/generate-folding-table.swift, with Foundation.
    static func reference(_ v: UInt32) -> [UInt32] {
        func dropped(_ u: UInt32) -> Bool { ScalarClass.isWhitespace(u) || ScalarClass.isInvisible(u) }
        if dropped(v) { return [] }
        guard let scalar = Unicode.Scalar(v) else { return [v] }
        let nfkc = String(Character(scalar)).precomposedStringWithCompatibilityMapping
        return nfkc.unicodeScalars.map(\.value).filter { !dropped($0) }.map { u in
            switch u {
            case 0x3002: 0x2E
            case 0x3001: 0x2C
            case 0x2018, 0x2019, 0x201A, 0x201B: 0x27
            case 0x201C, 0x201D, 0x201E, 0x201F: 0x22
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63: 0x2D
            case 0xAB, 0xBB: 0x22
            case 0x2039, 0x203A, 0x2BC: 0x27
            default: u
            }
        }
    }

    @Test func everyBMPScalarFoldsAsNFKCSays() {
        let table = FoldingTable.shared
        var wrong: [String] = []
        for v in UInt32(0x80)..<0x10000 where Unicode.Scalar(v) != nil {
            let expected = Self.reference(v)
            if table.folded(v) != expected { wrong.append(String(v, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    /// The normalizer appends the unified ideographs as they are, without the table or the
    /// mark test: right only while the table folds each to itself and none is a mark.
    @Test func theIdeographsTheNormalizerPassesStraightThroughFoldToThemselves() {
        let table = FoldingTable.shared
        let composition = CanonicalComposition.shared
        let notThemselves = Normalizer.unifiedIdeographs.filter { v in
            table.folded(v) != [v] || composition.isMark(v) || Self.reference(v) != [v]
        }
        #expect(notThemselves.isEmpty, "\(notThemselves.prefix(20).map { String($0, radix: 16) })")
    }

    @Test func astralScalarsFoldAsNFKCSays() {
        let table = FoldingTable.shared
        // The blocks where NFKC changes astral scalars (mathematical letters and digits,
        // enclosed alphanumerics, CJK compatibility ideographs) and a sample of the rest.
        var scalars = Array(UInt32(0x1D400)...0x1D7FF) + Array(UInt32(0x1F100)...0x1F2FF) + Array(UInt32(0x2F800)...0x2FA1F)
        var random = SplitMix(state: 7)
        for _ in 0..<20_000 { scalars.append(UInt32(0x10000 + random.below(0x100000))) }
        var wrong: [String] = []
        for v in scalars where Unicode.Scalar(v) != nil {
            if table.folded(v) != Self.reference(v) { wrong.append(String(v, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test func keyOfTextWithManyExpandingScalarsMatchesScalarByScalarFolding() {
        // More expansions than the fast loop's slack: the rest goes through the appending loop.
        let text = String(repeating: "ﷺ½ a\u{3000}", count: 40) + "終わり。"
        let key = Normalizer().key(for: Array(text.utf8))
        var expected: [UInt32] = []
        for s in text.unicodeScalars where !ScalarClass.isWhitespace(s.value) {
            expected += s.value < 0x80 ? [s.value] : FoldingTable.shared.folded(s.value)
        }
        #expect(key.units == expected)
        #expect(key.offsets.count == key.units.count)
        #expect(zip(key.offsets, key.offsets.dropFirst()).allSatisfy { $0 <= $1 })
    }
}

@Suite struct EditDistanceTests {
    static func fullLCS(_ a: [UInt32], _ b: [UInt32]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var prev = [Int](repeating: 0, count: b.count + 1)
        var cur = prev
        for x in a {
            for (j, y) in b.enumerated() { cur[j + 1] = x == y ? prev[j] + 1 : max(prev[j + 1], cur[j]) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    @Test func bandedLCSIsExactWithinTheLimitAndBelowItBeyond() {
        var random = SplitMix(state: 11)
        for _ in 0..<20_000 {
            let a = (0..<(1 + random.below(30))).map { _ in UInt32(random.below(4)) }
            var b = a
            for _ in 0..<random.below(5) {
                switch random.below(3) {
                case 0 where !b.isEmpty: b.remove(at: random.below(b.count))
                case 1: b.insert(UInt32(random.below(4)), at: random.below(b.count + 1))
                default: if !b.isEmpty { b[random.below(b.count)] = UInt32(random.below(4)) }
                }
            }
            let full = Self.fullLCS(a, b)
            let banded = EditDistance.longestCommonSubsequence(a[...], b[...], withinEdits: 2)
            #expect(banded <= full)
            if max(a.count, b.count) - full <= 2 && abs(a.count - b.count) <= 2 {
                #expect(banded == full, "\(a) \(b)")
            } else {
                #expect(max(a.count, b.count) - banded > 2, "\(a) \(b)")
            }
        }
    }
}
