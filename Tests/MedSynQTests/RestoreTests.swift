import Foundation
@testable import MedSynQ
import SQLite
import Testing

/// Restoring archives over organisations and as new ones, and refusing to
/// touch anything live for a bad archive.
@Suite struct RestoreTests {
    let fixture: LifecycleFixture

    init() throws {
        fixture = try LifecycleFixture()
    }

    @Test func restoringOverAnOrganisationBringsBackItsDataAndKeepsTheReplacedFile() throws {
        let tenant = try fixture.makeTenant("Harbour Clinic", patients: 3)
        let neighbour = try fixture.makeTenant("Neighbour Clinic", patients: 2)
        let archive = try fixture.backup(tenant)
        try fixture.addPatients(2, to: tenant)

        let outcome = try fixture.restore(archive)

        #expect(try fixture.patientNames(of: tenant).count == 3)
        #expect(!outcome.isNewTenant)
        #expect(outcome.tenant.id == tenant.id)
        #expect(try fixture.current(tenant)?.state == .active)
        let undoPath = try #require(outcome.undoPath)
        #expect(try fixture.patientNames(inFile: undoPath).count == 5)
        #expect(try fixture.patientNames(of: neighbour).count == 2)
        #expect(!FileManager.default.fileExists(atPath: fixture.data.scratchPath))
    }

    @Test func aConnectionHeldOpenThroughTheRestoreSeesTheRestoredDataInASoundFile() throws {
        let tenant = try fixture.makeTenant("Held Clinic", patients: 3)
        let archive = try fixture.backup(tenant)
        try fixture.addPatients(2, to: tenant)
        // Like the server's shard: open, in WAL mode, with a page cache.
        let held = try Connection(path: fixture.data.shardPath(for: tenant.id), mode: .readWrite)
        try held.enableWriteAheadLog()
        let count = "SELECT count(*) FROM patients"
        #expect(try held.scalar(count) == .integer(5))

        _ = try fixture.restore(archive)

        #expect(try held.scalar(count) == .integer(3))
        try held.query(
            "INSERT INTO patients (name, date_of_birth, created_at) VALUES ('Late Patient', '', 0)")
        #expect(try held.integrityProblems().isEmpty)
        try held.close()
        #expect(try fixture.patientNames(of: tenant).count == 4)
    }

    @Test func restoringUnderANewNameCreatesAnotherOrganisation() throws {
        let tenant = try fixture.makeTenant("Cove Clinic", patients: 3)
        let archive = try fixture.backup(tenant)
        try fixture.addPatients(1, to: tenant)

        let outcome = try fixture.restore(archive, as: "Cove Clinic (copy)")

        #expect(outcome.isNewTenant)
        #expect(outcome.tenant.id != tenant.id)
        #expect(try fixture.catalog.tenant(named: "cove clinic (COPY)")?.id == outcome.tenant.id)
        #expect(try fixture.patientNames(of: outcome.tenant).count == 3)
        #expect(try fixture.patientNames(of: tenant).count == 4)
    }

    @Test func aNewOrganisationFromAnArchiveStartsWithNobodyLoggedIn() throws {
        let tenant = try fixture.makeTenant("Logged Clinic")
        try fixture.addLoggedInUser(to: tenant)

        let outcome = try fixture.restore(try fixture.backup(tenant), as: "Logged Copy")
        let copy = try Connection(
            path: fixture.data.shardPath(for: outcome.tenant.id), mode: .readOnly)
        defer { try? copy.close() }
        #expect(try copy.scalar("SELECT count(*) FROM sessions") == .integer(0))
        #expect(try copy.scalar("SELECT count(*) FROM users") == .integer(1))
    }

    @Test(arguments: [false, true])
    func anArchiveThatStillHoldsSessionsRestoresWithNobodyLoggedIn(asNew: Bool) throws {
        // Archives made before backups dropped sessions still hold them.
        let tenant = try fixture.makeTenant("Older Clinic")
        try fixture.addLoggedInUser(to: tenant)
        let copy = fixture.freePath("with-sessions.sqlite")
        let live = try Connection(path: fixture.data.shardPath(for: tenant.id), mode: .readWrite)
        try live.backup(to: copy)
        try live.close()
        let withSessions = try Connection(path: copy, mode: .readOnly)
        #expect(try withSessions.scalar("SELECT count(*) FROM sessions") == .integer(1))
        try withSessions.close()
        let archive = try fixture.archive(ofDatabase: copy, as: tenant)

        let outcome = try fixture.restore(archive, as: asNew ? "Older Copy" : nil)
        let restored = try Connection(
            path: fixture.data.shardPath(for: outcome.tenant.id), mode: .readOnly)
        defer { try? restored.close() }
        #expect(try restored.scalar("SELECT count(*) FROM sessions") == .integer(0))
        #expect(try restored.scalar("SELECT count(*) FROM users") == .integer(1))
    }

    @Test func aWriteUnderWayWhenTheRestoreBeginsEndsUpInTheUndoCopy() throws {
        let tenant = try fixture.makeTenant("Racing Clinic", patients: 1)
        let archive = try fixture.backup(tenant)
        // A server write holds the write lock from its check to its commit.
        let writer = try Connection(path: fixture.data.shardPath(for: tenant.id), mode: .readWrite)
        try writer.execute("""
            BEGIN IMMEDIATE;
            INSERT INTO patients (name, date_of_birth, created_at)
                VALUES ('Late Writer', '1970-01-01', 0);
            """)
        let committed = DispatchSemaphore(value: 0)
        let unsafeWriter = UncheckedBox(writer)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            try? unsafeWriter.value.execute("COMMIT")
            committed.signal()
        }

        let outcome = try fixture.restore(archive)
        committed.wait()
        try writer.close()
        let undo = try #require(outcome.undoPath)
        #expect(try fixture.patientNames(inFile: undo).contains("Late Writer"))
        #expect(try !fixture.patientNames(of: tenant).contains("Late Writer"))
    }

    @Test func aTakenNameIsRefusedAndNothingChanges() throws {
        let tenant = try fixture.makeTenant("Cove Clinic")
        let archive = try fixture.backup(tenant)
        let filesBefore = fixture.files(in: fixture.data.tenantsPath)

        #expect(throws: LifecycleError.nameTaken("COVE  clinic")) {
            try fixture.restore(archive, as: " COVE  clinic")
        }
        #expect(try fixture.catalog.allTenants().count == 1)
        #expect(fixture.files(in: fixture.data.tenantsPath) == filesBefore)
    }

    @Test func anOrganisationTheCatalogNoLongerHasReturnsWithANewID() throws {
        let tenant = try fixture.makeTenant("Lost Clinic", patients: 2)
        let archive = try fixture.backup(tenant)
        _ = try Offboarder(folder: fixture.data, catalog: fixture.catalog).offboard(tenant)

        let outcome = try fixture.restore(archive)

        #expect(outcome.isNewTenant)
        #expect(outcome.tenant.name == "Lost Clinic")
        #expect(outcome.tenant.id != tenant.id)
        #expect(try fixture.patientNames(of: outcome.tenant).count == 2)
    }

    @Test func anArchiveWithAnOlderSchemaIsMigrated() throws {
        let tenant = try fixture.makeTenant("Old Clinic")
        let oldDatabase = fixture.freePath("old.sqlite")
        try Connection(path: oldDatabase).close()

        _ = try fixture.restore(try fixture.archive(ofDatabase: oldDatabase, as: tenant))

        let live = try Connection(path: fixture.data.shardPath(for: tenant.id), mode: .readWrite)
        defer { try? live.close() }
        #expect(try live.userVersion == ShardSchema.currentVersion)
        #expect(try fixture.patientNames(of: tenant).isEmpty)
        #expect(try fixture.current(tenant)?.schemaVersion == ShardSchema.currentVersion)
    }

    @Test func anArchiveWithATriggerOfItsOwnIsRefused() throws {
        let tenant = try fixture.makeTenant("Trap Clinic")
        let hostile = fixture.freePath("hostile.sqlite")
        let connection = try Connection(path: hostile)
        try ShardSchema.migrate(connection)
        try connection.execute(
            "CREATE TRIGGER wipe AFTER INSERT ON patients BEGIN DELETE FROM users; END")
        try connection.close()
        let archive = try fixture.archive(ofDatabase: hostile, as: tenant)

        #expect(throws: LifecycleError.unusableArchive(path: archive, .unexpectedSchema)) {
            try fixture.restore(archive)
        }
        #expect(try fixture.patientNames(of: tenant).count == 3)
        #expect(try fixture.current(tenant)?.state == .active)
    }

    @Test(arguments: ["\u{1B}[31mRed Clinic", "   ", "Right\u{202E}Left Clinic"])
    func aNameFromTheManifestGetsTheSignUpChecks(name: String) throws {
        let source = try fixture.makeTenant("Source Clinic")
        let stranger = Tenant(
            id: .random(), name: name, state: .active, schemaVersion: source.schemaVersion,
            createdAt: .now, lastBackupAt: nil, lastVerifiedAt: nil)
        let archive = try fixture.archive(
            ofDatabase: fixture.data.shardPath(for: source.id), as: stranger)
        let before = try fixture.catalog.allTenants()

        #expect(throws: LifecycleError.self) { try fixture.restore(archive) }
        #expect(try fixture.catalog.allTenants() == before)
    }

    @Test(arguments: [
        HostileArchive.truncated, .trailingData, .escapingName, .symbolicLink, .checksumMismatch,
        .newerSchema, .paddingBomb,
    ])
    func aBadArchiveChangesNothingLive(_ hostile: HostileArchive) throws {
        let tenant = try fixture.makeTenant("Steady Clinic", patients: 3)
        let parts = try ArchiveParts(of: try fixture.backup(tenant), fixture: fixture)
        try fixture.addPatients(1, to: tenant)
        let path = try parts.write(hostile, in: fixture)
        let filesBefore = fixture.files(in: fixture.data.tenantsPath)

        #expect(throws: LifecycleError.unusableArchive(path: path, hostile.expectedError!)) {
            try fixture.restore(path)
        }
        #expect(try fixture.current(tenant)?.state == .active)
        #expect(try fixture.patientNames(of: tenant).count == 4)
        #expect(fixture.files(in: fixture.data.tenantsPath) == filesBefore)
        #expect(!FileManager.default.fileExists(atPath: fixture.data.scratchPath))
    }

    @Test func aMissingArchiveIsReportedAsSuch() throws {
        let path = fixture.freePath("nowhere.tar.gz")
        #expect(throws: LifecycleError.unusableArchive(path: path, .missing)) {
            try fixture.restore(path)
        }
    }

    @Test func aFolderGivenAsTheArchiveIsReportedAsSuch() throws {
        let path = fixture.freePath("a-folder")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(throws: LifecycleError.unusableArchive(path: path, .notAFile)) {
            try fixture.restore(path)
        }
        #expect(try fixture.catalog.allTenants().isEmpty)
    }

    @Test func anOrganisationBeingOffboardedIsNotRestoredOver() throws {
        let tenant = try fixture.makeTenant("Leaving Clinic")
        let archive = try fixture.backup(tenant)
        try fixture.catalog.setState(.offboarding, of: tenant.id)
        #expect(throws: LifecycleError.beingOffboarded("Leaving Clinic")) {
            try fixture.restore(archive)
        }
        #expect(try fixture.current(tenant)?.state == .offboarding)
    }

    @Test func aDifferentPageSizeIsRefusedBeforeTheOrganisationIsPaused() throws {
        let tenant = try fixture.makeTenant("Paged Clinic")
        let otherDatabase = fixture.freePath("paged.sqlite")
        let connection = try Connection(path: otherDatabase)
        try connection.execute("PRAGMA page_size = 8192")
        try ShardSchema.migrate(connection)
        try connection.close()
        let archive = try fixture.archive(ofDatabase: otherDatabase, as: tenant)

        #expect(throws: LifecycleError.pageSizeMismatch("Paged Clinic")) {
            try fixture.restore(archive)
        }
        #expect(try fixture.current(tenant)?.state == .active)
        #expect(fixture.files(in: fixture.data.tenantsPath).allSatisfy { !$0.contains(".undo-") })
    }

    @Test func aRestoreRunAgainAfterACrashLeavesTheOrganisationActive() throws {
        let tenant = try fixture.makeTenant("Crashed Clinic", patients: 2)
        let archive = try fixture.backup(tenant)
        // What a restore killed after pausing the tenant leaves behind.
        try fixture.catalog.setState(.maintenance, of: tenant.id)

        _ = try fixture.restore(archive)

        #expect(try fixture.current(tenant)?.state == .active)
        #expect(try fixture.patientNames(of: tenant).count == 2)
    }
}

/// Hands a connection to another thread in a test that orders the two by hand.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
