internal import DedupSystem

/// A POSIX mutex with one condition variable: the building block of the thread pool, without
/// Foundation (which a command-line tool would otherwise load at start-up for this alone).
package final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// An unlocked lock.
    package init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if os(Linux)
        // Deadlines are measured on the monotonic clock, which does not jump with the date.
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Takes the lock, waiting for it.
    package func lock() { pthread_mutex_lock(mutex) }

    /// Gives the lock back.
    package func unlock() { pthread_mutex_unlock(mutex) }

    /// Wakes every thread waiting on the condition.
    package func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits (the lock held) until woken.
    package func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits (the lock held) until woken or until `deadline` (``MonotonicClock/seconds()``);
    /// false when the deadline passed.
    package func wait(until deadline: Double) -> Bool {
        #if os(Linux)
        var ts = timespec()
        let whole = deadline.rounded(.down)
        ts.tv_sec = Int(whole)
        ts.tv_nsec = Int((deadline - whole) * 1e9)
        return pthread_cond_timedwait(condition, mutex, &ts) != ETIMEDOUT
        #else
        let left = max(0, deadline - MonotonicClock.seconds())
        var ts = timespec(tv_sec: Int(left), tv_nsec: Int((left - left.rounded(.down)) * 1e9))
        return pthread_cond_timedwait_relative_np(condition, mutex, &ts) != ETIMEDOUT
        #endif
    }
}
