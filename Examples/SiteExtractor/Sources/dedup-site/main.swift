import DedupCommandLine
import DedupPlugins
import SiteExtractor

// dedup with one more article extractor (--extract sky-news): everything else is dedup's own
// command line.
DedupCommand.main(registry: PluginRegistry.builtIn.adding(.skyNews))
