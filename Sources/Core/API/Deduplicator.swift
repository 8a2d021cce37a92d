/// Finds the sections of a document that a scraper stored more than once and decides what
/// to remove: later copies, earlier truncated fragments, and text repeated right after
/// itself. Short or isolated repeats that belong to the text are kept.
///
/// Time is close to linear in the input: the comparison key is parsed once by a greedy
/// longest-previous-match factorisation (rolling hash, bounded hash chains); no pair of
/// paragraphs is ever compared.
public struct Deduplicator: Sendable {
    /// The detection thresholds.
    public var options: DedupOptions

    /// A deduplicator with the given thresholds (the documented defaults when omitted).
    public init(options: DedupOptions = DedupOptions()) {
        self.options = options
    }

    /// Cleans `document`. The result's spans tile the document's bytes. A document with
    /// nothing but whitespace (and invisible characters) is removed whole, as
    /// ``RemovalReason/whitespaceOnly``, so that it cleans to empty output.
    public func clean(_ document: Document) -> CleanResult {
        cleanKeepingKey(document).result
    }

    /// Cleans `document` (as ``clean(_:)``) and hands back its comparison key as well, for a
    /// caller that needs it next (a cross-document signature of a text with nothing removed).
    public func cleanKeepingKey(_ document: Document) -> (result: CleanResult, key: ComparisonKey) {
        let analysis = TextAnalysis(text: document.bytes, options: options)
        if analysis.key.count == 0 && !document.bytes.isEmpty {
            // Markup alone (`<br>`, `**`) is text the key reads as nothing: kept.
            guard Self.isBlank(document.bytes) else {
                return (
                    CleanResult(document: document, spans: [Span(range: ByteRange(0, document.bytes.count), action: .keep)]), analysis.key
                )
            }
            let whole = Span(range: ByteRange(0, document.bytes.count), action: .remove, reason: .whitespaceOnly)
            return (CleanResult(document: document, spans: [whole]), analysis.key)
        }
        let detectors = BuiltInDetectors.all
        var candidates: [RepeatCandidate] = []
        for run in analysis.runs {
            for detector in detectors {
                if let c = detector.candidate(for: run, in: analysis) {
                    candidates.append(c)
                    break
                }
            }
        }
        for detector in detectors {
            candidates += detector.lineCandidates(in: analysis)
        }
        let tiler = SpanTiler(text: document.bytes, lines: analysis.lines, scanner: analysis.scanner)
        return (CleanResult(document: document, spans: tiler.spans(for: candidates)), analysis.key)
    }

    /// Whether `bytes` (valid UTF-8) hold only whitespace and invisible characters.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let (v, len) = UTF8Scalars.decode(p, at: i)
                guard ScalarClass.isWhitespace(v) || ScalarClass.isInvisible(v) else { return false }
                i += len
            }
            return true
        }
    }

    /// The names and one-line summaries of the detection rules, in the order they apply.
    public static var rules: [(name: String, summary: String)] {
        BuiltInDetectors.all.map { ($0.name, $0.summary) }
    }
}
