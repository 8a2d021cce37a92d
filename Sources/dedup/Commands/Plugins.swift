import ArgumentParser
import DedupEngine
import DedupPlugins

extension DedupCommand {
    /// `dedup plugins`: lists the importers and exporters this build offers.
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plugins",
            abstract:
                "List the input formats (importers), output formats (exporters) and HTML extractors this build offers, and what each exporter writes."
        )

        func run() throws {
            let registry = DedupCommand.registry
            let names = registry.importers.map(\.name) + registry.exporters.map(\.name) + registry.extractors.map(\.name)
            let width = names.map(\.count).max() ?? 0
            func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
            var out = "Importers (--input-format; chosen by extension otherwise):\n"
            for importer in registry.importers {
                let exts = importer.fileExtensions.map { "." + $0 }.joined(separator: " ")
                out += "  \(pad(importer.name))  \(importer.summary)\(exts.isEmpty ? "" : " [\(exts)]")\n"
            }
            out += "\nExporters (--format; chosen by the output file's extension otherwise):\n"
            for exporter in registry.exporters {
                var writes = ["clean"]
                if exporter.renderDiff != nil { writes.append("diff") }
                if let index = exporter.batchIndex { writes.append("batch \(index.fileName)") }
                out += "  \(pad(exporter.name))  \(exporter.summary) [.\(exporter.fileExtension); \(writes.joined(separator: ", "))]\n"
            }
            out += "\nExtractors (--extract; HTML: what of a page is its text):\n"
            for extractor in registry.extractors {
                out += "  \(pad(extractor.name))  \(extractor.summary)\(extractor.name == "article" ? " [default]" : "")\n"
            }
            try FileIO.writeStandardOutput(Array(out.utf8))
        }
    }
}
