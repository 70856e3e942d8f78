@testable import MedSynQ
import Testing

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"co\""
        let html: HTML = "<td title=\"\(name)\">\(name)</td>"
        let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"
        #expect(html.text == "<td title=\"\(escaped)\">\(escaped)</td>")
    }

    @Test func interpolatedHTMLIsKeptAsMarkup() {
        let inner: HTML = "<b>\("<i>")</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.text == "<p><b>&lt;i&gt;</b></p>")
    }
}
