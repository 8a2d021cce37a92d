import DedupCore

/// windows-1252, the encoding browsers use for `iso-8859-1`, `us-ascii` and undeclared
/// Western pages.
enum Windows1252 {
    /// The characters of bytes 0x80–0x9F; the rest of the table is Latin-1.
    private static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// `bytes` decoded to UTF-8. Every byte has a character, so nothing fails.
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt16(b)
            UTF8Scalars.append(UInt32(scalar), to: &out)
        }
        return out
    }
}
