import DedupCore

/// What the first pass of a cross-document run decided, for the second pass to apply: for
/// every document, where it stands in input order, its spans when cleaned alone, and the
/// index that says whether it repeats an earlier document and which of its lines are
/// boilerplate. Shared, read-only, by the threads of the second pass.
final class CrossDocumentDecisions: Sendable {
    /// A document of the first pass, as the second finds it.
    struct Entry: Sendable {
        /// Its number in input order (in the index).
        var number: Int32
        /// Bytes of its text, to tell that the second pass reads the same document.
        var size: Int
        /// Its spans when cleaned alone; empty when it was kept whole.
        var spans: [Span]
        /// The earlier document it repeats, when it does.
        var repeats: (document: Int32, containedPerMille: Int32)?
    }

    /// Why a document cannot be given its decisions: it changed between the passes.
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    let index: CrossDocumentIndex
    let entries: [DocumentKey: Entry]
    /// The documents of this run by their number in the index.
    let keys: [Int32: DocumentKey]

    init(index: CrossDocumentIndex, entries: [DocumentKey: Entry]) {
        self.index = index
        self.entries = entries
        var keys: [Int32: DocumentKey] = [:]
        for (key, entry) in entries { keys[entry.number] = key }
        self.keys = keys
    }

    /// The document `key`'s document repeats: its name, and its key when it is in this run.
    func repeated(by key: DocumentKey) -> (name: String, key: DocumentKey?)? {
        guard let number = entries[key]?.repeats?.document else { return nil }
        return (index.names[Int(number)], keys[number])
    }

    /// The spans of `document` with the decisions applied.
    func apply(to document: Document, key: DocumentKey, deduplicator: Deduplicator) throws(Mismatch) -> CleanResult {
        guard let entry = entries[key], entry.size == document.bytes.count else {
            throw Mismatch(description: "changed while it was being cleaned (read twice, different the second time); run again")
        }
        let alone = CleanResult(
            document: document,
            spans: entry.spans.isEmpty && !document.bytes.isEmpty
                ? [Span(range: ByteRange(0, document.bytes.count), action: .keep)] : entry.spans)
        return CrossDocumentCleaning.applying(
            alone, repeats: entry.repeats.map { (index.names[Int($0.document)], Int($0.containedPerMille)) },
            boilerplate: index.boilerplateLines, options: index.options)
    }

    /// Whether `key`'s document was dropped as a repeat.
    func isDropped(_ key: DocumentKey) -> Bool { entries[key]?.repeats != nil }
}
