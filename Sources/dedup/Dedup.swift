import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `dedup` command: cleans scraped articles of duplicated sections.
@main
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Find and remove sections that a scraper stored more than once, with provenance for every byte.",
        subcommands: [Clean.self, Restore.self],
        defaultSubcommand: nil
    )

    /// Runs the command; usage errors exit with status 2, as diff(1) and grep(1) do.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandleOutput.standardError(fullMessage(for: error) + "\n")
                Self.exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

/// Writing messages to the standard streams.
enum FileHandleOutput {
    static func standardError(_ message: String) {
        var bytes = Array(message.utf8)
        bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
