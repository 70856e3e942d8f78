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

    @Test func invisibleCharactersAreRefusedButLineBreaksInNotesAreKept() {
        let hidden = PatientDraft(name: "Jo\u{0}Shadow", dateOfBirth: "2000-01-01")
        #expect(problems(hidden)?["name"] != nil)
        let zeroWidth = PatientDraft(name: "J\u{200B}o", dateOfBirth: "2000-01-01")
        #expect(problems(zeroWidth)?["name"] != nil)
        let lines = PatientDraft(name: "Jo", dateOfBirth: "2000-01-01", notes: "a\nb\tc")
        #expect(problems(lines) == nil)
    }

    @Test func anEmptyOrOverlongNameIsRefused() {
        #expect(problems(PatientDraft(name: "   ", dateOfBirth: "2000-01-01"))?["name"] != nil)
        let long = String(repeating: "x", count: 201)
        #expect(problems(PatientDraft(name: long, dateOfBirth: "2000-01-01"))?["name"] != nil)
    }
}
