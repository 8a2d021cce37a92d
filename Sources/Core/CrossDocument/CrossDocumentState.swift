/// Why a saved cross-document state cannot be used.
public enum CrossDocumentStateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a dedup state at all.
    case notAState
    /// A state written by another version of its format.
    case otherVersion(UInt32)
    /// A state made with other cross-document settings, which would not compare with these.
    case otherSettings
    /// The state is cut short or damaged (its checksum does not match, or a count is wrong).
    case damaged(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .notAState: "not a dedup state file"
        case .otherVersion(let v):
            "a state of format version \(v); this dedup reads version \(CrossDocumentIndex.stateVersion): start a new state"
        case .otherSettings: "made with other cross-document settings; use the same ones, or start a new state"
        case .damaged(let why): "damaged (\(why)); restore it from a copy or start a new state"
        }
    }
}

extension CrossDocumentIndex {
    /// The version of the state format ``encoded()`` writes. Version 2: the comparison key
    /// reads through rendering (character references, markup, dashes), so version 1's
    /// hashes no longer match what this dedup computes.
    public static let stateVersion: UInt32 = 2
    private static let magic = Array("DEDUPXDS".utf8)

    /// The index as bytes, to be read back by ``init(decoding:options:)`` in a later run:
    /// every document's name and root, the key tables and the frame evidence. The last 32
    /// bytes are the SHA-256 of the rest.
    public func encoded() -> [UInt8] {
        var w = StateWriter()
        w.bytes += Self.magic
        w.u32(Self.stateVersion)
        w.u64(Self.settingsFingerprint(options))
        w.u32(UInt32(count))
        for name in names { w.string(name) }
        for (root, coarse) in zip(roots, coarseOnly) {
            w.i32(root)
            w.bytes.append(coarse ? 1 : 0)
        }
        w.u32(UInt32(keyHashes.count))
        for (hash, doc) in keyHashes.sorted(by: { $0.key < $1.key }) {
            w.u64(hash)
            w.i32(doc)
        }
        func table<Key: FixedWidthInteger & UnsignedInteger>(_ t: KeyTable<Key>, _ put: (inout StateWriter, Key) -> Void) {
            w.u32(UInt32(t.count))
            t.forEach { key, docs in
                put(&w, key)
                w.bytes.append(UInt8(docs.count))
                for d in docs { w.i32(d) }
            }
        }
        table(samples) { $0.u32(UInt32($1)) }
        table(lines) { $0.u64(UInt64($1)) }
        table(frameFirst) { $0.u32(UInt32($1)) }
        for evidence in [frameEvidence, connectedEvidence] {
            w.u32(UInt32(evidence.count))
            for (hash, e) in evidence.sorted(by: { $0.key < $1.key }) {
                w.u64(hash)
                w.i32(e.documents)
                w.bytes.append(UInt8(e.roots.count))
                for r in e.roots { w.i32(r) }
            }
        }
        w.bytes += SHA256.digest(w.bytes)
        return w.bytes
    }

    /// The index a state holds, to go on from in this run.
    /// - Throws: ``CrossDocumentStateError`` for bytes that are not a state, a state of
    ///   another format version or other settings, or a damaged one; never traps, whatever
    ///   the bytes.
    public init(decoding bytes: [UInt8], options: CrossDocumentOptions) throws(CrossDocumentStateError) {
        guard bytes.count >= Self.magic.count + 4, Array(bytes[0..<Self.magic.count]) == Self.magic else { throw .notAState }
        var r = StateReader(bytes: bytes, at: Self.magic.count)
        let version = try r.u32()
        guard version == Self.stateVersion else { throw .otherVersion(version) }
        guard bytes.count >= Self.magic.count + 4 + 32 else { throw .damaged("cut short") }
        let body = Array(bytes[0..<(bytes.count - 32)])
        guard SHA256.digest(body) == Array(bytes[(bytes.count - 32)...]) else {
            throw .damaged("its checksum does not match its contents")
        }
        r = StateReader(bytes: body, at: Self.magic.count + 4)
        guard try r.u64() == Self.settingsFingerprint(options) else { throw .otherSettings }
        self.init(options: options)
        let n = Int(try r.u32())
        guard n <= body.count else { throw .damaged("a count larger than the file") }
        names.reserveCapacity(n)
        for _ in 0..<n { names.append(try r.string()) }
        for _ in 0..<n {
            let root = try r.i32()
            guard root >= 0 && Int(root) < n else { throw .damaged("a document's root out of range") }
            roots.append(root)
            coarseOnly.append(try r.u8() != 0)
        }
        func document() throws(CrossDocumentStateError) -> Int32 {
            let d = try r.i32()
            guard d >= 0 && Int(d) < n else { throw .damaged("a document number out of range") }
            return d
        }
        let hashes = Int(try r.u32())
        guard hashes <= body.count else { throw .damaged("a count larger than the file") }
        for _ in 0..<hashes { keyHashes[try r.u64()] = try document() }
        func table<Key: FixedWidthInteger & UnsignedInteger>(
            _ t: inout KeyTable<Key>, _ get: (inout StateReader) throws(CrossDocumentStateError) -> Key
        ) throws(CrossDocumentStateError) {
            let keys = Int(try r.u32())
            guard keys <= body.count else { throw .damaged("a count larger than the file") }
            for _ in 0..<keys {
                let key = try get(&r)
                let docs = Int(try r.u8())
                for _ in 0..<docs { t.add(key, try document()) }
            }
        }
        try table(&samples) { (r: inout StateReader) throws(CrossDocumentStateError) in try r.u32() }
        try table(&lines) { (r: inout StateReader) throws(CrossDocumentStateError) in try r.u64() }
        try table(&frameFirst) { (r: inout StateReader) throws(CrossDocumentStateError) in try r.u32() }
        for which in 0..<2 {
            let count = Int(try r.u32())
            guard count <= body.count else { throw .damaged("a count larger than the file") }
            var evidence: [UInt64: FrameEvidence] = [:]
            evidence.reserveCapacity(count)
            for _ in 0..<count {
                let hash = try r.u64()
                var e = FrameEvidence()
                e.documents = try r.i32()
                let roots = Int(try r.u8())
                for _ in 0..<roots { e.roots.append(try document()) }
                evidence[hash] = e
            }
            if which == 0 { frameEvidence = evidence } else { connectedEvidence = evidence }
        }
        guard r.at == body.count else { throw .damaged("data after its end") }
    }

    /// A number that changes with any setting that changes what the index holds.
    static func settingsFingerprint(_ o: CrossDocumentOptions) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for v in [
            o.shingleLength, o.sampleRate, o.longDocumentLength, o.frameLines, o.boilerplateArticles, o.frameGapLines,
            o.frameGapLength, o.sharedFrameArticles, o.wholeContainmentPerMille, o.contentContainmentPerMille,
            o.editedContainmentPerMille, o.maxEditedLength, o.editedWholeContainmentPerMille, o.minRepeatedLength,
            o.candidatesPerKey,
        ] {
            h = (h ^ UInt64(bitPattern: Int64(v))) &* 0x100_0000_01B3
        }
        return h
    }
}

/// Little-endian writing of a state.
struct StateWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func string(_ s: String) {
        u32(UInt32(s.utf8.count))
        bytes += s.utf8
    }
}

/// Little-endian reading of a state, every read checked against the end.
struct StateReader {
    let bytes: [UInt8]
    var at: Int

    mutating func take(_ n: Int) throws(CrossDocumentStateError) -> ArraySlice<UInt8> {
        guard n >= 0, at + n <= bytes.count else { throw .damaged("cut short") }
        defer { at += n }
        return bytes[at..<(at + n)]
    }
    mutating func u8() throws(CrossDocumentStateError) -> UInt8 { try take(1).first ?? 0 }
    mutating func u32() throws(CrossDocumentStateError) -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func u64() throws(CrossDocumentStateError) -> UInt64 {
        try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    mutating func i32() throws(CrossDocumentStateError) -> Int32 { Int32(bitPattern: try u32()) }
    mutating func string() throws(CrossDocumentStateError) -> String {
        let n = Int(try u32())
        guard let s = String(validating: try take(n), as: UTF8.self) else { throw .damaged("a name that is not UTF-8") }
        return s
    }
}
