import CLibXML2

/// One-time set-up of libxml2, done before any parser or writer is made, so that threads
/// can then use it side by side.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised; cheap after the first call.
    static func ensureInitialized() {
        _ = initialized
    }

    /// Calls `body` with `string` as a NUL-terminated `xmlChar` pointer.
    static func withXMLString<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) throws -> R) rethrows -> R {
        try string.withCString { try $0.withMemoryRebound(to: xmlChar.self, capacity: 1, body) }
    }

    /// The bytes of a NUL-terminated `xmlChar` string, or nil.
    static func bytes(_ pointer: UnsafePointer<xmlChar>?) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
    }

    /// A libxml2 error as one line: `line N: message`.
    static func describe(_ error: UnsafePointer<xmlError>) -> String? {
        guard let message = error.pointee.message else { return nil }
        var text = String(cString: message)
        while text.last?.isNewline == true { text.removeLast() }
        return "line \(error.pointee.line): \(text)"
    }

    /// The last error a parser context recorded (XML or HTML), as one line.
    static func lastError(of context: xmlParserCtxtPtr) -> String? {
        xmlCtxtGetLastError(context).flatMap { describe($0) }
    }
}
