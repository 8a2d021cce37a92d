/// Why a file could not be read or written, in words a person acts on.
public struct FileIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file concerned.
    public var path: String
    /// What went wrong, in words.
    public var problem: String

    /// An error about `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// The problem in words.
    public var description: String { "\(path): \(problem)" }
}
