import DedupCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A character encoding a page can be decoded from, and how to turn its bytes into UTF-8.
///
/// Labels are read the way browsers read them (WHATWG Encoding): case and surrounding
/// whitespace do not matter, `gb2312`/`gbk`/`x-gbk` are decoded as their superset GB18030,
/// `iso-8859-1`/`us-ascii` as windows-1252, `shift_jis` as windows-31j (CP932), `euc-kr` as
/// CP949. Any other label is handed to iconv as it is.
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

    /// The name reported as the page's encoding (`UTF-8`, `GB18030`, `windows-1252`).
    let name: String
    /// How the bytes are decoded.
    let decoder: Decoder

    static let utf8 = TextEncoding(name: "UTF-8", decoder: .utf8)
    static let utf16LE = TextEncoding(name: "UTF-16LE", decoder: .iconv("UTF-16LE"))
    static let utf16BE = TextEncoding(name: "UTF-16BE", decoder: .iconv("UTF-16BE"))
    static let gb18030 = TextEncoding(name: "GB18030", decoder: .iconv("GB18030"))
    static let windows1252 = TextEncoding(name: "windows-1252", decoder: .windows1252)

    /// The encoding `label` names, or nil when neither the table nor iconv knows it.
    static func named(_ label: String) -> TextEncoding? {
        let key = String(label.filter { !$0.isWhitespace }).lowercased()
        if let known = labels[key] { return known }
        guard !key.isEmpty, key.utf8.allSatisfy({ HTMLBytes.isLabelByte($0) }), Iconv.isSupported(key) else { return nil }
        return TextEncoding(name: key.hasPrefix("windows-") ? key : key.uppercased(), decoder: .iconv(key.uppercased()))
    }

    private static let labels: [String: TextEncoding] = {
        var table: [String: TextEncoding] = [:]
        func add(_ names: [String], _ encoding: TextEncoding) {
            for name in names { table[name] = encoding }
        }
        add(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"], .utf8)
        add(["utf-16", "utf-16le", "unicode", "unicodefeff", "ucs-2", "csunicode", "iso-10646-ucs-2"], .utf16LE)
        add(["utf-16be", "unicodefffe"], .utf16BE)
        add(["gb2312", "gbk", "x-gbk", "gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb_2312",
             "gb_2312-80", "iso-ir-58", "cp936", "ms936", "windows-936", "euc-cn", "hz-gb-2312"], .gb18030)
        add(["iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "latin1", "l1", "cp819",
             "ibm819", "iso-ir-100", "csisolatin1", "us-ascii", "ascii", "ansi_x3.4-1968", "windows-1252",
             "cp1252", "x-cp1252"], .windows1252)
        add(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], TextEncoding(name: "Big5", decoder: .iconv("BIG5-HKSCS")))
        add(["shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "windows-31j", "x-sjis", "ms932", "cp932"],
            TextEncoding(name: "Shift_JIS", decoder: .iconv("CP932")))
        add(["euc-jp", "cseucpkdfmtjapanese", "x-euc-jp"], TextEncoding(name: "EUC-JP", decoder: .iconv("EUC-JP")))
        add(["iso-2022-jp", "csiso2022jp"], TextEncoding(name: "ISO-2022-JP", decoder: .iconv("ISO-2022-JP")))
        add(["euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "windows-949", "cp949",
             "csksc56011987", "iso-ir-149", "cseuckr"], TextEncoding(name: "EUC-KR", decoder: .iconv("CP949")))
        return table
    }()

    /// `bytes` decoded to UTF-8, with the number of byte sequences that could not be decoded
    /// (each became U+FFFD).
    func decode(_ bytes: ArraySlice<UInt8>) -> (utf8: [UInt8], errors: Int) {
        switch decoder {
        case .utf8: UTF8Repair.repaired(bytes)
        case .windows1252: (Windows1252.decode(bytes), 0)
        case .iconv(let name):
            if let (utf8, errors) = Iconv.decode(bytes, from: name) {
                // glibc writes values past U+10FFFF (from UCS-4) as 5- and 6-byte sequences:
                // what iconv gives is checked like any other input.
                UTF8Repair.scan(utf8[...]).invalid == 0 ? (utf8, errors) : UTF8Repair.repaired(utf8[...])
            } else {
                UTF8Repair.repaired(bytes)
            }
        }
    }
}

/// UTF-8 checks and repair on bytes.
enum UTF8Repair {
    /// How much of `bytes` reads as UTF-8: well-formed multi-byte sequences and bytes that
    /// break the encoding.
    static func scan(_ bytes: ArraySlice<UInt8>) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0, invalid = 0
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            while i < n {
                if buf[i] < 0x80 { i += 1; continue }
                let length = sequenceLength(buf, at: i)
                if length == 0 {
                    invalid += 1
                    i += 1
                } else {
                    multibyte += 1
                    i += length
                }
            }
        }
        return (multibyte, invalid)
    }

    /// `bytes` with every byte that breaks UTF-8 replaced by U+FFFD (the bytes themselves
    /// when they are valid), and how many were replaced.
    static func repaired(_ bytes: ArraySlice<UInt8>) -> (utf8: [UInt8], errors: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var errors = 0
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            var runStart = 0
            let n = buf.count
            while i < n {
                if buf[i] < 0x80 { i += 1; continue }
                let length = sequenceLength(buf, at: i)
                if length > 0 { i += length; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                out.append(contentsOf: replacementCharacter)
                errors += 1
                i += 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<n]))
        }
        return (out, errors)
    }

    /// U+FFFD in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Length of the well-formed UTF-8 sequence starting at `i` (a non-ASCII byte), or 0.
    private static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        UTF8Validation.sequenceLength(in: buf, at: i) ?? 0
    }
}

/// windows-1252, the encoding browsers use for `iso-8859-1`, `us-ascii` and undeclared
/// Western pages.
enum Windows1252 {
    /// The characters of bytes 0x80–0x9F; the rest of the table is Latin-1.
    private static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// `bytes` decoded to UTF-8. Every byte has a character, so nothing fails.
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt16(b)
            UTF8Scalars.append(UInt32(scalar), to: &out)
        }
        return out
    }
}

/// Decoding through the C library's iconv, one converter per call (so threads never share one).
enum Iconv {
    /// Whether iconv can decode `name` into UTF-8.
    static func isSupported(_ name: String) -> Bool {
        guard let converter = open(name) else { return false }
        iconv_close(converter)
        return true
    }

    /// `bytes` decoded from `name` to UTF-8, with the number of undecodable sequences (each
    /// became U+FFFD, and decoding went on after its first byte); nil when iconv does not
    /// know `name`.
    static func decode(_ bytes: ArraySlice<UInt8>, from name: String) -> (utf8: [UInt8], errors: Int)? {
        guard let converter = open(name) else { return nil }
        defer { iconv_close(converter) }
        let upper = name.uppercased()
        let unitSize = upper.contains("32") || upper.contains("UCS-4") ? 4 : upper.contains("16") || upper.contains("UCS-2") ? 2 : 1
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 2 + 16)
        var errors = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = Array(bytes)
        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                let outStart = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var flushing = false
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = outStart
                    var outLeft = outBuffer.count
                    let result = flushing
                        ? iconv(converter, nil, nil, &outPointer, &outLeft)
                        : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = result == -1 ? errno : 0
                    out.append(contentsOf: UnsafeBufferPointer(start: outBase, count: outBuffer.count - outLeft))
                    if failure == 0 {
                        if flushing { return }
                        if inLeft == 0 { flushing = true }
                        continue
                    }
                    switch failure {
                    case E2BIG:
                        continue
                    case EILSEQ where inLeft > 0:
                        // Skip one code unit, not one byte, so that UTF-16 and UTF-32 stay
                        // aligned after a bad unit.
                        let skip = min(unitSize, inLeft)
                        errors += 1
                        out.append(contentsOf: UTF8Repair.replacementCharacter)
                        inPointer = inPointer.map { $0 + skip }
                        inLeft -= skip
                    default:
                        // A sequence cut off by the end of the input, or a converter failure.
                        errors += 1
                        out.append(contentsOf: UTF8Repair.replacementCharacter)
                        if flushing { return }
                        inLeft = 0
                        flushing = true
                    }
                }
            }
        }
        return (out, errors)
    }

    private static func open(_ name: String) -> iconv_t? {
        let converter = iconv_open("UTF-8", name)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        return converter
    }
}

extension TextEncoding {
    /// Whether ASCII markup reads as itself in this encoding; only such an encoding can be
    /// declared inside the page (UTF-16 is handled apart, as browsers do).
    var isASCIICompatible: Bool {
        if self == .utf16LE || self == .utf16BE { return true }
        let probe = Array("<meta charset=\"x\">".utf8)
        return decode(probe[...]).utf8 == probe
    }
}
