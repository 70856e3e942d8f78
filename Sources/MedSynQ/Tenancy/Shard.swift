import SQLite

/// One tenant's open database file.
///
/// Unchecked `Sendable`: a shard moves between threads only through `ShardPool`,
/// whose lease gives one request at a time the use of its connection.
public final class Shard: @unchecked Sendable {
    public let tenantID: TenantID
    public let connection: Connection
    /// True for a file this shard created, whose commits are synced only at close.
    private let isNew: Bool

    /// Opens tenant `id`'s existing file and migrates it to the current schema.
    public static func open(_ id: TenantID, in folder: DataFolder) throws -> Shard {
        try Shard(id: id, path: folder.shardPath(for: id), mode: .readWrite)
    }

    /// Creates a new file at `path` with the current schema.
    ///
    /// Its commits skip fsync: nobody can reach the file until the catalog lists
    /// it, and `close()` syncs it whole first, so it is on disk before anyone can
    /// find it. That saves sign-up and seeding about six syncs a tenant.
    public static func create(_ id: TenantID, at path: String) throws -> Shard {
        try Shard(id: id, path: path, mode: .readWriteCreate)
    }

    private init(id: TenantID, path: String, mode: Connection.Mode) throws {
        tenantID = id
        isNew = mode == .readWriteCreate
        connection = try Connection(path: path, mode: mode)
        if isNew { try connection.execute("PRAGMA synchronous = OFF") }
        try connection.enableWriteAheadLog()
        try ShardSchema.migrate(connection)
    }

    /// Closes the file; throws if SQLite refuses.
    public func close() throws {
        if isNew {
            // The checkpoint that closing runs syncs the log and then the file at
            // this level (https://sqlite.org/pragma.html#pragma_synchronous).
            try connection.execute("PRAGMA synchronous = FULL")
        }
        try connection.close()
    }
}
