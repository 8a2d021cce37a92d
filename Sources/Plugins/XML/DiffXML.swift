import DedupCore

/// Renders the diff (``Exporter/renderDiff`` of ``Exporter/xml``) as XML, written with libxml2's `xmlTextWriter`; it says what the JSON says:
///
/// ```
/// <diff version="1" exact="false" same="false">
///   <source side="a" path="…" size="…" sha256="…" cleaned="false"/>
///   <source side="b" …/>
///   <ops>
///     <equal aStart="0" aEnd="120" bStart="0" bEnd="118"/>
///     <delete aStart="120" aEnd="300"><a>deleted text</a></delete>
///     <insert bStart="118" bEnd="190"><b>inserted text</b></insert>
///     <change aStart="…" aEnd="…" bStart="…" bEnd="…">
///       <edit op="equal" aStart="…" aEnd="…" bStart="…" bEnd="…"><a>…</a><b>…</b></edit>
///       <edit op="change" …><a>old</a><b>new</b></edit>
///     </change>
///     <move …>…edits…</move>
///   </ops>
/// </diff>
/// ```
/// Characters XML 1.0 cannot carry are written as `<char hex="…"/>` inside the text.
enum DiffXML {
    static func render(_ report: DiffReport) throws -> [UInt8] {
        let result = report.result
        let w = try XMLWriter()
        try w.startDocument()
        try w.startElement("diff")
        try w.attribute("version", "1")
        try w.attribute("exact", result.exact ? "true" : "false")
        try w.attribute("same", result.isSame ? "true" : "false")
        for (side, source, text) in [("a", report.a, result.a), ("b", report.b, result.b)] {
            try w.raw("\n  ")
            try w.startElement("source")
            try w.attribute("side", side)
            try w.attribute("path", source.path)
            try w.attribute("size", text.count)
            try w.attribute("sha256", SHA256.hexDigest(text))
            try w.attribute("cleaned", source.cleaned ? "true" : "false")
            if source.cleaned { try w.attribute("fileSize", source.fileSize) }
            try w.endElement()
        }
        try w.raw("\n  ")
        try w.startElement("ops")
        for op in result.ops {
            try w.raw("\n    ")
            try w.startElement(op.kind.rawValue)
            try ranges(w, op.kind, op.a, op.b)
            switch op.kind {
            case .delete, .insert:
                try texts(w, op.kind, op.a, op.b, result)
            case .change, .move:
                for edit in op.edits {
                    try w.raw("\n      ")
                    try w.startElement("edit")
                    try w.attribute("op", edit.kind.rawValue)
                    try ranges(w, edit.kind, edit.a, edit.b)
                    try texts(w, edit.kind, edit.a, edit.b, result)
                    try w.endElement()
                }
                try w.raw("\n    ")
            case .equal:
                break
            }
            try w.endElement()
        }
        if !result.ops.isEmpty { try w.raw("\n  ") }
        try w.endElement()
        try w.raw("\n")
        try w.endElement()
        try w.endDocument()
        return try w.bytes()
    }

    static func ranges(_ w: XMLWriter, _ kind: DiffOpKind, _ a: ByteRange, _ b: ByteRange) throws {
        if kind != .insert {
            try w.attribute("aStart", a.start)
            try w.attribute("aEnd", a.end)
        }
        if kind != .delete {
            try w.attribute("bStart", b.start)
            try w.attribute("bEnd", b.end)
        }
    }

    static func texts(_ w: XMLWriter, _ kind: DiffOpKind, _ a: ByteRange, _ b: ByteRange, _ result: DiffResult) throws {
        if kind != .insert {
            try w.startElement("a")
            try w.text(result.a[a.range])
            try w.endElement()
        }
        if kind != .delete {
            try w.startElement("b")
            try w.text(result.b[b.range])
            try w.endElement()
        }
    }
}
