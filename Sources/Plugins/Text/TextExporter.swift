import DedupCore

extension Exporter {
    /// The clean text alone: the kept spans concatenated. Diffs are written as a unified
    /// diff with inline `[-deleted-]{+inserted+}` markers, coloured on a terminal.
    public static let text = Exporter(
        name: "text",
        summary: "the clean text alone (kept spans concatenated)",
        fileExtension: "txt",
        render: { $0.result.cleanBytes },
        renderDiff: { report, options in UnifiedDiffText(report: report, options: options).render() }
    )
}
