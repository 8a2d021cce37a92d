/// Which characters XML 1.0 can carry, and how the rest are written.
///
/// XML 1.0 allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
/// U+10000–U+10FFFF. The other characters valid UTF-8 can hold (C0 controls, U+FFFE, U+FFFF)
/// are written as `<char hex="…"/>` elements inside the text, so that any UTF-8 input has a
/// well-formed, lossless XML form.
enum XMLCharacters {
    /// A piece of UTF-8 text cut for XML: either a run of allowed bytes or one forbidden scalar.
    enum Piece: Equatable {
        case text(Range<Int>)
        case forbidden(UInt32)
    }

    /// Cuts valid UTF-8 `bytes` into allowed runs and forbidden scalars, in order.
    static func pieces(_ bytes: ArraySlice<UInt8>) -> [Piece] {
        var out: [Piece] = []
        var runStart = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x20 {
                if b == 0x09 || b == 0x0A || b == 0x0D {
                    i += 1
                    continue
                }
                if runStart < i { out.append(.text(runStart..<i)) }
                out.append(.forbidden(UInt32(b)))
                i += 1
                runStart = i
            } else if b == 0xEF, i + 2 < bytes.endIndex, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                if runStart < i { out.append(.text(runStart..<i)) }
                out.append(.forbidden(bytes[i + 2] == 0xBE ? 0xFFFE : 0xFFFF))
                i += 3
                runStart = i
            } else {
                i += 1
            }
        }
        if runStart < bytes.endIndex { out.append(.text(runStart..<bytes.endIndex)) }
        return out
    }

    /// Whether `scalar` is one XML 1.0 cannot carry as a character.
    static func isForbidden(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0A, 0x0D: return false
        case 0..<0x20, 0xFFFE, 0xFFFF: return true
        case 0xD800...0xDFFF: return true
        default: return scalar > 0x10FFFF
        }
    }

    /// `string` with the characters XML cannot carry replaced by U+FFFD, for attributes
    /// (file names) where no element can stand in.
    static func attributeSafe(_ string: String) -> String {
        guard string.unicodeScalars.contains(where: { isForbidden($0.value) }) else { return string }
        return String(String.UnicodeScalarView(string.unicodeScalars.map { isForbidden($0.value) ? "\u{FFFD}" : $0 }))
    }
}
