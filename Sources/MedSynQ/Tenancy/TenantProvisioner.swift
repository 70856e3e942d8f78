import Foundation
import SQLite

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
        let tenant = try makeFile(
            organisation: name, adminName: admin.name, email: admin.email,
            passwordHash: passwordHash) { _, _ in }
        do {
            try catalog.insert(tenant)
            return tenant
        } catch {
            removeFiles(of: tenant.id)
            throw error
        }
    }

    /// Writes a new tenant's complete file and returns its catalog entry, not yet
    /// inserted: until the caller inserts it, the tenant is invisible.
    func makeFile(
        organisation name: String, adminName: String, email: String, passwordHash: String,
        fill: (Connection, User) throws -> Void
    ) throws -> Tenant {
        let id = TenantID.random()
        do {
            let shard = try Shard.create(id, at: folder.shardPath(for: id))
            let admin = try UserStore(connection: shard.connection).add(
                name: adminName, email: email, passwordHash: passwordHash, isAdmin: true)
            try fill(shard.connection, admin)
            try shard.close()
            return Tenant(
                id: id, name: name, state: .active, schemaVersion: ShardSchema.currentVersion,
                createdAt: .now, lastBackupAt: nil, lastVerifiedAt: nil)
        } catch {
            removeFiles(of: id)
            throw error
        }
    }

    /// Deletes a tenant's file and its WAL files, if they exist.
    func removeFiles(of id: TenantID) {
        for file in folder.shardFiles(for: id) { try? FileManager.default.removeItem(atPath: file) }
    }
}
