/// Byte counts as people read them: `512 B`, `12.3 kB`, `4.5 MB`, `1.2 GB` (powers of 1000).
public enum ByteCount {
    /// `n` bytes in the largest unit that keeps the figure at or above 1.
    public static func text(_ n: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(n) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
