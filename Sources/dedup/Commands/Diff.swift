import ArgumentParser
import DedupCore
import DedupPlugins
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DedupCommand {
    /// `dedup diff`: compares two versions of a document.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(name: .shortAndLong, help: "Output format: text (a unified diff with inline markers), json or xml.")
        var format = "text"

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
            guard registry.diffFormat(named: format) != nil else {
                throw ValidationError("unknown format '\(format)'; choose one of: \(registry.diffFormats.map(\.name).joined(separator: ", "))")
            }
            guard !(a == "-" && b == "-") else { throw ValidationError("standard input ('-') can be read only once") }
            guard minMoveLength >= 1 else { throw ValidationError("--min-move-length must be at least 1") }
            guard costBudget >= 1 else { throw ValidationError("--cost-budget must be at least 1") }
            guard (0...1_000_000).contains(context) else { throw ValidationError("--context must be between 0 and 1000000") }
        }

        /// Whether the text output is coloured.
        var useColor: Bool {
            switch color {
            case .always: return true
            case .never: return false
            case .auto:
                if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
                return isatty(1) != 0
            }
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
                FileHandleOutput.standardError("dedup: error: \(error)\n")
                throw ExitCode(2)
            }
            let formatter = DedupCommand.registry.diffFormat(named: format) ?? .text
            let rendered: [UInt8]
            do {
                rendered = try formatter.render(report, DiffRenderOptions(color: useColor, context: context))
            } catch {
                FileHandleOutput.standardError("dedup: error: cannot write \(formatter.name): \(error)\n")
                throw ExitCode(2)
            }
            do {
                try FileIO.writeStandardOutput(rendered)
            } catch {
                FileHandleOutput.standardError("dedup: error: \(error)\n")
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
