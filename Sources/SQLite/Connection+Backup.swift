import CSQLite

extension Connection {
    /// Writes a consistent snapshot of this database to a new file at `path`.
    ///
    /// The copy is left in rollback-journal mode so that it is a single
    /// self-contained file.
    public func backup(to path: String) throws(SQLiteError) {
        let destination = try Connection(path: path)
        try copy(into: destination)
        try destination.execute("PRAGMA journal_mode = DELETE")
        try destination.close()
    }

    /// Replaces everything in `destination`'s database with a consistent
    /// snapshot of this one, in one write transaction of the destination.
    ///
    /// All pages are copied in one step: a step that copies only some pages starts
    /// again whenever another connection writes (https://sqlite.org/backup.html),
    /// and in WAL mode one whole step does not block writers. Other connections to
    /// the destination see the new contents as one ordinary commit, and a crash
    /// leaves it wholly old or wholly new. A destination in WAL mode stays in WAL
    /// mode, and must have the same page size (else SQLITE_READONLY).
    public func copy(into destination: Connection) throws(SQLiteError) {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw destination.error(code: sqlite3_errcode(destination.handle))
        }
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE else {
            throw SQLiteError(
                code: stepCode, message: String(cString: sqlite3_errstr(stepCode)))
        }
        guard finishCode == SQLITE_OK else { throw destination.error(code: finishCode) }
    }
}
