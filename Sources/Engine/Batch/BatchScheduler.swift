import DedupPlugins
internal import DedupSystem
import Synchronization

/// Runs a plan's jobs on a pool of threads and reports each one in input order: its output
/// to standard output or committed to its file, then its events.
///
/// At most a window of jobs runs ahead of the first one not yet reported, which bounds what
/// waits in memory (and the files held open until committed). Small files go to the threads
/// in groups (up to ``groupBytes`` of input, ``groupSize`` files), so that a thread is handed
/// work, and the reporting thread woken, once a group rather than once a file. Files ready
/// together are committed together, with one flush to disk for all of them, when no further
/// result is ready (or 64 wait).
struct BatchScheduler {
    var jobs: [CleanJob]
    var settings: CleanSettings
    var workers: Int

    /// Input bytes one hand-over to a thread holds at most, unless one file is larger: a few
    /// milliseconds of work, against some tens of microseconds to wake a thread.
    static let groupBytes = 1 << 18
    /// Files one hand-over holds at most: a quarter of the smallest window (64 files), so
    /// that several groups are in flight.
    static let groupSize = 16

    /// Runs every job; `entry` is called for each one reported, with its final totals.
    func run(events: CleanEvents, entry: (CleanJob, BatchTotals) -> Void) -> BatchTotals {
        let progressCounts = Mutex((files: 0, bytes: 0))
        let countDone: @Sendable (CleanJob) -> Void = { job in
            progressCounts.withLock {
                $0.files += 1
                $0.bytes += job.input.size
            }
        }
        let totalBytes = jobs.reduce(0) { $0 + $1.input.size }
        func reportProgress() {
            let counts = progressCounts.withLock { $0 }
            events.progress(CleanProgress(files: counts.files, bytes: counts.bytes, totalFiles: jobs.count, totalBytes: totalBytes))
        }
        var totals = BatchTotals()
        var delivered = 0
        var standardOutputBroken = false
        // One worker and nothing to commit: the jobs run on this thread, with no hand-over
        // per file (with files to commit, a worker cleans the next file meanwhile).
        let inline = workers == 1 && jobs.allSatisfy { $0.target == nil }
        // Each submission is a group of consecutive jobs; nil stands for a job run here.
        let pool = OrderedThreadPool<[CleanJobOutcome?]>(threads: inline ? 0 : workers)
        defer { pool.shutdown() }
        let window = inline ? 1 : max(64, 16 * workers)
        var submitted = 0
        let settings = self.settings
        func submitMore() {
            // Files, not groups, count against the window: each finished file to be committed
            // holds an open file until it is.
            while submitted < jobs.count && submitted - delivered < window {
                // A stream to standard output runs here, in its turn.
                if jobs[submitted].streamsToStandardOutput {
                    submitted += 1
                    pool.submit { [nil] }
                    continue
                }
                var group: [CleanJob] = []
                var bytes = 0
                while submitted < jobs.count && group.count < (inline ? 1 : Self.groupSize) && submitted - delivered < window {
                    let job = jobs[submitted]
                    if job.streamsToStandardOutput || (!group.isEmpty && bytes + job.input.size > Self.groupBytes) { break }
                    group.append(job)
                    bytes += job.input.size
                    submitted += 1
                }
                let work = group
                pool.submit {
                    work.map { job in
                        defer { countDone(job) }
                        return job.run(settings)
                    }
                }
            }
        }
        // Results taken but not yet reported, whose files are committed together.
        var held: [(job: CleanJob, outcome: CleanJobOutcome)] = []
        var notWritten = 0
        // The folders outputs were written (or found, with --skip-existing) in.
        var outputFolders: Set<String> = []
        func report(_ job: CleanJob, _ result: CleanJobOutcome) {
            var outcome = result
            if let output = outcome.output {
                do throws(FileIOError) { try FileIO.writeStandardOutput(output) } catch {
                    outcome = .failed(job.writeError(error))
                    outcome.standardOutputFailed = true
                }
            }
            events.finished(
                CleanedInput(
                    source: job.input.displayName, output: job.target, totals: outcome.totals,
                    milliseconds: outcome.milliseconds))
            for problem in outcome.totals.problems { events.problem(problem) }
            if let target = job.target, outcome.totals.failedFiles == 0 { outputFolders.insert(FilePath.folder(of: target)) }
            totals.add(outcome.totals)
            entry(job, outcome.totals)
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
            guard let results = pool.next(timeout: held.isEmpty ? 0.1 : 0) else {
                reportHeld()
                reportProgress()
                continue
            }
            for result in results where !standardOutputBroken {
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
            }
            submitMore()
            reportProgress()
        }
        reportHeld()
        // The outputs' names on disk before the run ends, not only their bytes: once it has
        // ended, a power cut cannot take away an output it reported written.
        if !outputFolders.isEmpty {
            do throws(FileIOError) { try AtomicFileWriter.flush(folders: outputFolders.sorted()) } catch {
                let problem = BatchProblem(error)
                events.problem(problem)
                totals.failedFiles += 1
                totals.problems.append(problem)
            }
        }
        let notCleaned = jobs.count - delivered + notWritten
        if standardOutputBroken && notCleaned > 0 {
            let left = BatchProblem(
                path: FileIO.standardOutputName,
                problem: "\(notCleaned) more inputs not cleaned, since their output could not be written")
            events.problem(left)
            totals.failedFiles += notCleaned
            totals.problems.append(left)
        }
        return totals
    }
}
