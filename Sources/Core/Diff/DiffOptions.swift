/// How ``DocumentDiffer`` compares two documents.
public struct DiffOptions: Sendable, Equatable {
    /// When false (the default), differences that normalization removes are equal: any
    /// whitespace for any other (NBSP, U+3000, re-wrapped lines), full-width for half-width
    /// forms, `。` for `.`, curly for straight quotes, invisible characters. When true,
    /// every byte counts.
    public var exact = false
    /// Smallest moved block reported as a move, in characters other than whitespace (CJK
    /// characters count one each, as letters do). Smaller blocks are a delete and an insert.
    public var minMoveLength = 20
    /// Steps one comparison may take before the differ switches to a coarser granularity
    /// (tokens → sentences; an over-long alignment takes its furthest-reaching diagonal).
    /// The result is then still a diff that matches what it can, never "delete all,
    /// insert all".
    public var costBudget = 4_000_000

    /// The documented defaults.
    public init() {}
}
