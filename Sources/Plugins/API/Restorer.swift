import DedupCore

/// Rebuilds the original input, byte for byte, from the provenance an exporter wrote (JSON
/// or XML).
///
/// Kept spans take their bytes from the clean text in order; removed spans carry their
/// own text. The result is checked against the recorded size and SHA-256.
public enum Restorer {
    /// Why provenance could not be turned back into the input.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What is wrong, in words.
        public var description: String
    }

    /// The original input described by provenance in `bytes`: XML when it starts with `<`,
    /// JSON otherwise.
    public static func restore(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return first == UInt8(ascii: "<") ? try restore(xml: bytes) : try restore(json: bytes)
    }

    /// The original input described by the provenance JSON in `bytes`.
    public static func restore(json bytes: [UInt8]) throws(Failure) -> [UInt8] {
        try rebuild(try JSONProvenanceReader.plan(bytes))
    }

    /// The original input described by the provenance XML in `bytes`.
    public static func restore(xml bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let plan: ProvenancePlan
        do {
            plan = try XMLProvenanceReader.plan(bytes)
        } catch {
            throw Failure(description: "not dedup XML provenance: \(error.description)")
        }
        return try rebuild(plan)
    }

    static func rebuild(_ plan: ProvenancePlan) throws(Failure) -> [UInt8] {
        let clean = plan.text
        var out: [UInt8] = []
        // The recorded size comes from the file: reserve no more than the spans can fill.
        out.reserveCapacity(min(plan.size, clean.count + plan.spans.reduce(0) { $0 + ($1.removedText?.count ?? 0) }))
        var cleanAt = 0
        for span in plan.spans {
            guard span.start == out.count, span.end >= span.start else {
                throw Failure(description: "spans do not tile the input at byte \(out.count)")
            }
            let n = span.end - span.start
            if span.removedText == nil {
                guard cleanAt + n <= clean.count else { throw Failure(description: "clean text is shorter than its kept spans") }
                out.append(contentsOf: clean[cleanAt..<(cleanAt + n)])
                cleanAt += n
            } else if let text = span.removedText {
                guard text.count == n else {
                    throw Failure(description: "removed span \(span.start)..<\(span.end) holds \(text.count) bytes of text")
                }
                out.append(contentsOf: text)
            }
        }
        guard cleanAt == clean.count else { throw Failure(description: "clean text is longer than its kept spans") }
        guard out.count == plan.size else {
            throw Failure(description: "rebuilt \(out.count) bytes, the source had \(plan.size)")
        }
        if let sha = plan.sha256, SHA256.hexDigest(out) != sha {
            throw Failure(description: "rebuilt bytes do not match the source's SHA-256")
        }
        return out
    }
}
