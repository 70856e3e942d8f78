import SQLite

/// The tables in every tenant's file, as ordered migrations.
///
/// `PRAGMA user_version` records the last migration a file has had; each step runs
/// once, in a transaction with the version bump, so a file is never half migrated.
enum ShardSchema {
    /// The version a file has after every migration this program knows.
    static var currentVersion: Int { migrations.count }

    /// Brings `connection`'s file to `currentVersion`.
    ///
    /// Throws `ShardSchemaError.newerThanProgram` for a file written by a newer
    /// MedSynQ, which this program must not touch.
    static func migrate(_ connection: Connection) throws {
        let version = try connection.userVersion
        guard version <= currentVersion else {
            throw ShardSchemaError.newerThanProgram(version: version, known: currentVersion)
        }
        for (index, step) in migrations.enumerated() where index + 1 > version {
            try connection.transaction {
                // Checked again inside the write lock: another process may have
                // migrated the file since the version was read.
                guard try connection.userVersion == index else { return }
                try connection.execute(step)
                try connection.setUserVersion(index + 1)
            }
        }
    }

    /// The tables, indexes and triggers a file holds at schema `version`: what a
    /// restored file must hold, and nothing more.
    static func objects(atVersion version: Int) throws -> Set<SchemaObject> {
        let memory = try Connection(path: ":memory:")
        defer { try? memory.close() }
        for step in migrations.prefix(version) { try memory.execute(step) }
        return try objects(in: memory)
    }

    /// The tables, indexes, triggers and views `connection`'s file holds.
    static func objects(in connection: Connection) throws -> Set<SchemaObject> {
        let rows = try connection.query(
            "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema")
        return Set(rows.map {
            SchemaObject(type: $0.text(0), name: $0.text(1), table: $0.text(2), sql: $0.text(3))
        })
    }

    /// One row of `sqlite_schema`.
    struct SchemaObject: Hashable {
        let type: String
        let name: String
        let table: String
        let sql: String
    }

    private static let migrations = [
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            is_admin INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL
        ) STRICT;
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            secret_digest TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at REAL NOT NULL,
            last_seen_at REAL NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            date_of_birth TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            created_by INTEGER REFERENCES users (id) ON DELETE SET NULL
        ) STRICT;
        """,
    ]
}

/// Why a tenant's file cannot be brought to the current schema.
enum ShardSchemaError: Error, CustomStringConvertible {
    case newerThanProgram(version: Int, known: Int)

    var description: String {
        switch self {
        case .newerThanProgram(let version, let known):
            "its schema version \(version) is newer than this program's \(known)"
        }
    }
}
