import CLibXML2

/// What an element's name, `class`, `id`, `role`, `itemprop` and `style` say about its
/// place on the page, read as bytes.
struct ElementHints {
    /// Navigation, site header and footer, sidebars, share and comment widgets, related and
    /// most-read lists, ads, cookie notices: not article text.
    var boilerplate = false
    /// Hinted as page furniture by a word that also names parts of article layouts
    /// (`sidebar`, `rail`, `header`, `meta`, `tools`): left out only when it holds little prose.
    var weakBoilerplate = false
    /// Not shown: `display:none`, `visibility:hidden`, `aria-hidden="true"`, screen-reader-only.
    var hidden = false
    /// Says it holds the article (`article`, `main`, `itemprop="articleBody"`, a class such as
    /// `article-body`, `post-content`, `entry-content`, `story`).
    var article = false
    /// Marked as the article by its name or microdata (`article`, `main`,
    /// `itemprop="articleBody"`), not only by a class.
    var strongArticle = false
    /// A heading (`h1`–`h6`).
    var heading = false
    /// `h1`.
    var title = false

    /// The hints of `element`.
    static func of(_ element: xmlNodePtr) -> ElementHints {
        var hints = ElementHints()
        guard let name = element.pointee.name else { return hints }
        switch ElementName(name) {
        case .boilerplate: hints.boilerplate = true
        case .weakBoilerplate: hints.weakBoilerplate = true
        case .article:
            hints.article = true
            hints.strongArticle = true
        case .heading(let level):
            hints.heading = true
            hints.title = level == 1
        case .other: break
        }
        // Whether a class (or id) names furniture, and whether another names only the article.
        var classBoilerplate = false
        var articleClass = false
        var attribute = element.pointee.properties
        while let a = attribute {
            attribute = a.pointee.next
            guard let attributeName = a.pointee.name, let value = a.pointee.children?.pointee.content else { continue }
            if HTMLTree.equalsIgnoringCase(attributeName, "class") || HTMLTree.equalsIgnoringCase(attributeName, "id") {
                var tokenBoilerplate = false
                var tokenArticle = false
                Words.scanClasses(value) { word in
                    guard !word.isEmpty else {
                        // The end of a class: one that names only the article counts apart.
                        if tokenArticle && !tokenBoilerplate { articleClass = true }
                        tokenBoilerplate = false
                        tokenArticle = false
                        return
                    }
                    switch Words.kind(of: word) {
                    case .boilerplate:
                        classBoilerplate = true
                        tokenBoilerplate = true
                    case .weakBoilerplate: hints.weakBoilerplate = true
                    case .hidden: hints.hidden = true
                    case .article:
                        hints.article = true
                        tokenArticle = true
                    case nil: break
                    }
                }
            } else if HTMLTree.equalsIgnoringCase(attributeName, "style") {
                if Words.hidesElement(value) { hints.hidden = true }
            } else if HTMLTree.equalsIgnoringCase(attributeName, "aria-hidden") {
                if HTMLTree.equalsIgnoringCase(value, "true") { hints.hidden = true }
            } else if HTMLTree.equalsIgnoringCase(attributeName, "itemprop") {
                if HTMLTree.equalsIgnoringCase(value, "articlebody") || HTMLTree.equalsIgnoringCase(value, "articleBody") {
                    hints.article = true
                    hints.strongArticle = true
                }
            } else if HTMLTree.equalsIgnoringCase(attributeName, "role") {
                Words.scan(value) { word in
                    if Words.isBoilerplateRole(word) { hints.boilerplate = true }
                }
            }
        }
        // A wrapper named for the article and for something else ("article-sidebar") is the
        // something else; "post-comments" is comments.
        // `article`, `main` and `itemprop="articleBody"` outweigh class words (a WordPress
        // post's `<article class="post tag-… category-…">`).
        // A class naming the article and a layout part ("l-sidebar-fixed l-article-body") is
        // the article; one naming the article and furniture ("article-comments") is furniture.
        // Classes that name the article and, apart, a state or furniture ("article-body
        // pagination-first") leave it to the prose: weak boilerplate. Furniture named in the
        // same class as the article ("article-comments") is furniture.
        let mixed = classBoilerplate && articleClass
        if classBoilerplate && !articleClass { hints.boilerplate = true }
        if hints.strongArticle {
            hints.boilerplate = false
            hints.weakBoilerplate = false
        } else if hints.boilerplate {
            hints.article = false
        } else if hints.article {
            hints.weakBoilerplate = mixed
        }
        return hints
    }
}

/// The kind of an element by its name alone.
private enum ElementName {
    case boilerplate, weakBoilerplate, article
    case heading(Int)
    case other

    init(_ name: UnsafePointer<xmlChar>) {
        if HTMLTree.nameIs(name, oneOf: ["nav", "aside", "footer", "menu", "button", "dialog", "option"]) {
            self = .boilerplate
        } else if HTMLTree.nameIs(name, oneOf: ["form", "label", "header"]) {
            // A form wraps whole pages (ASP.NET); a header may be the article's own.
            self = .weakBoilerplate
        } else if HTMLTree.nameIs(name, oneOf: ["article", "main"]) {
            self = .article
        } else if name[0] == UInt8(ascii: "h"), name[1] >= UInt8(ascii: "1"), name[1] <= UInt8(ascii: "6"), name[2] == 0 {
            self = .heading(Int(name[1] - UInt8(ascii: "0")))
        } else {
            self = .other
        }
    }
}

/// The words of `class` and `id` values (split at anything not a letter or digit, and at
/// lowercase-to-uppercase steps), and what they hint at.
enum Words {
    enum Kind { case boilerplate, weakBoilerplate, hidden, article }

    /// Calls `body` with each word of the classes (or id) in the NUL-terminated `value`,
    /// leaving out the classes that content systems use to label a post with its taxonomy
    /// and state (`tag-…`, `category-…`, `has-…`, `postid-…`, `status-…`, `format-…`,
    /// `type-…`): they say what the article is about, not what the element is. A class that
    /// hides an element is handed over as one word that ``kind(of:)`` reads as hidden. Each
    /// class ends with an empty word.
    static func scanClasses(_ value: UnsafePointer<xmlChar>, _ body: (ArraySlice<UInt8>) -> Void) {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        var start = 0
        var i = 0
        while true {
            let b = value[i]
            if b == 0 || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                if i > start {
                    scratch.removeAll(keepingCapacity: true)
                    for k in start..<i { scratch.append(HTMLBytes.lowercased(value[k])) }
                    if hiddenClasses.contains(scratch[...]) {
                        body(hiddenWord[...])
                    } else if !taxonomyPrefixes.contains(where: { scratch.starts(with: $0) }) {
                        words(value, start..<i, into: &scratch, body)
                    }
                    body(scratch[0..<0])
                }
                if b == 0 { return }
                start = i + 1
            }
            i += 1
        }
    }

    /// Classes that hide an element (whole classes only: Drupal's `field-label-hidden` labels a
    /// visible field whose label is hidden).
    private static let hiddenClasses: Set<ArraySlice<UInt8>> = Set(
        [
            "hidden", "hide", "is-hidden", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
            "screen-reader-text", "screenreader", "offscreen", "invisible",
        ].map { Array($0.utf8)[...] })
    private static let hiddenWord: [UInt8] = Array("\u{1}hidden".utf8)

    private static let taxonomyPrefixes: [[UInt8]] = [
        "tag-", "tags-", "category-", "categories-", "has-", "postid-", "status-", "format-", "type-",
    ].map { Array($0.utf8) }

    /// Calls `body` with each word of the NUL-terminated `value`, lowercased, as bytes.
    static func scan(_ value: UnsafePointer<xmlChar>, _ body: (ArraySlice<UInt8>) -> Void) {
        var end = 0
        while value[end] != 0 { end += 1 }
        var scratch: [UInt8] = []
        scratch.reserveCapacity(32)
        words(value, 0..<end, into: &scratch, body)
    }

    /// Calls `body` with each word of `value[range]`, lowercased, written into `scratch`.
    private static func words(
        _ value: UnsafePointer<xmlChar>, _ range: Range<Int>, into scratch: inout [UInt8], _ body: (ArraySlice<UInt8>) -> Void
    ) {
        scratch.removeAll(keepingCapacity: true)
        var previousLower = false
        for i in range {
            let b = value[i]
            let isLower = (b >= 0x61 && b <= 0x7A)
            let isUpper = (b >= 0x41 && b <= 0x5A)
            let isDigit = (b >= 0x30 && b <= 0x39)
            if isUpper && previousLower && !scratch.isEmpty {
                body(scratch[...])
                scratch.removeAll(keepingCapacity: true)
            }
            if isLower || isUpper || isDigit {
                scratch.append(isUpper ? b + 0x20 : b)
            } else if !scratch.isEmpty {
                body(scratch[...])
                scratch.removeAll(keepingCapacity: true)
            }
            previousLower = isLower || isDigit
        }
        if !scratch.isEmpty { body(scratch[...]) }
    }

    /// What `word` hints at: exact words, and words starting with a longer stem
    /// ("sharebar", "relatedposts", "commentlist").
    static func kind(of word: ArraySlice<UInt8>) -> Kind? {
        if let kind = exact[word] { return kind }
        guard word.count >= 6 else { return nil }
        for (stem, kind) in stems where word.starts(with: stem) { return kind }
        return nil
    }

    /// Whether a `role` word marks navigation or page furniture.
    static func isBoilerplateRole(_ word: ArraySlice<UInt8>) -> Bool {
        boilerplateRoles.contains(word)
    }

    private static let boilerplateRoles: Set<ArraySlice<UInt8>> = Set(
        ["navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "toolbar", "search", "dialog", "alert"]
            .map { Array($0.utf8)[...] })

    /// Whether a `style` value hides the element (`display:none`, `visibility:hidden`).
    static func hidesElement(_ value: UnsafePointer<xmlChar>) -> Bool {
        var squeezed: [UInt8] = []
        var i = 0
        while value[i] != 0 {
            let b = value[i]
            if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { squeezed.append(HTMLBytes.lowercased(b)) }
            i += 1
        }
        return contains(squeezed, "display:none") || contains(squeezed, "visibility:hidden")
    }

    private static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return false }
        for start in 0...(bytes.count - n.count) where bytes[start] == n[0] && Array(bytes[start..<(start + n.count)]) == n {
            return true
        }
        return false
    }

    private static let exact: [ArraySlice<UInt8>: Kind] = {
        var table: [ArraySlice<UInt8>: Kind] = [:]
        let boilerplate = [
            "nav", "navbar", "navigation", "menu", "menus", "submenu", "breadcrumb", "breadcrumbs", "crumbs", "footer",
            "share", "shares", "sharing", "social", "socials", "comment", "comments", "related", "recommended",
            "recommendations", "newsletter", "subscribe", "subscription", "signup", "login", "signin", "register",
            "cookie", "cookies", "consent", "gdpr", "ad", "ads", "adv", "advert", "adverts", "advertisement",
            "advertising", "sponsor", "sponsored", "promo", "promos", "promotion", "popular", "trending", "mostread",
            "pagination", "pager", "disqus", "outbrain", "taboola", "popup", "modal", "readmore", "byline", "bylines",
            "author", "authors", "dateline", "caption", "captions", "credit", "credits", "copyright", "skip", "toc",
            "teaser", "teasers", "recirc", "partner", "partners", "community", "reply", "replies",
            "discussion", "bio", "profile", "follow", "feedback", "print", "email", "keywords",
        ]
        let weak = [
            "masthead", "topbar", "toolbar", "sidebar", "sidebars", "rail", "widget", "widgets", "banner", "tags", "tag",
            "tagcloud", "search", "rating", "ratings", "timestamp", "date", "time", "published", "meta", "metadata",
            "mail", "legal", "jump", "headline", "headlines", "header", "hdr", "topics", "categories", "category",
            "alert", "notice", "extras", "tools", "utility", "utilities", "icons", "icon", "logo", "brand", "next",
            "prev", "previous", "more", "also", "most", "contact", "about", "overlay", "ticker", "breaking",
        ]
        for w in weak { table[Array(w.utf8)[...]] = .weakBoilerplate }
        for w in boilerplate { table[Array(w.utf8)[...]] = .boilerplate }
        table[hiddenWord[...]] = .hidden
        for w in [
            "article", "articlebody", "content", "maincontent", "entry", "post", "story", "storybody", "body",
            "text", "main", "blog", "detail", "details", "news", "zoom", "cont", "contents", "artical", "wenzhang",
            "zhengwen", "neirong", "txt", "con",
        ] {
            table[Array(w.utf8)[...]] = .article
        }
        return table
    }()

    private static let stems: [([UInt8], Kind)] = [
        "share", "social", "related", "comment", "newsletter", "sidebar", "breadcrumb", "footer", "advert",
        "sponsor", "promo", "widget", "cookie", "popular", "trending", "recommend", "subscri", "outbrain", "taboola",
        "navbar", "navigation", "mostread", "mostpopular", "masthead", "pagination",
    ].map { (Array($0.utf8), Kind.boilerplate) }
}
