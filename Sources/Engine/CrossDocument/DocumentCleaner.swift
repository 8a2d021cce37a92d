import DedupCore
import DedupPlugins

/// Turns an imported document into a cleaned one: alone (in-document repeats), or with the
/// decisions of a cross-document pass applied (dropped whole, boilerplate lines removed).
struct DocumentCleaner: Sendable {
    var deduplicator: Deduplicator
    var options: ImportOptions
    /// The cross-document decisions, in the second pass of `--across-documents`.
    var decisions: CrossDocumentDecisions?

    /// `imported` cleaned; `key` says which document of the run it is.
    func clean(_ imported: ImportedDocument, key: DocumentKey) throws(CrossDocumentDecisions.Mismatch) -> CleanedDocument {
        var result: CleanResult
        if let decisions {
            result = try decisions.apply(to: imported.document, key: key, deduplicator: deduplicator)
        } else {
            result = imported.clean(with: deduplicator)
        }
        return CleanedDocument(result: result, origin: imported.origin, record: imported.record, options: options)
    }
}

/// Which document of a run: the input's number in the plan, and for a line-framed input the
/// record's line number (0 for a whole input).
struct DocumentKey: Hashable, Sendable {
    var input: Int32
    var line: Int32
}
