internal import DedupSystem

/// Reads lines from a file descriptor as they arrive, a chunk at a time.
///
/// A line is returned without its `\n` (a `\r` before it is kept); the last line is returned
/// even when no `\n` ends it. Memory is bounded by the longest line plus one chunk, not by the
/// stream. Reads interrupted by a signal are retried; a descriptor that would block is waited
/// on. The reader does not close the descriptor.
package struct LineReader {
    /// The descriptor read from.
    package let fd: Int32
    /// The input's name, for errors.
    package let name: String
    /// How many bytes each `read(2)` asks for.
    package let chunkSize: Int
    /// Bytes read from the descriptor so far.
    package private(set) var bytesRead = 0
    /// Whether the last line returned had no `\n` after it (the stream ended without one).
    package private(set) var lastLineWasUnterminated = false

    private var buffer: [UInt8]
    private var start = 0  // first byte not yet returned
    private var end = 0  // end of the bytes read
    private var scanned = 0  // start..<scanned holds no '\n'
    private var nextBreak: Int?  // the '\n' ending the next line, when already found
    private var atEnd = false

    /// A reader of `fd`, named `name` in errors, reading `chunkSize` bytes at a time.
    package init(fd: Int32, name: String, chunkSize: Int = 1 << 16) {
        precondition(chunkSize > 0, "chunks of at least one byte")
        self.fd = fd
        self.name = name
        self.chunkSize = chunkSize
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Whether ``next()`` can answer without reading from the descriptor, that is without
    /// waiting for more input: a whole line is buffered, or the stream has ended.
    package var hasBufferedLine: Bool { nextBreak != nil || atEnd }

    /// Whether ``next()`` would wait for input: no whole line is buffered and the descriptor
    /// has nothing to read right now (a pipe whose writer is slow). A regular file never
    /// waits.
    package var wouldWait: Bool { !hasBufferedLine && !inputArrives(withinMilliseconds: 0) }

    /// Whether the descriptor has something to read (or has ended) within `milliseconds`.
    package func inputArrives(withinMilliseconds milliseconds: Int32) -> Bool {
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, milliseconds) != 0
    }

    /// The next line without its line break, or nil at the end of the stream.
    /// - Throws: ``FileIOError`` when reading fails.
    package mutating func next() throws(FileIOError) -> [UInt8]? {
        switch try next(maxLength: .max) {
        case .line(let line): line
        case .tooLong(let head): head  // cannot happen: no line is longer than Int.max
        case nil: nil
        }
    }

    /// A line, or the start of one too long to hold.
    package enum Item: Equatable, Sendable {
        /// A whole line without its line break.
        case line([UInt8])
        /// The first bytes (more than the limit) of a line longer than the limit; the rest
        /// is still to be read with ``copyRestOfLine(to:)``.
        case tooLong(head: [UInt8])
    }

    /// The next line, or nil at the end of the stream; a line found to be longer than
    /// `maxLength` before its end is in memory comes back as ``Item/tooLong(head:)``, so that
    /// memory stays bounded by `maxLength` plus a chunk whatever the input.
    /// - Throws: ``FileIOError`` when reading fails.
    package mutating func next(maxLength: Int) throws(FileIOError) -> Item? {
        while true {
            if let lineBreak = findBreak() {
                if lineBreak - start > maxLength {
                    // The whole line is here, but over the limit all the same: the caller
                    // treats it as it treats one that is still arriving.
                    let head = Array(buffer[start..<lineBreak])
                    start = lineBreak
                    scanned = lineBreak
                    return .tooLong(head: head)
                }
                let line = Array(buffer[start..<lineBreak])
                start = lineBreak + 1
                scanned = start
                nextBreak = nil
                nextBreak = findBreak()
                return .line(line)
            }
            if atEnd {
                guard start < end else { return nil }
                let line = Array(buffer[start..<end])
                start = end
                if line.count > maxLength { return .tooLong(head: line) }
                lastLineWasUnterminated = true
                return .line(line)
            }
            if end - start > maxLength {
                let head = Array(buffer[start..<end])
                start = end
                scanned = end
                return .tooLong(head: head)
            }
            try fill()
        }
    }

    /// Hands the rest of a line that ``next(maxLength:)`` found too long to `write`, a chunk
    /// at a time, without its line break.
    /// - Throws: ``FileIOError`` when reading fails, or what `write` throws.
    package mutating func copyRestOfLine(to write: ([UInt8]) throws(FileIOError) -> Void) throws(FileIOError) {
        while true {
            if let lineBreak = findBreak() {
                if lineBreak > start { try write(Array(buffer[start..<lineBreak])) }
                start = lineBreak + 1
                scanned = start
                nextBreak = nil
                nextBreak = findBreak()
                return
            }
            if end > start { try write(Array(buffer[start..<end])) }
            start = end
            scanned = end
            if atEnd {
                lastLineWasUnterminated = true
                return
            }
            try fill()
        }
    }

    /// The index of the first `\n` at or after `start`, searching only bytes not searched yet.
    private mutating func findBreak() -> Int? {
        if let nextBreak { return nextBreak }
        guard scanned < end else { return nil }
        let found = buffer.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, let p = memchr(base + scanned, 0x0A, end - scanned) else { return nil }
            return UnsafeRawPointer(p) - UnsafeRawPointer(base)
        }
        scanned = found ?? end
        return found
    }

    /// Reads one chunk after the buffered bytes, first moving them to the front.
    private mutating func fill() throws(FileIOError) {
        let pending = end - start
        if start > 0 {
            if pending > 0 && pending <= chunkSize && buffer.count > 4 * chunkSize {
                // A long line has grown the buffer; give the memory back.
                var smaller = [UInt8](repeating: 0, count: 2 * chunkSize)
                smaller.withUnsafeMutableBufferPointer { dst in
                    buffer.withUnsafeBufferPointer { src in
                        _ = memcpy(dst.baseAddress!, src.baseAddress! + start, pending)
                    }
                }
                buffer = smaller
            } else if pending > 0 {
                buffer.withUnsafeMutableBufferPointer { buf in
                    _ = memmove(buf.baseAddress!, buf.baseAddress! + start, pending)
                }
            } else if buffer.count > 4 * chunkSize {
                buffer = [UInt8](repeating: 0, count: 2 * chunkSize)
            }
            scanned -= start
            start = 0
            end = pending
        }
        if buffer.count - end < chunkSize {
            buffer.append(contentsOf: repeatElement(0, count: max(end + chunkSize, 2 * buffer.count) - buffer.count))
        }
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { buf -> Int in
                SystemCall.read(fd, buf.baseAddress! + end, chunkSize)
            }
            if n > 0 {
                end += n
                bytesRead += n
                return
            }
            if n == 0 {
                atEnd = true
                return
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&request, 1, -1)
            default:
                throw .system(path: name, doing: "cannot read")
            }
        }
    }

}
