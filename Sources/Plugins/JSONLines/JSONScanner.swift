import DedupCore

/// Where the fields a JSON Lines record is read for sit in its line, as byte ranges.
struct JSONRecordLayout: Equatable, Sendable {
    /// The text field's value: a JSON string, quotes included.
    var textValue: Range<Int>
    /// Whether the text value holds escapes (it must then be decoded, not copied).
    var textHasEscapes: Bool
    /// The provenance field's value, when the object has that field.
    var provenanceValue: Range<Int>?
    /// The object's closing brace.
    var closingBrace: Int
    /// The id field's value, when it is a string (quotes included) or a number.
    var idValue: Range<Int>? = nil
}

/// A validating JSON scanner over UTF-8 bytes (RFC 8259). It checks the grammar and the
/// encoding without building any value, so that a record can be written back with every byte
/// it does not change kept as it was (field order, number spelling, escapes).
///
/// Strict: no trailing commas, single quotes, comments, leading zeros, `NaN`, unescaped
/// control characters or bytes that are not UTF-8. Escapes of lone surrogates (`\uD800`) are
/// grammatical JSON and accepted in values kept as bytes; they are rejected where a string is
/// decoded (the text field, field names), since they encode no character.
/// Nesting is followed with a stack on the heap, so any depth is safe.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Scans `line` as one JSON object (with JSON whitespace around it, and a UTF-8 byte order
    /// mark before it, as a file's first line may have) and finds its top-level fields
    /// `textField`, which must hold a string, and `provenanceField`, if present.
    ///
    /// Errors of the grammar or the encoding come first; then a duplicated field, a text field
    /// that is not a string, a missing text field.
    static func scanRecord(
        _ line: [UInt8], textField: String, provenanceField: String, idField: String = "id"
    ) throws(JSONLinesError) -> JSONRecordLayout {
        let textName = Array(textField.utf8), provenanceName = Array(provenanceField.utf8), idName = Array(idField.utf8)
        // The encoding in one pass over the line (``UTF8Validation``, ASCII eight bytes at a
        // time); the scan then passes over non-ASCII bytes.
        if let bad = UTF8Validation.firstInvalidOffset(in: line) { throw .invalidUTF8(offset: bad) }
        return try line.withUnsafeBufferPointer { buf throws(JSONLinesError) -> JSONRecordLayout in
            var scanner = JSONScanner(buf)
            return try scanner.record(
                textField: textField, textName: textName,
                provenanceField: provenanceField, provenanceName: provenanceName, idName: idName)
        }
    }

    /// Checks that `text` is one JSON value of any kind, with JSON whitespace around it.
    static func validate(_ text: [UInt8]) throws(JSONLinesError) {
        if let bad = UTF8Validation.firstInvalidOffset(in: text) { throw .invalidUTF8(offset: bad) }
        try text.withUnsafeBufferPointer { buf throws(JSONLinesError) in
            var scanner = JSONScanner(buf)
            scanner.skipWhitespace()
            try scanner.skipValue()
            scanner.skipWhitespace()
            if scanner.i < buf.count { throw .invalidJSON(offset: scanner.i, problem: "unexpected data after the value") }
        }
    }

    // MARK: - Records

    private mutating func record(
        textField: String, textName: [UInt8],
        provenanceField: String, provenanceName: [UInt8], idName: [UInt8]
    ) throws(JSONLinesError) -> JSONRecordLayout {
        let n = bytes.count
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }  // a byte order mark, kept
        skipWhitespace()
        guard i < n else { throw .invalidJSON(offset: i, problem: "expected a JSON object, found the end of the line") }
        guard bytes[i] == JSONByte.openBrace else {
            switch bytes[i] {
            case JSONByte.openBracket, JSONByte.quote, JSONByte.minus, JSONByte.zero...JSONByte.nine, JSONByte.t, JSONByte.f, JSONByte.n:
                throw .notAnObject
            default:
                throw .invalidJSON(offset: i, problem: "expected a JSON object")
            }
        }
        i += 1
        var text: Range<Int>?
        var textHasEscapes = false
        var provenance: Range<Int>?
        var id: Range<Int>?
        var found: JSONLinesError?  // the first problem with the fields, reported once the grammar is checked
        let closingBrace: Int
        skipWhitespace()
        if i < n && bytes[i] == JSONByte.closeBrace {
            closingBrace = i
            i += 1
        } else {
            while true {
                let (name, nameHasEscapes) = try fieldNameAndColon()
                let valueStart = i
                if try matches(name, hasEscapes: nameHasEscapes, textName) {
                    if i < n && bytes[i] == JSONByte.quote {
                        let escapes = try scanString()
                        if text == nil {
                            text = valueStart..<i
                            textHasEscapes = escapes
                        } else if found == nil {
                            found = .duplicateField(textField)
                        }
                    } else {
                        try skipValue()
                        if found == nil { found = text == nil ? .notAString(textField) : .duplicateField(textField) }
                    }
                } else if try matches(name, hasEscapes: nameHasEscapes, provenanceName) {
                    try skipValue()
                    if provenance == nil {
                        provenance = valueStart..<i
                    } else if found == nil {
                        found = .duplicateField(provenanceField)
                    }
                } else {
                    try skipValue()
                    if id == nil, i > valueStart,
                        bytes[valueStart] == JSONByte.quote || bytes[valueStart] == JSONByte.minus
                            || JSONByte.isDigit(bytes[valueStart]), try matches(name, hasEscapes: nameHasEscapes, idName)
                    {
                        id = valueStart..<i
                    }
                }
                skipWhitespace()
                guard i < n else { throw .invalidJSON(offset: i, problem: "expected ',' or '}', found the end of the line") }
                if bytes[i] == JSONByte.comma {
                    i += 1
                    skipWhitespace()
                    continue
                }
                guard bytes[i] == JSONByte.closeBrace else { throw .invalidJSON(offset: i, problem: "expected ',' or '}'") }
                closingBrace = i
                i += 1
                break
            }
        }
        skipWhitespace()
        if i < n { throw .invalidJSON(offset: i, problem: "unexpected data after the object") }
        if let found { throw found }
        guard let text else { throw .missingField(textField) }
        return JSONRecordLayout(
            textValue: text, textHasEscapes: textHasEscapes,
            provenanceValue: provenance, closingBrace: closingBrace, idValue: id)
    }

    /// Whether the field name `quoted` (a scanned JSON string, quotes included) is `name`.
    private func matches(_ quoted: Range<Int>, hasEscapes: Bool, _ name: [UInt8]) throws(JSONLinesError) -> Bool {
        if hasEscapes { return try JSONStringDecoder.decode(bytes, quoted) == name }
        guard quoted.count - 2 == name.count else { return false }
        var k = quoted.lowerBound + 1
        for b in name {
            if bytes[k] != b { return false }
            k += 1
        }
        return true
    }

    // MARK: - Values

    /// Moves past one value of any kind, nested ones included.
    private mutating func skipValue() throws(JSONLinesError) {
        let n = bytes.count
        var open: [UInt8] = []  // the containers entered ('{' or '['), innermost last
        value: while true {
            guard i < n else { throw .invalidJSON(offset: i, problem: "expected a value, found the end of the line") }
            switch bytes[i] {
            case JSONByte.quote:
                _ = try scanString()
            case JSONByte.minus, JSONByte.zero...JSONByte.nine:
                try scanNumber()
            case JSONByte.t:
                try scanLiteral(JSONByte.trueLiteral)
            case JSONByte.f:
                try scanLiteral(JSONByte.falseLiteral)
            case JSONByte.n:
                try scanLiteral(JSONByte.nullLiteral)
            case JSONByte.openBrace:
                i += 1
                skipWhitespace()
                if i < n && bytes[i] == JSONByte.closeBrace {
                    i += 1
                } else {
                    open.append(JSONByte.openBrace)
                    _ = try fieldNameAndColon()
                    continue value
                }
            case JSONByte.openBracket:
                i += 1
                skipWhitespace()
                if i < n && bytes[i] == JSONByte.closeBracket {
                    i += 1
                } else {
                    open.append(JSONByte.openBracket)
                    continue value
                }
            default:
                throw .invalidJSON(offset: i, problem: "expected a value")
            }
            // The value is done: close the containers that end here, or go on to the next element.
            while let container = open.last {
                let closer = container == JSONByte.openBrace ? JSONByte.closeBrace : JSONByte.closeBracket
                skipWhitespace()
                guard i < n else {
                    throw .invalidJSON(
                        offset: i,
                        problem: container == JSONByte.openBrace
                            ? "expected ',' or '}', found the end of the line" : "expected ',' or ']', found the end of the line")
                }
                if bytes[i] == JSONByte.comma {
                    i += 1
                    skipWhitespace()
                    if container == JSONByte.openBrace { _ = try fieldNameAndColon() }
                    continue value
                }
                guard bytes[i] == closer else {
                    throw .invalidJSON(offset: i, problem: container == JSONByte.openBrace ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                i += 1
                open.removeLast()
            }
            return
        }
    }

    /// Scans `"name" :` and the whitespace after it; returns the name's range (quotes
    /// included) and whether it holds escapes.
    private mutating func fieldNameAndColon() throws(JSONLinesError) -> (Range<Int>, Bool) {
        guard i < bytes.count, bytes[i] == JSONByte.quote else {
            throw .invalidJSON(offset: i, problem: "expected a field name in double quotes")
        }
        let start = i
        let escapes = try scanString()
        let name = start..<i
        skipWhitespace()
        guard i < bytes.count, bytes[i] == JSONByte.colon else { throw .invalidJSON(offset: i, problem: "expected ':'") }
        i += 1
        skipWhitespace()
        return (name, escapes)
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case JSONByte.space, JSONByte.tab, JSONByte.lineFeed, JSONByte.carriageReturn: i += 1
            default: return
            }
        }
    }

    private mutating func scanLiteral(_ literal: [UInt8]) throws(JSONLinesError) {
        guard i + literal.count <= bytes.count else {
            throw .invalidJSON(offset: i, problem: "expected a value (true, false or null)")
        }
        for (k, b) in literal.enumerated() where bytes[i + k] != b {
            throw .invalidJSON(offset: i, problem: "expected a value (true, false or null)")
        }
        i += literal.count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func scanNumber() throws(JSONLinesError) {
        let n = bytes.count
        if bytes[i] == JSONByte.minus { i += 1 }
        guard i < n, JSONByte.isDigit(bytes[i]) else { throw .invalidJSON(offset: i, problem: "expected a digit") }
        if bytes[i] == JSONByte.zero {
            i += 1
            if i < n && JSONByte.isDigit(bytes[i]) { throw .invalidJSON(offset: i - 1, problem: "leading zero in a number") }
        } else {
            skipDigits()
        }
        if i < n && bytes[i] == JSONByte.dot {
            i += 1
            guard i < n, JSONByte.isDigit(bytes[i]) else { throw .invalidJSON(offset: i, problem: "expected a digit after '.'") }
            skipDigits()
        }
        if i < n && (bytes[i] == JSONByte.e || bytes[i] == JSONByte.upperE) {
            i += 1
            if i < n && (bytes[i] == JSONByte.plus || bytes[i] == JSONByte.minus) { i += 1 }
            guard i < n, JSONByte.isDigit(bytes[i]) else { throw .invalidJSON(offset: i, problem: "expected a digit in the exponent") }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while i < bytes.count && JSONByte.isDigit(bytes[i]) { i += 1 }
    }

    // MARK: - Strings

    /// Moves past the string whose opening quote is at `i`, checking its escapes (its UTF-8
    /// was checked with the whole input's); returns whether it holds escapes.
    private mutating func scanString() throws(JSONLinesError) -> Bool {
        let n = bytes.count
        let open = i
        i += 1
        var escapes = false
        guard let base = bytes.baseAddress else { throw .invalidJSON(offset: open, problem: "unterminated string") }
        while true {
            // Fast path: eight bytes at a time while none is a quote, a backslash or a control
            // character.
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if JSONByte.stringStops(in: w) != 0 { break }
                i += 8
            }
            guard i < n else { throw .invalidJSON(offset: open, problem: "unterminated string") }
            let b = bytes[i]
            if b == JSONByte.quote {
                i += 1
                return escapes
            } else if b == JSONByte.backslash {
                escapes = true
                try scanEscape(stringStart: open)
            } else if b < 0x20 {
                throw .invalidJSON(offset: i, problem: "control character in a string (it must be escaped)")
            } else {
                i += 1
            }
        }
    }

    private mutating func scanEscape(stringStart: Int) throws(JSONLinesError) {
        let n = bytes.count
        let backslash = i
        i += 1
        guard i < n else { throw .invalidJSON(offset: stringStart, problem: "unterminated string") }
        switch bytes[i] {
        case JSONByte.quote, JSONByte.backslash, JSONByte.slash, JSONByte.b, JSONByte.f, JSONByte.n, JSONByte.r, JSONByte.t:
            i += 1
        case JSONByte.u:
            guard i + 4 < n, JSONByte.hexValue(bytes[i + 1]) != nil, JSONByte.hexValue(bytes[i + 2]) != nil,
                JSONByte.hexValue(bytes[i + 3]) != nil, JSONByte.hexValue(bytes[i + 4]) != nil
            else {
                throw .invalidJSON(offset: backslash, problem: "invalid escape (\\u takes four hex digits)")
            }
            i += 5
        default:
            throw .invalidJSON(offset: backslash, problem: "invalid escape")
        }
    }
}
