import Testing

@testable import HTTPServer

@Test func cookiesArePairsSeparatedBySemicolons() {
    let cookies = Cookies.parse("medsynq_session=abc.def; theme=dark;lang=en")
    #expect(cookies == ["medsynq_session": "abc.def", "theme": "dark", "lang": "en"])
}

@Test func blanksAroundNamesAndValuesAreIgnored() {
    #expect(Cookies.parse("  a = 1 ;\tb=2\t") == ["a": "1", "b": "2"])
}

@Test func theFirstOfRepeatedNamesWins() {
    #expect(Cookies.parse("a=1; a=2") == ["a": "1"])
}

@Test func quotedValuesLoseTheirQuotes() {
    let cookies = Cookies.parse(#"a="quoted value"; b=""; c=""#)
    #expect(cookies == ["a": "quoted value", "b": "", "c": "\""])
}

@Test func valuesMayHoldEqualsSignsAndNonASCIIText() {
    #expect(Cookies.parse("token=x=y==; name=Zoë") == ["token": "x=y==", "name": "Zoë"])
}

@Test func pairsWithoutNamesAreSkipped() {
    #expect(Cookies.parse("=orphan; ; novalue") == ["novalue": ""])
    #expect(Cookies.parse("").isEmpty)
}
