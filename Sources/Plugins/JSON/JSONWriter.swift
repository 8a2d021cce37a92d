/// A small streaming JSON writer on bytes: keys in the order written, strings escaped as
/// RFC 8259 requires (quote, backslash, control characters), other UTF-8 bytes as they are.
package struct JSONWriter {
    /// The JSON written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends `s` as it is: punctuation (`{`, `,`, …) or a literal (`true`, `null`).
    package mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends `json` as it is: a value already written as JSON.
    package mutating func raw<C: Collection<UInt8>>(bytes json: C) { bytes.append(contentsOf: json) }

    /// Removes the last byte written (a closing brace to be reopened).
    package mutating func removeLast() { bytes.removeLast() }

    /// Appends `s` as a JSON string, quoted and escaped.
    package mutating func string(_ s: String) { string(Array(s.utf8)[...]) }

    /// Appends UTF-8 bytes as a JSON string, quoted and escaped. Runs of bytes that need no
    /// escape (found eight at a time) are copied whole.
    package mutating func string(_ s: ArraySlice<UInt8>) {
        bytes.append(0x22)
        s.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let n = p.count
            var i = 0
            var runStart = 0
            while i < n {
                // Eight bytes at a time while none is a quote, a backslash or a control character.
                while i + 8 <= n {
                    if JSONByte.stringStops(in: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) != 0 { break }
                    i += 8
                }
                guard i < n else { break }
                let b = p[i]
                let escape: (UInt8, UInt8)? =
                    switch b {
                    case 0x22: (0x5C, 0x22)
                    case 0x5C: (0x5C, 0x5C)
                    case 0x0A: (0x5C, 0x6E)
                    case 0x0D: (0x5C, 0x72)
                    case 0x09: (0x5C, 0x74)
                    default: nil
                    }
                if escape == nil && b >= 0x20 {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
                if let (first, second) = escape {
                    bytes.append(first)
                    bytes.append(second)
                } else {
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                }
                i += 1
                runStart = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart))
        }
        bytes.append(0x22)
    }

    /// The hex digits the writer spells `\u` escapes with (lowercase).
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends an object key and its colon.
    package mutating func key(_ k: String) {
        string(k)
        bytes.append(0x3A)
    }

    /// Appends an integer.
    package mutating func number(_ n: Int) { raw(String(n)) }
}
