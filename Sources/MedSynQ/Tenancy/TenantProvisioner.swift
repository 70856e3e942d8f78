import Foundation

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
        let id = TenantID.random()
        do {
            let secret = try withNewShard(id) { shard in
                let user = try UserStore(connection: shard.connection).add(
                    name: admin.name, email: admin.email, passwordHash: passwordHash,
                    isAdmin: true)
                return try SessionStore(connection: shard.connection).start(for: user)
            }
            let tenant = Tenant(
                id: id, name: name, state: .active, schemaVersion: ShardSchema.currentVersion,
                createdAt: .now, lastBackupAt: nil, lastVerifiedAt: nil)
            try catalog.insert(tenant)
            return Created(tenant: tenant, sessionSecret: secret)
        } catch {
            for file in folder.shardFiles(for: id) {
                try? FileManager.default.removeItem(atPath: file)
            }
            throw error
        }
    }

    /// Creates tenant `id`'s file, runs `body` on it and closes it, also on failure.
    private func withNewShard<T>(_ id: TenantID, _ body: (Shard) throws -> T) throws -> T {
        let shard = try Shard.create(id, at: folder.shardPath(for: id))
        do {
            let result = try body(shard)
            try shard.close()
            return result
        } catch {
            try? shard.close()
            throw error
        }
    }
}
