import Foundation
import SQLite

/// Takes backups: a consistent snapshot of a tenant's file, archived with its
/// manifest, proven readable, then given its final name.
///
/// Safe while the server runs: the snapshot is SQLite's `VACUUM INTO`, which
/// reads one consistent state of the file without blocking writers.
public struct BackupService: Sendable {
    public let folder: DataFolder
    public let catalog: Catalog
    public var limits = ArchiveLimits()

    public init(folder: DataFolder, catalog: Catalog) {
        self.folder = folder
        self.catalog = catalog
    }

    /// Backs up `tenant` into `outputFolder` (by default its folder under the
    /// data folder's backups) and returns the archive's path.
    ///
    /// The archive is written under a hidden temporary name and renamed to
    /// `<name>-<UTC time>.tar.gz` only after it has been read back in full and
    /// its copy of the database has passed every check a restore makes.
    public func backUp(_ tenant: Tenant, into outputFolder: String? = nil) throws -> String {
        let output = outputFolder ?? folder.backupsPath(for: tenant.id)
        try Files.createPrivateFolder(output)
        let startedAt = Date.now
        let finalPath = try folder.withScratchFolder { scratch in
            let snapshot = try takeSnapshot(of: tenant, into: scratch)
            let manifest = try makeManifest(for: tenant, snapshot: snapshot, at: startedAt)
            let name = FileName.archive(for: tenant.name, at: startedAt)
            // TODO: remove stale partial archives — a killed backup leaves its
            // hidden ".partial" file in the output folder, which nothing cleans.
            let partial = "\(output)/.\(name).\(Credentials.randomHex(bytes: 4)).partial"
            defer { try? Files.remove(partial) }

            try BackupArchive.write(manifest, database: snapshot, to: partial)
            try readBack(partial, in: scratch)
            return try moveIntoPlace(partial, in: output, name: name)
        }
        try catalog.recordBackup(of: tenant.id, at: startedAt)
        return finalPath
    }

    /// Writes a consistent copy of the live file into `scratch` with `VACUUM INTO`
    /// (one read transaction, which does not block the server's writes), then
    /// deletes the copy's sessions.
    ///
    /// A backup keeps a tenant's records and accounts, not who is logged in: an
    /// archive leaves the server and may be handed to the clinic, and its CSRF
    /// tokens and session digests are no one's business there. The copy is
    /// written afresh, so nothing of rows deleted earlier stays in free space,
    /// and the sessions are overwritten as they are deleted.
    private func takeSnapshot(of tenant: Tenant, into scratch: String) throws -> String {
        let livePath = folder.shardPath(for: tenant.id)
        guard Files.exists(livePath) else { throw LifecycleError.missingDatabase(tenant.name) }
        let snapshot = "\(scratch)/snapshot.sqlite"
        let live = try Connection(path: livePath, mode: .readWrite)
        try live.query("VACUUM INTO ?", snapshot)
        try live.close()
        let copy = try Connection(path: snapshot, mode: .readWrite)
        // No rollback journal: it would keep the deleted pages as they were.
        try copy.execute("PRAGMA journal_mode = OFF")
        try SessionStore(connection: copy).eraseAll()
        try copy.close()
        return snapshot
    }

    private func makeManifest(
        for tenant: Tenant, snapshot: String, at date: Date
    ) throws -> Manifest {
        let connection = try Connection(path: snapshot, mode: .readOnly)
        defer { try? connection.close() }
        return Manifest(
            format: Manifest.currentFormat, tenantID: tenant.id.rawValue, tenantName: tenant.name,
            schemaVersion: try connection.userVersion, sqliteVersion: Connection.libraryVersion,
            createdAt: date,
            database: .init(
                name: BackupArchive.databaseEntry, size: Files.size(of: snapshot) ?? 0,
                sha256: try Checksum.sha256(ofFile: snapshot)),
            rowCounts: try connection.rowCounts())
    }

    /// Extracts the new archive into its own scratch folder and checks it as a
    /// restore would, so that no archive is kept that could not be restored.
    private func readBack(_ archive: String, in scratch: String) throws {
        let checkFolder = "\(scratch)/check"
        try Files.createPrivateFolder(checkFolder)
        do {
            _ = try BackupArchive.extract(archive, into: checkFolder, limits: limits)
        } catch let error as ArchiveError {
            throw LifecycleError.backupCheckFailed(error)
        }
    }

    /// Renames the checked archive to `name`, or to `name` with a counter when
    /// another backup took that name in the same second.
    private func moveIntoPlace(
        _ partial: String, in output: String, name: String
    ) throws -> String {
        let stem = name.dropLast(".tar.gz".count)
        for attempt in 0..<100 {
            let candidate = attempt == 0 ? name : "\(stem)-\(attempt + 1).tar.gz"
            let path = "\(output)/\(candidate)"
            do {
                try Files.moveWithoutReplacing(partial, to: path)
                Files.syncFolder(output)
                return path
            } catch FileError.alreadyExists {
                continue
            }
        }
        throw FileError.alreadyExists("\(output)/\(name)")
    }
}
