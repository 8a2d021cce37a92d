import DedupCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the provenance a JSON exporter wrote back into what restore needs.
enum JSONProvenanceReader {
    /// The plan of the provenance JSON in `bytes`.
    static func plan(_ bytes: [UInt8]) throws(Restorer.Failure) -> ProvenancePlan {
        let record: JSONProvenanceRecord
        do {
            record = try JSONDecoder().decode(JSONProvenanceRecord.self, from: Data(bytes))
        } catch {
            throw Restorer.Failure(description: "not dedup JSON provenance: \(describe(error))")
        }
        return try record.plan
    }

    /// What a decoding error says, with the JSON path of the field concerned.
    static func describe(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "no field '\(key.stringValue)'\(path(context))"
        case DecodingError.typeMismatch(_, let context): return "a field of the wrong type\(path(context))"
        case DecodingError.valueNotFound(_, let context): return "a missing value\(path(context))"
        case DecodingError.dataCorrupted(let context): return "not valid JSON\(path(context))"
        default: return "\(error)"
        }
    }
}

/// The provenance JSON as decoded for restore.
struct JSONProvenanceRecord: Decodable {
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

    var plan: ProvenancePlan {
        get throws(Restorer.Failure) {
            var spans: [ProvenancePlan.Span] = []
            spans.reserveCapacity(self.spans.count)
            for s in self.spans {
                switch s.action {
                case "keep": spans.append(.init(start: s.start, end: s.end, removedText: nil))
                case "remove":
                    guard let text = s.text else {
                        throw Restorer.Failure(description: "removed span \(s.start)..<\(s.end) lacks its text")
                    }
                    spans.append(.init(start: s.start, end: s.end, removedText: Array(text.utf8)))
                default: throw Restorer.Failure(description: "unknown span action '\(s.action)'")
                }
            }
            return ProvenancePlan(size: source.size, sha256: source.sha256, spans: spans, text: Array(text.utf8))
        }
    }
}
