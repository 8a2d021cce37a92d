import ArgumentParser
import DedupCore
import DedupPlugins

extension DedupCommand {
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

                Formats: the input format follows each file's extension (.html, .jsonl, else \
                text) unless --input-format names one; the output format is --format, else \
                the extension of an output file, else the input format's usual output (text; \
                jsonl for JSON Lines). 'dedup plugins' lists them all.
                """
        )

        @Argument(help: "Files to clean; '-' reads standard input.")
        var inputs: [String] = []

        @Option(name: .shortAndLong, help: "Output format (see 'dedup plugins').")
        var format: String?

        @Option(name: .shortAndLong, help: ArgumentHelp(
            "Write results here instead of standard output: a file when one input is cleaned and the name ends in an output format's extension (out.xml), else a folder (each result as NAME.EXT).",
            valueName: "path"))
        var output: String?

        @OptionGroup var input: InputOptions

        @OptionGroup var detection: DetectionOptions

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give at least one file, or '-' for standard input") }
            let registry = DedupCommand.registry
            if let format, registry.exporter(named: format) == nil {
                throw ValidationError("unknown format '\(format)'; choose one of: \(registry.exporters.map(\.name).joined(separator: ", "))")
            }
            if inputs.count(where: { $0 == "-" }) > 1 { throw ValidationError("standard input ('-') can be read only once") }
        }

        /// Where results go.
        enum Destination {
            case standardOutput
            case file(String)
            case folder(String)
        }

        var destination: Destination {
            guard let output else { return .standardOutput }
            let registry = DedupCommand.registry
            if inputs.count == 1, !FileIO.isDirectory(output), !output.hasSuffix("/"),
               registry.exporter(forPath: output) != nil {
                return .file(output)
            }
            return .folder(output)
        }

        func run() throws {
            let registry = DedupCommand.registry
            let destination = self.destination
            let deduplicator = Deduplicator(options: detection.dedupOptions)
            let options = input.importOptions
            if case .folder(let folder) = destination {
                do { try FileIO.makeDirectory(folder) } catch {
                    FileHandleOutput.standardError("dedup: error: \(error)\n")
                    throw ExitCode(1)
                }
            }
            var failures = 0
            func report(_ error: Error) {
                failures += 1
                FileHandleOutput.standardError("dedup: error: \(error)\n")
            }
            // Every target is worked out before anything is written, so that no output can
            // overwrite an input (or another output) that comes later in the list.
            var jobs: [Job] = []
            var claimed: [String: String] = [:]  // output path -> the input it comes from
            for path in inputs {
                let displayName = path == "-" ? "<stdin>" : path
                do {
                    let importer = input.importer(for: path, in: registry)
                    let exporter = self.exporter(for: importer, destination: destination, registry: registry)
                    let target: String?
                    switch destination {
                    case .standardOutput: target = nil
                    case .file(let file): target = file
                    case .folder(let folder):
                        target = "\(folder)/\(path == "-" ? "stdin" : Self.stem(of: path)).\(exporter.fileExtension)"
                    }
                    if let target {
                        if let earlier = claimed[target] {
                            throw FileIOError(path: displayName, problem: "its output \(target) would overwrite the output of \(earlier); clean it in a separate run")
                        }
                        if let input = inputs.first(where: { $0 != "-" && FileIO.isSameFile(target, $0) }) {
                            throw FileIOError(path: displayName, problem: input == path
                                ? "its output \(target) would overwrite the input"
                                : "its output \(target) would overwrite the input \(input)")
                        }
                        claimed[target] = displayName
                    }
                    jobs.append(Job(path: path, displayName: displayName, importer: importer, exporter: exporter, target: target))
                } catch {
                    report(error)
                }
            }
            for job in jobs {
                do {
                    switch job.importer.framing {
                    case .document:
                        let bytes = try FileIO.read(job.path)
                        let imported: ImportedDocument
                        do {
                            imported = try job.importer.read(bytes, job.displayName, options)
                        } catch {
                            throw FileIOError(path: job.displayName, problem: "\(error)")
                        }
                        let cleaned = CleanedDocument(cleaning: imported, with: deduplicator, options: options)
                        let rendered: [UInt8]
                        do { rendered = try job.exporter.render(cleaned) } catch {
                            throw FileIOError(path: job.displayName, problem: "cannot write \(job.exporter.name): \(error)")
                        }
                        if let target = job.target {
                            try FileIO.writeAtomically(rendered, to: target)
                        } else {
                            try FileIO.writeStandardOutput(rendered)
                        }
                    case .lines:
                        let malformed = try LineStreamCommand.run(
                            path: job.path, displayName: job.displayName, target: job.target, importer: job.importer,
                            exporter: job.exporter, options: options, deduplicator: deduplicator)
                        failures += malformed > 0 ? 1 : 0
                    }
                } catch {
                    report(error)
                    // Standard output is gone (a closed pipe, a full disk): nothing more can be written.
                    if job.target == nil, let e = error as? FileIOError, e.path == FileIO.standardOutputName { break }
                }
            }
            if failures > 0 { throw ExitCode(1) }
        }

        /// One input with the plugins that read and write it and where its result goes.
        struct Job {
            var path: String
            var displayName: String
            var importer: Importer
            var exporter: Exporter
            var target: String?
        }

        /// The exporter for results of `importer`: --format, else the output file's extension,
        /// else the importer's usual output.
        func exporter(for importer: Importer, destination: Destination, registry: PluginRegistry) -> Exporter {
            if let format, let named = registry.exporter(named: format) { return named }
            if case .file(let file) = destination, let byExtension = registry.exporter(forPath: file) { return byExtension }
            if let usual = registry.exporter(named: importer.defaultExporter) { return usual }
            return registry.exporter(named: "text") ?? .text
        }

        /// The file name without folders and without its last extension.
        static func stem(of path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
            return String(name[..<dot])
        }
    }
}
