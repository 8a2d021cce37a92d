internal import DedupSystem

/// The standard streams as the command line uses them: messages to stderr, and whether a
/// stream is a terminal (for the progress display and colours).
enum Terminal {
    /// Writes `message` to stderr as it is.
    static func standardError(_ message: String) {
        let bytes = Array(message.utf8)
        bytes.withUnsafeBytes { _ = SystemCall.write(2, $0.baseAddress, $0.count) }
    }

    /// Whether a progress display belongs on stderr: it is a terminal that is not dumb.
    static var standardErrorIsTerminal: Bool {
        guard isatty(2) != 0 else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// Whether standard output is a terminal.
    static var standardOutputIsTerminal: Bool { isatty(1) != 0 }

    /// Whether the environment asks for no colour (`NO_COLOR` set and not empty).
    static var noColorRequested: Bool {
        guard let noColor = getenv("NO_COLOR") else { return false }
        return noColor.pointee != 0
    }
}
