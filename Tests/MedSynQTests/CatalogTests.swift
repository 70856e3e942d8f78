import Foundation
@testable import MedSynQ
import SQLite
import Testing

@Suite struct CatalogTests {
    let folder: TestFolder
    let catalog: Catalog

    init() throws {
        folder = try TestFolder()
        catalog = try Catalog(folder: folder.data)
    }

    private func tenant(_ name: String) -> Tenant {
        Tenant(
            id: .random(), name: name, state: .active, schemaVersion: 1, createdAt: .now,
            lastBackupAt: nil, lastVerifiedAt: nil)
    }

    @Test func aTenantIsFoundByIDAndByAnyFormOfItsName() throws {
        let clinic = tenant("St. Anne's  Clinic")
        try catalog.insert(clinic)
        #expect(try catalog.tenant(id: clinic.id)?.name == "St. Anne's  Clinic")
        for name in ["st. anne's clinic", " ST. ANNE'S\tCLINIC ", "Ｓｔ. Anne's Clinic"] {
            #expect(try catalog.tenant(named: name)?.id == clinic.id)
        }
        #expect(try catalog.tenant(named: "St Annes Clinic") == nil)
    }

    @Test func aNameThatFoldsToATakenKeyIsRefused() throws {
        try catalog.insert(tenant("Harbour Clinic"))
        #expect(throws: CatalogError.nameTaken) { try catalog.insert(tenant("HARBOUR  clinic")) }
        #expect(try catalog.allTenants().count == 1)
    }

    @Test func changesByAnotherProcessAreSeenOnTheNextLookUp() throws {
        let clinic = tenant("Fern Clinic")
        try catalog.insert(clinic)
        #expect(try catalog.tenant(id: clinic.id)?.state == .active)

        let other = try Catalog(folder: folder.data)
        try other.setState(.maintenance, of: clinic.id)
        #expect(try catalog.tenant(id: clinic.id)?.state == .maintenance)
        try other.remove(clinic.id)
        #expect(try catalog.tenant(id: clinic.id) == nil)
    }

    @Test func backupAndVerificationTimesAreRecorded() throws {
        let clinic = tenant("Moss Clinic")
        try catalog.insert(clinic)
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        try catalog.recordBackup(of: clinic.id, at: when)
        try catalog.recordVerification(of: clinic.id, at: when)
        let stored = try #require(try catalog.tenant(id: clinic.id))
        #expect(stored.lastBackupAt == when)
        #expect(stored.lastVerifiedAt == when)
    }

    @Test(arguments: ["", "../../etc/passwd", "ABCDEF0123456789ABCDEF0123456789", "abc"])
    func onlyServerShapedIDsAreTenantIDs(text: String) {
        #expect(TenantID(text) == nil)
    }

    @Test func generatedIDsAreDistinctAndWellFormed() {
        let ids = (0..<100).map { _ in TenantID.random() }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { TenantID($0.rawValue) == $0 })
    }
}

@Suite struct ProvisioningTests {
    @Test func aNewOrganisationHasItsFileItsAdminAndItsCatalogEntry() throws {
        let folder = try TestFolder()
        let catalog = try Catalog(folder: folder.data)
        let provisioner = TenantProvisioner(folder: folder.data, catalog: catalog)
        let tenant = try provisioner.create(
            named: "Cove Clinic",
            admin: .init(name: "Cy Admin", email: "cy@example.org", password: "long-enough-1")
        ).tenant

        let shard = try Shard.open(tenant.id, in: folder.data)
        let admin = try #require(try UserStore(connection: shard.connection).find(email: "CY@example.org"))
        #expect(admin.user.isAdmin)
        #expect(try Credentials.verifyPassword("long-enough-1", against: admin.passwordHash))
        #expect(try shard.connection.userVersion == ShardSchema.currentVersion)
        #expect(try catalog.tenant(named: "cove clinic")?.id == tenant.id)
    }

    @Test func aTakenNameLeavesNoFileBehind() throws {
        let folder = try TestFolder()
        let catalog = try Catalog(folder: folder.data)
        let provisioner = TenantProvisioner(folder: folder.data, catalog: catalog)
        let admin = TenantProvisioner.Admin(name: "A", email: "a@example.org", password: "long-enough-1")
        let first = try provisioner.create(named: "Dup Clinic", admin: admin).tenant
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.data.tenantsPath)
        #expect(throws: CatalogError.nameTaken) {
            try provisioner.create(named: "dup clinic", admin: admin)
        }
        let after = try FileManager.default.contentsOfDirectory(atPath: folder.data.tenantsPath)
        #expect(Set(after) == Set(before))
        #expect(after.allSatisfy { $0.hasPrefix(first.id.rawValue) })
    }
}

@Suite struct SessionStoreTests {
    @Test func endedSessionsAreDeletedAndLiveOnesKept() throws {
        let folder = try TestFolder()
        let id = TenantID.random()
        let shard = try Shard.create(id, at: folder.data.shardPath(for: id))
        let user = try UserStore(connection: shard.connection).add(
            name: "Vi", email: "vi@example.org", passwordHash: "x", isAdmin: false)
        let sessions = SessionStore(connection: shard.connection)
        let policy = SessionPolicy(idleTimeout: 60, absoluteTimeout: 3_600)
        let now = Date.now
        let idle = try sessions.start(for: user, now: now.addingTimeInterval(-120))
        let live = try sessions.start(for: user, now: now)

        try sessions.endExpired(under: policy, now: now)
        #expect(try sessions.find(secret: idle) == nil)
        let found = try #require(try sessions.find(secret: live))
        #expect(found.user == user)
        #expect(!policy.hasExpired(found, now: now))
        #expect(policy.hasExpired(found, now: now.addingTimeInterval(61)))
    }
}
