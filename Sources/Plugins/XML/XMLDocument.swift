import CLibXML2
import DedupCore

/// An XML document parsed by libxml2, owned and freed with this value. Parsing never touches
/// the network, loads no DTD and expands no entity; errors are collected from this parser's
/// own context, never from libxml2's global handlers.
final class XMLDocument {
    /// Why a document could not be parsed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pointer: xmlDocPtr

    /// Parses `bytes` as XML (UTF-8 unless the declaration says otherwise).
    init(parsing bytes: [UInt8]) throws(Failure) {
        LibXML2.ensureInitialized()
        guard bytes.count < Int32.max else { throw Failure(description: "document over 2 GiB") }
        guard let context = xmlNewParserCtxt() else { throw Failure(description: "libxml2 could not create a parser") }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_HUGE.rawValue | XML_PARSE_NOCDATA.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), nil, nil, options)
            }
        }
        guard let doc, context.pointee.wellFormed != 0 else {
            if let doc { xmlFreeDoc(doc) }
            throw Failure(description: LibXML2.lastError(of: context) ?? "not well-formed XML")
        }
        self.pointer = doc
    }

    deinit { xmlFreeDoc(pointer) }

    /// The root element.
    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }
}

/// Reading elements of a parsed tree.
enum XMLNode {
    /// The element children of `node`, in order.
    static func elements(of node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    /// The element's local name.
    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The value of attribute `name`, or nil.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = LibXML2.withXMLString(name, { xmlGetProp(node, $0) }) else { return nil }
        defer { dedup_xml_free(value) }
        return String(cString: value)
    }

    /// The text content of `node` as UTF-8, with `<char hex="…"/>` children turned back into
    /// their characters (see ``XMLCharacters``).
    static func text(_ node: xmlNodePtr) throws(XMLDocument.Failure) -> [UInt8] {
        var out: [UInt8] = []
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let bytes = LibXML2.bytes(c.pointee.content) { out.append(contentsOf: bytes) }
            case XML_ELEMENT_NODE where name(c) == "char":
                guard let hex = attribute(c, "hex"), let scalar = UInt32(hex, radix: 16),
                    XMLCharacters.isForbidden(scalar), !(0xD800...0xDFFF).contains(scalar)
                else {
                    throw XMLDocument.Failure(description: "line \(xmlGetLineNo(c)): <char> without a valid hex attribute")
                }
                UTF8Scalars.append(scalar, to: &out)
            case XML_ELEMENT_NODE:
                throw XMLDocument.Failure(description: "line \(xmlGetLineNo(c)): unexpected <\(name(c))> inside text")
            default:
                break
            }
            child = c.pointee.next
        }
        return out
    }
}
