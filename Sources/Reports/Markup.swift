/// A small XML tree for the SVG charts and the HTML report, rendered with escaping so that both are
/// well-formed XML (the report is XHTML-compatible HTML: an XML parser reads it, and so does a browser).
///
/// Attributes keep the order they are given in, so the same tree always gives the same bytes.
public indirect enum Markup: Sendable, Equatable {
    /// An element: name, attributes in order, children.
    case element(String, [Attribute], [Markup])
    /// Text, escaped when rendered.
    case text(String)
    /// Text written as it is (an inline script or style sheet); the caller keeps it free of `<` and `&`.
    case raw(String)

    /// One attribute.
    public struct Attribute: Sendable, Equatable {
        public let name: String
        public let value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An element from a name, `(name, value)` pairs (nil values are left out) and children.
    public static func node(_ name: String, _ attributes: [(String, String?)] = [], _ children: [Markup] = []) -> Markup {
        .element(name, attributes.compactMap { pair in pair.1.map { Attribute(pair.0, $0) } }, children)
    }

    /// An element holding only text.
    public static func node(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> Markup {
        node(name, attributes, [.text(text)])
    }

    /// HTML elements that have no end tag; written `<br/>`, which HTML and XML both read.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"]

    /// The markup as text. Elements holding only elements put each child on its own line; an element
    /// with any text child is written on one line, so no white space is added inside text.
    public func rendered() -> String {
        var out = ""
        render(into: &out, inSVG: false)
        return out
    }

    private func render(into out: inout String, inSVG: Bool) {
        switch self {
        case .text(let s):
            out += Self.escapeText(s)
        case .raw(let s):
            out += s
        case .element(let name, let attributes, let children):
            let svg = inSVG || name == "svg"
            out += "<" + name
            for a in attributes { out += " \(a.name)=\"\(Self.escapeAttribute(a.value))\"" }
            if children.isEmpty {
                // Empty HTML elements other than void ones need an end tag, or a browser leaves them open.
                out += svg || Self.voidElements.contains(name) ? "/>" : "></\(name)>"
                return
            }
            out += ">"
            let block = children.allSatisfy { if case .element = $0 { return true } else { return false } }
            for child in children {
                if block { out += "\n" }
                child.render(into: &out, inSVG: svg)
            }
            if block { out += "\n" }
            out += "</\(name)>"
        }
    }

    /// Text content with `&`, `<` and `>` escaped and characters XML forbids removed.
    public static func escapeText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// An attribute value with `"` escaped as well; line breaks and tabs become character references.
    public static func escapeAttribute(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default: if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Text for one line of Markdown (a notebook's headings): the characters Markdown, HTML and Jupyter's
    /// MathJax give a meaning to inline (backslash, backquote, `* _ [ ] < > & ! | ~ $ #`) escaped with a
    /// backslash (a parenthesis matters only after a `]`, which is escaped), line breaks and other control
    /// characters turned into spaces: a study's title shows as written and starts no block, link, tag or formula.
    public static func escapeMarkdown(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if "\\`*_[]<>&!|~$#".unicodeScalars.contains(scalar) {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Characters XML 1.0 allows: tab, line feed, carriage return, and U+0020 up, less the surrogates and U+FFFE/U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
    }
}
