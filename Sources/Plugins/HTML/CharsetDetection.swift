/// Chooses the character encoding of an HTML page and decodes the page to UTF-8, once.
///
/// In order: the user's override; a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
/// `<meta charset>`, `<meta http-equiv="Content-Type" content="…; charset=…">` or an XML
/// declaration within the first ``prescanLimit`` bytes. A page declared in a legacy encoding
/// whose bytes are UTF-8 (with non-ASCII text) is read as UTF-8; a page that declares
/// nothing, or declares UTF-8 but is not, is read as UTF-8 when it is (mostly) UTF-8, else as
/// GB18030 when its bytes are shaped like Chinese GB text, else as windows-1252.
enum CharsetDetection {
    /// How far into the page a declaration is looked for.
    static let prescanLimit = 16 * 1024

    /// A page's text in UTF-8 and the encoding it was decoded from.
    struct Decoded {
        /// The page, in UTF-8, without a byte order mark.
        var utf8: [UInt8]
        /// The encoding the page was decoded from.
        var textEncoding: TextEncoding
        /// Where the page's text starts in its bytes (after a byte order mark).
        var start: Int

        /// The encoding's name (`UTF-8`, `GB18030`, `windows-1252`).
        var encoding: String { textEncoding.name }
    }

    /// Decodes `bytes`, with `override` (an encoding label) winning over anything the page says
    /// (but a byte order mark of the same encoding still tells the byte order).
    /// - Throws: ``HTMLImportError/unknownEncoding(_:)`` when `override` names no encoding.
    static func decode(_ bytes: [UInt8], override: String?) throws(HTMLImportError) -> Decoded {
        let (encoding, start): (TextEncoding, Int)
        if let override {
            guard let named = TextEncoding.named(override, for: bytes) else { throw .unknownEncoding(override) }
            (encoding, start) = named
        } else {
            (encoding, start) = detect(bytes)
        }
        return Decoded(utf8: encoding.decode(bytes[start...]).utf8, textEncoding: encoding, start: start)
    }

    /// The encoding to read `bytes` with, and where the text starts (after a byte order mark).
    /// A declaration in an encoding that cannot itself be read as ASCII (UTF-32, EBCDIC) is
    /// ignored: the page would not have been readable to find it.
    static func detect(_ bytes: [UInt8]) -> (TextEncoding, start: Int) {
        if let (encoding, length) = TextEncoding.byteOrderMark(of: bytes) { return (encoding, length) }
        if bytes.count >= 2 {
            if bytes[0] == UInt8(ascii: "<"), bytes[1] == 0 { return (.utf16LE, 0) }
            if bytes[0] == 0, bytes[1] == UInt8(ascii: "<") { return (.utf16BE, 0) }
        }
        let scan = UTF8Repair.scan(bytes[...])
        let mostlyUTF8 = scan.invalid == 0 || scan.multibyte >= 10 * scan.invalid
        if let label = declaredLabel(in: bytes), let declared = TextEncoding.named(label), declared.isASCIICompatible {
            // A page whose declaration can be read as ASCII is not UTF-16, whatever it says.
            let readsAsUTF8 = declared.decoder == .utf8 || declared == .utf16LE || declared == .utf16BE
            if !readsAsUTF8 {
                return (scan.multibyte > 0 && mostlyUTF8 ? .utf8 : declared, 0)
            }
            if mostlyUTF8 { return (.utf8, 0) }
        }
        if mostlyUTF8 { return (.utf8, 0) }
        if looksLikeGB18030(bytes) { return (.gb18030, 0) }
        return (.windows1252, 0)
    }

    /// The charset label a `<meta>` in the first ``prescanLimit`` bytes gives, else the
    /// encoding of an XML declaration at the start; nil when neither says one.
    static func declaredLabel(in bytes: [UInt8]) -> String? {
        let end = min(bytes.count, prescanLimit)
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = DeclarationScanner(bytes: UnsafeBufferPointer(rebasing: buffer[0..<end]))
            return scanner.charsetLabel()
        }
    }

    /// Whether `bytes` are shaped like GB2312/GBK/GB18030 text: every non-ASCII byte is part
    /// of a GB18030 sequence (up to one stray byte in a hundred), and most two-byte sequences
    /// have both bytes high, as Chinese characters do (Latin text misread as GB pairs an
    /// accented letter with an ASCII one).
    static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool {
        var pairs = 0, highPairs = 0, invalid = 0
        bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            while i < n {
                let lead = buf[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                guard (0x81...0xFE).contains(lead), i + 1 < n else {
                    invalid += 1
                    i += 1
                    continue
                }
                let trail = buf[i + 1]
                if (0x30...0x39).contains(trail) {
                    if i + 3 < n, (0x81...0xFE).contains(buf[i + 2]), (0x30...0x39).contains(buf[i + 3]) {
                        pairs += 1
                        highPairs += 1
                        i += 4
                    } else {
                        invalid += 1
                        i += 1
                    }
                } else if (0x40...0xFE).contains(trail), trail != 0x7F {
                    pairs += 1
                    if trail >= 0xA1 { highPairs += 1 }
                    i += 2
                } else {
                    invalid += 1
                    i += 1
                }
            }
        }
        return pairs > 0 && invalid * 100 <= pairs && highPairs * 10 >= pairs * 8
    }
}

/// Bytes as the HTML tokenizer sees them.
enum HTMLBytes {
    /// HTML whitespace: space, tab, line feed, form feed, carriage return.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
    }

    /// ASCII lowercase of `b`.
    @inline(__always)
    static func lowercased(_ b: UInt8) -> UInt8 {
        (0x41...0x5A).contains(b) ? b | 0x20 : b
    }
}

/// The WHATWG encoding prescan, on bytes: skips comments and other tags, reads the attributes
/// of each `<meta>`, and takes the first charset one declares.
private struct DeclarationScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func charsetLabel() -> String? {
        let xmlLabel = xmlDeclarationEncoding()
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if matches("<!--", at: i) {
                i = index(of: "-->", from: i + 4).map { $0 + 3 } ?? n
            } else if matchesIgnoringCase("<meta", at: i), i + 5 < n,
                HTMLBytes.isWhitespace(bytes[i + 5]) || bytes[i + 5] == UInt8(ascii: "/")
            {
                i += 5
                if let label = metaCharset() { return label }
            } else if i + 1 < n,
                isASCIILetter(bytes[i + 1])
                    || (bytes[i + 1] == UInt8(ascii: "/") && i + 2 < n && isASCIILetter(bytes[i + 2]))
            {
                i += 1
                while i < n, !HTMLBytes.isWhitespace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                while attribute() != nil {}
            } else if i + 1 < n, [UInt8(ascii: "!"), UInt8(ascii: "/"), UInt8(ascii: "?")].contains(bytes[i + 1]) {
                i = index(of: ">", from: i + 1).map { $0 + 1 } ?? n
            } else {
                i += 1
            }
        }
        return xmlLabel
    }

    /// The attributes of a `<meta>` (the scanner is after its name): its charset, or the
    /// charset in `content` when `http-equiv` is `Content-Type`.
    private mutating func metaCharset() -> String? {
        var charset: [UInt8]?
        var content: [UInt8]?
        var isContentType = false
        while let (name, value) = attribute() {
            switch name {
            case Array("charset".utf8): if charset == nil { charset = value }
            case Array("content".utf8): if content == nil { content = value }
            case Array("http-equiv".utf8): isContentType = value.map(HTMLBytes.lowercased) == Array("content-type".utf8)
            default: break
            }
        }
        if let charset { return Self.label(charset) }
        if isContentType, let content, let label = Self.charset(inContent: content) { return Self.label(label) }
        return nil
    }

    /// The next attribute of the current tag (name lowercased), or nil at the tag's end,
    /// with the scanner after it.
    private mutating func attribute() -> (name: [UInt8], value: [UInt8])? {
        let n = bytes.count
        while i < n, HTMLBytes.isWhitespace(bytes[i]) || bytes[i] == UInt8(ascii: "/") { i += 1 }
        guard i < n else { return nil }
        if bytes[i] == UInt8(ascii: ">") {
            i += 1
            return nil
        }
        var name: [UInt8] = []
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "=") && !name.isEmpty { break }
            if HTMLBytes.isWhitespace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") { break }
            name.append(HTMLBytes.lowercased(b))
            i += 1
        }
        while i < n, HTMLBytes.isWhitespace(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: "=") else { return (name, []) }
        i += 1
        while i < n, HTMLBytes.isWhitespace(bytes[i]) { i += 1 }
        guard i < n else { return (name, []) }
        var value: [UInt8] = []
        let quote = bytes[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            i += 1
            while i < n, bytes[i] != quote {
                value.append(bytes[i])
                i += 1
            }
            i += 1
        } else {
            while i < n, !HTMLBytes.isWhitespace(bytes[i]), bytes[i] != UInt8(ascii: ">") {
                value.append(bytes[i])
                i += 1
            }
        }
        return (name, value)
    }

    /// The `encoding` of an XML declaration at the very start.
    private mutating func xmlDeclarationEncoding() -> String? {
        guard matches("<?xml", at: 0), let end = index(of: "?>", from: 5) else { return nil }
        let declaration = Array(bytes[5..<end])
        guard let at = Self.find(Array("encoding".utf8), in: declaration, from: 0) else { return nil }
        var j = at + 8
        while j < declaration.count, HTMLBytes.isWhitespace(declaration[j]) { j += 1 }
        guard j < declaration.count, declaration[j] == UInt8(ascii: "=") else { return nil }
        j += 1
        while j < declaration.count, HTMLBytes.isWhitespace(declaration[j]) { j += 1 }
        guard j < declaration.count else { return nil }
        let quote = declaration[j]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
            let close = declaration[(j + 1)...].firstIndex(of: quote)
        else { return nil }
        return Self.label(Array(declaration[(j + 1)..<close]))
    }

    /// The charset in a `Content-Type` value (`text/html; charset=gb2312`).
    static func charset(inContent content: [UInt8]) -> [UInt8]? {
        let lowered = content.map(HTMLBytes.lowercased)
        var from = 0
        while let at = find(Array("charset".utf8), in: lowered, from: from) {
            var j = at + 7
            while j < content.count, HTMLBytes.isWhitespace(content[j]) { j += 1 }
            guard j < content.count, content[j] == UInt8(ascii: "=") else {
                from = at + 7
                continue
            }
            j += 1
            while j < content.count, HTMLBytes.isWhitespace(content[j]) { j += 1 }
            guard j < content.count else { return nil }
            let quote = content[j]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = content[(j + 1)...].firstIndex(of: quote) else { return nil }
                return Array(content[(j + 1)..<close])
            }
            var end = j
            while end < content.count, !HTMLBytes.isWhitespace(content[end]), content[end] != UInt8(ascii: ";") { end += 1 }
            return Array(content[j..<end])
        }
        return nil
    }

    private static func label(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
        return text.isEmpty ? nil : text
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var j = from
        while j + needle.count <= haystack.count {
            if haystack[j..<(j + needle.count)].elementsEqual(needle) { return j }
            j += 1
        }
        return nil
    }

    private func matches(_ literal: String, at: Int) -> Bool {
        matches(Array(literal.utf8), at: at)
    }

    private func matches(_ utf8: [UInt8], at: Int) -> Bool {
        guard at + utf8.count <= bytes.count else { return false }
        for (k, b) in utf8.enumerated() where bytes[at + k] != b { return false }
        return true
    }

    private func matchesIgnoringCase(_ literal: String, at: Int) -> Bool {
        let utf8 = Array(literal.utf8)
        guard at + utf8.count <= bytes.count else { return false }
        for (k, b) in utf8.enumerated() where HTMLBytes.lowercased(bytes[at + k]) != b { return false }
        return true
    }

    private func index(of literal: String, from: Int) -> Int? {
        let utf8 = Array(literal.utf8)
        guard let first = utf8.first else { return nil }
        var j = from
        while j + utf8.count <= bytes.count {
            if bytes[j] == first, matches(utf8, at: j) { return j }
            j += 1
        }
        return nil
    }

    private func isASCIILetter(_ b: UInt8) -> Bool {
        (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }
}
