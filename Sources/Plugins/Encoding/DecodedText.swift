/// What decoding made of some bytes: UTF-8, with every sequence that could not be decoded
/// replaced by U+FFFD, and where the first such sequence was.
struct DecodedText: Equatable {
    /// A sequence that could not be decoded.
    struct Failure: Equatable {
        /// Where it starts, in bytes from the start of the input that was decoded.
        var offset: Int
        /// Whether the end of the input cut it off (rather than its bytes being invalid).
        var cutOff: Bool
    }

    /// The text in UTF-8.
    var utf8: [UInt8]
    /// How many sequences could not be decoded (each became U+FFFD).
    var errors: Int
    /// The first of them; nil when every byte was decoded.
    var firstError: Failure?
}
