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
    /// For each document, the earliest document of its group after stage A.
    var rootsA: [Int32] = []
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

    /// An empty index.
    public init(options: CrossDocumentOptions = CrossDocumentOptions()) {
        self.options = options
    }

    /// Documents seen.
    public var count: Int { names.count }

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
        var rootsA: [Int32] = []
        var roots: [Int32] = []

        mutating func note(rootA: Int32, root: Int32, cap: Int) {
            documents += 1
            if rootsA.count < cap && !rootsA.contains(rootA) { rootsA.append(rootA) }
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

    /// How much of a document one earlier document holds.
    private struct Tally {
        var lineUnits = 0
        var lineUnitsB = 0
        var samples = 0
        var samplesB = 0
    }

    /// Adds the next document and decides whether it repeats an earlier one.
    public mutating func add(_ signature: DocumentSignature, name: String) -> Verdict {
        let doc = Int32(names.count)
        names.append(name)
        let cap = options.candidatesPerKey
        let articles = options.boilerplateArticles

        // Earlier documents that hold its lines and samples.
        var tallies: [Int32: Tally] = [:]
        var found: [Int32] = []
        for line in signature.lines {
            lines.documents(line.hash, into: &found)
            for c in found { tallies[c, default: Tally()].lineUnits += Int(line.length) }
        }
        var lineOfSample: [Int32] = []
        lineOfSample.reserveCapacity(signature.samples.count)
        var sampleHits: [(Int32, Int32)] = []  // (candidate, line of the sample)
        for sample in signature.samples {
            samples.documents(sample.hash, into: &found)
            for c in found {
                tallies[c, default: Tally()].samples += 1
                sampleHits.append((c, sample.line))
            }
        }
        let totalUnits = signature.lines.reduce(0) { $0 + Int($1.length) }
        let totalSamples = signature.samples.count
        let equal = signature.length > 0 ? keyHashes[signature.keyHash] : nil

        // Stage A: the whole text.
        var rootA = doc
        if let c = best(
            tallies, equal: equal, threshold: options.wholeContainmentPerMille,
            share: { _, tally in (tally.lineUnits, totalUnits, tally.samples, totalSamples) })?.document
        {
            rootA = rootsA[Int(c)]
        }
        rootsA.append(rootA)

        // Frame lines shared with other articles so far: for each, the one other article
        // whose frames hold it (-1: none; -2: two or more). Compared without its frame, a
        // document leaves such a line out, unless the article is the candidate's own.
        let noOther: Int32 = -1, several: Int32 = -2
        var otherArticle = [Int32](repeating: noOther, count: signature.lines.count)
        for (i, line) in signature.lines.enumerated() where line.inFrame && line.once {
            var others: [Int32] = []
            if let evidence = frameEvidence[line.hash] {
                others = evidence.rootsA.filter { $0 != rootA }
            } else if let first = frameFirst[line.hash], rootsA[Int(first)] != rootA {
                others = [rootsA[Int(first)]]
            }
            otherArticle[i] = others.isEmpty ? noOther : others.count == 1 ? others[0] : several
        }
        var unitsAlways = 0, samplesAlways = 0
        var unitsWith: [Int32: Int] = [:], samplesWith: [Int32: Int] = [:]
        for (i, line) in signature.lines.enumerated() {
            let other = otherArticle[i]
            if other == noOther { unitsAlways += Int(line.length) } else if other >= 0 { unitsWith[other, default: 0] += Int(line.length) }
        }
        for sample in signature.samples {
            let other = otherArticle[Int(sample.line)]
            if other == noOther { samplesAlways += 1 } else if other >= 0 { samplesWith[other, default: 0] += 1 }
        }
        // Stage B: each candidate against the text without those lines.
        for (i, line) in signature.lines.enumerated() where otherArticle[i] != several {
            lines.documents(line.hash, into: &found)
            for c in found where otherArticle[i] == noOther || otherArticle[i] == rootsA[Int(c)] {
                tallies[c, default: Tally()].lineUnitsB += Int(line.length)
            }
        }
        for (c, line) in sampleHits {
            let other = otherArticle[Int(line)]
            if other == noOther || other == rootsA[Int(c)] { tallies[c, default: Tally()].samplesB += 1 }
        }
        var verdict = Verdict(document: Int(doc), repeats: nil)
        var root = doc
        if let match = best(
            tallies, equal: equal, threshold: options.contentContainmentPerMille,
            share: { c, tally in
                let r = self.rootsA[Int(c)]
                return (tally.lineUnitsB, unitsAlways + unitsWith[r, default: 0], tally.samplesB, samplesAlways + samplesWith[r, default: 0])
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
        var noted = Set<UInt64>()
        for line in signature.lines where line.inFrame && line.once && noted.insert(line.hash).inserted {
            if var evidence = frameEvidence[line.hash] {
                evidence.note(rootA: rootA, root: root, cap: articles)
                frameEvidence[line.hash] = evidence
            } else if let first = frameFirst[line.hash] {
                var evidence = FrameEvidence()
                evidence.note(rootA: rootsA[Int(first)], root: roots[Int(first)], cap: articles)
                evidence.note(rootA: rootA, root: root, cap: articles)
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
        _ tallies: [Int32: Tally], equal: Int32?, threshold: Int,
        share: (Int32, Tally) -> (units: Int, totalUnits: Int, samples: Int, totalSamples: Int)
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
            let (units, totalUnits, samples, totalSamples) = share(c, tally)
            let lineShare = totalUnits > 0 ? units * 1000 / totalUnits : 0
            let sampleShare = totalSamples >= 3 ? samples * 1000 / totalSamples : 0
            let perMille = max(lineShare, sampleShare)
            guard perMille >= threshold else { continue }
            // Enough text found there: the matched lines, or the samples' share of the text.
            let matched = max(units, totalSamples > 0 ? samples * totalUnits / totalSamples : 0)
            guard matched >= options.minRepeatedLength else { continue }
            consider(c, min(1000, perMille))
        }
        return best.map { ($0.document, $0.perMille) }
    }

    /// The boilerplate lines of a document added earlier: indices into its signature's
    /// lines, with the number of documents whose frames hold each.
    public func boilerplate(in signature: DocumentSignature) -> [(line: Int, documents: Int)] {
        var out: [(line: Int, documents: Int)] = []
        for (i, line) in signature.lines.enumerated() where line.inFrame && line.once {
            guard let evidence = frameEvidence[line.hash], evidence.roots.count >= options.boilerplateArticles else { continue }
            out.append((i, Int(evidence.documents)))
        }
        return out
    }

    /// The root of document `document`: the earliest document of its group of repeats
    /// (itself when it is kept).
    public func root(of document: Int) -> Int { Int(roots[document]) }
}
