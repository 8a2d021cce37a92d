import Testing
@testable import DedupCore
import Foundation

@Test func debugCase() throws {
    let path = ProcessInfo.processInfo.environment["DBG"] ?? ""
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let a = TextAnalysis(text: bytes, options: DedupOptions())
    let m = MatchFinder(window: 24).matches(in: a.key.units)
    print("keycount", a.key.count)
    for x in m where x.length > 0 { print("match", x, a.byteStart(x.target), a.byteStart(x.source)) }
    for r in a.runs where r.length > 40 { print("run", r, a.byteRange(r.target), a.byteRange(r.source)) }
}
