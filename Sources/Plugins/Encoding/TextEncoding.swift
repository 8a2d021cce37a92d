import DedupCore

/// A character encoding input can be decoded from, and how to turn its bytes into UTF-8.
///
/// Labels are read the way browsers read them (WHATWG Encoding): case and surrounding
/// whitespace do not matter, `gb2312`/`gbk`/`x-gbk` are decoded as their superset GB18030,
/// `iso-8859-1`/`us-ascii` as windows-1252, `shift_jis` as windows-31j (CP932), `euc-kr` as
/// CP949, `utf-16` as UTF-16LE (and `utf-32` as UTF-32LE). Any other label is handed to
/// iconv as it is.
struct TextEncoding: Equatable {
    /// How the bytes are decoded.
    enum Decoder: Equatable {
        /// UTF-8; invalid bytes become U+FFFD.
        case utf8
        /// windows-1252, decoded by a table (the five unassigned bytes map to C1 controls,
        /// as browsers do).
        case windows1252
        /// Any encoding iconv knows, by its iconv name; bytes it cannot decode become U+FFFD.
        case iconv(String)
    }

    /// The name reported as the input's encoding (`UTF-8`, `GB18030`, `windows-1252`).
    let name: String
    /// How the bytes are decoded.
    let decoder: Decoder

    static let utf8 = TextEncoding(name: "UTF-8", decoder: .utf8)
    static let utf16LE = TextEncoding(name: "UTF-16LE", decoder: .iconv("UTF-16LE"))
    static let utf16BE = TextEncoding(name: "UTF-16BE", decoder: .iconv("UTF-16BE"))
    static let utf32LE = TextEncoding(name: "UTF-32LE", decoder: .iconv("UTF-32LE"))
    static let utf32BE = TextEncoding(name: "UTF-32BE", decoder: .iconv("UTF-32BE"))
    static let gb18030 = TextEncoding(name: "GB18030", decoder: .iconv("GB18030"))
    static let windows1252 = TextEncoding(name: "windows-1252", decoder: .windows1252)

    /// The encoding `label` names, or nil when neither the table nor iconv knows it.
    static func named(_ label: String) -> TextEncoding? {
        let key = String(label.filter { !$0.isWhitespace }).lowercased()
        if let known = labels[key] { return known }
        guard !key.isEmpty, key.utf8.allSatisfy(isLabelByte), Iconv.isSupported(key) else { return nil }
        return TextEncoding(name: key.hasPrefix("windows-") ? key : key.uppercased(), decoder: .iconv(key.uppercased()))
    }

    /// The encoding `label` names for `bytes`, and where their text starts: a byte order mark
    /// of that same encoding (of any byte order, for UTF-16 and UTF-32) is skipped and
    /// decides the byte order; any other mark is read as text in the named encoding. Nil when
    /// `label` names no encoding.
    static func named(_ label: String, for bytes: [UInt8]) -> (encoding: TextEncoding, start: Int)? {
        guard let named = named(label) else { return nil }
        if let (marked, length) = byteOrderMark(of: bytes), marked.unicodeForm != nil, marked.unicodeForm == named.unicodeForm {
            return (marked, length)
        }
        return (named, 0)
    }

    /// The encoding of a byte order mark at the start of `bytes`, and the mark's length.
    static func byteOrderMark(of bytes: [UInt8]) -> (TextEncoding, Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32LE, 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32BE, 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// The Unicode encoding form this is, of either byte order (8, 16 or 32 bits); nil for
    /// other encodings.
    private var unicodeForm: Int? {
        switch self {
        case .utf8: 8
        case .utf16LE, .utf16BE: 16
        case .utf32LE, .utf32BE: 32
        default: nil
        }
    }

    /// Bytes per code unit: 2 for UTF-16 and UCS-2, 4 for UTF-32 and UCS-4, else 1 (CP932
    /// and ISO-8859-16 too). A bad unit is skipped whole, and a NUL character is a whole unit
    /// of zeros.
    var codeUnitSize: Int {
        guard case .iconv(let name) = decoder else { return 1 }
        let key = String(name.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        if key.hasPrefix("UTF32") || key.contains("UCS4") || key.hasPrefix("WCHART") { return 4 }
        if key.hasPrefix("UTF16") || key.contains("UCS2") || key.hasPrefix("UNICODE") { return 2 }
        return 1
    }

    private static let labels: [String: TextEncoding] = {
        var table: [String: TextEncoding] = [:]
        func add(_ names: [String], _ encoding: TextEncoding) {
            for name in names { table[name] = encoding }
        }
        add(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"], .utf8)
        add(["utf-16", "utf-16le", "unicode", "unicodefeff", "ucs-2", "csunicode", "iso-10646-ucs-2"], .utf16LE)
        add(["utf-16be", "unicodefffe"], .utf16BE)
        add(["utf-32", "utf-32le"], .utf32LE)
        add(["utf-32be"], .utf32BE)
        add(
            [
                "gb2312", "gbk", "x-gbk", "gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb_2312",
                "gb_2312-80", "iso-ir-58", "cp936", "ms936", "windows-936", "euc-cn", "hz-gb-2312",
            ], .gb18030)
        add(
            [
                "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "latin1", "l1", "cp819",
                "ibm819", "iso-ir-100", "csisolatin1", "us-ascii", "ascii", "ansi_x3.4-1968", "windows-1252",
                "cp1252", "x-cp1252",
            ], .windows1252)
        add(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], TextEncoding(name: "Big5", decoder: .iconv("BIG5-HKSCS")))
        add(
            ["shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "windows-31j", "x-sjis", "ms932", "cp932"],
            TextEncoding(name: "Shift_JIS", decoder: .iconv("CP932")))
        add(["euc-jp", "cseucpkdfmtjapanese", "x-euc-jp"], TextEncoding(name: "EUC-JP", decoder: .iconv("EUC-JP")))
        add(["iso-2022-jp", "csiso2022jp"], TextEncoding(name: "ISO-2022-JP", decoder: .iconv("ISO-2022-JP")))
        add(
            [
                "euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "windows-949", "cp949",
                "csksc56011987", "iso-ir-149", "cseuckr",
            ], TextEncoding(name: "EUC-KR", decoder: .iconv("CP949")))
        return table
    }()

    /// A byte that may appear in an encoding label handed to iconv.
    private static func isLabelByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "."), UInt8(ascii: ":"):
            true
        default:
            false
        }
    }

    /// `bytes` decoded to UTF-8, every sequence that could not be decoded replaced by U+FFFD,
    /// with how many there were and where the first one starts (from the start of `bytes`).
    func decode(_ bytes: ArraySlice<UInt8>) -> DecodedText {
        switch decoder {
        case .utf8:
            return UTF8Repair.repaired(bytes)
        case .windows1252:
            return DecodedText(utf8: Windows1252.decode(bytes), errors: 0, firstError: nil)
        case .iconv(let name):
            guard let decoded = Iconv.decode(bytes, from: name, unitSize: codeUnitSize) else { return UTF8Repair.repaired(bytes) }
            // glibc writes values past U+10FFFF (from UCS-4) as 5- and 6-byte sequences:
            // what iconv gives is checked like any other input.
            guard let bad = UTF8Validation.firstInvalidOffset(in: decoded.utf8) else { return decoded }
            let check = UTF8Repair.repaired(decoded.utf8[...])
            var firstError = decoded.firstError
            let offset = Iconv.inputOffset(ofOutput: bad, decoding: bytes, from: name, unitSize: codeUnitSize) ?? 0
            if offset < firstError?.offset ?? Int.max { firstError = .init(offset: offset, cutOff: false) }
            return DecodedText(utf8: check.utf8, errors: decoded.errors + check.errors, firstError: firstError)
        }
    }

    /// Whether ASCII markup reads as itself in this encoding; only such an encoding can be
    /// declared inside a page (UTF-16 is handled apart, as browsers do).
    var isASCIICompatible: Bool {
        if self == .utf16LE || self == .utf16BE { return true }
        let probe = Array("<meta charset=\"x\">".utf8)
        return decode(probe[...]).utf8 == probe
    }
}
