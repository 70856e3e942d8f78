import Foundation
import Testing
import TestSupport

/// A form sent without its CSRF token is refused and changes nothing.
@Suite struct ForgeryTests {
    let folder: TemporaryFolder
    let server: ServerProcess

    init() throws {
        folder = try TemporaryFolder()
        server = try ServerProcess(dataFolder: folder.path)
    }

    @Test(arguments: [nil, "0123456789abcdef"])
    func addingAPatientWithoutAValidTokenChangesNothing(token: String?) throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Lime Clinic", email: "lime@example.org")
        var form = [("name", "Forged Patient"), ("date_of_birth", "1980-01-01")]
        if let token { form.append(("csrf_token", token)) }

        let response = try visitor.client.post("/patients", form: form)
        #expect(response.status == 403)
        #expect(try visitor.patientIDs().isEmpty)
    }

    @Test func signingUpWithoutTheFormTokenCreatesNothing() throws {
        let client = HTTPClient(port: server.port)
        let response = try client.post("/signup", form: [
            ("organisation", "Forged Clinic"), ("name", "Fay Forger"),
            ("email", "fay@example.org"), ("password", "forged-password-1"),
        ])
        #expect(response.status == 403)
        let tenants = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tenants")
        #expect(tenants.isEmpty)
        let login = try Visitor(port: server.port).logIn(
            organisation: "Forged Clinic", email: "fay@example.org", password: "forged-password-1")
        #expect(login.status == 401)
    }

    @Test func loggingOutWithoutTheTokenKeepsTheSession() throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Fig Clinic", email: "fig@example.org")
        let response = try visitor.client.post("/logout", form: [])
        #expect(response.status == 403)
        #expect(try visitor.dashboard().status == 200)
    }
}
