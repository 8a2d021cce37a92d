import ArgumentParser
import DedupPlugins

extension DedupCommand {
    /// `dedup plugins`: lists the importers and exporters this build offers.
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the input formats (importers), output formats (exporters) and diff formats this build offers."
        )

        func run() throws {
            let registry = DedupCommand.registry
            let names = registry.importers.map(\.name) + registry.exporters.map(\.name) + registry.diffFormats.map(\.name)
            let width = names.map(\.count).max() ?? 0
            func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
            var out = "Importers (--input-format; chosen by extension otherwise):\n"
            for importer in registry.importers {
                let exts = importer.fileExtensions.map { "." + $0 }.joined(separator: " ")
                out += "  \(pad(importer.name))  \(importer.summary)\(exts.isEmpty ? "" : " [\(exts)]")\n"
            }
            out += "\nExporters (--format; chosen by the output file's extension otherwise):\n"
            for exporter in registry.exporters {
                out += "  \(pad(exporter.name))  \(exporter.summary) [.\(exporter.fileExtension)]\n"
            }
            out += "\nDiff formats (dedup diff --format):\n"
            for format in registry.diffFormats {
                out += "  \(pad(format.name))  \(format.summary)\n"
            }
            try FileIO.writeStandardOutput(Array(out.utf8))
        }
    }
}
