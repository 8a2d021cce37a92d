import DedupCore
import FuzzSupport

/// The state reader of `dedup clean --across-documents --state FILE`,
/// `CrossDocumentIndex(decoding:options:)`, on any bytes: it decodes or throws a
/// `CrossDocumentStateError`, never traps.
///
/// A state ends with the SHA-256 of the rest, which random bytes never match, so the input's
/// first byte chooses what the reader gets:
/// - 0: the rest of the input as it is (the header and checksum checks);
/// - 1: a valid header (magic, version, settings), the rest of the input, and its checksum
///   (the parser, on bodies the fuzzer makes);
/// - 2: a valid state, made here from a few pages, with the rest of the input applied as
///   edits (4 bytes each: what, where, where, value; a byte set, a byte inserted, bytes
///   removed, a little-endian count written) and the checksum made anew (the parser, on
///   bodies close to real ones).
///
/// A state that decodes re-encodes to a state that decodes again, and the two encodings hold
/// the same (the unedited state: the same as the state itself), and the index can go on: a
/// document added, `finish()`, its boilerplate found. The same, not byte for byte: the key
/// tables are written in the order of their hash slots, which depends on the order the keys
/// went in (linear probing, keys wrapping around), so a decoded table may write its keys in
/// another order; ``Canonical`` sorts them by key before comparing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Invariants.bytes(data, size)
    guard let mode = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    let state: [UInt8]
    switch mode % 3 {
    case 0:
        state = rest
    case 1:
        state = checksummed(Array(ValidState.bytes.prefix(20)) + rest)
    default:
        state = checksummed(edited(Array(ValidState.bytes.dropLast(32)), by: rest))
    }

    let index: CrossDocumentIndex
    do {
        index = try CrossDocumentIndex(decoding: state, options: ValidState.options)
    } catch {
        Invariants.require(state != ValidState.bytes, "the valid state is refused: \(error)")
        return 0
    }
    let again = index.encoded()
    let held = Canonical.contents(again)
    if state == ValidState.bytes {
        Invariants.require(index.count == ValidState.count, "the valid state decodes to \(index.count) documents")
        Invariants.require(
            again.count == state.count && held == Canonical.contents(state),
            "the valid state (\(state.count) bytes) re-encodes to \(again.count) bytes that hold something else")
    }
    do {
        let reread = try CrossDocumentIndex(decoding: again, options: ValidState.options)
        let twice = reread.encoded()
        Invariants.require(
            twice.count == again.count && Canonical.contents(twice) == held,
            "a re-encoded state (\(again.count) bytes) decodes and re-encodes to \(twice.count) bytes that hold something else")
        Invariants.require(reread.names == index.names, "a re-encoded state has other names")
    } catch {
        Invariants.require(false, "a re-encoded state (\(again.count) bytes) is refused: \(error)")
    }

    var goingOn = index
    _ = goingOn.add(ValidState.probe, name: "probe")
    goingOn.finish()
    _ = goingOn.boilerplate(in: ValidState.probe)
    Invariants.require(goingOn.count == index.count + 1, "adding a document to a decoded state did not count it")
    return 0
}

/// `body` with its SHA-256 after it, as a state ends.
func checksummed(_ body: [UInt8]) -> [UInt8] {
    body + SHA256.digest(body)
}

/// `body` with the edits in `edits` applied, 4 bytes each: what, where (two bytes, little
/// endian, taken modulo the size), value.
func edited(_ body: [UInt8], by edits: [UInt8]) -> [UInt8] {
    var body = body
    var k = 0
    while k + 4 <= edits.count {
        let what = edits[k] % 4
        let at = (Int(edits[k + 1]) | Int(edits[k + 2]) << 8) % (body.count + 1)
        let value = edits[k + 3]
        k += 4
        switch what {
        case 0:
            if at < body.count { body[at] = value }
        case 1:
            body.insert(value, at: at)
        case 2:
            body.removeSubrange(at..<min(body.count, at + 1 + Int(value % 8)))
        default:
            if at + 4 <= body.count {
                body.replaceSubrange(at..<(at + 4), with: [value, 0, 0, 0])
            }
        }
    }
    return body
}

/// The contents of a state as ``CrossDocumentIndex/encoded()`` writes it, with the entries of
/// each key table sorted by key and without the checksum: two encodings of one index have
/// the same contents.
enum Canonical {
    static func contents(_ state: [UInt8]) -> [UInt8] {
        var r = Reader(bytes: state, at: 0)
        var out = r.take(8 + 4 + 8)  // magic, version, settings
        let n = Int(r.u32())
        out += r.taken(4)
        for _ in 0..<n { out += r.take(Int(r.u32())) }  // names
        out += r.take(n * 5)  // roots and coarse flags
        let hashes = Int(r.u32())
        out += r.taken(4) + r.take(hashes * 12)  // written sorted
        for keySize in [4, 8, 4] {  // samples, lines, frame firsts
            let count = Int(r.u32())
            out += r.taken(4)
            var entries: [[UInt8]] = []
            for _ in 0..<count {
                let key = r.take(keySize)
                let docs = Int(r.take(1)[0])
                entries.append(key.reversed() + [UInt8(docs)] + r.take(docs * 4))
            }
            for entry in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) { out += entry }
        }
        for _ in 0..<2 {  // frame and connected evidence, written sorted
            let count = Int(r.u32())
            out += r.taken(4)
            for _ in 0..<count {
                out += r.take(12)
                let roots = Int(r.take(1)[0])
                out += [UInt8(roots)] + r.take(roots * 4)
            }
        }
        Invariants.require(r.at == state.count - 32, "an encoded state has \(state.count - 32 - r.at) bytes after its contents")
        return out
    }

    /// Reads an encoded state, little-endian; reading past its end is a failure.
    struct Reader {
        let bytes: [UInt8]
        var at: Int

        mutating func take(_ n: Int) -> [UInt8] {
            Invariants.require(n >= 0 && at + n <= bytes.count - 32, "an encoded state is cut short at \(at)")
            defer { at += n }
            return Array(bytes[at..<(at + n)])
        }
        mutating func u32() -> UInt32 { take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        /// The `n` bytes just read.
        func taken(_ n: Int) -> [UInt8] { Array(bytes[(at - n)..<at]) }
    }
}

/// A state of a few pages of two sites (their headers and footers boilerplate, one article
/// twice), made once.
enum ValidState {
    static let options = CrossDocumentOptions()

    static let pages: [String] = (0..<7).map { n in
        page(site: n % 2, date: "Published 2019-04-0\(n)", body: article(n == 6 ? 2 : n))
    }

    static let bytes: [UInt8] = {
        var index = CrossDocumentIndex(options: options)
        for (n, page) in pages.enumerated() {
            _ = index.add(DocumentSignature(cleanText: Array(page.utf8), options: options), name: "page\(n).html")
        }
        index.finish()
        return index.encoded()
    }()

    static let count = pages.count

    /// A document to add to a decoded state: a page of one of the sites.
    static let probe = DocumentSignature(
        cleanText: Array(page(site: 1, date: "Published 2019-05-01", body: article(9)).utf8), options: options)

    /// Paragraphs of article `n`.
    static func article(_ n: Int) -> [String] {
        let words = ["river", "council", "harvest", "bridge", "ledger", "lantern", "orchard", "quarry", "signal", "timber"]
        return (0..<4).map { p in
            (0..<30).map { w in words[(n * 7 + p * 3 + w * (n + 5)) % words.count] + "\(n)x\(p)y\(w)" }.joined(separator: " ") + "."
        }
    }

    /// A page of site `site`: its header and footer around a date line and the body.
    static func page(site: Int, date: String, body: [String]) -> String {
        let header = ["Site \(site) News | Independent since 19\(site)", "Home | World | Politics | Business | Sport \(site)"]
        let footer = [
            "Most read", "Headline one of site \(site)", "Headline two of site \(site)",
            "Share this article on every network \(site)", "© 2019 Site \(site). All rights reserved.",
        ]
        return (header + [date] + body + footer).joined(separator: "\n\n") + "\n"
    }
}

/// The program's entry point: SwiftPM links `FuzzState_main` as `main` (see `LibFuzzer`).
@_cdecl("FuzzState_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzz)
}
