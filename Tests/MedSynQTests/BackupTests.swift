import Foundation
@testable import MedSynQ
import SQLite
import Synchronization
import Testing

/// Taking backups: where archives go, what they are called, and that a
/// snapshot taken during writes is consistent.
@Suite struct BackupTests {
    let fixture: LifecycleFixture

    init() throws {
        fixture = try LifecycleFixture()
    }

    @Test func anArchiveIsNamedAfterTheOrganisationAndKeptInItsBackupFolder() throws {
        let tenant = try fixture.makeTenant("St. Anne's Clinic")
        let path = try fixture.backup(tenant)

        let folder = fixture.data.backupsPath(for: tenant.id)
        let name = try #require(fixture.files(in: folder).first)
        #expect(path == "\(folder)/\(name)")
        #expect(name.wholeMatch(of: /St-Anne-s-Clinic-\d{8}T\d{6}Z\.tar\.gz/) != nil)
        #expect(fixture.files(in: folder).count == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.data.scratchPath))
    }

    @Test func theBackupTimeIsRecordedInTheCatalog() throws {
        let tenant = try fixture.makeTenant("Fern Clinic")
        let before = Date.now.addingTimeInterval(-1)
        _ = try fixture.backup(tenant)
        let recorded = try #require(try fixture.current(tenant)?.lastBackupAt)
        #expect(recorded >= before && recorded <= .now)
    }

    @Test func archivesGoToTheChosenFolderAndNeverOverwriteEachOther() throws {
        let tenant = try fixture.makeTenant("Moss Clinic")
        let output = fixture.freePath("elsewhere/archives")
        let paths = try (0..<3).map { _ in try fixture.backup(tenant, into: output) }
        #expect(Set(paths).count == 3)
        #expect(fixture.files(in: output).count == 3)
        #expect(paths.allSatisfy { $0.hasPrefix(output + "/") })
    }

    @Test func aSnapshotTakenDuringWritesHoldsEveryRowCommittedBeforeIt() throws {
        let tenant = try fixture.makeTenant("Busy Clinic", patients: 0)
        let writer = try ConcurrentWriter(path: fixture.data.shardPath(for: tenant.id))
        let deadline = Date.now.addingTimeInterval(30)
        while writer.committed < 50 && Date.now < deadline { usleep(1_000) }
        try #require(writer.committed >= 50, "the writer stopped early")

        let confirmedBefore = writer.committed
        let archive = try fixture.backup(tenant)
        writer.stop()

        let folder = fixture.freePath("check")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let backup = try BackupArchive.extract(archive, into: folder)
        let names = try fixture.patientNames(inFile: backup.databasePath)
        #expect(names.count >= confirmedBefore)
        #expect(names == (1...names.count).map { "Writer Patient \($0)" })
    }

    @Test func anArchiveHoldsTheAccountsButNoSessionNorItsTraces() throws {
        let tenant = try fixture.makeTenant("Quiet Clinic")
        try fixture.addLoggedInUser(to: tenant, digest: "digest-0f1e2d3c", token: "token-4b5a6978")

        let folder = fixture.freePath("check")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let backup = try BackupArchive.extract(try fixture.backup(tenant), into: folder)
        let copy = try Connection(path: backup.databasePath, mode: .readOnly)
        #expect(try copy.scalar("SELECT count(*) FROM sessions") == .integer(0))
        #expect(try copy.scalar("SELECT count(*) FROM users") == .integer(1))
        try copy.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup.databasePath))
        #expect(bytes.range(of: Data("digest-0f1e2d3c".utf8)) == nil)
        #expect(bytes.range(of: Data("token-4b5a6978".utf8)) == nil)
        #expect(backup.manifest.rowCounts["sessions"] == 0)
    }

    @Test func aTenantWhoseFileIsMissingIsReportedAndNothingIsWritten() throws {
        let tenant = try fixture.makeTenant("Gone Clinic")
        try FileManager.default.removeItem(atPath: fixture.data.shardPath(for: tenant.id))
        #expect(throws: LifecycleError.missingDatabase("Gone Clinic")) {
            try fixture.backup(tenant)
        }
        #expect(fixture.files(in: fixture.data.backupsPath(for: tenant.id)).isEmpty)
        #expect(try fixture.current(tenant)?.lastBackupAt == nil)
    }

    @Test(arguments: [
        ("St. Anne's  Clinic", "St-Anne-s-Clinic"),
        ("../../etc/passwd", "etc-passwd"),
        ("Clínica Señora Niña", "Clinica-Senora-Nina"),
        ("診療所", "organisation"),
        ("", "organisation"),
        ("a/b\\c\td", "a-b-c-d"),
    ])
    func fileNamesKeepOnlyLettersDigitsAndDashes(name: String, expected: String) {
        #expect(FileName.safe(name) == expected)
    }

    @Test func fileNamesAreCutToSixtyCharacters() {
        #expect(FileName.safe(String(repeating: "ab ", count: 100)).count <= 60)
    }

    @Test func timesInFileNamesAreUTCWithoutColons() {
        let date = Date(timeIntervalSince1970: 1_796_315_445)
        #expect(FileName.stamp(date) == "20261203T163045Z")
        #expect(FileName.archive(for: "Cove", at: date) == "Cove-20261203T163045Z.tar.gz")
    }
}

/// Another connection adding patients as fast as it can on its own thread,
/// as the server does, counting the commits that have returned.
final class ConcurrentWriter: Sendable {
    private let state = Mutex((committed: 0, isStopped: false))
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
        Thread.detachNewThread { [self] in
            defer { finished.signal() }
            guard let connection = try? Connection(path: path, mode: .readWrite) else { return }
            var number = 0
            while !state.withLock({ $0.isStopped }) {
                number += 1
                guard (try? connection.query(
                    "INSERT INTO patients (name, date_of_birth, created_at) VALUES (?, ?, 0)",
                    "Writer Patient \(number)", "1990-01-01")) != nil
                else { return }
                state.withLock { $0.committed = number }
            }
            try? connection.close()
        }
    }

    /// How many inserts have committed so far.
    var committed: Int { state.withLock { $0.committed } }

    /// Stops writing and waits for the thread to end.
    func stop() {
        state.withLock { $0.isStopped = true }
        finished.wait()
    }
}
