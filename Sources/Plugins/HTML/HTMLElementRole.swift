/// What an element means to the text extractor.
enum HTMLElementRole {
    /// Phrasing content (`a`, `span`, `b`, `font`…): its text joins the block around it.
    /// Unknown elements (`st1:chsdate`, custom elements) are inline too, as browsers render
    /// them, so a sentence wrapped in one is not cut into pieces. (libxml2 drops namespace
    /// prefixes, so Word's `o:p` arrives as `p`.)
    case inline
    /// An element that starts a block of its own (`p`, `h1`, `li`, `td`, `div`, `body`…):
    /// text before it, inside it and after it forms separate blocks.
    case block
    /// A block whose whitespace is kept as written (`pre`).
    case preformatted
    /// `br`: a line break inside the block.
    case lineBreak
    /// `hr`: ends the block, though it holds no text of its own.
    case separator
    /// Never visible text (`script`, `style`, `head`, `title`, `svg`…): skipped with its
    /// content.
    case skipped

    /// The role of the element called `name` (lowercase, as libxml2's HTML parser gives it).
    static func of(_ name: String) -> HTMLElementRole {
        table[name] ?? .inline
    }

    private static let table: [String: HTMLElementRole] = {
        var table: [String: HTMLElementRole] = [:]
        for name in [
            "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
            "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "legend", "li", "main",
            "menu", "nav", "ol", "p", "search", "section", "summary", "table", "tbody", "td", "tfoot",
            "th", "thead", "tr", "ul", "frameset", "frame",
        ] {
            table[name] = .block
        }
        for name in ["pre", "listing", "xmp", "plaintext"] {
            table[name] = .preformatted
        }
        // Content a reader does not see: scripts and styles, the head, embedded documents and
        // drawings, fallback content shown only when the real thing cannot be, and the list of
        // a drop-down (only its chosen option shows).
        for name in [
            "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
            "applet", "head", "title", "noframes", "canvas", "video", "audio", "select", "datalist",
        ] {
            table[name] = .skipped
        }
        table["br"] = .lineBreak
        table["hr"] = .separator
        return table
    }()
}
