import DedupCore
import Foundation

/// Rebuilds the original input, byte for byte, from the provenance an exporter wrote.
///
/// Kept spans take their bytes from the clean `text` in order; removed spans carry their
/// own `text`. The result is checked against the recorded size and SHA-256.
public enum Restorer {
    /// Why provenance could not be turned back into the input.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The original input described by the provenance JSON in `bytes`.
    public static func restore(json bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let record: ProvenanceRecord
        do {
            record = try JSONDecoder().decode(ProvenanceRecord.self, from: Data(bytes))
        } catch {
            throw Failure(description: "not dedup JSON provenance: \(error.localizedDescription)")
        }
        return try rebuild(record)
    }

    static func rebuild(_ record: ProvenanceRecord) throws(Failure) -> [UInt8] {
        let clean = Array(record.text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(clean.count)
        var cleanAt = 0
        for span in record.spans {
            guard span.start == out.count, span.end >= span.start else {
                throw Failure(description: "spans do not tile the input at byte \(out.count)")
            }
            let n = span.end - span.start
            switch span.action {
            case "keep":
                guard cleanAt + n <= clean.count else { throw Failure(description: "clean text is shorter than its kept spans") }
                out.append(contentsOf: clean[cleanAt..<(cleanAt + n)])
                cleanAt += n
            case "remove":
                guard let text = span.text, text.utf8.count == n else {
                    throw Failure(description: "removed span \(span.start)..<\(span.end) lacks its text")
                }
                out.append(contentsOf: text.utf8)
            default:
                throw Failure(description: "unknown span action '\(span.action)'")
            }
        }
        guard cleanAt == clean.count else { throw Failure(description: "clean text is longer than its kept spans") }
        guard out.count == record.source.size else {
            throw Failure(description: "rebuilt \(out.count) bytes, the source had \(record.source.size)")
        }
        if let sha = record.source.sha256, SHA256.hexDigest(out) != sha {
            throw Failure(description: "rebuilt bytes do not match the source's SHA-256")
        }
        return out
    }
}

/// The provenance JSON as decoded for restore.
struct ProvenanceRecord: Decodable {
    struct Source: Decodable {
        var path: String?
        var size: Int
        var sha256: String?
    }
    struct SpanRecord: Decodable {
        var start: Int
        var end: Int
        var action: String
        var text: String?
    }
    var source: Source
    var spans: [SpanRecord]
    var text: String
}
