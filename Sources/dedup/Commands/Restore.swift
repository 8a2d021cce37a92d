import ArgumentParser
import DedupEngine
import DedupPlugins

extension DedupCommand {
    /// `dedup restore`: rebuilds an input byte for byte from its JSON or XML provenance.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the original input, byte for byte, from 'clean --format json' or '--format xml' output."
        )

        @Argument(help: "A JSON or XML file written by 'dedup clean'; '-' reads standard input.")
        var input: String

        @Option(name: .shortAndLong, help: "Write the input to this file instead of standard output.")
        var output: String?

        func run() throws {
            do {
                let bytes = try FileIO.read(input)
                let original: [UInt8]
                do {
                    original = try Restorer.restore(bytes)
                } catch {
                    throw FileIOError(path: input == "-" ? "<stdin>" : input, problem: error.description)
                }
                if let output {
                    try FileIO.writeAtomically(original, to: output)
                } else {
                    try FileIO.writeStandardOutput(original)
                }
            } catch {
                Terminal.standardError("dedup: error: \(error)\n")
                throw ExitCode(1)
            }
        }
    }
}
