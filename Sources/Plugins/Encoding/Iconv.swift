internal import DedupSystem

/// Decoding through the C library's iconv, one converter per call (so threads never share one).
enum Iconv {
    /// Whether iconv can decode `name` into UTF-8.
    static func isSupported(_ name: String) -> Bool {
        guard let converter = open(name) else { return false }
        iconv_close(converter)
        return true
    }

    /// `bytes` decoded from `name` to UTF-8, with the undecodable sequences (each became
    /// U+FFFD, and decoding went on after its first code unit of `unitSize` bytes); nil when
    /// iconv does not know `name`.
    static func decode(_ bytes: ArraySlice<UInt8>, from name: String, unitSize: Int) -> DecodedText? {
        convert(bytes, from: name, unitSize: unitSize, outputLimit: nil).map(\.decoded)
    }

    /// Where in `bytes` (from its start) the character lies that `decode` wrote at byte
    /// `outputOffset` of its output, which must be the start of a character.
    static func inputOffset(
        ofOutput outputOffset: Int, decoding bytes: ArraySlice<UInt8>, from name: String,
        unitSize: Int
    ) -> Int? {
        convert(bytes, from: name, unitSize: unitSize, outputLimit: outputOffset).map(\.consumed)
    }

    /// The conversion loop. With `outputLimit`, it stops once that many bytes are written
    /// and reports how much input they took.
    private static func convert(
        _ bytes: ArraySlice<UInt8>, from name: String, unitSize: Int,
        outputLimit: Int?
    ) -> (decoded: DecodedText, consumed: Int)? {
        guard let converter = open(name) else { return nil }
        defer { iconv_close(converter) }
        var out: [UInt8] = []
        out.reserveCapacity(min(outputLimit ?? Int.max, bytes.count * 3 / 2 + 16))
        var errors = 0
        var firstError: DecodedText.Failure?
        var consumed = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = Array(bytes)
        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                let outStart = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var flushing = false
                func fail(cutOff: Bool) {
                    errors += 1
                    if firstError == nil { firstError = .init(offset: inBuffer.count - inLeft, cutOff: cutOff) }
                    out.append(contentsOf: UTF8Repair.replacementCharacter)
                }
                defer { consumed = inBuffer.count - inLeft }
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = outStart
                    var outLeft = outBuffer.count
                    if let outputLimit {
                        outLeft = min(outLeft, outputLimit - out.count)
                        if outLeft <= 0 { return }
                    }
                    let room = outLeft
                    let result =
                        flushing
                        ? iconv(converter, nil, nil, &outPointer, &outLeft)
                        : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = result == -1 ? errno : 0
                    out.append(contentsOf: UnsafeBufferPointer(start: outBase, count: room - outLeft))
                    if failure == 0 {
                        if flushing { return }
                        if inLeft == 0 { flushing = true }
                        continue
                    }
                    switch failure {
                    case E2BIG:
                        // Only a limited output can be too small for one character.
                        if room == outLeft { return }
                    case EILSEQ where inLeft > 0:
                        // Skip one code unit, not one byte, so that UTF-16 and UTF-32 stay
                        // aligned after a bad unit.
                        let skip = min(unitSize, inLeft)
                        fail(cutOff: false)
                        inPointer = inPointer.map { $0 + skip }
                        inLeft -= skip
                    default:
                        // A sequence cut off by the end of the input, or a converter failure.
                        fail(cutOff: failure == EINVAL)
                        if flushing { return }
                        inLeft = 0
                        flushing = true
                    }
                }
            }
        }
        return (DecodedText(utf8: out, errors: errors, firstError: firstError), consumed)
    }

    private static func open(_ name: String) -> iconv_t? {
        let converter = iconv_open("UTF-8", name)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        return converter
    }
}
