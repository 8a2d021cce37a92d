import CLibXML2

extension Extractor {
    /// The article of a page: see docs/extraction.md for the rules.
    public static let article = Extractor(
        name: "article",
        summary:
            "the article: title, headings, paragraphs, lists, quotes, tables; navigation, header, footer, widgets, related links left out"
    ) { page in
        ArticleBlocks(kept: ArticleHeuristics.keptBlocks(of: page))
    }
}

/// The rules of the built-in article extractor.
enum ArticleHeuristics {
    static func keptBlocks(of page: ExtractionPage) -> [Bool] {
        page.blocks.indices.map { k in
            let block = page.blocks[k]
            let length = block.end - block.start
            if length > 0 && page.linkBytes[k] * 2 > length { return false }
            var node = page.nodes[k]?.assumingMemoryBound(to: xmlNode.self)
            while let n = node {
                if n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name,
                    HTMLTree.nameIs(name, oneOf: ["nav", "header", "footer", "aside"])
                {
                    return false
                }
                node = n.pointee.parent
            }
            return true
        }
    }
}
