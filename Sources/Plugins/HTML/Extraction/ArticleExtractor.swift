import CLibXML2

extension Extractor {
    /// The article of a page: its title, headings, paragraphs, lists, quotes and tables in
    /// reading order; navigation, the site's header and footer, share and comment widgets,
    /// related and most-read lists, ads, cookie notices and hidden elements left out. When
    /// the visible text holds no article but the page's JSON-LD has an `articleBody`, that
    /// body is the article. The rules: docs/extraction.md.
    public static let article = Extractor(
        name: "article",
        summary:
            "the article: title, headings, paragraphs, lists, quotes, tables; navigation, header, footer, widgets, related links left out"
    ) { page in
        var heuristics = ArticleHeuristics(page)
        return heuristics.choose()
    }
}

/// The rules of the built-in article extractor, run once per page.
struct ArticleHeuristics {
    typealias Node = UnsafeMutableRawPointer

    /// Ancestors of a block looked at, nearest first.
    static let maxChain = 256

    let page: ExtractionPage
    /// Per block: its weight (characters, a CJK character counting 3), and what its
    /// ancestors say.
    var weight: [Int] = []
    var linkShare: [Double] = []
    /// The block's element and its ancestors, nearest first, up to (not including) the document.
    var chains: [[Node]] = []
    var hints: [Node: ElementHints] = [:]

    init(_ page: ExtractionPage) {
        self.page = page
    }

    mutating func choose() -> ArticleBlocks {
        let n = page.blocks.count
        weight = page.blocks.map { Text.weight(page.text[$0.start..<$0.end]) }
        linkShare = (0..<n).map { k in
            let bytes = page.blocks[k].end - page.blocks[k].start
            return bytes > 0 ? Double(page.linkBytes[k]) / Double(bytes) : 0
        }
        chains = page.nodes.map { node in
            var chain: [Node] = []
            var current = node?.assumingMemoryBound(to: xmlNode.self)
            // The nearest ancestors only: a pathologically deep page costs no more than a
            // page of that many levels.
            while let c = current, c.pointee.type == XML_ELEMENT_NODE, chain.count < Self.maxChain {
                chain.append(Node(c))
                current = c.pointee.parent
            }
            return chain
        }
        for chain in chains {
            for node in chain where hints[node] == nil {
                hints[node] = ElementHints.of(node.assumingMemoryBound(to: xmlNode.self))
            }
        }

        // Text that reads as prose: long enough, few links.
        let prose = (0..<n).map { k in weight[k] >= 60 && linkShare[k] < 0.35 }
        var goodTotal: [Node: Int] = [:]
        var pageGood = 0
        for k in 0..<n where prose[k] {
            pageGood += weight[k]
            for node in chains[k] { goodTotal[node, default: 0] += weight[k] }
        }
        // Elements that hold the title (`h1`) or an element marked as the article
        // (`article`, `main`, `itemprop="articleBody"`).
        var holdsArticle: Set<Node> = []
        for k in 0..<n {
            guard let marked = chains[k].firstIndex(where: { hints[$0]?.title == true || hints[$0]?.strongArticle == true })
            else { continue }
            for node in chains[k][marked...] { holdsArticle.insert(node) }
        }
        // An element hinted as boilerplate is left out, unless it is a wrapper of the article:
        // it holds the title or the marked article, and much of the page's prose (a page
        // wrapper whose class says "has-sidebar").
        func isOut(_ node: Node) -> Bool {
            guard let h = hints[node] else { return false }
            let prose = Double(goodTotal[node] ?? 0) / Double(max(pageGood, 1))
            // A wrapper of most of the page hidden until its scripts run is shown then.
            if h.hidden { return prose < 0.6 }
            if h.weakBoilerplate && !h.boilerplate { return prose < 0.25 }
            guard h.boilerplate else { return false }
            return !(holdsArticle.contains(node) && prose >= 0.4)
        }
        var out = [Bool](repeating: false, count: n)
        for k in 0..<n where chains[k].contains(where: isOut) { out[k] = true }

        // Score the ancestors of prose blocks: the block's element and its parent in full,
        // then half for each level up.
        var score: [Node: Double] = [:]
        for k in 0..<n where prose[k] && !out[k] {
            var share = Double(weight[k]) * (1 - linkShare[k])
            for (level, node) in chains[k].enumerated() {
                if level >= 2 { share /= 2 }
                if share < 1 { break }
                score[node, default: 0] += share
            }
        }
        for (node, s) in score where hints[node]?.article == true { score[node] = s * 1.25 }
        guard let best = score.max(by: { a, b in a.value < b.value || (a.value == b.value && depth(a.key) > depth(b.key)) })
        else {
            return withMetadataBody((0..<n).map { !out[$0] && !isFurniture($0) })
        }
        // An article cut into many small sections scores best in one of them: go up while the
        // element holds less than 60% of the prose left in, short of the body.
        var inProse: [Node: Int] = [:]
        var pageInProse = 0
        for k in 0..<n where prose[k] && !out[k] {
            pageInProse += weight[k]
            for node in chains[k] { inProse[node, default: 0] += weight[k] }
        }
        // Elements holding a block that is out (a post's comment link, its share buttons).
        var holdsOut: Set<Node> = []
        for k in 0..<n where out[k] { holdsOut.formUnion(chains[k]) }
        var container = best.key
        var isRecord = false
        while Double(inProse[container] ?? 0) < 0.6 * Double(pageInProse), hints[container]?.strongArticle != true {
            // A page listing posts (a blog's page, a forum thread): the container is one of
            // three or more like siblings, each with prose and furniture of its own (its comment
            // link, its share buttons). Sections of one article carry no furniture of their
            // own; the first post (the newest, a thread's opening post) is the article.
            if let first = firstRecord(container, goodTotal: goodTotal, holdsOut: holdsOut) {
                container = first
                isRecord = true
                break
            }
            guard let parent = container.assumingMemoryBound(to: xmlNode.self).pointee.parent,
                parent.pointee.type == XML_ELEMENT_NODE, let name = parent.pointee.name,
                !HTMLTree.nameIs(name, oneOf: ["body", "html"])
            else { break }
            container = Node(parent)
        }
        // The same when the container is inside one of the posts (the longest post holds most of
        // the page's prose).
        var ancestor: Node? = container
        while !isRecord, let a = ancestor, hints[a] != nil {
            if let first = firstRecord(a, goodTotal: goodTotal, holdsOut: holdsOut) {
                container = first
                isRecord = true
                break
            }
            ancestor = a.assumingMemoryBound(to: xmlNode.self).pointee.parent.map { Node($0) }
        }
        // Siblings of the container that read as more of the article: sections that score
        // well, and paragraphs of prose of their own (a lead paragraph before the body).
        var proseBlockElements: Set<Node> = []
        for k in 0..<n
        where prose[k] && !out[k] && linkShare[k] < 0.25 && weight[k] >= 80
            && Text.hasSentenceEnd(page.text[page.blocks[k].start..<page.blocks[k].end])
        {
            if let node = chains[k].first { proseBlockElements.insert(node) }
        }
        var included: Set<Node> = [container]
        let threshold = max(10, (score[container] ?? best.value) * 0.2)
        // The siblings of a post are the other posts.
        var sibling = isRecord ? nil : container.assumingMemoryBound(to: xmlNode.self).pointee.parent?.pointee.children
        while let s = sibling {
            if s.pointee.type == XML_ELEMENT_NODE, Node(s) != container, !isOut(Node(s)),
                (score[Node(s)] ?? 0) >= threshold || proseBlockElements.contains(Node(s))
            {
                included.insert(Node(s))
            }
            sibling = s.pointee.next
        }
        var kept = (0..<n).map { k in
            !out[k] && chains[k].contains(where: { included.contains($0) }) && !isFurniture(k)
        }
        trimEdges(&kept)
        return withMetadataBody(kept)
    }

    /// The first of the like siblings of `node` (same element, same `class`) when three or more
    /// of them, `node` among them, hold prose and a block that is out: the records of a listing.
    private func firstRecord(_ node: Node, goodTotal: [Node: Int], holdsOut: Set<Node>) -> Node? {
        let element = node.assumingMemoryBound(to: xmlNode.self)
        guard let name = element.pointee.name, let parent = element.pointee.parent else { return nil }
        let cls = HTMLTree.attribute(element, "class")
        func isRecord(_ s: xmlNodePtr) -> Bool {
            guard s.pointee.type == XML_ELEMENT_NODE, let n = s.pointee.name, xmlStrEqual(n, name) != 0 else {
                return false
            }
            let c = HTMLTree.attribute(s, "class")
            guard (c == nil && cls == nil) || (c != nil && cls != nil && xmlStrEqual(c, cls) != 0) else { return false }
            return (goodTotal[Node(s)] ?? 0) > 0 && holdsOut.contains(Node(s))
        }
        guard isRecord(element) else { return nil }
        var records: [Node] = []
        var sibling = parent.pointee.children
        while let s = sibling {
            if isRecord(s) { records.append(Node(s)) }
            sibling = s.pointee.next
        }
        return records.count >= 3 ? records.first : nil
    }

    /// `kept`, or, when the page's JSON-LD holds an `articleBody` more than twice as long as
    /// the kept text (the article is drawn by JavaScript), that body instead, every block left out.
    private func withMetadataBody(_ chosen: [Bool]) -> ArticleBlocks {
        var kept = chosen
        // Never nothing: a page where the rules keep no block keeps what is not furniture,
        // else all of its text.
        if !kept.contains(true) {
            kept = kept.indices.map { !isFurniture($0) }
            if !kept.contains(true) { kept = Array(repeating: true, count: kept.count) }
        }
        let keptWeight = kept.indices.reduce(0) { $0 + (kept[$1] ? weight[$1] : 0) }
        // Looked for only when the article found is short: a page with an article in its text
        // is not walked twice.
        guard keptWeight < 2000, let body = JSONLDBody.find(in: page.parsed.document) else {
            return ArticleBlocks(kept: kept)
        }
        let bodyWeight = Text.weight(body.text.utf8[...])
        guard bodyWeight > 2 * keptWeight && bodyWeight >= 200 else { return ArticleBlocks(kept: kept) }
        return ArticleBlocks(kept: Array(repeating: false, count: kept.count), metadataBody: body)
    }

    private func depth(_ node: Node) -> Int {
        var d = 0
        var current = node.assumingMemoryBound(to: xmlNode.self).pointee.parent
        while let c = current {
            d += 1
            current = c.pointee.parent
        }
        return d
    }

    /// A short block of links, or a short line that pages use as furniture ("Share",
    /// "Advertisement", "Read more").
    private func isFurniture(_ k: Int) -> Bool {
        if linkShare[k] > 0.5 && weight[k] < 400
            && !(weight[k] >= 40 && Text.hasSentenceEnd(page.text[page.blocks[k].start..<page.blocks[k].end]))
        {
            return true
        }
        return weight[k] < 60 && Phrases.isBoilerplate(page.text[page.blocks[k].start..<page.blocks[k].end])
    }

    /// Drops the short blocks that open or close the article before its first and after its
    /// last prose block (datelines, bylines, tags, "share this").
    private func trimEdges(_ kept: inout [Bool]) {
        guard let first = kept.indices.first(where: { kept[$0] && weight[$0] >= 60 }),
            let last = kept.indices.last(where: { kept[$0] && weight[$0] >= 60 })
        else { return }
        for k in 0..<first where kept[k] && (weight[k] < 20 || linkShare[k] > 0.3) && !(hintsOf(k)?.heading ?? false) {
            kept[k] = false
        }
        for k in (last + 1)..<kept.count where kept[k] && weight[k] < 60 && linkShare[k] > 0.3 {
            kept[k] = false
        }
    }

    private func hintsOf(_ k: Int) -> ElementHints? {
        chains[k].first.flatMap { hints[$0] }
    }
}

/// Byte-level measures of text.
enum Text {
    /// Whether `bytes` end a sentence: `.`, `!`, `?` (before a space, a quote or the end), or
    /// `。`, `！`, `？` anywhere.
    static func hasSentenceEnd(_ bytes: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        var k = bytes.startIndex
        while k < bytes.endIndex {
            let b = bytes[k]
            if b == 0xE3, k + 2 < bytes.endIndex, bytes[k + 1] == 0x80, bytes[k + 2] == 0x82 { return true }  // 。
            if b == 0xEF, k + 2 < bytes.endIndex, bytes[k + 1] == 0xBC, bytes[k + 2] == 0x81 || bytes[k + 2] == 0x9F {
                return true  // ！？
            }
            if (previous == 0x2E || previous == 0x21 || previous == 0x3F) && (b == 0x20 || b == 0x22 || b == 0x0A) {
                return true
            }
            previous = b
            k += 1
        }
        return previous == 0x2E || previous == 0x21 || previous == 0x3F
    }

    /// Characters of `bytes` (UTF-8), a character of three or four bytes (CJK, most other
    /// scripts of Asia) counting 3: a Chinese character carries about as much as a short word.
    static func weight<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        var w = 0
        for b in bytes {
            if b < 0x80 {
                w += 1
            } else if b >= 0xE0 {
                w += 3
            } else if b >= 0xC0 {
                w += 1
            }
        }
        return w
    }
}
