@testable import HTTPServer
import Testing

@Suite struct CookiesTests {
    @Test func cookiesAreSplitTrimmedAndUnquoted() {
        let cookies = Cookies.parse("a=1; b = two ;c=\"quoted\"; =nameless; d")
        #expect(cookies == ["a": "1", "b": "two", "c": "quoted", "d": ""])
    }

    @Test func theFirstOfARepeatedCookieWins() {
        #expect(Cookies.parse("s=first; s=second")["s"] == "first")
    }

    @Test func setCookieKeepsTheCookieFromScriptsAndOtherSites() {
        let header = Cookies.header(name: "s", value: "v", maxAge: 0)
        #expect(header == "s=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }

    @Test func requestCookiesComeFromTheCookieHeader() {
        let request = Request(method: "GET", path: "/", headers: ["cookie": "x=1"])
        #expect(request.cookie("x") == "1")
        #expect(request.header("Cookie") == "x=1")
    }

    @Test func oneCookieIsFoundAsTheWholeParseWouldFindIt() {
        let header = " a = 1 ;s=first; =nameless; s=second; q=\"x\"; e"
        for name in ["a", "s", "q", "e", "missing", ""] {
            #expect(Cookies.value(named: name, in: header) == Cookies.parse(header)[name])
        }
        let request = Request(method: "GET", path: "/", headers: ["cookie": header])
        #expect(request.cookie("s") == "first")
        #expect(request.cookie("S") == nil)
    }
}

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
