import DedupCore
import DedupPlugins

enum LineStreamCommand {
    static func run(path: String, displayName: String, target: String?, importer: Importer, exporter: Exporter,
                    options: ImportOptions, deduplicator: Deduplicator) throws -> Int {
        throw FileIOError(path: displayName, problem: "JSON Lines streaming is being wired up")
    }
}
