import Foundation
@testable import MedSynQ
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
}
