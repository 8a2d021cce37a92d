import Foundation
import Testing

@testable import DedupCore

/// Cross-document cleaning on small batches written here: which documents repeat earlier
/// ones, which frame lines are boilerplate, and what must stay.
@Suite struct CrossDocumentTests {
    /// Paragraphs of an article `n` (different words for each n, long enough to count).
    static func article(_ n: Int, paragraphs: Int = 5) -> [String] {
        let words = [
            "river", "council", "harvest", "bridge", "ledger", "lantern", "orchard", "quarry", "signal", "timber",
            "valley", "winter", "meadow", "harbor", "garden", "market", "station", "engine", "silver", "canyon",
        ]
        return (0..<paragraphs).map { p in
            (0..<40).map { w in words[(n * 7 + p * 3 + w * (n + 5)) % words.count] + "\(n)x\(p)y\(w)" }.joined(separator: " ") + "."
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

    /// Adds `texts` in order; the verdicts and the index.
    static func run(_ texts: [String]) -> (verdicts: [CrossDocumentIndex.Verdict], index: CrossDocumentIndex) {
        var index = CrossDocumentIndex()
        let verdicts = texts.enumerated().map { index.add(DocumentSignature(cleanText: Array($1.utf8)), name: "doc\($0)") }
        index.finish()
        return (verdicts, index)
    }

    @Test func aSignatureIsBlindToSpacingAndWrapping() {
        let text = Self.article(1).joined(separator: "\n\n")
        let rewrapped = Self.article(1).map { p in
            stride(from: 0, to: p.count, by: 61).map { i in
                String(p[p.index(p.startIndex, offsetBy: i)..<p.index(p.startIndex, offsetBy: min(p.count, i + 61))])
            }.joined(separator: "\n")
        }.joined(separator: "\n\n\n")
        let a = DocumentSignature(cleanText: Array(text.utf8)), b = DocumentSignature(cleanText: Array(rewrapped.utf8))
        #expect(a.keyHash == b.keyHash)
        #expect(Set(a.samples.map(\.hash)) == Set(b.samples.map(\.hash)))
        #expect(!a.samples.isEmpty)
    }

    /// The hash of the whole key is mixed on the walk over the lines; it must stay the hash
    /// of every unit in order (states saved by earlier runs hold it), whatever lies between
    /// and around the lines: blank and whitespace-only lines, markup read as nothing,
    /// characters giving several units.
    @Test func theWholeKeyHashCoversEveryUnitInOrder() {
        var random = SplitMix(state: 29)
        let pieces = ["word", " ", "\n", "\n\n", "  \n", "\t", "ﬁ", "中文", "<b>", "&amp;", "**", "# ", "\u{200B}", "…"]
        for _ in 0..<200 {
            let text = Array((0..<random.below(40)).map { _ in pieces[random.below(pieces.count)] }.joined().utf8)
            let key = Normalizer().key(for: text)
            var whole: UInt64 = 0xCBF2_9CE4_8422_2325
            for u in key.units { whole = DocumentSignature.mixUnit(whole, u) }
            #expect(DocumentSignature(cleanText: text).keyHash == DocumentSignature.finish(whole))
        }
    }

    @Test func repeatsAreFoundWhateverTheirTemplateSpacingOrLength() {
        let body = Self.article(0, paragraphs: 8)
        let texts = [
            Self.page(site: 1, date: "Published 2019-01-01", body: body),  // 0: the article
            Self.page(site: 1, date: "Published 2019-01-02", body: Self.article(1)),
            Self.page(site: 2, date: "Published 2019-01-03", body: Self.article(2)),
            Self.page(site: 2, date: "Published 2019-01-04", body: body),  // 3: syndicated
            Self.page(site: 1, date: "Published 2019-01-05", body: Array(body.prefix(4)) + ["Read the full story on our website"]),
            Self.page(site: 2, date: "Published 2019-01-06", body: body.map { $0.replacingOccurrences(of: " ", with: "  ") }),
            Self.page(site: 3, date: "Published 2019-01-07", body: Self.article(3) + [body[5]]),  // quotes one paragraph
            Self.page(site: 1, date: "Published 2019-01-01", body: body),  // 7: byte-equal to 0
        ]
        let (verdicts, _) = Self.run(texts)
        #expect(verdicts.map { $0.repeats?.document } == [nil, nil, nil, 0, 0, 0, nil, 0])
        #expect(verdicts[7].repeats?.containedPerMille == 1000)
    }

    @Test func templateLinesOfThreeArticlesAreBoilerplateAndTheArticlesOwnLinesStay() {
        let labels = ["Interviewer:", "Guest:"]
        func interview(_ n: Int) -> [String] { Self.article(n).flatMap { [labels[0], $0, labels[1], "Yes. " + $0] } }
        let texts = [
            Self.page(site: 1, date: "Published 2019-02-01", body: interview(10)),
            Self.page(site: 1, date: "Published 2019-02-02", body: interview(11)),
            Self.page(site: 1, date: "Published 2019-02-03", body: interview(12)),
        ]
        let (_, index) = Self.run(texts)
        for text in texts {
            let signature = DocumentSignature(cleanText: Array(text.utf8))
            let removed = index.boilerplate(in: signature).map {
                String(decoding: Array(text.utf8)[signature.lines[$0.line].range.range], as: UTF8.self)
            }
            #expect(removed.count == 7, "\(removed)")
            #expect(removed.contains("Home | World | Politics | Business | Sport 1"))
            #expect(removed.contains("© 2019 Site 1. All rights reserved."))
            #expect(!removed.contains { $0.hasPrefix("Published") || labels.contains($0) })
        }
    }

    @Test func aPassageQuotedByThreeArticlesAwayFromTheirEdgesIsNotBoilerplate() {
        let quote = Self.article(20, paragraphs: 1)[0]
        let texts = (0..<4).map { n in
            Self.page(
                site: n, date: "Published 2019-03-0\(n)", body: Array(Self.article(30 + n).prefix(3)) + [quote] + Self.article(40 + n))
        }
        let (verdicts, index) = Self.run(texts)
        #expect(verdicts.allSatisfy { $0.repeats == nil })
        for text in texts {
            let signature = DocumentSignature(cleanText: Array(text.utf8))
            #expect(index.boilerplate(in: signature).isEmpty)
        }
    }

    @Test func boilerplateLeavesWithItsSpacingAndTheSpansStillTileTheDocument() {
        let texts = (0..<3).map { Self.page(site: 5, date: "Published 2019-04-0\($0)", body: Self.article(50 + $0)) }
        let (_, index) = Self.run(texts)
        for text in texts {
            let document = Document(text, name: "page")
            let alone = Deduplicator().clean(document)
            let signature = DocumentSignature(cleanText: alone.cleanBytes)
            let cleaned = CrossDocumentCleaning.removingBoilerplate(alone, signature: signature, lines: index.boilerplate(in: signature))
            let clean = cleaned.cleanText
            #expect(clean.hasPrefix("Published 2019-04-0"))
            #expect(clean.hasSuffix(".\n") && !clean.hasSuffix("\n\n"))
            #expect(cleaned.spans.reduce(0) { $0 == $1.start ? $1.end : -1 } == document.bytes.count)
            #expect(cleaned.spans.filter { $0.reason == .boilerplate }.allSatisfy { $0.acrossDocuments?.documents == 3 })
        }
    }

    @Test func aDroppedDocumentIsOneSpanNamingWhatItRepeats() {
        let result = Deduplicator().clean(Document("Some text.\n", name: "b"))
        let dropped = CrossDocumentCleaning.dropped(result, repeating: "a.txt", containedPerMille: 987)
        #expect(dropped.spans.count == 1)
        #expect(dropped.spans[0].reason == .duplicateDocument)
        #expect(dropped.spans[0].acrossDocuments?.document == "a.txt")
        #expect(dropped.spans[0].acrossDocuments?.containedDecimal == "0.987")
        #expect(dropped.cleanBytes.isEmpty)
    }

    /// A digest page of the site's lead paragraphs: every line of it is in the frame of
    /// another article (a lead opens its article), yet it repeats none of them.
    @Test func aPageMadeOfPassagesOtherArticlesHoldIsKept() {
        let articles = (0..<12).map { Self.article(20 + $0, paragraphs: 4) }
        var texts = articles.enumerated().map { Self.page(site: 1, date: "Published 2019-02-\($0 + 10)", body: $1) }
        texts.append(Self.page(site: 1, date: "Today's stories", body: articles.map { $0[0] }))
        let (verdicts, _) = Self.run(texts)
        #expect(verdicts.prefix(12).allSatisfy { $0.repeats == nil })
        #expect(verdicts[12].repeats == nil, "\(String(describing: verdicts[12].repeats))")
        // The same page fetched again is still a repeat.
        let (again, _) = Self.run(texts + [texts[12].replacingOccurrences(of: "Today's stories", with: "Yesterday's stories")])
        #expect(again[13].repeats?.document == 12)
    }

    @Test func aStateGoesOnAsOneRunWouldHave() throws {
        let texts = (0..<6).map { Self.page(site: $0 % 2, date: "Published 2019-05-0\($0)", body: Self.article(60 + $0 % 4)) }
        let (whole, wholeIndex) = Self.run(texts)
        var first = CrossDocumentIndex()
        let a = texts.prefix(3).enumerated().map { first.add(DocumentSignature(cleanText: Array($1.utf8)), name: "doc\($0)") }
        var second = try CrossDocumentIndex(decoding: first.encoded(), options: CrossDocumentOptions())
        let b = texts.suffix(3).enumerated().map { second.add(DocumentSignature(cleanText: Array($1.utf8)), name: "doc\($0 + 3)") }
        second.finish()
        #expect(a + b == whole)
        for text in texts {
            let signature = DocumentSignature(cleanText: Array(text.utf8))
            #expect(second.boilerplate(in: signature).map(\.line) == wholeIndex.boilerplate(in: signature).map(\.line))
        }
    }

    @Test func aDamagedStateIsRefusedNeverTrusted() {
        var index = CrossDocumentIndex()
        for (n, text) in (0..<4).map({ Self.page(site: 1, date: "d\($0)", body: Self.article(70 + $0)) }).enumerated() {
            _ = index.add(DocumentSignature(cleanText: Array(text.utf8)), name: "doc\(n)")
        }
        let state = index.encoded()
        #expect((try? CrossDocumentIndex(decoding: state, options: CrossDocumentOptions())) != nil)
        var other = CrossDocumentOptions()
        other.sampleRate = 32
        #expect(throws: CrossDocumentStateError.otherSettings) { try CrossDocumentIndex(decoding: state, options: other) }
        #expect(throws: CrossDocumentStateError.notAState) { try CrossDocumentIndex(decoding: Array("hello".utf8), options: other) }
        var otherVersion = state
        otherVersion.replaceSubrange(8..<12, with: [1, 0, 0, 0])
        #expect(throws: CrossDocumentStateError.otherVersion(1)) {
            try CrossDocumentIndex(decoding: otherVersion, options: CrossDocumentOptions())
        }
        var random = SplitMix(state: 17)
        for _ in 0..<300 {
            var bytes = state
            if random.below(2) == 0 {
                bytes.removeLast(1 + random.below(bytes.count - 1))
            } else {
                bytes[random.below(bytes.count)] ^= UInt8(1 + random.below(255))
            }
            #expect(throws: CrossDocumentStateError.self) { try CrossDocumentIndex(decoding: bytes, options: CrossDocumentOptions()) }
        }
    }
}
