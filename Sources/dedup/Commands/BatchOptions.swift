import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a run over many files goes: which files, how many at once, what it reports.
struct BatchOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Files cleaned at once, or for a single JSON Lines input, batches of its records (default: one per core, here \(BatchOptions.cores)). Outputs are the same whatever the number.",
        valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("include"), help: ArgumentHelp(
        "In folders, clean only files matching this glob ('*.html', 'news/**/*.txt'); repeatable. A glob without '/' matches the file name, one with '/' the path below the folder.",
        valueName: "glob"))
    var include: [String] = []

    @Option(name: .customLong("exclude"), help: ArgumentHelp(
        "In folders, leave out files and folders matching this glob; repeatable.", valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "Leave inputs whose output file already exists alone (to finish an interrupted run).")
    var skipExisting = false

    @Option(help: ArgumentHelp(
        "Refuse inputs (and JSON Lines records) larger than this many bytes; k, M and G multiply by 1024s.",
        valueName: "size"))
    var maxBytes: ByteSize = ByteSize(bytes: 512 << 20)

    @Flag(name: .shortAndLong, help: "No progress bar and no summary; errors are still reported.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log what is done to each file, and what is left out of folders and why.")
    var verbose = false

    @Option(help: ArgumentHelp("Write the run's summary and every error as JSON to this file.", valueName: "file"))
    var report: String?

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be between 1 and 1024") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if maxBytes.bytes < 1 { throw ValidationError("--max-bytes must be at least 1") }
    }

    /// Worker threads to run.
    var workerCount: Int { jobs ?? Self.cores }

    /// The cores this process may run on (its CPU affinity, as `nproc` counts them).
    static var cores: Int {
        #if os(Linux)
        // sched_getaffinity(2), looked up at run time: the C library declares it only for GNU sources.
        typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
        if let symbol = dlsym(nil, "sched_getaffinity") {
            let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
            var mask = [UInt64](repeating: 0, count: 16)  // 1,024 CPUs
            let status = mask.withUnsafeMutableBytes { bytes in bytes.baseAddress.map { getAffinity(0, bytes.count, $0) } ?? -1 }
            let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
            if status == 0 && count > 0 { return count }
        }
        #endif
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

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
