/// Byte-level questions about a UTF-8 text that the segmenters and the cut logic ask near a
/// position: is this whitespace, where does the line start, is this inside a word.
///
/// All positions are byte offsets on scalar boundaries of valid UTF-8 text.
struct TextScanner {
    let text: [UInt8]

    init(_ text: [UInt8]) { self.text = text }

    var count: Int { text.count }

    /// The scalar that starts at `i` and its length.
    func scalar(at i: Int) -> (UInt32, Int) {
        text.withUnsafeBufferPointer { UTF8Scalars.decode($0, at: i) }
    }

    /// The start of the scalar that ends at `i` (i > 0).
    func previousScalarStart(_ i: Int) -> Int {
        var j = i - 1
        while j > 0 && text[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// The scalar that ends at `i` (i > 0).
    func scalar(before i: Int) -> UInt32 { scalar(at: previousScalarStart(i)).0 }

    func isSpace(_ v: UInt32) -> Bool { ScalarClass.isWhitespace(v) || ScalarClass.isInvisible(v) }

    /// Position of the `\n` that ends the line holding byte `i`, or the text's end.
    func lineEnd(_ i: Int) -> Int {
        text.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return i }
            let n = p.count
            var j = i
            // Eight bytes at a time: a word holds `\n` when `word ^ 0x0A…` has a zero byte.
            while j + 8 <= n {
                let x = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                if (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 { break }
                j += 8
            }
            while j < n && p[j] != 0x0A { j += 1 }
            return j
        }
    }

    /// The first position at or after `i` that is not whitespace (or the end).
    func skipSpaceForward(_ i: Int) -> Int {
        var j = i
        while j < text.count {
            let (v, len) = scalar(at: j)
            if !isSpace(v) { return j }
            j += len
        }
        return j
    }

    /// The first position at or after `i` that is not horizontal whitespace (stops at `\n`).
    func skipHorizontalSpaceForward(_ i: Int) -> Int {
        var j = i
        while j < text.count && text[j] != 0x0A && text[j] != 0x0D {
            let (v, len) = scalar(at: j)
            if !isSpace(v) { return j }
            j += len
        }
        return j
    }

    /// The last position at or before `i` that follows a non-whitespace scalar (or 0).
    func skipSpaceBackward(_ i: Int) -> Int {
        var j = i
        while j > 0 {
            let k = previousScalarStart(j)
            if !isSpace(scalar(at: k).0) { return j }
            j = k
        }
        return 0
    }

    /// Moves back over horizontal whitespace (stops after a `\n`).
    func skipHorizontalSpaceBackward(_ i: Int) -> Int {
        var j = i
        while j > 0 && text[j - 1] != 0x0A && text[j - 1] != 0x0D {
            let k = previousScalarStart(j)
            if !isSpace(scalar(at: k).0) { return j }
            j = k
        }
        return j
    }

    /// True for letters and digits of space-separated scripts (not CJK, not punctuation).
    func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return ScalarClass.isASCIIWordByte(UInt8(v)) && v != 0x2D && v != 0x27 }
        if ScalarClass.isCJK(v) || ScalarClass.isWhitespace(v) { return false }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// True when `i` falls between two letters or digits of a space-separated script, or
    /// before a scalar that belongs to the one before it (a combining mark, a zero-width
    /// joiner, a variation selector).
    func isInsideWord(_ i: Int) -> Bool {
        guard i > 0 && i < text.count else { return false }
        let next = scalar(at: i).0
        if Self.extendsPrevious(next) { return true }
        return isWordScalar(scalar(before: i)) && isWordScalar(next)
    }

    /// Combining marks, U+200D and variation selectors: never separated from what precedes.
    static func extendsPrevious(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        if v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Sentence terminators: `。！？!?…．` and `.`.
    static func isTerminator(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x2026, 0xFF0E, 0xFF61: true
        default: false
        }
    }

    /// Closing quotes and brackets that may follow a terminator inside the same sentence.
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0x2019, 0x201D, 0x300D, 0x300F, 0xFF09, 0x300B, 0x3011, 0xBB: true
        default: false
        }
    }

    /// True when a sentence ends at `i`: a terminator (and its closing quotes) just before,
    /// followed by whitespace or the end for `.`, `!`, `?`, or directly for CJK terminators.
    func isSentenceEnd(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        var j = i
        var closers = 0
        while j > 0, closers < 4, Self.isCloser(scalar(before: j)) {
            j = previousScalarStart(j)
            closers += 1
        }
        guard j > 0 else { return false }
        let t = scalar(before: j)
        guard Self.isTerminator(t) else { return false }
        if t >= 0x80 { return true }  // 。！？… end a sentence wherever they stand
        if i >= text.count { return true }
        let next = scalar(at: i).0
        if isSpace(next) || ScalarClass.isCJK(next) { return true }
        return false
    }
}
