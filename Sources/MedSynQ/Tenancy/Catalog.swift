import Foundation
import SQLite
import Synchronization

/// The catalog database: which organisations exist, their state, and their files.
///
/// It keeps the tenants it has been asked about in memory and forgets them all
/// when another process (a `medsynq` command) has committed to the catalog, which
/// `PRAGMA data_version` tells cheaply on every look-up. A tenant is then read
/// again, by its id, when it is next asked about: a command that commits once a
/// tenant, such as `backup --all`, costs a running server one small query per
/// tenant in use rather than a reload of the whole catalog per commit.
///
/// It holds several connections, each with what it has read, and a look-up
/// takes whichever is free: every request asks, and one connection behind one
/// lock made request threads spin for it (8% of a busy server's time).
public final class Catalog: Sendable {
    /// The connections; the first also writes.
    private let readers: [Reader]
    private let nextReader = Atomic<Int>(0)

    /// One connection to the catalog and the tenants read through it.
    private final class Reader: Sendable {
        let state: Mutex<State>

        init(path: String, mode: Connection.Mode) throws {
            state = Mutex(State(connection: try Connection(path: path, mode: mode)))
        }
    }

    private struct State {
        let connection: Connection
        var seenVersion: Int64 = -1
        /// Tenants read since the catalog last changed. Only tenants that exist:
        /// ids from forged cookies must not fill it.
        var byID: [TenantID: Tenant] = [:]
    }

    /// Opens the catalog of `folder` with `connections` connections (one for each
    /// thread that looks tenants up at once), creating it if it does not exist yet.
    public init(folder: DataFolder, connections: Int = 1) throws {
        let first = try Reader(path: folder.catalogPath, mode: .readWriteCreate)
        try first.state.withLock { state in
            try state.connection.enableWriteAheadLog()
            try state.connection.execute(Self.schema)
        }
        readers = try [first] + (1..<max(connections, 1)).map { _ in
            try Reader(path: folder.catalogPath, mode: .readWrite)
        }
    }

    /// The tenant with `id`, as the catalog says now.
    public func tenant(id: TenantID) throws -> Tenant? {
        try withReader { try Self.tenant(id: id, &$0) }
    }

    /// As `tenant(id:)`, through connection `index` of `connectionCount`: for tests.
    func tenant(id: TenantID, connection index: Int) throws -> Tenant? {
        try readers[index].state.withLock { try Self.tenant(id: id, &$0) }
    }

    var connectionCount: Int { readers.count }

    /// The tenant whose organisation name folds to the same key as `name`.
    public func tenant(named name: String) throws -> Tenant? {
        let selection = Selection.lookupKey(Tenant.lookupKey(for: name))
        return try withReader { try Self.tenants(selection, in: $0.connection).first }
    }

    /// Every tenant, ordered by organisation name.
    public func allTenants() throws -> [Tenant] {
        try withReader { try Self.tenants(.all, in: $0.connection) }
    }

    /// Runs `body` with a free connection, or waits for one in turn if none is.
    private func withReader<T: Sendable>(
        _ body: (inout sending State) throws -> T
    ) throws -> T {
        for reader in readers {
            if let result = try reader.state.withLockIfAvailable({ try body(&$0) }) {
                return result
            }
        }
        let turn = nextReader.add(1, ordering: .relaxed).newValue
        return try readers[turn % readers.count].state.withLock { try body(&$0) }
    }

    /// Records a new tenant; throws `CatalogError.nameTaken` if its name's key exists.
    public func insert(_ tenant: Tenant) throws {
        try insert(contentsOf: [tenant])
    }

    /// Records new tenants in one transaction: all of them or, if any name's key
    /// exists (`CatalogError.nameTaken`) or anything fails, none.
    public func insert(contentsOf tenants: [Tenant]) throws {
        try write { connection in
            do {
                try connection.transaction {
                    for tenant in tenants { try Self.insert(tenant, into: connection) }
                }
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw CatalogError.nameTaken
            }
        }
    }

    private static func insert(_ tenant: Tenant, into connection: Connection) throws {
        try connection.query(
            """
            INSERT INTO tenants (id, name, lookup_key, state, schema_version, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            tenant.id.rawValue, tenant.name, tenant.lookupKey, tenant.state.rawValue,
            tenant.schemaVersion, tenant.createdAt.timeIntervalSince1970)
    }

    /// Changes a tenant's state.
    public func setState(_ newState: TenantState, of id: TenantID) throws {
        try update("UPDATE tenants SET state = ? WHERE id = ?", newState.rawValue, id.rawValue)
    }

    /// Records the schema version a tenant's file was migrated to.
    public func setSchemaVersion(_ version: Int, of id: TenantID) throws {
        try update("UPDATE tenants SET schema_version = ? WHERE id = ?", version, id.rawValue)
    }

    /// Records when a tenant was last backed up.
    public func recordBackup(of id: TenantID, at date: Date) throws {
        try update(
            "UPDATE tenants SET last_backup_at = ? WHERE id = ?",
            date.timeIntervalSince1970, id.rawValue)
    }

    /// Records when a tenant's file last passed verification.
    public func recordVerification(of id: TenantID, at date: Date) throws {
        try update(
            "UPDATE tenants SET last_verified_at = ? WHERE id = ?",
            date.timeIntervalSince1970, id.rawValue)
    }

    /// Removes a tenant from the catalog.
    public func remove(_ id: TenantID) throws {
        try update("DELETE FROM tenants WHERE id = ?", id.rawValue)
    }

    private func update(_ sql: String, _ arguments: any Bindable...) throws {
        try write { connection in
            try connection.query(sql, arguments: arguments)
        }
    }

    /// Writes through the first connection. The others see the commit as any
    /// other connection's, through data_version; this one must forget explicitly.
    private func write(_ body: (Connection) throws -> Void) throws {
        try readers[0].state.withLock { state in
            try body(state.connection)
            state.byID = [:]
        }
    }

    /// Forgets every tenant read if another connection has committed since.
    private static func forgetIfChanged(_ state: inout State) throws {
        let version = try state.connection.dataVersion
        guard version != state.seenVersion else { return }
        state.byID = [:]
        state.seenVersion = version
    }

    private static func tenant(id: TenantID, _ state: inout sending State) throws -> Tenant? {
        try forgetIfChanged(&state)
        if let known = state.byID[id] { return known }
        let tenant = try tenants(.id(id), in: state.connection).first
        state.byID[id] = tenant
        return tenant
    }

    /// Which tenants a query reads.
    private enum Selection {
        case id(TenantID)
        case lookupKey(String)
        case all

        var clause: (sql: String, arguments: [any Bindable]) {
            switch self {
            case .id(let id): ("WHERE id = ?", [id.rawValue])
            case .lookupKey(let key): ("WHERE lookup_key = ?", [key])
            case .all: ("ORDER BY lookup_key", [])
            }
        }
    }

    private static func tenants(
        _ selection: Selection, in connection: Connection
    ) throws -> [Tenant] {
        let (clause, arguments) = selection.clause
        let rows = try connection.query(
            """
            SELECT id, name, lookup_key, state, schema_version, created_at, last_backup_at,
                   last_verified_at
            FROM tenants \(clause)
            """,
            arguments: arguments)
        return rows.compactMap { row in
            guard let id = TenantID(row.text(0)) else { return nil }
            return Tenant(
                id: id, name: row.text(1), lookupKey: row.text(2),
                state: TenantState(rawValue: row.text(3)) ?? .maintenance,
                schemaVersion: Int(row.int(4)),
                createdAt: Date(timeIntervalSince1970: row.real(5)),
                lastBackupAt: row.optionalReal(6).map(Date.init(timeIntervalSince1970:)),
                lastVerifiedAt: row.optionalReal(7).map(Date.init(timeIntervalSince1970:)))
        }
    }

    private static let schema = """
        CREATE TABLE IF NOT EXISTS tenants (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            lookup_key TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('active', 'maintenance', 'offboarding')),
            schema_version INTEGER NOT NULL,
            created_at REAL NOT NULL,
            last_backup_at REAL,
            last_verified_at REAL
        ) STRICT;
        """
}

/// Why the catalog refused a change.
public enum CatalogError: Error, Equatable {
    /// Another organisation's name folds to the same key.
    case nameTaken
}

extension CatalogError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .nameTaken: "an organisation with that name exists already"
        }
    }
}
