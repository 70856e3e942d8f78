import Foundation
import SQLite
import Testing
import TestSupport

@testable import MedSynQ

/// A new shard in a temporary folder, and a counter of how often a value is made.
private struct CacheFixture {
    let path: String
    let shard: Shard
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        path = folder.path + "/shard.sqlite"
        shard = try Shard.create(TenantID.random(), at: path)
    }

    func count() throws -> Int {
        try shard.cached("count") { try PatientStore(connection: shard.connection).count() }
    }

    /// Closes the shard; the folder goes with the fixture.
    func close() {
        try? shard.close()
    }
}

private func addPatient(to connection: Connection) throws {
    try connection.query(
        "INSERT INTO patients (name, date_of_birth, created_at) VALUES (?, ?, ?)",
        "Ines Hollins", "1990-01-01", 0.0)
}

@Test func cachedValueIsReusedWhileTheFileIsUnchanged() throws {
    let fixture = try CacheFixture()
    defer { fixture.close() }
    var made = 0
    for _ in 0..<3 {
        _ = try fixture.shard.cached("value") { made += 1; return made }
    }
    #expect(made == 1)
}

@Test func cachedValueIsMadeAgainAfterThisConnectionWrites() throws {
    let fixture = try CacheFixture()
    defer { fixture.close() }
    #expect(try fixture.count() == 0)
    try addPatient(to: fixture.shard.connection)
    #expect(try fixture.count() == 1)
}

@Test func cachedValueIsMadeAgainAfterAnotherConnectionWrites() throws {
    let fixture = try CacheFixture()
    defer { fixture.close() }
    #expect(try fixture.count() == 0)
    let other = try Connection(path: fixture.path)
    try addPatient(to: other)
    try other.close()
    // As a request does: a query (its session's) before the cached value.
    try fixture.shard.connection.query("SELECT count(*) FROM users")
    #expect(try fixture.count() == 1)
}
