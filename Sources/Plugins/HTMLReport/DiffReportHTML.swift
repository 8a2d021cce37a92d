import DedupCore

/// Renders a document diff as a review page (``Exporter/renderDiff`` of ``Exporter/html``):
/// the two documents side by side (a row per piece, aligned) or inline (one column), with
/// deletions struck through, insertions underlined and edits inside changed paragraphs
/// marked by word or CJK character. A moved block shows twice: struck through where it was,
/// with a link to where it went, and where it went, with a link back and its own edits.
struct DiffReportHTML {
    let report: DiffReport
    let layout: DiffRenderOptions.Layout

    private var result: DiffResult { report.result }

    /// One row of the page. Ops come in the order of A; a move's destination row is placed
    /// where its text is in B.
    enum Row: Equatable {
        case op(Int)
        case moveFrom(Int)
        case moveTo(Int)
    }

    /// Changes listed in the header's navigation at most; the page shows them all.
    static let navigationLimit = 500

    func render() -> [UInt8] {
        let rows = Self.rows(result.ops, isSpacing: { Self.isSpacing(result.a, $0.a) && Self.isSpacing(result.b, $0.b) })
        var moveNumber: [Int: Int] = [:]
        for (i, op) in result.ops.enumerated() where op.kind == .move { moveNumber[i] = moveNumber.count + 1 }
        let title = "dedup diff: \(report.a.path) → \(report.b.path)"
        var w = HTMLWriter(capacity: (result.a.count + result.b.count) * 5 / 4 + 16_384)
        HTMLPage.begin(&w, title: title, bodyClass: "report diff")
        header(&w, rows: rows, moveNumber: moveNumber)
        w.raw("<main>\n<h2>\(layout == .inline ? "Changes in place" : "Side by side")</h2>\n")
        let lang = HTMLPage.cjkLanguage(of: result.a) ?? HTMLPage.cjkLanguage(of: result.b)
        w.raw("<div class=\"ops \(layout == .inline ? "inline" : "columns")\"\(lang.map { " lang=\"\($0)\"" } ?? "")>\n")
        if layout == .sideBySide {
            w.raw("<div class=\"row head\"><div class=\"a\">A: ")
            w.name(report.a.path)
            w.raw("</div><div class=\"b\">B: ")
            w.name(report.b.path)
            w.raw("</div></div>\n")
        }
        for row in rows { self.row(&w, row, moveNumber: moveNumber) }
        w.raw("</div>\n</main>\n")
        HTMLPage.end(
            &w,
            footer:
                "Written by dedup diff. \(result.exact ? "Every byte counts (--exact)." : "Spacing, line wrapping and full-width forms count as equal.") Offsets are UTF-8 byte offsets, half-open."
        )
        return w.bytes
    }

    /// The rows of `ops`: each op in order, a move as the row where its text was; each
    /// move's destination before the first later op whose B text (and every one after it)
    /// starts at or after the end of the move's. Equal ops of nothing but spacing
    /// (`isSpacing`) are not shown, and do not place destinations: the spacing between two
    /// moved paragraphs lies, in B, inside the moved block.
    static func rows(_ ops: [DiffOp], isSpacing: (DiffOp) -> Bool = { _ in false }) -> [Row] {
        let moves = ops.indices.filter { ops[$0].kind == .move }.sorted { ops[$0].b.start < ops[$1].b.start }
        // Smallest B start of this and every later op that places destinations.
        var suffixMin = [Int](repeating: Int.max, count: ops.count + 1)
        for i in ops.indices.reversed() {
            let places = ops[i].kind != .move && !(ops[i].kind == .equal && isSpacing(ops[i]))
            suffixMin[i] = places ? min(suffixMin[i + 1], ops[i].b.start) : suffixMin[i + 1]
        }
        var rows: [Row] = []
        rows.reserveCapacity(ops.count + moves.count)
        var next = 0
        for (i, op) in ops.enumerated() {
            if op.kind != .move {
                while next < moves.count && ops[moves[next]].b.end <= suffixMin[i] {
                    rows.append(.moveTo(moves[next]))
                    next += 1
                }
                rows.append(.op(i))
            } else {
                rows.append(.moveFrom(i))
            }
        }
        while next < moves.count {
            rows.append(.moveTo(moves[next]))
            next += 1
        }
        return rows
    }

    private func header(_ w: inout HTMLWriter, rows: [Row], moveNumber: [Int: Int]) {
        w.raw("<header>\n<h1>")
        w.name(report.a.path)
        w.raw(" → ")
        w.name(report.b.path)
        w.raw("</h1>\n<p class=\"kind\">")
        w.raw(result.isSame ? "The documents are the same" : "How B differs from A")
        w.raw(result.exact ? ", every byte counted.</p>\n" : ", blind to spacing, line wrapping and full-width forms.</p>\n")
        w.raw("<dl class=\"about\">\n")
        for (side, source, text) in [("A", report.a, result.a), ("B", report.b, result.b)] {
            w.raw("<dt>\(side)</dt><dd>")
            w.name(source.path)
            w.raw(" (\(HTMLPage.bytes(text.count))")
            if source.cleaned { w.raw(" after cleaning \(HTMLPage.bytes(source.fileSize))") }
            w.raw(")</dd>\n")
        }
        w.raw("</dl>\n")
        var bytesA: [DiffOpKind: Int] = [:], bytesB: [DiffOpKind: Int] = [:]
        for op in result.ops {
            bytesA[op.kind, default: 0] += op.a.count
            bytesB[op.kind, default: 0] += op.b.count
        }
        let counts = result.counts
        w.raw(
            "<table class=\"figures\">\n<thead><tr><th></th><th class=\"n\">pieces</th><th class=\"n\">bytes of A</th><th class=\"n\">bytes of B</th></tr></thead>\n<tbody>\n"
        )
        for (kind, label) in [
            (DiffOpKind.equal, "equal"), (.change, "changed"), (.delete, "deleted"), (.insert, "inserted"), (.move, "moved"),
        ] {
            w.raw("<tr><td>\(label)</td><td class=\"n\">\(HTMLPage.grouped(counts[kind] ?? 0))</td>")
            w.raw(
                "<td class=\"n\">\(HTMLPage.grouped(bytesA[kind] ?? 0))</td><td class=\"n\">\(HTMLPage.grouped(bytesB[kind] ?? 0))</td></tr>\n"
            )
        }
        w.raw("</tbody>\n</table>\n")
        w.raw(
            "<div class=\"legend\"><p><del class=\"d\">deleted</del> text of A, <ins class=\"i\">inserted</ins> text of B, <del class=\"moved\">moved</del> text where it was; <span class=\"move-tag\">moved</span> links a moved block to where it went and back.</p></div>\n"
        )
        w.raw("</header>\n")

        let changes = rows.filter { row in
            switch row {
            case .op(let i): result.ops[i].kind != .equal
            case .moveFrom: true
            case .moveTo: false
            }
        }
        guard !changes.isEmpty else { return }
        w.raw("<nav>\n<h2>Changes</h2>\n<ol class=\"removals\">\n")
        for row in changes.prefix(Self.navigationLimit) {
            w.raw("<li>")
            switch row {
            case .op(let i):
                let op = result.ops[i]
                w.raw("<a href=\"#op-\(i)\">\(label(op.kind))</a> ")
                let (text, range) = op.kind == .insert ? (result.b, op.b.range) : (result.a, op.a.range)
                w.raw("<span class=\"snippet\">")
                w.text(HTMLPage.snippet(text, range))
                w.raw("</span>")
            case .moveFrom(let i), .moveTo(let i):
                let n = moveNumber[i] ?? 0
                w.raw("<a href=\"#move-\(n)-from\">moved</a> (<a href=\"#move-\(n)-to\">to here</a>) <span class=\"snippet\">")
                w.text(HTMLPage.snippet(result.a, result.ops[i].a.range))
                w.raw("</span>")
            }
            w.raw("</li>\n")
        }
        if changes.count > Self.navigationLimit {
            w.raw("<li>and \(changes.count - Self.navigationLimit) more, marked below</li>\n")
        }
        w.raw("</ol>\n</nav>\n")
    }

    private func label(_ kind: DiffOpKind) -> String {
        switch kind {
        case .equal: "equal"
        case .delete: "deleted"
        case .insert: "inserted"
        case .change: "changed"
        case .move: "moved"
        }
    }

    // MARK: Rows

    /// One row: side by side, a cell for A and one for B (hatched where a side has nothing);
    /// inline, one cell.
    private func row(_ w: inout HTMLWriter, _ row: Row, moveNumber: [Int: Int]) {
        let columns = layout == .sideBySide
        switch row {
        case .op(let i):
            let op = result.ops[i]
            guard !(op.kind == .equal && Self.isSpacing(result.a, op.a) && Self.isSpacing(result.b, op.b)) else { return }
            w.raw("<div class=\"row \(op.kind.rawValue)\">")
            if columns {
                cell(&w, side: "a", id: "op-\(i)", empty: op.a.count == 0) { opText(&$0, op, side: .a) }
                cell(&w, side: "b", id: nil, empty: op.b.count == 0) { opText(&$0, op, side: .b) }
            } else {
                cell(&w, side: nil, id: "op-\(i)", empty: false) { opText(&$0, op, side: nil) }
            }
        case .moveFrom(let i):
            let n = moveNumber[i] ?? 0
            w.raw("<div class=\"row move-from\">")
            cell(&w, side: columns ? "a" : nil, id: "move-\(n)-from", empty: false) {
                $0.raw("<a class=\"move-tag\" href=\"#move-\(n)-to\">moved ↓</a><del class=\"moved\">")
                edits(&$0, result.ops[i], side: .a)
                $0.raw("</del>")
            }
            if columns { cell(&w, side: "b", id: nil, empty: true) { _ in } }
        case .moveTo(let i):
            let n = moveNumber[i] ?? 0
            w.raw("<div class=\"row move-to\">")
            if columns { cell(&w, side: "a", id: nil, empty: true) { _ in } }
            cell(&w, side: columns ? "b" : nil, id: "move-\(n)-to", empty: false) {
                $0.raw("<a class=\"move-tag\" href=\"#move-\(n)-from\">moved here ↑</a>")
                edits(&$0, result.ops[i], side: columns ? .b : nil)
            }
        }
        w.raw("</div>\n")
    }

    private func cell(_ w: inout HTMLWriter, side: String?, id: String?, empty: Bool, _ body: (inout HTMLWriter) -> Void) {
        let classes = [side, empty ? "empty" : nil].compactMap { $0 }.joined(separator: " ")
        w.raw("<div\(classes.isEmpty ? "" : " class=\"\(classes)\"")\(id.map { " id=\"\($0)\"" } ?? "")>")
        if !empty { body(&w) }
        w.raw("</div>")
    }

    /// The text of an op that is not a move: one side (deletions or insertions marked), or
    /// both in one (`nil`).
    private func opText(_ w: inout HTMLWriter, _ op: DiffOp, side: Side?) {
        switch (op.kind, side) {
        case (.change, _), (.move, _): edits(&w, op, side: side)
        case (.delete, .b), (.insert, .a): break
        case (.delete, _): deleted(&w, result.a[withoutEdgeBreaks(result.a, op.a)])
        case (.insert, _): inserted(&w, result.b[withoutEdgeBreaks(result.b, op.b)])
        case (.equal, .a): folded(&w, result.a, op.a)
        case (.equal, _): folded(&w, result.b, op.b)
        }
    }

    /// Lines of unchanged text shown before and after a fold.
    static let foldContext = 3

    /// Unchanged text, its middle folded into a `<details>` element (which opens without a
    /// script) when it runs over more than twice ``foldContext`` lines and a few more.
    private func folded(_ w: inout HTMLWriter, _ text: [UInt8], _ range: ByteRange) {
        let trimmed = withoutEdgeBreaks(text, range)
        let start = trimmed.lowerBound, end = trimmed.upperBound
        var breaks: [Int] = []  // offsets of the line feeds
        for i in start..<end where text[i] == 0x0A { breaks.append(i) }
        let context = Self.foldContext
        guard breaks.count > 2 * context + 4 else {
            w.text(text[start..<end])
            return
        }
        // Lines context..<(breaks.count - context + 1) fold; the line breaks around the fold
        // (with a CR before them) are the fold's edges.
        let headBreak = breaks[context - 1], tailBreak = breaks[breaks.count - context]
        func withoutCR(_ i: Int) -> Int { i > start && text[i - 1] == 0x0D ? i - 1 : i }
        w.text(text[start..<withoutCR(headBreak)])
        w.raw("<details class=\"fold\"><summary>\(breaks.count - 2 * context + 1) unchanged lines</summary>")
        w.text(text[(headBreak + 1)..<withoutCR(tailBreak)])
        w.raw("</details>")
        w.text(text[(tailBreak + 1)..<end])
    }

    // MARK: Text

    enum Side { case a, b }

    /// A change's or move's text with its edits marked: A's side (deletions struck), B's
    /// side (insertions underlined), or both in one (`nil`: inline).
    private func edits(_ w: inout HTMLWriter, _ op: DiffOp, side: Side?) {
        guard !op.edits.isEmpty else {
            switch side {
            case .a: w.text(result.a[op.a.range])
            case .b: w.text(result.b[op.b.range])
            case nil:
                deleted(&w, result.a[op.a.range])
                inserted(&w, result.b[op.b.range])
            }
            return
        }
        for edit in op.edits {
            let a = result.a[edit.a.range], b = result.b[edit.b.range]
            switch (edit.kind, side) {
            case (.equal, .a): w.text(a)
            case (.equal, _): w.text(b)
            case (.insert, .a), (.delete, .b): break
            case (_, .a): deleted(&w, a)
            case (_, .b): inserted(&w, b)
            case (_, nil):
                if !a.isEmpty { deleted(&w, a) }
                if !b.isEmpty { inserted(&w, b) }
            }
        }
    }

    private func deleted(_ w: inout HTMLWriter, _ text: ArraySlice<UInt8>) {
        w.raw("<del class=\"d\">")
        w.text(text)
        w.raw("</del>")
    }

    private func inserted(_ w: inout HTMLWriter, _ text: ArraySlice<UInt8>) {
        w.raw("<ins class=\"i\">")
        w.text(text)
        w.raw("</ins>")
    }

    /// `range` without the line breaks at its two ends, which a cell's padding stands for.
    private func withoutEdgeBreaks(_ text: [UInt8], _ range: ByteRange) -> Range<Int> {
        var start = range.start, end = range.end
        while start < end && (text[start] == 0x0A || text[start] == 0x0D) { start += 1 }
        while end > start && (text[end - 1] == 0x0A || text[end - 1] == 0x0D) { end -= 1 }
        return start..<end
    }

    /// Whether `text[range]` is only spacing: whitespace (ideographic and no-break spaces
    /// too) and invisible format characters, which a diff that is not exact passes over.
    static func isSpacing(_ text: [UInt8], _ range: ByteRange) -> Bool {
        if text[range.range].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return true }
        return String(decoding: text[range.range], as: UTF8.self).unicodeScalars.allSatisfy {
            $0.properties.isWhitespace || $0.properties.generalCategory == .format
        }
    }
}
