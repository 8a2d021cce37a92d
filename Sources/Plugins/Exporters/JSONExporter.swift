import DedupCore

extension Exporter {
    /// The clean text with full provenance, as one JSON object:
    ///
    /// ```
    /// {"source": {"path", "size", "sha256"},
    ///  "spans": [{"start", "end", "action": "keep"|"remove",
    ///             "reason", "text", "duplicateOf": {"start", "end"}}],   // last three when removed
    ///  "removed": {"bytes", "byReason": {reason: bytes}},
    ///  "text": clean text}
    /// ```
    /// Offsets are UTF-8 byte offsets into the input, half-open; the spans tile it.
    public static let json = Exporter(
        name: "json",
        summary: "clean text with provenance: source, spans that tile the input, reasons",
        fileExtension: "json",
        render: { ProvenanceJSON.render($0) }
    )
}

/// Renders the provenance JSON document (see ``Exporter/json``).
enum ProvenanceJSON {
    static func render(_ result: CleanResult, trailingNewline: Bool = true) -> [UInt8] {
        let bytes = result.document.bytes
        var w = JSONWriter(capacity: bytes.count * 2 + 256)
        w.raw("{\n  ")
        w.key("source")
        w.raw("{")
        w.key("path"); w.string(result.document.name); w.raw(", ")
        w.key("size"); w.number(bytes.count); w.raw(", ")
        w.key("sha256"); w.string(SHA256.hexDigest(bytes))
        w.raw("},\n  ")
        w.key("spans")
        w.raw("[")
        for (i, span) in result.spans.enumerated() {
            w.raw(i == 0 ? "\n    {" : ",\n    {")
            w.key("start"); w.number(span.start); w.raw(", ")
            w.key("end"); w.number(span.end); w.raw(", ")
            w.key("action"); w.string(span.action.rawValue)
            if span.action == .remove {
                w.raw(", "); w.key("reason"); w.string(span.reason?.rawValue ?? "unknown")
                if let dup = span.duplicateOf {
                    w.raw(", "); w.key("duplicateOf")
                    w.raw("{"); w.key("start"); w.number(dup.start); w.raw(", ")
                    w.key("end"); w.number(dup.end); w.raw("}")
                }
                w.raw(", "); w.key("text"); w.string(bytes[span.range.range])
            }
            w.raw("}")
        }
        w.raw(result.spans.isEmpty ? "],\n  " : "\n  ],\n  ")
        let removed = result.removedBytesByReason
        w.key("removed")
        w.raw("{"); w.key("bytes"); w.number(removed.values.reduce(0, +)); w.raw(", ")
        w.key("byReason"); w.raw("{")
        for (i, reason) in RemovalReason.allCases.filter({ removed[$0] != nil }).enumerated() {
            if i > 0 { w.raw(", ") }
            w.key(reason.rawValue); w.number(removed[reason] ?? 0)
        }
        w.raw("}},\n  ")
        w.key("text")
        w.string(result.cleanBytes[...])
        w.raw(trailingNewline ? "\n}\n" : "\n}")
        return w.bytes
    }
}
