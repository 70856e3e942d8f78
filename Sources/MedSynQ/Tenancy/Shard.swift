import SQLite

/// One tenant's open database file.
///
/// Unchecked `Sendable`: a shard moves between threads only through `ShardPool`,
/// whose lease gives one request at a time the use of its connection. That holds
/// as long as no caller keeps a shard beyond the closure it was lent to, which is
/// why the type is internal to the application.
final class Shard: @unchecked Sendable {
    let tenantID: TenantID
    let connection: Connection

    /// Opens tenant `id`'s existing file and migrates it to the current schema.
    static func open(_ id: TenantID, in folder: DataFolder) throws -> Shard {
        try Shard(id: id, path: folder.shardPath(for: id), mode: .readWrite)
    }

    /// Creates a new file at `path` with the current schema.
    static func create(_ id: TenantID, at path: String) throws -> Shard {
        try Shard(id: id, path: path, mode: .readWriteCreate)
    }

    private init(id: TenantID, path: String, mode: Connection.Mode) throws {
        tenantID = id
        connection = try Connection(path: path, mode: mode)
        try connection.enableWriteAheadLog()
        try ShardSchema.migrate(connection)
    }

    /// Closes the file; throws if SQLite refuses.
    func close() throws {
        try connection.close()
    }
}
