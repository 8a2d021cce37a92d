/// How the comparison key folds each Unicode scalar: Unicode compatibility normalization
/// (NFKC) of the scalar alone, whitespace and invisible characters dropped, then
/// ideographic and typographic punctuation to their ASCII look-alikes, so that `，`/`,`,
/// `：`/`:`, `。`/`.`, `Ａ`/`A` compare equal.
///
/// The rule is applied ahead of time by `scripts/generate-folding-table.swift` (with ICU's
/// NFKC) into ``data``; at first use it becomes a direct table for the Basic Multilingual
/// Plane and a sorted list for the few other scalars that change, so folding a scalar is one
/// load. The table is built once per process and shared by all threads.
struct FoldingTable: Sendable {
    /// The entry of a scalar that folds to nothing (whitespace, invisible characters).
    static let drop: UInt32 = 0xFFFF_FFFF
    /// Entries at or above this (but not ``drop``) are expansions: bit 31 set, the start in
    /// ``expansions`` in bits 5–30, the count in bits 0–4.
    static let expansionFlag: UInt32 = 0x8000_0000

    /// The process-wide table.
    static let shared = FoldingTable(parsing: data)

    /// For each BMP scalar: its folded unit (itself when it does not change), ``drop``, or
    /// an expansion.
    let bmp: [UInt32]
    /// Scalars above U+FFFF that change, in order, with their entries in `astralEntries`.
    let astralScalars: [UInt32]
    let astralEntries: [UInt32]
    /// The units of scalars that fold to more than one unit.
    let expansions: [UInt32]
    /// The most key units one byte of text can give (an expansion's units over its scalar's
    /// UTF-8 length, rounded up; at least 1).
    let maxUnitsPerByte: Int

    /// The entry for `v` (any scalar value).
    @inline(__always)
    func entry(_ v: UInt32) -> UInt32 {
        if v < 0x10000 { return bmp[Int(v)] }
        var lo = 0, hi = astralScalars.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if astralScalars[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < astralScalars.count && astralScalars[lo] == v ? astralEntries[lo] : v
    }

    /// Where in ``expansions`` the units of the expansion entry `e` are.
    @inline(__always)
    static func expansionRange(_ e: UInt32) -> Range<Int> {
        let start = Int((e & ~expansionFlag) >> 5)
        return start..<(start + Int(e & 0x1F))
    }

    /// The units `v` folds to.
    func folded(_ v: UInt32) -> [UInt32] {
        let e = entry(v)
        if e == Self.drop { return [] }
        if e < Self.expansionFlag { return [e] }
        return Array(expansions[Self.expansionRange(e)])
    }

    /// Parses the generated `scalar=unit,unit;` list (hex; `scalar;` alone is a drop).
    init(parsing text: String) {
        var bmp = (0..<0x10000).map { UInt32($0) }
        var astralScalars: [UInt32] = []
        var astralEntries: [UInt32] = []
        var expansions: [UInt32] = []
        var maxUnitsPerByte = 1
        var utf8 = text.utf8.makeIterator()
        var numbers: [UInt32] = []
        var current: UInt32 = 0
        var inNumber = false
        func finishEntry() {
            guard let scalar = numbers.first else { return }
            let units = numbers.dropFirst()
            let e: UInt32
            switch units.count {
            case 0: e = Self.drop
            case 1: e = units[units.startIndex]
            default:
                e = Self.expansionFlag | UInt32(expansions.count) << 5 | UInt32(units.count)
                expansions += units
                let length = scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
                maxUnitsPerByte = max(maxUnitsPerByte, (units.count + length - 1) / length)
            }
            if scalar < 0x10000 {
                bmp[Int(scalar)] = e
            } else {
                astralScalars.append(scalar)
                astralEntries.append(e)
            }
            numbers.removeAll(keepingCapacity: true)
        }
        while let b = utf8.next() {
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
            if b == UInt8(ascii: ";") { finishEntry() }
        }
        if inNumber { numbers.append(current) }
        finishEntry()
        self.bmp = bmp
        self.astralScalars = astralScalars
        self.astralEntries = astralEntries
        self.expansions = expansions
        self.maxUnitsPerByte = maxUnitsPerByte
    }
}
