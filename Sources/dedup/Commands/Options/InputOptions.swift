import ArgumentParser
import DedupPlugins

/// How inputs are read: their format and the settings importers take.
struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("input-format"),
        help: "Input format (see 'dedup plugins'); by default chosen from each file's extension, else text.")
    var inputFormat: String?

    @Option(
        help: ArgumentHelp(
            "HTML: what of the page to clean: 'article' (its main text; the rest is removed as page-boilerplate), 'page' (all visible text), or an extractor a plugin adds (see 'dedup plugins').",
            valueName: "name"))
    var extract = "article"

    @Option(
        help: ArgumentHelp(
            "HTML: extract only the region this XPath selects, e.g. '//article', taken whole (no article extraction inside it).",
            valueName: "expr"))
    var xpath: String?

    @Option(
        help: ArgumentHelp(
            "Text and HTML: read inputs in this encoding (GB18030, GBK, Big5, Shift_JIS, EUC-KR, windows-1252, …) instead of UTF-8 (or, for HTML, the page's own charset).",
            valueName: "name"))
    var encoding: String?

    @Option(help: "JSON Lines: the field holding the text.")
    var textField = "text"

    @Option(help: "JSON Lines: the field added to each record for its provenance.")
    var provenanceField = "dedup"

    @Option(
        help: ArgumentHelp("JSON Lines: the field holding a record's id, which names it in cross-document provenance.", valueName: "name"))
    var idField = "id"

    /// The settings importers take.
    var importOptions: ImportOptions {
        var options = ImportOptions(xpath: xpath, textField: textField, provenanceField: provenanceField, encoding: encoding)
        options.idField = idField
        return options
    }
}
