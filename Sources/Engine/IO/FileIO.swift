internal import DedupSystem

/// Reading inputs and writing outputs on the file system, with POSIX calls so that every
/// failure names its cause. Outputs are written atomically: a temporary file in the same
/// folder, then a rename, so that a reader never sees a partial file.
package enum FileIO {
    /// The bytes of the file at `path`, or of standard input for `-`.
    /// - Parameter maxBytes: the largest input accepted; a larger one is refused before it is
    ///   read (a regular file) or as soon as the limit is passed (a pipe).
    /// - Throws: ``FileIOError`` naming the file and the problem.
    package static func read(_ path: String, maxBytes: Int = .max) throws(FileIOError) -> [UInt8] {
        let (fd, st) = try openWithStatus(path)
        defer { close(fd) }
        let name = path == "-" ? "<stdin>" : path
        var expected: Int?
        if let st, (st.st_mode & S_IFMT) == S_IFREG {
            expected = Int(st.st_size)
            if Int(st.st_size) > maxBytes { throw tooLarge(name, size: "\(st.st_size) bytes", maxBytes: maxBytes) }
        }
        return try readAll(fd: fd, path: name, regularFileSize: expected, maxBytes: maxBytes)
    }

    /// At most the first `count` bytes of the file at `path` (fewer when it is shorter).
    /// - Throws: ``FileIOError`` naming the file and the problem.
    package static func readPrefix(_ path: String, count: Int) throws(FileIOError) -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: max(0, count))
        var filled = 0
        while filled < out.count {
            let n = out.withUnsafeMutableBytes { SystemCall.read(fd, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, problem: errnoText())
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(out.count - filled)
        return out
    }

    /// Copies standard input to a new temporary file (in `$TMPDIR`, else `/tmp`), for an input
    /// read twice; the caller removes it. At most `maxBytes` are copied.
    /// - Throws: ``FileIOError`` when it cannot be read, is too large, or cannot be written.
    package static func spoolStandardInput(maxBytes: Int) throws(FileIOError) -> String {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(folder)/dedup-stdin-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in buf.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw .system(path: "<stdin>", doing: "cannot make a temporary file to hold it") }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { _ = SystemCall.close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { SystemCall.read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                unlink(path)
                throw .system(path: "<stdin>", doing: nil)
            }
            if n == 0 { break }
            total += n
            if total > maxBytes {
                unlink(path)
                throw tooLarge("<stdin>", size: "more than \(maxBytes) bytes", maxBytes: maxBytes)
            }
            var written = 0
            while written < n {
                let w = chunk.withUnsafeBytes { SystemCall.write(fd, $0.baseAddress.map { $0 + written }, n - written) }
                if w < 0 {
                    if errno == EINTR { continue }
                    unlink(path)
                    throw .system(path: "<stdin>", doing: "cannot keep it in \(path)")
                }
                written += w
            }
        }
        return path
    }

    /// Removes the file at `path`, if it can.
    package static func remove(_ path: String) { unlink(path) }

    /// The error for an input over the size limit.
    package static func tooLarge(_ path: String, size: String, maxBytes: Int) -> FileIOError {
        FileIOError(path: path, problem: "too large: \(size), over the limit of \(maxBytes) bytes (--max-bytes)")
    }

    /// A descriptor open for reading the regular file at `path` (standard input for `-`), for
    /// inputs read as a stream. The caller closes it (unless it is 0).
    package static func openForReading(_ path: String) throws(FileIOError) -> Int32 {
        try openWithStatus(path).fd
    }

    /// ``openForReading(_:)`` with what `fstat(2)` says of the open file (nil if it failed):
    /// opened first and asked after, two system calls rather than three.
    private static func openWithStatus(_ path: String) throws(FileIOError) -> (fd: Int32, status: stat?) {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw FileIOError(path: path, problem: errnoText()) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return (fd, nil) }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FileIOError(path: path, problem: "is a directory, expected a file")
        }
        return (fd, st)
    }

    /// Closes a descriptor from ``openForReading(_:)``; standard input stays open.
    package static func close(_ fd: Int32) {
        if fd > 2 { _ = SystemCall.close(fd) }
    }

    private static func readAll(fd: Int32, path: String, regularFileSize: Int?, maxBytes: Int) throws(FileIOError) -> [UInt8] {
        // A regular file is read straight into a buffer of its size (plus one byte, to see a
        // file that grew), left uninitialised; once the size `fstat` gave has arrived, the
        // read that would return 0 is spared. A short read alone is not the end: /proc files
        // say they hold 0 bytes and come a few lines a read, Linux gives at most 2 GiB a
        // read, network file systems may give less. A stream (or a file that grew) then goes
        // on a chunk at a time.
        var count = 0
        var failure: FileIOError?
        let size = max((regularFileSize ?? 0) + 1, 1 << 12)
        var out = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count && count <= maxBytes {
                let n = SystemCall.read(fd, base + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = FileIOError(path: path, problem: errnoText())
                    break
                }
                if n == 0 { break }
                count += n
                if let size = regularFileSize, size > 0, count == size { break }
            }
            initialized = count
        }
        if let failure { throw failure }
        if count == size && count <= maxBytes {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while count <= maxBytes {
                let n = chunk.withUnsafeMutableBytes { SystemCall.read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileIOError(path: path, problem: errnoText())
                }
                if n == 0 { break }
                out.append(contentsOf: chunk[0..<n])
                count += n
            }
        }
        if count > maxBytes { throw tooLarge(path, size: "more than \(maxBytes) bytes", maxBytes: maxBytes) }
        return out
    }

    /// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename)
    /// and durably (the folder's entry flushed as well).
    package static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileIOError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
        // Its name on disk too, so that the file outlives a power cut once this returns.
        try AtomicFileWriter.flush(folders: [FilePath.folder(of: path)])
    }

    /// The permissions a new output at `path` gets: those of the file it replaces, else
    /// read-write as the umask allows (as `open(2)` with 0666 would give).
    static func outputMode(replacing path: String) -> mode_t {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { return st.st_mode & 0o777 }
        return 0o666 & ~processUmask
    }

    /// Reads the process's umask now. Reading it means setting it for a moment, so a program
    /// that writes from several threads calls this before it starts them; later reads use
    /// the value read here.
    package static func readUmaskBeforeStartingThreads() { _ = processUmask }

    /// The process's umask, read once.
    private static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    /// How errors name standard output.
    package static let standardOutputName = "standard output"

    /// Writes `bytes` to standard output; a failure (a full disk, a closed pipe) is an error.
    package static func writeStandardOutput(_ bytes: [UInt8]) throws(FileIOError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return write(1, base + written, buf.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: standardOutputName, problem: "cannot write: \(errnoText())")
            }
            written += n
        }
    }

    /// True when `path` names an existing folder (following links).
    package static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` names an existing regular file (following links).
    package static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// True when both paths name the same existing file (same device and inode).
    package static func isSameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Creates `path` and its parents as folders when missing.
    package static func makeDirectory(_ path: String) throws(FileIOError) {
        // Most calls find the folder there already (every output of a batch asks for its
        // folder): one `stat` then, not one per level of the path.
        var folder = stat()
        if stat(path, &folder) == 0 && (folder.st_mode & S_IFMT) == S_IFDIR { return }
        for prefix in FilePath.prefixes(of: path) {
            var st = stat()
            if stat(prefix, &st) == 0 {
                if (st.st_mode & S_IFMT) != S_IFDIR { throw FileIOError(path: prefix, problem: "exists and is not a directory") }
            } else if mkdir(prefix, 0o755) != 0 {
                if errno != EEXIST { throw FileIOError(path: prefix, problem: "cannot create directory: \(errnoText())") }
            } else {
                // A new folder's own name goes to disk with its parent's entries: flushed
                // here, as the flush at the end of a run reaches only the outputs' folders
                // (where the file system cannot be flushed whole).
                let parent = open(FilePath.folder(of: prefix), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if parent >= 0 {
                    _ = fsync(parent)
                    _ = SystemCall.close(parent)
                }
            }
        }
    }

    /// `errno` in words, the common causes in the words people use.
    static func errnoText() -> String {
        switch errno {
        case ENOENT: "no such file or directory"
        case EACCES: "permission denied"
        case EISDIR: "is a directory, expected a file"
        default: String(cString: strerror(errno))
        }
    }
}

extension FileIOError {
    /// An error about `path` saying what failed (`cannot write`, or nil) and why, from `errno`.
    package static func system(path: String, doing: String?) -> FileIOError {
        let why = FileIO.errnoText()
        return FileIOError(path: path, problem: doing.map { "\($0): \(why)" } ?? why)
    }
}
