import SQLite

/// A database taken out of a backup archive into a scratch folder, with the
/// manifest that came with it.
struct ExtractedBackup {
    let manifest: Manifest
    let databasePath: String

    /// Checks the database against its manifest and on its own: the SHA-256,
    /// `integrity_check`, the schema version, exactly MedSynQ's tables, indexes
    /// and triggers for that version, and the row counts.
    ///
    /// Throws an `ArchiveError` for the first check that fails.
    func check() throws {
        guard try Checksum.sha256(ofFile: databasePath) == manifest.database.sha256 else {
            throw ArchiveError.checksumMismatch
        }
        let connection = try open()
        defer { try? connection.close() }
        do {
            if let problem = try connection.integrityProblems().first {
                throw ArchiveError.failsIntegrityCheck(problem)
            }
            let version = try connection.userVersion
            guard version <= ShardSchema.currentVersion else {
                throw ArchiveError.schemaTooNew(version: version, known: ShardSchema.currentVersion)
            }
            // Anything beyond MedSynQ's own tables (a trigger, say) would run in the
            // live file once restored.
            guard try ShardSchema.objects(in: connection)
                == ShardSchema.objects(atVersion: version)
            else { throw ArchiveError.unexpectedSchema }
            guard version == manifest.schemaVersion,
                  try connection.rowCounts() == manifest.rowCounts
            else { throw ArchiveError.rowCountMismatch }
        } catch let error as SQLiteError {
            throw ArchiveError.unreadableDatabase(error.message)
        }
    }

    /// Opens the extracted database for reading only, with its schema untrusted:
    /// it came from a file that may be hostile (https://sqlite.org/security.html).
    func open() throws -> Connection {
        do {
            let connection = try Connection(path: databasePath, mode: .readOnly)
            try connection.execute("PRAGMA trusted_schema = OFF")
            return connection
        } catch {
            throw ArchiveError.unreadableDatabase(error.message)
        }
    }
}
