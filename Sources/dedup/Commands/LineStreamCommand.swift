import DedupCore
import DedupPlugins

/// Cleans a line-framed input (JSON Lines) as a stream: records are read, cleaned and written
/// one at a time, so memory is bounded by the longest record, not the stream.
enum LineStreamCommand {
    /// Streams `path` (standard input for `-`) to `target` (atomically) or standard output.
    /// Malformed records are reported on stderr with their line number and passed through;
    /// returns how many there were.
    static func run(path: String, displayName: String, target: String?, importer: Importer, exporter: Exporter,
                    options: ImportOptions, deduplicator: Deduplicator) throws(FileIOError) -> Int {
        guard exporter.name == Exporter.jsonLines.name else {
            throw FileIOError(path: displayName, problem: "\(importer.name) input is written as jsonl (one record per line), not \(exporter.name)")
        }
        let fd = try FileIO.openForReading(path)
        defer { FileIO.close(fd) }
        let runner = LineStreamRunner(importer: importer, exporter: exporter, options: options, deduplicator: deduplicator)
        let report: (String) -> Void = { FileHandleOutput.standardError("dedup: error: \($0)\n") }
        if let target {
            let writer = try AtomicFileWriter(path: target)
            let summary = try runner.run(readingFrom: fd, named: displayName,
                                         write: { bytes throws(FileIOError) in try writer.write(bytes) },
                                         report: report)
            try writer.commit()
            return summary.malformed
        }
        let summary = try runner.run(readingFrom: fd, named: displayName,
                                     write: { bytes throws(FileIOError) in try FileIO.writeStandardOutput(bytes) },
                                     report: report)
        return summary.malformed
    }
}
