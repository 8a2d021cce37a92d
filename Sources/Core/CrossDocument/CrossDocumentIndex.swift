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
    var samples: KeyTable<UInt32>
    /// For each line hash, the earliest documents holding it.
    var lines: KeyTable<UInt64>
    /// Documents indexed by their coarse samples only (long ones), by number.
    var coarseOnly: [Bool] = []
    /// For each line hash seen in a frame (once in its document), the evidence that it is
    /// boilerplate: the first such document, and after a second, the full count.
    var frameFirst = KeyTable<UInt32>(cap: 1)
    var frameEvidence: [UInt64: FrameEvidence] = [:]
    /// For each frame line found part of a document's frame proper (reached from an edge
    /// through lines shared with other articles), the documents and articles it was found in.
    var connectedEvidence: [UInt64: FrameEvidence] = [:]
    /// The boilerplate lines, with the number of documents whose frames hold each; made by
    /// ``finish()``.
    public private(set) var boilerplateLines: [UInt64: Int32] = [:]

    /// An empty index.
    public init(options: CrossDocumentOptions = CrossDocumentOptions()) {
        self.options = options
        samples = KeyTable(cap: options.candidatesPerKey)
        frameFirst = KeyTable(cap: 1)
        lines = KeyTable(cap: options.candidatesPerKey)
    }

    /// Documents seen.
    public var count: Int { names.count }

    /// The 32 bits of a line hash that ``frameFirst`` keys it by (a rare collision only
    /// misattributes where a line was first seen).
    @inline(__always) static func fingerprint(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) }

    /// The first document whose frame held the line, when one did.
    func firstFrame(_ hash: UInt64) -> Int32? {
        var found: [Int32] = []
        frameFirst.documents(Self.fingerprint(hash), into: &found)
        return found.first
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

        /// Whether both name the same document and the same repeat.
        public static func == (a: Verdict, b: Verdict) -> Bool {
            a.document == b.document && a.repeats?.document == b.repeats?.document
                && a.repeats?.containedPerMille == b.repeats?.containedPerMille
        }
    }

    /// How much of a document one earlier document holds: matched line units and samples,
    /// and of those the ones whose keys are common (held by as many earlier documents as a
    /// key keeps), for the whole text (A) and without the shared frame lines (B). Samples
    /// are counted twice: all of them (for a candidate indexed by all its samples) and the
    /// coarse ones (for a long candidate, indexed by those only).
    private struct Tally {
        var a = Counts(), b = Counts()
    }

    /// The tallies of a document's candidates, kept in the order of their numbers.
    private struct CandidateTallies {
        let documents: [Int32]
        var tallies: [Tally]

        init(documents: [Int32]) {
            self.documents = documents
            tallies = [Tally](repeating: Tally(), count: documents.count)
        }

        subscript(document: Int32) -> Tally {
            get { tallies[position(document)] }
            set { tallies[position(document)] = newValue }
        }

        private func position(_ document: Int32) -> Int {
            var lo = 0, hi = documents.count - 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if documents[mid] < document { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// Matched (or total) line units and samples, and those with common keys.
    private struct Counts {
        var units = 0, commonUnits = 0
        var samples = 0, commonSamples = 0
        var coarse = 0, commonCoarse = 0

        static func + (x: Counts, y: Counts) -> Counts {
            Counts(
                units: x.units + y.units, commonUnits: x.commonUnits + y.commonUnits, samples: x.samples + y.samples,
                commonSamples: x.commonSamples + y.commonSamples, coarse: x.coarse + y.coarse, commonCoarse: x.commonCoarse + y.commonCoarse
            )
        }

        mutating func addLine(_ units: Int, common: Bool) {
            self.units += units
            if common { commonUnits += units }
        }

        mutating func addSample(coarse isCoarse: Bool, common: Bool) {
            samples += 1
            if common { commonSamples += 1 }
            if isCoarse {
                coarse += 1
                if common { commonCoarse += 1 }
            }
        }
    }

    /// Coarse samples a document must have, left once the common ones are set aside, to be
    /// compared with a long candidate on them.
    static let minimumCoarseSamples = 6

    /// A candidate's share of a document: what it holds over what can be told about it. A
    /// common key the candidate is not listed under says nothing (it may hold it, past the
    /// earliest documents kept), so it counts on neither side. A long candidate is compared
    /// on coarse samples.
    private func share(
        _ matched: Counts, of totals: Counts, coarse: Bool
    )
        -> (units: Int, totalUnits: Int, samples: Int, totalSamples: Int, text: Int)?
    {
        // A long candidate's lines are not indexed: it is compared on samples alone.
        let totalUnits = coarse ? 0 : totals.units - (totals.commonUnits - matched.commonUnits)
        let (samples, all, common, matchedCommon) =
            coarse
            ? (matched.coarse, totals.coarse, totals.commonCoarse, matched.commonCoarse)
            : (matched.samples, totals.samples, totals.commonSamples, matched.commonSamples)
        let totalSamples = all - (common - matchedCommon)
        // Too little can be told when most of the text is common to many documents, or
        // when a long candidate is compared on a handful of coarse samples (they cluster in
        // lines: five of six can fall in one paragraph the two documents share).
        guard (!coarse && totalUnits * 3 >= totals.units) || (all > 0 && totalSamples * 3 >= all) else { return nil }
        guard !coarse || totalSamples >= Self.minimumCoarseSamples else { return nil }
        return (coarse ? 0 : matched.units, totalUnits, samples, totalSamples, coarse ? totals.units : totalUnits)
    }

    /// What the earlier documents hold of a document: for each of its lines and samples, the
    /// earliest documents (at most ``CrossDocumentOptions/candidatesPerKey``) that entered
    /// its key, and the first document whose whole key equals its own. Made from the index's
    /// own tables by ``lookups(for:)``, or by a cluster that grouped the keys itself.
    public struct Lookups: Sendable, Equatable {
        /// The holders of every key, one range each in ``lineRanges`` then ``sampleRanges``.
        public var holders: [Int32] = []
        /// For each line of the signature, its holders' range in ``holders``.
        public var lineRanges: [Range<Int32>] = []
        /// For each sample of the signature, its holders' range in ``holders``.
        public var sampleRanges: [Range<Int32>] = []
        /// The first earlier document whose whole key equals this one's.
        public var equal: Int32?

        /// Lookups of exactly these parts.
        public init(holders: [Int32] = [], lineRanges: [Range<Int32>] = [], sampleRanges: [Range<Int32>] = [], equal: Int32? = nil) {
            self.holders = holders
            self.lineRanges = lineRanges
            self.sampleRanges = sampleRanges
            self.equal = equal
        }

        /// Appends the holders of one more key (a line's, then the samples').
        public mutating func append(line documents: [Int32]) {
            lineRanges.append(Int32(holders.count)..<Int32(holders.count + documents.count))
            holders += documents
        }

        /// Appends the holders of one more sample.
        public mutating func append(sample documents: [Int32]) {
            sampleRanges.append(Int32(holders.count)..<Int32(holders.count + documents.count))
            holders += documents
        }
    }

    /// The lookups of `signature` in this index's tables.
    public func lookups(for signature: DocumentSignature) -> Lookups {
        var out = Lookups()
        out.equal = signature.length > 0 ? keyHashes[signature.keyHash] : nil
        var found: [Int32] = []
        for line in signature.lines {
            lines.documents(line.hash, into: &found)
            out.append(line: found)
        }
        for sample in signature.samples {
            samples.documents(sample.hash, into: &found)
            out.append(sample: found)
        }
        return out
    }

    /// Adds the next document: looks it up in the tables, decides whether it repeats an
    /// earlier one, and enters it in the tables for later documents.
    public mutating func add(_ signature: DocumentSignature, name: String) -> Verdict {
        // A long document is first looked up by its coarse samples alone: when no earlier
        // document holds a good part of them, it repeats none, and the rest is not needed.
        var lookups: Lookups
        if signature.length > options.longDocumentLength, keyHashes[signature.keyHash] == nil, !mayRepeat(signature) {
            lookups = Lookups()
            lookups.holders = []
            lookups.lineRanges = Array(repeating: 0..<0, count: signature.lines.count)
            lookups.sampleRanges = Array(repeating: 0..<0, count: signature.samples.count)
        } else {
            lookups = self.lookups(for: signature)
        }
        let verdict = decide(signature, name: name, lookups: lookups)
        enter(signature, document: Int32(verdict.document))
        return verdict
    }

    /// Whether the document decided last, whose lookups `lookups` are, may repeat an earlier
    /// one: it is short, equal to an earlier one, or an earlier document holds three tenths
    /// of its coarse samples.
    public func mayRepeat(_ signature: DocumentSignature, lookups: Lookups) -> Bool {
        guard lookups.equal == nil, signature.length > options.longDocumentLength else { return true }
        var hits: [(document: Int32, count: Int)] = []
        var coarse = 0
        for (k, sample) in signature.samples.enumerated() where sample.coarse {
            coarse += 1
            let range = lookups.sampleRanges[k]
            for c in lookups.holders[Int(range.lowerBound)..<Int(range.upperBound)] {
                if let i = hits.firstIndex(where: { $0.document == c }) { hits[i].count += 1 } else { hits.append((c, 1)) }
            }
        }
        guard coarse >= 3 else { return true }
        return hits.contains { $0.count * 10 >= coarse * 3 }
    }

    /// Decides about the next document from what the earlier ones hold of it (`lookups`),
    /// and notes the decision and the document's frame evidence; does not enter its keys in
    /// the tables (``enter(_:document:)`` does). Every decision depends on the documents
    /// before it only.
    public mutating func decide(_ signature: DocumentSignature, name: String, lookups: Lookups) -> Verdict {
        let doc = Int32(names.count)
        names.append(name)
        let cap = options.candidatesPerKey
        let equal = lookups.equal
        guard mayRepeat(signature, lookups: lookups) else {
            return record(signature, doc: doc, verdict: Verdict(document: Int(doc), repeats: nil))
        }
        let held = lookups.holders
        let lineHeld = lookups.lineRanges.map { ($0.lowerBound, $0.upperBound) }
        let sampleHeld = lookups.sampleRanges.map { ($0.lowerBound, $0.upperBound) }
        @inline(__always) func holders(_ range: (Int32, Int32)) -> ArraySlice<Int32> { held[Int(range.0)..<Int(range.1)] }
        @inline(__always) func isCommon(_ range: (Int32, Int32)) -> Bool { Int(range.1 - range.0) >= cap }

        // The candidates, in order, each with its tally (found by binary search).
        var candidates = held
        candidates.sort()
        var unique = 0
        for c in candidates where unique == 0 || candidates[unique - 1] != c {
            candidates[unique] = c
            unique += 1
        }
        candidates.removeLast(candidates.count - unique)
        var tallies = CandidateTallies(documents: candidates)
        var whole = Counts()
        for (i, line) in signature.lines.enumerated() {
            let common = isCommon(lineHeld[i])
            whole.addLine(Int(line.length), common: common)
            for c in holders(lineHeld[i]) { tallies[c].a.addLine(Int(line.length), common: common) }
        }
        for (k, sample) in signature.samples.enumerated() {
            let common = isCommon(sampleHeld[k])
            whole.addSample(coarse: sample.coarse, common: common)
            for c in holders(sampleHeld[k]) { tallies[c].a.addSample(coarse: sample.coarse, common: common) }
        }

        // Stage A: the whole text. A document found there belongs to that one's article.
        var ownArticle = doc
        let wholeMatch = best(
            tallies, equal: equal, threshold: options.wholeContainmentPerMille, edited: false,
            share: { c, t in self.share(t.a, of: whole, coarse: self.coarseOnly[Int(c)]) })
        if let c = wholeMatch?.document { ownArticle = roots[Int(c)] }

        // Frame lines shared with other articles so far: for each, the one other article
        // whose frames hold it (-1: none; -2: two or more). Compared without its frame, a
        // document leaves such a line out, unless the article is the candidate's own.
        let noOther: Int32 = -1, several: Int32 = -2
        var otherArticle = [Int32](repeating: noOther, count: signature.lines.count)
        for (i, line) in signature.lines.enumerated() where line.inFrame && line.once {
            var others: [Int32] = []
            if let evidence = frameEvidence[line.hash] {
                others = evidence.roots.filter { $0 != ownArticle }
            } else if let first = firstFrame(line.hash), roots[Int(first)] != ownArticle {
                others = [roots[Int(first)]]
            }
            otherArticle[i] = others.isEmpty ? noOther : others.count == 1 ? others[0] : several
        }
        // Only the frame proper is left out: lines reached from the top or the bottom through
        // such lines (short gaps allowed), as a site's template is. A paragraph of the body
        // that other articles happen to hold in their frames stays in: a page made of passages
        // each quoted somewhere else is not compared on what little is left.
        var inConnectedFrame = [Bool](repeating: false, count: signature.lines.count)
        for i in Self.connectedLines(signature.lines, candidates: otherArticle.map { $0 != noOther }, options: options) {
            inConnectedFrame[i] = true
        }
        for i in otherArticle.indices where !inConnectedFrame[i] { otherArticle[i] = noOther }
        // Totals without those lines: always counted, and counted for one other article.
        var always = Counts()
        var with: [Int32: Counts] = [:]
        for (i, line) in signature.lines.enumerated() {
            let other = otherArticle[i], common = isCommon(lineHeld[i])
            if other == noOther {
                always.addLine(Int(line.length), common: common)
            } else if other >= 0 {
                with[other, default: Counts()].addLine(Int(line.length), common: common)
            }
        }
        for (k, sample) in signature.samples.enumerated() {
            let other = otherArticle[Int(sample.line)], common = isCommon(sampleHeld[k])
            if other == noOther {
                always.addSample(coarse: sample.coarse, common: common)
            } else if other >= 0 {
                with[other, default: Counts()].addSample(coarse: sample.coarse, common: common)
            }
        }
        // Stage B: each candidate against the text without those lines.
        for (i, line) in signature.lines.enumerated() where otherArticle[i] != several {
            let common = isCommon(lineHeld[i])
            for c in holders(lineHeld[i]) where otherArticle[i] == noOther || otherArticle[i] == roots[Int(c)] {
                tallies[c].b.addLine(Int(line.length), common: common)
            }
        }
        for (k, sample) in signature.samples.enumerated() {
            let other = otherArticle[Int(sample.line)]
            guard other != several else { continue }
            let common = isCommon(sampleHeld[k])
            for c in holders(sampleHeld[k]) where other == noOther || other == roots[Int(c)] {
                tallies[c].b.addSample(coarse: sample.coarse, common: common)
            }
        }
        var verdict = Verdict(document: Int(doc), repeats: nil)
        if let match = best(
            tallies, equal: equal, threshold: options.contentContainmentPerMille, edited: true,
            wholeShare: { c, t in
                guard let s = self.share(t.a, of: whole, coarse: self.coarseOnly[Int(c)]) else { return 0 }
                return max(
                    s.totalUnits > 0 ? s.units * 1000 / s.totalUnits : 0, s.totalSamples >= 3 ? s.samples * 1000 / s.totalSamples : 0)
            },
            share: { c, t in
                let compared = always + (with[self.roots[Int(c)]] ?? Counts())
                let coarse = self.coarseOnly[Int(c)]
                // Too little can be told when most of the text is left out as frame (a page
                // made of passages other articles hold at their tops and bottoms).
                guard coarse ? compared.coarse * 3 >= whole.coarse : compared.units * 3 >= whole.units else { return nil }
                return self.share(t.b, of: compared, coarse: coarse)
            })
        {
            verdict.repeats = (Int(match.document), match.perMille)
        } else if let match = wholeMatch {
            // Found whole, though too little is left without the frame to tell by that.
            verdict.repeats = (Int(match.document), match.perMille)
        }
        return record(signature, doc: doc, verdict: verdict)
    }

    /// Whether an earlier document holds three tenths of a long document's coarse samples,
    /// looked up in the tables: only then can it repeat one.
    private func mayRepeat(_ signature: DocumentSignature) -> Bool {
        var lookups = Lookups()
        var found: [Int32] = []
        lookups.lineRanges = Array(repeating: 0..<0, count: signature.lines.count)
        for sample in signature.samples {
            if sample.coarse { samples.documents(sample.hash, into: &found) } else { found.removeAll() }
            lookups.append(sample: found)
        }
        return mayRepeat(signature, lookups: lookups)
    }

    /// Enters document `document`'s keys in the tables for later documents to look up: a
    /// long document by its coarse samples, a short one by all its samples and its lines.
    public mutating func enter(_ signature: DocumentSignature, document: Int32) {
        let coarse = signature.length > options.longDocumentLength
        if signature.length > 0 && keyHashes[signature.keyHash] == nil { keyHashes[signature.keyHash] = document }
        if !coarse { for line in signature.lines { lines.add(line.hash, document) } }
        for sample in signature.samples where sample.coarse || !coarse { samples.add(sample.hash, document) }
    }

    /// Notes what was decided about document `doc`: its root, and the evidence of its frame
    /// lines.
    private mutating func record(_ signature: DocumentSignature, doc: Int32, verdict: Verdict) -> Verdict {
        let articles = options.boilerplateArticles
        let root = verdict.repeats.map { roots[$0.document] } ?? doc
        roots.append(root)

        coarseOnly.append(signature.length > options.longDocumentLength)
        // Which of its frame lines are part of its frame proper, with what is known so far:
        // reached from an edge through lines shared with other articles (short gaps allowed).
        let shared = signature.lines.indices.map { i -> Bool in
            let line = signature.lines[i]
            guard line.inFrame && line.once else { return false }
            if let evidence = frameEvidence[line.hash] { return evidence.roots.contains { $0 != root } }
            if let first = firstFrame(line.hash) { return roots[Int(first)] != root }
            return false
        }
        let framed = Self.connectedLines(signature.lines, candidates: shared, options: options)
        // Only lines that occur once in the document are candidates, so each hash comes once
        // below. Evidence is noted in place (`?.note`: one lookup, and its roots are not
        // copied to be appended to).
        for i in framed {
            let hash = signature.lines[i].hash
            if connectedEvidence[hash]?.note(root: root, cap: articles) == nil {
                // The first article to hold the line could not tell it was shared: count it
                // now, as its frame held the line too.
                var evidence = FrameEvidence()
                let earlier = frameEvidence[hash]?.roots.first ?? firstFrame(hash).map { roots[Int($0)] }
                if let earlier { evidence.note(root: earlier, cap: articles) }
                evidence.note(root: root, cap: articles)
                connectedEvidence[hash] = evidence
            }
        }
        for line in signature.lines where line.inFrame && line.once {
            if frameEvidence[line.hash]?.note(root: root, cap: articles) != nil {
                continue
            } else if let first = firstFrame(line.hash) {
                var evidence = FrameEvidence()
                evidence.note(root: roots[Int(first)], cap: articles)
                evidence.note(root: root, cap: articles)
                frameEvidence[line.hash] = evidence
            } else {
                frameFirst.add(Self.fingerprint(line.hash), doc)
            }
        }
        return verdict
    }

    /// The earlier document holding the largest share of this one, when that share reaches
    /// `threshold` thousandths and enough text: the kept one among several that do. `share`
    /// gives a candidate's matched and total line units and samples.
    private func best(
        _ tallies: CandidateTallies, equal: Int32?, threshold: Int, edited: Bool, wholeShare: (Int32, Tally) -> Int = { _, _ in 0 },
        share: (Int32, Tally) -> (units: Int, totalUnits: Int, samples: Int, totalSamples: Int, text: Int)?
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
        for (c, tally) in zip(tallies.documents, tallies.tallies) {
            guard let (units, totalUnits, samples, totalSamples, text) = share(c, tally) else { continue }
            let lineShare = totalUnits > 0 ? units * 1000 / totalUnits : 0
            let sampleShare = totalSamples >= 3 ? samples * 1000 / totalSamples : 0
            let perMille = max(lineShare, sampleShare)
            // Enough text found there: the matched lines, or the samples' share of the text.
            let matched = max(units, totalSamples > 0 ? samples * text / totalSamples : 0)
            guard matched >= options.minRepeatedLength else { continue }
            let lightlyEdited =
                edited && perMille >= options.editedContainmentPerMille && text - matched <= options.maxEditedLength
                && wholeShare(c, tally) >= options.editedWholeContainmentPerMille
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
        boilerplateLines = [:]
        for (hash, evidence) in connectedEvidence where evidence.roots.count >= options.boilerplateArticles {
            boilerplateLines[hash] = evidence.documents
        }
    }

    /// The lines reached from the top (walking down) or the bottom (walking up) through
    /// candidate lines, with gaps of other lines within the limits of the options.
    private static func connectedLines(
        _ lines: [DocumentSignature.Line], candidates: [Bool], options: CrossDocumentOptions
    ) -> [Int] {
        var taken = [Bool](repeating: false, count: lines.count)
        for order in [Array(lines.indices), Array(lines.indices.reversed())] {
            var gapLines = 0, gapLength = 0
            for i in order {
                if candidates[i] {
                    taken[i] = true
                    gapLines = 0
                    gapLength = 0
                    continue
                }
                gapLines += 1
                gapLength += Int(lines[i].length)
                if gapLines > options.frameGapLines || gapLength > options.frameGapLength { break }
            }
        }
        return lines.indices.filter { taken[$0] }
    }

    /// The boilerplate lines of a document added earlier (after ``finish()``): indices into
    /// its signature's lines, in order, with the number of documents whose frames hold each.
    public func boilerplate(in signature: DocumentSignature) -> [(line: Int, documents: Int)] {
        Self.boilerplate(in: signature, lines: boilerplateLines, options: options)
    }

    /// The boilerplate lines of `signature`, given the boilerplate line hashes of a batch
    /// (``boilerplateLines``, as ``finish()`` found them): indices into its lines, in order,
    /// with the number of documents whose frames hold each.
    public static func boilerplate(
        in signature: DocumentSignature, lines boilerplate: [UInt64: Int32], options: CrossDocumentOptions
    ) -> [(line: Int, documents: Int)] {
        let lines = signature.lines
        let candidates = lines.map { $0.inFrame && $0.once && boilerplate[$0.hash] != nil }
        return connectedLines(lines, candidates: candidates, options: options).map { ($0, Int(boilerplate[lines[$0].hash] ?? 0)) }
    }

    /// The root of document `document`: the earliest document of its group of repeats
    /// (itself when it is kept).
    public func root(of document: Int) -> Int { Int(roots[document]) }
}
