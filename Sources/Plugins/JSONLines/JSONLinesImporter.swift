import DedupCore

extension Importer {
    /// JSON Lines (`.jsonl`, `.ndjson`): each line one JSON object whose string field
    /// ``ImportOptions/textField`` holds the text to clean. The line is checked strictly
    /// (RFC 8259) and kept whole in the ``Record``, so that ``Exporter/jsonLines`` can write it
    /// back with only the text (and the provenance field) changed.
    ///
    /// The document's bytes are the decoded text (escapes resolved), so offsets in the
    /// provenance point into the text, not into the line. The record's line number is taken
    /// from a name ending in `:N` (`in.jsonl:17`), as ``LineStreamRunner`` forms them, else 1.
    /// Errors are ``JSONLinesError``s.
    public static let jsonLines = Importer(
        name: "jsonl",
        summary: "JSON Lines, one object per line; cleans the string field 'text' (--text-field), keeps every other byte",
        fileExtensions: ["jsonl", "ndjson"],
        framing: .lines,
        defaultExporter: "jsonl",
        read: { line, name, options in
            try JSONLinesRecordReader.read(line, name: name, options: options)
        }
    )
}

/// Reads one line of JSON Lines into the document to clean and the record to write back.
enum JSONLinesRecordReader {
    /// The text of `line` (one JSON object, without its line break) and where it sits.
    static func read(_ line: [UInt8], name: String, options: ImportOptions) throws(JSONLinesError) -> ImportedDocument {
        let layout = try JSONScanner.scanRecord(
            line, textField: options.textField, provenanceField: options.provenanceField, idField: options.idField)
        let text =
            layout.textHasEscapes
            ? try JSONStringDecoder.decode(line, layout.textValue)
            : Array(line[layout.textValue.lowerBound + 1..<layout.textValue.upperBound - 1])
        // The scanner checked the UTF-8 of the line and the decoder that of escapes.
        let document: Document
        do {
            document = try Document(checkedUTF8: text, name: name)
        } catch {
            switch error {
            case .tooLarge(let size): throw .tooLarge(size: size)
            case .invalidUTF8: throw .invalidUTF8(offset: layout.textValue.lowerBound)
            }
        }
        let record = Record(
            bytes: line, lineNumber: lineNumber(in: name) ?? 1, textValue: layout.textValue,
            provenanceValue: layout.provenanceValue, closingBrace: layout.closingBrace,
            isEmptyObject: false, id: layout.idValue.map { id(line, $0) })
        return ImportedDocument(document: document, record: record)
    }

    /// The id value `range` of `line` as text: a string decoded, a number as written.
    static func id(_ line: [UInt8], _ range: Range<Int>) -> String {
        if line[range.lowerBound] == JSONByte.quote, let decoded = try? JSONStringDecoder.decode(line, range) {
            return String(decoding: decoded, as: UTF8.self)
        }
        return String(decoding: line[range], as: UTF8.self)
    }

    /// `N` of a name ending in `:N`.
    static func lineNumber(in name: String) -> Int? {
        guard let colon = name.utf8.lastIndex(of: JSONByte.colon) else { return nil }
        return Int(name[name.utf8.index(after: colon)...])
    }
}
