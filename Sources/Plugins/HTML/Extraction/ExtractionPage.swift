import CLibXML2

/// A parsed HTML page as an ``Extractor`` sees it: its visible text, the blocks of that text
/// and the elements they come from. Valid only during the extractor's call (it holds the
/// parsed tree, which is freed after).
public final class ExtractionPage {
    /// The page's name (its path, `<stdin>`).
    public let name: String
    /// The visible text, UTF-8: the blocks joined by blank lines, as the page extractor gives it.
    public let text: [UInt8]
    /// The blocks of ``text``, in order, with the line and XPath of their element.
    public let blocks: [SourceBlock]

    let parsed: ParsedHTMLPage
    /// The element of each block (or the document, for text outside any element).
    let nodes: [UnsafeMutableRawPointer?]
    /// Bytes of each block's text inside links.
    let linkBytes: [Int]

    init(name: String, parsed: ParsedHTMLPage, extraction: HTMLTextExtractor.Extraction) {
        self.name = name
        self.parsed = parsed
        self.text = extraction.text
        self.blocks = extraction.blocks
        self.nodes = extraction.nodes
        self.linkBytes = extraction.linkBytes
    }

    /// The text of block `index`.
    public func text(ofBlock index: Int) -> String {
        let block = blocks[index]
        return String(decoding: text[block.start..<block.end], as: UTF8.self)
    }

    /// One flag per block: whether its element is, or is inside, a node that `expression`
    /// selects. All false when the expression selects nothing.
    /// - Throws: ``HTMLImportError`` when the expression is not valid XPath or selects a value.
    public func blocks(inside expression: String) throws(HTMLImportError) -> [Bool] {
        let selected: Set<UnsafeMutableRawPointer>
        do { selected = try parsed.nodes(matching: expression) } catch .xpathMatchedNothing {
            return Array(repeating: false, count: blocks.count)
        }
        return nodes.map { node in
            var current = node?.assumingMemoryBound(to: xmlNode.self)
            while let n = current {
                if selected.contains(UnsafeMutableRawPointer(n)) { return true }
                current = n.pointee.parent
            }
            return false
        }
    }

    /// The page's own address, when it gives one: `<link rel="canonical">`, else
    /// `<meta property="og:url">`. For extractors that know one site.
    public var canonicalURL: String? {
        let root = parsed.document.pointee.children
        return HTMLTree.firstAttribute(
            under: root, element: "link", where: ("rel", "canonical"), value: "href")
            ?? HTMLTree.firstAttribute(under: root, element: "meta", where: ("property", "og:url"), value: "content")
    }
}
