import Foundation

/// Creates organisations: a tenant's file with its admin, then its catalog entry.
///
/// The catalog insert is the commit point. Until it succeeds the new file is
/// invisible, and if it fails the file is deleted, so a failed sign-up leaves
/// nothing behind that anyone can reach.
struct TenantProvisioner: Sendable {
    let folder: DataFolder
    let catalog: Catalog

    /// The new organisation's admin, as typed on the sign-up form.
    struct Admin {
        let name: String
        let email: String
        let password: String
    }

    /// Creates organisation `name` with `admin` as its first user.
    ///
    /// Throws `CatalogError.nameTaken` if the name (folded) is in use.
    func create(organisation name: String, admin: Admin) throws -> Tenant {
        let passwordHash = try Credentials.hashPassword(admin.password)
        let id = TenantID.random()
        let files = folder.shardFiles(for: id)
        do {
            let shard = try Shard.create(id, at: files[0])
            _ = try UserStore(connection: shard.connection).add(
                name: admin.name, email: admin.email, passwordHash: passwordHash, isAdmin: true)
            try shard.close()
            let tenant = Tenant(
                id: id, name: name, state: .active, schemaVersion: ShardSchema.currentVersion,
                createdAt: .now, lastBackupAt: nil, lastVerifiedAt: nil)
            try catalog.insert(tenant)
            return tenant
        } catch {
            for file in files { try? FileManager.default.removeItem(atPath: file) }
            throw error
        }
    }
}
