import DedupCore

/// What an importer makes of one input: the text to clean, and where that text came from
/// when it is not simply the input's bytes.
public struct ImportedDocument: Sendable {
    /// The text to deduplicate. Every offset in the provenance points into its bytes.
    public var document: Document
    /// The file the text was extracted (an HTML page) or decoded (text in UTF-16, GBK, with a
    /// byte order mark) from, with a map from the text back into it where there is one; `nil`
    /// when the document's bytes are the input's bytes, read as they are.
    public var origin: Origin?
    /// The record this document came from, for formats read one record per line (JSON Lines).
    public var record: Record?
    /// Byte ranges of the document that article extraction left out (an HTML page's
    /// navigation, footer, related links…), in order, not overlapping. Cleaning removes them
    /// as ``DedupCore/RemovalReason/pageBoilerplate`` and looks for repeats only in the rest.
    /// Empty for every format but HTML.
    public var leftOut: [ByteRange]

    /// A document with its origin, record and the ranges extraction left out.
    public init(document: Document, origin: Origin? = nil, record: Record? = nil, leftOut: [ByteRange] = []) {
        self.document = document
        self.origin = origin
        self.record = record
        self.leftOut = leftOut
    }
}

/// Where an imported text came from, when it was extracted from another format or decoded
/// from another encoding; offsets then point into the text, not into this input.
public struct Origin: Sendable, Equatable {
    /// The input format's name (`html`, `text`).
    public var format: String
    /// The input file as named on the command line.
    public var path: String
    /// Size of the input file in bytes.
    public var size: Int
    /// SHA-256 of the input file's bytes, in lowercase hex. An origin made from the input's
    /// bytes computes it when first asked: only the provenance formats write it, and hashing
    /// costs more than cleaning.
    public var sha256: String {
        switch digest {
        case .known(let hex): hex
        case .of(let bytes): SHA256.hexDigest(bytes)
        }
    }
    /// The character encoding the input was decoded from (`UTF-8`, `GBK`, …).
    public var encoding: String
    /// The blocks of text, in the order they appear in the document's text (none for
    /// decoded plain text, where the whole text is the input's).
    public var blocks: [SourceBlock]

    private enum Digest: Sendable {
        case known(String)
        case of([UInt8])
    }
    private var digest: Digest

    /// An origin; see the properties for what each argument means.
    public init(format: String, path: String, size: Int, sha256: String, encoding: String, blocks: [SourceBlock]) {
        self.format = format
        self.path = path
        self.size = size
        self.digest = .known(sha256)
        self.encoding = encoding
        self.blocks = blocks
    }

    /// An origin for the input `bytes` (their size, and their SHA-256 when asked).
    public init(format: String, path: String, input bytes: [UInt8], encoding: String, blocks: [SourceBlock]) {
        self.format = format
        self.path = path
        self.size = bytes.count
        self.digest = .of(bytes)
        self.encoding = encoding
        self.blocks = blocks
    }

    /// Origins are equal when every property is, the digest included (computed if need be).
    public static func == (a: Origin, b: Origin) -> Bool {
        a.format == b.format && a.path == b.path && a.size == b.size && a.encoding == b.encoding
            && a.blocks == b.blocks && a.sha256 == b.sha256
    }
}

/// One block of extracted text (a paragraph, heading, list item, cell…) and where it sits in
/// the input it was extracted from.
public struct SourceBlock: Sendable, Equatable {
    /// Byte range of the block in the document's text, half-open.
    public var start: Int
    /// End of the block in the document's text (exclusive).
    public var end: Int
    /// Line of the input where the block's element starts (1-based).
    public var line: Int
    /// XPath of the block's element in the input (`/html/body/div[2]/p[3]`).
    public var xpath: String

    /// A block; see the properties for what each argument means.
    public init(start: Int, end: Int, line: Int, xpath: String) {
        self.start = start
        self.end = end
        self.line = line
        self.xpath = xpath
    }
}

/// One record of a line-framed input (a JSON Lines object), kept whole so that an exporter can
/// write it back with only its text replaced.
public struct Record: Sendable, Equatable {
    /// The record's bytes as read, without the line break.
    public var bytes: [UInt8]
    /// 1-based line number of the record in its stream.
    public var lineNumber: Int
    /// Byte range in ``bytes`` of the text field's value (the JSON string, quotes included).
    public var textValue: Range<Int>
    /// Byte range in ``bytes`` of the provenance field's value when the record already has
    /// one (written by an earlier run); it is then replaced rather than added twice.
    public var provenanceValue: Range<Int>?
    /// Index in ``bytes`` of the object's closing brace, where a new field is added.
    public var closingBrace: Int
    /// Whether the object has no fields but the text (so a new field needs no comma before it).
    public var isEmptyObject: Bool
    /// The record's id (``ImportOptions/idField``: a string, or a number as written), when
    /// it has one; cross-document provenance names records by it.
    public var id: String?

    /// A record; see the properties for what each argument means.
    public init(
        bytes: [UInt8], lineNumber: Int, textValue: Range<Int>, provenanceValue: Range<Int>?,
        closingBrace: Int, isEmptyObject: Bool, id: String? = nil
    ) {
        self.id = id
        self.bytes = bytes
        self.lineNumber = lineNumber
        self.textValue = textValue
        self.provenanceValue = provenanceValue
        self.closingBrace = closingBrace
        self.isEmptyObject = isEmptyObject
    }
}

/// Settings an importer may use; each importer reads the ones that concern it.
public struct ImportOptions: Sendable {
    /// XPath expression restricting HTML extraction to a region (`//article`).
    public var xpath: String?
    /// The field of a JSON record that holds the text.
    public var textField: String
    /// The field added to a JSON record to hold its provenance.
    public var provenanceField: String
    /// Character encoding to decode the input from (`GB18030`, `Big5`, `Shift_JIS`, …),
    /// overriding what the input declares. Text: bytes invalid in it are an error; HTML: they
    /// become U+FFFD.
    public var encoding: String?
    /// The field of a JSON record that holds its id (a string or a number), which names the
    /// record in cross-document provenance.
    public var idField = "id"
    /// HTML: what of the page is its text. ``Extractor/article`` (the default) keeps the
    /// article and leaves the rest out as page boilerplate; ``Extractor/page`` keeps all
    /// visible text. Not used with ``xpath``: a region chosen by hand is taken whole.
    public var extractor: Extractor = .article

    /// Options with their defaults: text field `text`, provenance field `dedup`.
    public init(xpath: String? = nil, textField: String = "text", provenanceField: String = "dedup", encoding: String? = nil) {
        self.xpath = xpath
        self.textField = textField
        self.provenanceField = provenanceField
        self.encoding = encoding
    }
}

/// A cleaned document, as exporters receive it: the result and what the importer knew of
/// the input.
public struct CleanedDocument: Sendable {
    /// The deduplicated text with its spans.
    public var result: CleanResult
    /// Where the text came from, when it was extracted from another format.
    public var origin: Origin?
    /// The record the text came from, for line-framed inputs.
    public var record: Record?
    /// The options the input was imported with (the JSON Lines exporter needs the field names).
    public var options: ImportOptions

    /// A cleaned document; see the properties for what each argument means.
    public init(result: CleanResult, origin: Origin? = nil, record: Record? = nil, options: ImportOptions = ImportOptions()) {
        self.result = result
        self.origin = origin
        self.record = record
        self.options = options
    }

    /// The result of cleaning `imported` with `deduplicator`.
    public init(cleaning imported: ImportedDocument, with deduplicator: Deduplicator, options: ImportOptions = ImportOptions()) {
        self.init(
            result: imported.clean(with: deduplicator), origin: imported.origin,
            record: imported.record, options: options)
    }
}
