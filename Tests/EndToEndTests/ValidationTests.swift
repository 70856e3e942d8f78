import Foundation
import TestSupport
import Testing

/// Bad input gets a clear message, keeps what was typed and changes nothing.
@Suite struct ValidationTests {
    let folder: TemporaryFolder
    let server: ServerProcess

    init() throws {
        folder = try TemporaryFolder()
        server = try ServerProcess(dataFolder: folder.path)
    }

    @Test(arguments: [
        ("", "1980-01-01", "Enter the patient&#39;s name."),
        ("Ivy Invalid", "2023-02-30", "Enter the date of birth as a real date"),
        ("Ivy Invalid", "21/07/1984", "Enter the date of birth as a real date"),
        ("Ivy Invalid", "2999-01-01", "The date of birth cannot be in the future."),
        ("Ivy Invalid", "", "Enter a valid date of birth."),
    ])
    func aPatientWithAWrongFieldIsNotAdded(
        name: String, dateOfBirth: String, message: String
    ) throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Teak Clinic", email: "teak@example.org")
        let response = try visitor.addPatient(
            name: name, dateOfBirth: dateOfBirth, notes: "Kept <notes>")
        #expect(response.status == 422)
        #expect(response.body.contains(message))
        #expect(response.body.contains("Kept &lt;notes&gt;"))
        if !name.isEmpty { #expect(response.body.contains("value=\"\(name)\"")) }
        #expect(try visitor.patientIDs().isEmpty)
    }

    @Test func aFormWithTooManyCookiesGets431AndAddsNothing() throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Yew Clinic", email: "yew@example.org")
        let dashboard = try visitor.dashboard()
        visitor.client.cookies["padding"] = String(repeating: "p", count: 9 * 1024)
        let response = try visitor.client.post("/patients", form: [
            ("csrf_token", Visitor.csrfToken(in: dashboard.body) ?? ""),
            ("name", "Ula Oversize"), ("date_of_birth", "1990-09-09"),
        ])
        #expect(response.status == 431)
        #expect(response.body.contains("Clear this site"))
        visitor.client.cookies["padding"] = nil
        #expect(try visitor.patientIDs().isEmpty)
    }

    @Test(arguments: [
        "Maple Clinic", "maple clinic", "  MAPLE   Clinic ", "\u{FF2D}\u{FF41}\u{FF50}le Clinic",
    ])
    func anOrganisationNameIsTakenInAnyCaseOrSpacing(secondName: String) throws {
        try Visitor(port: server.port).signUp(organisation: "Maple Clinic", email: "a@example.org")
        let response = try Visitor(port: server.port).signUp(
            organisation: secondName, name: "Bo Second", email: "b@example.org")
        #expect(response.status == 422)
        #expect(response.body.contains("An organisation with this name already exists."))
        #expect(response.body.contains("value=\"Bo Second\""))
        let tenants = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tenants")
        #expect(tenants.filter { $0.hasSuffix(".sqlite") }.count == 1)
    }

    @Test func aSignupWithMissingFieldsSaysWhatToCorrect() throws {
        let response = try Visitor(port: server.port).signUp(
            organisation: " ", name: "", email: "not-an-email", password: "short")
        #expect(response.status == 422)
        for message in [
            "Enter your organisation&#39;s name.", "Enter a name.",
            "Enter an email address", "at least 10 characters",
        ] {
            #expect(response.body.contains(message))
        }
        #expect(!response.body.contains("value=\"short\""))
        // The hint gives way to the error that says the same thing.
        #expect(!response.body.contains("At least 10 characters."))
        #expect(try HTTPClient(port: server.port).get("/signup").body
            .contains("At least 10 characters."))
    }

    @Test func repeatedWrongPasswordsAreThrottled() throws {
        try Visitor(port: server.port).signUp(organisation: "Yew Clinic", email: "y@example.org")
        let visitor = Visitor(port: server.port)
        for _ in 0..<5 {
            let response = try visitor.logIn(
                organisation: "Yew Clinic", email: "y@example.org", password: "wrong-guess-00")
            #expect(response.status == 401)
        }
        let blocked = try visitor.logIn(
            organisation: "Yew Clinic", email: "y@example.org", password: "correct-horse-battery")
        #expect(blocked.status == 429)
        #expect(blocked.body.contains("Too many failed attempts"))
        let retryAfter = try #require(Int(blocked.header("Retry-After") ?? ""))
        #expect((1...900).contains(retryAfter))
    }
}
