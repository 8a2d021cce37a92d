import DedupCore

/// What every page of the html exporter shares: the head (one inline style sheet and a
/// content security policy that allows nothing else, so a page needs no other file and runs
/// no script), the fonts, and how figures are written.
enum HTMLPage {
    /// Opens a page: doctype, head with `title`, and the body start tag with `bodyClass`.
    /// `extraStyle` is appended to the shared style sheet (rules a page generates).
    static func begin(
        _ w: inout HTMLWriter, title: String, bodyClass: String, extraStyle: String = "",
        meta: [(name: String, content: String)] = []
    ) {
        w.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w.raw("<meta name=\"generator\" content=\"dedup\">\n")
        for (name, content) in meta {
            w.raw("<meta name=\"")
            w.text(name)
            w.raw("\" content=\"")
            w.text(content)
            w.raw("\">\n")
        }
        w.raw("<title>")
        w.name(title)
        w.raw("</title>\n<style>\n")
        w.raw(style)
        w.raw(extraStyle)
        w.raw("</style>\n</head>\n<body class=\"\(bodyClass)\">\n")
    }

    /// Closes the page with a footer.
    static func end(_ w: inout HTMLWriter, footer: String) {
        w.raw("<footer>")
        w.text(footer)
        w.raw("</footer>\n</body>\n</html>\n")
    }

    /// Fonts that cover Latin, Chinese, Japanese and Korean, the CJK ones named so that a
    /// machine with Noto CJK (Debian's `fonts-noto-cjk`), Source Han, or the system fonts of
    /// macOS and Windows draws every character.
    static let fonts =
        #""Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK TC", "Source Han Sans SC", "Source Han Sans", "PingFang SC", "Hiragino Sans", "Microsoft YaHei", "Yu Gothic", "Malgun Gothic", sans-serif"#
    static let monoFonts = #""DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace"#

    /// The shared style sheet.
    static let style = """
        :root { color-scheme: light; --ink: #1d2329; --dim: #5d6d7e; --rule: #d5d8dc; --paper: #ffffff;
          --later-copy: #c0392b; --later-copy-bg: #fadbd8; --truncated-fragment: #a04000; --truncated-fragment-bg: #fdebd0;
          --adjacent-repeat: #6c3483; --adjacent-repeat-bg: #e8daef; --whitespace-only: #566573; --whitespace-only-bg: #eaecee;
          --duplicate-document: #7d6608; --duplicate-document-bg: #fcf3cf; --boilerplate: #117864; --boilerplate-bg: #d0ece7;
          --page-boilerplate: #7f8c8d; --page-boilerplate-bg: #f2f3f4;
          --source: #1f618d; --source-bg: #d4e6f1; --ins: #1e8449; --ins-bg: #d5f5e3; --del: #b03a2e; --del-bg: #fadbd8;
          --move: #1f618d; --move-bg: #d6eaf8; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; color: var(--ink); background: var(--paper);
          font: 15px/1.6 \(fonts); }
        :lang(zh), :lang(ja), :lang(ko) { line-height: 1.8; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; word-break: break-all; }
        h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
        .kind { color: var(--dim); margin: 0 0 1rem; }
        a { color: var(--source); }
        code, .mono { font-family: \(monoFonts); font-size: .9em; }
        .summary { display: flex; flex-wrap: wrap; gap: 0 3rem; align-items: flex-start; }
        .summary table { margin-top: 0; }
        dl.about { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
        dl.about dt { color: var(--dim); }
        dl.about dd { margin: 0; word-break: break-all; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; }
        th, td { padding: .2rem .75rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
        .swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -.1em; margin-right: .4em; }
        .legend { color: var(--dim); font-size: .92em; }
        .legend p { margin: .3rem 0; }
        .text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--rule); border-radius: 4px;
          padding: 1rem 1.25rem; background: #fdfefe; }
        .later-copy { --c: var(--later-copy); --bg: var(--later-copy-bg); }
        .truncated-fragment { --c: var(--truncated-fragment); --bg: var(--truncated-fragment-bg); }
        .adjacent-repeat { --c: var(--adjacent-repeat); --bg: var(--adjacent-repeat-bg); }
        .whitespace-only { --c: var(--whitespace-only); --bg: var(--whitespace-only-bg); }
        .duplicate-document { --c: var(--duplicate-document); --bg: var(--duplicate-document-bg); }
        .boilerplate { --c: var(--boilerplate); --bg: var(--boilerplate-bg); }
        .page-boilerplate { --c: var(--page-boilerplate); --bg: var(--page-boilerplate-bg); }
        .swatch.later-copy, .swatch.truncated-fragment, .swatch.adjacent-repeat, .swatch.whitespace-only,
        .swatch.duplicate-document, .swatch.boilerplate, .swatch.page-boilerplate { background: var(--c); }
        del.rm { background: var(--bg); color: #566573; text-decoration: line-through; text-decoration-color: var(--c);
          text-decoration-thickness: 1.5px; box-shadow: inset 3px 0 0 var(--c); scroll-margin-top: 4rem; }
        del.rm:target { outline: 2px solid var(--c); }
        .tag { display: inline-block; font: 600 11px/1.5 \(fonts); color: #fff; background: var(--c); border-radius: 3px;
          padding: 0 .4em; margin: 0 .3em 0 .15em; text-decoration: none; white-space: nowrap; user-select: none; vertical-align: .1em; }
        a.tag:hover { filter: brightness(1.15); }
        .src { border-radius: 2px; }
        .cite { display: inline-block; font: 600 11px/1.5 \(fonts); color: var(--source); border: 1px solid var(--source);
          border-radius: 3px; padding: 0 .3em; margin: 0 .2em; user-select: none; vertical-align: .1em; scroll-margin-top: 4rem; white-space: nowrap; }
        .cite a { text-decoration: none; }
        .cite:target { background: var(--source); color: #fff; }
        .cite:target a { color: #fff; }
        .ctl { color: var(--dim); }
        ol.removals { padding-left: 2.5rem; }
        ol.removals li { margin: .2rem 0; }
        .snippet { color: var(--dim); }
        .ops { display: grid; grid-template-columns: 1fr 1fr; border: 1px solid var(--rule); border-radius: 4px; }
        .ops.inline { grid-template-columns: 1fr; }
        .ops > .row { display: contents; }
        .ops > .row > div { white-space: pre-wrap; overflow-wrap: anywhere; padding: .35rem .75rem; border-bottom: 1px solid var(--rule);
          scroll-margin-top: 4rem; }
        .ops > .row > div.a { border-right: 1px solid var(--rule); }
        .ops > .head > div { font-weight: 600; background: #f4f6f6; white-space: normal; word-break: break-all; }
        .ops > .row > div.empty { background: repeating-linear-gradient(135deg, #fbfcfc 0 6px, #f2f4f4 6px 12px); }
        .row.equal > div { color: #34495e; }
        .row.delete > div.a, .row.change > div.a { background: #fef5f4; }
        .row.insert > div.b, .row.change > div.b { background: #f3fbf6; }
        .row.move-from > div.a, .row.move-to > div.b, .inline .row.move-from > div, .inline .row.move-to > div { background: #f2f8fc; }
        .inline .row.delete > div { background: #fef5f4; }
        .inline .row.insert > div { background: #f3fbf6; }
        details.fold { color: var(--dim); }
        details.fold > summary { cursor: pointer; font: 600 12px/2 \(fonts); list-style-position: inside; user-select: none; }
        details.fold[open] { color: inherit; }
        del.d { background: var(--del-bg); color: var(--del); text-decoration: line-through; }
        ins.i { background: var(--ins-bg); color: var(--ins); text-decoration: underline; text-decoration-color: var(--ins); }
        del.moved { background: var(--move-bg); color: var(--move); text-decoration: line-through; }
        .move-tag { display: inline-block; font: 600 11px/1.5 \(fonts); color: #fff; background: var(--move); border-radius: 3px;
          padding: 0 .4em; margin-right: .4em; text-decoration: none; white-space: nowrap; user-select: none; }
        .kind-tag { display: inline-block; font: 600 11px/1.5 \(fonts); color: var(--dim); border: 1px solid var(--rule);
          border-radius: 3px; padding: 0 .4em; margin-right: .4em; white-space: nowrap; user-select: none; }
        .row:target > div, .row > div:target { outline: 2px solid var(--move); outline-offset: -2px; }
        table.index { width: 100%; }
        table.index thead, table.index tbody { display: flex; flex-direction: column; }
        table.index tr { display: grid; grid-template-columns: minmax(12rem, 1fr) 6rem 6rem 6rem 4.5rem 6rem 6.5rem 6rem 7rem; }
        table.index th { white-space: normal; display: flex; align-items: flex-end; }
        table.index th.n { justify-content: flex-end; text-align: right; }
        table.index td:first-child { overflow-wrap: anywhere; }
        table.index th a { text-decoration: none; }
        table.index tr.failed td { color: var(--del); }
        table.index tr.skipped td { color: var(--dim); }
        #by-input:target tbody tr { order: var(--input); }
        #by-share:target tbody tr { order: var(--share); }
        #by-size:target tbody tr { order: var(--size); }
        #by-name:target tbody tr { order: var(--name); }
        body:not(:has(:target)) th.by-removed a, #by-removed:target th.by-removed a, #by-input:target th.by-input a,
        #by-share:target th.by-share a, #by-size:target th.by-size a, #by-name:target th.by-name a { text-decoration: underline; }
        footer { margin-top: 2rem; color: var(--dim); font-size: .85em; }
        @media print { .tag, .cite, .move-tag { border: 1px solid var(--c, var(--move)); color: var(--c, var(--move)); background: none; } }

        """

    /// `n` bytes with thousands separators: `12,345 B`.
    static func bytes(_ n: Int) -> String { grouped(n) + " B" }

    /// `n` with thousands separators.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `part` of `whole` as a percentage with one decimal: `12.5%` (`0%` of nothing).
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let tenths = Int((Double(part) * 1000 / Double(whole)).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// What a removal reason means, in a few words.
    static func label(_ reason: RemovalReason) -> String {
        switch reason {
        case .laterCopy: "later copy"
        case .truncatedFragment: "truncated fragment"
        case .adjacentRepeat: "adjacent repeat"
        case .whitespaceOnly: "whitespace only"
        case .duplicateDocument: "duplicate document"
        case .boilerplate: "boilerplate"
        case .pageBoilerplate: "page boilerplate"
        }
    }

    /// What a removal reason means, in a sentence for the legend.
    static func explanation(_ reason: RemovalReason) -> String {
        switch reason {
        case .laterCopy: "a later copy of earlier text, wherever it starts and however it is spaced"
        case .truncatedFragment: "an earlier fragment (a teaser cut short) that a following complete copy continues"
        case .adjacentRepeat: "text repeated right after itself: a stutter, or pages that overlap"
        case .whitespaceOnly: "a document of nothing but whitespace"
        case .duplicateDocument: "a whole document that repeats an earlier document of the batch"
        case .boilerplate: "a line a site repeats in the header, navigation or footer of pages of different articles"
        case .pageBoilerplate:
            "a block of the page outside its article (navigation, header, footer, share and comment widgets, related links), left out by extraction"
        }
    }

    /// The language to mark CJK text with, so that the browser picks the right glyphs for
    /// Han characters; nil unless CJK characters are at least a tenth of the text. Among them,
    /// kana make it `ja` and hangul `ko` when they are at least a twentieth (Japanese is
    /// full of kana, Korean of hangul; a stray one in Chinese text is not); else `zh`.
    static func cjkLanguage(of bytes: [UInt8]) -> String? {
        var characters = 0, han = 0, kana = 0, hangul = 0
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if b & 0xC0 != 0x80 { characters += 1 }
                guard b >= 0xE3 && b <= 0xED, i + 2 < n else {
                    i += 1
                    continue
                }
                let c1 = p[i + 1], c2 = p[i + 2]
                guard c1 & 0xC0 == 0x80 && c2 & 0xC0 == 0x80 else {
                    i += 1
                    continue
                }
                let scalar = UInt32(b & 0x0F) << 12 | UInt32(c1 & 0x3F) << 6 | UInt32(c2 & 0x3F)
                switch scalar {
                case 0x3040...0x30FF: kana += 1
                case 0x3130...0x318F, 0xAC00...0xD7AF: hangul += 1
                case 0x3400...0x4DBF, 0x4E00...0x9FFF: han += 1
                default: break
                }
                i += 3
            }
        }
        let cjk = han + kana + hangul
        guard cjk > 0, cjk * 10 >= characters else { return nil }
        if kana * 20 >= cjk { return "ja" }
        if hangul * 20 >= cjk { return "ko" }
        return "zh"
    }

    /// The start of the character holding byte `i` of valid UTF-8 `bytes` (`i` itself when it
    /// starts one or is the end), so that no element boundary splits a character.
    static func characterStart(_ i: Int, in bytes: [UInt8]) -> Int {
        var i = min(max(i, 0), bytes.count)
        while i > 0 && i < bytes.count && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// A one-line excerpt of `bytes[range]`: whitespace runs as one space, at most `limit`
    /// characters, `…` when cut.
    static func snippet(_ bytes: [UInt8], _ range: Range<Int>, limit: Int = 90) -> String {
        let end = characterStart(min(range.upperBound, range.lowerBound + limit * 4 + 4), in: bytes)
        let text = String(decoding: bytes[range.lowerBound..<max(range.lowerBound, end)], as: UTF8.self)
        var out = ""
        var count = 0
        var pendingSpace = false
        for c in text {
            if c.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                count += 1
                pendingSpace = false
            }
            if count >= limit { return out + "…" }
            out.append(c)
            count += 1
        }
        return end < range.upperBound ? out + "…" : out
    }
}
