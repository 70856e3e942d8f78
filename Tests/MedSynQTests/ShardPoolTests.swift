import Foundation
@testable import MedSynQ
import Synchronization
import Testing

@Suite struct ShardPoolTests {
    let folder: TestFolder
    let ids: [TenantID]

    init() throws {
        let folder = try TestFolder()
        ids = try (0..<6).map { _ in
            let id = TenantID.random()
            try Shard.create(id, at: folder.data.shardPath(for: id)).close()
            return id
        }
        self.folder = folder
    }

    @Test func aSecondLeaseOfTheSameTenantIsAHit() throws {
        let pool = ShardPool(capacity: 2, folder: folder.data)
        try pool.withShard(ids[0]) { _ in }
        try pool.withShard(ids[0]) { _ in }
        let statistics = pool.statistics
        #expect(statistics.misses == 1)
        #expect(statistics.hits == 1)
        #expect(statistics.openShards == 1)
    }

    @Test func theLeastRecentlyUsedShardIsClosedFirst() throws {
        let pool = ShardPool(capacity: 2, folder: folder.data)
        try pool.withShard(ids[0]) { _ in }
        try pool.withShard(ids[1]) { _ in }
        try pool.withShard(ids[0]) { _ in }
        try pool.withShard(ids[2]) { _ in }

        // ids[1] was used least recently, so it went; ids[0] is still open.
        try pool.withShard(ids[0]) { _ in }
        #expect(pool.statistics.hits == 2)
        #expect(pool.statistics.evictions == 1)
        try pool.withShard(ids[1]) { _ in }
        #expect(pool.statistics.misses == 4)
    }

    @Test func aLeasedShardIsNeverClosed() throws {
        let pool = ShardPool(capacity: 1, folder: folder.data)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let other = ids[1]
        Thread {
            // Signalled whatever happens, so that a failure cannot hang the test.
            defer { holding.signal() }
            try? pool.withShard(other) { _ in
                holding.signal()
                release.wait()
            }
        }.start()
        holding.wait()

        let secondFinished = Atomic(false)
        let first = ids[0]
        let done = DispatchSemaphore(value: 0)
        Thread {
            try? pool.withShard(first) { shard in
                _ = try shard.connection.query("SELECT count(*) FROM patients")
            }
            secondFinished.store(true, ordering: .sequentiallyConsistent)
            done.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.2)
        let finishedWhileHeld = secondFinished.load(ordering: .sequentiallyConsistent)
        #expect(finishedWhileHeld == false)
        #expect(pool.statistics.evictions == 0)

        release.signal()
        done.wait()
        let finished = secondFinished.load(ordering: .sequentiallyConsistent)
        #expect(finished)
        #expect(pool.statistics.evictions == 1)
        #expect(pool.statistics.waits >= 1)
    }

    @Test func aBusyTenantGetsAnotherShardUpToItsShare() throws {
        let pool = ShardPool(capacity: 4, shardsPerTenant: 2, folder: folder.data)
        let first = try Self.hold(ids[0], in: pool)
        defer { first() }
        // The first shard is held, so a second opens rather than waiting.
        let second = try Self.hold(ids[0], in: pool)
        #expect(pool.statistics.misses == 2)
        #expect(pool.statistics.waits == 0)

        // A third would exceed the tenant's share: it waits for one of the two.
        let thirdDone = Self.lease(ids[0], in: pool)
        #expect(thirdDone.wait(timeout: .now() + 0.2) == .timedOut)
        second()
        thirdDone.wait()
        #expect(pool.statistics.misses == 2)
        #expect(pool.statistics.hits == 1)
        #expect(pool.statistics.openShards == 2)
    }

    @Test func inAFullPoolATenantWithAShardWaitsRatherThanClosingAnother() throws {
        let pool = ShardPool(capacity: 2, shardsPerTenant: 2, folder: folder.data)
        try pool.withShard(ids[1]) { _ in }
        let held = try Self.hold(ids[0], in: pool)
        let done = Self.lease(ids[0], in: pool)
        #expect(done.wait(timeout: .now() + 0.2) == .timedOut)
        held()
        done.wait()
        #expect(pool.statistics.evictions == 0)
        #expect(pool.statistics.hits == 1)
        #expect(Set(pool.openTenantIDs) == [ids[0], ids[1]])
    }

    @Test func makingRoomClosesEveryShardOfTheTenantUsedLongestAgo() throws {
        let pool = ShardPool(capacity: 3, shardsPerTenant: 2, folder: folder.data)
        let releases = try (0..<2).map { _ in try Self.hold(ids[0], in: pool) }
        for release in releases { release() }
        try pool.withShard(ids[1]) { _ in }
        try pool.withShard(ids[2]) { _ in }

        // Both of ids[0]'s shards went, and with them its descriptors.
        #expect(pool.statistics.evictions == 2)
        #expect(Set(pool.openTenantIDs) == [ids[1], ids[2]])
        #expect(Self.openDatabaseFiles(under: folder.data.tenantsPath) == 2)
    }

    @Test func closingATenantWaitsForEachLeaseAndHoldsBackNewOnes() throws {
        // A share of three, so that only the closing holds the third lease back.
        let pool = ShardPool(capacity: 4, shardsPerTenant: 3, folder: folder.data)
        let first = try Self.hold(ids[0], in: pool)
        let second = try Self.hold(ids[0], in: pool)
        let closed = DispatchSemaphore(value: 0)
        Thread {
            try? pool.close(self.ids[0])
            closed.signal()
        }.start()
        #expect(closed.wait(timeout: .now() + 0.2) == .timedOut)
        let leased = Self.lease(ids[0], in: pool)
        #expect(leased.wait(timeout: .now() + 0.2) == .timedOut)

        first()
        second()
        closed.wait()
        leased.wait()
        #expect(pool.statistics.evictions == 2)
        #expect(pool.statistics.misses == 3)
        #expect(pool.statistics.openShards == 1)
    }

    @Test func closingATenantClosesEachOfItsShards() throws {
        let pool = ShardPool(capacity: 4, shardsPerTenant: 3, folder: folder.data)
        let releases = try (0..<3).map { _ in try Self.hold(ids[0], in: pool) }
        for release in releases { release() }
        #expect(pool.statistics.openShards == 3)
        try pool.close(ids[0])
        #expect(pool.statistics.openShards == 0)
        #expect(pool.statistics.evictions == 3)
        #expect(Self.openDatabaseFiles(under: folder.data.tenantsPath) == 0)
    }

    /// Leases a shard of `id` on another thread and gives it back at once; the
    /// semaphore is signalled when that is done.
    private static func lease(_ id: TenantID, in pool: ShardPool) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            try? pool.withShard(id) { _ in }
            done.signal()
        }.start()
        return done
    }

    /// Leases a shard of `id` on another thread until the returned function is
    /// called, which returns once the shard is given back.
    private static func hold(_ id: TenantID, in pool: ShardPool) throws -> () -> Void {
        let leased = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let givenBack = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Thread {
            defer { givenBack.signal() }
            do {
                try pool.withShard(id) { _ in
                    leased.signal()
                    release.wait()
                }
            } catch {
                failure.withLock { $0 = error }
                leased.signal()
            }
        }.start()
        leased.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return {
            release.signal()
            givenBack.wait()
        }
    }

    @Test func concurrentLeasesNeverOpenMoreThanTheCapacity() throws {
        let pool = ShardPool(capacity: 3, shardsPerTenant: 2, folder: folder.data)
        let peak = Atomic(0)
        let lent = Mutex(Set<ObjectIdentifier>())
        let sharedLeases = Atomic(0)
        let ids = self.ids
        let tenantsPath = folder.data.tenantsPath
        DispatchQueue.concurrentPerform(iterations: 300) { index in
            try? pool.withShard(ids[index % ids.count]) { shard in
                let shardID = ObjectIdentifier(shard)
                if !lent.withLock({ $0.insert(shardID).inserted }) {
                    sharedLeases.add(1, ordering: .relaxed)
                }
                defer { _ = lent.withLock { $0.remove(shardID) } }
                _ = try shard.connection.query("SELECT count(*) FROM users")
                let open = Self.openDatabaseFiles(under: tenantsPath)
                peak.max(open, ordering: .relaxed)
            }
        }
        #expect(sharedLeases.load(ordering: .relaxed) == 0)
        let highest = peak.load(ordering: .relaxed)
        #expect(highest <= 3)
        #expect(highest >= 1)
        #expect(pool.statistics.openShards <= 3)
        try pool.closeAll()
        #expect(Self.openDatabaseFiles(under: tenantsPath) == 0)
    }

    @Test func aTenantsShareLeavesRoomForATenantWithNothingLeased() {
        for (threads, capacity) in [(2, 128), (8, 16), (8, 1), (4, 4), (32, 1_024), (1, 8)] {
            let share = ShardPool.defaultShardsPerTenant(threads: threads, capacity: capacity)
            #expect((1...4).contains(share))
            // The tenants of the other threads, each holding its share, leave a slot.
            #expect(share == 1 || (threads - 1) * share < capacity)
        }
        #expect(ShardPool.defaultShardsPerTenant(threads: 2, capacity: 128) == 2)
        #expect(ShardPool.defaultShardsPerTenant(threads: 8, capacity: 16) == 2)
    }

    /// How many descriptors of tenant database files this process holds, read
    /// from /proc (two connections to one file hold two).
    static func openDatabaseFiles(under folder: String) -> Int {
        let files = FileManager.default
        let descriptors = (try? files.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let targets = descriptors.compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
        }
        return targets.filter { $0.hasPrefix(folder) && $0.hasSuffix(".sqlite") }.count
    }

    @Test func closingATenantWaitsForItsLeaseAndReopensLater() throws {
        let pool = ShardPool(capacity: 2, folder: folder.data)
        try pool.withShard(ids[0]) { _ in }
        try pool.close(ids[0])
        #expect(pool.statistics.openShards == 0)
        try pool.withShard(ids[0]) { _ in }
        #expect(pool.statistics.misses == 2)
    }

    @Test func aFileThatCannotOpenFreesItsSlot() throws {
        let pool = ShardPool(capacity: 1, folder: folder.data)
        #expect(throws: (any Error).self) { try pool.withShard(TenantID.random()) { _ in } }
        #expect(pool.statistics.openShards == 0)
        try pool.withShard(ids[0]) { _ in }
    }
}
