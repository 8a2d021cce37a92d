internal import DedupSystem

/// Seconds on the monotonic clock, for durations and deadlines (it does not jump with the date).
package enum MonotonicClock {
    /// Seconds since an arbitrary start.
    package static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
