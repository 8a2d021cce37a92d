/// Why an HTML page could not be imported. The description says what is wrong without naming
/// the file (the caller adds the name).
public enum HTMLImportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The encoding the user asked for is not one this importer can decode.
    case unknownEncoding(String)
    /// The `--xpath` expression is not valid XPath 1.0 (or fails when evaluated); `reason`
    /// is libxml2's word for what is wrong.
    case invalidXPath(String, reason: String)
    /// The `--xpath` expression selects a value (a number, a string) instead of nodes.
    case xpathNotNodes(String)
    /// The `--xpath` expression selects no element or text node of the page.
    case xpathMatchedNothing(String)
    /// The page is too large for libxml2 (2 GiB or more once in UTF-8).
    case tooLarge(size: Int)
    /// libxml2 produced no document at all.
    case unparsable(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .unknownEncoding(let label):
            TextDecodingError.unknownEncoding(label).description
        case .invalidXPath(let expression, let reason):
            "invalid --xpath expression '\(expression)': \(reason)"
        case .xpathNotNodes(let expression):
            "--xpath '\(expression)' selects a value, not elements"
        case .xpathMatchedNothing(let expression):
            "--xpath '\(expression)' matched nothing"
        case .tooLarge(let size):
            "page too large (\(size) bytes in UTF-8; libxml2 reads under 2 GiB)"
        case .unparsable(let reason):
            "libxml2 could not parse the page: \(reason)"
        }
    }
}
