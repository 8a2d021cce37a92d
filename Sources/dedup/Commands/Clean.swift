import ArgumentParser
import DedupEngine
import DedupPlugins
import Logging

extension DedupCommand {
    /// `dedup clean`: cleans files (or standard input) and writes them in the chosen format.
    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clean",
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

                Batches: folders are walked recursively (hidden files left out) and their tree \
                is mirrored under the -o folder. Files are cleaned in parallel (--jobs); \
                outputs and messages come out the same whatever the number of jobs. Each \
                output is written whole or not at all, so a run that is stopped (even by \
                kill -9) leaves no partial file; --skip-existing finishes it. A summary goes \
                to stderr after a batch or on a terminal.

                """
        )

        @Argument(help: "Files and folders to clean; '-' reads standard input. Folders are walked recursively.")
        var inputs: [String] = []

        @Option(name: .shortAndLong, help: "Output format (see 'dedup plugins').")
        var format: String?

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp(
                "Write results here instead of standard output: a file when one file is cleaned and the name ends in an output format's extension (out.xml), else a folder (each result as NAME.EXT, a folder's files under their path below it).",
                valueName: "path"))
        var output: String?

        @OptionGroup var input: InputOptions

        @OptionGroup var detection: DetectionOptions

        @OptionGroup var batch: BatchOptions

        @OptionGroup(title: "Across documents")
        var crossDocument: CrossDocumentFlags

        func validate() throws {
            do { try request.validate(against: DedupCommand.registry) } catch {
                throw ValidationError(error.description)
            }
        }

        /// What the arguments ask the engine to do.
        var request: CleanRequest {
            let registry = DedupCommand.registry
            var request = CleanRequest(inputs: inputs, destination: Destination.forOutput(output, registry: registry))
            request.format = format
            request.inputFormat = input.inputFormat
            request.importOptions = input.importOptions
            request.extract = input.extract
            request.dedupOptions = detection.dedupOptions
            request.include = batch.include
            request.exclude = batch.exclude
            request.skipExisting = batch.skipExisting
            request.maxBytes = batch.maxBytes.bytes
            request.jobs = batch.workerCount
            request.report = batch.report
            request.acrossDocuments = crossDocument.acrossDocuments
            request.state = crossDocument.state
            request.omitDropped = crossDocument.omitDropped
            return request
        }

        func run() throws {
            let logger = Self.startLogging(verbose: batch.verbose)
            let request = self.request
            let toStandardOutput = request.destination == .standardOutput
            let showProgress =
                !batch.quiet && !batch.verbose && Terminal.standardErrorIsTerminal
                && !(toStandardOutput && Terminal.standardOutputIsTerminal)
            SignalWatcher.start { signal in
                Terminal.standardError(
                    (showProgress ? "\r\u{1B}[K" : "") + "dedup: stopped by signal \(signal)"
                        + (toStandardOutput
                            ? ".\n" : "; outputs written so far are complete, none is partial. Run again with --skip-existing to finish.\n")
                )
            }
            var progress: ProgressBar?
            var events = CleanEvents()
            events.problem = { problem in
                progress?.clear()
                Terminal.standardError("dedup: error: \(problem.line)\n")
            }
            events.warning = { Terminal.standardError("dedup: warning: \(BatchProblem.escaped($0))\n") }
            events.leftOut = { logger.debug("\($0)") }
            if batch.verbose {
                events.finished = { input in
                    if let note = input.note { logger.info("\(note)") }
                }
            }
            if showProgress {
                events.progress = { done in
                    if progress == nil { progress = ProgressBar(totalFiles: done.totalFiles, totalBytes: done.totalBytes) }
                    progress?.update(files: done.files, bytes: done.bytes)
                }
            }
            let runner = CleanRunner(registry: DedupCommand.registry)
            let plan: CleanPlan
            do {
                plan = try runner.plan(request, events: events)
            } catch let error as CleanRequestError {
                // Found while planning (a state that cannot be used, a report in the way):
                // a usage problem, said in one line.
                Terminal.standardError("dedup: error: \(error.description)\n")
                throw ExitCode(2)
            } catch {
                Terminal.standardError("dedup: error: \(error)\n")
                throw ExitCode(1)
            }
            let summary = runner.run(plan, events: events)
            progress?.clear()
            if !batch.quiet && (summary.isBatch || Terminal.standardErrorIsTerminal || batch.verbose) {
                Terminal.standardError(summary.totals.summary(seconds: summary.seconds) + "\n")
            }
            if let problem = summary.reportProblem {
                Terminal.standardError("dedup: error: \(problem.line)\n")
            }
            if summary.hasErrors { throw ExitCode(1) }
        }

        /// Sends log messages to stderr: warnings and errors only, unless `verbose`.
        static func startLogging(verbose: Bool) -> Logger {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = verbose ? .debug : .warning
                return handler
            }
            return Logger(label: "dedup")
        }
    }
}
