import CSQLite

extension Connection {
    /// The schema version an application keeps in `PRAGMA user_version`.
    public var userVersion: Int {
        get throws(SQLiteError) {
            Int(try scalar("PRAGMA user_version")?.integer ?? 0)
        }
    }

    /// Sets `PRAGMA user_version` (pragmas take no bound parameters).
    public func setUserVersion(_ version: Int) throws(SQLiteError) {
        try execute("PRAGMA user_version = \(version)")
    }

    /// Switches the database to write-ahead logging, which lets readers and one
    /// writer work at once (https://sqlite.org/wal.html).
    public func enableWriteAheadLog() throws(SQLiteError) {
        let mode = try scalar("PRAGMA journal_mode = WAL")
        guard mode == .text("wal") else {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not enable WAL mode")
        }
    }

    /// A number that changes whenever another connection commits to the file.
    ///
    /// Cheap: it reads the shared WAL index, not the database
    /// (https://sqlite.org/pragma.html#pragma_data_version).
    public var dataVersion: Int64 {
        get throws(SQLiteError) {
            try scalar("PRAGMA data_version")?.integer ?? 0
        }
    }

    /// The problems `PRAGMA integrity_check` finds; empty when the file is sound.
    public func integrityProblems() throws(SQLiteError) -> [String] {
        let lines = try query("PRAGMA integrity_check").map { $0.text(0) }
        return lines == ["ok"] ? [] : lines
    }

    /// The version of the SQLite library in use, such as "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
