import DedupCore

/// Renders the diff (``Exporter/renderDiff`` of ``Exporter/json``) as one JSON object, for pipelines:
///
/// ```
/// {"source":{"a":{"path":…,"size":…,"sha256":…,"cleaned":false},"b":{…}},
///  "exact":false,"same":false,"counts":{"equal":3,"change":1,…},
///  "ops":[{"op":"equal","a":{"start":0,"end":120},"b":{"start":0,"end":118}},
///         {"op":"delete","a":{"start":120,"end":300},"aText":"…"},
///         {"op":"insert","b":{"start":118,"end":190},"bText":"…"},
///         {"op":"change","a":{…},"b":{…},"edits":[{"op":"equal","a":{…},"b":{…},"aText":"…","bText":"…"},
///                                            {"op":"change","a":{…},"b":{…},"aText":"…","bText":"…"}]},
///         {"op":"move","a":{…},"b":{…},"edits":[…]}]}
/// ```
///
/// Ranges are UTF-8 byte offsets, half-open; the `a` ranges of the ops tile A and the
/// `b` ranges tile B. A delete has no `b`, an insert no `a`; edits follow the same rule
/// and tile their op. `aText`/`bText` carry the text of deletes, inserts and edits.
enum DiffJSON {
    static func render(_ report: DiffReport) -> [UInt8] {
        let result = report.result
        var w = JSONWriter(capacity: 256 + result.ops.count * 64)
        w.raw("{")
        w.key("source")
        w.raw("{")
        w.key("a")
        source(&w, report.a, result.a)
        w.raw(",")
        w.key("b")
        source(&w, report.b, result.b)
        w.raw("},\n")
        w.key("exact")
        w.raw(result.exact ? "true" : "false")
        w.raw(",")
        w.key("same")
        w.raw(result.isSame ? "true" : "false")
        w.raw(",")
        w.key("counts")
        w.raw("{")
        let counts = result.counts
        var first = true
        for kind in DiffOpKind.allCases {
            guard let n = counts[kind] else { continue }
            if !first { w.raw(",") }
            first = false
            w.key(kind.rawValue)
            w.number(n)
        }
        w.raw("},\n")
        w.key("ops")
        w.raw("[")
        for (k, op) in result.ops.enumerated() {
            w.raw(k == 0 ? "\n" : ",\n")
            piece(&w, kind: op.kind, a: op.a, b: op.b, result: result, withText: op.kind == .delete || op.kind == .insert)
            if op.kind == .change || op.kind == .move {
                w.raw(",")
                w.key("edits")
                w.raw("[")
                for (e, edit) in op.edits.enumerated() {
                    if e > 0 { w.raw(",") }
                    piece(&w, kind: edit.kind, a: edit.a, b: edit.b, result: result, withText: true)
                    w.raw("}")
                }
                w.raw("]")
            }
            w.raw("}")
        }
        w.raw("\n]}\n")
        return w.bytes
    }

    static func source(_ w: inout JSONWriter, _ s: DiffSource, _ text: [UInt8]) {
        w.raw("{")
        w.key("path")
        w.string(s.path)
        w.raw(",")
        w.key("size")
        w.number(text.count)
        w.raw(",")
        w.key("sha256")
        w.string(SHA256.hexDigest(text))
        w.raw(",")
        w.key("cleaned")
        w.raw(s.cleaned ? "true" : "false")
        if s.cleaned {
            w.raw(",")
            w.key("fileSize")
            w.number(s.fileSize)
        }
        w.raw("}")
    }

    /// Writes `{"op":…,"a":…,"b":…[,"aText":…,"bText":…]` without the closing brace.
    static func piece(
        _ w: inout JSONWriter, kind: DiffOpKind, a: ByteRange, b: ByteRange, result: DiffResult,
        withText: Bool
    ) {
        w.raw("{")
        w.key("op")
        w.string(kind.rawValue)
        let hasA = kind != .insert, hasB = kind != .delete
        if hasA {
            w.raw(",")
            w.key("a")
            range(&w, a)
        }
        if hasB {
            w.raw(",")
            w.key("b")
            range(&w, b)
        }
        guard withText else { return }
        if hasA {
            w.raw(",")
            w.key("aText")
            w.string(result.a[a.range])
        }
        if hasB {
            w.raw(",")
            w.key("bText")
            w.string(result.b[b.range])
        }
    }

    static func range(_ w: inout JSONWriter, _ r: ByteRange) {
        w.raw("{")
        w.key("start")
        w.number(r.start)
        w.raw(",")
        w.key("end")
        w.number(r.end)
        w.raw("}")
    }
}
