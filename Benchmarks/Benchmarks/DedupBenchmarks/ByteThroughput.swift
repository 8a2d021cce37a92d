import Benchmark

extension BenchmarkMetric {
    /// Input bytes processed per second, measured around the work of each iteration. Shown in
    /// the results table in units of a million (`(M)`): MB/s.
    static let inputBytesPerSecond = BenchmarkMetric.custom("Input bytes/s", polarity: .prefersLarger, useScalingFactor: false)
}

extension Benchmark.Configuration {
    /// The metrics and limits every dedup benchmark uses: time, MB/s, mallocs (count and bytes)
    /// and peak resident memory, over `seconds` of iterations (at most 10,000) after one warm-up.
    static func dedup(seconds: Int64 = 1) -> Benchmark.Configuration {
        .init(
            metrics: [
                .wallClock, .inputBytesPerSecond, .throughput,
                .mallocCountTotal, .mallocBytesCount, .peakMemoryResident, .peakMemoryResidentDelta,
            ],
            timeUnits: .microseconds,
            // Fixed units, so that figures of different benchmarks read alike.
            units: [
                .inputBytesPerSecond: .mega, .mallocCountTotal: .count, .mallocBytesCount: .kilo,
                .peakMemoryResident: .mega, .peakMemoryResidentDelta: .kilo,
            ],
            warmupIterations: 1,
            maxDuration: .seconds(seconds),
            maxIterations: 10_000
        )
    }
}

extension Benchmark {
    /// Runs `work` once as this iteration's measured work and records `bytes` divided by the
    /// time it took as ``BenchmarkMetric/inputBytesPerSecond``. An error thrown by `work`
    /// fails the benchmark.
    func measure(bytes: Int, _ work: () throws -> Void) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try work()
        } catch {
            self.error("\(name): \(error)")
            return
        }
        let elapsed = start.duration(to: clock.now)
        stopMeasurement()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if seconds > 0 {
            measurement(.inputBytesPerSecond, Int((Double(bytes) / seconds).rounded()))
        }
    }
}
