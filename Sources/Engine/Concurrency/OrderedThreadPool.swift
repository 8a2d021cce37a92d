/// Threads that run submitted work and hand the results back in submission order.
///
/// The owner submits work with ``submit(_:)`` and takes results with ``next(timeout:)``,
/// oldest first, on its own thread: what it writes and reports never depends on the number
/// of threads or on which work finished first. The owner bounds memory by how far it lets
/// submissions run ahead of the results it has taken (``pending``).
///
/// The threads are POSIX threads started by ``init(threads:)`` on the calling thread, so
/// they inherit its signal mask; they end when ``shutdown()`` is called (the owner calls it
/// when done: the threads keep the pool alive until then).
package final class OrderedThreadPool<Result: Sendable>: @unchecked Sendable {
    // All state below is guarded by `condition`.
    private let condition = ConditionLock()
    /// Work not yet started from `queueStart` on; taken entries are cleared at once, so that
    /// what they hold (a batch of records, say) is freed while they run.
    private var queue: [(index: Int, work: @Sendable () -> Result)?] = []
    private var queueStart = 0
    private var results: [Int: Result] = [:]
    private var submitted = 0
    private var taken = 0
    private var closed = false

    /// Whether work runs on the submitting thread, in ``submit(_:)``.
    private let runsInline: Bool

    /// Starts `threads` worker threads; with none, each submitted work runs at once on the
    /// submitting thread (no hand-over between threads, for a run that has nothing to overlap).
    package init(threads: Int) {
        runsInline = threads <= 0
        for _ in 0..<max(0, threads) {
            PosixThread.start(stackSize: 8 << 20) { [self] in work() }
        }
    }

    /// Work submitted whose result has not been taken yet.
    package var pending: Int {
        condition.lock()
        defer { condition.unlock() }
        return submitted - taken
    }

    /// Queues `work`; its result comes out of ``next(timeout:)`` after every earlier one.
    package func submit(_ work: @escaping @Sendable () -> Result) {
        if runsInline {
            let result = work()
            condition.lock()
            results[submitted] = result
            submitted += 1
            condition.unlock()
            return
        }
        condition.lock()
        queue.append((submitted, work))
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// The result of the oldest work not yet taken, waiting for it to finish; nil when
    /// nothing is pending, or when `timeout` seconds pass first (the result then stays).
    package func next(timeout: Double? = nil) -> Result? {
        condition.lock()
        defer { condition.unlock() }
        guard taken < submitted else { return nil }
        let deadline = timeout.map { MonotonicClock.seconds() + $0 }
        while results[taken] == nil {
            if let deadline {
                if !condition.wait(until: deadline) && results[taken] == nil { return nil }
            } else {
                condition.wait()
            }
        }
        let result = results.removeValue(forKey: taken)
        taken += 1
        return result
    }

    /// Drops work not yet started and lets the threads end once their current work is done.
    package func shutdown() {
        condition.lock()
        closed = true
        queue.removeAll()
        queueStart = 0
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while queueStart >= queue.count && !closed { condition.wait() }
            if closed {
                condition.unlock()
                return
            }
            guard let (index, item) = queue[queueStart] else {
                condition.unlock()
                continue
            }
            queue[queueStart] = nil
            queueStart += 1
            if queueStart >= 64 && queueStart * 2 >= queue.count {
                queue.removeFirst(queueStart)
                queueStart = 0
            }
            condition.unlock()
            let result = item()
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}
