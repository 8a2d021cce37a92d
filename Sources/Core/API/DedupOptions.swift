/// The thresholds of duplicate detection. Lengths are in key characters: characters other
/// than whitespace, after folding (see ``Normalizer``).
public struct DedupOptions: Sendable, Equatable {
    /// Shortest stretch that counts as a repeat at all; also the match finder's window.
    public var minMatchLength = 24
    /// A copy that is neither next to its source nor an earlier fragment is removed when
    /// at least this long…
    public var minCopyLength = 200
    /// …and at least this fraction of the whole text…
    public var minCopyFraction = 0.2
    /// …or, whatever the fraction, at least this long.
    public var longCopyLength = 3000
    /// A far copy shorter than the above is still removed when it is a section of prose:
    /// two or more whole paragraphs, exact, at least this long…
    public var minSectionLength = 100
    /// …whose lines are on average at least this long, and each at least half as long
    /// (lists, headings and plans have short lines).
    public var minSectionLineLength = 60
    /// Shortest earlier fragment (teaser) removed when a following line continues it.
    public var minFragmentLength = 8
    /// Shortest whole lines (one to eight) repeated right after themselves that are removed
    /// (data rows, with digits and no letters, stay).
    public var minShortRepeatLength = 4
    /// Largest edited stretch inside one near-identical copy.
    public var maxEditGap = 24
    /// Largest number of characters dropped or added inside one near-identical copy.
    public var maxEditDrift = 4
    /// How far a cut may move to reach a line or sentence boundary when that removes less.
    public var shrinkTolerance = 12
    /// How far a cut may move to reach a line or sentence boundary when that removes more.
    public var growTolerance = 3

    /// The documented defaults.
    public init() {}
}
