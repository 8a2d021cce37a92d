import DedupEngine

/// A one-line progress display on stderr, redrawn in place: files and bytes done of the
/// total, the rate, and the time left. Drawn only when stderr is a terminal.
struct ProgressBar {
    let totalFiles: Int
    let totalBytes: Int
    private let start: Double
    private var lastDraw = -1.0
    private var drawn = false

    init(totalFiles: Int, totalBytes: Int) {
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.start = MonotonicClock.seconds()
    }

    /// Redraws the line, at most ten times a second unless `force`.
    mutating func update(files: Int, bytes: Int, force: Bool = false) {
        let now = MonotonicClock.seconds()
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        drawn = true
        Terminal.standardError("\r" + line(files: files, bytes: bytes, elapsed: now - start) + "\u{1B}[K")
    }

    /// Removes the line, so that a message or the summary can take its place.
    mutating func clear() {
        guard drawn else { return }
        drawn = false
        Terminal.standardError("\r\u{1B}[K")
    }

    func line(files: Int, bytes: Int, elapsed: Double) -> String {
        let fraction =
            totalBytes > 0
            ? Double(bytes) / Double(totalBytes)
            : (totalFiles > 0 ? Double(files) / Double(totalFiles) : 1)
        let width = 24
        let filled = min(width, Int(fraction * Double(width)))
        let bar =
            String(repeating: "=", count: filled) + (filled < width ? ">" : "")
            + String(repeating: " ", count: max(0, width - filled - 1))
        let rate = elapsed > 0 ? Double(bytes) / elapsed : 0
        var text = "[\(bar)] \(files)/\(totalFiles) files  \(ByteCount.text(bytes))/\(ByteCount.text(totalBytes))"
        text += "  \(ByteCount.text(Int(rate)))/s"
        if rate > 0, bytes < totalBytes {
            text += "  \(Self.clock(Double(totalBytes - bytes) / rate)) left"
        }
        return text
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }
}
