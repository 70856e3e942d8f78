import Foundation
import SQLite

/// Creates tenants: a file with its admin and the admin's first session, then the
/// tenant's catalog entry.
///
/// The catalog insert is the commit point. Until it succeeds the new file is
/// invisible, and if anything fails the file is deleted, so a failed sign-up
/// leaves nothing behind that anyone can reach.
struct TenantProvisioner: Sendable {
    let folder: DataFolder
    let catalog: Catalog

    /// The new tenant's admin, as typed on the sign-up form.
    struct Admin {
        let name: String
        let email: String
        let password: String
    }

    /// A tenant just created, and the secret of its admin's session.
    struct Created {
        let tenant: Tenant
        let sessionSecret: String
    }

    // TODO: sweep files that no catalog entry names — a process killed between the
    // file's creation and the catalog insert leaves one, unreachable but on disk.
    /// Creates tenant `name` with `admin` as its first user, logged in.
    ///
    /// Throws `CatalogError.nameTaken` if the name (folded) is in use.
    func create(named name: String, admin: Admin) throws -> Created {
        let passwordHash = try Credentials.hashPassword(admin.password)
        var secret = ""
        let tenant = try makeFile(
            named: name, adminName: admin.name, email: admin.email, passwordHash: passwordHash
        ) { connection, user in
            secret = try SessionStore(connection: connection).start(for: user)
        }
        do {
            try catalog.insert(tenant)
            return Created(tenant: tenant, sessionSecret: secret)
        } catch {
            removeFiles(of: tenant.id)
            throw error
        }
    }

    /// Writes a new tenant's complete file and returns its catalog entry, not yet
    /// inserted: until the caller inserts it, the tenant is invisible.
    ///
    /// `fill` adds whatever else the file should hold, given its admin.
    func makeFile(
        named name: String, adminName: String, email: String, passwordHash: String,
        fill: (Connection, User) throws -> Void
    ) throws -> Tenant {
        let id = TenantID.random()
        do {
            let shard = try Shard.create(id, at: folder.shardPath(for: id))
            do {
                let admin = try UserStore(connection: shard.connection).add(
                    name: adminName, email: email, passwordHash: passwordHash, isAdmin: true)
                try fill(shard.connection, admin)
            } catch {
                try? shard.close()
                throw error
            }
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
