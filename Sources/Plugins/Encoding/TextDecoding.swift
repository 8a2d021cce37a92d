internal import DedupSystem

/// Strict decoding for importers that must not change the text they read: bytes that are not
/// valid in the encoding are an error with their offset, and so is a NUL character (a binary
/// file), rather than U+FFFD or text cut short.
enum TextDecoding {
    /// `bytes[start...]` decoded from `encoding` to UTF-8.
    /// - Throws: ``TextDecodingError/invalid(encoding:offset:bytes:cutOff:)`` at the first
    ///   sequence that cannot be decoded, its offset counted from the start of `bytes`.
    static func decode(_ bytes: [UInt8], from encoding: TextEncoding, start: Int) throws(TextDecodingError) -> [UInt8] {
        let decoded = encoding.decode(bytes[start...])
        guard let failure = decoded.firstError else { return decoded.utf8 }
        let offset = min(start + failure.offset, bytes.count)
        let shown = bytes[offset..<min(bytes.count, offset + (failure.cutOff ? 4 : encoding.codeUnitSize))]
        throw .invalid(encoding: encoding.name, offset: offset, bytes: Array(shown), cutOff: failure.cutOff)
    }

    /// Refuses `bytes` when, read in code units of `unitSize` bytes from `start`, they hold a
    /// NUL character (a unit of zero bytes): what U+0000 is in every encoding with a zero byte
    /// for it, so the offset is the input's.
    /// - Throws: ``TextDecodingError/binary(offset:width:likelyEncoding:)``.
    static func refuseBinary(_ bytes: [UInt8], start: Int, unitSize: Int) throws(TextDecodingError) {
        guard let offset = firstNUL(in: bytes, from: start, unitSize: unitSize) else { return }
        throw .binary(offset: offset, width: unitSize, likelyEncoding: unitSize == 1 ? utf16WithoutMark(bytes) : nil)
    }

    /// Refuses decoded text that holds U+0000 (which ``refuseBinary(_:start:unitSize:)``
    /// catches in the input for every common encoding).
    /// - Throws: ``TextDecodingError/nulInDecodedText(offset:)``.
    static func refuseNUL(inDecoded utf8: [UInt8]) throws(TextDecodingError) {
        if let offset = firstNUL(in: utf8, from: 0, unitSize: 1) { throw .nulInDecodedText(offset: offset) }
    }

    /// The offset of the first code unit of `unitSize` zero bytes at or after `start`.
    static func firstNUL(in bytes: [UInt8], from start: Int, unitSize: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            if unitSize <= 1 {
                guard let found = memchr(base + start, 0, buffer.count - start) else { return nil }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            var i = start
            while i + unitSize <= buffer.count {
                var zero = true
                for k in 0..<unitSize where buffer[i + k] != 0 {
                    zero = false
                    break
                }
                if zero { return i }
                i += unitSize
            }
            return nil
        }
    }

    /// `UTF-16LE` or `UTF-16BE` when the start of `bytes` looks like mostly-ASCII UTF-16: at
    /// least four pairs of bytes, a zero byte in at least half of them, nearly always on the
    /// same side.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> String? {
        let n = min(bytes.count, 4096) & ~1
        guard n >= 8 else { return nil }
        var zerosFirst = 0, zerosSecond = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { zerosFirst += 1 }
            if bytes[i + 1] == 0 { zerosSecond += 1 }
        }
        let pairs = n / 2
        if zerosSecond * 2 >= pairs && zerosFirst * 10 <= zerosSecond { return TextEncoding.utf16LE.name }
        if zerosFirst * 2 >= pairs && zerosSecond * 10 <= zerosFirst { return TextEncoding.utf16BE.name }
        return nil
    }
}
