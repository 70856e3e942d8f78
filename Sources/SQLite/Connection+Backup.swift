import CSQLite
import Foundation

extension Connection {
    /// Writes a consistent snapshot of this database to a new file at `path`.
    ///
    /// The copy is left in rollback-journal mode, a single self-contained file. It
    /// is written under a temporary name and renamed into place, so `path` never
    /// holds a partial copy; an existing file at `path` is an error.
    public func backup(to path: String) throws(SQLiteError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "\(path) exists already")
        }
        let temporary = path + ".partial"
        do throws(SQLiteError) {
            let destination = try Connection(path: temporary)
            do throws(SQLiteError) {
                try copy(into: destination)
                try destination.execute("PRAGMA journal_mode = DELETE")
            } catch {
                try? destination.close()
                throw error
            }
            try destination.close()
            guard rename(temporary, path) == 0 else {
                throw SQLiteError(code: SQLITE_IOERR, message: "cannot rename the copy to \(path)")
            }
        } catch {
            for leftover in [temporary, temporary + "-journal"] {
                try? FileManager.default.removeItem(atPath: leftover)
            }
            throw error
        }
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
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            throw destination.error(code: stepCode == SQLITE_DONE ? finishCode : stepCode)
        }
    }
}
