import DedupCore

/// Writes a ``CleanResult`` in one format. A plain value: a name, a one-line summary, the
/// file extension its outputs take, and the function that renders the bytes.
///
/// Built-in exporters are static members (``Exporter/text``, ``Exporter/json``); a third
/// party makes its own value and adds it to a ``PluginRegistry``.
public struct Exporter: Sendable {
    /// The `--format` name.
    public var name: String
    /// One line for `--help` and the README.
    public var summary: String
    /// Extension of output files, without the dot.
    public var fileExtension: String
    /// Renders a result.
    public var render: @Sendable (CleanResult) throws -> [UInt8]

    /// An exporter; see the properties for what each argument means.
    public init(name: String, summary: String, fileExtension: String,
                render: @escaping @Sendable (CleanResult) throws -> [UInt8]) {
        self.name = name
        self.summary = summary
        self.fileExtension = fileExtension
        self.render = render
    }
}

/// Reads input bytes into a ``Document``.
public struct Importer: Sendable {
    /// The `--input-format` name.
    public var name: String
    /// One line for `--help` and the README.
    public var summary: String
    /// File extensions (without the dot) this importer claims.
    public var fileExtensions: [String]
    /// Makes a document of the bytes read from `name`.
    public var read: @Sendable (_ bytes: [UInt8], _ name: String) throws -> Document

    /// An importer; see the properties for what each argument means.
    public init(name: String, summary: String, fileExtensions: [String],
                read: @escaping @Sendable (_ bytes: [UInt8], _ name: String) throws -> Document) {
        self.name = name
        self.summary = summary
        self.fileExtensions = fileExtensions
        self.read = read
    }
}
