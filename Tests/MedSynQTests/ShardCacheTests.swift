import Foundation
import SQLite
import Testing

@testable import MedSynQ

/// A new shard in a temporary file, and a counter of how often a value is made.
private struct CacheFixture {
    let path: String
    let shard: Shard

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appending(path: "medsynq-cache-\(UUID().uuidString).sqlite").path
        shard = try Shard.create(TenantID.random(), at: path)
    }

    func count() throws -> Int {
        try shard.cached("count") { try PatientStore(connection: shard.connection).count() }
    }

    func remove() {
        try? shard.close()
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

private func addPatient(to connection: Connection) throws {
    try connection.query(
        "INSERT INTO patients (name, date_of_birth, created_at) VALUES (?, ?, ?)",
        "Ines Hollins", "1990-01-01", 0.0)
}

@Test func cachedValueIsReusedWhileTheFileIsUnchanged() throws {
    let fixture = try CacheFixture()
    defer { fixture.remove() }
    var made = 0
    for _ in 0..<3 {
        _ = try fixture.shard.cached("value") { made += 1; return made }
    }
    #expect(made == 1)
}

@Test func cachedValueIsMadeAgainAfterThisConnectionWrites() throws {
    let fixture = try CacheFixture()
    defer { fixture.remove() }
    #expect(try fixture.count() == 0)
    try addPatient(to: fixture.shard.connection)
    #expect(try fixture.count() == 1)
}

@Test func cachedValueIsMadeAgainAfterAnotherConnectionWrites() throws {
    let fixture = try CacheFixture()
    defer { fixture.remove() }
    #expect(try fixture.count() == 0)
    let other = try Connection(path: fixture.path)
    try addPatient(to: other)
    try other.close()
    // As a request does: a query (its session's) before the cached value.
    try fixture.shard.connection.query("SELECT count(*) FROM users")
    #expect(try fixture.count() == 1)
}
