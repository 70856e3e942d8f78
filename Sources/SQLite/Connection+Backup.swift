import CSQLite
import Foundation

extension Connection {
    /// Writes a consistent snapshot of this database to a new file at `path`.
    ///
    /// All pages are copied in one step: a step that copies only some pages starts
    /// again whenever another connection writes (https://sqlite.org/backup.html),
    /// and in WAL mode one whole step does not block writers. The copy is left in
    /// rollback-journal mode, a single self-contained file. It is written under a
    /// temporary name and renamed into place, so `path` never holds a partial copy;
    /// an existing file at `path` is an error.
    public func backup(to path: String) throws(SQLiteError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "\(path) exists already")
        }
        let temporary = path + ".partial"
        do throws(SQLiteError) {
            try copyPages(to: temporary)
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

    private func copyPages(to path: String) throws(SQLiteError) {
        let destination = try Connection(path: path)
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            let failure = destination.error(code: sqlite3_errcode(destination.handle))
            try destination.close()
            throw failure
        }
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            let failure = destination.error(code: stepCode == SQLITE_DONE ? finishCode : stepCode)
            try destination.close()
            throw failure
        }
        try destination.execute("PRAGMA journal_mode = DELETE")
        try destination.close()
    }
}
