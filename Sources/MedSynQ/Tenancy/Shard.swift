import SQLite

/// One connection to a tenant's database file (a busy tenant may have several).
///
/// Unchecked `Sendable`: a shard moves between threads only through `ShardPool`,
/// whose lease gives one request at a time the use of its connection. That holds
/// as long as no caller keeps a shard beyond the closure it was lent to, which is
/// why the type is internal to the application.
final class Shard: @unchecked Sendable {
    let tenantID: TenantID
    let connection: Connection
    /// True for a file this shard created, whose commits are synced only at close.
    private let isNew: Bool
    /// Values computed from the file, with the file's change counter at the time.
    private var cache: [String: (version: UInt32, value: Any)] = [:]

    /// Opens tenant `id`'s existing file and migrates it to the current schema.
    static func open(_ id: TenantID, in folder: DataFolder) throws -> Shard {
        try Shard(id: id, path: folder.shardPath(for: id), mode: .readWrite)
    }

    /// Creates a new file at `path` with the current schema.
    ///
    /// Its commits skip fsync: nobody can reach the file until the catalog lists
    /// it, and `close()` syncs it whole first, so it is on disk before anyone can
    /// find it. That saves sign-up and seeding about six syncs a tenant.
    static func create(_ id: TenantID, at path: String) throws -> Shard {
        try Shard(id: id, path: path, mode: .readWriteCreate)
    }

    private init(id: TenantID, path: String, mode: Connection.Mode) throws {
        tenantID = id
        isNew = mode == .readWriteCreate
        connection = try Connection(path: path, mode: mode)
        if isNew { try connection.execute("PRAGMA synchronous = OFF") }
        try connection.enableWriteAheadLog()
        // TODO: bound the WAL an evicted shard leaves — with no checkpoint at close,
        // up to 1,000 pages (about 4 MB) stay beside the file until a later write of
        // the tenant checkpoints them (PRAGMA journal_size_limit would cap it).
        if !isNew { try connection.skipCheckpointOnClose() }
        try ShardSchema.migrate(connection)
    }

    /// The value `make` returns for the file as of the shard's latest query:
    /// computed once and kept until a change to the file, from this process or
    /// another, shows at a later query.
    ///
    /// Call it after a query of the same lease (every signed-in request has found
    /// its session by then), so that another process's commit is seen. The
    /// counter is read before `make` runs, so a value is never older than the
    /// counter it is kept under; a change in between only costs a recomputation.
    func cached<Value>(_ key: String, _ make: () throws -> Value) throws -> Value {
        let version = try connection.changeCounter
        if let entry = cache[key], entry.version == version, let value = entry.value as? Value {
            return value
        }
        let value = try make()
        cache[key] = (version, value)
        return value
    }

    /// Closes the file; throws if SQLite refuses.
    func close() throws {
        if isNew {
            // The checkpoint that closing runs syncs the log and then the file at
            // this level (https://sqlite.org/pragma.html#pragma_synchronous).
            try connection.execute("PRAGMA synchronous = FULL")
        }
        try connection.close()
    }
}
