/// UTF-8 validation on bytes, reporting where the encoding breaks.
public enum UTF8Validation {
    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    /// Uses the standard library's validator (`UTF8Span`), which checks ASCII a word at a time.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        firstInvalidOffset(in: bytes[...])
    }

    /// The offset from the start of `bytes` of the first byte that is not part of a
    /// well-formed UTF-8 sequence, or nil.
    ///
    /// Checked by a table-driven automaton (``isValid(_:)``), eight bytes at a time over
    /// ASCII; where it finds a fault, the standard library's validator gives its offset.
    public static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.withUnsafeBufferPointer({ isValid($0) }) { return nil }
        do {
            _ = try UTF8Span(validating: bytes.span)
            return nil
        } catch {
            return error.byteOffsets.lowerBound
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode Table 3-7), by a deterministic automaton
    /// of nine states whose transitions for each byte are packed in one word: a state is a
    /// shift, and the next state is the six bits of the byte's word at that shift, so that a
    /// byte costs a load and a shift, with no branch on the text (the standard library's
    /// validator took a tenth of a run on Chinese text). The shift instruction reads only the
    /// low six bits of its count, so the state is masked only where it is tested. The text is
    /// read as two halves at once, split where a character starts: two independent chains of
    /// shifts, each a cycle a byte, keep the processor twice as busy as one.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        return Self.transitions.withUnsafeBufferPointer { table in
            // The second half starts at the first byte from the middle that is not a
            // continuation byte (within four: else the text is not UTF-8 there, and one
            // automaton over the whole finds where).
            var mid = n / 2
            while mid < n && mid < n / 2 + 4 && base[mid] & 0xC0 == 0x80 { mid += 1 }
            guard n >= 256, mid < n, base[mid] & 0xC0 != 0x80 else {
                return state(after: base, 0..<n, table: table, from: 0) == 0
            }
            var a: UInt64 = 0, b: UInt64 = 0
            var i = 0, j = mid
            let pairs = min(mid, n - mid) / 64
            for _ in 0..<pairs {
                for k in 0..<64 {
                    a = table[Int(base[i + k])] &>> a
                    b = table[Int(base[j + k])] &>> b
                }
                i += 64
                j += 64
                if a & 63 == Self.reject || b & 63 == Self.reject { return false }
            }
            // The first half must end between sequences, as the second starts a character.
            return state(after: base, i..<mid, table: table, from: a & 63) == 0
                && state(after: base, j..<n, table: table, from: b & 63) == 0
        }
    }

    /// The automaton's state after the bytes in `range`, from `start` (``reject`` once
    /// rejected; 0 between sequences).
    private static func state(
        after base: UnsafePointer<UInt8>, _ range: Range<Int>, table: UnsafeBufferPointer<UInt64>, from start: UInt64
    ) -> UInt64 {
        var state = start
        var i = range.lowerBound
        let n = range.upperBound
        while i < n {
            // Between sequences, ASCII eight bytes at a time.
            if state & 63 == 0 {
                while i + 8 <= n && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
            }
            let end = min(n, i + 64)
            while i < end {
                state = table[Int(base[i])] &>> state
                i += 1
            }
            if state & 63 == Self.reject { return Self.reject }
        }
        return state & 63
    }

    /// The rejecting state, as a shift.
    private static let reject: UInt64 = 6

    /// For each byte, the next state from each state (six bits a state). States, as shifts:
    /// 0 between sequences, 6 rejected, 12 one continuation byte to go, 18 two, 24 after
    /// E0 (A0-BF, then one), 30 after ED (80-9F, then one), 36 three to go, 42 after F0
    /// (90-BF, then two), 48 after F4 (80-8F, then two).
    private static let transitions: [UInt64] = {
        let accept = 0, reject = 1, one = 2, two = 3, afterE0 = 4, afterED = 5, three = 6, afterF0 = 7, afterF4 = 8
        func next(_ state: Int, _ b: Int) -> Int {
            switch state {
            case accept:
                switch b {
                case 0x00...0x7F: return accept
                case 0xC2...0xDF: return one
                case 0xE0: return afterE0
                case 0xE1...0xEC, 0xEE...0xEF: return two
                case 0xED: return afterED
                case 0xF0: return afterF0
                case 0xF1...0xF3: return three
                case 0xF4: return afterF4
                default: return reject
                }
            case one: return (0x80...0xBF).contains(b) ? accept : reject
            case two: return (0x80...0xBF).contains(b) ? one : reject
            case afterE0: return (0xA0...0xBF).contains(b) ? one : reject
            case afterED: return (0x80...0x9F).contains(b) ? one : reject
            case three: return (0x80...0xBF).contains(b) ? two : reject
            case afterF0: return (0x90...0xBF).contains(b) ? two : reject
            case afterF4: return (0x80...0x8F).contains(b) ? two : reject
            default: return reject
            }
        }
        return (0..<256).map { b in
            (0..<9).reduce(UInt64(0)) { word, state in word | UInt64(6 * next(state, b)) << UInt64(6 * state) }
        }
    }()

    /// The length (2 to 4) of the well-formed multi-byte UTF-8 sequence starting at `i`, or
    /// nil when the bytes there are not one (Unicode Table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF, no truncation).
    @inlinable
    public static func sequenceLength<Bytes: RandomAccessCollection>(in bytes: Bytes, at i: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: return nil
        }
        guard i + length <= bytes.endIndex, bytes[i + 1] >= lower, bytes[i + 1] <= upper else { return nil }
        if length > 2 && bytes[i + 2] & 0xC0 != 0x80 { return nil }
        if length > 3 && bytes[i + 3] & 0xC0 != 0x80 { return nil }
        return length
    }
}
