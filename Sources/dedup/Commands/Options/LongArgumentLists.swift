#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Takes `clean`'s file arguments out of a long command line before swift-argument-parser
/// sees it, and gives them back after.
///
/// The parser's time grows with the square of the number of values of an array argument
/// (each value merges the set of positions seen so far): 300 files named on the command
/// line cost it 20 ms, 1,000 files 0.1 s, 10,000 several seconds, more than cleaning them.
/// So a `clean` command line of more than ``threshold`` arguments is split here: options
/// and their values stay, with the first file (so that the parser's checks see an input);
/// every file goes back into ``DedupCommand/Clean/inputs`` afterwards, in order, and the
/// checks run again. A line with `--` is left to the parser.
enum LongArgumentLists {
    /// Command lines at most this long go to the parser whole.
    static let threshold = 64

    /// `clean`'s options that take a value. A test holds the list equal to the parser's own
    /// description of the command (its `--experimental-dump-help`, read by
    /// ``valueOptions(describedBy:)``), so that a new option cannot be missed here; reading
    /// that description at every start cost 2 ms, as long as cleaning 300 KB.
    static let cleanValueOptions: Set<String> = [
        "--encoding", "--exclude", "--extract", "--format", "--id-field", "--include", "--input-format", "--jobs",
        "--long-copy-length", "--max-bytes", "--min-copy-fraction", "--min-copy-length", "--min-fragment-length",
        "--min-match-length", "--min-short-repeat-length", "--output", "--provenance-field", "--report", "--state",
        "--text-field", "--xpath", "-f", "-j", "-o",
    ]

    /// The options that take a value in a parser's JSON description of a command.
    static func valueOptions(describedBy json: String) -> Set<String> {
        guard let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(json.utf8)) else { return [] }
        var options: Set<String> = []
        for argument in info.command.arguments ?? [] where argument.kind == "option" {
            for name in argument.names ?? [] {
                options.insert(
                    name.kind == "short" ? "-\(name.name)" : name.kind == "longWithSingleDash" ? "-\(name.name)" : "--\(name.name)")
            }
        }
        return options
    }

    /// The parts of the parser's description read here.
    private struct ToolInfo: Decodable {
        struct Command: Decodable { var arguments: [Argument]? }
        struct Argument: Decodable {
            var kind: String
            var names: [Name]?
        }
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var command: Command
    }

    /// The arguments after `clean` split into what the parser is to see and every file
    /// argument in order; nil when the line is short, names at most one file, or has `--`.
    static func split(
        _ arguments: [String], valueOptions: Set<String> = cleanValueOptions
    )
        -> (parsed: [String], files: [String])?
    {
        guard arguments.count > threshold else { return nil }
        var parsed: [String] = []
        var files: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { return nil }
            if argument.hasPrefix("-") && argument != "-" {
                parsed.append(argument)
                if takesValue(argument, valueOptions), i + 1 < arguments.count {
                    parsed.append(arguments[i + 1])
                    i += 1
                }
            } else {
                if files.isEmpty { parsed.append(argument) }
                files.append(argument)
            }
            i += 1
        }
        return files.count > 1 ? (parsed, files) : nil
    }

    /// Whether the next argument is `option`'s value: a value option named alone, or a group
    /// of short flags (`-qj`) that ends with one.
    private static func takesValue(_ option: String, _ valueOptions: Set<String>) -> Bool {
        if option.contains("=") { return false }
        if valueOptions.contains(option) { return true }
        guard !option.hasPrefix("--"), option.count > 2, let last = option.last else { return false }
        return valueOptions.contains("-\(last)")
    }
}
