/// A small HTML writer on bytes: markup is appended as it is, text from the input escaped
/// so that it can only ever be text.
///
/// Escaping covers text and double- or single-quoted attribute values alike: `&`, `<`, `>`,
/// `"` and `'` become character references, so a document holding `<script>`,
/// `</textarea>`, quotes or `&amp;` shows exactly that. Control characters that a browser
/// would drop or draw as nothing (C0 controls other than tab, line feed and carriage return,
/// and DEL) are shown as their Control Pictures (`␀`, `␛`, `␡`). The input must be valid
/// UTF-8, as every document is.
struct HTMLWriter {
    /// The page written so far.
    private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends markup as it is (tags, attribute names, fixed words). Never pass input here.
    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends `s` escaped.
    mutating func text(_ s: String) {
        text(Array(s.utf8)[...])
    }

    /// Appends a file name (or a message naming files) escaped, with the characters that
    /// reorder text written as `‹U+202E›`: a name must read as it is, and `a\u{202E}txt.exe`
    /// would otherwise show as `aexe.txt`.
    mutating func name(_ s: String) {
        guard s.unicodeScalars.contains(where: Self.isBidiControl) else { return text(s) }
        var shown = ""
        for scalar in s.unicodeScalars {
            if Self.isBidiControl(scalar) {
                shown += "‹U+" + String(scalar.value, radix: 16, uppercase: true) + "›"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        text(shown)
    }

    /// The explicit directional formatting characters (marks, embeddings, overrides, isolates).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Appends UTF-8 bytes escaped.
    mutating func text(_ s: ArraySlice<UInt8>) {
        s.withUnsafeBufferPointer { text($0) }
    }

    /// Appends a number in decimal.
    mutating func number(_ n: Int) { raw(String(n)) }

    /// Appends UTF-8 bytes escaped; runs that need no escape are copied whole.
    mutating func text(_ p: UnsafeBufferPointer<UInt8>) {
        guard let base = p.baseAddress else { return }
        let n = p.count
        var runStart = 0
        var i = 0
        while i < n {
            let b = p[i]
            guard Self.needsEscape[Int(b)] else {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
            switch b {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case UInt8(ascii: "'"): raw("&#39;")
            default:
                // U+2400 + b, or U+2421 for DEL: E2 90 80+b / E2 90 A1.
                bytes.append(contentsOf: [0xE2, 0x90, b == 0x7F ? 0xA1 : 0x80 + b])
            }
            i += 1
            runStart = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart))
    }

    /// The bytes ``text(_:)-(UnsafeBufferPointer<UInt8>)`` replaces.
    private static let needsEscape: [Bool] = (0..<256).map { b in
        switch b {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F: true
        case 0x26, 0x3C, 0x3E, 0x22, 0x27: true
        default: false
        }
    }
}
