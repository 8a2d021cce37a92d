import DedupCore

extension Exporter {
    /// A review page to open in a browser: one self-contained HTML file (one inline style
    /// sheet, no script, no other file) showing the whole document with each removed span
    /// struck through on the colour of its reason, tagged with its reason and linked to the
    /// span it repeats. Each repeated span starts at a mark linking back to its removals,
    /// and is highlighted when reached from one.
    /// A header gives the source (and the page or encoding it came from), the bytes kept and
    /// the bytes removed by reason, and a numbered list of the removals.
    ///
    /// Diffs (`dedup diff --format html`) become a page of the two documents side by side
    /// or inline (``DiffRenderOptions/layout``), moved blocks linked to where they went.
    /// A batch (`dedup clean --format html -o DIR`) also writes `DIR/index.html`, listing
    /// every document with its figures, sortable without a script by bytes removed, share
    /// removed, size or input order.
    ///
    /// Everything from the input is escaped and shows as text.
    public static let html = Exporter(
        name: "html",
        summary: "a review page: the document with each removal struck through, its reason, and a link to what it repeats",
        fileExtension: "html",
        render: { CleanReportHTML(cleaned: $0).render() },
        renderDiff: { report, options in DiffReportHTML(report: report, layout: options.layout).render() },
        batchIndex: BatchIndex(
            fileName: "index.html", render: { BatchIndexHTML.render($0) },
            readFigures: { BatchIndexHTML.readFigures($0) })
    )
}

/// Renders one cleaned document as a review page (see ``Exporter/html``).
struct CleanReportHTML {
    let cleaned: CleanedDocument
    private var bytes: [UInt8] { cleaned.result.document.bytes }

    init(cleaned: CleanedDocument) {
        self.cleaned = cleaned
    }

    /// A range of the document that a removal repeats, with the removals (by number) that
    /// repeat it.
    struct Source {
        var range: Range<Int>
        var removals: [Int]
    }

    /// Name of the `<meta>` element whose content holds the page's figures, which a batch
    /// reads back from a page it skips (`--skip-existing`) to list it in its index.
    static let figuresMetaName = "dedup-figures"

    func render() -> [UInt8] {
        let result = cleaned.result
        let removals = result.spans.filter { $0.action == .remove }
        // The distinct ranges that removals repeat, in document order, numbered from 1.
        var sourceIndex: [ByteRange: Int] = [:]
        var sources: [Source] = []
        for (n, span) in removals.enumerated() {
            guard let dup = span.duplicateOf else { continue }
            let start = HTMLPage.characterStart(dup.start, in: bytes)
            let end = HTMLPage.characterStart(dup.end, in: bytes)
            guard start < end else { continue }
            if let i = sourceIndex[dup] {
                sources[i].removals.append(n + 1)
            } else {
                sourceIndex[dup] = sources.count
                sources.append(Source(range: start..<end, removals: [n + 1]))
            }
        }
        let order = sources.indices.sorted {
            (sources[$0].range.lowerBound, sources[$0].range.upperBound) < (sources[$1].range.lowerBound, sources[$1].range.upperBound)
        }
        var number = [Int](repeating: 0, count: sources.count)  // position in document order, from 1
        for (k, i) in order.enumerated() { number[i] = k + 1 }
        let sourceOfRemoval: [Int?] = removals.map { span in span.duplicateOf.flatMap { sourceIndex[$0] }.map { number[$0] } }
        let ordered = order.map { sources[$0] }

        // Following a removal's link highlights the span it repeats: the piece right after
        // its mark (a shared rule), and for a span cut into pieces (by a span boundary, or
        // another repeated span) the later pieces too (a rule each, up to a limit).
        var extra =
            ".cite:target + .src, .cite:target + .cite + .src, .cite:target + .cite + .cite + .src { background: var(--source-bg); }\n"
        for k in Self.piecedSources(ordered, spans: result.spans, in: bytes).prefix(Self.highlightRuleLimit) {
            extra += "#src-\(k + 1):target ~ .s\(k + 1), #src-\(k + 1):target ~ * .s\(k + 1) { background: var(--source-bg); }\n"
        }
        let name = cleaned.result.document.name
        var w = HTMLWriter(capacity: bytes.count * 5 / 4 + 16_384 + removals.count * 400)
        HTMLPage.begin(
            &w, title: "dedup: \(name)", bodyClass: "report clean", extraStyle: extra,
            meta: [(Self.figuresMetaName, figures())])
        header(&w, removals: removals, sourceOfRemoval: sourceOfRemoval)
        w.raw("<main>\n<h2>Document</h2>\n")
        text(&w, removals: removals, sourceOfRemoval: sourceOfRemoval, sources: ordered)
        w.raw("</main>\n")
        HTMLPage.end(
            &w,
            footer:
                "Written by dedup. Offsets are UTF-8 byte offsets into the text, half-open; the spans tile it, and the clean text is the kept spans in order."
        )
        return w.bytes
    }

    /// Rules that highlight the later pieces of a repeated span are written for this many
    /// spans at most (each is a line of style, and a browser checks each on every jump);
    /// beyond it, the link still jumps to the span and lights its first piece.
    static let highlightRuleLimit = 500

    /// Removals listed in the header at most; the document shows them all.
    static let navigationLimit = 1_000

    /// The repeated spans (indices of `sources`) that are cut into more than one piece: a
    /// span boundary or another repeated span's edge falls inside them.
    static func piecedSources(_ sources: [Source], spans: [Span], in bytes: [UInt8]) -> [Int] {
        var cuts = spans.map { HTMLPage.characterStart($0.start, in: bytes) }
        for source in sources {
            cuts.append(source.range.lowerBound)
            cuts.append(source.range.upperBound)
        }
        cuts.sort()
        return sources.indices.filter { k in
            let range = sources[k].range
            // The first cut after the start: inside the range?
            var lo = 0, hi = cuts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if cuts[mid] <= range.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            return lo < cuts.count && cuts[lo] < range.upperBound
        }
    }

    /// The figures for the `<meta>` element: `input=… text=… removed.REASON=…`.
    func figures() -> String {
        var parts = ["input=\(cleaned.origin?.size ?? bytes.count)", "text=\(bytes.count)"]
        let removed = cleaned.result.removedBytesByReason
        for reason in RemovalReason.allCases {
            if let n = removed[reason] { parts.append("removed.\(reason.rawValue)=\(n)") }
        }
        return parts.joined(separator: " ")
    }

    private func header(_ w: inout HTMLWriter, removals: [Span], sourceOfRemoval: [Int?]) {
        let result = cleaned.result
        let total = bytes.count
        let removed = result.removedBytesByReason
        let removedTotal = removed.values.reduce(0, +)
        w.raw("<header>\n<h1>")
        w.name(result.document.name)
        w.raw(
            "</h1>\n<p class=\"kind\">What dedup removed from this document, and why.</p>\n<div class=\"summary\">\n<dl class=\"about\">\n")
        if let origin = cleaned.origin {
            w.raw("<dt>Input</dt><dd>")
            w.name(origin.path)
            w.raw(" (")
            w.text(origin.format)
            w.raw(", \(HTMLPage.bytes(origin.size)), ")
            w.text(origin.encoding)
            w.raw(")</dd>\n")
            w.raw("<dt>Text</dt><dd>\(HTMLPage.bytes(total)) ")
            w.raw(origin.blocks.isEmpty ? "decoded from it" : "extracted from \(HTMLPage.grouped(origin.blocks.count)) blocks of it")
            w.raw("</dd>\n")
        } else {
            w.raw("<dt>Text</dt><dd>\(HTMLPage.bytes(total))</dd>\n")
        }
        w.raw("<dt>Kept</dt><dd>\(HTMLPage.bytes(total - removedTotal)) (\(HTMLPage.percent(total - removedTotal, of: total)))</dd>\n")
        w.raw(
            "<dt>Removed</dt><dd>\(HTMLPage.bytes(removedTotal)) (\(HTMLPage.percent(removedTotal, of: total))) in \(removals.count) \(removals.count == 1 ? "span" : "spans")</dd>\n"
        )
        w.raw("</dl>\n")

        w.raw(
            "<table class=\"figures\">\n<thead><tr><th></th><th class=\"n\">bytes</th><th class=\"n\">share</th><th class=\"n\">spans</th></tr></thead>\n<tbody>\n"
        )
        w.raw(
            "<tr><td>kept</td><td class=\"n\">\(HTMLPage.grouped(total - removedTotal))</td><td class=\"n\">\(HTMLPage.percent(total - removedTotal, of: total))</td><td class=\"n\">\(result.spans.count - removals.count)</td></tr>\n"
        )
        for reason in RemovalReason.allCases {
            guard let n = removed[reason] else { continue }
            let spans = removals.count(where: { $0.reason == reason })
            w.raw(
                "<tr><td><span class=\"swatch \(reason.rawValue)\"></span>removed: \(HTMLPage.label(reason))</td><td class=\"n\">\(HTMLPage.grouped(n))</td><td class=\"n\">\(HTMLPage.percent(n, of: total))</td><td class=\"n\">\(spans)</td></tr>\n"
            )
        }
        w.raw(
            "<tr class=\"total\"><td>text</td><td class=\"n\">\(HTMLPage.grouped(total))</td><td class=\"n\">\(HTMLPage.percent(total, of: total))</td><td class=\"n\">\(result.spans.count)</td></tr>\n"
        )
        w.raw("</tbody>\n</table>\n</div>\n")

        w.raw("<div class=\"legend\">\n")
        for reason in RemovalReason.allCases where removed[reason] != nil {
            w.raw("<p><span class=\"tag \(reason.rawValue)\">\(HTMLPage.label(reason))</span> \(HTMLPage.explanation(reason)).</p>\n")
        }
        if removals.isEmpty {
            w.raw("<p>Nothing was removed: the document has no duplicated section.</p>\n")
        } else {
            w.raw(
                "<p>Removed text is struck through on the colour of its reason. Its tag links to the text it repeats, which starts at a mark such as <span class=\"cite\">↓ 1</span> (its links lead back to the removals) and is highlighted when reached by the link.</p>\n"
            )
        }
        w.raw("</div>\n</header>\n")

        guard !removals.isEmpty else { return }
        w.raw("<nav>\n<h2>Removals</h2>\n<ol class=\"removals\">\n")
        for (i, span) in removals.enumerated().prefix(Self.navigationLimit) {
            let reason = span.reason
            w.raw("<li><a class=\"tag \(reason?.rawValue ?? "")\" href=\"#rm-\(i + 1)\">\(reason.map(HTMLPage.label) ?? "removed")</a>")
            w.raw("\(HTMLPage.bytes(span.range.count)), bytes <span class=\"mono\">\(span.start)–\(span.end)</span>")
            if let dup = span.duplicateOf {
                w.raw(", repeats ")
                if let k = sourceOfRemoval[i] { w.raw("<a href=\"#src-\(k)\">") }
                w.raw("bytes <span class=\"mono\">\(dup.start)–\(dup.end)</span>")
                if sourceOfRemoval[i] != nil { w.raw("</a>") }
            }
            if let across = span.acrossDocuments {
                w.raw(", ")
                w.text(Self.describe(across))
            }
            w.raw(" <span class=\"snippet\">")
            w.text(HTMLPage.snippet(bytes, span.start..<span.end))
            w.raw("</span></li>\n")
        }
        if removals.count > Self.navigationLimit {
            w.raw("<li>and \(HTMLPage.grouped(removals.count - Self.navigationLimit)) more, marked in the document</li>\n")
        }
        w.raw("</ol>\n</nav>\n")
    }

    /// What a cross-document removal repeats, in words: the document and how much of this
    /// one it holds, or the number of documents a boilerplate line is in.
    static func describe(_ across: CrossDocumentEvidence) -> String {
        if let document = across.document {
            let share = across.containedPerMille.map { " (\($0 / 10).\($0 % 10)% of it found there)" } ?? ""
            return "repeats the document \(document)\(share)"
        }
        if let documents = across.documents { return "in the frame of \(documents) documents" }
        return "repeats other documents"
    }

    /// The document: each span in turn, removed ones in a `<del>` with their tag; the pieces
    /// that removals repeat in `<span class="src sK">` (highlighted when `#src-K` is the
    /// target), with a mark linking back to the removals where such a range starts.
    private func text(_ w: inout HTMLWriter, removals: [Span], sourceOfRemoval: [Int?], sources: [Source]) {
        let lang = HTMLPage.cjkLanguage(of: bytes)
        w.raw(lang.map { "<div class=\"text\" lang=\"\($0)\">" } ?? "<div class=\"text\">")
        // Boundaries where the set of sources covering the text changes.
        var events: [(at: Int, source: Int, opens: Bool)] = []
        for (k, source) in sources.enumerated() {
            events.append((source.range.lowerBound, k, true))
            events.append((source.range.upperBound, k, false))
        }
        events.sort { ($0.at, $0.opens ? 1 : 0) < ($1.at, $1.opens ? 1 : 0) }  // closings first
        var nextEvent = 0
        var open: [Int] = []  // sources covering the current position, by number order
        var removal = 0
        for span in cleaned.result.spans {
            let start = HTMLPage.characterStart(span.start, in: bytes)
            let end = HTMLPage.characterStart(span.end, in: bytes)
            if span.action == .remove {
                removal += 1
                let label = span.reason.map(HTMLPage.label) ?? "removed"
                w.raw("<del class=\"rm \(span.reason?.rawValue ?? "removed")\" id=\"rm-\(removal)\" title=\"")
                var title = "#\(removal) \(label): bytes \(span.start)–\(span.end)"
                if let dup = span.duplicateOf { title += ", repeats bytes \(dup.start)–\(dup.end)" }
                if let across = span.acrossDocuments { title += ", " + Self.describe(across) }
                w.text(title)
                w.raw("\">")
                if let k = sourceOfRemoval[removal - 1] {
                    w.raw("<a class=\"tag\" href=\"#src-\(k)\">#\(removal) \(label) ↑</a>")
                } else {
                    w.raw("<span class=\"tag\">#\(removal) \(label)</span>")
                }
            }
            var position = start
            while position < end {
                // Apply the events at this position: close ended sources, open new ones.
                while nextEvent < events.count && events[nextEvent].at <= position {
                    let event = events[nextEvent]
                    nextEvent += 1
                    if event.opens {
                        open.append(event.source)
                        cite(&w, number: event.source + 1, removals: sources[event.source].removals)
                    } else {
                        open.removeAll { $0 == event.source }
                    }
                }
                let pieceEnd = nextEvent < events.count ? min(end, events[nextEvent].at) : end
                if open.isEmpty {
                    w.text(bytes[position..<pieceEnd])
                } else {
                    w.raw("<span class=\"src")
                    for k in open.sorted() { w.raw(" s\(k + 1)") }
                    w.raw("\">")
                    w.text(bytes[position..<pieceEnd])
                    w.raw("</span>")
                }
                position = pieceEnd
            }
            if span.action == .remove { w.raw("</del>") }
        }
        w.raw("</div>\n")
    }

    /// The mark where a repeated span starts: its anchor, with links to the removals that
    /// repeat it.
    private func cite(_ w: inout HTMLWriter, number: Int, removals: [Int]) {
        w.raw("<span class=\"cite\" id=\"src-\(number)\" title=\"repeated by removal")
        w.raw(removals.count == 1 ? "" : "s")
        w.raw(" \(removals.map { "#\($0)" }.joined(separator: ", "))\">↓")
        for n in removals { w.raw(" <a href=\"#rm-\(n)\">\(n)</a>") }
        w.raw("</span>")
    }
}
