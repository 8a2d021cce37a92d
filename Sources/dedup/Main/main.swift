import DedupCommandLine
import DedupCore
import DedupEngine
import DedupPlugins
import DedupSystem

AllocatorTuning.keepFreedMemoryBetweenDocuments()
// The normalizer's tables are built on a second thread while the command line is parsed,
// rather than by the first document after it.
PosixThread.start(stackSize: 1 << 20) { Normalizer.prepareTables() }
DedupCommand.main(registry: .builtIn)
