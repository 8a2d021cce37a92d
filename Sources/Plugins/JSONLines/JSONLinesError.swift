/// Why one line of a JSON Lines input could not be read as a record. The description names
/// no file or line; the stream driver adds them (`in.jsonl:17: no string field 'text'`).
///
/// Offsets are 0-based byte offsets into the line.
public enum JSONLinesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line is not JSON as RFC 8259 defines it; `problem` says what was found at `offset`.
    case invalidJSON(offset: Int, problem: String)
    /// The bytes at `offset` are not UTF-8.
    case invalidUTF8(offset: Int)
    /// A `\u` escape at `offset`, in a string that is decoded (the text field, a field name),
    /// is half of a surrogate pair without the other half, so it is no Unicode character.
    case loneSurrogate(offset: Int)
    /// The line is JSON but not an object.
    case notAnObject
    /// The object has no field of this name.
    case missingField(String)
    /// The field holds something other than a string.
    case notAString(String)
    /// The field appears more than once, so which one to clean (or replace) is ambiguous.
    case duplicateField(String)
    /// The text is 4 GiB or larger; one document must be smaller.
    case tooLarge(size: Int)

    /// The problem in words.
    public var description: String {
        switch self {
        case .invalidJSON(let offset, let problem): "invalid JSON at byte \(offset): \(problem)"
        case .invalidUTF8(let offset): "not valid UTF-8 (bad byte at offset \(offset))"
        case .loneSurrogate(let offset): "invalid JSON at byte \(offset): \\u escape of a lone surrogate (no Unicode character)"
        case .notAnObject: "not a JSON object"
        case .missingField(let name): "no string field '\(name)'"
        case .notAString(let name): "field '\(name)' is not a string"
        case .duplicateField(let name): "field '\(name)' appears twice"
        case .tooLarge(let size): "text too large (\(size) bytes; one document must be under 4 GiB)"
        }
    }
}
