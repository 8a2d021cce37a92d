/// Short lines that pages use as furniture, in the languages of the corpus and beyond:
/// compared whole, lowercased (ASCII), with surrounding punctuation and spaces ignored.
enum Phrases {
    /// Whether `line` (a short block) is one of the phrases, or starts with one of the prefixes.
    static func isBoilerplate(_ line: ArraySlice<UInt8>) -> Bool {
        var text = Array(line)
        for k in text.indices where text[k] >= 0x41 && text[k] <= 0x5A { text[k] += 0x20 }
        while let last = text.last, isTrim(last) { text.removeLast() }
        var start = 0
        while start < text.count && isTrim(text[start]) { start += 1 }
        let core = Array(text[start...])
        if whole.contains(core) { return true }
        return prefixes.contains { core.starts(with: $0) }
    }

    private static func isTrim(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x3A || b == 0x2E || b == 0x7C || b == 0x2D || b == 0x3E || b == 0x21
    }

    private static let whole: Set<[UInt8]> = Set(
        [
            "advertisement", "advertising", "ad", "ads", "sponsored", "share", "share this", "share this article",
            "share on facebook", "share on twitter", "tweet", "facebook", "twitter", "linkedin", "email", "print",
            "pinterest", "whatsapp", "reddit", "comments", "comment", "read more", "more", "related", "related articles",
            "related stories", "related posts", "recommended", "you may also like", "most read", "most popular",
            "trending", "sign up", "subscribe", "newsletter", "log in", "login", "sign in", "menu", "search", "close",
            "skip to content", "skip to main content", "back to top", "top", "next", "previous", "next article",
            "previous article", "continue reading", "loading", "see more", "show more", "view comments",
            "anzeige", "werbung", "teilen", "publicité", "partager", "publicidad", "compartir", "pubblicità",
            "condividi", "реклама", "поделиться", "广告", "分享", "分享到", "相关阅读", "相关新闻", "相关文章", "推荐阅读",
            "热门推荐", "热点推荐", "返回顶部", "打印", "关闭", "关闭窗口", "收藏", "评论", "更多", "上一篇", "下一篇",
            "広告", "シェア", "ツイート", "関連記事", "광고", "공유", "관련기사",
        ].map { Array($0.utf8) })

    private static let prefixes: [[UInt8]] = [
        "read more:", "read more about", "related:", "see also:", "more:", "follow us", "sign up for", "subscribe to",
        "click here", "image:", "photo:", "image copyright", "getty images", "copyright ©", "© ", "all rights reserved",
        "分享到", "声明：", "版权所有", "上一篇", "下一篇",
    ].map { Array($0.utf8) }
}
