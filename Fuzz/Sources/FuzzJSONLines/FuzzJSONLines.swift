import DedupCore
import DedupEngine
import DedupPlugins
import FuzzSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON Lines stream, as `dedup clean --input-format jsonl` runs it (``LineStreamRunner``
/// with ``Importer/jsonLines`` and ``Exporter/jsonLines``, reading a file descriptor) and
/// `dedup restore` undoes it (``Restorer/restore(jsonLines:options:id:)``), on any bytes:
///
/// - the run does not fail, and its summary counts the input's lines and bytes and the
///   output's bytes;
/// - the output has one line per input line, and ends in a line break when the input does;
/// - a blank line, and a line the importer cannot read (reported once, by its name
///   `fuzz.jsonl:N`), are written through unchanged; a record cleaned is written as a record
///   the importer reads again;
/// - restoring the output gives the input back byte for byte.
///
/// The input's last byte picks the detection thresholds (see `Invariants.options(for:)`),
/// and whether the stream is read in chunks of a few bytes and cleaned on two threads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Invariants.bytes(data, size)
    let selector = bytes.last ?? 0
    let options = ImportOptions()
    var runner = LineStreamRunner(
        importer: .jsonLines, exporter: .jsonLines, options: options,
        deduplicator: Deduplicator(options: Invariants.options(for: selector)),
        chunkSize: selector & 0x10 != 0 ? 1 + Int(selector % 7) : 1 << 16)
    runner.threads = selector & 0x20 != 0 ? 2 : 1

    let fd = InputFile.shared.holding(bytes)
    var output: [UInt8] = []
    var problems: [String] = []
    let summary: LineStreamSummary
    do {
        summary = try runner.run(
            readingFrom: fd, named: "fuzz.jsonl", write: { output += $0 }, report: { record, _ in problems.append(record) })
    } catch {
        Invariants.require(false, "the stream runner failed on a file: \(error)")
        return 0
    }

    let lines = split(bytes)
    let outputLines = split(output)
    Invariants.require(
        outputLines.count == lines.count,
        "\(lines.count) lines in, \(outputLines.count) out")
    Invariants.require(
        bytes.isEmpty || (bytes.last == 0x0A) == (output.last == 0x0A),
        "the input \(bytes.last == 0x0A ? "ends" : "does not end") in a line break, the output \(output.last == 0x0A ? "does" : "does not")"
    )
    Invariants.require(
        summary.lines == lines.count && summary.bytesIn == bytes.count && summary.bytesOut == output.count,
        "the summary counts \(summary.lines) lines, \(summary.bytesIn) bytes in, \(summary.bytesOut) out; there were \(lines.count), \(bytes.count), \(output.count)"
    )

    var rejected: [String] = []
    for (k, line) in lines.enumerated() {
        let name = "fuzz.jsonl:\(k + 1)"
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            Invariants.require(outputLines[k] == line, "blank line \(k + 1) was not written through")
            continue
        }
        do {
            _ = try Importer.jsonLines.read(line, name, options)
        } catch {
            rejected.append(name)
            Invariants.require(outputLines[k] == line, "line \(k + 1), rejected (\(error)), was not written through unchanged")
            continue
        }
        do {
            _ = try Importer.jsonLines.read(outputLines[k], name, options)
        } catch {
            Invariants.require(false, "line \(k + 1) was cleaned into a line the importer cannot read: \(error)")
        }
    }
    Invariants.require(
        problems == rejected && summary.malformed == rejected.count,
        "the run reported \(problems) (\(summary.malformed) malformed), the importer rejects \(rejected)")

    do {
        let restored = try Restorer.restore(jsonLines: output, options: options)
        Invariants.require(restored == bytes, "restore gives \(restored.count) bytes that differ from the \(bytes.count) of the input")
    } catch {
        Invariants.require(false, "restore failed: \(error)")
    }
    return 0
}

/// The lines of `bytes` without their line breaks; the last one too when no line break ends
/// it, none after a final line break.
func split(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if bytes.isEmpty || bytes.last == 0x0A { lines.removeLast() }
    return lines
}

/// A temporary file, unlinked at once, that holds the input for the runner to read.
final class InputFile: @unchecked Sendable {
    /// The one the target uses.
    static let shared = InputFile()

    let fd: Int32

    init() {
        var template = Array("/tmp/dedup-fuzz-jsonl-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        Invariants.require(fd >= 0, "cannot make a temporary file: errno \(errno)")
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    }

    /// The file's descriptor, holding exactly `bytes` and positioned at its start.
    func holding(_ bytes: [UInt8]) -> Int32 {
        Invariants.require(ftruncate(fd, 0) == 0, "ftruncate: errno \(errno)")
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        Invariants.require(written == bytes.count, "pwrite wrote \(written) of \(bytes.count) bytes: errno \(errno)")
        Invariants.require(lseek(fd, 0, SEEK_SET) == 0, "lseek: errno \(errno)")
        return fd
    }
}

/// The program's entry point: SwiftPM links `FuzzJSONLines_main` as `main` (see `LibFuzzer`).
@_cdecl("FuzzJSONLines_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzz)
}
