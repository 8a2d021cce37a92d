@testable import DedupCommandLine
import Testing

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.html", "news/a.html", true),
        ("*.html", "a.htm", false),
        ("a?c.txt", "abc.txt", true),
        ("a?c.txt", "a/c.txt", false),
        ("[a-c]*.txt", "b1.txt", true),
        ("[!a-c]*.txt", "b1.txt", false),
        ("news/*.txt", "news/a.txt", true),
        ("news/*.txt", "news/x/a.txt", false),
        ("news/**/*.txt", "news/a.txt", true),
        ("news/**/*.txt", "news/x/y/a.txt", true),
        ("**/*.txt", "a.txt", true),
        ("news/**", "news/x/y", true),
        ("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        ("中文*", "中文页.html", true),
        ("[", "[", true),
    ])
    func globsMatchAsAShellDoes(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(relativePath: path) == expected)
    }

    @Test func fileNamesGetTheOutputFormatsExtension() {
        #expect(DedupCommand.Clean.replacingExtension(of: "news/a.html", with: "txt") == "news/a.txt")
        #expect(DedupCommand.Clean.replacingExtension(of: "news.d/readme", with: "json") == "news.d/readme.json")
        #expect(DedupCommand.Clean.replacingExtension(of: ".profile", with: "txt") == ".profile.txt")
    }

    @Test func sizesTakeBinarySuffixes() {
        #expect(ByteSize(argument: "4k")?.bytes == 4096)
        #expect(ByteSize(argument: "512M")?.bytes == 512 << 20)
        #expect(ByteSize(argument: "12")?.bytes == 12)
        #expect(ByteSize(argument: "-1") == nil)
        #expect(ByteSize(argument: "99999999999G") == nil)
    }
}

@Suite struct ProblemLineTests {
    @Test func controlCharactersInNamesCannotBreakTheLine() {
        let problem = BatchProblem(path: "in/evil\ndedup: error: forged\u{1B}[2J.txt", problem: "binary (NUL byte at offset 0)")
        #expect(problem.line == "in/evil\\ndedup: error: forged\\u{1B}[2J.txt: binary (NUL byte at offset 0)")
        #expect(!problem.line.contains("\n"))
    }
}
