import DedupCommandLine
import DedupPlugins

DedupCommand.main(registry: .builtIn)
