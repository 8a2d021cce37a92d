import CLibXML2

/// An HTML page parsed by libxml2's HTML parser, owned and freed with this value.
///
/// The page is handed over in UTF-8 and parsed as UTF-8, whatever its `<meta>` says (it was
/// decoded once already). Parsing never touches the network, loads no DTD and expands no
/// external entity; malformed markup is recovered from. Errors and warnings go to this
/// parser's own context (a structured handler on its SAX block), never to libxml2's global
/// handlers, and nothing is printed.
final class ParsedHTMLPage {
    let document: htmlDocPtr

    /// Parses `utf8`, the page's text in UTF-8.
    /// - Throws: ``HTMLImportError/tooLarge(size:)`` for 2 GiB or more;
    ///   ``HTMLImportError/unparsable(_:)`` when libxml2 makes no document.
    init(utf8: [UInt8]) throws(HTMLImportError) {
        LibXML2.ensureInitialized()
        guard utf8.count < Int(Int32.max) else { throw .tooLarge(size: utf8.count) }
        guard let context = htmlNewParserCtxt() else { throw .unparsable("libxml2 could not create a parser") }
        defer { htmlFreeParserCtxt(context) }
        if let sax = context.pointee.sax {
            // libxml2 2.9 hands errors to a context's structured handler only when the SAX block
            // carries the SAX2 magic; the HTML parser's default block does not, so its errors
            // would otherwise reach the global handler. The HTML parser never reads the SAX2
            // fields, so the parse is the same.
            sax.pointee.initialized = UInt32(XML_SAX2_MAGIC)
            sax.pointee.serror = { _, _ in }
        }
        // HUGE lifts the 256-level depth limit, past which libxml2 would stop parsing and drop
        // the rest of the page; IGNORE_ENC keeps a <meta> from switching the decoding again.
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_HUGE.rawValue)
        let terminator: [UInt8] = [0]
        let document = (utf8.isEmpty ? terminator : utf8).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlCtxtReadMemory(context, $0.baseAddress, Int32(utf8.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .unparsable(LibXML2.lastError(of: context) ?? "no document") }
        self.document = document
    }

    deinit { xmlFreeDoc(document) }

    /// The nodes `expression` selects (elements, text, or the document itself), as addresses.
    /// - Throws: ``HTMLImportError/invalidXPath(_:reason:)`` when it is not valid or fails;
    ///   ``HTMLImportError/xpathNotNodes(_:)`` when it selects a value;
    ///   ``HTMLImportError/xpathMatchedNothing(_:)`` when it selects no node.
    func nodes(matching expression: String) throws(HTMLImportError) -> Set<UnsafeMutableRawPointer> {
        if let reason = XPathPrecheck.problem(in: expression) { throw .invalidXPath(expression, reason: reason) }
        guard let context = xmlXPathNewContext(document) else {
            throw .invalidXPath(expression, reason: "libxml2 could not create an XPath context")
        }
        defer { xmlXPathFreeContext(context) }
        let log = XPathErrorLog()
        return try withExtendedLifetime(log) { () throws(HTMLImportError) -> Set<UnsafeMutableRawPointer> in
            context.pointee.userData = Unmanaged.passUnretained(log).toOpaque()
            context.pointee.error = { data, error in
                guard let data, let error else { return }
                let log = Unmanaged<XPathErrorLog>.fromOpaque(data).takeUnretainedValue()
                if log.code == nil {
                    log.code = error.pointee.code
                    log.position = error.pointee.int1
                }
            }
            // An unknown function would be reported by printing; resolve it to one that
            // raises the error through the context instead.
            xmlXPathRegisterFuncLookup(
                context,
                { data, name, uri in
                    guard let data else { return nil }
                    let context = data.assumingMemoryBound(to: xmlXPathContext.self)
                    if xmlHashLookup2(context.pointee.funcHash, name, uri) != nil { return nil }
                    return { parser, _ in xmlXPathErr(parser, Int32(XPATH_UNKNOWN_FUNC_ERROR.rawValue)) }
                }, UnsafeMutableRawPointer(context))
            let compiled = LibXML2.withXMLString(expression) { xmlXPathCtxtCompile(context, $0) }
            guard let compiled else { throw .invalidXPath(expression, reason: log.reason(in: expression)) }
            defer { xmlXPathFreeCompExpr(compiled) }
            guard let result = xmlXPathCompiledEval(compiled, context) else {
                throw .invalidXPath(expression, reason: log.reason(in: expression))
            }
            defer { xmlXPathFreeObject(result) }
            guard result.pointee.type == XPATH_NODESET else { throw .xpathNotNodes(expression) }
            var nodes = Set<UnsafeMutableRawPointer>()
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                for k in 0..<Int(set.pointee.nodeNr) {
                    guard let node = table[k] else { continue }
                    switch node.pointee.type {
                    case XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_NODE:
                        nodes.insert(UnsafeMutableRawPointer(node))
                    default:
                        break
                    }
                }
            }
            guard !nodes.isEmpty else { throw .xpathMatchedNothing(expression) }
            return nodes
        }
    }
}

/// The first error libxml2 reported while compiling or evaluating one XPath expression.
private final class XPathErrorLog {
    var code: Int32?
    var position: Int32 = 0

    /// libxml2's message for the error in `expression`, with where it was found.
    func reason(in expression: String) -> String {
        guard let code else { return "evaluation failed" }
        let index = Int(code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
        let message = Self.messages.indices.contains(index) ? Self.messages[index] : "error \(code)"
        // libxml2 gives the parser's byte offset when the error was found.
        let utf8 = Array(expression.utf8)
        let offset = Int(position)
        guard offset > 0 else { return message }
        guard offset < utf8.count else { return "\(message) at the end" }
        let character = String(decoding: utf8[..<offset], as: UTF8.self).unicodeScalars.count + 1
        return "\(message) at character \(character)"
    }

    /// libxml2's XPath error messages (`xmlXPathErrorMessages`), by `xmlXPathError` code.
    private static let messages = [
        "ok", "number encoding", "unfinished literal", "start of literal", "expected $ for variable reference",
        "undefined variable", "invalid predicate", "invalid expression", "missing closing curly brace",
        "unregistered function", "invalid operand", "invalid type", "invalid number of arguments",
        "invalid context size", "invalid context position", "memory allocation error", "syntax error",
        "resource error", "sub resource error", "undefined namespace prefix", "encoding error",
        "char out of XML range", "invalid or incomplete context", "stack usage error", "forbidden variable",
    ]
}

/// Rejects, before libxml2 sees them, the XPath constructs whose errors libxml2 2.9 prints
/// instead of reporting: variables (none are bound) and namespace prefixes (HTML has none).
enum XPathPrecheck {
    /// What is wrong with `expression`, or nil.
    static func problem(in expression: String) -> String? {
        let scalars = Array(expression.unicodeScalars)
        var quote: Unicode.Scalar?
        for (k, c) in scalars.enumerated() {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'":
                quote = c
            case "$":
                return "'$' at character \(k + 1): variables are not supported"
            case ":":
                let doubled = (k > 0 && scalars[k - 1] == c) || (k + 1 < scalars.count && scalars[k + 1] == c)
                if !doubled { return "':' at character \(k + 1): namespace prefixes are not supported in HTML" }
            default:
                break
            }
        }
        return nil
    }
}
