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

/// A diff with the names of its two sides: what an exporter's ``Exporter/renderDiff`` renders.
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

/// How a diff rendering looks.
public struct DiffRenderOptions: Sendable, Equatable {
    /// How a page shows the two documents.
    public enum Layout: String, Sendable, Equatable, CaseIterable {
        /// A before and an after column, the rows aligned.
        case sideBySide = "side-by-side"
        /// One column: deletions struck through where they were, insertions beside them.
        case inline
    }

    /// Whether to colour with ANSI escapes (text format only).
    public var color = false
    /// Lines of unchanged text shown around each change (text format only).
    public var context = 3
    /// Columns or one column (html format only).
    public var layout = Layout.sideBySide

    /// The defaults: no colour, three lines of context, side by side.
    public init(color: Bool = false, context: Int = 3, layout: Layout = .sideBySide) {
        self.color = color
        self.context = context
        self.layout = layout
    }
}
