import DedupSystem
import Testing

@testable import DedupEngine

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
}

@Suite struct FilePathTests {
    @Test func fileNamesGetTheOutputFormatsExtension() {
        #expect(FilePath.replacingExtension(of: "news/a.html", with: "txt") == "news/a.txt")
        #expect(FilePath.replacingExtension(of: "news.d/readme", with: "json") == "news.d/readme.json")
        #expect(FilePath.replacingExtension(of: ".profile", with: "txt") == ".profile.txt")
    }

    @Test func pathsComeApartAndTogether() {
        #expect(FilePath.name(of: "crawl/news/a.html") == "a.html")
        #expect(FilePath.name(of: "crawl/news/") == "news")
        #expect(FilePath.name(of: "a//b") == "b")
        #expect(FilePath.name(of: "新闻/文章.TXT") == "文章.TXT")
        #expect(FilePath.name(of: "a.html") == "a.html")
        #expect(FilePath.name(of: "/") == "/")
        #expect(FilePath.name(of: "") == "")
        #expect(FilePath.fileExtension(of: "新闻/文章.TXT") == "txt")
        #expect(FilePath.fileExtension(of: "news/a.") == nil)
        #expect(FilePath.fileExtension(of: "news.d/README") == nil)
        // A combining mark after `/` or `.` does not hide it: names are split at the bytes.
        #expect(FilePath.name(of: "a/\u{301}b") == "\u{301}b")
        #expect(FilePath.folder(of: "a/\u{301}b") == "a")
        #expect(FilePath.fileExtension(of: "a.\u{301}txt") == "\u{301}txt")
        #expect(FilePath.replacingExtension(of: "a.\u{301}txt", with: "md") == "a.md")
        #expect(FilePath.folder(of: "crawl/news/a.html") == "crawl/news")
        #expect(FilePath.folder(of: "a.html") == ".")
        #expect(FilePath.folder(of: "/a.html") == "/")
        #expect(FilePath.fileExtension(of: "news.d/A.HTML") == "html")
        #expect(FilePath.fileExtension(of: "news.d/.profile") == nil)
        #expect(FilePath.trimmingTrailingSlashes("out//") == "out")
        #expect(FilePath.trimmingTrailingSlashes("/") == "/")
        #expect(FilePath.joined("/", "etc") == "/etc")
        #expect(FilePath.joined("out", "a/b.txt") == "out/a/b.txt")
        #expect(FilePath.relative("out/a/b.txt", to: "out") == "a/b.txt")
        #expect(FilePath.relative("outer/b.txt", to: "out") == nil)
        #expect(FilePath.folders(of: "out/a/b/c.txt", below: "out") == ["out/a", "out/a/b"])
        #expect(FilePath.prefixes(of: "/a/b") == ["/a", "/a/b"])
        #expect(FilePath.prefixes(of: "a/b") == ["a", "a/b"])
    }
}

@Suite struct ProblemLineTests {
    @Test func controlCharactersInNamesCannotBreakTheLine() {
        let problem = BatchProblem(path: "in/evil\ndedup: error: forged\u{1B}[2J.txt", problem: "binary (NUL byte at offset 0)")
        #expect(problem.line == "in/evil\\ndedup: error: forged\\u{1B}[2J.txt: binary (NUL byte at offset 0)")
        #expect(!problem.line.contains("\n"))
    }
}
