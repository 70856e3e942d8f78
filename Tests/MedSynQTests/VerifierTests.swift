import Foundation
@testable import MedSynQ
import SQLite
import Testing

/// Verifying, migrating and summarising organisations' files.
@Suite struct VerifierTests {
    let fixture: LifecycleFixture
    let verifier: Verifier

    init() throws {
        fixture = try LifecycleFixture()
        verifier = Verifier(folder: fixture.data, catalog: fixture.catalog)
    }

    @Test func aSoundFileIsReportedSoundAndTheTimeRecorded() throws {
        let tenant = try fixture.makeTenant("Sound Clinic")
        let report = verifier.verify(tenant)
        #expect(report.isSound)
        #expect(report.schemaVersion == ShardSchema.currentVersion)
        #expect(try fixture.current(tenant)?.lastVerifiedAt != nil)
    }

    @Test func aDamagedFileIsReportedWithItsProblems() throws {
        let tenant = try fixture.makeTenant("Damaged Clinic", patients: 50)
        let path = fixture.data.shardPath(for: tenant.id)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        // Page 3's b-tree header: a page type SQLite does not know.
        try handle.seek(toOffset: 2 * 4_096)
        try handle.write(contentsOf: Data(repeating: 0xee, count: 8))
        try handle.close()

        let report = verifier.verify(tenant)

        #expect(!report.isSound)
        #expect(try fixture.current(tenant)?.lastVerifiedAt == nil)
    }

    @Test func aMissingFileIsAProblem() throws {
        let tenant = try fixture.makeTenant("Missing Clinic")
        try Files.remove(fixture.data.shardPath(for: tenant.id))
        #expect(verifier.verify(tenant).problems == ["its file is missing"])
    }

    @Test func aSchemaBehindThisProgramIsAProblemThatMigrateFixes() throws {
        let tenant = try fixture.makeTenant("Behind Clinic")
        let path = fixture.data.shardPath(for: tenant.id)
        try Files.remove(path)
        try Connection(path: path).close()
        #expect(verifier.verify(tenant).problems.first?.contains("run medsynq migrate") == true)

        let outcome = try Migrator(folder: fixture.data, catalog: fixture.catalog).migrate(tenant)

        #expect(outcome.fromVersion == 0)
        #expect(outcome.toVersion == ShardSchema.currentVersion)
        #expect(verifier.verify(tenant).isSound)
    }

    @Test func aSummaryCountsPatientsAndNamesNoneOfThem() throws {
        let tenant = try fixture.makeTenant("Counted Clinic", patients: 4)
        let summary = TenantSummary(tenant, folder: fixture.data)
        #expect(summary.patientCount == 4)
        #expect((summary.fileBytes ?? 0) > 0)

        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(json.contains("\"patient_count\":4"))
        #expect(json.contains("\"last_backup_at\":null"))
        #expect(!json.contains("Test Patient"))
    }
}
