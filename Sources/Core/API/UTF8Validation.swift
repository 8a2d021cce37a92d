/// UTF-8 validation on bytes, reporting where the encoding breaks.
public enum UTF8Validation {
    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    /// Uses the standard library's validator (`UTF8Span`), which checks ASCII a word at a time.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        firstInvalidOffset(in: bytes[...])
    }

    /// The offset from the start of `bytes` of the first byte that is not part of a
    /// well-formed UTF-8 sequence, or nil.
    public static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int? {
        do {
            _ = try UTF8Span(validating: bytes.span)
            return nil
        } catch {
            return error.byteOffsets.lowerBound
        }
    }

    /// The length (2 to 4) of the well-formed multi-byte UTF-8 sequence starting at `i`, or
    /// nil when the bytes there are not one (Unicode Table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF, no truncation).
    @inlinable
    public static func sequenceLength<Bytes: RandomAccessCollection>(in bytes: Bytes, at i: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: return nil
        }
        guard i + length <= bytes.endIndex, bytes[i + 1] >= lower, bytes[i + 1] <= upper else { return nil }
        if length > 2 && bytes[i + 2] & 0xC0 != 0x80 { return nil }
        if length > 3 && bytes[i + 3] & 0xC0 != 0x80 { return nil }
        return length
    }
}
