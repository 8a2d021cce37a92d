/// What restore needs from provenance, whatever format it was written in.
struct ProvenancePlan {
    struct Span {
        var start: Int
        var end: Int
        /// The bytes of a removed span; nil for a kept one.
        var removedText: [UInt8]?
    }
    var size: Int
    var sha256: String?
    var spans: [Span]
    var text: [UInt8]
}
