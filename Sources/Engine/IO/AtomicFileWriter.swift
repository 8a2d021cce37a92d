internal import DedupSystem
import Synchronization

/// An output file written in pieces that appears whole or not at all.
///
/// On Linux the bytes go to an unnamed file in the output's folder (`O_TMPFILE`): a process
/// killed while writing, even by `kill -9`, leaves nothing behind, since the file has no name
/// until ``commit()`` flushes it to disk (`fsync`) and links it in place. A file that already
/// exists is replaced through a hidden link (`.dedup-PID-N.tmp`) renamed onto it, so that a
/// reader sees the old file or the new one, never neither. Where unnamed files are not
/// supported, a hidden temporary file (`.dedup-XXXXXX.tmp`, made with `mkstemp`) is written
/// and renamed instead.
///
/// ``removeTemporaryFiles()`` removes the hidden names still in use and stops any further
/// commit, for a command that stops on a signal: together with the unnamed files, nothing is
/// left behind. (Only a `kill -9` in the microseconds between the link and the rename that
/// replace an existing file can leave a hidden complete copy.)
///
/// ``commitAll(_:)`` commits many writers with one flush per file system (`syncfs`) instead
/// of one `fsync` each: a batch of small files costs one journal commit, not one per file.
/// A committed file's bytes are on disk; its name is once its folder is flushed, which
/// ``flush(folders:)`` does, once for many outputs (a batch calls it before it ends, so that
/// no output it reported can be lost to a power cut).
///
/// ``abandon()``, or dropping the writer before ``commit()``, discards the bytes; so does a
/// failed write or commit. A writer is used by one thread at a time; it may be handed to
/// another (a worker writes it, the thread that reports in order commits it).
package final class AtomicFileWriter: @unchecked Sendable {
    /// The file the bytes are for.
    package let path: String
    private let folder: String
    /// The named temporary file, when unnamed files are not supported.
    private let temporaryPath: String?
    private var fd: Int32
    /// Bytes written so far.
    package private(set) var bytesWritten = 0

    /// Hidden names in use by every writer of the process, and whether the process is
    /// stopping (no commit may start then). Held across a link and its rename.
    /// Also every folder an output was given its name in, for a run stopped by a signal to
    /// flush on its way out (``flushCommittedFolders()``).
    private static let names = Mutex<(pending: Set<String>, stopping: Bool, counter: Int, folders: Set<String>)>(
        ([], false, 0, []))

    /// Creates the temporary file for `path`, in the folder `path` will be in.
    /// - Throws: ``FileIOError`` when the temporary file cannot be created (no such folder,
    ///   no permission, …).
    package init(path: String) throws(FileIOError) {
        self.folder = FilePath.folder(of: path)
        self.path = path
        #if os(Linux)
        let unnamed = open(folder, Self.openTemporaryFile | O_WRONLY | O_CLOEXEC, mode_t(0o600))
        if unnamed >= 0 {
            // It is given its name through /proc/self/fd, which a sandbox may hide.
            if Self.processDescriptorsVisible {
                self.fd = unnamed
                self.temporaryPath = nil
                return
            }
            close(unnamed)
        }
        // Not supported here (an old kernel, some file systems, no /proc): a named file
        // instead, whose creation also reports a missing folder or a permission problem.
        #endif
        let (fd, temporary) = try Self.makeNamedTemporary(folder: folder, for: path)
        self.fd = fd
        self.temporaryPath = temporary
    }

    #if os(Linux)
    /// Whether /proc/self/fd shows this process's descriptors (a sandbox may hide it), asked
    /// once per process rather than once per output.
    private static let processDescriptorsVisible: Bool = access("/proc/self/fd", F_OK) == 0

    /// `O_TMPFILE`, which Glibc's module does not export: `__O_TMPFILE | O_DIRECTORY`.
    private static let openTemporaryFile: Int32 = 0o20_000_000 | O_DIRECTORY
    #endif

    private static func makeNamedTemporary(folder: String, for path: String) throws(FileIOError) -> (Int32, String) {
        var template = Array("\(folder)/.dedup-XXXXXX.tmp".utf8CString)
        return try names.withLock { state throws(FileIOError) -> (Int32, String) in
            guard !state.stopping else { throw FileIOError(path: path, problem: "not written: the run is stopping") }
            let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
                guard let p = buf.baseAddress else { return -1 }
                return mkstemps(p, 4)
            }
            guard fd >= 0 else { throw .system(path: path, doing: "cannot create a temporary file") }
            let name = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            state.pending.insert(name)
            return (fd, name)
        }
    }

    /// Removes the hidden temporary names of writers not yet committed and makes every
    /// later commit fail; for a command that stops on SIGINT or SIGTERM. Unnamed files need
    /// nothing: they vanish with the process.
    package static func removeTemporaryFiles() {
        names.withLock { state in
            state.stopping = true
            for name in state.pending { unlink(name) }
            state.pending.removeAll()
        }
    }

    deinit { discardTemporaryFile() }

    /// Appends `bytes` to the file.
    /// - Throws: ``FileIOError`` when the write fails (disk full, …) or the writer was already
    ///   committed or abandoned; a failed write abandons the writer.
    package func write(_ bytes: [UInt8]) throws(FileIOError) {
        guard fd >= 0 else { throw FileIOError(path: path, problem: "cannot write: the output is already closed") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return SystemCall.write(fd, base + written, buf.count - written)
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

    /// Flushes the file to disk and gives it its name, replacing any file there.
    /// - Throws: ``FileIOError`` when flushing or naming fails (the temporary file is then
    ///   removed), the process is stopping, or the writer was already committed or abandoned.
    package func commit() throws(FileIOError) {
        try commit(synced: false)
    }

    /// Commits `writers` in order, flushing their files to disk together first: one `syncfs`
    /// per file system they are on (which also flushes whatever else is waiting to be written
    /// there), then each is linked in place. Where that flush fails, each file is flushed on
    /// its own instead. Returns each writer's error, nil for those committed.
    package static func commitAll(_ writers: [AtomicFileWriter]) -> [FileIOError?] {
        var synced = false
        if writers.count > 1 {
            synced = true
            var devices: Set<UInt64> = []
            for writer in writers where writer.fd >= 0 {
                writer.prepare()
                guard let device = writer.device else {
                    synced = false
                    break
                }
                if devices.insert(device).inserted && !syncFileSystem(writer.fd) {
                    synced = false
                    break
                }
            }
        }
        return writers.map { writer in
            do throws(FileIOError) {
                try writer.commit(synced: synced)
                return nil
            } catch {
                return error
            }
        }
    }

    /// Flushes to disk the entries of `folders`, where outputs were given their names, so
    /// that a committed output is still there after a power cut: one `syncfs` per file
    /// system (which flushes every folder there), else an `fsync` of each folder. A folder
    /// that is no longer there has nothing to flush.
    /// - Throws: ``FileIOError`` naming the first folder that could not be flushed (the
    ///   others are flushed all the same).
    package static func flush(folders: [String]) throws(FileIOError) {
        var flushed: Set<UInt64> = []
        var failure: FileIOError?
        for folder in folders {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno != ENOENT {
                    failure = failure ?? .system(path: folder, doing: "cannot flush the names of its outputs to disk")
                }
                continue
            }
            defer { close(fd) }
            var st = stat()
            let device = fstat(fd, &st) == 0 ? UInt64(truncatingIfNeeded: st.st_dev) : nil
            if let device, flushed.contains(device) { continue }
            if syncFileSystem(fd) {
                if let device { flushed.insert(device) }
                continue
            }
            if fsync(fd) != 0 {
                failure = failure ?? .system(path: folder, doing: "cannot flush the names of its outputs to disk")
            }
        }
        if let failure { throw failure }
    }

    /// `syncfs(2)`, looked up at run time: the C library declares it only for GNU sources.
    private static let syncfsFunction: (@convention(c) (Int32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Flushes the file system that holds `fd`; false where that cannot be done.
    private static func syncFileSystem(_ fd: Int32) -> Bool {
        guard let syncfs = syncfsFunction else { return false }
        return syncfs(fd) == 0
    }

    /// The file system the file is on, once ``prepare()`` has run (nil if it could not tell).
    private var device: UInt64?
    private var prepared = false

    /// Gives the file its permissions and notes its file system: the part of a commit that
    /// needs no lock and no flush. A thread that hands writers to another for
    /// ``commitAll(_:)`` calls this first, so that the committing thread has less to do.
    package func prepare() {
        guard fd >= 0, !prepared else { return }
        prepared = true
        fchmod(fd, FileIO.outputMode(replacing: path))
        var st = stat()
        device = fstat(fd, &st) == 0 ? UInt64(truncatingIfNeeded: st.st_dev) : nil
    }

    /// Commits; `synced` when the file's bytes and mode are already on disk.
    private func commit(synced: Bool) throws(FileIOError) {
        guard fd >= 0 else { throw FileIOError(path: path, problem: "cannot write: the output is already closed") }
        defer { discardTemporaryFile() }
        if !synced {
            prepare()
            guard fsync(fd) == 0 else { throw .system(path: path, doing: "cannot write") }
        }
        let path = self.path, folder = self.folder, fd = self.fd
        try Self.names.withLock { state throws(FileIOError) in
            guard !state.stopping else { throw FileIOError(path: path, problem: "not written: the run is stopping") }
            // Noted before the name is given: a folder noted for a commit that then fails
            // costs a flush at most.
            state.folders.insert(folder)
            if let temporaryPath {
                guard rename(temporaryPath, path) == 0 else { throw .system(path: path, doing: "cannot rename into place") }
                state.pending.remove(temporaryPath)
                return
            }
            // Unnamed: give it its name. link(2) does not replace, so an existing file is
            // replaced through a hidden link and rename(2), under the lock, so that a signal's
            // clean-up cannot run between the two.
            let source = "/proc/self/fd/\(fd)"
            if linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return }
            guard errno == EEXIST else { throw .system(path: path, doing: "cannot link into place") }
            while true {
                state.counter += 1
                let link = "\(folder)/.dedup-\(getpid())-\(state.counter).tmp"
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
        }
    }

    /// Flushes every folder outputs of this process were named in, as far as it can (errors
    /// are not reported): for a run stopped by a signal, so that the outputs it reported
    /// written are on disk when it exits. A run that ends normally flushes the folders of
    /// its own outputs with ``flush(folders:)`` and reports what fails.
    package static func flushCommittedFolders() {
        let folders = names.withLock { $0.folders.sorted() }
        try? flush(folders: folders)
    }

    /// Closes and removes the temporary file; ``path`` is left as it was. Does nothing after
    /// ``commit()`` or a first `abandon()`.
    package func abandon() { discardTemporaryFile() }

    private func discardTemporaryFile() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        if let temporaryPath {
            Self.names.withLock { state in
                if state.pending.remove(temporaryPath) != nil { unlink(temporaryPath) }
            }
        }
    }

}
