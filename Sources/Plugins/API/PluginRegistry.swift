/// The importers and exporters a run can choose from, looked up by name.
///
/// ``PluginRegistry/builtIn`` lists this package's plugins; a third party builds on it
/// with ``adding(_:)-(Exporter)`` without changing this package.
public struct PluginRegistry: Sendable {
    /// The exporters, in the order `dedup plugins` and `--help` list them.
    public private(set) var exporters: [Exporter]
    /// The importers.
    public private(set) var importers: [Importer]

    /// A registry of exactly these plugins.
    public init(exporters: [Exporter], importers: [Importer]) {
        self.exporters = exporters
        self.importers = importers
    }

    /// Every plugin this package ships.
    public static let builtIn = PluginRegistry(
        exporters: [.text, .json],
        importers: [.plainText]
    )

    /// The exporter called `name`, if any.
    public func exporter(named name: String) -> Exporter? {
        exporters.first { $0.name == name }
    }

    /// The importer called `name`, if any.
    public func importer(named name: String) -> Importer? {
        importers.first { $0.name == name }
    }

    /// A registry with `exporter` added (replacing one of the same name).
    public func adding(_ exporter: Exporter) -> PluginRegistry {
        var copy = self
        copy.exporters.removeAll { $0.name == exporter.name }
        copy.exporters.append(exporter)
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
