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
        return Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer)))
    }

    private static func strlen(_ p: UnsafePointer<xmlChar>) -> Int {
        var n = 0
        while p[n] != 0 { n += 1 }
        return n
    }
}
