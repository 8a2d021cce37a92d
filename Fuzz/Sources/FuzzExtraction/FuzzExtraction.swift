import DedupCore
import DedupPlugins
import FuzzSupport

/// Article extraction (`dedup clean --extract article|page`, ``ImportOptions/extractor``) on
/// any bytes. `FuzzHTMLImporter` imports with the default, `article`, and checks the import
/// and the cleaning in general; this target imports each input with both extractors and checks
/// what extraction promises:
///
/// - the two imports throw alike, and only the documented errors (`HTMLImportError`,
///   `TextDecodingError`, `DocumentError`);
/// - `page` leaves nothing out, and its text is its blocks joined by a blank line, ending in a
///   line break;
/// - `article` reads the same visible text and blocks (plus, at most, one block of metadata
///   body after them, set off by a blank line); the ranges it leaves out are non-empty, in
///   order, apart, inside the text, each block wholly in one or outside all, and what stays is
///   exactly the kept blocks joined by a blank line, ending in a line break;
/// - cleaned, the article's removed spans with reason `page-boilerplate` are exactly the
///   left-out ranges, and with the other spans tile the visible text; both cleanings pass
///   ``Invariants/check(_:)`` (text export, JSON and XML restored to the visible text).
///
/// The input's last byte picks the detection thresholds (see `Invariants.options(for:)`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Invariants.bytes(data, size)
    var pageOptions = ImportOptions()
    pageOptions.extractor = .page
    var articleOptions = ImportOptions()
    articleOptions.extractor = .article
    let page = importing(bytes, pageOptions)
    let article = importing(bytes, articleOptions)
    let imported: (page: ImportedDocument, article: ImportedDocument)
    switch (page, article) {
    case (.success(let p), .success(let a)):
        imported = (p, a)
    case (.failure(let p), .failure(let a)):
        Invariants.require("\(p)" == "\(a)", "the page import fails with \(p), the article import with \(a)")
        return 0
    default:
        Invariants.require(false, "one extractor imports the page, the other fails: page \(page), article \(article)")
        return 0
    }
    checkPage(imported.page)
    checkArticle(imported.article, page: imported.page)

    let deduplicator = Deduplicator(options: Invariants.options(for: bytes.last ?? 0))
    Invariants.check(CleanedDocument(cleaning: imported.page, with: deduplicator, options: pageOptions))
    let cleaned = CleanedDocument(cleaning: imported.article, with: deduplicator, options: articleOptions)
    var boilerplate: [ByteRange] = []
    for span in cleaned.result.spans where span.reason == .pageBoilerplate {
        Invariants.require(
            span.action == .remove && span.duplicateOf == nil,
            "page-boilerplate span \(span.start)..<\(span.end) is kept or duplicates something")
        if let last = boilerplate.last, last.end == span.start {
            boilerplate[boilerplate.count - 1].end = span.end
        } else {
            boilerplate.append(span.range)
        }
    }
    Invariants.require(
        boilerplate == merged(imported.article.leftOut),
        "the page-boilerplate spans \(boilerplate) are not the ranges extraction left out, \(imported.article.leftOut)")
    Invariants.check(cleaned)
    return 0
}

/// The HTML import of `bytes` with `options`; an error other than the documented ones is a
/// failure.
func importing(_ bytes: [UInt8], _ options: ImportOptions) -> Result<ImportedDocument, any Error> {
    do {
        return .success(try Importer.html.read(bytes, "fuzz.html", options))
    } catch {
        Invariants.require(
            error is HTMLImportError || error is TextDecodingError || error is DocumentError,
            "the HTML importer (--extract \(options.extractor.name)) threw an undocumented \(type(of: error)): \(error)")
        return .failure(error)
    }
}

/// `--extract page`: nothing left out; the text is the blocks, joined by a blank line.
func checkPage(_ page: ImportedDocument) {
    Invariants.require(page.leftOut.isEmpty, "--extract page left out \(page.leftOut)")
    let blocks = page.origin?.blocks ?? []
    Invariants.require(
        page.document.bytes == joined(blocks, of: page.document.bytes),
        "the page's text is not its \(blocks.count) blocks joined by blank lines")
}

/// `--extract article`: the page's text and blocks (plus a metadata body), and left-out
/// ranges that leave exactly the kept blocks.
func checkArticle(_ article: ImportedDocument, page: ImportedDocument) {
    let text = article.document.bytes
    let visible = page.document.bytes
    let blocks = article.origin?.blocks ?? []
    let pageBlocks = page.origin?.blocks ?? []
    Invariants.require(
        text.starts(with: visible) && blocks.starts(with: pageBlocks),
        "the article's text or blocks are not the page's (\(text.count) bytes, \(blocks.count) blocks; page \(visible.count), \(pageBlocks.count))"
    )
    if text.count > visible.count {
        // A metadata body: one more block, after a blank line, ending in a line break.
        Invariants.require(
            blocks.count == pageBlocks.count + 1 && !pageBlocks.isEmpty, "the article has text after the page's but not one more block")
        let body = blocks[blocks.count - 1]
        Invariants.require(
            body.start == visible.count + 1 && body.end == text.count - 1 && body.start < body.end
                && text[visible.count] == 0x0A && text[text.count - 1] == 0x0A,
            "the metadata body \(body.start)..<\(body.end) is not a block after the page's \(visible.count) bytes of text")
    } else {
        Invariants.require(blocks.count == pageBlocks.count, "the article has more blocks than the page but no more text")
    }

    var end = 0
    for range in article.leftOut {
        Invariants.require(
            range.start >= end && range.start < range.end && range.end <= text.count,
            "left-out range \(range.start)..<\(range.end) is empty, out of order or outside the \(text.count) bytes")
        end = range.end
    }
    guard !article.leftOut.isEmpty else { return }
    var kept: [SourceBlock] = []
    for block in blocks {
        let holder = article.leftOut.first { $0.end > block.start && $0.start < block.end }
        if let holder {
            Invariants.require(
                holder.start <= block.start && block.end <= holder.end,
                "block \(block.start)..<\(block.end) is cut by left-out range \(holder.start)..<\(holder.end)")
        } else {
            kept.append(block)
        }
    }
    var stays: [UInt8] = []
    var at = 0
    for range in article.leftOut {
        stays += text[at..<range.start]
        at = range.end
    }
    stays += text[at...]
    Invariants.require(
        stays == joined(kept, of: text),
        "what extraction keeps (\(stays.count) bytes) is not its \(kept.count) kept blocks joined by blank lines")
}

/// The texts of `blocks` (ranges of `text`) joined by a blank line, ending in a line break;
/// nothing for no blocks.
func joined(_ blocks: [SourceBlock], of text: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for (k, block) in blocks.enumerated() {
        Invariants.require(
            block.start <= block.end && block.end <= text.count,
            "block \(block.start)..<\(block.end) is outside the \(text.count) bytes of text")
        if k > 0 { out += [0x0A, 0x0A] }
        out += text[block.start..<block.end]
    }
    if !blocks.isEmpty { out.append(0x0A) }
    return out
}

/// `ranges` (in order, apart) with the ones that touch joined.
func merged(_ ranges: [ByteRange]) -> [ByteRange] {
    var out: [ByteRange] = []
    for range in ranges {
        if let last = out.last, last.end == range.start {
            out[out.count - 1].end = range.end
        } else {
            out.append(range)
        }
    }
    return out
}

/// The program's entry point: SwiftPM links `FuzzExtraction_main` as `main` (see `LibFuzzer`).
@_cdecl("FuzzExtraction_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzz)
}
