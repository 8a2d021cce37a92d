#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written in pieces that appears whole or not at all: the bytes go to a
/// temporary file in the same folder (`.NAME.tmp-XXXXXX`, made with `mkstemp`), which
/// ``commit()`` flushes to disk (`fsync`) and renames onto the path. Until then a reader sees
/// the old file, or none.
///
/// ``abandon()``, or dropping the writer before ``commit()``, removes the temporary file; so
/// does a failed write or commit. A writer is used by one task at a time.
public final class AtomicFileWriter {
    /// The file the bytes are for.
    public let path: String
    private let temporaryPath: String
    private var fd: Int32
    /// Bytes written so far.
    public private(set) var bytesWritten = 0

    /// Creates the temporary file for `path`, in the folder `path` will be in.
    /// - Throws: ``FileIOError`` when the temporary file cannot be created (no such folder,
    ///   no permission, …).
    public init(path: String) throws(FileIOError) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let p = buf.baseAddress else { return -1 }
            return mkstemp(p)
        }
        guard fd >= 0 else { throw .system(path: path, doing: "cannot create a temporary file") }
        self.path = path
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.fd = fd
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
        unlink(temporaryPath)
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
