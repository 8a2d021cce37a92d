import DedupCore

extension Exporter {
    /// JSON Lines: each record written back as it was read, with only the text field's value
    /// replaced by the clean text and the provenance (source, origin, spans with the removed
    /// text, removed bytes; not the clean text) in the field ``ImportOptions/provenanceField``:
    /// its old value replaced when the record has one (a second run), else added as the last
    /// field. Every other byte (field order, numbers, escapes, whitespace) is kept; a text
    /// from which nothing was removed keeps its original spelling. One line, ending in `\n`.
    ///
    /// What `dedup restore` needs to give the record back byte for byte is in the provenance:
    /// the original text from the spans; and, only when the default does not hold, a
    /// `record` object: `"text":"ascii"` when the original text value escaped every non-ASCII
    /// character (`\u00e9`, as Python's `json.dumps` does), or the original value itself
    /// as a JSON string (`"text":"\"caf\\u00e9\""`) when it was spelt some other way;
    /// `"previous"`, the old value as a JSON string, when the record already had a
    /// provenance field (a second run), which was replaced.
    ///
    /// A document that did not come from a record (a text file) becomes one new line:
    /// `{"source": name, "<text field>": clean text, "<provenance field>": {…}}`.
    public static let jsonLines = Exporter(
        name: "jsonl",
        summary: "JSON Lines: each record as it was, with the clean text and a provenance field added",
        fileExtension: "jsonl",
        render: { JSONLinesRecordWriter.render($0) }
    )
}

/// Writes cleaned records as JSON Lines (see ``Exporter/jsonLines``).
enum JSONLinesRecordWriter {
    /// One line for `cleaned`, ending in `\n`.
    static func render(_ cleaned: CleanedDocument) -> [UInt8] {
        guard let record = cleaned.record else { return renderNew(cleaned) }
        let bytes = record.bytes
        // Room for the text with an escape every sixteen bytes, so that it is written without
        // growing the buffer on the way.
        let clean = cleaned.result.cleanBytes
        var text = JSONWriter(capacity: cleaned.result.removals.isEmpty ? 0 : clean.count + clean.count / 16 + 2)
        if !cleaned.result.removals.isEmpty { text.string(clean[...]) }
        var provenance = JSONWriter()
        if record.provenanceValue == nil {
            provenance.raw(record.isEmptyObject ? "" : ",")
            provenance.key(cleaned.options.provenanceField)
        }
        ProvenanceJSON.writeCompact(cleaned, into: &provenance)
        if let undo = RecordSpelling.undo(record: record, cleaned: cleaned) {
            // `"record": {…}` inside the provenance object, before its closing brace.
            provenance.removeLast()
            provenance.raw(",")
            provenance.key("record")
            provenance.raw(bytes: undo)
            provenance.raw("}")
        }

        // The edits, in the order they occur in the line: the text value replaced (unless it is
        // kept), the provenance value replaced or a field inserted before the closing brace.
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        if !cleaned.result.removals.isEmpty { edits.append((record.textValue, text.bytes)) }
        edits.append((record.provenanceValue ?? record.closingBrace..<record.closingBrace, provenance.bytes))
        var out = applying(edits, to: bytes, extra: 1)
        out.append(JSONByte.lineFeed)
        return out
    }

    /// `line` with each edit's range replaced by its bytes (ranges apart from each other),
    /// with room for `extra` more bytes.
    static func applying(_ edits: [(range: Range<Int>, bytes: [UInt8])], to line: [UInt8], extra: Int = 0) -> [UInt8] {
        let edits = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(line.count + edits.reduce(0) { $0 + $1.bytes.count } + extra)
        var cursor = 0
        for edit in edits {
            out.append(contentsOf: line[cursor..<edit.range.lowerBound])
            out.append(contentsOf: edit.bytes)
            cursor = edit.range.upperBound
        }
        out.append(contentsOf: line[cursor...])
        return out
    }

    /// A new record for a document that was not read from one.
    private static func renderNew(_ cleaned: CleanedDocument) -> [UInt8] {
        var w = JSONWriter(capacity: cleaned.result.document.bytes.count * 2 + 256)
        w.raw("{")
        w.key("source")
        w.string(cleaned.result.document.name)
        w.raw(",")
        w.key(cleaned.options.textField)
        w.string(cleaned.result.cleanBytes[...])
        w.raw(",")
        w.key(cleaned.options.provenanceField)
        ProvenanceJSON.writeCompact(cleaned, into: &w)
        w.raw("}\n")
        return w.bytes
    }
}
