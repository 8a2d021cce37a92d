#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX mutex with one condition variable: the building block of the thread pool, without
/// Foundation (which a command-line tool would otherwise load at start-up for this alone).
public final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// An unlocked lock.
    public init() {
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
    public func lock() { pthread_mutex_lock(mutex) }

    /// Gives the lock back.
    public func unlock() { pthread_mutex_unlock(mutex) }

    /// Wakes every thread waiting on the condition.
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits (the lock held) until woken.
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits (the lock held) until woken or until `deadline` (``MonotonicClock/seconds()``);
    /// false when the deadline passed.
    public func wait(until deadline: Double) -> Bool {
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

/// Starts POSIX threads.
public enum PosixThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread with a stack of `stackSize` bytes. The thread
    /// inherits the calling thread's signal mask.
    public static func start(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        precondition(status == 0, "cannot start a thread (error \(status))")
    }
}
