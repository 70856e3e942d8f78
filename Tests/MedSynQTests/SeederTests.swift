import Foundation
import HTTPServer
import Testing

@testable import MedSynQ

@Test func seededTenantsHaveTheirPatientsAndWorkingSessions() throws {
    let temporary = try TestFolder()
    let catalog = try Catalog(folder: temporary.data)
    let sessions = try Seeder(folder: temporary.data, catalog: catalog)
        .seed(tenants: 3, patients: 5, startingSessions: true)

    #expect(try catalog.allTenants().count == 3)
    #expect(Set(sessions.map(\.tenantID)).count == 3)
    let pool = ShardPool(capacity: 2, folder: temporary.data)
    defer { try? pool.closeAll() }
    let app = App(folder: temporary.data, catalog: catalog, pool: pool, logger: .silent)
    for session in sessions {
        let cookie = "\(Seeder.sessionCookieName)=\(session.cookieValue)"
        let page = app.handle(
            Request(method: "GET", path: "/patients", headers: ["cookie": cookie]))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("Patients (5)"))

        #expect(addPatient(named: "Ada+Quill", as: session, through: app).status == 303)
    }
}

@Test func seedingAgainAddsMoreOrganisations() throws {
    let temporary = try TestFolder()
    let catalog = try Catalog(folder: temporary.data)
    let seeder = Seeder(folder: temporary.data, catalog: catalog)
    let first = try seeder.seed(tenants: 2, patients: 0, startingSessions: false)
    _ = try seeder.seed(tenants: 2, patients: 0, startingSessions: false)

    #expect(first.isEmpty)
    let tenants = try catalog.allTenants()
    #expect(tenants.count == 4)
    #expect(Set(tenants.map(\.lookupKey)).count == 4)
    let files = try FileManager.default.contentsOfDirectory(atPath: temporary.data.tenantsPath)
    #expect(files.filter { $0.hasSuffix(".sqlite") }.count == 4)
}

@Test func madeUpPatientsAreValidDrafts() {
    var madeUp = MadeUpPatients()
    for _ in 0..<200 {
        let patient = madeUp.next()
        let draft = PatientDraft(
            name: patient.name, dateOfBirth: patient.dateOfBirth, notes: patient.notes)
        #expect((try? draft.validated().get()) != nil, "invalid: \(patient.dateOfBirth)")
    }
}

@Test func seedingAfterAnOrganisationLeftTakesTheFreeNames() throws {
    let temporary = try TestFolder()
    let catalog = try Catalog(folder: temporary.data)
    let seeder = Seeder(folder: temporary.data, catalog: catalog)
    _ = try seeder.seed(tenants: 3, patients: 0, startingSessions: false)
    let leaving = try #require(try catalog.allTenants().first)
    try catalog.remove(leaving.id)

    _ = try seeder.seed(tenants: 2, patients: 0, startingSessions: false)
    let tenants = try catalog.allTenants()
    #expect(tenants.count == 4)
    #expect(tenants.contains { $0.name == leaving.name })
}

@Test func aFormSentWhileTheOrganisationIsPausedChangesNothing() throws {
    let temporary = try TestFolder()
    let catalog = try Catalog(folder: temporary.data)
    let session = try #require(try Seeder(folder: temporary.data, catalog: catalog)
        .seed(tenants: 1, patients: 2, startingSessions: true).first)
    let pool = ShardPool(capacity: 2, folder: temporary.data)
    defer { try? pool.closeAll() }
    let app = App(folder: temporary.data, catalog: catalog, pool: pool, logger: .silent)
    let cookie = "\(Seeder.sessionCookieName)=\(session.cookieValue)"
    #expect(app.handle(Request(method: "GET", path: "/patients", headers: ["cookie": cookie]))
        .status == 200)

    try Catalog(folder: temporary.data).setState(.maintenance, of: session.tenantID)
    #expect(addPatient(named: "Late+Write", as: session, through: app).status == 503)
    let count = try pool.withShard(session.tenantID) { shard in
        try PatientStore(connection: shard.connection).count()
    }
    #expect(count == 2)
}

/// Sends the add-patient form for `name` (already form-encoded) as `session`.
private func addPatient(
    named name: String, as session: Seeder.SeededSession, through app: App
) -> Response {
    let cookie = "\(Seeder.sessionCookieName)=\(session.cookieValue)"
    let form = "csrf_token=\(session.csrfToken)&name=\(name)&date_of_birth=1970-01-02&notes="
    return app.handle(Request(
        method: "POST", path: "/patients",
        headers: ["cookie": cookie, "content-type": "application/x-www-form-urlencoded"],
        body: Array(form.utf8)))
}
