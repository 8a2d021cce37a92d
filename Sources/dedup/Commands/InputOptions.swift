import ArgumentParser
import DedupPlugins

/// How inputs are read: their format and the settings importers take.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input-format"),
            help: "Input format (see 'dedup plugins'); by default chosen from each file's extension, else text.")
    var inputFormat: String?

    @Option(help: ArgumentHelp("HTML: extract only the region this XPath selects, e.g. '//article'.", valueName: "expr"))
    var xpath: String?

    @Option(help: ArgumentHelp(
        "Text and HTML: read inputs in this encoding (GB18030, GBK, Big5, Shift_JIS, EUC-KR, windows-1252, …) instead of UTF-8 (or, for HTML, the page's own charset).",
        valueName: "name"))
    var encoding: String?

    @Option(help: "JSON Lines: the field holding the text.")
    var textField = "text"

    @Option(help: "JSON Lines: the field added to each record for its provenance.")
    var provenanceField = "dedup"

    func validate() throws {
        if let inputFormat, DedupCommand.registry.importer(named: inputFormat) == nil {
            throw ValidationError("unknown input format '\(inputFormat)'; choose one of: \(DedupCommand.registry.importers.map(\.name).joined(separator: ", "))")
        }
        if let xpath {
            do { try HTMLImportError.checkXPath(xpath) } catch { throw ValidationError(error.description) }
        }
        if let encoding {
            do { try TextDecodingError.checkEncoding(encoding) } catch { throw ValidationError("\(error)") }
        }
        guard !textField.isEmpty, !provenanceField.isEmpty, textField != provenanceField else {
            throw ValidationError("--text-field and --provenance-field must be two different non-empty names")
        }
    }

    var importOptions: ImportOptions {
        ImportOptions(xpath: xpath, textField: textField, provenanceField: provenanceField, encoding: encoding)
    }

    /// The importer for `input`: the one named by --input-format, else the one claiming its
    /// extension, else plain text.
    func importer(for input: String, in registry: PluginRegistry) -> Importer {
        if let inputFormat, let named = registry.importer(named: inputFormat) { return named }
        if input != "-", let byExtension = registry.importer(forPath: input) { return byExtension }
        return registry.importer(named: "text") ?? .plainText
    }
}
