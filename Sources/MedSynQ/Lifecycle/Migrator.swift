import SQLite

/// Brings tenants' files to the current schema, one tenant at a time.
public struct Migrator: Sendable {
    public let folder: DataFolder
    public let catalog: Catalog

    /// The schema versions a tenant's file had before and after.
    public struct Outcome: Sendable {
        public let tenant: Tenant
        public let fromVersion: Int
        public let toVersion: Int
    }

    public init(folder: DataFolder, catalog: Catalog) {
        self.folder = folder
        self.catalog = catalog
    }

    /// Migrates `tenant`'s file and records its new version in the catalog.
    ///
    /// Each migration step is its own transaction, so the server may keep
    /// serving the tenant meanwhile.
    public func migrate(_ tenant: Tenant) throws -> Outcome {
        try TenantLock.holding(tenant, in: folder) {
            try migrateHoldingLock(catalog.tenant(id: tenant.id) ?? tenant)
        }
    }

    private func migrateHoldingLock(_ tenant: Tenant) throws -> Outcome {
        guard tenant.state != .offboarding else {
            throw LifecycleError.beingOffboarded(tenant.name)
        }
        let path = folder.shardPath(for: tenant.id)
        guard Files.exists(path) else { throw LifecycleError.missingDatabase(tenant.name) }
        let connection = try Connection(path: path, mode: .readWrite)
        defer { try? connection.close() }
        let before = try connection.userVersion
        try ShardSchema.migrate(connection)
        let after = try connection.userVersion
        try catalog.setSchemaVersion(after, of: tenant.id)
        return Outcome(tenant: tenant, fromVersion: before, toVersion: after)
    }
}
