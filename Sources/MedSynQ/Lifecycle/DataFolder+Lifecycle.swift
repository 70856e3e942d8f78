import Foundation

extension DataFolder {
    /// Where scratch folders of running commands live, inside the data folder so
    /// that patient data never leaves it and renames stay on one file system.
    var scratchPath: String { root.appending(path: "tmp").path }

    /// The default folder of tenant `id`'s backup archives.
    public func backupsPath(for id: TenantID) -> String {
        "\(backupsPath)/\(id.rawValue)"
    }

    // TODO: prune old undo copies — every restore keeps one and only offboarding
    // deletes them, so an operator removes old ones by hand for now.
    /// A free name for the file a restore replaces, from tenant id and time.
    func undoPath(for id: TenantID, at date: Date) -> String {
        let stem = "\(tenantsPath)/\(id.rawValue).undo-\(FileName.stamp(date))"
        var path = stem + ".sqlite"
        var counter = 1
        while Files.exists(path) {
            counter += 1
            path = "\(stem)-\(counter).sqlite"
        }
        return path
    }

    /// The file whose flock(2) claims tenant `id` for one command (`TenantLock`).
    func lockPath(for id: TenantID) -> String {
        "\(tenantsPath)/\(id.rawValue).lock"
    }

    /// The newest undo copy a restore kept of tenant `id`, if any.
    func newestUndoCopy(of id: TenantID) -> String? {
        existingFiles(of: id).last { $0.contains(".undo-") }
    }

    /// Every file on disk that holds tenant `id`'s data: its database, the WAL
    /// files beside it and the undo copies restores kept.
    func existingFiles(of id: TenantID) -> [String] {
        let undoPrefix = "\(id.rawValue).undo-"
        let undoCopies = (try? FileManager.default.contentsOfDirectory(atPath: tenantsPath))?
            .filter { $0.hasPrefix(undoPrefix) }
            .sorted()
            .map { "\(tenantsPath)/\($0)" } ?? []
        return shardFiles(for: id).filter(Files.exists) + undoCopies
    }

    /// Runs `body` with a new private scratch folder, removed afterwards
    /// whatever happens.
    ///
    /// Only a killed process leaves its scratch folder behind, with patient data
    /// in it; such folders are removed here once they are a day old, far older
    /// than any command runs.
    func withScratchFolder<T>(_ body: (String) throws -> T) throws -> T {
        removeScratchFolders(olderThan: 24 * 60 * 60)
        let path = "\(scratchPath)/\(Credentials.randomHex(bytes: 8))"
        try Files.createPrivateFolder(path)
        defer {
            try? FileManager.default.removeItem(atPath: path)
            // Removes the parent too when no other command is using it.
            rmdir(scratchPath)
        }
        return try body(path)
    }

    private func removeScratchFolders(olderThan age: TimeInterval) {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: scratchPath)) ?? [] {
            let path = "\(scratchPath)/\(name)"
            let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, modified.timeIntervalSinceNow < -age {
                try? files.removeItem(atPath: path)
            }
        }
    }
}
