/// Why a span was removed.
public enum RemovalReason: String, Sendable, Equatable, CaseIterable, Codable {
    /// A later copy of earlier text, wherever it starts and however it is spaced.
    case laterCopy = "later-copy"
    /// An earlier fragment (a teaser cut short) that a following complete copy continues.
    case truncatedFragment = "truncated-fragment"
    /// Text repeated right after itself: a stutter, or pages that overlap.
    case adjacentRepeat = "adjacent-repeat"
}

/// What happens to a span of the input.
public enum SpanAction: String, Sendable, Equatable, Codable {
    case keep
    case remove
}

/// A half-open UTF-8 byte range `[start, end)` of the document.
public struct ByteRange: Sendable, Equatable, Hashable, Codable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public init(_ range: Range<Int>) { self.init(range.lowerBound, range.upperBound) }

    public var range: Range<Int> { start..<end }
    public var count: Int { end - start }
}

/// One piece of the tiling of a document: kept, or removed with its reason and the span it
/// repeats.
public struct Span: Sendable, Equatable {
    public var range: ByteRange
    public var action: SpanAction
    /// Set when removed.
    public var reason: RemovalReason?
    /// Where removed text repeats other text, that text's range (it may itself be kept or,
    /// for a truncated fragment, the complete copy that follows).
    public var duplicateOf: ByteRange?

    public init(range: ByteRange, action: SpanAction, reason: RemovalReason? = nil, duplicateOf: ByteRange? = nil) {
        self.range = range
        self.action = action
        self.reason = reason
        self.duplicateOf = duplicateOf
    }

    public var start: Int { range.start }
    public var end: Int { range.end }
}
