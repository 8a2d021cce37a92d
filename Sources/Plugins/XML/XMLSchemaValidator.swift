import CLibXML2

/// Validates XML documents against an XML Schema with libxml2's schema API, collecting the
/// errors of each validation in its own context.
public final class XMLSchemaValidator: @unchecked Sendable {
    /// Why a schema could not be loaded or a document is not valid.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The problems found, one per line.
        public var description: String
    }

    private let schema: xmlSchemaPtr

    /// Loads the schema in `bytes` (an XSD document).
    public init(schema bytes: [UInt8]) throws(Failure) {
        LibXML2.ensureInitialized()
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> xmlSchemaPtr? in
                guard let context = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                xmlSchemaSetParserStructuredErrors(context, { _, _ in }, nil)
                return xmlSchemaParse(context)
            }
        }
        guard let parsed else { throw Failure(description: "the schema could not be parsed") }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }

    /// Checks that `bytes` is well-formed XML valid against the schema.
    public func validate(_ bytes: [UInt8]) throws(Failure) {
        let document: XMLDocument
        do { document = try XMLDocument(parsing: bytes) } catch { throw Failure(description: error.description) }
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            throw Failure(description: "libxml2 could not create a validation context")
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let box = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetValidStructuredErrors(
            context,
            { userData, error in
                guard let userData, let error, let message = LibXML2.describe(error) else { return }
                Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().messages.append(message)
            }, box)
        let status = withExtendedLifetime(collector) { xmlSchemaValidateDoc(context, document.pointer) }
        if status != 0 {
            throw Failure(
                description: collector.messages.isEmpty
                    ? "not valid (libxml2 status \(status))" : collector.messages.joined(separator: "\n"))
        }
    }

    private final class ErrorCollector {
        var messages: [String] = []
    }
}
