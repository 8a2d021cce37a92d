import DedupPlugins

extension Extractor {
    /// Sky News story pages: the story is the `div.sdc-article-body`; the headline, the
    /// standfirst, the share bar and the "more stories" below are left out. Pages of other
    /// sites go to dedup's own article extractor.
    public static let skyNews = Extractor(
        name: "sky-news",
        summary: "news.sky.com stories: the div.sdc-article-body; other sites: the built-in article extractor"
    ) { page in
        guard page.canonicalURL?.hasPrefix("https://news.sky.com/") == true else {
            return try Extractor.article.extract(page)
        }
        return ArticleBlocks(
            kept: try page.blocks(inside: "//div[contains(concat(' ', @class, ' '), ' sdc-article-body ')]"))
    }
}
