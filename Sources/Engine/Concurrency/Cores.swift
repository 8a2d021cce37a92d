internal import DedupSystem

/// The processor cores a run may use.
public enum Cores {
    /// The cores this process may run on (its CPU affinity, as `nproc` counts them).
    public static var available: Int {
        #if os(Linux)
        // sched_getaffinity(2), looked up at run time: the C library declares it only for GNU sources.
        typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
        if let symbol = dlsym(nil, "sched_getaffinity") {
            let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
            var mask = [UInt64](repeating: 0, count: 16)  // 1,024 CPUs
            let status = mask.withUnsafeMutableBytes { bytes in bytes.baseAddress.map { getAffinity(0, bytes.count, $0) } ?? -1 }
            let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
            if status == 0 && count > 0 { return count }
        }
        #endif
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
