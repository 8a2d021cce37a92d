/// Text that renders as something else, as the comparison key reads it.
///
/// Scrapers render the same body differently: one decodes HTML character references and
/// another leaves `&amp;` or `&#8217;` in; one writes Markdown (`# `, `**bold**`,
/// `[text](url)`), another plain text; one keeps inline tags (`<b>`, `</p>`). The key reads
/// every rendering the same way:
///
/// - **Character references** (`&amp;`, decimal `&#8217;`, hexadecimal `&#x2019;`, the
///   HTML 4 names and `&apos;`, each ended by `;`) count as the character they stand for,
///   folded like any other (`&nbsp;` is whitespace, `&rsquo;` an apostrophe).
/// - **HTML tags and comments** (`<p>`, `</a>`, `<img src="…"/>`, `<!-- … -->`, on one line)
///   count as nothing, like whitespace.
/// - **Markdown and similar lightweight markup** counts as nothing: runs of up to three `*`
///   or backticks and of one or two `_` that hug a word on one side (`**bold**`, `` `code` ``,
///   `_em_`; not a `*` between spaces, not the `_` inside `snake_case` nor the `____` of a
///   form); at the start of a line, heading marks (`#` to `######` before a space), list
///   marks (`-`, `+`, `*` before a space) and quote marks (`>`); and of a link or image
///   (`[text](target)`, `![alt](target)` on one line), the brackets and the target, the text
///   staying.
///
/// Everything else is text. The rules look at most a bounded distance ahead (a line, at
/// most ``lookahead`` bytes), so reading stays linear in the text.
enum RenderingMarkup {
    /// How far a tag, a comment or a link target may reach.
    static let lookahead = 1024

    /// What the key makes of the ASCII byte at some offset.
    enum Reading {
        /// The next `count` bytes (ASCII) are units like any others.
        case text(count: Int)
        /// The next `count` bytes are markup: no unit.
        case markup(count: Int)
        /// A character reference of `length` bytes standing for `scalar`.
        case reference(scalar: UInt32, length: Int)
    }

    /// The `]` that closes a link whose `[` was read as markup, and where its target ends.
    struct PendingLink {
        var close = -1
        var end = -1
    }

    /// Whether the ASCII byte `b` may begin markup or a reference (the key's slow path).
    @inline(__always)
    static func mayBeMarkup(_ b: UInt8) -> Bool {
        // ! # & * + - < > below 64; [ ] _ ` from 64.
        let low: UInt64 = 1 << 0x21 | 1 << 0x23 | 1 << 0x26 | 1 << 0x2A | 1 << 0x2B | 1 << 0x2D | 1 << 0x3C | 1 << 0x3E
        let high: UInt64 = 1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x5F - 64) | 1 << (0x60 - 64)
        return b < 64 ? (low >> b) & 1 != 0 : (high >> (b & 63)) & 1 != 0
    }

    /// Reads the byte at `i` (one for which ``mayBeMarkup(_:)`` holds). `atLineStart` says
    /// that nothing but whitespace and markup precedes it on its line; `link` carries a
    /// link whose text is being read.
    static func read(_ p: UnsafeBufferPointer<UInt8>, at i: Int, atLineStart: Bool, link: inout PendingLink) -> Reading {
        let n = p.count
        func byte(_ j: Int) -> UInt8 { j < n ? p[j] : 0x0A }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func isWordByte(_ b: UInt8) -> Bool { b >= 0x80 || ScalarClass.isASCIIAlphanumeric(b) }
        /// A list mark: alone at the start of a line, before a space and something other than
        /// the same mark (`* * *` and `- - -` are rules, not lists).
        func isListMark() -> Bool {
            guard atLineStart, isSpace(byte(i + 1)) else { return false }
            var j = i + 1
            while j < n && (p[j] == 0x20 || p[j] == 0x09) { j += 1 }
            return j < n && p[j] != p[i] && p[j] != 0x0A
        }
        func run(of b: UInt8) -> Int {
            var j = i
            while j < n && p[j] == b { j += 1 }
            return j - i
        }
        switch p[i] {
        case 0x26:  // &
            if let (scalar, length) = reference(p, at: i) { return .reference(scalar: scalar, length: length) }
            return .text(count: 1)
        case 0x3C:  // <
            if let length = tagLength(p, at: i) { return .markup(count: length) }
            return .text(count: 1)
        case 0x2A, 0x60, 0x5F:  // * ` _
            // Emphasis and code marks hug their text on one side; a list mark starts a line.
            let count = run(of: p[i])
            let before = i > 0 ? p[i - 1] : 0x20
            let after = byte(i + count)
            let hugs = !isSpace(before) || !isSpace(after)
            let listMark = p[i] == 0x2A && count == 1 && isListMark()
            // `_` inside a word joins it (`snake_case`).
            let joins = p[i] == 0x5F && isWordByte(before) && isWordByte(after)
            let marks = count <= (p[i] == 0x5F ? 2 : 3) && (hugs || listMark) && !joins
            return marks ? .markup(count: count) : .text(count: count)
        case 0x23:  // #
            let count = run(of: 0x23)
            return atLineStart && count <= 6 && isSpace(byte(i + count)) ? .markup(count: count) : .text(count: count)
        case 0x2D, 0x2B:  // - +
            return isListMark() ? .markup(count: 1) : .text(count: 1)
        case 0x3E:  // >
            return atLineStart ? .markup(count: run(of: 0x3E)) : .text(count: 1)
        case 0x21:  // !
            guard byte(i + 1) == 0x5B, let target = linkTarget(p, at: i + 1) else { return .text(count: 1) }
            link = target
            return .markup(count: 2)
        case 0x5B:  // [
            guard let target = linkTarget(p, at: i) else { return .text(count: 1) }
            link = target
            return .markup(count: 1)
        case 0x5D:  // ]
            guard i == link.close else { return .text(count: 1) }
            let end = link.end
            link = PendingLink()
            return .markup(count: end - i)
        default:
            return .text(count: 1)
        }
    }

    /// The link whose `[` is at `i`: `[text](target)` on one line, the text without brackets,
    /// the target without spaces or parentheses, within ``lookahead`` bytes.
    static func linkTarget(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> PendingLink? {
        let limit = min(p.count, i + lookahead)
        var j = i + 1
        while j < limit {
            let b = p[j]
            if b == 0x0A || b == 0x5B { return nil }
            if b == 0x5D { break }
            j += 1
        }
        guard j + 1 < limit, p[j] == 0x5D, p[j + 1] == 0x28 else { return nil }
        var k = j + 2
        while k < limit {
            let b = p[k]
            if b == 0x29 { return k > j + 2 ? PendingLink(close: j, end: k + 1) : nil }
            if b <= 0x20 || b == 0x28 || b == 0x3C { return nil }
            k += 1
        }
        return nil
    }

    /// The length of the HTML tag or comment at `i` (a `<`), or nil when none starts there:
    /// `<name …>` or `</name>` with `name` an ASCII letter and letters, digits, `-` or `:`,
    /// attributes (quoted values may hold `>`), all on one line; `<!-- … -->` on one line.
    static func tagLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let limit = min(p.count, i + lookahead)
        var j = i + 1
        guard j < limit else { return nil }
        if p[j] == 0x21 {
            // A comment.
            guard j + 2 < limit, p[j + 1] == 0x2D, p[j + 2] == 0x2D else { return nil }
            var k = j + 3
            while k + 2 < limit {
                if p[k] == 0x0A { return nil }
                if p[k] == 0x2D && p[k + 1] == 0x2D && p[k + 2] == 0x3E { return k + 3 - i }
                k += 1
            }
            return nil
        }
        if p[j] == 0x2F { j += 1 }
        guard j < limit, ScalarClass.isASCIILetter(p[j]) else { return nil }
        j += 1
        while j < limit, ScalarClass.isASCIIAlphanumeric(p[j]) || p[j] == 0x2D || p[j] == 0x3A { j += 1 }
        guard j < limit else { return nil }
        switch p[j] {
        case 0x3E: return j + 1 - i
        case 0x2F: return j + 1 < limit && p[j + 1] == 0x3E ? j + 2 - i : nil
        case 0x20, 0x09: break
        default: return nil
        }
        var quote: UInt8 = 0
        while j < limit {
            let b = p[j]
            if b == 0x0A { return nil }
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x3E {
                return j + 1 - i
            } else if b == 0x3C {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// The character reference at `i` (a `&`): its scalar and length, or nil when none
    /// starts there. Decimal and hexadecimal references must name a scalar other than NUL
    /// and surrogates; named ones are the HTML 4 names and `apos`; all end with `;`.
    static func reference(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let n = p.count
        var j = i + 1
        guard j < n else { return nil }
        if p[j] == 0x23 {
            j += 1
            let hex = j < n && (p[j] | 0x20) == 0x78
            if hex { j += 1 }
            var value: UInt32 = 0
            let digitsStart = j
            while j < n && j - digitsStart < 8 {
                let b = p[j]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(b - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(b - 0x41 + 10)
                default: digit = 99
                }
                if digit == 99 { break }
                value = value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > digitsStart, j < n, p[j] == 0x3B, value != 0, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value)
            else { return nil }
            return (value, j + 1 - i)
        }
        let nameStart = j
        while j < n && j - nameStart <= longestName && ScalarClass.isASCIIAlphanumeric(p[j]) { j += 1 }
        guard j > nameStart, j < n, p[j] == 0x3B,
            let scalar = namedReferences[Array(UnsafeBufferPointer(rebasing: p[nameStart..<j]))]
        else { return nil }
        return (scalar, j + 1 - i)
    }

    /// How many bytes of `text` the key unit read at `offset` stands for: a character
    /// reference's length where one starts there, else the UTF-8 length of the scalar.
    static func sourceLength(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        if text[offset] == 0x26, let (_, length) = reference(text, at: offset) { return length }
        return UTF8Scalars.length(leadByte: text[offset])
    }

    /// The longest name in ``namedReferences``.
    static let longestName = 8

    /// The named character references the key reads: HTML 4's and `apos`.
    static let namedReferences: [[UInt8]: UInt32] = {
        var table: [[UInt8]: UInt32] = [:]
        for entry in namedReferenceData.split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == " " }) {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let value = UInt32(parts[1], radix: 16) else { continue }
            table[Array(parts[0].utf8)] = value
        }
        return table
    }()

    /// `name=hex;` for each named reference.
    static let namedReferenceData = """
        AElig=c6;Aacute=c1;Acirc=c2;Agrave=c0;Alpha=391;Aring=c5;Atilde=c3;Auml=c4;Beta=392;Ccedil=c7;
        Chi=3a7;Dagger=2021;Delta=394;ETH=d0;Eacute=c9;Ecirc=ca;Egrave=c8;Epsilon=395;Eta=397;Euml=cb;
        Gamma=393;Iacute=cd;Icirc=ce;Igrave=cc;Iota=399;Iuml=cf;Kappa=39a;Lambda=39b;Mu=39c;Ntilde=d1;
        Nu=39d;OElig=152;Oacute=d3;Ocirc=d4;Ograve=d2;Omega=3a9;Omicron=39f;Oslash=d8;Otilde=d5;Ouml=d6;
        Phi=3a6;Pi=3a0;Prime=2033;Psi=3a8;Rho=3a1;Scaron=160;Sigma=3a3;THORN=de;Tau=3a4;Theta=398;
        Uacute=da;Ucirc=db;Ugrave=d9;Upsilon=3a5;Uuml=dc;Xi=39e;Yacute=dd;Yuml=178;Zeta=396;aacute=e1;
        acirc=e2;acute=b4;aelig=e6;agrave=e0;alefsym=2135;alpha=3b1;amp=26;and=2227;ang=2220;apos=27;
        aring=e5;asymp=2248;atilde=e3;auml=e4;bdquo=201e;beta=3b2;brvbar=a6;bull=2022;cap=2229;ccedil=e7;
        cedil=b8;cent=a2;chi=3c7;circ=2c6;clubs=2663;cong=2245;copy=a9;crarr=21b5;cup=222a;curren=a4;
        dArr=21d3;dagger=2020;darr=2193;deg=b0;delta=3b4;diams=2666;divide=f7;eacute=e9;ecirc=ea;
        egrave=e8;empty=2205;emsp=2003;ensp=2002;epsilon=3b5;equiv=2261;eta=3b7;eth=f0;euml=eb;euro=20ac;
        exist=2203;fnof=192;forall=2200;frac12=bd;frac14=bc;frac34=be;frasl=2044;gamma=3b3;ge=2265;gt=3e;
        hArr=21d4;harr=2194;hearts=2665;hellip=2026;iacute=ed;icirc=ee;iexcl=a1;igrave=ec;image=2111;
        infin=221e;int=222b;iota=3b9;iquest=bf;isin=2208;iuml=ef;kappa=3ba;lArr=21d0;lambda=3bb;
        lang=2329;laquo=ab;larr=2190;lceil=2308;ldquo=201c;le=2264;lfloor=230a;lowast=2217;loz=25ca;
        lrm=200e;lsaquo=2039;lsquo=2018;lt=3c;macr=af;mdash=2014;micro=b5;middot=b7;minus=2212;mu=3bc;
        nabla=2207;nbsp=a0;ndash=2013;ne=2260;ni=220b;not=ac;notin=2209;nsub=2284;ntilde=f1;nu=3bd;
        oacute=f3;ocirc=f4;oelig=153;ograve=f2;oline=203e;omega=3c9;omicron=3bf;oplus=2295;or=2228;
        ordf=aa;ordm=ba;oslash=f8;otilde=f5;otimes=2297;ouml=f6;para=b6;part=2202;permil=2030;perp=22a5;
        phi=3c6;pi=3c0;piv=3d6;plusmn=b1;pound=a3;prime=2032;prod=220f;prop=221d;psi=3c8;quot=22;
        rArr=21d2;radic=221a;rang=232a;raquo=bb;rarr=2192;rceil=2309;rdquo=201d;real=211c;reg=ae;
        rfloor=230b;rho=3c1;rlm=200f;rsaquo=203a;rsquo=2019;sbquo=201a;scaron=161;sdot=22c5;sect=a7;
        shy=ad;sigma=3c3;sigmaf=3c2;sim=223c;spades=2660;sub=2282;sube=2286;sum=2211;sup=2283;sup1=b9;
        sup2=b2;sup3=b3;supe=2287;szlig=df;tau=3c4;there4=2234;theta=3b8;thetasym=3d1;thinsp=2009;
        thorn=fe;tilde=2dc;times=d7;trade=2122;uArr=21d1;uacute=fa;uarr=2191;ucirc=fb;ugrave=f9;uml=a8;
        upsih=3d2;upsilon=3c5;uuml=fc;weierp=2118;xi=3be;yacute=fd;yen=a5;yuml=ff;zeta=3b6;zwj=200d;
        zwnj=200c;
        """
}

extension RenderingMarkup {
    /// How many bytes of markup hug the text that ends at `end`: closing emphasis or code
    /// marks, a link's `](target)`, tags, with no space between, so that removed text takes
    /// its markup with it.
    static func closingMarkupLength(_ p: UnsafeBufferPointer<UInt8>, at end: Int) -> Int {
        var j = end
        while j < p.count {
            let b = p[j]
            var count = 0
            switch b {
            case 0x2A, 0x5F, 0x60:
                while j + count < p.count && p[j + count] == b && count < 4 { count += 1 }
                if count > 3 { count = 0 }
            case 0x3C:
                count = tagLength(p, at: j) ?? 0
            case 0x5D:
                // `](target)`: read as the link `[` + `](target)` would be.
                if j + 1 < p.count && p[j + 1] == 0x28 {
                    var k = j + 2
                    while k < min(p.count, j + lookahead) && p[k] > 0x20 && p[k] != 0x29 && p[k] != 0x28 { k += 1 }
                    if k < p.count && p[k] == 0x29 && k > j + 2 { count = k + 1 - j }
                }
            default:
                break
            }
            if count == 0 { break }
            j += count
        }
        return j - end
    }

    /// How many bytes of markup hug the text that starts at `start`: opening emphasis or
    /// code marks, a link's `[` or an image's `![`, tags, with no space between.
    static func openingMarkupLength(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        var j = start
        while j > 0 {
            let b = p[j - 1]
            var count = 0
            switch b {
            case 0x2A, 0x5F, 0x60:
                while j - count > 0 && p[j - count - 1] == b && count < 4 { count += 1 }
                if count > 3 { count = 0 }
            case 0x5B:
                count = j >= 2 && p[j - 2] == 0x21 ? 2 : 1
            case 0x3E:
                // A tag ending here: its `<` within reach, on this line.
                var k = j - 1
                while k > max(0, j - lookahead) && p[k] != 0x3C && p[k] != 0x0A { k -= 1 }
                if p[k] == 0x3C, tagLength(p, at: k) == j - k { count = j - k }
            default:
                break
            }
            if count == 0 { break }
            j -= count
        }
        return start - j
    }
}
