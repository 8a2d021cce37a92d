import ArgumentParser
import DedupCore
import DedupEngine
import DedupPlugins
internal import DedupSystem

extension DedupCommand {
    /// `dedup across`: the phases of `clean --across-documents`, as filters for an engine
    /// that groups keys itself (integrations/spark).
    struct Across: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "across",
            abstract: "The phases of 'clean --across-documents' as line filters, for running on a cluster (see integrations/spark).",
            discussion: """
                sign: reads lines N<TAB>SOURCE<TAB>RECORD (JSON Lines records numbered in record \
                order) and writes each record's signature as one JSON line. decide: reads the \
                signatures in record order, each with the earlier records that hold its keys, \
                and writes one decision per record, then the boilerplate lines. apply: reads \
                lines DECISION<TAB>SOURCE<TAB>RECORD and writes the records as 'dedup clean \
                --across-documents --input-format jsonl' does.
                """,
            subcommands: [Sign.self, Decide.self, Apply.self]
        )

        /// What every phase reads records with.
        struct Settings: ParsableArguments {
            @OptionGroup var input: InputOptions
            @OptionGroup var detection: DetectionOptions

            var phases: CrossDocumentPhases {
                CrossDocumentPhases(
                    importOptions: input.importOptions, dedupOptions: detection.dedupOptions, options: CrossDocumentOptions())
            }
        }

        /// Reads standard input line by line, writing what `body` makes of each.
        static func filter(_ body: ([UInt8]) throws -> [UInt8]) throws {
            var reader = LineReader(fd: 0, name: "<stdin>")
            var out: [UInt8] = []
            while let line = try reader.next() {
                out += try body(line)
                if out.count >= 1 << 16 || reader.wouldWait {
                    try FileIO.writeStandardOutput(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            try FileIO.writeStandardOutput(out)
        }

        struct Sign: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "sign", abstract: "Sign records: N<TAB>SOURCE<TAB>RECORD in, a JSON signature out.")
            @OptionGroup var settings: Settings

            func run() throws {
                let phases = settings.phases
                try Across.filter { phases.sign($0) }
            }
        }

        struct Decide: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "decide",
                abstract: "Decide in record order: signatures with their holders in, decisions and the boilerplate lines out.")
            @OptionGroup var settings: Settings

            func run() throws {
                try settings.phases.decide(readingFrom: 0, write: { bytes throws(FileIOError) in try FileIO.writeStandardOutput(bytes) })
            }
        }

        struct Apply: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "apply",
                abstract: "Apply decisions: DECISION<TAB>SOURCE<TAB>RECORD in, cleaned records out.")
            @OptionGroup var settings: Settings

            @Option(help: ArgumentHelp("The boilerplate lines: the last line decide wrote.", valueName: "file"))
            var boilerplate: String

            func run() throws {
                let phases = settings.phases
                let lines = try CrossDocumentPhases.boilerplate(from: FileIO.read(boilerplate))
                // A record that cannot be read is written through and reported (the job goes on).
                try Across.filter { try phases.apply($0, boilerplate: lines, report: { Terminal.standardError("dedup: error: \($0)\n") }) }
            }
        }
    }
}
