import DedupCommandLine
import DedupPlugins
import DedupSystem

AllocatorTuning.keepFreedMemoryBetweenDocuments()
DedupCommand.main(registry: .builtIn)
