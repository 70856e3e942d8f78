import Foundation
@testable import MedSynQ
import SQLite

/// A data folder with a catalog and organisations whose patients have made-up
/// names, for the lifecycle tests. The folder is removed with the fixture.
final class LifecycleFixture {
    let folder: TestFolder
    let catalog: Catalog

    var data: DataFolder { folder.data }

    init() throws {
        folder = try TestFolder()
        catalog = try Catalog(folder: folder.data)
    }

    /// Adds a user to `tenant`'s file with one session whose stored digest and
    /// CSRF token are the given made-up strings.
    func addLoggedInUser(
        to tenant: Tenant, digest: String = "digest", token: String = "token"
    ) throws {
        let shard = try Connection(path: data.shardPath(for: tenant.id), mode: .readWrite)
        defer { try? shard.close() }
        try shard.query(
            "INSERT INTO users (name, email, password_hash, created_at) VALUES (?, ?, 'x', 0)",
            "Ash", "ash@example.org")
        try shard.query(
            """
            INSERT INTO sessions (secret_digest, user_id, csrf_token, created_at, last_seen_at)
            VALUES (?, last_insert_rowid(), ?, 0, 0)
            """,
            digest, token)
    }

    /// A new active organisation whose file holds `patients` made-up patients.
    func makeTenant(_ name: String, patients: Int = 3) throws -> Tenant {
        let id = TenantID.random()
        let shard = try Shard.create(id, at: data.shardPath(for: id))
        try shard.close()
        let tenant = Tenant(
            id: id, name: name, state: .active, schemaVersion: ShardSchema.currentVersion,
            createdAt: .now, lastBackupAt: nil, lastVerifiedAt: nil)
        try catalog.insert(tenant)
        try addPatients(patients, to: tenant)
        return tenant
    }

    /// Adds patients named "Test Patient <n>", numbered on from those there.
    func addPatients(_ count: Int, to tenant: Tenant) throws {
        let connection = try Connection(path: data.shardPath(for: tenant.id))
        defer { try? connection.close() }
        let first = try patientNames(of: tenant).count + 1
        for number in first..<(first + count) {
            try connection.query(
                "INSERT INTO patients (name, date_of_birth, created_at) VALUES (?, ?, ?)",
                "Test Patient \(number)", "1990-01-01", Date.now.timeIntervalSince1970)
        }
    }

    /// The patients' names in tenant's live file, in the order they were added.
    func patientNames(of tenant: Tenant) throws -> [String] {
        try patientNames(inFile: data.shardPath(for: tenant.id))
    }

    func patientNames(inFile path: String) throws -> [String] {
        let connection = try Connection(path: path, mode: .readWrite)
        defer { try? connection.close() }
        return try connection.query("SELECT name FROM patients ORDER BY id").map { $0.text(0) }
    }

    /// The catalog's current record of `tenant`.
    func current(_ tenant: Tenant) throws -> Tenant? {
        try catalog.tenant(id: tenant.id)
    }

    func backup(_ tenant: Tenant, into folder: String? = nil) throws -> String {
        try BackupService(folder: data, catalog: catalog).backUp(tenant, into: folder)
    }

    func restore(_ archive: String, as name: String? = nil) throws -> RestoreService.Outcome {
        try RestoreService(folder: data, catalog: catalog).restore(archive: archive, as: name)
    }

    /// Archives the database file at `path` as if it were `tenant`'s backup,
    /// bypassing the backup service, for databases it would never produce.
    func archive(ofDatabase path: String, as tenant: Tenant) throws -> String {
        let connection = try Connection(path: path, mode: .readOnly)
        let manifest = Manifest(
            format: Manifest.currentFormat, tenantID: tenant.id.rawValue, tenantName: tenant.name,
            schemaVersion: try connection.userVersion, sqliteVersion: Connection.libraryVersion,
            createdAt: .now,
            database: .init(
                name: BackupArchive.databaseEntry, size: Files.size(of: path) ?? 0,
                sha256: try Checksum.sha256(ofFile: path)),
            rowCounts: try connection.rowCounts())
        try connection.close()
        let archive = freePath("handmade-\(UUID().uuidString).tar.gz")
        try BackupArchive.write(manifest, database: path, to: archive)
        return archive
    }

    /// The names of the files in folder `path`, sorted; empty if it is missing.
    func files(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// A path inside the data folder that nothing uses yet.
    func freePath(_ name: String) -> String {
        data.root.appending(path: name).path
    }
}
