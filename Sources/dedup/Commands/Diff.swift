import ArgumentParser
import DedupCore
import DedupEngine
import DedupPlugins
internal import DedupSystem

extension DedupCommand {
    /// `dedup diff`: compares two versions of a document.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two versions of a document: paragraphs, moves, and word or character edits, blind to spacing.",
            discussion: """
                Paragraphs are aligned on their normalized text (unique paragraphs anchor, the \
                rest by a minimal edit script), then each changed paragraph is diffed by \
                character for CJK and by word for other scripts. Paragraphs found elsewhere in \
                the other document, the same or slightly edited, are moves. Spacing (NBSP, \
                U+3000, re-wrapped lines) and full-width or half-width forms are equal unless \
                --exact is given.

                Exit status, as diff(1): 0 when the documents are the same, 1 when they differ, \
                2 on trouble (a file missing, unreadable or not UTF-8).
                """
        )

        @Argument(help: "The first document (A); '-' reads standard input.")
        var a: String

        @Argument(help: "The second document (B); '-' reads standard input.")
        var b: String

        @Option(
            name: .shortAndLong,
            help:
                "Output format: text (a unified diff with inline markers), json, xml or html (a page to open in a browser); default: the extension of -o, else text."
        )
        var format: String?

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write the diff to this file (atomically) instead of standard output ('-').", valueName: "file"))
        var output: String?

        @Option(help: "How the html format shows the documents: side-by-side (default) or inline.")
        var layout: DiffRenderOptions.Layout?

        @Flag(help: "Count every byte: spacing, line wrapping and full-width forms show as differences.")
        var exact = false

        @Flag(help: "Diff the documents after cleaning them as 'dedup clean' does; ranges then refer to the cleaned texts.")
        var dedup = false

        @Option(help: "Smallest moved block reported as a move, in characters other than whitespace (a CJK character counts one).")
        var minMoveLength = DiffOptions().minMoveLength

        @Option(help: "Steps one comparison may take before the diff falls back to a coarser granularity.")
        var costBudget = DiffOptions().costBudget

        @Option(help: "Colour the text output: auto (when standard output is a terminal and NO_COLOR is not set), always or never.")
        var color: ColorChoice = .auto

        @Option(help: "Lines of unchanged text shown around each change in the text output.")
        var context = 3

        @OptionGroup(title: "Cleaning (with --dedup)")
        var detection: DetectionOptions

        enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
            case auto, always, never
        }

        func validate() throws {
            let registry = DedupCommand.registry
            if let format, registry.diffExporters.first(where: { $0.name == format }) == nil {
                throw ValidationError(
                    "unknown format '\(format)'; choose one of: \(registry.diffExporters.map(\.name).joined(separator: ", "))")
            }
            if let output, !writesToStandardOutput {
                guard !FileIO.isDirectory(output) else { throw ValidationError("-o \(output) is a folder; name a file") }
                guard FileIO.isDirectory(FilePath.folder(of: output)) else {
                    throw ValidationError("-o \(output): no such folder \(FilePath.folder(of: output))")
                }
                if FileIdentity(path: output) != nil && !FileIO.isRegularFile(output) {
                    throw ValidationError("-o \(output) is not a regular file; leave -o out (or give '-o -') to write to standard output")
                }
                if output == a || output == b { throw ValidationError("-o \(output) would overwrite an input") }
                if format == nil, registry.exporter(forPath: output)?.renderDiff == nil {
                    throw ValidationError(
                        "-o \(output): no diff format writes such files; name one with -f (\(registry.diffExporters.map(\.name).joined(separator: ", ")))"
                    )
                }
            }
            if layout != nil && exporter.name != Exporter.html.name {
                throw ValidationError("--layout is for the html format; this diff is written as \(exporter.name)")
            }
            guard !(a == "-" && b == "-") else { throw ValidationError("standard input ('-') can be read only once") }
            guard minMoveLength >= 1 else { throw ValidationError("--min-move-length must be at least 1") }
            guard costBudget >= 1 else { throw ValidationError("--cost-budget must be at least 1") }
            guard (0...1_000_000).contains(context) else { throw ValidationError("--context must be between 0 and 1000000") }
        }

        /// Whether the text output is coloured (never in a file).
        var useColor: Bool {
            switch color {
            case .always: return true
            case .never: return false
            case .auto:
                if !writesToStandardOutput { return false }
                if Terminal.noColorRequested { return false }
                return Terminal.standardOutputIsTerminal
            }
        }

        /// Whether the diff goes to standard output: no -o, `-o -` or `-o /dev/stdout`.
        var writesToStandardOutput: Bool {
            guard let output else { return true }
            return FilePath.standardOutputAliases.contains(output)
        }

        /// The exporter that writes the diff: --format, else the output file's extension if
        /// a diff format has it, else text.
        var exporter: Exporter {
            let registry = DedupCommand.registry
            if let format, let named = registry.diffExporters.first(where: { $0.name == format }) { return named }
            if let output, !writesToStandardOutput, let byExtension = registry.exporter(forPath: output), byExtension.renderDiff != nil {
                return byExtension
            }
            return registry.diffExporters.first { $0.name == "text" } ?? .text
        }

        func run() throws {
            let report: DiffReport
            do {
                let (docA, sourceA) = try load(a)
                let (docB, sourceB) = try load(b)
                var options = DiffOptions()
                options.exact = exact
                options.minMoveLength = minMoveLength
                options.costBudget = costBudget
                report = DiffReport(result: DocumentDiffer(options: options).diff(docA, docB), a: sourceA, b: sourceB)
            } catch {
                Terminal.standardError("dedup: error: \(error)\n")
                throw ExitCode(2)
            }
            let exporter = self.exporter
            let rendered: [UInt8]
            do {
                rendered = try exporter.renderDiff(
                    report, DiffRenderOptions(color: useColor, context: context, layout: layout ?? .sideBySide))
            } catch {
                Terminal.standardError("dedup: error: cannot write \(exporter.name): \(error)\n")
                throw ExitCode(2)
            }
            do {
                if let output, !writesToStandardOutput {
                    if let target = FileIdentity(path: output),
                        let input = [a, b].first(where: { $0 != "-" && FileIdentity(path: $0) == target })
                    {
                        throw FileIOError(path: output, problem: "would overwrite the input \(input)")
                    }
                    try FileIO.writeAtomically(rendered, to: output)
                } else {
                    try FileIO.writeStandardOutput(rendered)
                }
            } catch {
                Terminal.standardError("dedup: error: \(error)\n")
                throw ExitCode(2)
            }
            if !report.result.isSame { throw ExitCode(1) }
        }

        /// The document at `path` (cleaned with --dedup) and where it came from.
        func load(_ path: String) throws(FileIOError) -> (Document, DiffSource) {
            let name = path == "-" ? "<stdin>" : path
            let bytes = try FileIO.read(path)
            let document: Document
            do {
                document = try Document(bytes: bytes, name: path)
            } catch {
                throw FileIOError(path: name, problem: error.description)
            }
            guard dedup else { return (document, DiffSource(path: path, fileSize: bytes.count)) }
            let cleaned = Deduplicator(options: detection.dedupOptions).clean(document).cleanBytes
            do {
                return (try Document(bytes: cleaned, name: path), DiffSource(path: path, cleaned: true, fileSize: bytes.count))
            } catch {
                throw FileIOError(path: name, problem: "cleaned text is \(error.description)")
            }
        }
    }
}

extension DiffRenderOptions.Layout: ExpressibleByArgument {}
