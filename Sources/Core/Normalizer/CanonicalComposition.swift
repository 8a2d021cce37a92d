/// Canonical composition (NFC's pairs), so that text stored decomposed (NFD: `e` + U+0301)
/// gives the same comparison key as text stored composed (`é`).
///
/// The pairs come from ``FoldingTable/compositions`` (generated with ICU by
/// `scripts/generate-folding-table.swift`); Hangul syllables are composed by arithmetic
/// (leading consonant + vowel, then + trailing consonant). The key composes a mark with the
/// unit right before it when that unit was read from the scalar (or composition) right
/// before the mark, and folds the result like any scalar; the unit keeps the offset of its
/// first scalar, and ``ComparisonKey/sourceEnd(ofUnit:in:)`` runs over the marks composed
/// into it, so provenance stays byte-exact.
struct CanonicalComposition: Sendable {
    /// The process-wide table.
    static let shared = CanonicalComposition(parsing: FoldingTable.compositions)

    /// `first << 32 | mark` of each pair, sorted, and the composites in the same order.
    private let keys: [UInt64]
    private let composites: [UInt32]
    /// For BMP scalars: whether they are the second of some pair.
    private let bmpMarks: [Bool]
    private let astralMarks: [UInt32]

    /// Whether `v` composes with some scalar before it.
    @inline(__always)
    func isMark(_ v: UInt32) -> Bool {
        if v < 0x10000 { return bmpMarks[Int(v)] }
        return astralMarks.contains(v)  // a handful
    }

    /// The composition of `first` and `mark`, or nil.
    func compose(_ first: UInt32, _ mark: UInt32) -> UInt32? {
        // Hangul: L + V, then LV + T.
        if (0x1100...0x1112).contains(first) && (0x1161...0x1175).contains(mark) {
            return 0xAC00 + ((first - 0x1100) * 21 + (mark - 0x1161)) * 28
        }
        if (0xAC00...0xD7A3).contains(first) && (first - 0xAC00) % 28 == 0 && (0x11A8...0x11C2).contains(mark) {
            return first + (mark - 0x11A7)
        }
        let key = UInt64(first) << 32 | UInt64(mark)
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key ? composites[lo] : nil
    }

    /// Parses the generated `first,mark=composite;` list (hex), byte by byte.
    init(parsing text: String) {
        var entries: [(UInt64, UInt32)] = []
        var bmpMarks = [Bool](repeating: false, count: 0x10000)
        var astralMarks: [UInt32] = []
        func mark(_ m: UInt32) {
            if m < 0x10000 { bmpMarks[Int(m)] = true } else if !astralMarks.contains(m) { astralMarks.append(m) }
        }
        var numbers: [UInt32] = []
        var current: UInt32 = 0
        var inNumber = false
        for b in text.utf8 {
            let digit: UInt32? =
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
                default: nil
                }
            if let digit {
                current = current << 4 | digit
                inNumber = true
                continue
            }
            if inNumber { numbers.append(current) }
            current = 0
            inNumber = false
            if b == UInt8(ascii: ";") {
                if numbers.count == 3 {
                    entries.append((UInt64(numbers[0]) << 32 | UInt64(numbers[1]), numbers[2]))
                    mark(numbers[1])
                }
                numbers.removeAll(keepingCapacity: true)
            }
        }
        for m in UInt32(0x1161)...0x1175 { mark(m) }
        for m in UInt32(0x11A8)...0x11C2 { mark(m) }
        entries.sort { $0.0 < $1.0 }
        self.keys = entries.map(\.0)
        self.composites = entries.map(\.1)
        self.bmpMarks = bmpMarks
        self.astralMarks = astralMarks
    }
}
