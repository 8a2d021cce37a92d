import DedupCore
import DedupPlugins
import FuzzSupport

/// The HTML importer (libxml2's HTML parser, charset detection, text extraction) on any
/// bytes. Errors thrown are fine; a page that imports must have an origin that describes
/// the input (size, SHA-256, blocks in order inside the text), and its text must clean and
/// export to JSON and XML that restore to the extracted text byte for byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Invariants.bytes(data, size)
    guard let imported = try? Importer.html.read(bytes, "fuzz.html", ImportOptions()) else { return 0 }
    let text = imported.document.bytes
    Invariants.require(Invariants.firstInvalidUTF8Offset(text) == nil, "the extracted text is not UTF-8")
    guard let origin = imported.origin else {
        Invariants.require(false, "an HTML import without an origin")
        return 0
    }
    Invariants.require(
        origin.format == "html" && origin.size == bytes.count && origin.sha256 == SHA256.hexDigest(bytes),
        "the origin (\(origin.format), \(origin.size) bytes, \(origin.sha256)) does not describe the input")
    var end = 0
    for block in origin.blocks {
        Invariants.require(
            block.start >= end && block.start <= block.end && block.end <= text.count && block.line >= 1,
            "block \(block.start)..<\(block.end) (line \(block.line), \(block.xpath)) is out of order or outside the \(text.count) bytes of text"
        )
        end = block.end
    }
    Invariants.check(CleanedDocument(cleaning: imported, with: Deduplicator()))
    return 0
}

/// The program's entry point: SwiftPM links `FuzzHTMLImporter_main` as `main` (see `LibFuzzer`).
@_cdecl("FuzzHTMLImporter_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzz)
}
