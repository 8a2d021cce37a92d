internal import DedupSystem

/// A shell-style file name pattern, as `--include` and `--exclude` take them.
///
/// `*` matches any run of characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and
/// `[!a-z]` one character of (or not of) a set, and `**` any run of characters including `/`;
/// `**/` also matches nothing, so `**/*.html` matches `a.html` and `x/y/a.html`. A `\` makes
/// the next character literal. A pattern without `/` is matched against the file's name, one
/// with `/` against its path relative to the folder given on the command line.
struct Glob: Sendable, CustomStringConvertible {
    private enum Token: Sendable {
        case character(Unicode.Scalar)
        case anyCharacter
        case star
        case globstar
        case globstarFolders  // `**/`: zero or more whole folders
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    /// The pattern as written.
    let description: String
    /// Whether the pattern is matched against the relative path rather than the name.
    let matchesPath: Bool
    private let tokens: [Token]

    init(_ pattern: String) {
        description = pattern
        matchesPath = pattern.contains("/")
        var tokens: [Token] = []
        let scalars = Array(pattern.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "*":
                if i + 1 < scalars.count, scalars[i + 1] == "*" {
                    if i + 2 < scalars.count, scalars[i + 2] == "/" {
                        tokens.append(.globstarFolders)
                        i += 3
                    } else {
                        tokens.append(.globstar)
                        i += 2
                    }
                    continue
                }
                tokens.append(.star)
            case "?":
                tokens.append(.anyCharacter)
            case "[":
                if let (set, next) = Self.parseSet(scalars, from: i + 1) {
                    tokens.append(set)
                    i = next
                    continue
                }
                tokens.append(.character(c))
            case "\\" where i + 1 < scalars.count:
                tokens.append(.character(scalars[i + 1]))
                i += 2
                continue
            default:
                tokens.append(.character(c))
            }
            i += 1
        }
        self.tokens = tokens
    }

    /// Parses a `[...]` set whose body starts at `start`; nil when it is not closed.
    private static func parseSet(_ s: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start
        var negated = false
        if i < s.count, s[i] == "!" || s[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while i < s.count {
            if s[i] == "]", !first { return (.set(ranges, negated: negated), i + 1) }
            first = false
            let low = s[i]
            if i + 2 < s.count, s[i + 1] == "-", s[i + 2] != "]" {
                let high = s[i + 2]
                if low <= high { ranges.append(low...high) }
                i += 3
            } else {
                ranges.append(low...low)
                i += 1
            }
        }
        return nil
    }

    /// Whether the pattern matches a file with this path relative to its root folder.
    func matches(relativePath: String) -> Bool {
        if matchesPath { return matches(Array(relativePath.unicodeScalars)) }
        let name = FilePath.name(of: relativePath)
        return matches(Array(name.unicodeScalars))
    }

    /// Dynamic programming over (token, character) positions: linear in each, with no
    /// backtracking blow-up on patterns such as `*a*a*a*b`.
    private func matches(_ text: [Unicode.Scalar]) -> Bool {
        let n = text.count
        // reachable[j]: the tokens seen so far can match text[..<j].
        var reachable = [Bool](repeating: false, count: n + 1)
        reachable[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: n + 1)
            switch token {
            case .character(let c):
                for j in 0..<n where reachable[j] && text[j] == c { next[j + 1] = true }
            case .anyCharacter:
                for j in 0..<n where reachable[j] && text[j] != "/" { next[j + 1] = true }
            case .set(let ranges, let negated):
                for j in 0..<n where reachable[j] && text[j] != "/" {
                    if ranges.contains(where: { $0.contains(text[j]) }) != negated { next[j + 1] = true }
                }
            case .star:
                var on = false
                for j in 0...n {
                    if reachable[j] { on = true }
                    if on { next[j] = true }
                    if j < n, text[j] == "/" { on = false }
                }
            case .globstar:
                var on = false
                for j in 0...n {
                    if reachable[j] { on = true }
                    if on { next[j] = true }
                }
            case .globstarFolders:
                // Zero folders, or any run ending just after a '/'.
                var on = false
                for j in 0...n {
                    if reachable[j] {
                        next[j] = true
                        on = true
                    }
                    if on, j > 0, text[j - 1] == "/" { next[j] = true }
                }
            }
            reachable = next
        }
        return reachable[n]
    }
}
