import Foundation

/// Runs work items on several threads and hands their results back in item order, on the
/// calling thread: the order of outputs and messages never depends on the thread count or on
/// which item finished first.
///
/// Workers claim items in order; at most `window` items may be claimed ahead of the first one
/// not yet delivered, which bounds the results held waiting (a slow first item does not let
/// the others pile up in memory). Items that `runsOnCaller` picks are not run by the workers
/// but by `deliver`'s caller when their turn comes (a stream written to standard output).
struct OrderedWorkPool<Result: Sendable> {
    var workers: Int
    var window: Int

    init(workers: Int, window: Int? = nil) {
        self.workers = max(1, workers)
        self.window = window ?? max(64, 16 * self.workers)
    }

    /// Runs `work` for items `0..<count` and calls `deliver` with each result in order (nil for
    /// an item left to the caller); when `deliver` returns false, no further item is started
    /// or delivered. `tick` is called on the calling thread about ten times a second while it
    /// waits.
    func run(count: Int,
             runsOnCaller: @escaping @Sendable (Int) -> Bool,
             work: @escaping @Sendable (Int) -> Result,
             deliver: (Int, Result?) -> Bool,
             tick: () -> Void) {
        let shared = Shared()
        let window = self.window
        var threads: [Thread] = []
        for _ in 0..<min(workers, count) {
            let thread = Thread {
                while true {
                    shared.condition.lock()
                    while shared.next < count && shared.next >= shared.delivered + window {
                        shared.condition.wait()
                    }
                    guard shared.next < count else {
                        shared.condition.unlock()
                        return
                    }
                    let index = shared.next
                    shared.next += 1
                    shared.condition.unlock()
                    if runsOnCaller(index) {
                        shared.finish(index, nil)
                        continue
                    }
                    let result = work(index)
                    shared.finish(index, result)
                }
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        for index in 0..<count {
            var result: Slot?
            while true {
                shared.condition.lock()
                result = shared.results.removeValue(forKey: index)
                if result == nil { _ = shared.condition.wait(until: Date(timeIntervalSinceNow: 0.1)) }
                shared.condition.unlock()
                if result != nil { break }
                tick()
            }
            let goOn: Bool
            if case .some(.some(let value)) = result {
                goOn = deliver(index, value)
            } else {
                goOn = deliver(index, nil)
            }
            shared.condition.lock()
            shared.delivered = index + 1
            if !goOn { shared.next = count }
            shared.condition.broadcast()
            shared.condition.unlock()
            if !goOn { return }
            tick()
        }
    }

    /// A finished item: its result, or nil for an item left to the caller.
    private typealias Slot = Result?

    /// State shared by the workers and the caller, guarded by `condition`.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var next = 0
        var delivered = 0
        var results: [Int: Slot] = [:]

        func finish(_ index: Int, _ result: Result?) {
            condition.lock()
            results[index] = .some(result)
            condition.broadcast()
            condition.unlock()
        }
    }
}
