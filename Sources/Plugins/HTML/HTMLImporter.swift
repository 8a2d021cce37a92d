import DedupCore

extension Importer {
    /// HTML pages, read with libxml2's HTML parser: the visible text of the page (or of the
    /// nodes `--xpath` selects), one block per paragraph, heading, list item, table cell, or
    /// run of text directly inside another non-inline element, with a blank line between
    /// blocks and a line break at the end.
    ///
    /// The page is decoded once, to UTF-8, from: the encoding in the options; else a byte order
    /// mark (UTF-8, UTF-16, UTF-32); else a `<meta charset>`, `<meta http-equiv="Content-Type">`
    /// or XML declaration in its first 16 KB (a legacy encoding declared for bytes that are
    /// UTF-8 loses to UTF-8; GB2312 and GBK are read as GB18030); else UTF-8 when the bytes are
    /// UTF-8, GB18030 when they are shaped like Chinese GB text, windows-1252 otherwise.
    /// Undecodable bytes become U+FFFD (pages are often slightly broken, and the page itself
    /// is not the text restored). The origin names the encoding used.
    ///
    /// Left out: `head` and `title`, `script`, `style`, `noscript`, `template`, `svg`, `math`,
    /// `iframe`, `object` and other content a reader does not see, comments, and elements with
    /// the `hidden` attribute. Whitespace is collapsed (no-break spaces included) except in
    /// `pre`; `br` is a line break inside its block. The origin lists every block with its
    /// byte range in the text, the line of its element in the page and the element's XPath.
    /// The network is never used, no DTD is loaded and no external entity expanded.
    ///
    /// Errors are `HTMLImportError`s (an unknown encoding, an `--xpath` that is invalid or
    /// matches nothing), a ``TextDecodingError`` for a page holding a NUL character once decoded
    /// (a binary file; UTF-16 and UTF-32 pages are read), or a `DocumentError` for a text of
    /// 4 GiB or more. Malformed markup is not an error: libxml2 recovers from it.
    public static let html = Importer(
        name: "html",
        summary: "HTML pages (libxml2): visible text as blocks, charset from BOM/meta/bytes; offsets map to elements",
        fileExtensions: ["html", "htm", "xhtml"],
        read: { bytes, name, options in try HTMLPageReader.read(bytes, name: name, options: options) }
    )
}

/// The HTML importer's steps: decode, parse, select, extract.
enum HTMLPageReader {
    static func read(_ bytes: [UInt8], name: String, options: ImportOptions) throws -> ImportedDocument {
        let decoded = try CharsetDetection.decode(bytes, override: options.encoding)
        try TextDecoding.refuseBinary(bytes, start: decoded.start, unitSize: decoded.textEncoding.codeUnitSize)
        try TextDecoding.refuseNUL(inDecoded: decoded.utf8)
        let page = try ParsedHTMLPage(utf8: decoded.utf8)
        let selection = try options.xpath.map { expression throws(HTMLImportError) in
            try page.nodes(matching: expression)
        }
        let extraction = HTMLTextExtractor.extract(from: page.document, selection: selection)
        if let expression = options.xpath, extraction.selectedNodesFound == 0 {
            throw HTMLImportError.xpathMatchedNothing(expression)
        }
        var text = extraction.text
        var blocks = extraction.blocks
        var leftOut: [ByteRange] = []
        // A region chosen by hand is taken whole: no extraction inside it.
        if options.xpath == nil && !blocks.isEmpty {
            let extractionPage = ExtractionPage(name: name, parsed: page, extraction: extraction)
            let chosen = try options.extractor.extract(extractionPage)
            var kept = chosen.kept + Array(repeating: false, count: max(0, blocks.count - chosen.kept.count))
            if let body = chosen.metadataBody, !body.text.utf8.isEmpty {
                let start = text.count + 1
                text.append(0x0A)
                text.append(contentsOf: body.text.utf8)
                text.append(0x0A)
                blocks.append(SourceBlock(start: start, end: text.count - 1, line: body.line, xpath: body.xpath))
                kept.append(true)
            }
            leftOut = ArticleRanges.leftOut(blocks: blocks, kept: kept, textLength: text.count)
        }
        let document = try Document(bytes: text, name: name)
        let origin = Origin(
            format: "html", path: name, input: bytes,
            encoding: decoded.encoding, blocks: blocks)
        return ImportedDocument(document: document, origin: origin, leftOut: leftOut)
    }
}

extension HTMLImportError {
    /// Checks that `expression` is XPath the HTML importer can use, without a page: invalid
    /// syntax, an unknown function or an expression that selects a value is an error; one
    /// that would select nodes is fine even where it matches nothing. For command lines, so
    /// that a mistyped `--xpath` is one usage error rather than one error per page.
    public static func checkXPath(_ expression: String) throws(HTMLImportError) {
        let page = try ParsedHTMLPage(utf8: Array("<html><body></body></html>".utf8))
        do {
            _ = try page.nodes(matching: expression)
        } catch .xpathMatchedNothing {
            return
        }
    }
}
