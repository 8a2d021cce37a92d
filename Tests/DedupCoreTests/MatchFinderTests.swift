import Testing
@testable import DedupCore

/// The match finder looks up only winnowed anchors; these check the guarantee that makes that
/// safe: every repeat of at least `window` units is found, whole, pointing at its source.
@Suite struct MatchFinderTests {
    @Test func everyRepeatOfAWindowOrMoreIsFoundWhole() {
        var random = SplitMix(state: 3)
        for _ in 0..<300 {
            let window = 8 + random.below(24)
            // Random text over a large alphabet (no accidental repeats), with one stretch copied.
            var units = (0..<(400 + random.below(400))).map { _ in UInt32(0x4E00 + random.below(20_000)) }
            let length = window + random.below(40)
            let source = random.below(150)
            let target = source + length + random.below(200)
            guard target + length <= units.count else { continue }
            for t in 0..<length { units[target + t] = units[source + t] }
            let matches = MatchFinder(window: window).matches(in: units)
            #expect(matches.contains(KeyMatch(target: target, source: source, length: length)),
                    "window \(window), length \(length): \(matches)")
        }
    }

    @Test func repeatsShorterThanTheWindowAreNotReported() {
        var random = SplitMix(state: 5)
        var units = (0..<600).map { _ in UInt32(0x4E00 + random.below(20_000)) }
        for t in 0..<23 { units[300 + t] = units[100 + t] }
        #expect(MatchFinder(window: 24).matches(in: units).isEmpty)
    }

    @Test func aTextRepeatedOverAndOverPointsAtItsFirstCopy() {
        let period = (0..<30).map { UInt32(0x4E00 + $0) }
        let units = Array((0..<5).map { _ in period }.joined())
        let matches = MatchFinder(window: 24).matches(in: units)
        #expect(matches == [KeyMatch(target: 30, source: 0, length: 120)])
    }
}
