import Testing

@testable import DedupCore

/// The match finder's two ways (every position looked up, for keys that fit in the caches;
/// winnowed anchors, for larger ones) against the guarantee that makes the anchors safe:
/// every repeat of at least `window` units is found, whole, pointing at its source.
@Suite struct MatchFinderTests {
    /// A stretch copied later in a random text, and what one way of the match finder found.
    private struct CopiedStretch {
        var window: Int
        var source: Int
        var target: Int
        var length: Int
        var found: [KeyMatch]
    }

    /// `rounds` random texts of `letters` letters, each with one stretch copied later, given
    /// to `check` with what each way of the match finder finds in them.
    private func forEachCopiedStretch(
        seed: UInt64, rounds: Int, letters: Int, size: Int, sourceWithin: Int, gapWithin: Int, extraWithin: Int,
        _ check: (CopiedStretch) -> Void
    ) {
        var random = SplitMix(state: seed)
        for _ in 0..<rounds {
            let window = 8 + random.below(24)
            var units = (0..<(size + random.below(size))).map { _ in UInt32(0x4E00 + random.below(letters)) }
            let length = window + random.below(extraWithin)
            let source = random.below(sourceWithin)
            let target = source + length + random.below(gapWithin)
            guard target + length <= units.count else { continue }
            for t in 0..<length { units[target + t] = units[source + t] }
            let finder = MatchFinder(window: window)
            for found in [finder.matchesOnAnchors(in: units), finder.matchesLookingUpEveryPosition(in: units)] {
                check(CopiedStretch(window: window, source: source, target: target, length: length, found: found))
            }
        }
    }

    @Test func everyRepeatOfAWindowOrMoreIsFoundWhole() {
        // A large alphabet: no accidental repeats.
        forEachCopiedStretch(seed: 3, rounds: 300, letters: 20_000, size: 400, sourceWithin: 150, gapWithin: 200, extraWithin: 40) {
            copy in
            #expect(
                copy.found.contains(KeyMatch(target: copy.target, source: copy.source, length: copy.length)),
                "window \(copy.window), length \(copy.length): \(copy.found)")
        }
    }

    /// Over three letters, every string of half a window comes back again and again: the
    /// anchored way passes most such earlier strings over by the units either side of them,
    /// and must still find each copied stretch, from its start to its end.
    @Test func repeatsAreFoundAmongManySharedShortStrings() {
        forEachCopiedStretch(seed: 7, rounds: 200, letters: 3, size: 2_000, sourceWithin: 500, gapWithin: 1_000, extraWithin: 60) {
            copy in
            // The copy may run on by chance, and a chance match may have reached into its
            // start; the copy's end is then found from the shifted source.
            let covering = copy.found.contains {
                $0.target <= copy.target + copy.window && $0.target + $0.length >= copy.target + copy.length
                    && $0.target - $0.source == copy.target - copy.source
            }
            #expect(covering, "window \(copy.window), copy \(copy.source) -> \(copy.target) (\(copy.length)): \(copy.found)")
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
