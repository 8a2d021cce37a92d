import DedupCore
import DedupPlugins

extension Exporter {
    /// The clean text as a Markdown document: a front matter with the source and the bytes
    /// removed by reason, the text itself, then a "Removed" section quoting each removal with
    /// its reason and the span it repeats.
    public static let markdown = Exporter(
        name: "markdown",
        summary: "clean text as Markdown, with a list of what was removed and why (example plugin)",
        fileExtension: "md",
        render: { Array(MarkdownReport.render($0).utf8) }
    )
}

/// Builds the Markdown text of ``Exporter/markdown``.
public enum MarkdownReport {
    /// Longest quote of a removed span, in characters.
    public static let quoteLength = 160

    /// The Markdown document for `cleaned`.
    public static func render(_ cleaned: CleanedDocument) -> String {
        let result = cleaned.result
        let removed = result.removedBytesByReason
        var out = "---\n"
        out += "source: \(yamlString(cleaned.origin?.path ?? result.document.name))\n"
        out += "bytes: \(result.document.bytes.count)\n"
        out += "kept: \(result.cleanBytes.count)\n"
        for reason in RemovalReason.allCases {
            if let bytes = removed[reason] { out += "removed-\(reason.rawValue): \(bytes)\n" }
        }
        out += "---\n\n"
        out += result.cleanText
        if !out.hasSuffix("\n") { out += "\n" }
        let removals = result.spans.filter { $0.action == .remove }
        guard !removals.isEmpty else { return out }
        out += "\n## Removed\n\n"
        for (i, span) in removals.enumerated() {
            let text = String(decoding: result.document.bytes[span.range.range], as: UTF8.self)
            var line = "\(i + 1). **\(span.reason?.rawValue ?? "removed")**, bytes \(span.start)–\(span.end)"
            if let dup = span.duplicateOf { line += ", repeats bytes \(dup.start)–\(dup.end)" }
            out += line + ":\n   > " + quote(text) + "\n"
        }
        return out
    }

    /// One line of `text`, whitespace collapsed, cut to ``quoteLength`` characters, with
    /// Markdown's special characters escaped.
    static func quote(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        var line = words.joined(separator: " ")
        if line.count > quoteLength { line = String(line.prefix(quoteLength)) + "…" }
        var escaped = ""
        for c in line {
            if "\\`*_[]<>#|".contains(c) { escaped.append("\\") }
            escaped.append(c)
        }
        return escaped
    }

    static func yamlString(_ s: String) -> String {
        "\"" + s.flatMap { c -> [Character] in c == "\\" || c == "\"" ? ["\\", c] : [c] } + "\""
    }
}
