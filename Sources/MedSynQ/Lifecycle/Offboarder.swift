import Foundation

/// Removes an organisation completely: its files and its catalog entry.
///
/// Every step can be repeated, so running the command again after a crash or a
/// failure at any point finishes the job:
/// 1. the tenant is marked offboarding, after which the server serves nothing
///    of it and closes its shards on its next request;
/// 2. an optional final backup is taken, if the file is still there;
/// 3. its database, WAL files and undo copies are deleted;
/// 4. its catalog entry is removed, which frees its name.
public struct Offboarder: Sendable {
    public let folder: DataFolder
    public let catalog: Catalog

    /// What offboarding did.
    public struct Outcome: Sendable {
        /// The final backup's path, if one was taken.
        public let finalBackup: String?
        public let deletedFiles: [String]
    }

    public init(folder: DataFolder, catalog: Catalog) {
        self.folder = folder
        self.catalog = catalog
    }

    /// The files offboarding `tenant` would delete now.
    public func filesToDelete(of tenant: Tenant) -> [String] {
        folder.existingFiles(of: tenant.id)
    }

    /// Offboards `tenant`, first backing it up into `finalBackupFolder` if given.
    ///
    /// A failed final backup stops everything before any file is deleted; the
    /// tenant stays marked offboarding, and running again retries the backup.
    public func offboard(_ tenant: Tenant, finalBackupFolder: String? = nil) throws -> Outcome {
        try TenantLock.holding(tenant, in: folder) {
            // Read again under the lock: another command may have changed it.
            let current = try catalog.tenant(id: tenant.id) ?? tenant
            return try offboardHoldingLock(current, finalBackupFolder: finalBackupFolder)
        }
    }

    private func offboardHoldingLock(
        _ tenant: Tenant, finalBackupFolder: String?
    ) throws -> Outcome {
        // The backup folder is checked before anything changes.
        if let finalBackupFolder { try Files.createPrivateFolder(finalBackupFolder) }
        if tenant.state != .offboarding {
            try catalog.setState(.offboarding, of: tenant.id)
        }
        CrashPoint.offboardMarked.reached()

        var finalBackup: String?
        if let finalBackupFolder, Files.exists(folder.shardPath(for: tenant.id)) {
            finalBackup = try BackupService(folder: folder, catalog: catalog)
                .backUp(tenant, into: finalBackupFolder)
        }
        CrashPoint.offboardBackedUp.reached()

        // The database goes first: WAL files without it can never be opened.
        let files = filesToDelete(of: tenant)
        for file in files { try Files.remove(file) }
        Files.syncFolder(folder.tenantsPath)
        CrashPoint.offboardDeleted.reached()

        try catalog.remove(tenant.id)
        // The lock file holds no data; it goes last, while its lock is still held.
        try? Files.remove(folder.lockPath(for: tenant.id))
        return Outcome(finalBackup: finalBackup, deletedFiles: files)
    }
}
