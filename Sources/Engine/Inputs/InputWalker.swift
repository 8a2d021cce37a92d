import DedupPlugins
internal import DedupSystem

/// Turns the command line's paths into the files to clean: folders are walked recursively in
/// name order (so that every run lists the same files in the same order), hidden files and
/// folders (names starting with `.`) are left out, `--include` and `--exclude` filter, and
/// everything that cannot be cleaned becomes a problem to report instead of an input.
struct InputWalker {
    /// Files must match one of these, when there are any.
    var include: [Glob] = []
    /// Files and folders matching one of these are left out.
    var exclude: [Glob] = []
    /// A folder never walked into (the output folder, when it lies inside an input folder).
    var skipFolder: FileIdentity?
    /// Reports what is left out and why, for `--verbose`.
    var note: (String) -> Void = { _ in }
    /// Reports an `--include` glob that matched no file of any folder walked.
    var warn: (String) -> Void = { _ in }

    /// What the walk found, in order: inputs and problems.
    enum Item {
        case input(BatchInput)
        case problem(FileIOError)
    }

    /// The inputs and problems for `arguments`, in command-line order, each folder's files in
    /// name order.
    func walk(_ arguments: [String]) -> [Item] {
        var items: [Item] = []
        var matched = Set<Int>()
        var walkedFolder = false
        defer {
            if walkedFolder {
                for (i, glob) in include.enumerated() where !matched.contains(i) {
                    warn("--include '\(glob)' matched no file")
                }
            }
        }
        for argument in arguments {
            if argument == "-" {
                items.append(.input(BatchInput(path: "-", displayName: "<stdin>", relativePath: nil, size: 0, identity: nil)))
                continue
            }
            var st = stat()
            guard lstat(argument, &st) == 0 else {
                items.append(.problem(.system(path: argument, doing: nil)))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFLNK {
                guard stat(argument, &st) == 0 else {
                    items.append(.problem(FileIOError(path: argument, problem: Self.unfollowableLink(argument))))
                    continue
                }
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walkedFolder = true
                walkFolder(argument, into: &items, matched: &matched)
            case S_IFREG:
                items.append(
                    .input(
                        BatchInput(
                            path: argument, displayName: argument, relativePath: nil,
                            size: Int(st.st_size), identity: FileIdentity(st))))
            case S_IFIFO, S_IFCHR:
                // Named on the command line, a pipe is read as a stream: `dedup clean <(zcat a.gz)`.
                items.append(
                    .input(
                        BatchInput(
                            path: argument, displayName: argument, relativePath: nil,
                            size: 0, identity: FileIdentity(st))))
            default:
                items.append(.problem(FileIOError(path: argument, problem: Self.notRegular(st.st_mode))))
            }
        }
        return items
    }

    /// Walks `root` depth first, entries in byte order of their names.
    private func walkFolder(_ root: String, into items: inout [Item], matched: inout Set<Int>) {
        func included(_ relativePath: String) -> Bool {
            guard !include.isEmpty else { return true }
            guard let i = include.firstIndex(where: { $0.matches(relativePath: relativePath) }) else { return false }
            matched.insert(i)
            return true
        }
        let base = FilePath.trimmingTrailingSlashes(root)
        // Pending relative paths, last first; "" is the root itself.
        var stack: [String] = [""]
        while let relative = stack.popLast() {
            let folder = relative.isEmpty ? base : FilePath.joined(base, relative)
            let names: [[UInt8]]
            do { names = try Self.listing(of: folder) } catch {
                items.append(.problem(error))
                continue
            }
            var folders: [String] = []
            for nameBytes in names {
                guard let name = String(validating: nameBytes, as: UTF8.self) else {
                    let shown = String(decoding: nameBytes, as: UTF8.self)
                    items.append(
                        .problem(
                            FileIOError(
                                path: "\(folder)/\(shown)",
                                problem: "the file name is not UTF-8; rename it to clean it")))
                    continue
                }
                if name.hasPrefix(".") {
                    note("\(folder)/\(name): hidden, left out")
                    continue
                }
                let relativePath = relative.isEmpty ? name : "\(relative)/\(name)"
                let path = FilePath.joined(base, relativePath)
                if let glob = exclude.first(where: { $0.matches(relativePath: relativePath) }) {
                    note("\(path): left out by --exclude '\(glob)'")
                    continue
                }
                var st = stat()
                guard lstat(path, &st) == 0 else {
                    items.append(.problem(.system(path: path, doing: nil)))
                    continue
                }
                let isLink = (st.st_mode & S_IFMT) == S_IFLNK
                if isLink, stat(path, &st) != 0 {
                    if included(relativePath) {
                        items.append(.problem(FileIOError(path: path, problem: Self.unfollowableLink(path))))
                    }
                    continue
                }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    if isLink {
                        note("\(path): a link to a folder, not followed")
                    } else if let skipFolder, FileIdentity(st) == skipFolder {
                        note("\(path): the output folder, left out")
                    } else {
                        folders.append(relativePath)
                    }
                case S_IFREG:
                    guard included(relativePath) else {
                        note("\(path): not matched by --include")
                        continue
                    }
                    items.append(
                        .input(
                            BatchInput(
                                path: path, displayName: path, relativePath: relativePath,
                                size: Int(st.st_size), identity: FileIdentity(st))))
                default:
                    if included(relativePath) {
                        items.append(.problem(FileIOError(path: path, problem: Self.notRegular(st.st_mode))))
                    }
                }
            }
            // Subfolders after the folder's own files, in name order.
            stack.append(contentsOf: folders.reversed())
        }
    }

    /// The names in `folder` (without `.` and `..`), sorted by their bytes.
    private static func listing(of folder: String) throws(FileIOError) -> [[UInt8]] {
        guard let dir = opendir(folder) else { throw .system(path: folder, doing: "cannot list the folder") }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { p in
                    Array(UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Why a link that `stat` could not follow fails (call right after `stat`, for `errno`).
    private static func unfollowableLink(_ path: String) -> String {
        switch errno {
        case ELOOP: return "symbolic link loop"
        case ENOENT, ENOTDIR: return brokenLink(path)
        default: return FileIOError.system(path: path, doing: nil).problem
        }
    }

    private static func brokenLink(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return "broken symbolic link" }
        let target = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "broken symbolic link (to \(target), which does not exist)"
    }

    private static func notRegular(_ mode: mode_t) -> String {
        let kind =
            switch mode & S_IFMT {
            case S_IFIFO: "a FIFO"
            case S_IFSOCK: "a socket"
            case S_IFCHR: "a character device"
            case S_IFBLK: "a block device"
            default: "a special file"
            }
        return "not a regular file (\(kind)); skipped"
    }
}
