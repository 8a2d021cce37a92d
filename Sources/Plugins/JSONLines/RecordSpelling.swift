import DedupCore
internal import DedupSystem

/// How a record's text value was spelt, so that restore can spell it again: the writer's
/// own escaping, Python's `ensure_ascii` escaping, or neither (then the value is kept).
enum RecordSpelling {
    /// The `record` object a cleaned record's provenance needs (see ``Exporter/jsonLines``),
    /// or nil when restore's defaults hold: the text value spelt as ``JSONWriter`` spells
    /// it (or not replaced at all) and the provenance field added, not replaced.
    static func undo(record: Record, cleaned: CleanedDocument) -> [UInt8]? {
        var fields: [(String, [UInt8])] = []
        if !cleaned.result.removals.isEmpty {
            let original = record.bytes[record.textValue]
            let text = cleaned.result.document.bytes[...]
            if !isCanonical(original) {
                if sameBytes(original, ascii(text)) {
                    fields.append(("text", Array("\"ascii\"".utf8)))
                } else {
                    var w = JSONWriter()
                    w.string(original)
                    fields.append(("text", w.bytes))
                }
            }
        }
        if let previous = record.provenanceValue {
            // The old value's bytes, as a JSON string.
            var w = JSONWriter()
            w.string(record.bytes[previous])
            fields.append(("previous", w.bytes))
        }
        guard !fields.isEmpty else { return nil }
        var w = JSONWriter()
        w.raw("{")
        for (k, (name, value)) in fields.enumerated() {
            if k > 0 { w.raw(",") }
            w.key(name)
            w.raw(bytes: value)
        }
        w.raw("}")
        return w.bytes
    }

    /// Whether the JSON string `value` (quotes included, valid JSON) is spelt as
    /// ``JSONWriter`` spells what it decodes to (`canonical(decoded) == value`), told from its
    /// escapes alone: the writer escapes `"`, `\\`, line feed, carriage return and tab with a
    /// backslash and a letter, other control characters as `\u00xx` (lowercase), and writes
    /// every other character as it is, so any other escape (`\/`, `\b`, `\u00e9`) differs.
    /// One search for backslashes instead of writing the whole text again to compare.
    static func isCanonical(_ value: ArraySlice<UInt8>) -> Bool {
        value.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return true }
            let n = p.count
            var i = 0
            while i < n {
                guard let found = memchr(base + i, 0x5C, n - i) else { return true }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard at + 1 < n else { return false }
                switch p[at + 1] {
                case 0x22, 0x5C, 0x6E, 0x72, 0x74:  // \" \\ \n \r \t
                    i = at + 2
                case 0x75:  // \u: only a control character the writer spells so
                    guard at + 5 < n, p[at + 2] == 0x30, p[at + 3] == 0x30, p[at + 4] == 0x30 || p[at + 4] == 0x31,
                        let low = JSONWriter.hex.firstIndex(of: p[at + 5])
                    else { return false }
                    let v = (p[at + 4] == 0x31 ? 16 : 0) + low
                    if v == 0x0A || v == 0x0D || v == 0x09 { return false }
                    i = at + 6
                default:
                    return false
                }
            }
            return true
        }
    }

    /// Whether `a` and `b` hold the same bytes (`memcmp`: the generic `elementsEqual` went
    /// byte by byte, a twentieth of a JSON Lines run).
    static func sameBytes(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
    }

    /// `text` as ``JSONWriter`` writes it.
    static func canonical(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var w = JSONWriter()
        w.string(text)
        return w.bytes
    }

    /// `text` as Python's `json.dumps` writes it by default: `\"`, `\\`, `\n`, `\r`, `\t`,
    /// `\b`, `\f`, other control characters and every non-ASCII character as `\uXXXX`
    /// (lowercase hex, surrogate pairs above U+FFFF).
    static func ascii(_ text: ArraySlice<UInt8>) -> [UInt8] {
        let hex = JSONWriter.hex
        var out: [UInt8] = [0x22]
        func escape(_ u: UInt32) {
            out += [0x5C, 0x75, hex[Int(u >> 12 & 0xF)], hex[Int(u >> 8 & 0xF)], hex[Int(u >> 4 & 0xF)], hex[Int(u & 0xF)]]
        }
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20: escape(v)
            case 0x20..<0x80: out.append(UInt8(v))
            case 0x80..<0x10000: escape(v)
            default:
                let u = v - 0x10000
                escape(0xD800 + (u >> 10))
                escape(0xDC00 + (u & 0x3FF))
            }
        }
        out.append(0x22)
        return out
    }
}
