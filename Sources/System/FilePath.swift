/// Path names as dedup reads and builds them: `/`-separated strings, taken apart and put
/// together without touching the file system (except ``resolvedFolder(_:)``). Every module
/// handles paths through this one type. Paths are taken apart at the bytes `/` and `.`, as
/// the file system does, even where a combining mark follows one (a `Character` would
/// hold the two together).
package enum FilePath {
    /// The last component (`news/a.html` → `a.html`); the path itself when it has none.
    package static func name(of path: String) -> String {
        // On the UTF-8 bytes (a `/` is one byte and never inside another character): taking
        // the string apart into components cost a run a microsecond per input.
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex && bytes[bytes.index(before: end)] == UInt8(ascii: "/") {
            end = bytes.index(before: end)
        }
        guard end > bytes.startIndex else { return path }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(path[start..<end])
    }

    /// The folder `path` is in: `.` for a bare name, `/` for a name at the root.
    package static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The lowercase extension of the last component, without the dot (`A.HTML` → `html`);
    /// nil for a name without one or a hidden name such as `.profile`.
    package static func fileExtension(of path: String) -> String? {
        let name = self.name(of: path)
        let bytes = name.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != bytes.startIndex else { return nil }
        let ext = name[bytes.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }

    /// `path` with its last extension replaced (`news/a.html` → `news/a.txt`); a name
    /// without one (or a hidden name such as `.profile`) gets `ext` added.
    package static func replacingExtension(of path: String, with ext: String) -> String {
        let bytes = path.utf8
        let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
        let nameStart = slash.map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else {
            return "\(path).\(ext)"
        }
        return "\(path[..<dot]).\(ext)"
    }

    /// `path` without trailing slashes (`out//` → `out`); `/` stays `/`.
    package static func trimmingTrailingSlashes(_ path: String) -> String {
        var base = Substring(path)
        while base.count > 1 && base.hasSuffix("/") { base = base.dropLast() }
        return String(base)
    }

    /// Whether `path` ends with a slash, as a name meant to be a folder does (`out/`).
    package static func endsWithSlash(_ path: String) -> Bool { path.hasSuffix("/") }

    /// `relative` below `folder` (`out` + `news/a.txt` → `out/news/a.txt`; `/` + `etc` → `/etc`).
    package static func joined(_ folder: String, _ relative: String) -> String {
        folder == "/" ? "/\(relative)" : "\(folder)/\(relative)"
    }

    /// `path` relative to `folder` when it lies below it (`out/news/a.txt` in `out` →
    /// `news/a.txt`); nil otherwise.
    package static func relative(_ path: String, to folder: String) -> String? {
        path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : nil
    }

    /// The folders between `root` and `path` (`out/a`, `out/a/b` for `out/a/b/c.txt` below
    /// `out`); none when `path` is not below `root`.
    package static func folders(of path: String, below root: String) -> [String] {
        guard let relative = relative(path, to: root) else { return [] }
        var folders: [String] = []
        var folder = root
        for part in relative.split(separator: "/", omittingEmptySubsequences: false).dropLast() {
            folder += "/" + part
            folders.append(folder)
        }
        return folders
    }

    /// The folders to create, in order, for `path` to be a folder (`a`, `a/b` for `a/b`;
    /// `/`, `/a` for `/a`).
    package static func prefixes(of path: String) -> [String] {
        var prefix = path.hasPrefix("/") ? "/" : ""
        var out: [String] = []
        for part in path.split(separator: "/") {
            prefix += part
            out.append(prefix)
            prefix += "/"
        }
        return out
    }

    /// Whether two paths built the same way name the same file: equal, or on macOS (whose
    /// file systems ignore case) equal but for case.
    package static func same(_ a: String, _ b: String) -> Bool {
        #if canImport(Darwin)
        a.lowercased() == b.lowercased()
        #else
        a == b
        #endif
    }

    /// `folder` resolved (links, `.`, `..`) to an absolute path; nil when it does not exist.
    package static func resolvedFolder(_ folder: String) -> String? {
        guard let real = realpath(folder, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The names by which standard output can be given as a file.
    package static let standardOutputAliases: Set<String> = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
}
