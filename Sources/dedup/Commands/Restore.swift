import ArgumentParser
import DedupEngine
import DedupPlugins

extension DedupCommand {
    /// `dedup restore`: rebuilds an input byte for byte from its JSON, XML or JSON Lines
    /// provenance.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract:
                "Rebuild the original input, byte for byte, from 'clean --format json', '--format xml' or JSON Lines output.",
            discussion: """
                A JSON Lines stream (a .jsonl or .ndjson file, or --input-format jsonl) gives back \
                the stream 'clean' read: every record with its text as it was spelt and without \
                the provenance field, every other line as it is; --id gives one record.
                """
        )

        @Argument(help: "A file written by 'dedup clean'; '-' reads standard input.")
        var input: String

        @Option(name: .shortAndLong, help: "Write the input to this file instead of standard output.")
        var output: String?

        @Option(
            name: .customLong("input-format"),
            help: "json, xml or jsonl; by default jsonl for .jsonl and .ndjson files, else JSON or XML by content.")
        var inputFormat: String?

        @Option(help: "JSON Lines: the field holding the text, as in the clean run.")
        var textField = "text"

        @Option(help: "JSON Lines: the provenance field, as in the clean run.")
        var provenanceField = "dedup"

        @Option(help: ArgumentHelp("JSON Lines: the field holding a record's id.", valueName: "name"))
        var idField = "id"

        @Option(help: ArgumentHelp("JSON Lines: restore only the record with this id.", valueName: "id"))
        var id: String?

        func validate() throws {
            if let inputFormat, !["json", "xml", "jsonl"].contains(inputFormat) {
                throw ValidationError("--input-format is json, xml or jsonl, not '\(inputFormat)'")
            }
            if id != nil && format != "jsonl" {
                throw ValidationError("--id restores one record of a JSON Lines stream: give a .jsonl file or --input-format jsonl")
            }
        }

        /// The format to read: as given, else by the file's extension.
        var format: String? {
            if let inputFormat { return inputFormat }
            let lower = input.lowercased()
            return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? "jsonl" : nil
        }

        func run() throws {
            do {
                let bytes = try FileIO.read(input)
                let original: [UInt8]
                do {
                    switch format {
                    case "jsonl":
                        var options = ImportOptions(textField: textField, provenanceField: provenanceField)
                        options.idField = idField
                        original = try Restorer.restore(jsonLines: bytes, options: options, id: id)
                    case "json": original = try Restorer.restore(json: bytes)
                    case "xml": original = try Restorer.restore(xml: bytes)
                    default: original = try Restorer.restore(bytes)
                    }
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
