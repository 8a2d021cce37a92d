import DedupCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Restorer {
    /// The JSON Lines stream that `dedup clean --input-format jsonl` read, rebuilt byte for
    /// byte from the stream it wrote (`bytes`): each cleaned record with its original text
    /// (spelt as it was), without the provenance field it gained (or with the one it had);
    /// every other line (blank, rejected, or without the provenance field) as it is. With
    /// `id`, only the record whose id field (``ImportOptions/idField``) is `id`, as its line.
    /// `options` names the text, provenance and id fields as the clean run did.
    public static func restore(jsonLines bytes: [UInt8], options: ImportOptions, id: String? = nil) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(id == nil ? bytes.count : 0)
        var lineStart = 0
        var lineNumber = 0
        var found = false
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let hasBreak = lineEnd < bytes.count
            let line = Array(bytes[lineStart..<lineEnd])
            do {
                let restored = try JSONLinesRecordRestorer.restore(line, options: options, onlyId: id)
                if let restored {
                    out.append(contentsOf: restored)
                    if hasBreak { out.append(0x0A) }
                    found = true
                }
            } catch {
                throw Failure(description: "line \(lineNumber): \(error.description)")
            }
            if found && id != nil { break }
            lineStart = lineEnd + 1
        }
        if let id, !found { throw Failure(description: "no record with id '\(id)'") }
        return out
    }
}

/// Restores one line of a cleaned JSON Lines stream (see ``Restorer/restore(jsonLines:options:id:)``).
enum JSONLinesRecordRestorer {
    /// What the JSON Lines exporter adds to a record's provenance when restore needs it.
    struct Undo: Decodable {
        var text: String?
        var previous: String?
    }
    struct Provenance: Decodable {
        var source: JSONProvenanceRecord.Source
        var spans: [JSONProvenanceRecord.SpanRecord]
        var record: Undo?
    }

    /// The line as it was read, or nil when `onlyId` is given and the line is another
    /// record (or no record).
    static func restore(_ line: [UInt8], options: ImportOptions, onlyId: String?) throws(Restorer.Failure) -> [UInt8]? {
        let layout = try? JSONScanner.scanRecord(
            line, textField: options.textField, provenanceField: options.provenanceField, idField: options.idField)
        if let onlyId {
            guard let idRange = layout?.idValue, JSONLinesRecordReader.id(line, idRange) == onlyId else { return nil }
        }
        // A line that is no record with provenance was written as it was read.
        guard let layout, let provenanceRange = layout.provenanceValue else { return line }
        // So was a record whose text does not decode (a `\u` escape of a lone surrogate): the
        // importer rejected it, whatever its provenance field holds. A record the exporter
        // wrote always has a text that decodes.
        guard let clean = try? JSONStringDecoder.decode(line, layout.textValue) else { return line }
        let provenance: Provenance
        do {
            provenance = try JSONDecoder().decode(Provenance.self, from: Data(line[provenanceRange]))
        } catch {
            throw Restorer.Failure(description: "not dedup provenance: \(JSONProvenanceReader.describe(error))")
        }
        let record = JSONProvenanceRecord(source: provenance.source, spans: provenance.spans, text: "")
        var plan = try record.plan
        plan.text = clean
        let original = try Restorer.rebuild(plan)
        let removed = provenance.spans.contains { $0.action != "keep" }

        // The edits the exporter made, undone in the order they sit in the line.
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        if removed {
            let spelt: [UInt8] =
                switch provenance.record?.text {
                case nil: RecordSpelling.canonical(original[...])
                case "ascii": RecordSpelling.ascii(original[...])
                case let raw?: Array(raw.utf8)
                }
            edits.append((layout.textValue, spelt))
        }
        if let previous = provenance.record?.previous {
            edits.append((provenanceRange, Array(previous.utf8)))
        } else {
            // `,"<field>":` then the value were inserted before the closing brace.
            var key = JSONWriter()
            key.raw(",")
            key.key(options.provenanceField)
            let start = provenanceRange.lowerBound - key.bytes.count
            guard start >= 0, line[start..<provenanceRange.lowerBound].elementsEqual(key.bytes) else {
                throw Restorer.Failure(description: "the provenance field is not where dedup adds it")
            }
            edits.append((start..<provenanceRange.upperBound, []))
        }
        return JSONLinesRecordWriter.applying(edits, to: line)
    }
}
