import DedupCore

extension Exporter {
    /// The clean text with full provenance as XML, written with libxml2's `xmlTextWriter` and
    /// described by `Schemas/dedup.xsd`:
    ///
    /// ```
    /// <dedup version="1">
    ///   <source path="…" size="…" sha256="…"/>
    ///   <origin format="html" path="…" size="…" sha256="…" encoding="…">   (extracted or decoded inputs)
    ///     <block start="…" end="…" line="…" xpath="…"/>
    ///   </origin>
    ///   <spans>
    ///     <span start="0" end="111" action="keep"/>
    ///     <span start="111" end="199" action="remove" reason="truncated-fragment"
    ///           duplicateOfStart="…" duplicateOfEnd="…">removed text</span>
    ///     <span … reason="duplicate-document" duplicateOfDocument="a.txt" contained="0.987">…</span>
    ///     <span … reason="boilerplate" documents="57">…</span>
    ///   </spans>
    ///   <removed bytes="…"><reason name="…" bytes="…"/></removed>
    ///   <text>clean text</text>
    /// </dedup>
    /// ```
    /// Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF)
    /// are written as `<char hex="1f"/>` inside the text, so every input has a well-formed
    /// form and `dedup restore` rebuilds it byte for byte.
    ///
    /// Diffs are written as `<diff>` documents (see `dedup diff --format xml`).
    public static let xml = Exporter(
        name: "xml",
        summary: "clean text with provenance as XML (libxml2), valid against Schemas/dedup.xsd",
        fileExtension: "xml",
        render: { try ProvenanceXML.render($0) },
        renderDiff: { report, _ in try DiffXML.render(report) }
    )
}

/// Renders the provenance XML document (see ``Exporter/xml``).
enum ProvenanceXML {
    /// The format's version, written on the root element.
    static let version = "1"

    static func render(_ cleaned: CleanedDocument) throws -> [UInt8] {
        let result = cleaned.result
        let bytes = result.document.bytes
        let w = try XMLWriter()
        try w.startDocument()
        try w.startElement("dedup")
        try w.attribute("version", version)
        try w.raw("\n  ")
        try w.startElement("source")
        try w.attribute("path", result.document.name)
        try w.attribute("size", bytes.count)
        try w.attribute("sha256", SHA256.hexDigest(bytes))
        try w.endElement()
        if let origin = cleaned.origin {
            try w.raw("\n  ")
            try w.startElement("origin")
            try w.attribute("format", origin.format)
            try w.attribute("path", origin.path)
            try w.attribute("size", origin.size)
            try w.attribute("sha256", origin.sha256)
            try w.attribute("encoding", origin.encoding)
            for block in origin.blocks {
                try w.raw("\n    ")
                try w.startElement("block")
                try w.attribute("start", block.start)
                try w.attribute("end", block.end)
                try w.attribute("line", block.line)
                try w.attribute("xpath", block.xpath)
                try w.endElement()
            }
            if !origin.blocks.isEmpty { try w.raw("\n  ") }
            try w.endElement()
        }
        try w.raw("\n  ")
        try w.startElement("spans")
        for span in result.spans {
            try w.raw("\n    ")
            try w.startElement("span")
            try w.attribute("start", span.start)
            try w.attribute("end", span.end)
            try w.attribute("action", span.action.rawValue)
            if span.action == .remove {
                try w.attribute("reason", span.reason?.rawValue ?? "unknown")
                if let across = span.acrossDocuments {
                    if let document = across.document { try w.attribute("duplicateOfDocument", document) }
                    if let contained = across.containedDecimal { try w.attribute("contained", contained) }
                    if let documents = across.documents { try w.attribute("documents", documents) }
                }
                if let dup = span.duplicateOf {
                    try w.attribute("duplicateOfStart", dup.start)
                    try w.attribute("duplicateOfEnd", dup.end)
                }
                try w.text(bytes[span.range.range])
            }
            try w.endElement()
        }
        if !result.spans.isEmpty { try w.raw("\n  ") }
        try w.endElement()
        try w.raw("\n  ")
        let removed = result.removedBytesByReason
        try w.startElement("removed")
        try w.attribute("bytes", removed.values.reduce(0, +))
        for reason in RemovalReason.allCases where removed[reason] != nil {
            try w.startElement("reason")
            try w.attribute("name", reason.rawValue)
            try w.attribute("bytes", removed[reason] ?? 0)
            try w.endElement()
        }
        try w.endElement()
        try w.raw("\n  ")
        try w.startElement("text")
        try w.text(result.cleanBytes[...])
        try w.endElement()
        try w.raw("\n")
        try w.endElement()
        try w.endDocument()
        return try w.bytes()
    }
}
