import CLibXML2

/// A thin owner of a libxml2 `xmlTextWriter` writing into memory. libxml2 escapes markup
/// characters and carriage returns; the caller keeps out the characters XML 1.0 forbids
/// (see ``XMLCharacters``).
final class XMLWriter {
    /// A libxml2 writer call failed (out of memory, or a bug in the call order).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() throws(Failure) {
        LibXML2.ensureInitialized()
        guard let buffer = xmlBufferCreate() else { throw Failure(description: "libxml2 could not allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw Failure(description: "libxml2 could not create a text writer")
        }
        self.buffer = buffer
        self.writer = writer
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ status: Int32, _ what: String) throws(Failure) {
        if status < 0 { throw Failure(description: "libxml2 failed to write \(what)") }
    }

    func startDocument() throws(Failure) {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    }

    func endDocument() throws(Failure) {
        try check(xmlTextWriterEndDocument(writer), "the end of the document")
    }

    func startElement(_ name: String) throws(Failure) {
        let status = LibXML2.withXMLString(name) { xmlTextWriterStartElement(writer, $0) }
        try check(status, "<\(name)>")
    }

    func endElement() throws(Failure) {
        try check(xmlTextWriterEndElement(writer), "an end tag")
    }

    func attribute(_ name: String, _ value: String) throws(Failure) {
        let safe = XMLCharacters.attributeSafe(value)
        let status = LibXML2.withXMLString(name) { n in
            LibXML2.withXMLString(safe) { v in xmlTextWriterWriteAttribute(writer, n, v) }
        }
        try check(status, "attribute \(name)")
    }

    func attribute(_ name: String, _ value: Int) throws(Failure) {
        try attribute(name, String(value))
    }

    /// Markup-free formatting whitespace between elements.
    func raw(_ text: String) throws(Failure) {
        let status = LibXML2.withXMLString(text) { xmlTextWriterWriteRaw(writer, $0) }
        try check(status, "whitespace")
    }

    /// Valid UTF-8 text as element content; forbidden characters become `<char hex="…"/>`.
    func text(_ bytes: ArraySlice<UInt8>) throws(Failure) {
        var scratch: [UInt8] = []
        for piece in XMLCharacters.pieces(bytes) {
            switch piece {
            case .text(let range):
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: bytes[range])
                scratch.append(0)
                let status = scratch.withUnsafeBufferPointer { xmlTextWriterWriteString(writer, $0.baseAddress) }
                try check(status, "text")
            case .forbidden(let scalar):
                try startElement("char")
                try attribute("hex", String(scalar, radix: 16))
                try endElement()
            }
        }
    }

    /// The document written so far.
    func bytes() throws(Failure) -> [UInt8] {
        try check(xmlTextWriterFlush(writer), "the buffer")
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
