/// The JSON the cross-document phases write and read, done by hand for speed (a signature
/// holds hundreds of numbers): numbers written without `String` formatting, and a reader for
/// the one shape the phases exchange — an object whose values are numbers, strings, `null`,
/// booleans, or arrays (of arrays) of integers.
enum PhaseJSON {
    /// Appends the decimal digits of `n`.
    static func append(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 { out.append(0x2D) }
        var v = n.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(0x30 + v % 10))
            v /= 10
        } while v > 0
        out.append(contentsOf: digits.reversed())
    }

    /// A value read back.
    enum Value {
        case number(Int64)
        case string(String)
        case null
        case bool(Bool)
        case integers([Int64])
        case lists([[Int64]])
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The fields of one JSON object of the phases' shape.
    static func object(_ bytes: [UInt8]) throws(Failure) -> [String: Value] {
        var r = Reader(bytes: bytes)
        return try r.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func expect(_ b: UInt8) throws(Failure) {
            skipSpace()
            guard i < bytes.count, bytes[i] == b else { throw Failure(description: "expected '\(Character(Unicode.Scalar(b)))' at \(i)") }
            i += 1
        }

        mutating func peek() -> UInt8? {
            skipSpace()
            return i < bytes.count ? bytes[i] : nil
        }

        mutating func object() throws(Failure) -> [String: Value] {
            try expect(0x7B)
            var out: [String: Value] = [:]
            if peek() == 0x7D {
                i += 1
                return out
            }
            while true {
                let key = try string()
                try expect(0x3A)
                out[key] = try value()
                guard let b = peek() else { throw Failure(description: "an object cut short") }
                i += 1
                if b == 0x7D { return out }
                guard b == 0x2C else { throw Failure(description: "expected ',' or '}' at \(i - 1)") }
            }
        }

        mutating func value() throws(Failure) -> Value {
            guard let b = peek() else { throw Failure(description: "a value cut short") }
            switch b {
            case 0x22: return .string(try string())
            case 0x6E:
                i += 4
                return .null
            case 0x74:
                i += 4
                return .bool(true)
            case 0x66:
                i += 5
                return .bool(false)
            case 0x5B:
                i += 1
                if peek() == 0x5D {
                    i += 1
                    return .lists([])
                }
                if peek() == 0x5B {
                    var lists: [[Int64]] = []
                    while true {
                        lists.append(try integers())
                        guard let c = peek() else { throw Failure(description: "an array cut short") }
                        i += 1
                        if c == 0x5D { return .lists(lists) }
                        guard c == 0x2C else { throw Failure(description: "expected ',' or ']' at \(i - 1)") }
                    }
                }
                i -= 1
                return .integers(try integers())
            default: return .number(try number())
            }
        }

        mutating func integers() throws(Failure) -> [Int64] {
            try expect(0x5B)
            var out: [Int64] = []
            if peek() == 0x5D {
                i += 1
                return out
            }
            while true {
                out.append(try number())
                guard let c = peek() else { throw Failure(description: "an array cut short") }
                i += 1
                if c == 0x5D { return out }
                guard c == 0x2C else { throw Failure(description: "expected ',' or ']' at \(i - 1)") }
            }
        }

        mutating func number() throws(Failure) -> Int64 {
            skipSpace()
            var negative = false
            if i < bytes.count, bytes[i] == 0x2D {
                negative = true
                i += 1
            }
            var v: UInt64 = 0
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                v = v &* 10 &+ UInt64(bytes[i] - 0x30)
                i += 1
            }
            guard i > start else { throw Failure(description: "expected a number at \(start)") }
            // A fraction or exponent (not written by the phases) is skipped.
            while i < bytes.count,
                bytes[i] == 0x2E || bytes[i] == 0x65 || bytes[i] == 0x45 || bytes[i] == 0x2B
                    || (bytes[i] >= 0x30 && bytes[i] <= 0x39)
            { i += 1 }
            return negative ? Int64(bitPattern: 0 &- v) : Int64(bitPattern: v)
        }

        mutating func string() throws(Failure) -> String {
            try expect(0x22)
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == 0x22 { return String(decoding: out, as: UTF8.self) }
                if b != 0x5C {
                    out.append(b)
                    continue
                }
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x75:
                    guard i + 4 <= bytes.count, var scalar = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                        throw Failure(description: "a bad escape at \(i)")
                    }
                    i += 4
                    if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75,
                        let low = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), low >= 0xDC00, low < 0xE000
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default: out.append(e)
                }
            }
            throw Failure(description: "a string cut short")
        }
    }
}
