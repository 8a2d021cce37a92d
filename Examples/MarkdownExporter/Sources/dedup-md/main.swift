import DedupCommandLine
import DedupPlugins
import MarkdownExporter

// dedup with one more output format: everything else is dedup's own command line.
DedupCommand.main(registry: PluginRegistry.builtIn.adding(.markdown))
