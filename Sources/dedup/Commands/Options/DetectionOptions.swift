import ArgumentParser
import DedupCore

/// The detection thresholds, shared by every command that cleans.
struct DetectionOptions: ParsableArguments {
    @Option(help: "Shortest repeated stretch considered at all, in characters without whitespace.")
    var minMatchLength = DedupOptions().minMatchLength

    @Option(
        help:
            "A copy away from its source is removed only when at least this long (characters), and --min-copy-fraction of the text or --long-copy-length long."
    )
    var minCopyLength = DedupOptions().minCopyLength

    @Option(help: "Fraction of the whole text (0–1) that a copy away from its source must reach, unless it is --long-copy-length long.")
    var minCopyFraction = DedupOptions().minCopyFraction

    @Option(help: "A copy away from its source at least this long (characters) is removed whatever its fraction of the text.")
    var longCopyLength = DedupOptions().longCopyLength

    @Option(help: "Shortest earlier fragment (teaser) removed when a following line continues it (characters).")
    var minFragmentLength = DedupOptions().minFragmentLength

    @Option(help: "Shortest whole lines (one to eight) removed when they repeat the lines right before them.")
    var minShortRepeatLength = DedupOptions().minShortRepeatLength

    func validate() throws {
        guard minMatchLength >= 4 else { throw ValidationError("--min-match-length must be at least 4") }
        guard (0...1).contains(minCopyFraction) else { throw ValidationError("--min-copy-fraction must be between 0 and 1") }
        guard minCopyLength >= 0, longCopyLength >= 0, minFragmentLength >= 1, minShortRepeatLength >= 1 else {
            throw ValidationError("lengths must be positive")
        }
    }

    var dedupOptions: DedupOptions {
        var o = DedupOptions()
        o.minMatchLength = minMatchLength
        o.minCopyLength = minCopyLength
        o.minCopyFraction = minCopyFraction
        o.longCopyLength = longCopyLength
        o.minFragmentLength = minFragmentLength
        o.minShortRepeatLength = minShortRepeatLength
        return o
    }
}
