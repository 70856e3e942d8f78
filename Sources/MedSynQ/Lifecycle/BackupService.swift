import Foundation
import SQLite

/// Takes backups: a consistent snapshot of a tenant's file, archived with its
/// manifest, proven readable, then given its final name.
///
/// Safe while the server runs: the snapshot goes through SQLite's online backup
/// API, which reads one consistent state of the file without blocking writers.
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

    /// Copies the live file through the online backup API into `scratch`, then
    /// drops the copy's sessions.
    ///
    /// A backup keeps a tenant's records and accounts, not who is logged in: an
    /// archive leaves the server and may be handed to the clinic, and its CSRF
    /// tokens and session digests are no one's business there. `VACUUM INTO`
    /// writes the snapshot afresh, so nothing of deleted rows, these or earlier
    /// ones, stays in free space (and the archive is smaller). It writes into
    /// `scratch`, in the data folder, where plain VACUUM would build its copy in
    /// the system's temporary folder.
    private func takeSnapshot(of tenant: Tenant, into scratch: String) throws -> String {
        let livePath = folder.shardPath(for: tenant.id)
        guard Files.exists(livePath) else { throw LifecycleError.missingDatabase(tenant.name) }
        let copyPath = "\(scratch)/copy.sqlite"
        let live = try Connection(path: livePath, mode: .readWrite)
        try live.backup(to: copyPath)
        try live.close()
        let snapshot = "\(scratch)/snapshot.sqlite"
        let copy = try Connection(path: copyPath, mode: .readWrite)
        try SessionStore(connection: copy).endAll()
        try copy.query("VACUUM INTO ?", snapshot)
        try copy.close()
        try Files.remove(copyPath)
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
