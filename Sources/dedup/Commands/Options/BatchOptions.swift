import ArgumentParser
import DedupEngine

/// How a run over many files goes: which files, how many at once, what it reports.
struct BatchOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Files cleaned at once, or for a single JSON Lines input, batches of its records (default: one per core, here \(Cores.available)). Outputs are the same whatever the number.",
            valueName: "n"))
    var jobs: Int?

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp(
            "In folders, clean only files matching this glob ('*.html', 'news/**/*.txt'); repeatable. A glob without '/' matches the file name, one with '/' the path below the folder.",
            valueName: "glob"))
    var include: [String] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp(
            "In folders, leave out files and folders matching this glob; repeatable.", valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "Leave inputs whose output file already exists alone (to finish an interrupted run).")
    var skipExisting = false

    @Option(
        help: ArgumentHelp(
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
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// Worker threads to run.
    var workerCount: Int { jobs ?? Cores.available }
}
