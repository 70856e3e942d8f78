import Foundation
@testable import MedSynQ
import Testing

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
        let users = UserStore(connection: shard.connection)
        let admin = try #require(try users.find(email: "CY@example.org"))
        #expect(admin.user.isAdmin)
        #expect(try Credentials.verifyPassword("long-enough-1", against: admin.passwordHash))
        #expect(try shard.connection.userVersion == ShardSchema.currentVersion)
        #expect(try catalog.tenant(named: "cove clinic")?.id == tenant.id)
    }

    @Test func aTakenNameLeavesNoFileBehind() throws {
        let folder = try TestFolder()
        let catalog = try Catalog(folder: folder.data)
        let provisioner = TenantProvisioner(folder: folder.data, catalog: catalog)
        let admin = TenantProvisioner.Admin(
            name: "A", email: "a@example.org", password: "long-enough-1")
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
