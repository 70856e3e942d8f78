import CSQLite
import SQLiteShim

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

    /// Leaves the write-ahead log as it is when this connection closes, instead
    /// of copying it into the file (a checkpoint, with two syncs) and deleting it.
    ///
    /// For files opened and closed often: the log keeps committed changes safe,
    /// the next connection reads them from it, and the checkpoint that runs when
    /// the log reaches `PRAGMA wal_autocheckpoint` pages still bounds its size
    /// (https://sqlite.org/c3ref/c_dbconfig_defensive.html).
    public func skipCheckpointOnClose() throws(SQLiteError) {
        var isOn: Int32 = 0
        let code = sqlite_shim_db_config_flag(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &isOn)
        guard code == SQLITE_OK, isOn == 1 else { throw error(code: code) }
    }

    /// Runs `body` with commits that do not wait for the disk, then restores the
    /// previous level.
    ///
    /// In WAL mode, `synchronous = NORMAL` cannot corrupt the file: a commit may be
    /// lost at a power cut, never half kept, and checkpoints still sync
    /// (https://sqlite.org/pragma.html#pragma_synchronous). Only for changes that
    /// may be lost, such as bookkeeping.
    @discardableResult
    public func withoutWaitingForDisk<T>(_ body: () throws -> T) throws -> T {
        let previous = try scalar("PRAGMA synchronous").map { Row(values: [$0]).int(0) } ?? 2
        try execute("PRAGMA synchronous = NORMAL")
        defer { try? execute("PRAGMA synchronous = \(previous)") }
        return try body()
    }

    /// A number that changes whenever the file changes, by this connection or
    /// another, as SQLite saw it at this connection's latest transaction.
    ///
    /// It starts no transaction of its own, unlike `dataVersion`: read it after
    /// a query, not before (https://sqlite.org/c3ref/c_fcntl_begin_atomic_write.html).
    public var changeCounter: UInt32 {
        get throws(SQLiteError) {
            var counter: UInt32 = 0
            let code = sqlite3_file_control(handle, "main", SQLITE_FCNTL_DATA_VERSION, &counter)
            guard code == SQLITE_OK else { throw error(code: code) }
            return counter
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
