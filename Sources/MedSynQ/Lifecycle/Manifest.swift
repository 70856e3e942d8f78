import Foundation

/// What a backup archive says about itself, stored as `manifest.json` beside
/// the database.
///
/// It holds no patient data: ids, names of the organisation, versions, sizes,
/// a checksum and how many rows each table has.
public struct Manifest: Codable, Sendable, Equatable {
    /// The archive layout this program writes and reads.
    public static let currentFormat = 1

    public var format: Int
    public var tenantID: String
    public var tenantName: String
    /// The database's `PRAGMA user_version`.
    public var schemaVersion: Int
    /// The SQLite library that took the snapshot.
    public var sqliteVersion: String
    public var createdAt: Date
    public var database: DatabaseFile
    /// Rows per table, to compare with the database when it is restored.
    public var rowCounts: [String: Int64]

    /// The database entry of the archive.
    public struct DatabaseFile: Codable, Sendable, Equatable {
        public var name: String
        public var size: Int64
        /// Lower-case hexadecimal SHA-256 of the entry's bytes.
        public var sha256: String
    }

    private enum CodingKeys: String, CodingKey {
        case format, database
        case tenantID = "tenant_id"
        case tenantName = "tenant_name"
        case schemaVersion = "schema_version"
        case sqliteVersion = "sqlite_version"
        case createdAt = "created_at"
        case rowCounts = "row_counts"
    }

    /// The manifest as indented JSON with sorted keys, so that equal manifests
    /// have equal bytes.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads and checks a manifest from an archive, which may be hostile.
    static func decoded(from data: Data) throws(ArchiveError) -> Manifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest: Manifest
        do {
            manifest = try decoder.decode(Manifest.self, from: data)
        } catch {
            throw .unreadableManifest("it is not the JSON a manifest must be")
        }
        try manifest.validate()
        return manifest
    }

    private func validate() throws(ArchiveError) {
        guard format == Self.currentFormat else { throw .unknownFormat(format) }
        guard TenantID(tenantID) != nil else {
            throw .unreadableManifest("its tenant id is not one MedSynQ makes")
        }
        let digits = database.sha256.utf8
        let isHex = digits.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        guard digits.count == 64, isHex, database.name == BackupArchive.databaseEntry,
              database.size >= 0, schemaVersion >= 0
        else { throw .unreadableManifest("its database description is malformed") }
    }
}
