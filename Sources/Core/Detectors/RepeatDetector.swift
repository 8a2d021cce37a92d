/// A removal a detector proposes: a byte range of the document, why, and the byte range it
/// repeats. Ranges are cut on boundaries but do not yet carry the spacing around them.
struct RepeatCandidate: Equatable {
    var removal: Range<Int>
    var reason: RemovalReason
    var duplicateOf: Range<Int>
}

/// One rule that decides whether a repeat is a scraper's duplicate.
///
/// Detectors are asked in order; each repeat run is claimed by the first detector that
/// returns a candidate for it, so a run is never both a truncated fragment and a copy.
/// Line-level candidates cover repeats shorter than the match window.
protocol RepeatDetector: Sendable {
    /// Short name, as in `--explain` output and docs.
    var name: String { get }
    /// One line on what it removes.
    var summary: String { get }
    /// The removal for `run`, or nil when this rule does not apply.
    func candidate(for run: RepeatRun, in analysis: TextAnalysis) -> RepeatCandidate?
    /// Removals found by looking at whole lines, for repeats too short for runs.
    func lineCandidates(in analysis: TextAnalysis) -> [RepeatCandidate]
}

extension RepeatDetector {
    func lineCandidates(in analysis: TextAnalysis) -> [RepeatCandidate] { [] }
}

/// The detectors the ``Deduplicator`` runs, in the order they claim runs.
enum BuiltInDetectors {
    static let all: [any RepeatDetector] = [
        TruncatedFragmentDetector(), LaterCopyDetector(), AdjacentRepeatDetector(),
    ]
}

extension TextAnalysis {
    func keyUnits(_ r: Range<Int>) -> ArraySlice<UInt32> { key.units[r] }
}
