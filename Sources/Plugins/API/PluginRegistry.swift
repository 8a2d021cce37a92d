internal import DedupSystem

/// The importers and exporters a run can choose from, looked up by name or file extension.
///
/// ``PluginRegistry/builtIn`` lists this package's plugins; a third party builds on it
/// with ``adding(_:)-(Exporter)`` without changing this package, and hands the result to
/// the command line (`DedupCommand.main(registry:)`).
public struct PluginRegistry: Sendable {
    /// The exporters, in the order `dedup plugins` lists them.
    public private(set) var exporters: [Exporter]
    /// The importers, in the order `dedup plugins` lists them.
    public private(set) var importers: [Importer]
    /// The HTML article extractors (`--extract`), in the order `dedup plugins` lists them.
    public private(set) var extractors: [Extractor]
    /// A registry of exactly these plugins.
    public init(exporters: [Exporter], importers: [Importer], extractors: [Extractor] = [.article, .page]) {
        self.exporters = exporters
        self.importers = importers
        self.extractors = extractors
    }

    /// Every plugin this package ships.
    public static let builtIn = PluginRegistry(
        exporters: [.text, .json, .xml, .jsonLines, .html],
        importers: [.plainText, .html, .jsonLines],
        extractors: [.article, .page]
    )

    /// The extractor called `name`, if any.
    public func extractor(named name: String) -> Extractor? {
        extractors.first { $0.name == name }
    }

    /// The exporter called `name`, if any.
    public func exporter(named name: String) -> Exporter? {
        exporters.first { $0.name == name }
    }

    /// The importer called `name`, if any.
    public func importer(named name: String) -> Importer? {
        importers.first { $0.name == name }
    }

    /// The exporters that write document diffs (`dedup diff --format`), in registry order.
    public var diffExporters: [Exporter] {
        exporters.filter { $0.renderDiff != nil }
    }

    /// The exporter whose outputs take the extension of `path` (`out.xml` → `xml`), if any.
    public func exporter(forPath path: String) -> Exporter? {
        guard let ext = FilePath.fileExtension(of: path) else { return nil }
        return exporters.first { $0.fileExtension.lowercased() == ext }
    }

    /// The importer that claims the extension of `path` (`page.html` → `html`), if any.
    public func importer(forPath path: String) -> Importer? {
        guard let ext = FilePath.fileExtension(of: path) else { return nil }
        return importers.first { $0.fileExtensions.contains(ext) }
    }

    /// A registry with `exporter` added (replacing one of the same name).
    public func adding(_ exporter: Exporter) -> PluginRegistry {
        var copy = self
        copy.exporters.removeAll { $0.name == exporter.name }
        copy.exporters.append(exporter)
        return copy
    }

    /// A registry with `extractor` added (replacing one of the same name).
    public func adding(_ extractor: Extractor) -> PluginRegistry {
        var copy = self
        copy.extractors.removeAll { $0.name == extractor.name }
        copy.extractors.append(extractor)
        return copy
    }

    /// A registry with `importer` added (replacing one of the same name).
    public func adding(_ importer: Importer) -> PluginRegistry {
        var copy = self
        copy.importers.removeAll { $0.name == importer.name }
        copy.importers.append(importer)
        return copy
    }

}
