import DedupCore

/// UTF-8 checks and repair on bytes.
enum UTF8Repair {
    /// How much of `bytes` reads as UTF-8: well-formed multi-byte sequences and bytes that
    /// break the encoding.
    static func scan(_ bytes: ArraySlice<UInt8>) -> (multibyte: Int, invalid: Int) {
        if UTF8Validation.firstInvalidOffset(in: bytes) == nil {
            // Valid: every lead byte starts a sequence.
            return (bytes.reduce(0) { $0 + ($1 >= 0xC0 ? 1 : 0) }, 0)
        }
        var multibyte = 0, invalid = 0
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            while i < n {
                if buf[i] < 0x80 {
                    i += 1
                    continue
                }
                let length = sequenceLength(buf, at: i)
                if length == 0 {
                    invalid += 1
                    i += 1
                } else {
                    multibyte += 1
                    i += length
                }
            }
        }
        return (multibyte, invalid)
    }

    /// `bytes` with every byte that breaks UTF-8 replaced by U+FFFD (the bytes themselves
    /// when they are valid), how many were replaced, and where the first was (from the start
    /// of `bytes`).
    static func repaired(_ bytes: ArraySlice<UInt8>) -> DecodedText {
        if UTF8Validation.firstInvalidOffset(in: bytes) == nil { return DecodedText(utf8: Array(bytes), errors: 0, firstError: nil) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var errors = 0
        var first: Int?
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            var runStart = 0
            let n = buf.count
            while i < n {
                if buf[i] < 0x80 {
                    i += 1
                    continue
                }
                let length = sequenceLength(buf, at: i)
                if length > 0 {
                    i += length
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                out.append(contentsOf: replacementCharacter)
                errors += 1
                if first == nil { first = i }
                i += 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<n]))
        }
        return DecodedText(utf8: out, errors: errors, firstError: first.map { DecodedText.Failure(offset: $0, cutOff: false) })
    }

    /// U+FFFD in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Length of the well-formed UTF-8 sequence starting at `i` (a non-ASCII byte), or 0.
    private static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        UTF8Validation.sequenceLength(in: buf, at: i) ?? 0
    }
}
