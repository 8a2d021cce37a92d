/// Why a span was removed.
public enum RemovalReason: String, Sendable, Equatable, CaseIterable, Codable {
    /// A later copy of earlier text, wherever it starts and however it is spaced.
    case laterCopy = "later-copy"
    /// An earlier fragment (a teaser cut short) that a following complete copy continues.
    case truncatedFragment = "truncated-fragment"
    /// Text repeated right after itself: a stutter, or pages that overlap.
    case adjacentRepeat = "adjacent-repeat"
    /// A document with nothing but whitespace (and invisible characters): no text to keep.
    case whitespaceOnly = "whitespace-only"
    /// A whole document that repeats an earlier document of the batch (byte-equal, under
    /// another template, re-wrapped, lightly edited, or a truncated leading part of it).
    case duplicateDocument = "duplicate-document"
    /// A line that a site repeats in the frame (header, navigation, footer) of pages of
    /// different articles.
    case boilerplate
    /// A block of an HTML page that article extraction left out: navigation, the site's
    /// header and footer, share and comment widgets, related links, cookie notices.
    case pageBoilerplate = "page-boilerplate"
}

/// What happens to a span of the input.
public enum SpanAction: String, Sendable, Equatable, Codable {
    /// The span is part of the clean text.
    case keep
    /// The span is left out of the clean text.
    case remove
}

/// A half-open UTF-8 byte range `[start, end)` of the document.
public struct ByteRange: Sendable, Equatable, Hashable, Codable {
    /// First byte of the range.
    public var start: Int
    /// One past the last byte of the range.
    public var end: Int

    /// The range `[start, end)`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The range of a Swift half-open range.
    public init(_ range: Range<Int>) { self.init(range.lowerBound, range.upperBound) }

    /// As a Swift range.
    public var range: Range<Int> { start..<end }
    /// Number of bytes in the range.
    public var count: Int { end - start }
}

/// One piece of the tiling of a document: kept, or removed with its reason and the span it
/// repeats.
public struct Span: Sendable, Equatable {
    /// The bytes of the document this span covers.
    public var range: ByteRange
    /// Kept or removed.
    public var action: SpanAction
    /// Set when removed.
    public var reason: RemovalReason?
    /// Where removed text repeats other text, that text's range (it may itself be kept or,
    /// for a truncated fragment, the complete copy that follows).
    public var duplicateOf: ByteRange?
    /// Where removed text repeats text of other documents of the batch: the document it
    /// repeats, or how many documents the line occurs in.
    public var acrossDocuments: CrossDocumentEvidence?

    /// A span; `reason` and `duplicateOf` belong to removed spans.
    public init(
        range: ByteRange, action: SpanAction, reason: RemovalReason? = nil, duplicateOf: ByteRange? = nil,
        acrossDocuments: CrossDocumentEvidence? = nil
    ) {
        self.range = range
        self.action = action
        self.reason = reason
        self.duplicateOf = duplicateOf
        self.acrossDocuments = acrossDocuments
    }

    /// First byte of the span.
    public var start: Int { range.start }
    /// One past the last byte of the span.
    public var end: Int { range.end }
}

/// What a removal repeats outside its own document: the evidence of a cross-document
/// decision (``RemovalReason/duplicateDocument`` or ``RemovalReason/boilerplate``).
public struct CrossDocumentEvidence: Sendable, Equatable, Hashable {
    /// The earlier document this one repeats (its path, or its record's id); nil for
    /// boilerplate.
    public var document: String?
    /// How much of this document is found in ``document``, from 0 to 1, in thousandths.
    public var containedPerMille: Int?
    /// For boilerplate: the number of documents whose frame holds the line.
    public var documents: Int?

    /// Evidence that a document repeats `document`, `containedPerMille` thousandths of it
    /// being found there.
    public static func repeats(_ document: String, containedPerMille: Int) -> CrossDocumentEvidence {
        CrossDocumentEvidence(document: document, containedPerMille: containedPerMille, documents: nil)
    }

    /// Evidence that a line is in the frame of `documents` documents of different articles.
    public static func boilerplate(documents: Int) -> CrossDocumentEvidence {
        CrossDocumentEvidence(document: nil, containedPerMille: nil, documents: documents)
    }

    /// How much of the document is found in the one it repeats, from 0 to 1.
    public var contained: Double? { containedPerMille.map { Double($0) / 1000 } }

    /// ``containedPerMille`` as a decimal with three places at most, as formats write it
    /// (`1`, `0.987`, `0.95`).
    public var containedDecimal: String? {
        containedPerMille.map { n in
            guard n < 1000 else { return "1" }
            var digits = String(n)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            return digits.isEmpty ? "0" : "0." + digits
        }
    }
}
