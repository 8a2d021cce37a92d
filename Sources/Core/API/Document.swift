/// A text to clean: UTF-8 bytes that have been checked to be valid, and the name they came from.
///
/// Every offset the library reports is a UTF-8 byte offset into ``bytes``.
public struct Document: Sendable, Equatable {
    /// The text, valid UTF-8.
    public let bytes: [UInt8]
    /// Where the text came from: a path, `-` for standard input, or a record id.
    public let name: String

    /// Checks that `bytes` are UTF-8 and wraps them.
    /// - Throws: ``DocumentError/invalidUTF8(offset:)`` with the offset of the first bad byte;
    ///   ``DocumentError/tooLarge(size:)`` for 4 GiB or more (offsets are kept in 32 bits).
    public init(bytes: [UInt8], name: String) throws(DocumentError) {
        guard bytes.count < Int(UInt32.max) else { throw .tooLarge(size: bytes.count) }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw .invalidUTF8(offset: bad)
        }
        self.bytes = bytes
        self.name = name
    }

    /// Wraps `bytes` that the caller has already checked to be UTF-8 (an importer whose
    /// parser validated them on its way, so that a record is not validated twice).
    /// - Throws: ``DocumentError/tooLarge(size:)`` for 4 GiB or more.
    package init(checkedUTF8 bytes: [UInt8], name: String) throws(DocumentError) {
        guard bytes.count < Int(UInt32.max) else { throw .tooLarge(size: bytes.count) }
        self.bytes = bytes
        self.name = name
    }

    /// Wraps a Swift string, which is always valid UTF-8.
    public init(_ text: String, name: String = "-") {
        self.bytes = Array(text.utf8)
        self.name = name
    }

    /// The text as a Swift string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Why bytes could not become a ``Document``.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not UTF-8; `offset` is the first byte that breaks the encoding.
    case invalidUTF8(offset: Int)
    /// The text is 4 GiB or larger; one document must be smaller.
    case tooLarge(size: Int)

    /// The problem in words.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "not valid UTF-8 (bad byte at offset \(offset))"
        case .tooLarge(let size): "too large (\(size) bytes; one document must be under 4 GiB)"
        }
    }
}
