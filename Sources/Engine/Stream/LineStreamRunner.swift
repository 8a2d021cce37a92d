import DedupCore
import DedupPlugins

/// Cleans a line-framed stream (JSON Lines) record by record, as the lines arrive.
///
/// One output per input line, in order: a record is read by the importer, cleaned and
/// rendered by the exporter; a blank line (JSON whitespace only) is written through as it is;
/// a line the importer rejects is reported and written through as it is. Every output line
/// ends with `\n`, the last one too. Memory is bounded by the longest line, not the stream.
public struct LineStreamRunner: Sendable {
    /// Reads each line (``Importer/framing`` is ``Importer/Framing/lines``).
    public var importer: Importer
    /// Renders each cleaned record (``Exporter/jsonLines`` keeps one line per record).
    public var exporter: Exporter
    /// The field names and other settings records are read with.
    public var options: ImportOptions
    /// Cleans each record's text.
    public var deduplicator: Deduplicator
    /// How many bytes each read asks for.
    public var chunkSize: Int
    /// The longest record read; a longer one is reported and written through unchanged, a
    /// chunk at a time, so that memory stays bounded whatever the input.
    public var maxRecordBytes = Int.max
    /// Threads that clean records. With more than one, records are cleaned in batches of
    /// about 128 KB on that many threads and written in their order: the output is the
    /// same, and memory is bounded by a few batches per thread (plus the longest record).
    public var threads = 1
    /// The cross-document decisions to apply, in the second pass of `--across-documents`,
    /// and this input's number in the run.
    var decisions: CrossDocumentDecisions?
    var inputNumber: Int32 = 0
    /// Whether records dropped as repeats are left out of the output.
    var omitDropped = false

    /// A runner; see the properties for what each argument means.
    public init(
        importer: Importer, exporter: Exporter, options: ImportOptions, deduplicator: Deduplicator,
        chunkSize: Int = 1 << 16
    ) {
        self.importer = importer
        self.exporter = exporter
        self.options = options
        self.deduplicator = deduplicator
        self.chunkSize = chunkSize
    }

    /// Reads lines from `fd` until it ends, cleans each and hands the output to `write`.
    ///
    /// Record `N` (1-based line number) is named `NAME:N`, and a line that cannot be read is
    /// reported through `report` with that name and the problem. Output is handed to `write` in pieces of
    /// whole lines: at the latest when 64 KiB have gathered or before waiting for more input,
    /// so that a slow stream is answered line by line.
    ///
    /// ```swift
    /// let writer = try AtomicFileWriter(path: "out.jsonl")
    /// let summary = try runner.run(readingFrom: fd, named: "in.jsonl",
    ///                              write: { bytes throws(FileIOError) in try writer.write(bytes) },
    ///                              report: { record, problem in problems.append("\(record): \(problem)") })
    /// try writer.commit()
    /// ```
    /// - Throws: ``FileIOError`` when reading `fd` fails, or what `write` throws; the output
    ///   written so far is then a prefix of the full output.
    public func run(
        readingFrom fd: Int32, named name: String,
        write: ([UInt8]) throws(FileIOError) -> Void,
        report: (_ record: String, _ problem: String) -> Void
    ) throws(FileIOError) -> LineStreamSummary {
        // The last byte written is held back: a stream whose last line has no line break
        // gives output whose last line has none either.
        // Empty bytes flush it: the runner writes them before it waits for input, when every
        // line written had its break (a last line without one is only read at the end).
        var held: UInt8?
        func writeHoldingLast(_ bytes: [UInt8]) throws(FileIOError) {
            guard let last = bytes.last else {
                if let h = held { try write([h]) }
                held = nil
                return
            }
            if let h = held { try write([h]) }
            if bytes.count > 1 { try write(Array(bytes.dropLast())) }
            held = last
        }
        var summary = try runWithoutHolding(readingFrom: fd, named: name, write: writeHoldingLast, report: report)
        if let h = held, !(h == JSONByte.lineFeed && summary.lastLineUnterminated && !omitDropped) {
            try write([h])
        } else if held != nil {
            summary.bytesOut -= 1
        }
        return summary
    }

    private func runWithoutHolding(
        readingFrom fd: Int32, named name: String,
        write: ([UInt8]) throws(FileIOError) -> Void,
        report: (_ record: String, _ problem: String) -> Void
    ) throws(FileIOError) -> LineStreamSummary {
        if threads > 1 {
            return try runInParallel(readingFrom: fd, named: name, write: write, report: report)
        }
        let flushSize = 1 << 16
        var reader = LineReader(fd: fd, name: name, chunkSize: chunkSize)
        var summary = LineStreamSummary()
        var out: [UInt8] = []
        out.reserveCapacity(flushSize)
        var lineNumber = 0
        while let item = try reader.next(maxLength: maxRecordBytes) {
            lineNumber += 1
            switch item {
            case .tooLong(let head):
                if !out.isEmpty {
                    try write(out)
                    summary.bytesOut += out.count
                    out.removeAll(keepingCapacity: true)
                }
                try passThrough(
                    head, record: "\(name):\(lineNumber)", from: &reader, summary: &summary,
                    write: write, report: report)
            case .line(let line):
                cleanLine(line, lineNumber: lineNumber, name: name, into: &out, summary: &summary, report: report)
            }
            if out.count >= flushSize || reader.wouldWait {
                try write(out)
                summary.bytesOut += out.count
                out.removeAll(keepingCapacity: true)
                if reader.wouldWait { try write([]) }
            }
        }
        if !out.isEmpty {
            try write(out)
            summary.bytesOut += out.count
        }
        summary.bytesIn = reader.bytesRead
        summary.lastLineUnterminated = reader.lastLineWasUnterminated
        return summary
    }

    /// What one batch of lines came to.
    private struct Batch: Sendable {
        var output: [UInt8] = []
        var summary = LineStreamSummary()
        var problems: [(record: String, problem: String)] = []
    }

    /// ``run(readingFrom:named:write:report:)`` with ``threads`` threads: this thread reads
    /// lines and writes results in order; the pool cleans batches of lines.
    private func runInParallel(
        readingFrom fd: Int32, named name: String,
        write: ([UInt8]) throws(FileIOError) -> Void,
        report: (_ record: String, _ problem: String) -> Void
    ) throws(FileIOError) -> LineStreamSummary {
        // 128 KB: a stream of a few megabytes is then dozens of batches, not a handful whose
        // last holds one thread up while the other waits (the 292 eval records, 4.5 MB, with
        // 2 threads: 28-30 ms, against 32-34 with 1 MB batches); on a 227 MB crawl the same.
        let batchBytes = 1 << 17, batchLines = 4096
        let pool = OrderedThreadPool<Batch>(threads: threads)
        defer { pool.shutdown() }
        var reader = LineReader(fd: fd, name: name, chunkSize: chunkSize)
        var summary = LineStreamSummary()
        var lines: [(line: [UInt8], number: Int)] = []
        var gathered = 0
        var lineNumber = 0

        func submitGathered() {
            guard !lines.isEmpty else { return }
            let batch = lines
            lines = []
            gathered = 0
            pool.submit { [self] in
                var result = Batch()
                for (line, number) in batch {
                    cleanLine(
                        line, lineNumber: number, name: name, into: &result.output, summary: &result.summary,
                        report: { result.problems.append(($0, $1)) })
                }
                return result
            }
        }
        func emit(_ batch: Batch) throws(FileIOError) {
            for (record, problem) in batch.problems { report(record, problem) }
            summary.add(batch.summary)
            if !batch.output.isEmpty {
                try write(batch.output)
                summary.bytesOut += batch.output.count
            }
        }
        func drain(downTo limit: Int) throws(FileIOError) {
            while pool.pending > limit, let batch = pool.next() { try emit(batch) }
        }

        while let item = try reader.next(maxLength: maxRecordBytes) {
            lineNumber += 1
            switch item {
            case .line(let line):
                lines.append((line, lineNumber))
                gathered += line.count
                if gathered >= batchBytes || lines.count >= batchLines {
                    submitGathered()
                    try drain(downTo: 2 * threads)
                }
            case .tooLong(let head):
                // Everything before it goes out first.
                submitGathered()
                try drain(downTo: 0)
                try passThrough(
                    head, record: "\(name):\(lineNumber)", from: &reader, summary: &summary,
                    write: write, report: report)
            }
            if reader.wouldWait {
                // Input is late. A pipe from a fast writer (zcat) catches up within moments:
                // keep the threads busy. A slow one (a person, a crawler): answer what has
                // come so far before waiting.
                submitGathered()
                let arriving = reader.inputArrives(withinMilliseconds: 20)
                try drain(downTo: arriving ? 2 * threads : 0)
                if !arriving { try write([]) }
            }
        }
        submitGathered()
        try drain(downTo: 0)
        summary.bytesIn = reader.bytesRead
        summary.lastLineUnterminated = reader.lastLineWasUnterminated
        return summary
    }

    /// A record too long to hold (``maxRecordBytes``): reported, and copied through as it
    /// streams past — its first bytes, the rest as it is read, a line break.
    private func passThrough(
        _ head: [UInt8], record: String, from reader: inout LineReader,
        summary: inout LineStreamSummary,
        write: ([UInt8]) throws(FileIOError) -> Void,
        report: (_ record: String, _ problem: String) -> Void
    ) throws(FileIOError) {
        summary.lines += 1
        summary.records += 1
        summary.malformed += 1
        report(record, "record longer than \(maxRecordBytes) bytes (--max-bytes); written through unchanged")
        try write(head)
        summary.bytesOut += head.count
        try reader.copyRestOfLine { bytes throws(FileIOError) in
            try write(bytes)
            summary.bytesOut += bytes.count
        }
        try write([JSONByte.lineFeed])
        summary.bytesOut += 1
    }

    /// Cleans one line that holds a record (or writes a blank line through) and appends the
    /// output line to `out`.
    private func cleanLine(
        _ line: [UInt8], lineNumber: Int, name: String, into out: inout [UInt8],
        summary: inout LineStreamSummary, report: (_ record: String, _ problem: String) -> Void
    ) {
        summary.lines += 1
        if JSONByte.isBlank(line) {
            out.append(contentsOf: line)
            out.append(JSONByte.lineFeed)
            return
        }
        summary.records += 1
        let recordName = "\(name):\(lineNumber)"
        do {
            var imported = try importer.read(line, recordName, options)
            imported.record?.lineNumber = lineNumber
            let key = DocumentKey(input: inputNumber, line: Int32(truncatingIfNeeded: lineNumber))
            let cleaned = try DocumentCleaner(deduplicator: deduplicator, options: options, decisions: decisions)
                .clean(imported, key: key)
            if omitDropped, decisions?.isDropped(key) == true {
                summary.cleaned += 1
                summary.changed += 1
                summary.removedBytesByReason[.duplicateDocument, default: 0] += cleaned.result.document.bytes.count
                return
            }
            let rendered = try exporter.render(cleaned)
            out.append(contentsOf: rendered)
            if rendered.last != JSONByte.lineFeed { out.append(JSONByte.lineFeed) }
            summary.cleaned += 1
            let removed = cleaned.result.removedBytesByReason
            summary.removedBytesByReason.merge(removed, uniquingKeysWith: +)
            if !removed.isEmpty { summary.changed += 1 }
        } catch {
            summary.malformed += 1
            report(recordName, "\(error)")
            out.append(contentsOf: line)
            out.append(JSONByte.lineFeed)
        }
    }
}

/// What a ``LineStreamRunner`` run did.
public struct LineStreamSummary: Sendable, Equatable {
    /// Lines read, blank ones included.
    public var lines = 0
    /// Lines that were not blank: records, well formed or not.
    public var records = 0
    /// Records read and cleaned.
    public var cleaned = 0
    /// Cleaned records from which something was removed.
    public var changed = 0
    /// Records that could not be read, reported and written through unchanged.
    public var malformed = 0
    /// Bytes read.
    public var bytesIn = 0
    /// Bytes written.
    public var bytesOut = 0
    /// Whether the stream's last line had no line break (its output line has none either).
    public var lastLineUnterminated = false
    /// Bytes removed from the texts of all records together, by reason.
    public var removedBytesByReason: [RemovalReason: Int] = [:]
    /// Bytes removed from the texts of all records together.
    public var removedBytes: Int { removedBytesByReason.values.reduce(0, +) }

    /// Adds the counts of `other` (a later part of the same stream) to these.
    public mutating func add(_ other: LineStreamSummary) {
        lines += other.lines
        records += other.records
        cleaned += other.cleaned
        changed += other.changed
        malformed += other.malformed
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        removedBytesByReason.merge(other.removedBytesByReason, uniquingKeysWith: +)
    }

    /// A summary of nothing.
    public init() {}
}
