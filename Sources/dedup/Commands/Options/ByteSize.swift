import ArgumentParser

/// A size in bytes written as `1048576`, `512k`, `100M` or `2G` (powers of 1024).
struct ByteSize: ExpressibleByArgument, Sendable, Equatable {
    var bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var digits = Substring(argument)
        var multiplier = 1
        switch argument.last {
        case "k", "K": multiplier = 1 << 10
        case "m", "M": multiplier = 1 << 20
        case "g", "G": multiplier = 1 << 30
        case "t", "T": multiplier = 1 << 40
        default: break
        }
        if multiplier > 1 { digits = digits.dropLast() }
        guard let n = Int(digits), n >= 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        bytes = product
    }

    var defaultValueDescription: String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)M" : "\(bytes)"
    }
}
