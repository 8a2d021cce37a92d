import DedupCore
import DedupPlugins
internal import DedupSystem

/// Runs clean requests: walks the inputs, plans the outputs, cleans every input on a pool of
/// threads and writes the results, each output whole or not at all. Nothing is printed and
/// nothing ends the process: figures and problems come back as values, and as
/// ``CleanEvents`` while the run goes on.
///
/// ```swift
/// let runner = CleanRunner(registry: .builtIn)
/// var request = CleanRequest(inputs: ["crawl/"], destination: .folder("clean/"))
/// request.format = "json"
/// var events = CleanEvents()
/// events.problem = { print("skipped \($0.path): \($0.problem)") }
/// let summary = try runner.run(request, events: events)
/// print(summary.totals.documents, "documents,", summary.totals.removedBytes, "bytes removed")
/// ```
///
/// Outputs and problems are the same whatever ``CleanRequest/jobs`` is. One bad input never
/// stops the run: it becomes a ``BatchProblem``. Inputs are never written to.
public struct CleanRunner: Sendable {
    /// The plugins inputs and outputs are read and written with.
    public var registry: PluginRegistry

    /// A runner with the plugins of `registry`.
    public init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// Checks `request`, walks its inputs and works out every output, writing nothing but
    /// the output folder.
    /// - Throws: ``CleanRequestError`` for a request that cannot run (a usage problem);
    ///   ``FileIOError`` when the output folder cannot be made.
    public func plan(_ request: CleanRequest, events: CleanEvents = CleanEvents()) throws -> CleanPlan {
        let started = MonotonicClock.seconds()
        try request.validate(against: registry)
        // An earlier state, read now so that a bad one stops the run before anything is written.
        var state: CrossDocumentIndex?
        if let path = request.state, FileIO.isRegularFile(path) {
            let bytes = try FileIO.read(path)
            do { state = try CrossDocumentIndex(decoding: bytes, options: request.crossDocumentOptions) } catch {
                throw CleanRequestError.badState(path, problem: error.description)
            }
        } else if let path = request.state, FileIdentity(path: path) != nil {
            throw CleanRequestError.badState(path, problem: "is not a regular file")
        }
        FileIO.readUmaskBeforeStartingThreads()
        var outputFolder: FileIdentity?
        if case .folder(let folder) = request.destination {
            try FileIO.makeDirectory(folder)
            outputFolder = FileIdentity(path: folder)
            if let same = request.inputs.first(where: { FileIO.isDirectory($0) && FileIdentity(path: $0) == outputFolder }) {
                throw CleanRequestError.outputFolderIsInput(folder, input: same)
            }
        }
        let index = BatchIndexPlan(request, registry: registry)
        let walker = InputWalker(
            include: request.include.map(Glob.init), exclude: request.exclude.map(Glob.init),
            skipFolder: outputFolder, note: events.leftOut, warn: events.warning)
        let items = walker.walk(request.inputs)
        let planned = OutputPlanner(request: request, registry: registry).plan(items, indexPath: index?.path)
        if let state = request.state {
            if let identity = FileIdentity(path: state), let input = planned.inputs[identity] {
                throw CleanRequestError.badState(state, problem: "would overwrite the input \(input)")
            }
            if planned.targets.contains(state) || state == request.report
                || OutputPlanner.isOutput(
                    state, targets: planned.targets, destination: request.destination, indexFileName: index?.index.fileName)
            {
                throw CleanRequestError.badState(state, problem: "would overwrite an output")
            }
        }
        if let report = request.report {
            if let identity = FileIdentity(path: report), let input = planned.inputs[identity] {
                throw CleanRequestError.reportOverwritesInput(report, input: input)
            }
            if planned.targets.contains(report) || report == index?.path
                || OutputPlanner.isOutput(
                    report, targets: planned.targets, destination: request.destination,
                    indexFileName: index?.index.fileName)
            {
                throw CleanRequestError.reportOverwritesOutput(report)
            }
        }
        return CleanPlan(
            request: request, jobs: planned.jobs, inputs: planned.inputs, targets: planned.targets,
            index: index, indexProblem: index.flatMap { $0.problem(inputs: planned.inputs) }, started: started, state: state)
    }

    /// Cleans every input of `plan` and writes the results, the batch index and the report.
    /// Problems are reported through `events` as each input's turn comes, and in the summary.
    public func run(_ plan: CleanPlan, events: CleanEvents = CleanEvents()) -> CleanSummary {
        let request = plan.request
        // The index's place was checked while planning, so that a problem with it shows
        // before the run.
        if let problem = plan.indexProblem { events.problem(problem) }
        // One input: its records (JSON Lines) are cleaned on every thread; several: one
        // input per thread.
        var settings = CleanSettings(
            options: request.importOptions(in: registry), deduplicator: Deduplicator(options: request.dedupOptions),
            maxBytes: request.maxBytes, recordThreads: plan.jobs.count == 1 ? request.jobs : 1)
        var jobs = plan.jobs
        var spooled: String?
        defer { if let spooled { FileIO.remove(spooled) } }
        if request.acrossDocuments {
            // Standard input is read twice: it is kept in a temporary file first.
            if let k = jobs.firstIndex(where: { $0.input.path == "-" && $0.refusal == nil }) {
                do throws(FileIOError) {
                    let path = try FileIO.spoolStandardInput(maxBytes: request.maxBytes)
                    spooled = path
                    jobs[k].input.path = path
                } catch {
                    jobs[k].refusal = BatchProblem(path: jobs[k].input.displayName, problem: error.problem)
                }
            }
            var index = plan.state ?? CrossDocumentIndex(options: request.crossDocumentOptions)
            let signer = CrossDocumentSigner(jobs: jobs, settings: settings, workers: request.jobs, options: index.options)
            let entries = signer.run(into: &index)
            index.finish()
            settings.decisions = CrossDocumentDecisions(index: index, entries: entries)
            settings.omitDropped = request.omitDropped
        }
        var entries: [BatchIndexEntry] = []
        let scheduler = BatchScheduler(jobs: jobs, settings: settings, workers: request.jobs)
        var totals = scheduler.run(events: events) { job, totals in
            guard let index = plan.index else { return }
            let repeated = settings.decisions?.repeated(by: DocumentKey(input: Int32(job.number), line: 0)).map { repeated in
                (source: repeated.name, target: repeated.key.flatMap { plan.jobs[Int($0.input)].target })
            }
            entries.append(index.entry(job, totals, repeats: repeated))
        }
        if let index = plan.index {
            if let problem = plan.indexProblem ?? index.write(entries) {
                if plan.indexProblem == nil { events.problem(problem) }
                totals.problems.append(problem)
                totals.indexFailed = true
            }
        }
        // What this run saw, for the next one: written once every output is, atomically.
        if let path = request.state, let decisions = settings.decisions {
            do throws(FileIOError) { try FileIO.writeAtomically(decisions.index.encoded(), to: path) } catch {
                events.problem(BatchProblem(error))
                totals.problems.append(BatchProblem(error))
                totals.failedFiles += 1
            }
        }
        var summary = CleanSummary(totals: totals, seconds: MonotonicClock.seconds() - plan.started, isBatch: plan.isBatch)
        if let report = request.report {
            do throws(FileIOError) {
                try FileIO.writeAtomically(totals.reportJSON(seconds: summary.seconds, jobs: request.jobs), to: report)
            } catch {
                summary.reportProblem = BatchProblem(error)
            }
        }
        return summary
    }

    /// Plans and runs `request`: ``plan(_:events:)`` then ``run(_:events:)``.
    public func run(_ request: CleanRequest, events: CleanEvents = CleanEvents()) throws -> CleanSummary {
        run(try plan(request, events: events), events: events)
    }
}

/// What a clean run came to.
public struct CleanSummary: Sendable {
    /// Counts, bytes and every problem, of all inputs together.
    public var totals: BatchTotals
    /// How long the run took.
    public var seconds: Double
    /// Whether the run was a batch: several inputs, or a folder walked.
    public var isBatch: Bool
    /// Why the report file could not be written, when it could not.
    public var reportProblem: BatchProblem?

    /// Whether anything failed: an input, a record, the index or the report.
    public var hasErrors: Bool { totals.hasErrors || reportProblem != nil }
}
