import Foundation
@testable import MedSynQ
import SQLite
import Testing

@Suite struct SessionStoreTests {
    @Test func endedSessionsAreDeletedAndLiveOnesKept() throws {
        let folder = try TestFolder()
        let id = TenantID.random()
        let shard = try Shard.create(id, at: folder.data.shardPath(for: id))
        let user = try UserStore(connection: shard.connection).add(
            name: "Vi", email: "vi@example.org", passwordHash: "x", isAdmin: false)
        let sessions = SessionStore(connection: shard.connection)
        let policy = SessionPolicy(idleTimeout: 60, absoluteTimeout: 3_600)
        let now = Date.now
        let idle = try sessions.start(for: user, now: now.addingTimeInterval(-120))
        let live = try sessions.start(for: user, now: now)

        try sessions.endExpired(under: policy, now: now)
        #expect(try sessions.find(secret: idle) == nil)
        let found = try #require(try sessions.find(secret: live))
        #expect(found.user == user)
        #expect(!policy.hasExpired(found, now: now))
        #expect(policy.hasExpired(found, now: now.addingTimeInterval(61)))
    }

    @Test func erasingLeavesNothingOfTheSessionsInTheFile() throws {
        let folder = try TestFolder()
        let path = folder.data.root.path + "/erase.sqlite"
        let connection = try Connection(path: path)
        try ShardSchema.migrate(connection)
        // Off, as some builds of SQLite have it: deleted rows would stay in the file.
        try connection.execute("PRAGMA journal_mode = OFF; PRAGMA secure_delete = OFF")
        let user = try UserStore(connection: connection).add(
            name: "Vi", email: "vi@example.org", passwordHash: "x", isAdmin: false)
        let sessions = SessionStore(connection: connection)
        let secret = try sessions.start(for: user)
        let digest = Credentials.digest(secret)
        let token = try #require(try sessions.find(secret: secret)).csrfToken

        try sessions.eraseAll()
        try connection.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data(digest.utf8)) == nil)
        #expect(bytes.range(of: Data(token.utf8)) == nil)
        #expect(bytes.range(of: Data("vi@example.org".utf8)) != nil)
    }
}
