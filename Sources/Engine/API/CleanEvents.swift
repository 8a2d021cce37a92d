/// What a clean run tells its caller while it runs: a plain value of closures, each called
/// on the thread that called ``CleanRunner/run(_:events:)``, in input order. Every one is
/// optional; the command line prints them, a program may collect them or ignore them.
public struct CleanEvents {
    /// A problem with an input, a record or an output, as soon as its turn comes.
    public var problem: (BatchProblem) -> Void = { _ in }
    /// Something the caller should know that is not an error (an include glob that matched
    /// no file).
    public var warning: (String) -> Void = { _ in }
    /// What a folder walk left out and why (hidden names, excluded or unmatched files).
    public var leftOut: (String) -> Void = { _ in }
    /// One input done (cleaned, skipped or failed), with its figures.
    public var finished: (CleanedInput) -> Void = { _ in }
    /// How far the run has got; called after each input and at least ten times a second
    /// while inputs are being cleaned.
    public var progress: (CleanProgress) -> Void = { _ in }

    /// Events that are all ignored; set the ones wanted.
    public init() {}
}

/// How far a run has got: inputs and bytes done, of the total.
public struct CleanProgress: Sendable, Equatable {
    /// Inputs done.
    public var files: Int
    /// Bytes of the inputs done (file sizes; 0 for streams).
    public var bytes: Int
    /// Inputs in the run.
    public var totalFiles: Int
    /// Bytes of all inputs (file sizes).
    public var totalBytes: Int
}

/// One input of a run, done.
public struct CleanedInput: Sendable {
    /// The input as it was named (`crawl/news/a.html`, `<stdin>`).
    public var source: String
    /// Its output file; nil for standard output, or when it was refused before it ran.
    public var output: String?
    /// Its figures and problems (a JSON Lines input: of all its records).
    public var totals: BatchTotals
    /// Milliseconds it took, when it was cleaned.
    public var milliseconds: Int?

    /// The input's figures in one line, for a log.
    public var note: String? {
        if totals.skipped > 0 { return "\(source): skipped, \(output ?? "its output") exists" }
        guard let milliseconds, totals.failedFiles == 0 else { return nil }
        return "\(source): \(totals.bytesIn) bytes in, \(totals.bytesOut) out, \(totals.removedBytes) removed, \(milliseconds) ms"
    }
}
