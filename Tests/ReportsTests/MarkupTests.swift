import Testing
@testable import Reports

@Suite("Markup: escaping and rendering")
struct MarkupTests {
    @Test("text and attributes are escaped; characters XML forbids are dropped")
    func escaping() {
        #expect(Markup.escapeText("a < b & c > d") == "a &lt; b &amp; c &gt; d")
        #expect(Markup.escapeAttribute("say \"hi\"\n<&>") == "say &quot;hi&quot;&#10;&lt;&amp;&gt;")
        #expect(Markup.escapeText("bell\u{07}ok") == "bellok")
        #expect(Markup.escapeText("城乡居民收入倍差 ≤ 1.8") == "城乡居民收入倍差 ≤ 1.8")
    }

    /// A hostile study title in a notebook heading: no emphasis, link, tag, formula or second line.
    @Test("Markdown text is escaped for one line")
    func markdownEscaping() {
        #expect(Markup.escapeMarkdown("临海 *2025* [x](http://e) <img src=x onerror=alert(1)> $x$\n# owned")
                == "临海 \\*2025\\* \\[x\\](http://e) \\<img src=x onerror=alert(1)\\> \\$x\\$ \\# owned")
        #expect(Markup.escapeMarkdown("实施方案(2021-2025年): plan") == "实施方案(2021-2025年): plan")
        #expect(Markup.escapeMarkdown("a\\b`c`") == "a\\\\b\\`c\\`")
    }

    @Test("attributes keep their order; nil attributes are left out")
    func attributes() {
        let m = Markup.node("rect", [("y", "2"), ("x", "1"), ("fill", nil)])
        #expect(m.rendered() == "<rect y=\"2\" x=\"1\"></rect>")
    }

    @Test("empty SVG and void HTML elements close themselves; other empty HTML elements get an end tag")
    func emptyElements() {
        #expect(Markup.node("svg", [], [.node("circle", [("r", "1")])]).rendered() == "<svg>\n<circle r=\"1\"/>\n</svg>")
        #expect(Markup.node("p", [], [.node("br"), .node("span")]).rendered() == "<p>\n<br/>\n<span></span>\n</p>")
    }

    @Test("an element with text children is written on one line")
    func mixedContent() {
        let m = Markup.node("p", [], [.text("a "), .node("b", text: "x"), .text(" c")])
        #expect(m.rendered() == "<p>a <b>x</b> c</p>")
    }
}
