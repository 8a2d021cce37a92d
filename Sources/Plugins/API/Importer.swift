import DedupCore

/// Reads input bytes into the text to clean.
///
/// A ``Framing/document`` importer receives a whole file; a ``Framing/lines`` importer
/// receives one line at a time (JSON Lines), so that a stream of any length is read in memory
/// bounded by its longest record.
public struct Importer: Sendable {
    /// How input is cut into the units an importer reads.
    public enum Framing: Sendable {
        /// The whole input is one document.
        case document
        /// Each line is one document (a record); lines are read as they arrive.
        case lines
    }

    /// The `--input-format` name.
    public var name: String
    /// One line for `dedup plugins` and the README.
    public var summary: String
    /// File extensions (without the dot, lowercase) this importer claims.
    public var fileExtensions: [String]
    /// Whether the importer reads whole inputs or single lines.
    public var framing: Framing
    /// The exporter chosen when the user names none (`jsonl` in, `jsonl` out).
    public var defaultExporter: String
    /// Makes a document of `bytes` (a whole input, or one line without its break) read from
    /// `name`. Throws an error whose description says what is wrong, without the file name.
    public var read: @Sendable (_ bytes: [UInt8], _ name: String, _ options: ImportOptions) throws -> ImportedDocument

    /// An importer; see the properties for what each argument means.
    public init(
        name: String, summary: String, fileExtensions: [String], framing: Framing = .document,
        defaultExporter: String = "text",
        read: @escaping @Sendable (_ bytes: [UInt8], _ name: String, _ options: ImportOptions) throws -> ImportedDocument
    ) {
        self.name = name
        self.summary = summary
        self.fileExtensions = fileExtensions
        self.framing = framing
        self.defaultExporter = defaultExporter
        self.read = read
    }
}
