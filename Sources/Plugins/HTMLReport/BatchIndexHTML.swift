import DedupCore

/// Renders a batch's `index.html` (``Exporter/batchIndex`` of ``Exporter/html``): totals,
/// the inputs that failed, and a table of every document linking to its report.
///
/// The table is sortable without a script: rows come sorted by bytes removed (most first),
/// and each sortable column's heading links to a fragment (`#by-share`, `#by-size`,
/// `#by-name`, `#by-input`) that the style sheet turns into a flexbox order, from numbers
/// each row carries. Inputs without figures (failed ones) come last in the orders by a figure.
enum BatchIndexHTML {
    static func render(_ entries: [BatchIndexEntry]) -> [UInt8] {
        let cleaned = entries.count(where: { $0.status == .cleaned })
        let skipped = entries.count(where: { $0.status == .skipped })
        let failed = entries.filter(\.failed)
        let figures = entries.compactMap(\.figures)
        var removedByReason: [RemovalReason: Int] = [:]
        for f in figures { removedByReason.merge(f.removedBytesByReason, uniquingKeysWith: +) }
        let textBytes = figures.reduce(0) { $0 + $1.textBytes }
        let inputBytes = figures.reduce(0) { $0 + $1.inputBytes }
        let removed = removedByReason.values.reduce(0, +)
        let changed = figures.count(where: { $0.removedBytes > 0 })

        var w = HTMLWriter(capacity: 8_192 + entries.count * 600)
        HTMLPage.begin(&w, title: "dedup: \(entries.count) documents", bodyClass: "report index")
        w.raw("<header>\n<h1>dedup batch: \(HTMLPage.grouped(entries.count)) \(entries.count == 1 ? "document" : "documents")</h1>\n")
        w.raw("<p class=\"kind\">What dedup removed from each document. Open a document for its removals and what they repeat.</p>\n")
        w.raw("<dl class=\"about\">\n")
        w.raw("<dt>Cleaned</dt><dd>\(HTMLPage.grouped(cleaned))</dd>\n")
        if skipped > 0 { w.raw("<dt>Skipped</dt><dd>\(HTMLPage.grouped(skipped)) (their reports existed)</dd>\n") }
        if !failed.isEmpty { w.raw("<dt>Failed</dt><dd>\(HTMLPage.grouped(failed.count)) (listed below)</dd>\n") }
        w.raw("<dt>Changed</dt><dd>\(HTMLPage.grouped(changed)) of \(HTMLPage.grouped(figures.count))</dd>\n")
        w.raw("<dt>Input</dt><dd>\(HTMLPage.bytes(inputBytes))</dd>\n")
        w.raw("<dt>Text</dt><dd>\(HTMLPage.bytes(textBytes))</dd>\n")
        w.raw("<dt>Kept</dt><dd>\(HTMLPage.bytes(textBytes - removed)) (\(HTMLPage.percent(textBytes - removed, of: textBytes)))</dd>\n")
        w.raw("<dt>Removed</dt><dd>\(HTMLPage.bytes(removed)) (\(HTMLPage.percent(removed, of: textBytes)))")
        let reasons = RemovalReason.allCases.filter { removedByReason[$0] != nil }
        if !reasons.isEmpty {
            w.raw(": ")
            w.raw(
                reasons.map {
                    "<span class=\"swatch \($0.rawValue)\"></span>\(HTMLPage.label($0)) \(HTMLPage.bytes(removedByReason[$0] ?? 0))"
                }
                .joined(separator: ", "))
        }
        w.raw("</dd>\n</dl>\n")
        if !failed.isEmpty {
            w.raw("<h2>Failed</h2>\n<ul class=\"problems\">\n")
            for entry in failed {
                guard case .failed(let problem) = entry.status else { continue }
                w.raw("<li><span class=\"mono\">")
                w.name(entry.source)
                w.raw("</span>: ")
                w.name(problem)
                w.raw("</li>\n")
            }
            w.raw("</ul>\n")
        }
        w.raw("</header>\n<main>\n<h2>Documents</h2>\n")
        w.raw("<p class=\"legend\">Sorted by bytes removed, most first; a column's heading sorts by it.</p>\n")

        // Each order as a rank per entry; entries without figures come last in every one.
        func ranks(_ key: (BatchIndexEntry.Figures) -> Double) -> [Int] {
            let keys = entries.map { $0.figures.map(key) }
            let order = entries.indices.sorted { i, j in
                switch (keys[i], keys[j]) {
                case (let x?, let y?): return x != y ? x > y : i < j
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return i < j
                }
            }
            var rank = [Int](repeating: 0, count: entries.count)
            for (r, i) in order.enumerated() { rank[i] = r }
            return rank
        }
        let byRemoved = ranks { Double($0.removedBytes) }
        let byShare = ranks { $0.textBytes > 0 ? Double($0.removedBytes) / Double($0.textBytes) : 0 }
        let bySize = ranks { Double($0.textBytes) }
        let nameOrder = entries.indices.sorted { i, j in
            entries[i].source == entries[j].source ? i < j : entries[i].source.utf8.lexicographicallyPrecedes(entries[j].source.utf8)
        }
        var byName = [Int](repeating: 0, count: entries.count)
        for (r, i) in nameOrder.enumerated() { byName[i] = r }

        w.raw("<div id=\"by-input\"><div id=\"by-name\"><div id=\"by-share\"><div id=\"by-size\"><div id=\"by-removed\">\n")
        w.raw("<table class=\"index\">\n<thead><tr>")
        w.raw("<th class=\"by-name\"><span><a href=\"#by-name\">document</a> (<a href=\"#by-input\">input order</a>)</span></th>")
        w.raw("<th class=\"n by-size\"><span><a href=\"#by-size\">text bytes</a></span></th>")
        w.raw("<th class=\"n\">kept</th>")
        w.raw("<th class=\"n by-removed\"><span><a href=\"#by-removed\">removed</a></span></th>")
        w.raw("<th class=\"n by-share\"><span><a href=\"#by-share\">share</a></span></th>")
        w.raw("<th class=\"n\">later copy</th><th class=\"n\">truncated fragment</th><th class=\"n\">adjacent repeat</th>")
        // Columns of cross-document reasons, when the batch was cleaned across documents.
        let acrossReasons = [RemovalReason.boilerplate].filter { reason in
            entries.contains { $0.figures?.removedBytesByReason[reason] != nil || $0.repeats != nil }
        }
        for reason in acrossReasons { w.raw("<th class=\"n\">\(HTMLPage.label(reason))</th>") }
        w.raw("<th>status</th></tr></thead>\n<tbody>\n")
        for i in entries.indices.sorted(by: { byRemoved[$0] < byRemoved[$1] }) {
            let entry = entries[i]
            let status: String
            switch entry.status {
            case .cleaned: status = "cleaned"
            case .skipped: status = "skipped"
            case .failed: status = "failed"
            }
            w.raw("<tr class=\"\(status)\" style=\"--input:\(i);--name:\(byName[i]);--share:\(byShare[i]);--size:\(bySize[i])\"><td>")
            if let output = entry.output, !entry.failed {
                w.raw("<a href=\"")
                w.text(Self.href(output))
                w.raw("\">")
                w.name(entry.source)
                w.raw("</a>")
            } else {
                w.name(entry.source)
            }
            w.raw("</td>")
            if let f = entry.figures {
                w.raw("<td class=\"n\">\(HTMLPage.grouped(f.textBytes))</td>")
                w.raw("<td class=\"n\">\(HTMLPage.grouped(f.keptBytes))</td>")
                w.raw("<td class=\"n\">\(HTMLPage.grouped(f.removedBytes))</td>")
                w.raw("<td class=\"n\">\(HTMLPage.percent(f.removedBytes, of: f.textBytes))</td>")
                for reason in [RemovalReason.laterCopy, .truncatedFragment, .adjacentRepeat] + acrossReasons {
                    w.raw("<td class=\"n\">\(HTMLPage.grouped(f.removedBytesByReason[reason] ?? 0))</td>")
                }
            } else {
                w.raw(String(repeating: "<td class=\"n\"></td>", count: 7 + acrossReasons.count))
            }
            w.raw("<td>")
            switch entry.status {
            case .cleaned:
                if let repeats = entry.repeats {
                    // Dropped whole: link to the document it repeats.
                    w.raw("dropped, repeats ")
                    if let output = repeats.output {
                        w.raw("<a href=\"")
                        w.text(Self.href(output))
                        w.raw("\">")
                        w.name(repeats.source)
                        w.raw("</a>")
                    } else {
                        w.name(repeats.source)
                    }
                } else {
                    w.raw(entry.figures?.removedBytesByReason[.whitespaceOnly] != nil ? "whitespace only" : "cleaned")
                }
            case .skipped: w.raw("skipped")
            case .failed(let problem):
                w.raw("failed: ")
                w.name(problem)
            }
            w.raw("</td></tr>\n")
        }
        w.raw("</tbody>\n</table>\n</div></div></div></div></div>\n</main>\n")
        HTMLPage.end(
            &w,
            footer: "Written by dedup. Bytes are UTF-8 bytes of each document's text (extracted from HTML, decoded from other encodings).")
        return w.bytes
    }

    /// Reads the figures back from a page ``CleanReportHTML`` wrote: its `dedup-figures`
    /// `<meta>` element, in the page's head.
    static func readFigures(_ page: [UInt8]) -> BatchIndexEntry.Figures? {
        let head = page.prefix(16_384)
        let marker = Array("<meta name=\"\(CleanReportHTML.figuresMetaName)\" content=\"".utf8)
        guard head.count >= marker.count,
            let at = (0...(head.count - marker.count)).first(where: { head[$0..<($0 + marker.count)].elementsEqual(marker) }),
            let end = head[(at + marker.count)...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        let content = String(decoding: head[(at + marker.count)..<end], as: UTF8.self)
        var input: Int?, text: Int?
        var removed: [RemovalReason: Int] = [:]
        for field in content.split(separator: " ") {
            let parts = field.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1]), value >= 0 else { return nil }
            switch parts[0] {
            case "input": input = value
            case "text": text = value
            case let key where key.hasPrefix("removed."):
                guard let reason = RemovalReason(rawValue: String(key.dropFirst("removed.".count))) else { return nil }
                removed[reason] = value
            default: continue
            }
        }
        guard let input, let text else { return nil }
        return BatchIndexEntry.Figures(inputBytes: input, textBytes: text, removedBytesByReason: removed)
    }

    /// `path` as a relative URL: each segment percent-encoded where a URL needs it.
    static func href(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return "./" + out
    }
}
