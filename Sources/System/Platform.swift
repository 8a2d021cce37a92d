// The C library, imported here and nowhere else: DedupPlugins and DedupEngine import this
// module (`internal import DedupSystem`) for the POSIX calls they make, so that which C
// library a platform has is decided in one place.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("dedup needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// `read(2)`, `write(2)` and `close(2)` under names of their own, for types whose methods
/// are called `read`, `write` or `close`.
package enum SystemCall {
    /// `read(2)`.
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        systemRead(fd, buffer, count)
    }

    /// `write(2)`.
    package static func write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        systemWrite(fd, buffer, count)
    }

    /// `close(2)`.
    package static func close(_ fd: Int32) -> Int32 {
        systemClose(fd)
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
