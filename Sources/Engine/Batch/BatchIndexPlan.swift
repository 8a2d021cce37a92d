import DedupPlugins
internal import DedupSystem

/// Where a batch's index goes and who writes it: when results go to a folder and the format
/// has one (`html` writes `index.html` listing every document).
struct BatchIndexPlan: Sendable {
    var index: BatchIndex
    var folder: String
    var path: String

    /// The index for `request`, when it has one: results to a folder, in a format named
    /// outright that writes an index.
    init?(_ request: CleanRequest, registry: PluginRegistry) {
        guard case .folder(let folder) = request.destination, let format = request.format,
            let index = registry.exporter(named: format)?.batchIndex
        else { return nil }
        self.index = index
        self.folder = folder
        self.path = "\(folder)/\(index.fileName)"
    }

    /// Why the index cannot be written where it goes, if it cannot: a folder is there, or
    /// an input.
    func problem(inputs: [FileIdentity: String]) -> BatchProblem? {
        if FileIO.isDirectory(path) {
            return BatchProblem(
                path: path, problem: "is a folder, so the batch index cannot be written there; the documents are cleaned all the same")
        }
        if let identity = FileIdentity(path: path), let input = inputs[identity] {
            return BatchProblem(
                path: path,
                problem: "the batch index would overwrite the input \(input), so it is not written; the documents are cleaned all the same")
        }
        return nil
    }

    /// The index's entry for a job: its figures when it was cleaned, read back from its
    /// output when it was skipped.
    func entry(_ job: CleanJob, _ totals: BatchTotals, repeats: (source: String, target: String?)? = nil) -> BatchIndexEntry {
        let output = job.target.flatMap { FilePath.relative($0, to: folder) }
        if let problem = totals.problems.first, totals.failedFiles > 0 {
            return BatchIndexEntry(source: job.input.displayName, output: output, status: .failed(problem.problem), figures: nil)
        }
        if totals.skipped > 0 {
            let figures = job.target.flatMap { try? FileIO.readPrefix($0, count: 16_384) }.flatMap(index.readFigures)
            return BatchIndexEntry(source: job.input.displayName, output: output, status: .skipped, figures: figures)
        }
        let figures = BatchIndexEntry.Figures(
            inputBytes: totals.bytesIn, textBytes: totals.textBytes,
            removedBytesByReason: totals.removedBytesByReason)
        let repeated = repeats.map { (source: $0.source, output: $0.target.flatMap { FilePath.relative($0, to: folder) }) }
        return BatchIndexEntry(source: job.input.displayName, output: output, status: .cleaned, figures: figures, repeats: repeated)
    }

    /// Writes the index atomically; the problem when it cannot be.
    func write(_ entries: [BatchIndexEntry]) -> BatchProblem? {
        do {
            let page = try index.render(entries)
            try FileIO.writeAtomically(page, to: path)
            return nil
        } catch let error as FileIOError {
            return BatchProblem(error)
        } catch {
            return BatchProblem(path: path, problem: "cannot write the batch index: \(error)")
        }
    }
}
