/// What one piece of a diff says about the two documents.
public enum DiffOpKind: String, Sendable, Equatable, CaseIterable {
    /// The same text on both sides (after normalization, unless the diff is exact).
    case equal
    /// Text of A that B does not have.
    case delete
    /// Text of B that A does not have.
    case insert
    /// Text of A replaced by similar text of B at the same place; see the op's edits.
    case change
    /// Text of A found elsewhere in B, possibly slightly edited; see the op's edits.
    case move
}

/// One difference inside a ``DiffOp/change`` or ``DiffOp/move``: what happened to a word,
/// a run of CJK characters or a phrase. Kinds are `equal`, `delete`, `insert` and `change`.
///
/// Ranges are UTF-8 byte offsets, half-open, into A and B. A delete's `b` (and an insert's
/// `a`) is the empty range where the text would stand on that side.
public struct DiffEdit: Sendable, Equatable {
    /// What happened.
    public var kind: DiffOpKind
    /// The bytes of A this edit covers (empty for an insert).
    public var a: ByteRange
    /// The bytes of B this edit covers (empty for a delete).
    public var b: ByteRange

    /// An edit of `kind` over `a` and `b`.
    public init(kind: DiffOpKind, a: ByteRange, b: ByteRange) {
        self.kind = kind
        self.a = a
        self.b = b
    }
}

/// One piece of a document diff.
///
/// Ranges are UTF-8 byte offsets, half-open, into A and B. A delete's `b` (and an insert's
/// `a`) is the empty range where the text would stand on that side; renderers leave it out.
/// A `change` or `move` carries ``edits`` that tile its own two ranges.
public struct DiffOp: Sendable, Equatable {
    /// What happened.
    public var kind: DiffOpKind
    /// The bytes of A this op covers (empty for an insert).
    public var a: ByteRange
    /// The bytes of B this op covers (empty for a delete).
    public var b: ByteRange
    /// For `change` and `move`: the inline edits, in order, tiling `a` and `b`.
    public var edits: [DiffEdit]

    /// An op of `kind` over `a` and `b`, with inline `edits` for a change or a move.
    public init(kind: DiffOpKind, a: ByteRange, b: ByteRange, edits: [DiffEdit] = []) {
        self.kind = kind
        self.a = a
        self.b = b
        self.edits = edits
    }
}

/// The diff of two documents: ops whose A ranges tile A and whose B ranges tile B.
///
/// Promises: ops are in the order of A (an insert where it goes in A, a move where its
/// text was in A); every byte of A is in the `a` range of exactly one op, every byte of B
/// in the `b` range of exactly one op; no op is empty on both sides.
public struct DiffResult: Sendable, Equatable {
    /// The first document's text.
    public let a: [UInt8]
    /// The second document's text.
    public let b: [UInt8]
    /// The ops, in the order of A.
    public let ops: [DiffOp]
    /// Whether whitespace and compatibility forms counted (see ``DiffOptions/exact``).
    public let exact: Bool

    /// Wraps ops computed for `a` and `b`.
    public init(a: [UInt8], b: [UInt8], ops: [DiffOp], exact: Bool) {
        self.a = a
        self.b = b
        self.ops = ops
        self.exact = exact
    }

    /// True when every op is `equal`: the documents are the same (after normalization,
    /// unless the diff is exact).
    public var isSame: Bool { ops.allSatisfy { $0.kind == .equal } }

    /// How many ops there are of each kind.
    public var counts: [DiffOpKind: Int] {
        var out: [DiffOpKind: Int] = [:]
        for op in ops { out[op.kind, default: 0] += 1 }
        return out
    }
}
