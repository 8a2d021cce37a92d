/// Why input bytes could not be read as text. The description says what is wrong in one line,
/// without the file name (the caller adds it).
public enum TextDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The encoding the user named is not one this build can decode.
    case unknownEncoding(String)
    /// No encoding was named or marked, and the bytes are not UTF-8: `byte`, at `offset`, is the
    /// first that breaks it.
    case notUTF8(offset: Int, byte: UInt8)
    /// The bytes are not valid in `encoding`: the sequence at `offset` (starting with
    /// `bytes`) cannot be decoded or, when `cutOff`, the input ends inside it.
    case invalid(encoding: String, offset: Int, bytes: [UInt8], cutOff: Bool)
    /// The input holds a NUL character (U+0000), the mark of a binary file, at byte `offset`
    /// of the input; `width` is its length in bytes (1; 2 in UTF-16, 4 in UTF-32).
    /// `likelyEncoding` names `UTF-16LE` or `UTF-16BE` when the bytes look like UTF-16
    /// without a byte order mark.
    case binary(offset: Int, width: Int, likelyEncoding: String?)
    /// The decoded text holds U+0000 at byte `offset` of the text, though no zero bytes
    /// stand for it in the input (an encoding such as UTF-7 wrote it).
    case nulInDecodedText(offset: Int)

    /// The problem in one line, without the file name.
    public var description: String {
        switch self {
        case .unknownEncoding(let label):
            "unknown character encoding '\(label)'; name one such as UTF-16LE, GB18030, Big5, Shift_JIS, EUC-KR or windows-1252 (or any iconv -l lists)"
        case .notUTF8(let offset, let byte):
            "not UTF-8: invalid byte \(Self.hex(byte)) at offset \(offset); name its encoding with --encoding (GB18030, Big5, Shift_JIS, …)"
        case .invalid(let encoding, let offset, let bytes, let cutOff):
            if cutOff {
                "not valid \(encoding): the input ends inside a character (\(Self.listing(bytes)) at offset \(offset))"
            } else {
                "not valid \(encoding): invalid \(bytes.count > 1 ? "bytes" : "byte") \(Self.listing(bytes)) at offset \(offset)"
            }
        case .binary(let offset, let width, let likelyEncoding):
            "binary (NUL \(width == 1 ? "byte" : "character") at offset \(offset))"
                + (likelyEncoding.map { "; if it is \($0) text without a byte order mark, name it with --encoding \($0)" } ?? "")
        case .nulInDecodedText(let offset):
            "binary (NUL character at offset \(offset) of the decoded text)"
        }
    }

    /// Checks that `label` names an encoding the importers can decode, without any input. For
    /// command lines, so that a mistyped `--encoding` is one usage error rather than one error
    /// per file.
    /// - Throws: ``TextDecodingError/unknownEncoding(_:)``.
    public static func checkEncoding(_ label: String) throws(TextDecodingError) {
        guard TextEncoding.named(label) != nil else { throw .unknownEncoding(label) }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }

    private static func listing(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "no bytes" : bytes.map(hex).joined(separator: " ")
    }
}
