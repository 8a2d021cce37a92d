/// What the normalizer and segmenter need to know about one scalar, decided without tables
/// for the common scripts.
enum ScalarClass {
    /// Whitespace of any kind: ASCII spaces and breaks, NBSP, the Unicode spaces, U+3000.
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Characters that carry nothing visible: zero-width spaces and joiners, word joiner,
    /// byte-order mark, soft hyphen, and the bidi marks.
    @inline(__always)
    static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Han ideographs, kana and Hangul: scripts written without spaces between words,
    /// where one character is one unit.
    @inline(__always)
    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFF66...0xFF9F, 0x20000...0x3134F, 0x1100...0x11FF, 0x3130...0x318F:
            return true
        default:
            return false
        }
    }

    /// Scalars that NFKC maps to themselves and that need no lookup: CJK ideographs, kana,
    /// Hangul syllables.
    @inline(__always)
    static func foldsToItself(_ v: UInt32) -> Bool {
        switch v {
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return true
        default:
            return false
        }
    }

    /// Letters and digits of scripts that separate words with spaces (ASCII fast path).
    @inline(__always)
    static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x27 || b == 0x2D
            || b == 0x5F
    }

    /// ASCII letters.
    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// ASCII letters and digits.
    @inline(__always)
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool { isASCIILetter(b) || (b >= 0x30 && b <= 0x39) }
}
