/// What cross-document cleaning knows of the documents seen so far, and the decisions it
/// makes as each new one arrives: whether it repeats an earlier document, and which lines of
/// the documents' frames are boilerplate.
///
/// Documents are added in input order (``add(_:name:)``); every decision about a document
/// depends only on the documents before it and itself, so a batch cleaned in two runs that
/// share the index (``CrossDocumentState``) drops the same documents as one run. Boilerplate
/// is decided once all documents are in (``boilerplate(in:)``), from every document seen.
///
/// A document repeats an earlier one when most of its text is found there: samples of its
/// text (winnowed shingles of the comparison key, blind to spacing and wrapping) and its
/// lines are looked up among the earliest ``CrossDocumentOptions/candidatesPerKey``
/// documents holding each, and the share found is its containment in each of those. It is
/// checked twice: on the whole text (stage A, a high bar), then without the frame lines that
/// have so far been in the frames of different articles (stage B), so that a copy under
/// another site's template, or cut short with a "read more" line, is found. Articles are
/// told apart by their roots: the earliest document of each group of repeats.
///
/// Memory is the samples and line hashes of every document, not their texts.
public struct CrossDocumentIndex: Sendable {
    /// The thresholds.
    public let options: CrossDocumentOptions
    /// Every document's name (path or record id), in input order.
    public internal(set) var names: [String] = []
    /// For each document, the earliest document of its group: itself when it is kept.
    var roots: [Int32] = []
    /// Documents by the hash of their whole key (the first one of each).
    var keyHashes: [UInt64: Int32] = [:]
    /// For each sample hash, the earliest documents holding it.
    var samples = KeyDocuments<UInt32>()
    /// For each line hash, the earliest documents holding it.
    var lines = KeyDocuments<UInt64>()
    /// For each line hash seen in a frame (once in its document), the evidence that it is
    /// boilerplate: the first such document, and after a second, the full count.
    var frameFirst: [UInt64: Int32] = [:]
    var frameEvidence: [UInt64: FrameEvidence] = [:]
    /// Every document's frame lines, top and bottom, for deciding boilerplate once all
    /// documents are in: `frames[frameStarts[d]..<frameStarts[d + 1]]`.
    var frames: [FrameLine] = []
    var frameStarts: [Int32] = [0]
    /// The boilerplate lines, with the number of documents whose frames hold each; made by
    /// ``finish()``.
    var boilerplateLines: [UInt64: Int32] = [:]

    /// A line of a document's frame, as kept for ``finish()``.
    struct FrameLine: Sendable, Equatable {
        var hash: UInt64
        var length: Int32
        /// Whether it occurs once in its document (only such lines can be boilerplate).
        var once: Bool
        /// Whether it is the first line of the bottom part of the frame (the walk from the
        /// bottom starts at the last line and stops here).
        var bottomStart: Bool
    }

    /// An empty index.
    public init(options: CrossDocumentOptions = CrossDocumentOptions()) {
        self.options = options
    }

    /// Documents seen.
    public var count: Int { names.count }
    nonisolated(unsafe) public static var debug = false

    /// The documents of a key, earliest first, at most ``CrossDocumentOptions/candidatesPerKey``.
    struct KeyDocuments<Key: Hashable & Sendable>: Sendable {
        var first: [Key: Int32] = [:]
        var more: [Key: [Int32]] = [:]

        func documents(_ key: Key, into out: inout [Int32]) {
            out.removeAll(keepingCapacity: true)
            guard let d = first[key] else { return }
            out.append(d)
            if let rest = more[key] { out += rest }
        }

        mutating func add(_ key: Key, _ doc: Int32, cap: Int) {
            guard let d = first[key] else {
                first[key] = doc
                return
            }
            guard d != doc else { return }
            var rest = more[key] ?? []
            guard rest.count + 1 < cap, rest.last != doc else { return }
            rest.append(doc)
            more[key] = rest
        }
    }

    /// How a frame line has recurred: in how many documents' frames, and the distinct roots
    /// of those documents (up to the number that makes it boilerplate).
    struct FrameEvidence: Sendable, Equatable {
        var documents: Int32 = 0
        var roots: [Int32] = []

        mutating func note(root: Int32, cap: Int) {
            documents += 1
            if roots.count < cap && !roots.contains(root) { roots.append(root) }
        }
    }

    /// What was decided about a document when it was added.
    public struct Verdict: Sendable, Equatable {
        /// The document's number in input order (0 for the first one ever added).
        public var document: Int
        /// The earlier document it repeats and how much of it is found there; nil when it is
        /// kept.
        public var repeats: (document: Int, containedPerMille: Int)?

        public static func == (a: Verdict, b: Verdict) -> Bool {
            a.document == b.document && a.repeats?.document == b.repeats?.document
                && a.repeats?.containedPerMille == b.repeats?.containedPerMille
        }
    }

    /// How much of a document one earlier document holds: matched line units and samples,
    /// and of those the ones whose keys are common (held by as many earlier documents as a
    /// key keeps), for the whole text (A) and without the shared frame lines (B).
    private struct Tally {
        var units = 0, samples = 0, commonUnits = 0, commonSamples = 0
        var unitsB = 0, samplesB = 0, commonUnitsB = 0, commonSamplesB = 0
    }

    /// Sums of line units and samples of a document: all, and those with common keys.
    private struct Totals {
        var units = 0, samples = 0, commonUnits = 0, commonSamples = 0

        static func + (a: Totals, b: Totals) -> Totals {
            Totals(
                units: a.units + b.units, samples: a.samples + b.samples, commonUnits: a.commonUnits + b.commonUnits,
                commonSamples: a.commonSamples + b.commonSamples)
        }
    }

    /// A candidate's share of a document: what it holds over what can be told. A common key
    /// the candidate is not listed under says nothing about it (it may hold it, past the
    /// earliest documents kept), so it counts on neither side.
    private func share(_ matched: (units: Int, samples: Int, commonUnits: Int, commonSamples: Int), of totals: Totals)
        -> (units: Int, totalUnits: Int, samples: Int, totalSamples: Int)?
    {
        let totalUnits = totals.units - (totals.commonUnits - matched.commonUnits)
        let totalSamples = totals.samples - (totals.commonSamples - matched.commonSamples)
        // Too little can be told when most of the text is common to many documents.
        guard totalUnits * 3 >= totals.units || (totals.samples > 0 && totalSamples * 3 >= totals.samples) else { return nil }
        return (matched.units, totalUnits, matched.samples, totalSamples)
    }

    /// Adds the next document and decides whether it repeats an earlier one.
    public mutating func add(_ signature: DocumentSignature, name: String) -> Verdict {
        let doc = Int32(names.count)
        names.append(name)
        let cap = options.candidatesPerKey
        let articles = options.boilerplateArticles

        // Earlier documents that hold its lines and samples.
        var lineDocuments: [[Int32]] = []
        lineDocuments.reserveCapacity(signature.lines.count)
        var sampleDocuments: [[Int32]] = []
        sampleDocuments.reserveCapacity(signature.samples.count)
        var found: [Int32] = []
        var tallies: [Int32: Tally] = [:]
        var whole = Totals()
        for line in signature.lines {
            lines.documents(line.hash, into: &found)
            lineDocuments.append(found)
            let common = found.count >= cap
            whole.units += Int(line.length)
            if common { whole.commonUnits += Int(line.length) }
            for c in found {
                tallies[c, default: Tally()].units += Int(line.length)
                if common { tallies[c, default: Tally()].commonUnits += Int(line.length) }
            }
        }
        for sample in signature.samples {
            samples.documents(sample.hash, into: &found)
            sampleDocuments.append(found)
            let common = found.count >= cap
            whole.samples += 1
            if common { whole.commonSamples += 1 }
            for c in found {
                tallies[c, default: Tally()].samples += 1
                if common { tallies[c, default: Tally()].commonSamples += 1 }
            }
        }
        let equal = signature.length > 0 ? keyHashes[signature.keyHash] : nil

        // Stage A: the whole text. A document found there belongs to that one's article.
        var ownArticle = doc
        if let c = best(
            tallies, equal: equal, threshold: options.wholeContainmentPerMille, edited: false,
            share: { _, t in self.share((t.units, t.samples, t.commonUnits, t.commonSamples), of: whole) })?.document
        {
            ownArticle = roots[Int(c)]
        }

        // Frame lines shared with other articles so far: for each, the one other article
        // whose frames hold it (-1: none; -2: two or more). Compared without its frame, a
        // document leaves such a line out, unless the article is the candidate's own.
        let noOther: Int32 = -1, several: Int32 = -2
        var otherArticle = [Int32](repeating: noOther, count: signature.lines.count)
        for (i, line) in signature.lines.enumerated() where line.inFrame && line.once {
            var others: [Int32] = []
            if let evidence = frameEvidence[line.hash] {
                others = evidence.roots.filter { $0 != ownArticle }
            } else if let first = frameFirst[line.hash], roots[Int(first)] != ownArticle {
                others = [roots[Int(first)]]
            }
            otherArticle[i] = others.isEmpty ? noOther : others.count == 1 ? others[0] : several
        }
        // Totals without those lines: always counted, and counted for one other article.
        var always = Totals()
        var with: [Int32: Totals] = [:]
        func count(_ other: Int32, units: Int, samples: Int, common: Bool) {
            let t = Totals(units: units, samples: samples, commonUnits: common ? units : 0, commonSamples: common ? samples : 0)
            if other == noOther { always = always + t } else if other >= 0 { with[other] = (with[other] ?? Totals()) + t }
        }
        for (i, line) in signature.lines.enumerated() {
            count(otherArticle[i], units: Int(line.length), samples: 0, common: lineDocuments[i].count >= cap)
        }
        for (k, sample) in signature.samples.enumerated() {
            count(otherArticle[Int(sample.line)], units: 0, samples: 1, common: sampleDocuments[k].count >= cap)
        }
        // Stage B: each candidate against the text without those lines.
        for (i, line) in signature.lines.enumerated() where otherArticle[i] != several {
            let common = lineDocuments[i].count >= cap
            for c in lineDocuments[i] where otherArticle[i] == noOther || otherArticle[i] == roots[Int(c)] {
                tallies[c, default: Tally()].unitsB += Int(line.length)
                if common { tallies[c, default: Tally()].commonUnitsB += Int(line.length) }
            }
        }
        for (k, sample) in signature.samples.enumerated() {
            let other = otherArticle[Int(sample.line)]
            guard other != several else { continue }
            let common = sampleDocuments[k].count >= cap
            for c in sampleDocuments[k] where other == noOther || other == roots[Int(c)] {
                tallies[c, default: Tally()].samplesB += 1
                if common { tallies[c, default: Tally()].commonSamplesB += 1 }
            }
        }
        var verdict = Verdict(document: Int(doc), repeats: nil)
        var root = doc
        if let match = best(
            tallies, equal: equal, threshold: options.contentContainmentPerMille, edited: true,
            wholeShare: { t in
                guard let s = self.share((t.units, t.samples, t.commonUnits, t.commonSamples), of: whole) else { return 0 }
                return max(s.totalUnits > 0 ? s.units * 1000 / s.totalUnits : 0, s.totalSamples >= 3 ? s.samples * 1000 / s.totalSamples : 0)
            },
            share: { c, t in
                self.share((t.unitsB, t.samplesB, t.commonUnitsB, t.commonSamplesB), of: always + (with[self.roots[Int(c)]] ?? Totals()))
            })
        {
            verdict.repeats = (Int(match.document), match.perMille)
            root = roots[Int(match.document)]
        }
        roots.append(root)

        // What later documents will look up.
        if equal == nil && signature.length > 0 { keyHashes[signature.keyHash] = doc }
        for line in signature.lines { lines.add(line.hash, doc, cap: cap) }
        for sample in signature.samples { samples.add(sample.hash, doc, cap: cap) }
        let frame = options.frameLines
        for (i, line) in signature.lines.enumerated() where line.inFrame {
            let bottomStart = signature.lines.count > 2 * frame ? i == signature.lines.count - frame : false
            frames.append(FrameLine(hash: line.hash, length: line.length, once: line.once, bottomStart: bottomStart))
        }
        frameStarts.append(Int32(frames.count))
        var noted = Set<UInt64>()
        for line in signature.lines where line.inFrame && line.once && noted.insert(line.hash).inserted {
            if var evidence = frameEvidence[line.hash] {
                evidence.note(root: root, cap: articles)
                frameEvidence[line.hash] = evidence
            } else if let first = frameFirst[line.hash] {
                var evidence = FrameEvidence()
                evidence.note(root: roots[Int(first)], cap: articles)
                evidence.note(root: root, cap: articles)
                frameEvidence[line.hash] = evidence
                frameFirst[line.hash] = nil
            } else {
                frameFirst[line.hash] = doc
            }
        }
        return verdict
    }

    /// The earlier document holding the largest share of this one, when that share reaches
    /// `threshold` thousandths and enough text: the kept one among several that do. `share`
    /// gives a candidate's matched and total line units and samples.
    private func best(
        _ tallies: [Int32: Tally], equal: Int32?, threshold: Int, edited: Bool, wholeShare: (Tally) -> Int = { _ in 0 },
        share: (Int32, Tally) -> (units: Int, totalUnits: Int, samples: Int, totalSamples: Int)?
    ) -> (document: Int32, perMille: Int)? {
        var best: (document: Int32, perMille: Int, kept: Bool)?
        func consider(_ c: Int32, _ perMille: Int) {
            let kept = roots[Int(c)] == c
            if let b = best {
                if (kept && !b.kept) || (kept == b.kept && (perMille > b.perMille || (perMille == b.perMille && c < b.document))) {
                    best = (c, perMille, kept)
                }
            } else {
                best = (c, perMille, kept)
            }
        }
        if let equal { consider(equal, 1000) }
        for (c, tally) in tallies {
            guard let (units, totalUnits, samples, totalSamples) = share(c, tally) else { continue }
            let lineShare = totalUnits > 0 ? units * 1000 / totalUnits : 0
            let sampleShare = totalSamples >= 3 ? samples * 1000 / totalSamples : 0
            let perMille = max(lineShare, sampleShare)
            if CrossDocumentIndex.debug && perMille > 300 { print("DEBUG doc \(names.count - 1) cand \(c) thr \(threshold) line \(units)/\(totalUnits) samples \(samples)/\(totalSamples)") }
            // Enough text found there: the matched lines, or the samples' share of the text.
            let matched = max(units, totalSamples > 0 ? samples * totalUnits / totalSamples : 0)
            guard matched >= options.minRepeatedLength else { continue }
            let lightlyEdited =
                edited && perMille >= options.editedContainmentPerMille && totalUnits - matched <= options.maxEditedLength
                && wholeShare(tally) >= options.editedWholeContainmentPerMille
            guard perMille >= threshold || lightlyEdited else { continue }
            consider(c, min(1000, perMille))
        }
        return best.map { ($0.document, $0.perMille) }
    }

    /// Decides which frame lines are boilerplate, from every document added: a line in the
    /// frames of documents of enough different articles that, in documents of enough
    /// different articles, is part of the frame proper: reached from the document's top or
    /// bottom through such lines, with only short gaps between them. (A paragraph that
    /// several articles quote is in their frames only where it sits near an edge.) Call it
    /// once all documents are in, before ``boilerplate(in:)``.
    public mutating func finish() {
        let articles = options.boilerplateArticles
        let candidates = frameEvidence.filter { $0.value.roots.count >= articles }
        var connected: [UInt64: FrameEvidence] = [:]
        for d in 0..<count {
            let frame = frames[Int(frameStarts[d])..<Int(frameStarts[d + 1])]
            let lines = frame.map { ($0.hash, Int($0.length), $0.once && candidates[$0.hash] != nil) }
            let bottom = frame.firstIndex(where: \.bottomStart).map { $0 - frame.startIndex } ?? 0
            for i in connectedLines(lines, bottomFrom: bottom) where frame[frame.startIndex + i].once {
                connected[lines[i].0, default: FrameEvidence()].note(root: roots[d], cap: articles)
            }
        }
        boilerplateLines = [:]
        for (hash, evidence) in connected where evidence.roots.count >= articles {
            boilerplateLines[hash] = evidence.documents
        }
    }

    /// The lines reached from the top (walking down) or the bottom (walking up from the
    /// last line to `bottomFrom`) through candidate lines, with gaps of other lines within
    /// the limits of the options. `lines` are (hash, length, candidate).
    private func connectedLines(_ lines: [(UInt64, Int, Bool)], bottomFrom: Int) -> [Int] {
        var taken = [Bool](repeating: false, count: lines.count)
        let topEnd = bottomFrom > 0 ? bottomFrom : lines.count
        for order in [Array(lines.indices[..<topEnd]), Array(lines.indices[bottomFrom...].reversed())] {
            var gapLines = 0, gapLength = 0
            for i in order {
                if lines[i].2 {
                    taken[i] = true
                    gapLines = 0
                    gapLength = 0
                    continue
                }
                gapLines += 1
                gapLength += lines[i].1
                if gapLines > options.frameGapLines || gapLength > options.frameGapLength { break }
            }
        }
        return lines.indices.filter { taken[$0] }
    }

    /// The boilerplate lines of a document added earlier (after ``finish()``): indices into
    /// its signature's lines, in order, with the number of documents whose frames hold each.
    public func boilerplate(in signature: DocumentSignature) -> [(line: Int, documents: Int)] {
        let lines = signature.lines.map { ($0.hash, Int($0.length), $0.inFrame && $0.once && boilerplateLines[$0.hash] != nil) }
        return connectedLines(lines, bottomFrom: 0).map { ($0, Int(boilerplateLines[lines[$0].0] ?? 0)) }
    }

    /// The root of document `document`: the earliest document of its group of repeats
    /// (itself when it is kept).
    public func root(of document: Int) -> Int { Int(roots[document]) }
}
