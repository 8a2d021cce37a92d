import DedupCore
internal import DedupSystem

/// Decodes JSON strings to UTF-8: escapes replaced by the bytes they stand for, `\uXXXX`
/// surrogate pairs joined into one character, every other byte copied.
enum JSONStringDecoder {
    /// The UTF-8 bytes of the JSON string at `quoted` in `line` (quotes included).
    /// - Throws: ``JSONLinesError/loneSurrogate(offset:)`` for an escaped surrogate without
    ///   its other half; ``JSONLinesError/invalidJSON(offset:problem:)`` for a bad escape (which
    ///   ``JSONScanner`` would have rejected already).
    static func decode(_ line: [UInt8], _ quoted: Range<Int>) throws(JSONLinesError) -> [UInt8] {
        try line.withUnsafeBufferPointer { buf throws(JSONLinesError) -> [UInt8] in try decode(buf, quoted) }
    }

    /// The UTF-8 bytes of the JSON string at `quoted` in `bytes` (quotes included).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ quoted: Range<Int>) throws(JSONLinesError) -> [UInt8] {
        precondition(quoted.count >= 2 && quoted.upperBound <= bytes.count, "a string with its quotes")
        let end = quoted.upperBound - 1
        var i = quoted.lowerBound + 1
        guard let base = bytes.baseAddress else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(end - i)
        while i < end {
            guard let found = memchr(base + i, Int32(JSONByte.backslash), end - i) else { break }
            let backslash = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<backslash]))
            i = backslash + 1
            guard i < end else { throw .invalidJSON(offset: backslash, problem: "invalid escape") }
            switch bytes[i] {
            case JSONByte.quote: out.append(0x22)
            case JSONByte.backslash: out.append(0x5C)
            case JSONByte.slash: out.append(0x2F)
            case JSONByte.b: out.append(0x08)
            case JSONByte.f: out.append(0x0C)
            case JSONByte.n: out.append(0x0A)
            case JSONByte.r: out.append(0x0D)
            case JSONByte.t: out.append(0x09)
            case JSONByte.u:
                guard var scalar = hex4(bytes, at: i + 1, end: end) else {
                    throw .invalidJSON(offset: backslash, problem: "invalid escape (\\u takes four hex digits)")
                }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 < end, bytes[i + 1] == JSONByte.backslash, bytes[i + 2] == JSONByte.u,
                        let low = hex4(bytes, at: i + 3, end: end), low >= 0xDC00 && low < 0xE000
                    else {
                        throw .loneSurrogate(offset: backslash)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw .loneSurrogate(offset: backslash)
                }
                UTF8Scalars.append(scalar, to: &out)
            default:
                throw .invalidJSON(offset: backslash, problem: "invalid escape")
            }
            i += 1
        }
        if i < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end])) }
        return out
    }

    /// The value of the four hex digits at `start`, or nil.
    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in start..<start + 4 {
            guard let digit = JSONByte.hexValue(bytes[k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
