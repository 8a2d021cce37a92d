import CLibXML2

/// The article body a page carries in its JSON-LD metadata (`<script
/// type="application/ld+json">` holding `"articleBody": "…"`), for pages whose visible text
/// does not hold the article (it is drawn by JavaScript).
enum JSONLDBody {
    /// The longest `articleBody` string of the page's JSON-LD scripts, with the line and XPath
    /// of its script, or nil. Paragraphs (line breaks in the string) are separated by a blank
    /// line, spaces inside a line are collapsed.
    static func find(in document: htmlDocPtr) -> MetadataBody? {
        var best: (text: [UInt8], script: xmlNodePtr)?
        var node = document.pointee.children
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name, HTMLTree.equals(name, "script"),
                let type = HTMLTree.attribute(n, "type"), Self.isJSONLD(type)
            {
                var child = n.pointee.children
                while let c = child {
                    if let content = c.pointee.content {
                        let bytes = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
                        if let body = articleBody(in: bytes), body.count > (best?.text.count ?? 0) { best = (body, n) }
                    }
                    child = c.pointee.next
                }
            }
            node = HTMLTree.nextInDocumentOrder(n)
        }
        guard let best else { return nil }
        let xpath = HTMLTree.xpath(of: best.script)
        return MetadataBody(
            text: String(decoding: paragraphs(best.text), as: UTF8.self), line: max(Int(xmlGetLineNo(best.script)), 1),
            xpath: xpath)
    }

    private static func isJSONLD(_ type: UnsafePointer<xmlChar>) -> Bool {
        var i = 0
        let word = Array("ld+json".utf8)
        while type[i] != 0 {
            var k = 0
            while k < word.count && HTMLBytes.lowercased(type[i + k]) == word[k] { k += 1 }
            if k == word.count { return true }
            i += 1
        }
        return false
    }

    private static let key = Array("\"articleBody\"".utf8)

    /// The decoded value of the longest `"articleBody": "…"` in the JSON text `bytes`.
    static func articleBody(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var best: [UInt8]?
        var i = 0
        let n = bytes.count
        while i + key.count < n {
            guard bytes[i] == 0x22, Array(bytes[i..<(i + key.count)]) == key else {
                i += 1
                continue
            }
            var j = i + key.count
            while j < n && (bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x09) { j += 1 }
            guard j < n, bytes[j] == 0x3A else {
                i = j
                continue
            }
            j += 1
            while j < n && (bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x09) { j += 1 }
            guard j < n, bytes[j] == 0x22 else {
                i = j
                continue
            }
            var end = j + 1
            while end < n && bytes[end] != 0x22 { end += bytes[end] == 0x5C ? 2 : 1 }
            guard end < n else { return best }
            if let value = try? JSONStringDecoder.decode(bytes, j..<(end + 1)), value.count > (best?.count ?? 0) {
                best = value
            }
            i = end + 1
        }
        return best
    }

    /// `text` with each line's whitespace collapsed and trimmed, and non-empty lines joined by
    /// a blank line.
    static func paragraphs(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var line: [UInt8] = []
        func flush() {
            while line.last == 0x20 { line.removeLast() }
            guard !line.isEmpty else { return }
            if !out.isEmpty { out += [0x0A, 0x0A] }
            out += line
            line.removeAll(keepingCapacity: true)
        }
        for b in text {
            if b == 0x0A || b == 0x0D {
                flush()
            } else if b == 0x20 || b == 0x09 {
                if !line.isEmpty && line.last != 0x20 { line.append(0x20) }
            } else {
                line.append(b)
            }
        }
        flush()
        return out
    }
}
