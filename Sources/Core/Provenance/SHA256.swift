import CSHA256

/// SHA-256 (FIPS 180-4) of a byte sequence, for the provenance's `source.sha256`.
///
/// Written here rather than taken from swift-crypto, whose BoringSSL build would add
/// minutes to every clean build for one hash function. On a processor with SHA
/// instructions (x86-64 SHA-NI) the blocks are compressed by them (`CSHA256`, chosen at
/// run time), about six times faster; elsewhere by the Swift code below. Both give the
/// same digest.
public enum SHA256 {
    /// Whether the processor's SHA instructions compress the blocks.
    static let hardware = dedup_sha256_hw_available() != 0

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        digest(bytes, hardware: hardware)
    }

    /// The digest computed by the processor's SHA instructions or by the Swift code
    /// (`hardware` only where ``hardware`` is true).
    static func digest(_ bytes: [UInt8], hardware: Bool) -> [UInt8] {
        let whole = bytes.count - bytes.count % 64
        var tail = Array(bytes[whole...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) &* 8
        for s in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(s))) }
        let words = hardware ? hardwareBlocks(bytes, whole: whole, tail: tail) : softwareBlocks(bytes, whole: whole, tail: tail)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for v in words {
            out.append(UInt8(truncatingIfNeeded: v >> 24))
            out.append(UInt8(truncatingIfNeeded: v >> 16))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
            out.append(UInt8(truncatingIfNeeded: v))
        }
        return out
    }

    /// The state after the first `whole` bytes of `bytes`, then `tail` (the rest, padded),
    /// compressed by the processor's SHA instructions.
    private static func hardwareBlocks(_ bytes: [UInt8], whole: Int, tail: [UInt8]) -> [UInt32] {
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        state.withUnsafeMutableBufferPointer { s in
            guard let h = s.baseAddress else { return }
            bytes.withUnsafeBufferPointer { b in
                if whole > 0, let data = b.baseAddress { dedup_sha256_hw_blocks(h, data, whole / 64) }
            }
            tail.withUnsafeBufferPointer { t in
                if let data = t.baseAddress { dedup_sha256_hw_blocks(h, data, t.count / 64) }
            }
        }
        return state
    }

    /// The same, compressed by the Swift code.
    private static func softwareBlocks(_ bytes: [UInt8], whole: Int, tail: [UInt8]) -> [UInt32] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            // The 64 round constants, kept once, in the C file.
            let k = UnsafeBufferPointer(start: dedup_sha256_round_constants(), count: 64)
            bytes.withUnsafeBytes { input in
                var offset = 0
                while offset < whole {
                    compress(UnsafeRawBufferPointer(rebasing: input[offset..<(offset + 64)]), &h, w, k)
                    offset += 64
                }
            }
            tail.withUnsafeBytes { input in
                var offset = 0
                while offset < input.count {
                    compress(UnsafeRawBufferPointer(rebasing: input[offset..<(offset + 64)]), &h, w, k)
                    offset += 64
                }
            }
        }
        return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
    }

    /// One 64-byte block into the state `h`; `w` is room for the message schedule.
    @inline(__always)
    private static func compress(
        _ block: UnsafeRawBufferPointer,
        _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ w: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>
    ) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
        }
        for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var a = h.0, b = h.1, c = h.2, d = h.3, e = h.4, f = h.5, g = h.6, hh = h.7
        // Eight rounds per pass with the roles of the variables rotated by hand, so that no
        // round spends instructions moving eight words along.
        @inline(__always)
        func round(
            _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
            _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ t: Int
        ) {
            let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
            let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
            d &+= t1
            h = t1 &+ t2
        }
        var t = 0
        while t < 64 {
            round(a, b, c, &d, e, f, g, &hh, t)
            round(hh, a, b, &c, d, e, f, &g, t + 1)
            round(g, hh, a, &b, c, d, e, &f, t + 2)
            round(f, g, hh, &a, b, c, d, &e, t + 3)
            round(e, f, g, &hh, a, b, c, &d, t + 4)
            round(d, e, f, &g, hh, a, b, &c, t + 5)
            round(c, d, e, &f, g, hh, a, &b, t + 6)
            round(b, c, d, &e, f, g, hh, &a, t + 7)
            t += 8
        }
        h.0 &+= a
        h.1 &+= b
        h.2 &+= c
        h.3 &+= d
        h.4 &+= e
        h.5 &+= f
        h.6 &+= g
        h.7 &+= hh
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest(bytes) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
