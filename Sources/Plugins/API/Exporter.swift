import DedupCore

/// Writes results in one format. A plain value: a name, a one-line summary, the file
/// extension its outputs take, and the functions that render the bytes: of a cleaned
/// document always; of a document diff and of a batch's index when the format has them.
///
/// Built-in exporters are static members (``Exporter/text``, ``Exporter/json``,
/// ``Exporter/xml``, ``Exporter/jsonLines``, ``Exporter/html``); a third party makes its own
/// value and adds it to a ``PluginRegistry`` with ``PluginRegistry/adding(_:)-(Exporter)``.
public struct Exporter: Sendable {
    /// Renders a document diff with the given options.
    public typealias DiffRenderer = @Sendable (DiffReport, DiffRenderOptions) throws -> [UInt8]

    /// The `--format` name.
    public var name: String
    /// One line for `dedup plugins` and the README.
    public var summary: String
    /// Extension of output files, without the dot.
    public var fileExtension: String
    /// Renders one cleaned document.
    public var render: @Sendable (CleanedDocument) throws -> [UInt8]
    /// Renders a document diff (`dedup diff --format NAME`); nil when the format writes
    /// cleaned documents only.
    public var renderDiff: DiffRenderer?
    /// The page a batch writes beside its outputs (`-o DIR`), listing every document; nil
    /// when the format has none.
    public var batchIndex: BatchIndex?

    /// An exporter; see the properties for what each argument means.
    public init(
        name: String, summary: String, fileExtension: String,
        render: @escaping @Sendable (CleanedDocument) throws -> [UInt8],
        renderDiff: DiffRenderer? = nil, batchIndex: BatchIndex? = nil
    ) {
        self.name = name
        self.summary = summary
        self.fileExtension = fileExtension
        self.render = render
        self.renderDiff = renderDiff
        self.batchIndex = batchIndex
    }

    /// Renders `report` with this exporter's diff renderer.
    /// - Throws: ``ExporterError/diffNotSupported(_:)`` when the exporter has none.
    public func renderDiff(_ report: DiffReport, _ options: DiffRenderOptions = DiffRenderOptions()) throws -> [UInt8] {
        guard let renderDiff else { throw ExporterError.diffNotSupported(name) }
        return try renderDiff(report, options)
    }
}

/// Why an exporter cannot render what it was given.
public enum ExporterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exporter writes cleaned documents but not diffs.
    case diffNotSupported(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .diffNotSupported(let name): "the \(name) format does not write diffs"
        }
    }
}
