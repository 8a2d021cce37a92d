#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Synchronization

/// An output file written in pieces that appears whole or not at all.
///
/// On Linux the bytes go to an unnamed file in the output's folder (`O_TMPFILE`): a process
/// killed at any moment, even by `kill -9`, leaves nothing behind, since the file has no name
/// until ``commit()`` flushes it to disk (`fsync`) and links it in place. Where unnamed files
/// are not supported, a hidden temporary file (`.NAME.tmp-XXXXXX`, made with `mkstemp`) is
/// renamed instead; ``removeTemporaryFiles()`` removes those still being written, for a
/// command that stops on a signal. Until the commit a reader sees the old file, or none.
///
/// ``abandon()``, or dropping the writer before ``commit()``, discards the bytes; so does a
/// failed write or commit. A writer is used by one task at a time.
public final class AtomicFileWriter {
    /// The file the bytes are for.
    public let path: String
    private let folder: String
    private let base: String
    /// The named temporary file, when unnamed files are not supported.
    private let temporaryPath: String?
    private var fd: Int32
    /// Bytes written so far.
    public private(set) var bytesWritten = 0

    /// Named temporary files being written, by every writer of the process.
    private static let pending = Mutex<Set<String>>([])

    /// Creates the temporary file for `path`, in the folder `path` will be in.
    /// - Throws: ``FileIOError`` when the temporary file cannot be created (no such folder,
    ///   no permission, …).
    public init(path: String) throws(FileIOError) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        self.folder = dir.isEmpty ? "/" : dir
        self.base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        self.path = path
        #if os(Linux)
        let unnamed = open(folder, Self.openTemporaryFile | O_WRONLY | O_CLOEXEC, mode_t(0o600))
        if unnamed >= 0 {
            self.fd = unnamed
            self.temporaryPath = nil
            return
        }
        // Not supported here (an old kernel, some file systems): a named file instead, whose
        // creation also reports a missing folder or a permission problem in its own words.
        #endif
        let (fd, temporary) = try Self.makeNamedTemporary(folder: folder, base: base, for: path)
        self.fd = fd
        self.temporaryPath = temporary
    }

    #if os(Linux)
    /// `O_TMPFILE`, which Glibc's module does not export: `__O_TMPFILE | O_DIRECTORY`.
    private static let openTemporaryFile: Int32 = 0o20_000_000 | O_DIRECTORY
    #endif

    private static func makeNamedTemporary(folder: String, base: String, for path: String) throws(FileIOError) -> (Int32, String) {
        var template = Array("\(folder)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let p = buf.baseAddress else { return -1 }
            return mkstemp(p)
        }
        guard fd >= 0 else { throw .system(path: path, doing: "cannot create a temporary file") }
        let name = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        pending.withLock { _ = $0.insert(name) }
        return (fd, name)
    }

    /// Removes the named temporary files of writers not yet committed; for a command that
    /// stops on SIGINT or SIGTERM. Unnamed ones need nothing: they vanish with the process.
    public static func removeTemporaryFiles() {
        pending.withLock { names in
            for name in names { unlink(name) }
            names.removeAll()
        }
    }

    deinit { discardTemporaryFile() }

    /// Appends `bytes` to the file.
    /// - Throws: ``FileIOError`` when the write fails (disk full, …) or the writer was already
    ///   committed or abandoned; a failed write abandons the writer.
    public func write(_ bytes: [UInt8]) throws(FileIOError) {
        guard fd >= 0 else { throw FileIOError(path: path, problem: "cannot write: the output is already closed") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return Self.systemWrite(fd, base + written, buf.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let error = FileIOError.system(path: path, doing: "cannot write")
                discardTemporaryFile()
                throw error
            }
            written += n
        }
        bytesWritten += bytes.count
    }

    /// Flushes the file to disk and renames it onto ``path``, replacing any file there.
    /// - Throws: ``FileIOError`` when flushing or renaming fails (the temporary file is then
    ///   removed) or the writer was already committed or abandoned.
    public func commit() throws(FileIOError) {
        guard fd >= 0 else { throw FileIOError(path: path, problem: "cannot write: the output is already closed") }
        fchmod(fd, FileIO.outputMode(replacing: path))
        if fsync(fd) != 0 {
            let error = FileIOError.system(path: path, doing: "cannot write")
            discardTemporaryFile()
            throw error
        }
        guard let temporaryPath else {
            // Unnamed: give it its name. link(2) does not replace, so an existing file is
            // replaced through a named temporary link and rename(2).
            defer { discardTemporaryFile() }
            let source = "/proc/self/fd/\(fd)"
            if linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return }
            guard errno == EEXIST else { throw .system(path: path, doing: "cannot link into place") }
            for attempt in 0..<100 {
                let link = "\(folder)/.\(base).tmp-\(getpid())-\(attempt)"
                Self.pending.withLock { _ = $0.insert(link) }
                defer { Self.pending.withLock { _ = $0.remove(link) } }
                if linkat(AT_FDCWD, source, AT_FDCWD, link, AT_SYMLINK_FOLLOW) != 0 {
                    if errno == EEXIST { continue }
                    throw .system(path: path, doing: "cannot link into place")
                }
                guard rename(link, path) == 0 else {
                    let error = FileIOError.system(path: path, doing: "cannot rename into place")
                    unlink(link)
                    throw error
                }
                return
            }
            throw FileIOError(path: path, problem: "cannot link into place: too many stale temporary files")
        }
        defer { Self.pending.withLock { _ = $0.remove(temporaryPath) } }
        let closed = close(fd)
        fd = -1
        if closed != 0 {
            let error = FileIOError.system(path: path, doing: "cannot write")
            unlink(temporaryPath)
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let error = FileIOError.system(path: path, doing: "cannot rename into place")
            unlink(temporaryPath)
            throw error
        }
    }

    /// Closes and removes the temporary file; ``path`` is left as it was. Does nothing after
    /// ``commit()`` or a first `abandon()`.
    public func abandon() { discardTemporaryFile() }

    private func discardTemporaryFile() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        if let temporaryPath {
            unlink(temporaryPath)
            Self.pending.withLock { _ = $0.remove(temporaryPath) }
        }
    }

    /// `write(2)`, named apart from this type's own `write`.
    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }
}
