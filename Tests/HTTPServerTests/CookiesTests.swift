import HTTPServer
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
        #expect(request.cookies["x"] == "1")
        #expect(request.header("Cookie") == "x=1")
    }
}
