import DedupCore

/// A page that a batch run writes beside its outputs (`dedup clean -o DIR`), listing every
/// document with its figures; the ``Exporter/html`` exporter's is `DIR/index.html`.
public struct BatchIndex: Sendable {
    /// Name of the page in the output folder (`index.html`).
    public var fileName: String
    /// Renders the page for a batch's entries, given in input order.
    public var render: @Sendable ([BatchIndexEntry]) throws -> [UInt8]
    /// Reads the figures back from an output this exporter wrote, for an input whose output
    /// already existed (`--skip-existing`); nil when they cannot be read.
    public var readFigures: @Sendable (_ output: [UInt8]) -> BatchIndexEntry.Figures?

    /// An index; see the properties for what each argument means.
    public init(
        fileName: String, render: @escaping @Sendable ([BatchIndexEntry]) throws -> [UInt8],
        readFigures: @escaping @Sendable (_ output: [UInt8]) -> BatchIndexEntry.Figures? = { _ in nil }
    ) {
        self.fileName = fileName
        self.render = render
        self.readFigures = readFigures
    }
}

/// One input of a batch, as its index lists it.
public struct BatchIndexEntry: Sendable, Equatable {
    /// What became of the input.
    public enum Status: Sendable, Equatable {
        /// Cleaned, its output written.
        case cleaned
        /// Left alone because its output existed (`--skip-existing`).
        case skipped
        /// Not cleaned, for the reason given.
        case failed(String)
    }

    /// The sizes of a cleaned document and what was removed from it.
    public struct Figures: Sendable, Equatable {
        /// Size of the input file in bytes.
        public var inputBytes: Int
        /// Size of the text that was cleaned (extracted or decoded from the input) in bytes.
        public var textBytes: Int
        /// Bytes of the text removed, by reason.
        public var removedBytesByReason: [RemovalReason: Int]

        /// Figures; see the properties for what each argument means.
        public init(inputBytes: Int, textBytes: Int, removedBytesByReason: [RemovalReason: Int]) {
            self.inputBytes = inputBytes
            self.textBytes = textBytes
            self.removedBytesByReason = removedBytesByReason
        }

        /// Bytes removed, whatever the reason.
        public var removedBytes: Int { removedBytesByReason.values.reduce(0, +) }
        /// Bytes of the text kept.
        public var keptBytes: Int { textBytes - removedBytes }
    }

    /// The input as it was named (`crawl/news/a.html`).
    public var source: String
    /// The output's path relative to the index's folder, `/`-separated; nil when there is none.
    public var output: String?
    /// Cleaned, skipped or failed.
    public var status: Status
    /// The figures; nil when unknown (the input failed, or was skipped and its output does
    /// not say).
    public var figures: Figures?
    /// For a document dropped as a repeat (cleaning across documents): the document it
    /// repeats, and that one's output relative to the index's folder when it has one here.
    public var repeats: (source: String, output: String?)?

    /// Whether both list the same input with the same outcome.
    public static func == (a: BatchIndexEntry, b: BatchIndexEntry) -> Bool {
        a.source == b.source && a.output == b.output && a.status == b.status && a.figures == b.figures
            && a.repeats?.source == b.repeats?.source && a.repeats?.output == b.repeats?.output
    }

    /// An entry; see the properties for what each argument means.
    public init(source: String, output: String?, status: Status, figures: Figures?, repeats: (source: String, output: String?)? = nil) {
        self.source = source
        self.output = output
        self.status = status
        self.figures = figures
        self.repeats = repeats
    }

    /// Whether the input failed.
    public var failed: Bool {
        if case .failed = status { true } else { false }
    }
}
