import DedupCore
import DedupPlugins

/// What a run (or one input of it) did: counts and bytes, added up as inputs finish.
public struct BatchTotals: Sendable, Equatable {
    /// Input files cleaned (a JSON Lines file counts once, however many records it holds).
    public var files = 0
    /// Input files left alone because their output existed (`--skip-existing`).
    public var skipped = 0
    /// Input files that could not be cleaned at all.
    public var failedFiles = 0
    /// Documents cleaned: one per file, one per record of a line-framed file.
    public var documents = 0
    /// Documents from which something was removed.
    public var changedDocuments = 0
    /// Records of line-framed files that could not be read (written through unchanged).
    public var malformedRecords = 0
    /// Bytes read from inputs that were cleaned.
    public var bytesIn = 0
    /// Bytes written.
    public var bytesOut = 0
    /// Bytes of the texts cleaned (extracted from HTML, decoded from other encodings).
    public var textBytes = 0
    /// Bytes removed, by reason.
    public var removedBytesByReason: [RemovalReason: Int] = [:]
    /// Every problem, in input order.
    public var problems: [BatchProblem] = []
    /// Whether the batch's index could not be written.
    public var indexFailed = false

    /// Nothing done yet.
    public init() {}

    /// Bytes removed, whatever the reason.
    public var removedBytes: Int { removedBytesByReason.values.reduce(0, +) }

    /// Whether anything failed: an input, a record, or the index.
    public var hasErrors: Bool { failedFiles > 0 || malformedRecords > 0 || indexFailed }

    /// Adds the figures of `other` (another input of the same run) to these.
    public mutating func add(_ other: BatchTotals) {
        files += other.files
        skipped += other.skipped
        failedFiles += other.failedFiles
        documents += other.documents
        changedDocuments += other.changedDocuments
        malformedRecords += other.malformedRecords
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        textBytes += other.textBytes
        removedBytesByReason.merge(other.removedBytesByReason, uniquingKeysWith: +)
        problems += other.problems
    }

    /// The totals of one cleaned document.
    mutating func addDocument(_ cleaned: CleanedDocument) {
        documents += 1
        textBytes += cleaned.result.document.bytes.count
        let removed = cleaned.result.removedBytesByReason
        if !removed.isEmpty { changedDocuments += 1 }
        removedBytesByReason.merge(removed, uniquingKeysWith: +)
    }

    /// Reasons in a fixed order, for output that is the same on every run.
    private var reasonsInOrder: [(RemovalReason, Int)] {
        RemovalReason.allCases.compactMap { reason in removedBytesByReason[reason].map { (reason, $0) } }
    }

    /// The run in one line, as `dedup clean` prints it at the end.
    public func summary(seconds: Double) -> String {
        var parts = ["\(files) \(files == 1 ? "file" : "files") cleaned"]
        if documents != files { parts.append("\(documents) documents") }
        parts.append("\(changedDocuments) changed")
        if skipped > 0 { parts.append("\(skipped) skipped") }
        let errors = failedFiles + malformedRecords + (indexFailed ? 1 : 0)
        parts.append("\(errors) \(errors == 1 ? "error" : "errors")")
        var line = "dedup: " + parts.joined(separator: ", ")
        let rate = seconds > 0 ? Double(bytesIn) / seconds : 0
        line += " in \(Self.seconds(seconds)) (\(ByteCount.text(Int(rate)))/s)"
        line += "; \(ByteCount.text(bytesIn)) in, \(ByteCount.text(bytesOut)) out"
        line += ", removed \(ByteCount.text(removedBytes))"
        let reasons = reasonsInOrder
        if !reasons.isEmpty {
            line += " (" + reasons.map { "\($0.0.rawValue) \(ByteCount.text($0.1))" }.joined(separator: ", ") + ")"
        }
        return line
    }

    private static func seconds(_ s: Double) -> String {
        let tenths = Int((s * 100).rounded())
        return "\(tenths / 100).\(tenths % 100 < 10 ? "0" : "")\(tenths % 100) s"
    }

    /// The run's report: the figures as JSON, with every problem (`dedup clean --report`).
    public func reportJSON(seconds: Double, jobs: Int) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\n  ")
        w.key("files")
        w.raw(" {")
        w.key("cleaned")
        w.number(files)
        w.raw(", ")
        w.key("skipped")
        w.number(skipped)
        w.raw(", ")
        w.key("failed")
        w.number(failedFiles)
        w.raw("},\n  ")
        w.key("documents")
        w.raw(" {")
        w.key("cleaned")
        w.number(documents)
        w.raw(", ")
        w.key("changed")
        w.number(changedDocuments)
        w.raw(", ")
        w.key("malformedRecords")
        w.number(malformedRecords)
        w.raw("},\n  ")
        w.key("bytes")
        w.raw(" {")
        w.key("in")
        w.number(bytesIn)
        w.raw(", ")
        w.key("out")
        w.number(bytesOut)
        w.raw(", ")
        w.key("removed")
        w.number(removedBytes)
        w.raw(", ")
        w.key("removedByReason")
        w.raw(" {")
        for (i, (reason, count)) in reasonsInOrder.enumerated() {
            if i > 0 { w.raw(", ") }
            w.key(reason.rawValue)
            w.number(count)
        }
        w.raw("}},\n  ")
        w.key("errors")
        w.raw(" [")
        for (i, problem) in problems.enumerated() {
            w.raw(i == 0 ? "\n    {" : ",\n    {")
            w.key("path")
            w.string(problem.path)
            w.raw(", ")
            w.key("problem")
            w.string(problem.problem)
            w.raw("}")
        }
        w.raw(problems.isEmpty ? "],\n  " : "\n  ],\n  ")
        w.key("seconds")
        w.raw(" \((seconds * 1000).rounded() / 1000)")
        w.raw(",\n  ")
        w.key("jobs")
        w.raw(" \(jobs)")
        w.raw("\n}\n")
        return w.bytes
    }
}
