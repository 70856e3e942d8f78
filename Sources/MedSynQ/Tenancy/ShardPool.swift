import Foundation

/// A bounded set of open tenant files, lent to one request at a time.
///
/// At most `capacity` shards are open at once. A miss when the pool is full closes
/// the least recently used shard that nobody holds; a leased shard is never closed,
/// and a request for a tenant whose shard is leased waits for it.
///
/// Unchecked `Sendable`: every stored `var` is read and written only while
/// `condition` is locked. Opening and closing files happen with it unlocked, the
/// entry marked busy meanwhile, so one slow file does not hold up other tenants.
public final class ShardPool: @unchecked Sendable {
    public let capacity: Int
    private let open: @Sendable (TenantID) throws -> Shard
    private let condition = NSCondition()
    private var entries: [TenantID: Entry] = [:]
    private var clock: UInt64 = 0
    private var counters = PoolStatistics()

    private final class Entry {
        var shard: Shard?
        /// Leased, opening or closing: in every case nobody else may touch it.
        var isBusy = true
        var lastUse: UInt64 = 0
    }

    /// A pool of at most `capacity` shards, opened by `open`.
    init(capacity: Int, open: @escaping @Sendable (TenantID) throws -> Shard) {
        precondition(capacity > 0, "a shard pool needs room for at least one shard")
        self.capacity = capacity
        self.open = open
    }

    /// A pool that opens tenant files in `folder`.
    public convenience init(capacity: Int, folder: DataFolder) {
        self.init(capacity: capacity) { try Shard.open($0, in: folder) }
    }

    /// Runs `body` with tenant `id`'s shard, which nothing else uses meanwhile.
    func withShard<T>(_ id: TenantID, _ body: (Shard) throws -> T) throws -> T {
        let shard = try lease(id)
        defer { giveBack(id) }
        return try body(shard)
    }

    /// Closes tenant `id`'s shard if it is open, after its lease ends.
    public func close(_ id: TenantID) throws {
        condition.lock()
        defer { condition.unlock() }
        while let entry = entries[id], entry.isBusy {
            counters.waits += 1
            condition.wait()
        }
        if entries[id] != nil { try evict(id) }
    }

    /// Closes every shard, waiting for each lease to end; throws the first failure
    /// after trying them all.
    public func closeAll() throws {
        condition.lock()
        defer { condition.unlock() }
        var firstFailure: (any Error)?
        while !entries.isEmpty {
            if let idle = entries.first(where: { !$0.value.isBusy })?.key {
                do { try evict(idle) } catch { firstFailure = firstFailure ?? error }
            } else {
                condition.wait()
            }
        }
        if let firstFailure { throw firstFailure }
    }

    /// The tenants whose shards are open now.
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
        snapshot.openShards = entries.count
        return snapshot
    }

    private func lease(_ id: TenantID) throws -> Shard {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let entry = entries[id] {
                if !entry.isBusy, let shard = entry.shard {
                    entry.isBusy = true
                    counters.hits += 1
                    return shard
                }
                counters.waits += 1
                condition.wait()
            } else if entries.count < capacity {
                counters.misses += 1
                return try openEntry(id)
            } else if let victim = leastRecentlyUsedIdle() {
                // A failed close is counted (closeFailures); the request goes on.
                try? evict(victim)
            } else {
                counters.waits += 1
                condition.wait()
            }
        }
    }

    private func giveBack(_ id: TenantID) {
        condition.lock()
        defer { condition.unlock() }
        clock += 1
        entries[id]?.lastUse = clock
        entries[id]?.isBusy = false
        condition.broadcast()
    }

    /// Reserves a slot for `id` and opens its file with the lock released.
    /// Called and returns with `condition` locked.
    private func openEntry(_ id: TenantID) throws -> Shard {
        let entry = Entry()
        entries[id] = entry
        condition.unlock()
        let opened = Result { try open(id) }
        condition.lock()
        switch opened {
        case .success(let shard):
            entry.shard = shard
            return shard
        case .failure(let error):
            entries[id] = nil
            condition.broadcast()
            throw error
        }
    }

    /// Closes idle shard `id` with the lock released and frees its slot.
    /// Called and returns with `condition` locked; the slot is freed even if closing fails.
    private func evict(_ id: TenantID) throws {
        guard let entry = entries[id] else { return }
        entry.isBusy = true
        condition.unlock()
        let closed = Result { try entry.shard?.close() }
        condition.lock()
        entries[id] = nil
        counters.evictions += 1
        if case .failure = closed { counters.closeFailures += 1 }
        condition.broadcast()
        try closed.get()
    }

    private func leastRecentlyUsedIdle() -> TenantID? {
        var oldest: (id: TenantID, lastUse: UInt64)?
        for (id, entry) in entries where !entry.isBusy && entry.lastUse < oldest?.lastUse ?? .max {
            oldest = (id, entry.lastUse)
        }
        return oldest?.id
    }

    /// Descriptors one open shard holds: the file, its WAL and its shared-memory index.
    public static let descriptorsPerShard = 3

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
