import Foundation
@testable import MedSynQ
import Testing

@Suite struct PatientDraftTests {
    private let today = PatientDraft.parse("2026-06-15")!

    private func problems(_ draft: PatientDraft) -> FieldErrors? {
        if case .failure(let errors) = draft.validated(today: today) { return errors }
        return nil
    }

    @Test func aCompleteDraftIsTrimmedAndAccepted() throws {
        let draft = PatientDraft(name: "  Jo Madeup ", dateOfBirth: "2000-02-29", notes: " n ")
        let valid = try draft.validated(today: today).get()
        #expect(valid.name == "Jo Madeup")
        #expect(valid.notes == "n")
    }

    @Test(arguments: ["2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "23-04-01",
                      "2023-4-1", "2023-04-01T00:00", "today", "1899-12-31"])
    func impossibleDatesOfBirthAreRefused(text: String) {
        #expect(problems(PatientDraft(name: "Jo", dateOfBirth: text))?["date_of_birth"] != nil)
    }

    @Test func aDateOfBirthAfterTodayIsRefusedAndTodayIsAccepted() {
        #expect(problems(PatientDraft(name: "Jo", dateOfBirth: "2026-06-16")) != nil)
        #expect(problems(PatientDraft(name: "Jo", dateOfBirth: "2026-06-15")) == nil)
    }

    @Test func anEmptyOrOverlongNameIsRefused() {
        #expect(problems(PatientDraft(name: "   ", dateOfBirth: "2000-01-01"))?["name"] != nil)
        let long = String(repeating: "x", count: 201)
        #expect(problems(PatientDraft(name: long, dateOfBirth: "2000-01-01"))?["name"] != nil)
    }
}

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"co\""
        let html: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(html.text == "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
            + "&quot;co&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</td>")
    }

    @Test func interpolatedHTMLIsKeptAsMarkup() {
        let inner: HTML = "<b>\("<i>")</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.text == "<p><b>&lt;i&gt;</b></p>")
    }
}

@Suite struct LoginThrottleTests {
    @Test func fiveFailuresBlockTheKeyUntilTheWindowEnds() {
        let throttle = LoginThrottle(maximumFailures: 5, window: 60)
        let start = Date(timeIntervalSince1970: 0)
        for _ in 0..<4 { throttle.recordFailure(for: "k", now: start) }
        #expect(throttle.waitTime(for: "k", now: start) == nil)
        throttle.recordFailure(for: "k", now: start)
        #expect(throttle.waitTime(for: "k", now: start.addingTimeInterval(10)) == 50)
        #expect(throttle.waitTime(for: "other", now: start) == nil)
        #expect(throttle.waitTime(for: "k", now: start.addingTimeInterval(61)) == nil)
    }

    @Test func successForgetsFailuresAndCapacityIsBounded() {
        let throttle = LoginThrottle(maximumFailures: 1, window: 60, capacity: 2)
        throttle.recordFailure(for: "a")
        throttle.recordSuccess(for: "a")
        #expect(throttle.waitTime(for: "a") == nil)
        throttle.recordFailure(for: "b", now: Date(timeIntervalSinceNow: -5))
        throttle.recordFailure(for: "c")
        throttle.recordFailure(for: "d")
        #expect(throttle.waitTime(for: "b") == nil)
        #expect(throttle.waitTime(for: "d") != nil)
    }
}

@Suite struct CredentialsTests {
    @Test func aPasswordVerifiesOnlyAgainstItsOwnHash() throws {
        let hash = try Credentials.hashPassword("made-up password")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains("made-up password"))
        #expect(Credentials.verifyPassword("made-up password", against: hash))
        #expect(!Credentials.verifyPassword("made-up passworD", against: hash))
        #expect(!Credentials.verifyPassword("made-up password", against: "garbage"))
    }

    @Test func tokensAreRandomHexAndDigestsAreStable() {
        let token = Credentials.randomHex(bytes: 32)
        #expect(token.count == 64)
        #expect(token != Credentials.randomHex(bytes: 32))
        #expect(Credentials.digest("abc") == Credentials.digest("abc"))
        #expect(Credentials.digest("abc") != Credentials.digest("abd"))
        #expect(Credentials.isEqual("same", "same"))
        #expect(!Credentials.isEqual("same", "sama"))
        #expect(!Credentials.isEqual("", ""))
    }
}
