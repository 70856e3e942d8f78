import Testing

@testable import MedSynQ

@Test func interpolatedTextIsEscaped() {
    let name = #"<b>"Tom" & Jerry's</b>"#
    let html: HTML = "<td>\(name)</td>"
    #expect(html.text == "<td>&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#39;s&lt;/b&gt;</td>")
}

@Test func textWithoutSpecialCharactersIsKeptAsItIs() {
    let text = "Zoë Ødegård, 1984-07-21 — 北京"
    #expect(HTML.escape(text) == text)
    #expect(HTML.escape("") == "")
}

@Test func escapingKeepsMultiByteCharactersBesideReplacedOnes() {
    #expect(HTML.escape("é<ü>&ñ") == "é&lt;ü&gt;&amp;ñ")
}

@Test func markupAndNumbersAreInterpolatedAsTheyAre() {
    let inner: HTML = "<em>\("a<b")</em>"
    let id: Int64 = 42
    let html: HTML = "<p>\(inner) \(id) \(7)</p>"
    #expect(html.text == "<p><em>a&lt;b</em> 42 7</p>")
}

@Test func joinedKeepsOrder() {
    let pieces: [HTML] = ["<li>1</li>", "<li>\("2&3")</li>", .empty]
    #expect(HTML.joined(pieces).text == "<li>1</li><li>2&amp;3</li>")
    #expect(Array(HTML.joined(pieces).text.utf8) == HTML.joined(pieces).bytes)
}
