import Foundation
@testable import MedSynQ
import SQLite
import Synchronization
import Testing

@Suite struct CatalogTests {
    let folder: TestFolder
    let catalog: Catalog

    init() throws {
        folder = try TestFolder()
        catalog = try Catalog(folder: folder.data)
    }

    private func tenant(_ name: String) -> Tenant {
        Tenant(
            id: .random(), name: name, state: .active, schemaVersion: 1, createdAt: .now,
            lastBackupAt: nil, lastVerifiedAt: nil)
    }

    @Test func aTenantIsFoundByIDAndByAnyFormOfItsName() throws {
        let clinic = tenant("St. Anne's  Clinic")
        try catalog.insert(clinic)
        #expect(try catalog.tenant(id: clinic.id)?.name == "St. Anne's  Clinic")
        for name in ["st. anne's clinic", " ST. ANNE'S\tCLINIC ", "Ｓｔ. Anne's Clinic"] {
            #expect(try catalog.tenant(named: name)?.id == clinic.id)
        }
        #expect(try catalog.tenant(named: "St Annes Clinic") == nil)
    }

    @Test func aNameThatFoldsToATakenKeyIsRefused() throws {
        try catalog.insert(tenant("Harbour Clinic"))
        #expect(throws: CatalogError.nameTaken) { try catalog.insert(tenant("HARBOUR  clinic")) }
        #expect(try catalog.allTenants().count == 1)
    }

    @Test func changesByAnotherProcessAreSeenOnTheNextLookUp() throws {
        let clinic = tenant("Fern Clinic")
        try catalog.insert(clinic)
        #expect(try catalog.tenant(id: clinic.id)?.state == .active)

        let other = try Catalog(folder: folder.data)
        try other.setState(.maintenance, of: clinic.id)
        #expect(try catalog.tenant(id: clinic.id)?.state == .maintenance)
        try other.remove(clinic.id)
        #expect(try catalog.tenant(id: clinic.id) == nil)
    }

    @Test func tenantsAddedByAnotherProcessAreFoundByIDAndName() throws {
        let first = tenant("Alder Clinic")
        try catalog.insert(first)
        #expect(try catalog.tenant(id: first.id) != nil)
        let unknown = TenantID.random()
        #expect(try catalog.tenant(id: unknown) == nil)

        let other = try Catalog(folder: folder.data)
        let second = Tenant(
            id: unknown, name: "Birch Clinic", state: .active, schemaVersion: 1,
            createdAt: .now, lastBackupAt: nil, lastVerifiedAt: nil)
        try other.insert(second)
        #expect(try catalog.tenant(id: unknown)?.name == "Birch Clinic")
        #expect(try catalog.tenant(named: "BIRCH clinic")?.id == unknown)
        #expect(try catalog.allTenants().map(\.name) == ["Alder Clinic", "Birch Clinic"])
        #expect(try catalog.tenant(id: first.id)?.lookupKey == first.lookupKey)
    }

    @Test func everyConnectionSeesTheLatestStateWhateverWroteIt() throws {
        let shared = try Catalog(folder: folder.data, connections: 3)
        #expect(shared.connectionCount == 3)
        let clinic = tenant("Aspen Clinic")
        try shared.insert(clinic)
        let other = try Catalog(folder: folder.data)
        for state in [TenantState.maintenance, .active, .offboarding] {
            // Every connection has the tenant cached; then this process (through
            // the first connection) or another one changes its state.
            for index in 0..<3 { _ = try shared.tenant(id: clinic.id, connection: index) }
            try (state == .active ? other : shared).setState(state, of: clinic.id)
            for index in 0..<3 {
                #expect(try shared.tenant(id: clinic.id, connection: index)?.state == state)
            }
        }
    }

    @Test func lookUpsFromManyThreadsAtOnceAllAnswer() throws {
        let shared = try Catalog(folder: folder.data, connections: 2)
        let clinic = tenant("Rowan Clinic")
        try shared.insert(clinic)
        let answered = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            if (try? shared.tenant(id: clinic.id))??.id == clinic.id {
                answered.add(1, ordering: .relaxed)
            }
        }
        #expect(answered.load(ordering: .relaxed) == 200)
    }

    @Test func backupAndVerificationTimesAreRecorded() throws {
        let clinic = tenant("Moss Clinic")
        try catalog.insert(clinic)
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        try catalog.recordBackup(of: clinic.id, at: when)
        try catalog.recordVerification(of: clinic.id, at: when)
        let stored = try #require(try catalog.tenant(id: clinic.id))
        #expect(stored.lastBackupAt == when)
        #expect(stored.lastVerifiedAt == when)
    }

    @Test(arguments: ["", "../../etc/passwd", "ABCDEF0123456789ABCDEF0123456789", "abc"])
    func onlyServerShapedIDsAreTenantIDs(text: String) {
        #expect(TenantID(text) == nil)
    }

    @Test func generatedIDsAreDistinctAndWellFormed() {
        let ids = (0..<100).map { _ in TenantID.random() }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { TenantID($0.rawValue) == $0 })
    }
}
