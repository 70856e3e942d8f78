import Foundation
@testable import MedSynQ
import SQLite

/// The manifest and database bytes of a real backup, from which tests build
/// archives good and bad.
struct ArchiveParts {
    var manifest: Manifest
    var database: [UInt8]

    init(of archive: String, fixture: LifecycleFixture) throws {
        let folder = fixture.freePath("parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let backup = try BackupArchive.extract(archive, into: folder)
        manifest = backup.manifest
        database = try [UInt8](Data(contentsOf: URL(fileURLWithPath: backup.databasePath)))
    }

    var manifestBytes: [UInt8] { [UInt8]((try? manifest.encoded()) ?? Data()) }

    /// Updates the manifest's size and checksum to match changed database bytes.
    mutating func resealDatabase(in fixture: LifecycleFixture) throws {
        let path = fixture.freePath("reseal-\(UUID().uuidString)")
        try Data(database).write(to: URL(fileURLWithPath: path))
        manifest.database.sha256 = try Checksum.sha256(ofFile: path)
        manifest.database.size = Int64(database.count)
        try FileManager.default.removeItem(atPath: path)
    }

    /// Writes `hostile`'s archive into the fixture's folder; returns its path.
    func write(_ hostile: HostileArchive, in fixture: LifecycleFixture) throws -> String {
        let path = fixture.freePath("\(hostile)-\(UUID().uuidString).tar.gz")
        if let bytes = try hostile.rawBytes(self, fixture: fixture) {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } else {
            var tar = TarBuilder()
            try hostile.build(&tar, from: self, fixture: fixture)
            try tar.writeGzipped(to: path)
        }
        return path
    }
}

/// Archives that must be refused, each with the reason it must be refused for.
enum HostileArchive: String, CaseIterable, Sendable {
    case intact
    case empty, notGzip, truncated, trailingData
    case extraEntry, onlyManifest, databaseFirst, duplicateManifest, duplicateDatabase
    case symbolicLink, hardLink, folder, escapingName, absoluteName
    case hugeDatabase, paddingBomb
    case checksumMismatch, sizeMismatch, manifestNotJSON, newerFormat, rowCountsAltered
    case newerSchema

    var expectedError: ArchiveError? {
        switch self {
        case .intact: nil
        case .empty: .empty
        case .notGzip: .notGzip
        case .truncated: .truncated
        case .trailingData: .trailingData
        case .extraEntry: .unexpectedEntry("notes.txt")
        case .onlyManifest: .missingEntry("tenant.sqlite")
        case .databaseFirst: .missingEntry("manifest.json")
        case .duplicateManifest: .duplicateEntry("manifest.json")
        case .duplicateDatabase: .duplicateEntry("tenant.sqlite")
        case .symbolicLink, .hardLink, .folder: .notRegularFile("tenant.sqlite")
        case .escapingName: .unexpectedEntry("../tenant.sqlite")
        case .absoluteName: .unexpectedEntry("/tmp/tenant.sqlite")
        case .hugeDatabase: .tooLarge(limit: ArchiveLimits().maxDatabaseBytes)
        case .paddingBomb: .excessPadding
        case .checksumMismatch: .checksumMismatch
        case .sizeMismatch: .sizeMismatch("tenant.sqlite")
        case .manifestNotJSON: .unreadableManifest("it is not the JSON a manifest must be")
        case .newerFormat: .unknownFormat(2)
        case .rowCountsAltered: .rowCountMismatch
        case .newerSchema: .schemaTooNew(version: 99, known: ShardSchema.currentVersion)
        }
    }

    /// The whole file, for archives that are not gzip-compressed tar at all.
    func rawBytes(_ parts: ArchiveParts, fixture: LifecycleFixture) throws -> [UInt8]? {
        var intact = TarBuilder()
        try Self.intact.build(&intact, from: parts, fixture: fixture)
        let path = fixture.freePath("intact-\(UUID().uuidString).tar.gz")
        try intact.writeGzipped(to: path)
        let gzipped = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        switch self {
        case .empty: return []
        case .notGzip: return Array("manifest.json and tenant.sqlite, honestly\n".utf8)
        case .truncated: return Array(gzipped.prefix(gzipped.count / 2))
        case .trailingData: return gzipped + Array("more".utf8)
        default: return nil
        }
    }

    /// Adds this case's entries to `tar`.
    func build(
        _ tar: inout TarBuilder, from parts: ArchiveParts, fixture: LifecycleFixture
    ) throws {
        var parts = parts
        switch self {
        case .intact, .empty, .notGzip, .truncated, .trailingData: break
        case .extraEntry: tar.add("notes.txt", Array("hello".utf8))
        case .onlyManifest:
            tar.add("manifest.json", parts.manifestBytes)
            tar.finish()
            return
        case .databaseFirst:
            tar.add("tenant.sqlite", parts.database)
            tar.add("manifest.json", parts.manifestBytes)
            tar.finish()
            return
        case .duplicateManifest: tar.add("manifest.json", parts.manifestBytes)
        case .symbolicLink, .hardLink, .folder, .escapingName, .absoluteName, .hugeDatabase:
            tar.add("manifest.json", parts.manifestBytes)
            addOddDatabase(to: &tar)
            tar.finish()
            return
        case .paddingBomb:
            tar.add("manifest.json", parts.manifestBytes)
            tar.add("tenant.sqlite", parts.database)
            tar.finish(padding: 8 << 20)
            return
        case .duplicateDatabase, .checksumMismatch, .sizeMismatch, .manifestNotJSON,
             .newerFormat, .rowCountsAltered, .newerSchema:
            try alter(&parts, fixture: fixture)
        }
        tar.add("manifest.json", self == .manifestNotJSON ? Array("{".utf8) : parts.manifestBytes)
        tar.add("tenant.sqlite", parts.database)
        if self == .duplicateDatabase { tar.add("tenant.sqlite", parts.database) }
        tar.finish()
    }

    private func addOddDatabase(to tar: inout TarBuilder) {
        switch self {
        case .symbolicLink: tar.add("tenant.sqlite", kind: .symbolicLink, linkTarget: "/etc/passwd")
        case .hardLink: tar.add("tenant.sqlite", kind: .hardLink, linkTarget: "manifest.json")
        case .folder: tar.add("tenant.sqlite", kind: .folder)
        case .escapingName: tar.add("../tenant.sqlite", Array("x".utf8))
        case .absoluteName: tar.add("/tmp/tenant.sqlite", Array("x".utf8))
        default: tar.addHuge("tenant.sqlite", declaredSize: 16 << 30)
        }
    }

    private func alter(_ parts: inout ArchiveParts, fixture: LifecycleFixture) throws {
        switch self {
        case .checksumMismatch: parts.manifest.database.sha256 = String(repeating: "0", count: 64)
        case .sizeMismatch: parts.manifest.database.size += 1
        case .newerFormat: parts.manifest.format = 2
        case .rowCountsAltered: parts.manifest.rowCounts["patients"] = 4
        case .newerSchema:
            // PRAGMA user_version is the big-endian integer at byte 60 of the header.
            parts.database.replaceSubrange(60..<64, with: [0, 0, 0, 99])
            parts.manifest.schemaVersion = 99
            try parts.resealDatabase(in: fixture)
        default: break
        }
    }
}
