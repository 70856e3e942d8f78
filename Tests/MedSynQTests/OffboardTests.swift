import Foundation
@testable import MedSynQ
import SQLite
import Testing

/// Offboarding: everything of an organisation goes, nothing of the others,
/// and an interrupted offboarding finishes when run again.
@Suite struct OffboardTests {
    let fixture: LifecycleFixture
    let offboarder: Offboarder

    init() throws {
        fixture = try LifecycleFixture()
        offboarder = Offboarder(folder: fixture.data, catalog: fixture.catalog)
    }

    @Test func offboardingDeletesEveryFileAndTheCatalogEntry() throws {
        let tenant = try fixture.makeTenant("Leaving Clinic")
        let staying = try fixture.makeTenant("Staying Clinic", patients: 2)
        // A restore's undo copy and an open connection's WAL files are data too.
        _ = try fixture.restore(try fixture.backup(tenant))
        let held = try Connection(path: fixture.data.shardPath(for: tenant.id), mode: .readWrite)
        try held.enableWriteAheadLog()
        _ = try held.scalar("SELECT count(*) FROM patients")
        let doomed = offboarder.filesToDelete(of: tenant)
        #expect(doomed.count == 4)

        let outcome = try offboarder.offboard(tenant)

        #expect(outcome.deletedFiles == doomed)
        #expect(doomed.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        let remaining = fixture.files(in: fixture.data.tenantsPath)
        #expect(remaining.allSatisfy { $0.hasPrefix(staying.id.rawValue) })
        #expect(try fixture.current(tenant) == nil)
        #expect(try fixture.patientNames(of: staying).count == 2)
        try held.close()
    }

    @Test func aNewOrganisationWithTheSameNameStartsEmpty() throws {
        let tenant = try fixture.makeTenant("Reborn Clinic", patients: 3)
        _ = try offboarder.offboard(tenant)

        let successor = try fixture.makeTenant("reborn  CLINIC", patients: 0)

        #expect(successor.id != tenant.id)
        #expect(try fixture.patientNames(of: successor).isEmpty)
    }

    @Test func aFinalBackupIsTakenFirstAndRestoresTheOrganisation() throws {
        let tenant = try fixture.makeTenant("Archived Clinic", patients: 3)
        let folder = fixture.freePath("final")

        let outcome = try offboarder.offboard(tenant, finalBackupFolder: folder)

        let archive = try #require(outcome.finalBackup)
        #expect(fixture.files(in: folder).count == 1)
        let restored = try fixture.restore(archive)
        #expect(try fixture.patientNames(of: restored.tenant).count == 3)
    }

    @Test func runningAgainAfterTheFilesWereDeletedRemovesTheCatalogEntry() throws {
        let tenant = try fixture.makeTenant("Half Gone Clinic")
        // What a crash between deleting the files and removing the entry leaves.
        try fixture.catalog.setState(.offboarding, of: tenant.id)
        for file in fixture.data.shardFiles(for: tenant.id) { try Files.remove(file) }
        let leftover = try #require(try fixture.current(tenant))

        let outcome = try offboarder.offboard(leftover, finalBackupFolder: fixture.freePath("f"))

        #expect(outcome.deletedFiles.isEmpty)
        #expect(outcome.finalBackup == nil)
        #expect(try fixture.current(tenant) == nil)
    }

    @Test func runningAgainAfterOnlyTheMarkDeletesEverything() throws {
        let tenant = try fixture.makeTenant("Marked Clinic")
        try fixture.catalog.setState(.offboarding, of: tenant.id)
        let marked = try #require(try fixture.current(tenant))

        let outcome = try offboarder.offboard(marked)

        #expect(outcome.deletedFiles == [fixture.data.shardPath(for: tenant.id)])
        #expect(try fixture.current(tenant) == nil)
    }

    @Test func aFinalBackupThatCannotBeWrittenStopsBeforeAnythingChanges() throws {
        let tenant = try fixture.makeTenant("Careful Clinic", patients: 1)
        let blocker = fixture.freePath("a-file")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))

        #expect(throws: FileError.cannotCreate(blocker + "/final")) {
            try offboarder.offboard(tenant, finalBackupFolder: blocker + "/final")
        }
        #expect(try fixture.current(tenant)?.state == .active)
        #expect(try fixture.patientNames(of: tenant).count == 1)

        #expect(throws: FileError.notAFolder(blocker)) {
            try offboarder.offboard(tenant, finalBackupFolder: blocker)
        }
        #expect(try fixture.current(tenant)?.state == .active)
    }
}

/// Commands on one tenant take turns.
@Suite struct TenantLockTests {
    @Test func aSecondCommandOnATenantThatIsBeingWorkedOnIsRefused() throws {
        let fixture = try LifecycleFixture()
        let tenant = try fixture.makeTenant("Busy Clinic")
        let offboarder = Offboarder(folder: fixture.data, catalog: fixture.catalog)
        try TenantLock.holding(tenant, in: fixture.data) {
            #expect(throws: LifecycleError.tenantBusy("Busy Clinic")) {
                try offboarder.offboard(tenant)
            }
            #expect(throws: LifecycleError.tenantBusy("Busy Clinic")) {
                try Migrator(folder: fixture.data, catalog: fixture.catalog).migrate(tenant)
            }
        }
        #expect(try fixture.current(tenant)?.state == .active)
        _ = try offboarder.offboard(tenant)
        #expect(try fixture.current(tenant) == nil)
    }
}
