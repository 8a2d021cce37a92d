import DedupCore
import Foundation

/// The real texts the benchmarks run on, read once per process (on first use, so that a run
/// filtered to a few benchmarks reads only what it needs).
///
/// Everything is found from the dedup checkout: `DEDUP_BENCH_INPUTS` when set, else the folder
/// two levels above this package (worked out from `#filePath`, so a fresh clone finds its own
/// fixtures). `../shared` beside the checkout (or `DEDUP_BENCH_SHARED`) adds the evaluation
/// corpus when present; without it the fixtures alone are used.
struct BenchmarkInputs: Sendable {
    /// One input file, named by its path below the folder it was found in.
    struct File: Sendable {
        /// A short name (`eval/body-twice-sh_en_00/input.txt`).
        var name: String
        /// The file's bytes.
        var bytes: [UInt8]
    }

    /// Two versions of one text, for the differ.
    struct Pair: Sendable {
        /// The pair's folder name.
        var name: String
        /// The first version.
        var a: Document
        /// The second version.
        var b: Document
    }

    /// `Fixtures/seed/article.txt`, the product's seed article.
    var seed: [Document]
    /// `input.txt` of every evaluation case: `../shared/eval/cases/*` and `Fixtures/eval/*`,
    /// one per case name (the fixtures are copies of shared cases).
    var eval: [Document]
    /// Every HTML page: `../shared/corpus/html/*.html` and `Fixtures/html/**/*.html`, one per
    /// file name.
    var html: [File]
    /// `Fixtures/diff` (`a.txt`, `b.txt`) and `../shared/eval/diff/pairs/*`.
    var diffPairs: [Pair]
    /// Where they were read from, for the note printed on loading.
    var summary: String

    /// The inputs of this checkout, read on first use. Without `shared/` a note says so on
    /// standard error (the sets are then the fixtures alone, see ``hasShared``).
    static let current: BenchmarkInputs = {
        do {
            let locations = try Locations.resolve()
            let inputs = try BenchmarkInputs(locations: locations)
            if locations.shared == nil {
                FileHandle.standardError.write(Data(("note: " + inputs.summary + "\n").utf8))
            }
            return inputs
        } catch {
            fatalError("DedupBenchmarks: cannot read the inputs: \(error)")
        }
    }()

    /// Whether `shared/` is there to add its texts to the evaluation, HTML and diff sets, which
    /// are named `eval`, `html` and `pairs` with it and `eval-fixtures`, `html-fixtures` and
    /// `pairs-fixtures` without it, so that figures on different inputs never share a name.
    static var hasShared: Bool {
        (try? Locations.resolve())?.shared != nil
    }

    /// The folders inputs are read from.
    struct Locations {
        /// The dedup checkout (the folder holding `Fixtures/`).
        var repository: URL
        /// The evaluation kit and corpus (`shared/`), when present.
        var shared: URL?

        /// `DEDUP_BENCH_INPUTS` or the checkout this file belongs to; `DEDUP_BENCH_SHARED` or
        /// `../shared` beside it, when that folder exists.
        static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                            sourceFile: String = #filePath) throws -> Locations {
            let repository: URL
            if let path = environment["DEDUP_BENCH_INPUTS"], !path.isEmpty {
                repository = URL(fileURLWithPath: path, isDirectory: true)
            } else {
                // Benchmarks/Benchmarks/DedupBenchmarks/BenchmarkInputs.swift → the checkout.
                var url = URL(fileURLWithPath: sourceFile)
                for _ in 0..<4 { url.deleteLastPathComponent() }
                repository = url
            }
            let seed = repository.appendingPathComponent("Fixtures/seed/article.txt")
            guard FileManager.default.fileExists(atPath: seed.path) else {
                throw InputError("no \(seed.path); set DEDUP_BENCH_INPUTS to the dedup checkout (the folder holding Fixtures/)")
            }
            let sharedCandidate: URL
            if let path = environment["DEDUP_BENCH_SHARED"], !path.isEmpty {
                sharedCandidate = URL(fileURLWithPath: path, isDirectory: true)
            } else {
                sharedCandidate = repository.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
            }
            var isFolder: ObjCBool = false
            let hasShared = FileManager.default.fileExists(atPath: sharedCandidate.path, isDirectory: &isFolder) && isFolder.boolValue
            return Locations(repository: repository.standardizedFileURL, shared: hasShared ? sharedCandidate.standardizedFileURL : nil)
        }
    }

    /// A problem finding or reading an input.
    struct InputError: Error, CustomStringConvertible {
        /// What went wrong.
        var description: String
        /// An error saying `description`.
        init(_ description: String) { self.description = description }
    }

    /// Reads every input below `locations`.
    init(locations: Locations) throws {
        let fixtures = locations.repository.appendingPathComponent("Fixtures", isDirectory: true)
        let shared = locations.shared

        seed = [try Self.document(fixtures.appendingPathComponent("seed/article.txt"), name: "seed/article.txt")]

        // Evaluation inputs, one per case name: shared's cases first, then fixtures not among them.
        var evalByCase: [String: URL] = [:]
        for folder in [fixtures.appendingPathComponent("eval"), shared?.appendingPathComponent("eval/cases")].compactMap({ $0 }) {
            for name in Self.children(of: folder) {
                let input = folder.appendingPathComponent(name).appendingPathComponent("input.txt")
                if FileManager.default.fileExists(atPath: input.path) { evalByCase[name] = input }
            }
        }
        eval = try evalByCase.keys.sorted().map { try Self.document(evalByCase[$0]!, name: "eval/\($0)/input.txt") }

        // HTML pages, one per file name.
        var htmlByName: [String: URL] = [:]
        for folder in [fixtures.appendingPathComponent("html"), shared?.appendingPathComponent("corpus/html")].compactMap({ $0 }) {
            for url in Self.files(below: folder) where ["html", "htm", "xhtml"].contains(url.pathExtension.lowercased()) {
                htmlByName[url.lastPathComponent] = url
            }
        }
        html = try htmlByName.keys.sorted().map { File(name: "html/\($0)", bytes: try Self.bytes(htmlByName[$0]!)) }

        // Diff pairs: the fixture pair, then shared's.
        var pairs = [Pair(name: "Fixtures/diff",
                          a: try Self.document(fixtures.appendingPathComponent("diff/a.txt"), name: "diff/a.txt"),
                          b: try Self.document(fixtures.appendingPathComponent("diff/b.txt"), name: "diff/b.txt"))]
        if let folder = shared?.appendingPathComponent("eval/diff/pairs") {
            for name in Self.children(of: folder) {
                let a = folder.appendingPathComponent(name).appendingPathComponent("a.txt")
                let b = folder.appendingPathComponent(name).appendingPathComponent("b.txt")
                guard FileManager.default.fileExists(atPath: a.path), FileManager.default.fileExists(atPath: b.path) else { continue }
                pairs.append(Pair(name: name, a: try Self.document(a, name: "\(name)/a.txt"), b: try Self.document(b, name: "\(name)/b.txt")))
            }
        }
        diffPairs = pairs

        let mb = { (bytes: Int) in String(format: "%.2f MB", Double(bytes) / 1_000_000) }
        summary = """
            DedupBenchmarks inputs from \(locations.repository.path)\
            \(shared.map { " and \($0.path)" } ?? " (no shared/ beside it: fixtures only)"): \
            seed \(mb(seed.byteCount)), eval \(eval.count) files \(mb(eval.byteCount)), \
            html \(html.count) pages \(mb(html.reduce(0) { $0 + $1.bytes.count })), \
            diff \(diffPairs.count) pairs \(mb(diffPairs.reduce(0) { $0 + $1.a.bytes.count + $1.b.bytes.count }))
            """
    }

    /// The names in `folder`, sorted, without hidden ones; none when it does not exist.
    private static func children(of folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// Every regular file below `folder`, recursively, sorted by path.
    private static func files(below folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }

    private static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    private static func document(_ url: URL, name: String) throws -> Document {
        do {
            return try Document(bytes: bytes(url), name: name)
        } catch let error as DocumentError {
            throw InputError("\(url.path): \(error)")
        }
    }
}

extension [Document] {
    /// The bytes of all the documents together: what one pass over them processes.
    var byteCount: Int { reduce(0) { $0 + $1.bytes.count } }
}
