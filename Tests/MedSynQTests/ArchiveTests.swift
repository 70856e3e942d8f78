import Foundation
@testable import MedSynQ
import SQLite
import Testing

/// Backup archives: what a good one holds, and how every kind of bad one is
/// refused before anything uses it.
@Suite struct ArchiveTests {
    let fixture: LifecycleFixture
    /// A real backup of an organisation with three patients.
    let archive: String
    let parts: ArchiveParts

    init() throws {
        fixture = try LifecycleFixture()
        archive = try fixture.backup(try fixture.makeTenant("Archive Clinic"))
        parts = try ArchiveParts(of: archive, fixture: fixture)
    }

    @Test func aBackupGivesBackItsManifestAndAnIdenticalDatabase() throws {
        let backup = try extract(archive)
        #expect(backup.manifest.tenantName == "Archive Clinic")
        #expect(backup.manifest.rowCounts["patients"] == 3)
        #expect(backup.manifest.schemaVersion == ShardSchema.currentVersion)
        #expect(try Checksum.sha256(ofFile: backup.databasePath) == backup.manifest.database.sha256)
        #expect(try fixture.patientNames(inFile: backup.databasePath).count == 3)
    }

    @Test func plainTarListsTheManifestThenTheDatabase() throws {
        let listing = try run("/usr/bin/tar", ["-tzf", archive])
        #expect(listing == "manifest.json\ntenant.sqlite\n")
    }

    @Test func anArchiveBuiltByHandFromGoodPartsIsAccepted() throws {
        let path = try parts.write(.intact, in: fixture)
        #expect(try extract(path).manifest == parts.manifest)
    }

    @Test(arguments: HostileArchive.allCases.filter { $0 != .intact })
    func aHostileArchiveIsRefusedWithItsReason(_ hostile: HostileArchive) throws {
        let path = try parts.write(hostile, in: fixture)
        let expected = try #require(hostile.expectedError)
        #expect(throws: expected) { try extract(path) }
    }

    @Test func aWrongCRCInTheGzipTrailerIsCaught() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: archive)))
        bytes[bytes.count - 8] ^= 0xff
        let path = fixture.freePath("bad-crc.tar.gz")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ArchiveError.corruptGzip("incorrect data check")) { try extract(path) }
    }

    @Test(arguments: [0.3, 0.5, 0.7])
    func aCorruptedByteAnywhereIsCaught(at fraction: Double) throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: archive)))
        bytes[Int(Double(bytes.count) * fraction)] ^= 0x5a
        let path = fixture.freePath("flipped.tar.gz")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ArchiveError.self) { try extract(path) }
    }

    @Test func aDamagedDatabaseIsCaughtEvenWhenItsChecksumMatches() throws {
        var damaged = parts
        // The b-tree page headers of every page after the first (the schema's).
        for page in stride(from: 4_096, to: damaged.database.count, by: 4_096) {
            damaged.database.replaceSubrange(page..<page + 8, with: repeatElement(0xee, count: 8))
        }
        try damaged.resealDatabase(in: fixture)
        let path = try damaged.write(.intact, in: fixture)
        #expect {
            try extract(path)
        } throws: { error in
            switch error as? ArchiveError {
            case .failsIntegrityCheck, .unreadableDatabase: true
            default: false
            }
        }
    }

    @Test func aDatabaseOverTheLimitIsRefusedBeforeItIsRead() throws {
        var limits = ArchiveLimits()
        limits.maxDatabaseBytes = 1_024
        #expect(throws: ArchiveError.tooLarge(limit: 1_024)) {
            try extract(archive, limits: limits)
        }
    }

    @Test func anEscapingEntryWritesNothingAnywhere() throws {
        let path = try parts.write(.escapingName, in: fixture)
        let folder = fixture.freePath("scratch")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: ArchiveError.self) { try BackupArchive.extract(path, into: folder) }
        #expect(fixture.files(in: folder).isEmpty)
        #expect(!fixture.files(in: fixture.data.root.path).contains("tenant.sqlite"))
    }

    private func extract(
        _ path: String, limits: ArchiveLimits = ArchiveLimits()
    ) throws -> ExtractedBackup {
        let folder = fixture.freePath("extracted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try BackupArchive.extract(path, into: folder, limits: limits)
    }
}

/// Runs a program to completion and returns what it printed.
func run(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
