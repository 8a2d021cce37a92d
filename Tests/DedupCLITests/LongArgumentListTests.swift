import Foundation
import Testing

@testable import DedupCommandLine

/// Long `clean` command lines are split before swift-argument-parser parses them (its time
/// grows with the square of the number of files named); the split must not change what the
/// command does.
@Suite struct LongArgumentListTests {
    @Test func filesAreTakenOutAndOptionsKeepTheirValues() throws {
        let files = (0..<80).map { "f\($0).txt" }
        let line = ["-f", "json"] + files[0..<40] + ["-qj", "2", "--include=*.txt", "-"] + files[40...] + ["-o", "out"]
        let split = try #require(LongArgumentLists.split(Array(line)))
        #expect(split.files == Array(files[0..<40]) + ["-"] + Array(files[40...]))
        #expect(split.parsed == ["-f", "json", "f0.txt", "-qj", "2", "--include=*.txt", "-o", "out"])
    }

    @Test func shortLinesAndLinesWithADoubleDashGoToTheParserWhole() {
        #expect(LongArgumentLists.split(["a.txt", "b.txt"]) == nil)
        #expect(LongArgumentLists.split(["--"] + (0..<80).map { "f\($0)" }) == nil)
        #expect(
            LongArgumentLists.split((0..<40).flatMap { ["--include", "p\($0)"] } + ["one.txt"]) == nil,
            "one file among many option values")
    }

    /// The split's list of options that take a value is the parser's own description of
    /// `clean`: every one of them, and no flag.
    @Test func valueOptionsAreThoseOfTheParsersDescription() throws {
        let options = LongArgumentLists.cleanValueOptions
        #expect(options == LongArgumentLists.valueOptions(describedBy: DedupCommand.Clean._dumpHelp()))
        for option in ["--format", "-f", "--output", "-o", "--jobs", "-j", "--include", "--min-match-length", "--max-bytes"] {
            #expect(options.contains(option), "\(option)")
        }
        for flag in ["--quiet", "-q", "--skip-existing", "--verbose", "--help"] {
            #expect(!options.contains(flag), "\(flag)")
        }
        #expect(options.count >= 21)
    }

    @Test func aLongLineCleansAsTheParserWouldHave() throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: cli.seed, encoding: .utf8)
        var files: [String] = []
        for k in 0..<90 {
            let path = dir.appendingPathComponent("doc\(k).txt").path
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            try lines.prefix(20 + k).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let split = try cli.dedup(["clean"] + files[0..<45] + ["-qj", "1", "-f", "json"] + files[45...])
        let whole = try cli.dedup(["clean", "-q", "-j", "1", "-f", "json", "--"] + files)
        #expect(split.status == 0)
        #expect(whole.status == 0)
        #expect(!split.stdout.isEmpty)
        #expect(split.stdout == whole.stdout)
        let usage = try cli.dedup(["clean", "-o", dir.appendingPathComponent("one.txt").path] + files)
        #expect(usage.status == 2, "the parser's checks still run on every file: \(usage.stderr)")
    }
}
