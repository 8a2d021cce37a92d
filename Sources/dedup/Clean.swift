import ArgumentParser
import DedupCore
import DedupPlugins

extension Dedup {
    /// `dedup clean`: cleans files (or standard input) and writes them in the chosen format.
    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove duplicated sections from articles.",
            discussion: """
                Removes later copies of earlier text (wherever they start, however they are \
                wrapped or spaced), earlier truncated fragments (teasers cut short) and text \
                repeated right after itself. Short repeats that belong to the text (labels, \
                list and table rows) are kept. Bad files are reported on stderr and skipped; \
                the exit status is then 1.
                """
        )

        @Argument(help: "Files to clean; '-' reads standard input.")
        var inputs: [String] = []

        @Option(name: .shortAndLong, help: "Output format: \(PluginRegistry.builtIn.exporters.map(\.name).joined(separator: ", ")).")
        var format = "text"

        @Option(name: .shortAndLong, help: "Write each result into this folder (as NAME.EXT) instead of standard output.")
        var output: String?

        @OptionGroup var detection: DetectionOptions

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give at least one file, or '-' for standard input") }
            guard PluginRegistry.builtIn.exporter(named: format) != nil else {
                throw ValidationError("unknown format '\(format)'; choose one of: \(PluginRegistry.builtIn.exporters.map(\.name).joined(separator: ", "))")
            }
            if inputs.count(where: { $0 == "-" }) > 1 { throw ValidationError("standard input ('-') can be read only once") }
        }

        func run() throws {
            let registry = PluginRegistry.builtIn
            guard let exporter = registry.exporter(named: format) else { throw ExitCode(2) }
            let deduplicator = Deduplicator(options: detection.dedupOptions)
            if let output { try FileIO.makeDirectory(output) }
            var failures = 0
            var written: [String: String] = [:]  // output path -> the input it came from
            for input in inputs {
                do {
                    let target = output.map { "\($0)/\(input == "-" ? "stdin" : Self.stem(of: input)).\(exporter.fileExtension)" }
                    if let target {
                        if let earlier = written[target] {
                            throw FileIOError(path: input, problem: "its output \(target) would overwrite the output of \(earlier); clean it in a separate run")
                        }
                        if FileIO.isSameFile(target, input) {
                            throw FileIOError(path: input, problem: "its output \(target) would overwrite the input")
                        }
                    }
                    let bytes = try FileIO.read(input)
                    let document: Document
                    do {
                        document = try Importer.plainText.read(bytes, input, ImportOptions()).document
                    } catch {
                        throw FileIOError(path: input == "-" ? "<stdin>" : input, problem: "\(error)")
                    }
                    let result = deduplicator.clean(document)
                    let rendered = try exporter.render(CleanedDocument(result: result))
                    if let target {
                        try FileIO.writeAtomically(rendered, to: target)
                        written[target] = input
                    } else {
                        FileIO.writeStandardOutput(rendered)
                    }
                } catch {
                    failures += 1
                    FileHandleOutput.standardError("dedup: error: \(error)\n")
                }
            }
            if failures > 0 { throw ExitCode(1) }
        }

        /// The file name without folders and without its last extension.
        static func stem(of path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
            return String(name[..<dot])
        }
    }
}
