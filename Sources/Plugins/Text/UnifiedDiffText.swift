import DedupCore

/// Renders the diff (``Exporter/renderDiff`` of ``Exporter/text``) for people, read like a unified diff:
///
/// ```
/// --- a.txt
/// +++ b.txt
/// @@ -3,5 +3,5 @@
///  an unchanged line
/// -a deleted paragraph
/// +an inserted paragraph
/// ~a changed paragraph, [-old-]{+new+} words marked inline
/// @@ -40,1 +12,1 @@ moved
/// >a paragraph that moved, {+slightly+} edited
/// ```
/// Line prefixes: ` ` unchanged (context), `-` deleted, `+` inserted, `~` changed, `>`
/// moved (a moved block is a hunk of its own, without context; its header gives its
/// lines in A and in B). Edits that are only whitespace (with
/// `--exact`) show it: `·` space, `⍽` no-break space, `□` ideographic space, `→` tab,
/// `↵` line break. Nothing is written when the documents are the same. With colour,
/// deletions are red, insertions green, moves yellow and hunk headers cyan.
struct UnifiedDiffText {
    let report: DiffReport
    let options: DiffRenderOptions
    let linesA: LineTable
    let linesB: LineTable

    init(report: DiffReport, options: DiffRenderOptions) {
        self.report = report
        self.options = options
        self.linesA = LineTable(report.result.a)
        self.linesB = LineTable(report.result.b)
    }

    enum Style {
        case plain, header, hunk, deleted, inserted, moved, changed
        var code: String {
            switch self {
            case .plain: ""
            case .header: "\u{1B}[1m"
            case .hunk: "\u{1B}[36m"
            case .deleted: "\u{1B}[31m"
            case .inserted: "\u{1B}[32m"
            case .moved: "\u{1B}[33m"
            case .changed: ""
            }
        }
    }

    /// Output being built line by line, with styles that never cross a line break.
    struct Output {
        var bytes: [UInt8] = []
        let color: Bool

        mutating func line(_ prefix: String, _ pieces: [(String, Style)], prefixStyle: Style) {
            styled(prefix, prefixStyle)
            for (text, style) in pieces { styled(text, style) }
            bytes.append(0x0A)
        }

        mutating func styled(_ text: String, _ style: Style) {
            guard !text.isEmpty else { return }
            if color && !style.code.isEmpty {
                bytes += Array(style.code.utf8) + Array(text.utf8) + Array("\u{1B}[0m".utf8)
            } else {
                bytes += Array(text.utf8)
            }
        }
    }

    func render() -> [UInt8] {
        let result = report.result
        guard !result.isSame else { return [] }
        var out = Output(color: options.color)
        out.line("", [("--- \(report.a.path)\(report.a.cleaned ? " (cleaned)" : "")", .header)], prefixStyle: .plain)
        out.line("", [("+++ \(report.b.path)\(report.b.cleaned ? " (cleaned)" : "")", .header)], prefixStyle: .plain)
        let ops = result.ops
        var k = 0
        while k < ops.count {
            guard ops[k].kind != .equal else {
                k += 1
                continue
            }
            if ops[k].kind == .move {
                // A moved block: its paragraphs, with only whitespace between them.
                var last = k
                var j = k + 1
                while j < ops.count, ops[j].kind == .move || (ops[j].kind == .equal && isBlank(ops[j])) {
                    if ops[j].kind == .move { last = j }
                    j += 1
                }
                moveHunk(&out, ops, k...last)
                k = last + 1
                continue
            }
            // A hunk: this change and the ones after it that are close enough.
            var last = k
            do {
                var j = k + 1
                var between = 0
                while j < ops.count {
                    if ops[j].kind == .equal {
                        between += contextLines(ops[j]).count
                        if between > 2 * options.context { break }
                    } else if ops[j].kind == .move {
                        break
                    } else {
                        last = j
                        between = 0
                    }
                    j += 1
                }
            }
            hunk(&out, ops, k...last)
            k = last + 1
        }
        return out.bytes
    }

    /// Writes the ops `range` (first and last not equal) with context around them.
    func hunk(_ out: inout Output, _ ops: [DiffOp], _ range: ClosedRange<Int>) {
        let result = report.result
        let before =
            range.lowerBound > 0 && ops[range.lowerBound - 1].kind == .equal
            ? Array(
                contextLines(ops[range.lowerBound - 1], fromB: ops[range.lowerBound].kind == .insert)
                    .suffix(options.context)) : []
        let after =
            range.upperBound + 1 < ops.count && ops[range.upperBound + 1].kind == .equal
            ? Array(
                contextLines(ops[range.upperBound + 1], fromB: ops[range.upperBound].kind == .insert)
                    .prefix(options.context)) : []
        let first = ops[range.lowerBound], final = ops[range.upperBound]
        let aStart = max(1, line(linesA, first.a.start) + 1 - before.count)
        let bStart = max(1, line(linesB, first.b.start) + 1 - before.count)
        let aEnd = (final.a.count == 0 ? line(linesA, final.a.start) : line(linesA, final.a.end - 1) + 1) + after.count
        let bEnd = (final.b.count == 0 ? line(linesB, final.b.start) : line(linesB, final.b.end - 1) + 1) + after.count
        let header = "@@ -\(aStart),\(max(0, aEnd - aStart + 1)) +\(bStart),\(max(0, bEnd - bStart + 1)) @@"
        out.line("", [(header, .hunk)], prefixStyle: .plain)
        for l in before { out.line(" ", [(l, .plain)], prefixStyle: .plain) }
        for k in range {
            let op = ops[k]
            switch op.kind {
            case .equal:
                let nextToInsert = ops[k - 1].kind == .insert || ops[k + 1].kind == .insert
                for l in contextLines(op, fromB: nextToInsert) { out.line(" ", [(l, .plain)], prefixStyle: .plain) }
            case .delete:
                for l in split(result.a[op.a.range]) { out.line("-", [(l, .deleted)], prefixStyle: .deleted) }
            case .insert:
                for l in split(result.b[op.b.range]) { out.line("+", [(l, .inserted)], prefixStyle: .inserted) }
            case .change, .move:
                let prefix = op.kind == .move ? ">" : "~"
                let prefixStyle: Style = op.kind == .move ? .moved : .changed
                for pieces in marked(op) { out.line(prefix, pieces, prefixStyle: prefixStyle) }
            }
        }
        for l in after { out.line(" ", [(l, .plain)], prefixStyle: .plain) }
    }

    /// A moved block without context: the header gives its lines in A and in B.
    func moveHunk(_ out: inout Output, _ ops: [DiffOp], _ range: ClosedRange<Int>) {
        let first = ops[range.lowerBound], final = ops[range.upperBound]
        let aStart = line(linesA, first.a.start) + 1, aEnd = line(linesA, max(first.a.start, final.a.end - 1)) + 1
        let bStart = line(linesB, first.b.start) + 1, bEnd = line(linesB, max(first.b.start, final.b.end - 1)) + 1
        out.line(
            "", [("@@ -\(aStart),\(aEnd - aStart + 1) +\(bStart),\(bEnd - bStart + 1) @@ moved", .hunk)],
            prefixStyle: .plain)
        for op in ops[range] {
            if op.kind == .move {
                for pieces in marked(op) { out.line(">", pieces, prefixStyle: .moved) }
            } else {
                for l in contextLines(op) { out.line(">", [(l, .moved)], prefixStyle: .moved) }
            }
        }
    }

    /// True for an op whose text is only whitespace on both sides.
    func isBlank(_ op: DiffOp) -> Bool {
        let r = report.result
        return String(decoding: r.a[op.a.range], as: UTF8.self).allSatisfy(\.isWhitespace)
            && String(decoding: r.b[op.b.range], as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// The 0-based line of byte `offset` of a text.
    func line(_ table: LineTable, _ offset: Int) -> Int { table.line(containing: offset) }

    /// The lines of an equal op's text, without the piece that finishes the line of the op
    /// before it when that piece is only whitespace, and without the empty piece after a
    /// final line break.
    func contextLines(_ op: DiffOp, fromB: Bool = false) -> [String] {
        // A's text (B's next to an insertion, whose spacing is B's), or B's for whitespace
        // only B has.
        let useB = fromB || op.a.count == 0
        let text = useB ? report.result.b : report.result.a
        let r = useB ? op.b : op.a
        var lines = split(text[r.range], keepEmpty: true)
        if r.start > 0, text[r.start - 1] != 0x0A, let first = lines.first,
            first.allSatisfy({ $0.isWhitespace })
        {
            lines.removeFirst()
        }
        if r.end > r.start, text[r.end - 1] == 0x0A, lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Lines of a piece of text (a final line break ends the last line).
    func split(_ bytes: ArraySlice<UInt8>, keepEmpty: Bool = false) -> [String] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self)
        }
        if !keepEmpty, lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A change or move as lines of styled pieces with inline markers.
    func marked(_ op: DiffOp) -> [[(String, Style)]] {
        let result = report.result
        var lines: [[(String, Style)]] = [[]]
        func add(_ text: String, _ style: Style) {
            let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 { lines.append([]) }
                if !part.isEmpty { lines[lines.count - 1].append((String(part), style)) }
            }
        }
        let baseStyle: Style = op.kind == .move ? .moved : .plain
        for edit in op.edits {
            let textA = visible(result.a[edit.a.range]), textB = visible(result.b[edit.b.range])
            switch edit.kind {
            case .equal:
                add(textA, baseStyle)
            case .delete:
                add("[-\(textA)-]", .deleted)
            case .insert:
                add("{+\(textB)+}", .inserted)
            case .change, .move:
                add("[-\(textA)-]", .deleted)
                add("{+\(textB)+}", .inserted)
            }
        }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The text of an edit; when it is only whitespace, with the whitespace made visible.
    func visible(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else {
            return text.replacingCarriageReturns()
        }
        var out = ""
        for s in text.unicodeScalars {
            switch s.value {
            case 0x20: out += "·"
            case 0xA0: out += "⍽"
            case 0x3000: out += "□"
            case 0x09: out += "→"
            case 0x0A: out += "↵"
            case 0x0D: out += "␍"
            default: out += "<U+\(String(s.value, radix: 16, uppercase: true))>"
            }
        }
        return out
    }
}

extension String {
    /// The text without carriage returns before line feeds (they would garble a terminal line).
    fileprivate func replacingCarriageReturns() -> String {
        guard contains("\r") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\r" }))
    }
}
