import DedupCore
import DedupPlugins
import FuzzSupport

/// The restore readers (`dedup restore`) on any bytes: ``Restorer`` reading JSON provenance
/// (Foundation's `JSONDecoder`), XML provenance (libxml2) and JSON Lines streams (the record
/// scanner, then each record's provenance), the whole stream and one record by its id.
///
/// Each either gives bytes or throws its ``Restorer/Failure``, never traps (a trap, an
/// AddressSanitizer report or a leak is a crash). `Restorer.restore(_:)` reads XML when the
/// first byte that is not white space or a byte order mark is `<`, JSON otherwise: its
/// result is the one of that reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Invariants.bytes(data, size)
    let json = outcome { () throws(Restorer.Failure) in try Restorer.restore(json: bytes) }
    let xml = outcome { () throws(Restorer.Failure) in try Restorer.restore(xml: bytes) }
    let either = outcome { () throws(Restorer.Failure) in try Restorer.restore(bytes) }
    let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
    let expected = first == UInt8(ascii: "<") ? xml : json
    Invariants.require(
        either == expected, "Restorer.restore(_:) gives \(either), the \(first == UInt8(ascii: "<") ? "XML" : "JSON") reader \(expected)")

    let options = ImportOptions()
    _ = outcome { () throws(Restorer.Failure) in try Restorer.restore(jsonLines: bytes, options: options) }
    for id in ["1", "a1"] {
        _ = outcome { () throws(Restorer.Failure) in try Restorer.restore(jsonLines: bytes, options: options, id: id) }
    }
    return 0
}

/// What a restore came to, comparable.
enum Outcome: Equatable, CustomStringConvertible {
    case restored([UInt8])
    case failed(String)

    var description: String {
        switch self {
        case .restored(let bytes): "\(bytes.count) bytes"
        case .failed(let problem): "failure '\(problem)'"
        }
    }
}

func outcome(_ restore: () throws(Restorer.Failure) -> [UInt8]) -> Outcome {
    do {
        return .restored(try restore())
    } catch {
        return .failed(error.description)
    }
}

/// The program's entry point: SwiftPM links `FuzzRestore_main` as `main` (see `LibFuzzer`).
@_cdecl("FuzzRestore_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzz)
}
