/// The outcome of cleaning one document: spans that tile it, and the clean text.
///
/// Promises: the spans are in order, non-empty, and tile `0..<document.bytes.count`
/// exactly; ``cleanBytes`` is the kept spans concatenated.
public struct CleanResult: Sendable, Equatable {
    /// The document that was cleaned.
    public let document: Document
    /// Kept and removed spans, in order, tiling the document.
    public let spans: [Span]

    /// Wraps spans computed for `document`; they must tile it (``Deduplicator`` ensures it).
    public init(document: Document, spans: [Span]) {
        precondition(
            spans.reduce(0) { $0 == $1.start ? $1.end : -1 } == document.bytes.count,
            "spans must tile the document")
        self.document = document
        self.spans = spans
    }

    /// The kept spans concatenated.
    public var cleanBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.bytes.count)
        for span in spans where span.action == .keep {
            out.append(contentsOf: document.bytes[span.range.range])
        }
        return out
    }

    /// The clean text as a string.
    public var cleanText: String { String(decoding: cleanBytes, as: UTF8.self) }

    /// Bytes removed for each reason.
    public var removedBytesByReason: [RemovalReason: Int] {
        var out: [RemovalReason: Int] = [:]
        for span in spans where span.action == .remove {
            guard let reason = span.reason else { continue }
            out[reason, default: 0] += span.range.count
        }
        return out
    }

    /// The removed spans only.
    public var removals: [Span] { spans.filter { $0.action == .remove } }
}
