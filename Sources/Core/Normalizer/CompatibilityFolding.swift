import Foundation

/// Folds one scalar the way the comparison key wants it: Unicode compatibility
/// normalization (NFKC) of the scalar alone, then ideographic punctuation and typographic
/// quotes to their ASCII look-alikes, so that `，`/`,`, `：`/`:`, `。`/`.`, `Ａ`/`A` compare equal.
///
/// Results for scalars outside the fast ranges are cached per instance: a document has few
/// distinct such scalars, and Foundation is asked about each once.
struct CompatibilityFolding {
    private var cache: [UInt32: [UInt32]] = [:]

    /// Appends the folded form of `v` to `out`, calling `emit` once per folded unit.
    @inline(__always)
    mutating func fold(_ v: UInt32, _ emit: (UInt32) -> Void) {
        if v < 0x80 || ScalarClass.foldsToItself(v) { emit(v); return }
        if v >= 0xFF01 && v <= 0xFF5E { emit(v - 0xFEE0); return }
        if let cached = cache[v] {
            for u in cached { emit(u) }
            return
        }
        let folded = Self.slowFold(v)
        cache[v] = folded
        for u in folded { emit(u) }
    }

    private static func slowFold(_ v: UInt32) -> [UInt32] {
        guard let scalar = Unicode.Scalar(v) else { return [v] }
        let nfkc = String(Character(scalar)).precomposedStringWithCompatibilityMapping
        var out: [UInt32] = []
        for s in nfkc.unicodeScalars {
            let u = s.value
            if ScalarClass.isWhitespace(u) || ScalarClass.isInvisible(u) { continue }
            out.append(punctuationLookAlike(u))
        }
        return out
    }

    /// Ideographic and typographic punctuation that NFKC leaves alone but scrapers swap.
    private static func punctuationLookAlike(_ u: UInt32) -> UInt32 {
        switch u {
        case 0x3002: 0x2E  // 。
        case 0x3001: 0x2C  // 、
        case 0x2018, 0x2019, 0x201A, 0x201B: 0x27
        case 0x201C, 0x201D, 0x201E, 0x201F: 0x22
        case 0x2010, 0x2011: 0x2D
        default: u
        }
    }
}
