import CLibXML2

/// Byte-level reading of libxml2 elements: names and attributes compared in place, without
/// making strings.
enum HTMLTree {
    /// Whether the lowercase element name `name` is one of `names`.
    static func nameIs(_ name: UnsafePointer<xmlChar>, oneOf names: [StaticString]) -> Bool {
        names.contains { equals(name, $0) }
    }

    /// Whether the NUL-terminated `bytes` equal `word` exactly.
    static func equals(_ bytes: UnsafePointer<xmlChar>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<count where bytes[k] != w[k] { return false }
        return bytes[count] == 0
    }

    /// The value of attribute `name` of `element` as it is stored (its first text child), or nil.
    static func attribute(_ element: xmlNodePtr, _ name: StaticString) -> UnsafePointer<xmlChar>? {
        var attribute = element.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, equalsIgnoringCase(n, name) {
                guard let child = a.pointee.children, let content = child.pointee.content else { return emptyValue }
                return UnsafePointer(content)
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// An empty NUL-terminated value (a string literal's bytes, which live as long as the program).
    private static var emptyValue: UnsafePointer<xmlChar> { ("" as StaticString).utf8Start }

    /// Whether NUL-terminated `bytes` equal `word` (lowercase ASCII) ignoring ASCII case.
    static func equalsIgnoringCase(_ bytes: UnsafePointer<xmlChar>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<count where HTMLBytes.lowercased(bytes[k]) != w[k] { return false }
        return bytes[count] == 0
    }

    /// The value of attribute `value` of the first `element` under `root` (in document order)
    /// whose attribute `match.0` equals `match.1` (ignoring ASCII case), as a string.
    static func firstAttribute(
        under root: xmlNodePtr?, element: StaticString, where match: (StaticString, StaticString), value: StaticString
    ) -> String? {
        var node = root
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name, equals(name, element),
                let m = attribute(n, match.0), equalsIgnoringCase(m, match.1), let v = attribute(n, value)
            {
                return String(cString: v)
            }
            node = nextInDocumentOrder(n)
        }
        return nil
    }

    /// The XPath of `element` in the form the HTML importer gives (`/html/head/script[2]`: an
    /// index only where the element has same-named siblings).
    static func xpath(of element: xmlNodePtr) -> String {
        var steps: [String] = []
        var current: xmlNodePtr? = element
        while let c = current, c.pointee.type == XML_ELEMENT_NODE, let name = c.pointee.name {
            var position = 1
            var total = 0
            var sibling = c.pointee.parent?.pointee.children
            while let s = sibling {
                if s.pointee.type == XML_ELEMENT_NODE, let other = s.pointee.name, xmlStrEqual(other, name) != 0 {
                    total += 1
                    if s == c { position = total }
                }
                sibling = s.pointee.next
            }
            let step = String(cString: name)
            steps.append(total > 1 ? "\(step)[\(position)]" : step)
            current = c.pointee.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    /// The node after `node` in document order (its first child, else its next sibling, else
    /// the next sibling of the nearest ancestor that has one).
    static func nextInDocumentOrder(_ node: xmlNodePtr) -> xmlNodePtr? {
        if node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children { return child }
        var current: xmlNodePtr? = node
        while let c = current {
            if let next = c.pointee.next { return next }
            current = c.pointee.parent
            if current?.pointee.type != XML_ELEMENT_NODE { return nil }
        }
        return nil
    }
}
