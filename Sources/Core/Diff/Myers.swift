/// A run of equal elements: `a[a ..< a + count] == b[b ..< b + count]`.
struct MatchRun: Equatable, Sendable {
    var a: Int
    var b: Int
    var count: Int
}

/// Myers' O(ND) difference algorithm in linear space (divide and conquer on the middle
/// snake, as GNU diff does), on sequences of 64-bit values.
///
/// Two limits keep it bounded. `tooExpensive`: once a search for the middle snake has
/// spent this many edit steps, it splits at the furthest-reaching diagonal instead (a
/// valid, slightly longer edit script that still matches all it can; never "delete all,
/// insert all"). `workLimit`: once the whole comparison has taken this many steps, it
/// stops and returns nil, so that the caller can change granularity.
enum Myers {
    /// The matched runs of `a` and `b`, in order, merged where they touch.
    static func matches(
        _ a: [UInt64], _ b: [UInt64], tooExpensive: Int = Int.max,
        workLimit: Int = Int.max
    ) -> [MatchRun]? {
        if a.isEmpty || b.isEmpty { return [] }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                var search = Search(a: pa, b: pb, tooExpensive: max(1, tooExpensive), workLimit: workLimit)
                defer { search.deallocate() }
                return search.run()
            }
        }
    }

    /// Merges runs that continue each other; input sorted by `a`.
    static func merged(_ runs: [MatchRun]) -> [MatchRun] {
        var out: [MatchRun] = []
        out.reserveCapacity(runs.count)
        for r in runs where r.count > 0 {
            if let last = out.last, last.a + last.count == r.a, last.b + last.count == r.b {
                out[out.count - 1].count += r.count
            } else {
                out.append(r)
            }
        }
        return out
    }

    private struct Search {
        let a: UnsafeBufferPointer<UInt64>
        let b: UnsafeBufferPointer<UInt64>
        let tooExpensive: Int
        let workLimit: Int
        var work = 0
        /// Furthest x on each diagonal `k = x - y`, stored at `k + offset`.
        let fd: UnsafeMutablePointer<Int>
        let bd: UnsafeMutablePointer<Int>

        init(a: UnsafeBufferPointer<UInt64>, b: UnsafeBufferPointer<UInt64>, tooExpensive: Int, workLimit: Int) {
            self.a = a
            self.b = b
            self.tooExpensive = tooExpensive
            self.workLimit = workLimit
            let size = a.count + b.count + 3
            let fdBase = UnsafeMutablePointer<Int>.allocate(capacity: size)
            let bdBase = UnsafeMutablePointer<Int>.allocate(capacity: size)
            fdBase.initialize(repeating: 0, count: size)
            bdBase.initialize(repeating: 0, count: size)
            self.fd = fdBase + (b.count + 1)
            self.bd = bdBase + (b.count + 1)
        }

        func deallocate() {
            (fd - (b.count + 1)).deallocate()
            (bd - (b.count + 1)).deallocate()
        }

        mutating func run() -> [MatchRun]? {
            var runs: [MatchRun] = []
            var stack: [(Int, Int, Int, Int)] = [(0, a.count, 0, b.count)]
            while let (x0, x1, y0, y1) = stack.popLast() {
                var xoff = x0, xlim = x1, yoff = y0, ylim = y1
                var k = 0
                while xoff + k < xlim && yoff + k < ylim && a[xoff + k] == b[yoff + k] { k += 1 }
                if k > 0 {
                    runs.append(MatchRun(a: xoff, b: yoff, count: k))
                    xoff += k
                    yoff += k
                }
                var s = 0
                while xlim - s > xoff && ylim - s > yoff && a[xlim - s - 1] == b[ylim - s - 1] { s += 1 }
                if s > 0 {
                    runs.append(MatchRun(a: xlim - s, b: ylim - s, count: s))
                    xlim -= s
                    ylim -= s
                }
                work += k + s + 1
                if xoff == xlim || yoff == ylim { continue }
                guard let (xmid, ymid) = diag(xoff, xlim, yoff, ylim) else { return nil }
                let inside = xmid >= xoff && xmid <= xlim && ymid >= yoff && ymid <= ylim
                let corner = (xmid == xoff && ymid == yoff) || (xmid == xlim && ymid == ylim)
                if !inside || corner { continue }  // no progress possible: the box stays unmatched
                stack.append((xmid, xlim, ymid, ylim))
                stack.append((xoff, xmid, yoff, ymid))
            }
            runs.sort { $0.a < $1.a }
            return Myers.merged(runs)
        }

        /// The middle point of an optimal (or, past `tooExpensive`, a good) path through the
        /// box; nil once `workLimit` is spent. Both sides are non-empty and differ at both ends.
        mutating func diag(_ xoff: Int, _ xlim: Int, _ yoff: Int, _ ylim: Int) -> (Int, Int)? {
            let dmin = xoff - ylim, dmax = xlim - yoff
            let fmid = xoff - yoff, bmid = xlim - ylim
            var fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid
            let odd = (fmid - bmid) & 1 != 0
            fd[fmid] = xoff
            bd[bmid] = xlim
            var c = 1
            while true {
                if fmin > dmin {
                    fmin -= 1
                    fd[fmin - 1] = -1
                } else {
                    fmin += 1
                }
                if fmax < dmax {
                    fmax += 1
                    fd[fmax + 1] = -1
                } else {
                    fmax -= 1
                }
                var d = fmax
                while d >= fmin {
                    let tlo = fd[d - 1], thi = fd[d + 1]
                    var x = tlo >= thi ? tlo + 1 : thi
                    var y = x - d
                    let x0 = x
                    while x < xlim && y < ylim && a[x] == b[y] {
                        x += 1
                        y += 1
                    }
                    work += 1 + x - x0
                    fd[d] = x
                    if odd && bmin <= d && d <= bmax && bd[d] <= x { return (x, y) }
                    d -= 2
                }
                if bmin > dmin {
                    bmin -= 1
                    bd[bmin - 1] = Int.max
                } else {
                    bmin += 1
                }
                if bmax < dmax {
                    bmax += 1
                    bd[bmax + 1] = Int.max
                } else {
                    bmax -= 1
                }
                d = bmax
                while d >= bmin {
                    let tlo = bd[d - 1], thi = bd[d + 1]
                    var x = tlo < thi ? tlo : thi - 1
                    var y = x - d
                    let x0 = x
                    while x > xoff && y > yoff && a[x - 1] == b[y - 1] {
                        x -= 1
                        y -= 1
                    }
                    work += 1 + x0 - x
                    bd[d] = x
                    if !odd && fmin <= d && d <= fmax && x <= fd[d] { return (x, y) }
                    d -= 2
                }
                if work > workLimit { return nil }
                if c >= tooExpensive {
                    // Too expensive: split at the diagonal that got furthest, forward or back.
                    var fxybest = -1, fxbest = xoff
                    d = fmax
                    while d >= fmin {
                        var x = min(fd[d], xlim)
                        var y = x - d
                        if ylim < y {
                            x = ylim + d
                            y = ylim
                        }
                        if fxybest < x + y {
                            fxybest = x + y
                            fxbest = x
                        }
                        d -= 2
                    }
                    var bxybest = Int.max, bxbest = xlim
                    d = bmax
                    while d >= bmin {
                        var x = max(xoff, bd[d])
                        var y = x - d
                        if y < yoff {
                            x = yoff + d
                            y = yoff
                        }
                        if x + y < bxybest {
                            bxybest = x + y
                            bxbest = x
                        }
                        d -= 2
                    }
                    if (xlim + ylim) - bxybest < fxybest - (xoff + yoff) {
                        return (fxbest, fxybest - fxbest)
                    }
                    return (bxbest, bxybest - bxbest)
                }
                c += 1
            }
        }
    }
}
