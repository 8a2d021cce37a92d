import DedupCore
import DedupPlugins
import FuzzSupport

/// The plain-text pipeline, as `dedup clean` runs it: bytes to a document, clean, export,
/// restore.
///
/// - `Document(bytes:name:)` refuses invalid UTF-8 with `DocumentError.invalidUTF8` at the
///   offset the standard library's decoder finds, and accepts everything else as it is.
/// - `Importer.plainText` throws only its documented errors (`TextDecodingError`,
///   `DocumentError`); UTF-8 without a NUL byte or a byte order mark is read as it is, the
///   document being the input; `notUTF8` names the first bad byte; a decoded input (byte
///   order mark) has an origin describing the file.
/// - The imported text cleans into spans that tile it; the text export is the kept spans;
///   the JSON and XML exports restore to it byte for byte (to the input itself when it was
///   UTF-8).
///
/// The first byte of the input also picks the detection thresholds (see `Invariants.options(for:)`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Invariants.bytes(data, size)
    let firstInvalid = Invariants.firstInvalidUTF8Offset(bytes)

    do {
        let document = try Document(bytes: bytes, name: "fuzz.txt")
        Invariants.require(firstInvalid == nil, "Document accepted invalid UTF-8 (first bad byte at \(firstInvalid ?? -1))")
        Invariants.require(document.bytes == bytes, "Document changed the bytes")
    } catch {
        switch error {
        case .invalidUTF8(let offset):
            Invariants.require(
                offset == firstInvalid,
                "Document reports invalid UTF-8 at offset \(offset), the first bad byte is at \(firstInvalid.map(String.init) ?? "none")")
        case .tooLarge:
            Invariants.require(false, "Document: \(error) for \(bytes.count) bytes")
        }
    }

    let imported: ImportedDocument
    do {
        imported = try Importer.plainText.read(bytes, "fuzz.txt", ImportOptions())
    } catch let error as TextDecodingError {
        if case .notUTF8(let offset, let byte) = error {
            Invariants.require(
                offset == firstInvalid && bytes[offset] == byte,
                "\(error), the first bad byte is at \(firstInvalid.map(String.init) ?? "none")")
        }
        Invariants.require(!readsAsIs(bytes, firstInvalid: firstInvalid), "UTF-8 text refused: \(error)")
        return 0
    } catch {
        Invariants.require(false, "the text importer threw an undocumented \(type(of: error)): \(error)")
        return 0
    }
    if let origin = imported.origin {
        Invariants.require(!readsAsIs(bytes, firstInvalid: firstInvalid), "UTF-8 text was decoded (origin \(origin.encoding))")
        Invariants.require(
            origin.format == "text" && origin.size == bytes.count && origin.sha256 == SHA256.hexDigest(bytes)
                && !origin.encoding.isEmpty && origin.blocks.isEmpty,
            "the origin (\(origin.format), \(origin.size) bytes, \(origin.encoding)) does not describe the input")
    } else {
        Invariants.require(imported.document.bytes == bytes, "the imported document is not the input")
    }

    let deduplicator = Deduplicator(options: Invariants.options(for: bytes.first ?? 0))
    Invariants.check(CleanedDocument(cleaning: imported, with: deduplicator))
    return 0
}

/// Whether the text importer must take `bytes` as they are: UTF-8 with no NUL byte (a binary
/// file) and no byte order mark (which makes the importer decode, dropping the mark).
func readsAsIs(_ bytes: [UInt8], firstInvalid: Int?) -> Bool {
    firstInvalid == nil && !bytes.contains(0) && !bytes.starts(with: [0xEF, 0xBB, 0xBF])
}

/// The program's entry point: SwiftPM links `FuzzTextPipeline_main` as `main` (see `LibFuzzer`).
@_cdecl("FuzzTextPipeline_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzz)
}
