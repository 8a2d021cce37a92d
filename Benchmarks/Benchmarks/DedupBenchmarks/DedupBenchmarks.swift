import Benchmark
import DedupCore
import DedupPlugins
import Foundation

/// Every dedup benchmark, named `Stage/inputs`: each stage of the pipeline on the real texts
/// of `BenchmarkInputs` (seed article, evaluation inputs, HTML pages, diff pairs). One iteration
/// processes the whole input set once; `Input bytes/s (M)` is its size over the time taken.
///
/// Plugins are looked up through `PluginRegistry.builtIn`: every exporter and diff format in it
/// is benchmarked (one added to it is benchmarked too); importers are looked up by name, each
/// on inputs of its own format.
let benchmarks: @Sendable () -> Void = {
    let registry = PluginRegistry.builtIn
    let fixturesOnly = BenchmarkInputs.hasShared ? "" : "-fixtures"

    // Core stages, on the seed article and on every evaluation input.
    let documentSets: [(label: String, load: @Sendable () -> [Document])] = [
        ("seed", { BenchmarkInputs.current.seed }),
        ("eval\(fixturesOnly)", { BenchmarkInputs.current.eval }),
    ]
    for (label, load) in documentSets {
        Benchmark("Normalizer.key/\(label)", configuration: .dedup()) { benchmark, documents in
            benchmark.measure(bytes: documents.byteCount) {
                let normalizer = Normalizer()
                for document in documents { blackHole(normalizer.key(for: document.bytes)) }
            }
        } setup: { load() }

        Benchmark("ParagraphSegmenter/\(label)", configuration: .dedup()) { benchmark, documents in
            benchmark.measure(bytes: documents.byteCount) {
                let segmenter = ParagraphSegmenter()
                for document in documents { blackHole(segmenter.paragraphs(in: document.bytes)) }
            }
        } setup: { load() }

        Benchmark("SentenceSegmenter/\(label)", configuration: .dedup()) { benchmark, documents in
            benchmark.measure(bytes: documents.byteCount) {
                let segmenter = SentenceSegmenter()
                for document in documents { blackHole(segmenter.sentences(in: document.bytes)) }
            }
        } setup: { load() }

        Benchmark("Deduplicator.clean/\(label)", configuration: .dedup()) { benchmark, documents in
            benchmark.measure(bytes: documents.byteCount) {
                let deduplicator = Deduplicator()
                for document in documents { blackHole(deduplicator.clean(document)) }
            }
        } setup: { load() }

        // The input's SHA-256, which the provenance of every exporter but text records.
        Benchmark("SHA256.hexDigest/\(label)", configuration: .dedup()) { benchmark, documents in
            benchmark.measure(bytes: documents.byteCount) {
                for document in documents { blackHole(SHA256.hexDigest(document.bytes)) }
            }
        } setup: { load() }

        // Exporters render documents cleaned beforehand; throughput counts the input text.
        for exporter in registry.exporters {
            Benchmark("Exporter.\(exporter.name)/\(label)", configuration: .dedup()) { benchmark, cleaned in
                benchmark.measure(bytes: cleaned.reduce(0) { $0 + $1.result.document.bytes.count }) {
                    for document in cleaned { blackHole(try exporter.render(document)) }
                }
            } setup: {
                load().map { CleanedDocument(cleaning: ImportedDocument(document: $0), with: Deduplicator()) }
            }
        }
    }

    // Cross-document cleaning: each evaluation input signed (as the first pass signs the text
    // it keeps), the signatures added to an index in order and the index finished (the
    // grouping: lookups, decisions, boilerplate), and the index saved and read back as a
    // state (`--state`).
    Benchmark("DocumentSignature/eval\(fixturesOnly)", configuration: .dedup()) { benchmark, documents in
        benchmark.measure(bytes: documents.byteCount) {
            for document in documents { blackHole(DocumentSignature(cleanText: document.bytes)) }
        }
    } setup: { BenchmarkInputs.current.eval }

    Benchmark("CrossDocumentIndex.add/eval\(fixturesOnly)", configuration: .dedup()) {
        (benchmark, setup: (signatures: [DocumentSignature], bytes: Int)) in
        let (signatures, bytes) = setup
        benchmark.measure(bytes: bytes) {
            var index = CrossDocumentIndex()
            for (k, signature) in signatures.enumerated() { blackHole(index.add(signature, name: "doc\(k)")) }
            index.finish()
            blackHole(index)
        }
    } setup: {
        let documents = BenchmarkInputs.current.eval
        return (documents.map { DocumentSignature(cleanText: $0.bytes) }, documents.byteCount)
    }

    Benchmark("CrossDocumentState.encode+decode/eval\(fixturesOnly)", configuration: .dedup()) {
        (benchmark, setup: (index: CrossDocumentIndex, bytes: Int)) in
        let (index, bytes) = setup
        benchmark.measure(bytes: bytes) {
            let state = index.encoded()
            blackHole(try CrossDocumentIndex(decoding: state, options: CrossDocumentOptions()))
        }
    } setup: {
        let documents = BenchmarkInputs.current.eval
        var index = CrossDocumentIndex()
        for (k, document) in documents.enumerated() { _ = index.add(DocumentSignature(cleanText: document.bytes), name: "doc\(k)") }
        index.finish()
        return (index, documents.byteCount)
    }

    // The evaluation inputs twice over as one document of several MB: a key past the match finder's
    // threshold for anchors (4M units), as a whole book or a long log file is.
    Benchmark("Deduplicator.clean/eval-twice-as-one-document\(fixturesOnly)", configuration: .dedup(seconds: 3)) {
        (benchmark, document: Document) in
        benchmark.measure(bytes: document.bytes.count) { blackHole(Deduplicator().clean(document)) }
    } setup: {
        let text = BenchmarkInputs.current.eval.flatMap { $0.bytes + Array("\n\n".utf8) }
        return try Document(bytes: text + text, name: "eval-twice")
    }

    // The detector on the text extracted from real HTML pages (articles served twice and more).
    Benchmark("Deduplicator.clean/html-text\(fixturesOnly)", configuration: .dedup()) { (benchmark, documents: [Document]) in
        benchmark.measure(bytes: documents.byteCount) {
            let deduplicator = Deduplicator()
            for document in documents { blackHole(deduplicator.clean(document)) }
        }
    } setup: {
        let html = try importer(named: "html", in: registry)
        return try BenchmarkInputs.current.html.map { try html.read($0.bytes, $0.name, ImportOptions()).document }
    }

    // Importers, each on inputs of its own format: HTML pages; the evaluation inputs as text
    // files and as JSON Lines records (one record per input, `{"id": …, "text": …}`).
    // About half a second a pass over the corpus: three seconds give a few samples.
    Benchmark("Importer.html/html\(fixturesOnly)", configuration: .dedup(seconds: 3)) { benchmark, setup in
        let (html, pages) = setup
        benchmark.measure(bytes: pages.reduce(0) { $0 + $1.bytes.count }) {
            for page in pages { blackHole(try html.read(page.bytes, page.name, ImportOptions())) }
        }
    } setup: { (try importer(named: "html", in: registry), BenchmarkInputs.current.html) }

    Benchmark("Importer.text/eval\(fixturesOnly)", configuration: .dedup()) { benchmark, setup in
        let (text, documents) = setup
        benchmark.measure(bytes: documents.byteCount) {
            for document in documents { blackHole(try text.read(document.bytes, document.name, ImportOptions())) }
        }
    } setup: { (try importer(named: "text", in: registry), BenchmarkInputs.current.eval) }

    Benchmark("Importer.jsonl/eval\(fixturesOnly)", configuration: .dedup()) { benchmark, setup in
        let (jsonl, records) = setup
        benchmark.measure(bytes: records.reduce(0) { $0 + $1.line.count }) {
            for record in records { blackHole(try jsonl.read(record.line, record.name, ImportOptions())) }
        }
    } setup: { (try importer(named: "jsonl", in: registry), try jsonLines(of: BenchmarkInputs.current.eval)) }

    // The differ on every pair, and each exporter that writes diffs on the diffs.
    Benchmark("DocumentDiffer.diff/pairs\(fixturesOnly)", configuration: .dedup()) { benchmark, pairs in
        benchmark.measure(bytes: pairs.reduce(0) { $0 + $1.a.bytes.count + $1.b.bytes.count }) {
            let differ = DocumentDiffer()
            for pair in pairs { blackHole(differ.diff(pair.a, pair.b)) }
        }
    } setup: { BenchmarkInputs.current.diffPairs }

    for format in registry.diffExporters {
        Benchmark("Exporter.\(format.name).diff/pairs\(fixturesOnly)", configuration: .dedup()) { benchmark, reports in
            benchmark.measure(bytes: reports.reduce(0) { $0 + $1.result.a.count + $1.result.b.count }) {
                for report in reports { blackHole(try format.renderDiff(report, DiffRenderOptions())) }
            }
        } setup: {
            BenchmarkInputs.current.diffPairs.map { pair in
                DiffReport(result: DocumentDiffer().diff(pair.a, pair.b),
                           a: DiffSource(path: pair.a.name, fileSize: pair.a.bytes.count),
                           b: DiffSource(path: pair.b.name, fileSize: pair.b.bytes.count))
            }
        }
    }
}

/// The importer called `name` in `registry`; an error when it has none.
private func importer(named name: String, in registry: PluginRegistry) throws -> Importer {
    guard let importer = registry.importer(named: name) else {
        throw BenchmarkInputs.InputError("no importer '\(name)' in the plugin registry")
    }
    return importer
}

/// One JSON Lines record per document, `{"id":NAME,"text":TEXT}` without a line break, with
/// the name a stream runner gives it (`eval.jsonl:N`).
private func jsonLines(of documents: [Document]) throws -> [(name: String, line: [UInt8])] {
    try documents.enumerated().map { number, document in
        let object: [String: String] = ["id": document.name, "text": document.text]
        let line = [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        return ("eval.jsonl:\(number + 1)", line)
    }
}
