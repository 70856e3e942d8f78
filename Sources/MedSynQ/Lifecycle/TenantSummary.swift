import Foundation
import SQLite

/// One line of `medsynq tenants`: what the catalog says of an organisation and
/// how big its file is. It holds counts only, never patient data.
public struct TenantSummary: Sendable, Equatable {
    public let id: String
    public let name: String
    public let state: String
    /// The database and its WAL file, in bytes; nil when the file is missing.
    public let fileBytes: Int64?
    /// Nil when the file is missing or cannot be read.
    public let patientCount: Int64?
    public let lastBackupAt: Date?
    public let lastVerifiedAt: Date?

    /// Summarises `tenant`, reading its file for the patient count.
    public init(_ tenant: Tenant, folder: DataFolder) {
        id = tenant.id.rawValue
        name = tenant.name
        state = tenant.state.rawValue
        lastBackupAt = tenant.lastBackupAt
        lastVerifiedAt = tenant.lastVerifiedAt
        let path = folder.shardPath(for: tenant.id)
        fileBytes = Files.size(of: path).map { $0 + (Files.size(of: path + "-wal") ?? 0) }
        patientCount = fileBytes == nil || tenant.state == .offboarding
            ? nil : Self.countPatients(at: path)
    }

    /// Summaries of every tenant in the catalog, by name.
    public static func all(in folder: DataFolder, catalog: Catalog) throws -> [TenantSummary] {
        try catalog.allTenants().map { TenantSummary($0, folder: folder) }
    }

    private static func countPatients(at path: String) -> Int64? {
        guard let connection = try? Connection(path: path, mode: .readWrite) else { return nil }
        defer { try? connection.close() }
        return try? connection.scalar("SELECT count(*) FROM patients")
            .map { Row(values: [$0]).int(0) }
    }
}

extension TenantSummary: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, name, state
        case fileBytes = "file_bytes"
        case patientCount = "patient_count"
        case lastBackupAt = "last_backup_at"
        case lastVerifiedAt = "last_verified_at"
    }

    /// Encodes every key, with null for what is unknown, so that scripts can
    /// rely on the shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(state, forKey: .state)
        try container.encode(fileBytes, forKey: .fileBytes)
        try container.encode(patientCount, forKey: .patientCount)
        try container.encode(lastBackupAt, forKey: .lastBackupAt)
        try container.encode(lastVerifiedAt, forKey: .lastVerifiedAt)
    }
}
