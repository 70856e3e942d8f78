import HTTPServer
import Testing

@Suite struct FormTests {
    private func form(_ text: String) throws -> Form {
        try Form(urlEncoded: Array(text.utf8))
    }

    @Test func plusIsASpaceAndPercentEscapesAreDecoded() throws {
        let form = try form("name=Ada+Lovelace&notes=caf%C3%A9%20%26%20tea")
        #expect(form["name"] == "Ada Lovelace")
        #expect(form["notes"] == "café & tea")
    }

    @Test func theFirstOfARepeatedNameWinsAndEmptyValuesStay() throws {
        let form = try form("a=1&a=2&empty=&bare")
        #expect(form["a"] == "1")
        #expect(form["empty"] == "")
        #expect(form["bare"] == "")
        #expect(form["missing"] == nil)
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "a=%FF%FE"])
    func brokenEncodingsAreRejected(text: String) {
        #expect(throws: FormError.invalidEncoding) { try form(text) }
    }

    @Test func aRequestFormNeedsTheURLEncodedContentType() throws {
        let json = Request(
            method: "POST", path: "/", headers: ["content-type": "application/json"],
            body: Array("a=1".utf8))
        #expect(throws: FormError.unsupportedContentType) { try json.form() }

        let form = Request(
            method: "POST", path: "/",
            headers: ["content-type": "application/x-www-form-urlencoded; charset=UTF-8"],
            body: Array("a=1".utf8))
        #expect(try form.form()["a"] == "1")
    }
}
