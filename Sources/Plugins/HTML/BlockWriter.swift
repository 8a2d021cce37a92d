/// Writes extracted text as blocks: whitespace collapsed, blocks separated by a blank line.
///
/// Outside preformatted text, each run of HTML whitespace (and no-break spaces) becomes one
/// space, and a block starts and ends with neither; a line break (`br`) is a `\n`, at most
/// two in a row, and none at a block's start or end. Preformatted text is kept as written,
/// except that blank lines before its first character and whitespace after its last are
/// dropped and `\r\n`/`\r` become `\n`. Blocks are joined with `\n\n` and the text ends with
/// `\n`; a block that would be empty is never written.
///
/// A block element's start and end are boundaries only once they separate text: an element
/// that adds no text at all (an empty ad slot in the middle of a paragraph) leaves the text
/// around it in one block, as if it were not there.
struct BlockWriter {
    /// Where a block's text came from in the page.
    struct Origin {
        var line: Int
        var xpath: String
        /// The block's element (or the document), for extraction.
        var node: UnsafeMutableRawPointer?
    }

    /// The writer's state when a block element started, to forget the element if it adds no text.
    struct Checkpoint {
        fileprivate let length: Int
        fileprivate let breakRequested: Bool
        fileprivate let pendingSpace: Bool
        fileprivate let pendingBreaks: Int
        fileprivate let pendingIndent: [UInt8]
    }

    private(set) var text: [UInt8] = []
    private(set) var blocks: [SourceBlock] = []
    /// The element of each block, in the order of ``blocks``.
    private(set) var nodes: [UnsafeMutableRawPointer?] = []

    private var isOpen = false
    /// The open block ends before the next character (a block element started or ended).
    private var breakRequested = false
    private var start = 0
    private var origin = Origin(line: 0, xpath: "", node: nil)
    private var pendingSpace = false
    private var pendingBreaks = 0
    /// Spaces and tabs seen before a preformatted block's first character.
    private var pendingIndent: [UInt8] = []
    private var afterCarriageReturn = false

    /// The index the block being written has (or the next one will have) in ``blocks``.
    var currentBlockIndex: Int { blocks.count }

    /// Whether the next character starts a new block.
    private var atBlockStart: Bool { !isOpen || breakRequested }

    /// Adds the text of one node. `origin` is asked once, when the text starts a block.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, preformatted: Bool, origin: () -> Origin) {
        if preformatted {
            appendPreformatted(bytes, origin: origin)
        } else {
            appendCollapsed(bytes, origin: origin)
        }
    }

    /// Adds a `br`.
    mutating func lineBreak(preformatted: Bool) {
        if atBlockStart {
            pendingIndent.removeAll()
        } else if preformatted {
            text.append(0x0A)
        } else {
            pendingBreaks = min(pendingBreaks + 1, 2)
            pendingSpace = false
        }
    }

    /// Ends the open block (an `hr`): text from here on goes in a new block.
    mutating func separate() {
        breakRequested = true
    }

    /// Marks the start of a block element: text from here on goes in a new block.
    mutating func enterBlock() -> Checkpoint {
        let checkpoint = Checkpoint(
            length: text.count, breakRequested: breakRequested, pendingSpace: pendingSpace,
            pendingBreaks: pendingBreaks, pendingIndent: pendingIndent)
        breakRequested = true
        return checkpoint
    }

    /// Marks the end of the block element begun at `checkpoint`: text after it goes in a new
    /// block, unless the element added no text, which is then forgotten.
    mutating func leaveBlock(_ checkpoint: Checkpoint) {
        if text.count == checkpoint.length {
            breakRequested = checkpoint.breakRequested
            pendingSpace = checkpoint.pendingSpace
            pendingBreaks = checkpoint.pendingBreaks
            pendingIndent = checkpoint.pendingIndent
        } else {
            breakRequested = true
        }
    }

    /// The text and its blocks, once every node has been added.
    mutating func finish() -> (text: [UInt8], blocks: [SourceBlock]) {
        close()
        if !blocks.isEmpty { text.append(0x0A) }
        return (text, blocks)
    }

    private mutating func close() {
        guard isOpen else { return }
        while text.count > start, HTMLBytes.isWhitespace(text[text.count - 1]) { text.removeLast() }
        blocks.append(SourceBlock(start: start, end: text.count, line: origin.line, xpath: origin.xpath))
        nodes.append(origin.node)
        isOpen = false
    }

    /// Starts a block at the next character, ending the open one.
    private mutating func startBlock(_ origin: () -> Origin) {
        close()
        if !blocks.isEmpty {
            text.append(0x0A)
            text.append(0x0A)
        }
        start = text.count
        self.origin = origin()
        isOpen = true
        breakRequested = false
        pendingSpace = false
        pendingBreaks = 0
        afterCarriageReturn = false
    }

    private mutating func appendCollapsed(_ bytes: UnsafeBufferPointer<UInt8>, origin: () -> Origin) {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if HTMLBytes.isWhitespace(b) {
                pendingSpace = true
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {
                pendingSpace = true
                i += 2
                continue
            }
            if atBlockStart {
                startBlock(origin)
            } else if pendingBreaks > 0 {
                text.append(contentsOf: pendingBreaks == 1 ? [0x0A] : [0x0A, 0x0A])
            } else if pendingSpace {
                text.append(0x20)
            }
            pendingSpace = false
            pendingBreaks = 0
            // The run of characters up to the next whitespace goes in at once.
            var end = i + 1
            while end < n {
                let c = bytes[end]
                if HTMLBytes.isWhitespace(c) || (c == 0xC2 && end + 1 < n && bytes[end + 1] == 0xA0) { break }
                end += 1
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
            i = end
        }
    }

    private mutating func appendPreformatted(_ bytes: UnsafeBufferPointer<UInt8>, origin: () -> Origin) {
        for b in bytes {
            if atBlockStart {
                switch b {
                case 0x0A, 0x0D:
                    pendingIndent.removeAll()
                    continue
                case 0x20, 0x09, 0x0C:
                    pendingIndent.append(b)
                    continue
                default:
                    let indent = pendingIndent
                    pendingIndent.removeAll()
                    startBlock(origin)
                    text.append(contentsOf: indent)
                }
            }
            if b == 0x0D {
                text.append(0x0A)
                afterCarriageReturn = true
                continue
            }
            if !(b == 0x0A && afterCarriageReturn) { text.append(b) }
            afterCarriageReturn = false
        }
    }
}
