/// UTF-8 validation on bytes, reporting where the encoding breaks.
enum UTF8Validation {
    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress else { return nil }
            let n = buf.count
            var i = 0
            while i < n {
                // Fast path: eight ASCII bytes at a time.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let b0 = buf[i]
                if b0 < 0x80 { i += 1; continue }
                let length: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch b0 {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                if i + 1 >= n || buf[i + 1] < lower || buf[i + 1] > upper { return i }
                for k in 2..<length where i + k >= n || buf[i + k] & 0xC0 != 0x80 { return i }
                i += length
            }
            return nil
        }
    }
}
