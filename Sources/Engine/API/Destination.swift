import DedupPlugins
internal import DedupSystem

/// Where the results of a clean run go.
public enum Destination: Sendable, Equatable {
    /// Standard output, one result after another in input order.
    case standardOutput
    /// One file: the run has one input (not a folder).
    case file(String)
    /// A folder: each result as `FOLDER/NAME.EXT`, a walked folder's tree mirrored below it.
    case folder(String)

    /// The destination `dedup clean -o PATH` means: a file when PATH is not a folder but
    /// ends in an output format's extension (`out.xml`), else a folder; standard output
    /// without PATH. (A file destination takes one input, which is not a folder: see
    /// ``CleanRequest/validate(against:)``.)
    public static func forOutput(_ path: String?, registry: PluginRegistry) -> Destination {
        guard let path else { return .standardOutput }
        return namesAFile(path, registry: registry) ? .file(path) : .folder(path)
    }

    /// Whether `path` names an output file rather than a folder: it is not a folder, does not
    /// end with `/`, and ends in an output format's extension (`out.xml`).
    public static func namesAFile(_ path: String, registry: PluginRegistry) -> Bool {
        !FileIO.isDirectory(path) && !FilePath.endsWithSlash(path) && registry.exporter(forPath: path) != nil
    }
}
