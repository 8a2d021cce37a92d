/// The thresholds of cross-document cleaning (`dedup clean --across-documents`). Lengths are
/// in key units: characters other than whitespace, after folding (see ``Normalizer``).
public struct CrossDocumentOptions: Sendable, Equatable {
    /// Length of the shingles sampled from each document's text.
    public var shingleLength = 16
    /// One shingle in this many is sampled (those whose hash is a multiple of it); long
    /// documents are indexed by one in four times as many.
    public var sampleRate = 28
    /// Documents longer than this are indexed by their coarse samples only (one in four), so
    /// that memory grows more slowly than the corpus; shorter ones by all.
    public var longDocumentLength = 4096
    /// Lines of a document's text at its top and at its bottom (lines with text) that are
    /// its frame, where a site's header, navigation and footer are.
    public var frameLines = 20
    /// A frame line is boilerplate when it is in the frames of documents of at least this
    /// many different articles…
    public var boilerplateArticles = 3
    /// …and it is reached from the top or the bottom of the document through boilerplate
    /// lines with gaps of at most this many other lines (a date line, a byline)…
    public var frameGapLines = 3
    /// …holding at most this much text: a paragraph of the article stops the frame, so that
    /// a passage quoted by several articles stays.
    public var frameGapLength = 100
    /// Frame lines already in the frames of documents of this many different articles (this
    /// one counted) are left out when a document is compared without its frame.
    public var sharedFrameArticles = 2
    /// A document repeats an earlier one when at least this share of its text (in
    /// thousandths) is found there, counting its whole text…
    public var wholeContainmentPerMille = 900
    /// …or at least this share of its text without the frame lines it shares with other
    /// articles so far (``sharedFrameArticles``).
    public var contentContainmentPerMille = 800
    /// A lightly edited copy: a document repeats an earlier one also when at least this
    /// share of its text without the shared frame lines is found there…
    public var editedContainmentPerMille = 600
    /// …and what is not found there is at most this long (a date line, a correction, a few
    /// words changed)…
    public var maxEditedLength = 200
    /// …and at least this share of its whole text is found there.
    public var editedWholeContainmentPerMille = 500
    /// A document repeats an earlier one only when at least this much of its text is found
    /// there (a document that short is dropped only when it is equal to an earlier one).
    public var minRepeatedLength = 40
    /// How many earlier documents holding the same sample or line are looked at as the
    /// source of a repeat (the earliest ones).
    public var candidatesPerKey = 8

    /// The documented defaults.
    public init() {}
}
