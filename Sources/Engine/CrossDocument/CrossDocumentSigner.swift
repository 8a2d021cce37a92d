import DedupCore
import DedupPlugins
internal import DedupSystem

/// The first pass of a cross-document run: every document of the plan read, cleaned alone and
/// signed on the worker threads, and added to the index in input order on this thread.
///
/// What it keeps of a document is its spans when cleaned alone and what the index decided;
/// the second pass reads the documents again. Inputs that cannot be read are left to the
/// second pass, which reports them.
struct CrossDocumentSigner {
    var jobs: [CleanJob]
    var settings: CleanSettings
    var workers: Int
    var options: CrossDocumentOptions

    /// One document signed.
    struct Signed: Sendable {
        var key: DocumentKey
        var name: String
        var size: Int
        var spans: [Span]
        var signature: DocumentSignature
    }

    /// Signs every document and adds it to `index`; the entries the second pass applies.
    func run(into index: inout CrossDocumentIndex) -> [DocumentKey: CrossDocumentDecisions.Entry] {
        var entries: [DocumentKey: CrossDocumentDecisions.Entry] = [:]
        func add(_ signed: Signed) {
            let verdict = index.add(signed.signature, name: signed.name)
            entries[signed.key] = CrossDocumentDecisions.Entry(
                number: Int32(verdict.document), size: signed.size, spans: signed.spans,
                repeats: verdict.repeats.map { (Int32($0.document), Int32($0.containedPerMille)) })
        }
        let pool = OrderedThreadPool<[Signed]>(threads: workers)
        defer { pool.shutdown() }
        let window = max(64, 16 * workers)
        var submitted = 0
        var delivered = 0
        let settings = self.settings, options = self.options
        func submitMore() {
            while submitted < jobs.count && pool.pending < window {
                let job = jobs[submitted]
                submitted += 1
                // A line-framed input is signed here in its turn, its records on the pool.
                if job.importer.framing == .lines || job.refusal != nil {
                    pool.submit { [] }
                    continue
                }
                pool.submit { Self.signDocument(job, settings: settings, options: options).map { [$0] } ?? [] }
            }
        }
        submitMore()
        while delivered < jobs.count, let results = pool.next() {
            let job = jobs[delivered]
            delivered += 1
            if job.importer.framing == .lines && job.refusal == nil {
                signRecords(of: job, add: add)
            } else {
                results.forEach(add)
            }
            submitMore()
        }
        return entries
    }

    /// The signed document of a document-framed job; nil when it cannot be read.
    static func signDocument(_ job: CleanJob, settings: CleanSettings, options: CrossDocumentOptions) -> Signed? {
        guard let bytes = try? FileIO.read(job.input.path, maxBytes: settings.maxBytes),
            let imported = try? job.importer.read(bytes, job.input.displayName, settings.options)
        else { return nil }
        return sign(
            imported, key: DocumentKey(input: Int32(job.number), line: 0), name: job.input.displayName,
            settings: settings, options: options)
    }

    /// `imported` cleaned alone and signed.
    static func sign(
        _ imported: ImportedDocument, key: DocumentKey, name: String, settings: CleanSettings, options: CrossDocumentOptions
    ) -> Signed {
        let (result, comparisonKey) = imported.cleanKeepingKey(with: settings.deduplicator)
        let whole = result.spans.count == 1 && result.spans[0].action == .keep
        return Signed(
            key: key, name: name, size: imported.document.bytes.count, spans: whole ? [] : result.spans,
            signature: DocumentSignature(cleaned: result, key: comparisonKey, options: options))
    }

    /// Signs the records of a line-framed input, in batches on the pool's threads, and adds
    /// them in order. Records that cannot be read are left to the second pass.
    private func signRecords(of job: CleanJob, add: (Signed) -> Void) {
        guard let fd = try? FileIO.openForReading(job.input.path) else { return }
        defer { FileIO.close(fd) }
        let settings = self.settings, options = self.options
        let input = Int32(job.number), importer = job.importer, name = job.input.displayName
        let pool = OrderedThreadPool<[Signed]>(threads: workers)
        defer { pool.shutdown() }
        var reader = LineReader(fd: fd, name: name)
        var lines: [(line: [UInt8], number: Int)] = []
        var gathered = 0
        var lineNumber = 0
        func submitGathered() {
            guard !lines.isEmpty else { return }
            let batch = lines
            lines = []
            gathered = 0
            pool.submit {
                batch.compactMap { line, number -> Signed? in
                    guard !JSONByte.isBlank(line), var imported = try? importer.read(line, "\(name):\(number)", settings.options)
                    else { return nil }
                    imported.record?.lineNumber = number
                    let recordName = imported.record?.id ?? "\(name):\(number)"
                    return Self.sign(
                        imported, key: DocumentKey(input: input, line: Int32(truncatingIfNeeded: number)),
                        name: recordName, settings: settings, options: options)
                }
            }
        }
        func drain(downTo limit: Int) {
            while pool.pending > limit, let batch = pool.next() { batch.forEach(add) }
        }
        while let item = try? reader.next(maxLength: settings.maxBytes) {
            lineNumber += 1
            switch item {
            case .line(let line):
                lines.append((line, lineNumber))
                gathered += line.count
                if gathered >= 1 << 20 || lines.count >= 4096 {
                    submitGathered()
                    drain(downTo: 2 * workers)
                }
            case .tooLong:
                // Written through unchanged by the second pass; skip the rest of it here.
                try? reader.copyRestOfLine { _ throws(FileIOError) in }
            }
        }
        submitGathered()
        drain(downTo: 0)
    }
}
