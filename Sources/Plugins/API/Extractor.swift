/// Chooses which blocks of an HTML page are its article: a plain value, like an importer or
/// an exporter, listed in the ``PluginRegistry`` and chosen with `--extract NAME`.
///
/// The HTML importer reads the page's visible text as blocks, then asks the extractor which
/// of them to keep. The text of the document stays the visible text: the blocks left out
/// become removed spans (``DedupCore/RemovalReason/pageBoilerplate``), so that provenance
/// still accounts for every block and `dedup restore` gives the visible text back.
///
/// ```swift
/// // Keeps the story of one site, everything else on its pages being boilerplate.
/// let example = Extractor(name: "example-news", summary: "example.com: the div#story") { page in
///     try ArticleBlocks(kept: page.blocks(inside: "//div[@id='story']"))
/// }
/// let registry = PluginRegistry.builtIn.adding(example)
/// ```
public struct Extractor: Sendable {
    /// The `--extract` name.
    public var name: String
    /// One line for `dedup plugins`.
    public var summary: String
    /// The blocks of `page` that make its article. Called once per page, on any thread; an
    /// error is reported as the page's import error.
    public var extract: @Sendable (_ page: ExtractionPage) throws -> ArticleBlocks

    /// An extractor; see the properties for what each argument means.
    public init(name: String, summary: String, extract: @escaping @Sendable (_ page: ExtractionPage) throws -> ArticleBlocks) {
        self.name = name
        self.summary = summary
        self.extract = extract
    }

    /// All visible text: every block is kept (the page as `dedup` read it before extraction).
    public static let page = Extractor(
        name: "page",
        summary: "all visible text of the page: every block kept"
    ) { page in
        ArticleBlocks(kept: Array(repeating: true, count: page.blocks.count))
    }
}

/// What an extractor chose: a flag per block of the page, and optionally the article's body
/// from the page's metadata when the visible text does not hold it.
public struct ArticleBlocks: Sendable, Equatable {
    /// One flag per block of ``ExtractionPage/blocks``, in order: true for the article's.
    /// Missing flags (a shorter array) count as false.
    public var kept: [Bool]
    /// The article's text found outside the visible text (a JSON-LD `articleBody`), added to
    /// the document as a block of its own after the visible text; nil for none.
    public var metadataBody: MetadataBody?

    /// A choice of blocks; see the properties for what each argument means.
    public init(kept: [Bool], metadataBody: MetadataBody? = nil) {
        self.kept = kept
        self.metadataBody = metadataBody
    }
}

/// An article's text that a page holds outside its visible text (in JSON-LD metadata), and
/// the element it was read from.
public struct MetadataBody: Sendable, Equatable {
    /// The text, as it will appear in the document (UTF-8; paragraphs separated by a blank line).
    public var text: String
    /// Line of the element that holds it (the `script` of the JSON-LD), 1-based.
    public var line: Int
    /// XPath of that element.
    public var xpath: String

    /// A metadata body; see the properties for what each argument means.
    public init(text: String, line: Int, xpath: String) {
        self.text = text
        self.line = line
        self.xpath = xpath
    }
}
