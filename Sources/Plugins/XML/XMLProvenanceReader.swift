/// Reads the provenance XML (see ``Exporter/xml``) into what restore needs.
enum XMLProvenanceReader {
    static func plan(_ bytes: [UInt8]) throws(XMLDocument.Failure) -> ProvenancePlan {
        let document = try XMLDocument(parsing: bytes)
        guard let root = document.root, XMLNode.name(root) == "dedup" else {
            throw XMLDocument.Failure(description: "the root element is not <dedup>")
        }
        guard XMLNode.attribute(root, "version") == ProvenanceXML.version else {
            throw XMLDocument.Failure(description: "unsupported version '\(XMLNode.attribute(root, "version") ?? "")'")
        }
        var size: Int?
        var sha256: String?
        var spans: [ProvenancePlan.Span] = []
        var text: [UInt8]?
        for element in XMLNode.elements(of: root) {
            switch XMLNode.name(element) {
            case "source":
                size = XMLNode.attribute(element, "size").flatMap { Int($0) }
                sha256 = XMLNode.attribute(element, "sha256")
            case "spans":
                for span in XMLNode.elements(of: element) where XMLNode.name(span) == "span" {
                    guard let start = XMLNode.attribute(span, "start").flatMap({ Int($0) }),
                        let end = XMLNode.attribute(span, "end").flatMap({ Int($0) })
                    else {
                        throw XMLDocument.Failure(description: "a <span> lacks its start or end")
                    }
                    switch XMLNode.attribute(span, "action") {
                    case "keep": spans.append(.init(start: start, end: end, removedText: nil))
                    case "remove": spans.append(.init(start: start, end: end, removedText: try XMLNode.text(span)))
                    case let action: throw XMLDocument.Failure(description: "unknown span action '\(action ?? "")'")
                    }
                }
            case "text":
                text = try XMLNode.text(element)
            default:
                break
            }
        }
        guard let size else { throw XMLDocument.Failure(description: "no <source size=…>") }
        guard let text else { throw XMLDocument.Failure(description: "no <text>") }
        return ProvenancePlan(size: size, sha256: sha256, spans: spans, text: text)
    }
}
