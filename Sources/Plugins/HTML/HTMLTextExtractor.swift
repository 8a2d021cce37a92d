import CLibXML2

/// Pulls the visible text out of a parsed page, block by block, with where each block came
/// from: the line of its element and the element's XPath.
///
/// The tree is walked without recursion (an explicit stack), so nesting depth costs heap,
/// not call stack. A block's element is the nearest enclosing non-inline element (see
/// ``HTMLElementRole``). XPaths have the form `xmlGetNodePath` gives (`/html/body/div[2]/p`,
/// an index only where the element has same-named siblings) but are built along the walk,
/// in time linear in the page; below ``maxPathDepth`` levels a block reports the XPath of its
/// ancestor at that depth, which keeps the XPaths of a pathologically deep page from growing
/// with the square of its depth. Lines are libxml2's (`xmlGetLineNo`), which stop counting at
/// 65,535.
struct HTMLTextExtractor {
    /// Depth below which elements add no step to the reported XPaths.
    static let maxPathDepth = 256

    /// The extracted text and blocks, and how many selected nodes were met.
    struct Extraction {
        var text: [UInt8]
        var blocks: [SourceBlock]
        /// The element of each block (the document for text outside any element).
        var nodes: [UnsafeMutableRawPointer?]
        /// Bytes of each block's text that are inside links (`a` elements).
        var linkBytes: [Int]
        var selectedNodesFound: Int
    }

    /// One open element (or the document) on the walk's stack.
    private struct Frame {
        let node: xmlNodePtr?
        /// Length of this element's XPath in ``path``.
        let pathLength: Int
        /// Index in the stack of the element whose blocks this element's text joins.
        let container: Int
        /// Whether this element's content is extracted (always, unless only selected nodes are).
        let extracting: Bool
        let preformatted: Bool
        /// Whether the element is, or is inside, a link.
        let inLink: Bool
        /// For an element that bounds blocks, the writer's state when it started.
        let blockStart: BlockWriter.Checkpoint?
        /// How many element children have each name, counted when the first one is entered.
        var childNames: [Int: Int]?
        /// How many element children of each name have been entered.
        var seenNames: [Int: Int] = [:]
    }

    private var writer = BlockWriter()
    private var frames: [Frame] = []
    private var path: [UInt8] = []
    private let selection: Set<UnsafeMutableRawPointer>?
    private var selectedNodesFound = 0
    private var linkBytes: [Int] = []
    /// Element names met so far, by number (0: an element without a name), with their role.
    private var names: [(role: HTMLElementRole, bytes: [UInt8])] = [(.inline, [])]
    private var idsByAddress: [UnsafePointer<xmlChar>: Int] = [:]
    private var idsByName: [[UInt8]: Int] = [[]: 0]

    /// Extracts the text of `document`; with `selection`, only of the selected nodes (and
    /// their descendants), each a block boundary, in document order, a node inside an
    /// already selected one adding nothing.
    static func extract(from document: htmlDocPtr, selection: Set<UnsafeMutableRawPointer>? = nil) -> Extraction {
        var extractor = HTMLTextExtractor(selection: selection)
        return extractor.run(document)
    }

    private init(selection: Set<UnsafeMutableRawPointer>?) {
        self.selection = selection
    }

    private mutating func run(_ document: htmlDocPtr) -> Extraction {
        let documentNode = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        let wholeDocument = selection == nil || selection?.contains(UnsafeMutableRawPointer(document)) == true
        if selection != nil && wholeDocument { selectedNodesFound += 1 }
        frames.append(
            Frame(
                node: documentNode, pathLength: 0, container: 0, extracting: wholeDocument,
                preformatted: false, inLink: false, blockStart: nil))
        var next = document.pointee.children
        while true {
            guard let node = next else {
                // No more siblings: leave the parent, go on with its next sibling.
                guard frames.count > 1 else { break }
                let frame = frames.removeLast()
                leave(frame)
                next = frame.node?.pointee.next
                continue
            }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                if enter(node) {
                    next = node.pointee.children
                    continue
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text(node)
            default:
                break
            }
            next = node.pointee.next
        }
        let (text, blocks) = writer.finish()
        if linkBytes.count < blocks.count { linkBytes += Array(repeating: 0, count: blocks.count - linkBytes.count) }
        return Extraction(
            text: text, blocks: blocks, nodes: writer.nodes, linkBytes: Array(linkBytes.prefix(blocks.count)),
            selectedNodesFound: selectedNodesFound)
    }

    /// Handles the start of `element`; true when its children are to be walked (its frame is
    /// then on the stack).
    private mutating func enter(_ element: xmlNodePtr) -> Bool {
        let name = nameID(element.pointee.name)
        let parentIndex = frames.count - 1
        let pathLength = appendStep(name, parent: parentIndex)
        let parentPreformatted = frames[parentIndex].preformatted
        let parentContainer = frames[parentIndex].container
        var role = names[name].role
        var extracting = frames[parentIndex].extracting
        var selected = false
        if !extracting, let selection, selection.contains(UnsafeMutableRawPointer(element)) {
            extracting = true
            selected = true
            selectedNodesFound += 1
        }
        if extracting && !selected && (role == .skipped || Self.isHidden(element) || role == .inline && Self.isStyledHidden(element)) {
            return false
        }
        if selected && role != .preformatted { role = .block }
        if extracting && role == .lineBreak {
            writer.lineBreak(preformatted: parentPreformatted)
            return false
        }
        if extracting && role == .separator {
            writer.separate()
            return false
        }
        let startsBlock = extracting && (role == .block || role == .preformatted)
        let frame = Frame(
            node: element, pathLength: pathLength,
            container: startsBlock ? frames.count : parentContainer,
            extracting: extracting, preformatted: parentPreformatted || role == .preformatted,
            inLink: frames[parentIndex].inLink || Self.isLink(element),
            blockStart: startsBlock ? writer.enterBlock() : nil)
        guard element.pointee.children != nil else {
            leave(frame)
            return false
        }
        frames.append(frame)
        return true
    }

    private mutating func leave(_ frame: Frame) {
        if let checkpoint = frame.blockStart { writer.leaveBlock(checkpoint) }
    }

    private mutating func text(_ node: xmlNodePtr) {
        guard let content = node.pointee.content else { return }
        let top = frames.count - 1
        var container = frames[top].container
        var checkpoint: BlockWriter.Checkpoint?
        if !frames[top].extracting {
            guard let selection, selection.contains(UnsafeMutableRawPointer(node)) else { return }
            selectedNodesFound += 1
            container = top
            checkpoint = writer.enterBlock()
        }
        let bytes = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
        let frame = frames[container]
        let path = self.path
        let before = writer.text.count
        writer.append(bytes, preformatted: frames[top].preformatted) {
            Self.origin(of: frame, path: path, isDocument: container == 0)
        }
        if frames[top].inLink && writer.text.count > before {
            let index = writer.currentBlockIndex
            if linkBytes.count <= index { linkBytes += Array(repeating: 0, count: index + 1 - linkBytes.count) }
            linkBytes[index] += writer.text.count - before
        }
        if let checkpoint { writer.leaveBlock(checkpoint) }
    }

    /// The line and XPath of `frame`'s element.
    private static func origin(of frame: Frame, path: [UInt8], isDocument: Bool) -> BlockWriter.Origin {
        guard !isDocument, let node = frame.node else {
            return BlockWriter.Origin(line: 1, xpath: "/", node: frame.node.map { UnsafeMutableRawPointer($0) })
        }
        let xpath = String(decoding: path[0..<frame.pathLength], as: UTF8.self)
        return BlockWriter.Origin(line: max(Int(xmlGetLineNo(node)), 1), xpath: xpath, node: UnsafeMutableRawPointer(node))
    }

    /// Puts the XPath step of an element called `name`, child of the frame at `parent`, on
    /// ``path`` and returns the path's new length (the parent's, below ``maxPathDepth``).
    private mutating func appendStep(_ name: Int, parent: Int) -> Int {
        let parentLength = frames[parent].pathLength
        guard frames.count <= Self.maxPathDepth else { return parentLength }
        if frames[parent].childNames == nil { frames[parent].childNames = childNameCounts(of: frames[parent].node) }
        let position = (frames[parent].seenNames[name] ?? 0) + 1
        frames[parent].seenNames[name] = position
        path.removeSubrange(parentLength...)
        path.append(UInt8(ascii: "/"))
        path.append(contentsOf: names[name].bytes)
        if (frames[parent].childNames?[name] ?? 0) > 1 {
            path.append(UInt8(ascii: "["))
            path.append(contentsOf: String(position).utf8)
            path.append(UInt8(ascii: "]"))
        }
        return path.count
    }

    private mutating func childNameCounts(of node: xmlNodePtr?) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        var child = node?.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                counts[nameID(c.pointee.name), default: 0] += 1
            }
            child = c.pointee.next
        }
        return counts
    }

    /// The number of the element name at `pointer` in ``names``: looked up by address first
    /// (libxml2 keeps one copy of each name in its dictionary), by bytes for an address not
    /// seen yet, so that no string is made per element.
    private mutating func nameID(_ pointer: UnsafePointer<xmlChar>?) -> Int {
        guard let pointer else { return 0 }
        if let id = idsByAddress[pointer] { return id }
        let bytes = Array(UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
        let id: Int
        if let known = idsByName[bytes] {
            id = known
        } else {
            id = names.count
            names.append((HTMLElementRole.of(String(decoding: bytes, as: UTF8.self)), bytes))
            idsByName[bytes] = id
        }
        idsByAddress[pointer] = id
        return id
    }

    /// Whether `element` is an `a`.
    private static func isLink(_ element: xmlNodePtr) -> Bool {
        guard let name = element.pointee.name else { return false }
        return name[0] == UInt8(ascii: "a") && name[1] == 0
    }

    /// Whether `element` has the `hidden` attribute.
    private static func isHidden(_ element: xmlNodePtr) -> Bool {
        var attribute = element.pointee.properties
        while let a = attribute {
            if let name = a.pointee.name, isHiddenName(name) { return true }
            attribute = a.pointee.next
        }
        return false
    }

    /// Whether `element`'s `style` hides it (`display:none`, `visibility:hidden`). Asked of
    /// inline elements only: text hidden inside a paragraph (a copy for another layout, a
    /// trap for scrapers) is no part of it, while a hidden block may be a page its scripts
    /// reveal, which article extraction decides on.
    private static func isStyledHidden(_ element: xmlNodePtr) -> Bool {
        var attribute = element.pointee.properties
        while let a = attribute {
            if let name = a.pointee.name, name[0] | 0x20 == 0x73, HTMLBytes.lowercased(name[1]) == 0x74,
                HTMLBytes.lowercased(name[2]) == 0x79, HTMLBytes.lowercased(name[3]) == 0x6C, HTMLBytes.lowercased(name[4]) == 0x65,
                name[5] == 0, let value = a.pointee.children?.pointee.content
            {
                return Words.hidesElement(value)
            }
            attribute = a.pointee.next
        }
        return false
    }

    private static let hiddenWord: [UInt8] = Array("hidden".utf8)

    private static func isHiddenName(_ name: UnsafePointer<xmlChar>) -> Bool {
        // Stops at the name's terminator, which matches no letter of the word.
        for k in 0..<hiddenWord.count where HTMLBytes.lowercased(name[k]) != hiddenWord[k] { return false }
        return name[hiddenWord.count] == 0
    }
}
