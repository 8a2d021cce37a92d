import DedupCore

extension Exporter {
    /// The clean text alone: the kept spans concatenated.
    public static let text = Exporter(
        name: "text",
        summary: "the clean text alone (kept spans concatenated)",
        fileExtension: "txt",
        render: { $0.result.cleanBytes }
    )
}
