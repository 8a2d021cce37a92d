/// For each key (a hash: its bits are already spread), the earliest documents that hold it,
/// at most `cap` of them, in the order they were added.
///
/// Open addressing with linear probing in flat arrays (key, first document): 8 bytes a slot
/// for samples, 12 for lines. Most keys are held by one document; the further documents of
/// the others go in blocks of three in a pool. The table is split into 64 shards by the
/// key's top bits, each growing by half when it is 85% full, so that growing never holds two
/// copies of more than a sixty-fourth of the table.
struct KeyTable<Key: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable, Equatable {
    /// One shard: keys (0 marks an empty slot; a key of 0 is stored as 1) and first documents.
    struct Shard: Sendable, Equatable {
        var keys: [Key] = [Key](repeating: 0, count: 16)
        var first: [Int32] = [Int32](repeating: -1, count: 16)
        var count = 0
    }

    private(set) var shards = [Shard](repeating: Shard(), count: 64)
    /// For keys held by more than one document, the first block of the others in ``pool``.
    private(set) var more: [Key: Int32] = [:]
    /// Blocks of four: three documents (-1 where unused) and the next block (-1: none).
    private(set) var pool: [Int32] = []
    /// Keys stored.
    private(set) var count = 0
    /// Documents kept per key.
    let cap: Int

    init(cap: Int) {
        self.cap = max(1, cap)
    }

    /// Bytes of storage.
    var bytes: Int {
        shards.reduce(0) { $0 + $1.keys.count * (MemoryLayout<Key>.size + 4) } + more.count * (MemoryLayout<Key>.size + 12)
            + pool.count * 4
    }

    @inline(__always) private static func stored(_ key: Key) -> Key { key == 0 ? 1 : key }

    @inline(__always) private static func mixed(_ key: Key) -> UInt64 {
        UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15
    }

    @inline(__always) private static func shard(of key: Key) -> Int { Int(truncatingIfNeeded: mixed(key) >> 58) }

    @inline(__always) private static func slot(of key: Key, in shard: Shard) -> (index: Int, found: Bool) {
        let size = shard.keys.count
        var i = Int(truncatingIfNeeded: ((mixed(key) >> 26 & 0xFFFF_FFFF) &* UInt64(size)) >> 32)
        while true {
            let k = shard.keys[i]
            if k == key { return (i, true) }
            if k == 0 { return (i, false) }
            i += 1
            if i == size { i = 0 }
        }
    }

    /// The documents holding `key`, earliest first, appended to `out`.
    func appendDocuments(_ key: Key, to out: inout [Int32]) {
        let key = Self.stored(key)
        let shard = shards[Self.shard(of: key)]
        let (i, found) = Self.slot(of: key, in: shard)
        guard found else { return }
        out.append(shard.first[i])
        guard var block = more[key].map(Int.init) else { return }
        while block >= 0 {
            for j in block..<(block + 3) where pool[j] >= 0 { out.append(pool[j]) }
            block = Int(pool[block + 3])
        }
    }

    /// The documents holding `key`, earliest first, into `out` (emptied first).
    func documents(_ key: Key, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        appendDocuments(key, to: &out)
    }

    /// Adds `document` to `key`'s documents, unless it has `cap` already or holds it.
    mutating func add(_ key: Key, _ document: Int32) {
        let key = Self.stored(key)
        let s = Self.shard(of: key)
        if (shards[s].count + 1) * 20 > shards[s].keys.count * 17 { grow(s) }
        let (i, found) = Self.slot(of: key, in: shards[s])
        guard found else {
            shards[s].keys[i] = key
            shards[s].first[i] = document
            shards[s].count += 1
            count += 1
            return
        }
        guard cap > 1, shards[s].first[i] != document else { return }
        var held = 1
        var link = -1  // where the last block's link is; -1: none yet
        var block = more[key].map(Int.init) ?? -1
        while block >= 0 {
            for j in block..<(block + 3) {
                if pool[j] == document { return }
                if pool[j] < 0 {
                    guard held < cap else { return }
                    pool[j] = document
                    return
                }
                held += 1
            }
            link = block + 3
            block = Int(pool[block + 3])
        }
        guard held < cap else { return }
        let new = Int32(pool.count)
        pool.append(contentsOf: [document, -1, -1, -1])
        if link < 0 { more[key] = new } else { pool[link] = new }
    }

    private mutating func grow(_ s: Int) {
        let old = shards[s]
        var shard = Shard()
        let size = old.keys.count + old.keys.count / 2
        shard.keys = [Key](repeating: 0, count: size)
        shard.first = [Int32](repeating: -1, count: size)
        shard.count = old.count
        for i in old.keys.indices where old.keys[i] != 0 {
            let (j, _) = Self.slot(of: old.keys[i], in: shard)
            shard.keys[j] = old.keys[i]
            shard.first[j] = old.first[i]
        }
        shards[s] = shard
    }

    /// Every key with its documents, for saving the table.
    func forEach(_ body: (Key, [Int32]) -> Void) {
        var docs: [Int32] = []
        for shard in shards {
            for i in shard.keys.indices where shard.keys[i] != 0 {
                documents(shard.keys[i], into: &docs)
                body(shard.keys[i], docs)
            }
        }
    }
}
