import Testing

@testable import DedupCore

/// The match finder's two ways (every position looked up, for keys that fit in the caches;
/// winnowed anchors, for larger ones) against the guarantee that makes the anchors safe:
/// every repeat of at least `window` units is found, whole, pointing at its source.
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
            let finder = MatchFinder(window: window)
            for matches in [finder.matchesOnAnchors(in: units), finder.matchesLookingUpEveryPosition(in: units)] {
                #expect(
                    matches.contains(KeyMatch(target: target, source: source, length: length)),
                    "window \(window), length \(length): \(matches)")
            }
        }
    }

    @Test func repeatsShorterThanTheWindowAreNotReported() {
        var random = SplitMix(state: 5)
        var units = (0..<600).map { _ in UInt32(0x4E00 + random.below(20_000)) }
        for t in 0..<23 { units[300 + t] = units[100 + t] }
        #expect(MatchFinder(window: 24).matchesOnAnchors(in: units).isEmpty)
        #expect(MatchFinder(window: 24).matchesLookingUpEveryPosition(in: units).isEmpty)
    }

    @Test func aTextRepeatedOverAndOverPointsAtItsFirstCopy() {
        let period = (0..<30).map { UInt32(0x4E00 + $0) }
        let units = Array((0..<5).map { _ in period }.joined())
        #expect(MatchFinder(window: 24).matchesOnAnchors(in: units) == [KeyMatch(target: 30, source: 0, length: 120)])
        #expect(MatchFinder(window: 24).matchesLookingUpEveryPosition(in: units) == [KeyMatch(target: 30, source: 0, length: 120)])
    }

    /// Windows far wider than the default (`--min-match-length 125`, 1000, 100000) on the
    /// anchored way: its queue of candidates grows with the window instead of stopping the
    /// process.
    @Test(arguments: [125, 1_000, 100_000])
    func wideWindowsAreMatchedOnAnchors(window: Int) {
        var random = SplitMix(state: 11)
        let length = window + 500
        var units = (0..<(3 * length + 2_000)).map { _ in UInt32(0x4E00 + random.below(20_000)) }
        for t in 0..<length { units[2 * length + 1_000 + t] = units[500 + t] }
        let matches = MatchFinder(window: window).matchesOnAnchors(in: units)
        #expect(matches.contains(KeyMatch(target: 2 * length + 1_000, source: 500, length: length)), "\(matches)")
    }

    @Test func largeKeysAreMatchedOnAnchors() {
        // A key over the threshold takes the anchored way: the same result as asking for it.
        var random = SplitMix(state: 9)
        var units = (0..<5_000).map { _ in UInt32(0x4E00 + random.below(20_000)) }
        for t in 0..<300 { units[4_000 + t] = units[1_000 + t] }
        var finder = MatchFinder(window: 24)
        finder.anchoredAbove = 1_000
        #expect(finder.matches(in: units) == finder.matchesOnAnchors(in: units))
        #expect(finder.matches(in: units).contains(KeyMatch(target: 4_000, source: 1_000, length: 300)))
    }
}
