import DedupCore
import DedupPlugins
internal import DedupSystem

/// One input of a `clean` run with the plugins that read and write it and where its result
/// goes, as planned before anything runs.
struct CleanJob: Sendable {
    /// Its place in the plan (the input's number).
    var number: Int = 0
    var input: BatchInput
    var importer: Importer
    var exporter: Exporter
    /// The output file; nil for standard output.
    var target: String?
    /// Why the input is not cleaned, when planning refused it.
    var refusal: BatchProblem?
    /// Whether its output exists and `--skip-existing` was given.
    var skip = false

    /// Whether the job streams records to standard output, and so must run in turn on the
    /// thread that writes standard output.
    var streamsToStandardOutput: Bool { importer.framing == .lines && target == nil && refusal == nil && !skip }
}

/// What a job did: its totals, for standard output the bytes to write, and how long it took
/// (handed back rather than reported by the worker, so that reports come out in input order).
struct CleanJobOutcome: Sendable {
    var totals = BatchTotals()
    var output: [UInt8]?
    /// Milliseconds the cleaning took; nil when the job did not run.
    var milliseconds: Int?
    /// Whether writing to standard output failed, so that nothing more can be written.
    var standardOutputFailed = false
    /// The output file, written but not yet committed: the thread that reports results in
    /// order commits it, together with others ready at the same time.
    var pendingOutput: AtomicFileWriter?

    /// The outcome of a job whose output could not be written: it counts as failed, nothing else.
    static func failed(_ problem: FileIOError) -> CleanJobOutcome {
        var outcome = CleanJobOutcome()
        outcome.totals.failedFiles = 1
        outcome.totals.problems = [BatchProblem(problem)]
        return outcome
    }
}

/// What every job of a run shares: how inputs are read and cleaned.
struct CleanSettings: Sendable {
    var options: ImportOptions
    var deduplicator: Deduplicator
    var maxBytes: Int
    /// Threads that clean the records of a line-framed input.
    var recordThreads: Int
    /// The cross-document decisions to apply, in the second pass of `--across-documents`.
    var decisions: CrossDocumentDecisions?
    /// Whether documents dropped as repeats get no output (`--omit-dropped`).
    var omitDropped = false

    /// How documents are cleaned.
    var cleaner: DocumentCleaner { DocumentCleaner(deduplicator: deduplicator, options: options, decisions: decisions) }
}

extension CleanJob {
    /// Cleans one document-framed input; the output is written atomically to the target, or
    /// returned for standard output.
    func run(_ settings: CleanSettings) -> CleanJobOutcome {
        var outcome = CleanJobOutcome()
        if let refusal {
            outcome.totals.failedFiles = 1
            outcome.totals.problems = [refusal]
            return outcome
        }
        if skip {
            outcome.totals.skipped = 1
            return outcome
        }
        let start = MonotonicClock.seconds()
        do throws(FileIOError) {
            switch importer.framing {
            case .document:
                try cleanDocument(settings, into: &outcome)
            case .lines:
                try streamLines(settings, into: &outcome)
            }
        } catch {
            outcome.output = nil
            outcome.totals.failedFiles = 1
            outcome.totals.problems.append(BatchProblem(error))
            return outcome
        }
        outcome.totals.files = 1
        outcome.milliseconds = Int(((MonotonicClock.seconds() - start) * 1000).rounded())
        return outcome
    }

    private func cleanDocument(_ settings: CleanSettings, into outcome: inout CleanJobOutcome) throws(FileIOError) {
        let bytes = try FileIO.read(input.path, maxBytes: settings.maxBytes)
        let imported: ImportedDocument
        do {
            imported = try importer.read(bytes, input.displayName, settings.options)
        } catch {
            throw FileIOError(path: input.displayName, problem: "\(error)")
        }
        let key = DocumentKey(input: Int32(number), line: 0)
        let cleaned: CleanedDocument
        do { cleaned = try settings.cleaner.clean(imported, key: key) } catch {
            throw FileIOError(path: input.displayName, problem: error.description)
        }
        if settings.omitDropped, settings.decisions?.isDropped(key) == true {
            outcome.totals.bytesIn = bytes.count
            outcome.totals.addDocument(cleaned)
            return
        }
        let rendered: [UInt8]
        do { rendered = try exporter.render(cleaned) } catch {
            throw FileIOError(path: input.displayName, problem: "cannot write \(exporter.name): \(error)")
        }
        if let target {
            do {
                try FileIO.makeDirectory(FilePath.folder(of: target))
                let writer = try AtomicFileWriter(path: target)
                try writer.write(rendered)
                writer.prepare()
                outcome.pendingOutput = writer
            } catch {
                throw writeError(error)
            }
        } else {
            outcome.output = rendered
        }
        outcome.totals.bytesIn = bytes.count
        outcome.totals.bytesOut = rendered.count
        outcome.totals.addDocument(cleaned)
    }

    /// Streams a line-framed input record by record to the target (atomically), or to
    /// standard output.
    private func streamLines(_ settings: CleanSettings, into outcome: inout CleanJobOutcome) throws(FileIOError) {
        guard exporter.name == Exporter.jsonLines.name else {
            throw FileIOError(
                path: input.displayName, problem: "\(importer.name) input is written as jsonl (one record per line), not \(exporter.name)")
        }
        let fd = try FileIO.openForReading(input.path)
        defer { FileIO.close(fd) }
        var runner = LineStreamRunner(
            importer: importer, exporter: exporter, options: settings.options,
            deduplicator: settings.deduplicator)
        runner.maxRecordBytes = settings.maxBytes
        runner.threads = settings.recordThreads
        runner.decisions = settings.decisions
        runner.inputNumber = Int32(number)
        runner.omitDropped = settings.omitDropped
        var problems: [BatchProblem] = []
        defer { outcome.totals.problems += problems }
        let name = input.displayName
        let report: (String, String) -> Void = { record, problem in problems.append(BatchProblem(path: record, problem: problem)) }
        let summary: LineStreamSummary
        if let target {
            let writer: AtomicFileWriter
            do {
                try FileIO.makeDirectory(FilePath.folder(of: target))
                writer = try AtomicFileWriter(path: target)
            } catch {
                throw writeError(error)
            }
            summary = try runner.run(
                readingFrom: fd, named: name,
                write: { bytes throws(FileIOError) in
                    do throws(FileIOError) { try writer.write(bytes) } catch { throw writeError(error) }
                },
                report: report)
            do { try writer.commit() } catch { throw writeError(error) }
        } else {
            var failed = false
            defer { outcome.standardOutputFailed = failed }
            summary = try runner.run(
                readingFrom: fd, named: name,
                write: { bytes throws(FileIOError) in
                    do throws(FileIOError) { try FileIO.writeStandardOutput(bytes) } catch {
                        failed = true
                        throw writeError(error)
                    }
                },
                report: report)
        }
        outcome.totals.bytesIn = summary.bytesIn
        outcome.totals.bytesOut = summary.bytesOut
        outcome.totals.documents = summary.cleaned
        outcome.totals.changedDocuments = summary.changed
        outcome.totals.malformedRecords = summary.malformed
        outcome.totals.removedBytesByReason = summary.removedBytesByReason
    }

    /// A failure to write the output, named after the input it is for.
    func writeError(_ error: FileIOError) -> FileIOError {
        let target = self.target ?? FileIO.standardOutputName
        let problem = error.path == target ? error.problem : "\(error.path): \(error.problem)"
        let place = self.target == nil ? "to \(target)" : target
        return FileIOError(path: input.displayName, problem: "cannot write its output \(place): \(problem)")
    }
}
