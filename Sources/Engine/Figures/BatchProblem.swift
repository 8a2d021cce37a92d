/// A problem with one input (or one record of it): what a run reports instead of stopping.
public struct BatchProblem: Sendable, Equatable {
    /// The file, or `FILE:LINE` for a record of a line-framed file.
    public var path: String
    /// What is wrong, in words.
    public var problem: String

    /// A problem with `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// The problem an I/O error describes.
    public init(_ error: FileIOError) { self.init(path: error.path, problem: error.problem) }

    /// The problem as one line: control characters in a file name (a line break, an escape
    /// sequence) are shown as `\n`, `\u{1B}`, so that no name can break the line or forge
    /// another.
    public var line: String { "\(Self.escaped(path)): \(Self.escaped(problem))" }

    /// `text` with its control characters written as escapes (`\n`, `\t`, `\u{1B}`).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
