import DedupCore

/// Where one side of a diff came from.
public struct DiffSource: Sendable, Equatable {
    /// The path given (`-` for standard input).
    public var path: String
    /// True when the diffed text is the document after cleaning (`dedup diff --dedup`):
    /// the diff's ranges then refer to the cleaned text, not to the file.
    public var cleaned: Bool
    /// Size in bytes of the file itself (equal to the diffed text's size unless cleaned).
    public var fileSize: Int

    /// A source; `fileSize` defaults to nothing being cleaned away.
    public init(path: String, cleaned: Bool = false, fileSize: Int) {
        self.path = path
        self.cleaned = cleaned
        self.fileSize = fileSize
    }
}

/// A diff with the names of its two sides: what a ``DiffFormat`` renders.
public struct DiffReport: Sendable {
    /// The diff.
    public var result: DiffResult
    /// The first document (the diff's A).
    public var a: DiffSource
    /// The second document (the diff's B).
    public var b: DiffSource

    /// A report of `result` between `a` and `b`.
    public init(result: DiffResult, a: DiffSource, b: DiffSource) {
        self.result = result
        self.a = a
        self.b = b
    }
}

/// How a text rendering looks.
public struct DiffRenderOptions: Sendable, Equatable {
    /// Whether to colour with ANSI escapes (text format only).
    public var color = false
    /// Lines of unchanged text shown around each change (text format only).
    public var context = 3

    /// The defaults: no colour, three lines of context.
    public init(color: Bool = false, context: Int = 3) {
        self.color = color
        self.context = context
    }
}

/// Writes a document diff in one format. A plain value, like ``Exporter``: a name, a
/// one-line summary and the function that renders the bytes. The built-in formats are
/// ``text``, ``json`` and ``xml``.
public struct DiffFormat: Sendable {
    /// The `--format` name.
    public var name: String
    /// One line for help texts.
    public var summary: String
    /// Renders one diff.
    public var render: @Sendable (DiffReport, DiffRenderOptions) throws -> [UInt8]

    /// A format; see the properties for what each argument means.
    public init(name: String, summary: String,
                render: @escaping @Sendable (DiffReport, DiffRenderOptions) throws -> [UInt8]) {
        self.name = name
        self.summary = summary
        self.render = render
    }

    /// The formats this package ships (also in ``PluginRegistry/builtIn``).
    public static let builtIn: [DiffFormat] = [.text, .json, .xml]
}
