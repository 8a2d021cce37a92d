import DedupCore
import DedupPlugins

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks shared by the fuzz targets. A failed check prints what went wrong on standard
/// error and stops with `preconditionFailure`, which libFuzzer reports as a crash (with the
/// input saved as an artifact).
public enum Invariants {
    /// Stops the process when `condition` is false, after printing `message`.
    /// (`precondition` alone prints no message in optimized builds.)
    public static func require(
        _ condition: Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if condition { return }
        let text = "\(file):\(line): invariant failed: \(message())\n"
        _ = Array(text.utf8).withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        preconditionFailure(text, file: file, line: line)
    }

    /// The cleaning of `cleaned.result.document` keeps its promises:
    /// - the spans are non-empty, in order, and tile the document exactly; removed spans
    ///   have a reason, and the range they duplicate lies inside the document;
    /// - the kept spans concatenated are `cleanBytes` and the text exporter's output;
    /// - the JSON and the XML exports, restored with ``Restorer``, give the document back
    ///   byte for byte.
    public static func check(_ cleaned: CleanedDocument) {
        let result = cleaned.result
        let bytes = result.document.bytes
        var at = 0
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for span in result.spans {
            require(
                span.start == at && span.end > span.start && span.end <= bytes.count,
                "span \(span.start)..<\(span.end) does not continue the tiling at \(at) of \(bytes.count) bytes")
            switch span.action {
            case .keep:
                kept.append(contentsOf: bytes[span.range.range])
            case .remove:
                require(span.reason != nil, "removed span \(span.start)..<\(span.end) has no reason")
                if let source = span.duplicateOf {
                    require(
                        source.start >= 0 && source.start <= source.end && source.end <= bytes.count,
                        "removed span \(span.start)..<\(span.end) duplicates \(source.start)..<\(source.end), outside the \(bytes.count) bytes"
                    )
                }
            }
            at = span.end
        }
        require(at == bytes.count, "spans end at \(at), the document has \(bytes.count) bytes")
        require(kept == result.cleanBytes, "cleanBytes is not the kept spans concatenated")

        let text = render(.text, cleaned)
        require(text == kept, "text export (\(text.count) bytes) is not the kept spans (\(kept.count) bytes)")

        let json = render(.json, cleaned)
        do {
            let restored = try Restorer.restore(json: json)
            require(restored == bytes, "JSON restore gives \(restored.count) bytes that differ from the \(bytes.count) of the document")
        } catch {
            require(false, "JSON restore failed: \(error)")
        }

        let xml = render(.xml, cleaned)
        do {
            let restored = try Restorer.restore(xml: xml)
            require(restored == bytes, "XML restore gives \(restored.count) bytes that differ from the \(bytes.count) of the document")
        } catch {
            require(false, "XML restore failed: \(error)")
        }
    }

    /// The bytes `exporter` writes for `cleaned`; an exporter that throws on a valid
    /// document is a failure.
    static func render(_ exporter: Exporter, _ cleaned: CleanedDocument) -> [UInt8] {
        do {
            return try exporter.render(cleaned)
        } catch {
            require(false, "\(exporter.name) export failed: \(error)")
            return []
        }
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, found with the
    /// standard library's decoder (independently of ``UTF8Validation``), or nil.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The input libFuzzer hands over, as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
