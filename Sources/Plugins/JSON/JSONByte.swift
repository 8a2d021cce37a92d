/// The ASCII bytes of JSON's grammar.
package enum JSONByte {
    /// A line break, which ends a JSON Lines record.
    package static let lineFeed: UInt8 = 0x0A
    static let tab: UInt8 = 0x09, carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20
    static let quote: UInt8 = 0x22, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E, slash: UInt8 = 0x2F, zero: UInt8 = 0x30, nine: UInt8 = 0x39, colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45, openBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, closeBracket: UInt8 = 0x5D
    static let b: UInt8 = 0x62, e: UInt8 = 0x65, f: UInt8 = 0x66, n: UInt8 = 0x6E, r: UInt8 = 0x72
    static let t: UInt8 = 0x74, u: UInt8 = 0x75, openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D
    static let trueLiteral = Array("true".utf8), falseLiteral = Array("false".utf8), nullLiteral = Array("null".utf8)

    static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    /// The high bit of each byte of an eight-byte word.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The bytes of the eight-byte word `w` that end a run of string content: a quote, a
    /// backslash or a control character get their high bit set (other bytes may too, only
    /// after one of those); zero when all eight can be copied or skipped as they are.
    @inline(__always)
    static func stringStops(in w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = w ^ (ones &* UInt64(quote))
        let backslashes = w ^ (ones &* UInt64(backslash))
        return (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((w &- ones &* 0x20) & ~w))
            & highBits
    }

    /// The value of a hex digit, or nil.
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    /// Whether a line holds only JSON whitespace (space, tab, carriage return).
    package static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == space || $0 == tab || $0 == carriageReturn || $0 == lineFeed }
    }
}
