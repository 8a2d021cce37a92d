import DedupCore
import DedupPlugins
internal import DedupSystem

/// What a clean run is asked to do: which inputs, how they are read and cleaned, and where
/// the results go. The command line builds one from its arguments; a Swift program builds
/// one directly and hands it to a ``CleanRunner``.
///
/// ```swift
/// var request = CleanRequest(inputs: ["crawl/"], destination: .folder("clean/"))
/// request.include = ["*.html"]
/// request.format = "json"
/// let summary = try CleanRunner(registry: .builtIn).run(request)
/// ```
public struct CleanRequest: Sendable {
    /// Files and folders to clean, in order; `-` is standard input. Folders are walked
    /// recursively, in name order, hidden names left out.
    public var inputs: [String]
    /// Where results go.
    public var destination: Destination
    /// The exporter's name; nil: the extension of a ``Destination/file(_:)``, else the
    /// importer's usual output (`text`, `jsonl` for JSON Lines).
    public var format: String?
    /// The importer's name; nil: chosen by each input's extension, else `text`.
    public var inputFormat: String?
    /// How importers read inputs (HTML region, JSON Lines fields, encoding).
    public var importOptions = ImportOptions()
    /// HTML: the name of the extractor that chooses the article (`article`, `page`, or one a
    /// plugin adds to the registry); nil: ``ImportOptions/extractor`` of ``importOptions``.
    public var extract: String?
    /// The detection thresholds.
    public var dedupOptions = DedupOptions()
    /// In folders, only files matching one of these globs (all files when empty).
    public var include: [String] = []
    /// In folders, files and folders matching one of these globs are left out.
    public var exclude: [String] = []
    /// Leave an input alone when its output file exists (finishing a stopped run).
    public var skipExisting = false
    /// Larger inputs, and larger JSON Lines records, are refused.
    public var maxBytes = 512 << 20
    /// Inputs cleaned at once (for a single JSON Lines input, batches of its records).
    /// Results are the same whatever the number.
    public var jobs = Cores.available
    /// A file to write the run's figures and problems to as JSON, when given.
    public var report: String?
    /// Clean across the documents of the run too: drop each document that repeats an earlier
    /// one, and remove the lines that sites repeat in the frames of their pages.
    public var acrossDocuments = false
    /// The thresholds of cross-document cleaning.
    public var crossDocumentOptions = CrossDocumentOptions()
    /// With ``acrossDocuments``: a file that keeps what earlier runs saw, read before the run
    /// (when it exists) and written after it, so that a new crawl is cleaned against them.
    public var state: String?
    /// With ``acrossDocuments``: documents dropped as repeats get no output (no file, no
    /// record) instead of an empty one.
    public var omitDropped = false

    /// A request to clean `inputs` into `destination` with the default settings.
    public init(inputs: [String], destination: Destination = .standardOutput) {
        self.inputs = inputs
        self.destination = destination
    }

    /// Checks what can be checked before anything is read: the formats exist, standard
    /// input is named once, the destination suits the inputs, the numbers are in range.
    /// - Throws: ``CleanRequestError`` naming the first problem.
    public func validate(against registry: PluginRegistry) throws(CleanRequestError) {
        guard !inputs.isEmpty else { throw .noInputs }
        if let format, registry.exporter(named: format) == nil {
            throw .unknownFormat(format, choices: registry.exporters.map(\.name))
        }
        if let inputFormat, registry.importer(named: inputFormat) == nil {
            throw .unknownInputFormat(inputFormat, choices: registry.importers.map(\.name))
        }
        if let extract, registry.extractor(named: extract) == nil {
            let choices = registry.extractors.map(\.name).joined(separator: ", ")
            throw .badImportOption("unknown extractor '\(extract)' (choices: \(choices))")
        }
        if let xpath = importOptions.xpath {
            do { try HTMLImportError.checkXPath(xpath) } catch { throw .badImportOption(error.description) }
        }
        if let encoding = importOptions.encoding {
            do { try TextDecodingError.checkEncoding(encoding) } catch { throw .badImportOption(error.description) }
        }
        let fields = (importOptions.textField, importOptions.provenanceField)
        guard !fields.0.isEmpty, !fields.1.isEmpty, fields.0 != fields.1 else { throw .sameFields }
        if inputs.count(where: { $0 == "-" }) > 1 { throw .standardInputTwice }
        if skipExisting, case .standardOutput = destination { throw .skipExistingWithoutOutput }
        if case .file(let file) = destination, inputs.count > 1 || FileIO.isDirectory(inputs[0]) {
            throw .fileForManyInputs(file)
        }
        guard (1...1024).contains(jobs) else { throw .jobsOutOfRange }
        if !acrossDocuments && (state != nil || omitDropped) { throw .needsAcrossDocuments }
        if let state {
            guard FileIO.isDirectory(FilePath.folder(of: state)) else {
                throw .badState(state, problem: "no such folder \(FilePath.folder(of: state))")
            }
            guard !FileIO.isDirectory(state) else { throw .badState(state, problem: "is a folder; name a file") }
        }
        guard maxBytes >= 1 else { throw .maxBytesTooSmall }
        if let report {
            let folder = FilePath.folder(of: report)
            guard FileIO.isDirectory(folder) else { throw .reportFolderMissing(report, folder: folder) }
            guard !FileIO.isDirectory(report) else { throw .reportIsFolder(report) }
        }
    }

    /// ``importOptions`` with the extractor ``extract`` names, from `registry`.
    func importOptions(in registry: PluginRegistry) -> ImportOptions {
        var options = importOptions
        if let extract, let extractor = registry.extractor(named: extract) { options.extractor = extractor }
        return options
    }

    /// The importer for `input`: ``inputFormat``, else the one claiming its extension, else
    /// plain text.
    func importer(for input: String, in registry: PluginRegistry) -> Importer {
        if let inputFormat, let named = registry.importer(named: inputFormat) { return named }
        if input != "-", let byExtension = registry.importer(forPath: input) { return byExtension }
        return registry.importer(named: "text") ?? .plainText
    }

    /// The exporter for results of `importer`: ``format``, else the output file's
    /// extension, else the importer's usual output.
    func exporter(for importer: Importer, in registry: PluginRegistry) -> Exporter {
        if let format, let named = registry.exporter(named: format) { return named }
        if case .file(let file) = destination, let byExtension = registry.exporter(forPath: file) { return byExtension }
        if let usual = registry.exporter(named: importer.defaultExporter) { return usual }
        return registry.exporter(named: "text") ?? .text
    }
}
