import DedupCore
import DedupPlugins
internal import DedupSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The three phases of cross-document cleaning as filters over lines, for an engine that
/// runs them on a cluster and does the grouping by key itself (the Spark job in
/// integrations/spark): **sign** each record, **decide** in record order from what the
/// earlier records hold of each, **apply** the decisions to each record. Together they give
/// the records `dedup clean --across-documents --input-format jsonl` writes.
///
/// Records are numbered by the engine (`N`, any increasing 64-bit numbers: the record
/// order); lines are `N<TAB>SOURCE<TAB>RECORD`, where SOURCE is how provenance names the
/// record (`docs.jsonl:17`).
public struct CrossDocumentPhases: Sendable {
    /// How records are read (text field, provenance field, id field).
    public var importOptions: ImportOptions
    /// The in-document thresholds.
    public var dedupOptions: DedupOptions
    /// The cross-document thresholds.
    public var options: CrossDocumentOptions

    /// Phases with these settings.
    public init(importOptions: ImportOptions, dedupOptions: DedupOptions, options: CrossDocumentOptions) {
        self.importOptions = importOptions
        self.dedupOptions = dedupOptions
        self.options = options
    }

    /// One record's signature as the sign phase writes it (and decide reads it back, with
    /// what the earlier records hold of its keys).
    public struct SignedRecord: Codable, Sendable {
        /// The record's number.
        public var n: Int64
        /// How cross-document provenance names it: its id, else its source.
        public var name: String?
        /// Key units of its clean text.
        public var length: Int?
        /// Hash of its whole key (as a signed 64-bit number).
        public var keyHash: Int64?
        /// Its lines: hash (signed 64-bit), key units, flags (1: in the frame, 2: once).
        public var lines: [[Int64]]?
        /// Its samples: hash, line index, coarse (0 or 1).
        public var samples: [[Int64]]?
        /// For decide: the earlier records (their numbers) that entered each line's key.
        public var lineHolders: [[Int64]]?
        /// For decide: the earlier records that entered each sample's key.
        public var sampleHolders: [[Int64]]?
        /// For decide: the first earlier record whose whole key equals this one's.
        public var equal: Int64?
        /// Set when the line is blank or not a record: it has no signature.
        public var skip: Bool?
    }

    /// A decision about one record, as decide writes it and apply reads it.
    public struct Decision: Codable, Sendable {
        /// The record's number.
        public var n: Int64
        /// The earlier record it repeats (its number), when it does.
        public var repeats: Int64?
        /// The name of the record it repeats.
        public var repeatsName: String?
        /// How much of it is found there, in thousandths.
        public var perMille: Int?
        /// After the last record: the boilerplate lines (hash, documents).
        public var boilerplate: [[Int64]]?
    }

    // MARK: - sign

    /// The sign phase of one line `N<TAB>SOURCE<TAB>RECORD`: the record cleaned alone and
    /// signed, as one JSON line.
    public func sign(_ line: [UInt8]) -> [UInt8] {
        guard let (n, source, record) = Self.split(line) else { return Self.json(SignedRecord(n: -1, skip: true)) }
        guard !JSONByte.isBlank(Array(record)), let imported = try? Importer.jsonLines.read(Array(record), source, importOptions)
        else { return Self.json(SignedRecord(n: n, skip: true)) }
        let (result, key) = Deduplicator(options: dedupOptions).cleanKeepingKey(imported.document)
        let signature = DocumentSignature(cleaned: result, key: key, options: options)
        var w = JSONWriter(capacity: 64 + signature.lines.count * 40 + signature.samples.count * 20)
        w.raw("{\"n\":")
        w.raw(String(n))
        w.raw(",\"name\":")
        w.string(imported.record?.id ?? source)
        w.raw(",\"length\":\(signature.length),\"keyHash\":\(Int64(bitPattern: signature.keyHash)),\"lines\":[")
        var out = w.bytes
        for (k, line) in signature.lines.enumerated() {
            out.append(k == 0 ? 0x5B : 0x2C)
            if k > 0 { out.append(0x5B) }
            PhaseJSON.append(Int64(bitPattern: line.hash), to: &out)
            out.append(0x2C)
            PhaseJSON.append(Int64(line.length), to: &out)
            out.append(0x2C)
            PhaseJSON.append((line.inFrame ? 1 : 0) | (line.once ? 2 : 0), to: &out)
            out.append(0x5D)
        }
        out += Array("],\"samples\":[".utf8)
        for (k, sample) in signature.samples.enumerated() {
            out += k == 0 ? [0x5B] : [0x2C, 0x5B]
            PhaseJSON.append(Int64(sample.hash), to: &out)
            out.append(0x2C)
            PhaseJSON.append(Int64(sample.line), to: &out)
            out.append(0x2C)
            out.append(sample.coarse ? 0x31 : 0x30)
            out.append(0x5D)
        }
        out += Array("]}\n".utf8)
        return out
    }

    // MARK: - decide

    /// The decide phase: reads signed records with their holders, in record order, and
    /// writes one decision per record, then the boilerplate lines. Runs in one process: each
    /// decision depends on the records before it.
    public func decide(readingFrom fd: Int32, write: ([UInt8]) throws(FileIOError) -> Void) throws {
        var index = CrossDocumentIndex(options: options)
        var numbers: [Int64: Int32] = [:]  // record number -> document number in the index
        var recordOf: [Int64] = []  // document number -> record number
        var reader = LineReader(fd: fd, name: "<stdin>")
        while let line = try reader.next() {
            guard !JSONByte.isBlank(line) else { continue }
            let record = try Self.signedRecord(line)
            guard record.skip != true, let signature = Self.signature(of: record) else {
                try write(Self.json(Decision(n: record.n)))
                continue
            }
            var lookups = CrossDocumentIndex.Lookups()
            func documents(_ holders: [Int64]) -> [Int32] { holders.compactMap { numbers[$0] } }
            for holders in record.lineHolders ?? [] { lookups.append(line: documents(holders)) }
            for holders in record.sampleHolders ?? [] { lookups.append(sample: documents(holders)) }
            lookups.equal = record.equal.flatMap { numbers[$0] }
            let verdict = index.decide(signature, name: record.name ?? "\(record.n)", lookups: lookups)
            numbers[record.n] = Int32(verdict.document)
            recordOf.append(record.n)
            var decision = Decision(n: record.n)
            if let repeats = verdict.repeats {
                decision.repeats = recordOf[repeats.document]
                decision.repeatsName = index.names[repeats.document]
                decision.perMille = repeats.containedPerMille
            }
            try write(Self.json(decision))
        }
        index.finish()
        let boilerplate = index.boilerplateLines.sorted { $0.key < $1.key }.map { [Int64(bitPattern: $0.key), Int64($0.value)] }
        try write(Self.json(Decision(n: -1, boilerplate: boilerplate)))
    }

    // MARK: - apply

    /// The apply phase of one line `DECISION<TAB>SOURCE<TAB>RECORD`: the record as
    /// `dedup clean --across-documents` writes it. `boilerplate` is what decide found.
    public func apply(_ line: [UInt8], boilerplate: [UInt64: Int32], report: (String) -> Void = { _ in }) throws -> [UInt8] {
        guard let tab = line.firstIndex(of: 0x09) else { throw CrossDocumentPhaseError("a line without its decision") }
        let fields = try PhaseJSON.object(Array(line[..<tab]))
        var decision = Decision(n: 0)
        if case .string(let name)? = fields["repeatsName"] { decision.repeatsName = name }
        if case .number(let perMille)? = fields["perMille"] { decision.perMille = Int(perMille) }
        let rest = Array(line[(tab + 1)...])
        guard let sourceEnd = rest.firstIndex(of: 0x09) else { throw CrossDocumentPhaseError("a line without its source") }
        let source = String(decoding: rest[..<sourceEnd], as: UTF8.self)
        let record = Array(rest[(sourceEnd + 1)...])
        if JSONByte.isBlank(record) { return record + [JSONByte.lineFeed] }
        let lineNumber = Int(source.split(separator: ":").last ?? "") ?? 1
        var imported: ImportedDocument
        do {
            imported = try Importer.jsonLines.read(record, source, importOptions)
        } catch {
            report("\(source)\(Self.idNote(record, field: importOptions.idField)): \(error); written through unchanged")
            return record + [JSONByte.lineFeed]
        }
        imported.record?.lineNumber = lineNumber
        let alone = Deduplicator(options: dedupOptions).clean(imported.document)
        let repeats = decision.repeatsName.flatMap { name in decision.perMille.map { (name, $0) } }
        let result = CrossDocumentCleaning.applying(alone, repeats: repeats, boilerplate: boilerplate, options: options)
        let cleaned = CleanedDocument(result: result, origin: imported.origin, record: imported.record, options: importOptions)
        var out = try Exporter.jsonLines.render(cleaned)
        if out.last != JSONByte.lineFeed { out.append(JSONByte.lineFeed) }
        return out
    }

    /// ` (id X)` for a record whose id field can be read, even when the record as a whole
    /// cannot (a value broken after the id): the first `"<field>":` and the string or number
    /// after it.
    static func idNote(_ record: [UInt8], field: String) -> String {
        let name = Array("\"\(field)\"".utf8)
        guard name.count <= record.count else { return "" }
        for start in 0...(record.count - name.count) where record[start] == 0x22 && Array(record[start..<(start + name.count)]) == name {
            var i = start + name.count
            while i < record.count && (record[i] == 0x20 || record[i] == 0x09) { i += 1 }
            guard i < record.count, record[i] == 0x3A else { continue }
            i += 1
            while i < record.count && (record[i] == 0x20 || record[i] == 0x09) { i += 1 }
            var end = i
            if i < record.count && record[i] == 0x22 {
                end = i + 1
                while end < record.count && record[end] != 0x22 { end += record[end] == 0x5C ? 2 : 1 }
                end = min(end + 1, record.count)
            } else {
                while end < record.count && (record[end] == 0x2D || record[end] == 0x2E || (record[end] >= 0x30 && record[end] <= 0x39)) {
                    end += 1
                }
            }
            return end > i ? " (id \(String(decoding: record[i..<end], as: UTF8.self)))" : ""
        }
        return ""
    }

    /// The boilerplate lines decide wrote (its last line).
    public static func boilerplate(from decision: [UInt8]) throws -> [UInt64: Int32] {
        let d = try JSONDecoder().decode(Decision.self, from: Data(decision))
        var out: [UInt64: Int32] = [:]
        for pair in d.boilerplate ?? [] where pair.count == 2 { out[UInt64(bitPattern: pair[0])] = Int32(clamping: pair[1]) }
        return out
    }

    // MARK: - helpers

    static func split(_ line: [UInt8]) -> (Int64, String, ArraySlice<UInt8>)? {
        guard let first = line.firstIndex(of: 0x09), let n = Int64(String(decoding: line[..<first], as: UTF8.self)) else { return nil }
        let rest = line[(first + 1)...]
        guard let second = rest.firstIndex(of: 0x09) else { return nil }
        return (n, String(decoding: rest[..<second], as: UTF8.self), rest[(second + 1)...])
    }

    /// A signed record (with its holders) read back from one line of decide's input.
    static func signedRecord(_ line: [UInt8]) throws -> SignedRecord {
        let fields = try PhaseJSON.object(line)
        func number(_ key: String) -> Int64? { if case .number(let n)? = fields[key] { n } else { nil } }
        func lists(_ key: String) -> [[Int64]]? {
            switch fields[key] {
            case .lists(let l)?: l
            case .integers(let l)? where l.isEmpty: []
            default: nil
            }
        }
        var record = SignedRecord(n: number("n") ?? -1)
        if case .string(let name)? = fields["name"] { record.name = name }
        record.length = number("length").map(Int.init)
        record.keyHash = number("keyHash")
        record.lines = lists("lines")
        record.samples = lists("samples")
        record.lineHolders = lists("lineHolders")
        record.sampleHolders = lists("sampleHolders")
        record.equal = number("equal")
        if case .bool(let skip)? = fields["skip"] { record.skip = skip }
        return record
    }

    static func signature(of record: SignedRecord) -> DocumentSignature? {
        guard let length = record.length, let keyHash = record.keyHash, let lines = record.lines, let samples = record.samples else {
            return nil
        }
        return DocumentSignature(
            lines: lines.compactMap { l in
                l.count == 3
                    ? DocumentSignature.Line(
                        hash: UInt64(bitPattern: l[0]), length: Int32(clamping: l[1]), inFrame: l[2] & 1 != 0, once: l[2] & 2 != 0,
                        range: ByteRange(0, 0)) : nil
            },
            samples: samples.compactMap { s in
                s.count == 3
                    ? DocumentSignature.Sample(hash: UInt32(truncatingIfNeeded: s[0]), line: Int32(clamping: s[1]), coarse: s[2] != 0) : nil
            },
            length: length, keyHash: UInt64(bitPattern: keyHash))
    }

    static func json<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        var bytes = (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
        bytes.append(JSONByte.lineFeed)
        return bytes
    }
}

/// A line a phase cannot read.
public struct CrossDocumentPhaseError: Error, CustomStringConvertible {
    /// What is wrong, in words.
    public var description: String
    init(_ description: String) { self.description = description }
}
