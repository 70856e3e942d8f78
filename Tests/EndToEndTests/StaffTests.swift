import Foundation
import Testing
import TestSupport

/// An organisation's admin adds staff, who then log in to the same patients.
@Suite struct StaffTests {
    let folder: TemporaryFolder
    let server: ServerProcess
    let admin: Visitor

    init() throws {
        folder = try TemporaryFolder()
        server = try ServerProcess(dataFolder: folder.path)
        admin = Visitor(port: server.port)
        try admin.signUp(organisation: "Aspen Clinic", name: "Ada Admin", email: "ada@example.org")
    }

    private func addStaff(
        by visitor: Visitor, name: String, email: String, password: String
    ) throws -> HTTPResponse {
        let page = try visitor.client.get("/staff")
        return try visitor.client.post("/staff", form: [
            ("csrf_token", Visitor.csrfToken(in: page.body) ?? ""), ("name", name),
            ("email", email), ("password", password),
        ])
    }

    @Test func anAddedMemberOfStaffLogsInAndSeesTheSamePatients() throws {
        try admin.addPatient(name: "Shared Patientname", dateOfBirth: "1975-05-05")
        let added = try addStaff(
            by: admin, name: "Sam Staff", email: "sam@example.org", password: "sam-password-1")
        #expect(added.status == 303)
        #expect(try admin.client.get("/staff").body.contains("Sam Staff"))

        let sam = Visitor(port: server.port)
        let login = try sam.logIn(
            organisation: "aspen clinic", email: "sam@example.org", password: "sam-password-1")
        #expect(login.status == 303)
        #expect(try sam.dashboard().body.contains("Shared Patientname"))
    }

    @Test func staffWhoAreNotAdminsCannotAddStaff() throws {
        try addStaff(
            by: admin, name: "Sam Staff", email: "sam@example.org", password: "sam-password-1")
        let sam = Visitor(port: server.port)
        try sam.logIn(
            organisation: "Aspen Clinic", email: "sam@example.org", password: "sam-password-1")
        #expect(try !sam.client.get("/staff").body.contains("Add a member of staff"))

        let refused = try addStaff(
            by: sam, name: "Eve Extra", email: "eve@example.org", password: "eve-password-1")
        #expect(refused.status == 403)
        #expect(try !admin.client.get("/staff").body.contains("Eve Extra"))
    }

    @Test func aTakenEmailOrAWeakPasswordIsExplained() throws {
        let taken = try addStaff(
            by: admin, name: "Dup", email: "ADA@example.org", password: "dup-password-1")
        #expect(taken.status == 422)
        #expect(taken.body.contains("Someone on the staff has this email already."))
        let weak = try addStaff(by: admin, name: "Wen", email: "wen@example.org", password: "short")
        #expect(weak.status == 422)
        #expect(weak.body.contains("at least 10 characters"))
        #expect(weak.body.contains("value=\"wen@example.org\""))
    }

    @Test func addingStaffWithoutTheTokenChangesNothing() throws {
        let response = try admin.client.post("/staff", form: [
            ("name", "Forged"), ("email", "f@example.org"), ("password", "forged-password-1"),
        ])
        #expect(response.status == 403)
        #expect(try !admin.client.get("/staff").body.contains("Forged"))
    }
}
