import Foundation

/// A bounded set of shards (connections to tenant files), each lent to one
/// request at a time.
///
/// At most `capacity` shards are open at once, and at most `shardsPerTenant` of one
/// tenant, so that a busy tenant's requests need not queue for one connection. A
/// lease takes an idle shard of its tenant if there is one, else opens another
/// while the pool has room and the tenant is below its share. When the pool is
/// full, a tenant without a shard closes every shard of the least recently used
/// tenant that has none leased, and a tenant with shards waits for one of its own:
/// opening a file costs more than waiting for a lease. A leased shard is never
/// closed.
///
/// Tenants are closed whole, never one shard of several: while a process has a
/// file open on one connection, SQLite keeps the descriptors of its other closed
/// connections to that file (closing one would drop the process's locks on it),
/// so closing part of a tenant would free a slot but no descriptor.
///
/// Unchecked `Sendable`: every stored `var` is read and written only while
/// `condition` is locked. Opening and closing files happen with it unlocked, the
/// shard counted busy meanwhile, so one slow file does not hold up other tenants.
public final class ShardPool: @unchecked Sendable {
    public let capacity: Int
    public let shardsPerTenant: Int
    private let open: @Sendable (TenantID) throws -> Shard
    private let condition = NSCondition()
    private var entries: [TenantID: Entry] = [:]
    /// Shards open, opening or closing: never more than `capacity`.
    private var shardCount = 0
    private var clock: UInt64 = 0
    private var counters = PoolStatistics()

    /// One tenant's shards.
    private final class Entry {
        /// Open shards that nobody holds, the most recently given back last.
        var idle: [Shard] = []
        /// Shards leased, opening or closing: nobody else may touch them.
        var busy = 0
        var lastUse: UInt64 = 0
        /// Being closed whole: leases wait until it is gone.
        var isClosing = false

        var count: Int { idle.count + busy }
    }

    /// A pool of at most `capacity` shards, `shardsPerTenant` of one tenant,
    /// opened by `open`.
    init(
        capacity: Int, shardsPerTenant: Int = 1,
        open: @escaping @Sendable (TenantID) throws -> Shard
    ) {
        precondition(capacity > 0, "a shard pool needs room for at least one shard")
        precondition(shardsPerTenant > 0, "a tenant needs at least one shard")
        self.capacity = capacity
        self.shardsPerTenant = shardsPerTenant
        self.open = open
    }

    /// A pool that opens tenant files in `folder`.
    public convenience init(capacity: Int, shardsPerTenant: Int = 1, folder: DataFolder) {
        self.init(capacity: capacity, shardsPerTenant: shardsPerTenant) {
            try Shard.open($0, in: folder)
        }
    }

    /// Runs `body` with one of tenant `id`'s shards, which nothing else uses meanwhile.
    func withShard<T>(_ id: TenantID, _ body: (Shard) throws -> T) throws -> T {
        let shard = try lease(id)
        defer { giveBack(shard, of: id) }
        return try body(shard)
    }

    /// Closes tenant `id`'s shards once their leases have ended; leases of the
    /// tenant wait meanwhile. Throws the first failure.
    public func close(_ id: TenantID) throws {
        condition.lock()
        defer { condition.unlock() }
        entries[id]?.isClosing = true
        while let entry = entries[id], entry.busy > 0 {
            counters.waits += 1
            condition.wait()
        }
        try closeIdleShards(of: id)
    }

    /// Closes every shard, each tenant's once its leases have ended; throws the
    /// first failure after trying them all.
    public func closeAll() throws {
        condition.lock()
        defer { condition.unlock() }
        var firstFailure: (any Error)?
        while !entries.isEmpty {
            if let idle = entries.first(where: { $0.value.busy == 0 })?.key {
                do { try closeIdleShards(of: idle) } catch { firstFailure = firstFailure ?? error }
            } else {
                condition.wait()
            }
        }
        if let firstFailure { throw firstFailure }
    }

    /// The tenants with shards open now.
    public var openTenantIDs: [TenantID] {
        condition.lock()
        defer { condition.unlock() }
        return Array(entries.keys)
    }

    /// Hits, misses, evictions, waits and open shards so far.
    public var statistics: PoolStatistics {
        condition.lock()
        defer { condition.unlock() }
        var snapshot = counters
        snapshot.openShards = shardCount
        return snapshot
    }

    private func lease(_ id: TenantID) throws -> Shard {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let entry = entries[id]
            if let entry, !entry.isClosing, let shard = entry.idle.popLast() {
                entry.busy += 1
                counters.hits += 1
                return shard
            }
            let held = entry?.count ?? 0
            if entry?.isClosing != true, shardCount < capacity, held < shardsPerTenant {
                counters.misses += 1
                return try openShard(of: id)
            }
            if held == 0, let victim = leastRecentlyUsedIdleTenant() {
                // A failed close is counted (closeFailures); the request goes on.
                entries[victim]?.isClosing = true
                try? closeIdleShards(of: victim)
            } else {
                counters.waits += 1
                condition.wait()
            }
        }
    }

    private func giveBack(_ shard: Shard, of id: TenantID) {
        condition.lock()
        defer { condition.unlock() }
        clock += 1
        if let entry = entries[id] {
            entry.busy -= 1
            entry.idle.append(shard)
            entry.lastUse = clock
        }
        condition.broadcast()
    }

    /// Counts a new shard of `id` and opens its file with the lock released.
    /// Called and returns with `condition` locked.
    private func openShard(of id: TenantID) throws -> Shard {
        let entry = entries[id] ?? Entry()
        entries[id] = entry
        entry.busy += 1
        shardCount += 1
        condition.unlock()
        let opened = Result { try open(id) }
        condition.lock()
        if case .failure = opened {
            forgetBusyShard(of: id)
            condition.broadcast()
        }
        return try opened.get()
    }

    /// Closes every idle shard of `id` with the lock released, and frees their
    /// slots even if closing fails; the entry goes when it has no shard left.
    /// Called and returns with `condition` locked.
    private func closeIdleShards(of id: TenantID) throws {
        guard let entry = entries[id], !entry.idle.isEmpty else { return }
        let closing = entry.idle
        entry.idle = []
        entry.busy += closing.count
        condition.unlock()
        var failures: [any Error] = []
        for shard in closing {
            do { try shard.close() } catch { failures.append(error) }
        }
        condition.lock()
        for _ in closing { forgetBusyShard(of: id) }
        counters.evictions += closing.count
        counters.closeFailures += failures.count
        condition.broadcast()
        if let failure = failures.first { throw failure }
    }

    /// Uncounts a busy shard of `id` that is gone; drops the entry if it is empty.
    private func forgetBusyShard(of id: TenantID) {
        guard let entry = entries[id] else { return }
        entry.busy -= 1
        shardCount -= 1
        if entry.count == 0 { entries[id] = nil }
    }

    /// The tenant used longest ago of those with idle shards and none leased.
    private func leastRecentlyUsedIdleTenant() -> TenantID? {
        var oldest: (id: TenantID, lastUse: UInt64)?
        for (id, entry) in entries
        where entry.busy == 0 && !entry.isClosing && !entry.idle.isEmpty
            && entry.lastUse < oldest?.lastUse ?? .max {
            oldest = (id, entry.lastUse)
        }
        return oldest?.id
    }

    /// Descriptors one open shard holds at most: the file, its WAL and its
    /// shared-memory index (which the shards of one tenant share).
    public static let descriptorsPerShard = 3

    /// Shards a tenant may have when `threads` request threads share a pool of
    /// `capacity`: one a thread, so that a busy tenant's requests do not queue
    /// for one, but at most four (its writers poll for each other's lock, and
    /// more of them only lengthen that queue), and few enough that the other
    /// threads' tenants cannot hold the whole pool: a full pool then always has
    /// a tenant with nothing leased to make room with.
    public static func defaultShardsPerTenant(threads: Int, capacity: Int) -> Int {
        max(1, min(4, threads, (capacity - 1) / max(1, threads - 1)))
    }

    /// A capacity that leaves `reserved` of the `available` file descriptors for
    /// everything else (connections, the catalog, logs); at least 8, at most 1,024.
    public static func defaultCapacity(available: Int, reserved: Int) -> Int {
        max(8, min(1_024, (available - reserved) / descriptorsPerShard))
    }
}

/// What a shard pool has done so far, for metrics.
public struct PoolStatistics: Sendable, Equatable {
    /// Leases of a shard that was open already.
    public var hits = 0
    /// Leases that had to open the shard's file.
    public var misses = 0
    /// Shards closed to make room or on request.
    public var evictions = 0
    /// Times a lease waited for another lease to end.
    public var waits = 0
    /// Closes SQLite refused; the slot was freed all the same.
    public var closeFailures = 0
    /// Shards open now.
    public var openShards = 0
}
