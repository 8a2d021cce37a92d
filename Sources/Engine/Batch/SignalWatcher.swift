internal import DedupSystem

/// Stops a run cleanly on SIGINT, SIGTERM or SIGHUP: the signals are blocked in every thread
/// and a watcher thread waits for them, so that the work to do on a signal is ordinary code,
/// not a signal handler. On a signal, temporary files still being written are removed, a
/// message says what to do, and the process exits with 128 + the signal's number, as a shell
/// reports a killed command. Outputs already written are complete: each was renamed into
/// place whole, and their folders are flushed to disk before the exit.
package enum SignalWatcher {
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Blocks the signals in this thread (threads started later inherit the mask) and starts
    /// the watcher. `onSignal` runs on the watcher thread before the process exits.
    package static func start(onSignal: @escaping @Sendable (Int32) -> Void) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let watched = set
        PosixThread.start(stackSize: 1 << 20) {
            var set = watched
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            AtomicFileWriter.removeTemporaryFiles()
            // The names of the outputs committed so far on disk too, before the exit.
            AtomicFileWriter.flushCommittedFolders()
            onSignal(received)
            _exit(128 + received)
        }
    }
}
