import DedupCore

extension Exporter {
    /// The clean text with full provenance, as one JSON object:
    ///
    /// ```
    /// {"source": {"path", "size", "sha256"},
    ///  "origin": {"format", "path", "size", "sha256", "encoding",
    ///             "blocks": [{"start", "end", "line", "xpath"}]},        // extracted or decoded inputs only
    ///  "spans": [{"start", "end", "action": "keep"|"remove",
    ///             "reason", "duplicateOf": {"start", "end"}, "text"}],   // last three when removed
    ///             // across documents: "duplicateOf": {"document", "contained"} (a repeated
    ///             // document), "documents" (a boilerplate line: the documents it is in)
    ///  "removed": {"bytes", "byReason": {reason: bytes}},
    ///  "text": clean text}
    /// ```
    /// Offsets are UTF-8 byte offsets into the source text, half-open; the spans tile it. With
    /// an origin, the source text is what was extracted or decoded from the origin's file.
    ///
    /// Diffs are written as one object of ops with byte ranges (see `dedup diff --format json`).
    public static let json = Exporter(
        name: "json",
        summary: "clean text with provenance: source, spans that tile the input, reasons, origin",
        fileExtension: "json",
        render: { ProvenanceJSON.render($0) },
        renderDiff: { report, _ in DiffJSON.render(report) }
    )
}

/// Renders the provenance JSON document (see ``Exporter/json``).
enum ProvenanceJSON {
    /// The whole document, pretty enough to read: one span per line.
    static func render(_ cleaned: CleanedDocument) -> [UInt8] {
        var w = JSONWriter(capacity: cleaned.result.document.bytes.count * 2 + 256)
        write(cleaned, into: &w, includeText: true, newline: "\n  ", spanNewline: "\n    ")
        w.raw("\n")
        return w.bytes
    }

    /// The provenance on one line and without the clean text, for a field of a JSON Lines
    /// record whose text field already holds the clean text.
    static func writeCompact(_ cleaned: CleanedDocument, into w: inout JSONWriter) {
        write(cleaned, into: &w, includeText: false, newline: "", spanNewline: "")
    }

    private static func write(
        _ cleaned: CleanedDocument, into w: inout JSONWriter, includeText: Bool,
        newline: String, spanNewline: String
    ) {
        let result = cleaned.result
        let bytes = result.document.bytes
        let sep = ","
        w.raw("{" + newline)
        w.key("source")
        w.raw("{")
        w.key("path")
        w.string(result.document.name)
        w.raw(", ")
        w.key("size")
        w.number(bytes.count)
        w.raw(", ")
        w.key("sha256")
        w.string(SHA256.hexDigest(bytes))
        w.raw("}" + sep + newline)
        if let origin = cleaned.origin {
            w.key("origin")
            w.raw("{")
            w.key("format")
            w.string(origin.format)
            w.raw(", ")
            w.key("path")
            w.string(origin.path)
            w.raw(", ")
            w.key("size")
            w.number(origin.size)
            w.raw(", ")
            w.key("sha256")
            w.string(origin.sha256)
            w.raw(", ")
            w.key("encoding")
            w.string(origin.encoding)
            w.raw(", ")
            w.key("blocks")
            w.raw("[")
            for (i, block) in origin.blocks.enumerated() {
                w.raw(i == 0 ? spanNewline + "{" : "," + spanNewline + "{")
                w.key("start")
                w.number(block.start)
                w.raw(", ")
                w.key("end")
                w.number(block.end)
                w.raw(", ")
                w.key("line")
                w.number(block.line)
                w.raw(", ")
                w.key("xpath")
                w.string(block.xpath)
                w.raw("}")
            }
            w.raw(origin.blocks.isEmpty ? "]}" : newline + "]}")
            w.raw(sep + newline)
        }
        w.key("spans")
        w.raw("[")
        for (i, span) in result.spans.enumerated() {
            w.raw(i == 0 ? spanNewline + "{" : "," + spanNewline + "{")
            w.key("start")
            w.number(span.start)
            w.raw(", ")
            w.key("end")
            w.number(span.end)
            w.raw(", ")
            w.key("action")
            w.string(span.action.rawValue)
            if span.action == .remove {
                w.raw(", ")
                w.key("reason")
                w.string(span.reason?.rawValue ?? "unknown")
                if let across = span.acrossDocuments {
                    if let document = across.document {
                        w.raw(", ")
                        w.key("duplicateOf")
                        w.raw("{")
                        w.key("document")
                        w.string(document)
                        if let contained = across.containedDecimal {
                            w.raw(", ")
                            w.key("contained")
                            w.raw(contained)
                        }
                        w.raw("}")
                    }
                    if let documents = across.documents {
                        w.raw(", ")
                        w.key("documents")
                        w.number(documents)
                    }
                }
                if let dup = span.duplicateOf {
                    w.raw(", ")
                    w.key("duplicateOf")
                    w.raw("{")
                    w.key("start")
                    w.number(dup.start)
                    w.raw(", ")
                    w.key("end")
                    w.number(dup.end)
                    w.raw("}")
                }
                w.raw(", ")
                w.key("text")
                w.string(bytes[span.range.range])
            }
            w.raw("}")
        }
        w.raw(result.spans.isEmpty ? "]" + sep + newline : newline + "]" + sep + newline)
        let removed = result.removedBytesByReason
        w.key("removed")
        w.raw("{")
        w.key("bytes")
        w.number(removed.values.reduce(0, +))
        w.raw(", ")
        w.key("byReason")
        w.raw("{")
        for (i, reason) in RemovalReason.allCases.filter({ removed[$0] != nil }).enumerated() {
            if i > 0 { w.raw(", ") }
            w.key(reason.rawValue)
            w.number(removed[reason] ?? 0)
        }
        w.raw("}}")
        if includeText {
            w.raw(sep + newline)
            w.key("text")
            w.string(result.cleanBytes[...])
        }
        w.raw(newline.isEmpty ? "}" : "\n}")
    }
}
