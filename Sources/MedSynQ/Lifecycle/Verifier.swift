import Foundation
import SQLite

/// Checks tenants' files: `integrity_check` and the schema version.
public struct Verifier: Sendable {
    public let folder: DataFolder
    public let catalog: Catalog

    /// What verifying one tenant found.
    public struct Report: Sendable {
        public let tenant: Tenant
        /// The file's schema version, if it could be read.
        public let schemaVersion: Int?
        /// Each problem as a short clause; empty when the file is sound.
        public let problems: [String]

        public var isSound: Bool { problems.isEmpty }
    }

    public init(folder: DataFolder, catalog: Catalog) {
        self.folder = folder
        self.catalog = catalog
    }

    /// Verifies `tenant`'s file and records the time in the catalog if it is sound.
    ///
    /// A schema older than this program's counts as a problem: `medsynq migrate`
    /// fixes it. Failures to read the file are reported, not thrown.
    public func verify(_ tenant: Tenant) -> Report {
        let path = folder.shardPath(for: tenant.id)
        guard Files.exists(path) else {
            return Report(tenant: tenant, schemaVersion: nil, problems: ["its file is missing"])
        }
        var version: Int?
        var problems: [String] = []
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            defer { try? connection.close() }
            problems += try connection.integrityProblems().prefix(5)
                .map { "integrity_check: \($0)" }
            version = try connection.userVersion
        } catch {
            problems.append("it cannot be read (\(error))")
        }
        if let version { problems += Self.schemaProblems(version) }
        if problems.isEmpty {
            try? catalog.recordVerification(of: tenant.id, at: .now)
        }
        return Report(tenant: tenant, schemaVersion: version, problems: problems)
    }

    private static func schemaProblems(_ version: Int) -> [String] {
        let current = ShardSchema.currentVersion
        if version > current {
            return ["its schema version \(version) is newer than this program's \(current)"]
        }
        if version < current {
            return ["its schema version \(version) is behind \(current); run medsynq migrate"]
        }
        return []
    }
}
