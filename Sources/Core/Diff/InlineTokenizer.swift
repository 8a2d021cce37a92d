/// What a token of an inline diff is made of.
enum TokenKind: UInt8 {
    /// Letters and digits of a script that separates words with spaces.
    case word
    /// One Han, kana or Hangul character.
    case cjk
    /// A sentence terminator: `.`, `!`, `?`, `。`, `！`, `？`, `…`.
    case terminator
    /// Any other character.
    case punctuation
    /// A run of whitespace (exact mode only: otherwise whitespace is not a unit).
    case space
}

/// Tokens of a stretch of units: token `t` covers units `starts[t] ..< starts[t + 1]`.
struct TokenList {
    var starts: [Int]
    var hashes: [UInt64]
    var kinds: [TokenKind]
    /// Whether whitespace (or something else the key dropped) stands before each token.
    var gapBefore: [Bool]

    var count: Int { hashes.count }

    /// The units of tokens `t` (an empty range where `t` is empty).
    func units(_ t: Range<Int>) -> Range<Int> { starts[t.lowerBound]..<starts[t.upperBound] }

    /// Number of units in tokens `t`: the length measure of the semantic clean-up.
    func weight(_ t: Range<Int>) -> Int { starts[t.upperBound] - starts[t.lowerBound] }
}

/// Cuts units into the tokens an inline diff compares: one CJK character, one word of a
/// space-separated script, one punctuation character, one run of whitespace (exact mode).
/// With `characters`, every character is a token (for measuring similarity).
enum InlineTokenizer {
    static func tokens(_ text: DiffText, _ r: Range<Int>, characters: Bool = false) -> TokenList {
        var list = TokenList(starts: [], hashes: [], kinds: [], gapBefore: [])
        list.starts.reserveCapacity(r.count + 1)
        let units = text.units
        var i = r.lowerBound
        var previousEnd = r.isEmpty ? 0 : text.startByte(r.lowerBound)
        while i < r.upperBound {
            let start = i
            let startByte = text.startByte(i)
            let kind = classify(units[i])
            var end = i + 1
            // Units folded from the same scalar always stay together.
            while end < r.upperBound && text.offsets[end] == text.offsets[start] { end += 1 }
            if !characters {
                switch kind {
                case .word:
                    while end < r.upperBound, isContiguous(text, end), isWordContinuation(units[end]) {
                        end += 1
                    }
                case .space:
                    while end < r.upperBound, ScalarClass.isWhitespace(units[end]) { end += 1 }
                default:
                    break
                }
            }
            list.starts.append(start)
            list.hashes.append(UnitHash.hash(units, start..<end))
            list.kinds.append(kind)
            list.gapBefore.append(startByte != previousEnd)
            previousEnd = text.endByte(end - 1)
            i = end
        }
        list.starts.append(r.upperBound)
        return list
    }

    /// True when unit `i` comes right after unit `i - 1` in the bytes (or from the same scalar).
    @inline(__always)
    static func isContiguous(_ text: DiffText, _ i: Int) -> Bool {
        text.offsets[i] == text.offsets[i - 1] || text.startByte(i) == text.endByte(i - 1)
    }

    static func classify(_ u: UInt32) -> TokenKind {
        if u < 0x80 {
            let b = UInt8(u)
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F {
                return .word
            }
            switch b {
            case 0x2E, 0x21, 0x3F: return .terminator
            case 0x09...0x0D, 0x20: return .space
            default: return .punctuation
            }
        }
        if ScalarClass.isCJK(u) { return .cjk }
        if ScalarClass.isWhitespace(u) { return .space }
        switch u {
        case 0x3002, 0xFF01, 0xFF1F, 0x2026, 0xFF0E, 0xFF61: return .terminator
        default: break
        }
        guard let s = Unicode.Scalar(u) else { return .punctuation }
        if s.properties.isAlphabetic || s.properties.numericType != nil { return .word }
        return .punctuation
    }

    /// Letters, digits and combining marks that continue a word.
    static func isWordContinuation(_ u: UInt32) -> Bool {
        if classify(u) == .word { return true }
        return u >= 0x300 && TextScanner.extendsPrevious(u)
    }
}
