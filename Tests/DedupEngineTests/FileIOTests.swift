import Foundation
import Testing

@testable import DedupEngine

/// Reading inputs whole: every byte, whatever the file system says of the file's size or
/// gives per read.
@Suite struct FileIOTests {
    /// A regular file of several sizes around the first read's buffer comes back whole.
    @Test(arguments: [0, 1, 4095, 4096, 4097, 100_000])
    func aRegularFileIsReadWhole(size: Int) throws {
        let path = NSTemporaryDirectory() + "dedup-fileio-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileIO.read(path) == bytes)
    }

    /// /proc files say they hold 0 bytes and give a few lines a read, far less than the
    /// buffer asks: a short read is not their end. (Linux only; /proc/self/maps of a test
    /// process runs to many kilobytes.)
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/maps")))
    func aProcFileIsReadToItsEnd() throws {
        let read = try FileIO.read("/proc/self/maps")
        // The process's own mappings: its executable, then libraries, the stack, the vdso.
        let text = String(decoding: read, as: UTF8.self)
        #expect(read.count > 8192, "\(read.count) bytes")
        #expect(text.hasSuffix("\n"))
        #expect(text.contains("[stack]"))
        #expect(text.contains("[vdso]") || text.contains("[vsyscall]"))
    }
}

/// Names given to outputs are flushed to disk, not only their bytes.
@Suite struct OutputNameFlushTests {
    /// A folder flushed, and one that is no longer there (nothing to flush), are no error.
    @Test func foldersAreFlushedAndAFolderGoneIsNoError() throws {
        let folder = NSTemporaryDirectory() + "dedup-names-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileIO.writeAtomically(Array("kept\n".utf8), to: folder + "/out.txt")
        #expect(try FileIO.read(folder + "/out.txt") == Array("kept\n".utf8))
        try AtomicFileWriter.flush(folders: [folder, folder + "-gone"])
    }

    /// A folder that cannot be flushed is an error that names it; the other folders are
    /// flushed all the same. (A file where a folder should be: it cannot be opened as one.)
    @Test func aFolderThatCannotBeFlushedIsNamed() throws {
        let kept = NSTemporaryDirectory() + "dedup-names-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: kept) }
        let notAFolder = kept + "/file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: notAFolder))
        do {
            try AtomicFileWriter.flush(folders: [notAFolder, kept])
            Issue.record("no error for \(notAFolder)")
        } catch {
            #expect(error.path == notAFolder)
            #expect(error.problem.contains("flush"))
        }
    }
}
