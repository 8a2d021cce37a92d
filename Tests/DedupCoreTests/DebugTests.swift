import Testing
@testable import DedupCore
import Foundation

@Test func debugCase() throws {
    let path = ProcessInfo.processInfo.environment["DBG"] ?? ""
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let a = TextAnalysis(text: bytes, options: DedupOptions())
    let m = MatchFinder(window: 24).matches(in: a.key.units)
    print("keycount", a.key.count)
    for x in m where x.length > 20 { print("match", x, a.byteStart(x.target), a.byteStart(x.source)) }
    for r in a.runs where r.length > 20 { print("run", r, a.byteRange(r.target), a.byteRange(r.source)) }
}

@Test func debugExtend() throws {
    let path = ProcessInfo.processInfo.environment["DBG"] ?? ""
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let a = TextAnalysis(text: bytes, options: DedupOptions())
    let m = MatchFinder(window: 24).matches(in: a.key.units)
    let b = RunBuilder(maxGap: 24, maxDrift: 4, maxRotation: 12)
    let raw = b.runs(from: m, units: a.key.units, isLineStart: { a.isLineStart($0) })
    for r in raw where r.length > 100 {
        print("raw", r)
        let e = a.extendedOverEdits(r)
        print("ext", e)
        print("snap", a.snapped(e) as Any)
        print("tail", String(decoding: bytes[a.byteEnd(r.target.upperBound)...].prefix(80), as: UTF8.self))
    }
}
