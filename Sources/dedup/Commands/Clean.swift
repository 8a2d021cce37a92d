import ArgumentParser
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

        @Option(name: .shortAndLong, help: ArgumentHelp(
            "Write results here instead of standard output: a file when one file is cleaned and the name ends in an output format's extension (out.xml), else a folder (each result as NAME.EXT, a folder's files under their path below it).",
            valueName: "path"))
        var output: String?

        @OptionGroup var input: InputOptions

        @OptionGroup var detection: DetectionOptions

        @OptionGroup var batch: BatchOptions

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give at least one file, or '-' for standard input") }
            let registry = DedupCommand.registry
            if let format, registry.exporter(named: format) == nil {
                throw ValidationError("unknown format '\(format)'; choose one of: \(registry.exporters.map(\.name).joined(separator: ", "))")
            }
            if inputs.count(where: { $0 == "-" }) > 1 { throw ValidationError("standard input ('-') can be read only once") }
            if batch.skipExisting && output == nil { throw ValidationError("--skip-existing needs --output") }
            if let output, Self.namesAFile(output, registry: registry), inputs.count > 1 || FileIO.isDirectory(inputs[0]) {
                throw ValidationError("-o \(output) names a file, but more than one file is to be cleaned; give a folder")
            }
            if let report = batch.report {
                let folder = CleanJob.folder(of: report)
                guard FileIO.isDirectory(folder) else { throw ValidationError("--report \(report): no such folder \(folder)") }
                guard !FileIO.isDirectory(report) else { throw ValidationError("--report \(report) is a folder; name a file") }
            }
        }

        /// Where results go.
        enum Destination {
            case standardOutput
            case file(String)
            case folder(String)
        }

        var destination: Destination {
            guard let output else { return .standardOutput }
            if inputs.count == 1, !FileIO.isDirectory(inputs[0]), Self.namesAFile(output, registry: DedupCommand.registry) {
                return .file(output)
            }
            return .folder(output)
        }

        /// Whether `-o path` names an output file rather than a folder: it is not a folder and
        /// ends in an output format's extension (`out.xml`).
        static func namesAFile(_ path: String, registry: PluginRegistry) -> Bool {
            !FileIO.isDirectory(path) && !path.hasSuffix("/") && registry.exporter(forPath: path) != nil
        }

        func run() throws {
            let started = MonotonicClock.seconds()
            let logger = Self.startLogging(verbose: batch.verbose)
            let registry = DedupCommand.registry
            let destination = self.destination
            FileIO.readUmaskBeforeStartingThreads()
            let toStandardOutput: Bool
            if case .standardOutput = destination { toStandardOutput = true } else { toStandardOutput = false }
            let showProgress = !batch.quiet && !batch.verbose && ProgressBar.standardErrorIsTerminal
                && !(toStandardOutput && isatty(1) != 0)
            SignalWatcher.start { signal in
                FileHandleOutput.standardError((showProgress ? "\r\u{1B}[K" : "") + "dedup: stopped by signal \(signal)"
                    + (toStandardOutput ? ".\n" : "; outputs written so far are complete, none is partial. Run again with --skip-existing to finish.\n"))
            }
            var outputFolder: FileIdentity?
            if case .folder(let folder) = destination {
                do { try FileIO.makeDirectory(folder) } catch {
                    FileHandleOutput.standardError("dedup: error: \(error)\n")
                    throw ExitCode(1)
                }
                outputFolder = FileIdentity(path: folder)
                if let same = inputs.first(where: { FileIO.isDirectory($0) && FileIdentity(path: $0) == outputFolder }) {
                    throw ValidationError("the output folder \(folder) is the input folder \(same); write to another folder")
                }
            }
            let index = self.batchIndex(destination: destination, registry: registry)
            let walker = InputWalker(include: batch.include.map(Glob.init), exclude: batch.exclude.map(Glob.init),
                                     skipFolder: outputFolder, note: { logger.debug("\($0)") },
                                     warn: { FileHandleOutput.standardError("dedup: warning: \(BatchProblem.escaped($0))\n") })
            let items = walker.walk(inputs)
            let plan = self.plan(items, destination: destination, registry: registry, indexPath: index?.path)
            if let report = batch.report {
                if let identity = FileIdentity(path: report), let input = plan.inputs[identity] {
                    throw ValidationError("--report \(report) would overwrite the input \(input)")
                }
                if plan.targets.contains(report) || report == index?.path || Self.isOutput(report, plan: plan, destination: destination, index: index) {
                    throw ValidationError("--report \(report) would overwrite an output")
                }
            }
            // The index's place is checked now, so that a problem with it shows before the run.
            let indexProblem = index.flatMap { Self.indexProblem($0, inputs: plan.inputs) }
            if let indexProblem { FileHandleOutput.standardError("dedup: error: \(indexProblem.line)\n") }
            // One input: its records (JSON Lines) are cleaned on every thread; several: one
            // file per thread.
            let settings = CleanSettings(options: input.importOptions, deduplicator: Deduplicator(options: detection.dedupOptions),
                                         maxBytes: batch.maxBytes.bytes, recordThreads: plan.jobs.count == 1 ? batch.workerCount : 1,
                                         logger: logger)
            let isBatch = plan.jobs.count > 1 || inputs.contains { FileIO.isDirectory($0) }
            var entries: [BatchIndexEntry] = []
            let collect: ((CleanJob, CleanJobOutcome) -> Void)? = index.map { index in
                { job, outcome in entries.append(Self.indexEntry(job, outcome, index: index)) }
            }
            var totals = Self.execute(plan.jobs, settings: settings, workers: batch.workerCount, showProgress: showProgress,
                                      collect: collect)
            if let index {
                if let problem = indexProblem ?? Self.writeIndex(index, entries: entries) {
                    if indexProblem == nil { FileHandleOutput.standardError("dedup: error: \(problem.line)\n") }
                    totals.problems.append(problem)
                    totals.indexFailed = true
                }
            }
            let seconds = MonotonicClock.seconds() - started
            if !batch.quiet && (isBatch || ProgressBar.standardErrorIsTerminal || batch.verbose) {
                FileHandleOutput.standardError(totals.summary(seconds: seconds) + "\n")
            }
            if let report = batch.report {
                do { try FileIO.writeAtomically(totals.reportJSON(seconds: seconds, jobs: batch.workerCount), to: report) } catch {
                    FileHandleOutput.standardError("dedup: error: \(BatchProblem(error).line)\n")
                    throw ExitCode(1)
                }
            }
            if totals.hasErrors { throw ExitCode(1) }
        }

        /// Runs the jobs on `workers` threads and reports each one's problems and notes, in
        /// input order.
        static func execute(_ jobs: [CleanJob], settings: CleanSettings, workers: Int, showProgress: Bool,
                            collect: ((CleanJob, CleanJobOutcome) -> Void)? = nil) -> BatchTotals {
            let progressCounts = Mutex((files: 0, bytes: 0))
            let countDone: @Sendable (CleanJob) -> Void = { job in
                progressCounts.withLock { $0.files += 1; $0.bytes += job.input.size }
            }
            var progress = showProgress
                ? ProgressBar(totalFiles: jobs.count, totalBytes: jobs.reduce(0) { $0 + $1.input.size }) : nil
            var totals = BatchTotals()
            var delivered = 0
            var standardOutputBroken = false
            // Results come back in input order; at most `window` jobs run ahead of the first
            // one not yet delivered, which bounds what waits in memory.
            // One worker and nothing to commit: the jobs run on this thread, with no hand-over
            // per file (with files to commit, a worker cleans the next file meanwhile).
            let inline = workers == 1 && jobs.allSatisfy { $0.target == nil }
            let pool = OrderedThreadPool<CleanJobOutcome?>(threads: inline ? 0 : workers)
            defer { pool.shutdown() }
            let window = inline ? 1 : max(64, 16 * workers)
            var submitted = 0
            func submitMore() {
                while submitted < jobs.count && pool.pending < window {
                    let job = jobs[submitted]
                    submitted += 1
                    // A stream to standard output runs here, in its turn.
                    if job.streamsToStandardOutput {
                        pool.submit { nil }
                        continue
                    }
                    pool.submit {
                        defer { countDone(job) }
                        return job.run(settings)
                    }
                }
            }
            // Results taken but not yet reported: their files are committed together, with
            // one flush to disk for all of them, when no further result is ready (or 64 wait).
            var held: [(job: CleanJob, outcome: CleanJobOutcome)] = []
            var notWritten = 0
            func report(_ job: CleanJob, _ result: CleanJobOutcome) {
                var outcome = result
                if let output = outcome.output {
                    progress?.clear()
                    do throws(FileIOError) { try FileIO.writeStandardOutput(output) } catch {
                        outcome = .failed(job.writeError(error))
                        outcome.standardOutputFailed = true
                    }
                }
                for note in outcome.notes { settings.logger.info("\(note)") }
                if !outcome.totals.problems.isEmpty {
                    progress?.clear()
                    for problem in outcome.totals.problems {
                        FileHandleOutput.standardError("dedup: error: \(problem.line)\n")
                    }
                }
                totals.add(outcome.totals)
                collect?(job, outcome)
                // Standard output is gone (a closed pipe, a full disk): nothing more can be written.
                if outcome.standardOutputFailed { standardOutputBroken = true }
            }
            func reportHeld() {
                let writers = held.compactMap(\.outcome.pendingOutput)
                var errors = AtomicFileWriter.commitAll(writers)[...]
                for (job, outcome) in held {
                    if standardOutputBroken {
                        notWritten += 1
                    } else if outcome.pendingOutput != nil, let error = errors.popFirst() ?? nil {
                        report(job, .failed(job.writeError(error)))
                    } else {
                        report(job, outcome)
                    }
                }
                held.removeAll(keepingCapacity: true)
            }
            submitMore()
            while delivered < jobs.count && !standardOutputBroken {
                guard let result = pool.next(timeout: held.isEmpty ? 0.1 : 0) else {
                    reportHeld()
                    let counts = progressCounts.withLock { $0 }
                    progress?.update(files: counts.files, bytes: counts.bytes)
                    continue
                }
                let job = jobs[delivered]
                delivered += 1
                if let result {
                    held.append((job, result))
                    if held.count >= 64 { reportHeld() }
                } else {
                    reportHeld()
                    let outcome = job.run(settings)
                    countDone(job)
                    report(job, outcome)
                }
                submitMore()
                let counts = progressCounts.withLock { $0 }
                progress?.update(files: counts.files, bytes: counts.bytes)
            }
            reportHeld()
            progress?.clear()
            let notCleaned = jobs.count - delivered + notWritten
            if standardOutputBroken && notCleaned > 0 {
                let left = BatchProblem(path: FileIO.standardOutputName,
                                        problem: "\(notCleaned) more inputs not cleaned, since their output could not be written")
                FileHandleOutput.standardError("dedup: error: \(left.line)\n")
                totals.failedFiles += notCleaned
                totals.problems.append(left)
            }
            return totals
        }

        /// Works out every job's plugins and target before anything is written, so that no
        /// output can overwrite an input (or another output) that comes later in the list.
        /// `indexPath` is the batch index's file, which no output may take: an output that
        /// would is written as `NAME.report.EXT` instead.
        func plan(_ items: [InputWalker.Item], destination: Destination, registry: PluginRegistry,
                  indexPath: String? = nil) -> CleanPlan {
            var inputIdentities: [FileIdentity: String] = [:]
            for case .input(let input) in items {
                if let identity = input.identity, inputIdentities[identity] == nil { inputIdentities[identity] = input.displayName }
            }
            var claimed: [String: String] = [:]  // output path -> the input it comes from
            if let indexPath { claimed[indexPath] = "the batch index" }
            // Every output's own name, so that the one renamed for the index takes none of them.
            var ownTargets: Set<String> = []
            if indexPath != nil, case .folder(let folder) = destination {
                for case .input(let input) in items {
                    let exporter = self.exporter(for: self.input.importer(for: input.path, in: registry), destination: destination, registry: registry)
                    ownTargets.insert(Self.target(of: input, in: folder, ext: exporter.fileExtension))
                }
            }
            var claimedFolders: Set<String> = []  // folders the outputs go in, below the output folder
            var jobs: [CleanJob] = []
            jobs.reserveCapacity(items.count)
            for item in items {
                let input: BatchInput
                switch item {
                case .problem(let error):
                    let placeholder = BatchInput(path: error.path, displayName: error.path, relativePath: nil, size: 0, identity: nil)
                    jobs.append(CleanJob(input: placeholder, importer: .plainText, exporter: .text, target: nil,
                                         refusal: BatchProblem(error)))
                    continue
                case .input(let found):
                    input = found
                }
                let importer = self.input.importer(for: input.path, in: registry)
                let exporter = self.exporter(for: importer, destination: destination, registry: registry)
                var job = CleanJob(input: input, importer: importer, exporter: exporter, target: nil)
                switch destination {
                case .standardOutput:
                    break
                case .file(let file):
                    job.target = file
                case .folder(let folder):
                    var target = Self.target(of: input, in: folder, ext: exporter.fileExtension)
                    if let indexPath, Self.samePath(target, indexPath) {
                        // A crawl's own index.html: its page takes the first free index.report[-N].html.
                        var n = 1
                        repeat {
                            let ext = (n == 1 ? "report." : "report-\(n).") + exporter.fileExtension
                            target = Self.target(of: input, in: folder, ext: ext)
                            n += 1
                        } while ownTargets.contains(target) || claimed[target] != nil
                    }
                    job.target = target
                }
                if let target = job.target {
                    let folders = Self.folders(of: target, below: destination)
                    if let earlier = claimed[target] {
                        job.refusal = BatchProblem(path: input.displayName, problem: "its output \(target) would overwrite the output of \(earlier); write it to another folder with -o")
                    } else if claimedFolders.contains(target) {
                        job.refusal = BatchProblem(path: input.displayName, problem: "its output \(target) would be a folder that other outputs go in; write it to another folder with -o")
                    } else if let folder = folders.first(where: { claimed[$0] != nil }), let other = claimed[folder] {
                        job.refusal = BatchProblem(path: input.displayName, problem: "its output \(target) would go in \(folder), the output of \(other); write it to another folder with -o")
                    } else if let identity = FileIdentity(path: target), let other = inputIdentities[identity] {
                        job.refusal = BatchProblem(path: input.displayName, problem: input.identity == identity
                            ? "its output \(target) would overwrite the input"
                            : "its output \(target) would overwrite the input \(other)")
                    } else {
                        claimed[target] = input.displayName
                        claimedFolders.formUnion(folders)
                        job.skip = batch.skipExisting && FileIO.isRegularFile(target)
                    }
                }
                jobs.append(job)
            }
            return CleanPlan(jobs: jobs, inputs: inputIdentities, targets: Set(claimed.keys))
        }

        /// Where a batch's index goes and who writes it: when the results go to a folder and
        /// --format names an exporter that has one (`html` writes `index.html`).
        struct IndexPlan {
            var exporter: Exporter
            var index: BatchIndex
            var folder: String
            var path: String
        }

        func batchIndex(destination: Destination, registry: PluginRegistry) -> IndexPlan? {
            guard case .folder(let folder) = destination, let format, let exporter = registry.exporter(named: format),
                  let index = exporter.batchIndex else { return nil }
            return IndexPlan(exporter: exporter, index: index, folder: folder, path: "\(folder)/\(index.fileName)")
        }

        /// The index's entry for a job: its figures when it was cleaned, read back from its
        /// output when it was skipped.
        static func indexEntry(_ job: CleanJob, _ outcome: CleanJobOutcome, index: IndexPlan) -> BatchIndexEntry {
            let output = job.target.flatMap { target in
                target.hasPrefix(index.folder + "/") ? String(target.dropFirst(index.folder.count + 1)) : nil
            }
            let totals = outcome.totals
            if let problem = totals.problems.first, totals.failedFiles > 0 {
                return BatchIndexEntry(source: job.input.displayName, output: output, status: .failed(problem.problem), figures: nil)
            }
            if totals.skipped > 0 {
                let figures = job.target.flatMap { try? FileIO.readPrefix($0, count: 16_384) }.flatMap(index.index.readFigures)
                return BatchIndexEntry(source: job.input.displayName, output: output, status: .skipped, figures: figures)
            }
            let figures = BatchIndexEntry.Figures(inputBytes: totals.bytesIn, textBytes: totals.textBytes,
                                                  removedBytesByReason: totals.removedBytesByReason)
            return BatchIndexEntry(source: job.input.displayName, output: output, status: .cleaned, figures: figures)
        }

        /// Why the index cannot be written where it goes, if it cannot: a folder is there, or
        /// an input.
        static func indexProblem(_ index: IndexPlan, inputs: [FileIdentity: String]) -> BatchProblem? {
            if FileIO.isDirectory(index.path) {
                return BatchProblem(path: index.path, problem: "is a folder, so the batch index cannot be written there; the documents are cleaned all the same")
            }
            if let identity = FileIdentity(path: index.path), let input = inputs[identity] {
                return BatchProblem(path: index.path, problem: "the batch index would overwrite the input \(input), so it is not written; the documents are cleaned all the same")
            }
            return nil
        }

        /// Whether `path` names, by another spelling (`./out/a.txt`, a link to the folder),
        /// an output of the run or its index.
        static func isOutput(_ path: String, plan: CleanPlan, destination: Destination, index: IndexPlan?) -> Bool {
            guard case .folder(let folder) = destination, let root = resolvedFolder(folder),
                  let within = resolvedFolder(CleanJob.folder(of: path)) else { return false }
            let resolved = (within == "/" ? "" : within) + "/" + Self.name(of: path)
            let prefix = root == "/" ? "/" : root + "/"
            guard resolved.hasPrefix(prefix) else { return false }
            let relative = String(resolved.dropFirst(prefix.count))
            return plan.targets.contains("\(folder)/\(relative)") || relative == index?.index.fileName
        }

        /// `folder` resolved (links, `.`, `..`) to an absolute path; nil when it does not exist.
        static func resolvedFolder(_ folder: String) -> String? {
            guard let real = realpath(folder, nil) else { return nil }
            defer { free(real) }
            return String(cString: real)
        }

        /// Writes the index atomically; the problem when it cannot be.
        static func writeIndex(_ index: IndexPlan, entries: [BatchIndexEntry]) -> BatchProblem? {
            do {
                let page = try index.index.render(entries)
                try FileIO.writeAtomically(page, to: index.path)
                return nil
            } catch let error as FileIOError {
                return BatchProblem(error)
            } catch {
                return BatchProblem(path: index.path, problem: "cannot write the batch index: \(error)")
            }
        }

        /// Where `input`'s output goes in the output `folder`: its path below the folder it
        /// was found in (or its name), with the extension `ext`.
        static func target(of input: BatchInput, in folder: String, ext: String) -> String {
            let relative = input.relativePath ?? (input.path == "-" ? "stdin" : Self.name(of: input.path))
            return "\(folder)/\(Self.replacingExtension(of: relative, with: ext))"
        }

        /// Whether two paths built the same way name the same file: equal, or on macOS (whose
        /// file systems ignore case) equal but for case.
        static func samePath(_ a: String, _ b: String) -> Bool {
            #if canImport(Darwin)
            a.lowercased() == b.lowercased()
            #else
            a == b
            #endif
        }

        /// The folders between the output folder and `target` (`out/a`, `out/a/b` for
        /// `out/a/b/c.txt`); none for a single output file.
        static func folders(of target: String, below destination: Destination) -> [String] {
            guard case .folder(let root) = destination, target.hasPrefix(root + "/") else { return [] }
            var folders: [String] = []
            var path = root
            let parts = target.dropFirst(root.count + 1).split(separator: "/", omittingEmptySubsequences: false).dropLast()
            for part in parts {
                path += "/" + part
                folders.append(path)
            }
            return folders
        }

        /// The jobs of a run, with what the run's other outputs (`--report`) must not touch.
        struct CleanPlan {
            var jobs: [CleanJob]
            /// Every input file, with the name it was found under.
            var inputs: [FileIdentity: String]
            /// Every output file.
            var targets: Set<String>
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

        /// The exporter for results of `importer`: --format, else the output file's extension,
        /// else the importer's usual output.
        func exporter(for importer: Importer, destination: Destination, registry: PluginRegistry) -> Exporter {
            if let format, let named = registry.exporter(named: format) { return named }
            if case .file(let file) = destination, let byExtension = registry.exporter(forPath: file) { return byExtension }
            if let usual = registry.exporter(named: importer.defaultExporter) { return usual }
            return registry.exporter(named: "text") ?? .text
        }

        /// The last component of a path.
        static func name(of path: String) -> String {
            path.split(separator: "/").last.map(String.init) ?? path
        }

        /// `path` with its last extension replaced (`news/a.html` → `news/a.txt`); a name
        /// without one (or a hidden name such as `.profile`) gets `extension` added.
        static func replacingExtension(of path: String, with ext: String) -> String {
            let slash = path.lastIndex(of: "/")
            let nameStart = slash.map { path.index(after: $0) } ?? path.startIndex
            guard let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart else { return "\(path).\(ext)" }
            return "\(path[..<dot]).\(ext)"
        }
    }
}
