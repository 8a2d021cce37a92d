import DedupCore

extension Invariants {
    /// Detection thresholds picked by `selector` (a byte of the input): the defaults; low
    /// ones, so that short inputs have repeats long enough to remove; the lowest the command
    /// line accepts; or values taken from the selector's bits.
    public static func options(for selector: UInt8) -> DedupOptions {
        var o = DedupOptions()
        switch selector & 3 {
        case 0:
            break
        case 1:
            o.minMatchLength = 8
            o.minCopyLength = 16
            o.minCopyFraction = 0.05
            o.longCopyLength = 64
            o.minSectionLength = 16
            o.minSectionLineLength = 8
            o.minFragmentLength = 4
            o.minShortRepeatLength = 2
        case 2:
            o.minMatchLength = 4
            o.minCopyLength = 0
            o.minCopyFraction = 0
            o.longCopyLength = 0
            o.minFragmentLength = 1
            o.minShortRepeatLength = 1
        default:
            o.minMatchLength = 4 + Int(selector >> 2 & 7) * 4  // 4…32
            o.minCopyLength = Int(selector >> 5) * 32  // 0…224
            o.minCopyFraction = Double(selector >> 5) / 7  // 0…1
            o.longCopyLength = o.minCopyLength * 4
            o.minFragmentLength = 1 + Int(selector >> 2 & 7)  // 1…8
            o.minShortRepeatLength = 1 + Int(selector >> 5)  // 1…8
        }
        return o
    }
}
