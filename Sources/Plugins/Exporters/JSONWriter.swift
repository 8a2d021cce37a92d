/// A small streaming JSON writer on bytes: keys in the order written, strings escaped as
/// RFC 8259 requires (quote, backslash, control characters), other UTF-8 bytes as they are.
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends `s` as it is: punctuation (`{`, `,`, …) or a literal (`true`, `null`).
    public mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends `s` as a JSON string, quoted and escaped.
    public mutating func string(_ s: String) { string(Array(s.utf8)[...]) }

    /// Appends UTF-8 bytes as a JSON string, quoted and escaped.
    public mutating func string(_ s: ArraySlice<UInt8>) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(0x22)
        for b in s {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x00..<0x20:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    /// Appends an object key and its colon.
    public mutating func key(_ k: String) {
        string(k)
        bytes.append(0x3A)
    }

    /// Appends an integer.
    public mutating func number(_ n: Int) { raw(String(n)) }
}
